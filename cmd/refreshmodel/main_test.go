package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// The real inputs, relative to this package's directory. The upstream model
// is read in place from the shared reference material and never copied.
const (
	realUpstream  = "../../../shared/models/aws/outposts/service/2019-12-03/outposts-2019-12-03.json"
	realAdditions = "../../model/outposts.additions.json"
	committed     = "../../model/outposts.json"
)

// TestOutpostsModel checks that the committed model is exactly what the
// refresh makes of the upstream snapshot and our additions, so anyone can
// reproduce it, and that none of AWS's prose survives.
func TestOutpostsModel(t *testing.T) {
	upstream, err := os.ReadFile(realUpstream)
	if os.IsNotExist(err) {
		t.Skipf("upstream Outposts model not found at %s (the shared reference material is not checked out beside this repository)", realUpstream)
	}
	if err != nil {
		t.Fatal(err)
	}
	additions, err := os.ReadFile(realAdditions)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(committed)
	if err != nil {
		t.Fatal(err)
	}
	var notes bytes.Buffer
	got, err := refresh(realUpstream, upstream, realAdditions, additions, &notes)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what the refresh makes; run: go run ./cmd/refreshmodel -upstream %s -additions model/outposts.additions.json -out model/outposts.json", committed, strings.TrimPrefix(realUpstream, "../../"))
	}
	if notes.Len() > 0 {
		t.Errorf("unexpected notes:\n%s", notes.String())
	}
	again, err := refresh(realUpstream, upstream, realAdditions, additions, &bytes.Buffer{})
	if err != nil || !bytes.Equal(again, got) {
		t.Errorf("a second run gave different bytes (err %v)", err)
	}

	// Every prose value of the upstream model, as its JSON text, so that
	// escapes match the way the output writes them.
	var prose []string
	var collect func(key string, v gjson.Result)
	collect = func(key string, v gjson.Result) {
		if (key == documentationTrait || key == "documentation") && v.Type == gjson.String {
			prose = append(prose, v.Raw)
		}
		if !v.IsObject() && !v.IsArray() {
			return // ForEach would hand a scalar back to us
		}
		v.ForEach(func(k, child gjson.Result) bool {
			collect(k.Str, child)
			return true
		})
	}
	collect("", gjson.ParseBytes(upstream))
	if len(prose) < 300 {
		t.Fatalf("found only %d upstream documentation strings; the walk is broken", len(prose))
	}
	for _, p := range prose {
		if bytes.Contains(got, []byte(p)) {
			t.Errorf("output contains upstream documentation %s", p)
		}
	}
	if bytes.Contains(got, []byte("<p>")) {
		t.Error("output contains HTML from the upstream documentation")
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	upstream := write("upstream.json", model(`"ex#S": {"type": "structure", "traits": {"smithy.api#documentation": "theirs"}}`))
	additions := write("additions.json", `{"documentation": {"ex#S": "Ours."}}`)
	broken := write("broken.json", `{"documentation": {"ex#Missing": "Ours."}}`)
	out := filepath.Join(dir, "out.json")

	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no flags", nil, 2, "-upstream, -additions and -out are all required"},
		{"missing -out", []string{"-upstream", upstream, "-additions", additions}, 2, "all required"},
		{"extra argument", []string{"-upstream", upstream, "-additions", additions, "-out", out, "x"}, 2, `unexpected arguments ["x"]`},
		{"empty value", []string{"-upstream", "-additions", additions, "-out", out}, 2, `-upstream needs a file name, got "-additions"`},
		{"unknown flag", []string{"-model", upstream}, 2, "flag provided but not defined"},
		{"missing upstream file", []string{"-upstream", filepath.Join(dir, "nope.json"), "-additions", additions, "-out", out}, 1, "nope.json: no such file"},
		{"bad additions", []string{"-upstream", upstream, "-additions", broken, "-out", out}, 1, "broken.json: documentation[\"ex#Missing\"]: shape ex#Missing not found"},
		{"success", []string{"-upstream", upstream, "-additions", additions, "-out", out}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if code := run(tt.args, &stderr); code != tt.wantCode {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tt.wantCode, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.wantErr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.wantErr)
			}
		})
	}

	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), `"smithy.api#documentation": "Ours."`) || strings.Contains(string(got), "theirs") {
		t.Errorf("unexpected output:\n%s", got)
	}

	// A failing run leaves the previous output as it was, and no temporary
	// file behind.
	if code := run([]string{"-upstream", upstream, "-additions", broken, "-out", out}, &bytes.Buffer{}); code != 1 {
		t.Fatalf("exit status %d, want 1", code)
	}
	after, err := os.ReadFile(out)
	if err != nil || !bytes.Equal(after, got) {
		t.Errorf("failed run changed %s (err %v)", out, err)
	}
	// A second successful run writes the same bytes.
	if code := run([]string{"-upstream", upstream, "-additions", additions, "-out", out}, &bytes.Buffer{}); code != 0 {
		t.Fatalf("exit status %d, want 0", code)
	}
	if after, _ := os.ReadFile(out); !bytes.Equal(after, got) {
		t.Errorf("second run wrote different bytes:\n%s", after)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %q, want only the three inputs and out.json", names)
	}
}
