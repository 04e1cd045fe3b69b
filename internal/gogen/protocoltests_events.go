package gogen

import (
	"encoding/base64"
	"fmt"

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
		Type   string         `json:"type"`
		Params map[string]any `json:"params"`
		Bytes  string         `json:"bytes"`
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
		if tc.AppliesTo == "server" || tc.Protocol != pt.p.ProtocolID() {
			continue
		}
		code, err := pt.eventStreamCase(op, stream, tc)
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
