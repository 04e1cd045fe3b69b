package gogen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/naming"
	"github.com/smithygo/smithygo/internal/ruleset"
	"github.com/smithygo/smithygo/internal/shapes"
)

// builtInOptions maps the built-in endpoint parameters the client fills to
// the Options field that holds each.
var builtInOptions = map[string]string{
	"AWS::Region":       "Region",
	"AWS::UseFIPS":      "UseFIPS",
	"AWS::UseDualStack": "UseDualStack",
	"SDK::Endpoint":     "BaseEndpoint",
}

// planEndpointRules parses the service's endpoint rule set, if it has one,
// for the emitters that need it.
func (p *Plan) planEndpointRules() error {
	raw, ok := p.Svc.Shape.Traits.EndpointRuleSet()
	if !ok {
		return nil
	}
	rs, err := ruleset.Parse([]byte(raw))
	if err != nil {
		return &shapes.Error{File: p.Svc.Shape.File, Shape: p.Svc.Shape.ID.String(), Msg: "smithy.rules#endpointRuleSet: " + err.Error()}
	}
	p.rules = rs
	return nil
}

// paramGoType is the Go type of a parameter's field in endpointParams:
// nil-able, so that unset is nil.
func paramGoType(k ruleset.Kind) jen.Code {
	switch k {
	case ruleset.Bool:
		return jen.Op("*").Bool()
	case ruleset.StringArray:
		return jen.Index().String()
	}
	return jen.Op("*").String()
}

// paramConverter names the runtime function that converts a Params value.
func paramConverter(k ruleset.Kind) string {
	switch k {
	case ruleset.Bool:
		return "BoolParam"
	case ruleset.StringArray:
		return "StringArrayParam"
	}
	return "StringParam"
}

