package ecmaregex

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxProgSize bounds the total number of instructions of a compiled pattern
// (main program plus lookaround bodies). Counted repeats are compiled by
// copying their body, so this is what keeps {n,m} from exhausting memory;
// it is large enough for every pattern seen in AWS models (the biggest is
// .{1,100000}, about 200k instructions).
const maxProgSize = 1 << 18

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

// modes are Java's inline flags that this package supports.
type modes struct {
	fold      bool // (?i): ASCII letters match either case
	multiline bool // (?m): ^ and $ match at line terminators
	dotAll    bool // (?s): . matches every code point
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
	modes    modes
	groups   int            // capturing groups opened so far
	numbers  map[string]int // group number of each name
	backrefs bool           // the pattern has a backreference
	maxRef   int            // the highest group number referred to

	// javaClasses selects Java's reading of classes, where [ opens a
	// nested class, && intersects and a leading ] is a member;
	// javaClassSyntax records that the ECMA reading met one of them, so
	// that parse can retry the Java way.
	javaClasses     bool
	javaClassSyntax bool
}

// errorf reports a pattern that java.util.regex rejects too.
func (p *parser) errorf(offset int, msg string) error {
	return &Error{Pattern: p.src, Offset: offset, Msg: msg, JavaRejects: true}
}

// unsupported reports a pattern that is valid Java (or might be) but that
// this package does not implement.
func (p *parser) unsupported(offset int, msg string) error {
	return &Error{Pattern: p.src, Offset: offset, Msg: msg}
}

// parse turns a pattern into a node tree.
func parse(src string) (*parsed, error) {
	for i := 0; i < len(src); {
		r, w := utf8.DecodeRuneInString(src[i:])
		if r == utf8.RuneError && w == 1 {
			return nil, &Error{Pattern: src, Offset: i, Msg: "invalid UTF-8"}
		}
		i += w
	}
	out, p, err := parseAs(src, false)
	if p.javaClassSyntax {
		// The pattern has a class that Java reads differently (with a
		// nested class, && or a leading ]). Java's reading, when Java
		// accepts it, is the pattern's meaning; ECMA-262's is kept only
		// for a pattern that Java rejects.
		jout, _, jerr := parseAs(src, true)
		if jerr == nil || err != nil {
			return jout, jerr
		}
	}
	return out, err
}

func parseAs(src string, javaClasses bool) (*parsed, *parser, error) {
	p := &parser{src: src, javaClasses: javaClasses, numbers: map[string]int{}}
	p.out.word = -1
	root, err := p.parseDisjunction()
	if err != nil {
		return nil, p, err
	}
	if p.pos < len(src) {
		// parseDisjunction stops only at the end or at ')'.
		return nil, p, p.errorf(p.pos, "unmatched ')'")
	}
	if p.backrefs {
		// A reference to a group that does not exist is to one that never
		// matches: counting it among the groups gives it an unset slot.
		p.out.groups = max(p.groups, p.maxRef)
	} else {
		// Captures are never reported, so without backreferences groups
		// are only grouping: the NFA needs no node for them.
		root = stripGroups(root)
	}
	// Number lookarounds in the order the tree lists them, which is the
	// order Prepared.build numbers them in; lowering a possessive
	// quantifier copies its operand, lookarounds included.
	p.out.looks = nil
	p.lookSize = 0
	p.numberLooks(root)
	if root.size+p.lookSize+1 > maxProgSize {
		return nil, p, p.unsupported(0, "pattern too large: it compiles to more than "+strconv.Itoa(maxProgSize)+" instructions")
	}
	p.out.root = root
	return &p.out, p, nil
}

// stripGroups replaces every nGroup by its body.
func stripGroups(n *node) *node {
	for n.kind == nGroup {
		n = n.subs[0]
	}
	for i, s := range n.subs {
		n.subs[i] = stripGroups(s)
	}
	return n
}

