package shapes

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// This file turns parsed IDL files into the JSON AST form the loader already
// reads, one shape at a time, so that IDL and JSON models go through exactly
// the same checks and resolution. Before that it resolves every relative
// shape ID (spec/idl "Relative shape ID resolution"): through the file's use
// statements, then the shapes of the file's namespace defined in any file of
// the model (IDL or JSON), then the prelude. While converting it records,
// for each JSON path it generates, the IDL position it came from, so that a
// problem the loader finds later is reported at file:line:col.

// A relative shape ID that names neither an imported shape nor one of the
// current namespace names a prelude shape (namespace smithy.api): one of the
// public shapes of the embedded definitions (traitdefs.go), trait
// definitions included, or a smithy.api shape that the model itself defines
// (as when the official prelude.smithy is loaded to build those
// definitions).
func (c *idlConv) isPrelude(name string) bool {
	return isPreludeName(name) || c.defined["smithy.api"][name]
}

// idlDef is a shape defined in an IDL file.
type idlDef struct {
	f *idlFile
	s *idlShape
}

// idlConv converts the IDL files of one Load call.
type idlConv struct {
	l       *loader
	defined map[string]map[string]bool // namespace → shape names defined in any file
	defs    map[ID]idlDef
	sf      *srcFile           // the file being converted
	elides  map[string]bool    // elisions being resolved, to detect cycles
	elided  map[string]elision // elisions resolved
}

// addIDL converts the parsed IDL files and adds their shapes, applies and
// metadata to the loader. The JSON files must already have been parsed, so
// that IDL files can refer to their shapes by relative IDs.
func (l *loader) addIDL(files []*idlFile) error {
	c := &idlConv{l: l, defined: map[string]map[string]bool{}, defs: map[ID]idlDef{},
		elides: map[string]bool{}, elided: map[string]elision{}}
	define := func(ns, name string) {
		if c.defined[ns] == nil {
			c.defined[ns] = map[string]bool{}
		}
		c.defined[ns][name] = true
	}
	for id := range l.defs {
		define(id.Namespace, id.Name)
	}
	for _, f := range files {
		local := map[string]*idlShape{}
		for _, s := range f.shapes {
			if prev, dup := local[s.name]; dup {
				what := "shape"
				if s.inline != "" {
					what = "inline " + s.inline + " structure"
				}
				return newPosError(f.name, f.src, s.namePos, "", fmt.Sprintf("the %s %s is already defined at line %d", what, s.name, prev.namePos.line))
			}
			local[s.name] = s
			if u, ok := f.uses[s.name]; ok && u.id != (ID{Namespace: f.namespace, Name: s.name}) {
				return newPosError(f.name, f.src, s.namePos, "", fmt.Sprintf("the shape name %s conflicts with %s, imported by the use statement at line %d", s.name, u.id, u.pos.line))
			}
			define(f.namespace, s.name)
			c.defs[ID{Namespace: f.namespace, Name: s.name}] = idlDef{f, s}
		}
	}
	for _, f := range files {
		if err := c.checkUses(f); err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := c.convertFile(f); err != nil {
			return err
		}
	}
	return nil
}

// resolve turns a shape ID as written in f into an absolute one.
func (c *idlConv) resolve(f *idlFile, text string) string {
	if strings.Contains(text, "#") {
		return text
	}
	name, member, hasMember := strings.Cut(text, "$")
	var abs string
	switch {
	case f.uses[name].id != (ID{}):
		abs = f.uses[name].id.String()
	case c.defined[f.namespace][name]:
		abs = f.namespace + "#" + name
	case c.isPrelude(name):
		abs = "smithy.api#" + name
	default:
		// Unresolvable: the spec gives it the current namespace, and the
		// loader reports it if something needs the shape to exist.
		abs = f.namespace + "#" + name
	}
	if hasMember {
		abs += "$" + member
	}
	return abs
}

func (c *idlConv) errAt(f *idlFile, at pos, format string, args ...any) error {
	return newPosError(f.name, f.src, at, "", fmt.Sprintf(format, args...))
}

func (c *idlConv) mark(path string, at pos) {
	if _, ok := c.sf.at[path]; !ok {
		c.sf.at[path] = at
	}
}

