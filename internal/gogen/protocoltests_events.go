package gogen

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// traitEventStreamTests holds an operation's event-stream protocol tests.
const traitEventStreamTests = "smithy.test#eventStreamTests"

// eventStreamTest is one case of smithy.test#eventStreamTests, as far as a
// client reading an output's stream uses it.
type eventStreamTest struct {
	ID                    string         `json:"id"`
	Protocol              string         `json:"protocol"`
	AppliesTo             string         `json:"appliesTo"`
	InitialResponseParams map[string]any `json:"initialResponseParams"`
	InitialRequestParams  map[string]any `json:"initialRequestParams"`
	InitialRequest        *struct {
		Method  string            `json:"method"`
		URI     string            `json:"uri"`
		Headers map[string]string `json:"headers"`
	} `json:"initialRequest"`
	InitialResponse *struct {
		Code    int               `json:"code"`
		Headers map[string]string `json:"headers"`
		Body    string            `json:"body"`
	} `json:"initialResponse"`
	Events []struct {
		Type          string                    `json:"type"`
		Params        map[string]any            `json:"params"`
		Headers       map[string]map[string]any `json:"headers"`
		Body          *string                   `json:"body"`
		BodyMediaType string                    `json:"bodyMediaType"`
		Bytes         string                    `json:"bytes"`
	} `json:"events"`
	Expectation struct {
		Failure *struct {
			ErrorID string `json:"errorId"`
		} `json:"failure"`
	} `json:"expectation"`
}

// only reports whether every event of tc is of the type ("request" or
// "response").
func (tc eventStreamTest) only(typ string) bool {
	for _, e := range tc.Events {
		if e.Type != typ {
			return false
		}
	}
	return true
}

// eventStreamCases returns the subtests of op's event-stream tests that a
// client of its output stream runs: the initial HTTP response, then the
// events' messages as the body, each read with Recv and compared with the
// case's params, and after the last the end of the stream, or the failure
// the case expects. Cases with request events (an input's stream) are left
// out, as the client does not send event streams yet.
func (pt *protoTests) eventStreamCases(op *Operation) ([]jen.Code, error) {
	return pt.eventCases(op, pt.p.outputEvents, func(tc eventStreamTest) bool {
		return tc.AppliesTo != "server" && tc.Protocol == pt.p.ProtocolID()
	}, pt.eventStreamCase)
}

// eventRequestCases returns the subtests of op's event-stream tests that a
// client of its input stream runs: the input, with the events of the
// case's params as its stream, is sent, and each message of the request's
// body is checked against the case's headers and body, as is the initial
// request.
func (pt *protoTests) eventRequestCases(op *Operation) ([]jen.Code, error) {
	return pt.eventCases(op, pt.p.inputEvents, func(tc eventStreamTest) bool {
		return tc.AppliesTo != "server" && tc.Protocol == pt.p.ProtocolID() && tc.Expectation.Failure == nil && tc.only("request")
	}, pt.eventRequestCase)
}

