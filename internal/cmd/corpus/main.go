// Command corpus generates a Go package for every model under
// ../shared/models/aws (restJson1) and ../shared/models/aws-awsjson
// (awsJson1_0 and awsJson1_1) into one temporary module, vets them,
// compiles them and runs their endpoint test cases with go test, and prints
// one row per model. It exits non-zero if any model fails.
//
//	go run ./internal/cmd/corpus [-models DIR,DIR...] [-keep]
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/smithygo/smithygo/internal/gen"
	"github.com/smithygo/smithygo/internal/shapes"
)

const module = "corpus.test"

type row struct {
	model      string
	service    string
	protocol   string // the service's protocol trait, without its namespace
	shapes     int
	operations int
	lines      int
	genTime    time.Duration
	result     string
	pkg        string
	// endpoint test cases of the model, run as the generated package's tests
	epPass, epFail int
}

func main() {
	models := flag.String("models", "../shared/models/aws,../shared/models/aws-awsjson", "comma-separated directories of <service>/service/<version>/*.json models")
	keep := flag.Bool("keep", false, "keep the temporary module and print its path")
	flag.Parse()
	os.Exit(run(strings.Split(*models, ","), *keep, os.Stdout))
}

func run(modelsDirs []string, keep bool, out io.Writer) int {
	var files []string
	for _, dir := range modelsDirs {
		found, _ := filepath.Glob(filepath.Join(dir, "*", "service", "*", "*.json"))
		if len(found) == 0 {
			fmt.Fprintf(out, "corpus: no models under %s (is ../shared present?)\n", dir)
			return 1
		}
		files = append(files, found...)
	}
	// Rows in model order, whichever directory a model came from.
	slices.SortFunc(files, func(a, b string) int { return strings.Compare(filepath.Base(a), filepath.Base(b)) })
	tmp, err := os.MkdirTemp("", "smithygo-corpus-")
	if err != nil {
		fmt.Fprintln(out, "corpus:", err)
		return 1
	}
	if keep {
		fmt.Fprintln(out, "module in", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	if err := os.WriteFile(filepath.Join(tmp, "go.mod"), []byte("module "+module+"\n\ngo 1.26\n"), 0o644); err != nil {
		fmt.Fprintln(out, "corpus:", err)
		return 1
	}

	var rows []*row
	for _, f := range files {
		r := &row{model: filepath.Base(filepath.Dir(filepath.Dir(filepath.Dir(f))))}
		rows = append(rows, r)
		m, err := shapes.LoadFiles(f)
		if err != nil {
			r.result = "load: " + err.Error()
			continue
		}
		svc, err := m.Service("")
		if err != nil {
			r.result = "service: " + err.Error()
			continue
		}
		r.service = svc.Shape.ID.Name
		for _, id := range svc.Shape.Traits.IDs() {
			if name, ok := strings.CutPrefix(id, "aws.protocols#"); ok && (strings.HasPrefix(name, "restJson") || strings.HasPrefix(name, "awsJson")) {
				r.protocol = name
			}
		}
		r.shapes = len(svc.Shapes)
		r.operations = len(svc.Operations)
		r.pkg = strings.ReplaceAll(r.model, "-", "")
		dir := filepath.Join(tmp, r.pkg)
		start := time.Now()
		err = gen.Run(gen.Options{Models: []string{f}, Out: dir, ImportPath: module + "/" + r.pkg})
		r.genTime = time.Since(start)
		if err != nil {
			r.result = "generate: " + err.Error()
			continue
		}
		r.lines = countLines(dir)
	}

	// One vet of the whole module (which type-checks every package) and one
	// go test (which compiles them) use both cores and the build cache far
	// better than 61 separate runs; failures are mapped back to packages by
	// their import paths.
	for _, step := range [][]string{{"vet", "./..."}} {
		cmd := exec.Command("go", step...)
		cmd.Dir = tmp
		var buf bytes.Buffer
		cmd.Stdout, cmd.Stderr = &buf, &buf
		if err := cmd.Run(); err != nil {
			text := buf.String()
			blamed := false
			for _, r := range rows {
				if r.result == "" && r.pkg != "" && (strings.Contains(text, module+"/"+r.pkg) || strings.Contains(text, "./"+r.pkg+"/")) {
					r.result = "go " + step[0] + " failed"
					blamed = true
				}
			}
			fmt.Fprintf(out, "go %s:\n%s\n", strings.Join(step, " "), text)
			if !blamed {
				fmt.Fprintln(out, "corpus: go", step[0], "failed:", err)
				return 1
			}
		}
	}

	if err := runEndpointTests(tmp, rows, out); err != nil {
		fmt.Fprintln(out, "corpus: endpoint tests:", err)
		return 1
	}

	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "model\tservice\tprotocol\tshapes\toperations\tlines\tgen time\tendpoint tests\tresult\t")
	var total row
	failed := 0
	for _, r := range rows {
		if r.result == "" {
			r.result = "ok"
		} else {
			failed++
		}
		total.shapes += r.shapes
		total.operations += r.operations
		total.lines += r.lines
		total.genTime += r.genTime
		total.epPass += r.epPass
		total.epFail += r.epFail
		if r.epFail > 0 && r.result == "ok" {
			r.result = fmt.Sprintf("%d endpoint tests failed", r.epFail)
			failed++
		}
		res := r.result
		if len(res) > 120 {
			res = res[:120] + "..."
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\t%d/%d\t%s\t\n", r.model, r.service, r.protocol, r.shapes, r.operations, r.lines, r.genTime.Round(time.Millisecond), r.epPass, r.epPass+r.epFail, res)
	}
	fmt.Fprintf(tw, "TOTAL %d models\t%d ok\t\t%d\t%d\t%d\t%s\t%d/%d\t%d failed\t\n", len(rows), len(rows)-failed, total.shapes, total.operations, total.lines, total.genTime.Round(time.Millisecond), total.epPass, total.epPass+total.epFail, failed)
	fmt.Fprintf(tw, "endpoint test cases: %d passed, %d failed\t\t\t\t\t\t\t\t\t\n", total.epPass, total.epFail)
	tw.Flush()
	if failed > 0 {
		for _, r := range rows {
			if r.result != "ok" {
				fmt.Fprintf(out, "FAIL %s: %s\n", r.model, r.result)
			}
		}
		return 1
	}
	return 0
}

// runEndpointTests runs the generated endpoint tests of every package in one
// go test and counts each model's passing and failing cases.
func runEndpointTests(dir string, rows []*row, out io.Writer) error {
	cmd := exec.Command("go", "test", "-json", "-count=1", "-run", "^TestEndpointRules$", "./...")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	byPkg := map[string]*row{}
	for _, r := range rows {
		byPkg[module+"/"+r.pkg] = r
	}
	dec := json.NewDecoder(&stdout)
	output := map[string]*strings.Builder{}
	for {
		var ev struct{ Action, Package, Test, Output string }
		if err := dec.Decode(&ev); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("reading go test -json: %w", err)
		}
		r := byPkg[ev.Package]
		if r == nil {
			continue
		}
		if ev.Action == "output" {
			if output[ev.Package] == nil {
				output[ev.Package] = &strings.Builder{}
			}
			output[ev.Package].WriteString(ev.Output)
		}
		if ev.Test == "" && ev.Action == "fail" && r.result == "" {
			r.result = "go test failed"
			fmt.Fprintf(out, "go test %s:\n%s\n", ev.Package, output[ev.Package])
		}
		if !strings.HasPrefix(ev.Test, "TestEndpointRules/") {
			continue
		}
		switch ev.Action {
		case "pass":
			r.epPass++
		case "fail":
			r.epFail++
			fmt.Fprintf(out, "FAIL %s %s\n", r.model, ev.Test)
		}
	}
	if runErr != nil && stderr.Len() > 0 {
		fmt.Fprintf(out, "go test:\n%s\n", stderr.String())
	}
	return nil
}

func countLines(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
			if b, err := os.ReadFile(path); err == nil {
				n += bytes.Count(b, []byte("\n"))
			}
		}
		return nil
	})
	return n
}
