package gogen

import (
	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// rpcv2CBOR is smithy.protocols#rpcv2Cbor, Smithy RPC v2 CBOR: rpcv2Json's
// framing (POST /service/{ServiceName}/operation/{OperationName}, no body
// and no Content-Type for an operation without input, the error type from
// the body's "__type" only) with Smithy-Protocol: rpc-v2-cbor and bodies in
// CBOR (application/cbor), written and read by runtime/cbor: timestamps as
// tag 1 epoch seconds whatever @timestampFormat says, blobs as byte
// strings, big numbers as integers, bignums or decimal fractions. The
// runtime is runtime/rpcv2cbor.
type rpcv2CBOR struct{}

func (rpcv2CBOR) traitID() string { return traitRPCv2CBOR }

func (rpcv2CBOR) smithyProtocol() string { return "rpc-v2-cbor" }

func (rpcv2CBOR) bindings(s *shapes.Shape, _ bool) bindings { return bodyOnly(s) }

func (rpcv2CBOR) requestLine(svc, op *shapes.Shape) (string, string, bool) {
	return "POST", "/service/" + svc.ID.Name + "/operation/" + op.ID.Name, true
}

func (rpcv2CBOR) json() jsonRules {
	return jsonRules{ignoreTimestampFormat: true, wire: &cborWire}
}

func (rpcv2CBOR) serializer(c *codec, op *Operation) jen.Code {
	return rpcv2Serializer(c, op, "application/cbor")
}

func (rpcv2CBOR) deserializer(c *codec, op *Operation) jen.Code { return c.jsonDeserializer(op) }

func (rpcv2CBOR) errorDecoder(c *codec) jen.Code {
	return c.jsonErrorDecoder(jen.Qual(c.p.runtimePkg("rpcv2cbor"), "CBORErrorTypeAndMessage"))
}

func (rpcv2CBOR) server() serverRules {
	return serverRules{mediaType: "application/cbor", route: routeByPath, typeInBody: true, typeID: true}
}
