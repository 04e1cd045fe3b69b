package gogen

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/naming"
	"github.com/smithygo/smithygo/internal/shapes"
	"github.com/smithygo/smithygo/runtime/jmespath"
)

// waiter is one entry of smithy.waiters#waitable.
type waiter struct {
	Documentation string `json:"documentation"`
	Acceptors     []struct {
		State   string `json:"state"`
		Matcher struct {
			Output      *pathMatcher `json:"output"`
			InputOutput *pathMatcher `json:"inputOutput"`
			Success     *bool        `json:"success"`
			ErrorType   *string      `json:"errorType"`
		} `json:"matcher"`
	} `json:"acceptors"`
	MinDelay   *int `json:"minDelay"`
	MaxDelay   *int `json:"maxDelay"`
	Deprecated bool `json:"deprecated"`
}

type pathMatcher struct {
	Path       string `json:"path"`
	Expected   string `json:"expected"`
	Comparator string `json:"comparator"`
}

// waiters emits WaitUntilXxx methods and the conversions of typed values
// into JMESPath's data model that their acceptors search.
type waiters struct {
	p       *Plan
	f       *jen.File
	trees   map[*shapes.Shape]string
	todo    []*shapes.Shape
	funcs   map[string]jen.Code
	helpers map[string]bool
}

// planWaiters reads each operation's smithy.waiters#waitable trait, names
// its WaitUntilXxx methods and the variables of its acceptors' expressions,
// and checks the expressions now, so that a bad model fails generation
// rather than the first wait.
func (p *Plan) planWaiters(main, client *naming.Scope) error {
	for _, op := range p.Operations {
		raw, ok := op.Shape.Traits.Waitable()
		if !ok {
			continue
		}
		var defs map[string]waiter
		if err := json.Unmarshal([]byte(raw), &defs); err != nil {
			return &shapes.Error{File: op.Shape.File, Shape: op.Shape.ID.String(), Msg: "smithy.waiters#waitable: " + err.Error()}
		}
		owner := op.Shape.ID.String()
		for _, name := range slices.Sorted(maps.Keys(defs)) {
			def := defs[name]
			op.Waiters = append(op.Waiters, &Waiter{Name: name, Method: client.Unique("WaitUntil"+naming.Exported(name), owner), Def: def})
			for _, a := range def.Acceptors {
				for _, pm := range []*pathMatcher{a.Matcher.Output, a.Matcher.InputOutput} {
					if pm == nil {
						continue
					}
					if _, ok := p.waiterPaths[pm.Path]; ok {
						continue
					}
					if _, err := jmespath.Compile(pm.Path); err != nil {
						return &shapes.Error{File: op.Shape.File, Shape: owner, Msg: fmt.Sprintf("smithy.waiters#waitable: waiter %s: path %q: %v", name, pm.Path, err)}
					}
					p.waiterPaths[pm.Path] = main.Unique("waiterPath"+strconv.Itoa(len(p.WaiterPathOrder)), "")
					p.WaiterPathOrder = append(p.WaiterPathOrder, pm.Path)
				}
			}
		}
		if len(op.Waiters) > 0 {
			op.JMESInput = main.Unique("jmes"+op.InputName, owner)
			op.JMESOutput = main.Unique("jmes"+op.OutputName, owner)
		}
	}
	return nil
}

