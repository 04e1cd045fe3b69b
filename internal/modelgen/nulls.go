package modelgen

import (
	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// bodyTable describes the shapes of echo replies' bodies to reencode (the
// test's bodyShapes): for a structure, the keys of its members that a reply
// may give as null when the request left them out and the shapes of its
// aggregate members; for a list or map, its element's shape; for a dense
// map, that a reply may add a null entry, which a client skips; for a
// union, the keys of its members, which a reply may give as null beside
// the one it has (only one member may be non-null). Entry 0 is
// a structure of which nothing is known (error and waiter replies: an
// unknown member only).
type bodyTable struct {
	proto   string
	index   map[*shapes.Shape]int
	entries []bodyEntry
}

type bodyEntry struct {
	kind      string // "structure", "union", "list" or "map"
	nullable  []string
	members   map[string]int
	elem      int
	nullEntry bool
}

func newBodyTable(proto string) *bodyTable {
	return &bodyTable{proto: proto, index: map[*shapes.Shape]int{}, entries: []bodyEntry{{kind: "structure", elem: -1}}}
}

// key is a member's key in a body: its @jsonName with restJson1.
func (t *bodyTable) key(m *shapes.Member) string {
	if !rpc(t.proto) {
		if j, ok := m.Traits.JSONName(); ok {
			return j
		}
	}
	return m.Name
}

// top is the entry of an echo output's body, ok false when the body is no
// structure (see echoBodyMembers).
func (t *bodyTable) top(out *shapes.Shape) (int, bool) {
	members, ok := echoBodyStructure(out, t.proto)
	if !ok {
		return 0, false
	}
	i := len(t.entries)
	t.entries = append(t.entries, bodyEntry{})
	t.entries[i] = t.structure("structure", members)
	return i, true
}

// structure is the entry of a structure or union with these members.
func (t *bodyTable) structure(kind string, members []*shapes.Member) bodyEntry {
	e := bodyEntry{kind: kind, members: map[string]int{}, elem: -1}
	for _, m := range members {
		k := t.key(m)
		if m.Target.Kind != shapes.KindDocument {
			// A document's null is a document: JSON's null. A union's
			// other members may be null: only one may be non-null.
			e.nullable = append(e.nullable, k)
		}
		if i := t.of(m.Target); i >= 0 {
			e.members[k] = i
		}
	}
	return e
}

// of is the entry of a nested shape, -1 for a simple one.
func (t *bodyTable) of(s *shapes.Shape) int {
	if i, ok := t.index[s]; ok {
		return i
	}
	switch s.Kind {
	case shapes.KindStructure, shapes.KindUnion, shapes.KindList, shapes.KindMap:
	default:
		return -1
	}
	i := len(t.entries)
	t.index[s] = i
	t.entries = append(t.entries, bodyEntry{})
	var e bodyEntry
	switch s.Kind {
	case shapes.KindStructure:
		e = t.structure("structure", s.Members)
	case shapes.KindUnion:
		e = t.structure("union", s.Members)
	case shapes.KindList:
		e = bodyEntry{kind: "list", elem: t.of(s.ListMember().Target)}
	case shapes.KindMap:
		v := s.MapValue().Target
		// A client keeps a null's place in a dense list (as the element's
		// zero value, see gogen's denseNull), and a document's null is a
		// document: only a dense map's null entry is skipped.
		e = bodyEntry{kind: "map", elem: t.of(v), nullEntry: !s.Traits.Sparse() && v.Kind != shapes.KindDocument}
	}
	t.entries[i] = e
	return i
}

// code is the table as a Go literal of the helpers' []bodyShape.
func (t *bodyTable) code() jen.Code {
	var items []jen.Code
	for _, e := range t.entries {
		d := jen.Dict{jen.Id("kind"): jen.Lit(e.kind), jen.Id("elem"): jen.Lit(e.elem)}
		if len(e.nullable) > 0 {
			var ks []jen.Code
			for _, k := range e.nullable {
				ks = append(ks, jen.Lit(k))
			}
			d[jen.Id("nullable")] = jen.Index().String().Values(ks...)
		}
		if len(e.members) > 0 {
			ms := jen.Dict{}
			for k, i := range e.members {
				ms[jen.Lit(k)] = jen.Lit(i)
			}
			d[jen.Id("members")] = jen.Map(jen.String()).Int().Values(ms)
		}
		if e.nullEntry {
			d[jen.Id("nullEntry")] = jen.True()
		}
		items = append(items, jen.Values(d))
	}
	return jen.Index().Id("bodyShape").Values(items...)
}