func (pt *protoTests) eventRequestCase(op *Operation, stream *shapes.Member, tc eventStreamTest) (jen.Code, error) {
	var yields []jen.Code
	for i, e := range tc.Events {
		ev, err := pt.value(stream.Target, e.Params, false)
		if err != nil {
			return nil, fmt.Errorf("event %d: %w", i, err)
		}
		yields = append(yields, jen.If(jen.Op("!").Id("yield").Call(ev, jen.Nil())).Block(jen.Return()))
	}
	in, err := pt.structValue(op.Input, op.InputName, tc.InitialRequestParams, true)
	if err != nil {
		return nil, err
	}
	method, uri, _ := pt.p.proto.requestLine(pt.p.Svc.Shape, op.Shape)
	var headers map[string]string
	if r := tc.InitialRequest; r != nil {
		method, uri, headers = r.Method, r.URI, r.Headers
	}
	union := jen.Qual(pt.p.TypesPath, pt.p.TypeName(stream.Target))
	send := jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("c").Op("*").Id("Client")).Error().Block(
		jen.Id("in").Op(":=").Add(in),
		jen.Id("in").Dot(pt.p.FieldName(stream)).Op("=").Id(pt.p.eventNew[stream.Target]).Call(
			jen.Func().Params(jen.Id("yield").Func().Params(union, jen.Error()).Bool()).Block(yields...)),
		jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("c").Dot(op.Method).Call(jen.Id("ctx"), jen.Id("in")),
		jen.Return(jen.Err()),
	)
	g := skipFor(tc.ID)
	g = append(g,
		jen.Id("body").Op(":=").Id("runRequest").Call(jen.Id("t"), jen.Id("requestCase").Values(jen.Dict{
			jen.Id("method"):  jen.Lit(method),
			jen.Id("uri"):     jen.Lit(uri),
			jen.Id("headers"): stringMap(headers),
		}), send),
		jen.Id("msgs").Op(":=").Id("decodeEvents").Call(jen.Id("t"), jen.Id("body")),
	)
	initial := 0
	if first, _ := pt.p.eventStreamProtocol(); first {
		initial = 1 // the RPC protocols' initial-request event
	}
	g = append(g, jen.If(jen.Len(jen.Id("msgs")).Op("!=").Lit(len(tc.Events)+initial)).Block(
		jen.Id("t").Dot("Fatalf").Call(jen.Lit(fmt.Sprintf("%%d messages, want %d", len(tc.Events)+initial)), jen.Len(jen.Id("msgs")))))
	if err := pt.eventChecks(&g, tc, initial); err != nil {
		return nil, err
	}
	return jen.Id("t").Dot("Run").Call(jen.Lit(tc.ID), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(g...)), nil
}

// eventChecks appends to g the checks of the messages msgs (from index
// first on) against the events of tc: each header the case lists, and the
// payload where it gives a body.
func (pt *protoTests) eventChecks(g *[]jen.Code, tc eventStreamTest, first int) error {
	for i, e := range tc.Events {
		msg := jen.Id("msgs").Index(jen.Lit(first + i))
		for _, name := range slices.Sorted(maps.Keys(e.Headers)) {
			want, err := pt.headerValue(e.Headers[name])
			if err != nil {
				return fmt.Errorf("event %d: header %s: %w", i, name, err)
			}
			*g = append(*g, jen.Id("checkEventHeader").Call(jen.Id("t"), msg.Clone(), jen.Lit(name), want))
		}
		if e.Body != nil {
			*g = append(*g, jen.Id("compareBody").Call(jen.Id("t"), msg.Clone().Dot("Payload"), jen.Lit(*e.Body), jen.Lit(e.BodyMediaType)))
		}
	}
	return nil
}

// eventCases returns the subtests build makes of op's event-stream tests
// that keep accepts (build may leave a case out with nil), when op has the
// stream streamOf returns.
func (pt *protoTests) eventCases(op *Operation, streamOf func(*Operation) *shapes.Member, keep func(eventStreamTest) bool, build func(*Operation, *shapes.Member, eventStreamTest) (jen.Code, error)) ([]jen.Code, error) {
	stream := streamOf(op)
	raw, ok := op.Shape.Traits.Raw(traitEventStreamTests)
	if stream == nil || !ok {
		return nil, nil
	}
	var tests []eventStreamTest
	if err := decodeNumbers(raw, &tests); err != nil {
		return nil, fmt.Errorf("%s: %s: %w", op.Shape.ID, traitEventStreamTests, err)
	}
	var cases []jen.Code
	for _, tc := range tests {
		if !keep(tc) {
			continue
		}
		code, err := build(op, stream, tc)
		if err != nil {
			return nil, fmt.Errorf("%s: event stream test %s: %w", op.Shape.ID, tc.ID, err)
		}
		if code != nil {
			cases = append(cases, code)
		}
	}
	return cases, nil
}

