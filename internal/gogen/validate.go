package gogen

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/naming"
	"github.com/smithygo/smithygo/internal/shapes"
	"github.com/smithygo/smithygo/templates/ecmaregex"
)

// validation emits Validate methods and the validator functions they call.
// Checks are plain if statements; the path to a value is a fieldPath on the
// stack, turned into a string only when a check fails, so a valid input
// validates without allocating.
type validation struct {
	p        *Plan
	f        *jen.File
	needs    map[*shapes.Shape]bool
	funcs    map[*shapes.Shape]string // aggregate shape → validator function name
	queue    []*shapes.Shape
	scope    *naming.Scope
	patterns map[string]string // pattern → package-level variable
	patOrder []string
	prepared map[string]*ecmaregex.Prepared // pattern → its parsed form
	err      error
}

// emitValidation returns validate_gen.go and, when an input has patterns,
// patterns_gen.go with their prepared forms (a file of its own: it is
// rendered alongside the validators, and read apart from them).
func emitValidation(p *Plan) (validators, patterns *jen.File, err error) {
	v := &validation{
		p:        p,
		f:        jen.NewFilePathName(p.ImportPath, p.Package),
		funcs:    map[*shapes.Shape]string{},
		scope:    naming.NewScope(),
		patterns: map[string]string{},
		prepared: map[string]*ecmaregex.Prepared{},
	}
	v.f.HeaderComment(header)
	v.computeNeeds()
	for _, op := range p.Operations {
		v.emitInput(op)
	}
	for len(v.queue) > 0 {
		s := v.queue[0]
		v.queue = v.queue[1:]
		v.emitAggregate(s)
	}
	if v.err != nil {
		return nil, nil, v.err
	}
	if len(v.patOrder) == 0 {
		return v.f, nil, nil
	}
	pf := jen.NewFilePathName(p.ImportPath, p.Package)
	pf.HeaderComment(header)
	for i, pat := range v.patOrder {
		name := v.patterns[pat]
		if i > 0 {
			pf.Line()
		}
		pf.Add(comment(wrap("%s is the pattern %s, parsed when this package was generated; the matcher is built on first use.", name, pat)))
		pf.Var().Id(name).Op("=").Add(preparedLit(p.RegexPath, v.prepared[pat]))
	}
	return v.f, pf, nil
}

// computeNeeds finds the shapes whose values have something to check,
// iterating to a fixed point so that recursive shapes are handled.
func (v *validation) computeNeeds() {
	v.needs = map[*shapes.Shape]bool{}
	for changed := true; changed; {
		changed = false
		for _, s := range v.p.Svc.Shapes {
			if v.needs[s] {
				continue
			}
			need := false
			for _, m := range s.Members {
				if s.Kind == shapes.KindEnum || s.Kind == shapes.KindIntEnum {
					break
				}
				if v.memberNeeds(m, s.Kind == shapes.KindStructure) {
					need = true
					break
				}
			}
			if need {
				v.needs[s] = true
				changed = true
			}
		}
	}
}

// memberNeeds reports whether a member's value has any check.
func (v *validation) memberNeeds(m *shapes.Member, structMember bool) bool {
	if structMember && m.Traits.Required() && !HasClientDefault(m) && m.Target.Kind != shapes.KindIntEnum {
		return true
	}
	if b, ok := effectiveBounds(m, shapes.TraitLength); ok && (lengthBound(b.Min) > 0 || lengthBound(b.Max) >= 0) {
		return true
	}
	if b, ok := effectiveBounds(m, shapes.TraitRange); ok && m.Target.Kind.IsNumber() && len(rangeConds(m.Target.Kind, b)) > 0 {
		return true
	}
	if _, ok := effectivePattern(m); ok && m.Target.Kind == shapes.KindString {
		return true
	}
	if m.Target.IsEnum() || m.Target.Kind == shapes.KindIntEnum || m.Traits.UniqueItems() || m.Target.Traits.UniqueItems() {
		return true
	}
	return v.needs[m.Target]
}

// effectiveBounds returns a length or range trait, the member's overriding
// its target's.
func effectiveBounds(m *shapes.Member, trait string) (shapes.Bounds, bool) {
	get := func(t shapes.Traits) (shapes.Bounds, bool) {
		if trait == shapes.TraitLength {
			return t.Length()
		}
		return t.Range()
	}
	if b, ok := get(m.Traits); ok {
		return b, true
	}
	return get(m.Target.Traits)
}

