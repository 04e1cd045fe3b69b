package shapes

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// lexOne returns the first token of src that is not whitespace.
func lexOne(t *testing.T, src string) token {
	t.Helper()
	for _, tok := range lex([]byte(src)) {
		if !isWS(tok.kind) {
			return tok
		}
	}
	t.Fatalf("no token in %q", src)
	return token{}
}

func TestLexTextBlocks(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"common indentation is removed", "\"\"\"\n    <div>\n        <p>Hi</p>\n    </div>\n    \"\"\"", "<div>\n    <p>Hi</p>\n</div>\n"},
		{"closing quotes on the last line: no trailing newline", "\"\"\"\n    Hello\"\"\"", "Hello"},
		{"closing quotes left of the content keep its indentation", "\"\"\"\n        Foo\n            Baz\n    \"\"\"", "    Foo\n        Baz\n"},
		{"closing quotes right of the content do not count", "\"\"\"\n    Foo\n            \"\"\"", "Foo\n"},
		{"blank lines do not count", "\"\"\"\n    Hello\n\n  \n    there\n    \"\"\"", "Hello\n\n\nthere\n"},
		{"trailing spaces are removed", "\"\"\"\n    a   \n    b\"\"\"", "a\nb"},
		{"escapes are expanded after the indentation is removed", "\"\"\"\n    <p>Hi\\n    bar</p>\"\"\"", "<p>Hi\n    bar</p>"},
		{"escaped newlines join lines", "\"\"\"\n    Foo \\\n    Baz \\\n    Bam\"\"\"", "Foo Baz Bam"},
		{"quotes need no escape, three need one", "\"\"\"\n    \"hi\" and \\\"\"\" too\"\"\"", "\"hi\" and \"\"\" too"},
		{"an escaped quote before the closing quotes", "\"\"\"\n    \"Hi\\\"\"\"\"", "\"Hi\""},
		{"unicode escapes and surrogate pairs", "\"\"\"\n    \\u00e9 \\uD83D\\uDE00\"\"\"", "é 😀"},
		{"CRLF is normalised", "\"\"\"\r\n    a\r\n    b\r\n    \"\"\"", "a\nb\n"},
		{"only the closing line", "\"\"\"\n    \"\"\"", ""},
		{"spaces after the opening quotes", "\"\"\"   \n  x\"\"\"", "x"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tok := lexOne(t, c.src)
			if tok.kind != tTextBlock || tok.text != c.want {
				t.Errorf("got %v %q, want text block %q", tok.kind, tok.text, c.want)
			}
		})
	}
}

func TestLexStrings(t *testing.T) {
	for src, want := range map[string]string{
		`"plain"`:                   "plain",
		`""`:                        "",
		`"\" \\ \/ \b \f \n \r \t"`: "\" \\ / \b \f \n \r \t",
		`"\u0041\u00e9"`:            "Aé",
		"\"two\nlines\"":            "two\nlines",
		"\"crlf\r\nline\"":          "crlf\nline",
		"\"joined \\\nline\"":       "joined line",
	} {
		if tok := lexOne(t, src); tok.kind != tString || tok.text != want {
			t.Errorf("%s: got %v %q, want %q", src, tok.kind, tok.text, want)
		}
	}
	for src, msg := range map[string]string{
		`"\'"`:       `invalid escape \'`,
		`"\ "`:       `invalid escape \ `,
		`"\ua"`:      "four hexadecimal digits",
		`"\uaaat"`:   "invalid character 't'",
		`"\uD800"`:   "surrogate",
		`"open`:      "string not terminated",
		`"""x"""`:    "must be followed by a newline",
		`""""""`:     "it is empty",
		"\"\"\"\nab": "text block not terminated",
	} {
		tok := lexOne(t, src)
		if tok.kind != tError || !strings.Contains(tok.text, msg) {
			t.Errorf("%s: got %v %q, want an error with %q", src, tok.kind, tok.text, msg)
		}
	}
}

func TestLexNumbers(t *testing.T) {
	for _, good := range []string{"0", "-1", "10.5", "1e3", "1E+3", "-2.5e-10", "9223372036854775808"} {
		if tok := lexOne(t, good); tok.kind != tNumber || tok.text != good {
			t.Errorf("%s: got %v %q", good, tok.kind, tok.text)
		}
	}
	for _, bad := range []string{"-", "1.", "1e", "1.0e+", "-x"} {
		if tok := lexOne(t, bad); tok.kind != tError {
			t.Errorf("%s: got %v %q, want an error", bad, tok.kind, tok.text)
		}
	}
}

