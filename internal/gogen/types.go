package gogen

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// emitTypes writes the types package: structures, unions, enums and errors.
func emitTypes(p *Plan) map[string]*jen.File {
	files := map[string]*jen.File{}
	newFile := func() *jen.File {
		f := jen.NewFilePathName(p.TypesPath, "types")
		f.HeaderComment(header)
		return f
	}

	structs := newFile()
	structs.PackageComment(commentText(wrap("Package types holds the data types of the %s API: its structures, unions, enums and errors. The operations and their inputs and outputs are in the parent package.", p.Package)))
	for _, s := range p.sortedShapes(func(s *shapes.Shape) bool { return s.Kind == shapes.KindStructure && !s.IsError() }) {
		emitStruct(structs, p, s, p.TypeName(s), false)
	}
	for _, s := range p.sortedShapes(func(s *shapes.Shape) bool { return s.Kind == shapes.KindUnion }) {
		emitUnion(structs, p, s)
	}
	if p.UnknownName != "" {
		emitUnknownUnion(structs, p)
	}
	files["types/types_gen.go"] = structs

	enums := p.sortedShapes(func(s *shapes.Shape) bool { return s.IsEnum() || s.Kind == shapes.KindIntEnum })
	if len(enums) > 0 {
		f := newFile()
		for _, s := range enums {
			emitEnum(f, p, s)
		}
		files["types/enums_gen.go"] = f
	}
	errs := p.sortedShapes(func(s *shapes.Shape) bool { return s.IsError() })
	if len(errs) > 0 {
		f := newFile()
		for _, s := range errs {
			emitStruct(f, p, s, p.TypeName(s), false)
			emitErrorMethods(f, p, s)
		}
		files["types/errors_gen.go"] = f
	}
	if p.usesRedaction {
		structs.Line()
		emitRedactionHelpers(structs)
	}
	if p.DocName != "" {
		f := newFile()
		emitDocument(f, p)
		files["types/document_gen.go"] = f
	}
	return files
}

// emitStruct writes a structure type with one field per member.
func emitStruct(f *jen.File, p *Plan, s *shapes.Shape, name string, input bool) {
	fallback := "is the " + s.ID.Name + " structure."
	if s.IsError() {
		fallback = "is the " + s.ID.Name + " error, returned when the service reports it."
	}
	f.Add(shapeDoc(name, s, fallback))
	f.Type().Id(name).StructFunc(func(g *jen.Group) {
		for i, m := range s.Members {
			if i > 0 {
				g.Line()
			}
			field := p.FieldName(m)
			g.Add(memberDoc(p, m, field))
			g.Id(field).Add(p.FieldType(m, input))
		}
		if s.IsError() && p.queryCompatible {
			if len(s.Members) > 0 {
				g.Line()
			}
			g.Add(comment(wrap("%s is the error code of the response's x-amzn-query-error header: the code the service's awsQuery clients see, which ErrorCode returns when it is set.", queryErrorCodeField)))
			g.Id(queryErrorCodeField).String()
			g.Line()
			g.Add(comment(wrap("%s is the error type of that header, \"Sender\" or \"Receiver\", which ErrorFault reports when it is set.", queryErrorTypeField)))
			g.Id(queryErrorTypeField).String()
		}
	})
	if containsSensitive(s) {
		emitRedactedString(f, p, s, name)
	}
}