// emitEndpoints writes endpoints_gen.go: the service's endpoint rule set
// compiled to Go (endpointParams and its resolve method), and
// resolveEndpoint, which fills the parameters from Options and the
// operation.
func emitEndpoints(p *Plan) (*jen.File, error) {
	f := jen.NewFilePathName(p.ImportPath, p.Package)
	f.HeaderComment(header)
	ep := p.runtimePkg("endpointrules")
	svc := p.Svc.Shape
	rs := p.rules
	if rs == nil {
		// Client.endpoint takes Options.BaseEndpoint (client_core.go).
		return nil, nil
	}
	rc := newRuleCompiler(ep, rs)

	f.Add(comment(wrap("endpointParams are the parameters of the service's endpoint rule set (smithy.rules#endpointRuleSet), typed; nil is unset.")))
	f.Type().Id("endpointParams").StructFunc(func(g *jen.Group) {
		for _, prm := range rs.Params {
			g.Id(naming.Exported(prm.Name)).Add(paramGoType(prm.Type)).Comment(paramDoc(prm))
		}
	})
	f.Line()

	hasEndpoint := false
	for _, prm := range rs.Params {
		hasEndpoint = hasEndpoint || prm.BuiltIn == "SDK::Endpoint"
	}
	f.Add(comment(wrap("resolveEndpoint resolves the endpoint for the parameters Options supplies (Region, UseFIPS, UseDualStack and BaseEndpoint) and the operation's own (extra); the others keep their defaults.")))
	f.Func().Id("resolveEndpoint").Params(jen.Id("opts").Op("*").Id("Options"), jen.Id("extra").Qual(ep, "Params")).Params(jen.Qual(ep, "Result"), jen.Error()).BlockFunc(func(g *jen.Group) {
		if !hasEndpoint {
			g.If(jen.Id("opts").Dot("BaseEndpoint").Op("!=").Lit("")).Block(
				jen.Return(jen.Qual(ep, "Result").Values(jen.Dict{jen.Id("URL"): jen.Id("opts").Dot("BaseEndpoint")}), jen.Nil()))
		}
		g.Var().Id("p").Id("endpointParams")
		for _, prm := range rs.Params {
			field, ok := builtInOptions[prm.BuiltIn]
			if !ok {
				continue
			}
			set := jen.Id("p").Dot(naming.Exported(prm.Name)).Op("=").Op("&").Id("opts").Dot(field)
			if prm.Type == ruleset.Bool {
				g.Add(set)
				continue
			}
			g.If(jen.Id("opts").Dot(field).Op("!=").Lit("")).Block(set)
		}
		g.If(jen.Err().Op(":=").Id("p").Dot("set").Call(jen.Id("extra")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Qual(ep, "Result").Values(), jen.Err()))
		g.Return(jen.Id("p").Dot("resolve").Call())
	})
	f.Line()

	known := make([]jen.Code, 0, len(rs.Params)+1)
	known = append(known, jen.Id("params"))
	for _, prm := range rs.Params {
		known = append(known, jen.Lit(prm.Name))
	}
	f.Comment("set copies the operation's parameters into p, checking their names and types.")
	f.Func().Params(jen.Id("p").Op("*").Id("endpointParams")).Id("set").Params(jen.Id("params").Qual(ep, "Params")).Error().Block(
		jen.For(jen.List(jen.Id("name"), jen.Id("v")).Op(":=").Range().Id("params")).Block(
			jen.Var().Id("ok").Bool(),
			jen.Switch(jen.Id("name")).BlockFunc(func(g *jen.Group) {
				for _, prm := range rs.Params {
					g.Case(jen.Lit(prm.Name)).Block(
						jen.If(jen.List(jen.Id("p").Dot(naming.Exported(prm.Name)), jen.Id("ok")).Op("=").Qual(ep, paramConverter(prm.Type)).Call(jen.Id("v")), jen.Op("!").Id("ok")).Block(
							jen.Return(jen.Qual(ep, "ParamTypeError").Call(jen.Id("name"), jen.Lit(prm.Type.String()), jen.Id("v")))))
				}
				g.Default().Block(jen.Return(jen.Qual(ep, "UnknownParamsError").Call(known...)))
			}),
		),
		jen.Return(jen.Nil()),
	)
	f.Line()

	var rulesErr error
	f.Add(comment(wrap("resolve evaluates the service's endpoint rules, compiled from its smithy.rules#endpointRuleSet: each rule is an if on its conditions, tried in order, and the comments give each rule's place in the rule set's JSON. A tree rule whose conditions hold is terminal, as the rules engine specifies.")))
	f.Func().Params(jen.Id("p").Op("*").Id("endpointParams")).Id("resolve").Params().Params(jen.Qual(ep, "Result"), jen.Error()).BlockFunc(func(g *jen.Group) {
		for _, prm := range rs.Params {
			field := jen.Id("p").Dot(naming.Exported(prm.Name))
			if prm.Required && prm.Default == nil {
				g.If(field.Clone().Op("==").Nil()).Block(jen.Return(jen.Qual(ep, "Result").Values(), jen.Qual(ep, "RequiredParamError").Call(jen.Lit(prm.Name))))
			}
		}
		for _, prm := range rs.Params {
			if !prm.Used {
				continue
			}
			local := jen.Id(rc.local(prm.Name))
			field := jen.Id("p").Dot(naming.Exported(prm.Name))
			switch {
			case prm.Default != nil && prm.Type == ruleset.StringArray:
				g.Add(local).Op(":=").Add(field)
				var items []jen.Code
				for _, d := range prm.Default.([]string) {
					items = append(items, jen.Lit(d))
				}
				g.If(local.Clone().Op("==").Nil()).Block(local.Clone().Op("=").Index().String().Values(items...))
			case prm.Default != nil:
				g.Add(local).Op(":=").Qual(ep, "Or").Call(field, jen.Lit(prm.Default))
			case prm.Required && prm.Type != ruleset.StringArray:
				g.Add(local).Op(":=").Op("*").Add(field)
			default:
				g.Add(local).Op(":=").Add(field)
			}
		}
		done, err := rc.rules(g, rs.Rules)
		if err != nil {
			rulesErr = err
			return
		}
		if !done {
			g.Return(jen.Qual(ep, "Result").Values(), jen.Qual(ep, "ErrNoMatch"))
		}
	})
	if rulesErr != nil {
		return nil, fmt.Errorf("%s: smithy.rules#endpointRuleSet: %w", svc.ID, rulesErr)
	}
	return f, nil
}

// paramDoc is the comment on a parameter's field: its built-in and default.
func paramDoc(prm *ruleset.Param) string {
	var parts []string
	if prm.BuiltIn != "" {
		parts = append(parts, prm.BuiltIn)
	}
	if prm.Required {
		parts = append(parts, "required")
	}
	if prm.Default != nil {
		parts = append(parts, fmt.Sprintf("default %v", prm.Default))
	}
	if len(parts) == 0 {
		return prm.Type.String()
	}
	return prm.Type.String() + "; " + strings.Join(parts, ", ")
}

// endpointTestCase is one case of smithy.rules#endpointTests.
type endpointTestCase struct {
	Documentation string         `json:"documentation"`
	Params        map[string]any `json:"params"`
	Expect        struct {
		Error    *string `json:"error"`
		Endpoint *struct {
			URL        string              `json:"url"`
			Headers    map[string][]string `json:"headers"`
			Properties json.RawMessage     `json:"properties"`
		} `json:"endpoint"`
	} `json:"expect"`
}