func TestLexCommentsAndDocComments(t *testing.T) {
	toks := lex([]byte("/// doc one\n  ///  indented doc\nstring A /// not a doc comment\n// plain\n////four\n"))
	var got []string
	for _, tok := range toks {
		switch tok.kind {
		case tDocComment:
			got = append(got, "doc:"+tok.text)
		case tComment:
			got = append(got, "comment:"+tok.text)
		}
	}
	want := []string{"doc:doc one", "doc: indented doc", "comment:/// not a doc comment", "comment:// plain", "doc:/four"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// Positions count lines and characters (not bytes).
	toks = lex([]byte("é = \"x\"\n  y"))
	if toks[0].kind != tError || toks[0].pos != (pos{1, 1, 0}) {
		t.Errorf("é is not an identifier: %+v", toks[0])
	}
	toks = lex([]byte("a = \"é\"\n  y"))
	last := toks[len(toks)-2]
	if last.text != "y" || last.pos.line != 2 || last.pos.col != 3 {
		t.Errorf("position of y: %+v", last)
	}
}

func loadIDL(t *testing.T, files ...string) (*Model, error) {
	t.Helper()
	var srcs []Source
	for i, f := range files {
		name := "m" + string(rune('0'+i)) + ".smithy"
		if strings.HasPrefix(strings.TrimSpace(f), "{") {
			name = "m" + string(rune('0'+i)) + ".json"
		}
		srcs = append(srcs, Source{Name: name, Data: []byte(f)})
	}
	return Load(srcs...)
}

func mustLoadIDL(t *testing.T, files ...string) *Model {
	t.Helper()
	m, err := loadIDL(t, files...)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Comments and commas may appear wherever whitespace can; the model must be
// the same as without them.
func TestCommentsEverywhere(t *testing.T) {
	plain := `$version: "2.0"
metadata tags = ["a", {k: 1}]
namespace ex.com
use smithy.api#String
@length(min: 1, max: 2)
string Name
@mixin
structure Base { id: String }
structure Thing with [Base] {
    @required
    name: Name = "x"
    $id
    list: Names
}
list Names { member: Name }
operation Op { input := { a: Name } errors: [Oops] }
@error("client")
structure Oops {}
apply Thing$list @deprecated
`
	commented := `// lead
$version: "2.0" // after control
// between
metadata tags = [ // in a list
    "a", // item
    { // object
        k // key
        : // colon
        1 // value
    },
] // end
namespace ex.com // ns
use smithy.api#String // use
// before traits
@length( // open
    min: 1, // a
    max: 2 // b
) // close
string Name // shape
@mixin // mixin
structure Base { // open
    // inside
    id: String, // member
} // close
structure Thing with [ // mixins
    Base // one
] { // body
    @required // trait
    // between trait and member
    name: Name = "x", // default
    $id // elided
    list: Names,,,
}
list Names { // list
    member: Name // member
}
operation Op { // op
    input // before walrus
        := { // inline
            a: Name // member
        } // after
    errors: [ // errors
        Oops // one
    ] // end
}
@error("client") // trait
structure Oops {} // empty
apply Thing$list @deprecated // apply
// trailing comment without a newline`
	a, b := mustLoadIDL(t, plain), mustLoadIDL(t, commented)
	if d := diffModels(b, a, false); len(d) > 0 {
		t.Fatalf("comments changed the model:\n%s", strings.Join(d, "\n"))
	}
	if raw, _ := a.Metadata("tags"); raw != `["a",{"k":1}]` {
		t.Errorf("metadata %s", raw)
	}
}

func TestDocComments(t *testing.T) {
	m := mustLoadIDL(t, `$version: "2.0"
/// ignored: before the namespace
namespace ex.com

/// Shape docs,
///   indented line.

/// Blank lines and comments between doc comments and the shape are fine.
// a plain comment
@sensitive
/// ignored: after a trait
string Documented

structure S {
    /// Member docs.
    @required
    a: String
    b: String /// ignored: not at the start of a line
    /// ignored: dangling
}

enum E {
    /// Enum member docs.
    A
}

operation Op {
    input
        /// ignored: before :=
        := {}
    output :=
        /// Output docs.
        {}
}

/// ignored: before apply
apply S$b @deprecated
`)
	for id, want := range map[string]string{
		"ex.com#Documented": "Shape docs,\n  indented line.\nBlank lines and comments between doc comments and the shape are fine.",
		"ex.com#S$a":        "Member docs.",
		"ex.com#S$b":        "",
		"ex.com#S":          "",
		"ex.com#E$A":        "Enum member docs.",
		"ex.com#OpInput":    "",
		"ex.com#OpOutput":   "Output docs.",
	} {
		sid, _ := ParseID(id)
		var tr Traits
		if s := m.Shape(sid.Shape()); sid.Member == "" {
			tr = s.Traits
		} else {
			tr = s.Member(sid.Member).Traits
		}
		if got := tr.Documentation(); got != want {
			t.Errorf("%s: documentation %q, want %q", id, got, want)
		}
	}
	// A doc comment and a documentation trait on one shape must agree.
	_, err := loadIDL(t, "namespace a\n/// one\n@documentation(\"two\")\nstring S\n")
	if err == nil || !strings.Contains(err.Error(), "m0.smithy:3:1: conflicting values for trait smithy.api#documentation") {
		t.Errorf("got %v", err)
	}
}

// The example of spec/idl "Relative shape ID resolution", spread over
// several files: use statements first, then shapes of the namespace in any
// file (JSON included), then the prelude.
func TestRelativeShapeIDResolution(t *testing.T) {
	m := mustLoadIDL(t, `$version: "2.0"
namespace smithy.example
use foo.baz#Bar
use foo.baz#baz
string MyString
@baz
structure MyStructure {
    a: MyString
    b: smithy.example#MyString
    c: Bar
    d: String
    e: MyBoolean
    f: Integer
    g: Other
    @required @smithy.example#required
    h: String
}
`, `namespace smithy.example
boolean MyBoolean
@trait
structure required {}
`, `{"smithy": "2.0", "shapes": {
  "foo.baz#Bar": {"type": "string"},
  "foo.baz#baz": {"type": "structure", "traits": {"smithy.api#trait": {}}},
  "smithy.example#Integer": {"type": "integer"},
  "smithy.example#Other": {"type": "long"}}}`)
	s := shape(t, m, "smithy.example#MyStructure")
	for member, want := range map[string]string{
		"a": "smithy.example#MyString",  // same namespace, same file
		"b": "smithy.example#MyString",  // absolute
		"c": "foo.baz#Bar",              // use
		"d": "smithy.api#String",        // prelude
		"e": "smithy.example#MyBoolean", // same namespace, another file, forward
		"f": "smithy.example#Integer",   // the namespace wins over the prelude
		"g": "smithy.example#Other",     // defined in a JSON file
	} {
		if got := s.Member(member).Target.ID.String(); got != want {
			t.Errorf("%s resolves to %s, want %s", member, got, want)
		}
	}
	if !s.Traits.Has("foo.baz#baz") {
		t.Errorf("trait through use: %v", s.Traits.IDs())
	}
	// @required resolves to the namespace's own required trait, which the
	// second file defines; smithy.example#required is the same trait.
	if h := s.Member("h").Traits; h.Has(TraitRequired) || !h.Has("smithy.example#required") {
		t.Errorf("h traits: %v", h.IDs())
	}
	// A name that resolves nowhere takes the current namespace, and the
	// loader reports the missing shape where it is used.
	_, err := loadIDL(t, "$version: \"2\"\nnamespace smithy.example\nstructure S {\n    f: InvalidShape\n}\n")
	want := "m0.smithy:4:8: smithy.example#S$f: target smithy.example#InvalidShape not found\n\t    f: InvalidShape\n\t       ^"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestIDLErrorExcerpts(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"namespace a\nstructure S {\n\tx: String\n\t@required\n}\n",
			"m0.smithy:5:1: expected a member name after the traits, found '}'\n\t}\n\t^"},
		{"namespace a\nstring S\n\t\tbad\n",
			"m0.smithy:3:3: unknown shape type \"bad\" (or a statement out of place)\n\t\t\tbad\n\t\t\t^"},
		{"namespace a\n@tags([\"é\", x y !])\nstring S\n",
			"m0.smithy:2:17: unexpected character '!'\n\t@tags([\"é\", x y !])\n\t                ^"},
		{"namespace a\n@length(min: \"one\")\nstring S\n",
			"m0.smithy:2:14: a#S: trait smithy.api#length: min: want an integer, got a string \"one\"\n\t@length(min: \"one\")\n\t             ^"},
		{"$version: \"2\"\nnamespace a\nstructure S with [M] {}\n@mixin\nunion M { x: String }\n",
			"m0.smithy:3:19: a#S: mixin a#M is a union, not a structure\n\tstructure S with [M] {}\n\t                  ^"},
		{"namespace a\nstring S\nstring S\n",
			"m0.smithy:3:8: the shape S is already defined at line 2\n\tstring S\n\t       ^"},
	} {
		_, err := loadIDL(t, c.src)
		if err == nil || err.Error() != c.want {
			t.Errorf("got\n%v\nwant\n%s", err, c.want)
		}
	}
	// A long line is cut around the column.
	long := "namespace a\n@tags([" + strings.Repeat(`"x", `, 100) + "!])\nstring S\n"
	_, err := loadIDL(t, long)
	e, ok := err.(*Error)
	if !ok || e.Line != 2 || e.Col != 508 {
		t.Fatalf("got %#v", err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 3 || len(lines[1]) > 200 || strings.Index(lines[1], "!") != strings.Index(lines[2], "^") {
		t.Errorf("excerpt of a long line:\n%s", err)
	}
}

func TestIDLAndJSONMixed(t *testing.T) {
	m := mustLoadIDL(t, `$version: "2.0"
namespace ex.svc
service Svc { version: "1", operations: [GetThing] }
@readonly
operation GetThing { input := { id: ThingId } output: Thing }
`, `{"smithy": "2.0", "shapes": {
  "ex.svc#ThingId": {"type": "string"},
  "ex.svc#Thing": {"type": "structure", "members": {"id": {"target": "ex.svc#ThingId"}}},
  "ex.svc#GetThingInput$id": {"type": "apply", "traits": {"smithy.api#required": {}}}}}`)
	in := shape(t, m, "ex.svc#GetThingInput")
	if !in.Traits.Has(TraitInput) || !in.Member("id").Traits.Required() {
		t.Errorf("inline input from IDL, apply from JSON: %v %v", in.Traits.IDs(), in.Member("id").Traits.IDs())
	}
	sv, err := m.Service("")
	if err != nil || len(sv.Operations) != 1 {
		t.Fatalf("service: %v", err)
	}
	// Errors in JSON files keep their JSON paths; errors in IDL files
	// point at lines.
	_, err = loadIDL(t, `{"smithy": "2.0", "shapes": {"a#S": {"type": "structure", "members": {"x": {"target": "a#Nope"}}}}}`,
		"namespace a\nstring T\n")
	if err == nil || err.Error() != `m0.json: a#S$x: shapes["a#S"].members.x.target: target a#Nope not found` {
		t.Errorf("got %v", err)
	}
	_, err = loadIDL(t, `{"smithy": "2.0", "shapes": {"a#S": {"type": "string"}}}`, "namespace a\ninteger S\n")
	if err == nil || !strings.HasPrefix(err.Error(), "m1.smithy:2:9: a#S: conflicting definition: the shape is also defined differently in m0.json") {
		t.Errorf("got %v", err)
	}
}

func TestIDLServiceErrorsArePositioned(t *testing.T) {
	m := mustLoadIDL(t, `$version: "2.0"
namespace a
service Svc {
    operations: [Op]
    rename: {
        "a#Gone": "Other"
    }
}
operation Op {}
`)
	_, err := m.Service("")
	if err == nil || !strings.HasPrefix(err.Error(), "m0.smithy:5:5: a#Svc: renames a#Gone, which is not in the service's closure") {
		t.Errorf("got %v", err)
	}
}

func TestMetadataMerge(t *testing.T) {
	m := mustLoadIDL(t, "metadata suppressions = [{id: \"A\", namespace: \"*\"}]\nmetadata same = 1\n",
		`{"smithy": "2.0", "metadata": {"suppressions": [{"id": "B", "namespace": "*"}], "same": 1.0}}`)
	// JSON files are read before IDL files (whose relative IDs may refer to
	// them), so their entries come first.
	if raw, _ := m.Metadata("suppressions"); canon(raw) != canon(`[{"id":"B","namespace":"*"},{"id":"A","namespace":"*"}]`) {
		t.Errorf("lists concatenate: %s", raw)
	}
	if keys := m.MetadataKeys(); strings.Join(keys, ",") != "same,suppressions" {
		t.Errorf("keys %v", keys)
	}
	_, err := loadIDL(t, "metadata x = \"a\"\n", "metadata x = \"b\"\n")
	if err == nil || !strings.HasPrefix(err.Error(), `m1.smithy:1:10: conflicting values for metadata "x": "b" here, "a" in m0.smithy`) {
		t.Errorf("got %v", err)
	}
}

// Mixins on shapes with non-member properties merge those properties, and
// two mixins may share a member only if they agree on its target; both
// rules hold for JSON AST models too.
func TestMixinPropertiesAndConflicts(t *testing.T) {
	m := mustLoad(t, `{"smithy":"2.0","shapes":{
	 "a#E1":{"type":"structure","traits":{"smithy.api#error":"client"}},
	 "a#E2":{"type":"structure","traits":{"smithy.api#error":"client"}},
	 "a#Base":{"type":"operation","errors":[{"target":"a#E1"}],"traits":{"smithy.api#mixin":{}}},
	 "a#Op":{"type":"operation","errors":[{"target":"a#E2"}],"mixins":[{"target":"a#Base"}]},
	 "a#SvcBase":{"type":"service","version":"1","operations":[{"target":"a#Op"}],"traits":{"smithy.api#mixin":{}}},
	 "a#Svc":{"type":"service","mixins":[{"target":"a#SvcBase"}]},
	 "a#M1":{"type":"structure","members":{"x":{"target":"smithy.api#String","traits":{"smithy.api#required":{}}}},"traits":{"smithy.api#mixin":{}}},
	 "a#M2":{"type":"structure","members":{"x":{"target":"smithy.api#String","traits":{"smithy.api#jsonName":"y"}}},"traits":{"smithy.api#mixin":{}}},
	 "a#S":{"type":"structure","mixins":[{"target":"a#M1"},{"target":"a#M2"}]}}}`)
	if got := ids(shape(t, m, "a#Op").Errors); got != "a#E1, a#E2" {
		t.Errorf("operation errors %s", got)
	}
	if svc := shape(t, m, "a#Svc"); svc.Version != "1" || ids(svc.Operations) != "a#Op" {
		t.Errorf("service version %q operations %s", svc.Version, ids(svc.Operations))
	}
	if x := shape(t, m, "a#S").Member("x").Traits; !x.Required() || !x.Has(TraitJSONName) {
		t.Errorf("member traits from both mixins: %v", x.IDs())
	}
	_, err := load(t, `{"smithy":"2.0","shapes":{
	 "a#M1":{"type":"structure","members":{"x":{"target":"smithy.api#String"}},"traits":{"smithy.api#mixin":{}}},
	 "a#M2":{"type":"structure","members":{"x":{"target":"smithy.api#Integer"}},"traits":{"smithy.api#mixin":{}}},
	 "a#S":{"type":"structure","mixins":[{"target":"a#M1"},{"target":"a#M2"}]}}}`)
	if err == nil || !strings.Contains(err.Error(), `shapes["a#S"].mixins[1]: member x of mixin a#M2 targets smithy.api#Integer`) {
		t.Errorf("got %v", err)
	}
}

func TestLoadFilesExpandsDirectories(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.smithy", "$version: \"2\"\nnamespace a\nstructure S { t: T, u: U }\n")
	write("sub/t.smithy", "namespace a\nstring T\n")
	write("sub/deeper/u.json", `{"smithy": "2.0", "shapes": {"a#U": {"type": "integer"}}}`)
	write("README.md", "not a model")
	write(".hidden/broken.smithy", "this is not Smithy")
	m, err := LoadFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s := shape(t, m, "a#S"); s.Member("t").Target.Kind != KindString || s.Member("u").Target.Kind != KindInteger {
		t.Errorf("members %v %v", s.Member("t").Target.ID, s.Member("u").Target.ID)
	}
	files, _ := expandPaths(dir)
	var rel []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		rel = append(rel, filepath.ToSlash(r))
	}
	if got := strings.Join(rel, " "); got != "main.smithy sub/deeper/u.json sub/t.smithy" {
		t.Errorf("files %s", got)
	}
	empty := t.TempDir()
	if _, err := LoadFiles(empty); err == nil || !strings.Contains(err.Error(), "no .smithy or .json model files") {
		t.Errorf("empty directory: %v", err)
	}
	if _, err := LoadFiles(filepath.Join(dir, "nope")); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("missing path: %v", err)
	}
}

