package ecmaregex

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"unicode"
)

// prepareBuild prepares pattern and builds its matcher, as generated code
// does on first use.
func prepareBuild(t *testing.T, pattern string) *Prepared {
	t.Helper()
	p, err := Prepare(pattern)
	if err != nil {
		t.Fatalf("Prepare(%q): %v", pattern, err)
	}
	p.once.Do(p.build)
	return p
}

// TestPreparedMatch runs the match table through prepared patterns.
func TestPreparedMatch(t *testing.T) {
	for _, c := range matchCases {
		p := prepareBuild(t, c.pattern)
		if got := p.MatchString(c.input); got != c.want {
			t.Errorf("Prepare(%q).MatchString(%q) = %v, want %v", c.pattern, c.input, got, c.want)
		}
	}
}

// TestPreparedCompilesAlike checks that a prepared pattern builds exactly
// the program Compile builds, for every pattern of the match table and of
// the AWS models: same instructions, lookarounds and anchoring, and
// classes with the same members.
func TestPreparedCompilesAlike(t *testing.T) {
	patterns := map[string]string{}
	for _, c := range matchCases {
		patterns[c.pattern] = "matchCases"
	}
	if testing.Short() {
		t.Log("-short: the AWS model patterns are skipped")
	} else {
		if _, err := os.Stat(modelsDir); err != nil {
			t.Logf("AWS models not available at %s: only the match table is compared", modelsDir)
		} else {
			for p, where := range corpusPatterns(t) {
				patterns[p] = where
			}
		}
	}
	for pattern, where := range patterns {
		re, err := Compile(pattern)
		if err != nil {
			continue // TestCorpus reports those
		}
		p := prepareBuild(t, pattern)
		if err := sameRegexp(re, p.re); err != nil {
			t.Errorf("%s: %q: %v", where, pattern, err)
		}
	}
}

func sameRegexp(a, b *Regexp) error {
	if a.word != b.word {
		return fmt.Errorf("word classes at %d, prepared %d", a.word, b.word)
	}
	if a.anchored != b.anchored {
		return fmt.Errorf("anchored %v, prepared %v", a.anchored, b.anchored)
	}
	if (a.tree == nil) != (b.tree == nil) || a.groups != b.groups {
		return fmt.Errorf("backtracking %v with %d groups, prepared %v with %d", a.tree != nil, a.groups, b.tree != nil, b.groups)
	}
	if a.tree != nil {
		// The importer splits literals back into characters, so the trees
		// differ in shape; TestPatternsJSON compares what they match.
		return nil
	}
	if err := sameProg(a.main, b.main); err != nil {
		return fmt.Errorf("main program: %v", err)
	}
	if len(a.looks) != len(b.looks) {
		return fmt.Errorf("%d lookarounds, prepared %d", len(a.looks), len(b.looks))
	}
	for i := range a.looks {
		if err := sameProg(a.looks[i], b.looks[i]); err != nil {
			return fmt.Errorf("lookaround %d: %v", i, err)
		}
	}
	if len(a.classes) != len(b.classes) {
		return fmt.Errorf("%d classes, prepared %d", len(a.classes), len(b.classes))
	}
	for i := range a.classes {
		if r, ok := sameMembers(&a.classes[i], &b.classes[i]); !ok {
			return fmt.Errorf("class %d differs at %U", i, r)
		}
	}
	return nil
}

func sameProg(a, b prog) error {
	if a.start != b.start || a.backward != b.backward || a.threads != b.threads || a.stack != b.stack {
		return fmt.Errorf("start/backward/threads/stack %d/%v/%d/%d, prepared %d/%v/%d/%d",
			a.start, a.backward, a.threads, a.stack, b.start, b.backward, b.threads, b.stack)
	}
	if !slices.Equal(a.insts, b.insts) {
		return fmt.Errorf("instructions differ:\n%v\nprepared\n%v", a.insts, b.insts)
	}
	return nil
}

// sameMembers compares two classes on every code point where either could
// change its answer: all of Latin-1, and the ends of their ranges and of
// every Unicode table they use, with their neighbours.
func sameMembers(a, b *charClass) (rune, bool) {
	var rs []runeRange
	for _, c := range []*charClass{a, b} {
		rs = append(rs, c.ranges...)
		for _, it := range c.items {
			for _, t := range append(slices.Clone(it.in), it.out...) {
				rs = append(rs, tableRanges(t)...)
			}
		}
	}
	points := []rune{unicode.MaxRune}
	for r := rune(0); r < 0x100; r++ {
		points = append(points, r)
	}
	for _, rr := range rs {
		points = append(points, rr.lo-1, rr.lo, rr.hi, rr.hi+1)
	}
	for _, r := range points {
		if r >= 0 && r <= unicode.MaxRune && a.matches(r) != b.matches(r) {
			return r, false
		}
	}
	return 0, true
}

// TestPreparedClassesNormalized checks the promise the importer relies on:
// exported ranges are sorted and neither overlap nor touch.
func TestPreparedClassesNormalized(t *testing.T) {
	for _, pattern := range []string{`[\p{L}\d_]`, `[^\s\p{Lu}]`, `\P{Script=Latin}`, `[z-za-c\x{100}-\x{200}\x{150}]`, `\p{Print}`} {
		p, err := Prepare(pattern)
		if err != nil {
			t.Fatalf("Prepare(%q): %v", pattern, err)
		}
		for _, c := range p.Classes {
			for i := 1; i < len(c.Ranges); i++ {
				if c.Ranges[i][0] <= c.Ranges[i-1][1]+1 {
					t.Errorf("%q: ranges %v and %v overlap or touch", pattern, c.Ranges[i-1], c.Ranges[i])
				}
			}
		}
	}
}

// TestPreparedLiteralsMerge checks the shape generated code shows: runs
// of code points become one literal, and a lone surrogate stays a rune.
func TestPreparedLiteralsMerge(t *testing.T) {
	p, err := Prepare(`^cap-[a-f]{2}x\uD800y$`)
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, n := range p.Root.Subs {
		switch n.Op {
		case OpLiteral:
			ops = append(ops, "lit:"+n.Text)
		case OpChar:
			ops = append(ops, fmt.Sprintf("char:%X", n.Rune))
		case OpRepeat:
			ops = append(ops, fmt.Sprintf("repeat:%d-%d", n.Min, n.Max))
		case OpAssert:
			ops = append(ops, fmt.Sprintf("assert:%d", n.Assert))
		default:
			ops = append(ops, fmt.Sprint(n.Op))
		}
	}
	want := []string{"assert:0", "lit:cap-", "repeat:2-2", "lit:x", "char:D800", "lit:y", "assert:1"}
	if !slices.Equal(ops, want) {
		t.Errorf("root = %v, want %v", ops, want)
	}
}

// TestPreparedZeroAllocs: a warmed prepared pattern matches without
// allocating, like a compiled one.
func TestPreparedZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	p := prepareBuild(t, `^(arn:aws([a-z-]+)?:outposts:[a-z\d-]+:\d{12}:outpost/)?op-[a-f0-9]{17}$`)
	in := "op-0123456789abcdef0"
	if !p.MatchString(in) {
		t.Fatal("no match")
	}
	if n := testing.AllocsPerRun(100, func() { p.MatchString(in) }); n != 0 {
		t.Errorf("MatchString allocates %v times", n)
	}
}
