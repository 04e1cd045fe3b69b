package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// additions is our own change set for the upstream model, read from the
// additions file (format described in model/README.md):
//
//	{
//	  "comment": "free text, ignored",
//	  "members": [
//	    {
//	      "comment": "free text, ignored",
//	      "shape": "ns#Structure",
//	      "member": "Name",
//	      "after": "OtherMember",
//	      "target": "ns#Shape",
//	      "traits": {"smithy.api#required": {}}
//	    }
//	  ],
//	  "documentation": {
//	    "ns#Shape": "Our own one-line description.",
//	    "ns#Structure$Name": "Our own one-line description."
//	  }
//	}
//
// "after" and "traits" are optional; without "after" the member goes last.
type additions struct {
	file    string
	members []memberAddition
	docs    []docAddition
}

// memberAddition adds one member to a structure.
type memberAddition struct {
	path   string // JSON path of the entry in the additions file
	shape  string
	member string
	after  string // "" puts the member last
	target string
	traits *node // nil, or an object of trait ID to value
}

// docAddition sets the documentation trait of one shape or member.
type docAddition struct {
	path string
	id   string // shape ID, or member ID "ns#Shape$member"
	text *node  // a string scalar, written as it appears in the file
}

// parseAdditions reads the additions file. Unknown keys are errors so that a
// misspelt "after" or "target" cannot silently change the meaning.
func parseAdditions(file string, data []byte) (*additions, error) {
	root, err := parseDocument(file, data)
	if err != nil {
		return nil, err
	}
	a := &additions{file: file}
	if err := checkKeys(root, "", "comment", "members", "documentation"); err != nil {
		return nil, a.errorf("%v", err)
	}
	if err := checkComment(root, ""); err != nil {
		return nil, a.errorf("%v", err)
	}
	if ms := root.get("members"); ms != nil {
		if ms.kind != arrayNode {
			return nil, a.errorf("members: must be an array")
		}
		seen := map[string]string{}
		for i, entry := range ms.items {
			m, err := parseMemberAddition(entry, indexPath("members", i))
			if err != nil {
				return nil, a.errorf("%v", err)
			}
			id := m.shape + "$" + m.member
			if first, ok := seen[id]; ok {
				return nil, a.errorf("%s: %s is already added by %s", m.path, id, first)
			}
			seen[id] = m.path
			a.members = append(a.members, m)
		}
	}
	if docs := root.get("documentation"); docs != nil {
		if docs.kind != objectNode {
			return nil, a.errorf("documentation: must be an object of shape or member ID to text")
		}
		for _, f := range docs.fields {
			p := childPath("documentation", f.name)
			if !f.val.isStr || strings.TrimSpace(f.val.str) == "" {
				return nil, a.errorf("%s: must be a non-empty string", p)
			}
			a.docs = append(a.docs, docAddition{path: p, id: f.name, text: f.val})
		}
	}
	return a, nil
}

func parseMemberAddition(entry *node, path string) (memberAddition, error) {
	m := memberAddition{path: path}
	if entry.kind != objectNode {
		return m, fmt.Errorf("%s: must be an object", path)
	}
	if err := checkKeys(entry, path, "comment", "shape", "member", "after", "target", "traits"); err != nil {
		return m, err
	}
	if err := checkComment(entry, path); err != nil {
		return m, err
	}
	for _, s := range []struct {
		key      string
		dst      *string
		required bool
	}{
		{"shape", &m.shape, true},
		{"member", &m.member, true},
		{"target", &m.target, true},
		{"after", &m.after, false},
	} {
		v := entry.get(s.key)
		if v == nil && !s.required {
			continue
		}
		if v == nil || !v.isStr || v.str == "" {
			return m, fmt.Errorf("%s: %q must be a non-empty string", path, s.key)
		}
		*s.dst = v.str
	}
	if !strings.Contains(m.shape, "#") || strings.Contains(m.shape, "$") {
		return m, fmt.Errorf("%s.shape: %q is not an absolute shape ID", path, m.shape)
	}
	if !strings.Contains(m.target, "#") {
		return m, fmt.Errorf("%s.target: %q is not an absolute shape ID", path, m.target)
	}
	if t := entry.get("traits"); t != nil {
		if t.kind != objectNode {
			return m, fmt.Errorf("%s.traits: must be an object", path)
		}
		// One place for our prose keeps every description in the
		// "documentation" section, where it is applied the same way whether
		// the member is ours or has since appeared upstream.
		if t.get(documentationTrait) != nil {
			return m, fmt.Errorf("%s.traits: put %s in the \"documentation\" section", path, documentationTrait)
		}
		m.traits = t
	}
	return m, nil
}

