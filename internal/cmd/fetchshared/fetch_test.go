package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Every file of the committed manifest has an upstream source, and where
// ../shared is here, the manifest is its current digest.
func TestManifestMapsEveryFile(t *testing.T) {
	entries, err := readManifest("shared.sha256")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 900 {
		t.Fatalf("the manifest lists %d files; ../shared holds over 900", len(entries))
	}
	for _, e := range entries {
		if _, _, ok := upstreamOf(sources, e.Path); !ok {
			t.Errorf("%s: no source maps it upstream", e.Path)
		}
	}
	const shared = "../../../../shared"
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("../shared is not here (%v): the digests are not compared", err)
	}
	for _, e := range entries {
		sum, err := fileSum(filepath.Join(shared, e.Path))
		if err != nil || sum != e.Sum {
			t.Errorf("%s: %v, digest %s; the manifest says %s (go run ./internal/cmd/fetchshared -write-manifest)", e.Path, err, sum, e.Sum)
		}
	}
}

// fetch against local git repositories laid out as the upstream ones: the
// files arrive where ../shared has them, with the licences and the derived
// patterns.json, and a digest that does not match writes nothing.
func TestFetchFromRepositories(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	base := t.TempDir()
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	repo := func(name string, files map[string]string) string {
		dir := filepath.Join(base, filepath.FromSlash(name))
		for p, data := range files {
			if err := writeFile(filepath.Join(dir, filepath.FromSlash(p)), []byte(data)); err != nil {
				t.Fatal(err)
			}
		}
		git(dir, "init", "--quiet")
		git(dir, "config", "uploadpack.allowFilter", "true")
		git(dir, "config", "uploadpack.allowAnySHA1InWant", "true")
		git(dir, "add", ".")
		git(dir, "commit", "--quiet", "-m", "data")
		return git(dir, "rev-parse", "HEAD")
	}
	const model = `{"smithy": "2.0", "shapes": {"a#S": {"type": "string", "traits": {"smithy.api#pattern": "^[a-z<]+$"}},
	  "a#T": {"type": "structure", "members": {"m": {"target": "a#S", "traits": {"smithy.api#pattern": "^b$"}}}}}}`
	models := repo("aws/api-models-aws", map[string]string{
		"svc/service/1/svc-1.json":     model,
		"other/service/1/other-1.json": `{"smithy": "2.0", "shapes": {}}`,
		"LICENSE":                      "models licence",
		"NOTICE":                       "models notice",
	})
	smithy := repo("smithy-lang/smithy", map[string]string{
		"deep/tests/x.smithy": "namespace x",
		"deep/tests/y.json":   "[]",
		"unwanted/z.smithy":   "namespace z",
		"LICENSE":             "smithy licence",
	})
	srcs := []source{
		{"models/aws/", "aws/api-models-aws", models, ""},
		{"testdata/aws-patterns/", "aws/api-models-aws", models, ""},
		{"testdata/suite/", "smithy-lang/smithy", smithy, "deep/tests/"},
	}
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	patterns := "[\n\"^[a-z<]+$\",\n\"^b$\"\n]"
	manifest := fmt.Sprintf("%s  models/aws/svc/service/1/svc-1.json\n%s  testdata/aws-patterns/patterns.json\n%s  testdata/suite/x.smithy\n%s  testdata/suite/y.json\n",
		sum(model), sum(patterns), sum("namespace x"), sum("[]"))
	mf := filepath.Join(t.TempDir(), "m.sha256")
	if err := os.WriteFile(mf, []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	var log bytes.Buffer
	if err := fetch(fetchConfig{Dest: dest, Manifest: mf, GitHub: "file://" + base, Sources: srcs, Log: &log}); err != nil {
		t.Fatalf("fetch: %v\n%s", err, log.String())
	}
	for path, want := range map[string]string{
		"models/aws/svc/service/1/svc-1.json": model,
		"models/aws/LICENSE":                  "models licence",
		"testdata/aws-patterns/patterns.json": patterns,
		"testdata/aws-patterns/NOTICE":        "models notice",
		"testdata/suite/x.smithy":             "namespace x",
		"testdata/suite/LICENSE":              "smithy licence",
	} {
		got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(path)))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", path, got, err, want)
		}
	}
	for _, absent := range []string{"models/aws/other/service/1/other-1.json", "testdata/suite/z.smithy"} {
		if _, err := os.Stat(filepath.Join(dest, absent)); err == nil {
			t.Errorf("%s was written; it is not in the manifest", absent)
		}
	}

	// One wrong digest: an error naming the file, and nothing written.
	bad := strings.Replace(manifest, sum("[]"), sum("[ ]"), 1)
	if err := os.WriteFile(mf, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	err := fetch(fetchConfig{Dest: empty, Manifest: mf, GitHub: "file://" + base, Sources: srcs, Log: &log})
	if err == nil || !strings.Contains(err.Error(), "testdata/suite/y.json") {
		t.Errorf("a wrong digest gave %v; want an error naming testdata/suite/y.json", err)
	}
	if left, _ := os.ReadDir(empty); len(left) != 0 {
		t.Errorf("a failed fetch wrote %d entries", len(left))
	}
}
