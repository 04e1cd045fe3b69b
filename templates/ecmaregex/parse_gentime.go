package ecmaregex

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// maxProgSize bounds the total number of instructions of a compiled pattern
// (main program plus lookaround bodies). Counted repeats are compiled by
// copying their body, so this is what keeps {n,m} from exhausting memory;
// it is large enough for every pattern seen in AWS models (the biggest is a
// class repeated {0,8192}, about 16k instructions).
const maxProgSize = 1 << 17

// maxDepth bounds group nesting so that the recursive parser and compiler
// cannot overflow the stack on hostile input.
const maxDepth = 500

// altStep records that the parser is inside alternative alt of
// disjunction disj; a list of them locates a named group for the duplicate
// name rule.
type altStep struct {
	disj, alt int
}

type groupName struct {
	name string
	path []altStep
}

type parser struct {
	src      string
	pos      int
	depth    int
	lookSize int // total size of lookaround bodies, compiled separately
	disjs    int
	path     []altStep
	names    []groupName
	out      parsed
}

func (p *parser) errorf(offset int, msg string) error {
	return &Error{Pattern: p.src, Offset: offset, Msg: msg}
}

// parse turns an ECMA-262 u-mode pattern into a node tree.
func parse(src string) (*parsed, error) {
	for i := 0; i < len(src); {
		r, w := utf8.DecodeRuneInString(src[i:])
		if r == utf8.RuneError && w == 1 {
			return nil, &Error{Pattern: src, Offset: i, Msg: "invalid UTF-8"}
		}
		i += w
	}
	p := &parser{src: src}
	root, err := p.parseDisjunction()
	if err != nil {
		return nil, err
	}
	if p.pos < len(src) {
		// parseDisjunction stops only at the end or at ')'.
		return nil, p.errorf(p.pos, "unmatched ')'")
	}
	if root.size+p.lookSize+1 > maxProgSize {
		return nil, p.errorf(0, "pattern too large: it compiles to more than "+strconv.Itoa(maxProgSize)+" instructions")
	}
	p.out.root = root
	return &p.out, nil
}

// addSize adds instruction counts, saturating so that huge repeat counts
// cannot overflow int.
func addSize(a, b int) int {
	if a+b > maxProgSize {
		return maxProgSize + 1
	}
	return a + b
}

// mulSize multiplies an instruction count by a repeat count, saturating.
func mulSize(a, n int) int {
	if a == 0 || n == 0 {
		return 0
	}
	if a > (maxProgSize+1)/n {
		return maxProgSize + 1
	}
	return addSize(a*n, 0)
}

func (p *parser) checkSize(n *node, offset int) error {
	if n.size+p.lookSize > maxProgSize {
		return p.errorf(offset, "pattern too large: it compiles to more than "+strconv.Itoa(maxProgSize)+" instructions")
	}
	return nil
}

// parseDisjunction parses Alternative ('|' Alternative)* and stops at the
// end of the pattern or at an unconsumed ')'.
func (p *parser) parseDisjunction() (*node, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		return nil, p.errorf(p.pos, "groups nested too deeply")
	}
	disj := p.disjs
	p.disjs++
	var alts []*node
	for i := 0; ; i++ {
		p.path = append(p.path, altStep{disj: disj, alt: i})
		a, err := p.parseAlternative()
		p.path = p.path[:len(p.path)-1]
		if err != nil {
			return nil, err
		}
		alts = append(alts, a)
		if p.pos < len(p.src) && p.src[p.pos] == '|' {
			p.pos++
			continue
		}
		break
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	n := &node{kind: nAlt, subs: alts, size: len(alts) - 1}
	for _, a := range alts {
		n.size = addSize(n.size, a.size)
	}
	return n, p.checkSize(n, p.pos)
}

func (p *parser) parseAlternative() (*node, error) {
	var terms []*node
	size := 0
	for p.pos < len(p.src) {
		if c := p.src[p.pos]; c == '|' || c == ')' {
			break
		}
		t, err := p.parseTerm()
		if err != nil {
			return nil, err
		}
		if t.kind == nEmpty {
			continue
		}
		terms = append(terms, t)
		size = addSize(size, t.size)
	}
	switch len(terms) {
	case 0:
		return &node{kind: nEmpty}, nil
	case 1:
		return terms[0], nil
	}
	n := &node{kind: nConcat, subs: terms, size: size}
	return n, p.checkSize(n, p.pos)
}

