package gogen

import (
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// Service customizations: what a few AWS services require of every client
// that their models do not say, and that the official protocol tests check
// (smithy-aws-protocol-tests' services/*.smithy). All of them are here. A
// service is recognised by its aws.api#service sdkId, the name the AWS SDKs
// know it by, which is the same in the official models and in the protocol
// tests' copies of them; a model whose service has another sdkId, or none,
// gets none of this.
//
//   - Glacier ("Glacier"): the service refuses a request without
//     X-Amz-Glacier-Version, the API version it is written against, which
//     is the service shape's version. Every operation names the account in
//     its path ({accountId}), where "-" stands for the account of the
//     credentials that sign the request: an accountId left unset or empty
//     is sent as "-" rather than refused. An upload (an operation whose
//     input has a streaming payload and an X-Amz-Sha256-Tree-Hash member:
//     UploadArchive, UploadMultipartPart) must carry the tree hash of its
//     body, which Glacier checks what it stores against, and the body's
//     SHA-256 in X-Amz-Content-Sha256; they are computed from the body
//     (runtime/treehash) when it can be read twice, and the request path
//     signs with the header's SHA-256 rather than hash the body again.
//     Protocol tests GlacierVersionHeader, GlacierAccountId,
//     GlacierChecksums, GlacierMultipartChecksums.
//   - API Gateway ("API Gateway"): without Accept: application/json, the
//     service may answer in another media type (HAL) that the client
//     cannot read; every request asks for JSON, unless an input member
//     sets Accept itself (GetExport's accepts). Protocol test
//     ApiGatewayAccept.
//   - Machine Learning ("Machine Learning"): a real-time prediction is
//     answered by the endpoint the model was given (CreateRealtimeEndpoint),
//     which the caller passes in Predict's PredictEndpoint; Predict is sent
//     there, signed as for the client's regular endpoint. Protocol test
//     MachinelearningPredictEndpoint.
//   - SQS ("SQS") and Lambda ("Lambda"): inside a Lambda function, every
//     request carries the invocation's trace ID (_X_AMZN_TRACE_ID) as
//     X-Amzn-Trace-Id (runtime/lambdatrace), by which Lambda's recursive
//     loop detection counts how often an event has gone round between the
//     function and these services, and stops a function that loops. The
//     AWS SDKs send it to every service; the other services that the
//     detection covers (SNS, S3) speak protocols this generator does not,
//     and sending it to the rest would cost every client its code for
//     nothing that reads it.

// The sdkIds of the customized services.
const (
	sdkIDGlacier         = "Glacier"
	sdkIDAPIGateway      = "API Gateway"
	sdkIDMachineLearning = "Machine Learning"
	sdkIDSQS             = "SQS"
	sdkIDLambda          = "Lambda"
)

// customizations is what planCustomizations found for the service; the
// zero value (no maps) is a service without any.
type customizations struct {
	// headers are sent with every request of every operation.
	headers []customHeader
	// accountID is the accountId label of each Glacier operation, sent
	// as "-" when unset or empty.
	accountID map[*Operation]*shapes.Member
	// treeHash marks the Glacier uploads whose checksums the client
	// computes (runtime/treehash).
	treeHash map[*Operation]bool
	// endpointMember is the input member of each operation that names the
	// URL the operation is sent to (Machine Learning's PredictEndpoint).
	endpointMember map[*Operation]*shapes.Member
	// notes say in a member's documentation what the client does for it.
	notes map[*shapes.Member]string
	// lambdaTrace: every request carries a Lambda invocation's trace ID.
	lambdaTrace bool
}

// customHeader is a header with a fixed value. A request whose input
// member sets a header of that name keeps the member's value.
type customHeader struct {
	name, value string
	// acceptJSON: the header asks for a JSON response, which an operation
	// whose output is an event stream does not have, so that the header
	// would have a server that honours Accept refuse it (406).
	acceptJSON bool
}

const (
	headerGlacierVersion = "X-Amz-Glacier-Version"
	headerTreeHash       = "X-Amz-Sha256-Tree-Hash"
)

// planCustomizations reads which customizations the service needs.
func planCustomizations(p *Plan) customizations {
	var c customizations
	aws, _ := p.Svc.Shape.Traits.AWSService()
	switch aws.SDKID {
	case sdkIDGlacier:
		if v := p.Svc.Shape.Version; v != "" {
			c.headers = append(c.headers, customHeader{headerGlacierVersion, v, false})
		}
		c.accountID = map[*Operation]*shapes.Member{}
		c.treeHash = map[*Operation]bool{}
		c.notes = map[*shapes.Member]string{}
		for _, op := range p.Operations {
			b := p.requestBindings[op]
			for _, m := range b.labels {
				if m.Name == "accountId" && m.Target.Kind == shapes.KindString {
					c.accountID[op] = m
					c.notes[m] = `Unset or empty, the client sends "-", which Glacier reads as the account of the credentials that sign the request.`
				}
			}
			if b.payload == nil || !IsStreaming(b.payload) {
				continue
			}
			for _, m := range b.headers {
				if name, _ := m.Traits.HTTPHeader(); headerKey(name) == headerTreeHash && m.Target.Kind == shapes.KindString {
					c.treeHash[op] = true
					c.notes[m] = "Unset, the client computes it from the body when the body is an io.ReadSeeker " +
						"(read from where it stands, then rewound there). For such a body the client also sends its SHA-256 " +
						"in X-Amz-Content-Sha256, set or not. A body that is not an io.Seeker is not read ahead " +
						"(that would mean holding all of it in memory): it is sent with this member's value only, " +
						"or, unset, with no checksum, which Glacier refuses. Pass a seekable body, such as an *os.File or a *bytes.Reader."
					c.notes[b.payload] = "Glacier's checksums are computed from it when it is an io.ReadSeeker (see " + p.FieldName(m) + ")."
				}
			}
		}
	case sdkIDAPIGateway:
		c.headers = append(c.headers, customHeader{"Accept", "application/json", true})
	case sdkIDSQS, sdkIDLambda:
		c.lambdaTrace = true
	case sdkIDMachineLearning:
		c.endpointMember = map[*Operation]*shapes.Member{}
		c.notes = map[*shapes.Member]string{}
		for _, op := range p.Operations {
			if op.Shape.ID.Name != "Predict" || op.Input == nil {
				continue
			}
			for _, m := range op.Input.Members {
				if m.Name == "PredictEndpoint" && m.Target.Kind == shapes.KindString {
					c.endpointMember[op] = m
					c.notes[m] = "The request is sent to this URL (its scheme, host and port, and its path as the endpoint's base path, " +
						"as for Options.BaseEndpoint), signed as for the client's own endpoint. " +
						"It must be an absolute URL; unset or empty, the request goes to the client's own endpoint."
				}
			}
		}
	}
	return c
}

// customMemberNote is what a customization says of member m in its
// documentation, or "".
func (p *Plan) customMemberNote(m *shapes.Member) string {
	return p.custom.notes[m]
}

// emitCustomInput fills what a customization fills in an operation's input
// before it is checked (Glacier's accountId), on a copy: the caller's input
// is not changed.
func emitCustomInput(g *jen.Group, p *Plan, op *Operation) {
	m := p.custom.accountID[op]
	if m == nil {
		return
	}
	field := p.FieldName(m)
	g.Comment(`Glacier reads "-" as the account that signs the request; the caller's input is not changed.`)
	if p.IsPointer(m) {
		g.If(jen.Id("in").Dot(field).Op("==").Nil().Op("||").Op("*").Id("in").Dot(field).Op("==").Lit("")).Block(
			jen.Id("cp").Op(":=").Op("*").Id("in"),
			jen.Id("account").Op(":=").Lit("-"),
			jen.Id("cp").Dot(field).Op("=").Op("&").Id("account"),
			jen.Id("in").Op("=").Op("&").Id("cp"),
		)
		return
	}
	g.If(jen.Id("in").Dot(field).Op("==").Lit("")).Block(
		jen.Id("cp").Op(":=").Op("*").Id("in"),
		jen.Id("cp").Dot(field).Op("=").Lit("-"),
		jen.Id("in").Op("=").Op("&").Id("cp"),
	)
}

// emitCustomHeaders sets the customizations' headers in a request
// serializer, after the input's own headers.
func emitCustomHeaders(g *jen.Group, p *Plan, op *Operation) {
	if p.custom.lambdaTrace {
		g.Qual(p.runtimePkg("lambdatrace"), "SetLambdaTraceHeader").Call(jen.Id("r").Dot("Header"))
	}
	for _, h := range p.custom.headers {
		if h.acceptJSON && op.Output != nil && slices.ContainsFunc(op.Output.Members, isEventStream) {
			continue
		}
		set := jen.Id("r").Dot("Header").Index(jen.Lit(h.name)).Op("=").Index().String().Values(jen.Lit(h.value))
		if !inputSetsHeader(p, op, h.name) {
			g.Add(set)
			continue
		}
		g.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("r").Dot("Header").Index(jen.Lit(h.name)), jen.Op("!").Id("ok")).Block(set)
	}
}

