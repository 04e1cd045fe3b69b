package gogen

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// isSensitiveMember reports whether a member's value must never be shown:
// the member or its target is @sensitive, or its target is a collection of
// sensitive values.
func isSensitiveMember(m *shapes.Member) bool {
	return m.Traits.Sensitive() || sensitiveValue(m.Target, map[*shapes.Shape]bool{})
}

func sensitiveValue(s *shapes.Shape, seen map[*shapes.Shape]bool) bool {
	if s.Traits.Sensitive() {
		return true
	}
	if seen[s] {
		return false
	}
	seen[s] = true
	switch s.Kind {
	case shapes.KindList:
		m := s.ListMember()
		return m.Traits.Sensitive() || sensitiveValue(m.Target, seen)
	case shapes.KindMap:
		k, v := s.MapKey(), s.MapValue()
		return k.Traits.Sensitive() || v.Traits.Sensitive() || sensitiveValue(k.Target, seen) || sensitiveValue(v.Target, seen)
	}
	return false
}

// containsSensitive reports whether printing a value of structure or union s
// could reveal a sensitive value, directly or through nested shapes. Such
// types get String, GoString and LogValue methods that redact.
func containsSensitive(s *shapes.Shape) bool {
	return reachesSensitive(s, map[*shapes.Shape]bool{})
}

func reachesSensitive(s *shapes.Shape, seen map[*shapes.Shape]bool) bool {
	if seen[s] {
		return false
	}
	seen[s] = true
	if s.Traits.Sensitive() {
		return true
	}
	for _, m := range s.Members {
		if m.Traits.Sensitive() || reachesSensitive(m.Target, seen) {
			return true
		}
	}
	return false
}

// emitRedactedString writes String, GoString and LogValue for a structure
// that holds sensitive data: sensitive members print as "[sensitive]", so
// neither fmt nor log/slog (text or JSON) ever shows them.
func emitRedactedString(f *jen.File, p *Plan, s *shapes.Shape, name string) {
	var format strings.Builder
	var args []jen.Code
	format.WriteString(name + "{")
	for i, m := range s.Members {
		if i > 0 {
			format.WriteString(" ")
		}
		field := p.FieldName(m)
		format.WriteString(field + ":")
		v := jen.Id("v").Dot(field)
		switch {
		case isSensitiveMember(m):
			format.WriteString("%s")
			args = append(args, jen.Id("redacted").Call(isSetExpr(p, m, v)))
		case p.IsPointer(m):
			format.WriteString("%v")
			args = append(args, jen.Id("deref").Call(v))
		default:
			format.WriteString("%v")
			args = append(args, v)
		}
	}
	format.WriteString("}")
	f.Line()
	if s.Traits.Sensitive() {
		// The whole value is sensitive, as a member that holds it prints
		// it: its own members are not shown either.
		f.Add(comment(wrap("String formats v as [sensitive]: the model marks the whole %s sensitive.", name)))
		f.Func().Params(jen.Id(name)).Id("String").Params().String().Block(jen.Return(jen.Lit("[sensitive]")))
	} else {
		f.Add(comment(wrap("String formats v with its sensitive members redacted.")))
		f.Func().Params(jen.Id("v").Id(name)).Id("String").Params().String().Block(
			jen.Return(jen.Qual("fmt", "Sprintf").Call(append([]jen.Code{jen.Lit(format.String())}, args...)...)),
		)
	}
	f.Line()
	f.Add(comment(wrap("GoString is String, so that %%#v redacts too.")))
	f.Func().Params(jen.Id("v").Id(name)).Id("GoString").Params().String().Block(jen.Return(jen.Id("v").Dot("String").Call()))
	f.Line()
	f.Add(comment(wrap("Format makes every fmt verb (%%d and %%x included) print String's redacted text.")))
	f.Func().Params(jen.Id("v").Id(name)).Id("Format").Params(jen.Id("f").Qual("fmt", "State"), jen.Id("verb").Rune()).Block(
		jen.Qual("fmt", "Fprint").Call(jen.Id("f"), jen.Id("v").Dot("String").Call()),
	)
	f.Line()
	f.Add(comment(wrap("LogValue makes log/slog print v as String does, with its sensitive members redacted.")))
	f.Func().Params(jen.Id("v").Id(name)).Id("LogValue").Params().Qual("log/slog", "Value").Block(
		jen.Return(jen.Qual("log/slog", "StringValue").Call(jen.Id("v").Dot("String").Call())),
	)
}

