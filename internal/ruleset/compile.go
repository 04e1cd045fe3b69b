package ruleset

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// The JSON form of a rule set, as encoding/json decodes it. Polymorphic
// places (arguments, urls, messages, properties, header values) are any,
// holding string, bool, json.Number, []any or map[string]any.
type ruleSetJSONDoc struct {
	Version    string                   `json:"version"`
	Parameters map[string]parameterJSON `json:"parameters"`
	Rules      []ruleJSON               `json:"rules"`
}

type parameterJSON struct {
	Type     string `json:"type"`
	Required bool   `json:"required"`
	Default  any    `json:"default"`
	BuiltIn  string `json:"builtIn"`
}

type ruleJSON struct {
	Type       string          `json:"type"`
	Conditions []conditionJSON `json:"conditions"`
	Endpoint   *endpointJSON   `json:"endpoint"`
	Error      any             `json:"error"`
	Rules      []ruleJSON      `json:"rules"`
}

type conditionJSON struct {
	Fn     string `json:"fn"`
	Argv   []any  `json:"argv"`
	Assign string `json:"assign"`
}

type endpointJSON struct {
	URL        any              `json:"url"`
	Properties map[string]any   `json:"properties"`
	Headers    map[string][]any `json:"headers"`
}

// compiler turns the JSON form into the typed tree. It tracks which names
// are in scope, and which optional parameters are known to be set, so that
// every reference can be bound to a slot and typed once.
type compiler struct {
	params  map[string]*Param
	slots   map[string]int        // every parameter and assigned name → its slot
	inScope map[string]*Condition // assigned names visible at this point
	// narrowed are the optional parameters that an earlier condition on
	// this path proved set (isSet(P), or any condition that fails when P is
	// unset): references to them are not optional.
	narrowed map[string]bool
}

func compile(doc *ruleSetJSONDoc) (*RuleSet, error) {
	if len(doc.Rules) == 0 {
		return nil, errors.New("rule set has no rules")
	}
	rs := &RuleSet{Version: doc.Version}
	names := make([]string, 0, len(doc.Parameters))
	for name := range doc.Parameters {
		names = append(names, name)
	}
	sort.Strings(names)
	c := &compiler{params: make(map[string]*Param), slots: make(map[string]int),
		inScope: make(map[string]*Condition), narrowed: make(map[string]bool)}
	for i, name := range names {
		p, err := compileParam(name, doc.Parameters[name])
		if err != nil {
			return nil, err
		}
		rs.Params = append(rs.Params, p)
		c.params[name] = p
		c.slots[name] = i
	}
	rules, err := c.rules(doc.Rules, "rules")
	if err != nil {
		return nil, err
	}
	rs.Rules = rules
	rs.nslots = len(c.slots)
	return rs, nil
}

func compileParam(name string, pj parameterJSON) (*Param, error) {
	p := &Param{Name: name, Required: pj.Required, BuiltIn: pj.BuiltIn}
	// The spec spells types string/boolean/stringArray, AWS models
	// String/Boolean: compare case-insensitively.
	switch strings.ToLower(pj.Type) {
	case "string":
		p.Type = String
	case "boolean":
		p.Type = Bool
	case "stringarray":
		p.Type = StringArray
	default:
		return nil, fmt.Errorf("parameter %q: unknown type %q", name, pj.Type)
	}
	if pj.Default != nil {
		v, ok := convertParam(p.Type, pj.Default)
		if !ok {
			return nil, fmt.Errorf("parameter %q: default %v is not a %s", name, pj.Default, p.Type)
		}
		p.def = v
		p.Default = v.toAny()
		if p.Type == StringArray {
			ss := make([]string, len(v.arr))
			for i, e := range v.arr {
				ss[i] = e.s
			}
			p.Default = ss
		}
	}
	return p, nil
}

// optional reports whether a parameter may be unset when the rules run.
func (p *Param) optional() bool { return !p.Required && p.Default == nil }

