package gogen

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// Trait IDs of the Smithy HTTP protocol compliance tests.
const (
	traitHTTPRequestTests  = "smithy.test#httpRequestTests"
	traitHTTPResponseTests = "smithy.test#httpResponseTests"
)

// requestTest is one smithy.test#httpRequestTests case.
type requestTest struct {
	ID                 string            `json:"id"`
	Protocol           string            `json:"protocol"`
	Method             string            `json:"method"`
	URI                string            `json:"uri"`
	Host               string            `json:"host"`
	ResolvedHost       string            `json:"resolvedHost"`
	QueryParams        []string          `json:"queryParams"`
	ForbidQueryParams  []string          `json:"forbidQueryParams"`
	RequireQueryParams []string          `json:"requireQueryParams"`
	Headers            map[string]string `json:"headers"`
	ForbidHeaders      []string          `json:"forbidHeaders"`
	RequireHeaders     []string          `json:"requireHeaders"`
	Body               *string           `json:"body"`
	BodyMediaType      string            `json:"bodyMediaType"`
	Params             map[string]any    `json:"params"`
	AppliesTo          string            `json:"appliesTo"`
}

// responseTest is one smithy.test#httpResponseTests case.
type responseTest struct {
	ID            string            `json:"id"`
	Protocol      string            `json:"protocol"`
	Code          int               `json:"code"`
	Headers       map[string]string `json:"headers"`
	Body          string            `json:"body"`
	BodyMediaType string            `json:"bodyMediaType"`
	Params        map[string]any    `json:"params"`
	AppliesTo     string            `json:"appliesTo"`
	// VendorParamsShape and VendorParams: with ErrorCodeParams, the error
	// code (and query error type) the client must expose.
	VendorParamsShape string         `json:"vendorParamsShape"`
	VendorParams      map[string]any `json:"vendorParams"`
}

// ProtocolTestSkips names the protocol test cases the generated tests skip,
// with the reason: features this generator has decided not to build yet.
var ProtocolTestSkips = map[string]string{
	"RestJsonClientUsesExplicitlyProvidedValuesInTopLevel": "not supported: a member whose default is Go's zero value is a plain value " +
		"(otherTopLevelDefault int32), so an explicit 0 cannot be told from unset; at the top of an input it is left out, " +
		"which the service reads as the same default",
	"AwsJson10ClientUsesExplicitlyProvidedValuesInTopLevel": "not supported: a member whose default is Go's zero value is a plain value " +
		"(otherTopLevelDefault int32), so an explicit 0 cannot be told from unset; at the top of an input it is left out, " +
		"which the service reads as the same default",
	"AwsJson10ClientErrorCorrectsWhenServerFailsToSerializeRequiredValues": "not supported: @required output members the server " +
		"left out stay nil rather than being error-corrected to zero values, so that callers can tell a missing value from a zero one",
	"RpcV2JsonRequestClientUsesExplicitlyProvidedValuesInTopLevel": "not supported: a member whose default is Go's zero value is a plain value " +
		"(otherTopLevelDefault int32), so an explicit 0 cannot be told from unset; at the top of an input it is left out, " +
		"which the service reads as the same default",
	"RpcV2CborClientUsesExplicitlyProvidedValuesInTopLevel": "not supported: a member whose default is Go's zero value is a plain value " +
		"(otherTopLevelDefault int32), so an explicit 0 cannot be told from unset; at the top of an input it is left out, " +
		"which the service reads as the same default",
	"RpcV2JsonRequestBigDecimalLargeWithFraction": "not supported: a *big.Float keeps no decimal scale, so 100000000000000000000001.0 " +
		"is sent as the string \"100000000000000000000001\", the same number without its trailing \".0\"",
	"MissingRequiredInitialResponseOutput": "not supported: @required output members the server left out stay nil rather than " +
		"failing the call, so that callers can tell a missing value from a zero one",
	"DuplexMissingRequiredInitialResponseOutput": "not supported: @required output members the server left out stay nil rather than " +
		"failing the call, so that callers can tell a missing value from a zero one",
}

