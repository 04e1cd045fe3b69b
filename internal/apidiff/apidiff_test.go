package apidiff_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/smithygo/smithygo/internal/apidiff"
	"github.com/smithygo/smithygo/internal/gogen"
	"github.com/smithygo/smithygo/internal/shapes"
)

// Each testdata/*.txtar is one kind of change: its comment says which, its
// old.smithy and new.smithy sections are the two models, and want.md is
// the report. go test ./internal/apidiff/ -update rewrites want.md.
var update = flag.Bool("update", false, "rewrite the want.md sections of testdata/*.txtar")

func surface(t *testing.T, name string, src []byte) *gogen.API {
	t.Helper()
	m, err := shapes.Load(shapes.Source{Name: name, Data: src})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := m.Service("")
	if err != nil {
		t.Fatal(err)
	}
	api, err := gogen.Surface(svc, gogen.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

func TestCases(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(bytes.TrimSpace(a.Comment)) == 0 {
				t.Error("the archive comment should say what the case covers")
			}
			sections := map[string][]byte{}
			for _, f := range a.Files {
				sections[f.Name] = f.Data
			}
			old := surface(t, "old.smithy", sections["old.smithy"])
			new := surface(t, "new.smithy", sections["new.smithy"])
			changes := apidiff.Compare(old, new)
			var got bytes.Buffer
			if err := apidiff.WriteMarkdown(&got, changes); err != nil {
				t.Fatal(err)
			}
			if *update {
				for i, f := range a.Files {
					if f.Name == "want.md" {
						a.Files[i].Data = got.Bytes()
					}
				}
				if _, ok := sections["want.md"]; !ok {
					a.Files = append(a.Files, txtar.File{Name: "want.md", Data: got.Bytes()})
				}
				if err := os.WriteFile(path, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := sections["want.md"]; got.String() != string(want) {
				t.Errorf("report:\n%s\nwant:\n%s", got.String(), want)
			}
			// The report's Breaking section and Breaking agree.
			if apidiff.Breaking(changes) != strings.Contains(got.String(), "### Breaking") {
				t.Errorf("Breaking is %v for the report\n%s", apidiff.Breaking(changes), got.String())
			}
			// Reversing the models reverses additions and removals: the
			// same number of changes comes out, so nothing is seen one
			// way only.
			if back := apidiff.Compare(new, old); len(back) != len(changes) {
				t.Errorf("new → old has %d changes, old → new %d:\n%v\n%v", len(back), len(changes), back, changes)
			}
		})
	}
}

// A pattern holding backquotes still makes one code span in Markdown.
func TestBackquotesInCodeSpans(t *testing.T) {
	api := func(pattern string) *gogen.API {
		return &gogen.API{Package: "p", Types: []gogen.APIType{{Name: "In", Kind: gogen.KindInput, Sent: true,
			Fields: []gogen.APIField{{Name: "A", APIValue: gogen.APIValue{Type: "*string", Pointer: true,
				Checks: gogen.APIChecks{MaxLength: -1, Pattern: pattern}}}}}}}
	}
	var b bytes.Buffer
	if err := apidiff.WriteMarkdown(&b, apidiff.Compare(api(""), api("^`+$"))); err != nil {
		t.Fatal(err)
	}
	if want := "- `In.A`: pattern `` ^`+$ `` added\n"; !strings.Contains(b.String(), want) {
		t.Errorf("report:\n%s\nwant a line %q", b.String(), want)
	}
}

// A bound that does not parse as a decimal counts as narrowed: a doubtful
// change is never called compatible.
func TestUnparsableBoundIsNarrowed(t *testing.T) {
	api := func(min string) *gogen.API {
		return &gogen.API{Package: "p", Types: []gogen.APIType{{Name: "In", Kind: gogen.KindInput, Sent: true,
			Fields: []gogen.APIField{{Name: "N", APIValue: gogen.APIValue{Type: "*int32", Pointer: true,
				Checks: gogen.APIChecks{MaxLength: -1, MinRange: min}}}}}}}
	}
	if changes := apidiff.Compare(api("5"), api("x")); !apidiff.Breaking(changes) {
		t.Errorf("changes %v: want a breaking one", changes)
	}
	if changes := apidiff.Compare(api("5"), api("4")); apidiff.Breaking(changes) || len(changes) != 1 {
		t.Errorf("changes %v: want one compatible", changes)
	}
}
