package jmespath

import (
	"bytes"
	"cmp"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// argType is the set of types a function parameter accepts, as a bit set.
type argType uint16

const (
	argNull argType = 1 << iota
	argBool
	argNumber
	argString
	argArray // an array of anything
	argObject
	argArrayNumber // an array whose elements are all numbers
	argArrayString // an array whose elements are all strings
	argExpref      // an expression reference, &expr

	argAny = argNull | argBool | argNumber | argString | argArray | argObject
)

// String describes the accepted types for error messages, in the
// specification's notation.
func (t argType) String() string {
	if t&argAny == argAny {
		return "any"
	}
	names := []struct {
		bit  argType
		name string
	}{
		{argNull, "null"}, {argBool, "boolean"}, {argNumber, "number"},
		{argString, "string"}, {argArray, "array"}, {argObject, "object"},
		{argArrayNumber, "array[number]"}, {argArrayString, "array[string]"},
		{argExpref, "expression"},
	}
	var parts []string
	for _, n := range names {
		if t&n.bit != 0 {
			parts = append(parts, n.name)
		}
	}
	return strings.Join(parts, "|")
}

// accepts reports whether v is one of the types in t.
func (t argType) accepts(v any) bool {
	switch x := v.(type) {
	case nil:
		return t&argNull != 0
	case bool:
		return t&argBool != 0
	case float64:
		return t&argNumber != 0
	case string:
		return t&argString != 0
	case map[string]any:
		return t&argObject != 0
	case exprRef:
		return t&argExpref != 0
	case []any:
		if t&argArray != 0 {
			return true
		}
		if t&argArrayNumber != 0 && allOf[float64](x) {
			return true
		}
		return t&argArrayString != 0 && allOf[string](x)
	}
	return false
}

// allOf reports whether every element of a has type T.
func allOf[T any](a []any) bool {
	for _, elem := range a {
		if _, ok := elem.(T); !ok {
			return false
		}
	}
	return true
}

// function is a built-in function.
type function struct {
	name   string
	params []argType
	// variadic means the last parameter may be repeated; it must still
	// appear at least once.
	variadic bool
	// impl runs the function on arguments that call has checked against
	// params.
	impl func(args []any) (any, error)
}

// param returns the type of the i-th argument.
func (f *function) param(i int) argType {
	if i >= len(f.params) {
		return f.params[len(f.params)-1] // only reached when variadic
	}
	return f.params[i]
}

// checkArity is done at compile time: the number of arguments is part of
// the syntax.
func (f *function) checkArity(n int) *ExprError {
	switch {
	case f.variadic && n < len(f.params):
		return errorAt(KindInvalidArity, -1, "%s() takes at least %d argument(s), got %d", f.name, len(f.params), n)
	case !f.variadic && n != len(f.params):
		return errorAt(KindInvalidArity, -1, "%s() takes %d argument(s), got %d", f.name, len(f.params), n)
	}
	return nil
}

// call checks the arguments' types and runs the function.
func (f *function) call(args []any) (any, error) {
	for i, arg := range args {
		if t := f.param(i); !t.accepts(arg) {
			return nil, runtimeError(KindInvalidType, "argument %d of %s() must be %v, got %s", i+1, f.name, t, describeArg(arg))
		}
	}
	return f.impl(args)
}

// describeArg names the type of an argument for an error message; for arrays
// it also says what is inside, since that is what array[number] and
// array[string] parameters are about.
func describeArg(v any) string {
	a, ok := v.([]any)
	if !ok || len(a) == 0 {
		return typeName(v)
	}
	first := typeName(a[0])
	for _, elem := range a[1:] {
		if typeName(elem) != first {
			return "array with mixed element types"
		}
	}
	return "array[" + first + "]"
}

// builtins are the functions of the JMESPath specification, by name.
var builtins = map[string]*function{
	"abs":         {name: "abs", params: []argType{argNumber}, impl: fnAbs},
	"avg":         {name: "avg", params: []argType{argArrayNumber}, impl: fnAvg},
	"ceil":        {name: "ceil", params: []argType{argNumber}, impl: fnCeil},
	"contains":    {name: "contains", params: []argType{argArray | argString, argAny}, impl: fnContains},
	"ends_with":   {name: "ends_with", params: []argType{argString, argString}, impl: fnEndsWith},
	"floor":       {name: "floor", params: []argType{argNumber}, impl: fnFloor},
	"join":        {name: "join", params: []argType{argString, argArrayString}, impl: fnJoin},
	"keys":        {name: "keys", params: []argType{argObject}, impl: fnKeys},
	"length":      {name: "length", params: []argType{argString | argArray | argObject}, impl: fnLength},
	"map":         {name: "map", params: []argType{argExpref, argArray}, impl: fnMap},
	"max":         {name: "max", params: []argType{argArrayNumber | argArrayString}, impl: fnMax},
	"max_by":      {name: "max_by", params: []argType{argArray, argExpref}, impl: fnMaxBy},
	"merge":       {name: "merge", params: []argType{argObject}, variadic: true, impl: fnMerge},
	"min":         {name: "min", params: []argType{argArrayNumber | argArrayString}, impl: fnMin},
	"min_by":      {name: "min_by", params: []argType{argArray, argExpref}, impl: fnMinBy},
	"not_null":    {name: "not_null", params: []argType{argAny}, variadic: true, impl: fnNotNull},
	"reverse":     {name: "reverse", params: []argType{argString | argArray}, impl: fnReverse},
	"sort":        {name: "sort", params: []argType{argArrayNumber | argArrayString}, impl: fnSort},
	"sort_by":     {name: "sort_by", params: []argType{argArray, argExpref}, impl: fnSortBy},
	"starts_with": {name: "starts_with", params: []argType{argString, argString}, impl: fnStartsWith},
	"sum":         {name: "sum", params: []argType{argArrayNumber}, impl: fnSum},
	"to_array":    {name: "to_array", params: []argType{argAny}, impl: fnToArray},
	"to_number":   {name: "to_number", params: []argType{argAny}, impl: fnToNumber},
	"to_string":   {name: "to_string", params: []argType{argAny}, impl: fnToString},
	"type":        {name: "type", params: []argType{argAny}, impl: fnType},
	"values":      {name: "values", params: []argType{argObject}, impl: fnValues},
}

func fnAbs(args []any) (any, error) {
	return math.Abs(args[0].(float64)), nil
}

func fnAvg(args []any) (any, error) {
	a := args[0].([]any)
	if len(a) == 0 {
		return nil, nil
	}
	return sum(a) / float64(len(a)), nil
}

func fnCeil(args []any) (any, error) {
	return math.Ceil(args[0].(float64)), nil
}

func fnFloor(args []any) (any, error) {
	return math.Floor(args[0].(float64)), nil
}

// fnContains searches an array for an equal element, or a string for a
// substring. Searching a string for a non-string finds nothing.
func fnContains(args []any) (any, error) {
	if s, ok := args[0].(string); ok {
		sub, ok := args[1].(string)
		return ok && strings.Contains(s, sub), nil
	}
	for _, elem := range args[0].([]any) {
		if equal(elem, args[1]) {
			return true, nil
		}
	}
	return false, nil
}

func fnEndsWith(args []any) (any, error) {
	return strings.HasSuffix(args[0].(string), args[1].(string)), nil
}

func fnStartsWith(args []any) (any, error) {
	return strings.HasPrefix(args[0].(string), args[1].(string)), nil
}

func fnJoin(args []any) (any, error) {
	glue, a := args[0].(string), args[1].([]any)
	var b strings.Builder
	for i, elem := range a {
		if i > 0 {
			b.WriteString(glue)
		}
		b.WriteString(elem.(string))
	}
	return b.String(), nil
}

// fnKeys returns the keys in sorted order; the specification leaves the
// order open, and a fixed one makes results reproducible.
func fnKeys(args []any) (any, error) {
	m := args[0].(map[string]any)
	out := make([]any, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, k)
	}
	return out, nil
}

