package ecmaregex

import "unicode/utf8"

// Patterns with backreferences do not describe regular languages, so the
// NFA cannot match them. They are matched instead by a backtracking search
// over the node tree, with Java's semantics (a reference to a group that
// has not matched fails; a group inside a loop keeps its last capture;
// captures made inside a positive lookahead stay visible after it). Its
// cost can be exponential in the input, so every search is bounded: see
// backtrackSteps.

// backtrackSteps bounds the nodes one MatchString call may visit, and
// backtrackDepth how deeply the search may nest (every code point that a
// repeat consumes nests it further). A search that would exceed either
// stops and reports a match: validation in a client is a courtesy check
// in front of the service, which has the final word, so an input must not
// be rejected merely because it was too expensive to check. Both limits
// are far above what patterns of real models need for inputs of a few
// thousand characters.
const (
	backtrackSteps = 1 << 20
	backtrackDepth = 1 << 14
)

// backtracker is the state of one backtracking search.
type backtracker struct {
	s       string
	classes []charClass
	word    int   // Regexp.word
	caps    []int // caps[2i], caps[2i+1]: span of group i, -1 when unset
	steps   int
	depth   int
	out     bool // the budget ran out
}

// backtrackMatch reports whether the pattern matches somewhere in s, or
// true if the search exhausted its budget first.
func (re *Regexp) backtrackMatch(s string) bool {
	b := &backtracker{s: s, classes: re.classes, word: re.word, caps: make([]int, 2*(re.groups+1))}
	accept := func(int) bool { return true }
	for pos := 0; ; {
		for i := range b.caps {
			b.caps[i] = -1
		}
		if b.match(re.tree, pos, accept) {
			return true
		}
		if b.out {
			return true
		}
		if pos >= len(s) || re.anchored {
			return false
		}
		_, w := utf8.DecodeRuneInString(s[pos:])
		pos += w
	}
}

// match reports whether n matches at pos with continuation k accepting
// where it ends. It returns false as soon as the budget is exhausted, with
// b.out set, so that every caller unwinds.
func (b *backtracker) match(n *node, pos int, k func(int) bool) bool {
	if b.out {
		return false
	}
	b.steps++
	b.depth++
	defer func() { b.depth-- }()
	if b.steps > backtrackSteps || b.depth > backtrackDepth {
		b.out = true
		return false
	}
	switch n.kind {
	case nEmpty:
		return k(pos)
	case nChar, nClass:
		if pos >= len(b.s) {
			return false
		}
		r, w := utf8.DecodeRuneInString(b.s[pos:])
		if n.kind == nChar && r != n.r || n.kind == nClass && !b.classes[n.cls].matches(r) {
			return false
		}
		return k(pos + w)
	case nConcat:
		return b.seq(n.subs, pos, k)
	case nAlt:
		for _, s := range n.subs {
			if b.match(s, pos, k) {
				return true
			}
		}
		return false
	case nRepeat:
		if x := n.subs[0]; x.kind == nChar || x.kind == nClass {
			return b.repeatOne(n, x, pos, k)
		}
		return b.repeat(n, 0, pos, k)
	case nAssert:
		return assertAt(n.assert, b.s, pos, b.classes, b.word) && k(pos)
	case nLook:
		return b.look(n, pos, k)
	case nGroup:
		i := 2 * n.cap
		oldStart, oldEnd := b.caps[i], b.caps[i+1]
		if b.match(n.subs[0], pos, func(end int) bool {
			prevStart, prevEnd := b.caps[i], b.caps[i+1]
			b.caps[i], b.caps[i+1] = pos, end
			if k(end) {
				return true
			}
			b.caps[i], b.caps[i+1] = prevStart, prevEnd
			return false
		}) {
			return true
		}
		b.caps[i], b.caps[i+1] = oldStart, oldEnd
		return false
	case nBackref:
		start, end := b.caps[2*n.cap], b.caps[2*n.cap+1]
		if start < 0 {
			return false // Java: a group that has not matched matches nothing
		}
		sub := b.s[start:end]
		if len(b.s)-pos < len(sub) {
			return false
		}
		got := b.s[pos : pos+len(sub)]
		if got != sub && !(n.fold && equalFoldASCII(got, sub)) {
			return false
		}
		return k(pos + len(sub))
	}
	panic("ecmaregex: unknown node kind")
}

func (b *backtracker) seq(subs []*node, pos int, k func(int) bool) bool {
	if len(subs) == 0 {
		return k(pos)
	}
	return b.match(subs[0], pos, func(end int) bool { return b.seq(subs[1:], end, k) })
}

// repeat matches the rest of repeat n after count iterations, greedily.
// An iteration past the minimum that consumes nothing ends the loop, as
// in Java, so that x** style loops terminate.
func (b *backtracker) repeat(n *node, count, pos int, k func(int) bool) bool {
	if n.max >= 0 && count >= n.max {
		return k(pos)
	}
	if b.match(n.subs[0], pos, func(end int) bool {
		if count >= n.min && end == pos {
			return false
		}
		return b.repeat(n, count+1, end, k)
	}) {
		return true
	}
	return count >= n.min && !b.out && k(pos)
}

// repeatOne matches a repeat of one code point without nesting: it takes
// as many as it can, then gives them back one at a time. Long runs such as
// [a-z]* therefore cost steps but no depth.
func (b *backtracker) repeatOne(n, x *node, pos int, k func(int) bool) bool {
	end, count := pos, 0
	for (n.max < 0 || count < n.max) && end < len(b.s) {
		r, w := utf8.DecodeRuneInString(b.s[end:])
		if x.kind == nChar && r != x.r || x.kind == nClass && !b.classes[x.cls].matches(r) {
			break
		}
		end += w
		count++
	}
	if b.steps += count; b.steps > backtrackSteps {
		b.out = true
		return false
	}
	for count >= n.min {
		if k(end) {
			return true
		}
		if b.out || count == n.min {
			return false
		}
		_, w := utf8.DecodeLastRuneInString(b.s[:end])
		end -= w
		count--
	}
	return false
}

// look evaluates a lookaround. Its body is searched once, atomically: a
// positive lookaround keeps the captures of its first match, a negative one
// none. A lookbehind tries every start before pos whose match ends at pos.
func (b *backtracker) look(n *node, pos int, k func(int) bool) bool {
	saved := append([]int(nil), b.caps...)
	found := false
	if n.behind {
		for start := pos; start >= 0 && !found && !b.out; start-- {
			if start < pos && !utf8.RuneStart(b.s[start]) {
				continue
			}
			found = b.match(n.subs[0], start, func(end int) bool { return end == pos })
		}
	} else {
		found = b.match(n.subs[0], pos, func(int) bool { return true })
	}
	if b.out {
		return false
	}
	if found == n.neg {
		copy(b.caps, saved)
		return false
	}
	if n.neg {
		copy(b.caps, saved)
	}
	if k(pos) {
		return true
	}
	copy(b.caps, saved)
	return false
}

// equalFoldASCII reports whether a and b are equal when ASCII letters are
// compared without case, as Java's (?i) backreferences compare them.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
