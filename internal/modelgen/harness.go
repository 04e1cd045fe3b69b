package modelgen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/smithygo/smithygo/internal/gen"
	"github.com/smithygo/smithygo/internal/gogen"
	"github.com/smithygo/smithygo/internal/shapes"
)

// ModulePath is the module the generated packages go into.
const ModulePath = "example.com/fuzz"

// Failure is a model on which the Go generator failed.
type Failure struct {
	Seed  uint64
	Stage string   // "generate", "vet" or "test"
	Lines []string // the first lines of what went wrong
	Model string   // the model's IDL file
}

func (f Failure) String() string {
	return fmt.Sprintf("seed %d: %s failed (model %s):\n\t%s", f.Seed, f.Stage, f.Model, strings.Join(f.Lines, "\n\t"))
}

// maxLines is how many lines of errors a Failure keeps.
const maxLines = 16

// RunBatch generates the model of each seed, runs the Go generator on it
// into package s<seed> of one module in dir (which must be empty or not
// exist), writes the round-trip tests, and then runs "go vet ./..." and
// "go test ./..." once for the whole module: one go command for many
// packages is much faster than one per package. It returns the failures,
// at most one per seed (its first failing stage); an error means the
// harness itself could not run.
func RunBatch(dir string, seeds []uint64, o Options) ([]Failure, error) {
	return RunBatchWith(dir, seeds, func(uint64) Options { return o })
}

// RunBatchWith is RunBatch with each seed's options from opts, so that one
// batch can hold models of several protocols.
func RunBatchWith(dir string, seeds []uint64, opts func(seed uint64) Options) ([]Failure, error) {
	if err := os.MkdirAll(filepath.Join(dir, "models"), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module "+ModulePath+"\n\ngo 1.26\n"), 0o644); err != nil {
		return nil, err
	}
	failed := map[uint64]*Failure{}
	models := map[uint64]string{}
	for _, seed := range seeds {
		path := filepath.Join(dir, "models", fmt.Sprintf("s%d.smithy", seed))
		models[seed] = path
		m := Generate(seed, opts(seed))
		if err := os.WriteFile(path, m.IDL, 0o644); err != nil {
			return nil, err
		}
		if err := generate(dir, m, path); err != nil {
			failed[seed] = &Failure{Seed: seed, Stage: "generate", Lines: firstLines(err.Error()), Model: path}
			os.RemoveAll(filepath.Join(dir, pkgDir(seed)))
		}
	}

	vet, err := goCmd(dir, "vet", "./...")
	if err != nil {
		return nil, err
	}
	for seed, lines := range attribute(vet) {
		if failed[seed] == nil {
			failed[seed] = &Failure{Seed: seed, Stage: "vet", Lines: lines, Model: models[seed]}
		}
	}
	test, err := goCmd(dir, "test", "-vet=off", "-json", "-timeout", "5m", "./...")
	if err != nil {
		return nil, err
	}
	for seed, lines := range testFailures(test) {
		if failed[seed] == nil {
			failed[seed] = &Failure{Seed: seed, Stage: "test", Lines: lines, Model: models[seed]}
		}
	}

	var out []Failure
	for _, seed := range seeds {
		if f := failed[seed]; f != nil {
			out = append(out, *f)
		}
	}
	return out, nil
}

func pkgDir(seed uint64) string { return fmt.Sprintf("s%d", seed) }

// generate runs the Go generator on one model and writes its round-trip
// tests. A panic in the generator is a failure like any other.
func generate(dir string, m *Model, path string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	out := filepath.Join(dir, pkgDir(m.Seed))
	importPath := ModulePath + "/" + pkgDir(m.Seed)
	server := withServer(m)
	if err := gen.Run(gen.Options{Models: []string{path}, Out: out, ImportPath: importPath, NoTests: true, Server: server}); err != nil {
		return err
	}
	model, err := shapes.LoadFiles(path)
	if err != nil {
		return err
	}
	svc, err := model.Service("")
	if err != nil {
		return err
	}
	plan, err := gogen.NewPlan(svc, gogen.Config{ImportPath: importPath})
	if err != nil {
		return err
	}
	files, err := RoundTripTests(m, svc, plan)
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// goCmd runs the go command in dir and returns its combined output. A
// non-zero exit is not an error (the output says what failed); failing to
// start is.
func goCmd(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if _, ok := err.(*exec.ExitError); ok {
		err = nil
	}
	return out, err
}

func firstLines(s string) []string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[:min(len(lines), maxLines)]
}

// seedRef finds the package a line of go output is about: a file path
// "s12/..." or an import path "example.com/fuzz/s12".
var seedRef = regexp.MustCompile(`(?:^|[\s/(])s(\d+)(?:/|\s|$)`)

// attribute splits go vet's output by model. Lines that name no package
// belong to the last one named (a "# example.com/fuzz/s12/types" header).
func attribute(out []byte) map[uint64][]string {
	byseed := map[uint64][]string{}
	var cur uint64
	have := false
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if m := seedRef.FindStringSubmatch(line); m != nil {
			cur, _ = strconv.ParseUint(m[1], 10, 64)
			have = true
		}
		if !have || strings.HasPrefix(line, "#") {
			continue
		}
		if len(byseed[cur]) < maxLines {
			byseed[cur] = append(byseed[cur], line)
		}
	}
	return byseed
}

// testEvent is a line of go test -json.
type testEvent struct {
	Action     string
	Package    string
	ImportPath string
	Test       string
	Output     string
}

// testFailures reads go test -json and returns, for each failed package,
// its interesting output: build errors, failing tests and their messages.
func testFailures(out []byte) map[uint64][]string {
	lines := map[string][]string{}
	var failedPkgs []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var ev testEvent
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue // a line that is not an event, such as a build error header
		}
		pkg := ev.Package
		if pkg == "" {
			pkg = ev.ImportPath
		}
		pkg = strings.TrimSuffix(strings.Fields(pkg + " ")[0], ".test")
		switch ev.Action {
		case "output", "build-output":
			text := strings.TrimRight(ev.Output, "\n")
			if skipLine(text) || len(lines[pkg]) >= maxLines {
				continue
			}
			lines[pkg] = append(lines[pkg], text)
		case "fail", "build-fail":
			if ev.Test == "" && !slices.Contains(failedPkgs, pkg) {
				failedPkgs = append(failedPkgs, pkg)
			}
		}
	}
	byseed := map[uint64][]string{}
	for _, pkg := range failedPkgs {
		m := regexp.MustCompile(`^` + regexp.QuoteMeta(ModulePath) + `/s(\d+)`).FindStringSubmatch(pkg)
		if m == nil {
			continue
		}
		seed, _ := strconv.ParseUint(m[1], 10, 64)
		byseed[seed] = append(byseed[seed], lines[pkg]...)
		if len(byseed[seed]) == 0 {
			byseed[seed] = []string{"FAIL " + pkg}
		}
	}
	return byseed
}

func skipLine(s string) bool {
	t := strings.TrimSpace(s)
	// In a panic's trace, only the generated code's frames tell anything.
	for _, p := range []string{"goroutine ", "testing.", "runtime.", "panic({", "created by ", "/src/testing/", "/src/runtime/"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	for _, p := range []string{"=== RUN", "=== PAUSE", "=== CONT", "--- PASS", "PASS", "ok ", "FAIL\t", "FAIL"} {
		if strings.HasPrefix(t, p) && (p != "FAIL" || t == "FAIL") {
			return true
		}
	}
	return t == ""
}
