// Package godoc converts Smithy documentation trait values into the text of
// Go doc comments.
//
// Smithy models carry documentation in two dialects: AWS models embed HTML
// (<p>, <code>, <ul>, <note>, entities, and a fair amount of malformed markup),
// while other models use CommonMark-ish plain text. Both are reduced to the
// small block vocabulary of Go doc comments (https://go.dev/doc/comment):
// paragraphs, lists and code blocks. CommonMark may hold HTML too, so a doc
// is read as HTML only when it has tags outside Markdown code and nothing
// only Markdown writes (see isHTML); otherwise its tags are inline HTML and
// tags shown in code stay text.
//
// The output is written so that gofmt leaves it untouched. gofmt reformats doc
// comments through go/doc/comment, and several constructs that look harmless
// in plain text are rewritten by it (adjacent lists merge, some one-line
// paragraphs become headings, two backquotes become a curly quote, a comment
// made only of indented lines is unindented, ...). Every such case is avoided
// here, because generated code that changes under gofmt produces noisy diffs
// and fails "is it formatted" checks.
package godoc

import "strings"

// Comment converts documentation to the text of a Go doc comment.
//
// Paragraphs are separated by one blank line and wrapped at width columns
// (counted in runes, including list indentation). Words are never split, so a
// long word or URL may exceed width; width <= 0 disables wrapping. The result
// has no leading or trailing blank lines, no trailing spaces, no control
// characters other than newlines and the tab that starts each code-block line,
// and no "//" prefixes. An empty or whitespace-only input gives "".
//
// The caller must add comment markers the way gofmt does, or gofmt will
// rewrite the comment: "//" for an empty line, "//" directly followed by the
// line when it starts with a tab (a code block line), and "// " followed by
// the line otherwise.
func Comment(doc string, width int) string {
	blocks := parse(doc)
	if len(blocks) == 0 {
		return ""
	}
	return render(blocks, width)
}

// Plain converts one paragraph of plain text, not markup, to the text of a
// Go doc comment, as Comment does. It is for sentences the generator writes
// that quote model values, such as a member's default or pattern: those are
// shown as they are, so "<b>" stays a tag, "&amp;" an entity, and a run of
// spaces is kept (Comment squeezes it, as markup whitespace) and never
// broken at the end of a line. Other whitespace and control characters,
// which a comment line cannot show, become spaces or are dropped.
func Plain(text string, width int) string {
	var sb strings.Builder
	for _, r := range text {
		switch {
		case isSpace(r):
			sb.WriteByte(' ')
		case !dropRune(r):
			sb.WriteRune(r)
		}
	}
	text = strings.Trim(sb.String(), " ")
	if text == "" {
		return ""
	}
	if rest, ok := strings.CutPrefix(text, "# "); ok {
		// gofmt takes a one-line "#  x" for a heading and squeezes it.
		text = "# " + strings.TrimLeft(rest, " ")
	}
	return render([]block{{kind: paraBlock, text: fixQuotes(text)}}, width)
}

// FirstSentence returns the first sentence of the documentation, as plain
// single-line text, for use in short summaries. It looks at the first
// paragraph (or the first list item when the documentation starts with a list)
// and cuts after the first '.', '!' or '?' that is followed by a space and an
// uppercase letter; "e.g. foo" is therefore not cut. Without such a cut the
// whole paragraph is returned. It returns "" when there is no text.
func FirstSentence(doc string) string {
	for _, b := range parse(doc) {
		switch b.kind {
		case paraBlock:
			return firstSentence(b.text)
		case listBlock:
			return firstSentence(b.items[0].paras[0][0].text)
		}
	}
	return ""
}

// firstSentence cuts text after its first sentence terminator.
func firstSentence(text string) string {
	for i := 0; i+2 < len(text); i++ {
		switch text[i] {
		case '.', '!', '?':
			if text[i+1] == ' ' && startsUpper(text[i+2:]) {
				return text[:i+1]
			}
		}
	}
	return strings.TrimSpace(text)
}
