package gogen

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// validation emits Validate methods and the validator functions they call.
// Checks are plain if statements; the path to a value is a validation.Path on the
// stack, turned into a string only when a check fails, so a valid input
// validates without allocating. What to check is the Plan's decision
// (memberChecks); this file only writes it down.
//
// The same code writes the functions of the default Validation mode, which
// check required members only: it is given their checks and function names
// (requiredChecks, requireFn) in place of Validate's (checks, validateFn).
type validation struct {
	p *Plan
	f *jen.File
	// checks and fn are what to check of each member and the function
	// that checks a value of each aggregate.
	checks map[*shapes.Member]*memberChecks
	fn     map[*shapes.Shape]string
}

// The functions take their parent path by value, a Path of five words. A
// recursive shape makes its functions call themselves, and a *Path
// parameter would then receive the address of a Path local to the same
// function: escape analysis takes the parameter to outlive the local and
// moves every such Path to the heap, so that validating a tree allocated
// at each level. A Path parameter, whose own address is what goes down,
// stays on the stack.

// emitValidation returns validate_gen.go and, when an input has patterns,
// patterns_gen.go with their prepared forms (a file of its own: it is
// rendered alongside the validators, and read apart from them).
func emitValidation(p *Plan) (validators, patterns *jen.File) {
	v := &validation{p: p, f: jen.NewFilePathName(p.ImportPath, p.Package), checks: p.checks, fn: p.validateFn}
	v.f.HeaderComment(header)
	for _, op := range p.Operations {
		v.emitInput(op)
	}
	for _, s := range p.Validators {
		v.emitAggregate(s, "%s checks a %s value.")
	}
	req := p.requiring(v.f)
	for _, s := range p.Requirers {
		req.emitAggregate(s, "%s checks the required members in a %s value, at every depth, for the default Validation mode.")
	}
	if len(p.PatternOrder) == 0 {
		return v.f, nil
	}
	pf := jen.NewFilePathName(p.ImportPath, p.Package)
	pf.HeaderComment(header)
	for i, pat := range p.PatternOrder {
		name := p.patternVars[pat]
		if i > 0 {
			pf.Line()
		}
		pf.Add(comment(wrap("%s is the pattern %s, parsed when this package was generated; the matcher is built on first use.", name, pat)))
		pf.Var().Id(name).Op("=").Add(preparedLit(p.RegexPath, p.prepared[pat]))
	}
	return v.f, pf
}

func (v *validation) emitInput(op *Operation) {
	name := op.InputName
	v.f.Add(comment(wrap("Validate checks the input against the constraints of the service model (required members, lengths, ranges, patterns, unique items and enum values) and returns an *InvalidParamsError listing every violation, or nil. A nil input is checked as an empty one.")))
	v.f.Func().Params(jen.Id("in").Op("*").Id(name)).Id("Validate").Params().Error().BlockFunc(func(g *jen.Group) {
		s := op.Input
		if s == nil || s.IsUnit() || !slices.ContainsFunc(s.Members, func(m *shapes.Member) bool { return v.checks[m].any() }) {
			g.Return(jen.Nil())
			return
		}
		g.If(jen.Id("in").Op("==").Nil()).Block(jen.Id("in").Op("=").Op("&").Id(name).Values())
		g.Id("v").Op(":=").Op("&").Add(v.p.validationQual("Validator")).Values()
		v.structBody(g, s, jen.Id("in"), nil)
		g.Return(jen.Id("v").Dot("Err").Call(jen.Lit(name)))
	})
	v.f.Line()
}

// structBody emits the checks of each member of structure s, whose value is
// the pointer expression x, below the path expression parent (nil for the
// input itself).
func (v *validation) structBody(g *jen.Group, s *shapes.Shape, x *jen.Statement, parent jen.Code) {
	for _, m := range s.Members {
		c := v.checks[m]
		if !c.any() {
			continue
		}
		field := x.Clone().Dot(v.p.FieldName(m))
		if v.p.presenceOnly(m) {
			if c.required {
				g.If(field.Op("==").Nil()).Block(
					jen.Id("p").Op(":=").Add(v.pathLit(parent, jen.Id("Name").Op(":").Lit(m.Name))),
					jen.Id("v").Dot("Required").Call(jen.Op("&").Id("p")),
				)
			}
			continue
		}
		g.BlockFunc(func(g *jen.Group) {
			g.Id("p").Op(":=").Add(v.pathLit(parent, jen.Id("Name").Op(":").Lit(m.Name)))
			v.memberChecks(g, m, c, field)
		})
	}
}

