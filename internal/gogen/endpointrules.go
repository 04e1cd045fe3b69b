package gogen

import (
	"fmt"
	"regexp"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/naming"
	"github.com/smithygo/smithygo/internal/ruleset"
)

// ruleCompiler turns a parsed, type-checked endpoint rule set into Go: the
// rules become nested ifs in order, assigned names become Go locals, and
// library functions become calls of the client's internal/endpointrules.
// The generated code must behave exactly like ruleset.Resolve; the corpus
// and golden tests compare them.
type ruleCompiler struct {
	ep    string            // import path of the client's endpointrules
	names map[string]string // rule-set name → Go local
	scope *naming.Scope
}

func newRuleCompiler(ep string, rs *ruleset.RuleSet) *ruleCompiler {
	rc := &ruleCompiler{ep: ep, names: map[string]string{},
		// p is the receiver; ok a scratch flag; endpointrules the import.
		scope: naming.NewScope("p", "ok", "endpointrules", "params", "name", "v")}
	for _, prm := range rs.Params {
		rc.names[prm.Name] = rc.scope.Unique(naming.Unexported(prm.Name), "")
	}
	return rc
}

// local returns the Go local of a parameter or assigned name.
func (rc *ruleCompiler) local(name string) string {
	if n, ok := rc.names[name]; ok {
		return n
	}
	n := rc.scope.Unique(naming.Unexported(name), "")
	rc.names[name] = n
	return n
}

// recordFields are the Go field names of the runtime's PartitionResult,
// URL and ARN, by rules-engine field name.
var recordFields = map[string]string{
	"name": "Name", "dnsSuffix": "DNSSuffix", "dualStackDnsSuffix": "DualStackDNSSuffix",
	"supportsFIPS": "SupportsFIPS", "supportsDualStack": "SupportsDualStack", "implicitGlobalRegion": "ImplicitGlobalRegion",
	"scheme": "Scheme", "authority": "Authority", "path": "Path", "normalizedPath": "NormalizedPath", "isIp": "IsIP",
	"partition": "Partition", "service": "Service", "region": "Region", "accountId": "AccountID", "resourceId": "ResourceID",
}

// and joins conditions with &&.
func and(conds ...jen.Code) jen.Code {
	var out *jen.Statement
	for _, c := range conds {
		if out == nil {
			out = jen.Add(c)
			continue
		}
		out = out.Op("&&").Add(c)
	}
	if out == nil {
		return jen.True()
	}
	return out
}

// value compiles an expression to Go. guards are conditions that must
// hold, in order, before the value may be evaluated: they test that
// optional values are set.
func (rc *ruleCompiler) value(e ruleset.Expr, path string) (v jen.Code, guards []jen.Code, err error) {
	switch e := e.(type) {
	case *ruleset.Literal:
		return jen.Lit(e.Value), nil, nil
	case *ruleset.Ref:
		id := jen.Id(rc.local(e.Name))
		if e.Param == nil || (e.Param.Required || e.Param.Default != nil) {
			return id, nil, nil
		}
		// An optional parameter is a nil-able local: a pointer, or a
		// nil slice for a stringArray.
		val := jen.Op("*").Id(rc.local(e.Name))
		if e.Param.Type == ruleset.StringArray {
			val = id
		}
		if e.Type().Optional {
			guards = []jen.Code{jen.Id(rc.local(e.Name)).Op("!=").Nil()}
		}
		return val, guards, nil
	case *ruleset.Template:
		var out *jen.Statement
		for _, part := range e.Parts {
			var c jen.Code = jen.Lit(part.Lit)
			if part.Expr != nil {
				pv, pg, err := rc.value(part.Expr, path)
				if err != nil {
					return nil, nil, err
				}
				c, guards = pv, append(guards, pg...)
			}
			if out == nil {
				out = jen.Add(c)
			} else {
				out = out.Op("+").Add(c)
			}
		}
		return out, guards, nil
	case *ruleset.GetAttr:
		return rc.getAttr(e, path)
	case *ruleset.Call:
		return rc.call(e, path)
	}
	return nil, nil, fmt.Errorf("%s: %T values are not supported by the Go compiler", path, e)
}

