package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const officialOutposts = "../../../../shared/models/aws/outposts/service/2019-12-03/outposts-2019-12-03.json"

// The path the model-refresh workflow takes, offline: on a copy of the
// repository, a newer official model with a new enum value, a new member and
// a removed member is refreshed, regenerated and built, and the report calls
// the removed member breaking and the rest compatible.
func TestRefreshAChangedModel(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates and builds a copy of the repository; skipped with -short")
	}
	official, err := os.ReadFile(officialOutposts)
	if err != nil {
		t.Skipf("../shared is not here (%v): no official model to change", err)
	}
	repo := copyRepo(t)

	var m map[string]any
	if err := json.Unmarshal(official, &m); err != nil {
		t.Fatal(err)
	}
	shapes := m["shapes"].(map[string]any)
	members := func(id string) map[string]any {
		return shapes["com.amazonaws.outposts#"+id].(map[string]any)["members"].(map[string]any)
	}
	members("CapacityTaskStatus")["PAUSED"] = map[string]any{"target": "smithy.api#Unit", "traits": map[string]any{"smithy.api#enumValue": "PAUSED"}}
	members("GetCapacityTaskOutput")["Priority"] = map[string]any{"target": "smithy.api#Integer"}
	delete(members("Outpost"), "SiteArn")
	changed, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	upstream := filepath.Join(t.TempDir(), "outposts-2019-12-03.json")
	if err := os.WriteFile(upstream, changed, 0o644); err != nil {
		t.Fatal(err)
	}

	report := filepath.Join(t.TempDir(), "body.md")
	var stdout, stderr bytes.Buffer
	code := run([]string{"-repo", repo, "-upstream", upstream, "-report", report,
		"-source", "aws/api-models-aws@test", "-test", "go build ./generated/..."}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	if got := stdout.String(); got != "the model changed, with breaking changes to the Go API; the tests pass\n" {
		t.Errorf("summary %q", got)
	}
	body, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	text := string(body)
	breaking, compatible, ok := strings.Cut(text, "### Compatible")
	if !ok {
		t.Fatalf("the report has no compatible section:\n%s", text)
	}
	for _, want := range []string{"aws/api-models-aws@test", "pass"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not mention %q:\n%s", want, text)
		}
	}
	if !strings.Contains(breaking, "SiteArn") {
		t.Errorf("the removed member Outpost.SiteArn is not reported as breaking:\n%s", text)
	}
	for _, want := range []string{"PAUSED", "Priority"} {
		if !strings.Contains(compatible, want) {
			t.Errorf("%s is not reported as compatible:\n%s", want, text)
		}
	}
	// The package was regenerated from the new model.
	enums, err := os.ReadFile(filepath.Join(repo, "generated/outposts/types/enums_gen.go"))
	if err != nil || !bytes.Contains(enums, []byte(`"PAUSED"`)) {
		t.Errorf("generated/outposts/types/enums_gen.go has no PAUSED (%v)", err)
	}

	// The same model again: nothing changes, and the report says so.
	stdout.Reset()
	if code := run([]string{"-repo", repo, "-upstream", upstream, "-report", report, "-test", "false"}, &stdout, &stderr); code != 0 {
		t.Fatalf("second run: exit %d\n%s", code, stderr.String())
	}
	if got := stdout.String(); got != "the model is unchanged\n" {
		t.Errorf("second run's summary %q", got)
	}
}

// copyRepo copies what regenerating and building the Outposts client needs
// to a temporary directory.
func copyRepo(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "repo")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"go.mod", "go.sum", "Makefile", "cmd", "internal", "runtime", "templates", "model", "generated", "bench"} {
		err := filepath.WalkDir(filepath.Join(root, name), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dest, rel), 0o755)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dest, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dest
}
