package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/internal/gogen"
)

const outposts = "../../model/outposts.json"

func runGen(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeModel(t *testing.T, json string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "model.json")
	if err := os.WriteFile(p, []byte(json), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"-out", "x"},
		{"-model", outposts},
		{"-model", outposts, "-out", "x", "extra"},
		{"-nosuchflag"},
	} {
		if code, _, stderr := runGen(args...); code != 2 || !strings.Contains(stderr, "usage") {
			t.Errorf("gen %q: exit %d, stderr %q; want 2 and usage", args, code, stderr)
		}
	}
}

func TestCheckPrintsSummary(t *testing.T) {
	code, stdout, stderr := runGen("-check", "-model", outposts)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "ok: 265 shapes, 33 operations, 1 service\n" {
		t.Errorf("summary %q", stdout)
	}
}

func TestModelErrorsExit1(t *testing.T) {
	bad := writeModel(t, `{"smithy":"2.0","shapes":{"a#S":{"type":"structure","members":{"x":{"target":"a#Missing"}}}}}`)
	code, _, stderr := runGen("-check", "-model", bad)
	if code != 1 || !strings.Contains(stderr, bad) || !strings.Contains(stderr, "a#S$x") {
		t.Errorf("exit %d, stderr %q: want 1 and a message naming the file and member", code, stderr)
	}
	code, _, stderr = runGen("-check", "-model", "does-not-exist.json")
	if code != 1 || !strings.Contains(stderr, "does-not-exist.json") {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr)
	}
}

// TestCheckRefusesWhatGenerationWould: -check runs the generator's own
// checks, so a default it cannot express is refused there too, naming the
// member.
func TestCheckRefusesWhatGenerationWould(t *testing.T) {
	m := writeModel(t, `{"smithy":"2.0","shapes":{
	  "a#Svc":{"type":"service","version":"1","operations":[{"target":"a#Op"}],"traits":{"aws.protocols#restJson1":{}}},
	  "a#Op":{"type":"operation","input":{"target":"a#In"},"traits":{"smithy.api#http":{"method":"POST","uri":"/op"}}},
	  "a#In":{"type":"structure","members":{"n":{"target":"smithy.api#Integer","traits":{"smithy.api#default":"x"}}},"traits":{"smithy.api#input":{}}}}}`)
	code, _, stderr := runGen("-check", "-model", m)
	if code != 1 || !strings.Contains(stderr, m) || !strings.Contains(stderr, "member n") {
		t.Errorf("exit %d, stderr %q: want 1 and a message naming the file and member", code, stderr)
	}
}

func TestUnsupportedProtocolIsRefused(t *testing.T) {
	m := writeModel(t, `{"smithy":"2.0","shapes":{
	  "a#Svc":{"type":"service","version":"1","operations":[{"target":"a#Op"}],"traits":{"aws.protocols#awsQuery":{}}},
	  "a#Op":{"type":"operation"}}}`)
	out := filepath.Join(t.TempDir(), "svc")
	code, _, stderr := runGen("-model", m, "-out", out, "-import-path", "example.com/svc")
	if code != 1 || !strings.Contains(stderr, "aws.protocols#awsQuery") {
		t.Errorf("exit %d, stderr %q: want 1 naming the protocol", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused model must write nothing: %v", err)
	}
}

// TestModelRefusedBeforeImportPath: a model no package could be generated
// from is reported as such, even where the output directory has no go.mod
// to derive an import path from (t.TempDir's has none above it).
func TestModelRefusedBeforeImportPath(t *testing.T) {
	dir := t.TempDir()
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "go.mod")); err == nil {
		t.Skip("the temporary directory is inside a module")
	}
	for _, c := range []struct {
		protocol, server, want string
	}{
		{"aws.protocols#awsQuery", "", "aws.protocols#awsQuery is not supported"},
		{"aws.protocols#awsQuery", "-server", "aws.protocols#awsQuery is not supported"},
	} {
		m := writeModel(t, `{"smithy":"2.0","shapes":{
		  "a#Svc":{"type":"service","version":"1","operations":[{"target":"a#Op"}],"traits":{"`+c.protocol+`":{}}},
		  "a#Op":{"type":"operation"}}}`)
		args := []string{"-model", m, "-out", filepath.Join(dir, "svc")}
		if c.server != "" {
			args = append(args, c.server)
		}
		code, _, stderr := runGen(args...)
		if code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s %s: exit %d, stderr %q; want 1 and %q", c.protocol, c.server, code, stderr, c.want)
		}
	}
}

