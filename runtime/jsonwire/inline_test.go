package jsonwire

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestHotPathsInline builds the package with the compiler's inlining
// report and checks that the fast paths written to be inlined still are.
// Whether a function inlines turns on a budget a one-line change can
// exceed (box did, by three, when its blocks' limit gained a term), and
// nothing else fails when it does: the code only gets slower, by a call
// for every boxed value, run of whitespace or value encoded.
func TestHotPathsInline(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the package; not in -short")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command in PATH")
	}
	out, err := exec.Command(goCmd, "build", "-gcflags=-m=2", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m=2: %v\n%s", err, out)
	}
	// A generic function is reported for each shape it is compiled for,
	// as in box[go.shape.string], which is the code that runs, and for
	// each type it is instantiated with, as in box[bool], which is not.
	// A name counts as inlined when some report of its shapes (or of it,
	// if not generic) says it can be and none that it cannot.
	can, cannot := map[string]bool{}, map[string]bool{}
	re := regexp.MustCompile(`(?m): (can|cannot) inline (.+?)(?:: | with cost|$)`)
	typeArgs := regexp.MustCompile(`\[[^\[\]]*\]`)
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		name := m[2]
		if strings.Contains(name, "[") && !strings.Contains(name, "go.shape.") {
			continue
		}
		for strings.Contains(name, "[") {
			name = typeArgs.ReplaceAllString(name, "")
		}
		if m[1] == "can" {
			can[name] = true
		} else {
			cannot[name] = true
		}
	}
	for _, name := range []string{
		"skipWhitespace",
		"skipWhitespaceRun",
		"(*Decoder).beginHere",
		"(*Decoder).pooled",
		"(*Encoder).value",
		"box",
		"fitClass",
	} {
		if !can[name] || cannot[name] {
			t.Errorf("%s is no longer inlinable (see go build -gcflags=-m=2 for its cost)", name)
		}
	}
}
