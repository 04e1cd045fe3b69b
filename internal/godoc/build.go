package godoc

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// blockKind is the kind of a block of output text.
type blockKind uint8

const (
	paraBlock blockKind = iota
	codeBlock
	listBlock
)

// block is one paragraph, code block or list. Go doc comments have no other
// block structure, so everything in the input is mapped onto these three.
type block struct {
	kind blockKind
	// text is the single-spaced text of a paragraph.
	text string
	// heading records that a paragraph came from a heading or a definition
	// term; it only chooses the punctuation render adds to keep gofmt from
	// taking the paragraph for a heading.
	heading bool
	// lines are the verbatim lines of a code block, without indentation.
	lines []string
	// ordered and items describe a list.
	ordered bool
	items   []item
}

// item is a list item: one or more paragraphs. Several paragraphs make gofmt
// put blank lines between all items of the list ("loose" list).
type item struct {
	paras [][]seg
	// marker is the item's own marker, "-" or "3.", used when the list has
	// to be shown as paragraphs. A list shown as a list numbers its items
	// afresh, because lists of both kinds may have been merged into it.
	marker string
}

// seg is a line-started piece of a list item paragraph. Nested list items are
// segs with a marker of the other list kind ("- " in an ordered list, "1. " in
// a bullet list): go/doc/comment keeps such lines as continuation text of the
// enclosing item, which is the only way to keep nesting visible.
type seg struct {
	marker string
	text   string
}

// sepKind says how the next text in a list item is separated from the
// previous one.
type sepKind uint8

const (
	sepNone sepKind = iota // same line, after a space
	sepLine                // new line in the same paragraph
	sepPara                // new paragraph
)

// listCtx is an open <ul>/<ol> (or a Markdown list).
type listCtx struct {
	ordered  bool
	implicit bool // opened by a stray <li>; closes with it
	liOpen   bool
	n        int // items seen, numbers nested ordered markers
}

// builder accumulates blocks from a stream of text and structure events. Both
// the HTML tokenizer and the Markdown line parser drive it, so the two
// dialects share one notion of paragraphs, lists and code.
type builder struct {
	blocks []block

	text    []byte // current paragraph text, single-spaced; reused
	space   bool   // a space is due before the next visible rune
	prefix  string // "Note: " etc., written before the next text
	heading bool   // the current paragraph is a heading

	lists   []listCtx
	listIdx int // index in blocks of the top-level list while len(lists) > 0
	inItem  bool
	sep     sepKind
	marker  string

	preDepth int
	code     strings.Builder

	link      bool
	href      string
	linkStart int

	// blankBreaks makes a blank line inside text end the paragraph; set for
	// HTML, where authors often rely on it instead of <p>.
	blankBreaks bool
}

// write appends inline text, collapsing whitespace and dropping characters
// that must not appear in a comment.
func (b *builder) write(s string) {
	newlines := 0
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r == '\n':
			b.space = true
			if newlines++; newlines >= 2 && b.blankBreaks {
				b.boundary(sepPara)
				newlines = 0
			}
		case isSpace(r):
			b.space = true
		case dropRune(r):
		default:
			newlines = 0
			b.emit(r)
		}
	}
}

// emit writes one visible rune, preceded by a pending prefix or space.
func (b *builder) emit(r rune) {
	if b.prefix != "" && len(b.text) == 0 {
		b.text = append(b.text, b.prefix...)
		b.prefix = ""
	} else if b.space && len(b.text) > 0 {
		b.text = append(b.text, ' ')
	}
	b.space = false
	if r < utf8.RuneSelf {
		b.text = append(b.text, byte(r))
		return
	}
	b.text = utf8.AppendRune(b.text, r)
}

// materializePrefix writes a pending "Note:" prefix as text now, for when the
// note's content is not inline text (a list or a code block).
func (b *builder) materializePrefix() {
	if b.prefix != "" && len(b.text) == 0 {
		b.text = append(b.text, strings.TrimSuffix(b.prefix, " ")...)
		b.space = true
	}
	b.prefix = ""
}

// flush ends the current run of inline text and stores it as a paragraph or
// as part of the current list item.
func (b *builder) flush() {
	s := string(b.text)
	b.text = b.text[:0]
	b.space = false
	b.link = false
	heading := b.heading
	b.heading = false
	if s == "" {
		return
	}
	s = fixQuotes(s)
	if len(b.lists) == 0 {
		b.blocks = append(b.blocks, block{kind: paraBlock, text: s, heading: heading})
		return
	}
	l := &b.blocks[b.listIdx]
	marker, sep := b.marker, b.sep
	b.marker, b.sep = "", sepNone
	if !b.inItem {
		b.newItem(b.lists[0].ordered, len(l.items)+1)
	}
	it := &l.items[len(l.items)-1]
	if len(it.paras) == 0 {
		it.paras = append(it.paras, []seg{{marker, s}})
		return
	}
	if marker == "" && isListMarker(firstWord(s)) {
		// A continuation line starting with "-" or "2." would start a new
		// item under gofmt; keep such text on the previous line.
		sep = sepNone
	}
	last := &it.paras[len(it.paras)-1]
	switch {
	case marker != "" || sep == sepLine:
		*last = append(*last, seg{marker, s})
	case sep == sepPara:
		it.paras = append(it.paras, []seg{{"", s}})
	default:
		(*last)[len(*last)-1].text += " " + s
	}
}

