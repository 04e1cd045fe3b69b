package godoc

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isSpace reports whether r separates words. All Unicode spaces count:
// go/doc/comment trims them with strings.TrimSpace, so a no-break space at
// the start of a list line would not survive gofmt.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || ('\t' <= r && r <= '\r')
	}
	return unicode.IsSpace(r)
}

// dropRune reports whether r is removed from the output: control characters,
// byte order marks (go/scanner rejects them inside a file) and bidirectional
// formatting characters (they make source text display misleadingly).
func dropRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, 0x80 <= r && r < 0xa0:
		return true
	case r == 0xfeff, r == 0x061c, r == 0x200e, r == 0x200f,
		0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
		return true
	}
	return false
}

// unescape decodes HTML character references; the common case has none.
func unescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return html.UnescapeString(s)
}

// fixQuotes rewrites what gofmt would rewrite in doc comment text: ““” is
// a left and “”” a right double quote. Runs of three or more backticks are
// shortened to one, because gofmt's handling of them depends on their
// position in the paragraph and is not stable across reformatting.
func fixQuotes(s string) string {
	if !strings.Contains(s, "``") && !strings.Contains(s, "''") {
		return s
	}
	var out strings.Builder
	out.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '`' && c != '\'' {
			out.WriteByte(c)
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == c {
			j++
		}
		n := j - i
		switch {
		case c == '\'':
			out.WriteString(strings.Repeat("\u201d", n/2))
			if n%2 == 1 {
				out.WriteByte('\'')
			}
		case n == 2:
			out.WriteString("\u201c")
		default:
			out.WriteByte('`')
		}
		i = j
	}
	return out.String()
}

// firstWord returns the text up to the first space.
func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// isListMarker reports whether w, at the start of an indented comment line
// and followed by more text, would be read by go/doc/comment as a list
// marker: one of - * + • or a number followed by '.' or ')'.
func isListMarker(w string) bool {
	switch w {
	case "-", "*", "+", "•":
		return true
	}
	if len(w) < 2 || (w[len(w)-1] != '.' && w[len(w)-1] != ')') {
		return false
	}
	for i := 0; i < len(w)-1; i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// startsUpper reports whether s starts with an uppercase letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// codeLines turns the raw text of a code block into lines that go/doc/comment
// keeps verbatim: tabs expanded (so the only tab is the one the block is
// indented with), other whitespace made plain spaces, control characters
// dropped, trailing spaces, outer and repeated blank lines and common
// indentation removed.
func codeLines(raw string) []string {
	var lines []string
	var line strings.Builder
	for len(raw) > 0 {
		l, rest, _ := strings.Cut(raw, "\n")
		raw = rest
		line.Reset()
		col := 0
		for _, r := range l {
			switch {
			case r == '\t':
				for n := 4 - col%4; n > 0; n-- {
					line.WriteByte(' ')
					col++
				}
				continue
			case isSpace(r):
				r = ' '
			case dropRune(r):
				continue
			}
			line.WriteRune(r)
			col++
		}
		l = strings.TrimRight(line.String(), " ")
		if l == "" && len(lines) > 0 && lines[len(lines)-1] == "" {
			continue // one blank line is enough
		}
		lines = append(lines, l)
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	indent := -1
	for _, l := range lines {
		if l == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	if indent > 0 {
		for i, l := range lines {
			if l != "" {
				lines[i] = l[indent:]
			}
		}
	}
	return lines
}

// collapse joins the lines of a code block that cannot be shown as code into
// single-spaced paragraph text.
func collapse(lines []string) string {
	return fixQuotes(strings.Join(strings.Fields(strings.Join(lines, " ")), " "))
}

// isLinkDef reports whether go/doc/comment would read line as a link
// definition ("[text]: scheme://..."). A paragraph made only of those is
// moved to the end of the comment by gofmt.
func isLinkDef(line string) bool {
	if line == "" || line[0] != '[' {
		return false
	}
	i := strings.Index(line, "]:")
	if i < 0 || i+3 >= len(line) || line[i+2] != ' ' {
		return false
	}
	url := strings.TrimSpace(line[i+3:])
	j := strings.Index(url, "://")
	if j < 0 {
		return false
	}
	switch url[:j] {
	case "file", "ftp", "gopher", "http", "https", "mailto", "nntp":
		return true
	}
	return false
}

// isOldHeading reports whether go/doc/comment would take line, as a
// one-line paragraph between two paragraphs, for an old-style section
// heading, which gofmt rewrites as "# line".
func isOldHeading(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	if !unicode.IsLetter(r) || !unicode.IsUpper(r) {
		return false
	}
	r, _ = utf8.DecodeLastRuneInString(line)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	if strings.ContainsAny(line, ";:!?+*/=[]{}_^°&§~%#@<\">\\") {
		return false
	}
	for rest := line; ; {
		var ok bool
		if _, rest, ok = strings.Cut(rest, "'"); !ok {
			break
		}
		if rest != "s" && !strings.HasPrefix(rest, "s ") {
			return false
		}
	}
	for rest := line; ; {
		var ok bool
		if _, rest, ok = strings.Cut(rest, "."); !ok {
			break
		}
		if rest == "" || strings.HasPrefix(rest, " ") {
			return false
		}
	}
	return true
}