// fnValues returns the values in the order of their keys, like keys().
func fnValues(args []any) (any, error) {
	return sortedValues(args[0].(map[string]any)), nil
}

// fnLength counts a string's code points, not its bytes.
func fnLength(args []any) (any, error) {
	switch x := args[0].(type) {
	case string:
		return float64(utf8.RuneCountInString(x)), nil
	case []any:
		return float64(len(x)), nil
	default:
		return float64(len(x.(map[string]any))), nil
	}
}

// fnMap applies an expression to each element. Unlike a projection it
// keeps null results, so the result has one element per input element.
func fnMap(args []any) (any, error) {
	ref, a := args[0].(exprRef), args[1].([]any)
	out := make([]any, len(a))
	for i, elem := range a {
		r, err := ref.body.eval(elem)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

// compareValues orders two numbers or two strings; the argument checks
// guarantee both have the same one of those types.
func compareValues(a, b any) int {
	if x, ok := a.(float64); ok {
		return cmp.Compare(x, b.(float64))
	}
	return strings.Compare(a.(string), b.(string))
}

// extreme returns the element of a that sign*compareValues ranks highest,
// the first such on ties, or null for an empty array.
func extreme(a []any, sign int) any {
	if len(a) == 0 {
		return nil
	}
	best := a[0]
	for _, elem := range a[1:] {
		if sign*compareValues(elem, best) > 0 {
			best = elem
		}
	}
	return best
}

func fnMax(args []any) (any, error) {
	return extreme(args[0].([]any), 1), nil
}

func fnMin(args []any) (any, error) {
	return extreme(args[0].([]any), -1), nil
}

// sortKeys evaluates the key expression of max_by, min_by or sort_by for
// each element. The keys must be all numbers or all strings.
func sortKeys(name string, a []any, ref exprRef) ([]any, error) {
	keys := make([]any, len(a))
	for i, elem := range a {
		k, err := ref.body.eval(elem)
		if err != nil {
			return nil, err
		}
		switch k.(type) {
		case float64, string:
		default:
			return nil, runtimeError(KindInvalidType, "the expression of %s() must give a number or a string, got %s for element %d", name, typeName(k), i)
		}
		if i > 0 && typeName(k) != typeName(keys[0]) {
			return nil, runtimeError(KindInvalidType, "the expression of %s() must give the same type for every element, got %s and %s", name, typeName(keys[0]), typeName(k))
		}
		keys[i] = k
	}
	return keys, nil
}

// extremeBy is max_by (sign 1) and min_by (sign -1).
func extremeBy(name string, args []any, sign int) (any, error) {
	a := args[0].([]any)
	keys, err := sortKeys(name, a, args[1].(exprRef))
	if err != nil || len(a) == 0 {
		return nil, err
	}
	best := 0
	for i := 1; i < len(a); i++ {
		if sign*compareValues(keys[i], keys[best]) > 0 {
			best = i
		}
	}
	return a[best], nil
}

func fnMaxBy(args []any) (any, error) {
	return extremeBy("max_by", args, 1)
}

func fnMinBy(args []any) (any, error) {
	return extremeBy("min_by", args, -1)
}

// fnSortBy sorts stably, as the specification requires, by the keys the
// expression gives.
func fnSortBy(args []any) (any, error) {
	a := args[0].([]any)
	keys, err := sortKeys("sort_by", a, args[1].(exprRef))
	if err != nil {
		return nil, err
	}
	order := make([]int, len(a))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return compareValues(keys[i], keys[j]) })
	out := make([]any, len(a))
	for i, idx := range order {
		out[i] = a[idx]
	}
	return out, nil
}

