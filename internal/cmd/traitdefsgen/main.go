// Command traitdefsgen writes internal/shapes/traitdefs.json, the trait
// definitions that the model loader embeds so that models can apply the
// traits of smithy.api, aws.*, smithy.rules, smithy.waiters, smithy.test and
// the other namespaces the generator knows without loading their
// definitions, and so that a misspelled trait is an error.
//
// It loads the official IDL files (../shared/testdata/trait-defs, see its
// SOURCE.md) with our own loader and keeps only facts: shape types,
// members and their targets, required members, defaults, enum values,
// constraints, and where each trait may be applied. Documentation and the
// other prose traits are left out. Run it from the repository root:
//
//	go run ./internal/cmd/traitdefsgen   (or: make traitdefs)
//
// The output is a Smithy JSON AST document with one shape per line, sorted
// by shape ID, which the loader indexes by splitting lines (see
// internal/shapes/traitdefs.go). The package's test fails when the
// committed file differs from what this command writes.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/smithygo/smithygo/internal/shapes"
)

// Default paths, relative to the repository root.
const (
	defaultIn  = "../shared/testdata/trait-defs"
	defaultOut = "internal/shapes/traitdefs.json"
)

func main() {
	in := flag.String("in", defaultIn, "directory of the official trait definition IDL files")
	out := flag.String("out", defaultOut, "file to write")
	flag.Parse()
	data, err := generate(*in)
	if err == nil {
		err = os.WriteFile(*out, data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "traitdefsgen:", err)
		os.Exit(1)
	}
}

// generate loads every .smithy file below dir and encodes the definitions.
func generate(dir string) ([]byte, error) {
	m, err := shapes.LoadFiles(dir)
	if err != nil {
		return nil, err
	}
	return encode(m)
}

// shapeTraits are the traits kept on shapes, each with the fields of its
// value that are kept (nil: the whole value). Everything else is prose
// (documentation, examples, messages) or of no use to a loader checking
// trait values.
var shapeTraits = map[string][]string{
	"smithy.api#trait":              {"selector", "structurallyExclusive", "conflicts"},
	"smithy.api#private":            nil,
	"smithy.api#enum":               nil, // filtered per element, see keep
	"smithy.api#length":             nil,
	"smithy.api#range":              nil,
	"smithy.api#pattern":            nil,
	"smithy.api#uniqueItems":        nil,
	"smithy.api#sparse":             nil,
	"smithy.api#default":            nil,
	"smithy.api#error":              nil,
	"smithy.api#unitType":           nil,
	"smithy.api#protocolDefinition": {"traits", "noInlineDocumentSupport"},
	"smithy.api#authDefinition":     {"traits"},
	"smithy.api#idRef":              {"selector", "failWhenMissing"},
}

// memberTraits are the traits kept on members.
var memberTraits = map[string][]string{
	"smithy.api#required":  nil,
	"smithy.api#default":   nil,
	"smithy.api#enumValue": nil,
	"smithy.api#length":    nil,
	"smithy.api#range":     nil,
	"smithy.api#pattern":   nil,
	"smithy.api#idRef":     {"selector", "failWhenMissing"},
}

// encode writes the model's shapes, mixins excluded (their members and
// traits are already flattened into the shapes that use them).
func encode(m *shapes.Model) ([]byte, error) {
	var lines []string
	for s := range m.Shapes() {
		if s.File == "" || s.Traits.Has(shapes.TraitMixin) {
			continue
		}
		line, err := encodeShape(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", s.ID, err)
		}
		lines = append(lines, line)
	}
	var b bytes.Buffer
	b.WriteString(`{"smithy":"2.0","shapes":{` + "\n")
	b.WriteString(strings.Join(lines, ",\n"))
	b.WriteString("\n}}\n")
	return b.Bytes(), nil
}

// encodeShape writes `"ns#Name":{...}` on one line.
func encodeShape(s *shapes.Shape) (string, error) {
	var o object
	o.add("type", quote(s.Kind.String()))
	switch s.Kind {
	case shapes.KindOperation, shapes.KindService, shapes.KindResource:
		return "", fmt.Errorf("a %s among trait definitions: the format has no place for it", s.Kind)
	case shapes.KindList, shapes.KindMap:
		for _, mem := range s.Members {
			v, err := encodeMember(mem)
			if err != nil {
				return "", err
			}
			o.add(mem.Name, v)
		}
	default:
		if len(s.Members) > 0 {
			var ms object
			for _, mem := range s.Members {
				v, err := encodeMember(mem)
				if err != nil {
					return "", err
				}
				ms.add(mem.Name, v)
			}
			o.add("members", ms.String())
		}
	}
	t, err := encodeTraits(s.Traits, shapeTraits)
	if err != nil {
		return "", err
	}
	if t != "" {
		o.add("traits", t)
	}
	return quote(s.ID.String()) + ":" + o.String(), nil
}

func encodeMember(mem *shapes.Member) (string, error) {
	var o object
	o.add("target", quote(mem.Target.ID.String()))
	t, err := encodeTraits(mem.Traits, memberTraits)
	if err != nil {
		return "", err
	}
	if t != "" {
		o.add("traits", t)
	}
	return o.String(), nil
}

// encodeTraits keeps the listed traits, in ID order, with their values in
// canonical JSON (sorted keys), or "" when none is kept.
func encodeTraits(t shapes.Traits, keep map[string][]string) (string, error) {
	var o object
	for _, id := range t.IDs() {
		fields, ok := keep[id]
		if !ok {
			continue
		}
		raw, _ := t.Raw(id)
		var v any
		d := json.NewDecoder(strings.NewReader(raw))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			return "", fmt.Errorf("trait %s: %v", id, err)
		}
		switch {
		case id == "smithy.api#enum":
			// The Smithy 1.0 enum trait: each value's documentation and
			// tags are prose; its value and name are facts.
			list, _ := v.([]any)
			for i, e := range list {
				list[i] = pick(e, []string{"value", "name"})
			}
		case fields != nil:
			v = pick(v, fields)
		}
		enc, err := marshal(v)
		if err != nil {
			return "", err
		}
		o.add(id, enc)
	}
	if o.n == 0 {
		return "", nil
	}
	return o.String(), nil
}

// pick keeps the fields of an object value.
func pick(v any, fields []string) any {
	obj, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := map[string]any{}
	for _, f := range fields {
		if x, ok := obj[f]; ok {
			out[f] = x
		}
	}
	return out
}

// marshal writes canonical JSON (encoding/json sorts map keys) without
// HTML escaping, so patterns read as written.
func marshal(v any) (string, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

func quote(s string) string {
	enc, _ := marshal(s)
	return enc
}

// object builds a JSON object with keys in the order added.
type object struct {
	b strings.Builder
	n int
}

func (o *object) add(key, raw string) {
	if o.n == 0 {
		o.b.WriteByte('{')
	} else {
		o.b.WriteByte(',')
	}
	o.n++
	o.b.WriteString(quote(key))
	o.b.WriteByte(':')
	o.b.WriteString(raw)
}

func (o *object) String() string {
	if o.n == 0 {
		return "{}"
	}
	return o.b.String() + "}"
}
