package gogen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// ruleSetParam is a parameter of an endpoint rule set.
type ruleSetParam struct {
	BuiltIn string `json:"builtIn"`
	Type    string `json:"type"`
}

// builtInOptions maps the built-in endpoint parameters the client fills to
// the Options field that holds each.
var builtInOptions = map[string]string{
	"AWS::Region":       "Region",
	"AWS::UseFIPS":      "UseFIPS",
	"AWS::UseDualStack": "UseDualStack",
	"SDK::Endpoint":     "BaseEndpoint",
}

// ruleSetParams returns the rule set's parameters by name.
func ruleSetParams(raw string) (map[string]ruleSetParam, error) {
	var rs struct {
		Parameters map[string]ruleSetParam `json:"parameters"`
	}
	if err := json.Unmarshal([]byte(raw), &rs); err != nil {
		return nil, err
	}
	return rs.Parameters, nil
}

// emitEndpoints writes endpoints_gen.go: the service's endpoint rule set and
// resolveEndpoint, which fills its parameters from Options.
func emitEndpoints(p *Plan) (*jen.File, error) {
	f := jen.NewFilePathName(p.ImportPath, p.Package)
	f.HeaderComment(header)
	ep := p.ImportPath + "/internal/endpointrules"
	svc := p.Svc.Shape
	raw, ok := svc.Traits.EndpointRuleSet()
	if !ok {
		f.Add(comment(wrap("resolveEndpoint returns Options.BaseEndpoint: the model has no endpoint rules to resolve one from.")))
		f.Func().Id("resolveEndpoint").Params(jen.Id("opts").Op("*").Id("Options"), jen.Id("_").Qual(ep, "Params")).Params(jen.Qual(ep, "Endpoint"), jen.Error()).Block(
			jen.If(jen.Id("opts").Dot("BaseEndpoint").Op("==").Lit("")).Block(
				jen.Return(jen.Qual(ep, "Endpoint").Values(), jen.Qual("errors", "New").Call(jen.Lit("the service model has no endpoint rules: set Options.BaseEndpoint")))),
			jen.Return(jen.Qual(ep, "Endpoint").Values(jen.Dict{jen.Id("URL"): jen.Id("opts").Dot("BaseEndpoint")}), jen.Nil()),
		)
		return f, nil
	}
	params, err := ruleSetParams(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: smithy.rules#endpointRuleSet: %w", svc.ID, err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(raw)); err != nil {
		return nil, fmt.Errorf("%s: smithy.rules#endpointRuleSet: %w", svc.ID, err)
	}
	f.Comment("endpointRuleSetJSON is the service's smithy.rules#endpointRuleSet.")
	f.Const().Id("endpointRuleSetJSON").Op("=").Lit(compact.String())
	f.Line()
	f.Comment("endpointRules is parsed on first use, so importing the package costs nothing.")
	f.Var().Id("endpointRules").Op("=").Qual("sync", "OnceValue").Call(jen.Func().Params().Op("*").Qual(ep, "RuleSet").Block(
		jen.Return(jen.Qual(ep, "MustParse").Call(jen.Id("endpointRuleSetJSON"))),
	))
	f.Line()

	names := make([]string, 0, len(params))
	hasEndpoint := false
	for name, prm := range params {
		if _, ok := builtInOptions[prm.BuiltIn]; ok {
			names = append(names, name)
		}
		hasEndpoint = hasEndpoint || prm.BuiltIn == "SDK::Endpoint"
	}
	slices.Sort(names)
	f.Add(comment(wrap("resolveEndpoint evaluates the endpoint rules with the parameters Options supplies (Region, UseFIPS, UseDualStack and BaseEndpoint) and the operation's own (extra); the others keep their defaults.")))
	f.Func().Id("resolveEndpoint").Params(jen.Id("opts").Op("*").Id("Options"), jen.Id("extra").Qual(ep, "Params")).Params(jen.Qual(ep, "Endpoint"), jen.Error()).BlockFunc(func(g *jen.Group) {
		if !hasEndpoint {
			g.If(jen.Id("opts").Dot("BaseEndpoint").Op("!=").Lit("")).Block(
				jen.Return(jen.Qual(ep, "Endpoint").Values(jen.Dict{jen.Id("URL"): jen.Id("opts").Dot("BaseEndpoint")}), jen.Nil()))
		}
		g.Id("params").Op(":=").Make(jen.Qual(ep, "Params"), jen.Lit(len(names)).Op("+").Len(jen.Id("extra")))
		for _, name := range names {
			field := builtInOptions[params[name].BuiltIn]
			val := jen.Id("opts").Dot(field)
			if strings.EqualFold(params[name].Type, "boolean") {
				g.Id("params").Index(jen.Lit(name)).Op("=").Add(val)
				continue
			}
			g.If(val.Clone().Op("!=").Lit("")).Block(jen.Id("params").Index(jen.Lit(name)).Op("=").Add(val))
		}
		g.For(jen.List(jen.Id("k"), jen.Id("v")).Op(":=").Range().Id("extra")).Block(jen.Id("params").Index(jen.Id("k")).Op("=").Id("v"))
		g.Return(jen.Id("endpointRules").Call().Dot("Resolve").Call(jen.Id("params")))
	})
	return f, nil
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
	if _, ok := svc.Traits.EndpointRuleSet(); !ok {
		return nil, nil
	}
	rsRaw, _ := svc.Traits.EndpointRuleSet()
	params, err := ruleSetParams(rsRaw)
	if err != nil {
		return nil, err
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
	ep := p.ImportPath + "/internal/endpointrules"
	f := jen.NewFilePathName(p.ImportPath, p.Package)
	f.HeaderComment(header)

	var cases []jen.Code
	for i, tc := range tests.TestCases {
		d := jen.Dict{jen.Id("name"): jen.Lit(fmt.Sprintf("%03d %s", i, testName(tc.Documentation)))}
		viaOptions := true
		for name := range tc.Params {
			if _, ok := builtInOptions[params[name].BuiltIn]; !ok {
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
				opts[jen.Id(builtInOptions[params[k].BuiltIn])] = jen.Lit(tc.Params[k])
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
				jen.Var().Id("got").Qual(ep, "Endpoint"),
				jen.Var().Err().Error(),
				jen.If(jen.Id("tc").Dot("opts").Op("!=").Nil()).Block(
					jen.List(jen.Id("got"), jen.Err()).Op("=").Id("resolveEndpoint").Call(jen.Id("tc").Dot("opts"), jen.Nil()),
				).Else().Block(
					jen.List(jen.Id("got"), jen.Err()).Op("=").Id("endpointRules").Call().Dot("Resolve").Call(jen.Id("tc").Dot("params")),
				),
				jen.Id("checkEndpoint").Call(jen.Id("t"), jen.Id("got"), jen.Err(), jen.Id("tc").Dot("url"), jen.Id("tc").Dot("headers"), jen.Id("tc").Dot("properties"), jen.Id("tc").Dot("err")),
			)),
		),
	)
	f.Line()
	f.Comment("checkEndpoint compares a resolved endpoint (or error) with a case's expectation.")
	f.Func().Id("checkEndpoint").Params(
		jen.Id("t").Op("*").Qual("testing", "T"), jen.Id("got").Qual(ep, "Endpoint"), jen.Err().Error(),
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

// emitEndpointParams sets the request's endpoint parameters that come from
// the operation: smithy.rules#staticContextParams on it and
// smithy.rules#contextParam on its input members.
func (c *codec) emitEndpointParams(g *jen.Group, op *Operation) {
	ep := c.p.ImportPath + "/internal/endpointrules"
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
		return
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
	g.Id("r").Dot("endpointParams").Op("=").Qual(ep, "Params").Values(d)
	for _, cp := range members {
		field := jen.Id("in").Dot(c.p.FieldName(cp.m))
		val := c.fieldValue(cp.m, field)
		if cp.m.Target.IsEnum() {
			val = jen.String().Call(val)
		}
		set := jen.Id("r").Dot("endpointParams").Index(jen.Lit(cp.name)).Op("=").Add(val)
		if cond := c.setCond(cp.m, field, true); cond != nil {
			g.If(cond).Block(set)
		} else {
			g.Add(set)
		}
	}
}
