package jmespath

import (
	"maps"
	"slices"
)

// astNode is a node of the syntax tree. eval applies it to the current value
// v, which always holds one of the canonical types (see normalize).
type astNode interface {
	eval(v any) (any, error)
}

// currentNode is "@", and also the implicit left side of an expression that
// starts with "[", "*" or "[?", and the right side of a projection that has
// nothing after it.
type currentNode struct{}

func (currentNode) eval(v any) (any, error) { return v, nil }

// fieldNode is an identifier: a key of an object. Anything else has no
// fields, which gives null rather than an error.
type fieldNode struct {
	name string
}

func (n *fieldNode) eval(v any) (any, error) {
	m, _ := v.(map[string]any)
	return m[n.name], nil
}

// literalNode is a JSON literal or a raw string.
type literalNode struct {
	value any
	// composite is set for arrays and objects: eval returns a copy of them
	// so that a caller that modifies a result cannot change the compiled
	// expression, which may be shared between goroutines.
	composite bool
}

func newLiteral(v any) *literalNode {
	switch v.(type) {
	case []any, map[string]any:
		return &literalNode{value: v, composite: true}
	}
	return &literalNode{value: v}
}

func (n *literalNode) eval(any) (any, error) {
	if n.composite {
		return deepCopy(n.value), nil
	}
	return n.value, nil
}

// chainNode is a sub-expression (a.b) or a pipe (a | b): each step is
// applied to the result of the one before. The two differ only in how they
// parse (a pipe ends projections); keeping long chains flat instead of
// nested keeps evaluation iterative.
type chainNode struct {
	steps []astNode
}

func newChain(left, right astNode) astNode {
	if c, ok := left.(*chainNode); ok {
		c.steps = append(c.steps, right)
		return c
	}
	return &chainNode{steps: []astNode{left, right}}
}

