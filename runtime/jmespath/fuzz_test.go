package jmespath

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// fuzzSeeds cover each part of the grammar, including broken forms.
var fuzzSeeds = []string{
	"foo.bar[0].baz", "foo[*].bar | [0]", "foo[?a == `1` && !b].c", "*.x[]",
	"{a: a, \"b\": [b, c]}", "sort_by(@, &a)[-1:0:-2]", "`{\"a\": [1]}`.a",
	"'raw\\'s'", "\"quo\\u00e9ted\"", "a || b && c != d", "[:@]", "foo.[a",
	"not_null(a, b)", "length(`[1,2]`) >= `2`", "a[?", "((&", "`\"\\u\"`",
}

// maxFuzzSearchLen bounds the expressions FuzzCompile also evaluates. A
// result can grow exponentially with the expression ([@,@]|[@,@]|... doubles
// it at each step, see the package documentation), and walking such a
// result makes the fuzzer stall; at this length a result has at most about
// 2^16 nodes.
const maxFuzzSearchLen = 80

// FuzzCompile checks that Compile never panics, that its errors are *Error
// with an offset inside the expression, and that Search of a short compiled
// expression never panics and fails only with *Error.
func FuzzCompile(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	// Seed with the compliance suite's expressions too, when it is there.
	paths, _ := filepath.Glob(filepath.Join(complianceDir, "*.json"))
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		var groups []complianceGroup
		if json.Unmarshal(raw, &groups) != nil {
			continue
		}
		for _, g := range groups {
			for _, c := range g.Cases {
				f.Add(c.Expression)
			}
		}
	}
	var doc any
	if err := json.Unmarshal([]byte(`{"a": [1, "x", {"b": [true, null]}], "b": {"c": 2.5, "d": ""}, "e": [[1, 2], [3]]}`), &doc); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		e, err := Compile(expr)
		if err != nil {
			var je *ExprError
			if !errors.As(err, &je) {
				t.Fatalf("Compile(%q) error is %T, want *Error", expr, err)
			}
			if je.Offset < 0 || je.Offset > len(expr) {
				t.Fatalf("Compile(%q) error offset %d outside the expression: %v", expr, je.Offset, err)
			}
			return
		}
		if e.String() != expr {
			t.Fatalf("String() = %q, want %q", e.String(), expr)
		}
		if len(expr) > maxFuzzSearchLen {
			return
		}
		got, err := e.Search(doc)
		if err != nil {
			var je *ExprError
			if !errors.As(err, &je) {
				t.Fatalf("Search(%q) error is %T, want *Error", expr, err)
			}
			return
		}
		if err := checkCanonical(got); err != nil {
			t.Fatalf("Search(%q) = %#v: %v", expr, got, err)
		}
	})
}
