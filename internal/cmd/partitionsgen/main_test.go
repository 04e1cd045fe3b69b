package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Paths relative to this package's directory.
const (
	testIn  = "../../../../shared/testdata/endpoints/partitions.json"
	testOut = "../../../runtime/endpointrules/partitions_data.go"
)

// TestUpToDate regenerates the table in memory and fails if the committed
// partitions_data.go differs.
func TestUpToDate(t *testing.T) {
	data, err := os.ReadFile(testIn)
	if os.IsNotExist(err) {
		t.Skipf("%s not found (it lives in the shared checkout beside the repository); cannot check partitions_data.go", testIn)
	}
	if err != nil {
		t.Fatal(err)
	}
	want, err := generate(data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(testOut)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run `go run ./internal/cmd/partitionsgen` from the repository root", testOut)
	}
}

const small = `{
  "version": "1.1",
  "partitions": [
    {"id": "aws", "regionRegex": "^(us|eu)\\-\\w+\\-\\d+$",
     "regions": {"us-east-1": {"description": "US East"}, "aws-global": {}},
     "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
                 "supportsFIPS": true, "supportsDualStack": true, "implicitGlobalRegion": "us-east-1"}},
    {"id": "aws-x", "regionRegex": "^x\\-\\w+\\-\\d+$", "regions": {},
     "outputs": {"name": "aws-x", "dnsSuffix": "x.example", "supportsFIPS": false, "supportsDualStack": false}}
  ]
}`

func TestGenerate(t *testing.T) {
	src, err := generate([]byte(small))
	if err != nil {
		t.Fatal(err)
	}
	out := string(src)
	if !strings.HasPrefix(out, header) {
		t.Errorf("output does not start with the header line:\n%s", out)
	}
	if strings.Contains(out, "Code generated") {
		t.Error("output carries the standard generated-file header, which the output writer treats specially")
	}
	for _, want := range []string{
		"package endpointrules\n",
		"var partitionTable = [...]partition{",
		"regionRegex: `^(us|eu)\\-\\w+\\-\\d+$`,",
		"\"aws-global\",\n\t\t\t\"us-east-1\",\n", // regions sorted, one a line
		`dualStackDNSSuffix:   "api.aws",`,
		`implicitGlobalRegion: "",`,
		"supportsFIPS:         false,",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Partition order is kept: aws-x after aws.
	if strings.Index(out, `id:          "aws-x"`) < strings.Index(out, `id:          "aws"`) {
		t.Errorf("partitions reordered:\n%s", out)
	}
}

func TestGenerateErrors(t *testing.T) {
	tests := []struct{ doc, want string }{
		{`{"partitions": []}`, "no partitions"},
		{`{"partitions": [{"id": "x", "regionRegex": "^x$", "outputs": {"name": "x"}}]}`, `no "aws" partition`},
		{`{"partitions": [{"id": "aws", "regionRegex": "(?<=x)", "outputs": {"name": "aws"}}]}`, "regionRegex"},
		{`{"partitions": [{"id": "aws", "regionRegex": "^a$", "outputs": {"name": "aws"}}, {"id": "aws", "regionRegex": "^b$", "outputs": {"name": "aws"}}]}`, "duplicate"},
		{`{"partitions": [{"id": "", "regionRegex": "^a$", "outputs": {"name": "a"}}]}`, "no id"},
		{`{"partitions": [{"id": "aws", "regionRegex": "^a$", "outputs": {}}]}`, "no name"},
		// Unknown fields stop the generator rather than being dropped.
		{`{"partitions": [{"id": "aws", "regionRegex": "^a$", "outputs": {"name": "aws", "newThing": 1}}]}`, "newThing"},
		{`{"partitions": [{"id": "aws", "regionRegex": "^a$", "regions": {"a": {"dnsSuffix": "x"}}, "outputs": {"name": "aws"}}]}`, "dnsSuffix"},
	}
	for _, tt := range tests {
		_, err := generate([]byte(tt.doc))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("generate(%s): err = %v, want it to mention %q", tt.doc, err, tt.want)
		}
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "p.json"), filepath.Join(dir, "p.go")
	if err := os.WriteFile(in, []byte(small), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(in, out); err != nil {
		t.Fatal(err)
	}
	want, _ := generate([]byte(small))
	if got, _ := os.ReadFile(out); !bytes.Equal(got, want) {
		t.Error("run wrote something other than generate's output")
	}
	if err := run(filepath.Join(dir, "missing.json"), out); err == nil {
		t.Error("run succeeded on a missing input")
	}
}