// checkKeys rejects keys of obj other than allowed.
func checkKeys(obj *node, path string, allowed ...string) error {
	for _, f := range obj.fields {
		if !slices.Contains(allowed, f.name) {
			return fmt.Errorf("%s: unknown key (allowed: %s)", childPath(path, f.name), strings.Join(allowed, ", "))
		}
	}
	return nil
}

func checkComment(obj *node, path string) error {
	if c := obj.get("comment"); c != nil && !c.isStr {
		return fmt.Errorf("%s: must be a string", childPath(path, "comment"))
	}
	return nil
}

func (a *additions) errorf(format string, args ...any) error {
	return fmt.Errorf("%s: %s", a.file, fmt.Sprintf(format, args...))
}

// apply adds our members, then our documentation, to the shapes of the model
// (members first, so documentation can describe an added member). notes
// receives remarks that are not errors, such as an addition that upstream
// has caught up with.
func (a *additions) apply(shapes *node, notes io.Writer) error {
	for _, m := range a.members {
		if err := a.addMember(shapes, m, notes); err != nil {
			return err
		}
	}
	for _, d := range a.docs {
		target, err := findShapeOrMember(shapes, d.id)
		if err != nil {
			return a.errorf("%s: %v", d.path, err)
		}
		traits := target.object("traits")
		traits.setSorted(documentationTrait, d.text)
	}
	return nil
}

func (a *additions) addMember(shapes *node, m memberAddition, notes io.Writer) error {
	shape := shapes.get(m.shape)
	if shape == nil {
		return a.errorf("%s: shape %s not found in the upstream model", m.path, m.shape)
	}
	if t := shape.get("type"); t == nil || t.str != "structure" {
		return a.errorf("%s: shape %s is not a structure", m.path, m.shape)
	}
	if shapes.get(m.target) == nil && !strings.HasPrefix(m.target, "smithy.api#") {
		return a.errorf("%s: target %s not found in the upstream model", m.path, m.target)
	}
	members := shape.get("members")
	if members == nil {
		// "members" goes before "traits", the order Smithy tools write.
		members = &node{kind: objectNode}
		at := shape.index("traits")
		if at < 0 {
			at = len(shape.fields)
		}
		shape.insert(at, "members", members)
	}
	id := m.shape + "$" + m.member
	for _, f := range members.fields {
		if !strings.EqualFold(f.name, m.member) {
			continue
		}
		if f.name != m.member {
			return a.errorf("%s: %s clashes with upstream member %s (member names are case-insensitively unique)", m.path, id, f.name)
		}
		upstream := f.val.get("target")
		if upstream == nil || upstream.str != m.target {
			got := "none"
			if upstream != nil {
				got = upstream.str
			}
			return a.errorf("%s: %s already exists upstream with target %s, not %s", m.path, id, got, m.target)
		}
		// Upstream has caught up: its member, traits and position win, and
		// the refresh keeps working without editing the additions first.
		fmt.Fprintf(notes, "refreshmodel: note: %s: %s: %s is now upstream with the same target; this addition can be removed\n", a.file, m.path, id)
		return nil
	}
	at := len(members.fields)
	if m.after != "" {
		at = members.index(m.after)
		if at < 0 {
			return a.errorf("%s: %s has no member %q to add %s after", m.path, m.shape, m.after, m.member)
		}
		at++
	}
	member := &node{kind: objectNode}
	member.insert(0, "target", stringNode(m.target))
	if m.traits != nil {
		member.insert(1, "traits", m.traits)
	}
	members.insert(at, m.member, member)
	return nil
}

// findShapeOrMember resolves a shape ID or a member ID ("ns#Shape$name").
// Besides structure, union and enum members, list members and map keys and
// values are members too ("ns#List$member", "ns#Map$key").
func findShapeOrMember(shapes *node, id string) (*node, error) {
	shapeID, member, isMember := strings.Cut(id, "$")
	shape := shapes.get(shapeID)
	if shape == nil {
		return nil, fmt.Errorf("shape %s not found in the model", shapeID)
	}
	if !isMember {
		return shape, nil
	}
	if m := shape.get("members").get(member); m != nil {
		return m, nil
	}
	if member == "member" || member == "key" || member == "value" {
		if m := shape.get(member); m != nil {
			return m, nil
		}
	}
	return nil, fmt.Errorf("shape %s has no member %q", shapeID, member)
}
