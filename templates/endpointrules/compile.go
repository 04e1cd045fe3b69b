package endpointrules

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

// compiler turns the JSON form into the evaluation tree. It tracks which
// names are in scope so that every reference can be bound to a slot, and
// checked, once.
type compiler struct {
	slots   map[string]int  // every parameter and assigned name → its slot
	params  int             // slots [0, params) are parameters
	inScope map[string]bool // assigned names visible at this point
}

func compile(doc *ruleSetJSONDoc) (*RuleSet, error) {
	if len(doc.Rules) == 0 {
		return nil, errors.New("rule set has no rules")
	}
	rs := &RuleSet{version: doc.Version}
	names := make([]string, 0, len(doc.Parameters))
	for name := range doc.Parameters {
		names = append(names, name)
	}
	sort.Strings(names)
	c := &compiler{slots: make(map[string]int), params: len(names), inScope: make(map[string]bool)}
	for i, name := range names {
		p, err := compileParam(name, doc.Parameters[name])
		if err != nil {
			return nil, err
		}
		rs.params = append(rs.params, p)
		c.slots[name] = i
	}
	rules, err := c.rules(doc.Rules, "rules")
	if err != nil {
		return nil, err
	}
	rs.rules = rules
	rs.nslots = len(c.slots)
	return rs, nil
}

func compileParam(name string, pj parameterJSON) (param, error) {
	p := param{name: name, required: pj.Required, builtIn: pj.BuiltIn}
	// The spec spells types string/boolean/stringArray, AWS models
	// String/Boolean: compare case-insensitively.
	switch strings.ToLower(pj.Type) {
	case "string":
		p.typ = paramString
	case "boolean":
		p.typ = paramBool
	case "stringarray":
		p.typ = paramStringArray
	default:
		return param{}, fmt.Errorf("parameter %q: unknown type %q", name, pj.Type)
	}
	if pj.Default != nil {
		v, ok := convertParam(p.typ, pj.Default)
		if !ok {
			return param{}, fmt.Errorf("parameter %q: default %v is not a %s", name, pj.Default, p.typ)
		}
		p.def = v
	}
	return p, nil
}