// emitUnion writes a sealed interface and one wrapper struct per member.
func emitUnion(f *jen.File, p *Plan, s *shapes.Shape) {
	name := p.TypeName(s)
	marker := p.unionMarkers[s]
	members := ""
	for i, m := range s.Members {
		if i > 0 {
			members += ", "
		}
		members += p.UnionMemberName(m)
	}
	f.Add(comment(modelDoc(s.Traits), wrap("%s is a union: exactly one of its members is set. The implementations are %s, and %s for a member this version of the package does not know.", name, members, p.UnknownName), deprecation(s.Traits)))
	f.Type().Id(name).Interface(jen.Id(marker).Params())
	f.Line()
	for _, m := range s.Members {
		w := p.UnionMemberName(m)
		doc := modelDoc(m.Traits)
		if m.Target.IsUnit() {
			f.Add(comment(doc, wrap("%s is the %s member of %s; it carries no value.", w, m.Name, name)))
			f.Type().Id(w).Struct()
			f.Line()
			f.Add(comment(wrap("String formats the member as %s{}, rather than as a pointer.", w)))
			f.Func().Params(jen.Id(w)).Id("String").Params().String().Block(jen.Return(jen.Lit(w + "{}")))
		} else {
			f.Add(comment(doc, wrap("%s is the %s member of %s.", w, m.Name, name)))
			f.Type().Id(w).Struct(
				comment(wrap("Value is the member's value.")),
				jen.Id("Value").Add(p.ValueType(m.Target)),
			)
			if isSensitiveMember(m) {
				f.Line()
				f.Add(comment(wrap("String redacts the sensitive value.")))
				f.Func().Params(jen.Id(w)).Id("String").Params().String().Block(jen.Return(jen.Lit(w + "{Value:[sensitive]}")))
				f.Line()
				f.Add(comment(wrap("GoString is String, so that %%#v redacts too.")))
				f.Func().Params(jen.Id(w)).Id("GoString").Params().String().Block(jen.Return(jen.Lit(w + "{Value:[sensitive]}")))
				f.Line()
				f.Add(comment(wrap("Format makes every fmt verb print the redacted text.")))
				f.Func().Params(jen.Id(w)).Id("Format").Params(jen.Id("f").Qual("fmt", "State"), jen.Id("verb").Rune()).Block(
					jen.Qual("fmt", "Fprint").Call(jen.Id("f"), jen.Lit(w+"{Value:[sensitive]}")))
				f.Line()
				f.Add(comment(wrap("LogValue makes log/slog redact the value too.")))
				f.Func().Params(jen.Id(w)).Id("LogValue").Params().Qual("log/slog", "Value").Block(
					jen.Return(jen.Qual("log/slog", "StringValue").Call(jen.Lit(w + "{Value:[sensitive]}"))))
			} else {
				// The union is held as a pointer in an interface, which fmt
				// prints as an address inside a structure; String makes it
				// print the member and its value instead.
				f.Line()
				f.Add(comment(wrap("String formats the member as %s{Value:...}, so that a structure holding the union prints its value rather than a pointer.", w)))
				f.Func().Params(jen.Id("v").Id(w)).Id("String").Params().String().Block(
					jen.Return(jen.Qual("fmt", "Sprintf").Call(jen.Lit(w+"{Value:%v}"), jen.Id("v").Dot("Value"))))
			}
		}
		f.Func().Params(jen.Op("*").Id(w)).Id(marker).Params().Block()
		f.Line()
	}
}

func emitUnknownUnion(f *jen.File, p *Plan) {
	// Value holds the bytes as the wire carried them, which a caller
	// decodes with the protocol's format: JSON, or CBOR for rpcv2Cbor.
	format := wireOf(p.proto).name
	f.Add(comment(wrap("%s is a union member that this version of the package does not know, returned so that a newer service's responses still decode. Tag is the member's name and Value its raw %s.", p.UnknownName, format)))
	f.Type().Id(p.UnknownName).Struct(
		comment("Tag is the member's name on the wire."),
		jen.Id("Tag").String(),
		jen.Line(),
		comment("Value is the member's value as raw "+format+"."),
		jen.Id("Value").Index().Byte(),
	)
	for _, s := range p.sortedShapes(func(s *shapes.Shape) bool { return s.Kind == shapes.KindUnion }) {
		f.Func().Params(jen.Op("*").Id(p.UnknownName)).Id(p.unionMarkers[s]).Params().Block()
	}
}

