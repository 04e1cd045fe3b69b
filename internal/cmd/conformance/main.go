// Command conformance runs the generated protocol tests (the packages under
// internal/protocoltest) and prints how many cases passed, were skipped and
// failed, per file of the official suites in ../shared (restJson1,
// awsJson1_0, awsJson1_1, rpcv2Json and rpcv2Cbor), each file named by its
// suite folder, and per side: the client's cases, and the server's
// (request, response and, for restJson1, malformed-request cases, each
// parameter set of a malformed-request case counted once); then each suite
// folder's subtotals per side (SUITE lines) and the totals.
//
//	go run ./internal/cmd/conformance [-suites DIR,DIR...] [-pkg PATTERN]
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/tabwriter"
)

func main() {
	const root = "../shared/testdata/protocol-tests/smithy-aws-protocol-tests/model/"
	const rpcv2 = "../shared/testdata/protocol-tests/smithy-protocol-tests/model/"
	suites := flag.String("suites", root+"restJson1,"+root+"awsJson1_0,"+root+"awsJson1_1,"+root+"rpcv2Cbor,"+rpcv2+"rpcv2Json,"+rpcv2+"rpcv2Cbor",
		"comma-separated directories of the suites' .smithy files")
	pkg := flag.String("pkg", "./internal/protocoltest/...", "the generated packages holding the protocol tests")
	flag.Parse()
	os.Exit(run(strings.Split(*suites, ","), *pkg, os.Stdout))
}

// counts are one file's results.
type counts struct{ pass, skip, fail int }

// paramSet is the suffix of a malformed-request case's parameter set.
var paramSet = regexp.MustCompile(`_[0-9]+$`)

// caseID finds test case ids in the suite's files.
var caseID = regexp.MustCompile(`(?m)^\s*id:\s*"([A-Za-z0-9_]+)"`)

func run(suites []string, pkg string, out io.Writer) int {
	files := map[string]string{}
	for _, suite := range suites {
		if err := caseFiles(suite, files); err != nil {
			fmt.Fprintf(out, "conformance: reading the suite: %v (is ../shared present?)\n", err)
			return 1
		}
	}
	cmd := exec.Command("go", "test", "-json", "-count=1", "-run", "^Test(Protocol|Server)", pkg)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()

	results := map[string]*counts{}
	var skips []string
	dec := json.NewDecoder(&stdout)
	output := map[string]*strings.Builder{}
	for {
		var ev struct{ Action, Test, Output string }
		if err := dec.Decode(&ev); err == io.EOF {
			break
		} else if err != nil {
			fmt.Fprintln(out, "conformance: reading go test -json:", err)
			return 1
		}
		top, id, ok := strings.Cut(ev.Test, "/")
		if !ok {
			continue
		}
		side := "client"
		if strings.HasPrefix(top, "TestServer") {
			side = "server"
		}
		if ev.Action == "output" {
			if output[ev.Test] == nil {
				output[ev.Test] = &strings.Builder{}
			}
			output[ev.Test].WriteString(ev.Output)
			continue
		}
		file := files[id]
		if file == "" {
			// A malformed-request case runs once per parameter set, as ID_N.
			file = files[paramSet.ReplaceAllString(id, "")]
		}
		if file == "" {
			file = "(not in the suite)"
		}
		file += "\t" + side
		c := results[file]
		if c == nil {
			c = &counts{}
			results[file] = c
		}
		switch ev.Action {
		case "pass":
			c.pass++
		case "skip":
			c.skip++
			skips = append(skips, id+": "+lastLine(output[ev.Test]))
		case "fail":
			c.fail++
			fmt.Fprintf(out, "FAIL %s (%s)\n%s\n", id, file, output[ev.Test])
		}
	}
	if len(results) == 0 {
		fmt.Fprintf(out, "conformance: no protocol tests ran: %v\n%s", runErr, stderr.String())
		return 1
	}

	names := make([]string, 0, len(results))
	for f := range results {
		names = append(names, f)
	}
	slices.Sort(names)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "file\tside\tpassed\tskipped\tfailed\t")
	var total counts
	sides := map[string]*counts{"client": {}, "server": {}}
	// Each suite folder's subtotal per side ("restJson1\tserver").
	suiteTotals := map[string]*counts{}
	for _, f := range names {
		c := results[f]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t\n", f, c.pass, c.skip, c.fail)
		file, side, _ := strings.Cut(f, "\t")
		suite, _, _ := strings.Cut(file, "/")
		key := suite + "\t" + side
		if suiteTotals[key] == nil {
			suiteTotals[key] = &counts{}
		}
		for _, t := range []*counts{&total, sides[side], suiteTotals[key]} {
			t.pass += c.pass
			t.skip += c.skip
			t.fail += c.fail
		}
	}
	for _, key := range slices.Sorted(maps.Keys(suiteTotals)) {
		c := suiteTotals[key]
		fmt.Fprintf(tw, "SUITE %s\t%d\t%d\t%d\t\n", key, c.pass, c.skip, c.fail)
	}
	for _, side := range []string{"client", "server"} {
		c := sides[side]
		fmt.Fprintf(tw, "TOTAL\t%s\t%d\t%d\t%d\t\n", side, c.pass, c.skip, c.fail)
	}
	fmt.Fprintf(tw, "TOTAL\tboth\t%d\t%d\t%d\t\n", total.pass, total.skip, total.fail)
	tw.Flush()
	slices.Sort(skips)
	for _, s := range skips {
		fmt.Fprintln(out, "SKIP", s)
	}
	if total.fail > 0 || runErr != nil && total.pass == 0 {
		return 1
	}
	return 0
}

// caseFiles maps each case id to the suite file that defines it, as
// folder/file.smithy (relative to dir's parent), adding them to ids.
func caseFiles(dir string, ids map[string]string) error {
	base := filepath.Dir(filepath.Clean(dir))
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".smithy" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(base, path)
		rel = filepath.ToSlash(rel)
		for _, m := range caseID.FindAllSubmatch(data, -1) {
			if _, seen := ids[string(m[1])]; !seen {
				ids[string(m[1])] = rel
			}
		}
		return nil
	})
}

// lastLine returns the last non-empty line of a test's output: the skip
// reason.
func lastLine(b *strings.Builder) string {
	if b == nil {
		return ""
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" && !strings.HasPrefix(l, "---") {
			return l
		}
	}
	return ""
}
