package gogen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// The server's protocol tests: the model's request and response cases that
// apply to servers, and its httpMalformedRequestTests with their test
// parameters expanded, as Go tests of the server package
// (server/protocol_gen_test.go).

const traitHTTPMalformedRequestTests = "smithy.test#httpMalformedRequestTests"

// malformedTest is one smithy.test#httpMalformedRequestTests case.
type malformedTest struct {
	ID       string `json:"id"`
	Protocol string `json:"protocol"`
	Request  struct {
		Method      string            `json:"method"`
		URI         string            `json:"uri"`
		Host        string            `json:"host"`
		QueryParams []string          `json:"queryParams"`
		Headers     map[string]string `json:"headers"`
		Body        string            `json:"body"`
	} `json:"request"`
	Response struct {
		Code    int               `json:"code"`
		Headers map[string]string `json:"headers"`
		Body    *struct {
			MediaType string `json:"mediaType"`
			Assertion struct {
				Contents     string `json:"contents"`
				MessageRegex string `json:"messageRegex"`
			} `json:"assertion"`
		} `json:"body"`
	} `json:"response"`
	TestParameters map[string][]string `json:"testParameters"`
}

// ServerProtocolTestSkips names the server protocol test cases (a
// malformed-request case by its ID, all of its parameter sets) that the
// generated tests skip, with the reason; "ID kind" names only the case of
// that kind (see serverSkip) where a suite gives two cases one ID.
var ServerProtocolTestSkips = map[string]string{
	"RestJsonHttpWithHeadersButNoPayload": "not supported: the params leave the structure payload unset while the body is {}; " +
		"the handler decodes {} as an empty structure, which a Go pointer tells from an absent one",
	"SDKAppliedContentEncoding_restJson1": "a client case: the SDK compresses the body it sends, and the case gives the server " +
		"no body to read",
	"SDKAppendedGzipAfterProvidedEncoding_restJson1": "a client case: the SDK compresses the body it sends and appends gzip to " +
		"Content-Encoding, and the case gives the server no body to read",
	"RestJsonHttpWithEmptyStructurePayload": "not supported: the params leave the structure payload unset while the body is {}; " +
		"the handler decodes {} as an empty structure, which a Go pointer tells from an absent one",
	"SDKAppliedContentEncoding_awsJson1_0": "a client case: the SDK compresses the body it sends, and the case gives the server " +
		"no body to read",
	"SDKAppliedContentEncoding_awsJson1_1": "a client case: the SDK compresses the body it sends, and the case gives the server " +
		"no body to read",
	"SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_0": "a client case: the SDK compresses the body it sends and appends gzip to " +
		"Content-Encoding, and the case gives the server no body to read",
	"SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_1": "a client case: the SDK compresses the body it sends and appends gzip to " +
		"Content-Encoding, and the case gives the server no body to read",
	"AwsJson10EndpointTrait": "a client case in effect: it sends a JSON body without Content-Type, which awsJson1_0 requires for the " +
		"service to detect the protocol (AwsJson10ServiceSupportsNoPayloadForNoInput); the handler refuses it with 415",
	"AwsJson10EndpointTraitWithHostLabel": "a client case in effect: it sends a JSON body without Content-Type, which awsJson1_0 requires " +
		"for the service to detect the protocol (AwsJson10ServiceSupportsNoPayloadForNoInput); the handler refuses it with 415",
	"AwsJson11IntEnums response": "the response case expects the response to carry X-Amz-Target, a request header, which no output member " +
		"is bound to in awsJson1_1 (nor could be)",
	"parses_the_request_id_from_the_response": "the case expects X-Amzn-Requestid, which names the request the server's " +
		"framework answered; no output member sets it, and the handler does not make request IDs",
	"RpcV2JsonResponseBigDecimalLargeWithFraction": "not supported: a *big.Float keeps no decimal scale, so 100000000000000000000001.0 " +
		"is sent as the string \"100000000000000000000001\", the same number without its trailing \".0\"",
	"RestJsonEndpointTraitWithHostLabel": "contradicts RestJsonWithBodyExpectsApplicationJsonContentTypeNoHeaders: it sends a JSON body " +
		"without Content-Type, which that malformed-request case requires servers to refuse with 415, as the handler does",
}

