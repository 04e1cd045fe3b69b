package ecmaregex

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// patternsJSON lists every distinct @pattern of the official AWS models,
// relative to this package; it is read in place.
const patternsJSON = "../../../shared/testdata/aws-patterns/patterns.json"

// javaVectors is testdata/java-vectors.json: what java.util.regex said
// about AWS patterns, probe strings and invalid patterns (see its "about").
type javaVectors struct {
	Patterns []struct {
		Pattern string   `json:"pattern"`
		Inputs  []string `json:"inputs"`
		// Java has one byte per input: '1' if Java's find() succeeds on
		// it, '0' if not.
		Java string `json:"java"`
	} `json:"patterns"`
	Errors []struct {
		Pattern      string `json:"pattern"`
		JavaCompiles bool   `json:"javaCompiles"`
	} `json:"errors"`
}

func loadJavaVectors(t *testing.T) *javaVectors {
	t.Helper()
	data, err := os.ReadFile("testdata/java-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v javaVectors
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Patterns) == 0 || len(v.Errors) == 0 {
		t.Fatal("testdata/java-vectors.json has no vectors")
	}
	return &v
}

// TestJavaVectors checks the matcher, compiled and prepared, against
// Java's verdict on every probe: the meaning of a pattern Java accepts is
// Java's, with no exceptions.
func TestJavaVectors(t *testing.T) {
	v := loadJavaVectors(t)
	probes := 0
	for _, vp := range v.Patterns {
		if len(vp.Java) != len(vp.Inputs) {
			t.Fatalf("%q: %d verdicts for %d inputs", vp.Pattern, len(vp.Java), len(vp.Inputs))
		}
		re, err := Compile(vp.Pattern)
		if err != nil {
			t.Errorf("Compile(%q): %v (Java accepts it)", vp.Pattern, err)
			continue
		}
		p := prepareBuild(t, vp.Pattern)
		for i, s := range vp.Inputs {
			want := vp.Java[i] == '1'
			if got := re.MatchString(s); got != want {
				t.Errorf("Compile(%q).MatchString(%q) = %v, Java says %v", vp.Pattern, s, got, want)
			}
			if got := p.MatchString(s); got != want {
				t.Errorf("Prepare(%q).MatchString(%q) = %v, Java says %v", vp.Pattern, s, got, want)
			}
			probes++
		}
	}
	t.Logf("%d patterns, %d probes, all compared with Java's verdicts", len(v.Patterns), probes)
}

// TestJavaRejects checks Error.JavaRejects, and errors.Is with
// ErrJavaRejects, against whether Java compiles each rejected pattern.
func TestJavaRejects(t *testing.T) {
	v := loadJavaVectors(t)
	for _, ve := range v.Errors {
		_, err := Compile(ve.Pattern)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Compile(%q) = %v, want an *Error", ve.Pattern, err)
			continue
		}
		if e.JavaRejects == ve.JavaCompiles {
			t.Errorf("Compile(%q): JavaRejects = %v, but Java compiles it: %v (%v)", ve.Pattern, e.JavaRejects, ve.JavaCompiles, err)
		}
		if errors.Is(err, ErrJavaRejects) != e.JavaRejects {
			t.Errorf("Compile(%q): errors.Is(err, ErrJavaRejects) disagrees with JavaRejects", ve.Pattern)
		}
		if _, perr := Prepare(ve.Pattern); errors.Is(perr, ErrJavaRejects) != e.JavaRejects {
			t.Errorf("Prepare(%q) error %v disagrees with Compile's", ve.Pattern, perr)
		}
	}
}

// TestPatternsJSON requires every @pattern of the AWS models to prepare,
// and its prepared form to match exactly as Compile's result does, on
// strings generated from the pattern and variations of them.
func TestPatternsJSON(t *testing.T) {
	data, err := os.ReadFile(patternsJSON)
	if err != nil {
		t.Skipf("AWS pattern list not available at %s (%v); it comes with the shared test data", patternsJSON, err)
	}
	var patterns []string
	if err := json.Unmarshal(data, &patterns); err != nil {
		t.Fatal(err)
	}
	if len(patterns) == 0 {
		t.Fatalf("%s lists no patterns", patternsJSON)
	}
	compiled, compared := 0, 0
	for i, pattern := range patterns {
		re, err := Compile(pattern)
		if err != nil {
			t.Errorf("Compile(%q): %v", pattern, err)
			continue
		}
		p, err := Prepare(pattern)
		if err != nil {
			t.Errorf("Prepare(%q): %v", pattern, err)
			continue
		}
		compiled++
		for _, s := range probeStrings(pattern, uint64(i), 8) {
			if got, want := p.MatchString(s), re.MatchString(s); got != want {
				t.Errorf("Prepare(%q).MatchString(%q) = %v, Compile's = %v", pattern, s, got, want)
			}
			compared++
		}
	}
	t.Logf("%d of %d patterns prepare; %d probes compared", compiled, len(patterns), compared)
}