func (c *compiler) rules(list []ruleJSON, path string) ([]rule, error) {
	out := make([]rule, len(list))
	for i := range list {
		r, err := c.rule(&list[i], fmt.Sprintf("%s[%d]", path, i))
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

func (c *compiler) rule(rj *ruleJSON, path string) (rule, error) {
	var r rule
	// Names assigned by this rule's conditions are visible to the rest of
	// the rule and to its children, and go out of scope after it.
	var assigned []string
	defer func() {
		for _, name := range assigned {
			delete(c.inScope, name)
		}
	}()
	for i, cj := range rj.Conditions {
		cpath := fmt.Sprintf("%s.conditions[%d]", path, i)
		e, err := c.call(cj.Fn, cj.Argv, cpath)
		if err != nil {
			return rule{}, err
		}
		cond := condition{e: e, assign: -1}
		if cj.Assign != "" {
			name := cj.Assign
			if slot, ok := c.slots[name]; (ok && slot < c.params) || c.inScope[name] {
				return rule{}, fmt.Errorf("%s: assign %q shadows a parameter or a variable in scope", cpath, name)
			}
			slot, ok := c.slots[name]
			if !ok {
				slot = len(c.slots)
				c.slots[name] = slot
			}
			cond.assign = slot
			c.inScope[name] = true
			assigned = append(assigned, name)
		}
		r.conds = append(r.conds, cond)
	}
	var err error
	switch rj.Type {
	case "endpoint":
		r.kind = ruleEndpoint
		if rj.Endpoint == nil {
			return rule{}, fmt.Errorf("%s: endpoint rule has no endpoint", path)
		}
		r.endpoint, err = c.endpoint(rj.Endpoint, path+".endpoint")
	case "error":
		r.kind = ruleError
		if rj.Error == nil {
			return rule{}, fmt.Errorf("%s: error rule has no error", path)
		}
		r.message, err = c.expr(rj.Error, path+".error")
	case "tree":
		r.kind = ruleTree
		if len(rj.Rules) == 0 {
			return rule{}, fmt.Errorf("%s: tree rule has no rules", path)
		}
		r.children, err = c.rules(rj.Rules, path+".rules")
	default:
		return rule{}, fmt.Errorf("%s: unknown rule type %q", path, rj.Type)
	}
	if err != nil {
		return rule{}, err
	}
	return r, nil
}

func (c *compiler) endpoint(ej *endpointJSON, path string) (*endpointSpec, error) {
	if ej.URL == nil {
		return nil, fmt.Errorf("%s: endpoint has no url", path)
	}
	url, err := c.expr(ej.URL, path+".url")
	if err != nil {
		return nil, err
	}
	spec := &endpointSpec{url: url}
	for _, name := range sortedKeys(ej.Headers) {
		h := headerSpec{name: name}
		for i, x := range ej.Headers[name] {
			e, err := c.expr(x, fmt.Sprintf("%s.headers[%q][%d]", path, name, i))
			if err != nil {
				return nil, err
			}
			h.values = append(h.values, e)
		}
		spec.headers = append(spec.headers, h)
	}
	if len(ej.Properties) > 0 {
		p, err := c.prop(map[string]any(ej.Properties), path+".properties")
		if err != nil {
			return nil, err
		}
		spec.props = p.(*objectProp)
	}
	return spec, nil
}

// prop compiles an endpoint property value.
func (c *compiler) prop(x any, path string) (prop, error) {
	switch x := x.(type) {
	case string:
		e, err := c.template(x, path)
		if err != nil {
			return nil, err
		}
		if lit, ok := e.(*litExpr); ok {
			return staticProp{v: lit.v.s}, nil
		}
		return templateProp{e: e}, nil
	case bool:
		return staticProp{v: x}, nil
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return nil, fmt.Errorf("%s: bad number %s", path, x)
		}
		return staticProp{v: f}, nil
	case []any:
		out := make(arrayProp, len(x))
		for i, e := range x {
			p, err := c.prop(e, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			out[i] = p
		}
		return out, nil
	case map[string]any:
		out := &objectProp{}
		for _, k := range sortedKeys(x) {
			p, err := c.prop(x[k], path+"."+k)
			if err != nil {
				return nil, err
			}
			out.keys = append(out.keys, k)
			out.vals = append(out.vals, p)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s: unsupported property value %v", path, x)
}

// expr compiles an argument, url, message or header value: a reference or
// function object, or else a literal.
func (c *compiler) expr(x any, path string) (expr, error) {
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
// implementation). Constant literals become one precomputed value.
func (c *compiler) literal(x any, path string) (expr, error) {
	switch x := x.(type) {
	case string:
		return c.template(x, path)
	case bool:
		return &litExpr{v: boolValue(x)}, nil
	case json.Number:
		i, err := strconv.Atoi(x.String())
		if err != nil {
			return nil, fmt.Errorf("%s: %s is not an integer", path, x)
		}
		return &litExpr{v: intValue(i)}, nil
	case []any:
		elems := make([]expr, len(x))
		static := true
		for i, e := range x {
			el, err := c.literal(e, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			elems[i] = el
			_, isLit := el.(*litExpr)
			static = static && isLit
		}
		if !static {
			return &arrayExpr{elems: elems}, nil
		}
		arr := make([]value, len(elems))
		for i, el := range elems {
			arr[i] = el.(*litExpr).v
		}
		return &litExpr{v: arrayValue(arr)}, nil
	case map[string]any:
		keys := sortedKeys(x)
		elems := make([]expr, len(keys))
		static := true
		for i, k := range keys {
			el, err := c.literal(x[k], path+"."+k)
			if err != nil {
				return nil, err
			}
			elems[i] = el
			_, isLit := el.(*litExpr)
			static = static && isLit
		}
		if !static {
			return &recordExpr{keys: keys, elems: elems}, nil
		}
		r := &record{keys: keys, vals: make([]value, len(elems))}
		for i, el := range elems {
			r.vals[i] = el.(*litExpr).v
		}
		return &litExpr{v: recordValue(r)}, nil
	case nil:
		return nil, fmt.Errorf("%s: null is not a rules-engine value", path)
	}
	return nil, fmt.Errorf("%s: unsupported value %v", path, x)
}

// ref binds a reference to its slot, checking that it is in scope.
func (c *compiler) ref(name, path string) (expr, error) {
	slot, ok := c.slots[name]
	if !ok || (slot >= c.params && !c.inScope[name]) {
		return nil, fmt.Errorf("%s: reference to %q, which is neither a parameter nor a variable in scope", path, name)
	}
	return &refExpr{slot: slot}, nil
}

// call compiles a function call, binding the function at Parse time.
func (c *compiler) call(name string, argv []any, path string) (expr, error) {
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
		return &getAttrExpr{target: target, path: steps}, nil
	}
	args := make([]expr, len(argv))
	for i, a := range argv {
		e, err := c.expr(a, fmt.Sprintf("%s.argv[%d]", path, i))
		if err != nil {
			return nil, err
		}
		args[i] = e
	}
	if e := specialize(name, args); e != nil {
		return e, nil
	}
	return &callExpr{fn: f.impl, args: args}, nil
}

// specialize returns a dedicated node for the commonest condition shapes
// of AWS rule sets, booleanEquals(ref, literal), stringEquals(ref, literal)
// and isSet(ref), which read a slot directly instead of making two
// interface calls; or nil. The results are the same as the generic calls'.
func specialize(name string, args []expr) expr {
	refAndLit := func() (*refExpr, *litExpr) {
		r, ok1 := args[0].(*refExpr)
		l, ok2 := args[1].(*litExpr)
		if !ok1 || !ok2 {
			r, ok1 = args[1].(*refExpr)
			l, ok2 = args[0].(*litExpr)
		}
		if !ok1 || !ok2 {
			return nil, nil
		}
		return r, l
	}
	switch name {
	case "isSet":
		if r, ok := args[0].(*refExpr); ok {
			return &isSetRefExpr{slot: r.slot}
		}
	case "booleanEquals":
		if r, l := refAndLit(); r != nil && l.v.kind == kindBool {
			return &boolEqualsRefExpr{slot: r.slot, want: l.v.b}
		}
	case "stringEquals":
		if r, l := refAndLit(); r != nil && l.v.kind == kindString {
			return &stringEqualsRefExpr{slot: r.slot, want: l.v.s}
		}
	}
	return nil
}

// template compiles a template string. {{ and }} are literal braces;
// {name} is a reference and {name#path} a getAttr. An all-literal template
// becomes a constant and a lone placeholder becomes its expression, so only
// real concatenations build strings at run time.
func (c *compiler) template(s, path string) (expr, error) {
	var parts []templatePart
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, templatePart{lit: lit.String()})
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
			parts = append(parts, templatePart{e: e})
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
		return &litExpr{v: stringValue("")}, nil
	case len(parts) == 1 && parts[0].e == nil:
		return &litExpr{v: stringValue(parts[0].lit)}, nil
	case len(parts) == 1:
		return parts[0].e, nil
	}
	return &templateExpr{parts: parts}, nil
}

// shortform compiles the inside of a template placeholder.
func (c *compiler) shortform(s, path string) (expr, error) {
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
	return &getAttrExpr{target: ref, path: steps}, nil
}

// parsePath parses a getAttr path: dot-separated parts, each a key, a key
// followed by [index], or just [index]. The spec allows an index only on
// the last part in practice; this accepts one on any part, which is a
// superset and costs nothing.
func parsePath(p string) ([]pathStep, error) {
	if p == "" {
		return nil, errors.New("empty getAttr path")
	}
	var steps []pathStep
	for _, part := range strings.Split(p, ".") {
		key, rest, hasIndex := strings.Cut(part, "[")
		if key != "" {
			steps = append(steps, pathStep{key: key})
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
		steps = append(steps, pathStep{index: i, isIndex: true})
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
