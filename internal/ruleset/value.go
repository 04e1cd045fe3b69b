package ruleset

// kind is the dynamic type of a value.
type kind uint8

const (
	kindUnset  kind = iota // no value: an unset parameter or an empty optional
	kindString             // s
	kindBool               // b
	kindInt                // i
	kindArray              // arr
	kindRecord             // rec
)

// value is one rules-engine value. It is a plain struct rather than an
// interface so that evaluating conditions, which is almost all of the work,
// never boxes a string or a bool on the heap. The zero value is "unset".
type value struct {
	kind kind
	b    bool
	i    int
	s    string
	arr  []value
	rec  *record
}

func stringValue(s string) value { return value{kind: kindString, s: s} }
func boolValue(b bool) value     { return value{kind: kindBool, b: b} }
func intValue(i int) value       { return value{kind: kindInt, i: i} }
func arrayValue(a []value) value { return value{kind: kindArray, arr: a} }
func recordValue(r *record) value {
	return value{kind: kindRecord, rec: r}
}

// stringsValue turns a Go string slice into an array value.
func stringsValue(ss []string) value {
	arr := make([]value, len(ss))
	for i, s := range ss {
		arr[i] = stringValue(s)
	}
	return arrayValue(arr)
}

// holds reports whether v satisfies a condition: the spec says a condition
// fails when its function returns false or no value, and holds for any other
// value (an empty string included).
func (v value) holds() bool {
	return v.kind != kindUnset && (v.kind != kindBool || v.b)
}

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

// record is an object value: the structures that parseURL, aws.partition and
// aws.parseArn return, and object literals. Records are small (at most a
// handful of fields), so a linear scan over parallel slices beats a map and
// lets several records share one keys slice.
type record struct {
	keys []string
	vals []value
}

// get returns the field named key, or unset if there is none.
func (r *record) get(key string) value {
	for i, k := range r.keys {
		if k == key {
			return r.vals[i]
		}
	}
	return value{}
}
