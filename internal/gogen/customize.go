package gogen

import (
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

// The sdkIds of the customized services.
const (
	sdkIDGlacier    = "Glacier"
	sdkIDAPIGateway = "API Gateway"
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
	// notes say in a member's documentation what the client does for it.
	notes map[*shapes.Member]string
}

// customHeader is a header with a fixed value. A request whose input
// member sets a header of that name keeps the member's value.
type customHeader struct {
	name, value string
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
			c.headers = append(c.headers, customHeader{headerGlacierVersion, v})
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
		c.headers = append(c.headers, customHeader{"Accept", "application/json"})
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

// emitCustomHeaders sets the customizations' fixed headers in a request
// serializer, after the input's own headers.
func emitCustomHeaders(g *jen.Group, p *Plan, op *Operation) {
	for _, h := range p.custom.headers {
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
