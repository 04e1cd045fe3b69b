package modelgen

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// kind is a Smithy shape type.
type kind int

const (
	kBlob kind = iota
	kBoolean
	kString
	kByte
	kShort
	kInteger
	kLong
	kFloat
	kDouble
	kBigInteger
	kBigDecimal
	kTimestamp
	kDocument
	kEnum
	kIntEnum
	kList
	kMap
	kStructure
	kUnion
)

var kindNames = [...]string{"blob", "boolean", "string", "byte", "short", "integer", "long", "float",
	"double", "bigInteger", "bigDecimal", "timestamp", "document", "enum", "intEnum", "list", "map",
	"structure", "union"}

func (k kind) String() string { return kindNames[k] }

func (k kind) isNumber() bool { return k >= kByte && k <= kBigDecimal || k == kIntEnum }

// scalar kinds may be bound to labels, query parameters and headers:
// string, number, boolean and timestamp (enums are strings, intEnums integers).
func (k kind) isBindable() bool {
	return k == kString || k == kBoolean || k == kTimestamp || k == kEnum || k.isNumber()
}

// shape is a shape of the model being built.
type shape struct {
	name   string
	kind   kind
	index  int // creation order; required structure members only point to lower ones
	traits []string

	// Constraints, kept to pick defaults that satisfy them.
	minLen, maxLen int // -1: absent
	pattern        string
	rangeMin       string // "" absent; decimal text
	rangeMax       string

	members []*member // structure, union, list (one, "member"), map ("key", "value")
	enum    []enumValue

	unit   bool // smithy.api#Unit
	unique bool // @uniqueItems

	doc    string   // a /// doc comment, "" for none
	mixin  bool     // @mixin: never a member target
	mixins []*shape // the mixins it uses: their members are in members too
}

type enumValue struct {
	name  string
	value string // string enums: the value; intEnums: the number
}

// member is a member of a structure, union, list or map.
type member struct {
	name   string
	target *shape
	traits []string

	// Member-level constraints override the target's (-1 / "": none).
	minLen, maxLen     int
	pattern            string
	rangeMin, rangeMax string
	defaultValue       string // IDL node text, "" for none

	doc      string   // a /// doc comment, "" for none
	absolute bool     // the target is written as an absolute shape ID
	applied  []string // traits written in an apply statement instead of inline
	// mixed members come from a mixin (or a resource's identifiers): they
	// are not written unless redeclared, and then as "$name", their target
	// elided.
	mixed, redeclare bool
}

func newShape(name string, k kind) *shape {
	return &shape{name: name, kind: k, minLen: -1, maxLen: -1}
}

func newMember(name string, target *shape) *member {
	return &member{name: name, target: target, minLen: -1, maxLen: -1}
}

// effective constraints of a member: its own, else its target's.
func (m *member) lengthBounds() (int, int) {
	if m.minLen >= 0 || m.maxLen >= 0 {
		return max(m.minLen, 0), m.maxLen
	}
	return max(m.target.minLen, 0), m.target.maxLen
}

// tsFormat is the member's @timestampFormat, its own or its target's, or "".
func (m *member) tsFormat() string {
	for _, traits := range [][]string{m.traits, m.target.traits} {
		for _, t := range traits {
			if v, ok := strings.CutPrefix(t, "timestampFormat("); ok {
				return strings.Trim(strings.TrimSuffix(v, ")"), `"`)
			}
		}
	}
	return ""
}

func (m *member) effPattern() string {
	if m.pattern != "" {
		return m.pattern
	}
	return m.target.pattern
}

func (m *member) rangeBounds() (string, string) {
	if m.rangeMin != "" || m.rangeMax != "" {
		return m.rangeMin, m.rangeMax
	}
	return m.target.rangeMin, m.target.rangeMax
}

// operation is an operation with inline input and output.
type operation struct {
	name          string
	traits        []string
	input, output *shape // nil: Unit
	errors        []*shape
	resource      *resource // the resource the inline input is bound to ("for Thing")
	doc           string
}

