package gogen_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/smithygo/smithygo/internal/gogen"
	"github.com/smithygo/smithygo/internal/shapes"
	"github.com/smithygo/smithygo/runtime"
)

// The golden archives live in testdata/golden, one case per <case>.txtar:
//
//   - the archive comment says in one line what the case covers;
//   - "*.json" sections are the model files, loaded together in name order;
//   - an optional "service" section holds the service shape ID (needed when
//     the model has more than one service);
//   - "*_test.go" sections are hand-written tests of the generated code's
//     behaviour, copied next to the generated package and run by go test;
//   - an optional "keep" section lists, one per line, the generated files the
//     case is about (path.Match patterns, such as "codec_gen.go" or
//     "types/*"): only those are recorded, so that a case holds what it is
//     about; without it every file is. All files are still compiled and
//     behaviour-tested;
//   - every other section is expected output: one section per generated file,
//     named by its path (copies of the runtime and of templates, which the
//     generator marks with a "// Copied from" line, are left out), or a single
//     "error.txt" holding the error the pipeline must fail with; an
//     optional "warnings.txt" holds the warnings of a successful run.
//
// go test ./internal/gogen/ -update rewrites the expected sections from what
// the generator produces, keeping the comment and the input sections.
var update = flag.Bool("update", false, "rewrite the expected sections of testdata/golden/*.txtar from the generator's output")

const (
	goldenDir   = "testdata/golden"
	modulePath  = "example.com/x" // the temporary module the cases are compiled in
	regexOrigin = "runtime/ecmaregex/"
	serviceName = "service"
	// serverName is an empty section that asks for the server package
	// too (gen -server).
	serverName  = "server"
	keepName    = "keep"
	errorName   = "error.txt"
	warningName = "warnings.txt"
)

// goldenCase is one archive of testdata/golden.
type goldenCase struct {
	name    string // the archive's base name, also the package directory in the temporary module
	file    string
	archive *txtar.Archive
	models  []shapes.Source
	service string
	server  bool              // a "server" section: generate the server package too
	keep    []string          // the "keep" section's patterns; nil keeps every file
	tests   []txtar.File      // hand-written behaviour tests (not compared)
	want    map[string][]byte // expected sections, by name
	inputs  []txtar.File      // the sections -update keeps, in archive order
	// warnings holds the last run's warnings, one per line.
	warnings []byte
}

func isModel(name string) bool     { return path.Ext(name) == ".json" && !strings.Contains(name, "/") }
func isBehaviour(name string) bool { return strings.HasSuffix(name, "_test.go") }

func loadCases(t *testing.T) []*goldenCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(goldenDir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no golden archives in %s", goldenDir)
	}
	slices.Sort(paths)
	validName := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	var cases []*goldenCase
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := &goldenCase{name: strings.TrimSuffix(filepath.Base(p), ".txtar"), file: p, archive: a, want: map[string][]byte{}}
		if !validName.MatchString(c.name) {
			t.Fatalf("%s: a case name must match %s (it becomes a Go import path element)", p, validName)
		}
		if strings.TrimSpace(string(a.Comment)) == "" {
			t.Errorf("%s: the archive comment should say what the case covers", p)
		}
		seen := map[string]bool{}
		for _, f := range a.Files {
			if seen[f.Name] {
				t.Fatalf("%s: section %q appears twice", p, f.Name)
			}
			seen[f.Name] = true
			switch {
			case isModel(f.Name):
				c.models = append(c.models, shapes.Source{Name: f.Name, Data: f.Data})
				c.inputs = append(c.inputs, f)
			case f.Name == serviceName:
				c.service = strings.TrimSpace(string(f.Data))
				c.inputs = append(c.inputs, f)
			case f.Name == serverName:
				c.server = true
				c.inputs = append(c.inputs, f)
			case f.Name == keepName:
				c.keep = strings.Fields(string(f.Data))
				for _, pat := range c.keep {
					if _, err := path.Match(pat, ""); err != nil {
						t.Fatalf("%s: keep pattern %q: %v", p, pat, err)
					}
				}
				c.inputs = append(c.inputs, f)
			case isBehaviour(f.Name):
				c.tests = append(c.tests, f)
				c.inputs = append(c.inputs, f)
			default:
				c.want[f.Name] = f.Data
			}
		}
		if len(c.models) == 0 {
			t.Fatalf("%s: no *.json model section", p)
		}
		slices.SortFunc(c.models, func(a, b shapes.Source) int { return strings.Compare(a.Name, b.Name) })
		cases = append(cases, c)
	}
	return cases
}

