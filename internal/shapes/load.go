package shapes

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// Source is one model file's name and contents. A name ending in ".smithy"
// is read as Smithy IDL (1.0 or 2.0); any other as a JSON AST file.
type Source struct {
	Name string // used in error messages; its extension selects the format
	Data []byte
}

// isIDL reports whether a file name is that of a Smithy IDL file.
func isIDL(name string) bool { return strings.HasSuffix(name, ".smithy") }

// Options change how a model is loaded; the zero value is the strict
// default.
type Options struct {
	// AllowUnknownTraits turns an applied trait that resolves to no trait
	// definition (and a use statement that imports no shape) into a
	// warning, as the Smithy CLI's --allow-unknown-traits does. Such a
	// trait is kept, unchecked.
	AllowUnknownTraits bool
	// DropDocumentation removes every smithy.api#documentation trait
	// after loading, for models whose prose may not be copied into what is
	// generated from them (the official AWS models: their facts may be
	// used, their documentation text not).
	DropDocumentation bool
}

// LoadFiles reads and resolves the model files at paths: Smithy IDL files
// (.smithy) and JSON AST files (any other name), in any mix. A path that is
// a directory stands for every .smithy and .json file below it, in lexical
// order; hidden files and directories (".git") are skipped.
func LoadFiles(paths ...string) (*Model, error) { return Options{}.LoadFiles(paths...) }

// LoadFiles is the package's LoadFiles with these options.
func (o Options) LoadFiles(paths ...string) (*Model, error) {
	files, err := expandPaths(paths...)
	if err != nil {
		return nil, err
	}
	srcs := make([]Source, 0, len(files))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, &Error{File: p, Msg: err.Error()}
		}
		srcs = append(srcs, Source{Name: p, Data: data})
	}
	return o.Load(srcs...)
}

// expandPaths replaces each directory in paths by the .smithy and .json files
// below it (recursively, in lexical order, skipping hidden entries). Files
// are kept as given, whatever their extension. A directory without model
// files is an error, since it is most likely the wrong directory.
func expandPaths(paths ...string) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, &Error{File: p, Msg: err.Error()}
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		n := len(out)
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && (isIDL(path) || strings.HasSuffix(path, ".json")) {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, &Error{File: p, Msg: err.Error()}
		}
		if len(out) == n {
			return nil, &Error{File: p, Msg: "the directory holds no .smithy or .json model files"}
		}
	}
	return out, nil
}

// Load parses the sources (IDL and JSON AST in any mix), merges them into
// one model with the prelude, and resolves it: apply statements, mixins,
// Smithy 1.0 semantics and references. Problems in IDL files are reported at
// their file:line:column.
func Load(srcs ...Source) (*Model, error) { return Options{}.Load(srcs...) }

// Load is the package's Load with these options.
func (o Options) Load(srcs ...Source) (*Model, error) {
	l := &loader{defs: make(map[ID]*rawShape), src: sourceMap{}, opts: o}
	// IDL files are parsed first, all of them, so that syntax errors come
	// before model errors; they are converted after the JSON files are read
	// because their relative shape IDs may name shapes of those files.
	var idl []*idlFile
	for _, src := range srcs {
		if isIDL(src.Name) {
			f, err := parseIDL(src.Name, src.Data)
			if err != nil {
				return nil, err
			}
			idl = append(idl, f)
		}
	}
	for _, src := range srcs {
		if !isIDL(src.Name) {
			if err := l.parseFile(src); err != nil {
				return nil, err
			}
		}
	}
	if len(idl) > 0 {
		if err := l.addIDL(idl); err != nil {
			return nil, l.src.locate(err)
		}
	}
	if err := l.addPrelude(); err != nil {
		return nil, l.src.locate(err)
	}
	if err := l.resolveTraits(); err != nil {
		return nil, l.src.locate(err)
	}
	m, err := l.resolve()
	if err != nil {
		return nil, l.src.locate(err)
	}
	for _, w := range l.warnings {
		m.warnings = append(m.warnings, l.src.locate(w))
	}
	if o.DropDocumentation {
		for s := range m.Shapes() {
			delete(s.Traits.raw, TraitDocumentation)
			for _, mem := range s.Members {
				delete(mem.Traits.raw, TraitDocumentation)
			}
		}
	}
	return m, nil
}

// rawShape is a shape as written in a file, before resolution.
type rawShape struct {
	id        ID
	kind      Kind
	typeName  string
	file      string
	path      string // JSON path of the shape in file
	version10 bool
	canonical string // canonical JSON, to tell identical duplicates from conflicts
	traits    Traits
	members   []*rawMember
	mixins    []ID

	input, output                      ID
	errors, operations, resources      []ID
	version                            string
	rename                             map[ID]string
	identifiers, properties            []*rawMember
	create, put, read, update, delete_ ID
	list                               ID
	collectionOperations               []ID
}

