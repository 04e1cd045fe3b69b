package ecmaregex

import (
	"unicode"
	"unicode/utf8"
)

// runeRange is an inclusive range of code points.
type runeRange struct {
	lo, hi rune
}

// propItem is one Unicode property inside a class: a code point has it if
// it is in one of the in tables and none of the out tables, inverted when
// neg is set. Keeping references to Go's tables, instead of expanding them
// into range lists, keeps Compile cheap and compiled patterns small.
type propItem struct {
	in, out []*unicode.RangeTable
	neg     bool
}

func (it *propItem) has(r rune) bool {
	in := false
	for _, t := range it.in {
		if unicode.Is(t, r) {
			in = true
			break
		}
	}
	if in {
		for _, t := range it.out {
			if unicode.Is(t, r) {
				in = false
				break
			}
		}
	}
	return in != it.neg
}

// charClass is a compiled character class.
type charClass struct {
	ascii  [2]uint64   // membership of U+0000..U+007F, negation applied
	neg    bool        // the class was written [^...]
	ranges []runeRange // sorted, merged, only code points >= 0x80
	items  []propItem
}

// matches reports whether r is in the class.
func (c *charClass) matches(r rune) bool {
	if r < utf8.RuneSelf {
		return c.ascii[r>>6]&(1<<uint(r&63)) != 0
	}
	lo, hi := 0, len(c.ranges)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch rr := c.ranges[m]; {
		case r < rr.lo:
			hi = m
		case r > rr.hi:
			lo = m + 1
		default:
			return !c.neg
		}
	}
	for i := range c.items {
		if c.items[i].has(r) {
			return !c.neg
		}
	}
	return c.neg
}