func (pt *protoTests) eventStreamCase(op *Operation, stream *shapes.Member, tc eventStreamTest) (jen.Code, error) {
	var body []byte
	for _, e := range tc.Events {
		if e.Type != "response" {
			return nil, nil
		}
		b, err := base64.StdEncoding.DecodeString(e.Bytes)
		if err != nil {
			return nil, fmt.Errorf("bytes: %w", err)
		}
		body = append(body, b...)
	}
	code, headers, initial := 200, map[string]string(nil), ""
	if r := tc.InitialResponse; r != nil {
		code, headers, initial = r.Code, r.Headers, r.Body
	}
	if len(tc.Events) > 0 {
		initial = string(body)
	}
	failure := tc.Expectation.Failure
	g := skipFor(tc.ID)
	out := jen.Id("out")
	if len(tc.Events) == 0 && failure != nil {
		out = jen.Id("_")
	}
	g = append(g,
		jen.Id("c").Op(":=").Id("responseClient").Call(jen.Lit(code), stringMap(headers), jen.Lit(initial)),
		jen.List(out, jen.Err()).Op(":=").Id("c").Dot(op.Method).Call(jen.Qual("context", "Background").Call(), pt.minimalInput(op)),
	)
	errorIs := func(id string) (jen.Code, error) {
		if id == "" {
			return jen.If(jen.Err().Op("==").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Lit("no error"))), nil
		}
		sid, err := shapes.ParseID(id)
		if err != nil {
			return nil, fmt.Errorf("errorId: %w", err)
		}
		s := pt.p.Svc.Model.Shape(sid)
		if s == nil || pt.p.TypeName(s) == "" {
			return nil, fmt.Errorf("errorId %s names no error of the service", id)
		}
		return jen.Block(
			jen.Var().Id("want").Op("*").Qual(pt.p.TypesPath, pt.p.TypeName(s)),
			jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("want"))).Block(
				jen.Id("t").Dot("Fatalf").Call(jen.Lit("error %v (%T) is not a %T"), jen.Err(), jen.Err(), jen.Id("want")),
			),
		), nil
	}
	if len(tc.Events) == 0 && failure != nil {
		check, err := errorIs(failure.ErrorID)
		if err != nil {
			return nil, err
		}
		g = append(g, check)
		return jen.Id("t").Dot("Run").Call(jen.Lit(tc.ID), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(g...)), nil
	}
	field := pt.p.FieldName(stream)
	g = append(g,
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
		jen.Id("stream").Op(":=").Id("out").Dot(field),
		jen.Defer().Id("stream").Dot("Close").Call(),
	)
	if len(tc.InitialResponseParams) > 0 {
		want, err := pt.structValue(op.Output, op.OutputName, tc.InitialResponseParams, true)
		if err != nil {
			return nil, err
		}
		g = append(g,
			jen.Id("out").Dot(field).Op("=").Nil(),
			jen.Id("assertEqual").Call(jen.Id("t"), jen.Id("out"), want),
		)
	}
	for i, e := range tc.Events {
		last := i == len(tc.Events)-1
		if last && failure != nil {
			g = append(g, jen.List(jen.Id("_"), jen.Err()).Op("=").Id("stream").Dot("Recv").Call())
			if failure.ErrorID != "" {
				// A modeled exception: the union's member that targets
				// it, with the value the case gives.
				for name, v := range e.Params {
					mem := stream.Target.Member(name)
					if mem == nil || !mem.Target.IsError() {
						return nil, fmt.Errorf("params: %s is not an error member of %s", name, stream.Target.ID)
					}
					fields, _ := v.(map[string]any)
					want, err := pt.structValue(mem.Target, "", fields, true)
					if err != nil {
						return nil, err
					}
					g = append(g, jen.Id("checkError").Call(jen.Id("t"), jen.Err(), want))
				}
				continue
			}
			check, _ := errorIs("")
			g = append(g, check)
			continue
		}
		read, err := pt.recvEvent(stream, i, e.Params)
		if err != nil {
			return nil, err
		}
		g = append(g, read)
	}
	if failure == nil {
		g = append(g, recvEOF())
	}
	return jen.Id("t").Dot("Run").Call(jen.Lit(tc.ID), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(g...)), nil
}

// recvEvent reads the i-th event of the variable stream and compares it
// with the one params give.
func (pt *protoTests) recvEvent(stream *shapes.Member, i int, params map[string]any) (jen.Code, error) {
	want, err := pt.value(stream.Target, params, false)
	if err != nil {
		return nil, fmt.Errorf("event %d: %w", i, err)
	}
	return jen.Block(
		jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("stream").Dot("Recv").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit(fmt.Sprintf("event %d: %%v", i)), jen.Err())),
		jen.Id("assertEqual").Call(jen.Id("t"), jen.Id("ev"), want),
	), nil
}

// recvEOF checks that the variable stream has ended.
func recvEOF() jen.Code {
	return jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("stream").Dot("Recv").Call(), jen.Err().Op("!=").Qual("io", "EOF")).Block(
		jen.Id("t").Dot("Fatalf").Call(jen.Lit("after the last event: %v, want io.EOF"), jen.Err()),
	)
}