// inputSetsHeader reports whether a member of op's input is bound to the
// header name (or to a prefix of it).
func inputSetsHeader(p *Plan, op *Operation, name string) bool {
	b := p.requestBindings[op]
	for _, m := range b.headers {
		if h, _ := m.Traits.HTTPHeader(); headerKey(h) == name {
			return true
		}
	}
	for _, m := range b.prefix {
		if pre, _ := m.Traits.HTTPPrefixHeaders(); strings.HasPrefix(strings.ToLower(name), strings.ToLower(pre)) {
			return true
		}
	}
	return false
}

// customChecksum is the Checksum hook of op's call.Operation that a
// customization asks for, or nil.
func customChecksum(p *Plan, op *Operation) jen.Code {
	if p.custom.treeHash[op] {
		return jen.Qual(p.runtimePkg("treehash"), "SetTreeHashHeaders")
	}
	return nil
}

// hasOperationEndpoints reports whether an operation of the service is
// sent to a URL its input names: send and invoke then take that URL.
func (p *Plan) hasOperationEndpoints() bool { return len(p.custom.endpointMember) > 0 }

// operationEndpointArg is the argument an operation method passes to send
// for the URL its input names: "" for operations that have none.
func operationEndpointArg(g *jen.Group, p *Plan, op *Operation) jen.Code {
	m := p.custom.endpointMember[op]
	if m == nil {
		return jen.Lit("")
	}
	field := jen.Id("in").Dot(p.FieldName(m))
	if !p.IsPointer(m) {
		return field
	}
	g.Id("target").Op(":=").Lit("")
	g.If(field.Clone().Op("!=").Nil()).Block(jen.Id("target").Op("=").Op("*").Add(field.Clone()))
	return jen.Id("target")
}

// emitOperationEndpoint is the part of invoke that sends a request to the
// URL its input names, keeping the resolved endpoint's headers and signing.
func emitOperationEndpoint(g *jen.Group, p *Plan, fail func(jen.Code) jen.Code) {
	g.Comment("An operation whose input names its endpoint (Machine Learning's Predict) goes there, signed as for the")
	g.Comment("client's own.")
	g.If(jen.Id("target").Op("!=").Lit("")).Block(
		jen.List(jen.Id("at"), jen.Err()).Op(":=").Add(p.callQual("ParseEndpoint")).Call(jen.Id("target")),
		jen.If(jen.Err().Op("!=").Nil()).Block(fail(jen.Id("c").Dot("core").Dot("Fail").Call(jen.Id("op"), jen.Err()))),
		jen.Id("moved").Op(":=").Op("*").Id("ep"),
		jen.Id("moved").Dot("URL").Op("=").Id("at").Dot("URL"),
		jen.Id("ep").Op("=").Op("&").Id("moved"),
	)
}
