package jmespath

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// decode parses a JSON document the way encoding/json does for any.
func decode(t *testing.T, doc string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("bad test document %s: %v", doc, err)
	}
	return v
}

// TestSearch covers behaviour the compliance suite leaves open and the
// choices described in the package documentation.
func TestSearch(t *testing.T) {
	tests := []struct {
		name, expr, doc, want string
	}{
		{"waiter path", "status != 'DELETING'", `{"status":"ACTIVE"}`, `true`},
		{"waiter path and", "status != 'CANCELLING' && status != 'CANCELLED'", `{"status":"CANCELLED"}`, `false`},
		{"value projection continues past dot-star", "foo.*.bar.baz", `{"foo":{"x":{"bar":{"baz":1}},"y":{"bar":{"baz":2}}}}`, `[1,2]`},
		{"object wildcard in key order", "*", `{"b":2,"a":1,"c":3}`, `[1,2,3]`},
		{"keys sorted", "keys(@)", `{"b":2,"a":1,"c":3}`, `["a","b","c"]`},
		{"values in key order", "values(@)", `{"b":2,"a":1,"c":3}`, `[1,2,3]`},
		{"not binds tighter than dot", "!a.b", `{"a":{"b":false}}`, `null`},
		{"parenthesised not", "!(a.b)", `{"a":{"b":false}}`, `true`},
		{"empty quoted identifier", `""`, `{"":1}`, `1`},
		{"long chain", strings.Repeat("a.", 200) + "a", `{}`, `null`},
		{"slice of huge bounds", "[-99999999999999999999999:99999999999999999999999]", `[1,2]`, `[1,2]`},
		{"to_number rejects non-JSON numbers", "[to_number(' 1'), to_number('.5'), to_number('0x10'), to_number('1e400'), to_number('-0.5e1')]", `{}`, `[null,null,null,null,-5]`},
		{"to_string keeps html", "to_string(@)", `{"a":"<&>"}`, `"{\"a\":\"<&>\"}"`},
		{"length counts code points", "length('héllo✓')", `{}`, `6`},
		{"reverse by code points", "reverse('a✓b')", `{}`, `"b✓a"`},
		{"max_by first on ties", "max_by(@, &k).n", `[{"k":1,"n":"a"},{"k":1,"n":"b"}]`, `"a"`},
		{"min of strings", "min(@)", `["b","a","c"]`, `"a"`},
		{"contains string with non-string", "contains('abc', `1`)", `{}`, `false`},
		{"merge does not modify its arguments", "[merge(a, b), a]", `{"a":{"x":1},"b":{"y":2}}`, `[{"x":1,"y":2},{"x":1}]`},
		{"map keeps nulls", "map(&a, @)", `[{"a":1},{}]`, `[1,null]`},
		{"filter with function", "[?starts_with(@, 'a')]", `["ab","b","ac"]`, `["ab","ac"]`},
		{"ordering strings gives null", "'a' < 'b'", `{}`, `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Search(tt.expr, decode(t, tt.doc))
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.expr, err)
			}
			if want := decode(t, tt.want); !reflect.DeepEqual(got, want) {
				t.Errorf("Search(%q) = %s, want %s", tt.expr, mustJSON(got), tt.want)
			}
		})
	}
}

// TestErrors checks kinds, offsets and where each error is reported.
func TestErrors(t *testing.T) {
	tests := []struct {
		expr      string
		doc       string
		atCompile bool
		kind      ErrorKind
		offset    int
	}{
		{"foo.", `{}`, true, KindSyntax, 4},
		{"foo[?a = b]", `{}`, true, KindSyntax, 7},
		{"a.`1`", `{}`, true, KindSyntax, 2},
		{"`{bad}`", `{}`, true, KindSyntax, 0},
		{"`foo`", `{}`, true, KindSyntax, 0}, // no legacy raw literals
		{"&a", `{}`, true, KindSyntax, 0},
		{"foo ~", `{}`, true, KindSyntax, 4},
		{"nope(@)", `{}`, true, KindUnknownFunction, 0},
		{"a | length(@, @)", `{}`, true, KindInvalidArity, 4},
		{"merge()", `{}`, true, KindInvalidArity, 0},
		{"sort_by(@, a)", `[]`, true, KindInvalidType, 11},
		{"length(&a)", `{}`, true, KindInvalidType, 7},
		{"a[::0]", `{}`, true, KindInvalidValue, 4},
		{"a.abs(b)", `{"a":{"b":"x"}}`, false, KindInvalidType, 2},
		{"sort_by(@, &a)", `[{"a":1},{"a":"x"}]`, false, KindInvalidType, 0},
		{"[?abs(@) > `0`]", `[1,"x"]`, false, KindInvalidType, 2},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			e, err := Compile(tt.expr)
			if err == nil {
				if tt.atCompile {
					t.Fatalf("Compile(%q) succeeded, want a %s error", tt.expr, tt.kind)
				}
				_, err = e.Search(decode(t, tt.doc))
				if err == nil {
					t.Fatalf("Search(%q) succeeded, want a %s error", tt.expr, tt.kind)
				}
			} else if !tt.atCompile {
				t.Fatalf("Compile(%q): %v, want success and a Search error", tt.expr, err)
			}
			var je *ExprError
			if !errors.As(err, &je) {
				t.Fatalf("error %v is %T, want *Error", err, err)
			}
			if je.Kind != tt.kind || je.Offset != tt.offset || je.Expression != tt.expr {
				t.Errorf("error %v: kind %q offset %d expression %q, want %q %d %q",
					err, je.Kind, je.Offset, je.Expression, tt.kind, tt.offset, tt.expr)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	_, err := Compile("foo.")
	want := `jmespath: syntax error at offset 4 in "foo.": expected an identifier, "*", "[" or "{" after ".", found end of expression`
	if err == nil || err.Error() != want {
		t.Errorf("Compile error = %v, want %s", err, want)
	}
	_, err = Search("abs(@)", "x")
	want = `jmespath: invalid-type error at offset 0 in "abs(@)": argument 1 of abs() must be number, got string`
	if err == nil || err.Error() != want {
		t.Errorf("Search error = %v, want %s", err, want)
	}
}

func TestMustCompile(t *testing.T) {
	if got := MustCompile("a.b").String(); got != "a.b" {
		t.Errorf("String() = %q", got)
	}
	defer func() {
		r := recover()
		if _, ok := r.(*ExprError); !ok {
			t.Errorf("MustCompile panicked with %#v, want *Error", r)
		}
	}()
	MustCompile("a.")
}

// TestGoNumbers checks that non-float64 numbers in the data are accepted
// and come out as float64.
func TestGoNumbers(t *testing.T) {
	data := map[string]any{
		"i": 3, "i8": int8(-4), "i32": int32(5), "i64": int64(1) << 40,
		"u": uint(6), "f32": float32(1.5), "n": json.Number("2.5"),
		"list":   []any{1, 2.5, int64(3)},
		"nested": map[string]any{"x": []any{map[string]any{"y": 7}}},
	}
	got, err := Search("[i, i8, i32, i64, u, f32, n, sum(list), list, nested, i > `2`]", data)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{3.0, -4.0, 5.0, float64(int64(1) << 40), 6.0, 1.5, 2.5, 6.5,
		[]any{1.0, 2.5, 3.0}, map[string]any{"x": []any{map[string]any{"y": 7.0}}}, true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
	// The caller's data is not modified by the conversion.
	if _, ok := data["list"].([]any)[0].(int); !ok {
		t.Errorf("Search modified its input: %#v", data["list"])
	}
}

func TestCanonicalDataIsNotCopied(t *testing.T) {
	inner := []any{1.0, "x"}
	data := map[string]any{"a": inner}
	got, err := Search("a", data)
	if err != nil {
		t.Fatal(err)
	}
	if g := got.([]any); &g[0] != &inner[0] {
		t.Error("canonical data was copied")
	}
}

func TestBadData(t *testing.T) {
	tests := []struct {
		data any
		kind ErrorKind
	}{
		{map[string]any{"a": []string{"x"}}, KindInvalidType},
		{[]any{struct{}{}}, KindInvalidType},
		{map[string]any{"a": math.NaN()}, KindInvalidValue},
		{math.Inf(1), KindInvalidValue},
	}
	for _, tt := range tests {
		_, err := Search("@", tt.data)
		var je *ExprError
		if !errors.As(err, &je) || je.Kind != tt.kind || je.Offset != -1 {
			t.Errorf("Search(@, %#v) error = %v, want kind %s without offset", tt.data, err, tt.kind)
		}
	}
}

func TestNilContainersAreEmpty(t *testing.T) {
	got, err := Search("[length(a), length(m), a]", map[string]any{"a": []any(nil), "m": map[string]any(nil)})
	if err != nil {
		t.Fatal(err)
	}
	if want := []any{0.0, 0.0, []any{}}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

// TestLiteralsAreNotShared checks that modifying a result cannot change a
// compiled expression's literal.
func TestLiteralsAreNotShared(t *testing.T) {
	e := MustCompile("`{\"a\": [1, 2]}`")
	first, _ := e.Search(nil)
	first.(map[string]any)["a"].([]any)[0] = "changed"
	second, _ := e.Search(nil)
	if want := map[string]any{"a": []any{1.0, 2.0}}; !reflect.DeepEqual(second, want) {
		t.Errorf("second Search = %#v, want %#v", second, want)
	}
}

func TestNestingLimit(t *testing.T) {
	deep := strings.Repeat("(", maxNesting+1) + "a" + strings.Repeat(")", maxNesting+1)
	if _, err := Compile(deep); err == nil {
		t.Error("expression nested beyond maxDepth compiled")
	}
	ok := strings.Repeat("(", 100) + "a" + strings.Repeat(")", 100)
	if _, err := Compile(ok); err != nil {
		t.Errorf("100 levels of nesting: %v", err)
	}
}

// TestConcurrentSearch shares one Expr between goroutines; run with -race.
func TestConcurrentSearch(t *testing.T) {
	e := MustCompile("sort_by(items, &n)[?n > `1`].{n: n, tags: merge(tags, `{\"x\": [1]}`)}")
	data := decode(t, `{"items":[{"n":3,"tags":{"a":1}},{"n":1,"tags":{}},{"n":2,"tags":{"b":2}}]}`)
	want, err := e.Search(data)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				got, err := e.Search(data)
				if err != nil || !reflect.DeepEqual(got, want) {
					t.Errorf("concurrent Search = %v, %v", got, err)
					return
				}
			}
		})
	}
	wg.Wait()
}
