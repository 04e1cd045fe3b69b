package godoc

import (
	"strings"
	"testing"
)

// lines joins its arguments with newlines, so that expected comments read
// one line per argument.
func lines(l ...string) string { return strings.Join(l, "\n") }

var commentTests = []struct {
	name  string
	doc   string
	width int
	want  string
}{
	{"empty", "", 80, ""},
	{"whitespace only", " \n\t \r\n ", 80, ""},
	{"empty html", "<p> </p><ul><li></li></ul>", 80, ""},
	{"heading-like paragraph gets a period", "<p>Widget Name</p>", 80, "Widget Name."},
	{
		"paragraphs wrap",
		"<p>The quick brown fox jumps over the lazy dog near the riverbank.</p><p>Second one.</p>",
		30,
		lines(
			"The quick brown fox jumps over",
			"the lazy dog near the",
			"riverbank.",
			"",
			"Second one.",
		),
	},
	{
		"no wrapping with width 0",
		"<p>The quick brown fox jumps over the lazy dog near the riverbank.</p>",
		0,
		"The quick brown fox jumps over the lazy dog near the riverbank.",
	},
	{
		"inline tags keep their text",
		"<p>Set <code>Mode</code> to <b>FAST</b> or <i>slow</i>; see <em>the</em> <strong>guide</strong>.</p>",
		80,
		"Set Mode to FAST or slow; see the guide.",
	},
	{
		"inline tags do not add spaces",
		"<p>Use <code>Get</code>s and <code>Put</code><i>s</i>.</p>",
		80,
		"Use Gets and Puts.",
	},
	{
		"links",
		`<p>Read <a href="https://example.com/guide">the guide</a>, ` +
			`<a href="https://example.com">https://example.com</a>, ` +
			`<a href="/relative/path">local docs</a>, <a href="">nothing</a>, ` +
			`<a href="mailto:team@example.com">email us</a> or <a href="https://example.com/x"></a>.</p>`,
		60,
		lines(
			"Read the guide (https://example.com/guide),",
			"https://example.com, local docs, nothing, email us",
			"(mailto:team@example.com) or https://example.com/x.",
		),
	},
	{
		"link attributes",
		`<p><a title='x > y' HREF = "https://example.com/a?b=1&amp;c=2" >Query</a></p>`,
		80,
		"Query (https://example.com/a?b=1&c=2)",
	},
	{
		"bullet list",
		"<p>Colors:</p><ul><li><p>Red</p></li><li><p>Green, which is a longer item that wraps</p></li></ul>",
		30,
		lines(
			"Colors:",
			"",
			"  - Red",
			"  - Green, which is a longer",
			"    item that wraps",
		),
	},
	{
		"ordered list",
		"<p>To start:</p><ol><li>Open the box.</li><li>Take out the widget and place it on a flat surface.</li></ol>",
		40,
		lines(
			"To start:",
			"",
			" 1. Open the box.",
			" 2. Take out the widget and place it on",
			"    a flat surface.",
		),
	},
	{
		"nested list of the same kind is flattened",
		"<p>Pets:</p><ul><li>Cats<ul><li>Tabby</li><li>Siamese</li></ul></li><li>Dogs</li></ul>",
		80,
		lines(
			"Pets:",
			"",
			"  - Cats",
			"  - Tabby",
			"  - Siamese",
			"  - Dogs",
		),
	},
	{
		"nested bullets in an ordered list",
		"<p>Steps:</p><ol><li>Prepare<ul><li>wash</li><li>dry</li></ul></li><li>Cook</li></ol>",
		80,
		lines(
			"Steps:",
			"",
			" 1. Prepare",
			"    - wash",
			"    - dry",
			" 2. Cook",
		),
	},
	{
		"nested ordered list in a bullet list",
		"<p>Kinds:</p><ul><li>Fruit<ol><li>apple</li><li>pear</li></ol></li><li>Bread</li></ul>",
		80,
		lines(
			"Kinds:",
			"",
			"  - Fruit",
			"    1. apple",
			"    2. pear",
			"  - Bread",
		),
	},
	{
		"item with several paragraphs makes a loose list",
		"<ul><li><p>First paragraph.</p><p>Second paragraph.</p></li><li>Other</li></ul><p>End.</p>",
		80,
		lines(
			"  - First paragraph.",
			"",
			"    Second paragraph.",
			"",
			"  - Other",
			"",
			"End.",
		),
	},
	{
		"br in a list item",
		"<ul><li>Line one<br/>Line two</li></ul><p>End.</p>",
		80,
		lines(
			"  - Line one",
			"    Line two",
			"",
			"End.",
		),
	},
	{
		"adjacent lists merge",
		"<p>Sizes:</p><ol><li>small</li></ol><ol><li>large</li></ol><ul><li>other</li></ul>",
		80,
		lines(
			"Sizes:",
			"",
			" 1. small",
			" 2. large",
			"",
			"- other",
		),
	},
	{
		"list marker words never start a continuation line",
		"<p>Pick:</p><ul><li>x - y - z 1. w</li></ul>",
		12,
		lines(
			"Pick:",
			"",
			"  - x - y -",
			"    z 1. w",
		),
	},
	{
		"list only becomes paragraphs",
		"<ul><li>only</li><li>a list</li></ul>",
		80,
		lines(
			"- only",
			"",
			"- a list",
		),
	},
	{
		"note and important",
		"<note><p>Widgets expire.</p></note><important>Back them up.</important><note></note>",
		80,
		lines(
			"Note: Widgets expire.",
			"",
			"Important: Back them up.",
		),
	},
	{
		"note holding a list",
		"<p>Limits apply.</p><note><ul><li>one</li><li>two</li></ul></note>",
		80,
		lines(
			"Limits apply.",
			"",
			"Note:",
			"",
			"  - one",
			"  - two",
		),
	},
	{
		"entities",
		"<p>a &amp; b &lt;c&gt; &quot;d&quot; &#x27;e&#39; f&nbsp;g &copy; &bogus; AT&T</p>",
		80,
		`a & b <c> "d" 'e' f g © &bogus; AT&T`,
	},
	{
		"pre",
		"<p>Run:</p><pre>  widget create \\\n    --name demo\n\n\n  widget list &amp;&amp; echo done  \n</pre><p>Then stop.</p>",
		20,
		lines(
			"Run:",
			"",
			"\twidget create \\",
			"\t  --name demo",
			"",
			"\twidget list && echo done",
			"",
			"Then stop.",
		),
	},
	{
		"pre code with tabs",
		"<p>Example:</p><pre><code>{\n\t\"name\": \"demo\"\n}</code></pre>",
		80,
		lines(
			"Example:",
			"",
			"\t{",
			"\t    \"name\": \"demo\"",
			"\t}",
		),
	},
	{
		"pre in a list item stays inline",
		"<ul><li>Run <pre>widget\nlist</pre> first</li></ul><p>x</p>",
		80,
		lines(
			"  - Run widget list first",
			"",
			"x",
		),
	},
	{
		"list next to code becomes paragraphs",
		"<ul><li>item</li></ul><pre>code</pre><p>after</p>",
		80,
		lines(
			"- item",
			"",
			"\tcode",
			"",
			"after",
		),
	},
	{
		"code only becomes a paragraph",
		"<pre>only code\n  here</pre>",
		80,
		"only code here",
	},
	{
		"code that would read as a list becomes a paragraph",
		"<p>Config:</p><pre>- name: a\n  value: b</pre>",
		80,
		lines(
			"Config:",
			"",
			"- name: a value: b",
		),
	},
	{
		"plain text paragraphs",
		"First paragraph wraps\nacross lines.\n\n\nSecond paragraph.\r\n",
		80,
		lines(
			"First paragraph wraps across lines.",
			"",
			"Second paragraph.",
		),
	},
	{
		"markdown blocks",
		"Intro text.\n\n- one\n- two\n  continued\n\n```json\n{\"a\":  1}\n```\n\n## Usage\n\nMore.\n\n1. first\n2) second",
		80,
		lines(
			"Intro text.",
			"",
			"- one",
			"",
			"- two continued",
			"",
			"\t{\"a\":  1}",
			"",
			"Usage:",
			"",
			"More.",
			"",
			" 1. first",
			" 2. second",
		),
	},
	{
		"markdown indented code and setext heading",
		"Title\n=====\n\nText:\n\n    x := 1\n\n    y := 2\nafter",
		80,
		lines(
			"Title:",
			"",
			"Text:",
			"",
			"\tx := 1",
			"",
			"\ty := 2",
			"",
			"after",
		),
	},
	{
		"markdown nested lists",
		"Shapes:\n\n- round\n  1. circle\n  2. oval\n- square",
		80,
		lines(
			"Shapes:",
			"",
			"  - round",
			"    1. circle",
			"    2. oval",
			"  - square",
		),
	},
	{
		"tags in a code span are text",
		"Markup, such as `<p>text</p>`.",
		80,
		"Markup, such as `<p>text</p>`.",
	},
	{
		"a code span across lines keeps its tags",
		"Set it to `<p>hello\nworld</p>` or `<b>x</b>`.",
		80,
		"Set it to `<p>hello world</p>` or `<b>x</b>`.",
	},
	{
		"tags in fenced code are code",
		"Input such as:\n\n```html\n<div class=\"x\">\n  <p>hello</p>\n</div>\n```\n\nbecomes a page.\n\n1. first\n2. second",
		80,
		lines(
			"Input such as:",
			"",
			"\t<div class=\"x\">",
			"\t  <p>hello</p>",
			"\t</div>",
			"",
			"becomes a page.",
			"",
			" 1. first",
			" 2. second",
		),
	},
	{
		"tags in indented code are code",
		"Example:\n\n    <div>x</div>\n",
		80,
		lines(
			"Example:",
			"",
			"\t<div>x</div>",
		),
	},
	{
		"markdown with html tags keeps its structure",
		"It has a list:\n\n- one `<b>`\n- two <b>bold</b>\n\nAnd code:\n\n```\ncode\n```\n\nText.\n<p>Some <i>HTML</i> &amp; <a href=\"https://example.com/x\">a link</a></p>\n\n## Usage <code>x</code>",
		80,
		lines(
			"It has a list:",
			"",
			"  - one `<b>`",
			"  - two bold",
			"",
			"And code:",
			"",
			"\tcode",
			"",
			"Text.",
			"",
			"Some HTML & a link (https://example.com/x)",
			"",
			"Usage x:",
		),
	},
	{
		"a tag in a code span makes html markdown",
		"Use `<br>` for a <b>break</b>.",
		80,
		"Use `<br>` for a break.",
	},
	{
		"markdown keeps unknown tags as text",
		"A List<String> and <b>bold</b>:\n\n- a <region>\n- b",
		80,
		lines(
			"A List<String> and bold:",
			"",
			"  - a <region>",
			"  - b",
		),
	},
	{
		"markdown-like lines inside an html block are html text",
		"<p>Values:\n- a\n- b</p>\n<p>Next.</p>",
		80,
		lines(
			"Values: - a - b",
			"",
			"Next.",
		),
	},
	{
		"pre in markdown ends with its paragraph",
		"Run <pre>widget\n  list\n\n- item\n- other",
		80,
		lines(
			"Run.",
			"",
			"\twidget",
			"\tlist",
			"",
			"- item",
			"",
			"- other",
		),
	},
	{
		"plain text keeps angle brackets",
		"Returns a List<String> value; a < b.",
		80,
		"Returns a List<String> value; a < b.",
	},
	{
		"unknown tags keep their text",
		"<p>The <region> placeholder and <widget-name>w</widget-name>.</p>",
		80,
		"The placeholder and w.",
	},
	{
		"unclosed tags",
		"<p>unclosed <b>bold and <i>italic<ul><li>item",
		80,
		lines(
			"unclosed bold and italic",
			"",
			"  - item",
		),
	},
	{
		"stray angle brackets and comments",
		"<p>a < b, c<3, x </> y, <!-- hidden --> z <!-- open",
		80,
		"a < b, c<3, x </> y, z",
	},
	{
		"unterminated tag is text",
		"<p>x</p>y <b z",
		80,
		lines(
			"x",
			"",
			"y <b z",
		),
	},
	{
		"stray li",
		"<p>List:</p><ul><li>one<li>two</ul><li>stray",
		80,
		lines(
			"List:",
			"",
			"  - one",
			"  - two",
			"  - stray",
		),
	},
	{
		"long words are not split",
		"<p>See https://example.com/a/very/long/path/that/does/not/fit for details.</p>",
		30,
		lines(
			"See",
			"https://example.com/a/very/long/path/that/does/not/fit",
			"for details.",
		),
	},
	{
		"long word in a list",
		"<ul><li>Supercalifragilistic words</li></ul><p>x</p>",
		10,
		lines(
			"  - Supercalifragilistic",
			"    words",
			"",
			"x",
		),
	},
	{
		"headings and heading-like paragraphs get punctuation",
		"<h2>Examples</h2><p>Some text.</p><p>Plain Line</p><p>Last Line</p>",
		80,
		lines(
			"Examples:",
			"",
			"Some text.",
			"",
			"Plain Line.",
			"",
			"Last Line.",
		),
	},
	{
		"definition list",
		"<dl><dt>Fast</dt><dd><p>Quick mode.</p></dd><dt>Slow</dt><dd>Careful mode.</dd></dl>",
		80,
		lines(
			"Fast:",
			"",
			"Quick mode.",
			"",
			"Slow:",
			"",
			"Careful mode.",
		),
	},
	{
		"fullname",
		"<fullname>Widget Service</fullname><p>Manages widgets.</p>",
		80,
		lines(
			"Widget Service.",
			"",
			"Manages widgets.",
		),
	},
	{
		"blank line in html text",
		"<p>One thing.\n\n Another thing.</p>",
		80,
		lines(
			"One thing.",
			"",
			"Another thing.",
		),
	},
	{
		"quotes gofmt would rewrite",
		"<p>Use '' for empty and ``quoted'' text, or ```triple```.</p>",
		80,
		"Use \u201d for empty and \u201cquoted\u201d text, or `triple`.",
	},
	{
		"link definition lookalike",
		"[docs]: https://example.com/docs",
		80,
		lines(
			"[docs]:",
			"https://example.com/docs",
		),
	},
	{
		"link definition lookalikes in a list item",
		"<p>Links:</p><ul><li>[a]: http://example.com/a<br>[b]: https://example.com/b</li></ul>",
		0,
		lines(
			"Links:",
			"",
			"  - [a]:",
			"    http://example.com/a",
			"    [b]: https://example.com/b",
		),
	},
	{
		"control and invisible characters",
		"Bad\x00\x07 chars\r\nand\u202e bidi\u00a0nbsp\u2028line\ufeff \xff.",
		80,
		"Bad chars and bidi nbsp line \ufffd.",
	},
}