// memberChecks emits the checks of one structure member whose field is
// field; the path is the local p.
func (v *validation) memberChecks(g *jen.Group, m *shapes.Member, c *memberChecks, field *jen.Statement) {
	t := m.Target
	pointer := v.p.IsPointer(m)
	var unset, set jen.Code
	switch {
	case pointer, nilableKind(t):
		unset, set = field.Clone().Op("==").Nil(), field.Clone().Op("!=").Nil()
	case t.IsEnum():
		unset, set = field.Clone().Op("==").Lit(""), field.Clone().Op("!=").Lit("")
	case t.Kind.IsNumber():
		// A value field: its default is 0 (see IsPointer), which the field
		// holds when the caller left it unset. The default is not a value
		// to check: Smithy lets a model give a number a default of 0
		// outside its @range (a warning, for models converted from 1.0:
		// Data Exchange's MaxResults = 0 with @range(min: 1)), and the
		// client does not send it. Any other default that breaks the
		// member's constraints is refused (defaultBreaks), so a string's
		// "" is checked as any value is.
		set = field.Clone().Op("!=").Lit(0)
	}
	value := field.Clone()
	if pointer && t.Kind != shapes.KindStructure {
		value = jen.Op("*").Add(field.Clone())
	}
	checks := jen.BlockFunc(func(b *jen.Group) { v.valueChecks(b, m, c, value, false) })
	switch {
	case !c.value() && c.required:
		g.If(unset).Block(jen.Id("v").Dot("Required").Call(jen.Op("&").Id("p")))
	case c.required:
		g.If(unset).Block(jen.Id("v").Dot("Required").Call(jen.Op("&").Id("p"))).Else().Add(checks)
	case set == nil:
		g.Add(checks)
	default:
		g.If(set).Add(checks)
	}
}

// valueChecks emits the checks of a value x of member m, which is present
// unless maybeNil (an element of a collection or a union's value, whose Go
// type can be nil).
func (v *validation) valueChecks(g *jen.Group, m *shapes.Member, c *memberChecks, x *jen.Statement, maybeNil bool) {
	t := m.Target
	path := jen.Op("&").Id("p")
	if c.label {
		g.If(x.Clone().Op("==").Lit("")).Block(
			jen.Id("v").Dot("EmptyLabel").Call(path))
	}
	if l := c.length; l != nil && t.Kind == shapes.KindString {
		g.Add(stringLengthCheck(l, path, asString(t, x)))
	} else if l != nil {
		n := jen.Len(x.Clone())
		var cond *jen.Statement
		switch {
		case l.min == l.max:
			cond = jen.Id("n").Op("!=").Lit(int(l.min))
		case l.min > 0 && l.max >= 0:
			cond = jen.Id("n").Op("<").Lit(int(l.min)).Op("||").Id("n").Op(">").Lit(int(l.max))
		case l.min > 0:
			cond = jen.Id("n").Op("<").Lit(int(l.min))
		default:
			cond = jen.Id("n").Op(">").Lit(int(l.max))
		}
		g.If(jen.Id("n").Op(":=").Add(n), cond).Block(
			jen.Id("v").Dot("Length").Call(path, jen.Id("n"), jen.Lit(int(l.min)), jen.Lit(int(l.max))),
		)
	}
	if c.rng != nil {
		v.rangeCheck(g, t, c.rng, x, maybeNil)
	}
	if c.pattern != nil {
		g.If(jen.Op("!").Id(v.p.patternVars[c.pattern.source]).Dot("MatchString").Call(asString(t, x))).Block(
			jen.Id("v").Dot("Pattern").Call(path, rawLit(c.pattern.source)),
		)
	}
	if c.document {
		g.If(jen.Err().Op(":=").Add(v.p.documentCheck(x)), jen.Err().Op("!=").Nil()).Block(
			jen.Id("v").Dot("Document").Call(path, jen.Err()),
		)
	}
	switch {
	case c.enum:
		g.If(jen.Op("!").Add(receiver(x)).Dot("IsKnown").Call()).Block(
			jen.Id("v").Dot("Enum").Call(path, jen.String().Call(x.Clone())),
		)
	case c.intEnum:
		// A value field's 0, its default, is not checked (memberChecks);
		// pointers, list items and map values are, whatever they hold.
		g.If(jen.Op("!").Add(receiver(x)).Dot("IsKnown").Call()).Block(
			jen.Id("v").Dot("Enum").Call(path, jen.Qual("strconv", "Itoa").Call(jen.Int().Call(x.Clone()))),
		)
	case c.unique:
		v.uniqueCheck(g, t, x)
	}
	if c.nested {
		g.Id(v.fn[t]).Call(jen.Id("v"), jen.Id("p"), x.Clone())
	}
}