// numberLooks lists the lookarounds of n in post-order (a body's own
// lookarounds first) and totals their program sizes.
func (p *parser) numberLooks(n *node) {
	for _, s := range n.subs {
		p.numberLooks(s)
	}
	if n.kind == nLook {
		n.look = len(p.out.looks)
		p.out.looks = append(p.out.looks, n)
		p.lookSize = addSize(p.lookSize, addSize(n.subs[0].size, 1))
	}
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
		return p.unsupported(offset, "pattern too large: it compiles to more than "+strconv.Itoa(maxProgSize)+" instructions")
	}
	return nil
}

// parseDisjunction parses Alternative ('|' Alternative)* and stops at the
// end of the pattern or at an unconsumed ')'.
func (p *parser) parseDisjunction() (*node, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		return nil, p.unsupported(p.pos, "groups nested too deeply")
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
		kind := assertBegin
		if p.modes.multiline {
			kind = assertLineBegin
		}
		return p.parseQuantifier(&node{kind: nAssert, assert: kind, size: 1})
	case '$':
		p.pos++
		kind := assertEnd
		if p.modes.multiline {
			kind = assertLineEnd
		}
		return p.parseQuantifier(&node{kind: nAssert, assert: kind, size: 1})
	case '\\':
		if p.pos+1 < len(p.src) {
			kind, ok := assertKind(0), true
			switch p.src[p.pos+1] {
			case 'b':
				kind = assertWordBoundary
			case 'B':
				kind = assertNotWordBoundary
			case 'A', 'G': // Java extensions: start of input (\G: where the search starts)
				kind = assertBegin
			case 'z': // Java extension: end of input
				kind = assertInputEnd
			case 'Z': // Java extension: $ without MULTILINE, whatever the flags
				kind = assertEnd
			default:
				ok = false
			}
			if ok {
				p.pos += 2
				n := &node{kind: nAssert, assert: kind, size: 1}
				q, err := p.parseQuantifier(n)
				if q == n && (kind == assertWordBoundary || kind == assertNotWordBoundary) {
					// Only a \b that is kept (\b{0,3} is not) needs the
					// classes.
					n.cls = p.wordClasses()
				}
				return q, err
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
				p.pos += len(l.prefix)
				look, err := p.parseLook(start, l.behind, l.neg)
				if err != nil {
					return nil, err
				}
				// Java extension: a quantified lookaround (see parseQuantifier).
				return p.parseQuantifier(look)
			}
		}
		var err error
		if atom, err = p.parseGroup(); err != nil {
			return nil, err
		}
		if atom == nil {
			return &node{kind: nEmpty}, nil // (?flags): no atom, no quantifier
		}
	case '.':
		p.pos++
		rs := dotRanges()
		if p.modes.dotAll {
			rs = []runeRange{{0, unicode.MaxRune}}
		}
		atom = p.classNode(newClass(runeSet{ranges: rs}, false))
	case '[':
		var err error
		if atom, err = p.parseClass(); err != nil {
			return nil, err
		}
	case '*', '+', '?':
		return nil, p.errorf(start, "nothing to repeat")
	case '{':
		if _, _, _, ok := p.scanBraces(); ok {
			// Java extension: a counted quantifier with nothing before it
			// repeats the empty string, which is to say it is ignored.
			return p.parseQuantifier(&node{kind: nEmpty})
		}
		return nil, p.errorf(start, "lone '{' (escape it as \\{)")
	default:
		// Java extension: a lone } or ] is a literal, like any other
		// character.
		r, w := utf8.DecodeRuneInString(p.src[p.pos:])
		p.pos += w
		atom = p.charNode(r)
	}
	return p.parseQuantifier(atom)
}

// wordClasses returns the index of the two classes that \b and \B
// consult, adding them on first use: Java's letters and decimal digits
// plus _, then the non-spacing marks (see wordBoundary). Every \b of a
// pattern shares them.
func (p *parser) wordClasses() int {
	if p.out.word < 0 {
		p.out.word = len(p.out.classes)
		p.out.classes = append(p.out.classes,
			newClass(runeSet{ranges: []runeRange{{'_', '_'}}, items: []propItem{{in: []*unicode.RangeTable{unicode.L, unicode.Nd}}}}, false),
			newClass(runeSet{items: []propItem{{in: []*unicode.RangeTable{unicode.Mn}}}}, false))
	}
	return p.out.word
}