// emitWaiters returns waiters_gen.go, or nil when no operation is waitable.
func emitWaiters(p *Plan) (*jen.File, error) {
	w := &waiters{p: p, trees: map[*shapes.Shape]string{}, funcs: map[string]jen.Code{}, helpers: map[string]bool{}}
	w.f = jen.NewFilePathName(p.ImportPath, p.Package)
	w.f.HeaderComment(header)
	n := 0
	for _, op := range p.Operations {
		for _, wt := range op.Waiters {
			if err := w.emitWaiter(op, wt); err != nil {
				return nil, err
			}
			n++
		}
	}
	if n == 0 {
		return nil, nil
	}
	for len(w.todo) > 0 {
		s := w.todo[0]
		w.todo = w.todo[1:]
		w.funcs[w.trees[s]] = w.treeFunc(s)
	}
	names := make([]string, 0, len(w.funcs))
	for name := range w.funcs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w.f.Add(w.funcs[name])
		w.f.Line()
	}
	w.f.Add(comment(wrap("WaiterError is returned by a WaitUntil method that stops before its resource reaches the awaited state: it names the waiter, why it stopped and how many calls it made.")))
	w.f.Type().Id("WaiterError").Op("=").Qual(p.runtimePkg("waiter"), "Error")
	w.f.Line()
	w.emitHelpers()
	if len(p.WaiterPathOrder) > 0 {
		w.f.Comment("The acceptors' JMESPath expressions, compiled on first use.")
		w.f.Var().DefsFunc(func(g *jen.Group) {
			for _, expr := range p.WaiterPathOrder {
				g.Id(p.waiterPaths[expr]).Op("=").Qual("sync", "OnceValue").Call(jen.Func().Params().Op("*").Qual(p.runtimePkg("jmespath"), "Expr").Block(
					jen.Return(jen.Qual(p.runtimePkg("jmespath"), "MustCompile").Call(jen.Lit(expr))),
				))
			}
		})
	}
	return w.f, nil
}

