package godoc

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// parse converts documentation into normalized blocks.
func parse(doc string) []block {
	if strings.IndexByte(doc, '\r') >= 0 {
		doc = strings.ReplaceAll(doc, "\r\n", "\n")
		doc = strings.ReplaceAll(doc, "\r", "\n")
	}
	b := &builder{}
	if isHTML(doc) {
		b.blankBreaks = true
		parseHTML(b, doc)
	} else {
		parseMarkdown(b, doc)
	}
	return normalize(b.finish())
}

// normalize prunes empty content and rearranges blocks that go/doc/comment
// would otherwise merge or reinterpret: it only understands a code block or
// list as the whole run of indented lines between unindented ones.
func normalize(in []block) []block {
	out := in[:0]
	for _, b := range in {
		switch b.kind {
		case listBlock:
			items := b.items[:0]
			for _, it := range b.items {
				if len(it.paras) > 0 {
					items = append(items, it)
				}
			}
			if len(items) == 0 {
				continue
			}
			b.items = items
		case codeBlock:
			// A first line like "- x" would make the block a list.
			if isListMarker(firstWord(strings.TrimLeft(b.lines[0], " "))) &&
				strings.TrimSpace(b.lines[0]) != firstWord(strings.TrimSpace(b.lines[0])) {
				b = block{kind: paraBlock, text: collapse(b.lines)}
			}
		}
		// Adjacent lists are one list to gofmt: merge them. A list of the
		// other kind cannot join (its nested items would change meaning)
		// and is shown as paragraphs instead.
		if n := len(out); n > 0 && b.kind == listBlock && out[n-1].kind == listBlock {
			if b.ordered == out[n-1].ordered {
				out[n-1].items = append(out[n-1].items, b.items...)
			} else {
				out = append(out, flatten([]block{b}, true)...)
			}
			continue
		}
		out = append(out, b)
	}
	// A list next to code would take the code in as part of it. Code loses
	// more than a list when shown as plain text, so the list gives way.
	for i := range out {
		if out[i].kind == listBlock &&
			(i > 0 && out[i-1].kind == codeBlock || i+1 < len(out) && out[i+1].kind == codeBlock) {
			return flatten(out, false)
		}
	}
	return out
}

// render formats blocks as comment text.
func render(blocks []block, width int) string {
	if !hasPara(blocks) {
		// gofmt removes indentation common to all lines, so a comment made
		// only of a list or code would lose it; show it as paragraphs.
		blocks = flatten(blocks, true)
	}
	var out strings.Builder
	out.Grow(1024)
	for i, b := range blocks {
		if i > 0 {
			out.WriteString("\n\n")
		}
		switch b.kind {
		case paraBlock:
			lines := wrapLines(b.text, width, 0, 0, false)
			if allLinkDefs(lines) {
				lines = splitLinkDef(lines, width, 0, false)
			}
			if len(lines) == 1 && isOldHeading(lines[0]) {
				// Between two paragraphs gofmt would turn this one into a
				// "# heading". Callers put paragraphs of their own around
				// the comment, so any position may end up between two.
				punct := "."
				if b.heading {
					punct = ":"
				}
				lines = wrapLines(b.text+punct, width, 0, 0, false)
			}
			writeLines(&out, lines, "", "")
		case codeBlock:
			for k, l := range b.lines {
				if k > 0 {
					out.WriteByte('\n')
				}
				if l != "" {
					out.WriteByte('\t')
					out.WriteString(l)
				}
			}
		case listBlock:
			renderList(&out, b, width)
		}
	}
	return out.String()
}

func hasPara(blocks []block) bool {
	for _, b := range blocks {
		if b.kind == paraBlock {
			return true
		}
	}
	return false
}

// flatten turns lists, and with all set also code blocks, into paragraphs,
// keeping list markers as text.
func flatten(blocks []block, all bool) []block {
	var out []block
	for i, b := range blocks {
		switch {
		case b.kind == codeBlock && all:
			out = append(out, block{kind: paraBlock, text: collapse(b.lines)})
		case b.kind == listBlock && (all || i > 0 && blocks[i-1].kind == codeBlock ||
			i+1 < len(blocks) && blocks[i+1].kind == codeBlock):
			for _, it := range b.items {
				for p, para := range it.paras {
					for s, sg := range para {
						text := sg.marker + sg.text
						if p == 0 && s == 0 {
							text = it.marker + " " + text
						}
						out = append(out, block{kind: paraBlock, text: text})
					}
				}
			}
		default:
			out = append(out, b)
		}
	}
	return out
}

