package godoc

import (
	"bytes"
	"fmt"
	"go/format"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// goFile returns a Go source file in which each comment documents its own
// declaration, with comment markers added the way gofmt writes them.
func goFile(comments []string) []byte {
	var src bytes.Buffer
	src.WriteString("package p\n")
	for i, c := range comments {
		src.WriteString("\n")
		if c != "" {
			for _, line := range strings.Split(c, "\n") {
				switch {
				case line == "":
					src.WriteString("//\n")
				case strings.HasPrefix(line, "\t"):
					src.WriteString("//" + line + "\n")
				default:
					src.WriteString("// " + line + "\n")
				}
			}
		}
		fmt.Fprintf(&src, "var V%d int\n", i)
	}
	return src.Bytes()
}

// checkGofmtStable fails unless gofmt leaves the comments unchanged.
func checkGofmtStable(t *testing.T, comments ...string) {
	t.Helper()
	src := goFile(comments)
	got, err := format.Source(src)
	if err != nil {
		t.Fatalf("format.Source: %v\n%s", err, src)
	}
	if !bytes.Equal(got, src) {
		t.Fatalf("gofmt changed the comment:\n--- generated\n%s\n--- gofmt\n%s", src, got)
	}
}

// checkLines fails if c breaks the line rules of Comment's contract.
func checkLines(t *testing.T, c string, width int) {
	t.Helper()
	if c == "" {
		return
	}
	lines := strings.Split(c, "\n")
	if lines[0] == "" || lines[len(lines)-1] == "" {
		t.Fatalf("leading or trailing blank line in %q", c)
	}
	for i, line := range lines {
		if i > 0 && line == "" && lines[i-1] == "" {
			t.Fatalf("two blank lines in a row in %q", c)
		}
		if strings.HasSuffix(line, " ") || strings.HasSuffix(line, "\t") {
			t.Fatalf("trailing space in line %q", line)
		}
		if !utf8.ValidString(line) {
			t.Fatalf("invalid UTF-8 in line %q", line)
		}
		code := strings.HasPrefix(line, "\t")
		for k, r := range line {
			if unicode.IsControl(r) && !(code && k == 0) {
				t.Fatalf("control character %U in line %q", r, line)
			}
		}
		if code || width <= 0 || utf8.RuneCountInString(line) <= width {
			continue
		}
		// Too long: it must be one word (after any list markers), possibly
		// with list-marker-like words glued to it.
		words := strings.Fields(line)
		for len(words) > 1 && isListMarker(words[0]) {
			words = words[1:]
		}
		for _, w := range words[1:] {
			if !isListMarker(w) {
				t.Fatalf("line longer than %d columns has several words: %q", width, line)
			}
		}
	}
}

// FuzzComment checks the output contract of Comment on arbitrary input: no
// panic, lines within width unless unbreakable, no trailing spaces or
// control characters, and gofmt stability alone and among other paragraphs;
// and for Plain, that its lines have no outer spaces or control characters
// and that gofmt keeps them.
func FuzzComment(f *testing.F) {
	for _, tc := range commentTests {
		f.Add(tc.doc, tc.width)
	}
	f.Add(benchDoc, 80)
	f.Add("<ul><li>a</li></ul><pre>x</pre><ol><li>b<ul><li>c</li></ul></li></ol>", 20)
	f.Add("- a\n  1. b\n\n      code\n\n```\n- x y\n```\n# Title\nText\n===\n", 10)
	f.Add("[a]: https://x\n\n[b]: http://y z\n\n<li>[c]: ftp://q", 8)
	f.Add("Some Heading\n\nBody.\n\n<p>''x'' ``y`` ```z```</p>", 5)
	f.Add("<a href='https://a' title=\"x>y\">t</a><!-- c --><![CDATA[<b>]]><?x?>", 30)
	f.Fuzz(func(t *testing.T, doc string, width int) {
		width %= 200
		c := Comment(doc, width)
		checkLines(t, c, width)
		checkGofmtStable(t, c)
		if c != "" {
			// Callers add paragraphs of their own before and after.
			checkGofmtStable(t, "Field is documented.\n\n"+c+"\n\nField: required.")
		}
		if s := FirstSentence(doc); strings.ContainsAny(s, "\n\t") {
			t.Fatalf("FirstSentence(%q) = %q has line breaks", doc, s)
		}
		p := Plain(doc, width)
		checkGofmtStable(t, p)
		for _, line := range strings.Split(p, "\n") {
			if line != strings.TrimSpace(line) || strings.ContainsFunc(line, unicode.IsControl) {
				t.Fatalf("Plain(%q, %d) has line %q", doc, width, line)
			}
		}
	})
}
