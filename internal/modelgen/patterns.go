package modelgen

import (
	"math/rand/v2"
	"strings"
)

// pattern is a @pattern value the generator knows how to satisfy: every
// string of length n in [min, max] (max < 0: unbounded) that gen returns
// matches re, both as ECMA-262 and as RE2, so random values can respect it.
type pattern struct {
	re       string
	min, max int
	gen      func(r *rand.Rand, n int) string
}

// anyRunes are the runes of unconstrained strings: ASCII, JSON escapes,
// Latin, CJK and an astral-plane emoji, so that lengths count runes, not bytes.
var anyRunes = []rune("abcXYZ019 _-/.:\"\\'\t<>&%+?=#é߷中😀")

func runesFrom(set []rune) func(r *rand.Rand, n int) string {
	return func(r *rand.Rand, n int) string {
		var b strings.Builder
		for range n {
			b.WriteRune(pick(r, set))
		}
		return b.String()
	}
}

var (
	lower = []rune("abcdefghijklmnopqrstuvwxyz")
	word  = []rune("abcxyzABCXYZ0129_")
	digit = []rune("0123456789")
)

// patterns are the @pattern values in use. They are unanchored where the
// spec's "matches anywhere" rule matters, and one uses a \u escape, which
// RE2 spells differently.
var patterns = []pattern{
	{re: `^[a-z]+$`, min: 1, max: -1, gen: runesFrom(lower)},
	{re: `^[a-z]*$`, min: 0, max: -1, gen: runesFrom(lower)},
	{re: `^\w+$`, min: 1, max: -1, gen: runesFrom(word)},
	{re: `^\d{3}$`, min: 3, max: 3, gen: runesFrom(digit)},
	{re: `^[a-z]{2,5}$`, min: 2, max: 5, gen: runesFrom(lower)},
	{re: `^[^/]+$`, min: 1, max: -1, gen: runesFrom([]rune("ab:é中😀 -"))},
	{re: `^[\u0061-\u007A]+$`, min: 1, max: -1, gen: runesFrom(lower)},
	{re: `^(foo|bar)$`, min: 3, max: 3, gen: func(r *rand.Rand, _ int) string { return pick(r, []string{"foo", "bar"}) }},
	// Unanchored: any string with a digit somewhere matches.
	{re: `[0-9]`, min: 1, max: -1, gen: func(r *rand.Rand, n int) string {
		s := []rune(runesFrom(anyRunes)(r, n-1))
		i := r.IntN(len(s) + 1)
		return string(append(s[:i], append([]rune{pick(r, digit)}, s[i:]...)...))
	}},
}

// patternFor finds a known pattern by its text.
func patternFor(re string) (pattern, bool) {
	for _, p := range patterns {
		if p.re == re {
			return p, true
		}
	}
	return pattern{}, false
}

// stringOf returns a random string of n runes matching pattern re ("" for none).
func stringOf(r *rand.Rand, re string, n int) string {
	if re == "" {
		return runesFrom(anyRunes)(r, n)
	}
	p, ok := patternFor(re)
	if !ok {
		panic("modelgen: unknown pattern " + re)
	}
	return p.gen(r, n)
}

// lengthRange intersects a length bound (lo, hi; hi < 0 unbounded) with a
// pattern's lengths, and reports whether any length is left.
func lengthRange(lo, hi int, re string) (int, int, bool) {
	if re != "" {
		p, _ := patternFor(re)
		lo = max(lo, p.min)
		if p.max >= 0 && (hi < 0 || p.max < hi) {
			hi = p.max
		}
	}
	return lo, hi, hi < 0 || lo <= hi
}