// renderList writes a list exactly as gofmt prints it: "  - " or " N. "
// markers, continuation lines indented by four spaces, blank lines between
// items only when some item has several paragraphs.
func renderList(out *strings.Builder, b block, width int) {
	loose := false
	for _, it := range b.items {
		loose = loose || len(it.paras) > 1
	}
	for n, it := range b.items {
		if n > 0 {
			out.WriteByte('\n')
			if loose {
				out.WriteByte('\n')
			}
		}
		marker := "  - "
		if b.ordered {
			marker = " " + strconv.Itoa(n+1) + ". "
		}
		for p, para := range it.paras {
			first := "    "
			if p == 0 {
				first = marker
			} else {
				out.WriteString("\n\n")
			}
			writeLines(out, itemLines(para, width, len(first)), first, "    ")
		}
	}
}

// itemLines wraps the segments of a list item paragraph. The returned lines
// exclude the item marker and the continuation indentation.
func itemLines(para []seg, width, firstIndent int) []string {
	segLines := make([][]string, len(para))
	defs := true
	for s, sg := range para {
		indent := 4
		if s == 0 {
			indent = firstIndent
		}
		ls := wrapLines(sg.text, width, indent+len(sg.marker), 4, true)
		ls[0] = sg.marker + ls[0]
		segLines[s] = ls
		defs = defs && allLinkDefs(ls)
	}
	if defs {
		// A marker never starts with '[', so the first segment has none.
		segLines[0] = splitLinkDef(segLines[0], width, 4, true)
	}
	var lines []string
	for _, ls := range segLines {
		lines = append(lines, ls...)
	}
	return lines
}

// allLinkDefs reports whether every line is a link definition.
func allLinkDefs(lines []string) bool {
	for _, l := range lines {
		if !isLinkDef(l) {
			return false
		}
	}
	return true
}

// writeLines writes lines with the first and continuation prefixes.
func writeLines(out *strings.Builder, lines []string, first, rest string) {
	for k, l := range lines {
		if k == 0 {
			out.WriteString(first)
		} else {
			out.WriteByte('\n')
			out.WriteString(rest)
		}
		out.WriteString(l)
	}
}

// wrapLines wraps text greedily so that lines fit in width columns, the
// first line starting at column firstIndent and the others at restIndent.
// Lines break only at single spaces: a run of spaces (kept in Plain's
// verbatim values) stays inside a line. With glue, a word that looks like a
// list marker is kept on the line of the word before it, so that it never
// starts an indented line.
func wrapLines(text string, width, firstIndent, restIndent int, glue bool) []string {
	// Lines break at single spaces, so every line is a substring of text
	// and wrapping allocates nothing but the slice.
	lines := make([]string, 0, 1+len(text)/max(width, 40))
	start, end := 0, 0 // current line is text[start:end]
	col := firstIndent
	for end < len(text) {
		next := end
		if next > start {
			next++ // the space before the unit
		}
		unit := nextUnit(text[next:], glue)
		w := utf8.RuneCountInString(unit)
		if end > start && width > 0 && col+1+w > width {
			lines = append(lines, text[start:end])
			start, col = next, restIndent
		} else if end > start {
			col++
		}
		end = next + len(unit)
		col += w
	}
	return append(lines, text[start:end])
}

// splitLinkDef rewraps lines, which go/doc/comment would all take for link
// definitions ("[text]: URL") and gofmt would move to the end of the comment,
// so that the first line ends right after "[text]:" and is not one.
func splitLinkDef(lines []string, width, restIndent int, glue bool) []string {
	i := strings.Index(lines[0], "]:") + 2
	rest := strings.Join(append([]string{strings.TrimLeft(lines[0][i:], " ")}, lines[1:]...), " ")
	return append([]string{lines[0][:i]}, wrapLines(rest, width, restIndent, restIndent, glue)...)
}

// nextUnit returns the unbreakable unit at the start of text: a word (or
// words joined by runs of spaces), plus with glue any following
// list-marker-like words.
func nextUnit(text string, glue bool) string {
	i := breakIndex(text)
	if i < 0 {
		return text
	}
	for glue {
		next := text[i+1:]
		j := breakIndex(next)
		if j >= 0 {
			next = next[:j]
		}
		if !isListMarker(next) {
			break
		}
		if j < 0 {
			return text
		}
		i += 1 + j
	}
	return text[:i]
}

// breakIndex returns the index of the first single space in text, where a
// line may break, or -1.
func breakIndex(text string) int {
	for i := 0; ; {
		j := strings.IndexByte(text[i:], ' ')
		if j < 0 {
			return -1
		}
		i += j
		n := i + 1
		for n < len(text) && text[n] == ' ' {
			n++
		}
		if n == i+1 {
			return i
		}
		i = n
	}
}