func (p *parser) lookingAt(prefix string) bool {
	return len(p.src)-p.pos >= len(prefix) && p.src[p.pos:p.pos+len(prefix)] == prefix
}

// parseTerm parses an assertion, or an atom with an optional quantifier.
func (p *parser) parseTerm() (*node, error) {
	start := p.pos
	var atom *node
	switch p.src[p.pos] {
	case '^':
		p.pos++
		return p.parseQuantifier(&node{kind: nAssert, assert: assertBegin, size: 1})
	case '$':
		p.pos++
		return p.parseQuantifier(&node{kind: nAssert, assert: assertEnd, size: 1})
	case '\\':
		if p.pos+1 < len(p.src) {
			kind, ok := assertKind(0), true
			switch p.src[p.pos+1] {
			case 'b':
				kind = assertWordBoundary
			case 'B':
				kind = assertNotWordBoundary
			case 'A': // Java extension: start of input
				kind = assertBegin
			case 'z', 'Z': // Java extension: end of input
				kind = assertEnd
			default:
				ok = false
			}
			if ok {
				p.pos += 2
				return p.parseQuantifier(&node{kind: nAssert, assert: kind, size: 1})
			}
		}
		var err error
		if atom, err = p.parseAtomEscape(); err != nil {
			return nil, err
		}
	case '(':
		for _, l := range [...]struct {
			prefix      string
			behind, neg bool
		}{{"(?=", false, false}, {"(?!", false, true}, {"(?<=", true, false}, {"(?<!", true, true}} {
			if p.lookingAt(l.prefix) {
				// Lookarounds take no quantifier in u-mode; a following
				// quantifier is reported as "nothing to repeat".
				p.pos += len(l.prefix)
				return p.parseLook(start, l.behind, l.neg)
			}
		}
		var err error
		if atom, err = p.parseGroup(); err != nil {
			return nil, err
		}
	case '.':
		p.pos++
		atom = p.classNode(newClass(runeSet{ranges: dotRanges()}, false))
	case '[':
		var err error
		if atom, err = p.parseClass(); err != nil {
			return nil, err
		}
	case '*', '+', '?':
		return nil, p.errorf(start, "nothing to repeat")
	case '{':
		if _, _, _, ok := p.scanBraces(); ok {
			return nil, p.errorf(start, "nothing to repeat")
		}
		return nil, p.errorf(start, "lone '{' (escape it as \\{)")
	case '}':
		return nil, p.errorf(start, "lone '}' (escape it as \\})")
	case ']':
		return nil, p.errorf(start, "lone ']' (escape it as \\])")
	default:
		r, w := utf8.DecodeRuneInString(p.src[p.pos:])
		p.pos += w
		atom = &node{kind: nChar, r: r, size: 1}
	}
	return p.parseQuantifier(atom)
}

// scanBraces reads a {n}, {n,} or {n,m} quantifier at p.pos without
// consuming it. Counts saturate rather than overflow; the size check
// rejects anything that large anyway.
func (p *parser) scanBraces() (min, max, end int, ok bool) {
	i := p.pos + 1
	num := func() (int, bool) {
		startNum := i
		n := 0
		for i < len(p.src) && p.src[i] >= '0' && p.src[i] <= '9' {
			if n <= 1<<30 {
				n = n*10 + int(p.src[i]-'0')
			}
			i++
		}
		return n, i > startNum
	}
	min, ok = num()
	if !ok {
		return 0, 0, 0, false
	}
	max = min
	if i < len(p.src) && p.src[i] == ',' {
		i++
		var bounded bool
		if max, bounded = num(); !bounded {
			max = -1
		}
	}
	if i >= len(p.src) || p.src[i] != '}' {
		return 0, 0, 0, false
	}
	return min, max, i + 1, true
}