func effectivePattern(m *shapes.Member) (string, bool) {
	if p, ok := m.Traits.Pattern(); ok {
		return p, true
	}
	return m.Target.Traits.Pattern()
}

// funcFor returns the validator function of an aggregate shape, queuing it
// for emission the first time.
func (v *validation) funcFor(s *shapes.Shape) string {
	if name, ok := v.funcs[s]; ok {
		return name
	}
	name := v.scope.Unique("validate" + naming.Exported(v.p.Svc.Name(s)))
	v.funcs[s] = name
	v.queue = append(v.queue, s)
	return name
}

func (v *validation) emitInput(op *Operation) {
	name := op.InputName
	v.f.Add(comment(wrap("Validate checks the input against the constraints of the service model (required members, lengths, ranges, patterns, unique items and enum values) and returns an *InvalidParamsError listing every violation, or nil. A nil input is checked as an empty one.")))
	v.f.Func().Params(jen.Id("in").Op("*").Id(name)).Id("Validate").Params().Error().BlockFunc(func(g *jen.Group) {
		s := op.Input
		if s == nil || s.IsUnit() || !v.needs[s] {
			g.Return(jen.Nil())
			return
		}
		g.If(jen.Id("in").Op("==").Nil()).Block(jen.Id("in").Op("=").Op("&").Id(name).Values())
		g.Id("v").Op(":=").Op("&").Id("validator").Values()
		v.structBody(g, s, jen.Id("in"), nil)
		g.Return(jen.Id("v").Dot("err").Call(jen.Lit(name)))
	})
	v.f.Line()
}

// structBody emits the checks of each member of structure s, whose value is
// the pointer expression x, below the path expression parent (nil for the
// input itself).
func (v *validation) structBody(g *jen.Group, s *shapes.Shape, x *jen.Statement, parent jen.Code) {
	for _, m := range s.Members {
		if !v.memberNeeds(m, true) {
			continue
		}
		if IsStreaming(m) {
			// A stream has nothing to check but its presence.
			if m.Traits.Required() {
				field := x.Clone().Dot(v.p.FieldName(m))
				g.If(field.Op("==").Nil()).Block(
					jen.Id("p").Op(":=").Add(pathLit(parent, jen.Id("name").Op(":").Lit(m.Name))),
					jen.Id("v").Dot("required").Call(jen.Op("&").Id("p")),
				)
			}
			continue
		}
		field := x.Clone().Dot(v.p.FieldName(m))
		g.BlockFunc(func(g *jen.Group) {
			g.Id("p").Op(":=").Add(pathLit(parent, jen.Id("name").Op(":").Lit(m.Name)))
			v.memberChecks(g, m, field, true)
		})
	}
}

// memberChecks emits the checks of one member whose field is field; the path
// is the local p.
func (v *validation) memberChecks(g *jen.Group, m *shapes.Member, field *jen.Statement, structMember bool) {
	t := m.Target
	pointer := structMember && v.p.IsPointer(m)
	required := structMember && m.Traits.Required() && !HasClientDefault(m)
	var unset, set jen.Code
	switch {
	case pointer, t.Kind == shapes.KindList, t.Kind == shapes.KindMap, t.Kind == shapes.KindBlob,
		t.Kind == shapes.KindUnion, t.Kind == shapes.KindDocument, t.Kind == shapes.KindBigInteger, t.Kind == shapes.KindBigDecimal:
		unset, set = field.Clone().Op("==").Nil(), field.Clone().Op("!=").Nil()
	case t.IsEnum():
		unset, set = field.Clone().Op("==").Lit(""), field.Clone().Op("!=").Lit("")
	}
	value := field.Clone()
	if pointer && t.Kind != shapes.KindStructure {
		value = jen.Op("*").Add(field.Clone())
	}
	var empty bool
	checks := jen.BlockFunc(func(b *jen.Group) { empty = !v.valueChecks(b, m, value) })
	switch {
	case empty && required:
		g.If(unset).Block(jen.Id("v").Dot("required").Call(jen.Op("&").Id("p")))
	case empty:
	case unset == nil:
		g.Add(checks)
	case required:
		g.If(unset).Block(jen.Id("v").Dot("required").Call(jen.Op("&").Id("p"))).Else().Add(checks)
	default:
		g.If(set).Add(checks)
	}
}

