package ecmaregex

import "unicode/utf8"

// maxPooledTable bounds the lookaround result table a pooled machine may
// keep, so that one huge input does not pin memory for the life of the
// Regexp.
const maxPooledTable = 1 << 16

// queue is a set of program counters: a sparse set for O(1) insertion,
// membership and clearing, plus the consuming instructions in insertion
// order (the NFA threads that step on the next code point).
type queue struct {
	sparse []uint32
	dense  []uint32
	run    []uint32
}

func newQueue(p *prog) queue {
	n := len(p.insts)
	return queue{sparse: make([]uint32, n), dense: make([]uint32, 0, n), run: make([]uint32, 0, p.threads)}
}

func (q *queue) reset() {
	q.dense = q.dense[:0]
	q.run = q.run[:0]
}

// visit adds pc and reports whether it was new.
func (q *queue) visit(pc uint32) bool {
	i := q.sparse[pc]
	if int(i) < len(q.dense) && q.dense[i] == pc {
		return false
	}
	q.sparse[pc] = uint32(len(q.dense))
	q.dense = append(q.dense, pc)
	return true
}

// progState is the scratch space for running one program. Every buffer is
// sized to the program up front, so appends never reallocate: an
// instruction enters a queue at most once per position, and pushes onto
// the stack only when it enters.
type progState struct {
	cur, next queue
	stack     []uint32
}

func newProgState(p *prog) progState {
	return progState{cur: newQueue(p), next: newQueue(p), stack: make([]uint32, 0, p.stack)}
}

// machine holds everything one MatchString call needs. Machines are
// pooled per Regexp; one is used by one goroutine at a time.
type machine struct {
	re    *Regexp
	s     string
	main  progState
	looks []progState // one per lookaround body
	// table[k*(len(s)+1)+pos] is the result of lookaround body k at pos
	// (before applying its negation), valid once done[k] is set.
	table []bool
	done  []bool
}

func newMachine(re *Regexp) *machine {
	m := &machine{re: re, main: newProgState(&re.main)}
	if len(re.looks) > 0 {
		m.looks = make([]progState, len(re.looks))
		for i := range re.looks {
			m.looks[i] = newProgState(&re.looks[i])
		}
		m.done = make([]bool, len(re.looks))
	}
	return m
}

// release drops references to the input and oversized buffers before the
// machine goes back to the pool.
func (m *machine) release() {
	m.s = ""
	if cap(m.table) > maxPooledTable {
		m.table = nil
	}
}

func (m *machine) match(s string) bool {
	m.s = s
	if n := len(m.re.looks); n > 0 {
		size := n * (len(s) + 1)
		if cap(m.table) < size {
			m.table = make([]bool, size)
		}
		m.table = m.table[:size]
		for i := range m.done {
			m.done[i] = false
		}
	}
	return m.run()
}

// run is the Thompson NFA simulation of the main program: one pass over
// the input, starting a new thread at every position (unless the pattern
// is anchored) and stopping at the first match.
func (m *machine) run() bool {
	re, s := m.re, m.s
	p, st := &re.main, &m.main
	cur, next := &st.cur, &st.next
	cur.reset()
	for pos := 0; ; {
		if (!re.anchored || pos == 0) && m.add(p, st, cur, p.start, pos) {
			return true
		}
		if pos >= len(s) || len(cur.run) == 0 && re.anchored {
			return false
		}
		var r rune
		w := 1
		if r = rune(s[pos]); r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[pos:])
		}
		next.reset()
		if m.step(p, st, cur, next, r, pos+w, true) {
			return true
		}
		cur, next = next, cur
		pos += w
	}
}

// add puts pc and everything reachable from it by epsilon transitions at
// input offset pos into q. It reports whether opMatch was reached. The
// traversal uses an explicit stack, so long chains of splits (from big
// counted repeats) cannot grow the goroutine stack.
func (m *machine) add(p *prog, st *progState, q *queue, pc uint32, pos int) bool {
	matched := false
	stack := append(st.stack[:0], pc)
	for len(stack) > 0 {
		pc = stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !q.visit(pc) {
			continue
		}
		in := &p.insts[pc]
		switch in.op {
		case opMatch:
			matched = true
		case opChar, opClass:
			q.run = append(q.run, pc)
		case opSplit:
			stack = append(stack, in.arg, in.out)
		case opAssert:
			if m.assert(assertKind(in.arg), pos) {
				stack = append(stack, in.out)
			}
		case opLook:
			if m.look(int(in.arg), pos) != in.neg {
				stack = append(stack, in.out)
			}
		}
	}
	st.stack = stack
	return matched
}

// step advances every thread of cur over code point r into next, whose
// threads are then at offset npos. It reports whether a thread matched;
// with first set it returns as soon as one does.
func (m *machine) step(p *prog, st *progState, cur, next *queue, r rune, npos int, first bool) bool {
	matched := false
	for _, pc := range cur.run {
		in := &p.insts[pc]
		var ok bool
		if in.op == opChar {
			ok = rune(in.arg) == r
		} else {
			ok = m.re.classes[in.arg].matches(r)
		}
		if ok && m.add(p, st, next, in.out, npos) {
			if first {
				return true
			}
			matched = true
		}
	}
	return matched
}

func (m *machine) assert(k assertKind, pos int) bool {
	return assertAt(k, m.s, pos, m.re.classes, m.re.word)
}

