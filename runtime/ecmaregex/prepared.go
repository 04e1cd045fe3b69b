package ecmaregex

import (
	"sync"
	"unicode/utf8"
)

// Prepared is a pattern that was parsed ahead of time, typically when the
// code that uses it was generated, and spelled as a Go composite literal of
// Nodes and Classes. Matching a Prepared needs neither the parser nor
// Go's Unicode property tables, so a program that only matches prepared
// patterns links neither: that is most of this package's size. The
// matcher is built from the tree on first use.
//
// A Prepared must not be copied once used; package-level variables hold a
// pointer to one.
type Prepared struct {
	// Source is the pattern as written, for messages.
	Source string
	// Root is the parsed pattern.
	Root *Node
	// Classes are the character classes that OpClass nodes refer to.
	Classes []Class
	// Groups is the number of capturing groups of a pattern with
	// backreferences, which is matched by backtracking; it is 0 for every
	// other pattern, whose tree has no OpGroup nodes.
	Groups int

	once sync.Once
	re   *Regexp
}

// Op is the kind of a Node.
type Op uint8

// The kinds of Node. Groups leave no node: captures are never reported.
const (
	OpEmpty   Op = iota // matches the empty string
	OpLiteral           // the code points of Text, in sequence
	OpChar              // the code point Rune, for one a Go string cannot hold (a lone surrogate)
	OpClass             // one code point in Classes[Class]
	OpConcat            // Subs in sequence
	OpAlt               // any one of Subs
	OpRepeat            // Subs[0] repeated Min to Max times; Max < 0 is unbounded
	OpAssert            // the zero-width test Assert
	OpLook              // lookaround: Subs[0] must (or, with Neg, must not) match ahead, or behind with Behind
	OpGroup             // capturing group number Group around Subs[0] (only in patterns with backreferences)
	OpBackref           // backreference to group number Group, ignoring ASCII case with Fold
)

// Assert is the zero-width test of an OpAssert node.
type Assert uint8

// The zero-width tests.
const (
	AssertBegin           = Assert(assertBegin)           // ^ and \A
	AssertEnd             = Assert(assertEnd)             // $ and \Z: the end, or before a final line terminator
	AssertWordBoundary    = Assert(assertWordBoundary)    // \b; Node.Class indexes its two classes
	AssertNotWordBoundary = Assert(assertNotWordBoundary) // \B; Node.Class as for \b
	AssertLineBegin       = Assert(assertLineBegin)       // ^ in (?m) mode
	AssertLineEnd         = Assert(assertLineEnd)         // $ in (?m) mode
	AssertInputEnd        = Assert(assertInputEnd)        // \z: the very end of the input
)

// Node is one node of a prepared pattern; which fields matter depends on Op.
type Node struct {
	Op     Op
	Text   string  // OpLiteral
	Rune   rune    // OpChar
	Class  int     // OpClass: index into Prepared.Classes; word boundaries: that of the word characters, the marks following
	Assert Assert  // OpAssert
	Behind bool    // OpLook: lookbehind rather than lookahead
	Neg    bool    // OpLook: negative lookaround
	Group  int     // OpGroup, OpBackref: the group number, from 1
	Fold   bool    // OpBackref: compare ignoring ASCII case
	Min    int     // OpRepeat
	Max    int     // OpRepeat; < 0 means unbounded
	Subs   []*Node // OpConcat, OpAlt: the parts; OpRepeat, OpLook: the operand
}

// Class is a character class: the code points in Ranges, or with Neg set
// every code point not in them.
type Class struct {
	Neg bool
	// Ranges are sorted, do not overlap or touch, and cover the whole set,
	// Unicode properties included (they are expanded when preparing).
	Ranges []Range
}

// Range is an inclusive range of code points: {lo, hi}.
type Range [2]rune

// MatchString reports whether the pattern matches any substring of s, as
// Regexp.MatchString does.
func (p *Prepared) MatchString(s string) bool {
	p.once.Do(p.build)
	return p.re.MatchString(s)
}

// String returns the source pattern.
func (p *Prepared) String() string { return p.Source }

// build turns the tree back into the parser's form and compiles it, as
// Compile does after parsing.
func (p *Prepared) build() {
	out := &parsed{classes: make([]charClass, len(p.Classes)), word: -1}
	for i, c := range p.Classes {
		out.classes[i] = importClass(c)
	}
	out.root = importNode(p.Root, out)
	out.groups = p.Groups
	p.re = newRegexp(p.Source, out)
}

// importNode converts a prepared node to the parser's form, numbering
// lookarounds in the order the parser does. Node sizes are left zero: they
// only bound the parser's size check and preallocation.
func importNode(n *Node, out *parsed) *node {
	if n == nil {
		return &node{kind: nEmpty}
	}
	switch n.Op {
	case OpLiteral:
		var chars []*node
		for _, r := range n.Text {
			chars = append(chars, &node{kind: nChar, r: r})
		}
		if len(chars) == 1 {
			return chars[0]
		}
		return &node{kind: nConcat, subs: chars}
	case OpChar:
		return &node{kind: nChar, r: n.Rune}
	case OpClass:
		return &node{kind: nClass, cls: n.Class}
	case OpAssert:
		if n.Assert == AssertWordBoundary || n.Assert == AssertNotWordBoundary {
			out.word = n.Class
		}
		return &node{kind: nAssert, assert: assertKind(n.Assert), cls: n.Class}
	case OpLook:
		// Bodies are numbered first, as the parser numbers a lookaround
		// when it closes.
		body := importNode(n.Subs[0], out)
		l := &node{kind: nLook, behind: n.Behind, neg: n.Neg, look: len(out.looks), subs: []*node{body}}
		out.looks = append(out.looks, l)
		return l
	case OpGroup:
		return &node{kind: nGroup, cap: n.Group, subs: []*node{importNode(n.Subs[0], out)}}
	case OpBackref:
		return &node{kind: nBackref, cap: n.Group, fold: n.Fold}
	case OpConcat, OpAlt, OpRepeat:
		x := &node{kind: nConcat, min: n.Min, max: n.Max}
		switch n.Op {
		case OpAlt:
			x.kind = nAlt
		case OpRepeat:
			x.kind = nRepeat
		}
		x.subs = make([]*node, len(n.Subs))
		for i, s := range n.Subs {
			x.subs[i] = importNode(s, out)
		}
		return x
	}
	return &node{kind: nEmpty}
}

// importClass rebuilds the matcher's class: an ASCII bitmap with the
// negation applied, and the ranges above ASCII.
func importClass(c Class) charClass {
	cc := charClass{neg: c.Neg}
	for _, r := range c.Ranges {
		for x := r[0]; x <= r[1] && x < utf8.RuneSelf; x++ {
			cc.ascii[x>>6] |= 1 << uint(x&63)
		}
		if r[1] >= utf8.RuneSelf {
			cc.ranges = append(cc.ranges, runeRange{max(r[0], utf8.RuneSelf), r[1]})
		}
	}
	if c.Neg {
		cc.ascii[0], cc.ascii[1] = ^cc.ascii[0], ^cc.ascii[1]
	}
	return cc
}