// emitProtocolTests writes protocol_gen_test.go: the model's restJson1
// httpRequestTests and httpResponseTests as Go tests, one subtest per case.
// It returns nil when the model has none.
func emitProtocolTests(p *Plan) (*jen.File, error) {
	f := jen.NewFilePathName(p.ImportPath, p.Package)
	f.HeaderComment(header)
	pt := &protoTests{p: p, c: newCodec(p)}
	var reqCases, respCases, eventCases []jen.Code
	for _, op := range p.Operations {
		cases, err := pt.eventStreamCases(op)
		if err != nil {
			return nil, err
		}
		eventCases = append(eventCases, cases...)
		if cases, err = pt.eventRequestCases(op); err != nil {
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
				if tc.AppliesTo == "server" || tc.Protocol != p.ProtocolID() {
					continue
				}
				code, err := pt.requestCase(op, tc)
				if err != nil {
					return nil, fmt.Errorf("%s: request test %s: %w", op.Shape.ID, tc.ID, err)
				}
				reqCases = append(reqCases, code)
			}
		}
		if raw, ok := op.Shape.Traits.Raw(traitHTTPResponseTests); ok {
			var tests []responseTest
			if err := decodeNumbers(raw, &tests); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", op.Shape.ID, traitHTTPResponseTests, err)
			}
			for _, tc := range tests {
				if tc.AppliesTo == "server" || tc.Protocol != p.ProtocolID() {
					continue
				}
				code, err := pt.responseCase(op, nil, tc)
				if err != nil {
					return nil, fmt.Errorf("%s: response test %s: %w", op.Shape.ID, tc.ID, err)
				}
				respCases = append(respCases, code)
			}
		}
	}
	// Error response tests live on error shapes; run each through the first
	// operation that can return the error.
	for _, s := range p.sortedShapes(func(s *shapes.Shape) bool { return s.IsError() }) {
		raw, ok := s.Traits.Raw(traitHTTPResponseTests)
		if !ok {
			continue
		}
		var via *Operation
		for _, op := range p.Operations {
			if slices.Contains(op.Shape.Errors, s) && !eventStream(op) {
				via = op
				break
			}
		}
		if via == nil {
			continue
		}
		var tests []responseTest
		if err := decodeNumbers(raw, &tests); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", s.ID, traitHTTPResponseTests, err)
		}
		for _, tc := range tests {
			if tc.AppliesTo == "server" || tc.Protocol != p.ProtocolID() {
				continue
			}
			code, err := pt.responseCase(via, s, tc)
			if err != nil {
				return nil, fmt.Errorf("%s: response test %s: %w", s.ID, tc.ID, err)
			}
			respCases = append(respCases, code)
		}
	}
	if len(reqCases)+len(respCases)+len(eventCases) == 0 {
		return nil, nil
	}
	f.Comment("TestProtocolRequests runs the model's smithy.test#httpRequestTests.")
	f.Func().Id("TestProtocolRequests").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(reqCases...)
	f.Line()
	f.Comment("TestProtocolResponses runs the model's smithy.test#httpResponseTests.")
	f.Func().Id("TestProtocolResponses").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(respCases...)
	f.Line()
	if len(eventCases) > 0 {
		f.Comment("TestProtocolEventStreams runs the model's smithy.test#eventStreamTests of")
		f.Comment("streams the client reads or sends.")
		f.Func().Id("TestProtocolEventStreams").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(eventCases...)
		f.Line()
		emitEventCheckHelpers(f, p)
	}
	feat := p.clientFeatures()
	f.Comment("protocolOptions are the options of the clients the tests call: the suites'")
	f.Comment("region and credentials where the client has them.")
	f.Func().Id("protocolOptions").Params(jen.Id("baseEndpoint").String(), jen.Id("hc").Id("HTTPClient")).Id("Options").Block(
		jen.Return(jen.Id("Options").Values(jen.DictFunc(func(d jen.Dict) {
			if feat.region {
				d[jen.Id("Region")] = jen.Lit("us-west-2")
			}
			if feat.sigv4 {
				d[jen.Id("Credentials")] = jen.Id("StaticCredentials").Call(jen.Lit("AKIDEXAMPLE"), jen.Lit("SECRET"), jen.Lit(""))
			}
			d[jen.Id("BaseEndpoint")] = jen.Id("baseEndpoint")
			d[jen.Id("HTTPClient")] = jen.Id("hc")
			d[jen.Id("RetryMaxAttempts")] = jen.Lit(1)
			d[jen.Id("Validation")] = jen.Id("ValidateNone")
		}))),
	)
	return f, nil
}

type protoTests struct {
	p *Plan
	c *codec
	// mainPath, when set, is the import path of the package that declares
	// the inputs and outputs: the tests are in another package (the server).
	mainPath string
}

func skipFor(id string) []jen.Code {
	if reason, ok := ProtocolTestSkips[id]; ok {
		return []jen.Code{jen.Id("t").Dot("Skip").Call(jen.Lit(reason))}
	}
	return nil
}