// charNode matches code point r, or under (?i) an ASCII letter in either
// case (Java folds only ASCII unless UNICODE_CASE is set).
func (p *parser) charNode(r rune) *node {
	if p.modes.fold {
		if o := otherCase(r); o != r {
			return p.classNode(newClass(rangeSet(runeRange{r, r}, runeRange{o, o}), false))
		}
	}
	return &node{kind: nChar, r: r, size: 1}
}

// otherCase returns the other case of an ASCII letter, or r itself.
func otherCase(r rune) rune {
	switch {
	case 'a' <= r && r <= 'z':
		return r - 'a' + 'A'
	case 'A' <= r && r <= 'Z':
		return r - 'A' + 'a'
	}
	return r
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

// checkCounts rejects repeat counts that overflow Java's int, as Java does.
func (p *parser) checkCounts(min, max, offset int) error {
	if min > math.MaxInt32 || max > math.MaxInt32 {
		return p.errorf(offset, "repeat count too large")
	}
	if max >= 0 && min > max {
		return p.errorf(offset, "numbers out of order in {} quantifier")
	}
	return nil
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
		if err := p.checkCounts(min, max, start); err != nil {
			return nil, err
		}
		p.pos = end
	default:
		return atom, nil
	}
	possessive := false
	if p.pos < len(p.src) {
		switch p.src[p.pos] {
		case '?':
			p.pos++ // lazy: same set of matches, so the same boolean result
		case '+':
			p.pos++ // Java extension: possessive
			possessive = true
		}
	}
	// Java extension: java.util.regex parses {n}, {n,} and {n,m} (each
	// optionally lazy or possessive) after a quantifier and ignores them,
	// so x{11}{0,1011} is x{11}.
	for p.pos < len(p.src) && p.src[p.pos] == '{' {
		braceStart := p.pos
		lo, hi, end, ok := p.scanBraces()
		if !ok {
			return nil, p.errorf(braceStart, "incomplete quantifier (escape a literal '{' as \\{)")
		}
		if err := p.checkCounts(lo, hi, braceStart); err != nil {
			return nil, err
		}
		p.pos = end
		if p.pos < len(p.src) && (p.src[p.pos] == '?' || p.src[p.pos] == '+') {
			p.pos++
		}
	}
	if max == 0 || atom.kind == nEmpty {
		// Repeating the empty string, or repeating anything zero times,
		// matches exactly the empty string.
		return &node{kind: nEmpty}, nil
	}
	if atom.kind == nAssert || atom.kind == nLook {
		// Java extension: a quantified anchor, word boundary or
		// lookaround. Being zero-width, it holds n>=1 times exactly when
		// it holds once, and zero times always.
		if min == 0 {
			return &node{kind: nEmpty}, nil
		}
		return atom, nil
	}
	if min == 1 && max == 1 {
		return atom, nil
	}
	if possessive {
		return p.possessive(atom, min, max, start)
	}
	n := newRepeat(atom, min, max)
	return n, p.checkSize(n, start)
}

// newRepeat builds atom{min,max} with its program size.
func newRepeat(atom *node, min, max int) *node {
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
	return n
}