// stringLengthCheck checks a string's @length, which counts runes. Counting
// them takes a loop, which would be compiled into every check; instead the
// byte length decides whether they need counting at all (see
// byteBounds), and only then is Validator.StringLength called, to
// count and report. For the usual @length(min: 1) the test is b < 1, as
// cheap as for a list.
func stringLengthCheck(l *lengthCheck, path jen.Code, s *jen.Statement) jen.Code {
	below, above := l.byteBounds()
	check := jen.Id("v").Dot("StringLength").Call(path, s, jen.Lit(int(l.min)), jen.Lit(int(l.max)))
	if above >= 0 && below > above {
		// Every byte length may break the bounds (an exact length, say):
		// the runes are always counted.
		return check
	}
	var cond *jen.Statement
	if below > 0 {
		cond = jen.Id("n").Op("<").Lit(int(below))
	}
	if above >= 0 {
		over := jen.Id("n").Op(">").Lit(int(above))
		if cond == nil {
			cond = over
		} else {
			cond = cond.Op("||").Add(over)
		}
	}
	return jen.If(jen.Id("n").Op(":=").Len(s.Clone()), cond).Block(check)
}

// byteBounds turns a string's bounds in runes into bounds in bytes: a string
// of b bytes can break the rune bounds only if b < below or (above >= 0)
// b > above. n runes take n to 4n bytes (an invalid byte counts as one
// rune), so b bytes hold at most b runes and at least ceil(b/4); ceil(b/4) <
// min exactly when b < 4min-3. below is capped to fit a 32-bit int: beyond
// it, every string is counted.
func (l *lengthCheck) byteBounds() (below, above int64) {
	if l.min > 0 {
		below = min(4*l.min-3, math.MaxInt32)
	}
	return below, l.max
}

// rangeCheck compares a number with its range.
func (v *validation) rangeCheck(g *jen.Group, t *shapes.Shape, rc *rangeCheck, x *jen.Statement, maybeNil bool) {
	path := jen.Op("&").Id("p")
	if rc.big {
		fn := "IntOutside"
		if t.Kind == shapes.KindBigDecimal {
			fn = "FloatOutside"
		}
		cond := jen.Qual(v.p.runtimePkg("bigrange"), fn).Call(x.Clone(), jen.Lit(rc.bigMin), jen.Lit(rc.bigMax))
		if maybeNil {
			// A nil *big.Int in a list, map or union is no value, not 0.
			cond = x.Clone().Op("!=").Nil().Op("&&").Add(cond)
		}
		g.If(cond).Block(
			jen.Id("v").Dot("OutOfRange").Call(path, x.Clone().Dot("String").Call(), jen.Lit(rc.min), jen.Lit(rc.max)),
		)
		return
	}
	var cond *jen.Statement
	for _, rcond := range rc.conds {
		op := ">"
		if rcond.less {
			op = "<"
		}
		var lit jen.Code = jen.Lit(int(rcond.bound))
		if rcond.isFloat {
			lit = jen.Lit(rcond.bound)
		}
		c := jen.Id("n").Op(op).Add(lit)
		if cond == nil {
			cond = c
		} else {
			cond = cond.Op("||").Add(c)
		}
	}
	var str jen.Code
	switch t.Kind {
	case shapes.KindFloat, shapes.KindDouble:
		bits := 64
		if t.Kind == shapes.KindFloat {
			bits = 32
		}
		str = jen.Qual("strconv", "FormatFloat").Call(jen.Float64().Call(jen.Id("n")), jen.LitRune('g'), jen.Lit(-1), jen.Lit(bits))
	default:
		str = jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(jen.Id("n")), jen.Lit(10))
	}
	g.If(jen.Id("n").Op(":=").Add(x.Clone()), cond).Block(
		jen.Id("v").Dot("OutOfRange").Call(path, str, jen.Lit(rc.min), jen.Lit(rc.max)),
	)
}

