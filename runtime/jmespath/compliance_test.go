package jmespath

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// complianceDir holds the official JMESPath compliance suite, read in place
// from the shared test data next to the repository (relative to this
// package's directory).
const complianceDir = "../../../shared/testdata/jmespath-compliance"

// complianceCase is one case of a compliance file. Exactly one of Result
// (possibly null, hence HasResult) and Error is given, except in
// benchmarks.json, whose cases have only Bench.
type complianceCase struct {
	Expression string          `json:"expression"`
	Result     json.RawMessage `json:"result"`
	Error      string          `json:"error"`
	Bench      string          `json:"bench"`
	Comment    string          `json:"comment"`
}

type complianceGroup struct {
	Given json.RawMessage  `json:"given"`
	Cases []complianceCase `json:"cases"`
}

// complianceFile is one parsed *.json file of the suite.
type complianceFile struct {
	name   string
	groups []complianceGroup
}

// loadCompliance reads every file of the suite, skipping the test if the
// suite is not there.
func loadCompliance(tb testing.TB) []complianceFile {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(complianceDir, "*.json"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(paths) == 0 {
		tb.Skipf("JMESPath compliance suite not found at %s; it lives in the shared test data next to the repository", complianceDir)
	}
	sort.Strings(paths)
	var files []complianceFile
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		f := complianceFile{name: strings.TrimSuffix(filepath.Base(path), ".json")}
		if err := json.Unmarshal(raw, &f.groups); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		files = append(files, f)
	}
	return files
}

// benchmarkResults are the results of the cases of benchmarks.json, which
// the suite gives without results because it only times them. Each was
// worked out by hand from the case's document.
var benchmarkResults = map[string]string{
	"b":                                     `true`,
	"c.d":                                   `true`,
	"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s": `null`,
	"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p":       `true`,
	"not_there || b":                        `true`,
	// 0 is truthy, so && runs to the end and || stops at once.
	"a && b && c && d && e && f && g && h && i && j && k && l && m && n && o && p && q && r && s && t && u && v && w && x && y && z": `25`,
	"z || y || x || w || v || u || t || s || r || q || p || o || n || m || l || k || j || i || h || g || f || e || d || c || b || a": `25`,
	"sum([z, y, x, w, v, u, t, s, r, q, p, o, n, m, l, k, j, i, h, g, f, e, d, c, b, a])":                                            `325`,
	"[z, y, x, w, v, u, t, s, r, q, p, o, n, m, l, k, j, i, h, g, f, e, d, c, b, a]":                                                 `[25,24,23,22,21,20,19,18,17,16,15,14,13,12,11,10,9,8,7,6,5,4,3,2,1,0]`,
}

// benchmarkResult returns the expected result of a benchmarks.json case,
// if known. The "parse" cases run against an empty object, where every
// path is null; only the raw string literal gives something else.
func benchmarkResult(c complianceCase) (string, bool) {
	if r, ok := benchmarkResults[c.Expression]; ok {
		return r, true
	}
	if strings.HasPrefix(c.Expression, "sum([z, sum([y,") {
		return `325`, true
	}
	if c.Bench == "parse" {
		if strings.HasPrefix(c.Expression, "'") {
			s := strings.Trim(c.Expression, "'")
			b, _ := json.Marshal(s)
			return string(b), true
		}
		return `null`, true
	}
	return "", false
}

// TestCompliance runs the JMESPath compliance suite, one subtest per file
// and case.
func TestCompliance(t *testing.T) {
	for _, f := range loadCompliance(t) {
		t.Run(f.name, func(t *testing.T) {
			n := 0
			for gi, g := range f.groups {
				var given any
				if err := json.Unmarshal(g.Given, &given); err != nil {
					t.Fatalf("group %d: given: %v", gi, err)
				}
				for _, c := range g.Cases {
					n++
					t.Run(fmt.Sprintf("%03d", n), func(t *testing.T) {
						runComplianceCase(t, f.name, given, c)
					})
				}
			}
		})
	}
}

func runComplianceCase(t *testing.T, file string, given any, c complianceCase) {
	t.Helper()
	desc := fmt.Sprintf("expression %q", c.Expression)
	if c.Comment != "" {
		desc += " (" + c.Comment + ")"
	}
	expr, compileErr := Compile(c.Expression)
	if c.Error != "" {
		want := ErrorKind(c.Error)
		if compileErr != nil {
			var je *ExprError
			if !errors.As(compileErr, &je) {
				t.Fatalf("%s: Compile error is %T, want *Error: %v", desc, compileErr, compileErr)
			}
			if je.Kind != want {
				t.Fatalf("%s: Compile error kind %q, want %q: %v", desc, je.Kind, want, compileErr)
			}
			return
		}
		if want == KindSyntax {
			t.Fatalf("%s: compiled, want a syntax error", desc)
		}
		got, err := expr.Search(given)
		if err == nil {
			t.Fatalf("%s: Search = %s, want a %s error", desc, mustJSON(got), want)
		}
		var je *ExprError
		if !errors.As(err, &je) || je.Kind != want {
			t.Fatalf("%s: Search error %v, want kind %q", desc, err, want)
		}
		return
	}
	if compileErr != nil {
		t.Fatalf("%s: Compile: %v", desc, compileErr)
	}
	wantJSON := string(c.Result)
	if file == "benchmarks" {
		var ok bool
		if wantJSON, ok = benchmarkResult(c); !ok {
			t.Fatalf("%s: no expected result recorded for this benchmark case", desc)
		}
	}
	got, err := expr.Search(given)
	if err != nil {
		t.Fatalf("%s: Search: %v", desc, err)
	}
	if err := checkCanonical(got); err != nil {
		t.Fatalf("%s: result %#v: %v", desc, got, err)
	}
	var want any
	if wantJSON == "" {
		wantJSON = "null" // a case whose result is null may omit it
	}
	if err := json.Unmarshal([]byte(wantJSON), &want); err != nil {
		t.Fatalf("%s: expected result: %v", desc, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got %s\nwant %s", desc, mustJSON(got), wantJSON)
	}
}

// checkCanonical checks that a result holds only the canonical types, with
// no nil slices or maps (which encoding/json would write as null).
func checkCanonical(v any) error {
	switch x := v.(type) {
	case nil, bool, float64, string:
		return nil
	case []any:
		if x == nil {
			return errors.New("nil []any")
		}
		for _, elem := range x {
			if err := checkCanonical(elem); err != nil {
				return err
			}
		}
		return nil
	case map[string]any:
		if x == nil {
			return errors.New("nil map[string]any")
		}
		for _, elem := range x {
			if err := checkCanonical(elem); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("non-canonical value of type %T", v)
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v (%v)", v, err)
	}
	return string(b)
}

// BenchmarkCompliance times the cases of benchmarks.json: compiling for the
// "parse" cases, searching with a compiled expression for the "full" ones.
func BenchmarkCompliance(b *testing.B) {
	for _, f := range loadCompliance(b) {
		if f.name != "benchmarks" {
			continue
		}
		for _, g := range f.groups {
			var given any
			if err := json.Unmarshal(g.Given, &given); err != nil {
				b.Fatal(err)
			}
			for _, c := range g.Cases {
				b.Run(strings.ReplaceAll(c.Comment, " ", "_"), func(b *testing.B) {
					if c.Bench == "parse" {
						b.ReportAllocs()
						for b.Loop() {
							if _, err := Compile(c.Expression); err != nil {
								b.Fatal(err)
							}
						}
						return
					}
					expr := MustCompile(c.Expression)
					b.ReportAllocs()
					for b.Loop() {
						if _, err := expr.Search(given); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}