// emitEnum writes a string or int32 enum type, its constants and Values.
func emitEnum(f *jen.File, p *Plan, s *shapes.Shape) {
	name := p.TypeName(s)
	base := jen.String()
	kind := "string"
	if s.Kind == shapes.KindIntEnum {
		base, kind = jen.Int32(), "int32"
	}
	zero := `""`
	if kind == "int32" {
		zero = "0"
	}
	values := s.EnumValues()
	// The zero value means unset, unless it is one of the values (an
	// intEnum may have 0).
	unset := fmt.Sprintf(" The zero value (%s) means unset.", zero)
	if slices.ContainsFunc(values, func(v shapes.EnumValue) bool { return kind == "int32" && v.IntValue == 0 }) {
		unset = ""
	}
	f.Add(comment(modelDoc(s.Traits), wrap("%s is an enum. Its constants are the values this package knows; a service may send others, which are kept as they are.%s", name, unset), deprecation(s.Traits)))
	f.Type().Id(name).Add(base)
	consts := p.EnumConsts(s)
	f.Line()
	f.Comment("Values of " + name + ".")
	f.Const().DefsFunc(func(g *jen.Group) {
		for i, v := range values {
			doc := godocOrEmpty(v.Doc)
			if doc == "" {
				doc = wrap("%s is the value %s.", consts[i], quoteValue(kind, v.Value))
			}
			dep := ""
			if v.Deprecated {
				dep = "Deprecated: the service model marks this value deprecated."
				// An enum shape's member may say why, and since when.
				if v.Member != nil {
					if msg, _ := v.Member.Traits.Deprecated(); msg != "" {
						dep = deprecation(v.Member.Traits)
					}
				}
			}
			g.Add(comment(doc, dep))
			if kind == "int32" {
				g.Id(consts[i]).Id(name).Op("=").Lit(int(v.IntValue))
			} else {
				g.Id(consts[i]).Id(name).Op("=").Lit(v.Value)
			}
		}
	})
	f.Line()
	f.Add(comment(wrap("Values returns the values of %s this package knows, in the model's order. The slice is new on every call, so callers may keep or change it.", name)))
	f.Func().Params(jen.Id(name)).Id("Values").Params().Index().Id(name).Block(
		jen.Return(jen.Index().Id(name).ValuesFunc(func(g *jen.Group) {
			for _, c := range consts {
				g.Id(c)
			}
		})),
	)
	f.Line()
	f.Add(comment(wrap("IsKnown reports whether v is one of the values this package knows.")))
	// Not inlined: a switch on string constants is little to the inliner
	// but much code to compile, and the validators call IsKnown for every
	// enum member; inlined there, Outposts' enum checks were 2% of its
	// package's compile time.
	f.Comment("//go:noinline")
	f.Func().Params(jen.Id("v").Id(name)).Id("IsKnown").Params().Bool().Block(
		jen.Switch(jen.Id("v")).Block(
			jen.CaseFunc(func(g *jen.Group) {
				for _, c := range consts {
					g.Id(c)
				}
			}).Block(jen.Return(jen.True())),
		),
		jen.Return(jen.False()),
	)
}

func godocOrEmpty(doc string) string {
	if doc == "" {
		return ""
	}
	return wrap("%s", doc)
}

func quoteValue(kind, v string) string {
	if kind == "int32" {
		return v
	}
	return strconv.Quote(v)
}