// resource is a resource with identifiers and instance operations.
type resource struct {
	name        string
	identifiers []*member // name and target
	operations  []*operation
}

// service is the model's one service.
type service struct {
	name       string
	traits     []string
	operations []*operation
	errors     []*shape
}

// model is a whole generated model.
type model struct {
	namespace string
	shapes    []*shape // simple and aggregate shapes and errors, in print order
	service   *service
	resources []*resource
	// uses maps absolute trait IDs to the names "use" statements give them.
	uses map[string]string
	// applies are whole-shape apply statements ("Shape @trait").
	applies []string
}

// ref is how a shape is written as a target.
func (s *shape) ref() string {
	if s.unit {
		return "smithy.api#Unit"
	}
	return s.name
}

// traitName writes a prelude trait relative unless a local shape shadows it:
// relative IDs resolve to the namespace before the prelude.
func (md *model) traitName(t string) string {
	name := t
	if i := strings.IndexAny(t, "(#"); i >= 0 {
		name = t[:i]
	}
	if short, ok := md.uses[name]; ok {
		return "@" + short + t[len(name):]
	}
	if strings.Contains(name, "#") || !md.localExact(name) {
		return "@" + t
	}
	return "@smithy.api#" + t
}

// localExact reports whether a shape named exactly name is defined.
func (md *model) localExact(name string) bool {
	for _, s := range md.shapes {
		if s.name == name {
			return true
		}
	}
	if md.service.name == name {
		return true
	}
	for _, r := range md.resources {
		if r.name == name {
			return true
		}
	}
	for _, op := range md.service.operations {
		if op.name == name || op.input != nil && op.input.name == name || op.output != nil && op.output.name == name {
			return true
		}
	}
	return false
}

// idl writes the model as Smithy 2.0 IDL.
func (md *model) idl(header string) []byte {
	var b strings.Builder
	b.WriteString(header)
	fmt.Fprintf(&b, "$version: \"2\"\n\nnamespace %s\n\n", md.namespace)
	for _, abs := range slices.Sorted(maps.Keys(md.uses)) {
		fmt.Fprintf(&b, "use %s\n", abs)
	}
	if len(md.uses) > 0 {
		b.WriteString("\n")
	}

	svc := md.service
	md.writeTraits(&b, "", svc.traits)
	fmt.Fprintf(&b, "service %s {\n    version: \"2024-01-01\"\n", svc.name)
	var bound []*operation
	for _, r := range md.resources {
		bound = append(bound, r.operations...)
	}
	var top []*operation
	for _, op := range svc.operations {
		if !slices.Contains(bound, op) {
			top = append(top, op)
		}
	}
	writeRefs(&b, "operations", opNames(top))
	var rnames []string
	for _, r := range md.resources {
		rnames = append(rnames, r.name)
	}
	writeRefs(&b, "resources", rnames)
	writeRefs(&b, "errors", shapeNames(svc.errors))
	b.WriteString("}\n")

	for _, r := range md.resources {
		fmt.Fprintf(&b, "\nresource %s {\n    identifiers: {", r.name)
		for i, id := range r.identifiers {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, " %s: %s", id.name, md.targetRef(id))
		}
		b.WriteString(" }\n")
		writeRefs(&b, "operations", opNames(r.operations))
		b.WriteString("}\n")
	}

	for _, op := range svc.operations {
		b.WriteString("\n")
		writeDoc(&b, "", op.doc)
		md.writeTraits(&b, "", op.traits)
		fmt.Fprintf(&b, "operation %s {\n", op.name)
		for _, io := range []struct {
			key string
			s   *shape
		}{{"input", op.input}, {"output", op.output}} {
			if io.s == nil {
				continue
			}
			fmt.Fprintf(&b, "    %s := ", io.key)
			if io.key == "input" && op.resource != nil {
				fmt.Fprintf(&b, "for %s ", op.resource.name)
			}
			md.writeMembers(&b, "    ", io.s)
		}
		writeRefs(&b, "errors", shapeNames(op.errors))
		b.WriteString("}\n")
	}

	for _, s := range md.shapes {
		b.WriteString("\n")
		md.writeShape(&b, s)
	}
	md.writeApplies(&b)
	return []byte(b.String())
}

