// Package shapes holds a resolved Smithy model: shape IDs, shapes, members and
// traits, loaded from Smithy JSON AST files. It knows nothing about Go; the
// generator reads it to decide what to emit.
package shapes

import (
	"fmt"
	"strings"
)

// ID is a parsed absolute Smithy shape ID such as "ns.x#Shape" or
// "ns.x#Shape$member".
type ID struct {
	Namespace string
	Name      string
	Member    string // empty for a shape ID
}

// ParseID parses an absolute shape ID. It rejects relative IDs because JSON AST
// models only ever contain absolute ones.
func ParseID(s string) (ID, error) {
	hash := strings.IndexByte(s, '#')
	if hash <= 0 {
		return ID{}, fmt.Errorf("invalid shape ID %q: want namespace#Name", s)
	}
	id := ID{Namespace: s[:hash], Name: s[hash+1:]}
	if i := strings.IndexByte(id.Name, '$'); i >= 0 {
		id.Name, id.Member = id.Name[:i], id.Name[i+1:]
		if !isIdentifier(id.Member) {
			return ID{}, fmt.Errorf("invalid shape ID %q: bad member name", s)
		}
	}
	for part := range strings.SplitSeq(id.Namespace, ".") {
		if !isIdentifier(part) {
			return ID{}, fmt.Errorf("invalid shape ID %q: bad namespace", s)
		}
	}
	if !isIdentifier(id.Name) {
		return ID{}, fmt.Errorf("invalid shape ID %q: bad shape name", s)
	}
	return id, nil
}

// isIdentifier reports whether s is a Smithy identifier: a letter or "_"
// followed by letters, digits and "_", with at least one non-"_" character.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	letter := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letter = true
		case c == '_':
		case c >= '0' && c <= '9':
			if i == 0 {
				return false
			}
			letter = true
		default:
			return false
		}
	}
	return letter
}

// String formats the ID in its absolute form.
func (id ID) String() string {
	if id.Member != "" {
		return id.Namespace + "#" + id.Name + "$" + id.Member
	}
	return id.Namespace + "#" + id.Name
}

// Shape returns the ID without its member part.
func (id ID) Shape() ID { return ID{Namespace: id.Namespace, Name: id.Name} }

// WithMember returns the member ID of name within the shape id.
func (id ID) WithMember(name string) ID {
	return ID{Namespace: id.Namespace, Name: id.Name, Member: name}
}

// Less orders IDs by namespace, name, then member, for deterministic output.
func (id ID) Less(o ID) bool {
	if id.Namespace != o.Namespace {
		return id.Namespace < o.Namespace
	}
	if id.Name != o.Name {
		return id.Name < o.Name
	}
	return id.Member < o.Member
}