// emitEndpointTests writes endpoints_gen_test.go from the model's
// smithy.rules#endpointTests: one subtest per case, resolving through Options
// when its parameters are all ones Options holds.
func emitEndpointTests(p *Plan) (*jen.File, error) {
	svc := p.Svc.Shape
	raw, ok := svc.Traits.EndpointTests()
	if !ok {
		return nil, nil
	}
	rs := p.rules
	if rs == nil {
		return nil, nil
	}
	builtIn := map[string]string{} // parameter name → its built-in
	for _, prm := range rs.Params {
		builtIn[prm.Name] = prm.BuiltIn
	}
	var tests struct {
		TestCases []endpointTestCase `json:"testCases"`
	}
	if err := json.Unmarshal([]byte(raw), &tests); err != nil {
		return nil, fmt.Errorf("%s: smithy.rules#endpointTests: %w", svc.ID, err)
	}
	if len(tests.TestCases) == 0 {
		return nil, nil
	}
	ep := p.runtimePkg("endpointrules")
	f := jen.NewFilePathName(p.ImportPath, p.Package)
	f.HeaderComment(header)

	var cases []jen.Code
	for i, tc := range tests.TestCases {
		d := jen.Dict{jen.Id("name"): jen.Lit(fmt.Sprintf("%03d %s", i, testName(tc.Documentation)))}
		viaOptions := true
		for name := range tc.Params {
			if _, ok := builtInOptions[builtIn[name]]; !ok {
				viaOptions = false
			}
		}
		keys := make([]string, 0, len(tc.Params))
		for k := range tc.Params {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if viaOptions {
			opts := jen.Dict{}
			for _, k := range keys {
				opts[jen.Id(builtInOptions[builtIn[k]])] = jen.Lit(tc.Params[k])
			}
			d[jen.Id("opts")] = jen.Op("&").Id("Options").Values(opts)
		} else {
			ps := jen.Dict{}
			for _, k := range keys {
				ps[jen.Lit(k)] = paramLit(tc.Params[k])
			}
			d[jen.Id("params")] = jen.Qual(ep, "Params").Values(ps)
		}
		switch {
		case tc.Expect.Error != nil:
			d[jen.Id("err")] = jen.Lit(*tc.Expect.Error)
		case tc.Expect.Endpoint != nil:
			e := tc.Expect.Endpoint
			d[jen.Id("url")] = jen.Lit(e.URL)
			if len(e.Headers) > 0 {
				hs := jen.Dict{}
				for k, v := range e.Headers {
					vals := make([]jen.Code, len(v))
					for j, s := range v {
						vals[j] = jen.Lit(s)
					}
					hs[jen.Lit(k)] = jen.Index().String().Values(vals...)
				}
				d[jen.Id("headers")] = jen.Map(jen.String()).Index().String().Values(hs)
			}
			if len(e.Properties) > 0 {
				var c bytes.Buffer
				if err := json.Compact(&c, e.Properties); err != nil {
					return nil, err
				}
				d[jen.Id("properties")] = jen.Lit(c.String())
			}
		}
		cases = append(cases, jen.Values(d))
	}

	f.Comment("TestEndpointRules runs the model's smithy.rules#endpointTests.")
	f.Func().Id("TestEndpointRules").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Index().Struct(
			jen.Id("name").String(),
			jen.Id("opts").Op("*").Id("Options"),
			jen.Id("params").Qual(ep, "Params"),
			jen.Id("url").String(),
			jen.Id("headers").Map(jen.String()).Index().String(),
			jen.Id("properties").String(),
			jen.Id("err").String(),
		).Values(cases...)).Block(
			jen.Id("t").Dot("Run").Call(jen.Id("tc").Dot("name"), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
				jen.Var().Id("got").Qual(ep, "Result"),
				jen.Var().Err().Error(),
				jen.If(jen.Id("tc").Dot("opts").Op("!=").Nil()).Block(
					jen.List(jen.Id("got"), jen.Err()).Op("=").Id("resolveEndpoint").Call(jen.Id("tc").Dot("opts"), jen.Nil()),
				).Else().Block(
					jen.Var().Id("p").Id("endpointParams"),
					jen.If(jen.Err().Op("=").Id("p").Dot("set").Call(jen.Id("tc").Dot("params")), jen.Err().Op("==").Nil()).Block(
						jen.List(jen.Id("got"), jen.Err()).Op("=").Id("p").Dot("resolve").Call()),
				),
				jen.Id("checkEndpoint").Call(jen.Id("t"), jen.Id("got"), jen.Err(), jen.Id("tc").Dot("url"), jen.Id("tc").Dot("headers"), jen.Id("tc").Dot("properties"), jen.Id("tc").Dot("err")),
			)),
		),
	)
	f.Line()
	f.Comment("checkEndpoint compares a resolved endpoint (or error) with a case's expectation.")
	f.Func().Id("checkEndpoint").Params(
		jen.Id("t").Op("*").Qual("testing", "T"), jen.Id("got").Qual(ep, "Result"), jen.Err().Error(),
		jen.Id("url").String(), jen.Id("headers").Map(jen.String()).Index().String(), jen.List(jen.Id("properties"), jen.Id("wantErr")).String(),
	).Block(
		jen.Id("t").Dot("Helper").Call(),
		jen.If(jen.Id("wantErr").Op("!=").Lit("")).Block(
			jen.If(jen.Err().Op("==").Nil().Op("||").Err().Dot("Error").Call().Op("!=").Id("wantErr")).Block(
				jen.Id("t").Dot("Fatalf").Call(jen.Lit("got endpoint %q, error %v; want error %q"), jen.Id("got").Dot("URL"), jen.Err(), jen.Id("wantErr"))),
			jen.Return(),
		),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("got error %v; want endpoint %q"), jen.Err(), jen.Id("url"))),
		jen.If(jen.Id("got").Dot("URL").Op("!=").Id("url")).Block(jen.Id("t").Dot("Errorf").Call(jen.Lit("URL = %q; want %q"), jen.Id("got").Dot("URL"), jen.Id("url"))),
		jen.If(jen.Len(jen.Id("headers")).Op(">").Lit(0).Op("&&").Op("!").Qual("reflect", "DeepEqual").Call(jen.Id("got").Dot("Headers"), jen.Id("headers"))).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("headers = %v; want %v"), jen.Id("got").Dot("Headers"), jen.Id("headers"))),
		jen.If(jen.Id("properties").Op("!=").Lit("")).Block(
			jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("got").Dot("Properties")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
			jen.Var().List(jen.Id("gotProps"), jen.Id("wantProps")).Any(),
			jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("b"), jen.Op("&").Id("gotProps")), jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
			jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Index().Byte().Call(jen.Id("properties")), jen.Op("&").Id("wantProps")), jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
			jen.If(jen.Op("!").Qual("reflect", "DeepEqual").Call(jen.Id("gotProps"), jen.Id("wantProps"))).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("properties = %s; want %s"), jen.Id("b"), jen.Id("properties"))),
		),
	)
	return f, nil
}

