package ecmaregex

import (
	"unicode"
	"unicode/utf8"
)

// Prepare parses pattern as Compile does and returns its prepared form, for
// a generator to write out as a Go literal. The error is an *Error when the
// pattern is invalid or too large.
func Prepare(pattern string) (*Prepared, error) {
	tree, err := parse(pattern)
	if err != nil {
		return nil, err
	}
	p := &Prepared{Source: pattern, Root: exportNode(tree.root), Groups: tree.groups}
	for i := range tree.classes {
		p.Classes = append(p.Classes, exportClass(&tree.classes[i]))
	}
	return p, nil
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
		x := &Node{Op: OpAssert, Assert: Assert(n.assert)}
		if n.assert == assertWordBoundary || n.assert == assertNotWordBoundary {
			x.Class = n.cls
		}
		return x
	case nLook:
		return &Node{Op: OpLook, Behind: n.behind, Neg: n.neg, Subs: []*Node{exportNode(n.subs[0])}}
	case nGroup:
		return &Node{Op: OpGroup, Group: n.cap, Subs: []*Node{exportNode(n.subs[0])}}
	case nBackref:
		return &Node{Op: OpBackref, Group: n.cap, Fold: n.fold}
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
