package modelgen

import (
	"fmt"
	"strconv"
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

	svc := md.service
	md.writeTraits(&b, "", svc.traits)
	fmt.Fprintf(&b, "service %s {\n    version: \"2024-01-01\"\n", svc.name)
	writeRefs(&b, "operations", opNames(svc.operations))
	writeRefs(&b, "errors", shapeNames(svc.errors))
	b.WriteString("}\n")

	for _, op := range svc.operations {
		b.WriteString("\n")
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
			md.writeMembers(&b, "    ", io.s)
		}
		writeRefs(&b, "errors", shapeNames(op.errors))
		b.WriteString("}\n")
	}

	for _, s := range md.shapes {
		b.WriteString("\n")
		md.writeShape(&b, s)
	}
	return []byte(b.String())
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
	md.writeTraits(b, "", s.traits)
	switch s.kind {
	case kEnum, kIntEnum:
		fmt.Fprintf(b, "%s %s {\n", s.kind, s.name)
		for _, v := range s.enum {
			val := v.value
			if s.kind == kEnum {
				val = strconv.Quote(val)
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
	if len(s.members) == 0 {
		b.WriteString("{}\n")
		return
	}
	b.WriteString("{\n")
	for _, m := range s.members {
		md.writeTraits(b, indent+"    ", m.traits)
		fmt.Fprintf(b, "%s    %s: %s\n", indent, m.name, m.target.ref())
	}
	b.WriteString(indent + "}\n")
}