// getAttr compiles field accesses and bounds-checked indexes.
func (rc *ruleCompiler) getAttr(e *ruleset.GetAttr, path string) (jen.Code, []jen.Code, error) {
	target, guards, err := rc.value(e.Target, path)
	if err != nil {
		return nil, nil, err
	}
	if _, ok := e.Target.(*ruleset.Ref); !ok {
		return nil, nil, fmt.Errorf("%s: getAttr on a %s that is not a name; assign it first", path, e.Target.Type().Kind)
	}
	cur := jen.Add(target)
	for _, st := range e.Path {
		if !st.IsIndex {
			cur = jen.Add(cur).Dot(recordFields[st.Key])
			continue
		}
		// Bounds-checked: [i] needs len > i, [-k] needs len >= k.
		list := jen.Add(cur)
		if st.Index >= 0 {
			guards = append(guards, jen.Len(list).Op(">").Lit(st.Index))
			cur = jen.Add(list).Index(jen.Lit(st.Index))
		} else {
			guards = append(guards, jen.Len(list).Op(">=").Lit(-st.Index))
			cur = jen.Add(list).Index(jen.Len(list).Op("-").Lit(-st.Index))
		}
	}
	return cur, guards, nil
}

// boolLit returns the value of a boolean literal.
func boolLit(e ruleset.Expr) (bool, bool) {
	l, ok := e.(*ruleset.Literal)
	if !ok {
		return false, false
	}
	b, ok := l.Value.(bool)
	return b, ok
}

// call compiles the functions that can appear inside expressions. Those
// that can fail (parseURL, substring, split, aws.partition, aws.parseArn)
// must be conditions of their own (see cond), where their result can be
// tested and bound.
func (rc *ruleCompiler) call(e *ruleset.Call, path string) (jen.Code, []jen.Code, error) {
	args := make([]jen.Code, len(e.Args))
	guards := make([][]jen.Code, len(e.Args))
	for i, a := range e.Args {
		v, g, err := rc.value(a, fmt.Sprintf("%s.argv[%d]", path, i))
		if err != nil {
			return nil, nil, err
		}
		args[i], guards[i] = v, g
	}
	// The predicates are false, not unset, when an argument is unset, so
	// their guards fold into the result.
	folded := func(v jen.Code, gs ...[]jen.Code) (jen.Code, []jen.Code, error) {
		var all []jen.Code
		for _, g := range gs {
			all = append(all, g...)
		}
		return and(append(all, v)...), nil, nil
	}
	switch e.Fn {
	case "isSet":
		return and(guards[0]...), nil, nil
	case "not":
		return negate(args[0]), guards[0], nil
	case "booleanEquals":
		if b, ok := boolLit(e.Args[1]); ok {
			return folded(boolIs(args[0], b), guards[0])
		}
		if b, ok := boolLit(e.Args[0]); ok {
			return folded(boolIs(args[1], b), guards[1])
		}
		return folded(jen.Add(args[0]).Op("==").Add(args[1]), guards[0], guards[1])
	case "stringEquals":
		return folded(jen.Add(args[0]).Op("==").Add(args[1]), guards[0], guards[1])
	case "isValidHostLabel", "aws.isVirtualHostableS3Bucket":
		fn := "IsValidHostLabel"
		if e.Fn != "isValidHostLabel" {
			fn = "IsVirtualHostableS3Bucket"
		}
		// An unset allowSubDomains counts as false.
		allow := args[1]
		if len(guards[1]) > 0 {
			allow = and(append(guards[1], args[1])...)
		}
		return folded(jen.Qual(rc.ep, fn).Call(args[0], allow), guards[0])
	case "uriEncode":
		return jen.Qual(rc.ep, "URIEncode").Call(args[0]), guards[0], nil
	case "ite":
		if len(guards[1]) > 0 || len(guards[2]) > 0 {
			return nil, nil, fmt.Errorf("%s: ite with a branch that may have no value is not supported by the Go compiler", path)
		}
		return jen.Qual(rc.ep, "Ite").Call(args...), guards[0], nil
	case "coalesce":
		// coalesce(optional parameter, value): the parameter's pointer or
		// the value.
		if r, ok := e.Args[0].(*ruleset.Ref); ok && len(e.Args) == 2 && r.Param != nil && r.Param.Type != ruleset.StringArray &&
			len(guards[0]) == 1 && len(guards[1]) == 0 {
			return jen.Qual(rc.ep, "Or").Call(jen.Id(rc.local(r.Name)), args[1]), nil, nil
		}
		if len(guards[0]) == 0 {
			return args[0], nil, nil // the first argument always has a value
		}
		return nil, nil, fmt.Errorf("%s: this coalesce is not supported by the Go compiler (only coalesce(optionalParameter, value))", path)
	}
	return nil, nil, fmt.Errorf("%s: %s can fail, so the Go compiler needs it as a condition of its own", path, e.Fn)
}

