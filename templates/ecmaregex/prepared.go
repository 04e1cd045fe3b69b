package ecmaregex

import (
	"sync"
	"unicode"
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
)

// Assert is the zero-width test of an OpAssert node.
type Assert uint8

// The zero-width tests.
const (
	AssertBegin           = Assert(assertBegin)           // ^ and \A
	AssertEnd             = Assert(assertEnd)             // $, \z and \Z
	AssertWordBoundary    = Assert(assertWordBoundary)    // \b
	AssertNotWordBoundary = Assert(assertNotWordBoundary) // \B
)

// Node is one node of a prepared pattern; which fields matter depends on Op.
type Node struct {
	Op     Op
	Text   string  // OpLiteral
	Rune   rune    // OpChar
	Class  int     // OpClass: index into Prepared.Classes
	Assert Assert  // OpAssert
	Behind bool    // OpLook: lookbehind rather than lookahead
	Neg    bool    // OpLook: negative lookaround
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

// Prepare parses pattern as Compile does and returns its prepared form, for
// a generator to write out as a Go literal. The error is an *Error when the
// pattern is invalid or too large.
func Prepare(pattern string) (*Prepared, error) {
	tree, err := parse(pattern)
	if err != nil {
		return nil, err
	}
	p := &Prepared{Source: pattern, Root: exportNode(tree.root)}
	for i := range tree.classes {
		p.Classes = append(p.Classes, exportClass(&tree.classes[i]))
	}
	return p, nil
}

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
	out := &parsed{classes: make([]charClass, len(p.Classes))}
	for i, c := range p.Classes {
		out.classes[i] = importClass(c)
	}
	out.root = importNode(p.Root, out)
	p.re = &Regexp{expr: p.Source, classes: out.classes, anchored: anchoredAtStart(out.root)}
	p.re.main = compileProg(out.root, false)
	p.re.looks = make([]prog, len(out.looks))
	for i, l := range out.looks {
		p.re.looks[i] = compileProg(l.subs[0], !l.behind)
	}
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
		return &node{kind: nAssert, assert: assertKind(n.Assert)}
	case OpLook:
		// Bodies are numbered first, as the parser numbers a lookaround
		// when it closes.
		body := importNode(n.Subs[0], out)
		l := &node{kind: nLook, behind: n.Behind, neg: n.Neg, look: len(out.looks), subs: []*node{body}}
		out.looks = append(out.looks, l)
		return l
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

// exportNode converts a parsed node, merging runs of code points in a
// concatenation into one OpLiteral so that the literal reads like the
// pattern.
func exportNode(n *node) *Node {
	switch n.kind {
	case nChar:
		if literalRune(n.r) {
			return &Node{Op: OpLiteral, Text: string(n.r)}
		}
		return &Node{Op: OpChar, Rune: n.r}
	case nClass:
		return &Node{Op: OpClass, Class: n.cls}
	case nAssert:
		return &Node{Op: OpAssert, Assert: Assert(n.assert)}
	case nLook:
		return &Node{Op: OpLook, Behind: n.behind, Neg: n.neg, Subs: []*Node{exportNode(n.subs[0])}}
	case nRepeat:
		return &Node{Op: OpRepeat, Min: n.min, Max: n.max, Subs: []*Node{exportNode(n.subs[0])}}
	case nAlt:
		x := &Node{Op: OpAlt}
		for _, s := range n.subs {
			x.Subs = append(x.Subs, exportNode(s))
		}
		return x
	case nConcat:
		x := &Node{Op: OpConcat}
		for _, s := range n.subs {
			e := exportNode(s)
			if last := len(x.Subs) - 1; e.Op == OpLiteral && last >= 0 && x.Subs[last].Op == OpLiteral {
				x.Subs[last].Text += e.Text
				continue
			}
			x.Subs = append(x.Subs, e)
		}
		switch len(x.Subs) {
		case 0:
			return &Node{Op: OpEmpty}
		case 1:
			return x.Subs[0]
		}
		return x
	}
	return &Node{Op: OpEmpty}
}

// literalRune reports whether r survives a round trip through a Go string.
func literalRune(r rune) bool {
	return utf8.ValidRune(r) && r != utf8.RuneError
}

// exportClass expands a class, Unicode property tables included, into one
// sorted list of ranges.
func exportClass(c *charClass) Class {
	var rs []runeRange
	for x := rune(0); x < utf8.RuneSelf; x++ {
		if (c.ascii[x>>6]&(1<<uint(x&63)) != 0) != c.neg {
			rs = append(rs, runeRange{x, x})
		}
	}
	rs = append(rs, c.ranges...)
	for _, it := range c.items {
		rs = append(rs, clipASCII(it.expand())...)
	}
	out := Class{Neg: c.neg}
	for _, r := range normalize(rs) {
		out.Ranges = append(out.Ranges, Range{r.lo, r.hi})
	}
	return out
}

// clipASCII drops the ASCII part of rs, which the class's bitmap already
// answers for.
func clipASCII(rs []runeRange) []runeRange {
	var out []runeRange
	for _, r := range rs {
		if r.hi < utf8.RuneSelf {
			continue
		}
		out = append(out, runeRange{max(r.lo, utf8.RuneSelf), r.hi})
	}
	return out
}

// expand lists the code points of a property item as ranges.
func (it *propItem) expand() []runeRange {
	var in, out []runeRange
	for _, t := range it.in {
		in = append(in, tableRanges(t)...)
	}
	for _, t := range it.out {
		out = append(out, tableRanges(t)...)
	}
	// in minus out is the complement of (complement(in) or out).
	set := complement(append(complement(in), out...))
	if it.neg {
		set = complement(set)
	}
	return set
}

// tableRanges lists the code points of a Unicode table as ranges.
func tableRanges(t *unicode.RangeTable) []runeRange {
	var out []runeRange
	add := func(lo, hi, stride rune) {
		if stride == 1 {
			out = append(out, runeRange{lo, hi})
			return
		}
		for r := lo; r <= hi; r += stride {
			out = append(out, runeRange{r, r})
		}
	}
	for _, r := range t.R16 {
		add(rune(r.Lo), rune(r.Hi), rune(r.Stride))
	}
	for _, r := range t.R32 {
		add(rune(r.Lo), rune(r.Hi), rune(r.Stride))
	}
	return out
}
