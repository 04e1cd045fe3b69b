package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const outposts = "../../model/outposts.json"

func runGen(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeModel(t *testing.T, json string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "model.json")
	if err := os.WriteFile(p, []byte(json), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"-out", "x"},
		{"-model", outposts},
		{"-model", outposts, "-out", "x", "extra"},
		{"-nosuchflag"},
	} {
		if code, _, stderr := runGen(args...); code != 2 || !strings.Contains(stderr, "usage") {
			t.Errorf("gen %q: exit %d, stderr %q; want 2 and usage", args, code, stderr)
		}
	}
}

func TestCheckPrintsSummary(t *testing.T) {
	code, stdout, stderr := runGen("-check", "-model", outposts)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "ok: 265 shapes, 33 operations, 1 services\n" {
		t.Errorf("summary %q", stdout)
	}
}

func TestModelErrorsExit1(t *testing.T) {
	bad := writeModel(t, `{"smithy":"2.0","shapes":{"a#S":{"type":"structure","members":{"x":{"target":"a#Missing"}}}}}`)
	code, _, stderr := runGen("-check", "-model", bad)
	if code != 1 || !strings.Contains(stderr, bad) || !strings.Contains(stderr, "a#S$x") {
		t.Errorf("exit %d, stderr %q: want 1 and a message naming the file and member", code, stderr)
	}
	code, _, stderr = runGen("-check", "-model", "does-not-exist.json")
	if code != 1 || !strings.Contains(stderr, "does-not-exist.json") {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr)
	}
}

func TestUnsupportedProtocolIsRefused(t *testing.T) {
	m := writeModel(t, `{"smithy":"2.0","shapes":{
	  "a#Svc":{"type":"service","version":"1","operations":[{"target":"a#Op"}],"traits":{"aws.protocols#awsJson1_0":{}}},
	  "a#Op":{"type":"operation"}}}`)
	out := filepath.Join(t.TempDir(), "svc")
	code, _, stderr := runGen("-model", m, "-out", out, "-import-path", "example.com/svc")
	if code != 1 || !strings.Contains(stderr, "aws.protocols#awsJson1_0") {
		t.Errorf("exit %d, stderr %q: want 1 naming the protocol", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused model must write nothing: %v", err)
	}
}

// A failed generation must leave the previous output exactly as it was.
func TestFailedGenerationKeepsPreviousOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "outposts")
	if code, _, stderr := runGen("-model", outposts, "-out", out, "-import-path", "example.com/outposts"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	before := snapshot(t, out)
	bad := writeModel(t, `{"smithy":"2.0","shapes":{"a#Svc":{"type":"service","traits":{"aws.protocols#restJson1":{}},
	  "operations":[{"target":"a#Op"}]},"a#Op":{"type":"operation","input":{"target":"a#In"}},
	  "a#In":{"type":"structure","members":{"x":{"target":"a#P"}}},
	  "a#P":{"type":"string","traits":{"smithy.api#pattern":"(unclosed"}}}}`)
	code, _, stderr := runGen("-model", bad, "-out", out, "-import-path", "example.com/outposts")
	if code != 1 || !strings.Contains(stderr, "a#In$x") {
		t.Fatalf("exit %d, stderr %q: want 1 naming the member with the bad pattern", code, stderr)
	}
	if after := snapshot(t, out); !equalMaps(before, after) {
		t.Error("the failed run changed the output directory")
	}
}

func TestGenerationIsDeterministic(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "outposts"), filepath.Join(t.TempDir(), "outposts")
	for _, dir := range []string{a, b} {
		if code, _, stderr := runGen("-model", outposts, "-out", dir, "-import-path", "example.com/outposts"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	sa, sb := snapshot(t, a), snapshot(t, b)
	if len(sa) == 0 || !equalMaps(sa, sb) {
		t.Error("two runs on the same model gave different output")
	}
	if _, ok := sa["types/enums_gen.go"]; !ok {
		t.Errorf("missing types/enums_gen.go; got %d files", len(sa))
	}
	if !strings.Contains(sa["api_gen.go"], "package outposts\n") {
		t.Error("the package name should come from aws.api#service sdkId")
	}
}

func TestCommittedOutputIsCurrent(t *testing.T) {
	// The same check CI makes with git diff, here so that "go test" alone
	// catches a stale generated/ directory.
	out := filepath.Join(t.TempDir(), "outposts")
	if code, _, stderr := runGen("-model", outposts, "-out", out, "-import-path", "github.com/smithygo/smithygo/generated/outposts"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	fresh := snapshot(t, out)
	committed := snapshot(t, "../../generated/outposts")
	for name, want := range fresh {
		if committed[name] != want {
			t.Errorf("generated/outposts/%s is stale: run make generate", name)
		}
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	return files
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
