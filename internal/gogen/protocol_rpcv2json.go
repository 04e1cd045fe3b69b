package gogen

import (
	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// rpcv2JSON is smithy.protocols#rpcv2Json, the JSON twin of Smithy RPC v2
// CBOR. Every request is POST /service/{ServiceName}/operation/{OperationName}
// with Smithy-Protocol: rpc-v2-json and Accept: application/json; a modeled
// input is a JSON object body (application/json, {} when empty), and an
// operation without input sends no body and no Content-Type. HTTP binding
// traits, @jsonName and @timestampFormat are ignored: every member travels
// in the body under its member name, timestamps as epoch seconds, big
// numbers as strings of digits. An error's type is the body's "__type" only;
// a response without the request's Smithy-Protocol header is handled by its
// status alone (call.Service.SmithyProtocol). The runtime of rpcv2Json is
// runtime/rpcv2json.
type rpcv2JSON struct{}

func (rpcv2JSON) traitID() string { return traitRPCv2JSON }

func (rpcv2JSON) smithyProtocol() string { return "rpc-v2-json" }

func (rpcv2JSON) bindings(s *shapes.Shape, _ bool) bindings { return bodyOnly(s) }

func (rpcv2JSON) requestLine(svc, op *shapes.Shape) (string, string, bool) {
	return "POST", "/service/" + svc.ID.Name + "/operation/" + op.ID.Name, true
}

func (rpcv2JSON) json() jsonRules {
	return jsonRules{ignoreTimestampFormat: true, bigAsStrings: true}
}

func (rpcv2JSON) deserializer(c *codec, op *Operation) jen.Code { return c.jsonDeserializer(op) }

func (rpcv2JSON) errorDecoder(c *codec) jen.Code {
	return c.jsonErrorDecoder(jen.Qual(c.p.runtimePkg("rpcv2json"), "ErrorTypeAndMessage"))
}

func (rpcv2JSON) serializer(c *codec, op *Operation) jen.Code {
	return rpcv2Serializer(c, op, "application/json")
}

// rpcv2Serializer emits func serializeXxxInput(in *XxxInput) (*request,
// error) for a Smithy RPC v2 protocol: the request line, the protocol's
// Smithy-Protocol header and the input as a document of mediaType, or no
// body for an operation without input.
func rpcv2Serializer(c *codec, op *Operation, mediaType string) jen.Code {
	in := op.Input
	if in != nil && in.IsUnit() {
		in = nil
	}
	method, path, _ := c.p.proto.requestLine(c.p.Svc.Shape, op.Shape)
	return jen.Func().Id(op.Serialize).Params(jen.Id("in").Op("*").Id(op.InputName)).Params(jen.Op("*").Add(c.p.callQual("Request")), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.Id("r").Op(":=").Add(c.p.callQual("NewRequest")).Call(jen.Lit(method))
		g.Id("r").Dot("Path").Op("=").Lit(path)
		if hp := hostPrefix(op.Shape); hp != "" {
			c.emitHostPrefix(g, op, hp)
		}
		g.Id("r").Dot("Header").Index(jen.Lit("Smithy-Protocol")).Op("=").Index().String().Values(jen.Lit(c.p.proto.smithyProtocol()))
		accept := mediaType
		if c.p.outputEvents(op) != nil {
			accept = eventStreamMediaType // the protocol asks for it when the response is a stream
		}
		g.Id("r").Dot("Header").Index(jen.Lit("Accept")).Op("=").Index().String().Values(jen.Lit(accept))
		if c.p.queryCompatible {
			g.Id("r").Dot("Header").Index(jen.Lit("X-Amzn-Query-Mode")).Op("=").Index().String().Values(jen.Lit("true"))
		}
		if in != nil {
			c.emitDocumentBody(g, op, c.p.requestBindings[op].body, mediaType)
		}
		if in == nil || len(in.Members) == 0 {
			g.Id("_").Op("=").Id("in")
		}
		emitCustomHeaders(g, c.p, op)
		g.Return(jen.Id("r"), jen.Nil())
	})
}

func (rpcv2JSON) server() serverRules {
	return serverRules{mediaType: "application/json", route: routeByPath, typeInBody: true, typeID: true}
}