// withTarget returns the headers of an awsJson1_x request case with the
// X-Amz-Target of the operation it is a case of, where it leaves that out
// (the suites' defaults and endpoint cases do): the case is the
// operation's, and without the header no awsJson1_x server can tell which
// operation it calls.
func withTarget(p *Plan, op *Operation, headers map[string]string) map[string]string {
	if p.proto.server().route != routeByTarget {
		return headers
	}
	for k := range headers {
		if strings.EqualFold(k, "X-Amz-Target") {
			return headers
		}
	}
	out := map[string]string{"X-Amz-Target": p.Svc.Shape.ID.Name + "." + op.Shape.ID.Name}
	for k, v := range headers {
		out[k] = v
	}
	return out
}

// serverTestNames are the names the server's generated tests declare.
var serverTestNames = []string{"TestServerProtocolRequests", "TestServerProtocolResponses", "TestServerMalformedRequests", "TestServerProtocolEventStreams", "protocolService", "sentEvents", "checkEventHeader"}

// appliesToServer reports whether a request or response case is for servers.
func appliesToServer(appliesTo, protocol string, p *Plan) bool {
	return appliesTo != "client" && protocol == p.ProtocolID()
}

// emitServerProtocolTests writes server/protocol_gen_test.go, or returns nil
// when the model has no case for servers.
func emitServerProtocolTests(p *Plan) (*jen.File, error) {
	sp := p.server
	pkg := p.ImportPath
	pt := &protoTests{p: p, c: newCodec(p), mainPath: pkg}
	var reqCases, respCases, malCases, eventCases []jen.Code
	for _, op := range p.Operations {
		cases, err := pt.serverEventStreamCases(op)
		if err != nil {
			return nil, err
		}
		eventCases = append(eventCases, cases...)
		if cases, err = pt.serverEventRequestCases(op); err != nil {
			return nil, err
		}
		eventCases = append(eventCases, cases...)
		if eventStream(op) {
			continue
		}
		if raw, ok := op.Shape.Traits.Raw(traitHTTPRequestTests); ok {
			var tests []requestTest
			if err := decodeNumbers(raw, &tests); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", op.Shape.ID, traitHTTPRequestTests, err)
			}
			for _, tc := range tests {
				if !appliesToServer(tc.AppliesTo, tc.Protocol, p) {
					continue
				}
				want, err := pt.structValue(op.Input, op.InputName, tc.Params, true)
				if err != nil {
					return nil, fmt.Errorf("%s: request test %s: %w", op.Shape.ID, tc.ID, err)
				}
				body := ""
				if tc.Body != nil {
					if body, err = pt.body(*tc.Body); err != nil {
						return nil, fmt.Errorf("%s: request test %s: %w", op.Shape.ID, tc.ID, err)
					}
				}
				code := serverSkip(tc.ID, "request")
				code = append(code,
					jen.Id("svc").Op(":=").Op("&").Id("protocolService").Values(),
					jen.Id("resp").Op(":=").Id("serveRequest").Call(jen.Id("t"), jen.Id("svc"), jen.Lit(tc.Method), jen.Lit(tc.URI), jen.Lit(tc.Host),
						stringList(tc.QueryParams), stringMap(withTarget(p, op, tc.Headers)), jen.Lit(body)),
					jen.If(jen.Id("svc").Dot("in").Op("==").Nil()).Block(
						jen.List(jen.Id("b"), jen.Id("_")).Op(":=").Qual("io", "ReadAll").Call(jen.Id("resp").Dot("Body")),
						jen.Id("t").Dot("Fatalf").Call(jen.Lit("the service was not called: %d %s"), jen.Id("resp").Dot("StatusCode"), jen.Id("b"))),
					jen.Id("assertEqual").Call(jen.Id("t"), jen.Id("svc").Dot("in"), want),
				)
				reqCases = append(reqCases, jen.Id("t").Dot("Run").Call(jen.Lit(tc.ID), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(code...)))
			}
		}
		if raw, ok := op.Shape.Traits.Raw(traitHTTPResponseTests); ok {
			var tests []responseTest
			var bodies []bodyPresence
			if err := decodeNumbers(raw, &tests); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", op.Shape.ID, traitHTTPResponseTests, err)
			}
			_ = decodeNumbers(raw, &bodies)
			for i, tc := range tests {
				if !appliesToServer(tc.AppliesTo, tc.Protocol, p) {
					continue
				}
				tc.BodyMediaType = bodies[i].mediaType(tc.BodyMediaType)
				out, err := pt.structValue(op.Output, op.OutputName, tc.Params, true)
				if err != nil {
					return nil, fmt.Errorf("%s: response test %s: %w", op.Shape.ID, tc.ID, err)
				}
				body, err := pt.body(tc.Body)
				if err != nil {
					return nil, fmt.Errorf("%s: response test %s: %w", op.Shape.ID, tc.ID, err)
				}
				code := serverSkip(tc.ID, "response")
				code = append(code,
					jen.Id("m").Op(":=").Id("protocol").Dot("Frame").Call(jen.Id(sp.encode[op]).Call(out)), // as the handler sends it
					jen.Id("checkResponse").Call(jen.Id("t"), jen.Id("m"), jen.Lit(tc.Code), stringMap(tc.Headers), jen.Lit(body), jen.Lit(tc.BodyMediaType)),
				)
				respCases = append(respCases, jen.Id("t").Dot("Run").Call(jen.Lit(tc.ID), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(code...)))
			}
		}
		if raw, ok := op.Shape.Traits.Raw(traitHTTPMalformedRequestTests); ok {
			var tests []malformedTest
			if err := decodeNumbers(raw, &tests); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", op.Shape.ID, traitHTTPMalformedRequestTests, err)
			}
			for _, tc := range tests {
				if tc.Protocol != p.ProtocolID() {
					continue
				}
				cases, err := expandMalformed(tc)
				if err != nil {
					return nil, fmt.Errorf("%s: malformed request test %s: %w", op.Shape.ID, tc.ID, err)
				}
				for i, c := range cases {
					name := tc.ID
					if len(cases) > 1 {
						name = fmt.Sprintf("%s_%d", tc.ID, i)
					}
					contents, regex, mediaType := "", "", ""
					if b := c.Response.Body; b != nil {
						contents, regex, mediaType = b.Assertion.Contents, b.Assertion.MessageRegex, b.MediaType
					}
					code := serverSkip(tc.ID, "malformed")
					code = append(code,
						jen.Id("resp").Op(":=").Id("serveRequest").Call(jen.Id("t"), jen.Op("&").Id("protocolService").Values(), jen.Lit(c.Request.Method), jen.Lit(c.Request.URI), jen.Lit(c.Request.Host),
							stringList(c.Request.QueryParams), stringMap(c.Request.Headers), jen.Lit(c.Request.Body)),
						jen.Id("checkMalformed").Call(jen.Id("t"), jen.Id("resp"), jen.Lit(c.Response.Code), stringMap(c.Response.Headers), jen.Lit(contents), jen.Lit(regex), jen.Lit(mediaType)),
					)
					malCases = append(malCases, jen.Id("t").Dot("Run").Call(jen.Lit(name), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(code...)))
				}
			}
		}
	}
	// Error response tests live on error shapes: encode the error.
	for _, s := range p.sortedShapes(func(s *shapes.Shape) bool { return s.IsError() }) {
		raw, ok := s.Traits.Raw(traitHTTPResponseTests)
		if !ok {
			continue
		}
		var tests []responseTest
		var bodies []bodyPresence
		if err := decodeNumbers(raw, &tests); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", s.ID, traitHTTPResponseTests, err)
		}
		_ = decodeNumbers(raw, &bodies)
		for i, tc := range tests {
			if !appliesToServer(tc.AppliesTo, tc.Protocol, p) {
				continue
			}
			tc.BodyMediaType = bodies[i].mediaType(tc.BodyMediaType)
			v, err := pt.structValue(s, "", tc.Params, true)
			if err != nil {
				return nil, fmt.Errorf("%s: response test %s: %w", s.ID, tc.ID, err)
			}
			body, err := pt.body(tc.Body)
			if err != nil {
				return nil, fmt.Errorf("%s: response test %s: %w", s.ID, tc.ID, err)
			}
			code := serverSkip(tc.ID, "response")
			code = append(code,
				jen.Id("m").Op(":=").Id("protocol").Dot("Frame").Call(jen.Id(sp.errorEnc[s]).Call(v)), // as the handler sends it
				jen.Id("checkResponse").Call(jen.Id("t"), jen.Id("m"), jen.Lit(tc.Code), stringMap(tc.Headers), jen.Lit(body), jen.Lit(tc.BodyMediaType)),
			)
			respCases = append(respCases, jen.Id("t").Dot("Run").Call(jen.Lit(tc.ID), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(code...)))
		}
	}
	if len(reqCases)+len(respCases)+len(malCases)+len(eventCases) == 0 {
		return nil, nil
	}
	f := jen.NewFilePathName(pkg+"/"+serverDir, serverDir)
	f.HeaderComment(header)
	sp.importMain(f, p)
	f.ImportName(p.TypesPath, "types")
	f.Comment("protocolService records the input of each call and answers with an empty output.")
	f.Type().Id("protocolService").Struct(jen.Id("Unimplemented"), jen.Id("in").Any())
	for _, o := range p.Operations {
		f.Func().Params(jen.Id("s").Op("*").Id("protocolService")).Id(o.Method).Params(jen.Id("_").Qual("context", "Context"), jen.Id("in").Op("*").Qual(pkg, o.InputName)).Params(jen.Op("*").Qual(pkg, o.OutputName), jen.Error()).Block(
			jen.Id("s").Dot("in").Op("=").Id("in"),
			jen.Return(jen.Op("&").Qual(pkg, o.OutputName).Values(), jen.Nil()),
		)
	}
	f.Comment("TestServerProtocolRequests runs the model's smithy.test#httpRequestTests that apply to servers.")
	f.Func().Id("TestServerProtocolRequests").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(reqCases...)
	f.Comment("TestServerProtocolResponses runs the model's smithy.test#httpResponseTests that apply to servers.")
	f.Func().Id("TestServerProtocolResponses").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(respCases...)
	f.Comment("TestServerMalformedRequests runs the model's smithy.test#httpMalformedRequestTests, one subtest per parameter set.")
	f.Func().Id("TestServerMalformedRequests").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(malCases...)
	if len(eventCases) > 0 {
		f.Comment("TestServerProtocolEventStreams runs the model's smithy.test#eventStreamTests that apply to servers, of the streams they read and send.")
		f.Func().Id("TestServerProtocolEventStreams").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(eventCases...)
		emitEventTestHelpers(f, p)
	}
	return f, nil
}

