package ruleset

import (
	"errors"

	ep "github.com/smithygo/smithygo/runtime/endpointrules"
)

// state is the scratch space of one Resolve call.
type state struct {
	// vars holds parameters (the first len(RuleSet.Params) slots) and then
	// one slot per distinct assigned variable name. Sharing a slot between
	// rules that assign the same name is safe because Parse rejects
	// shadowing: a name in scope is never reassigned before it is read.
	vars []value
}

func (e *Literal) eval(*state) value    { return e.v }
func (e *Ref) eval(st *state) value     { return st.vars[e.slot] }
func (e *Call) eval(st *state) value    { return e.impl(st, e.Args) }
func (e *GetAttr) eval(st *state) value { return walkPath(e.Target.eval(st), e.Path) }

// walkPath follows path from v. Any step that does not fit (a key on a
// non-record, an index out of range) gives unset, which is what makes
// "resourceId[1]" a usable condition.
func walkPath(v value, path []PathStep) value {
	for _, p := range path {
		if p.IsIndex {
			if v.kind != kindArray {
				return value{}
			}
			i := p.Index
			if i < 0 {
				i += len(v.arr)
			}
			if i < 0 || i >= len(v.arr) {
				return value{}
			}
			v = v.arr[i]
			continue
		}
		if v.kind != kindRecord {
			return value{}
		}
		v = v.rec.get(p.Key)
	}
	return v
}

func (e *Template) eval(st *state) value {
	var buf []byte
	for _, p := range e.Parts {
		if p.Expr == nil {
			buf = append(buf, p.Lit...)
			continue
		}
		v := p.Expr.eval(st)
		if v.kind != kindString {
			// Only strings can be templated; a valid rule set never gets
			// here, since it guards optional values with isSet first.
			return value{}
		}
		buf = append(buf, v.s...)
	}
	return stringValue(string(buf))
}

func (e *ArrayLiteral) eval(st *state) value {
	arr := make([]value, len(e.Elems))
	for i, el := range e.Elems {
		arr[i] = el.eval(st)
	}
	return arrayValue(arr)
}

func (e *ObjectLiteral) eval(st *state) value {
	r := &record{keys: e.Keys, vals: make([]value, len(e.Elems))}
	for i, el := range e.Elems {
		r.vals[i] = el.eval(st)
	}
	return recordValue(r)
}

// holds evaluates conds in order, assigning variables as it goes, and stops
// at the first that fails.
func (st *state) holds(conds []*Condition) bool {
	for _, c := range conds {
		v := c.Fn.eval(st)
		if !v.holds() {
			return false
		}
		if c.slot >= 0 {
			st.vars[c.slot] = v
		}
	}
	return true
}

// evalRules returns the endpoint or error rule that rules select, or nil
// when none does. A tree whose conditions hold is terminal: whatever its
// children give (nil included) is the answer, and later siblings are not
// tried. That is the spec's "tree rules are considered terminal branches".
func evalRules(st *state, rules []*Rule) *Rule {
	for _, r := range rules {
		if !st.holds(r.Conditions) {
			continue
		}
		if r.Kind == TreeRule {
			return evalRules(st, r.Rules)
		}
		return r
	}
	return nil
}

// build evaluates the endpoint object in the current state.
func (e *EndpointSpec) build(st *state) (ep.Result, error) {
	u := e.URL.eval(st)
	if u.kind != kindString {
		return ep.Result{}, errors.New("endpointrules: the endpoint url did not evaluate to a string")
	}
	out := ep.Result{URL: u.s}
	if len(e.Headers) > 0 {
		out.Headers = make(map[string][]string, len(e.Headers))
		for _, h := range e.Headers {
			vals := make([]string, len(h.Values))
			for i, x := range h.Values {
				v := x.eval(st)
				if v.kind != kindString {
					return ep.Result{}, errors.New("endpointrules: a value of header " + h.Name + " did not evaluate to a string")
				}
				vals[i] = v.s
			}
			out.Headers[h.Name] = vals
		}
	}
	if e.Properties != nil {
		m, err := e.Properties.build(st)
		if err != nil {
			return ep.Result{}, err
		}
		out.Properties = m.(map[string]any)
	}
	return out, nil
}

// build evaluates a property value; arrays and objects are built fresh so
// that callers own what they get.
func (p *Prop) build(st *state) (any, error) {
	switch p.Kind {
	case PropString:
		v := p.Str.eval(st)
		if v.kind != kindString {
			return nil, errors.New("endpointrules: an endpoint property template did not evaluate to a string")
		}
		return v.s, nil
	case PropBool:
		return p.Bool, nil
	case PropNumber:
		return p.Num, nil
	case PropArray:
		out := make([]any, len(p.Elems))
		for i := range p.Elems {
			v, err := p.Elems[i].build(st)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	out := make(map[string]any, len(p.Keys))
	for i, k := range p.Keys {
		v, err := p.Elems[i].build(st)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}
