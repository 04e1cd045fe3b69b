package jmespath

import (
	"encoding/json"
	"math"
)

// normalize converts data to the canonical data model: nil, bool, float64,
// string, []any and map[string]any. Other Go numbers become float64; any
// other type, and numbers JSON cannot represent (NaN, ±Inf), are errors.
//
// Doing this once up front lets the evaluator assume canonical values
// everywhere, and means results never hold an int.
func normalize(v any) (any, error) {
	n, _, err := normalizeValue(v)
	return n, err
}

// normalizeValue does the work of normalize and also reports whether the
// result differs from v. Arrays and objects are copied only when something
// inside them changes, so data that is already canonical (as encoding/json
// produces it) costs one walk and no allocation.
func normalizeValue(v any) (any, bool, error) {
	switch x := v.(type) {
	case nil, bool, string:
		return v, false, nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, false, runtimeError(KindInvalidValue, "data holds %v, which JSON cannot represent", x)
		}
		return v, false, nil
	case []any:
		if x == nil {
			// A nil slice is still an array (encoding/json writes it
			// as null, but as a Go value it is an empty list).
			return []any{}, true, nil
		}
		var out []any // allocated at the first element that changes
		for i, elem := range x {
			n, changed, err := normalizeValue(elem)
			if err != nil {
				return nil, false, err
			}
			if changed && out == nil {
				out = make([]any, len(x))
				copy(out, x)
			}
			if out != nil {
				out[i] = n
			}
		}
		if out == nil {
			return x, false, nil
		}
		return out, true, nil
	case map[string]any:
		if x == nil {
			return map[string]any{}, true, nil
		}
		var out map[string]any
		for k, elem := range x {
			n, changed, err := normalizeValue(elem)
			if err != nil {
				return nil, false, err
			}
			if changed && out == nil {
				out = make(map[string]any, len(x))
				for k2, e2 := range x {
					out[k2] = e2
				}
			}
			if out != nil {
				out[k] = n
			}
		}
		if out == nil {
			return x, false, nil
		}
		return out, true, nil
	}
	if f, ok := otherNumber(v); ok {
		n, _, err := normalizeValue(f)
		return n, true, err
	}
	return nil, false, runtimeError(KindInvalidType, "data holds a value of Go type %T, which is not part of the JSON data model", v)
}

// otherNumber converts the Go number types other than float64 to float64.
func otherNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float32:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// truthy implements JMESPath truthiness: false, null, "", [] and {} are
// false; everything else, including 0, is true.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	return true
}

// equal reports whether two canonical values are deeply equal, the meaning
// of == in JMESPath.
func equal(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case float64:
		y, ok := b.(float64)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !equal(xv, yv) {
				return false
			}
		}
		return true
	}
	return false
}

// deepCopy copies the arrays and objects in a canonical value.
func deepCopy(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, elem := range x {
			out[i] = deepCopy(elem)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, elem := range x {
			out[k] = deepCopy(elem)
		}
		return out
	}
	return v
}

// typeName returns the JMESPath name of a value's type, as type() does.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case exprRef:
		return "expref"
	}
	return "unknown"
}