// serverSkip is the skip of a server case of a kind ("request",
// "response", "malformed", "event"), when ServerProtocolTestSkips names it:
// by "ID kind", for a suite that gives cases of two kinds one ID, or by ID.
func serverSkip(id, kind string) []jen.Code {
	reason, ok := ServerProtocolTestSkips[id+" "+kind]
	if !ok {
		reason, ok = ServerProtocolTestSkips[id]
	}
	if ok {
		return []jen.Code{jen.Id("t").Dot("Skip").Call(jen.Lit(reason))}
	}
	return nil
}

// expandMalformed returns one case per set of test parameters (the i-th
// value of each), with "$name:S" replaced by the value as a JSON string
// and "$name:L" by the value itself; the case itself when it has none.
func expandMalformed(tc malformedTest) ([]malformedTest, error) {
	n := -1
	names := make([]string, 0, len(tc.TestParameters))
	for k, vs := range tc.TestParameters {
		if n >= 0 && len(vs) != n {
			return nil, fmt.Errorf("test parameter %s has %d values, another %d", k, len(vs), n)
		}
		n = len(vs)
		names = append(names, k)
	}
	if n < 0 {
		// "$$" is an escaped "$" whether or not the case has parameters.
		n, names = 1, nil
	}
	// Longer names first, so that $value does not replace inside $values.
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) })
	var out []malformedTest
	for i := range n {
		pairs := []string{"$$", "$"}
		for _, k := range names {
			v := tc.TestParameters[k][i]
			var q bytes.Buffer
			enc := json.NewEncoder(&q)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(v); err != nil {
				return nil, err
			}
			pairs = append(pairs, "$"+k+":S", strings.TrimSuffix(q.String(), "\n"), "$"+k+":L", v)
		}
		r := strings.NewReplacer(pairs...)
		c := tc
		c.Request.URI = r.Replace(c.Request.URI)
		c.Request.Body = r.Replace(c.Request.Body)
		c.Request.QueryParams = replaceAll(r, c.Request.QueryParams)
		c.Request.Headers = replaceValues(r, c.Request.Headers)
		c.Response.Headers = replaceValues(r, c.Response.Headers)
		if b := c.Response.Body; b != nil {
			nb := *b
			nb.Assertion.Contents = r.Replace(nb.Assertion.Contents)
			nb.Assertion.MessageRegex = r.Replace(nb.Assertion.MessageRegex)
			c.Response.Body = &nb
		}
		out = append(out, c)
	}
	return out, nil
}

func replaceAll(r *strings.Replacer, items []string) []string {
	if items == nil {
		return nil
	}
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = r.Replace(s)
	}
	return out
}

func replaceValues(r *strings.Replacer, m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[r.Replace(k)] = r.Replace(v)
	}
	return out
}

// bodyPresence tells a response test without a body, whose body is not
// checked, from one whose body is "".
type bodyPresence struct {
	Body *string `json:"body"`
}

// mediaType is the media type checkResponse is given: noBodyCheck when the
// test has no body.
func (b bodyPresence) mediaType(mt string) string {
	if b.Body == nil {
		return noBodyCheck
	}
	return mt
}

// noBodyCheck is the media type that tells checkResponse not to look at the
// body (the templates' runner knows it by value).
const noBodyCheck = "-"