// boundary ends the current text and records how the next text in a list
// item is separated from it.
func (b *builder) boundary(sep sepKind) {
	b.flush()
	if len(b.lists) > 0 && sep > b.sep {
		b.sep = sep
	}
}

// block is a block-level boundary: a new paragraph, or inside a nested list
// of the other kind (whose items are lines) a new line.
func (b *builder) block() {
	sep := sepPara
	for i := len(b.lists) - 1; i >= 0; i-- {
		if b.lists[i].liOpen {
			if b.lists[i].ordered != b.lists[0].ordered {
				sep = sepLine
			}
			break
		}
	}
	b.boundary(sep)
}

// lineBreak handles <br>: a new paragraph, or a new line inside a list item
// (a new paragraph there would make the whole list loose).
func (b *builder) lineBreak() {
	if len(b.lists) == 0 {
		b.flush()
		return
	}
	b.boundary(sepLine)
}

// openList opens a list; only the outermost one makes a block.
func (b *builder) openList(ordered bool) {
	b.block()
	if b.prefix != "" {
		b.materializePrefix()
		b.block()
	}
	if len(b.lists) == 0 {
		b.blocks = append(b.blocks, block{kind: listBlock, ordered: ordered})
		b.listIdx = len(b.blocks) - 1
		b.inItem = false
		b.sep, b.marker = sepNone, ""
	}
	b.lists = append(b.lists, listCtx{ordered: ordered})
}

// closeList closes the innermost open list.
func (b *builder) closeList() {
	b.block()
	if len(b.lists) == 0 {
		return
	}
	b.popList()
}

// popList drops the innermost list context.
func (b *builder) popList() {
	top := b.lists[len(b.lists)-1]
	if top.liOpen && top.ordered == b.lists[0].ordered {
		b.inItem = false
	}
	b.lists = b.lists[:len(b.lists)-1]
	if len(b.lists) == 0 {
		b.inItem = false
		b.sep, b.marker = sepNone, ""
	}
}

// endLists closes all open lists.
func (b *builder) endLists() {
	b.block()
	for len(b.lists) > 0 {
		b.popList()
	}
}

// openItem starts a list item. Items of the outermost list's kind become
// items of the (flattened) output list; items of the other kind become
// marked lines of the current item.
func (b *builder) openItem() {
	b.flush()
	if len(b.lists) == 0 {
		b.openList(false)
		b.lists[0].implicit = true
	}
	ctx := &b.lists[len(b.lists)-1]
	ctx.liOpen = true
	ctx.n++
	if ctx.ordered == b.lists[0].ordered {
		b.newItem(ctx.ordered, ctx.n)
		return
	}
	if ctx.ordered {
		b.marker = strconv.Itoa(ctx.n) + ". "
	} else {
		b.marker = "- "
	}
	b.sep = sepLine
}

// newItem appends an item to the open list.
func (b *builder) newItem(ordered bool, n int) {
	marker := "-"
	if ordered {
		marker = strconv.Itoa(n) + "."
	}
	l := &b.blocks[b.listIdx]
	l.items = append(l.items, item{marker: marker})
	b.inItem = true
	b.sep, b.marker = sepNone, ""
}

// closeItem closes the innermost open list item.
func (b *builder) closeItem() {
	b.block()
	for i := len(b.lists) - 1; i >= 0; i-- {
		ctx := &b.lists[i]
		if !ctx.liOpen {
			continue
		}
		ctx.liOpen = false
		if ctx.ordered == b.lists[0].ordered {
			b.inItem = false
		}
		if ctx.implicit && i == len(b.lists)-1 {
			b.popList()
		}
		return
	}
}

// addCode adds a verbatim code block. Go list items cannot contain code
// blocks, so inside a list the code is folded into the item text.
func (b *builder) addCode(raw string) {
	if len(b.lists) > 0 {
		breaks := b.blankBreaks
		b.blankBreaks = false
		b.space = true
		b.write(raw)
		b.space = true
		b.blankBreaks = breaks
		return
	}
	b.flush()
	if b.prefix != "" {
		b.materializePrefix()
		b.flush()
	}
	if lines := codeLines(raw); len(lines) > 0 {
		b.blocks = append(b.blocks, block{kind: codeBlock, lines: lines})
	}
}

// finish closes everything still open at the end of the input.
func (b *builder) finish() []block {
	if b.preDepth > 0 {
		b.preDepth = 0
		b.addCode(b.code.String())
	}
	b.endLists()
	b.flush()
	return b.blocks
}