// uniqueCheck reports the first two equal items of a uniqueItems list:
// comparable elements with ==, timestamps by instant, anything else by
// deep equality (so that pointers are followed, as equality "by value" needs).
func (v *validation) uniqueCheck(g *jen.Group, list *shapes.Shape, x *jen.Statement) {
	el := list.ListMember().Target
	var call *jen.Statement
	switch {
	case el.Kind == shapes.KindTimestamp && !list.Traits.Sparse():
		call = v.p.validationQual("DuplicateOfFunc").Call(x.Clone(), jen.Qual("time", "Time").Dot("Equal"))
	case comparableKind(el) && !list.Traits.Sparse():
		call = v.p.validationQual("DuplicateOf").Call(x.Clone())
	default:
		elType := v.p.ElemType(list.ListMember(), list.Traits.Sparse())
		call = v.p.validationQual("DuplicateOfFunc").Call(x.Clone(), jen.Func().Params(jen.List(jen.Id("a"), jen.Id("b")).Add(elType)).Bool().Block(
			jen.Return(jen.Qual("reflect", "DeepEqual").Call(jen.Id("a"), jen.Id("b"))),
		))
	}
	g.If(jen.List(jen.Id("i"), jen.Id("j")).Op(":=").Add(call), jen.Id("i").Op(">=").Lit(0)).Block(
		jen.Id("v").Dot("Duplicate").Call(jen.Op("&").Id("p"), jen.Id("i"), jen.Id("j")),
	)
}

func comparableKind(s *shapes.Shape) bool {
	switch s.Kind {
	case shapes.KindString, shapes.KindEnum, shapes.KindIntEnum, shapes.KindBoolean, shapes.KindByte,
		shapes.KindShort, shapes.KindInteger, shapes.KindLong, shapes.KindFloat, shapes.KindDouble:
		return true
	}
	return false
}

// emitAggregate emits the validator function of a structure, union, list or
// map; doc is its comment, a format given the function's and the shape's names.
func (v *validation) emitAggregate(s *shapes.Shape, doc string) {
	name := v.fn[s]
	p := v.p
	var param jen.Code
	switch s.Kind {
	case shapes.KindStructure:
		param = jen.Op("*").Add(p.ValueType(s))
	default:
		param = p.ValueType(s)
	}
	v.f.Commentf(doc, name, s.ID.Name)
	pathType, parent := v.p.validationQual("Path"), jen.Op("&").Id("parent")
	v.f.Func().Id(name).Params(jen.Id("v").Op("*").Add(v.p.validationQual("Validator")), jen.Id("parent").Add(pathType), jen.Id("x").Add(param)).BlockFunc(func(g *jen.Group) {
		switch s.Kind {
		case shapes.KindStructure:
			g.If(jen.Id("x").Op("==").Nil()).Block(jen.Return())
			v.structBody(g, s, jen.Id("x"), parent)
		case shapes.KindUnion:
			g.Switch(jen.Id("u").Op(":=").Id("x").Assert(jen.Type())).BlockFunc(func(sw *jen.Group) {
				for _, m := range s.Members {
					c := v.checks[m]
					if m.Target.IsUnit() || !c.value() {
						continue
					}
					sw.Case(jen.Op("*").Qual(p.TypesPath, p.UnionMemberName(m))).Block(
						jen.If(jen.Id("u").Op("==").Nil()).Block(jen.Return()),
						jen.Id("p").Op(":=").Add(v.pathLit(parent, jen.Id("Name").Op(":").Lit(m.Name))),
						jen.BlockFunc(func(b *jen.Group) {
							val := jen.Id("u").Dot("Value")
							if m.Target.Kind == shapes.KindStructure {
								val = jen.Op("&").Add(val)
							}
							v.valueChecks(b, m, c, val, true)
						}),
					)
				}
			})
		case shapes.KindList:
			m := s.ListMember()
			g.For(jen.Id("i").Op(":=").Range().Id("x")).BlockFunc(func(b *jen.Group) {
				b.Id("p").Op(":=").Add(v.pathLit(parent, jen.Id("Index").Op(":").Id("i"), jen.Id("IsIndex").Op(":").True()))
				el := jen.Id("x").Index(jen.Id("i"))
				if s.Traits.Sparse() {
					// A null in a sparse list is a value of its own, with
					// nothing to check.
					b.If(el.Clone().Op("==").Nil()).Block(jen.Continue())
					if !nilableKind(m.Target) && m.Target.Kind != shapes.KindStructure {
						el = jen.Op("*").Add(el)
					}
				} else if m.Target.Kind == shapes.KindStructure {
					el = jen.Op("&").Add(el)
				}
				v.valueChecks(b, m, v.checks[m], el, true)
			})
		case shapes.KindMap:
			km, vm := s.MapKey(), s.MapValue()
			kc, vc := v.checks[km], v.checks[vm]
			sparse := s.Traits.Sparse()
			g.Id("start").Op(":=").Len(jen.Id("v").Dot("List"))
			vars := jen.Id("k")
			if vc.value() {
				vars = jen.List(jen.Id("k"), jen.Id("e"))
			}
			g.For(vars.Op(":=").Range().Id("x")).BlockFunc(func(b *jen.Group) {
				if kc.value() {
					// The key's own path, {k}, so that its violations are
					// told from those of the value under it, [k].
					b.BlockFunc(func(kb *jen.Group) {
						kb.Id("p").Op(":=").Add(v.pathLit(parent, jen.Id("Name").Op(":").Id("k"), jen.Id("IsKey").Op(":").True(), jen.Id("KeyItself").Op(":").True()))
						v.valueChecks(kb, km, kc, keyExpr(p, km), false)
					})
				}
				if vc.value() {
					b.Id("p").Op(":=").Add(v.pathLit(parent, jen.Id("Name").Op(":").Id("k"), jen.Id("IsKey").Op(":").True()))
					el := jen.Id("e")
					if sparse {
						b.If(jen.Id("e").Op("==").Nil()).Block(jen.Continue())
						if !nilableKind(vm.Target) && vm.Target.Kind != shapes.KindStructure {
							el = jen.Op("*").Id("e")
						}
					} else if vm.Target.Kind == shapes.KindStructure {
						el = jen.Op("&").Id("e")
					}
					v.valueChecks(b, vm, vc, el, true)
				}
			})
			g.Id("v").Dot("SortFrom").Call(jen.Id("start"))
		}
	})
	v.f.Line()
}