// importSuffix names the directory, next to a case's, of the case
// generated with -runtime import: the goldens hold the copy mode's output,
// and the behaviour tests run against both.
const importSuffix = "_import"

// generate runs the whole pipeline on the case's model.
func (c *goldenCase) generate() (map[string][]byte, error) {
	return c.generateMode(gogen.RuntimeCopy)
}

// generateMode runs the whole pipeline on the case's model with the
// runtime mode given.
func (c *goldenCase) generateMode(mode gogen.RuntimeMode) (map[string][]byte, error) {
	m, err := shapes.Load(c.models...)
	if err != nil {
		return nil, err
	}
	svc, err := m.Service(c.service)
	if err != nil {
		return nil, err
	}
	c.warnings = nil
	dir := c.name
	if mode == gogen.RuntimeImport {
		dir += importSuffix
	}
	return gogen.Generate(svc, gogen.Config{ImportPath: modulePath + "/" + dir, ProtocolTests: true, Server: c.server, Runtime: mode,
		Warn: func(w error) { c.warnings = fmt.Appendln(c.warnings, w) }})
}

// expected turns the pipeline's result into the sections the case holds.
func (c *goldenCase) expected(files map[string][]byte, err error) map[string][]byte {
	if err != nil {
		return map[string][]byte{errorName: []byte(err.Error() + "\n")}
	}
	out := map[string][]byte{}
	for name, data := range files {
		// Copies of the runtime and the templates are checked against their
		// source elsewhere, not repeated in every golden file; the generator
		// marks them (gogen.CopiedFrom).
		// Generated tests are run in the temporary module instead; a section
		// named *_test.go would be read back as a behaviour test.
		if _, copied := gogen.CopiedFrom(data); copied || strings.HasSuffix(name, "_gen_test.go") || !c.keeps(name) {
			continue
		}
		out[name] = data
	}
	return out
}

// keeps reports whether the case records the generated file name.
func (c *goldenCase) keeps(name string) bool {
	if c.keep == nil {
		return true
	}
	for _, pat := range c.keep {
		if ok, _ := path.Match(pat, name); ok {
			return true
		}
	}
	return false
}

func TestGolden(t *testing.T) {
	cases := loadCases(t)
	outputs := map[string]map[string][]byte{} // successful cases only
	for _, c := range cases {
		files, err := c.generate()
		if err == nil {
			outputs[c.name] = files
			imported, err := c.generateMode(gogen.RuntimeImport)
			if err != nil {
				t.Fatalf("%s: -runtime import fails where copy succeeds: %v", c.name, err)
			}
			checkImportMode(t, c.name, files, imported)
			outputs[c.name+importSuffix] = imported
		}
		t.Run(c.name, func(t *testing.T) {
			got := c.expected(files, err)
			if err == nil && len(c.warnings) > 0 {
				got[warningName] = c.warnings
			}
			if *update {
				c.rewrite(t, got)
			} else {
				compareSections(t, c, got)
			}
			if err != nil {
				return
			}
			for _, pat := range c.keep {
				if !slices.ContainsFunc(slices.Collect(maps.Keys(files)), func(n string) bool { ok, _ := path.Match(pat, n); return ok }) {
					t.Errorf("%s: keep pattern %q matches no generated file", c.name, pat)
				}
			}
			checkWellFormed(t, files)
			checkRegexCopy(t, c, files)
		})
	}
	t.Run("compile", func(t *testing.T) {
		if testing.Short() {
			t.Skip("compiling, vetting and testing the generated packages is skipped in -short mode")
		}
		compileCases(t, cases, outputs)
	})
}