// The restJson1 protocol test models in ../shared are Smithy IDL 2.0 (the
// reason the IDL reader exists); every service in them must resolve.
func TestLoadProtocolTestModels(t *testing.T) {
	root := "../../../shared/testdata/protocol-tests"
	if _, err := os.Stat(root); err != nil {
		t.Skip("../shared/testdata/protocol-tests is absent: the protocol test models are not available")
	}
	var paths []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		// The prelude is built into the loader.
		if err == nil && strings.HasSuffix(p, ".smithy") && filepath.Base(p) != "prelude.smithy" {
			paths = append(paths, p)
		}
		return err
	})
	m, err := LoadFiles(paths...)
	if err != nil {
		t.Fatal(err)
	}
	// They define traits of their own and apply traits of every namespace
	// the embedded definitions cover; all must resolve and check cleanly.
	for _, w := range m.Warnings() {
		t.Error("warning:", w)
	}
	sv, err := m.Service("aws.protocoltests.restjson#RestJson")
	if err != nil {
		t.Fatal(err)
	}
	if len(sv.Operations) < 100 {
		t.Errorf("RestJson has %d operations", len(sv.Operations))
	}
	for _, s := range m.Services() {
		if _, err := m.Service(s.ID.String()); err != nil {
			t.Error(err)
		}
	}
}

