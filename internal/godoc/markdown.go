package godoc

import "strings"

// mdList is an open Markdown list: the column of its marker and of its
// item content.
type mdList struct {
	indent, content int
	ordered         bool
}

// parseMarkdown handles documentation that is not HTML: CommonMark-ish text
// with blank-line separated paragraphs, "-"/"*"/"+" and "1." lists, ATX and
// setext headings, fenced and indented code blocks. Inline markup is kept as
// written; backquoted code reads fine in a Go comment. Known HTML tags
// outside code are inline HTML (see builder.inline), so the text of a
// paragraph is collected and written once it ends: a tag or code span may
// span its lines.
func parseMarkdown(b *builder, s string) {
	var (
		stack  []mdList
		fence  string // closing fence while in a fenced code block
		fenceN int    // indentation of the opening fence
		code   []string
		inCode bool // in an indented code block
		blank  = true
		para   strings.Builder // text of the current paragraph, not yet written
	)
	addText := func(t string) {
		if para.Len() > 0 {
			para.WriteByte('\n')
		}
		para.WriteString(t)
	}
	text := func() {
		if para.Len() > 0 {
			b.inline(para.String())
			para.Reset()
			b.space = true
		}
	}
	popTo := func(n int) {
		text()
		for len(stack) > n {
			stack = stack[:len(stack)-1]
			b.closeList()
		}
	}
	for len(s) > 0 {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		if fence != "" {
			if t, ind := trimIndent(line); ind < 4 && strings.HasPrefix(t, fence) &&
				strings.Trim(t, fence[:1]) == "" {
				b.addCode(strings.Join(code, "\n"))
				fence, code = "", nil
				blank = false
				continue
			}
			code = append(code, stripCols(line, fenceN))
			continue
		}
		t, ind := trimIndent(line)
		if t == "" {
			if inCode {
				code = append(code, "")
			} else {
				text()
				b.block()
			}
			blank = true
			continue
		}
		if inCode {
			if ind >= 4 {
				code = append(code, stripCols(line, 4))
				continue
			}
			b.addCode(strings.Join(code, "\n"))
			inCode, code = false, nil
		}
		// After a blank line, text indented less than the item content
		// ends the list (and any nested lists).
		if len(stack) > 0 && blank {
			if _, _, ok := mdMarker(t); !ok || ind < stack[0].indent {
				n := len(stack)
				for n > 0 && ind < stack[n-1].content {
					n--
				}
				if ok {
					n = 0
				}
				popTo(n)
			}
		}
		switch {
		case ind < 4 && isFence(t):
			if len(stack) > 0 && ind < stack[len(stack)-1].content {
				popTo(0)
			}
			text()
			b.flush()
			n := 0
			for n < len(t) && t[n] == t[0] {
				n++
			}
			fence, fenceN = t[:n], ind
		case ind < 4 && atxLevel(t) > 0:
			popTo(0)
			b.block()
			b.heading = true
			b.inline(atxText(t))
			b.block()
		case ind < 4 && !blank && (para.Len() > 0 || len(b.text) > 0) && len(stack) == 0 && isSetext(t):
			text()
			b.heading = true
			b.block()
		case ind < 4 && isRule(t):
			popTo(0)
			b.block()
		default:
			ordered, content, ok := mdMarker(t)
			if ok {
				text()
				for n := len(stack); n > 0; n-- {
					top := stack[n-1]
					if ind >= top.content {
						break
					}
					if ind >= top.indent && top.ordered == ordered {
						break
					}
					popTo(n - 1)
				}
				if len(stack) == 0 || ind >= stack[len(stack)-1].content {
					stack = append(stack, mdList{indent: ind, content: ind + content, ordered: ordered})
					b.openList(ordered)
				}
				b.openItem()
				addText(t[content:])
				break
			}
			if len(stack) == 0 && blank && ind >= 4 && para.Len() == 0 && len(b.text) == 0 {
				inCode = true
				code = append(code[:0], stripCols(line, 4))
				break
			}
			addText(t)
		}
		blank = false
	}
	text()
	if fence != "" || inCode {
		b.addCode(strings.Join(code, "\n"))
	}
}

// trimIndent returns line without leading blanks and the width of those
// blanks in columns, with tab stops every 4 columns as in CommonMark.
func trimIndent(line string) (string, int) {
	col := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return strings.TrimRight(line[i:], " \t\r"), col
		}
	}
	return "", col
}

// stripCols removes up to n columns of leading blanks from line.
func stripCols(line string, n int) string {
	col := 0
	for i := 0; i < len(line); i++ {
		if col >= n {
			return line[i:]
		}
		switch line[i] {
		case ' ':
			col++
		case '\t':
			next := col + 4 - col%4
			if next > n {
				return strings.Repeat(" ", next-n) + line[i+1:]
			}
			col = next
		default:
			return line[i:]
		}
	}
	return ""
}

// mdMarker recognizes a list item marker at the start of t and returns the
// list kind and the offset of the item text.
func mdMarker(t string) (ordered bool, content int, ok bool) {
	n := 0
	switch {
	case t[0] == '-' || t[0] == '*' || t[0] == '+':
		n = 1
	case '0' <= t[0] && t[0] <= '9':
		for n < len(t) && n < 9 && '0' <= t[n] && t[n] <= '9' {
			n++
		}
		if n >= len(t) || (t[n] != '.' && t[n] != ')') {
			return false, 0, false
		}
		n++
		ordered = true
	default:
		return false, 0, false
	}
	if n >= len(t) || (t[n] != ' ' && t[n] != '\t') {
		return false, 0, false
	}
	for n < len(t) && (t[n] == ' ' || t[n] == '\t') {
		n++
	}
	return ordered, n, n < len(t)
}

// isFence reports whether t opens a fenced code block.
func isFence(t string) bool {
	if !strings.HasPrefix(t, "```") && !strings.HasPrefix(t, "~~~") {
		return false
	}
	// An info string after ``` may not contain backquotes.
	return t[0] == '~' || !strings.Contains(strings.TrimLeft(t, "`"), "`")
}

// atxLevel returns the level of an ATX heading ("## Title"), or 0.
func atxLevel(t string) int {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(t) && t[n] != ' ' && t[n] != '\t') {
		return 0
	}
	return n
}

// atxText returns the text of an ATX heading without its markers.
func atxText(t string) string {
	t = strings.TrimSpace(strings.TrimLeft(t, "#"))
	if u := strings.TrimRight(t, "#"); u == "" || strings.HasSuffix(u, " ") {
		t = strings.TrimSpace(u)
	}
	return t
}

// isSetext reports whether t underlines a setext heading ("====" or "----").
func isSetext(t string) bool {
	return strings.Trim(t, "=") == "" || strings.Trim(t, "-") == ""
}

// isRule reports whether t is a thematic break ("---", "* * *", "___").
func isRule(t string) bool {
	c := t[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	n := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}