// compareSections reports each expected section that differs from the
// generator's output; a missing section counts as empty.
func compareSections(t *testing.T, c *goldenCase, got map[string][]byte) {
	t.Helper()
	names := map[string]bool{}
	for n := range got {
		names[n] = true
	}
	for n := range c.want {
		names[n] = true
	}
	for _, n := range slices.Sorted(maps.Keys(names)) {
		want, have := c.want[n], got[n]
		if bytes.Equal(want, have) {
			continue
		}
		switch {
		case want == nil && n == errorName:
			t.Errorf("%s: generation failed, but %s expects it to succeed: %s", c.name, c.file, have)
		case want == nil:
			t.Errorf("%s: %s is generated but has no section in %s; diff (-want +got):\n%s", c.name, n, c.file, lineDiff(string(want), string(have)))
		case have == nil && n == errorName:
			t.Errorf("%s: generation succeeded but %s expects it to fail with:\n%s", c.name, c.file, want)
		case have == nil:
			t.Errorf("%s: %s has a section in %s but is not generated; diff (-want +got):\n%s", c.name, n, c.file, lineDiff(string(want), string(have)))
		default:
			t.Errorf("%s: %s differs from %s; diff (-want +got):\n%s", c.name, n, c.file, lineDiff(string(want), string(have)))
		}
	}
	if t.Failed() {
		t.Logf("if the new output is right, run: go test ./internal/gogen/ -run 'TestGolden/%s' -update", c.name)
	}
}

// rewrite replaces the archive's expected sections with got, keeping the
// comment and the input sections (models, service, behaviour tests).
func (c *goldenCase) rewrite(t *testing.T, got map[string][]byte) {
	t.Helper()
	a := &txtar.Archive{Comment: c.archive.Comment, Files: slices.Clone(c.inputs)}
	for _, n := range slices.Sorted(maps.Keys(got)) {
		if isModel(n) || isBehaviour(n) || n == serviceName || n == serverName || n == keepName {
			t.Fatalf("%s: generated file %s would be read back as an input section", c.name, n)
		}
		a.Files = append(a.Files, txtar.File{Name: n, Data: got[n]})
	}
	data := txtar.Format(a)
	// A line of generated text that looks like a section marker would split
	// the file when the archive is read back.
	back := txtar.Parse(data)
	if len(back.Files) != len(a.Files) {
		t.Fatalf("%s: the output contains a line that txtar reads as a section marker", c.name)
	}
	old, err := os.ReadFile(c.file)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(old, data) {
		return
	}
	if err := os.WriteFile(c.file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("updated %s", c.file)
}

var generatedHeader = regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`)

// checkWellFormed checks what every generated Go file must be: gofmt'd and
// marked as generated before its package clause.
func checkWellFormed(t *testing.T, files map[string][]byte) {
	t.Helper()
	for _, n := range slices.Sorted(maps.Keys(files)) {
		src := files[n]
		if path.Ext(n) == ".s" {
			checkAsmCopy(t, n, files)
			continue
		}
		if path.Ext(n) != ".go" {
			t.Errorf("%s: the generator wrote a file that is not Go source", n)
			continue
		}
		if formatted, err := format.Source(src); err != nil {
			t.Errorf("%s: not valid Go: %v", n, err)
		} else if !bytes.Equal(formatted, src) {
			t.Errorf("%s: not gofmt'd; diff (-got +gofmt):\n%s", n, lineDiff(string(src), string(formatted)))
		}
		pkg := bytes.Index(src, []byte("\npackage "))
		if loc := generatedHeader.FindIndex(src); loc == nil || pkg < 0 || loc[0] > pkg {
			t.Errorf("%s: no \"// Code generated ... DO NOT EDIT.\" line before the package clause", n)
		}
	}
}

// checkAsmCopy checks an assembly file the generator wrote: a copy of the
// runtime's, with the generated header, next to the Go file that declares
// its functions, under the same //go:build line.
func checkAsmCopy(t *testing.T, name string, files map[string][]byte) {
	t.Helper()
	src := files[name]
	if !bytes.HasPrefix(src, []byte(gogen.HeaderLine+"\n")) {
		t.Errorf("%s: does not start with the generated header", name)
	}
	goSrc, ok := files[strings.TrimSuffix(name, ".s")+".go"]
	if !ok {
		t.Errorf("%s: no Go file of the same name declares its functions", name)
		return
	}
	if build, goBuild := buildConstraint.Find(src), buildConstraint.Find(goSrc); build == nil || !bytes.Equal(build, goBuild) {
		t.Errorf("%s: //go:build line %q, its Go file's %q", name, build, goBuild)
	}
}

// buildConstraint finds a file's //go:build line.
var buildConstraint = regexp.MustCompile(`(?m)^//go:build .*$`)

// checkRegexCopy checks that the ECMAScript regexp package is copied exactly
// when an input can reach a pattern: every file of runtime/ecmaregex but
// its tests and its generation-time files.
func checkRegexCopy(t *testing.T, c *goldenCase, files map[string][]byte) {
	t.Helper()
	var copied []string
	for _, src := range files {
		if origin, ok := gogen.CopiedFrom(src); ok && strings.HasPrefix(origin, regexOrigin) {
			copied = append(copied, origin)
		}
	}
	slices.Sort(copied)
	want, err := inputReachesPattern(c)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case want && len(copied) == 0:
		t.Fatalf("%s: an input can reach a pattern but %s is not copied", c.name, regexOrigin)
	case !want && len(copied) > 0:
		t.Errorf("%s: no input reaches a pattern but %s is copied: %v", c.name, regexOrigin, copied)
	case !want:
		return
	}
	entries, err := fs.ReadDir(runtime.Source, "ecmaregex")
	if err != nil {
		t.Fatal(err)
	}
	var templ []string
	for _, e := range entries {
		n := e.Name()
		// Files named *_gentime.go are the generator's own (the pattern
		// parser): clients get only the matcher.
		if e.IsDir() || path.Ext(n) != ".go" || isBehaviour(n) || strings.HasSuffix(n, "_gentime.go") {
			continue
		}
		templ = append(templ, regexOrigin+n)
	}
	slices.Sort(templ)
	if !slices.Equal(templ, copied) {
		t.Errorf("%s: copies %v, want %v", c.name, copied, templ)
	}
}