func (p *parser) parseQuantifier(atom *node) (*node, error) {
	if p.pos >= len(p.src) {
		return atom, nil
	}
	start := p.pos
	var min, max int
	switch p.src[p.pos] {
	case '*':
		min, max = 0, -1
		p.pos++
	case '+':
		min, max = 1, -1
		p.pos++
	case '?':
		min, max = 0, 1
		p.pos++
	case '{':
		var end int
		var ok bool
		if min, max, end, ok = p.scanBraces(); !ok {
			return nil, p.errorf(start, "incomplete quantifier (escape a literal '{' as \\{)")
		}
		if max >= 0 && min > max {
			return nil, p.errorf(start, "numbers out of order in {} quantifier")
		}
		p.pos = end
	default:
		return atom, nil
	}
	if p.pos < len(p.src) && p.src[p.pos] == '?' {
		p.pos++ // lazy: same set of matches, so the same boolean result
	}
	if max == 0 || atom.kind == nEmpty {
		// Repeating the empty string, or repeating anything zero times,
		// matches exactly the empty string.
		return &node{kind: nEmpty}, nil
	}
	if atom.kind == nAssert {
		// Java extension: a quantified anchor or word boundary. Being
		// zero-width, it holds n>=1 times exactly when it holds once, and
		// zero times always.
		if min == 0 {
			return &node{kind: nEmpty}, nil
		}
		return atom, nil
	}
	if min == 1 && max == 1 {
		return atom, nil
	}
	n := &node{kind: nRepeat, min: min, max: max, subs: []*node{atom}}
	s := atom.size
	if max < 0 {
		// min-1 copies, then a copy looping through one split.
		if min == 0 {
			n.size = addSize(s, 1)
		} else {
			n.size = addSize(mulSize(s, min), 1)
		}
	} else {
		// min copies, then max-min optional copies each behind a split.
		n.size = addSize(mulSize(s, min), mulSize(addSize(s, 1), max-min))
	}
	return n, p.checkSize(n, start)
}

// parseLook parses the body of a lookaround whose opening was consumed.
func (p *parser) parseLook(start int, behind, neg bool) (*node, error) {
	body, err := p.parseDisjunction()
	if err != nil {
		return nil, err
	}
	if p.pos >= len(p.src) {
		return nil, p.errorf(start, "unterminated group")
	}
	p.pos++ // ')'
	n := &node{kind: nLook, behind: behind, neg: neg, look: len(p.out.looks), size: 1, subs: []*node{body}}
	p.out.looks = append(p.out.looks, n)
	// The body is compiled once into its own program plus a match
	// instruction, however often the lookaround is copied by a repeat.
	p.lookSize = addSize(p.lookSize, addSize(body.size, 1))
	return n, p.checkSize(&node{}, start)
}

// parseGroup parses (...), (?:...) and (?<name>...).
func (p *parser) parseGroup() (*node, error) {
	start := p.pos
	p.pos++ // '('
	if p.lookingAt("?:") {
		p.pos += 2
	} else if p.lookingAt("?<") {
		p.pos += 2
		if err := p.parseGroupName(); err != nil {
			return nil, err
		}
	} else if p.lookingAt("?") {
		return nil, p.errorf(start, "invalid group: flags, modifiers and other (? forms are not supported")
	}
	body, err := p.parseDisjunction()
	if err != nil {
		return nil, err
	}
	if p.pos >= len(p.src) {
		return nil, p.errorf(start, "unterminated group")
	}
	p.pos++ // ')'
	return body, nil
}

// parseGroupName parses "name>" of a named group and rejects names that
// ECMA-262 rejects. Names are otherwise unused since backreferences are
// not supported.
func (p *parser) parseGroupName() error {
	start := p.pos
	var name []rune
	for {
		if p.pos >= len(p.src) {
			return p.errorf(start, "unterminated group name")
		}
		c := p.src[p.pos]
		if c == '>' {
			p.pos++
			break
		}
		var r rune
		if c == '\\' {
			if !p.lookingAt("\\u") {
				return p.errorf(p.pos, "invalid escape in group name")
			}
			escStart := p.pos
			p.pos++
			var err error
			if r, err = p.parseUnicodeEscape(escStart); err != nil {
				return err
			}
		} else {
			var w int
			r, w = utf8.DecodeRuneInString(p.src[p.pos:])
			p.pos += w
		}
		if len(name) == 0 && !isIDStart(r) || len(name) > 0 && !isIDContinue(r) {
			return p.errorf(start, "invalid group name")
		}
		name = append(name, r)
	}
	if len(name) == 0 {
		return p.errorf(start, "empty group name")
	}
	g := groupName{name: string(name), path: append([]altStep(nil), p.path...)}
	for _, other := range p.names {
		if other.name == g.name && mightBothParticipate(other.path, g.path) {
			return p.errorf(start, "duplicate group name "+g.name)
		}
	}
	p.names = append(p.names, g)
	return nil
}

