package godoc

import "strings"

// tagClass says how a known HTML element is treated.
type tagClass uint8

const (
	tagInline      tagClass = iota // unknown or inline: keep only the text
	tagBlock                       // starts a new paragraph
	tagHeading                     // a paragraph that is a heading or term
	tagNote                        // a paragraph prefixed with "Note: "
	tagImportant                   // a paragraph prefixed with "Important: "
	tagBreak                       // <br>
	tagList                        // <ul>
	tagOrdered                     // <ol>
	tagItem                        // <li>
	tagPre                         // <pre>
	tagLink                        // <a>
	tagCell                        // <td>, <th>: separated by a space
	tagKnownInline                 // inline, but proof that the input is HTML
)

// classify returns the class of the lowercase tag name.
func classify(name string) tagClass {
	switch name {
	case "p", "div", "para", "dl", "dd", "blockquote", "section", "table",
		"thead", "tbody", "tfoot", "tr", "caption", "hr":
		return tagBlock
	case "h1", "h2", "h3", "h4", "h5", "h6", "dt":
		return tagHeading
	case "note":
		return tagNote
	case "important":
		return tagImportant
	case "br":
		return tagBreak
	case "ul":
		return tagList
	case "ol":
		return tagOrdered
	case "li":
		return tagItem
	case "pre":
		return tagPre
	case "a":
		return tagLink
	case "td", "th":
		return tagCell
	case "code", "b", "i", "em", "strong", "fullname", "u", "span", "sup",
		"sub", "tt", "kbd", "var", "samp", "cite", "small", "img", "s", "q":
		return tagKnownInline
	}
	return tagInline
}

// isHTML reports whether doc is HTML, as AWS models write documentation,
// rather than CommonMark, which the Smithy IDL specifies and in which some
// HTML may appear too. A doc is HTML when it has a known tag outside
// Markdown code (a "<" in text such as "List<String>" is no tag) and none
// of what only Markdown writes: a fenced code block, a list item or "#"
// heading line outside an HTML block, or a tag inside a code span. Tags in
// code show markup as text, so they must not turn the doc into markup; and
// a Markdown doc with a few tags is parsed as Markdown, which keeps its
// lists and code and treats the tags as inline HTML (see builder.inline).
//
// Code and HTML blocks are found the way CommonMark finds them, closely
// enough for this decision: a line starting with a known tag begins an
// HTML block, a blank line ends it, and AWS HTML, which rarely has blank
// lines, is therefore one HTML block in which a line such as "- x" is text.
func isHTML(doc string) bool {
	var (
		tags, markdown bool
		fence          string // closing fence while in a fenced code block
		blank          = true // the previous line was blank
		inCode         bool   // in an indented code block
		inList         bool   // a list item may continue with indented lines
		htmlBlock      bool
		para           strings.Builder // text lines since the last blank
	)
	endPara := func() {
		if para.Len() > 0 {
			outside, inSpan := scanTags(para.String())
			tags = tags || outside
			markdown = markdown || inSpan
			para.Reset()
		}
	}
	for s := doc; len(s) > 0 && !markdown; {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		t, ind := trimIndent(line)
		if fence != "" {
			if ind < 4 && strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				fence = ""
			}
			continue
		}
		if t == "" {
			endPara()
			blank, htmlBlock = true, false
			continue
		}
		if ind >= 4 && (inCode || blank && !inList && para.Len() == 0) {
			inCode = true
			continue
		}
		inCode = false
		if ind < 4 {
			htmlBlock = htmlBlock || knownTagAt(t, 0)
			switch {
			case isFence(t):
				endPara()
				n := 0
				for n < len(t) && t[n] == t[0] {
					n++
				}
				fence = t[:n]
				markdown = markdown || !htmlBlock
				continue
			case htmlBlock:
			case atxLevel(t) > 0:
				markdown = true
			default:
				if _, _, ok := mdMarker(t); ok {
					markdown, inList = true, true
				} else if blank {
					inList = false
				}
			}
		}
		blank = false
		if para.Len() > 0 {
			para.WriteByte('\n')
		}
		para.WriteString(t)
	}
	endPara()
	return tags && !markdown
}

// scanTags reports whether s, Markdown paragraph text, has a known tag
// outside code spans, and whether it has one inside a code span.
func scanTags(s string) (outside, inSpan bool) {
	spans := codeSpans(s)
	for i := 0; ; i++ {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return outside, inSpan
		}
		i += j
		if !knownTagAt(s, i) {
			continue
		}
		for len(spans) > 0 && spans[0][1] <= i {
			spans = spans[1:]
		}
		if len(spans) > 0 && spans[0][0] <= i {
			inSpan = true
		} else {
			outside = true
		}
	}
}

