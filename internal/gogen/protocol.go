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
	// bindings sorts the members of an input (response false), or of an
	// output or error (response true), by where they travel in the HTTP
	// message.
	bindings(s *shapes.Shape, response bool) bindings
	// honoursJSONName reports whether @jsonName renames a member's JSON
	// property (restJson1 does; the awsJson protocols ignore it).
	honoursJSONName() bool
	// serializer emits func serializeXxxInput(in *XxxInput) (*request, error).
	serializer(c *codec, op *Operation) jen.Code
	// deserializer emits func deserializeXxxOutput(resp *response, out *XxxOutput) error.
	deserializer(c *codec, op *Operation) jen.Code
	// errorDecoder emits func decodeErrorResponse(resp *response) error,
	// which turns an error response into the typed error its code names.
	errorDecoder(c *codec) jen.Code
}

// supportedProtocols are the protocols the generator implements, in the
// order it prefers them when a service declares several.
var supportedProtocols = []protocol{
	restJSON1{},
	awsJSON{trait: traitAWSJSON10, contentType: "application/x-amz-json-1.0"},
	awsJSON{trait: traitAWSJSON11, contentType: "application/x-amz-json-1.1"},
}

// Protocol and protocol-modifying trait IDs.
const (
	traitAWSJSON10          = "aws.protocols#awsJson1_0"
	traitAWSJSON11          = "aws.protocols#awsJson1_1"
	traitAWSQueryCompatible = "aws.protocols#awsQueryCompatible"
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
// implement, for gen -check, which refuses what generating would.
func CheckProtocol(svc *shapes.Shape) error {
	_, err := protocolOf(svc)
	return err
}

// ProtocolID returns the trait ID of the protocol the generated client speaks.
func (p *Plan) ProtocolID() string { return p.proto.traitID() }

// wireName is a member's JSON property name: its @jsonName when the
// protocol honours it, else its member name.
func (c *codec) wireName(m *shapes.Member) string {
	if n, ok := m.Traits.JSONName(); ok && c.p.proto.honoursJSONName() {
		return n
	}
	return m.Name
}

// bodyOnly puts every member in the body: the binding of the RPC protocols,
// which ignore HTTP binding traits.
func bodyOnly(s *shapes.Shape) bindings {
	if s == nil {
		return bindings{}
	}
	return bindings{body: s.Members}
}
