package gogen

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// protocol is everything that differs between the wire protocols a client
// can speak: how an operation's input becomes an HTTP request (framing and
// bindings), how an output and an error come back, and the few rules of the
// shared JSON document codec that a protocol changes. The Plan picks one per
// service (Plan.proto); emitters ask it and never test for a protocol trait.
// Each implementation lives in a protocol_*.go file of its own; adding a
// protocol means adding such a file and a line to supportedProtocols.
type protocol interface {
	// traitID is the service trait that selects the protocol.
	traitID() string
	// smithyProtocol is the Smithy-Protocol header of the protocol's
	// requests, which its responses must carry too (Smithy RPC v2); ""
	// for a protocol without one.
	smithyProtocol() string
	// bindings sorts the members of an input (response false), or of an
	// output or error (response true), by where they travel in the HTTP
	// message.
	bindings(s *shapes.Shape, response bool) bindings
	// requestLine returns the method and URI (a pattern, for restJson1's
	// labels) an operation is sent with; false when the model does not say.
	requestLine(svc, op *shapes.Shape) (method, uri string, ok bool)
	// json says how the protocol's document bodies differ from the shared
	// document codec's defaults (JSON rules, or another wire format).
	json() jsonRules
	// serializer emits func serializeXxxInput(in *XxxInput) (*request, error).
	serializer(c *codec, op *Operation) jen.Code
	// deserializer emits func deserializeXxxOutput(resp *response, out *XxxOutput) error.
	deserializer(c *codec, op *Operation) jen.Code
	// errorDecoder emits func decodeErrorResponse(resp *response) error,
	// which turns an error response into the typed error its code names.
	errorDecoder(c *codec) jen.Code
	// server says how the server half (gen -server) routes the protocol's
	// requests and frames its responses.
	server() serverRules
}

// serverRules are the choices a protocol makes for the server half.
type serverRules struct {
	// mediaType is the Content-Type of the protocol's document bodies.
	mediaType string
	// route is how a request names its operation: "" by the operations'
	// @http patterns (restJson1), routeByTarget by X-Amz-Target
	// (awsJson1_x), routeByPath by /service/{S}/operation/{O} (rpcv2).
	route string
	// typeHeader: errors name their type in X-Amzn-Errortype.
	typeHeader bool
	// typeInBody: errors name their type in the body's "__type"; typeID:
	// by the shape ID, else by the shape's name.
	typeInBody, typeID bool
	// unitContentType: the response of an operation without output, which
	// has no body, still has the Content-Type (awsJson1_x).
	unitContentType bool
	// anyAccept: the request's Accept header is not checked (awsJson1_x,
	// whose clients need not send one naming the protocol's media type).
	anyAccept bool
}

// How an RPC protocol's requests name their operation (serverRules.route).
const (
	routeByTarget = "target"
	routeByPath   = "path"
)

// jsonRules are the choices a JSON protocol makes about its documents; the
// zero value is what awsJson does.
type jsonRules struct {
	// jsonName: @jsonName renames a member's JSON property (restJson1).
	jsonName bool
	// ignoreTimestampFormat: timestamps are always epoch seconds, whatever
	// @timestampFormat says (rpcv2Json).
	ignoreTimestampFormat bool
	// bigAsStrings: bigInteger and bigDecimal values are JSON strings of
	// their decimal digits, so that no JSON reader rounds them (rpcv2Json).
	bigAsStrings bool
	// wire is the encoding of the documents; nil is JSON (jsonwire).
	wire *wireFormat
}

// supportedProtocols are the protocols the generator implements, in the
// order it prefers them when a service declares several.
var supportedProtocols = []protocol{
	restJSON1{},
	awsJSON{trait: traitAWSJSON10, contentType: "application/x-amz-json-1.0"},
	awsJSON{trait: traitAWSJSON11, contentType: "application/x-amz-json-1.1"},
	rpcv2JSON{},
	rpcv2CBOR{},
}

// Protocol and protocol-modifying trait IDs.
const (
	traitAWSJSON10          = "aws.protocols#awsJson1_0"
	traitAWSJSON11          = "aws.protocols#awsJson1_1"
	traitAWSQueryCompatible = "aws.protocols#awsQueryCompatible"
	traitRPCv2JSON          = "smithy.protocols#rpcv2Json"
	traitRPCv2CBOR          = "smithy.protocols#rpcv2Cbor"
)