// probeStrings returns strings likely to exercise pattern: members of its
// language generated from the parse tree, each with a mutation, and a few
// fixed edge cases.
func probeStrings(pattern string, seed uint64, n int) []string {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := []string{"", "a", "\n", "abc\n", " \u00a0"}
	tree, err := parse(pattern)
	if err != nil {
		return out
	}
	g := &probeGen{rng: rng, classes: tree.classes}
	for i := 0; i < n; i++ {
		var b strings.Builder
		budget := 2000
		g.gen(tree.root, &b, &budget)
		s := b.String()
		out = append(out, s, mutate(rng, s))
	}
	return out
}

// probeGen writes random strings of a pattern's language, approximately:
// assertions and lookarounds are ignored, and backreferences repeat
// nothing, so some of its strings do not match, which is wanted too.
type probeGen struct {
	rng     *rand.Rand
	classes []charClass
}

func (g *probeGen) gen(n *node, b *strings.Builder, budget *int) {
	if *budget <= 0 {
		return
	}
	*budget--
	switch n.kind {
	case nChar:
		b.WriteRune(n.r)
	case nClass:
		if r, ok := g.member(&g.classes[n.cls]); ok {
			b.WriteRune(r)
		}
	case nConcat:
		for _, s := range n.subs {
			g.gen(s, b, budget)
		}
	case nAlt:
		g.gen(n.subs[g.rng.IntN(len(n.subs))], b, budget)
	case nGroup:
		g.gen(n.subs[0], b, budget)
	case nRepeat:
		count := min(n.min, 40) + g.rng.IntN(3)
		if n.max >= 0 {
			count = min(count, n.max)
		}
		for i := 0; i < count; i++ {
			g.gen(n.subs[0], b, budget)
		}
	}
}

// member picks a code point of class c, trying printable ASCII, the
// class's own ranges and some awkward code points.
func (g *probeGen) member(c *charClass) (rune, bool) {
	odd := []rune("\n\r\t\u0085\u2028\u00a0éÉ日😀\u3000\x00\x7fß")
	for i := 0; i < 100; i++ {
		var r rune
		switch g.rng.IntN(3) {
		case 0:
			r = rune(' ' + g.rng.IntN(95))
		case 1:
			r = odd[g.rng.IntN(len(odd))]
		default:
			if len(c.ranges) == 0 {
				continue
			}
			rr := c.ranges[g.rng.IntN(len(c.ranges))]
			r = rr.lo + rune(g.rng.IntN(int(min(rr.hi-rr.lo, 1000))+1))
		}
		if utf8.ValidRune(r) && c.matches(r) {
			return r, true
		}
	}
	return 0, false
}

// mutate deletes, inserts or replaces one code point, or appends a
// newline, or changes case.
func mutate(rng *rand.Rand, s string) string {
	r := []rune(s)
	odd := []rune("aZ0 -_.\n\r\u0085\u2028\u00a0é😀\t/:\\|&[]{}")
	switch rng.IntN(5) {
	case 0:
		if len(r) > 0 {
			i := rng.IntN(len(r))
			r = append(r[:i], r[i+1:]...)
		}
	case 1:
		i := rng.IntN(len(r) + 1)
		r = append(r[:i], append([]rune{odd[rng.IntN(len(odd))]}, r[i:]...)...)
	case 2:
		if len(r) > 0 {
			r[rng.IntN(len(r))] = odd[rng.IntN(len(odd))]
		}
	case 3:
		return s + "\n"
	default:
		return strings.ToUpper(s)
	}
	return string(r)
}

// TestBacktrackBudget runs patterns with backreferences on inputs that
// take a backtracking matcher exponential time: the search must stop
// within its budget and report a match (see backtrackSteps), and the same
// pattern must still answer exactly on inputs within the budget.
func TestBacktrackBudget(t *testing.T) {
	for _, c := range []struct {
		pattern, small string
		smallWant      bool
	}{
		{`^(a|a)*\1b$`, "aab", true},
		{`^(a+)+\1!$`, "aaa?", false},
		{`^(?:(a)|a)*(?:\1|x)*(?:a|a)*c$`, "aaab", false},
	} {
		re := MustCompile(c.pattern)
		if re.tree == nil {
			t.Fatalf("%q is not matched by backtracking", c.pattern)
		}
		if got := re.MatchString(c.small); got != c.smallWant {
			t.Errorf("MatchString(%q) on %q = %v, want %v", c.pattern, c.small, got, c.smallWant)
		}
		start := time.Now()
		b := &backtracker{s: strings.Repeat("a", 40), classes: re.classes, caps: make([]int, 2*(re.groups+1))}
		for i := range b.caps {
			b.caps[i] = -1
		}
		b.match(re.tree, 0, func(int) bool { return true })
		if !b.out {
			t.Errorf("%q on a pathological input finished within the budget (%d steps)", c.pattern, b.steps)
		}
		if !re.MatchString(strings.Repeat("a", 40)) {
			t.Errorf("%q: an exhausted budget must report a match", c.pattern)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%q: bounded search took %v", c.pattern, d)
		}
	}
	// A long input is not a reason to give up: a run of one class costs
	// steps, not depth.
	re := MustCompile(`^(?!.*?(.)\1{3})[-_!@#$a-zA-Z0-9]*$`)
	long := strings.Repeat("ab", 20000)
	if !re.MatchString(long) {
		t.Error("long valid input rejected")
	}
	if re.MatchString(long + "cccc") {
		t.Error("long invalid input accepted")
	}
}
