package ruleset

import "testing"

func TestWalkPath(t *testing.T) {
	arr := stringsValue([]string{"a", "b", "c"})
	rec := recordValue(&record{keys: []string{"list", "inner"}, vals: []value{
		arr,
		recordValue(&record{keys: []string{"x"}, vals: []value{stringValue("deep")}}),
	}})
	tests := []struct {
		path string
		on   value
		want any // nil for unset
	}{
		{"list[0]", rec, "a"},
		{"list[2]", rec, "c"},
		{"list[3]", rec, nil},
		{"list[-1]", rec, "c"}, // 1.1: from the end
		{"list[-3]", rec, "a"},
		{"list[-4]", rec, nil},
		{"inner.x", rec, "deep"},
		{"inner.y", rec, nil},
		{"missing", rec, nil},
		{"list.x", rec, nil},   // a key on an array
		{"inner[0]", rec, nil}, // an index on a record
		{"[1]", arr, "b"},      // an index on its own, as on a stringArray parameter
		{"x", stringValue("s"), nil},
	}
	for _, tt := range tests {
		steps, err := parsePath(tt.path)
		if err != nil {
			t.Fatalf("parsePath(%q): %v", tt.path, err)
		}
		if got := walkPath(tt.on, steps).toAny(); got != tt.want {
			t.Errorf("getAttr(%s) = %v, want %v", tt.path, got, tt.want)
		}
	}
	for _, bad := range []string{"", "a..b", "a.", "a[", "a[x]", "a[1", "a[1]x", "a[]", "a[+1]"} {
		if _, err := parsePath(bad); err == nil {
			t.Errorf("parsePath(%q) succeeded, want an error", bad)
		}
	}
}
