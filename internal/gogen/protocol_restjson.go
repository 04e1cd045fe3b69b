package gogen

import (
	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// restJSON1 is aws.protocols#restJson1: each operation's @http trait gives
// its method and URI, HTTP binding traits place members in the path, query
// string, headers or payload, and the other members form a JSON object body
// (application/json). Errors are JSON bodies whose type comes from the
// X-Amzn-Errortype header or the body's "code" or "__type". The helpers for
// the bindings are in http.go; the JSON document codec in codec.go.
type restJSON1 struct{}

func (restJSON1) traitID() string { return shapes.TraitRestJSON1 }

func (restJSON1) smithyProtocol() string { return "" }

func (restJSON1) bindings(s *shapes.Shape, response bool) bindings { return bindingsFor(s, response) }

func (restJSON1) requestLine(_, op *shapes.Shape) (string, string, bool) {
	h, ok := op.Traits.HTTP()
	return h.Method, h.URI, ok
}

func (restJSON1) json() jsonRules { return jsonRules{jsonName: true} }

func (restJSON1) deserializer(c *codec, op *Operation) jen.Code { return c.jsonDeserializer(op) }

func (restJSON1) errorDecoder(c *codec) jen.Code {
	return c.jsonErrorDecoder(c.p.callQual("ErrorCodeAndMessage"))
}

// serializer emits func serializeXxxInput(in *XxxInput) (*request, error):
// the method and path of the operation's @http trait, its labels, query
// parameters, headers and host prefix, and a JSON body of the members bound
// to none of them (or the @httpPayload member).
func (restJSON1) serializer(c *codec, op *Operation) jen.Code {
	h, _ := op.Shape.Traits.HTTP()
	in := op.Input
	if in != nil && in.IsUnit() {
		in = nil
	}
	b := c.p.requestBindings[op]
	parts, literals := parseURI(h.URI)
	name := op.Serialize
	return jen.Func().Id(name).Params(jen.Id("in").Op("*").Id(op.InputName)).Params(jen.Op("*").Add(c.p.callQual("Request")), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.Id("r").Op(":=").Add(c.p.callQual("NewRequest")).Call(jen.Lit(h.Method))
		// Path.
		var pathExpr []jen.Code
		for _, part := range parts {
			if part.label == "" {
				pathExpr = append(pathExpr, jen.Lit(part.literal))
				continue
			}
			var m *shapes.Member
			for _, l := range b.labels {
				if l.Name == part.label {
					m = l
				}
			}
			if m == nil {
				// The model is checked when loaded; a label without a
				// member cannot be filled.
				pathExpr = append(pathExpr, jen.Lit(""))
				continue
			}
			field := jen.Id("in").Dot(c.p.FieldName(m))
			missing := jen.Return(jen.Nil(), c.p.validationQual("EmptyLabel").Call(jen.Lit(op.InputName), jen.Lit(m.Name)))
			val := c.fieldValue(m, field)
			switch {
			case c.isNilable(m) && m.Target.Kind == shapes.KindString:
				g.If(field.Clone().Op("==").Nil().Op("||").Add(val.Clone()).Op("==").Lit("")).Block(missing)
			case c.isNilable(m):
				g.If(field.Clone().Op("==").Nil()).Block(missing)
			case m.Target.Kind == shapes.KindString || m.Target.IsEnum():
				g.If(val.Clone().Op("==").Lit("")).Block(missing)
			}
			text := c.textValue(m.Target, val, timestampFormat(m, "date-time"), false)
			pathExpr = append(pathExpr, jen.Qual(c.hb(), "EscapePath").Call(text, jen.Lit(part.greedy)))
		}
		g.Id("r").Dot("Path").Op("=").Add(joinPlus(pathExpr))
		// Host prefix.
		if hp := hostPrefix(op.Shape); hp != "" {
			c.emitHostPrefix(g, op, hp)
		}
		// Query.
		for _, lit := range literals {
			g.Id("r").Dot("Query").Dot("AddLiteral").Call(jen.Lit(lit))
		}
		for _, m := range b.query {
			key, _ := m.Traits.HTTPQuery()
			c.emitQuery(g, m, key)
		}
		if m := b.queryParams; m != nil {
			c.emitQueryParams(g, m)
		}
		// Headers.
		for _, m := range b.headers {
			c.emitHeader(g, m)
		}
		for _, m := range b.prefix {
			c.emitPrefixHeaders(g, m, b.headers)
		}
		// Body.
		switch {
		case b.payload != nil && b.payload == c.p.inputEvents(op):
			c.emitEventBody(g, op, b.payload, nil, "")
		case b.payload != nil:
			c.emitPayload(g, b.payload)
		case len(b.body) > 0:
			c.emitDocumentBody(g, op, b.body, "application/json")
		}
		if in == nil || len(in.Members) == 0 {
			g.Id("_").Op("=").Id("in")
		}
		emitCustomHeaders(g, c.p, op)
		g.Return(jen.Id("r"), jen.Nil())
	})
}

func (restJSON1) server() serverRules {
	return serverRules{mediaType: "application/json", typeHeader: true}
}