// serverEventStreamCases returns the subtests of op's event-stream tests
// that a server of its output stream runs: the handler's output, with the
// events of the case's params as its stream (an error member's as the
// error that ends it), is encoded, and each message the stream writes is
// checked against the case's headers and body.
func (pt *protoTests) serverEventStreamCases(op *Operation) ([]jen.Code, error) {
	return pt.eventCases(op, pt.p.outputEvents, func(tc eventStreamTest) bool {
		return appliesToServer(tc.AppliesTo, tc.Protocol, pt.p) && len(tc.Events) > 0 && tc.Expectation.Failure == nil
	}, pt.serverEventStreamCase)
}

// serverEventRequestCases returns the subtests of op's event-stream tests
// that a server of its input stream runs: the events' bytes are the
// request's body, and the handler's input stream must read back the
// case's params, then end, or fail as the case expects.
func (pt *protoTests) serverEventRequestCases(op *Operation) ([]jen.Code, error) {
	return pt.eventCases(op, pt.p.inputEvents, func(tc eventStreamTest) bool {
		return appliesToServer(tc.AppliesTo, tc.Protocol, pt.p) && len(tc.Events) > 0 && tc.only("request")
	}, pt.serverEventRequestCase)
}

func (pt *protoTests) serverEventRequestCase(op *Operation, stream *shapes.Member, tc eventStreamTest) (jen.Code, error) {
	var body []byte
	for _, e := range tc.Events {
		b, err := base64.StdEncoding.DecodeString(e.Bytes)
		if err != nil {
			return nil, fmt.Errorf("bytes: %w", err)
		}
		body = append(body, b...)
	}
	method, uri, _ := pt.p.proto.requestLine(pt.p.Svc.Shape, op.Shape)
	headers := map[string]string{"Content-Type": eventStreamMediaType}
	if r := tc.InitialRequest; r != nil {
		method, uri = r.Method, r.URI
		maps.Copy(headers, r.Headers)
	}
	for name, v := range tc.InitialRequestParams {
		// A required header the case's initial request leaves out.
		if m := op.Input.Member(name); m != nil {
			if h, ok := m.Traits.HTTPHeader(); ok {
				if text, ok := v.(string); ok {
					headers[h] = text
				}
			}
		}
	}
	failure := tc.Expectation.Failure
	g := serverSkip(tc.ID, "event")
	g = append(g,
		jen.Id("svc").Op(":=").Op("&").Id("protocolService").Values(),
		jen.Id("resp").Op(":=").Id("serveRequest").Call(jen.Id("t"), jen.Id("svc"), jen.Lit(method), jen.Lit(uri), jen.Lit(""), jen.Nil(), stringMap(headers), jen.Lit(string(body))),
		jen.If(jen.Id("svc").Dot("in").Op("==").Nil()).Block(
			jen.If(jen.Lit(failure != nil)).Block(jen.Return()), // refused before the handler: a failure too
			jen.List(jen.Id("b"), jen.Id("_")).Op(":=").Qual("io", "ReadAll").Call(jen.Id("resp").Dot("Body")),
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("the service was not called: %d %s"), jen.Id("resp").Dot("StatusCode"), jen.Id("b")),
		),
		jen.Id("stream").Op(":=").Id("svc").Dot("in").Assert(jen.Op("*").Qual(pt.mainPath, op.InputName)).Dot(pt.p.FieldName(stream)),
		jen.If(jen.Id("stream").Op("==").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Lit("the input has no stream"))),
		jen.Defer().Id("stream").Dot("Close").Call(),
	)
	for i, e := range tc.Events {
		last := i == len(tc.Events)-1
		if last && failure != nil {
			g = append(g, jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("stream").Dot("Recv").Call(), jen.Err().Op("==").Nil()).Block(
				jen.Id("t").Dot("Fatal").Call(jen.Lit("the last event was read without an error"))))
			break
		}
		read, err := pt.recvEvent(stream, i, e.Params)
		if err != nil {
			return nil, err
		}
		g = append(g, read)
	}
	if failure == nil {
		g = append(g, recvEOF())
	}
	return jen.Id("t").Dot("Run").Call(jen.Lit(tc.ID), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(g...)), nil
}

