package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// changedOutposts writes a copy of the Outposts model changed by edit,
// which gets the "shapes" object.
func changedOutposts(t *testing.T, edit func(shapes map[string]any)) string {
	t.Helper()
	data, err := os.ReadFile(outposts)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	edit(m["shapes"].(map[string]any))
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "outposts.json")
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func members(shapes map[string]any, id string) map[string]any {
	return shapes["com.amazonaws.outposts#"+id].(map[string]any)["members"].(map[string]any)
}

// A new enum value: compatible.
func addSplitPhase(shapes map[string]any) {
	members(shapes, "PowerPhase")["SPLIT_PHASE"] = map[string]any{
		"target": "smithy.api#Unit", "traits": map[string]any{"smithy.api#enumValue": "SPLIT_PHASE"}}
}

func TestDiffOfTheSameModelIsEmpty(t *testing.T) {
	code, stdout, stderr := runGen("-diff", outposts, outposts)
	if code != 0 || stdout != "No change to the Go API.\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestDiffReportsBreakingChangesWithExit3(t *testing.T) {
	changed := changedOutposts(t, func(shapes map[string]any) {
		addSplitPhase(shapes)
		outpost := members(shapes, "Outpost")
		delete(outpost, "SupportedHardwareType")
		outpost["Region"] = map[string]any{"target": "smithy.api#String"}
	})
	code, stdout, stderr := runGen("-diff", outposts, changed)
	want := "**Go API: 1 breaking change, 2 compatible changes.**\n" +
		"\n### Breaking\n\n" +
		"- `types.Outpost.SupportedHardwareType`: field removed (was `types.SupportedHardwareType`)\n" +
		"\n### Compatible\n\n" +
		"- `types.Outpost.Region`: field added (`*string`)\n" +
		"- `types.PowerPhase`: value `types.PowerPhaseSplitPhase` = `\"SPLIT_PHASE\"` added\n"
	if code != 3 || stdout != want {
		t.Errorf("exit %d (want 3), stderr %q, report:\n%s\nwant:\n%s", code, stderr, stdout, want)
	}
}

func TestDiffOfCompatibleChangesExits0(t *testing.T) {
	changed := changedOutposts(t, addSplitPhase)
	code, stdout, stderr := runGen("-diff", outposts, changed)
	if code != 0 || !strings.Contains(stdout, "0 breaking changes, 1 compatible change") || strings.Contains(stdout, "### Breaking") {
		t.Errorf("exit %d, stderr %q, report:\n%s", code, stderr, stdout)
	}
	// The other way round, the value is removed: breaking.
	if code, stdout, _ := runGen("-diff", changed, outposts); code != 3 || !strings.Contains(stdout, "`types.PowerPhaseSplitPhase` = `\"SPLIT_PHASE\"` removed") {
		t.Errorf("reversed: exit %d, report:\n%s", code, stdout)
	}
}

func TestDiffModelErrorExits1(t *testing.T) {
	bad := writeModel(t, `{"smithy":"2.0","shapes":{"a#S":{"type":"structure","members":{"x":{"target":"a#Missing"}}}}}`)
	for _, c := range []struct {
		args []string
		want string // in the message
	}{
		{[]string{"-diff", outposts, bad}, bad + ": a#S$x"},
		{[]string{"-diff", "does-not-exist.json", outposts}, "does-not-exist.json"},
	} {
		code, stdout, stderr := runGen(c.args...)
		if code != 1 || stdout != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("gen %q: exit %d, stdout %q, stderr %q; want 1 and %q", c.args, code, stdout, stderr, c.want)
		}
	}
}

func TestDiffUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"-diff", outposts},
		{"-diff", outposts, outposts, outposts},
		{"-diff", "-model", outposts, outposts, outposts},
		{"-diff", "-out", "x", outposts, outposts},
		{"-diff", "-check", outposts, outposts},
	} {
		if code, _, stderr := runGen(args...); code != 2 || !strings.Contains(stderr, "usage") {
			t.Errorf("gen %q: exit %d, stderr %q; want 2 and usage", args, code, stderr)
		}
	}
}

// -service and -allow-unknown-traits apply to both models.
func TestDiffLoaderFlagsApplyToBoth(t *testing.T) {
	model := func(extra string) string {
		return writeModel(t, `{"smithy":"2.0","shapes":{
		  "a#One":{"type":"service","version":"1","operations":[{"target":"a#Op"}],"traits":{"aws.protocols#restJson1":{}}},
		  "a#Two":{"type":"service","version":"1","traits":{"aws.protocols#restJson1":{}}},
		  "a#Op":{"type":"operation","input":{"target":"a#In"},"traits":{"smithy.api#http":{"method":"POST","uri":"/"}}},
		  "a#In":{"type":"structure","members":{"x":{"target":"smithy.api#String"}`+extra+`},"traits":{"a#unknown":{}}}}}`)
	}
	old, new := model(""), model(`,"y":{"target":"smithy.api#String"}`)
	if code, _, stderr := runGen("-diff", "-service", "a#One", old, new); code != 1 || !strings.Contains(stderr, "a#unknown") {
		t.Errorf("an unknown trait: exit %d, stderr %q; want 1", code, stderr)
	}
	code, stdout, stderr := runGen("-diff", "-service", "a#One", "-allow-unknown-traits", old, new)
	if code != 0 || !strings.Contains(stdout, "`OpInput.Y`: field added") || !strings.Contains(stderr, "warning") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if code, _, stderr := runGen("-diff", "-allow-unknown-traits", old, new); code != 1 || !strings.Contains(stderr, "several services") {
		t.Errorf("without -service: exit %d, stderr %q; want 1", code, stderr)
	}
}