// possessive lowers Java's possessive x{min,max}+, which takes as many
// repetitions as it can and never gives one back. When every match of x
// has the same length (as for a character or a class), the repetitions
// are determined by the input, and "as many as it can" is: max of them,
// or between min and max-1 of them not followed by another x. That is
// x{max} | x{min,max-1}(?!x), or x{min,}(?!x) when max is unbounded, which
// the NFA matches in linear time. A possessive quantifier on an operand
// whose matches vary in length would need backtracking to define, and is
// not supported.
func (p *parser) possessive(x *node, min, max, offset int) (*node, error) {
	lo, hi := width(x)
	if lo != hi {
		return nil, p.unsupported(offset, "possessive quantifier on an operand of varying length is not supported")
	}
	if min == max {
		n := newRepeat(x, min, max)
		return n, p.checkSize(n, offset)
	}
	notAnother := func() *node {
		body := cloneNode(x)
		return &node{kind: nLook, neg: true, size: 1, subs: []*node{body}}
	}
	var n *node
	if max < 0 {
		n = newConcat(newRepeat(x, min, max), notAnother())
	} else {
		most := newRepeat(cloneNode(x), max, max)
		fewer := newConcat(newRepeat(x, min, max-1), notAnother())
		n = &node{kind: nAlt, subs: []*node{most, fewer}, size: addSize(1, addSize(most.size, fewer.size))}
	}
	p.lookSize = addSize(p.lookSize, addSize(x.size, 1))
	return n, p.checkSize(n, offset)
}

func newConcat(subs ...*node) *node {
	n := &node{kind: nConcat, subs: subs}
	for _, s := range subs {
		n.size = addSize(n.size, s.size)
	}
	return n
}

// cloneNode copies a tree, so that a lowering that repeats an operand does
// not share its lookaround nodes (each gets its own number).
func cloneNode(n *node) *node {
	c := *n
	c.subs = make([]*node, len(n.subs))
	for i, s := range n.subs {
		c.subs[i] = cloneNode(s)
	}
	return &c
}

// width returns the least and greatest number of code points n can match;
// hi < 0 means unbounded.
func width(n *node) (lo, hi int) {
	switch n.kind {
	case nChar, nClass:
		return 1, 1
	case nConcat:
		for _, s := range n.subs {
			l, h := width(s)
			lo += l
			if hi >= 0 {
				hi += h
				if h < 0 {
					hi = -1
				}
			}
		}
		return lo, hi
	case nAlt:
		lo, hi = width(n.subs[0])
		for _, s := range n.subs[1:] {
			l, h := width(s)
			lo = min(lo, l)
			if hi >= 0 && (h < 0 || h > hi) {
				hi = h
			}
		}
		return lo, hi
	case nRepeat:
		l, h := width(n.subs[0])
		lo = mulSize(l, n.min)
		switch {
		case h == 0:
			hi = 0
		case h < 0 || n.max < 0:
			hi = -1
		default:
			hi = mulSize(h, n.max)
		}
		return lo, hi
	case nGroup:
		return width(n.subs[0])
	case nBackref:
		return 0, -1
	}
	return 0, 0
}

// parseLook parses the body of a lookaround whose opening was consumed.
func (p *parser) parseLook(start int, behind, neg bool) (*node, error) {
	saved := p.modes
	body, err := p.parseDisjunction()
	p.modes = saved // inline flags end with the group that sets them
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

// parseGroup parses (...), (?:...), (?<name>...) and Java's inline flags
// (?flags) and (?flags:...). It returns nil, and no error, for (?flags),
// which changes the modes until the end of the enclosing group.
func (p *parser) parseGroup() (*node, error) {
	start := p.pos
	p.pos++ // '('
	saved := p.modes
	capture := 0
	switch {
	case p.lookingAt("?:"):
		p.pos += 2
	case p.lookingAt("?<"):
		p.pos += 2
		p.groups++
		capture = p.groups
		if err := p.parseGroupName(capture); err != nil {
			return nil, err
		}
	case p.lookingAt("?"):
		p.pos++
		scoped, err := p.parseFlags(start)
		if err != nil {
			return nil, err
		}
		if !scoped {
			return nil, nil
		}
	default:
		p.groups++
		capture = p.groups
	}
	body, err := p.parseDisjunction()
	p.modes = saved // inline flags end with the group that sets them
	if err != nil {
		return nil, err
	}
	if p.pos >= len(p.src) {
		return nil, p.errorf(start, "unterminated group")
	}
	p.pos++ // ')'
	if capture > 0 {
		return &node{kind: nGroup, cap: capture, size: body.size, subs: []*node{body}}, nil
	}
	return body, nil
}

// parseFlags parses Java's inline modifiers after "(?": flags, an optional
// '-' and flags to clear, then ')' (scoped false) or ':' (scoped true).
// Only i, m and s are supported; Java's d, u, x and U are not.
func (p *parser) parseFlags(start int) (scoped bool, err error) {
	on := true
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		p.pos++
		switch c {
		case ')':
			return false, nil
		case ':':
			return true, nil
		case '-':
			on = false
		case 'i':
			p.modes.fold = on
		case 'm':
			p.modes.multiline = on
		case 's':
			p.modes.dotAll = on
		case 'd', 'u', 'x', 'U':
			return false, p.unsupported(start, "the inline flag "+string(c)+" is not supported (only i, m and s are)")
		case '>':
			if p.pos == start+3 {
				return false, p.unsupported(start, "atomic groups (?>...) are not supported")
			}
			return false, p.errorf(start, "invalid group: unknown inline modifier")
		default:
			return false, p.errorf(start, "invalid group: unknown inline modifier")
		}
	}
	return false, p.errorf(start, "unterminated group")
}