var errPos = regexp.MustCompile(`^fuzz\.smithy:\d+:\d+: `)

func FuzzParseIDL(f *testing.F) {
	for _, seed := range []string{
		"$version: \"2.0\"\nnamespace a\nstructure S { @required x: String = \"d\"\n $y }\n",
		"namespace a\n@tags([\"a\", 1, {b: null}])\nstring S\napply S @deprecated\n",
		"$version: \"2\"\nnamespace a\n@mixin\nstructure M { y: Integer }\nstructure S for R with [M] { $id $y }\nresource R { identifiers: { id: String } }\n",
		"$version: \"2\"\nnamespace a\nenum E { A = \"a\"\n B }\nintEnum I { ONE = 1 }\n",
		"$version: \"2\"\n$operationInputSuffix: \"Req\"\nnamespace a\nuse b#C\noperation O { input := @sensitive with [M] { x: C } errors: [E] }\n",
		"metadata x = {a: [1, 2e5, -0.5, true, \"\"\"\n  text\n  \"\"\"]}\n",
		"namespace a\nservice S { version: \"1\", operations: [O], rename: { \"b#X\": \"Y\" } }\n",
		"/// doc\n$version: \"1.0\"\nnamespace a\nset S { member: String }\nmap M { key: String, value: S }\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(Source{Name: "fuzz.smithy", Data: data})
		if err != nil {
			if !errPos.MatchString(err.Error()) {
				t.Fatalf("error does not give file:line:col: %v", err)
			}
			return
		}
		for _, s := range m.Services() {
			m.Service(s.ID.String())
		}
	})
}