// valueChecks emits the checks of a present value of member m and reports
// whether there were any.
func (v *validation) valueChecks(g *jen.Group, m *shapes.Member, x *jen.Statement) (emitted bool) {
	t := m.Target
	path := jen.Op("&").Id("p")
	if b, ok := effectiveBounds(m, shapes.TraitLength); ok {
		n := jen.Len(x.Clone())
		if t.Kind == shapes.KindString {
			n = jen.Qual("unicode/utf8", "RuneCountInString").Call(asString(t, x))
		}
		lo, hi := lengthBound(b.Min), lengthBound(b.Max)
		var cond *jen.Statement
		if lo > 0 && lo == hi {
			cond = jen.Id("n").Op("!=").Lit(int(lo))
		} else if lo > 0 {
			cond = jen.Id("n").Op("<").Lit(int(lo))
		}
		if hi >= 0 && lo != hi {
			c := jen.Id("n").Op(">").Lit(int(hi))
			if cond != nil {
				cond = cond.Op("||").Add(c)
			} else {
				cond = c
			}
		}
		if cond != nil {
			emitted = true
			g.If(jen.Id("n").Op(":=").Add(n), cond).Block(
				jen.Id("v").Dot("length").Call(path, jen.Id("n"), jen.Lit(int(lo)), jen.Lit(int(hi))),
			)
		}
	}
	if b, ok := effectiveBounds(m, shapes.TraitRange); ok && t.Kind.IsNumber() && t.Kind != shapes.KindIntEnum {
		emitted = v.rangeCheck(g, m, x, b) || emitted
	}
	if pat, ok := effectivePattern(m); ok && t.Kind == shapes.KindString {
		prepared, err := ecmaregex.Prepare(pat)
		if err != nil {
			if v.err == nil {
				where := m.ID.String()
				if _, own := m.Traits.Pattern(); !own {
					where = m.Target.ID.String() + " (the target of " + where + ")"
				}
				v.err = &shapes.Error{File: m.Target.File, Shape: where,
					Msg: fmt.Sprintf("pattern %q cannot be enforced with ECMA-262 meaning: %v", pat, err)}
			}
		} else {
			v.prepared[pat] = prepared
			emitted = true
			g.If(jen.Op("!").Id(v.patternVar(pat)).Dot("MatchString").Call(asString(t, x))).Block(
				jen.Id("v").Dot("pattern").Call(path, rawLit(pat)),
			)
		}
	}
	switch {
	case t.IsEnum():
		emitted = true
		g.If(jen.Op("!").Add(receiver(x)).Dot("IsKnown").Call()).Block(
			jen.Id("v").Dot("enum").Call(path, jen.String().Call(x.Clone())),
		)
	case t.Kind == shapes.KindIntEnum:
		emitted = true
		unknown := jen.Op("!").Add(receiver(x)).Dot("IsKnown").Call()
		if m.Container != nil && m.Container.Kind == shapes.KindStructure && !v.p.IsPointer(m) {
			// A value field (its default is 0): 0 is the default, not a
			// value to check. Pointers, list items and map values are
			// checked whatever they hold.
			unknown = x.Clone().Op("!=").Lit(0).Op("&&").Add(unknown)
		}
		g.If(unknown).Block(
			jen.Id("v").Dot("enum").Call(path, jen.Qual("strconv", "Itoa").Call(jen.Int().Call(x.Clone()))),
		)
	case t.Kind == shapes.KindList:
		if m.Traits.UniqueItems() || t.Traits.UniqueItems() {
			emitted = true
			v.uniqueCheck(g, t, x)
		}
	}
	if v.needs[t] {
		switch t.Kind {
		case shapes.KindStructure, shapes.KindUnion, shapes.KindList, shapes.KindMap:
			emitted = true
			g.Id(v.funcFor(t)).Call(jen.Id("v"), path, x.Clone())
		}
	}
	return emitted
}

