package shapes

import (
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// The reference loader's own test cases, read in place from ../shared (see
// its SOURCE.md): valid/ holds IDL files with the JSON AST the reference
// loader produces from each (and *.flattened.smithy files showing the result
// of flattening mixins); invalid/ holds files it refuses, the expected error
// in the first line's comment.
const idlLoaderCases = "../../../shared/testdata/idl-loader"

func idlCasesDir(t *testing.T, sub string) string {
	t.Helper()
	dir := filepath.Join(idlLoaderCases, sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s is absent: the reference loader's IDL test cases are not available on this machine", dir)
	}
	return dir
}

func readSource(t *testing.T, path string) Source {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Source{Name: path, Data: data}
}

// idlSkips lists the valid cases deliberately not compared, with the reason.
// It is empty: every case is supported.
var idlSkips = map[string]string{}

func TestIDLLoaderValidCases(t *testing.T) {
	dir := idlCasesDir(t, "valid")
	// __shared.json is loaded with every case, as the reference test suite
	// does: some cases refer to its shapes.
	shared := readSource(t, filepath.Join(dir, "__shared.json"))
	var cases []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".smithy") && !strings.HasSuffix(path, ".flattened.smithy") {
			cases = append(cases, path)
		}
		return err
	})
	var passed, jsonChecks, flatChecks int
	var skipped []string
	for _, path := range cases {
		rel, _ := filepath.Rel(dir, path)
		t.Run(rel, func(t *testing.T) {
			if why, ok := idlSkips[rel]; ok {
				skipped = append(skipped, rel+": "+why)
				t.Skip(why)
			}
			src := readSource(t, path)
			got, err := Load(src, shared)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			// Windows line endings change nothing.
			crlf := Source{Name: src.Name, Data: []byte(strings.ReplaceAll(string(src.Data), "\n", "\r\n"))}
			if m, err := Load(crlf, shared); err != nil {
				t.Fatalf("with CRLF line endings: %v", err)
			} else if d := diffModels(m, got, false); len(d) > 0 {
				t.Fatalf("CRLF line endings change the model:\n%s", strings.Join(d, "\n"))
			}
			base := strings.TrimSuffix(path, ".smithy")
			if _, err := os.Stat(base + ".json"); err == nil {
				jsonChecks++
				want, err := Load(readSource(t, base+".json"), shared)
				if err != nil {
					t.Fatalf("load the expected JSON AST: %v", err)
				}
				if d := diffModels(got, want, false); len(d) > 0 {
					t.Fatalf("the IDL model differs from %s.json:\n%s", filepath.Base(base), strings.Join(d, "\n"))
				}
			}
			if _, err := os.Stat(base + ".flattened.smithy"); err == nil {
				flatChecks++
				want, err := Load(readSource(t, base+".flattened.smithy"), shared)
				if err != nil {
					t.Fatalf("load the flattened form: %v", err)
				}
				if d := diffModels(got, want, true); len(d) > 0 {
					t.Fatalf("the flattened model differs from %s.flattened.smithy:\n%s", filepath.Base(base), strings.Join(d, "\n"))
				}
			}
			passed++
		})
	}
	t.Logf("valid: %d/%d passed (%d compared with their .json, %d with their .flattened.smithy); skipped: %d %v",
		passed, len(cases), jsonChecks, flatChecks, len(skipped), skipped)
}

var expectedPos = regexp.MustCompile(`line (\d+), column (\d+)`)