func (w *waiters) emitWaiter(op *Operation, wt *Waiter) error {
	name, def := wt.Name, wt.Def
	minDelay, maxDelay := 2, 120
	if def.MinDelay != nil {
		minDelay = *def.MinDelay
	}
	if def.MaxDelay != nil {
		maxDelay = *def.MaxDelay
	}
	if minDelay < 1 || maxDelay < minDelay {
		return fmt.Errorf("%s: waiter %s: minDelay %d and maxDelay %d must satisfy 1 <= minDelay <= maxDelay", op.Shape.ID, name, minDelay, maxDelay)
	}
	method := wt.Method
	usesOutput, usesInput := false, false
	for _, a := range def.Acceptors {
		usesOutput = usesOutput || a.Matcher.Output != nil || a.Matcher.InputOutput != nil
		usesInput = usesInput || a.Matcher.InputOutput != nil
	}
	var accept []jen.Code
	if usesOutput {
		accept = append(accept, jen.Var().Id("data").Any())
		accept = append(accept, jen.If(jen.Err().Op("==").Nil()).Block(jen.Id("data").Op("=").Id(w.treeOf(op.Output, op.OutputName, op.JMESOutput)).Call(jen.Id("out"))))
	}
	if usesInput {
		accept = append(accept, jen.Id("inputOutput").Op(":=").Map(jen.String()).Any().Values(jen.Dict{
			jen.Lit("input"):  jen.Id(w.treeOf(op.Input, op.InputName, op.JMESInput)).Call(jen.Id("in")),
			jen.Lit("output"): jen.Id("data"),
		}))
	}
	for _, a := range def.Acceptors {
		state := map[string]string{"success": "Success", "failure": "Failure", "retry": "Retry"}[a.State]
		if state == "" {
			return fmt.Errorf("%s: waiter %s: unknown acceptor state %q", op.Shape.ID, name, a.State)
		}
		ret := jen.Return(jen.Qual(w.p.runtimePkg("waiter"), state), jen.True())
		m := a.Matcher
		switch {
		case m.Success != nil:
			cond := jen.Err().Op("==").Nil()
			if !*m.Success {
				cond = jen.Err().Op("!=").Nil()
			}
			accept = append(accept, jen.If(cond).Block(ret))
		case m.ErrorType != nil:
			// An absolute shape ID (the IDL writes one for an error's
			// name it resolves) matches by its name part, as the
			// waiters spec says: the name is the error's code.
			code := *m.ErrorType
			if _, name, ok := strings.Cut(code, "#"); ok {
				code = name
			}
			accept = append(accept, jen.If(jen.Err().Op("!=").Nil().Op("&&").Add(w.p.callQual("ErrorCode")).Call(jen.Err()).Op("==").Lit(code)).Block(ret))
		case m.Output != nil || m.InputOutput != nil:
			pm, data := m.Output, jen.Id("data")
			if pm == nil {
				pm, data = m.InputOutput, jen.Id("inputOutput")
			}
			v := w.p.waiterPaths[pm.Path]
			accept = append(accept, jen.If(jen.Err().Op("==").Nil()).Block(
				jen.If(jen.List(jen.Id("r"), jen.Id("_")).Op(":=").Id(v).Call().Dot("Search").Call(data), jen.Qual(w.p.runtimePkg("waiter"), "MatchPath").Call(jen.Id("r"), jen.Lit(pm.Comparator), jen.Lit(pm.Expected))).Block(ret),
			))
		default:
			return fmt.Errorf("%s: waiter %s: an acceptor has no matcher this generator knows", op.Shape.ID, name)
		}
	}
	accept = append(accept, jen.Return(jen.Qual(w.p.runtimePkg("waiter"), "Retry"), jen.False()))

	doc := def.Documentation
	if doc == "" {
		doc = wrap("%s calls %s until the resource reaches the %s state.", method, op.Method, name)
	} else {
		doc = wrap("%s", doc)
	}
	w.f.Add(comment(doc, wrap("%s calls %s until an acceptor of the model's %s waiter decides, waiting %ds to %ds between calls, for at most maxWait. It returns the last output, or a *WaiterError.", method, op.Method, name, minDelay, maxDelay)))
	w.f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(method).Params(
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("in").Op("*").Id(op.InputName),
		jen.Id("maxWait").Qual("time", "Duration"),
		jen.Id("optFns").Op("...").Func().Params(jen.Op("*").Id("Options")),
	).Params(jen.Op("*").Id(op.OutputName), jen.Error()).Block(
		jen.If(jen.Id("in").Op("==").Nil()).Block(jen.Id("in").Op("=").Op("&").Id(op.InputName).Values()),
		jen.Return(jen.Qual(w.p.runtimePkg("waiter"), "Wait").Call(
			jen.Id("ctx"), jen.Lit(name), jen.Id("maxWait"),
			jen.Lit(minDelay).Op("*").Qual("time", "Second"), jen.Lit(maxDelay).Op("*").Qual("time", "Second"),
			jen.Func().Params(jen.Id("ctx").Qual("context", "Context")).Params(jen.Op("*").Id(op.OutputName), jen.Error()).Block(
				jen.Return(jen.Id("c").Dot(op.Method).Call(jen.Id("ctx"), jen.Id("in"), jen.Id("optFns").Op("..."))),
			),
			jen.Func().Params(jen.Id("out").Op("*").Id(op.OutputName), jen.Err().Error()).Params(jen.Qual(w.p.runtimePkg("waiter"), "State"), jen.Bool()).Block(accept...),
		)),
	)
	w.f.Line()
	return nil
}

// treeOf names the function that turns an operation's input or output into
// JMESPath data.
func (w *waiters) treeOf(s *shapes.Shape, goName, name string) string {
	if _, ok := w.funcs[name]; ok {
		return name
	}
	w.funcs[name] = jen.Func().Id(name).Params(jen.Id("v").Op("*").Id(goName)).Any().BlockFunc(func(g *jen.Group) {
		w.structBody(g, s)
	})
	return name
}

// treeName names (and queues) the conversion of an aggregate shape.
func (w *waiters) treeName(s *shapes.Shape) string {
	if n, ok := w.trees[s]; ok {
		return n
	}
	n := w.p.jmesFn[s]
	w.trees[s] = n
	w.todo = append(w.todo, s)
	return n
}