// requiring is the emitter of the default Validation mode's functions, which
// check required members only, into f.
func (p *Plan) requiring(f *jen.File) *validation {
	return &validation{p: p, f: f, checks: p.requiredChecks, fn: p.requireFn}
}

// presenceOnly reports whether a member's value is a stream, of which
// nothing is checked but its presence: a blob's bytes are read as the
// request is sent, and an event stream's events come after the call has
// begun.
func (p *Plan) presenceOnly(m *shapes.Member) bool {
	return IsStreaming(m) || (isEventStream(m) && p.eventReader[m.Target] != "")
}

// keyExpr is the map key as a value of the key's Go type.
func keyExpr(p *Plan, km *shapes.Member) *jen.Statement {
	if km.Target.IsEnum() {
		return p.ValueType(km.Target).Call(jen.Id("k"))
	}
	return jen.Id("k")
}

// pathLit is a validation.Path literal; a nil parent (the input itself) is
// left out.
func (v *validation) pathLit(parent jen.Code, fields ...jen.Code) *jen.Statement {
	if parent != nil {
		fields = append([]jen.Code{jen.Id("Parent").Op(":").Add(parent)}, fields...)
	}
	return v.p.validationQual("Path").Values(fields...)
}

// asString is x as a Go string (enums need a conversion, strings do not).
func asString(t *shapes.Shape, x *jen.Statement) *jen.Statement {
	if t.IsEnum() {
		return jen.String().Call(x.Clone())
	}
	return x.Clone()
}

// rawLit writes a pattern as a raw string literal, which keeps its
// backslashes readable, unless it contains a backquote.
func rawLit(s string) *jen.Statement {
	if strings.ContainsAny(s, "`\r") || !utf8.ValidString(s) {
		return jen.Lit(s)
	}
	for _, r := range s {
		if r < ' ' && r != '\t' {
			return jen.Lit(s)
		}
	}
	return jen.Op("`" + s + "`")
}

// receiver makes x usable before a method call: a dereference needs
// parentheses ("(*x).IsKnown()"), anything else does not.
func receiver(x *jen.Statement) *jen.Statement {
	if strings.HasPrefix(fmt.Sprintf("%#v", x), "*") {
		return jen.Parens(x.Clone())
	}
	return x.Clone()
}

// documentCheck is the call that checks the document x is one JSON value.
func (p *Plan) documentCheck(x *jen.Statement) *jen.Statement {
	return jen.Qual(p.runtimePkg("jsonwire"), "ValidJSON").Call(x.Clone())
}
