package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCaseFilesNamesTheSuiteFolder: ids from several suites land in one
// map, each under folder/file so that two suites' errors.smithy differ.
func TestCaseFilesNamesTheSuiteFolder(t *testing.T) {
	root := t.TempDir()
	write := func(rel, data string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("awsJson1_0/errors.smithy", "apply X @httpResponseTests([\n    {\n        id: \"AwsJson10Foo\"\n    }\n])\n")
	write("awsJson1_1/errors.smithy", "    {\n        id: \"AwsJson11Foo\"\n    }\n")
	write("awsJson1_1/services/ml.smithy", "        id: \"Ml\"\n")
	write("awsJson1_1/notes.txt", "        id: \"NotACase\"\n")
	ids := map[string]string{}
	for _, dir := range []string{filepath.Join(root, "awsJson1_0"), filepath.Join(root, "awsJson1_1") + "/"} {
		if err := caseFiles(dir, ids); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{
		"AwsJson10Foo": "awsJson1_0/errors.smithy",
		"AwsJson11Foo": "awsJson1_1/errors.smithy",
		"Ml":           "awsJson1_1/services/ml.smithy",
	}
	if len(ids) != len(want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
	for id, file := range want {
		if ids[id] != file {
			t.Errorf("%s in %q, want %q", id, ids[id], file)
		}
	}
	if err := caseFiles(filepath.Join(root, "missing"), ids); err == nil {
		t.Error("a missing suite folder is not an error")
	}
}
