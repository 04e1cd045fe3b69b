package main

import (
	"bytes"
	"os"
	"testing"
)

// The committed definitions must be exactly what the command writes from
// the official IDL files, so that nobody edits them by hand and a newer
// Smithy release is one "make traitdefs" away.
func TestCommittedFileIsCurrent(t *testing.T) {
	const in = "../../../../shared/testdata/trait-defs"
	if _, err := os.Stat(in); err != nil {
		t.Skipf("%s is absent: the official trait definitions are not available on this machine", in)
	}
	want, err := generate(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../shapes/traitdefs.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("internal/shapes/traitdefs.json is stale: run make traitdefs")
	}
}

// Prose must not carry over: no documentation, and of the trait trait only
// the facts a loader needs.
func TestProseIsLeftOut(t *testing.T) {
	const in = "../../../../shared/testdata/trait-defs"
	if _, err := os.Stat(in); err != nil {
		t.Skipf("%s is absent", in)
	}
	out, err := generate(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, prose := range []string{
		`"smithy.api#documentation":"`,     // a documentation value (the trait's definition stays)
		"Makes a shape a trait",            // a documentation comment of prelude.smithy
		"Document types are not supported", // a traitValidators message of aws.protocols
		`"breakingChanges":[`,              // the trait trait's compatibility rules
		`,"smithy.api#traitValidators":`,   // applied validators, with their messages
		`{"smithy.api#traitValidators":`,
	} {
		if bytes.Contains(out, []byte(prose)) {
			t.Errorf("the output holds %q", prose)
		}
	}
	for _, fact := range []string{`"smithy.api#length":{"type":"structure","members":{"min":{"target":"smithy.api#Long"},"max":{"target":"smithy.api#Long"}}`,
		`"aws.protocols#restJson1":`, `"smithy.waiters#waitable":`, `"smithy.test#httpRequestTests":`, `"smithy.framework#ValidationException":`} {
		if !bytes.Contains(out, []byte(fact)) {
			t.Errorf("the output lacks %s", fact)
		}
	}
}