// convertFile adds one file's metadata, shapes and applies to the loader.
func (c *idlConv) convertFile(f *idlFile) error {
	c.sf = &srcFile{name: f.name, data: f.src, at: map[string]pos{}, written: map[string]string{}, idl: f}
	c.l.src[f.name] = c.sf
	for _, m := range f.metadata {
		var b strings.Builder
		if err := c.writeNode(&b, f, m.value, true, ""); err != nil {
			return err
		}
		c.mark(metadataPath(m.key), m.pos)
		if err := c.l.addMetadata(f.name, m.key, b.String()); err != nil {
			return err
		}
	}
	for _, s := range f.shapes {
		if err := c.convertShape(f, s); err != nil {
			return err
		}
	}
	for i, a := range f.applies {
		if err := c.convertApply(f, a, i); err != nil {
			return err
		}
	}
	return nil
}

// writeNode writes a node value as JSON, resolving syntactic shape IDs
// (metadata says whether the value is a metadata value). When path is set,
// it is the value's JSON path, and the position of every nested value is
// marked, so that a trait value found invalid later is reported at the
// exact element.
func (c *idlConv) writeNode(b *strings.Builder, f *idlFile, n *node, metadata bool, path string) error {
	if path != "" {
		c.mark(path, n.pos)
	}
	sub := func(step string) string {
		if path == "" {
			return ""
		}
		return path + step
	}
	switch n.kind {
	case nNull:
		b.WriteString("null")
	case nBool:
		b.WriteString(strconv.FormatBool(n.b))
	case nNumber:
		b.WriteString(n.text)
	case nString:
		b.WriteString(jsonString(n.text))
	case nShapeID:
		if !metadata {
			b.WriteString(jsonString(c.resolve(f, n.text)))
			break
		}
		id, err := c.metadataID(f, n)
		if err != nil {
			return err
		}
		b.WriteString(jsonString(id))
	case nArray:
		b.WriteByte('[')
		for i, e := range n.elems {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := c.writeNode(b, f, e, metadata, sub(fmt.Sprintf("[%d]", i))); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case nObject:
		b.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonString(k))
			b.WriteByte(':')
			if path != "" {
				c.mark(keyPath(path+keyStep(k)), n.kpos[i])
			}
			if err := c.writeNode(b, f, n.vals[i], metadata, sub(keyStep(k))); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	}
	return nil
}

// metadataID resolves a syntactic shape ID in a metadata value. Metadata
// comes before the namespace and its use statements, so only the shapes of
// the file's namespace and the prelude are in scope, and an ID that names
// neither is an error rather than a guess.
func (c *idlConv) metadataID(f *idlFile, n *node) (string, error) {
	if strings.Contains(n.text, "#") {
		return n.text, nil
	}
	name, member, hasMember := strings.Cut(n.text, "$")
	var abs string
	switch {
	case c.defined[f.namespace][name]:
		abs = f.namespace + "#" + name
	case c.isPrelude(name):
		abs = "smithy.api#" + name
	default:
		return "", c.errAt(f, n.pos, "the shape ID %s does not resolve to a shape (quote it if it is a string)", n.text)
	}
	if hasMember {
		abs += "$" + member
	}
	return abs, nil
}

// nodeJSON returns a (non-metadata) node value as JSON, marking the
// positions of its parts under path.
func (c *idlConv) nodeJSON(f *idlFile, n *node, path string) (string, error) {
	var b strings.Builder
	err := c.writeNode(&b, f, n, false, path)
	return b.String(), err
}

// jsonString quotes s as a JSON string. Unlike encoding/json it leaves <, >
// and & alone, so trait values read back as they were written.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// jsonObject builds a JSON object from fields in order.
type jsonObject struct {
	b strings.Builder
	n int
}

func (o *jsonObject) add(key, raw string) {
	if o.n == 0 {
		o.b.WriteByte('{')
	} else {
		o.b.WriteByte(',')
	}
	o.n++
	o.b.WriteString(jsonString(key))
	o.b.WriteByte(':')
	o.b.WriteString(raw)
}

func (o *jsonObject) String() string {
	if o.n == 0 {
		return "{}"
	}
	return o.b.String() + "}"
}

func refJSON(id string) string { return `{"target":` + jsonString(id) + `}` }