func (w *waiters) structBody(g *jen.Group, s *shapes.Shape) {
	g.If(jen.Id("v").Op("==").Nil()).Block(jen.Return(jen.Nil()))
	var members []*shapes.Member
	if s != nil && !s.IsUnit() {
		members = s.Members
	}
	g.Id("m").Op(":=").Make(jen.Map(jen.String()).Any(), jen.Lit(len(members)))
	c := &codec{p: w.p}
	for _, m := range members {
		field := jen.Id("v").Dot(w.p.FieldName(m))
		set := jen.Id("m").Index(jen.Lit(m.Name)).Op("=").Add(w.value(m.Target, c.fieldValue(m, field), w.p.IsPointer(m)))
		if IsStreaming(m) {
			continue // a stream is not data to search
		}
		if cond := c.setCond(m, field, false); cond != nil {
			g.If(cond).Block(set)
		} else {
			g.Add(set)
		}
	}
	g.Return(jen.Id("m"))
}

// value converts x, a value of shape s (a pointer for structures when ptr),
// to JMESPath data.
func (w *waiters) value(s *shapes.Shape, x *jen.Statement, ptr bool) *jen.Statement {
	switch {
	case s.IsEnum():
		return jen.String().Call(x)
	case s.Kind == shapes.KindIntEnum:
		return jen.Float64().Call(x)
	}
	switch s.Kind {
	case shapes.KindString, shapes.KindBoolean:
		return x
	case shapes.KindByte, shapes.KindShort, shapes.KindInteger, shapes.KindLong, shapes.KindFloat, shapes.KindDouble:
		return jen.Float64().Call(x)
	case shapes.KindTimestamp:
		w.helpers["jmesTime"] = true
		return jen.Id("jmesTime").Call(x)
	case shapes.KindBlob:
		w.helpers["jmesBlob"] = true
		return jen.Id("jmesBlob").Call(x)
	case shapes.KindDocument:
		w.helpers["jmesDocument"] = true
		return jen.Id("jmesDocument").Call(x)
	case shapes.KindBigInteger, shapes.KindBigDecimal:
		w.helpers["jmesBig"] = true
		return jen.Id("jmesBig").Call(x)
	case shapes.KindStructure:
		if !ptr {
			x = jen.Op("&").Add(x)
		}
		return jen.Id(w.treeName(s)).Call(x)
	}
	return jen.Id(w.treeName(s)).Call(x)
}