// isSetExpr is an expression that is true when member m of v holds a value.
func isSetExpr(p *Plan, m *shapes.Member, v *jen.Statement) jen.Code {
	switch {
	case p.IsPointer(m) || m.Target.Kind == shapes.KindUnion || IsStreaming(m) ||
		m.Target.Kind == shapes.KindBigInteger || m.Target.Kind == shapes.KindBigDecimal:
		return v.Op("!=").Nil()
	case m.Target.Kind == shapes.KindList || m.Target.Kind == shapes.KindMap || m.Target.Kind == shapes.KindBlob || m.Target.Kind == shapes.KindDocument:
		return jen.Len(v).Op(">").Lit(0)
	case m.Target.IsEnum():
		return v.Op("!=").Lit("")
	}
	return jen.True()
}

// emitRedactionHelpers writes the helpers the String methods share.
func emitRedactionHelpers(f *jen.File) {
	f.Comment("redacted stands in for a sensitive value in String output.")
	f.Func().Id("redacted").Params(jen.Id("set").Bool()).String().Block(
		jen.If(jen.Id("set")).Block(jen.Return(jen.Lit("[sensitive]"))),
		jen.Return(jen.Lit("<nil>")),
	)
	f.Line()
	f.Comment("deref shows the value behind a pointer field rather than its address.")
	f.Func().Id("deref").Types(jen.Id("T").Any()).Params(jen.Id("p").Op("*").Id("T")).Any().Block(
		jen.If(jen.Id("p").Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Op("*").Id("p")),
	)
}

// emitDocument writes the document type: any JSON value, kept as its text.
func emitDocument(f *jen.File, p *Plan) {
	d, nd := p.DocName, p.NewDocName
	f.Add(comment(wrap("%s is a Smithy document: an untyped JSON value (object, array, string, number, boolean or null), kept as its JSON text so that nothing is lost in transit. Use %s to build one from a Go value and Decode to read one into a Go value. A nil %s is unset.", d, nd, d)))
	f.Type().Id(d).Index().Byte()
	f.Line()
	f.Add(comment(wrap("%s encodes v with encoding/json as a document.", nd)))
	f.Func().Id(nd).Params(jen.Id("v").Any()).Params(jen.Id(d), jen.Error()).Block(
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("v")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id(d).Call(jen.Id("b")), jen.Nil()),
	)
	f.Line()
	f.Add(comment(wrap("Decode decodes the document into v with encoding/json.")))
	f.Func().Params(jen.Id("d").Id(d)).Id("Decode").Params(jen.Id("v").Any()).Error().Block(
		jen.Return(jen.Qual("encoding/json", "Unmarshal").Call(jen.Index().Byte().Call(jen.Id("d")), jen.Id("v"))),
	)
	f.Line()
	f.Add(comment(wrap("MarshalJSON returns the document's JSON text (null when unset).")))
	f.Func().Params(jen.Id("d").Id(d)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.If(jen.Len(jen.Id("d")).Op("==").Lit(0)).Block(jen.Return(jen.Index().Byte().Call(jen.Lit("null")), jen.Nil())),
		jen.Return(jen.Index().Byte().Call(jen.Id("d")), jen.Nil()),
	)
	f.Line()
	f.Add(comment(wrap("UnmarshalJSON keeps a copy of the JSON text.")))
	f.Func().Params(jen.Id("d").Op("*").Id(d)).Id("UnmarshalJSON").Params(jen.Id("b").Index().Byte()).Error().Block(
		jen.Op("*").Id("d").Op("=").Append(jen.Id(d).Call(jen.Nil()), jen.Id("b").Op("...")),
		jen.Return(jen.Nil()),
	)
}