// inputReachesPattern reports whether a string with a pattern (on the member
// or its target) can be reached from an operation's input, which is when the
// generated Validate methods need the regexp package.
func inputReachesPattern(c *goldenCase) (bool, error) {
	m, err := shapes.Load(c.models...)
	if err != nil {
		return false, err
	}
	svc, err := m.Service(c.service)
	if err != nil {
		return false, err
	}
	seen := map[*shapes.Shape]bool{}
	var queue []*shapes.Shape
	for _, op := range svc.Operations {
		if op.Input != nil {
			queue = append(queue, op.Input)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if seen[s] {
			continue
		}
		seen[s] = true
		if s.Kind == shapes.KindEnum || s.Kind == shapes.KindIntEnum {
			continue
		}
		for _, mem := range s.Members {
			if mem.Target.Kind == shapes.KindString {
				if _, ok := mem.Traits.Pattern(); ok {
					return true, nil
				}
				if _, ok := mem.Target.Traits.Pattern(); ok {
					return true, nil
				}
			}
			queue = append(queue, mem.Target)
		}
	}
	return false, nil
}

// compileCases writes every successful case (with its hand-written tests)
// into one temporary module, one package directory per case, and runs go
// build, go vet and go test there once; failures are mapped back to the cases
// by their directories and import paths.
// writeFile writes data to dir/rel, creating directories as needed.
func writeFile(t *testing.T, dir, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// goCommand runs the go command in a temporary module of generated code:
// offline, outside any workspace, with the toolchain that runs the test.
func goCommand(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
	return cmd
}

// checkImportMode checks a case's -runtime import output against its copy
// output: no copy of the runtime, and the same files otherwise.
func checkImportMode(t *testing.T, name string, copied, imported map[string][]byte) {
	t.Helper()
	var want []string
	for n, src := range copied {
		if origin, ok := gogen.CopiedFrom(src); !ok || !strings.HasPrefix(origin, "runtime/") {
			want = append(want, n)
		}
	}
	for n, src := range imported {
		if origin, ok := gogen.CopiedFrom(src); ok && strings.HasPrefix(origin, "runtime/") {
			t.Errorf("%s: -runtime import copies %s (%s)", name, n, origin)
		}
	}
	slices.Sort(want)
	if got := slices.Sorted(maps.Keys(imported)); !slices.Equal(got, want) {
		t.Errorf("%s: -runtime import writes %v, want the copy mode's files less the runtime: %v", name, got, want)
	}
}

func compileCases(t *testing.T, cases []*goldenCase, outputs map[string]map[string][]byte) {
	dir := t.TempDir()
	write := func(rel string, data []byte) { writeFile(t, dir, rel, data) }
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	// The -runtime import packages import this module's runtime.
	write("go.mod", []byte("module "+modulePath+"\n\ngo 1.26\n\nrequire github.com/smithygo/smithygo v0.0.0\n\nreplace github.com/smithygo/smithygo => "+root+"\n"))
	names := map[string]bool{}
	hasTests := map[string]bool{}
	var order []string
	for _, c := range cases {
		for _, dir := range []string{c.name, c.name + importSuffix} {
			files, ok := outputs[dir]
			if !ok {
				continue
			}
			names[dir] = true
			hasTests[dir] = len(c.tests) > 0
			order = append(order, dir)
			for n, data := range files {
				write(dir+"/"+n, data)
			}
			for _, f := range c.tests {
				write(dir+"/"+f.Name, f.Data)
			}
		}
	}
	if len(order) == 0 {
		t.Fatal("no case generated anything to compile")
	}

	problems := map[string][]string{} // case → problem reports
	ran := map[string]bool{}          // cases whose behaviour tests ran
	var unattributed []string
	// -trimpath keeps the temporary directory's name out of the build cache
	// keys, so that packages that did not change are not rebuilt next time.
	steps := [][]string{
		{"build", "-trimpath", "./..."},
		{"vet", "-trimpath", "./..."},
		{"test", "-trimpath", "-vet=off", "-json", "./..."},
	}
	for _, args := range steps {
		cmd := goCommand(dir, args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		start := time.Now()
		runErr := cmd.Run()
		t.Logf("go %s: %v", args[0], time.Since(start).Round(time.Millisecond))
		var exit *exec.ExitError
		if runErr != nil && !errors.As(runErr, &exit) {
			t.Fatalf("go %s: %v", args[0], runErr)
		}
		step := "go " + strings.Join(args, " ")
		var byCase map[string][]string
		var other []string
		if args[0] == "test" {
			byCase, ran, other = attributeTestJSON(stdout.String(), names)
			_, more := attributeLines(stderr.String(), names)
			other = append(other, more...)
		} else {
			byCase, other = attributeLines(stdout.String()+stderr.String(), names)
		}
		for n, lines := range byCase {
			problems[n] = append(problems[n], step+":\n"+strings.Join(lines, "\n"))
		}
		if runErr != nil && len(byCase) == 0 {
			other = append(other, "(exit status "+runErr.Error()+")")
		}
		if len(other) > 0 && (runErr != nil || len(byCase) > 0) {
			unattributed = append(unattributed, step+":\n"+strings.Join(other, "\n"))
		}
	}
	for _, n := range order {
		t.Run(n, func(t *testing.T) {
			for _, p := range problems[n] {
				t.Errorf("%s: %s", n, p)
			}
			if len(problems[n]) == 0 && hasTests[n] && !ran[n] {
				t.Errorf("%s: go test ran none of the case's behaviour tests", n)
			}
		})
	}
	if len(unattributed) > 0 {
		t.Errorf("output not attributed to a case:\n%s", strings.Join(unattributed, "\n"))
	}
}

var (
	// importPathRE finds a case in an import path of the temporary module.
	importPathRE = regexp.MustCompile(`\b` + regexp.QuoteMeta(modulePath) + `/([a-z][a-z0-9_]*)`)
	// filePathRE finds a case in a file position such as
	// "./scalars/types/types_gen.go:12:2:".
	filePathRE = regexp.MustCompile(`^(?:vet: )?(?:\./)?([a-z][a-z0-9_]*)/[^\s:]*\.go:\d+`)
)

// caseOf returns the case whose import path (or external test package,
// <case>_test) s mentions first, or "".
func caseOf(s string, names map[string]bool) string {
	for _, m := range importPathRE.FindAllStringSubmatch(s, -1) {
		if names[m[1]] {
			return m[1]
		}
		if n, ok := strings.CutSuffix(m[1], "_test"); ok && names[n] {
			return n
		}
	}
	return ""
}

// attributeLines assigns go build and go vet output to cases: a line naming a
// case's file or import path starts that case's lines, and the lines after it
// (such as indented continuations) stay with it.
func attributeLines(out string, names map[string]bool) (map[string][]string, []string) {
	byCase := map[string][]string{}
	var other []string
	cur := ""
	for line := range strings.SplitSeq(strings.TrimRight(out, "\n"), "\n") {
		if line == "" {
			continue
		}
		if m := filePathRE.FindStringSubmatch(line); m != nil && names[m[1]] {
			cur = m[1]
		} else if n := caseOf(line, names); n != "" {
			cur = n
		}
		if cur == "" {
			other = append(other, line)
		} else {
			byCase[cur] = append(byCase[cur], line)
		}
	}
	return byCase, other
}

// testEvent is the part of a go test -json event that matters here.
type testEvent struct {
	Action     string
	Package    string
	ImportPath string // build events
	Test       string
	Output     string
}

// attributeTestJSON returns the output of the cases whose tests (or test
// builds) failed, without the noise of passing tests, and the cases whose
// tests ran.
func attributeTestJSON(out string, names map[string]bool) (byCase map[string][]string, ran map[string]bool, other []string) {
	lines := map[string][]string{}
	failed := map[string]bool{}
	ran = map[string]bool{}
	for line := range strings.SplitSeq(strings.TrimRight(out, "\n"), "\n") {
		if line == "" {
			continue
		}
		var ev testEvent
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			other = append(other, line)
			continue
		}
		pkg := ev.Package
		if pkg == "" {
			pkg = ev.ImportPath
		}
		n := caseOf(pkg, names)
		if n == "" {
			if ev.Output != "" {
				other = append(other, strings.TrimRight(ev.Output, "\n"))
			}
			continue
		}
		switch {
		case ev.Action == "fail" || ev.Action == "build-fail":
			failed[n] = true
		case ev.Action == "run" && ev.Test != "":
			ran[n] = true
		}
		text := strings.TrimRight(ev.Output, "\n")
		if text == "" || strings.HasPrefix(text, "=== ") || strings.HasPrefix(text, "--- PASS") ||
			strings.HasPrefix(strings.TrimSpace(text), "--- PASS") || text == "PASS" || strings.HasPrefix(text, "ok  ") ||
			strings.HasPrefix(text, "?   ") {
			continue
		}
		lines[n] = append(lines[n], text)
	}
	byCase = map[string][]string{}
	for n := range failed {
		byCase[n] = lines[n]
	}
	return byCase, ran, other
}

// TestGenerateDeterministic generates every successful case several times,
// each from a freshly loaded model, and requires byte-identical output.
func TestGenerateDeterministic(t *testing.T) {
	for _, c := range loadCases(t) {
		first, err := c.generate()
		if err != nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			for range 4 {
				again, err := c.generate()
				if err != nil {
					t.Fatalf("the second generation failed: %v", err)
				}
				for _, n := range slices.Sorted(maps.Keys(first)) {
					if _, ok := again[n]; !ok {
						t.Errorf("%s: %s was generated once but not again", c.name, n)
					} else if !bytes.Equal(first[n], again[n]) {
						t.Errorf("%s: %s differs between two generations; diff (-first +again):\n%s", c.name, n, lineDiff(string(first[n]), string(again[n])))
					}
				}
				for n := range again {
					if _, ok := first[n]; !ok {
						t.Errorf("%s: %s was generated the second time only", c.name, n)
					}
				}
				if t.Failed() {
					return
				}
			}
		})
	}
}