func (pt *protoTests) serverEventStreamCase(op *Operation, stream *shapes.Member, tc eventStreamTest) (jen.Code, error) {
	var yields []jen.Code
	for i, e := range tc.Events {
		if e.Type != "response" {
			return nil, nil
		}
		if len(e.Params) != 1 {
			return nil, fmt.Errorf("event %d: params are not one event", i)
		}
		for name, v := range e.Params {
			mem := stream.Target.Member(name)
			if mem == nil {
				return nil, fmt.Errorf("event %d: %s has no member %s", i, stream.Target.ID, name)
			}
			if mem.Target.IsError() {
				fields, _ := v.(map[string]any)
				errValue, err := pt.structValue(mem.Target, "", fields, true)
				if err != nil {
					return nil, err
				}
				yields = append(yields, jen.Id("yield").Call(jen.Nil(), errValue))
				continue
			}
			ev, err := pt.value(stream.Target, e.Params, false)
			if err != nil {
				return nil, fmt.Errorf("event %d: %w", i, err)
			}
			yields = append(yields, jen.If(jen.Op("!").Id("yield").Call(ev, jen.Nil())).Block(jen.Return()))
		}
	}
	out, err := pt.structValue(op.Output, op.OutputName, tc.InitialResponseParams, true)
	if err != nil {
		return nil, err
	}
	union := jen.Qual(pt.p.TypesPath, pt.p.TypeName(stream.Target))
	g := serverSkip(tc.ID, "event")
	g = append(g,
		jen.Id("out").Op(":=").Add(out),
		jen.Id("out").Dot(pt.p.FieldName(stream)).Op("=").Qual(pt.mainPath, pt.p.eventNew[stream.Target]).Call(
			jen.Func().Params(jen.Id("yield").Func().Params(union, jen.Error()).Bool()).Block(yields...)),
		jen.Id("msgs").Op(":=").Id("sentEvents").Call(jen.Id("t"), jen.Id(pt.p.server.encode[op]).Call(jen.Id("out"))),
		jen.If(jen.Len(jen.Id("msgs")).Op("!=").Lit(len(tc.Events))).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit(fmt.Sprintf("%%d messages, want %d", len(tc.Events))), jen.Len(jen.Id("msgs")))),
	)
	if err := pt.eventChecks(&g, tc, 0); err != nil {
		return nil, err
	}
	return jen.Id("t").Dot("Run").Call(jen.Lit(tc.ID), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(g...)), nil
}

// headerValue is the runtime's HeaderValue of an event test's {type:
// value}.
func (pt *protoTests) headerValue(v map[string]any) (jen.Code, error) {
	es := pt.p.runtimePkg("eventstream")
	for kind, x := range v {
		num, _ := x.(json.Number)
		n, _ := num.Int64()
		switch kind {
		case "boolean":
			b, _ := x.(bool)
			return jen.Qual(es, "BoolHeader").Call(jen.Lit(b)), nil
		case "byte":
			return jen.Qual(es, "ByteHeader").Call(jen.Lit(int(n))), nil
		case "short":
			return jen.Qual(es, "ShortHeader").Call(jen.Lit(int(n))), nil
		case "integer":
			return jen.Qual(es, "IntegerHeader").Call(jen.Lit(int(n))), nil
		case "long":
			return jen.Qual(es, "LongHeader").Call(jen.Lit(n)), nil
		case "string":
			text, _ := x.(string)
			return jen.Qual(es, "StringHeader").Call(jen.Lit(text)), nil
		case "blob":
			text, _ := x.(string)
			b, err := base64.StdEncoding.DecodeString(text)
			if err != nil {
				return nil, err
			}
			return jen.Qual(es, "BytesHeader").Call(jen.Index().Byte().Call(jen.Lit(string(b)))), nil
		case "timestamp":
			text, _ := x.(string)
			ts, err := time.Parse(time.RFC3339Nano, text)
			if err != nil {
				return nil, err
			}
			return jen.Qual(es, "TimestampHeader").Call(jen.Qual("time", "UnixMilli").Call(jen.Lit(ts.UnixMilli()))), nil
		}
		return nil, fmt.Errorf("unknown header type %s", kind)
	}
	return nil, fmt.Errorf("no header value")
}