// parseGroupName parses "name>" of a named group and rejects names that
// ECMA-262 rejects, and records the group's number for \k<name>.
func (p *parser) parseGroupName(number int) error {
	start := p.pos
	name, err := p.scanGroupName()
	if err != nil {
		return err
	}
	g := groupName{name: name, path: append([]altStep(nil), p.path...)}
	for _, other := range p.names {
		if other.name == g.name && mightBothParticipate(other.path, g.path) {
			return p.errorf(start, "duplicate group name "+g.name)
		}
	}
	p.names = append(p.names, g)
	if _, ok := p.numbers[name]; !ok {
		p.numbers[name] = number
	}
	return nil
}

// scanGroupName reads "name>" and returns the name.
func (p *parser) scanGroupName() (string, error) {
	start := p.pos
	var name []rune
	for {
		if p.pos >= len(p.src) {
			return "", p.errorf(start, "unterminated group name")
		}
		c := p.src[p.pos]
		if c == '>' {
			p.pos++
			break
		}
		var r rune
		if c == '\\' {
			if !p.lookingAt("\\u") {
				return "", p.errorf(p.pos, "invalid escape in group name")
			}
			escStart := p.pos
			p.pos++
			var err error
			if r, err = p.parseUnicodeEscape(escStart); err != nil {
				return "", err
			}
		} else {
			var w int
			r, w = utf8.DecodeRuneInString(p.src[p.pos:])
			p.pos += w
		}
		if len(name) == 0 && !isIDStart(r) || len(name) > 0 && !isIDContinue(r) {
			return "", p.errorf(start, "invalid group name")
		}
		name = append(name, r)
	}
	if len(name) == 0 {
		return "", p.errorf(start, "empty group name")
	}
	return string(name), nil
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
		return p.parseBackref(), nil
	case c == 'k':
		p.pos++
		if !p.lookingAt("<") {
			return nil, p.errorf(start, "\\k must be followed by <name>")
		}
		p.pos++
		name, err := p.scanGroupName()
		if err != nil {
			return nil, err
		}
		number, ok := p.numbers[name]
		if !ok {
			return nil, p.errorf(start, "backreference to undefined group name "+name)
		}
		p.backrefs = true
		return &node{kind: nBackref, cap: number, fold: p.modes.fold}, nil
	case c == 'Q':
		return p.parseQuote(), nil
	}
	if set, ok, err := p.parseClassEscape(start); err != nil {
		return nil, err
	} else if ok {
		return p.classNode(newClass(p.foldSet(set), false)), nil
	}
	r, err := p.parseCharacterEscape(start)
	if err != nil {
		return nil, err
	}
	return p.charNode(r), nil
}

// parseBackref parses Java's \n (p.pos is at the first digit): further
// digits belong to the number only while it names a group opened so far.
// A reference to a group that does not exist never matches.
func (p *parser) parseBackref() *node {
	n := int(p.src[p.pos] - '0')
	p.pos++
	for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		next := n*10 + int(p.src[p.pos]-'0')
		if next > p.groups {
			break
		}
		n = next
		p.pos++
	}
	p.backrefs = true
	p.maxRef = max(p.maxRef, n)
	return &node{kind: nBackref, cap: n, fold: p.modes.fold}
}