// traitsJSON converts trait statements, merging repeated traits as apply
// does (equal values, or lists that are concatenated). extra are traits the
// syntax implies (a default from "= value", an enum value), added after the
// written ones. Each trait's position, and the name it was written with,
// are recorded under its JSON path (path.traits["ns#name"]): the loader
// checks trait names and values once every file is read, and reports
// problems there.
func (c *idlConv) traitsJSON(f *idlFile, path string, traits []*idlTrait, extra ...*idlTrait) (string, bool, error) {
	var t Traits
	first := map[string]pos{}
	for _, tr := range append(append([]*idlTrait{}, traits...), extra...) {
		id := c.resolve(f, tr.id.text)
		tid, err := ParseID(id)
		if err != nil || tid.Member != "" {
			return "", false, c.errAt(f, tr.id.pos, "invalid trait ID %s", tr.id.text)
		}
		tpath := traitPath(path, id)
		var raw string
		if tr.value == nil {
			raw = "{}"
			if c.isListShape(tid) {
				raw = "[]"
			}
		} else if raw, err = c.nodeJSON(f, tr.value, tpath); err != nil {
			return "", false, err
		}
		if err := mergeTrait(&t, id, raw); err != nil {
			return "", false, c.errAt(f, tr.pos, "%v (the trait is also applied at line %d)", err, first[id].line)
		}
		if _, ok := first[id]; !ok {
			first[id] = tr.pos
			c.mark(path+".traits", tr.pos)
			// The trait's own position wins over its value's, marked
			// first by nodeJSON: an unknown trait is reported at its "@".
			c.sf.at[tpath] = tr.pos
			c.sf.written[tpath] = tr.id.text
		}
	}
	if t.Len() == 0 {
		return "", false, nil
	}
	var o jsonObject
	for _, id := range t.IDs() {
		raw, _ := t.Raw(id)
		o.add(id, raw)
	}
	return o.String(), true, nil
}

// isListShape reports whether id is a list or set shape, in any file or in
// the prelude, to give a trait written without a value its empty value.
func (c *idlConv) isListShape(id ID) bool {
	if d, ok := c.defs[id]; ok {
		return d.s.typeName == "list" || d.s.typeName == "set"
	}
	if rs, ok := c.l.defs[id]; ok {
		return rs.kind == KindList
	}
	if v, ok := embeddedDefs().shape(id); ok {
		t := v.Get("type").String()
		return t == "list" || t == "set"
	}
	return false
}

// convertShape writes a shape statement as its JSON AST object and hands it
// to the loader's JSON path, marking where each part came from.
func (c *idlConv) convertShape(f *idlFile, s *idlShape) error {
	key := f.namespace + "#" + s.name
	base := shapePath(key)
	c.mark(base, s.namePos)
	c.mark(base+".type", s.typePos)
	var o jsonObject
	typ := s.typeName
	o.add("type", jsonString(typ))
	if s.forRes != nil {
		if err := c.checkForResource(f, s); err != nil {
			return err
		}
	}
	if len(s.mixins) > 0 {
		c.mark(base+".mixins", s.withPos)
		var b strings.Builder
		b.WriteByte('[')
		for i, m := range s.mixins {
			if i > 0 {
				b.WriteByte(',')
			}
			c.mark(fmt.Sprintf("%s.mixins[%d]", base, i), m.pos)
			b.WriteString(refJSON(c.resolve(f, m.text)))
		}
		b.WriteByte(']')
		o.add("mixins", b.String())
	}
	traits, ok, err := c.traitsJSON(f, base, s.traits)
	if err != nil {
		return err
	}
	if ok {
		o.add("traits", traits)
	}
	switch typ {
	case "structure", "union", "enum", "intEnum":
		var members jsonObject
		for _, m := range s.members {
			raw, err := c.memberJSON(f, s, m, base+".members."+m.name)
			if err != nil {
				return err
			}
			members.add(m.name, raw)
		}
		o.add("members", members.String())
	case "list", "set", "map":
		for _, m := range s.members {
			raw, err := c.memberJSON(f, s, m, base+"."+m.name)
			if err != nil {
				return err
			}
			o.add(m.name, raw)
		}
	case "operation", "service", "resource":
		if err := c.propsJSON(f, s, base, &o); err != nil {
			return err
		}
	}
	if typ == "operation" && !f.v10 && len(s.mixins) == 0 && !c.hasTrait(f, s.traits, TraitMixin) {
		// A 2.0 operation without input or output has smithy.api#Unit
		// there. The reference loader writes it out, as the JSON AST of AWS
		// models does, so that IDL models look the same to the generator.
		// (It leaves it out of mixins and of shapes using them, whose JSON
		// AST has only local properties, and of 1.0 operations, which had
		// no Unit.)
		for _, io := range []string{"input", "output"} {
			if !s.hasProp(io) {
				o.add(io, refJSON("smithy.api#Unit"))
			}
		}
	}
	return c.l.parseShape(f.name, key, gjson.Parse(o.String()), f.v10)
}