// boolIs is v == b for a boolean literal b, written as v or !v.
func boolIs(v jen.Code, b bool) jen.Code {
	if b {
		return v
	}
	return negate(v)
}

// simpleOperand matches Go operands that need no parentheses after "!".
var simpleOperand = regexp.MustCompile(`^[\w.]+(\([^()&|=!<>]*\))?$`)

// negate is !v, parenthesized unless v is a name, selector or call.
func negate(v jen.Code) jen.Code {
	if simpleOperand.MatchString(fmt.Sprintf("%#v", v)) {
		return jen.Op("!").Add(v)
	}
	return jen.Op("!").Parens(v)
}

// step is one test in a rule's chain of conditions: an if (optionally with
// an init statement), or a plain statement binding an assigned name.
type step struct {
	init jen.Code // if init; cond
	cond jen.Code
	stmt jen.Code // a statement on its own (init and cond are nil)
}

// failing are the functions that can fail, and how their results are
// tested: "ptr" returns a pointer (nil for no value), "ok" returns a value
// and an ok flag.
var failing = map[string]struct{ fn, style string }{
	"parseURL":      {"ParseURL", "ptr"},
	"aws.partition": {"Partition", "ptr"},
	"aws.parseArn":  {"ParseARN", "ptr"},
	"substring":     {"Substring", "ok"},
	"split":         {"Split", "ok"},
}

// cond compiles a condition to steps.
func (rc *ruleCompiler) cond(c *ruleset.Condition) ([]step, error) {
	var steps []step
	guardSteps := func(gs []jen.Code) {
		for _, g := range gs {
			steps = append(steps, step{cond: g})
		}
	}
	name := "_"
	if c.Assign != "" && c.Used {
		name = rc.local(c.Assign)
	}
	if call, ok := c.Fn.(*ruleset.Call); ok {
		if f, ok := failing[call.Fn]; ok {
			args := make([]jen.Code, len(call.Args))
			for i, a := range call.Args {
				v, g, err := rc.value(a, fmt.Sprintf("%s.argv[%d]", c.Path, i))
				if err != nil {
					return nil, err
				}
				guardSteps(g)
				args[i] = v
			}
			fn := jen.Qual(rc.ep, f.fn).Call(args...)
			switch {
			case f.style == "ptr" && name == "_":
				steps = append(steps, step{cond: jen.Add(fn).Op("!=").Nil()})
			case f.style == "ptr":
				steps = append(steps, step{init: jen.Id(name).Op(":=").Add(fn), cond: jen.Id(name).Op("!=").Nil()})
			default:
				steps = append(steps, step{init: jen.List(jen.Id(name), jen.Id("ok")).Op(":=").Add(fn), cond: jen.Id("ok")})
			}
			return steps, nil
		}
	}
	v, g, err := rc.value(c.Fn, c.Path)
	if err != nil {
		return nil, err
	}
	guardSteps(g)
	isBool := c.Fn.Type().Kind == ruleset.Bool
	switch {
	case name != "_" && isBool:
		steps = append(steps, step{init: jen.Id(name).Op(":=").Add(v), cond: jen.Id(name)})
	case name != "_":
		steps = append(steps, step{stmt: jen.Id(name).Op(":=").Add(v)})
	case isBool:
		steps = append(steps, step{cond: v})
	}
	return steps, nil
}

// rules emits a list of rules into g and reports whether the list always
// returns (its last emitted rule has no conditions); rules after an
// unconditional one could never run and are left out.
func (rc *ruleCompiler) rules(g *jen.Group, rules []*ruleset.Rule) (bool, error) {
	for _, r := range rules {
		var steps []step
		for _, c := range r.Conditions {
			s, err := rc.cond(c)
			if err != nil {
				return false, err
			}
			steps = append(steps, s...)
		}
		var bodyErr error
		body := func(g *jen.Group) {
			bodyErr = rc.body(g, r)
		}
		conditional := false
		for _, s := range steps {
			conditional = conditional || s.stmt == nil
		}
		g.Comment(r.Path)
		if len(steps) > 0 && steps[0].stmt != nil {
			// A statement first: a block keeps its name out of the
			// siblings' scope.
			g.BlockFunc(func(g *jen.Group) { emitSteps(g, steps, body) })
		} else {
			emitSteps(g, steps, body)
		}
		if bodyErr != nil {
			return false, bodyErr
		}
		if !conditional {
			return true, nil
		}
	}
	return false, nil
}