// parseQuote parses Java's \Q...\E (p.pos is at the 'Q'): everything up to
// \E, or to the end of the pattern, is literal.
func (p *parser) parseQuote() *node {
	p.pos++
	end := len(p.src)
	if i := strings.Index(p.src[p.pos:], "\\E"); i >= 0 {
		end = p.pos + i
	}
	var subs []*node
	for _, r := range p.src[p.pos:end] {
		subs = append(subs, p.charNode(r))
	}
	p.pos = min(end+2, len(p.src))
	switch len(subs) {
	case 0:
		return &node{kind: nEmpty}
	case 1:
		return subs[0]
	}
	return newConcat(subs...)
}

// parseClassEscape parses \d \D \w \W \s \S \p{..} \P{..}, Java's \pL form
// and Java's \h \H \V (p.pos is at the letter after '\'). ok is false, and
// nothing is consumed, for any other escape.
func (p *parser) parseClassEscape(start int) (set runeSet, ok bool, err error) {
	switch c := p.src[p.pos]; c {
	case 'd', 'D':
		set = runeSet{ranges: digitRanges()}
	case 'w', 'W':
		set = runeSet{ranges: wordRanges()}
	case 's', 'S':
		set = runeSet{ranges: spaceRanges()}
	case 'h', 'H': // Java extension: horizontal white space
		set = runeSet{ranges: horizontalSpaceRanges()}
	case 'v', 'V': // Java's vertical white space (ECMA's \v is only VT)
		set = runeSet{ranges: verticalSpaceRanges()}
	case 'p', 'P':
		p.pos++
		var name string
		switch {
		case p.lookingAt("{"):
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
			name = p.src[p.pos+1 : end]
			p.pos = end + 1
		case p.pos < len(p.src) && isASCIILetter(p.src[p.pos]):
			// Java extension: \pL is \p{L}.
			name = p.src[p.pos : p.pos+1]
			p.pos++
		default:
			return runeSet{}, false, p.errorf(start, "\\"+string(c)+" must be followed by {name}")
		}
		set, msg, javaKnows := unicodeProperty(name, p.modes.fold)
		if msg != "" {
			if javaKnows {
				return runeSet{}, false, p.unsupported(start, msg)
			}
			return runeSet{}, false, p.errorf(start, msg)
		}
		if c == 'P' {
			set = set.negate()
		}
		return set, true, nil
	default:
		return runeSet{}, false, nil
	}
	if c := p.src[p.pos]; c == 'D' || c == 'W' || c == 'S' || c == 'H' || c == 'V' {
		set = set.negate()
	}
	p.pos++
	return set, true, nil
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// foldSet applies (?i) to a class's members, before any negation: Java
// then matches an ASCII letter if either of its cases is in the set.
func (p *parser) foldSet(s runeSet) runeSet {
	if !p.modes.fold {
		return s
	}
	rs := setRanges(s)
	for r := rune('A'); r <= 'z'; r++ {
		if o := otherCase(r); o != r && inRanges(rs, r) {
			rs = append(rs, runeRange{o, o})
		}
	}
	return runeSet{ranges: normalize(rs)}
}

// setRanges expands a set, properties included, into sorted ranges.
func setRanges(s runeSet) []runeRange {
	rs := append([]runeRange(nil), s.ranges...)
	for i := range s.items {
		rs = append(rs, s.items[i].expand()...)
	}
	return normalize(rs)
}

func inRanges(rs []runeRange, r rune) bool {
	for _, rr := range rs {
		if rr.lo <= r && r <= rr.hi {
			return true
		}
	}
	return false
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
	case 'f':
		p.pos++
		return '\f', nil
	case 'a': // Java extension: bell
		p.pos++
		return 0x07, nil
	case 'e': // Java extension: escape
		p.pos++
		return 0x1B, nil
	case 'c':
		if p.pos+1 < len(p.src) {
			if l := p.src[p.pos+1]; l < utf8.RuneSelf {
				// Java's \cX is X with bit 6 flipped, for any ASCII X
				// (ECMA's \ca is U+0001; Java's is !).
				p.pos += 2
				return rune(l) ^ 0x40, nil
			}
		}
		return 0, p.errorf(start, "invalid \\c escape (needs an ASCII character)")
	case '0':
		// ECMA's \0 is NUL; Java's \0 followed by octal digits is an octal
		// escape of up to three digits (0 to 0377).
		digits := 0
		v := 0
		for i := p.pos + 1; i < len(p.src) && digits < 3 && p.src[i] >= '0' && p.src[i] <= '7'; i++ {
			if digits == 2 && v >= 4*8 {
				break // three digits only when the first is 0 to 3
			}
			v = v*8 + int(p.src[i]-'0')
			digits++
		}
		if digits == 0 && p.pos+1 < len(p.src) && p.src[p.pos+1] >= '0' && p.src[p.pos+1] <= '9' {
			return 0, p.errorf(start, "invalid decimal escape (\\0 followed by 8 or 9)")
		}
		p.pos += 1 + digits
		return rune(v), nil
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
	r, w := utf8.DecodeRuneInString(p.src[p.pos:])
	if !(c < utf8.RuneSelf && (isASCIILetter(c) || c >= '0' && c <= '9')) {
		// Java extension: a backslash before anything but an ASCII letter
		// or digit quotes it (ECMA u-mode allows only syntax characters
		// and /).
		p.pos += w
		return r, nil
	}
	if strings.IndexByte("NRXEbBAGzZkQ", c) >= 0 {
		// Escapes Java knows (or knows in another place) but this
		// package does not implement here.
		return 0, p.unsupported(start, "escape \\"+string(r)+" is not supported here")
	}
	return 0, p.errorf(start, "invalid escape \\"+string(r))
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
	if p.javaClasses {
		start := p.pos
		rs, err := p.parseJavaClass()
		if err != nil {
			return nil, err
		}
		return p.classNode(newClass(runeSet{ranges: rs}, false)), p.checkSize(&node{}, start)
	}
	start := p.pos
	p.pos++
	neg := false
	if p.lookingAt("^") {
		neg = true
		p.pos++
	}
	var set runeSet
	if p.lookingAt("]") {
		p.javaClassSyntax = true // Java reads a leading ] as a member; see parse
	}
	for {
		if p.pos >= len(p.src) {
			return nil, p.errorf(start, "unterminated character class")
		}
		if p.src[p.pos] == ']' {
			p.pos++
			break
		}
		if p.src[p.pos] == '[' || p.lookingAt("&&") {
			p.javaClassSyntax = true // see parse
		}
		atomStart := p.pos
		lo, loSet, isSet, err := p.parseClassAtom()
		if err != nil {
			return nil, err
		}
		// A '-' between two atoms makes a range unless it is last. As in
		// Java, a '-' after a class escape such as \w is a literal.
		if !isSet && p.pos+1 < len(p.src) && p.src[p.pos] == '-' && p.src[p.pos+1] != ']' {
			hi, err := p.rangeEnd(lo, atomStart)
			if err != nil {
				return nil, err
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
		return p.charNode(set.ranges[0].lo), nil
	}
	return p.classNode(newClass(p.foldSet(set), neg)), nil
}

// parseJavaClass parses a class the way java.util.regex does (p.pos is at
// '['), returning its members: a [ inside opens a nested class whose
// members are added, && intersects what precedes it with what follows (up
// to the next && or the closing ]), and a leading ^ negates the whole
// class. Members are expanded to ranges, which intersection needs.
func (p *parser) parseJavaClass() ([]runeRange, error) {
	start := p.pos
	p.pos++
	neg := false
	if p.lookingAt("^") {
		neg = true
		p.pos++
	}
	var operands [][]runeRange // finished operands of &&
	var cur []runeRange
	empty := true // cur has no member yet: an empty operand of && is ignored
	first := p.pos
	for {
		if p.pos >= len(p.src) {
			return nil, p.errorf(start, "unterminated character class")
		}
		switch {
		case p.src[p.pos] == ']' && p.pos > first: // a leading ] is a member
			p.pos++
			if !empty || len(operands) == 0 {
				operands = append(operands, cur)
			}
			rs := operands[0]
			for _, o := range operands[1:] {
				rs = complement(append(complement(rs), complement(o)...))
			}
			rs = p.foldSet(runeSet{ranges: rs}).ranges
			if neg {
				rs = complement(rs)
			}
			return normalize(rs), nil
		case p.lookingAt("&&"):
			p.pos += 2
			if !empty {
				operands = append(operands, cur)
			}
			cur, empty = nil, true
			continue
		case p.src[p.pos] == '[':
			nested, err := p.parseJavaClass()
			if err != nil {
				return nil, err
			}
			cur, empty = append(cur, nested...), false
			continue
		}
		atomStart := p.pos
		lo, loSet, isSet, err := p.parseClassAtom()
		if err != nil {
			return nil, err
		}
		empty = false
		if isSet {
			cur = append(cur, setRanges(loSet)...)
			continue
		}
		if p.pos+1 < len(p.src) && p.src[p.pos] == '-' && p.src[p.pos+1] != ']' && p.src[p.pos+1] != '[' {
			hi, err := p.rangeEnd(lo, atomStart)
			if err != nil {
				return nil, err
			}
			cur = append(cur, runeRange{lo, hi})
			continue
		}
		cur = append(cur, runeRange{lo, lo})
	}
}

// parseClassAtom parses one class member: a code point, or a class escape

// rangeEnd reads the upper bound of a class range whose '-' is at p.pos;
// lo is the lower bound, read at atomStart. Both class readers (ECMA's and
// Java's) use it, so a range means the same in both.
func (p *parser) rangeEnd(lo rune, atomStart int) (rune, error) {
	p.pos++
	hiStart := p.pos
	hi, _, hiIsSet, err := p.parseClassAtom()
	if err != nil {
		return 0, err
	}
	if hiIsSet {
		return 0, p.errorf(hiStart, "a class escape cannot be a range bound")
	}
	if lo > hi {
		return 0, p.errorf(atomStart, "range out of order in character class")
	}
	return hi, nil
}

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
	case strings.IndexByte("ABGRXZkz", c) >= 0:
		// Assertions, \k, \R and \X are not class members, in Java either.
		return 0, runeSet{}, false, p.errorf(start, "invalid escape \\"+string(c)+" in a class")
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

	// JavaRejects is set when java.util.regex rejects the pattern too
	// (Java 17's Pattern.compile throws PatternSyntaxException), so that
	// no service validating with Java can be enforcing it. A generator
	// should then warn and generate no check rather than fail. It is
	// false for patterns that are valid Java but not supported here (an
	// unsupported flag or property, a pattern too large), which do need
	// attention. errors.Is(err, ErrJavaRejects) reports the same thing.
	JavaRejects bool
}

// ErrJavaRejects matches, with errors.Is, an *Error whose pattern Java
// rejects too; see Error.JavaRejects.
var ErrJavaRejects = errors.New("ecmaregex: java.util.regex rejects the pattern too")

// Error returns a message naming the problem and where it is.
func (e *Error) Error() string {
	return "ecmaregex: " + e.Msg + " at offset " + strconv.Itoa(e.Offset) +
		" in " + strconv.Quote(e.Pattern)
}

// Is reports whether target is ErrJavaRejects and Java rejects the
// pattern too.
func (e *Error) Is(target error) bool {
	return target == ErrJavaRejects && e.JavaRejects
}

// Compile parses a pattern (ECMA-262 u-mode or Java syntax; the meaning
// is Java's, see the package documentation) and returns a Regexp that can
// match it. The error is an *Error when the pattern is invalid or too
// large.
func Compile(pattern string) (*Regexp, error) {
	tree, err := parse(pattern)
	if err != nil {
		return nil, err
	}
	return newRegexp(pattern, tree), nil
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
