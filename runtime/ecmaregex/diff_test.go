package ecmaregex

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// patternGen generates random patterns from a grammar whose constructs
// mean the same in Java and, when lookarounds are disabled, in RE2 for
// inputs over genAlphabet (no \n, \r or \v, so ., \s and $ agree), except
// that \b and \B see é as a letter only in Java.
type patternGen struct {
	rng   *rand.Rand
	looks bool
}

const genAlphabet = "ab1 -é"

var genAtoms = []string{"a", "b", "1", "-", " ", ".", `\d`, `\D`, `\w`, `\W`, `\s`, `\S`,
	"[ab]", "[^a]", "[a-b1]", "[^ab1]", `[\d-]`, "[é]", `\u00e9`, `\x61`}

var genQuants = []string{"*", "+", "?", "{2}", "{0,2}", "{1,3}", "{2,}", "*?", "+?", "??", "{1,2}?"}

func (g *patternGen) pattern(depth int) string {
	var b strings.Builder
	n := 1 + g.rng.IntN(2)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte('|')
		}
		g.alternative(&b, depth)
	}
	return b.String()
}

func (g *patternGen) alternative(b *strings.Builder, depth int) {
	n := g.rng.IntN(4)
	for i := 0; i < n; i++ {
		switch k := g.rng.IntN(20); {
		case k == 0:
			b.WriteString("^")
		case k == 1:
			b.WriteString("$")
		case k == 2:
			b.WriteString([]string{`\b`, `\B`}[g.rng.IntN(2)])
		case k <= 5 && g.looks && depth > 0:
			b.WriteString([]string{"(?=", "(?!", "(?<=", "(?<!"}[g.rng.IntN(4)])
			b.WriteString(g.pattern(depth - 1))
			b.WriteString(")")
		default:
			if depth > 0 && g.rng.IntN(4) == 0 {
				b.WriteString([]string{"(", "(?:"}[g.rng.IntN(2)])
				b.WriteString(g.pattern(depth - 1))
				b.WriteString(")")
			} else {
				b.WriteString(genAtoms[g.rng.IntN(len(genAtoms))])
			}
			if g.rng.IntN(3) == 0 {
				b.WriteString(genQuants[g.rng.IntN(len(genQuants))])
			}
		}
	}
}

func genInput(rng *rand.Rand) string {
	return genInputFrom(rng, genAlphabet)
}

func genInputFrom(rng *rand.Rand, alphabet string) string {
	alpha := []rune(alphabet)
	n := rng.IntN(7)
	r := make([]rune, n)
	for i := range r {
		r[i] = alpha[rng.IntN(len(alpha))]
	}
	return string(r)
}

// TestDifferentialRE2 compares against Go's regexp on patterns that mean
// the same in both dialects.
func TestDifferentialRE2(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	g := &patternGen{rng: rng}
	compared := 0
	for i := 0; i < 3000; i++ {
		p := g.pattern(3)
		want, err := regexp.Compile(p)
		if err != nil {
			continue
		}
		got, err := Compile(p)
		if err != nil {
			t.Errorf("Compile(%q): %v (RE2 accepts it)", p, err)
			continue
		}
		alphabet := genAlphabet
		if strings.Contains(p, `\b`) || strings.Contains(p, `\B`) {
			alphabet = strings.ReplaceAll(alphabet, "é", "") // RE2's \b is ASCII, Java's is not
		}
		for j := 0; j < 30; j++ {
			s := genInputFrom(rng, alphabet)
			if w, gt := want.MatchString(s), got.MatchString(s); w != gt {
				t.Errorf("pattern %q input %q: got %v, RE2 says %v", p, s, gt, w)
			}
			compared++
		}
	}
	t.Logf("%d comparisons", compared)
}