// codeSpans returns the start and end offsets of the CommonMark code spans
// in s: each from a run of backquotes to the next run of the same length.
// A run without such a match is literal text.
func codeSpans(s string) [][2]int {
	if strings.IndexByte(s, '`') < 0 {
		return nil
	}
	type run struct{ pos, n, next int }
	var runs []run
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		runs = append(runs, run{pos: i, n: j - i})
		i = j
	}
	// next links each run to the following one of the same length, found
	// in one backward pass so that many unmatched runs stay linear.
	last := map[int]int{}
	for k := len(runs) - 1; k >= 0; k-- {
		runs[k].next = -1
		if m, ok := last[runs[k].n]; ok {
			runs[k].next = m
		}
		last[runs[k].n] = k
	}
	var spans [][2]int
	for k := 0; k < len(runs); {
		m := runs[k].next
		if m < 0 {
			k++
			continue
		}
		spans = append(spans, [2]int{runs[k].pos, runs[m].pos + runs[m].n})
		k = m + 1
	}
	return spans
}

// knownTagAt reports whether a start or end tag of a known HTML element
// begins at s[i].
func knownTagAt(s string, i int) bool {
	if i >= len(s) || s[i] != '<' {
		return false
	}
	k := i + 1
	if k < len(s) && s[k] == '/' {
		k++
	}
	start := k
	for k < len(s) && k-start <= 10 && isNameByte(s[k]) {
		k++
	}
	if k == start || k >= len(s) || k-start > 10 {
		return false
	}
	if c := s[k]; c != '>' && c != '/' && c != ' ' && c != '\t' && c != '\n' {
		return false
	}
	return classify(strings.ToLower(s[start:k])) != tagInline
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// scanner finds bytes ahead of the tokenizer. It remembers where a search
// found nothing, so malformed input (many "<" or quotes without a match)
// cannot make tokenizing quadratic.
type scanner struct {
	s    string
	none [256]int // byte c does not occur at or after none[c]-1; 0: unknown
}

// index returns the index of the first byte c at or after from, or -1.
func (sc *scanner) index(from int, c byte) int {
	if n := sc.none[c]; n > 0 && from >= n-1 {
		return -1
	}
	j := strings.IndexByte(sc.s[from:], c)
	if j < 0 {
		if n := sc.none[c]; n == 0 || from+1 < n {
			sc.none[c] = from + 1
		}
		return -1
	}
	return from + j
}

// parseHTML tokenizes s and drives b. It is a small, forgiving tokenizer:
// anything that is not a well-formed tag, comment or declaration is text.
func parseHTML(b *builder, s string) {
	sc := &scanner{s: s}
	text := 0 // start of pending text
	i := 0
	for {
		j := sc.index(i, '<')
		if j < 0 {
			break
		}
		i = j
		end := b.tag(sc, i, s[text:i])
		if end < 0 {
			i++ // a lone "<" is text
			continue
		}
		i, text = end, end
	}
	b.htmlText(s[text:])
}

// inline writes the text of a Markdown paragraph, which CommonMark lets
// hold raw HTML: a known tag outside code spans is markup, handled as in
// HTML (<b> dropped, <p> a paragraph break, <a href> a link, ...); in a
// code span tags are text, so that markup shown in it keeps them. Character
// references are decoded everywhere, code spans included, as Markdown docs
// were before they could hold tags. A "<" that starts no known tag stays
// text, as in "List<String>".
func (b *builder) inline(s string) {
	if strings.IndexByte(s, '<') < 0 {
		b.write(unescape(s))
		return
	}
	sc := &scanner{s: s}
	spans := codeSpans(s)
	text := 0 // start of pending text
	for i := 0; ; {
		j := sc.index(i, '<')
		if j < 0 {
			break
		}
		i = j
		for len(spans) > 0 && spans[0][1] <= i {
			spans = spans[1:]
		}
		if len(spans) > 0 && spans[0][0] <= i {
			i = spans[0][1] // a code span: text up to its end
			continue
		}
		end := -1
		if knownTagAt(s, i) {
			end = b.tag(sc, i, s[text:i])
		}
		if end < 0 {
			i++
			continue
		}
		i, text = end, end
	}
	b.htmlText(s[text:])
	if b.preDepth > 0 {
		// A <pre> left open ends with the paragraph: the Markdown lines
		// after it are not written through htmlText.
		b.preDepth = 0
		b.addCode(b.code.String())
	}
}

// htmlText handles text between tags.
func (b *builder) htmlText(raw string) {
	if raw == "" {
		return
	}
	if b.preDepth > 0 {
		b.code.WriteString(unescape(raw))
		return
	}
	b.write(unescape(raw))
}

// tag tries to read a tag, comment or declaration at s[i] == '<'. On success
// it first hands the preceding text to the builder, processes the tag and
// returns the index after it; otherwise it returns -1.
func (b *builder) tag(sc *scanner, i int, before string) int {
	s := sc.s
	if i+1 >= len(s) {
		return -1
	}
	switch c := s[i+1]; {
	case c == '!' || c == '?':
		if strings.HasPrefix(s[i:], "<!--") {
			b.htmlText(before)
			if k := strings.Index(s[i+4:], "-->"); k >= 0 {
				return i + 4 + k + 3
			}
			return len(s)
		}
		if strings.HasPrefix(s[i:], "<![CDATA[") {
			b.htmlText(before)
			body, _, found := strings.Cut(s[i+9:], "]]>")
			if b.preDepth > 0 {
				b.code.WriteString(body)
			} else {
				b.write(body)
			}
			if !found {
				return len(s)
			}
			return i + 9 + len(body) + 3
		}
		k := sc.index(i, '>')
		if k < 0 {
			return -1
		}
		b.htmlText(before)
		return k + 1
	case c == '/':
		if i+2 >= len(s) || !isLetter(s[i+2]) {
			return -1
		}
		k := sc.index(i, '>')
		if k < 0 {
			return -1
		}
		n := i + 2
		for n < k && !isHTMLSpace(s[n]) && s[n] != '/' {
			n++
		}
		b.htmlText(before)
		b.endTag(strings.ToLower(s[i+2 : n]))
		return k + 1
	case isLetter(c):
		gt := sc.index(i, '>')
		if gt < 0 {
			return -1
		}
		n := i + 1
		for n < gt && !isHTMLSpace(s[n]) && s[n] != '/' {
			n++
		}
		k := tagEnd(sc, n, gt)
		name := strings.ToLower(s[i+1 : n])
		attrs := s[n:k]
		selfClosing := strings.HasSuffix(attrs, "/")
		b.htmlText(before)
		b.startTag(name, attrs)
		if selfClosing {
			b.endTag(name)
		}
		return k + 1
	}
	return -1
}

// tagEnd returns the index of the '>' ending a start tag whose attributes
// begin at i, skipping quoted attribute values; gt is the first '>' after i.
// When quotes leave the tag unterminated, it ends at gt: any tag start
// followed by a '>' is then consumed, which keeps tokenizing linear.
func tagEnd(sc *scanner, i, gt int) int {
	s := sc.s
	first := gt
	for {
		q := -1
		for k := i; k < gt; k++ {
			if (s[k] == '"' || s[k] == '\'') && attrValueStart(s, k) {
				q = k
				break
			}
		}
		if q < 0 {
			return gt
		}
		closeQ := sc.index(q+1, s[q])
		if closeQ < 0 {
			return first
		}
		i = closeQ + 1
		if gt = sc.index(i, '>'); gt < 0 {
			return first
		}
	}
}

// attrValueStart reports whether the quote at s[k] opens an attribute value,
// that is, follows '=' and optional spaces.
func attrValueStart(s string, k int) bool {
	for k--; k >= 0 && isHTMLSpace(s[k]); k-- {
	}
	return k >= 0 && s[k] == '='
}

// attr returns the decoded value of the attribute name in the attribute text
// of a start tag, or "".
func attr(attrs, name string) string {
	for i := 0; i < len(attrs); {
		for i < len(attrs) && (isHTMLSpace(attrs[i]) || attrs[i] == '/') {
			i++
		}
		start := i
		for i < len(attrs) && !isHTMLSpace(attrs[i]) && attrs[i] != '=' && attrs[i] != '/' {
			i++
		}
		key := attrs[start:i]
		for i < len(attrs) && isHTMLSpace(attrs[i]) {
			i++
		}
		if i >= len(attrs) || attrs[i] != '=' {
			if i == start {
				i++ // a stray '/' or '=': make progress
			}
			continue
		}
		i++
		for i < len(attrs) && isHTMLSpace(attrs[i]) {
			i++
		}
		var val string
		if i < len(attrs) && (attrs[i] == '"' || attrs[i] == '\'') {
			q := attrs[i]
			i++
			end := strings.IndexByte(attrs[i:], q)
			if end < 0 {
				end = len(attrs) - i
			}
			val = attrs[i : i+end]
			i += end + 1
		} else {
			start := i
			for i < len(attrs) && !isHTMLSpace(attrs[i]) {
				i++
			}
			val = attrs[start:i]
		}
		if strings.EqualFold(key, name) {
			return unescape(val)
		}
	}
	return ""
}

// startTag handles a start tag.
func (b *builder) startTag(name, attrs string) {
	class := classify(name)
	if b.preDepth > 0 {
		// Inside <pre> markup is dropped, except for what shapes lines.
		switch class {
		case tagPre:
			b.preDepth++
		case tagBreak:
			b.code.WriteByte('\n')
		}
		return
	}
	switch class {
	case tagBlock:
		b.block()
	case tagHeading:
		b.block()
		b.heading = true
	case tagNote:
		b.block()
		b.prefix = "Note: "
	case tagImportant:
		b.block()
		b.prefix = "Important: "
	case tagBreak:
		b.lineBreak()
	case tagList, tagOrdered:
		b.openList(class == tagOrdered)
	case tagItem:
		b.openItem()
	case tagPre:
		if len(b.lists) > 0 {
			b.space = true // code in a list item stays inline
			return
		}
		b.flush()
		if b.prefix != "" {
			b.materializePrefix()
			b.flush()
		}
		b.preDepth = 1
		b.code.Reset()
	case tagLink:
		b.openLink(attr(attrs, "href"))
	case tagCell:
		b.space = true
	}
}

// endTag handles an end tag.
func (b *builder) endTag(name string) {
	class := classify(name)
	if b.preDepth > 0 {
		if class == tagPre {
			if b.preDepth--; b.preDepth == 0 {
				b.addCode(b.code.String())
			}
		}
		return
	}
	switch class {
	case tagBlock, tagHeading:
		b.block()
	case tagNote, tagImportant:
		b.block()
		b.prefix = ""
	case tagList, tagOrdered:
		b.closeList()
	case tagItem:
		b.closeItem()
	case tagPre, tagCell:
		b.space = true
	case tagLink:
		b.closeLink()
	}
}

// openLink starts collecting the text of <a href>.
func (b *builder) openLink(href string) {
	if b.prefix != "" && len(b.text) == 0 {
		b.materializePrefix()
	}
	b.link = true
	b.linkStart = len(b.text)
	b.href = cleanURL(href)
}

// closeLink appends " (url)" after link text when the URL adds information:
// it is absolute (relative links mean nothing outside the original site) and
// differs from the text.
func (b *builder) closeLink() {
	if !b.link {
		return
	}
	b.link = false
	u := b.href
	if !absoluteURL(u) {
		return
	}
	text := strings.TrimSpace(string(b.text[b.linkStart:]))
	switch {
	case text == "":
		if b.space && len(b.text) > 0 {
			b.text = append(b.text, ' ')
		}
		b.space = false
		b.text = append(b.text, u...)
	case !sameURL(text, u):
		b.text = append(b.text, " ("...)
		b.text = append(b.text, u...)
		b.text = append(b.text, ')')
	}
}

// cleanURL removes whitespace and unwanted characters from an href, which
// must stay one word.
func cleanURL(u string) string {
	clean := true
	for _, r := range u {
		if isSpace(r) || dropRune(r) || r == 0xfffd {
			clean = false
			break
		}
	}
	if clean {
		return u
	}
	var sb strings.Builder
	for _, r := range u {
		if !isSpace(r) && !dropRune(r) && r != 0xfffd {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// absoluteURL reports whether u has a scheme followed by "//", or is a
// mailto: link.
func absoluteURL(u string) bool {
	i := strings.IndexByte(u, ':')
	if i <= 0 {
		return false
	}
	for k := 0; k < i; k++ {
		if c := u[k]; !isNameByte(c) && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	if strings.EqualFold(u[:i], "mailto") {
		return len(u) > i+1
	}
	return strings.HasPrefix(u[i+1:], "//") && len(u) > i+3
}

// sameURL reports whether link text merely repeats the URL.
func sameURL(text, u string) bool {
	if text == u || strings.TrimSuffix(text, "/") == strings.TrimSuffix(u, "/") {
		return true
	}
	if rest, ok := strings.CutPrefix(u, "mailto:"); ok {
		return text == rest
	}
	return false
}