// lineDiff returns a unified-style line diff of want and got (lines only in
// want start with "-", lines only in got with "+"), with three lines of
// context and line numbers, or "" when they are equal.
func lineDiff(want, got string) string {
	if want == got {
		return ""
	}
	a, b := splitLines(want), splitLines(got)
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var edits []edit
	for _, l := range a[:pre] {
		edits = append(edits, edit{' ', l})
	}
	edits = append(edits, editScript(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		edits = append(edits, edit{' ', l})
	}
	d := hunks(edits)
	if d == "" {
		// Only the final newline differs.
		return fmt.Sprintf("(the texts differ only in their final newline: want %q, got %q at the end)\n", tail(want), tail(got))
	}
	return d
}

func tail(s string) string {
	if len(s) > 10 {
		return s[len(s)-10:]
	}
	return s
}

type edit struct {
	op   byte // ' ', '-' or '+'
	line string
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// editScript is a minimal line edit script from a to b, by longest common
// subsequence; inputs too large for the quadratic table are shown as a
// wholesale replacement.
func editScript(a, b []string) []edit {
	var out []edit
	if len(a)*len(b) > 1<<22 {
		for _, l := range a {
			out = append(out, edit{'-', l})
		}
		for _, l := range b {
			out = append(out, edit{'+', l})
		}
		return out
	}
	// lcs[i][j] is the length of the LCS of a[i:] and b[j:].
	w := len(b) + 1
	lcs := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			out = append(out, edit{' ', a[i]})
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			out = append(out, edit{'-', a[i]})
			i++
		default:
			out = append(out, edit{'+', b[j]})
			j++
		}
	}
	for ; i < len(a); i++ {
		out = append(out, edit{'-', a[i]})
	}
	for ; j < len(b); j++ {
		out = append(out, edit{'+', b[j]})
	}
	return out
}