// checkForResource checks the shape that "for" names: it must be a resource.
func (c *idlConv) checkForResource(f *idlFile, s *idlShape) error {
	rid, err := ParseID(c.resolve(f, s.forRes.text))
	if err != nil || rid.Member != "" {
		return c.errAt(f, s.forRes.pos, "invalid resource ID %s", s.forRes.text)
	}
	kind, ok := c.kindOf(rid)
	switch {
	case !ok:
		return c.errAt(f, s.forRes.pos, "resource %s not found", rid)
	case kind != "resource":
		return c.errAt(f, s.forRes.pos, "\"for\" must name a resource, but %s is a %s", rid, kind)
	}
	return nil
}

// kindOf returns the type name of a shape defined in any file or the prelude.
func (c *idlConv) kindOf(id ID) (string, bool) {
	if d, ok := c.defs[id]; ok {
		return d.s.typeName, true
	}
	if rs, ok := c.l.defs[id]; ok {
		return rs.typeName, true
	}
	if v, ok := embeddedDefs().shape(id); ok {
		return v.Get("type").String(), true
	}
	return "", false
}

// memberJSON writes a member as {"target", "traits"}, turning "= value"
// into the default trait (or, in an enum, the enumValue trait).
func (c *idlConv) memberJSON(f *idlFile, s *idlShape, m *idlMember, path string) (string, error) {
	c.mark(path, m.pos)
	var o jsonObject
	var target string
	switch {
	case s.typeName == "enum" || s.typeName == "intEnum":
		target = "smithy.api#Unit"
		c.mark(path+".target", m.pos)
	case m.elided:
		t, err := c.elidedTarget(f, s, m.name, m.pos)
		if err != nil {
			return "", err
		}
		target = t
		c.mark(path+".target", m.pos)
	default:
		target = c.resolve(f, m.target.text)
		if strings.Contains(target, "$") {
			return "", c.errAt(f, m.target.pos, "a member cannot target a member (%s)", target)
		}
		c.mark(path+".target", m.target.pos)
	}
	o.add("target", jsonString(target))
	var extra []*idlTrait
	switch {
	case m.value != nil && (s.typeName == "enum" || s.typeName == "intEnum"):
		extra = append(extra, &idlTrait{id: idlRef{text: TraitEnumValue, pos: m.valuePos}, value: m.value, pos: m.valuePos})
	case m.value != nil:
		extra = append(extra, &idlTrait{id: idlRef{text: TraitDefault, pos: m.valuePos}, value: m.value, pos: m.valuePos})
	case s.typeName == "enum" && !c.hasTrait(f, m.traits, TraitEnumValue):
		// An enum member without a value has its name as its value; the
		// reference loader writes it out, so do the same to compare equal.
		extra = append(extra, &idlTrait{id: idlRef{text: TraitEnumValue, pos: m.pos}, value: &node{kind: nString, pos: m.pos, text: m.name}, pos: m.pos})
	}
	traits, ok, err := c.traitsJSON(f, path, m.traits, extra...)
	if err != nil {
		return "", err
	}
	if ok {
		o.add("traits", traits)
	}
	return o.String(), nil
}

// hasTrait reports whether traits, written in f, include the trait id.
func (c *idlConv) hasTrait(f *idlFile, traits []*idlTrait, id string) bool {
	for _, t := range traits {
		if c.resolve(f, t.id.text) == id {
			return true
		}
	}
	return false
}