// mightBothParticipate implements the ES2025 rule that two groups may share
// a name only if they are in different alternatives of some disjunction.
func mightBothParticipate(a, b []altStep) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i].disj != b[i].disj {
			return true
		}
		if a[i].alt != b[i].alt {
			return false
		}
	}
	return true
}

func isIDStart(r rune) bool {
	return r == '$' || r == '_' || unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) ||
		unicode.Is(unicode.Other_ID_Start, r)
}

func isIDContinue(r rune) bool {
	return isIDStart(r) || r == 0x200C || r == 0x200D ||
		unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Other_ID_Continue)
}

// parseAtomEscape parses an escape outside a class (p.pos is at '\').
// Assertion escapes have already been handled by parseTerm.
func (p *parser) parseAtomEscape() (*node, error) {
	start := p.pos
	p.pos++
	if p.pos >= len(p.src) {
		return nil, p.errorf(start, "\\ at end of pattern")
	}
	c := p.src[p.pos]
	switch {
	case c >= '1' && c <= '9':
		return nil, p.errorf(start, "backreferences are not supported")
	case c == 'k':
		return nil, p.errorf(start, "named backreferences (\\k<name>) are not supported")
	}
	if set, ok, err := p.parseClassEscape(start); err != nil {
		return nil, err
	} else if ok {
		return p.classNode(newClass(set, false)), nil
	}
	r, err := p.parseCharacterEscape(start)
	if err != nil {
		return nil, err
	}
	return &node{kind: nChar, r: r, size: 1}, nil
}

// parseClassEscape parses \d \D \w \W \s \S \p{..} \P{..} (p.pos is at the
// letter after '\'). ok is false, and nothing is consumed, for any other
// escape.
func (p *parser) parseClassEscape(start int) (set runeSet, ok bool, err error) {
	switch c := p.src[p.pos]; c {
	case 'd', 'D':
		set = runeSet{ranges: digitRanges()}
	case 'w', 'W':
		set = runeSet{ranges: wordRanges()}
	case 's', 'S':
		set = runeSet{ranges: spaceRanges()}
	case 'p', 'P':
		p.pos++
		if !p.lookingAt("{") {
			return runeSet{}, false, p.errorf(start, "\\"+string(c)+" must be followed by {name}")
		}
		end := p.pos + 1
		for end < len(p.src) && p.src[end] != '}' {
			b := p.src[end]
			if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '=') {
				return runeSet{}, false, p.errorf(end, "invalid character in Unicode property name")
			}
			end++
		}
		if end >= len(p.src) {
			return runeSet{}, false, p.errorf(start, "unterminated Unicode property escape")
		}
		set, msg := unicodeProperty(p.src[p.pos+1 : end])
		if msg != "" {
			return runeSet{}, false, p.errorf(start, msg)
		}
		p.pos = end + 1
		if c == 'P' {
			set = set.negate()
		}
		return set, true, nil
	default:
		return runeSet{}, false, nil
	}
	if c := p.src[p.pos]; c == 'D' || c == 'W' || c == 'S' {
		set = set.negate()
	}
	p.pos++
	return set, true, nil
}