func TestIDLLoaderInvalidCases(t *testing.T) {
	dir := idlCasesDir(t, "invalid")
	var cases []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			cases = append(cases, path)
		}
		return err
	})
	var refused, jsonRefused, sameLine, withLine int
	for _, path := range cases {
		rel, _ := filepath.Rel(dir, path)
		t.Run(rel, func(t *testing.T) {
			src := readSource(t, path)
			_, err := Load(src)
			if err == nil {
				t.Fatal("loaded without error; the reference loader refuses it")
			}
			e, ok := err.(*Error)
			if !ok || e.File != path {
				t.Fatalf("error does not name the file: %v", err)
			}
			if !isIDL(path) {
				// A JSON AST file has no lines to speak of: its errors
				// give the JSON path, as they always have.
				if e.Path == "" {
					t.Fatalf("error gives no JSON path: %v", err)
				}
				jsonRefused++
				return
			}
			lines := strings.Count(string(src.Data), "\n") + 1
			prefix := fmt.Sprintf("%s:%d:%d: ", path, e.Line, e.Col)
			if e.Line < 1 || e.Line > lines || e.Col < 1 || !strings.HasPrefix(err.Error(), prefix) {
				t.Fatalf("error does not give a position in the file: %v", err)
			}
			if !strings.Contains(err.Error(), "\n\t") || !strings.HasSuffix(err.Error(), "^") {
				t.Fatalf("error has no excerpt: %q", err)
			}
			first, _, _ := strings.Cut(string(src.Data), "\n")
			if m := expectedPos.FindStringSubmatch(first); m != nil {
				withLine++
				if want, _ := strconv.Atoi(m[1]); want == e.Line {
					sameLine++
				} else {
					t.Logf("line %d, the reference loader says line %s: %s", e.Line, m[1], err)
				}
			}
			refused++
		})
	}
	t.Logf("invalid: %d/%d refused (%d IDL files at file:line:col, %d JSON AST files at file and JSON path); of the %d whose expected error gives a line, %d are reported on the same line",
		refused+jsonRefused, len(cases), refused, jsonRefused, withLine, sameLine)
}

// diffModels describes how two models differ: shapes (prelude included),
// kinds, members in order with targets and traits, every reference, traits
// compared as canonical JSON, metadata. With flattened, b is the expected
// flattening of a: a's mixins are left out and the Mixins lists ignored.
func diffModels(a, b *Model, flattened bool) []string {
	var out []string
	add := func(format string, args ...any) {
		if len(out) < 40 {
			out = append(out, fmt.Sprintf(format, args...))
		}
	}
	for s := range a.Shapes() {
		if b.Shape(s.ID) == nil && !(flattened && s.Traits.Has(TraitMixin)) {
			add("%s: only in the IDL model", s.ID)
		}
	}
	for s := range b.Shapes() {
		as := a.Shape(s.ID)
		if as == nil {
			add("%s: missing from the IDL model", s.ID)
			continue
		}
		diffShape(a, b, as, s, flattened, add)
	}
	for _, k := range union(a.MetadataKeys(), b.MetadataKeys()) {
		x, _ := a.Metadata(k)
		y, _ := b.Metadata(k)
		if canon(x) != canon(y) {
			add("metadata %q: %s, want %s", k, canon(x), canon(y))
		}
	}
	return out
}

func diffShape(am, bm *Model, a, b *Shape, flattened bool, add func(string, ...any)) {
	id := a.ID
	if a.Kind != b.Kind {
		add("%s: kind %s, want %s", id, a.Kind, b.Kind)
		return
	}
	if a.Version10 != b.Version10 {
		add("%s: Smithy 1.0 %v, want %v", id, a.Version10, b.Version10)
	}
	diffTraits(id.String(), a.Traits, b.Traits, add)
	diffMembers(id.String(), "members", a.Members, b.Members, add)
	diffMembers(id.String(), "identifiers", a.Identifiers, b.Identifiers, add)
	diffMembers(id.String(), "properties", a.Properties, b.Properties, add)
	refs := func(name string, x, y []*Shape) {
		if fx, fy := ids(x), ids(y); fx != fy {
			add("%s: %s [%s], want [%s]", id, name, fx, fy)
		}
	}
	// An operation's missing input or output is smithy.api#Unit
	// (spec/service-types "Operation"); the reference loader writes it out
	// in some cases and not in others.
	unit := func(s *Shape, m *Model) *Shape {
		if s == nil && a.Kind == KindOperation {
			return m.Shape(ID{Namespace: "smithy.api", Name: "Unit"})
		}
		return s
	}
	refs("input", []*Shape{unit(a.Input, am)}, []*Shape{unit(b.Input, bm)})
	refs("output", []*Shape{unit(a.Output, am)}, []*Shape{unit(b.Output, bm)})
	refs("errors", a.Errors, b.Errors)
	refs("operations", a.Operations, b.Operations)
	refs("resources", a.Resources, b.Resources)
	refs("lifecycle", []*Shape{a.Create, a.Put, a.Read, a.Update, a.Delete, a.List}, []*Shape{b.Create, b.Put, b.Read, b.Update, b.Delete, b.List})
	refs("collectionOperations", a.CollectionOperations, b.CollectionOperations)
	if !flattened {
		refs("mixins", a.Mixins, b.Mixins)
	}
	if a.Version != b.Version {
		add("%s: version %q, want %q", id, a.Version, b.Version)
	}
	if fmt.Sprint(a.Rename) != fmt.Sprint(b.Rename) {
		add("%s: rename %v, want %v", id, a.Rename, b.Rename)
	}
}