func lengthBound(s string) int64 {
	if s == "" {
		return -1
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f > math.MaxInt32 {
		return -1
	}
	return int64(f)
}

// rangeCheck compares a number with its range. A bound that the Go type
// cannot exceed is left out (it could not be violated, and the literal might
// not even compile). It reports whether it emitted a check.
func (v *validation) rangeCheck(g *jen.Group, m *shapes.Member, x *jen.Statement, b shapes.Bounds) bool {
	t := m.Target
	path := jen.Op("&").Id("p")
	if t.Kind == shapes.KindBigInteger || t.Kind == shapes.KindBigDecimal {
		fn := "bigIntOutside"
		if t.Kind == shapes.KindBigDecimal {
			fn = "bigFloatOutside"
		}
		v.p.usesBig = true
		g.If(jen.Id(fn).Call(x.Clone(), jen.Lit(b.Min), jen.Lit(b.Max))).Block(
			jen.Id("v").Dot("outOfRange").Call(path, x.Clone().Dot("String").Call(), jen.Lit(b.Min), jen.Lit(b.Max)),
		)
		return true
	}
	var cond *jen.Statement
	for _, c := range rangeConds(t.Kind, b) {
		if cond == nil {
			cond = c
		} else {
			cond = cond.Op("||").Add(c)
		}
	}
	if cond == nil {
		return false
	}
	isFloat := t.Kind == shapes.KindFloat || t.Kind == shapes.KindDouble
	var str jen.Code
	if isFloat {
		bits := 64
		if t.Kind == shapes.KindFloat {
			bits = 32
		}
		str = jen.Qual("strconv", "FormatFloat").Call(jen.Float64().Call(jen.Id("n")), jen.LitRune('g'), jen.Lit(-1), jen.Lit(bits))
	} else {
		str = jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(jen.Id("n")), jen.Lit(10))
	}
	g.If(jen.Id("n").Op(":=").Add(x.Clone()), cond).Block(
		jen.Id("v").Dot("outOfRange").Call(path, str, jen.Lit(b.Min), jen.Lit(b.Max)),
	)
	return true
}

// rangeConds returns the comparisons of n with the range's bounds that a
// value of kind k could fail; big numbers always have both.
func rangeConds(k shapes.Kind, b shapes.Bounds) []*jen.Statement {
	if k == shapes.KindBigInteger || k == shapes.KindBigDecimal {
		return []*jen.Statement{jen.Id("n")}
	}
	isFloat := k == shapes.KindFloat || k == shapes.KindDouble
	lo, hi := intLimits(k)
	var conds []*jen.Statement
	for i, bound := range []string{b.Min, b.Max} {
		if bound == "" {
			continue
		}
		f, err := strconv.ParseFloat(bound, 64)
		if err != nil || math.IsInf(f, 0) {
			continue
		}
		op := "<"
		if i == 1 {
			op = ">"
		}
		if isFloat {
			conds = append(conds, jen.Id("n").Op(op).Lit(f))
			continue
		}
		// Integers: round a fractional bound inwards, drop one outside the type.
		if i == 0 {
			f = math.Ceil(f)
		} else {
			f = math.Floor(f)
		}
		if f <= lo || f >= hi {
			continue
		}
		conds = append(conds, jen.Id("n").Op(op).Lit(int(f)))
	}
	return conds
}

