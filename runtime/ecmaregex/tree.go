package ecmaregex

type nodeKind uint8

const (
	nEmpty   nodeKind = iota // matches the empty string
	nChar                    // one code point: r
	nClass                   // a character class: cls indexes parsed.classes
	nConcat                  // subs in sequence
	nAlt                     // any of subs
	nRepeat                  // subs[0] repeated min..max times (max < 0: unbounded)
	nAssert                  // zero-width test: assert
	nLook                    // lookaround with body subs[0]: look, behind, neg
	nGroup                   // capturing group cap around subs[0]; kept only when the pattern has backreferences
	nBackref                 // backreference to group cap (ASCII case-insensitive with fold)
)

type assertKind uint8

const (
	assertBegin           assertKind = iota // ^ and \A
	assertEnd                               // $ and \Z: the end of the input, or before a final line terminator
	assertWordBoundary                      // \b
	assertNotWordBoundary                   // \B
	assertLineBegin                         // ^ in Java's MULTILINE mode, (?m)
	assertLineEnd                           // $ in Java's MULTILINE mode, (?m)
	assertInputEnd                          // \z: the very end of the input
)

// node is the parsed form of a pattern. Groups leave no node of their own:
// captures are never reported, so only their grouping effect matters.
type node struct {
	kind     nodeKind
	assert   assertKind
	behind   bool // nLook: lookbehind rather than lookahead
	neg      bool // nLook: negative lookaround
	fold     bool // nBackref: compare ignoring ASCII case, as Java's (?i) does
	r        rune
	cls      int // nClass; for \b and \B, the word class (see parsed.word)
	look     int // nLook
	cap      int // nGroup, nBackref: group number, from 1
	min, max int // nRepeat
	size     int // instructions the node compiles to, saturated at maxProgSize+1
	subs     []*node
}

// parsed is the result of parse.
type parsed struct {
	root    *node
	classes []charClass
	looks   []*node // every nLook node, indexed by node.look
	// groups is the number of capturing groups when the pattern has
	// backreferences, and 0 otherwise: only then does it keep nGroup nodes
	// and need the backtracking matcher.
	groups int
	// word is the index in classes of the letters and digits that \b and
	// \B look at, followed by the non-spacing marks (see wordBoundary), or
	// -1 when the pattern has neither.
	word int
}

// anchoredAtStart reports whether every match of n must begin at input
// offset 0, which lets the matcher stop as soon as its threads die instead
// of retrying at every offset.
func anchoredAtStart(n *node) bool {
	switch n.kind {
	case nAssert:
		return n.assert == assertBegin
	case nConcat:
		return anchoredAtStart(n.subs[0])
	case nAlt:
		for _, s := range n.subs {
			if !anchoredAtStart(s) {
				return false
			}
		}
		return true
	case nRepeat:
		return n.min > 0 && anchoredAtStart(n.subs[0])
	case nGroup:
		return anchoredAtStart(n.subs[0])
	}
	return false
}