// rawMember is a member (or a resource identifier/property) as written.
type rawMember struct {
	name   string
	target ID // zero for a member that only carries applied traits
	traits Traits
	path   string
}

type applyStmt struct {
	target ID
	traits Traits
	file   string
	path   string
}

type loader struct {
	defs    map[ID]*rawShape
	order   []ID
	applies []applyStmt

	metadata     Traits            // metadata key → raw JSON value
	metadataFrom map[string]string // metadata key → the file that set it first
	src          sourceMap         // positions in IDL files, for errors

	opts     Options
	uses     []traitUse // every trait application, resolved (traitcheck.go)
	warnings []error
}

func (l *loader) parseFile(src Source) error {
	if !gjson.ValidBytes(src.Data) {
		return &Error{File: src.Name, Msg: "invalid JSON: " + jsonSyntaxError(src.Data)}
	}
	doc := gjson.ParseBytes(src.Data)
	if !doc.IsObject() {
		return &Error{File: src.Name, Msg: "a JSON AST model must be a JSON object"}
	}
	ver := doc.Get("smithy")
	if !ver.Exists() {
		return &Error{File: src.Name, Path: "smithy", Msg: "missing Smithy version"}
	}
	var v10 bool
	switch ver.String() {
	case "2.0", "2":
	case "1.0", "1":
		v10 = true
	default:
		return &Error{File: src.Name, Path: "smithy", Msg: fmt.Sprintf("unsupported Smithy version %q (want 1.0 or 2.0)", ver.String())}
	}
	if md := doc.Get("metadata"); md.Exists() {
		if !md.IsObject() {
			return &Error{File: src.Name, Path: "metadata", Msg: "must be an object"}
		}
		var err error
		md.ForEach(func(k, v gjson.Result) bool {
			err = l.addMetadata(src.Name, k.String(), v.Raw)
			return err == nil
		})
		if err != nil {
			return err
		}
	}
	shapes := doc.Get("shapes")
	if shapes.Exists() && !shapes.IsObject() {
		return &Error{File: src.Name, Path: "shapes", Msg: "must be an object"}
	}
	var err error
	shapes.ForEach(func(key, value gjson.Result) bool {
		err = l.parseShape(src.Name, key.String(), value, v10)
		return err == nil
	})
	return err
}