func TestComment(t *testing.T) {
	for _, tc := range commentTests {
		t.Run(tc.name, func(t *testing.T) {
			got := Comment(tc.doc, tc.width)
			if got != tc.want {
				t.Errorf("Comment(%q, %d) =\n%s\nwant:\n%s\n(got %q)", tc.doc, tc.width, got, tc.want, got)
			}
			checkLines(t, got, tc.width)
		})
	}
}

// TestCommentGofmtStable checks that gofmt leaves all the converted comments
// of the table, each documenting its own declaration, unchanged.
func TestCommentGofmtStable(t *testing.T) {
	var comments []string
	for _, tc := range commentTests {
		comments = append(comments, Comment(tc.doc, tc.width))
	}
	comments = append(comments, Comment(benchDoc, 76))
	checkGofmtStable(t, comments...)
}

// TestPlain checks that Plain quotes values as they are: tags, entities
// and runs of spaces stay, and lines break only at single spaces.
func TestPlain(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width int
		want  string
	}{
		{"", 80, ""},
		{" \t\n ", 80, ""},
		{`Block: defaults to "line one\n  indented".`, 80, `Block: defaults to "line one\n  indented".`},
		{`X: defaults to "<p>a</p> &amp; <b>b</b>"; pattern ^a  b$.`, 80, `X: defaults to "<p>a</p> &amp; <b>b</b>"; pattern ^a  b$.`},
		{"aaa bbb  ccc ddd", 9, lines("aaa", "bbb  ccc", "ddd")},
		{"tab\there, nul\x00 gone, ``quoted``", 80, "tab here, nul gone, \u201cquoted\u201c"},
		{"- not a list\n\nx", 80, "- not a list  x"},
		{"Title Case", 80, "Title Case."},
		{"#  0", 80, "# 0"},
	} {
		got := Plain(tc.text, tc.width)
		if got != tc.want {
			t.Errorf("Plain(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.want)
		}
		checkGofmtStable(t, got)
	}
}

