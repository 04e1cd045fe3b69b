package gogen

import (
	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// awsJSON is aws.protocols#awsJson1_0 and awsJson1_1, which differ only in
// their Content-Type. Every request is POST / with the header
// X-Amz-Target: {ServiceName}.{OperationName} and the whole input as a JSON
// object, {} when it has no members; HTTP binding traits and @jsonName are
// ignored, so every member of an input, output or error travels in the JSON
// body under its member name. Errors are read as in restJson1 (the
// X-Amzn-Errortype header, else the body's "code" or "__type"). An
// aws.protocols#awsQueryCompatible service (SQS) is also sent
// x-amzn-query-mode: true, and answers with the x-amzn-query-error header,
// which the error decoder keeps.
type awsJSON struct {
	trait       string
	contentType string
}

func (a awsJSON) traitID() string { return a.trait }

func (awsJSON) smithyProtocol() string { return "" }

func (awsJSON) bindings(s *shapes.Shape, _ bool) bindings { return bodyOnly(s) }

func (awsJSON) requestLine(_, _ *shapes.Shape) (string, string, bool) { return "POST", "/", true }

func (awsJSON) json() jsonRules { return jsonRules{} }

func (awsJSON) deserializer(c *codec, op *Operation) jen.Code { return c.jsonDeserializer(op) }

func (awsJSON) errorDecoder(c *codec) jen.Code {
	return c.jsonErrorDecoder(c.p.callQual("ErrorCodeAndMessage"))
}

// serializer emits func serializeXxxInput(in *XxxInput) (*request, error).
func (a awsJSON) serializer(c *codec, op *Operation) jen.Code {
	in := op.Input
	if in != nil && in.IsUnit() {
		in = nil
	}
	target := c.p.Svc.Shape.ID.Name + "." + op.Shape.ID.Name
	return jen.Func().Id(op.Serialize).Params(jen.Id("in").Op("*").Id(op.InputName)).Params(jen.Op("*").Add(c.p.callQual("Request")), jen.Error()).BlockFunc(func(g *jen.Group) {
		method, path, _ := a.requestLine(c.p.Svc.Shape, op.Shape)
		g.Id("r").Op(":=").Add(c.p.callQual("NewRequest")).Call(jen.Lit(method))
		g.Id("r").Dot("Path").Op("=").Lit(path)
		if hp := hostPrefix(op.Shape); hp != "" {
			c.emitHostPrefix(g, op, hp)
		}
		g.Id("r").Dot("Header").Index(jen.Lit("X-Amz-Target")).Op("=").Index().String().Values(jen.Lit(target))
		if c.p.queryCompatible {
			g.Id("r").Dot("Header").Index(jen.Lit("X-Amzn-Query-Mode")).Op("=").Index().String().Values(jen.Lit("true"))
		}
		c.emitDocumentBody(g, op, c.p.requestBindings[op].body, a.contentType)
		if in == nil || len(in.Members) == 0 {
			g.Id("_").Op("=").Id("in")
		}
		emitCustomHeaders(g, c.p, op)
		g.Return(jen.Id("r"), jen.Nil())
	})
}

// server: an error names its type in X-Amzn-Errortype and in the body's
// "__type", by its shape ID in awsJson1_0 and its name in awsJson1_1, as
// the suites' error cases have it; the response of an operation without
// output has no body but the Content-Type. Accept is not checked: the
// protocol does not say what clients send in it, and AWS's awsJson services
// do not look at it.
func (a awsJSON) server() serverRules {
	return serverRules{mediaType: a.contentType, route: routeByTarget, typeHeader: true, typeInBody: true, typeID: a.trait == traitAWSJSON10, unitContentType: true, anyAccept: true}
}