// writeApplies writes the apply statements: whole-shape ones, then the
// traits members moved out of their shapes.
func (md *model) writeApplies(b *strings.Builder) {
	var lines []string
	for _, a := range md.applies {
		lines = append(lines, "apply "+a)
	}
	var holders []*shape
	for _, op := range md.service.operations {
		holders = append(holders, op.input, op.output)
	}
	holders = append(holders, md.shapes...)
	for _, s := range holders {
		if s == nil {
			continue
		}
		for _, m := range s.members {
			for _, t := range m.applied {
				lines = append(lines, fmt.Sprintf("apply %s$%s %s", s.name, m.name, md.traitName(t)))
			}
		}
	}
	if len(lines) > 0 {
		b.WriteString("\n" + strings.Join(lines, "\n") + "\n")
	}
}

// targetRef writes a member's target, relative or absolute.
func (md *model) targetRef(m *member) string {
	if m.absolute && !m.target.unit {
		return md.namespace + "#" + m.target.name
	}
	return m.target.ref()
}

// writeDoc writes a /// doc comment, one line per line of doc.
func writeDoc(b *strings.Builder, indent, doc string) {
	if doc == "" {
		return
	}
	for _, line := range strings.Split(doc, "\n") {
		fmt.Fprintf(b, "%s/// %s\n", indent, line)
	}
}

func opNames(ops []*operation) []string {
	var out []string
	for _, op := range ops {
		out = append(out, op.name)
	}
	return out
}

func shapeNames(ss []*shape) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.name)
	}
	return out
}

func writeRefs(b *strings.Builder, key string, names []string) {
	if len(names) > 0 {
		fmt.Fprintf(b, "    %s: [%s]\n", key, strings.Join(names, ", "))
	}
}

func (md *model) writeTraits(b *strings.Builder, indent string, traits []string) {
	for _, t := range traits {
		fmt.Fprintf(b, "%s%s\n", indent, md.traitName(t))
	}
}

func (md *model) writeShape(b *strings.Builder, s *shape) {
	writeDoc(b, "", s.doc)
	md.writeTraits(b, "", s.traits)
	switch s.kind {
	case kEnum, kIntEnum:
		fmt.Fprintf(b, "%s %s {\n", s.kind, s.name)
		for _, v := range s.enum {
			val := v.value
			if s.kind == kEnum {
				val = quoteIDL(val)
			}
			fmt.Fprintf(b, "    %s = %s\n", v.name, val)
		}
		b.WriteString("}\n")
	case kList, kMap, kStructure, kUnion:
		fmt.Fprintf(b, "%s %s ", s.kind, s.name)
		md.writeMembers(b, "", s)
	default:
		fmt.Fprintf(b, "%s %s\n", s.kind, s.name)
	}
}

// writeMembers writes "{ members }" of an aggregate shape.
func (md *model) writeMembers(b *strings.Builder, indent string, s *shape) {
	if len(s.mixins) > 0 {
		fmt.Fprintf(b, "with [%s] ", strings.Join(shapeNames(s.mixins), ", "))
	}
	var written []*member
	for _, m := range s.members {
		if !m.mixed || m.redeclare {
			written = append(written, m)
		}
	}
	if len(written) == 0 {
		b.WriteString("{}\n")
		return
	}
	b.WriteString("{\n")
	for _, m := range written {
		writeDoc(b, indent+"    ", m.doc)
		md.writeTraits(b, indent+"    ", m.traits)
		if m.mixed {
			fmt.Fprintf(b, "%s    $%s\n", indent, m.name)
			continue
		}
		fmt.Fprintf(b, "%s    %s: %s\n", indent, m.name, md.targetRef(m))
	}
	b.WriteString(indent + "}\n")
}