func (n *chainNode) eval(v any) (any, error) {
	for _, step := range n.steps {
		var err error
		if v, err = step.eval(v); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// indexNode is left[index]; a negative index counts from the end.
type indexNode struct {
	left  astNode
	index int
}

func (n *indexNode) eval(v any) (any, error) {
	base, err := n.left.eval(v)
	if err != nil {
		return nil, err
	}
	a, ok := base.([]any)
	if !ok {
		return nil, nil
	}
	i := n.index
	if i < 0 {
		i += len(a)
	}
	if i < 0 || i >= len(a) {
		return nil, nil
	}
	return a[i], nil
}

// sliceNode is left[start:stop:step]. It is always the left side of a list
// projection. The parser has already rejected a step of 0.
type sliceNode struct {
	left        astNode
	start, stop *int // nil when omitted
	step        int
}

func (n *sliceNode) eval(v any) (any, error) {
	base, err := n.left.eval(v)
	if err != nil {
		return nil, err
	}
	a, ok := base.([]any)
	if !ok {
		return nil, nil
	}
	length, step := len(a), n.step
	// The bounds follow the specification's algorithm: omitted bounds
	// depend on the direction, negative bounds count from the end, and
	// out-of-range bounds are clamped to just outside the array on the side
	// the step moves towards.
	var start, stop int
	if n.start == nil {
		start = pickInt(step > 0, 0, length-1)
	} else {
		start = clampSliceBound(*n.start, length, step)
	}
	if n.stop == nil {
		stop = pickInt(step > 0, length, -1)
	} else {
		stop = clampSliceBound(*n.stop, length, step)
	}
	out := make([]any, 0, sliceLen(start, stop, step))
	if step > 0 {
		for i := start; i < stop; i += step {
			out = append(out, a[i])
		}
	} else {
		for i := start; i > stop; i += step {
			out = append(out, a[i])
		}
	}
	return out, nil
}

func clampSliceBound(bound, length, step int) int {
	if bound < 0 {
		bound += length
		if bound < 0 {
			return pickInt(step < 0, -1, 0)
		}
		return bound
	}
	if bound >= length {
		return pickInt(step < 0, length-1, length)
	}
	return bound
}

// sliceLen is the number of elements a slice selects, used to size its
// result.
func sliceLen(start, stop, step int) int {
	if step > 0 && start < stop {
		return (stop - start + step - 1) / step
	}
	if step < 0 && start > stop {
		return (start - stop - step - 1) / -step
	}
	return 0
}

func pickInt(cond bool, a, b int) int {
	if cond {
		return a
	}
	return b
}

// listProjectionNode applies right to each element of the array that left
// gives, dropping null results. "[*]", "[]" (with a flattenNode on the left)
// and slices are list projections. If left is not an array the result is
// null.
type listProjectionNode struct {
	left, right astNode
	// identity is set when right is the current node, the common case of a
	// projection at the end of an expression.
	identity bool
}

func newListProjection(left, right astNode) astNode {
	_, identity := right.(currentNode)
	return &listProjectionNode{left: left, right: right, identity: identity}
}

func (n *listProjectionNode) eval(v any) (any, error) {
	base, err := n.left.eval(v)
	if err != nil {
		return nil, err
	}
	a, ok := base.([]any)
	if !ok {
		return nil, nil
	}
	return project(a, n.right, n.identity)
}

// project applies right to each element of a, dropping null results.
func project(a []any, right astNode, identity bool) (any, error) {
	out := make([]any, 0, len(a))
	for _, elem := range a {
		r := elem
		if !identity {
			var err error
			if r, err = right.eval(elem); err != nil {
				return nil, err
			}
		}
		if r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// valueProjectionNode is "*" applied to an object: it projects right over
// the object's values, in key order. If left is not an object the result is
// null.
type valueProjectionNode struct {
	left, right astNode
}

func (n *valueProjectionNode) eval(v any) (any, error) {
	base, err := n.left.eval(v)
	if err != nil {
		return nil, err
	}
	m, ok := base.(map[string]any)
	if !ok {
		return nil, nil
	}
	_, identity := n.right.(currentNode)
	return project(sortedValues(m), n.right, identity)
}

// sortedValues returns the values of m in the order of their keys.
func sortedValues(m map[string]any) []any {
	out := make([]any, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[k])
	}
	return out
}

// filterNode is left[?cond]: a projection of right over the elements of the
// array left gives for which cond is truthy.
type filterNode struct {
	left, cond, right astNode
}

func (n *filterNode) eval(v any) (any, error) {
	base, err := n.left.eval(v)
	if err != nil {
		return nil, err
	}
	a, ok := base.([]any)
	if !ok {
		return nil, nil
	}
	_, identity := n.right.(currentNode)
	out := make([]any, 0, len(a))
	for _, elem := range a {
		c, err := n.cond.eval(elem)
		if err != nil {
			return nil, err
		}
		if !truthy(c) {
			continue
		}
		r := elem
		if !identity {
			if r, err = n.right.eval(elem); err != nil {
				return nil, err
			}
		}
		if r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// flattenNode merges the arrays nested in the array left gives into it, one
// level deep. It is always the left side of a list projection.
type flattenNode struct {
	left astNode
}

func (n *flattenNode) eval(v any) (any, error) {
	base, err := n.left.eval(v)
	if err != nil {
		return nil, err
	}
	a, ok := base.([]any)
	if !ok {
		return nil, nil
	}
	out := make([]any, 0, len(a))
	for _, elem := range a {
		if inner, ok := elem.([]any); ok {
			out = append(out, inner...)
		} else {
			out = append(out, elem)
		}
	}
	return out, nil
}

// multiListNode is [a, b, ...]. Applied to null it gives null, not a list
// of nulls.
type multiListNode struct {
	items []astNode
}

func (n *multiListNode) eval(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	out := make([]any, len(n.items))
	for i, item := range n.items {
		r, err := item.eval(v)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

// multiHashNode is {k: a, ...}. Applied to null it gives null.
type multiHashNode struct {
	keys   []string
	values []astNode
}

func (n *multiHashNode) eval(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	out := make(map[string]any, len(n.keys))
	for i, value := range n.values {
		r, err := value.eval(v)
		if err != nil {
			return nil, err
		}
		out[n.keys[i]] = r
	}
	return out, nil
}

// orNode is a || b: a if it is truthy, else b.
type orNode struct {
	left, right astNode
}

func (n *orNode) eval(v any) (any, error) {
	l, err := n.left.eval(v)
	if err != nil || truthy(l) {
		return l, err
	}
	return n.right.eval(v)
}

// andNode is a && b: a if it is falsy, else b.
type andNode struct {
	left, right astNode
}

func (n *andNode) eval(v any) (any, error) {
	l, err := n.left.eval(v)
	if err != nil || !truthy(l) {
		return l, err
	}
	return n.right.eval(v)
}

// notNode is !a, which is always a boolean.
type notNode struct {
	operand astNode
}

func (n *notNode) eval(v any) (any, error) {
	r, err := n.operand.eval(v)
	if err != nil {
		return nil, err
	}
	return !truthy(r), nil
}

// compareNode is a comparison. == and != compare any values deeply; the
// ordering operators compare numbers only, and give null for anything else.
type compareNode struct {
	op          tokenKind
	left, right astNode
}

func (n *compareNode) eval(v any) (any, error) {
	l, err := operand(n.left, v)
	if err != nil {
		return nil, err
	}
	r, err := operand(n.right, v)
	if err != nil {
		return nil, err
	}
	switch n.op {
	case tEQ:
		return equal(l, r), nil
	case tNE:
		return !equal(l, r), nil
	}
	a, ok1 := l.(float64)
	b, ok2 := r.(float64)
	if !ok1 || !ok2 {
		return nil, nil
	}
	switch n.op {
	case tLT:
		return a < b, nil
	case tLTE:
		return a <= b, nil
	case tGT:
		return a > b, nil
	default: // tGTE
		return a >= b, nil
	}
}

// operand evaluates a side of a comparison. A literal is used without the
// copy literalNode.eval makes, since comparing never lets it escape; this
// matters in filters, which compare once per element.
func operand(n astNode, v any) (any, error) {
	if lit, ok := n.(*literalNode); ok {
		return lit.value, nil
	}
	return n.eval(v)
}

// exprefNode is &expr as a function argument. callNode passes its body to
// the function unevaluated, as an exprRef.
type exprefNode struct {
	body astNode
}

func (n *exprefNode) eval(any) (any, error) {
	return exprRef{n.body}, nil
}

// exprRef is the value of an expression reference inside a function call.
// The parser guarantees it only reaches functions that take one, so it never
// appears in a result.
type exprRef struct {
	body astNode
}

// callNode is a call of a built-in function.
type callNode struct {
	fn   *function
	args []astNode
	pos  int // offset of the function name, for errors
}

func (n *callNode) eval(v any) (any, error) {
	args := make([]any, len(n.args))
	for i, arg := range n.args {
		r, err := arg.eval(v)
		if err != nil {
			return nil, err
		}
		args[i] = r
	}
	r, err := n.fn.call(args)
	if err != nil {
		if e, ok := err.(*ExprError); ok && e.Offset < 0 {
			e.Offset = n.pos
		}
		return nil, err
	}
	return r, nil
}