func diffMembers(owner, what string, a, b []*Member, add func(string, ...any)) {
	names := func(ms []*Member) string {
		var n []string
		for _, m := range ms {
			n = append(n, m.Name)
		}
		return strings.Join(n, ",")
	}
	if names(a) != names(b) {
		add("%s: %s [%s], want [%s]", owner, what, names(a), names(b))
		return
	}
	for i, m := range a {
		if m.Target.ID != b[i].Target.ID {
			add("%s: target %s, want %s", m.ID, m.Target.ID, b[i].Target.ID)
		}
		diffTraits(m.ID.String(), m.Traits, b[i].Traits, add)
	}
}

func diffTraits(owner string, a, b Traits, add func(string, ...any)) {
	for _, id := range union(a.IDs(), b.IDs()) {
		x, okx := a.Raw(id)
		y, oky := b.Raw(id)
		switch {
		case !oky:
			add("%s: extra trait %s = %s", owner, id, canon(x))
		case !okx:
			add("%s: missing trait %s = %s", owner, id, canon(y))
		case canon(x) != canon(y):
			add("%s: trait %s = %s, want %s", owner, id, canon(x), canon(y))
		}
	}
}

func ids(ss []*Shape) string {
	var out []string
	for _, s := range ss {
		if s != nil {
			out = append(out, s.ID.String())
		}
	}
	return strings.Join(out, ", ")
}

func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// canon renders a JSON value canonically, like canonicalJSON, but compares
// numbers exactly at any size: 2e+308 and 2E+308 are the same number, which
// float64 cannot tell apart from infinity.
func canon(raw string) string {
	var b strings.Builder
	var walk func(v gjson.Result)
	walk = func(v gjson.Result) {
		switch {
		case v.IsObject():
			var keys []string
			vals := map[string]gjson.Result{}
			v.ForEach(func(k, val gjson.Result) bool {
				keys = append(keys, k.String())
				vals[k.String()] = val
				return true
			})
			slices.Sort(keys)
			b.WriteByte('{')
			for i, k := range keys {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(strconv.Quote(k) + ":")
				walk(vals[k])
			}
			b.WriteByte('}')
		case v.IsArray():
			b.WriteByte('[')
			for i, e := range v.Array() {
				if i > 0 {
					b.WriteByte(',')
				}
				walk(e)
			}
			b.WriteByte(']')
		case v.Type == gjson.String:
			b.WriteString(strconv.Quote(v.String()))
		case v.Type == gjson.Number:
			f, ok := new(big.Float).SetPrec(256).SetString(v.Raw)
			if !ok {
				b.WriteString(v.Raw)
				return
			}
			b.WriteString(f.Text('g', -1))
		default:
			b.WriteString(strings.TrimSpace(v.Raw))
		}
	}
	walk(gjson.Parse(raw))
	return b.String()
}

// trait-locations.smithy is the one valid case with no expected JSON AST (the
// reference suite uses it for source locations): check its traits here, one
// of each kind of node value and trait syntax, on a shape and on a member.
func TestIDLLoaderTraitLocationsCase(t *testing.T) {
	dir := idlCasesDir(t, "valid")
	m, err := Load(readSource(t, filepath.Join(dir, "trait-locations.smithy")))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"smithy.api#documentation":    `"Documentation trait using the doc comment syntax"`,
		"com.example#annotationTrait": `{}`,
		"smithy.api#internal":         `{}`,
		"smithy.api#deprecated":       `{"since":"1.0"}`,
		"smithy.api#tags":             `["foo"]`,
		"smithy.api#unstable":         `{}`,
		"com.example#stringTrait":     `"foo"`,
		"smithy.api#since":            `"0.9"`,
		"com.example#numberTrait":     `1`,
		"com.example#boolTrait":       `true`,
		"com.example#documentTrait":   `null`,
	}
	bearer := m.Shape(ID{Namespace: "com.example", Name: "TraitBearer"})
	for what, traits := range map[string]Traits{"TraitBearer": bearer.Traits, "TraitBearer$member": bearer.Member("member").Traits} {
		if got := traits.IDs(); len(got) != len(want) {
			t.Errorf("%s: traits %v", what, got)
		}
		for id, v := range want {
			if raw, _ := traits.Raw(id); canon(raw) != canon(v) {
				t.Errorf("%s: %s = %s, want %s", what, id, raw, v)
			}
		}
	}
}
