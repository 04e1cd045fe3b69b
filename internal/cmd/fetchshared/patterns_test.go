package main

import (
	"bytes"
	"os"
	"testing"
)

// The patterns of the 61 models here are a sample of the 402 that
// patterns.json was made from: each must be in it, encoded as this
// command encodes it, on a line of its own.
func TestPatternsAsPatternsJSONHasThem(t *testing.T) {
	const file = "../../../../shared/testdata/aws-patterns/patterns.json"
	want, err := os.ReadFile(file)
	if err != nil {
		t.Skipf("../shared is not here (%v): nothing to compare with", err)
	}
	lines := map[string]bool{}
	for l := range bytes.Lines(want) {
		lines[string(bytes.TrimSuffix(bytes.TrimSuffix(l, []byte("\n")), []byte(",")))] = true
	}
	got, err := collectPatterns("../../../../shared/models")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 500 {
		t.Fatalf("found %d patterns in 61 models; want hundreds", len(got))
	}
	enc, err := encodePatterns(got)
	if err != nil {
		t.Fatal(err)
	}
	missing := 0
	for l := range bytes.Lines(enc) {
		l = bytes.TrimSuffix(bytes.TrimSuffix(l, []byte("\n")), []byte(","))
		if string(l) != "[" && string(l) != "]" && !lines[string(l)] {
			missing++
			if missing <= 5 {
				t.Errorf("pattern line %s is not in patterns.json", l)
			}
		}
	}
	if !bytes.HasPrefix(want, []byte("[\n\"")) || !bytes.HasSuffix(want, []byte("\"\n]")) || !bytes.HasSuffix(enc, []byte("\"\n]")) {
		t.Error("patterns.json and the encoder disagree on the layout")
	}
}