func (c *compiler) rules(list []ruleJSON, path string) ([]*Rule, error) {
	out := make([]*Rule, len(list))
	for i := range list {
		r, err := c.rule(&list[i], fmt.Sprintf("%s[%d]", path, i))
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

func (c *compiler) rule(rj *ruleJSON, path string) (*Rule, error) {
	r := &Rule{Path: path}
	// Names assigned, and parameters narrowed, by this rule's conditions
	// hold for the rest of the rule and its children, and no longer after.
	var assigned, narrowed []string
	defer func() {
		for _, name := range assigned {
			delete(c.inScope, name)
		}
		for _, name := range narrowed {
			delete(c.narrowed, name)
		}
	}()
	for i, cj := range rj.Conditions {
		cpath := fmt.Sprintf("%s.conditions[%d]", path, i)
		e, err := c.call(cj.Fn, cj.Argv, cpath)
		if err != nil {
			return nil, err
		}
		cond := &Condition{Path: cpath, Fn: e, Assign: cj.Assign, slot: -1}
		for _, name := range provesSet(e) {
			if !c.narrowed[name] {
				c.narrowed[name] = true
				narrowed = append(narrowed, name)
			}
		}
		if cj.Assign != "" {
			name := cj.Assign
			if _, ok := c.params[name]; ok || c.inScope[name] != nil {
				return nil, fmt.Errorf("%s: assign %q shadows a parameter or a variable in scope", cpath, name)
			}
			slot, ok := c.slots[name]
			if !ok {
				slot = len(c.slots)
				c.slots[name] = slot
			}
			cond.slot = slot
			c.inScope[name] = cond
			assigned = append(assigned, name)
		}
		r.Conditions = append(r.Conditions, cond)
	}
	var err error
	switch rj.Type {
	case "endpoint":
		r.Kind = EndpointRule
		if rj.Endpoint == nil {
			return nil, fmt.Errorf("%s: endpoint rule has no endpoint", path)
		}
		r.Endpoint, err = c.endpoint(rj.Endpoint, path+".endpoint")
	case "error":
		r.Kind = ErrorRule
		if rj.Error == nil {
			return nil, fmt.Errorf("%s: error rule has no error", path)
		}
		r.Error, err = c.expr(rj.Error, path+".error")
	case "tree":
		r.Kind = TreeRule
		if len(rj.Rules) == 0 {
			return nil, fmt.Errorf("%s: tree rule has no rules", path)
		}
		r.Rules, err = c.rules(rj.Rules, path+".rules")
	default:
		return nil, fmt.Errorf("%s: unknown rule type %q", path, rj.Type)
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

// provesSet returns the parameters that condition e proves set when it
// holds: isSet's argument, and the parameters passed directly to any
// function that has no value or is false when an argument has no value
// (every function but coalesce and ite).
func provesSet(e Expr) []string {
	call, ok := e.(*Call)
	if !ok || call.Fn == "coalesce" || call.Fn == "ite" {
		return nil
	}
	var names []string
	for _, a := range call.Args {
		if r, ok := a.(*Ref); ok && r.Param != nil {
			names = append(names, r.Name)
		}
		if call.Fn == "isValidHostLabel" || call.Fn == "aws.isVirtualHostableS3Bucket" {
			break // an unset allowSubDomains counts as false
		}
	}
	return names
}

func (c *compiler) endpoint(ej *endpointJSON, path string) (*EndpointSpec, error) {
	if ej.URL == nil {
		return nil, fmt.Errorf("%s: endpoint has no url", path)
	}
	url, err := c.expr(ej.URL, path+".url")
	if err != nil {
		return nil, err
	}
	spec := &EndpointSpec{URL: url}
	for _, name := range sortedKeys(ej.Headers) {
		h := Header{Name: name}
		for i, x := range ej.Headers[name] {
			e, err := c.expr(x, fmt.Sprintf("%s.headers[%q][%d]", path, name, i))
			if err != nil {
				return nil, err
			}
			h.Values = append(h.Values, e)
		}
		spec.Headers = append(spec.Headers, h)
	}
	if len(ej.Properties) > 0 {
		p, err := c.prop(map[string]any(ej.Properties), path+".properties")
		if err != nil {
			return nil, err
		}
		spec.Properties = &p
	}
	return spec, nil
}

// prop compiles an endpoint property value.
func (c *compiler) prop(x any, path string) (Prop, error) {
	switch x := x.(type) {
	case string:
		e, err := c.template(x, path)
		if err != nil {
			return Prop{}, err
		}
		return Prop{Kind: PropString, Str: e}, nil
	case bool:
		return Prop{Kind: PropBool, Bool: x}, nil
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return Prop{}, fmt.Errorf("%s: bad number %s", path, x)
		}
		return Prop{Kind: PropNumber, Num: f}, nil
	case []any:
		out := Prop{Kind: PropArray, Elems: make([]Prop, len(x))}
		for i, e := range x {
			p, err := c.prop(e, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return Prop{}, err
			}
			out.Elems[i] = p
		}
		return out, nil
	case map[string]any:
		out := Prop{Kind: PropObject}
		for _, k := range sortedKeys(x) {
			p, err := c.prop(x[k], path+"."+k)
			if err != nil {
				return Prop{}, err
			}
			out.Keys = append(out.Keys, k)
			out.Elems = append(out.Elems, p)
		}
		return out, nil
	}
	return Prop{}, fmt.Errorf("%s: unsupported property value %v", path, x)
}

// expr compiles an argument, url, message or header value: a reference or
// function object, or else a literal.
func (c *compiler) expr(x any, path string) (Expr, error) {
	if m, ok := x.(map[string]any); ok {
		if ref, ok := m["ref"]; ok {
			name, ok := ref.(string)
			if !ok {
				return nil, fmt.Errorf("%s: ref is not a string", path)
			}
			return c.ref(name, path)
		}
		if fn, ok := m["fn"]; ok {
			name, ok := fn.(string)
			if !ok {
				return nil, fmt.Errorf("%s: fn is not a string", path)
			}
			argv, ok := m["argv"].([]any)
			if !ok && m["argv"] != nil {
				return nil, fmt.Errorf("%s: argv is not an array", path)
			}
			return c.call(name, argv, path)
		}
	}
	return c.literal(x, path)
}

// literal compiles a literal: strings are templates, arrays and objects
// hold literals (not references or calls, as in the reference
// implementation).
func (c *compiler) literal(x any, path string) (Expr, error) {
	switch x := x.(type) {
	case string:
		return c.template(x, path)
	case bool:
		return &Literal{Value: x, v: boolValue(x)}, nil
	case json.Number:
		i, err := strconv.Atoi(x.String())
		if err != nil {
			return nil, fmt.Errorf("%s: %s is not an integer", path, x)
		}
		return &Literal{Value: i, v: intValue(i)}, nil
	case []any:
		out := &ArrayLiteral{Elems: make([]Expr, len(x))}
		for i, e := range x {
			el, err := c.literal(e, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			out.Elems[i] = el
		}
		return out, nil
	case map[string]any:
		out := &ObjectLiteral{Keys: sortedKeys(x)}
		for _, k := range out.Keys {
			el, err := c.literal(x[k], path+"."+k)
			if err != nil {
				return nil, err
			}
			out.Elems = append(out.Elems, el)
		}
		return out, nil
	case nil:
		return nil, fmt.Errorf("%s: null is not a rules-engine value", path)
	}
	return nil, fmt.Errorf("%s: unsupported value %v", path, x)
}

// ref binds a reference to its slot and type, checking that it is in
// scope.
func (c *compiler) ref(name, path string) (Expr, error) {
	if p, ok := c.params[name]; ok {
		p.Used = true
		return &Ref{Name: name, Param: p, slot: c.slots[name],
			typ: Type{Kind: p.Type, Optional: p.optional() && !c.narrowed[name]}}, nil
	}
	cond := c.inScope[name]
	if cond == nil {
		return nil, fmt.Errorf("%s: reference to %q, which is neither a parameter nor a variable in scope", path, name)
	}
	cond.Used = true
	// A condition holds only when its value is set, so an assigned name
	// always has a value.
	return &Ref{Name: name, Cond: cond, slot: cond.slot, typ: Type{Kind: cond.Fn.Type().Kind}}, nil
}

// call compiles and type-checks a function call, binding the function at
// Parse time.
func (c *compiler) call(name string, argv []any, path string) (Expr, error) {
	if name == "" {
		return nil, fmt.Errorf("%s: missing function name", path)
	}
	f, ok := lookupFunction(name)
	if !ok {
		return nil, fmt.Errorf("%s: unknown function %q", path, name)
	}
	if len(argv) < f.minArgs || (f.maxArgs >= 0 && len(argv) > f.maxArgs) {
		want := strconv.Itoa(f.minArgs)
		switch {
		case f.maxArgs < 0:
			want = "at least " + want
		case f.maxArgs != f.minArgs:
			want += " to " + strconv.Itoa(f.maxArgs)
		}
		return nil, fmt.Errorf("%s: function %q takes %s arguments, got %d", path, name, want, len(argv))
	}
	if name == "getAttr" {
		// The path is a literal string, so parse it now rather than on
		// every evaluation.
		p, ok := argv[1].(string)
		if !ok {
			return nil, fmt.Errorf("%s: getAttr path must be a literal string", path)
		}
		steps, err := parsePath(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		target, err := c.expr(argv[0], path+".argv[0]")
		if err != nil {
			return nil, err
		}
		return getAttr(target, steps, path)
	}
	args := make([]Expr, len(argv))
	for i, a := range argv {
		e, err := c.expr(a, fmt.Sprintf("%s.argv[%d]", path, i))
		if err != nil {
			return nil, err
		}
		args[i] = e
	}
	typ, err := f.check(args)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", path, name, err)
	}
	return &Call{Fn: name, Args: args, typ: typ, impl: f.impl}, nil
}

// getAttr types a getAttr: each key must be a field of a record and each
// index must follow a list; an index gives an optional value, since it may
// be out of range.
func getAttr(target Expr, steps []PathStep, path string) (Expr, error) {
	t := target.Type()
	for _, st := range steps {
		switch {
		case st.IsIndex && t.Kind == StringArray:
			t = Type{Kind: String, Optional: true}
		case st.IsIndex:
			return nil, fmt.Errorf("%s: getAttr index [%d] on a %s", path, st.Index, t.Kind)
		default:
			k, ok := field(t.Kind, st.Key)
			if !ok {
				return nil, fmt.Errorf("%s: getAttr: a %s has no field %q", path, t.Kind, st.Key)
			}
			t = Type{Kind: k, Optional: t.Optional}
		}
	}
	return &GetAttr{Target: target, Path: steps, typ: t}, nil
}

// template compiles a template string. {{ and }} are literal braces;
// {name} is a reference and {name#path} a getAttr. An all-literal template
// becomes a constant and a lone placeholder becomes its expression, so only
// real concatenations build strings at run time.
func (c *compiler) template(s, path string) (Expr, error) {
	var parts []TemplatePart
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, TemplatePart{Lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			if i+1 < len(s) && s[i+1] == '{' {
				lit.WriteByte('{')
				i++
				continue
			}
			end := strings.IndexByte(s[i+1:], '}')
			if end < 0 {
				return nil, fmt.Errorf("%s: unmatched { in template %q", path, s)
			}
			inner := s[i+1 : i+1+end]
			if strings.IndexByte(inner, '{') >= 0 {
				return nil, fmt.Errorf("%s: nested { in template %q", path, s)
			}
			e, err := c.shortform(inner, path)
			if err != nil {
				return nil, err
			}
			flush()
			parts = append(parts, TemplatePart{Expr: e})
			i += end + 1
		case '}':
			if i+1 < len(s) && s[i+1] == '}' {
				lit.WriteByte('}')
				i++
				continue
			}
			return nil, fmt.Errorf("%s: unmatched } in template %q", path, s)
		default:
			lit.WriteByte(s[i])
		}
	}
	flush()
	switch {
	case len(parts) == 0:
		return &Literal{Value: "", v: stringValue("")}, nil
	case len(parts) == 1 && parts[0].Expr == nil:
		return &Literal{Value: parts[0].Lit, v: stringValue(parts[0].Lit)}, nil
	case len(parts) == 1:
		return parts[0].Expr, nil
	}
	return &Template{Parts: parts}, nil
}

// shortform compiles the inside of a template placeholder.
func (c *compiler) shortform(s, path string) (Expr, error) {
	name, attr, hasAttr := strings.Cut(s, "#")
	if name == "" {
		return nil, fmt.Errorf("%s: empty template placeholder {%s}", path, s)
	}
	ref, err := c.ref(name, path)
	if err != nil {
		return nil, err
	}
	if !hasAttr {
		return ref, nil
	}
	steps, err := parsePath(attr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return getAttr(ref, steps, path)
}

// parsePath parses a getAttr path: dot-separated parts, each a key, a key
// followed by [index], or just [index]. The spec allows an index only on
// the last part in practice; this accepts one on any part, which is a
// superset and costs nothing.
func parsePath(p string) ([]PathStep, error) {
	if p == "" {
		return nil, errors.New("empty getAttr path")
	}
	var steps []PathStep
	for _, part := range strings.Split(p, ".") {
		key, rest, hasIndex := strings.Cut(part, "[")
		if key != "" {
			steps = append(steps, PathStep{Key: key})
		}
		if !hasIndex {
			if key == "" {
				return nil, fmt.Errorf("empty part in getAttr path %q", p)
			}
			continue
		}
		digits, ok := strings.CutSuffix(rest, "]")
		if !ok {
			return nil, fmt.Errorf("bad index in getAttr path %q", p)
		}
		i, err := strconv.Atoi(digits)
		if err != nil || strings.HasPrefix(digits, "+") {
			return nil, fmt.Errorf("bad index in getAttr path %q", p)
		}
		steps = append(steps, PathStep{Index: i, IsIndex: true})
	}
	return steps, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
