package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// nodeKind says which of the three JSON shapes a node has.
type nodeKind int

const (
	scalarNode nodeKind = iota
	objectNode
	arrayNode
)

// node is one JSON value. Objects keep their fields in source order and
// scalars keep their exact source text, so that writing a tree back yields the
// upstream bytes for every value the refresh leaves alone. A Go map would lose
// the member order, which Smithy treats as meaningful.
type node struct {
	kind   nodeKind
	raw    string  // scalarNode: source text, such as `"a\u00e9"`, `1.50` or `true`
	str    string  // scalarNode holding a string: its decoded value
	isStr  bool    // scalarNode: whether it is a string
	fields []field // objectNode
	items  []*node // arrayNode
}

// field is one key of an object.
type field struct {
	name string // decoded key
	raw  string // key as written, with quotes and escapes
	val  *node
}

// parseDocument checks that data is JSON and turns it into a tree. name is
// the file name used in error messages.
func parseDocument(name string, data []byte) (*node, error) {
	if !gjson.ValidBytes(data) {
		return nil, fmt.Errorf("%s: invalid JSON%s", name, syntaxErrorPosition(data))
	}
	root, err := fromResult(gjson.ParseBytes(data), "")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if root.kind != objectNode {
		return nil, fmt.Errorf("%s: top level must be a JSON object", name)
	}
	return root, nil
}

// syntaxErrorPosition describes where data stops being JSON. gjson only says
// yes or no, so this asks encoding/json, which is only needed on this rare
// path. Columns count bytes, as encoding/json does.
func syntaxErrorPosition(data []byte) string {
	var raw json.RawMessage
	err := json.Unmarshal(data, &raw)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return ""
	}
	before := data[:min(int(se.Offset), len(data))]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - (bytes.LastIndexByte(before, '\n') + 1)
	return fmt.Sprintf(" at line %d, column %d: %v", line, col, se)
}

// fromResult converts a gjson value into a node. path is the JSON path of r,
// used to point at duplicate keys, which JSON allows but Smithy does not and
// which would make "the" value of a key ambiguous.
func fromResult(r gjson.Result, path string) (*node, error) {
	switch {
	case r.IsObject():
		n := &node{kind: objectNode}
		seen := map[string]bool{}
		var err error
		r.ForEach(func(k, v gjson.Result) bool {
			p := childPath(path, k.Str)
			if seen[k.Str] {
				err = fmt.Errorf("%s: duplicate key", p)
				return false
			}
			seen[k.Str] = true
			var child *node
			if child, err = fromResult(v, p); err != nil {
				return false
			}
			n.fields = append(n.fields, field{name: k.Str, raw: k.Raw, val: child})
			return true
		})
		return n, err
	case r.IsArray():
		n := &node{kind: arrayNode}
		var err error
		r.ForEach(func(k, v gjson.Result) bool {
			var child *node
			if child, err = fromResult(v, indexPath(path, len(n.items))); err != nil {
				return false
			}
			n.items = append(n.items, child)
			return true
		})
		return n, err
	default:
		return &node{kind: scalarNode, raw: r.Raw, str: r.Str, isStr: r.Type == gjson.String}, nil
	}
}

// stringNode makes a string scalar for a value the refresh creates itself.
func stringNode(s string) *node {
	return &node{kind: scalarNode, raw: quote(s), str: s, isStr: true}
}

// quote writes s as a JSON string. HTML escaping is off because it would
// turn '<' in shape IDs or text into \u003c for no benefit.
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // encoding a string cannot fail
	return strings.TrimSuffix(b.String(), "\n")
}

// get returns the value of the object field name, or nil.
func (n *node) get(name string) *node {
	if i := n.index(name); i >= 0 {
		return n.fields[i].val
	}
	return nil
}

// index returns the position of the object field name, or -1.
func (n *node) index(name string) int {
	if n == nil || n.kind != objectNode {
		return -1
	}
	for i, f := range n.fields {
		if f.name == name {
			return i
		}
	}
	return -1
}

// remove deletes the object field name if it is there.
func (n *node) remove(name string) {
	if i := n.index(name); i >= 0 {
		n.fields = append(n.fields[:i], n.fields[i+1:]...)
	}
}

// insert puts a new field at position i of the object.
func (n *node) insert(i int, name string, val *node) {
	n.fields = append(n.fields, field{})
	copy(n.fields[i+1:], n.fields[i:])
	n.fields[i] = field{name: name, raw: quote(name), val: val}
}

// setSorted replaces the field name, or inserts it before the first field
// whose name sorts after it. Smithy tools write trait keys sorted, so this
// puts a new trait where such a tool would have put it, and the result does
// not depend on how the object was built.
func (n *node) setSorted(name string, val *node) {
	if i := n.index(name); i >= 0 {
		n.fields[i].val = val
		return
	}
	i := 0
	for i < len(n.fields) && n.fields[i].name < name {
		i++
	}
	n.insert(i, name, val)
}

// object returns the object field name, creating an empty one at the end of
// n if it is absent.
func (n *node) object(name string) *node {
	if v := n.get(name); v != nil {
		return v
	}
	v := &node{kind: objectNode}
	n.insert(len(n.fields), name, v)
	return v
}

// each calls fn on every element of an array or every value of an object.
func (n *node) each(fn func(*node)) {
	if n == nil {
		return
	}
	for _, it := range n.items {
		fn(it)
	}
	for _, f := range n.fields {
		fn(f.val)
	}
}

// encode writes the tree as JSON with two-space indentation, one key or
// element per line and a final newline, which is how the upstream models are
// laid out, so diffs against them stay small.
func (n *node) encode() []byte {
	var b bytes.Buffer
	n.write(&b, 0)
	b.WriteByte('\n')
	return b.Bytes()
}

func (n *node) write(b *bytes.Buffer, depth int) {
	switch n.kind {
	case scalarNode:
		b.WriteString(n.raw)
	case objectNode:
		if len(n.fields) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, f := range n.fields {
			writeIndent(b, depth+1)
			b.WriteString(f.raw)
			b.WriteString(": ")
			f.val.write(b, depth+1)
			writeSeparator(b, i, len(n.fields))
		}
		writeIndent(b, depth)
		b.WriteByte('}')
	case arrayNode:
		if len(n.items) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, it := range n.items {
			writeIndent(b, depth+1)
			it.write(b, depth+1)
			writeSeparator(b, i, len(n.items))
		}
		writeIndent(b, depth)
		b.WriteByte(']')
	}
}

func writeIndent(b *bytes.Buffer, depth int) {
	for range depth {
		b.WriteString("  ")
	}
}

func writeSeparator(b *bytes.Buffer, i, n int) {
	if i < n-1 {
		b.WriteByte(',')
	}
	b.WriteByte('\n')
}

var plainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// childPath extends a JSON path such as shapes["ns#A"].members with a key,
// using dot notation where the key allows it.
func childPath(path, key string) string {
	if plainKey.MatchString(key) {
		if path == "" {
			return key
		}
		return path + "." + key
	}
	return path + "[" + quote(key) + "]"
}

// indexPath extends a JSON path with an array index.
func indexPath(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}