// hunks prints the changes of an edit script with their context.
func hunks(edits []edit) string {
	const context, maxLines = 3, 300
	type pos struct{ a, b int }
	at := make([]pos, len(edits)+1)
	la, lb := 1, 1
	for k, e := range edits {
		at[k] = pos{la, lb}
		if e.op != '+' {
			la++
		}
		if e.op != '-' {
			lb++
		}
	}
	at[len(edits)] = pos{la, lb}
	var out strings.Builder
	printed := 0
	for i := 0; i < len(edits); {
		if edits[i].op == ' ' {
			i++
			continue
		}
		start := max(0, i-context)
		end := i
		for {
			for end < len(edits) && edits[end].op != ' ' {
				end++
			}
			next := end
			for next < len(edits) && edits[next].op == ' ' && next-end < 2*context {
				next++
			}
			if next < len(edits) && edits[next].op != ' ' {
				end = next
				continue
			}
			break
		}
		stop := min(len(edits), end+context)
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", at[start].a, at[stop].a-at[start].a, at[start].b, at[stop].b-at[start].b)
		for _, e := range edits[start:stop] {
			if printed == maxLines {
				fmt.Fprintf(&out, "... (diff truncated after %d lines)\n", maxLines)
				return out.String()
			}
			out.WriteByte(e.op)
			out.WriteString(e.line)
			out.WriteByte('\n')
			printed++
		}
		i = stop
	}
	return out.String()
}