func intLimits(k shapes.Kind) (float64, float64) {
	switch k {
	case shapes.KindByte:
		return math.MinInt8, math.MaxInt8
	case shapes.KindShort:
		return math.MinInt16, math.MaxInt16
	case shapes.KindInteger:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

// uniqueCheck reports the first two equal items of a uniqueItems list:
// comparable elements with ==, timestamps by instant, anything else by
// deep equality (so that pointers are followed, as equality "by value" needs).
func (v *validation) uniqueCheck(g *jen.Group, list *shapes.Shape, x *jen.Statement) {
	el := list.ListMember().Target
	var call *jen.Statement
	switch {
	case el.Kind == shapes.KindTimestamp && !list.Traits.Sparse():
		call = jen.Id("duplicateOfFunc").Call(x.Clone(), jen.Qual("time", "Time").Dot("Equal"))
	case comparableKind(el) && !list.Traits.Sparse():
		call = jen.Id("duplicateOf").Call(x.Clone())
	default:
		elType := v.p.ElemType(list.ListMember(), list.Traits.Sparse())
		call = jen.Id("duplicateOfFunc").Call(x.Clone(), jen.Func().Params(jen.List(jen.Id("a"), jen.Id("b")).Add(elType)).Bool().Block(
			jen.Return(jen.Qual("reflect", "DeepEqual").Call(jen.Id("a"), jen.Id("b"))),
		))
	}
	g.If(jen.List(jen.Id("i"), jen.Id("j")).Op(":=").Add(call), jen.Id("i").Op(">=").Lit(0)).Block(
		jen.Id("v").Dot("duplicate").Call(jen.Op("&").Id("p"), jen.Id("i"), jen.Id("j")),
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

func (v *validation) patternVar(pat string) string {
	if name, ok := v.patterns[pat]; ok {
		return name
	}
	name := v.scope.Unique(fmt.Sprintf("pattern%d", len(v.patOrder)+1))
	v.patterns[pat] = name
	v.patOrder = append(v.patOrder, pat)
	return name
}

// emitAggregate emits the validator function of a structure, union, list or map.
func (v *validation) emitAggregate(s *shapes.Shape) {
	name := v.funcs[s]
	p := v.p
	var param jen.Code
	switch s.Kind {
	case shapes.KindStructure:
		param = jen.Op("*").Add(p.ValueType(s))
	default:
		param = p.ValueType(s)
	}
	v.f.Commentf("%s checks a %s value.", name, s.ID.Name)
	v.f.Func().Id(name).Params(jen.Id("v").Op("*").Id("validator"), jen.Id("parent").Op("*").Id("fieldPath"), jen.Id("x").Add(param)).BlockFunc(func(g *jen.Group) {
		switch s.Kind {
		case shapes.KindStructure:
			g.If(jen.Id("x").Op("==").Nil()).Block(jen.Return())
			v.structBody(g, s, jen.Id("x"), jen.Id("parent"))
		case shapes.KindUnion:
			g.Switch(jen.Id("u").Op(":=").Id("x").Assert(jen.Type())).BlockFunc(func(sw *jen.Group) {
				for _, m := range s.Members {
					if m.Target.IsUnit() || !v.memberNeeds(m, false) {
						continue
					}
					sw.Case(jen.Op("*").Qual(p.TypesPath, p.UnionMemberName(m))).Block(
						jen.If(jen.Id("u").Op("==").Nil()).Block(jen.Return()),
						jen.Id("p").Op(":=").Add(pathLit(jen.Id("parent"), jen.Id("name").Op(":").Lit(m.Name))),
						jen.BlockFunc(func(b *jen.Group) {
							val := jen.Id("u").Dot("Value")
							if m.Target.Kind == shapes.KindStructure {
								val = jen.Op("&").Add(val)
							}
							v.valueChecks(b, m, val)
						}),
					)
				}
			})
		case shapes.KindList:
			m := s.ListMember()
			sparse := s.Traits.Sparse() && !nilableKind(m.Target)
			g.For(jen.Id("i").Op(":=").Range().Id("x")).BlockFunc(func(b *jen.Group) {
				b.Id("p").Op(":=").Add(pathLit(jen.Id("parent"), jen.Id("index").Op(":").Id("i"), jen.Id("isIdx").Op(":").True()))
				el := jen.Id("x").Index(jen.Id("i"))
				if sparse {
					b.If(el.Clone().Op("==").Nil()).Block(jen.Continue())
					if m.Target.Kind != shapes.KindStructure {
						el = jen.Op("*").Add(el)
					}
				} else if m.Target.Kind == shapes.KindStructure {
					el = jen.Op("&").Add(el)
				}
				v.valueChecks(b, m, el)
			})
		case shapes.KindMap:
			km, vm := s.MapKey(), s.MapValue()
			sparse := s.Traits.Sparse() && !nilableKind(vm.Target)
			g.Id("start").Op(":=").Len(jen.Id("v").Dot("list"))
			g.For(jen.List(jen.Id("k"), jen.Id("e")).Op(":=").Range().Id("x")).BlockFunc(func(b *jen.Group) {
				b.Id("p").Op(":=").Add(pathLit(jen.Id("parent"), jen.Id("name").Op(":").Id("k"), jen.Id("isKey").Op(":").True()))
				if v.memberNeeds(km, false) {
					b.BlockFunc(func(kb *jen.Group) { v.valueChecks(kb, km, keyExpr(p, km)) })
				}
				if v.memberNeeds(vm, false) {
					el := jen.Id("e")
					if sparse {
						b.If(jen.Id("e").Op("==").Nil()).Block(jen.Continue())
						if vm.Target.Kind != shapes.KindStructure {
							el = jen.Op("*").Id("e")
						}
					} else if vm.Target.Kind == shapes.KindStructure {
						el = jen.Op("&").Id("e")
					}
					v.valueChecks(b, vm, el)
				}
			})
			g.Id("v").Dot("sortFrom").Call(jen.Id("start"))
		}
	})
	v.f.Line()
}

// keyExpr is the map key as a value of the key's Go type.
func keyExpr(p *Plan, km *shapes.Member) *jen.Statement {
	if km.Target.IsEnum() {
		return p.ValueType(km.Target).Call(jen.Id("k"))
	}
	return jen.Id("k")
}

// pathLit is a fieldPath literal; a nil parent (the input itself) is left out.
func pathLit(parent jen.Code, fields ...jen.Code) *jen.Statement {
	if parent != nil {
		fields = append([]jen.Code{jen.Id("parent").Op(":").Add(parent)}, fields...)
	}
	return jen.Id("fieldPath").Values(fields...)
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