func stringList(items []string) jen.Code {
	if len(items) == 0 {
		return jen.Nil()
	}
	vals := make([]jen.Code, len(items))
	for i, s := range items {
		vals[i] = jen.Lit(s)
	}
	return jen.Index().String().Values(vals...)
}

func stringMap(m map[string]string) jen.Code {
	if len(m) == 0 {
		return jen.Nil()
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	d := jen.Dict{}
	for _, k := range keys {
		d[jen.Lit(k)] = jen.Lit(m[k])
	}
	return jen.Map(jen.String()).String().Values(d)
}

func (pt *protoTests) requestCase(op *Operation, tc requestTest) (jen.Code, error) {
	in, err := pt.structValue(op.Input, op.InputName, tc.Params, true)
	if err != nil {
		return nil, err
	}
	rc := jen.Dict{
		jen.Id("method"):             jen.Lit(tc.Method),
		jen.Id("uri"):                jen.Lit(tc.URI),
		jen.Id("host"):               jen.Lit(tc.Host),
		jen.Id("resolvedHost"):       jen.Lit(tc.ResolvedHost),
		jen.Id("queryParams"):        stringList(tc.QueryParams),
		jen.Id("forbidQueryParams"):  stringList(tc.ForbidQueryParams),
		jen.Id("requireQueryParams"): stringList(tc.RequireQueryParams),
		jen.Id("headers"):            stringMap(tc.Headers),
		jen.Id("forbidHeaders"):      stringList(tc.ForbidHeaders),
		jen.Id("requireHeaders"):     stringList(tc.RequireHeaders),
		jen.Id("bodyMediaType"):      jen.Lit(tc.BodyMediaType),
	}
	if tc.Body != nil {
		b, err := pt.body(*tc.Body)
		if err != nil {
			return nil, err
		}
		rc[jen.Id("body")] = jen.Id("ptr").Call(jen.Lit(b))
	}
	body := skipFor(tc.ID)
	body = append(body,
		jen.Id("runRequest").Call(jen.Id("t"), jen.Id("requestCase").Values(rc),
			jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("c").Op("*").Id("Client")).Error().Block(
				jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("c").Dot(op.Method).Call(jen.Id("ctx"), in),
				jen.Return(jen.Err()),
			)),
	)
	return jen.Id("t").Dot("Run").Call(jen.Lit(tc.ID), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(body...)), nil
}

func (pt *protoTests) responseCase(op *Operation, errShape *shapes.Shape, tc responseTest) (jen.Code, error) {
	in := pt.minimalInput(op)
	respBody, err := pt.body(tc.Body)
	if err != nil {
		return nil, err
	}
	body := skipFor(tc.ID)
	body = append(body, jen.Id("c").Op(":=").Id("responseClient").Call(jen.Lit(tc.Code), stringMap(tc.Headers), jen.Lit(respBody)))
	if errShape != nil {
		want, err := pt.structValue(errShape, "", tc.Params, true)
		if err != nil {
			return nil, err
		}
		code, typ, coded := errorCodeParams(tc)
		if !coded {
			body = append(body,
				jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("c").Dot(op.Method).Call(jen.Qual("context", "Background").Call(), in),
				jen.Id("checkError").Call(jen.Id("t"), jen.Err(), want),
			)
			return jen.Id("t").Dot("Run").Call(jen.Lit(tc.ID), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(body...)), nil
		}
		body = append(body, jen.Id("want").Op(":=").Add(want))
		if typ != "" && pt.p.queryCompatible {
			// The x-amzn-query-error header's parts are kept in the error.
			body = append(body, jen.List(jen.Id("want").Dot(queryErrorCodeField), jen.Id("want").Dot(queryErrorTypeField)).Op("=").List(jen.Lit(code), jen.Lit(typ)))
		}
		fault := ""
		switch typ {
		case "Sender":
			fault = "client"
		case "Receiver":
			fault = "server"
		}
		body = append(body,
			jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("c").Dot(op.Method).Call(jen.Qual("context", "Background").Call(), in),
			jen.Id("checkError").Call(jen.Id("t"), jen.Err(), jen.Id("want")),
			jen.Id("checkErrorCode").Call(jen.Id("t"), jen.Err(), jen.Lit(code), jen.Lit(fault)),
		)
	} else {
		want, err := pt.structValue(op.Output, op.OutputName, tc.Params, true)
		if err != nil {
			return nil, err
		}
		body = append(body,
			jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("c").Dot(op.Method).Call(jen.Qual("context", "Background").Call(), in),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
			jen.Id("assertEqual").Call(jen.Id("t"), jen.Id("out"), want),
		)
	}
	return jen.Id("t").Dot("Run").Call(jen.Lit(tc.ID), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(body...)), nil
}