// emitEventTestHelpers declares what the server's event-stream tests use:
// sentEvents, the messages a response's stream writes, with the helpers of
// emitEventCheckHelpers.
func emitEventTestHelpers(f *jen.File, p *Plan) {
	es := p.runtimePkg("eventstream")
	msg := jen.Qual(es, "EventMessage")
	f.Comment("sentEvents returns the messages the response's event stream writes.")
	f.Func().Id("sentEvents").Params(jen.Id("t").Op("*").Qual("testing", "T"), jen.Id("m").Op("*").Qual(servePath(p), "ResponseMessage")).Index().Add(msg).Block(
		jen.Id("t").Dot("Helper").Call(),
		jen.If(jen.Id("m").Dot("Stream").Op("==").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("status %d, no event stream: %s"), jen.Id("m").Dot("Status"), jen.Id("m").Dot("Body"))),
		jen.Var().Id("b").Qual("bytes", "Buffer"),
		jen.Id("m").Dot("Stream").Call(jen.Op("&").Id("b"), jen.Func().Params().Block()),
		jen.Return(jen.Id("decodeEvents").Call(jen.Id("t"), jen.Id("b").Dot("Bytes").Call())),
	)
	emitEventCheckHelpers(f, p)
}

// emitEventCheckHelpers declares what the event-stream tests of clients
// and servers check messages with: decodeEvents, the messages a body
// holds, and checkEventHeader.
func emitEventCheckHelpers(f *jen.File, p *Plan) {
	es := p.runtimePkg("eventstream")
	msg := jen.Qual(es, "EventMessage")
	f.Comment("decodeEvents returns the messages of an event stream's body: of a signed stream, the messages")
	f.Comment("each signed message carries, without the empty one that ends it.")
	f.Func().Id("decodeEvents").Params(jen.Id("t").Op("*").Qual("testing", "T"), jen.Id("b").Index().Byte()).Index().Add(msg).Block(
		jen.Id("t").Dot("Helper").Call(),
		jen.Var().Id("msgs").Index().Add(msg.Clone()),
		jen.For(jen.Id("rest").Op(":=").Id("b"), jen.Len(jen.Id("rest")).Op(">").Lit(0), jen.Empty()).Block(
			jen.List(jen.Id("msg"), jen.Id("n"), jen.Err()).Op(":=").Qual(es, "DecodeEventMessage").Call(jen.Id("rest")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
			jen.Id("rest").Op("=").Id("rest").Index(jen.Id("n"), jen.Empty()),
			jen.If(jen.List(jen.Id("_"), jen.Id("signed")).Op(":=").Id("msg").Dot("Get").Call(jen.Lit(":chunk-signature")), jen.Id("signed")).Block(
				jen.If(jen.Len(jen.Id("msg").Dot("Payload")).Op("==").Lit(0)).Block(jen.Continue()),
				jen.List(jen.Id("inner"), jen.Id("_"), jen.Err()).Op(":=").Qual(es, "DecodeEventMessage").Call(jen.Id("msg").Dot("Payload")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
				jen.Id("msg").Op("=").Id("inner"),
			),
			jen.Id("msgs").Op("=").Append(jen.Id("msgs"), jen.Id("msg")),
		),
		jen.Return(jen.Id("msgs")),
	)
	f.Comment("checkEventHeader checks the type and value of a message's header.")
	f.Func().Id("checkEventHeader").Params(jen.Id("t").Op("*").Qual("testing", "T"), jen.Id("m").Add(msg.Clone()), jen.Id("name").String(), jen.Id("want").Qual(es, "HeaderValue")).Block(
		jen.Id("t").Dot("Helper").Call(),
		jen.List(jen.Id("got"), jen.Id("ok")).Op(":=").Id("m").Dot("Get").Call(jen.Id("name")),
		jen.If(jen.Op("!").Id("ok").Op("||").Id("got").Dot("Type").Op("!=").Id("want").Dot("Type").Op("||").Id("got").Dot("Int").Op("!=").Id("want").Dot("Int").Op("||").Op("!").Qual("bytes", "Equal").Call(jen.Id("got").Dot("Bytes"), jen.Id("want").Dot("Bytes"))).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("header %s = %+v (present %v), want %+v"), jen.Id("name"), jen.Id("got"), jen.Id("ok"), jen.Id("want")),
		),
	)
}
