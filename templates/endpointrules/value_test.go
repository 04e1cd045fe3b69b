package endpointrules

// toAny converts v to a JSON-like Go value (string, bool, float64, []any,
// map[string]any, or nil for unset) so that tests can compare values.
func (v value) toAny() any {
	switch v.kind {
	case kindString:
		return v.s
	case kindBool:
		return v.b
	case kindInt:
		return float64(v.i)
	case kindArray:
		out := make([]any, len(v.arr))
		for i, e := range v.arr {
			out[i] = e.toAny()
		}
		return out
	case kindRecord:
		out := make(map[string]any, len(v.rec.keys))
		for i, k := range v.rec.keys {
			out[k] = v.rec.vals[i].toAny()
		}
		return out
	}
	return nil
}