func fnSort(args []any) (any, error) {
	out := slices.Clone(args[0].([]any))
	slices.SortStableFunc(out, compareValues)
	return out, nil
}

// fnMerge merges objects into a new one; later keys win.
func fnMerge(args []any) (any, error) {
	size := 0
	for _, arg := range args {
		size += len(arg.(map[string]any))
	}
	out := make(map[string]any, size)
	for _, arg := range args {
		maps.Copy(out, arg.(map[string]any))
	}
	return out, nil
}

func fnNotNull(args []any) (any, error) {
	for _, arg := range args {
		if arg != nil {
			return arg, nil
		}
	}
	return nil, nil
}

// fnReverse reverses an array, or a string by code points.
func fnReverse(args []any) (any, error) {
	if s, ok := args[0].(string); ok {
		r := []rune(s)
		slices.Reverse(r)
		return string(r), nil
	}
	out := slices.Clone(args[0].([]any))
	slices.Reverse(out)
	return out, nil
}

func fnSum(args []any) (any, error) {
	return sum(args[0].([]any)), nil
}

// sum adds numbers from left to right, as the reference implementation
// does, so that rounding matches it.
func sum(a []any) float64 {
	total := 0.0
	for _, elem := range a {
		total += elem.(float64)
	}
	return total
}

func fnToArray(args []any) (any, error) {
	if a, ok := args[0].([]any); ok {
		return a, nil
	}
	return []any{args[0]}, nil
}

// fnToNumber converts a string that is a JSON number; any other string, and
// any other type except number, gives null.
func fnToNumber(args []any) (any, error) {
	switch x := args[0].(type) {
	case float64:
		return x, nil
	case string:
		if !isJSONNumber(x) {
			return nil, nil
		}
		f, err := strconv.ParseFloat(x, 64)
		if err != nil { // out of range
			return nil, nil
		}
		return f, nil
	}
	return nil, nil
}

// isJSONNumber reports whether s matches the JSON number grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		start := i
		for i < len(s) && isDigitChar(s[i]) {
			i++
		}
		return i - start
	}
	if i < len(s) && s[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// fnToString returns a string unchanged and encodes anything else as
// compact JSON.
func fnToString(args []any) (any, error) {
	if s, ok := args[0].(string); ok {
		return s, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// JMESPath output is not HTML: keep <, > and & as they are.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(args[0]); err != nil {
		return nil, runtimeError(KindInvalidValue, "to_string(): %v", err)
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

func fnType(args []any) (any, error) {
	return typeName(args[0]), nil
}
