package cbor

import (
	"fmt"
	"testing"
)

// TestStringList checks StringList against the loop it replaces: a null
// element read as "" in its place, null for the list a nil slice, an
// empty array an empty slice, indefinite-length arrays, and anything but
// text strings an error.
func TestStringList(t *testing.T) {
	for _, tt := range []struct {
		hex  string
		want []string
		err  bool
	}{
		{"f6", nil, false},
		{"80", []string{}, false},
		{"8361616f6162", nil, true},                        // ["a", a string cut short]
		{"8361619f6162ff", nil, true},                      // an indefinite-length array is not a string
		{"836161f66162", []string{"a", "", "b"}, false},    // ["a", null, "b"]: the null's place kept
		{"9f6161f660ff", []string{"a", "", ""}, false},     // [_ "a", null, ""]
		{"82616101", nil, true},                            // ["a", 1]
		{"a0", nil, true},                                  // {}
		{"8262c3a9627878", []string{"é", "xx"}, false},     // ["é", "xx"]
		{"817f61616162ff", []string{"ab"}, false},          // [(_ "a", "b")]
		{"8261ff6161", []string{"\uFFFD", "a"}, false},     // invalid UTF-8 replaced
		{"83616161616161", []string{"a", "a", "a"}, false}, // three alike
		{"8161", nil, true},                                // cut short
		{"9f6161", nil, true},                              // no break
		{"816161ff", nil, true},                            // a stray break after
		{"8180", nil, true},                                // [[]]
		{"81c06161", []string{"a"}, false},                 // a tag before the string
		{"8160", []string{""}, false},                      // [""]
		{"80ff", nil, true},                                // trailing data
		{"82f6f6", []string{"", ""}, false},                // only nulls
		{"9ff6ff", []string{""}, false},                    // only nulls, indefinite
	} {
		d := NewDecoder(unhex(t, tt.hex))
		got := d.StringList()
		d.End()
		if (d.Err() != nil) != tt.err {
			t.Errorf("%s: error %v", tt.hex, d.Err())
			continue
		}
		if tt.err {
			continue
		}
		if (got == nil) != (tt.want == nil) || fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
			t.Errorf("%s: got %q (nil %v), want %q", tt.hex, got, got == nil, tt.want)
		}
	}
}