// assertAt reports whether the zero-width test k holds at offset pos of s;
// classes[word] and classes[word+1] are the sets \b needs.
func assertAt(k assertKind, s string, pos int, classes []charClass, word int) bool {
	switch k {
	case assertBegin:
		return pos == 0
	case assertInputEnd:
		return pos == len(s)
	case assertEnd:
		// Java's $ without MULTILINE (and \Z): at the end of the input, or
		// before a line terminator that ends it, \r\n counting as one. A
		// value with a trailing newline is therefore accepted by ^abc$.
		switch rest := s[pos:]; rest {
		case "", "\r\n", "\r", "\u0085", "\u2028", "\u2029":
			return true
		case "\n":
			return pos == 0 || s[pos-1] != '\r' // not between \r and \n
		}
		return false
	case assertLineBegin:
		// Java's MULTILINE ^: at the start of the input or after a line
		// terminator, but never at the very end of the input (even an
		// empty one) and never between the \r and \n of a CRLF.
		if pos == len(s) {
			return false
		}
		if pos == 0 {
			return true
		}
		r, _ := utf8.DecodeLastRuneInString(s[:pos])
		return isLineTerminator(r) && !(r == '\r' && s[pos] == '\n')
	case assertLineEnd:
		// Java's MULTILINE $: at the end of the input or before a line
		// terminator, but not between the \r and \n of a CRLF.
		if pos == len(s) {
			return true
		}
		r, _ := utf8.DecodeRuneInString(s[pos:])
		return isLineTerminator(r) && !(r == '\n' && pos > 0 && s[pos-1] == '\r')
	}
	return wordBoundary(s, pos, &classes[word], &classes[word+1]) == (k == assertWordBoundary)
}

// wordBoundary is Java 17's \b (without UNICODE_CHARACTER_CLASS), which
// unlike its \w is not ASCII: a word character is a letter, a decimal
// digit or _ (the class word), and so is a non-spacing mark (mark) that
// follows a letter or digit, possibly through other marks. Java walks
// back over UTF-16 units, so a supplementary code point stops that walk:
// it is neither a mark that continues the run nor a base for it.
//
// Only a position just after a run of marks needs a walk back, over that
// run; every other case is decided by the two neighbouring code points,
// so the cost stays linear in the input.
func wordBoundary(s string, pos int, word, mark *charClass) bool {
	prev, next := rune(-1), rune(-1)
	if pos > 0 {
		prev, _ = utf8.DecodeLastRuneInString(s[:pos])
	}
	if pos < len(s) {
		next, _ = utf8.DecodeRuneInString(s[pos:])
	}
	prevMark := prev >= 0 && prev <= 0xFFFF && mark.matches(prev)
	if next >= 0 && mark.matches(next) {
		if prevMark {
			return false // inside one run of marks: both sides agree
		}
		// The mark is a word character exactly when prev is a BMP letter
		// or digit, and then so is prev: a boundary only when prev is a
		// word character that cannot carry marks (_ or a supplementary).
		return prev >= 0 && word.matches(prev) && (prev == '_' || prev > 0xFFFF)
	}
	before := prev >= 0 && word.matches(prev)
	if prevMark {
		before = markRunHasBase(s, pos, word, mark)
	}
	after := next >= 0 && word.matches(next)
	return before != after
}

// markRunHasBase reports whether the BMP non-spacing marks just before pos
// follow a BMP letter or digit.
func markRunHasBase(s string, pos int, word, mark *charClass) bool {
	for pos > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:pos])
		if r > 0xFFFF {
			return false
		}
		if !mark.matches(r) {
			return r != '_' && word.matches(r)
		}
		pos -= w
	}
	return false
}

// isLineTerminator reports whether r ends a line for Java's MULTILINE
// anchors: \n, \r, U+0085, U+2028 and U+2029.
func isLineTerminator(r rune) bool {
	return r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029
}

// look reports whether lookaround body k matches at pos, computing the
// answers for all positions the first time it is asked during a match.
func (m *machine) look(k, pos int) bool {
	if !m.done[k] {
		m.fillLook(k)
		m.done[k] = true
	}
	return m.table[k*(len(m.s)+1)+pos]
}

// fillLook records, for every position, whether lookaround body k matches
// there. A lookahead holds at pos if its body matches s[pos:q] for some q:
// its program is compiled reversed and run backward from the end of the
// input, starting a thread at every position, so reaching opMatch at pos
// means some such q exists. A lookbehind is the mirror image: its body
// runs forward and reaching opMatch at pos means it matches some s[q:pos].
// Each table costs one linear pass, whatever the number of positions it
// is consulted at, so lookarounds keep matching linear.
func (m *machine) fillLook(k int) {
	s := m.s
	n := len(s) + 1
	table := m.table[k*n : (k+1)*n]
	for i := range table {
		table[i] = false
	}
	p, st := &m.re.looks[k], &m.looks[k]
	cur, next := &st.cur, &st.next
	cur.reset()
	backward := p.backward
	pos := 0
	if backward {
		pos = len(s)
	}
	for {
		hit := m.add(p, st, cur, p.start, pos)
		var r rune
		var npos int
		if backward {
			if pos == 0 {
				table[pos] = table[pos] || hit
				return
			}
			w := 1
			if r = rune(s[pos-1]); r >= utf8.RuneSelf {
				r, w = utf8.DecodeLastRuneInString(s[:pos])
			}
			npos = pos - w
		} else {
			if pos == len(s) {
				table[pos] = table[pos] || hit
				return
			}
			w := 1
			if r = rune(s[pos]); r >= utf8.RuneSelf {
				r, w = utf8.DecodeRuneInString(s[pos:])
			}
			npos = pos + w
		}
		table[pos] = table[pos] || hit
		next.reset()
		if m.step(p, st, cur, next, r, npos, false) {
			table[npos] = true
		}
		cur, next = next, cur
		pos = npos
	}
}