func TestFirstSentence(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{"", ""},
		{"   ", ""},
		{"Gets a thing. More.", "Gets a thing."},
		{"<p>Gets a thing. More.</p><p>Other.</p>", "Gets a thing."},
		{"Use e.g. foo for this. Then stop.", "Use e.g. foo for this."},
		{"Version 1.2 is out. Next.", "Version 1.2 is out."},
		{"Is it ready? Yes.", "Is it ready?"},
		{"It works! Really.", "It works!"},
		{"Ends with a period.", "Ends with a period."},
		{"No terminator here", "No terminator here"},
		{"Wrapped\nacross lines. Next", "Wrapped across lines."},
		{"<p>The <code>Name</code> field. Required.</p>", "The Name field."},
		{"<ul><li>Only item. Second.</li></ul>", "Only item."},
		{"<pre>code. Here</pre><p>Para. Two.</p>", "Para."},
		{"<pre>code only</pre>", ""},
	} {
		if got := FirstSentence(tc.doc); got != tc.want {
			t.Errorf("FirstSentence(%q) = %q, want %q", tc.doc, got, tc.want)
		}
	}
}

// benchDoc is a documentation string of about 1 KB shaped like the HTML
// found in AWS models.
const benchDoc = `<p>Creates a new <code>Widget</code> in the specified catalog. ` +
	`The widget is created in the <code>PENDING</code> state and moves to ` +
	`<code>ACTIVE</code> once its resources are ready. For more information, see ` +
	`<a href="https://docs.example.com/widgets/latest/guide/creating.html">Creating widgets</a> ` +
	`in the <i>Widget Service Developer Guide</i>.</p> <p>The following rules apply:</p> ` +
	`<ul> <li> <p>Names must be unique within a catalog &amp; may contain only ` +
	`letters, digits and hyphens.</p> </li> <li> <p>You can create up to ` +
	`<b>100</b> widgets per catalog. To request more, contact support.</p> </li> ` +
	`<li> <p>Tags are copied to the widget&#39;s child resources.</p> </li> </ul> ` +
	`<note> <p>If you specify a <code>ClientToken</code> that was used in the ` +
	`last 24 hours, the request returns the existing widget instead of ` +
	`creating a new one.</p> </note> <p>Example request body:</p> ` +
	`<pre><code>{
  "Name": "demo-widget",
  "CatalogId": "cat-0123456789"
}</code></pre> <p>This operation is idempotent when a client token is supplied.</p>`

func BenchmarkComment(b *testing.B) {
	b.SetBytes(int64(len(benchDoc)))
	b.ReportAllocs()
	for b.Loop() {
		Comment(benchDoc, 76)
	}
}