func TestLineDiff(t *testing.T) {
	for _, tc := range []struct{ want, got, diff string }{
		{"a\nb\n", "a\nb\n", ""},
		{"a\nb\nc\n", "a\nx\nc\n", "@@ -1,3 +1,3 @@\n a\n-b\n+x\n c\n"},
		{"", "a\n", "@@ -1,0 +1,1 @@\n+a\n"},
		{"a\n", "", "@@ -1,1 +1,0 @@\n-a\n"},
		{"1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\n5\n6\n7\n8\nX\n", "@@ -6,4 +6,4 @@\n 6\n 7\n 8\n-9\n+X\n"},
		{"a\nb\nc\nd\n", "a\nc\nd\ne\n", "@@ -1,4 +1,4 @@\n a\n-b\n c\n d\n+e\n"},
	} {
		if d := lineDiff(tc.want, tc.got); d != tc.diff {
			t.Errorf("lineDiff(%q, %q) =\n%s\nwant\n%s", tc.want, tc.got, d, tc.diff)
		}
	}
	// Two changes far apart make two hunks.
	var a, b []string
	for i := range 20 {
		a = append(a, fmt.Sprint(i))
		b = append(b, fmt.Sprint(i))
	}
	b[2], b[17] = "x", "y"
	d := lineDiff(strings.Join(a, "\n")+"\n", strings.Join(b, "\n")+"\n")
	if strings.Count(d, "@@ -") != 2 || !strings.Contains(d, "-2\n+x\n") || !strings.Contains(d, "-17\n+y\n") {
		t.Errorf("two distant changes:\n%s", d)
	}
}