// Elided targets are found through a graph of mixins in linear time: here
// every level mixes in both shapes of the level below, so walking every path
// would take 2^40 steps.
func TestElisionThroughManyMixins(t *testing.T) {
	var b strings.Builder
	b.WriteString("$version: \"2\"\nnamespace a\n@mixin\nstructure L0a { x: String }\n@mixin\nstructure L0b { x: String }\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "@mixin\nstructure L%da with [L%da L%db] { $x }\n@mixin\nstructure L%db with [L%db L%da] { $x }\n", i, i-1, i-1, i, i-1, i-1)
	}
	b.WriteString("structure Top with [L40a] { @required $x }\n")
	m := mustLoadIDL(t, b.String())
	if x := shape(t, m, "a#Top").Member("x"); x.Target.ID.Name != "String" || !x.Traits.Required() {
		t.Errorf("x: %v %v", x.Target.ID, x.Traits.IDs())
	}
}

// An operation's inline input or output may be bound to a resource, whose
// identifiers its members then elide ("input := for Thing { $thingId }").
func TestInlineStructureForResource(t *testing.T) {
	m := mustLoadIDL(t, `$version: "2"
namespace a
resource Thing {
    identifiers: { thingId: ThingId }
    read: GetThing
}
string ThingId
@readonly
operation GetThing {
    input := for Thing {
        @required
        $thingId
    }
    output := for Thing with [Extra] { $thingId }
}
@mixin
structure Extra { note: String }
`)
	in := shape(t, m, "a#GetThingInput").Member("thingId")
	if in == nil || in.Target.ID.Name != "ThingId" || !in.Traits.Required() {
		t.Fatalf("GetThingInput$thingId: %+v", in)
	}
	out := shape(t, m, "a#GetThingOutput")
	if out.Member("thingId") == nil || out.Member("note") == nil {
		t.Errorf("GetThingOutput members: %v", out.Members)
	}
}