// emitErrorMethods makes an error structure implement error with the
// service's error code and message.
func emitErrorMethods(f *jen.File, p *Plan, s *shapes.Shape) {
	name := p.TypeName(s)
	recv := jen.Id("e").Op("*").Id(name)
	msg := messageMember(s)
	f.Line()
	if described := describingMembers(s); msg == nil && len(described) > 0 {
		// Such errors carry their text in members of other names (sso-oidc's
		// error and error_description): without them, Error would say only
		// the code.
		f.Add(comment(wrap("Error formats the error as its code and the members the service sent, as name=\"value\" pairs: it has no message member.")))
		f.Func().Params(recv.Clone()).Id("Error").Params().String().BlockFunc(func(g *jen.Group) {
			g.If(jen.Id("e").Op("==").Nil()).Block(jen.Return(jen.Lit(s.ID.Name)))
			g.Var().Id("parts").Index().String()
			for _, m := range described {
				field := jen.Id("e").Dot(p.FieldName(m))
				var set, value jen.Code
				if p.IsPointer(m) {
					set, value = field.Clone().Op("!=").Nil(), jen.Op("*").Add(field.Clone())
				} else {
					set, value = field.Clone().Op("!=").Lit(""), jen.String().Call(field.Clone())
				}
				g.If(set).Block(jen.Id("parts").Op("=").Append(jen.Id("parts"), jen.Lit(m.Name+"=").Op("+").Qual("strconv", "Quote").Call(value)))
			}
			g.If(jen.Len(jen.Id("parts")).Op("==").Lit(0)).Block(jen.Return(jen.Lit(s.ID.Name)))
			g.Return(jen.Lit(s.ID.Name+": ").Op("+").Qual("strings", "Join").Call(jen.Id("parts"), jen.Lit(" ")))
		})
	} else {
		f.Add(comment(wrap("Error formats the error as its code and message.")))
		f.Func().Params(recv.Clone()).Id("Error").Params().String().Block(
			jen.If(jen.Id("m").Op(":=").Id("e").Dot("ErrorMessage").Call(), jen.Id("m").Op("!=").Lit("")).Block(
				jen.Return(jen.Lit(s.ID.Name+": ").Op("+").Id("m")),
			),
			jen.Return(jen.Lit(s.ID.Name)),
		)
	}
	f.Line()
	if p.queryCompatible {
		f.Add(comment(wrap("ErrorCode returns the error's code: %s when the service sent one, else the name of its shape in the service model, %q.", queryErrorCodeField, s.ID.Name)))
		f.Func().Params(recv.Clone()).Id("ErrorCode").Params().String().Block(
			jen.If(jen.Id("e").Op("!=").Nil().Op("&&").Id("e").Dot(queryErrorCodeField).Op("!=").Lit("")).Block(jen.Return(jen.Id("e").Dot(queryErrorCodeField))),
			jen.Return(jen.Lit(s.ID.Name)))
	} else {
		f.Add(comment(wrap("ErrorCode returns the error's code, the name of its shape in the service model: %q.", s.ID.Name)))
		f.Func().Params(recv.Clone()).Id("ErrorCode").Params().String().Block(jen.Return(jen.Lit(s.ID.Name)))
	}
	f.Line()
	f.Add(comment(wrap("ErrorMessage returns the message the service sent with the error, or \"\".")))
	if msg == nil {
		f.Func().Params(jen.Op("*").Id(name)).Id("ErrorMessage").Params().String().Block(jen.Return(jen.Lit("")))
	} else {
		field := jen.Id("e").Dot(p.FieldName(msg))
		if p.IsPointer(msg) {
			f.Func().Params(recv.Clone()).Id("ErrorMessage").Params().String().Block(
				jen.If(jen.Id("e").Op("==").Nil().Op("||").Add(field.Clone()).Op("==").Nil()).Block(jen.Return(jen.Lit(""))),
				jen.Return(jen.Op("*").Add(field)),
			)
		} else {
			f.Func().Params(recv.Clone()).Id("ErrorMessage").Params().String().Block(
				jen.If(jen.Id("e").Op("==").Nil()).Block(jen.Return(jen.Lit(""))),
				jen.Return(jen.String().Call(field)),
			)
		}
	}
	f.Line()
	fault := s.Traits.ErrorFault()
	if p.queryCompatible {
		f.Add(comment(wrap("ErrorFault reports whose fault the error is: \"client\" when %s is \"Sender\", \"server\" when it is \"Receiver\", else %q as the model says.", queryErrorTypeField, fault)))
		f.Func().Params(recv.Clone()).Id("ErrorFault").Params().String().Block(
			jen.If(jen.Id("e").Op("!=").Nil()).Block(
				jen.Switch(jen.Id("e").Dot(queryErrorTypeField)).Block(
					jen.Case(jen.Lit("Sender")).Block(jen.Return(jen.Lit("client"))),
					jen.Case(jen.Lit("Receiver")).Block(jen.Return(jen.Lit("server"))),
				)),
			jen.Return(jen.Lit(fault)))
		return
	}
	f.Add(comment(wrap("ErrorFault reports whose fault the error is: %q.", fault)))
	f.Func().Params(jen.Op("*").Id(name)).Id("ErrorFault").Params().String().Block(jen.Return(jen.Lit(fault)))
}

// messageMember finds the member holding an error's message: "message" in any
// case, as AWS protocols treat it.
// describingMembers are the members an error without a message member
// describes itself by: its string and enum members, but not @sensitive
// ones or streams.
func describingMembers(s *shapes.Shape) []*shapes.Member {
	var out []*shapes.Member
	for _, m := range s.Members {
		if (m.Target.Kind == shapes.KindString || m.Target.Kind == shapes.KindEnum) && !isSensitiveMember(m) && !IsStreaming(m) {
			out = append(out, m)
		}
	}
	return out
}

func messageMember(s *shapes.Shape) *shapes.Member {
	for _, m := range s.Members {
		if (m.Name == "message" || m.Name == "Message") && m.Target.Kind == shapes.KindString {
			return m
		}
	}
	return nil
}