func TestAttribute(t *testing.T) {
	names := map[string]bool{"collections": true, "scalars": true, "enums": true, "unions": true}
	byCase, other := attributeLines(`go: warming up
# example.com/x/collections
collections/validate_gen.go:140:8: invalid operation
# example.com/x/scalars_test
# [example.com/x/scalars_test]
vet: scalars/behaviour_test.go:25:35: unknown field
	continued
./enums/types/enums_gen.go:3:1: syntax error
`, names)
	want := map[string][]string{
		"collections": {"# example.com/x/collections", "collections/validate_gen.go:140:8: invalid operation"},
		"scalars": {"# example.com/x/scalars_test", "# [example.com/x/scalars_test]",
			"vet: scalars/behaviour_test.go:25:35: unknown field", "\tcontinued"},
		"enums": {"./enums/types/enums_gen.go:3:1: syntax error"},
	}
	if fmt.Sprint(byCase) != fmt.Sprint(want) || fmt.Sprint(other) != "[go: warming up]" {
		t.Errorf("attributeLines = %q, %q", byCase, other)
	}

	byCase, ran, other := attributeTestJSON(`{"Action":"start","Package":"example.com/x/enums"}
{"Action":"run","Package":"example.com/x/enums","Test":"TestValues"}
{"Action":"output","Package":"example.com/x/enums","Test":"TestValues","Output":"=== RUN   TestValues\n"}
{"Action":"output","Package":"example.com/x/enums","Test":"TestValues","Output":"    behaviour_test.go:12: bad\n"}
{"Action":"fail","Package":"example.com/x/enums","Test":"TestValues"}
{"Action":"fail","Package":"example.com/x/enums"}
{"ImportPath":"example.com/x/scalars_test [example.com/x/scalars.test]","Action":"build-output","Output":"# example.com/x/scalars_test\n"}
{"ImportPath":"example.com/x/scalars_test [example.com/x/scalars.test]","Action":"build-fail"}
{"Action":"run","Package":"example.com/x/unions","Test":"TestWrappers"}
{"Action":"output","Package":"example.com/x/unions","Output":"ok  \texample.com/x/unions\t0.01s\n"}
{"Action":"pass","Package":"example.com/x/unions"}
{"Action":"output","Package":"example.com/y","Output":"elsewhere\n"}
not json
`, names)
	want = map[string][]string{
		"enums":   {"    behaviour_test.go:12: bad"},
		"scalars": {"# example.com/x/scalars_test"},
	}
	if fmt.Sprint(byCase) != fmt.Sprint(want) || fmt.Sprint(ran) != "map[enums:true unions:true]" || fmt.Sprint(other) != "[elsewhere not json]" {
		t.Errorf("attributeTestJSON = %q, %v, %q", byCase, ran, other)
	}
}

// TestCopiedSourceIsFormatted checks that the files copied from runtime/ and templates/
// (which Generate does not format) come out exactly as gofmt writes them,
// for a real service.
func TestCopiedSourceIsFormatted(t *testing.T) {
	m, err := shapes.LoadFiles("../../model/outposts.json")
	if err != nil {
		t.Fatal(err)
	}
	svc, err := m.Service("")
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []gogen.RuntimeMode{gogen.RuntimeCopy, gogen.RuntimeImport} {
		files, err := gogen.Generate(svc, gogen.Config{ImportPath: "github.com/example/a/much/longer/import/path/outposts", Tests: true, ProtocolTests: true, Server: true, Runtime: mode})
		if err != nil {
			t.Fatal(err)
		}
		for name, src := range files {
			if path.Ext(name) == ".s" {
				continue // assembly, which go vet checks (checkAsmCopy)
			}
			formatted, err := format.Source(src)
			if err != nil {
				t.Errorf("-runtime %s: %s does not parse: %v", mode, name, err)
				continue
			}
			if !bytes.Equal(formatted, src) {
				t.Errorf("-runtime %s: %s is not gofmt'd", mode, name)
			}
		}
	}
}