// elidedTarget resolves the target of "$name" (spec/idl "Target Elision"):
// the identifier or property of that name of the resource named by "for",
// else the member of that name of a mixin.
func (c *idlConv) elidedTarget(f *idlFile, s *idlShape, name string, at pos) (string, error) {
	// Results are remembered: mixins form a graph, and walking it afresh
	// for every path through it could take exponential time.
	key := f.name + "\x00" + s.name + "\x00" + name
	if r, ok := c.elided[key]; ok {
		return r.target, r.err
	}
	if c.elides[key] {
		return "", c.errAt(f, at, "the target of $%s is elided in a cycle of mixins", name)
	}
	c.elides[key] = true
	target, err := c.findElided(f, s, name, at)
	delete(c.elides, key)
	c.elided[key] = elision{target, err}
	return target, err
}

type elision struct {
	target string
	err    error
}

// findElided does the work of elidedTarget: the resource first, then the
// mixins in order, as spec/idl "Target Elision" says.
func (c *idlConv) findElided(f *idlFile, s *idlShape, name string, at pos) (string, error) {
	if s.forRes != nil {
		rid, err := ParseID(c.resolve(f, s.forRes.text))
		if err == nil {
			if t, ok := c.resourceMember(rid, name); ok {
				return t, nil
			}
		}
	}
	for _, m := range s.mixins {
		mid, err := ParseID(c.resolve(f, m.text))
		if err != nil {
			continue
		}
		t, ok, err := c.mixinMember(mid, name, map[ID]bool{})
		if err != nil {
			return "", err
		}
		if ok {
			return t, nil
		}
	}
	return "", c.errAt(f, at, "the target of $%s is elided, but no resource bound with \"for\" and no mixin has an identifier, property or member named %s", name, name)
}

// resourceMember returns the target of the identifier, else the property,
// called name of a resource.
func (c *idlConv) resourceMember(rid ID, name string) (string, bool) {
	if d, ok := c.defs[rid]; ok {
		for _, key := range []string{"identifiers", "properties"} {
			for _, p := range d.s.props {
				if p.key != key || p.value.kind != nObject {
					continue
				}
				if v := p.value.field(name); v != nil && (v.kind == nShapeID || v.kind == nString) {
					return c.resolve(d.f, v.text), true
				}
			}
		}
		return "", false
	}
	if rs, ok := c.l.defs[rid]; ok {
		for _, ms := range [][]*rawMember{rs.identifiers, rs.properties} {
			for _, m := range ms {
				if m.name == name {
					return m.target.String(), true
				}
			}
		}
	}
	return "", false
}

// mixinMember returns the target of the member called name of the mixin id,
// looking through the mixin's own mixins too.
func (c *idlConv) mixinMember(id ID, name string, seen map[ID]bool) (string, bool, error) {
	if seen[id] {
		return "", false, nil
	}
	seen[id] = true
	if d, ok := c.defs[id]; ok {
		for _, m := range d.s.members {
			if m.name != name {
				continue
			}
			switch {
			case d.s.typeName == "enum" || d.s.typeName == "intEnum":
				return "smithy.api#Unit", true, nil
			case m.elided:
				t, err := c.elidedTarget(d.f, d.s, name, m.pos)
				return t, err == nil, err
			default:
				return c.resolve(d.f, m.target.text), true, nil
			}
		}
		for _, m := range d.s.mixins {
			if mid, err := ParseID(c.resolve(d.f, m.text)); err == nil {
				if t, ok, err := c.mixinMember(mid, name, seen); ok || err != nil {
					return t, ok, err
				}
			}
		}
		return "", false, nil
	}
	if rs, ok := c.l.defs[id]; ok {
		for _, m := range rs.members {
			if m.name == name && m.target != (ID{}) {
				return m.target.String(), true, nil
			}
		}
		for _, mid := range rs.mixins {
			if t, ok, err := c.mixinMember(mid, name, seen); ok || err != nil {
				return t, ok, err
			}
		}
	}
	return "", false, nil
}

// Properties of the service, resource and operation bodies, and the kind of
// value each takes.
var (
	serviceProps = map[string]string{"version": "string", "operations": "refs", "resources": "refs",
		"errors": "refs", "rename": "rename"}
	resourceProps = map[string]string{"identifiers": "members", "properties": "members",
		"create": "ref", "put": "ref", "read": "ref", "update": "ref", "delete": "ref", "list": "ref",
		"operations": "refs", "collectionOperations": "refs", "resources": "refs"}
	operationProps = map[string]string{"input": "ref", "output": "ref", "errors": "refs"}
)