// jsonSyntaxError locates a syntax error as line:column for the message.
func jsonSyntaxError(data []byte) string {
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if ok := asSyntax(err, &se); ok {
		line, col := 1, 1
		for _, c := range data[:min(int(se.Offset), len(data))] {
			if c == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		return fmt.Sprintf("line %d, column %d: %v", line, col, se)
	}
	if err != nil {
		return err.Error()
	}
	return "not valid JSON"
}

func asSyntax(err error, target **json.SyntaxError) bool {
	se, ok := err.(*json.SyntaxError)
	if ok {
		*target = se
	}
	return ok
}

func shapePath(id string) string { return "shapes[" + strconv.Quote(id) + "]" }

func (l *loader) parseShape(file, key string, v gjson.Result, v10 bool) error {
	path := shapePath(key)
	fail := func(sub, format string, args ...any) error {
		p := path
		if sub != "" {
			p += "." + sub
		}
		return &Error{File: file, Shape: key, Path: p, Msg: fmt.Sprintf(format, args...)}
	}
	id, err := ParseID(key)
	if err != nil {
		return fail("", "%v", err)
	}
	if !v.IsObject() {
		return fail("", "a shape must be a JSON object")
	}
	typ := v.Get("type").String()
	traits, err := parseTraits(v.Get("traits"))
	if err != nil {
		return fail("traits", "%v", err)
	}
	if typ == "apply" {
		l.applies = append(l.applies, applyStmt{target: id, traits: traits, file: file, path: path})
		return nil
	}
	if id.Member != "" {
		return fail("", "a shape ID with a member part can only be used with \"apply\"")
	}
	kind, ok := kindNames[typ]
	if typ == "set" {
		kind, ok = KindList, true
		traits.set(TraitUniqueItems, "{}")
	}
	if !ok {
		if typ == "" {
			return fail("type", "missing shape type")
		}
		return fail("type", "unknown shape type %q", typ)
	}
	if err := checkVersion(typ, v, traits, v10); err != nil {
		return fail(err.field, "%s", err.msg)
	}
	rs := &rawShape{id: id, kind: kind, typeName: typ, file: file, path: path, version10: v10, traits: traits,
		canonical: canonicalShape(v)}
	ref := func(field string) (ID, error) {
		r := v.Get(field)
		if !r.Exists() {
			return ID{}, nil
		}
		t := r.Get("target")
		if !r.IsObject() || t.Type != gjson.String {
			return ID{}, fail(field, "want a reference {\"target\": \"ns#Name\"}")
		}
		id, err := ParseID(t.String())
		if err != nil {
			return ID{}, fail(field+".target", "%v", err)
		}
		return id, nil
	}
	refs := func(field string) ([]ID, error) {
		r := v.Get(field)
		if !r.Exists() {
			return nil, nil
		}
		if !r.IsArray() {
			return nil, fail(field, "want a list of references")
		}
		var out []ID
		for i, e := range r.Array() {
			t := e.Get("target")
			if t.Type != gjson.String {
				return nil, fail(fmt.Sprintf("%s[%d]", field, i), "want a reference {\"target\": \"ns#Name\"}")
			}
			id, err := ParseID(t.String())
			if err != nil {
				return nil, fail(fmt.Sprintf("%s[%d].target", field, i), "%v", err)
			}
			out = append(out, id)
		}
		return out, nil
	}
	members := func(field string, allowed map[string]bool) ([]*rawMember, error) {
		r := v.Get(field)
		if !r.Exists() {
			return nil, nil
		}
		if !r.IsObject() {
			return nil, fail(field, "must be an object")
		}
		var out []*rawMember
		var err error
		seen := map[string]string{}
		r.ForEach(func(k, mv gjson.Result) bool {
			name := k.String()
			mpath := field + "." + name
			if !isIdentifier(name) {
				err = fail(mpath, "invalid member name %q", name)
				return false
			}
			if allowed != nil && !allowed[name] {
				err = fail(mpath, "a %s cannot have a member named %q", typ, name)
				return false
			}
			if prev, dup := seen[lower(name)]; dup {
				err = fail(mpath, "member %q conflicts with member %q (names must differ by more than case)", name, prev)
				return false
			}
			seen[lower(name)] = name
			m := &rawMember{name: name, path: path + "." + mpath}
			if mv.Type == gjson.String { // resource identifiers/properties are name → ID
				m.target, err = ParseID(mv.String())
				if err != nil {
					err = fail(mpath, "%v", err)
					return false
				}
				out = append(out, m)
				return true
			}
			t := mv.Get("target")
			if !mv.IsObject() || t.Type != gjson.String {
				err = fail(mpath, "a member needs a \"target\" shape ID")
				return false
			}
			if m.target, err = ParseID(t.String()); err != nil {
				err = fail(mpath+".target", "%v", err)
				return false
			}
			if m.traits, err = parseTraits(mv.Get("traits")); err != nil {
				err = fail(mpath+".traits", "%v", err)
				return false
			}
			out = append(out, m)
			return true
		})
		return out, err
	}

	switch kind {
	case KindList:
		m, err := ref("member")
		if err != nil {
			return err
		}
		if m == (ID{}) && !v.Get("mixins").Exists() {
			return fail("member", "a %s needs a member", typ)
		}
		if m != (ID{}) {
			mt, err := parseTraits(v.Get("member.traits"))
			if err != nil {
				return fail("member.traits", "%v", err)
			}
			rs.members = []*rawMember{{name: "member", target: m, traits: mt, path: path + ".member"}}
		}
	case KindMap:
		for _, f := range []string{"key", "value"} {
			t, err := ref(f)
			if err != nil {
				return err
			}
			if t == (ID{}) {
				if v.Get("mixins").Exists() {
					continue
				}
				return fail(f, "a map needs a %s", f)
			}
			mt, err := parseTraits(v.Get(f + ".traits"))
			if err != nil {
				return fail(f+".traits", "%v", err)
			}
			rs.members = append(rs.members, &rawMember{name: f, target: t, traits: mt, path: path + "." + f})
		}
	case KindStructure, KindUnion, KindEnum, KindIntEnum:
		if rs.members, err = members("members", nil); err != nil {
			return err
		}
	case KindOperation:
		if rs.input, err = ref("input"); err != nil {
			return err
		}
		if rs.output, err = ref("output"); err != nil {
			return err
		}
		if rs.errors, err = refs("errors"); err != nil {
			return err
		}
	case KindService:
		rs.version = v.Get("version").String()
		if rs.operations, err = refs("operations"); err != nil {
			return err
		}
		if rs.resources, err = refs("resources"); err != nil {
			return err
		}
		if rs.errors, err = refs("errors"); err != nil {
			return err
		}
		if rn := v.Get("rename"); rn.Exists() {
			if !rn.IsObject() {
				return fail("rename", "must be an object of shape ID to name")
			}
			rs.rename = map[ID]string{}
			rn.ForEach(func(k, val gjson.Result) bool {
				var rid ID
				if rid, err = ParseID(k.String()); err != nil {
					err = fail("rename", "%v", err)
					return false
				}
				if val.Type != gjson.String || !isIdentifier(val.String()) {
					err = fail("rename."+k.String(), "the new name must be an identifier")
					return false
				}
				rs.rename[rid] = val.String()
				return true
			})
			if err != nil {
				return err
			}
		}
	case KindResource:
		if rs.identifiers, err = members("identifiers", nil); err != nil {
			return err
		}
		if rs.properties, err = members("properties", nil); err != nil {
			return err
		}
		for _, f := range []struct {
			name string
			dst  *ID
		}{{"create", &rs.create}, {"put", &rs.put}, {"read", &rs.read}, {"update", &rs.update},
			{"delete", &rs.delete_}, {"list", &rs.list}} {
			if *f.dst, err = ref(f.name); err != nil {
				return err
			}
		}
		if rs.operations, err = refs("operations"); err != nil {
			return err
		}
		if rs.collectionOperations, err = refs("collectionOperations"); err != nil {
			return err
		}
		if rs.resources, err = refs("resources"); err != nil {
			return err
		}
	}
	if rs.mixins, err = refs("mixins"); err != nil {
		return err
	}
	return l.define(rs)
}

// canonicalShape is the canonical JSON of a shape object, leaving out an
// empty "members", which says nothing: "structure Unit {}" in the official
// prelude.smithy is then the same shape as the loader's own prelude Unit.
func canonicalShape(v gjson.Result) string {
	if m := v.Get("members"); m.IsObject() && strings.TrimSpace(m.Raw[1:len(m.Raw)-1]) == "" {
		var o jsonObject
		v.ForEach(func(k, val gjson.Result) bool {
			if k.String() != "members" {
				o.add(k.String(), val.Raw)
			}
			return true
		})
		v = gjson.Parse(o.String())
	}
	return canonicalJSON(v)
}

// define adds a shape, allowing an identical redefinition (the same shape in
// two files) but refusing a conflicting one.
func (l *loader) define(rs *rawShape) error {
	if prev, ok := l.defs[rs.id]; ok {
		if prev.canonical == rs.canonical && prev.version10 == rs.version10 {
			return nil
		}
		where := prev.file
		if where == "" {
			where = "the prelude"
		}
		return &Error{File: rs.file, Shape: rs.id.String(), Path: rs.path,
			Msg: "conflicting definition: the shape is also defined differently in " + where}
	}
	l.defs[rs.id] = rs
	l.order = append(l.order, rs.id)
	return nil
}

func parseTraits(v gjson.Result) (Traits, error) {
	var t Traits
	if !v.Exists() {
		return t, nil
	}
	if !v.IsObject() {
		return t, fmt.Errorf("traits must be an object of trait ID to value")
	}
	var err error
	v.ForEach(func(k, val gjson.Result) bool {
		id, perr := ParseID(k.String())
		if perr != nil || id.Member != "" {
			err = fmt.Errorf("invalid trait ID %q", k.String())
			return false
		}
		t.set(k.String(), val.Raw)
		return true
	})
	return t, err
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// versionError is a Smithy 2.0 feature found in a Smithy 1.0 file.
type versionError struct{ field, msg string }

// checkVersion refuses the Smithy 2.0 features that a 1.0 file cannot use,
// as the reference loader does for IDL and JSON alike: enum and intEnum
// shapes, mixins, and resource properties.
func checkVersion(typ string, v gjson.Result, traits Traits, v10 bool) *versionError {
	if !v10 {
		return nil
	}
	switch {
	case typ == "enum" || typ == "intEnum":
		return &versionError{"type", typ + " shapes need Smithy 2.0"}
	case traits.Has(TraitMixin):
		return &versionError{"traits", "mixins need Smithy 2.0, but the shape has the mixin trait"}
	case len(v.Get("mixins").Array()) > 0:
		return &versionError{"mixins", "mixins need Smithy 2.0"}
	case typ == "resource" && v.Get("properties").Exists():
		return &versionError{"properties", "resource properties need Smithy 2.0"}
	}
	return nil
}

func metadataPath(key string) string { return "metadata[" + strconv.Quote(key) + "]" }

// addMetadata merges one metadata entry (spec/model "Merging metadata"):
// lists under the same key are concatenated, equal values are kept once,
// and anything else is a conflict.
func (l *loader) addMetadata(file, key, raw string) error {
	if l.metadataFrom == nil {
		l.metadataFrom = map[string]string{}
	}
	if old, ok := l.metadata.Raw(key); ok {
		a, b := gjson.Parse(old), gjson.Parse(raw)
		if !(a.IsArray() && b.IsArray()) && canonicalJSON(a) != canonicalJSON(b) {
			return &Error{File: file, Path: metadataPath(key),
				Msg: fmt.Sprintf("conflicting values for metadata %q: %s here, %s in %s", key, canonicalJSON(b), canonicalJSON(a), l.metadataFrom[key])}
		}
	} else {
		l.metadataFrom[key] = file
	}
	return mergeTrait(&l.metadata, key, raw)
}