// paramLit is a Go literal of an endpoint parameter value.
func paramLit(v any) jen.Code {
	if list, ok := v.([]any); ok {
		items := make([]jen.Code, len(list))
		for i, x := range list {
			items[i] = jen.Lit(fmt.Sprint(x))
		}
		return jen.Index().String().Values(items...)
	}
	return jen.Lit(v)
}

// testName makes a case's documentation usable as a subtest name.
func testName(doc string) string {
	doc = strings.Join(strings.Fields(doc), " ")
	if len(doc) > 100 {
		doc = doc[:100]
	}
	return doc
}

// emitEndpointParams declares extra, the endpoint parameters that come from
// the operation: smithy.rules#staticContextParams on it and
// smithy.rules#contextParam on its input members (in). It reports whether
// the operation has any.
func (c *codec) emitEndpointParams(g *jen.Group, op *Operation) bool {
	ep := c.p.runtimePkg("endpointrules")
	var static map[string]struct {
		Value any `json:"value"`
	}
	if raw, ok := op.Shape.Traits.Raw("smithy.rules#staticContextParams"); ok {
		_ = json.Unmarshal([]byte(raw), &static)
	}
	type ctxParam struct {
		name string
		m    *shapes.Member
	}
	var members []ctxParam
	if op.Input != nil {
		for _, m := range op.Input.Members {
			if raw, ok := m.Traits.Raw("smithy.rules#contextParam"); ok {
				var v struct {
					Name string `json:"name"`
				}
				if json.Unmarshal([]byte(raw), &v) == nil && v.Name != "" {
					members = append(members, ctxParam{v.Name, m})
				}
			}
		}
	}
	if len(static) == 0 && len(members) == 0 {
		return false
	}
	names := make([]string, 0, len(static))
	for k := range static {
		names = append(names, k)
	}
	slices.Sort(names)
	d := jen.Dict{}
	for _, k := range names {
		d[jen.Lit(k)] = jen.Lit(static[k].Value)
	}
	g.Id("extra").Op(":=").Qual(ep, "Params").Values(d)
	for _, cp := range members {
		field := jen.Id("in").Dot(c.p.FieldName(cp.m))
		val := c.fieldValue(cp.m, field)
		if cp.m.Target.IsEnum() {
			val = jen.String().Call(val)
		}
		set := jen.Id("extra").Index(jen.Lit(cp.name)).Op("=").Add(val)
		if cond := c.setCond(cp.m, field, true); cond != nil {
			g.If(cond).Block(set)
		} else {
			g.Add(set)
		}
	}
	return true
}