// body is a test case's body as the bytes on the wire: the suites give the
// bodies of a binary format (CBOR) in base64.
func (pt *protoTests) body(b string) (string, error) {
	if !pt.c.wire().binary {
		return b, nil
	}
	raw, err := base64.StdEncoding.DecodeString(b)
	if err != nil {
		return "", fmt.Errorf("body: %w", err)
	}
	return string(raw), nil
}

// errorCodeParams returns the error code and query error type a response
// test's ErrorCodeParams vendor params expect the client to expose.
func errorCodeParams(tc responseTest) (code, typ string, ok bool) {
	if !strings.HasSuffix(tc.VendorParamsShape, "ErrorCodeParams") {
		return "", "", false
	}
	code, ok = tc.VendorParams["code"].(string)
	typ, _ = tc.VendorParams["type"].(string)
	return code, typ, ok
}

// minimalInput is an input that serialises: its labels and host labels set.
func (pt *protoTests) minimalInput(op *Operation) jen.Code {
	d := jen.Dict{}
	if op.Input != nil && !op.Input.IsUnit() {
		for _, m := range op.Input.Members {
			if !m.Traits.HTTPLabel() && !m.Traits.Has("smithy.api#hostLabel") {
				continue
			}
			var v any = "x"
			switch m.Target.Kind {
			case shapes.KindBoolean:
				v = true
			case shapes.KindByte, shapes.KindShort, shapes.KindInteger, shapes.KindLong, shapes.KindFloat, shapes.KindDouble, shapes.KindTimestamp:
				v = json.Number("1")
			}
			if m.Target.IsEnum() {
				if vals := m.Target.EnumValues(); len(vals) > 0 {
					v = vals[0].Value
				}
			}
			code, err := pt.value(m.Target, v, pt.p.IsPointer(m))
			if err == nil {
				d[jen.Id(pt.p.FieldName(m))] = code
			}
		}
	}
	return jen.Op("&").Id(op.InputName).Values(d)
}

// structValue is a Go expression of a pointer to a structure holding the
// params (goName set: a main-package input or output; else a types type).
func (pt *protoTests) structValue(s *shapes.Shape, goName string, params map[string]any, pointer bool) (jen.Code, error) {
	var t *jen.Statement
	switch {
	case goName != "" && pt.mainPath != "":
		t = jen.Qual(pt.mainPath, goName)
	case goName != "":
		t = jen.Id(goName)
	default:
		t = jen.Qual(pt.p.TypesPath, pt.p.TypeName(s))
	}
	d := jen.Dict{}
	if s != nil && !s.IsUnit() {
		for name := range params {
			if s.Member(name) == nil {
				return nil, fmt.Errorf("%s has no member %q", s.ID, name)
			}
		}
		for _, m := range s.Members {
			v, ok := params[m.Name]
			if !ok || (v == nil && !IsStreaming(m)) {
				continue
			}
			var code jen.Code
			var err error
			switch {
			case IsStreaming(m):
				text, _ := v.(string)
				if goName != "" && s == pt.inputOf(goName) {
					code = jen.Qual("strings", "NewReader").Call(jen.Lit(text))
				} else {
					code = jen.Qual("io", "NopCloser").Call(jen.Qual("strings", "NewReader").Call(jen.Lit(text)))
				}
			default:
				code, err = pt.value(m.Target, v, pt.p.IsPointer(m))
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", m.Name, err)
			}
			d[jen.Id(pt.p.FieldName(m))] = code
		}
	}
	if pointer {
		return jen.Op("&").Add(t).Values(d), nil
	}
	return t.Values(d), nil
}

// inputOf returns the input shape of the operation whose input type is named
// goName, or nil.
func (pt *protoTests) inputOf(goName string) *shapes.Shape {
	for _, op := range pt.p.Operations {
		if op.InputName == goName {
			return op.Input
		}
	}
	return nil
}