// parseCharacterEscape parses an escape that denotes one code point
// (p.pos is at the character after '\'; start is the '\').
func (p *parser) parseCharacterEscape(start int) (rune, error) {
	c := p.src[p.pos]
	switch c {
	case 't':
		p.pos++
		return '\t', nil
	case 'n':
		p.pos++
		return '\n', nil
	case 'r':
		p.pos++
		return '\r', nil
	case 'v':
		p.pos++
		return '\v', nil
	case 'f':
		p.pos++
		return '\f', nil
	case 'c':
		if p.pos+1 < len(p.src) {
			if l := p.src[p.pos+1]; l >= 'a' && l <= 'z' || l >= 'A' && l <= 'Z' {
				p.pos += 2
				return rune(l) % 32, nil
			}
		}
		return 0, p.errorf(start, "invalid \\c escape (needs an ASCII letter)")
	case '0':
		if p.pos+1 < len(p.src) && p.src[p.pos+1] >= '0' && p.src[p.pos+1] <= '9' {
			return 0, p.errorf(start, "invalid decimal escape (octal escapes are not allowed)")
		}
		p.pos++
		return 0, nil
	case 'x':
		if p.pos+1 < len(p.src) && p.src[p.pos+1] == '{' {
			// Java extension: \x{h...h}.
			p.pos += 2
			return p.parseBracedHex(start)
		}
		if p.pos+2 < len(p.src) {
			if h, l := hexVal(p.src[p.pos+1]), hexVal(p.src[p.pos+2]); h >= 0 && l >= 0 {
				p.pos += 3
				return rune(h<<4 | l), nil
			}
		}
		return 0, p.errorf(start, "invalid \\x escape (needs two hex digits)")
	case 'u':
		return p.parseUnicodeEscape(start)
	}
	if c < utf8.RuneSelf && isIdentityEscape(c) {
		p.pos++
		return rune(c), nil
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return 0, p.errorf(start, "invalid escape \\"+string(r))
}

// isIdentityEscape reports whether \c means c. ECMA u-mode allows this for
// the syntax characters and '/'; as a Java extension every other ASCII
// punctuation character is allowed too (see the package documentation).
func isIdentityEscape(c byte) bool {
	return c > ' ' && c < 0x7F && !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// parseBracedHex parses "h...h}" (p.pos is after the '{').
func (p *parser) parseBracedHex(start int) (rune, error) {
	v, digits := 0, 0
	for p.pos < len(p.src) && hexVal(p.src[p.pos]) >= 0 {
		v = v<<4 | hexVal(p.src[p.pos])
		if v > unicode.MaxRune {
			return 0, p.errorf(start, "code point out of range")
		}
		digits++
		p.pos++
	}
	if digits == 0 || p.pos >= len(p.src) || p.src[p.pos] != '}' {
		return 0, p.errorf(start, "invalid braced hexadecimal escape")
	}
	p.pos++
	return rune(v), nil
}

// hex4 reads four hex digits at i, or returns -1.
func (p *parser) hex4(i int) int {
	if i+4 > len(p.src) {
		return -1
	}
	v := 0
	for _, c := range []byte(p.src[i : i+4]) {
		h := hexVal(c)
		if h < 0 {
			return -1
		}
		v = v<<4 | h
	}
	return v
}

// parseUnicodeEscape parses \uXXXX, \u{X...} and, as u-mode requires, a
// surrogate pair written as two \uXXXX escapes (p.pos is at the 'u').
func (p *parser) parseUnicodeEscape(start int) (rune, error) {
	if p.pos+1 < len(p.src) && p.src[p.pos+1] == '{' {
		p.pos += 2
		return p.parseBracedHex(start)
	}
	v := p.hex4(p.pos + 1)
	if v < 0 {
		return 0, p.errorf(start, "invalid \\u escape (needs four hex digits or {...})")
	}
	p.pos += 5
	if v >= 0xD800 && v <= 0xDBFF && p.lookingAt("\\u") {
		if t := p.hex4(p.pos + 2); t >= 0xDC00 && t <= 0xDFFF {
			p.pos += 6
			return rune((v-0xD800)<<10|(t-0xDC00)) + 0x10000, nil
		}
	}
	return rune(v), nil
}

// parseClass parses [...] (p.pos is at '[').
func (p *parser) parseClass() (*node, error) {
	start := p.pos
	p.pos++
	neg := false
	if p.lookingAt("^") {
		neg = true
		p.pos++
	}
	var set runeSet
	for {
		if p.pos >= len(p.src) {
			return nil, p.errorf(start, "unterminated character class")
		}
		if p.src[p.pos] == ']' {
			p.pos++
			break
		}
		atomStart := p.pos
		lo, loSet, isSet, err := p.parseClassAtom()
		if err != nil {
			return nil, err
		}
		// A '-' between two atoms makes a range unless it is last.
		if p.pos+1 < len(p.src) && p.src[p.pos] == '-' && p.src[p.pos+1] != ']' {
			p.pos++
			hiStart := p.pos
			hi, _, hiIsSet, err := p.parseClassAtom()
			if err != nil {
				return nil, err
			}
			if isSet || hiIsSet {
				if !isSet {
					atomStart = hiStart
				}
				return nil, p.errorf(atomStart, "a class escape cannot be a range bound")
			}
			if lo > hi {
				return nil, p.errorf(atomStart, "range out of order in character class")
			}
			set.ranges = append(set.ranges, runeRange{lo, hi})
			continue
		}
		if isSet {
			set.add(loSet)
		} else {
			set.ranges = append(set.ranges, runeRange{lo, lo})
		}
	}
	if !neg && len(set.items) == 0 && len(set.ranges) == 1 && set.ranges[0].lo == set.ranges[0].hi {
		return &node{kind: nChar, r: set.ranges[0].lo, size: 1}, nil
	}
	return p.classNode(newClass(set, neg)), nil
}

// parseClassAtom parses one class member: a code point, or a class escape
// such as \d or \p{L} (isSet).
func (p *parser) parseClassAtom() (r rune, set runeSet, isSet bool, err error) {
	if p.src[p.pos] != '\\' {
		r, w := utf8.DecodeRuneInString(p.src[p.pos:])
		p.pos += w
		return r, runeSet{}, false, nil
	}
	start := p.pos
	p.pos++
	if p.pos >= len(p.src) {
		return 0, runeSet{}, false, p.errorf(start, "\\ at end of pattern")
	}
	switch c := p.src[p.pos]; {
	case c == 'b':
		p.pos++
		return '\b', runeSet{}, false, nil
	case c >= '1' && c <= '9':
		return 0, runeSet{}, false, p.errorf(start, "invalid class escape (backreferences are not allowed in a class)")
	}
	if set, ok, err := p.parseClassEscape(start); err != nil || ok {
		return 0, set, ok, err
	}
	r, err = p.parseCharacterEscape(start)
	return r, runeSet{}, false, err
}

func (p *parser) classNode(c charClass) *node {
	p.out.classes = append(p.out.classes, c)
	return &node{kind: nClass, cls: len(p.out.classes) - 1, size: 1}
}

// Error describes why a pattern failed to compile.
type Error struct {
	Pattern string // the pattern that failed to compile
	Offset  int    // byte offset in Pattern where the problem was found
	Msg     string // what is wrong
}

// Error returns a message naming the problem and where it is.
func (e *Error) Error() string {
	return "ecmaregex: " + e.Msg + " at offset " + strconv.Itoa(e.Offset) +
		" in " + strconv.Quote(e.Pattern)
}

// Compile parses an ECMA-262 pattern (u-mode, no flags, with the extensions
// listed in the package documentation) and returns a Regexp that can match
// it. The error is an *Error when the pattern is invalid or too large.
func Compile(pattern string) (*Regexp, error) {
	tree, err := parse(pattern)
	if err != nil {
		return nil, err
	}
	re := &Regexp{
		expr:     pattern,
		classes:  tree.classes,
		anchored: anchoredAtStart(tree.root),
	}
	re.main = compileProg(tree.root, false)
	re.looks = make([]prog, len(tree.looks))
	for i, l := range tree.looks {
		// A lookahead body is run backward from the end of the input, and
		// a lookbehind body forward from its start; see machine.fillLook.
		re.looks[i] = compileProg(l.subs[0], !l.behind)
	}
	return re, nil
}

// MustCompile is like Compile but panics if the pattern cannot be compiled.
// It is meant for patterns that are known to be valid, such as those taken
// from a model at code generation time.
func MustCompile(pattern string) *Regexp {
	re, err := Compile(pattern)
	if err != nil {
		panic("ecmaregex: Compile(" + strconv.Quote(pattern) + "): " + err.Error())
	}
	return re
}