// A failed generation must leave the previous output exactly as it was.
func TestFailedGenerationKeepsPreviousOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "outposts")
	if code, _, stderr := runGen("-model", outposts, "-out", out, "-import-path", "example.com/outposts"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	before := snapshot(t, out)
	// Two operations whose Go names clash load, but cannot be generated.
	bad := writeModel(t, `{"smithy":"2.0","shapes":{"a#Svc":{"type":"service","traits":{"aws.protocols#restJson1":{}},
	  "operations":[{"target":"a#Op"},{"target":"a#_Op"}]},"a#Op":{"type":"operation"},"a#_Op":{"type":"operation"}}}`)
	code, _, stderr := runGen("-model", bad, "-out", out, "-import-path", "example.com/outposts")
	if code != 1 || !strings.Contains(stderr, "a#_Op") || !strings.Contains(stderr, "a#Op") {
		t.Fatalf("exit %d, stderr %q: want 1 naming both clashing operations", code, stderr)
	}
	if after := snapshot(t, out); !equalMaps(before, after) {
		t.Error("the failed run changed the output directory")
	}
}

func TestGenerationIsDeterministic(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "outposts"), filepath.Join(t.TempDir(), "outposts")
	for _, dir := range []string{a, b} {
		if code, _, stderr := runGen("-model", outposts, "-out", dir, "-import-path", "example.com/outposts"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	sa, sb := snapshot(t, a), snapshot(t, b)
	if len(sa) == 0 || !equalMaps(sa, sb) {
		t.Error("two runs on the same model gave different output")
	}
	if _, ok := sa["types/enums_gen.go"]; !ok {
		t.Errorf("missing types/enums_gen.go; got %d files", len(sa))
	}
	if !strings.Contains(sa["api_gen.go"], "package outposts\n") {
		t.Error("the package name should come from aws.api#service sdkId")
	}
}

func TestCommittedOutputIsCurrent(t *testing.T) {
	// The same check CI makes with git diff, here so that "go test" alone
	// catches a stale generated/ directory.
	// It runs where generated/generate.go's go:generate line runs, with
	// the same -model path, which the files' "// Model:" line names, and
	// -server: the runtime copies hold what the client and the server use.
	committed := snapshot(t, "../../generated/outposts")
	out := filepath.Join(t.TempDir(), "outposts")
	t.Chdir("../../generated")
	if code, _, stderr := runGen("-model", "../model/outposts.json", "-out", out, "-server", "-import-path", "github.com/smithygo/smithygo/generated/outposts"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	fresh := snapshot(t, out)
	for name, want := range fresh {
		if committed[name] != want {
			t.Errorf("generated/outposts/%s is stale: run make generate", name)
		}
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	return files
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// petsIDL is a small restJson1 service in Smithy IDL 2.0, petsJSON the same
// model as a JSON AST.
const petsIDL = `$version: "2.0"

namespace example.pets

use aws.protocols#restJson1

/// A pet store.
@restJson1
service PetStore {
    version: "2024-01-01"
    operations: [GetPet]
}

@readonly
@http(method: "GET", uri: "/pets/{id}")
operation GetPet {
    input := {
        @required
        @httpLabel
        id: PetId
    }
    output := {
        name: String
        kind: Kind = "cat"
    }
    errors: [NoSuchPet]
}

@length(min: 1)
string PetId

enum Kind {
    CAT = "cat"
    DOG = "dog"
}

@error("client")
@httpError(404)
structure NoSuchPet {
    message: String
}
`

const petsJSON = `{"smithy": "2.0", "shapes": {
  "example.pets#PetStore": {"type": "service", "version": "2024-01-01",
    "operations": [{"target": "example.pets#GetPet"}],
    "traits": {"aws.protocols#restJson1": {}, "smithy.api#documentation": "A pet store."}},
  "example.pets#GetPet": {"type": "operation",
    "input": {"target": "example.pets#GetPetInput"}, "output": {"target": "example.pets#GetPetOutput"},
    "errors": [{"target": "example.pets#NoSuchPet"}],
    "traits": {"smithy.api#readonly": {}, "smithy.api#http": {"method": "GET", "uri": "/pets/{id}"}}},
  "example.pets#GetPetInput": {"type": "structure", "traits": {"smithy.api#input": {}},
    "members": {"id": {"target": "example.pets#PetId", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}}}},
  "example.pets#GetPetOutput": {"type": "structure", "traits": {"smithy.api#output": {}},
    "members": {"name": {"target": "smithy.api#String"},
      "kind": {"target": "example.pets#Kind", "traits": {"smithy.api#default": "cat"}}}},
  "example.pets#PetId": {"type": "string", "traits": {"smithy.api#length": {"min": 1}}},
  "example.pets#Kind": {"type": "enum", "members": {
    "CAT": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "cat"}},
    "DOG": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "dog"}}}},
  "example.pets#NoSuchPet": {"type": "structure", "members": {"message": {"target": "smithy.api#String"}},
    "traits": {"smithy.api#error": "client", "smithy.api#httpError": 404}}}}`

func writeFile(t *testing.T, path, data string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func generate(t *testing.T, models ...string) map[string]string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "pets")
	args := []string{"-out", out, "-import-path", "example.com/pets"}
	for _, m := range models {
		args = append(args, "-model", m)
	}
	if code, _, stderr := runGen(args...); code != 0 {
		t.Fatalf("gen %q: exit %d: %s", args, code, stderr)
	}
	files := snapshot(t, out)
	// The "// Model:" lines name the model paths, which differ between
	// the forms of one model compared here; TestProvenanceLines checks them.
	for name, src := range files {
		files[name] = modelLine.ReplaceAllString(src, "")
	}
	return files
}

var modelLine = regexp.MustCompile(`(?m)^// Model: .*\n`)

// Every generated file says, below its header, which generator made it and
// the SHA-256 of the model it was made from, as sha256sum prints it.
func TestProvenanceLines(t *testing.T) {
	dir := t.TempDir()
	model := writeFile(t, filepath.Join(dir, "pets.json"), petsJSON)
	out := filepath.Join(dir, "pets")
	if code, _, stderr := runGen("-model", model, "-out", out, "-import-path", "example.com/pets"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sum := sha256.Sum256([]byte(petsJSON))
	want := gogen.HeaderLine + "\n// Generator: github.com/smithygo/smithygo (devel)\n// Model: " +
		filepath.ToSlash(model) + " sha256:" + hex.EncodeToString(sum[:]) + "\n"
	files := snapshot(t, out)
	if len(files) == 0 {
		t.Fatal("nothing generated")
	}
	for name, src := range files {
		rest, ok := strings.CutPrefix(src, want)
		if !ok {
			t.Errorf("%s starts %q, want %q", name, src[:min(len(src), len(want))], want)
			continue
		}
		// A copy of the runtime also says what it is a copy of.
		if origin, copied := gogen.CopiedFrom([]byte(src)); copied {
			rest, ok = strings.CutPrefix(rest, gogen.CopiedFromPrefix+origin+".\n")
			if !ok {
				t.Errorf("%s: the copied-from line is not right below the provenance lines", name)
			}
		}
		if !strings.HasPrefix(rest, "\n") {
			t.Errorf("%s: no blank line below the lines in front of the code", name)
		}
	}
}

// An IDL model generates exactly what the same model as a JSON AST does,
// whether it is given as a file or as a directory, alone or mixed with JSON.
func TestGenerateFromIDL(t *testing.T) {
	dir := t.TempDir()
	idl := writeFile(t, filepath.Join(dir, "idl", "pets.smithy"), petsIDL)
	js := writeFile(t, filepath.Join(dir, "json", "pets.json"), petsJSON)
	fromJSON := generate(t, js)
	if len(fromJSON) == 0 || !strings.Contains(fromJSON["api_gen.go"], "GetPet") {
		t.Fatalf("the JSON model generated %d files", len(fromJSON))
	}
	if fromIDL := generate(t, idl); !equalMaps(fromIDL, fromJSON) {
		t.Error("the .smithy model generated different code from the same model as JSON")
	}
	if fromDir := generate(t, filepath.Dir(idl)); !equalMaps(fromDir, fromJSON) {
		t.Error("-model DIR generated different code from the same model as a file")
	}
	// The same model split over an IDL file and a JSON file in one
	// directory tree: the IDL file refers to JSON shapes by relative IDs.
	mixed := filepath.Join(dir, "mixed")
	service, types, _ := strings.Cut(petsIDL, "@length(min: 1)")
	writeFile(t, filepath.Join(mixed, "service.smithy"), service)
	writeFile(t, filepath.Join(mixed, "types", "types.json"), `{"smithy": "2.0", "shapes": {
	  "example.pets#PetId": {"type": "string", "traits": {"smithy.api#length": {"min": 1}}},
	  "example.pets#Kind": {"type": "enum", "members": {
	    "CAT": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "cat"}},
	    "DOG": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "dog"}}}}}}`)
	writeFile(t, filepath.Join(mixed, "types", "errors.smithy"), "$version: \"2.0\"\nnamespace example.pets\n"+types[strings.Index(types, "@error"):])
	if fromMixed := generate(t, mixed); !equalMaps(fromMixed, fromJSON) {
		t.Error("a directory mixing IDL and JSON generated different code")
	}
	code, stdout, stderr := runGen("-check", "-model", mixed)
	if code != 0 || stdout != "ok: 7 shapes, 1 operation, 1 service\n" {
		t.Errorf("-check on a directory: exit %d, %q %q", code, stdout, stderr)
	}
}

func TestIDLErrorsGivePositions(t *testing.T) {
	bad := writeFile(t, filepath.Join(t.TempDir(), "bad.smithy"), "$version: \"2.0\"\nnamespace a\nstructure S {\n    x: Missing\n}\n")
	code, _, stderr := runGen("-check", "-model", bad)
	want := "gen: " + bad + ":4:8: a#S$x: target a#Missing not found\n\t    x: Missing\n\t       ^\n"
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr\n%s\nwant\n%s", code, stderr, want)
	}
	code, _, stderr = runGen("-check", "-model", t.TempDir())
	if code != 1 || !strings.Contains(stderr, "no .smithy or .json model files") {
		t.Errorf("empty directory: exit %d, stderr %q", code, stderr)
	}
}

// A misspelled trait, or a trait value its definition refuses, must stop
// the generator at the line and column, naming the shape: otherwise the
// constraint or the redaction it stood for is silently gone.
func TestTraitTyposAreErrors(t *testing.T) {
	for _, c := range []struct {
		name, src, want string
		allowable       bool // -allow-unknown-traits makes it a warning
	}{
		{"length", "$version: \"2\"\nnamespace example\n\n@lenght(min: 1)\nstring Name\n",
			":4:1: example#Name: unknown trait @lenght: no use statement imports lenght, namespace example defines no trait lenght, and the prelude has none either; did you mean @length?", true},
		{"sensitive", "$version: \"2\"\nnamespace example\n\nstructure User {\n    @sensitve\n    password: String\n}\n",
			":5:5: example#User$password: unknown trait @sensitve: no use statement imports sensitve, namespace example defines no trait sensitve, and the prelude has none either; did you mean @sensitive?", true},
		{"use", "$version: \"2\"\nnamespace example\n\nuse aws.protocols#restJsonOne\n\n@restJsonOne\nstructure S {}\n",
			":4:5: use aws.protocols#restJsonOne: no shape aws.protocols#restJsonOne is defined; did you mean aws.protocols#restJson1?", true},
		{"value", "$version: \"2\"\nnamespace example\n\n@length(min: \"a\")\nstring Name\n",
			":4:14: example#Name: trait smithy.api#length: min: want an integer, got a string \"a\"", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := writeFile(t, filepath.Join(t.TempDir(), "model.smithy"), c.src)
			code, stdout, stderr := runGen("-check", "-model", m)
			if code != 1 || !strings.HasPrefix(stderr, "gen: "+m+c.want+"\n") {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\ngen: %s%s", code, stderr, m, c.want)
			}
			if stdout != "" {
				t.Errorf("stdout %q for a refused model", stdout)
			}
			code, stdout, stderr = runGen("-check", "-allow-unknown-traits", "-model", m)
			switch {
			case c.allowable && (code != 0 || !strings.HasPrefix(stderr, "gen: warning: "+m+c.want+"\n") || !strings.HasPrefix(stdout, "ok: ")):
				t.Errorf("-allow-unknown-traits: exit %d, stdout %q, stderr:\n%s\nwant exit 0 and the warning", code, stdout, stderr)
			case !c.allowable && code != 1:
				t.Errorf("-allow-unknown-traits must not excuse an invalid value: exit %d, stderr %s", code, stderr)
			}
		})
	}
}

// In a JSON AST model the error names the file, the shape and the JSON
// path of the trait.
func TestUnknownTraitInJSON(t *testing.T) {
	m := writeModel(t, `{"smithy":"2.0","shapes":{"a#S":{"type":"structure","members":{
	  "p":{"target":"smithy.api#String","traits":{"smithy.api#sensitve":{}}}}}}}`)
	code, _, stderr := runGen("-check", "-model", m)
	want := "gen: " + m + `: a#S$p: shapes["a#S"].members.p.traits["smithy.api#sensitve"]: unknown trait smithy.api#sensitve: no trait definition has this ID; did you mean smithy.api#sensitive?` + "\n"
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr\n%s\nwant\n%s", code, stderr, want)
	}
}

// -check refuses what generating refuses: a service whose protocol the
// generator does not support.
func TestCheckRefusesUnsupportedProtocol(t *testing.T) {
	m := writeModel(t, `{"smithy":"2.0","shapes":{
	  "a#Svc":{"type":"service","version":"1","operations":[{"target":"a#Op"}],"traits":{"aws.protocols#awsQuery":{}}},
	  "a#Op":{"type":"operation"}}}`)
	_, _, genErr := runGen("-model", m, "-out", filepath.Join(t.TempDir(), "svc"), "-import-path", "example.com/svc")
	code, stdout, stderr := runGen("-check", "-model", m)
	if code != 1 || stdout != "" || stderr != genErr || !strings.Contains(stderr, "aws.protocols#awsQuery is not supported") {
		t.Errorf("-check: exit %d, stdout %q, stderr %q; want exit 1 and what -out says: %q", code, stdout, stderr, genErr)
	}
}

// A pattern that no engine accepts is a warning naming the shape and the
// pattern, and a note on the member; the package is still generated, and
// Validate does not check the pattern.
func TestUnenforceablePatternIsAWarning(t *testing.T) {
	m := writeModel(t, `{"smithy":"2.0","shapes":{"a#Svc":{"type":"service","version":"1","traits":{"aws.protocols#restJson1":{}},
	  "operations":[{"target":"a#Op"}]},"a#Op":{"type":"operation","input":{"target":"a#In"},"traits":{"smithy.api#http":{"method":"POST","uri":"/"}}},
	  "a#In":{"type":"structure","members":{"x":{"target":"a#P"}}},
	  "a#P":{"type":"string","traits":{"smithy.api#pattern":"[unclosed"}}}}`)
	out := filepath.Join(t.TempDir(), "svc")
	code, _, stderr := runGen("-model", m, "-out", out, "-import-path", "example.com/svc")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q: want 0", code, stderr)
	}
	for _, want := range []string{"gen: warning:", "a#P", "a#In$x", `"[unclosed"`, "not a valid regular expression"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q does not contain %q", stderr, want)
		}
	}
	ops, err := os.ReadFile(filepath.Join(out, "operations_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ops), "Not checked by Validate") {
		t.Error("the member's doc does not say its pattern is not checked")
	}
	if _, err := os.Stat(filepath.Join(out, "patterns_gen.go")); !os.IsNotExist(err) {
		t.Errorf("an unenforced pattern still has a prepared form: %v", err)
	}
}