// value is a Go expression of a value of shape s (a pointer when ptr) from a
// protocol test's params node.
func (pt *protoTests) value(s *shapes.Shape, v any, ptr bool) (jen.Code, error) {
	wrap := func(c jen.Code) jen.Code {
		if ptr {
			return jen.Id("ptr").Call(c)
		}
		return c
	}
	if lit, ok := scalarLiteral(pt.p, s, v); ok {
		return wrap(lit), nil
	}
	switch s.Kind {
	case shapes.KindFloat, shapes.KindDouble:
		// scalarLiteral took numbers and the special values' strings.
		return nil, fmt.Errorf("%s: %v is not a number", s.ID, v)
	case shapes.KindTimestamp:
		if text, ok := v.(string); ok {
			// The event-stream tests write a date-time, as the node
			// value of a timestamp may be.
			ts, err := time.Parse(time.RFC3339Nano, text)
			if err != nil {
				return nil, fmt.Errorf("%s: %q is not a date-time: %w", s.ID, text, err)
			}
			v = json.Number(strconv.FormatFloat(float64(ts.UnixMilli())/1000, 'f', -1, 64))
		}
		num, ok := v.(json.Number)
		n, err := num.Float64()
		if !ok || err != nil {
			return nil, fmt.Errorf("%s: %v is not epoch seconds", s.ID, v)
		}
		sec := math.Floor(n)
		nsec := math.Round((n-sec)*1000) * 1e6
		return wrap(jen.Qual("time", "Unix").Call(jen.Lit(int64(sec)), jen.Lit(int64(nsec))).Dot("UTC").Call()), nil
	case shapes.KindBlob:
		str, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%s: %v is not a string", s.ID, v)
		}
		return jen.Index().Byte().Call(jen.Lit(str)), nil
	case shapes.KindDocument:
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		var c bytes.Buffer
		_ = json.Compact(&c, b)
		return jen.Qual(pt.p.TypesPath, pt.p.DocName).Call(jen.Lit(c.String())), nil
	case shapes.KindBigInteger:
		return jen.Id("mustBigInt").Call(jen.Lit(numberText(v))), nil
	case shapes.KindBigDecimal:
		return jen.Id("mustBigFloat").Call(jen.Lit(numberText(v))), nil
	case shapes.KindStructure:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: %v is not an object", s.ID, v)
		}
		return pt.structValue(s, "", m, ptr)
	case shapes.KindUnion:
		m, ok := v.(map[string]any)
		if !ok || len(m) != 1 {
			return nil, fmt.Errorf("%s: %v is not an object with one member", s.ID, v)
		}
		for name, mv := range m {
			mem := s.Member(name)
			if mem == nil {
				return nil, fmt.Errorf("%s has no member %q", s.ID, name)
			}
			w := jen.Qual(pt.p.TypesPath, pt.p.UnionMemberName(mem))
			if mem.Target.IsUnit() {
				return jen.Op("&").Add(w).Values(), nil
			}
			val, err := pt.value(mem.Target, mv, false)
			if err != nil {
				return nil, err
			}
			return jen.Op("&").Add(w).Values(jen.Dict{jen.Id("Value"): val}), nil
		}
	case shapes.KindList:
		list, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("%s: %v is not a list", s.ID, v)
		}
		m := s.ListMember()
		sparse := s.Traits.Sparse()
		elemPtr := sparse && !nilableKind(m.Target)
		items := make([]jen.Code, len(list))
		for i, x := range list {
			if x == nil {
				items[i] = jen.Nil()
				continue
			}
			c, err := pt.value(m.Target, x, elemPtr)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			items[i] = c
		}
		return pt.p.ValueType(s).Values(items...), nil
	case shapes.KindMap:
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: %v is not an object", s.ID, v)
		}
		m := s.MapValue()
		sparse := s.Traits.Sparse()
		elemPtr := sparse && !nilableKind(m.Target)
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		d := jen.Dict{}
		for _, k := range keys {
			if obj[k] == nil {
				d[jen.Lit(k)] = jen.Nil()
				continue
			}
			c, err := pt.value(m.Target, obj[k], elemPtr)
			if err != nil {
				return nil, fmt.Errorf("[%s]: %w", k, err)
			}
			d[jen.Lit(k)] = c
		}
		return pt.p.ValueType(s).Values(d), nil
	}
	return nil, fmt.Errorf("%s (a %s): %v is not a value of it", s.ID, s.Kind, v)
}

func numberText(v any) string {
	switch x := v.(type) {
	case json.Number:
		return x.String()
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// decodeNumbers decodes JSON keeping numbers exact (json.Number), since
// protocol tests hold longs and big numbers that float64 would round.
func decodeNumbers(raw string, v any) error {
	d := json.NewDecoder(strings.NewReader(raw))
	d.UseNumber()
	return d.Decode(v)
}