func (w *waiters) treeFunc(s *shapes.Shape) jen.Code {
	name := w.trees[s]
	switch s.Kind {
	case shapes.KindStructure:
		return jen.Func().Id(name).Params(jen.Id("v").Op("*").Add(w.p.ValueType(s))).Any().BlockFunc(func(g *jen.Group) {
			w.structBody(g, s)
		})
	case shapes.KindList:
		m := s.ListMember()
		elemPtr := s.Traits.Sparse() && !nilableKind(m.Target)
		return jen.Func().Id(name).Params(jen.Id("v").Add(w.p.ValueType(s))).Any().BlockFunc(func(g *jen.Group) {
			g.If(jen.Id("v").Op("==").Nil()).Block(jen.Return(jen.Nil()))
			g.Id("out").Op(":=").Make(jen.Index().Any(), jen.Len(jen.Id("v")))
			g.For(jen.Id("i").Op(":=").Range().Id("v")).BlockFunc(func(b *jen.Group) {
				x := jen.Id("v").Index(jen.Id("i"))
				if elemPtr {
					b.If(x.Clone().Op("==").Nil()).Block(jen.Continue())
					if m.Target.Kind != shapes.KindStructure {
						x = jen.Op("*").Add(x)
					}
				}
				b.Id("out").Index(jen.Id("i")).Op("=").Add(w.value(m.Target, x, elemPtr))
			})
			g.Return(jen.Id("out"))
		})
	case shapes.KindMap:
		m := s.MapValue()
		elemPtr := s.Traits.Sparse() && !nilableKind(m.Target)
		return jen.Func().Id(name).Params(jen.Id("v").Add(w.p.ValueType(s))).Any().BlockFunc(func(g *jen.Group) {
			g.If(jen.Id("v").Op("==").Nil()).Block(jen.Return(jen.Nil()))
			g.Id("out").Op(":=").Make(jen.Map(jen.String()).Any(), jen.Len(jen.Id("v")))
			g.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Id("v")).BlockFunc(func(b *jen.Group) {
				x := jen.Id("x")
				if elemPtr {
					b.If(jen.Id("x").Op("==").Nil()).Block(jen.Id("out").Index(jen.String().Call(jen.Id("k"))).Op("=").Nil(), jen.Continue())
					if m.Target.Kind != shapes.KindStructure {
						x = jen.Op("*").Id("x")
					}
				}
				b.Id("out").Index(jen.String().Call(jen.Id("k"))).Op("=").Add(w.value(m.Target, x, elemPtr))
			})
			g.Return(jen.Id("out"))
		})
	case shapes.KindUnion:
		return jen.Func().Id(name).Params(jen.Id("v").Add(w.p.ValueType(s))).Any().BlockFunc(func(g *jen.Group) {
			g.Switch(jen.Id("x").Op(":=").Id("v").Assert(jen.Type())).BlockFunc(func(sw *jen.Group) {
				for _, m := range s.Members {
					var val jen.Code = jen.Map(jen.String()).Any().Values()
					if !m.Target.IsUnit() {
						val = w.value(m.Target, jen.Id("x").Dot("Value"), false)
					}
					sw.Case(jen.Op("*").Qual(w.p.TypesPath, w.p.UnionMemberName(m))).Block(
						jen.Return(jen.Map(jen.String()).Any().Values(jen.Dict{jen.Lit(m.Name): val})))
				}
				w.helpers["jmesDocument"] = true
				sw.Case(jen.Op("*").Qual(w.p.TypesPath, w.p.UnknownName)).Block(
					jen.Return(jen.Map(jen.String()).Any().Values(jen.Dict{jen.Id("x").Dot("Tag"): jen.Id("jmesDocument").Call(jen.Id("x").Dot("Value"))})))
			})
			g.Return(jen.Nil())
		})
	}
	panic("gogen: no JMESPath conversion for " + s.ID.String())
}

// emitHelpers writes the scalar conversions the trees use.
func (w *waiters) emitHelpers() {
	f := w.f
	if w.helpers["jmesTime"] {
		f.Comment("jmesTime is a timestamp as JMESPath sees it: epoch seconds.")
		f.Func().Id("jmesTime").Params(jen.Id("t").Qual("time", "Time")).Any().Block(
			jen.Return(jen.Float64().Call(jen.Id("t").Dot("UnixNano").Call()).Op("/").Lit(1e9)))
		f.Line()
	}
	if w.helpers["jmesBlob"] {
		f.Comment("jmesBlob is a blob as JMESPath sees it: base64 text.")
		f.Func().Id("jmesBlob").Params(jen.Id("b").Index().Byte()).Any().Block(
			jen.Return(jen.Qual("encoding/base64", "StdEncoding").Dot("EncodeToString").Call(jen.Id("b"))))
		f.Line()
	}
	if w.helpers["jmesDocument"] {
		f.Comment("jmesDocument is a document's JSON as JMESPath data.")
		f.Func().Id("jmesDocument").Params(jen.Id("b").Index().Byte()).Any().Block(
			jen.Var().Id("v").Any(),
			jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("b"), jen.Op("&").Id("v")).Op("!=").Nil()).Block(jen.Return(jen.Nil())),
			jen.Return(jen.Id("v")))
		f.Line()
	}
	if w.helpers["jmesBig"] {
		f.Comment("jmesBig is a big number as JMESPath sees it: a float64.")
		f.Func().Id("jmesBig").Params(jen.Id("n").Interface(jen.Id("String").Params().String())).Any().Block(
			jen.List(jen.Id("f"), jen.Id("_")).Op(":=").Qual("strconv", "ParseFloat").Call(jen.Id("n").Dot("String").Call(), jen.Lit(64)),
			jen.Return(jen.Id("f")))
		f.Line()
	}
}