// protocolOf returns the protocol a service uses, or an error naming the
// protocols it declares when the generator implements none of them.
func protocolOf(svc *shapes.Shape) (protocol, error) {
	for _, p := range supportedProtocols {
		if svc.Traits.Has(p.traitID()) {
			return p, nil
		}
	}
	supported := make([]string, len(supportedProtocols))
	for i, p := range supportedProtocols {
		supported[i] = p.traitID()
	}
	list := strings.Join(supported, ", ")
	var declared []string
	for _, id := range svc.Traits.IDs() {
		if strings.HasPrefix(id, "aws.protocols#") || strings.HasPrefix(id, "smithy.protocols#") {
			declared = append(declared, id)
		}
	}
	if len(declared) == 0 {
		return nil, &shapes.Error{File: svc.File, Shape: svc.ID.String(), Msg: "the service has no protocol trait; supported: " + list}
	}
	return nil, &shapes.Error{File: svc.File, Shape: svc.ID.String(),
		Msg: fmt.Sprintf("protocol %s is not supported yet; supported: %s", strings.Join(declared, ", "), list)}
}

// CheckProtocol refuses a service whose protocol the generator does not
// implement, for gen -check, which refuses what generating would. gen asks
// it before anything about where the package goes, so that a model no
// output could be generated from is reported first. The server half
// serves every protocol the client speaks; what it cannot serve of a
// model, planServer refuses.
func CheckProtocol(svc *shapes.Shape) error {
	_, err := protocolOf(svc)
	return err
}

// ProtocolID returns the trait ID of the protocol the generated client speaks.
func (p *Plan) ProtocolID() string { return p.proto.traitID() }

// wireName is a member's JSON property name: its @jsonName when the
// protocol honours it, else its member name.
func (c *codec) wireName(m *shapes.Member) string {
	if n, ok := m.Traits.JSONName(); ok && c.p.proto.json().jsonName {
		return n
	}
	return m.Name
}

// bodyTimestamp is the format of a timestamp member in the JSON body:
// epoch seconds, unless @timestampFormat says otherwise and the protocol
// honours it.
func (c *codec) bodyTimestamp(m *shapes.Member) string {
	if c.p.proto.json().ignoreTimestampFormat {
		return "epoch-seconds"
	}
	return timestampFormat(m, "epoch-seconds")
}

// encBig encodes the big number x of shape s (a bigInteger or bigDecimal)
// as a JSON number, or as a string where the protocol wants one.
func (c *codec) encBig(s *shapes.Shape, x *jen.Statement) jen.Code {
	switch {
	case c.p.proto.json().bigAsStrings && s.Kind == shapes.KindBigInteger:
		return jen.Qual(c.p.runtimePkg("rpcv2json"), "EncodeBigIntString").Call(jen.Id("e"), x)
	case c.p.proto.json().bigAsStrings:
		return jen.Qual(c.p.runtimePkg("rpcv2json"), "EncodeBigFloatString").Call(jen.Id("e"), x)
	case s.Kind == shapes.KindBigInteger:
		return jen.Id("e").Dot("BigInt").Call(x)
	}
	return jen.Id("e").Dot("BigFloat").Call(x)
}

// decBig decodes a big number of shape s (see encBig).
func (c *codec) decBig(s *shapes.Shape) *jen.Statement {
	switch {
	case c.p.proto.json().bigAsStrings && s.Kind == shapes.KindBigInteger:
		return jen.Qual(c.p.runtimePkg("rpcv2json"), "DecodeBigIntString").Call(jen.Id("d"))
	case c.p.proto.json().bigAsStrings:
		return jen.Qual(c.p.runtimePkg("rpcv2json"), "DecodeBigFloatString").Call(jen.Id("d"))
	case s.Kind == shapes.KindBigInteger:
		return jen.Id("d").Dot("BigInt").Call()
	}
	return jen.Id("d").Dot("BigFloat").Call()
}

// bodyOnly puts every member in the body: the binding of the RPC protocols,
// which ignore HTTP binding traits.
func bodyOnly(s *shapes.Shape) bindings {
	if s == nil {
		return bindings{}
	}
	return bindings{body: s.Members}
}
