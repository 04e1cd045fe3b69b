package gogen

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/godoc"
	"github.com/smithygo/smithygo/internal/shapes"
)

// commentWidth is where doc comments wrap, leaving room for "// " and indentation.
const commentWidth = 96

// comment renders paragraphs as a // comment. Empty paragraphs are dropped;
// an empty result renders nothing.
func comment(paragraphs ...string) jen.Code {
	text := commentText(paragraphs...)
	if text == "" {
		return jen.Null()
	}
	return jen.Comment(text)
}

// commentText renders paragraphs as "//" lines (jennifer prints text that
// starts with "//" as it is).
func commentText(paragraphs ...string) string {
	var parts []string
	for _, p := range paragraphs {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	var b strings.Builder
	for i, line := range strings.Split(strings.Join(parts, "\n\n"), "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		if line == "" || line[0] == '\t' {
			// gofmt writes code-block lines as "//\tcode" and empty ones as "//".
			b.WriteString("//" + line)
		} else {
			b.WriteString("// " + line)
		}
	}
	return b.String()
}

// modelDoc converts a documentation trait to doc-comment text.
func modelDoc(t shapes.Traits) string {
	return godoc.Comment(t.Documentation(), commentWidth)
}

// wrap wraps a sentence the generator writes itself.
func wrap(format string, args ...any) string {
	return godoc.Comment(fmt.Sprintf(format, args...), commentWidth)
}

// wrapPlain wraps a sentence the generator writes that quotes model values
// (a default, a pattern): they are shown verbatim, not read as markup, which
// would squeeze their spaces and drop what looks like an HTML tag.
func wrapPlain(format string, args ...any) string {
	return godoc.Plain(fmt.Sprintf(format, args...), commentWidth)
}

// deprecation returns the "Deprecated:" paragraph Go tools recognise, or "".
func deprecation(t shapes.Traits) string {
	msg, ok := t.Deprecated()
	if !ok {
		return ""
	}
	if msg == "" {
		msg = "this is deprecated in the service model."
	}
	return wrap("Deprecated: %s", msg)
}

// shapeDoc is the doc comment of a type: the model's documentation, or a
// sentence naming the Smithy shape when the model has none.
func shapeDoc(name string, s *shapes.Shape, fallback string) jen.Code {
	doc := modelDoc(s.Traits)
	if doc == "" {
		doc = wrap("%s %s", name, fallback)
	}
	return comment(doc, deprecation(s.Traits))
}

// memberDoc documents a field: the model's documentation (of the member, else
// of its target), then the constraints a caller must meet, which the
// generator states itself.
func memberDoc(p *Plan, m *shapes.Member, field string) jen.Code {
	doc := modelDoc(m.Traits)
	if doc == "" && !m.Target.Kind.IsSimple() {
		doc = ""
	} else if doc == "" {
		doc = modelDoc(m.Target.Traits)
	}
	var facts []string
	if m.Traits.Required() {
		facts = append(facts, "required")
	}
	switch raw, ok := m.Traits.Default(); {
	case !ok || !HasClientDefault(m):
	case IsStreaming(m):
		// A stream's only default is "": no stream is an empty one.
		facts = append(facts, "nil is an empty stream")
	default:
		facts = append(facts, "defaults to "+raw)
	}
	if b, ok := effectiveBounds(m, shapes.TraitLength); ok {
		facts = append(facts, "length "+describeBounds(b))
	}
	if b, ok := effectiveBounds(m, shapes.TraitRange); ok {
		facts = append(facts, "range "+describeBounds(b))
	}
	if pat, ok := effectivePattern(m); ok {
		facts = append(facts, "pattern "+pat)
	}
	if m.Traits.Sensitive() || m.Target.Traits.Sensitive() {
		facts = append(facts, "sensitive: never printed or logged")
	}
	if m.Traits.IdempotencyToken() {
		facts = append(facts, "an idempotency token")
	}
	var summary string
	if len(facts) > 0 {
		summary = wrapPlain("%s: %s.", field, strings.Join(facts, "; "))
	} else if doc == "" {
		summary = wrap("%s is the %s member.", field, m.Name)
	}
	var unchecked string
	if why := p.Unchecked(m); why != "" {
		unchecked = wrap("Not checked by Validate: %s.", why)
	}
	var custom string
	if note := p.customMemberNote(m); note != "" {
		custom = wrap("%s", note)
	}
	return comment(doc, summary, custom, unchecked, deprecation(m.Traits))
}

func describeBounds(b shapes.Bounds) string {
	switch {
	case b.Min != "" && b.Max != "":
		if b.Min == b.Max {
			return "exactly " + b.Min
		}
		return b.Min + " to " + b.Max
	case b.Min != "":
		return "at least " + b.Min
	default:
		return "at most " + b.Max
	}
}
