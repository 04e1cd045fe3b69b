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
	InitialResponse       *struct {
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

// eventStreamCases returns the subtests of op's event-stream tests that a
// client of its output stream runs: the initial HTTP response, then the
// events' messages as the body, each read with Recv and compared with the
// case's params, and after the last the end of the stream, or the failure
// the case expects. Cases with request events (an input's stream) are left
// out, as the client does not send event streams yet.
func (pt *protoTests) eventStreamCases(op *Operation) ([]jen.Code, error) {
	return pt.eventCases(op, func(tc eventStreamTest) bool {
		return tc.AppliesTo != "server" && tc.Protocol == pt.p.ProtocolID()
	}, pt.eventStreamCase)
}

// eventCases returns the subtests build makes of op's event-stream tests
// that keep accepts (build may leave a case out with nil), when the client
// reads op's output stream.
func (pt *protoTests) eventCases(op *Operation, keep func(eventStreamTest) bool, build func(*Operation, *shapes.Member, eventStreamTest) (jen.Code, error)) ([]jen.Code, error) {
	stream := pt.p.outputEvents(op)
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
		want, err := pt.value(stream.Target, e.Params, false)
		if err != nil {
			return nil, fmt.Errorf("event %d: %w", i, err)
		}
		g = append(g, jen.Block(
			jen.List(jen.Id("ev"), jen.Err()).Op(":=").Id("stream").Dot("Recv").Call(),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit(fmt.Sprintf("event %d: %%v", i)), jen.Err())),
			jen.Id("assertEqual").Call(jen.Id("t"), jen.Id("ev"), want),
		))
	}
	if failure == nil {
		g = append(g, jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("stream").Dot("Recv").Call(), jen.Err().Op("!=").Qual("io", "EOF")).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("after the last event: %v, want io.EOF"), jen.Err()),
		))
	}
	return jen.Id("t").Dot("Run").Call(jen.Lit(tc.ID), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(g...)), nil
}

// serverEventStreamCases returns the subtests of op's event-stream tests
// that a server of its output stream runs: the handler's output, with the
// events of the case's params as its stream (an error member's as the
// error that ends it), is encoded, and each message the stream writes is
// checked against the case's headers and body.
func (pt *protoTests) serverEventStreamCases(op *Operation) ([]jen.Code, error) {
	return pt.eventCases(op, func(tc eventStreamTest) bool {
		return appliesToServer(tc.AppliesTo, tc.Protocol, pt.p) && len(tc.Events) > 0 && tc.Expectation.Failure == nil
	}, pt.serverEventStreamCase)
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
	g := serverSkip(tc.ID)
	g = append(g,
		jen.Id("out").Op(":=").Add(out),
		jen.Id("out").Dot(pt.p.FieldName(stream)).Op("=").Qual(pt.mainPath, pt.p.eventNew[stream.Target]).Call(
			jen.Func().Params(jen.Id("yield").Func().Params(union, jen.Error()).Bool()).Block(yields...)),
		jen.Id("msgs").Op(":=").Id("sentEvents").Call(jen.Id("t"), jen.Id(pt.p.server.encode[op]).Call(jen.Id("out"))),
		jen.If(jen.Len(jen.Id("msgs")).Op("!=").Lit(len(tc.Events))).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit(fmt.Sprintf("%%d messages, want %d", len(tc.Events))), jen.Len(jen.Id("msgs")))),
	)
	for i, e := range tc.Events {
		for _, name := range slices.Sorted(maps.Keys(e.Headers)) {
			want, err := pt.headerValue(e.Headers[name])
			if err != nil {
				return nil, fmt.Errorf("event %d: header %s: %w", i, name, err)
			}
			g = append(g, jen.Id("checkEventHeader").Call(jen.Id("t"), jen.Id("msgs").Index(jen.Lit(i)), jen.Lit(name), want))
		}
		if e.Body != nil {
			g = append(g, jen.Id("compareBody").Call(jen.Id("t"), jen.Id("msgs").Index(jen.Lit(i)).Dot("Payload"), jen.Lit(*e.Body), jen.Lit(e.BodyMediaType)))
		}
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
// sentEvents, the messages a response's stream writes, and
// checkEventHeader.
func emitEventTestHelpers(f *jen.File, p *Plan) {
	es := p.runtimePkg("eventstream")
	msg := jen.Qual(es, "EventMessage")
	f.Comment("sentEvents returns the messages the response's event stream writes.")
	f.Func().Id("sentEvents").Params(jen.Id("t").Op("*").Qual("testing", "T"), jen.Id("m").Op("*").Qual(servePath(p), "ResponseMessage")).Index().Add(msg).Block(
		jen.Id("t").Dot("Helper").Call(),
		jen.If(jen.Id("m").Dot("Stream").Op("==").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("status %d, no event stream: %s"), jen.Id("m").Dot("Status"), jen.Id("m").Dot("Body"))),
		jen.Var().Id("b").Qual("bytes", "Buffer"),
		jen.Id("m").Dot("Stream").Call(jen.Op("&").Id("b"), jen.Func().Params().Block()),
		jen.Var().Id("msgs").Index().Add(msg.Clone()),
		jen.For(jen.Id("rest").Op(":=").Id("b").Dot("Bytes").Call(), jen.Len(jen.Id("rest")).Op(">").Lit(0), jen.Empty()).Block(
			jen.List(jen.Id("msg"), jen.Id("n"), jen.Err()).Op(":=").Qual(es, "DecodeEventMessage").Call(jen.Id("rest")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
			jen.Id("msgs").Op("=").Append(jen.Id("msgs"), jen.Id("msg")),
			jen.Id("rest").Op("=").Id("rest").Index(jen.Id("n"), jen.Empty()),
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