// propsJSON writes the properties of a service, resource or operation body,
// refusing unknown ones.
func (c *idlConv) propsJSON(f *idlFile, s *idlShape, base string, o *jsonObject) error {
	allowed := map[string]map[string]string{"service": serviceProps, "resource": resourceProps, "operation": operationProps}[s.typeName]
	ref := func(n *node) (string, error) {
		if n.kind != nShapeID && n.kind != nString {
			return "", c.errAt(f, n.pos, "want a shape ID")
		}
		id := c.resolve(f, n.text)
		if pid, err := ParseID(id); err != nil || pid.Member != "" {
			return "", c.errAt(f, n.pos, "invalid shape ID %q", n.text)
		}
		return id, nil
	}
	for _, p := range s.props {
		kind, ok := allowed[p.key]
		if !ok {
			names := make([]string, 0, len(allowed))
			for k := range allowed {
				names = append(names, k)
			}
			sort.Strings(names)
			return c.errAt(f, p.pos, "unknown %s property %q (want one of %s)", s.typeName, p.key, strings.Join(names, ", "))
		}
		path := base + "." + p.key
		c.mark(path, p.pos)
		v := p.value
		switch kind {
		case "string":
			if v.kind != nString {
				return c.errAt(f, v.pos, "the %s must be a string", p.key)
			}
			o.add(p.key, jsonString(v.text))
		case "ref":
			id, err := ref(v)
			if err != nil {
				return err
			}
			c.mark(path+".target", v.pos)
			o.add(p.key, refJSON(id))
		case "refs":
			if v.kind != nArray {
				return c.errAt(f, v.pos, "the %s must be a list of shape IDs", p.key)
			}
			var b strings.Builder
			b.WriteByte('[')
			for i, e := range v.elems {
				id, err := ref(e)
				if err != nil {
					return err
				}
				if i > 0 {
					b.WriteByte(',')
				}
				c.mark(fmt.Sprintf("%s[%d]", path, i), e.pos)
				b.WriteString(refJSON(id))
			}
			b.WriteByte(']')
			o.add(p.key, b.String())
		case "members":
			if v.kind != nObject {
				return c.errAt(f, v.pos, "the %s must be an object of name to shape ID", p.key)
			}
			var m jsonObject
			for i, k := range v.keys {
				id, err := ref(v.vals[i])
				if err != nil {
					return err
				}
				c.mark(path+"."+k, v.kpos[i])
				c.mark(path+"."+k+".target", v.vals[i].pos)
				m.add(k, refJSON(id))
			}
			o.add(p.key, m.String())
		case "rename":
			if v.kind != nObject {
				return c.errAt(f, v.pos, "rename must be an object of shape ID to name")
			}
			var m jsonObject
			for i, k := range v.keys {
				c.mark(path+"."+k, v.kpos[i])
				if v.vals[i].kind != nString {
					return c.errAt(f, v.vals[i].pos, "the new name must be a string")
				}
				m.add(c.resolve(f, k), jsonString(v.vals[i].text))
			}
			o.add(p.key, m.String())
		}
	}
	return nil
}

// convertApply hands an apply statement to the loader as a JSON AST apply.
func (c *idlConv) convertApply(f *idlFile, a *idlApply, i int) error {
	target := c.resolve(f, a.target.text)
	if _, err := ParseID(target); err != nil {
		return c.errAt(f, a.target.pos, "%v", err)
	}
	// Several applies may target the same shape, and a shape's own path is
	// taken by its definition: give each apply a path of its own.
	path := fmt.Sprintf("apply[%d]", i)
	c.mark(path, a.target.pos)
	traits, ok, err := c.traitsJSON(f, path, a.traits)
	if err != nil {
		return err
	}
	if !ok {
		// An empty apply block adds nothing, but its target must still exist.
		traits = "{}"
	}
	if err := c.l.parseShape(f.name, target, gjson.Parse(`{"type":"apply","traits":`+traits+`}`), f.v10); err != nil {
		return err
	}
	c.l.applies[len(c.l.applies)-1].path = path
	return nil
}

func (s *idlShape) hasProp(key string) bool {
	for _, p := range s.props {
		if p.key == key {
			return true
		}
	}
	return false
}
