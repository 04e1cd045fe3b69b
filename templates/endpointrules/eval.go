package endpointrules

// state is the scratch space of one Resolve call. RuleSet keeps them in a
// sync.Pool so that a resolution allocates nothing for its variables.
type state struct {
	// vars holds parameters (the first len(RuleSet.params) slots) and then
	// one slot per distinct assigned variable name. Sharing a slot between
	// rules that assign the same name is safe because Parse rejects
	// shadowing: a name in scope is never reassigned before it is read.
	vars []value
	// buf is where multi-part templates are built; only the final string
	// is allocated.
	buf []byte
	// partitions is the table aws.partition reads; nil means the compiled-in
	// table (tests substitute others).
	partitions *partitionIndex
}

// expr is a compiled expression: a literal, a reference, a template or a
// function call.
type expr interface {
	eval(st *state) value
}

// litExpr is a constant.
type litExpr struct{ v value }

func (e *litExpr) eval(*state) value { return e.v }

// refExpr reads a parameter or an assigned variable.
type refExpr struct{ slot int }

func (e *refExpr) eval(st *state) value { return st.vars[e.slot] }

// callExpr calls a library function. Functions receive their argument
// expressions unevaluated so that coalesce and ite can be lazy and so that
// calling one needs no argument slice.
type callExpr struct {
	fn   func(st *state, args []expr) value
	args []expr
}

func (e *callExpr) eval(st *state) value { return e.fn(st, e.args) }

// isSetRefExpr is isSet(ref).
type isSetRefExpr struct{ slot int }

func (e *isSetRefExpr) eval(st *state) value {
	return boolValue(st.vars[e.slot].kind != kindUnset)
}

// boolEqualsRefExpr is booleanEquals(ref, literal), in either order.
type boolEqualsRefExpr struct {
	slot int
	want bool
}

func (e *boolEqualsRefExpr) eval(st *state) value {
	v := &st.vars[e.slot]
	return boolValue(v.kind == kindBool && v.b == e.want)
}

// stringEqualsRefExpr is stringEquals(ref, literal), in either order.
type stringEqualsRefExpr struct {
	slot int
	want string
}

func (e *stringEqualsRefExpr) eval(st *state) value {
	v := &st.vars[e.slot]
	return boolValue(v.kind == kindString && v.s == e.want)
}

// pathStep is one step of a getAttr path: a record key or an array index
// (negative indexes count from the end, as rules engine 1.1 allows).
type pathStep struct {
	key     string
	index   int
	isIndex bool
}

// getAttrExpr is getAttr with its path parsed at Parse time; templates'
// {name#path} shorthand compiles to it too.
type getAttrExpr struct {
	target expr
	path   []pathStep
}

func (e *getAttrExpr) eval(st *state) value {
	return walkPath(e.target.eval(st), e.path)
}

// walkPath follows path from v. Any step that does not fit (a key on a
// non-record, an index out of range) gives unset, which is what makes
// "resourceId[1]" a usable condition.
func walkPath(v value, path []pathStep) value {
	for _, p := range path {
		if p.isIndex {
			if v.kind != kindArray {
				return value{}
			}
			i := p.index
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
		v = v.rec.get(p.key)
	}
	return v
}

// templatePart is a literal (e == nil) or a {…} placeholder.
type templatePart struct {
	lit string
	e   expr
}

// templateExpr is a template string with at least one placeholder and more
// than one part. (All-literal templates compile to litExpr, and a template
// that is a single placeholder compiles to the placeholder's expression.)
type templateExpr struct{ parts []templatePart }

func (e *templateExpr) eval(st *state) value {
	start := len(st.buf)
	for _, p := range e.parts {
		if p.e == nil {
			st.buf = append(st.buf, p.lit...)
			continue
		}
		v := p.e.eval(st)
		if v.kind != kindString {
			// Only strings can be templated; a valid rule set never gets
			// here, since it guards optional values with isSet first.
			st.buf = st.buf[:start]
			return value{}
		}
		st.buf = append(st.buf, v.s...)
	}
	s := string(st.buf[start:])
	st.buf = st.buf[:start]
	return stringValue(s)
}

// arrayExpr is an array literal with non-constant elements.
type arrayExpr struct{ elems []expr }

func (e *arrayExpr) eval(st *state) value {
	arr := make([]value, len(e.elems))
	for i, el := range e.elems {
		arr[i] = el.eval(st)
	}
	return arrayValue(arr)
}

// recordExpr is an object literal with non-constant fields.
type recordExpr struct {
	keys  []string
	elems []expr
}

func (e *recordExpr) eval(st *state) value {
	r := &record{keys: e.keys, vals: make([]value, len(e.elems))}
	for i, el := range e.elems {
		r.vals[i] = el.eval(st)
	}
	return recordValue(r)
}

// ruleKind says what a rule produces once its conditions hold.
type ruleKind uint8

const (
	ruleEndpoint ruleKind = iota
	ruleError
	ruleTree
)

// condition is a compiled condition: a function call whose result may be
// assigned to a variable slot (assign < 0 when it is not).
type condition struct {
	e      expr
	assign int
}

// rule is a compiled rule of any kind.
type rule struct {
	kind     ruleKind
	conds    []condition
	endpoint *endpointSpec // ruleEndpoint
	message  expr          // ruleError
	children []rule        // ruleTree
}

// holds evaluates conds in order, assigning variables as it goes, and stops
// at the first that fails.
func (st *state) holds(conds []condition) bool {
	for i := range conds {
		c := &conds[i]
		v := c.e.eval(st)
		if !v.holds() {
			return false
		}
		if c.assign >= 0 {
			st.vars[c.assign] = v
		}
	}
	return true
}

// evalRules returns the endpoint or error rule that rules select, or nil
// when none does. A tree whose conditions hold is terminal: whatever its
// children give (nil included) is the answer, and later siblings are not
// tried. That is the spec's "tree rules are considered terminal branches".
func evalRules(st *state, rules []rule) *rule {
	for i := range rules {
		r := &rules[i]
		if !st.holds(r.conds) {
			continue
		}
		if r.kind == ruleTree {
			return evalRules(st, r.children)
		}
		return r
	}
	return nil
}