// emitSteps emits steps as nested ifs around body, joining consecutive
// plain conditions with && (an init statement starts a new if).
func emitSteps(g *jen.Group, steps []step, body func(*jen.Group)) {
	if len(steps) == 0 {
		body(g)
		return
	}
	s := steps[0]
	if s.stmt != nil {
		g.Add(s.stmt)
		emitSteps(g, steps[1:], body)
		return
	}
	conds := []jen.Code{s.cond}
	n := 1
	for n < len(steps) && steps[n].stmt == nil && steps[n].init == nil {
		conds = append(conds, steps[n].cond)
		n++
	}
	head := and(conds...)
	if s.init != nil {
		head = jen.Add(s.init).Op(";").Add(head)
	}
	g.If(head).BlockFunc(func(g *jen.Group) { emitSteps(g, steps[n:], body) })
}

// body emits what a rule does once its conditions hold.
func (rc *ruleCompiler) body(g *jen.Group, r *ruleset.Rule) error {
	switch r.Kind {
	case ruleset.ErrorRule:
		msg, err := rc.strict(r.Error, r.Path+".error")
		if err != nil {
			return err
		}
		g.Return(jen.Qual(rc.ep, "Result").Values(), jen.Op("&").Qual(rc.ep, "RuleError").Values(jen.Dict{jen.Id("Message"): msg}))
	case ruleset.TreeRule:
		done, err := rc.rules(g, r.Rules)
		if err != nil {
			return err
		}
		if !done {
			g.Comment("A tree whose conditions hold is terminal: no falling through to its siblings.")
			g.Return(jen.Qual(rc.ep, "Result").Values(), jen.Qual(rc.ep, "ErrNoMatch"))
		}
	default:
		e := r.Endpoint
		d := jen.Dict{}
		url, err := rc.strict(e.URL, r.Path+".endpoint.url")
		if err != nil {
			return err
		}
		d[jen.Id("URL")] = url
		if len(e.Headers) > 0 {
			hs := jen.Dict{}
			for _, h := range e.Headers {
				vals := make([]jen.Code, len(h.Values))
				for i, x := range h.Values {
					if vals[i], err = rc.strict(x, fmt.Sprintf("%s.endpoint.headers[%q][%d]", r.Path, h.Name, i)); err != nil {
						return err
					}
				}
				hs[jen.Lit(h.Name)] = jen.Values(vals...)
			}
			d[jen.Id("Headers")] = jen.Map(jen.String()).Index().String().Values(hs)
		}
		if e.Properties != nil {
			props, err := rc.prop(*e.Properties, r.Path+".endpoint.properties")
			if err != nil {
				return err
			}
			d[jen.Id("Properties")] = props
		}
		g.Return(jen.Qual(rc.ep, "Result").Values(d), jen.Nil())
	}
	return nil
}

// strict compiles an expression that must have a value: a URL, a message,
// a header or a property.
func (rc *ruleCompiler) strict(e ruleset.Expr, path string) (jen.Code, error) {
	v, g, err := rc.value(e, path)
	if err != nil {
		return nil, err
	}
	if len(g) > 0 || e.Type().Kind != ruleset.String {
		return nil, fmt.Errorf("%s: the value may be unset or is not a string (test it with isSet in a condition first)", path)
	}
	return v, nil
}

// prop compiles an endpoint property to a JSON-like Go value.
func (rc *ruleCompiler) prop(p ruleset.Prop, path string) (jen.Code, error) {
	switch p.Kind {
	case ruleset.PropString:
		return rc.strict(p.Str, path)
	case ruleset.PropBool:
		return jen.Lit(p.Bool), nil
	case ruleset.PropNumber:
		// A float64 literal (jen writes 3.0), as encoding/json decodes numbers.
		return jen.Lit(p.Num), nil
	case ruleset.PropArray:
		elems := make([]jen.Code, len(p.Elems))
		for i, el := range p.Elems {
			c, err := rc.prop(el, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			elems[i] = c
		}
		return jen.Index().Any().Values(elems...), nil
	}
	d := jen.Dict{}
	for i, k := range p.Keys {
		c, err := rc.prop(p.Elems[i], path+"."+k)
		if err != nil {
			return nil, err
		}
		d[jen.Lit(k)] = c
	}
	return jen.Map(jen.String()).Any().Values(d), nil
}