// TestDifferentialBacktrack compares the NFA against a direct, exponential
// transcription of the ECMA-262 matcher semantics (backtracking with
// continuations) on small patterns with lookarounds.
func TestDifferentialBacktrack(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	g := &patternGen{rng: rng, looks: true}
	compared := 0
	for i := 0; i < 3000; i++ {
		p := g.pattern(3)
		tree, err := parse(p)
		if err != nil {
			t.Errorf("parse(%q): %v", p, err)
			continue
		}
		re := MustCompile(p)
		for j := 0; j < 30; j++ {
			s := genInput(rng)
			ref := &refMatcher{s: s, classes: tree.classes, word: tree.word, budget: 1 << 20}
			want := ref.search(tree.root)
			if ref.budget < 0 {
				continue
			}
			if got := re.MatchString(s); got != want {
				t.Errorf("pattern %q input %q: got %v, reference says %v", p, s, got, want)
			}
			compared++
		}
	}
	t.Logf("%d comparisons", compared)
}

// refMatcher follows the ECMA-262 pattern semantics (22.2.2) literally:
// matchers take a continuation, lookbehind matches its body right to left,
// and a quantified atom may not match the empty string once its minimum
// count is reached.
type refMatcher struct {
	s       string
	classes []charClass
	word    int
	budget  int
}

func (m *refMatcher) search(n *node) bool {
	for pos := 0; pos <= len(m.s); {
		if m.match(n, pos, false, func(int) bool { return true }) {
			return true
		}
		if pos == len(m.s) {
			break
		}
		_, w := utf8.DecodeRuneInString(m.s[pos:])
		pos += w
	}
	return false
}

func (m *refMatcher) match(n *node, pos int, back bool, k func(int) bool) bool {
	if m.budget--; m.budget < 0 {
		return false
	}
	switch n.kind {
	case nEmpty:
		return k(pos)
	case nChar, nClass:
		var r rune
		var w int
		if back {
			if pos == 0 {
				return false
			}
			r, w = utf8.DecodeLastRuneInString(m.s[:pos])
			w = -w
		} else {
			if pos == len(m.s) {
				return false
			}
			r, w = utf8.DecodeRuneInString(m.s[pos:])
		}
		if n.kind == nChar && r != n.r || n.kind == nClass && !m.classes[n.cls].matches(r) {
			return false
		}
		return k(pos + w)
	case nConcat:
		var seq func(i, pos int) bool
		seq = func(i, pos int) bool {
			if i == len(n.subs) {
				return k(pos)
			}
			j := i
			if back {
				j = len(n.subs) - 1 - i
			}
			return m.match(n.subs[j], pos, back, func(p int) bool { return seq(i+1, p) })
		}
		return seq(0, pos)
	case nAlt:
		for _, s := range n.subs {
			if m.match(s, pos, back, k) {
				return true
			}
		}
		return false
	case nRepeat:
		var rep func(count, pos int) bool
		rep = func(count, pos int) bool {
			if n.max >= 0 && count == n.max {
				return k(pos)
			}
			if m.match(n.subs[0], pos, back, func(p int) bool {
				if count >= n.min && p == pos {
					return false // empty iteration past the minimum
				}
				return rep(count+1, p)
			}) {
				return true
			}
			return count >= n.min && k(pos)
		}
		return rep(0, pos)
	case nAssert:
		return assertAt(n.assert, m.s, pos, m.classes, m.word) && k(pos)
	case nGroup:
		return m.match(n.subs[0], pos, back, k)
	case nLook:
		found := m.match(n.subs[0], pos, n.behind, func(int) bool { return true })
		return found != n.neg && k(pos)
	}
	panic("unknown node")
}

// TestScratchNeverGrows checks the bounds that size a machine's buffers:
// if matching ever appended past them, MatchString would allocate.
func TestScratchNeverGrows(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	g := &patternGen{rng: rng, looks: true}
	for i := 0; i < 1000; i++ {
		re := MustCompile(g.pattern(3))
		m := newMachine(re)
		states := []*progState{&m.main}
		progs := []*prog{&re.main}
		for k := range m.looks {
			states = append(states, &m.looks[k])
			progs = append(progs, &re.looks[k])
		}
		for j := 0; j < 20; j++ {
			m.match(genInput(rng))
			m.release()
		}
		for k, st := range states {
			p := progs[k]
			if cap(st.stack) != p.stack || cap(st.cur.run) != p.threads || cap(st.next.run) != p.threads ||
				cap(st.cur.dense) != len(p.insts) || cap(st.next.dense) != len(p.insts) {
				t.Fatalf("%q: scratch of program %d grew", re, k)
			}
		}
	}
}
