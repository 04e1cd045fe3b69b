package modelgen

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/gogen"
	"github.com/smithygo/smithygo/internal/shapes"
)

// The tests below check what travels on the wire, decoded by the test
// itself following the restJson1 rules, not by the generated client: the
// client under test must not be its own judge.

// wireValue is one random value of a scalar: its Go literal (the value
// type, not a pointer) and its text where it is bound, with the format
// the test decodes it by ("" exact text, else a timestamp format).
type wireValue struct {
	code jen.Code
	text string
	kind string
}

// location is where a member is bound.
type location int

const (
	inLabel location = iota
	inQuery
	inHeader
	inBody
)

// covered reports the scalar kinds whose wire text the tests check.
// Floats, doubles and big numbers are sent but not checked.
func covered(t *shapes.Shape) bool {
	switch t.Kind {
	case shapes.KindString, shapes.KindEnum, shapes.KindIntEnum, shapes.KindBoolean, shapes.KindByte,
		shapes.KindShort, shapes.KindInteger, shapes.KindLong, shapes.KindTimestamp:
		return true
	}
	return false
}

// headerSafe reports whether a header value survives as it is: HTTP trims
// spaces around values and forbids control characters; in a list, commas
// and quotes would need quoting (checked too, by splitHeaderList, but not
// for timestamps, which are left out of header lists).
func headerSafe(s string) bool {
	if s == "" || strings.TrimSpace(s) != s {
		return false
	}
	for _, c := range s {
		if c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}

// tsFormat is the effective timestamp format of a member at loc.
func tsFormat(m *shapes.Member, loc location) string {
	if f, ok := m.Traits.TimestampFormat(); ok {
		return f
	}
	if f, ok := m.Target.Traits.TimestampFormat(); ok {
		return f
	}
	switch loc {
	case inHeader:
		return "http-date"
	case inBody:
		return "epoch-seconds"
	}
	return "date-time"
}

// scalar picks a value of m's target (a covered scalar) for loc; ok is
// false when no value that the test can check was found.
func (w *valueWriter) scalar(m *shapes.Member, t *shapes.Shape, loc location) (wireValue, bool) {
	c := effective(m)
	switch t.Kind {
	case shapes.KindString:
		if t.IsEnum() {
			break
		}
		for range 8 {
			lo := c.minLen
			if loc == inLabel {
				lo = max(lo, 1)
			}
			lo, hi, ok := lengthRange(lo, c.maxLen, c.pattern)
			if !ok {
				return wireValue{}, false
			}
			s := stringOf(w.r, c.pattern, pickLen(w.r, lo, hi))
			if loc == inHeader && !headerSafe(s) {
				continue
			}
			return wireValue{code: jen.Lit(s), text: s}, true
		}
		return wireValue{}, false
	case shapes.KindBoolean:
		v := w.chance(2)
		return wireValue{code: jen.Lit(v), text: strconv.FormatBool(v)}, true
	case shapes.KindTimestamp:
		f := tsFormat(m, loc)
		ms := pick(w.r, []int64{0, 1700000000123, 951782400000, 253402300799000, w.r.Int64N(4102444800000)})
		if f == "http-date" {
			ms -= ms % 1000
		}
		tm := time.UnixMilli(ms).UTC()
		var text string
		switch f {
		case "http-date":
			text = tm.Format(http.TimeFormat)
		case "date-time":
			text = tm.Format(time.RFC3339Nano)
		default:
			text = strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64)
		}
		return wireValue{code: jen.Qual("time", "UnixMilli").Call(jen.Lit(ms)).Dot("UTC").Call(), text: text, kind: f}, true
	case shapes.KindByte, shapes.KindShort, shapes.KindInteger, shapes.KindLong:
		k := map[shapes.Kind]kind{shapes.KindByte: kByte, shapes.KindShort: kShort, shapes.KindInteger: kInteger, shapes.KindLong: kLong}[t.Kind]
		text, ok := pickNumber(w.r, k, c.rangeMin, c.rangeMax, true)
		if !ok {
			return wireValue{}, false
		}
		return wireValue{code: intLit(k, text), text: text}, true
	}
	if t.IsEnum() || t.Kind == shapes.KindIntEnum {
		vals, consts := t.EnumValues(), w.p.EnumConsts(t)
		for range 8 {
			i := w.r.IntN(len(vals))
			if loc == inHeader && !headerSafe(vals[i].Value) {
				continue
			}
			return wireValue{code: jen.Qual(w.p.TypesPath, consts[i]), text: vals[i].Value}, true
		}
	}
	return wireValue{}, false
}

// wrap turns a value into the Go type of m's field.
func (w *valueWriter) wrap(m *shapes.Member, v jen.Code) jen.Code {
	if w.p.IsPointer(m) {
		if m.Target.Kind == shapes.KindStructure {
			return jen.Op("&").Add(v)
		}
		return jen.Id("ptr").Call(v)
	}
	return v
}

// bound is a member value with the texts the test expects on the wire.
type bound struct {
	code  jen.Code // the field's value
	texts []string
	kind  string
	list  bool
}

// boundValue picks a checkable value of a scalar or list-of-scalar member
// bound at loc. Lists of timestamps in headers are left out: http-date
// holds a comma, which the list format does not quote.
func (w *valueWriter) boundValue(m *shapes.Member, loc location) (bound, bool) {
	t := m.Target
	if t.Kind != shapes.KindList {
		if !covered(t) {
			return bound{}, false
		}
		v, ok := w.scalar(m, t, loc)
		if !ok {
			return bound{}, false
		}
		return bound{code: w.wrap(m, v.code), texts: []string{v.text}, kind: v.kind}, true
	}
	elem := t.ListMember()
	if !covered(elem.Target) || t.Traits.Sparse() || t.Traits.UniqueItems() || loc == inHeader && elem.Target.Kind == shapes.KindTimestamp {
		return bound{}, false
	}
	c := effective(m)
	n := pickLen(w.r, c.minLen, min3(c.maxLen))
	out := bound{list: true}
	var items []jen.Code
	for range n {
		v, ok := w.scalar(elem, elem.Target, loc)
		if !ok {
			return bound{}, false
		}
		items = append(items, v.code)
		out.texts = append(out.texts, v.text)
		out.kind = v.kind
	}
	out.code = jen.Index().Add(w.p.ElemType(elem, false)).Values(items...)
	return out, true
}

// wireCall is one call of a binding operation with its checks.
type wireCall struct {
	input  jen.Code
	checks []jen.Code // statements run with r (the recorded request) and out
	reply  jen.Code   // the server's reply
}

// bindingCall builds an input whose bound members have checkable values,
// the checks of where they arrive, and a reply whose headers and status
// the output must show.
func (w *valueWriter) bindingCall(op *gogen.Operation, uri string) wireCall {
	p := w.p
	segs := strings.Split(strings.SplitN(uri, "?", 2)[0], "/")
	var fields, checks []jen.Code
	chk := func(what, kind string, got jen.Code, want []string, list bool) {
		fn := "checkText"
		var wantCode jen.Code
		if !list {
			wantCode = jen.Lit(want[0])
		} else {
			fn = "checkList"
			var ws []jen.Code
			for _, s := range want {
				ws = append(ws, jen.Lit(s))
			}
			wantCode = jen.Index().String().Values(ws...)
		}
		checks = append(checks, jen.Id(fn).Call(jen.Id("t"), jen.Lit(what), jen.Lit(kind), got, wantCode))
	}
	for _, m := range memberList(op.Input) {
		name := p.FieldName(m)
		set := func(v jen.Code) { fields = append(fields, jen.Id(name).Op(":").Add(v)) }
		hname, isHeader := m.Traits.HTTPHeader()
		qname, isQuery := m.Traits.HTTPQuery()
		prefix, isPrefix := m.Traits.HTTPPrefixHeaders()
		switch {
		case m.Traits.HTTPLabel():
			b, ok := w.boundValue(m, inLabel)
			if !ok {
				break
			}
			set(b.code)
			for i, s := range segs {
				if s == "{"+m.Name+"}" || s == "{"+m.Name+"+}" {
					chk("label "+m.Name, b.kind, jen.Id("pathSegment").Call(jen.Id("r").Dot("RawPath"), jen.Lit(i), jen.Lit(strings.HasSuffix(s, "+}"))), b.texts, false)
				}
			}
			continue
		case isQuery:
			b, ok := w.boundValue(m, inQuery)
			if !ok {
				break
			}
			set(b.code)
			got := jen.Id("r").Dot("Query").Index(jen.Lit(qname))
			if !b.list {
				got = jen.Id("r").Dot("Query").Dot("Get").Call(jen.Lit(qname))
			}
			chk("query "+qname, b.kind, got, b.texts, b.list)
			continue
		case isHeader:
			b, ok := w.boundValue(m, inHeader)
			if !ok {
				break
			}
			set(b.code)
			got := jen.Id("splitHeaderList").Call(jen.Id("r").Dot("Header").Dot("Values").Call(jen.Lit(hname)))
			if !b.list {
				got = jen.Id("r").Dot("Header").Dot("Get").Call(jen.Lit(hname))
			}
			chk("header "+hname, b.kind, got, b.texts, b.list)
			continue
		case isPrefix || m.Traits.HTTPQueryParams():
			val := m.Target.MapValue()
			if m.Target.Traits.Sparse() || val.Target.Kind != shapes.KindString && val.Target.Kind != shapes.KindList {
				break
			}
			dict := jen.Dict{}
			for i := range 1 + w.r.IntN(2) {
				key := alnum(w.r, 1+w.r.IntN(4)) + strconv.Itoa(i)
				v := alnum(w.r, 1+w.r.IntN(5))
				if isPrefix {
					dict[jen.Lit(key)] = jen.Lit(v)
					chk("prefix header "+prefix+key, "", jen.Id("r").Dot("Header").Dot("Get").Call(jen.Lit(prefix+key)), []string{v}, false)
					continue
				}
				key = "qp" + key // no explicit query parameter starts so
				if val.Target.Kind == shapes.KindList {
					dict[jen.Lit(key)] = jen.Index().String().Values(jen.Lit(v), jen.Lit(v+"2"))
					chk("query param "+key, "", jen.Id("r").Dot("Query").Index(jen.Lit(key)), []string{v, v + "2"}, true)
				} else {
					dict[jen.Lit(key)] = jen.Lit(v)
					chk("query param "+key, "", jen.Id("r").Dot("Query").Dot("Get").Call(jen.Lit(key)), []string{v}, false)
				}
			}
			set(jen.Map(jen.String()).Add(p.ElemType(val, false)).Values(dict))
			continue
		case m.Traits.HTTPPayload() && m.Target.Kind == shapes.KindString && !m.Target.IsEnum():
			c := effective(m)
			lo, hi, ok := lengthRange(max(c.minLen, 1), c.maxLen, c.pattern)
			if !ok {
				break
			}
			v := stringOf(w.r, c.pattern, pickLen(w.r, lo, hi))
			set(w.wrap(m, jen.Lit(v)))
			chk("payload", "", jen.String().Call(jen.Id("r").Dot("Body")), []string{v}, false)
			continue
		case m.Traits.HTTPPayload() && m.Target.Kind == shapes.KindBlob && !gogen.IsStreaming(m):
			c := effective(m)
			v := alnum(w.r, pickLen(w.r, max(c.minLen, 1), c.maxLen))
			set(jen.Index().Byte().Call(jen.Lit(v)))
			chk("payload", "", jen.String().Call(jen.Id("r").Dot("Body")), []string{v}, false)
			continue
		}
		// Not checked: a random value as in other calls.
		must := m.Traits.Required() || m.Traits.HasNonNullDefault() || m.Traits.IdempotencyToken() || m.Traits.HTTPLabel()
		if must || w.chance(2) {
			set(w.field(m, 0))
		}
	}

	// The reply: output headers and the response code.
	status := 200
	hdr := jen.Dict{}
	for _, m := range memberList(op.Output) {
		out := jen.Id("out").Dot(p.FieldName(m))
		if m.Traits.HTTPResponseCode() {
			status = pick(w.r, []int{200, 201, 202, 203})
			checks = append(checks, jen.Id("check").Call(jen.Id("t"), jen.Lit(0), jen.Lit(m.Name), w.wrap(m, jen.Int32().Call(jen.Lit(status))), out))
			continue
		}
		if prefix, ok := m.Traits.HTTPPrefixHeaders(); ok && m.Target.MapValue().Target.Kind == shapes.KindString {
			// Header names are case-insensitive (net/http writes them
			// canonically): a client gives the keys as they were sent,
			// in lower case.
			dict := jen.Dict{}
			for i := range 1 + w.r.IntN(2) {
				key, v := stringOf(w.r, `^[a-z]+$`, 1+w.r.IntN(5))+strconv.Itoa(i), alnum(w.r, 1+w.r.IntN(5))
				hdr[jen.Lit(prefix+key)] = jen.Index().String().Values(jen.Lit(v))
				dict[jen.Lit(key)] = jen.Lit(v)
			}
			checks = append(checks, jen.Id("check").Call(jen.Id("t"), jen.Lit(0), jen.Lit(m.Name), jen.Map(jen.String()).String().Values(dict), jen.Map(jen.String()).String().Call(out)))
			continue
		}
		hname, ok := m.Traits.HTTPHeader()
		if !ok {
			continue
		}
		b, ok := w.boundValue(m, inHeader)
		if !ok {
			continue
		}
		hdr[jen.Lit(hname)] = jen.Index().String().Values(jen.Lit(b.header()))
		checks = append(checks, jen.Id("check").Call(jen.Id("t"), jen.Lit(0), jen.Lit(m.Name), b.code, out))
	}
	reply := jen.Dict{jen.Id("Status"): jen.Lit(status), jen.Id("Header"): jen.Map(jen.String()).Index().String().Values(hdr)}
	checks = append(checks, w.outputBody(op, hdr, reply)...)
	return wireCall{
		input:  jen.Op("&").Qual(p.ImportPath, op.InputName).Values(fields...),
		checks: checks,
		reply:  jen.Id("reply").Values(reply),
	}
}

// outputBody adds to a restJson1 reply (its headers hdr and fields reply)
// a body of random values for op's output, written here (see wire.json),
// and returns the checks that the output has them: a string or blob
// payload as it is, a structure, union or document payload as JSON, else
// the members bound to nothing as a JSON object, those left out nil (and
// sometimes no body at all for an absent payload or when none is set). A
// structure body is written again by reencode (see bodyShapes), with an
// unknown member and nulls.
func (w *valueWriter) outputBody(op *gogen.Operation, hdr, reply jen.Dict) []jen.Code {
	p := w.p
	w.serverNulls = true
	defer func() { w.serverNulls = false }()
	check := func(m *shapes.Member, want jen.Code) jen.Code {
		return jen.Id("check").Call(jen.Id("t"), jen.Lit(0), jen.Lit(m.Name), want, jen.Id("out").Dot(p.FieldName(m)))
	}
	setBody := func(contentType, body string) {
		hdr[jen.Lit("Content-Type")] = jen.Index().String().Values(jen.Lit(contentType))
		reply[jen.Id("Body")] = jen.Lit(body)
	}
	shape, ok := w.bodies.top(op.Output)
	if !ok {
		shape = -1
	}
	reply[jen.Id("Shape")] = jen.Lit(shape)
	var body []*shapes.Member
	for _, m := range memberList(op.Output) {
		if m.Traits.HTTPPayload() {
			if t := m.Target.Kind; (t == shapes.KindStructure || t == shapes.KindUnion || t == shapes.KindDocument) && !m.Traits.Required() && w.chance(4) {
				// No body: the payload is absent.
				return []jen.Code{jen.Var().Id("zero").Qual(p.ImportPath, op.OutputName), check(m, jen.Id("zero").Dot(p.FieldName(m)))}
			}
			v := w.fieldWire(m, 0)
			switch t := m.Target; {
			case t.Kind == shapes.KindBlob && len(v.w.bytes) > 0:
				setBody("application/octet-stream", string(v.w.bytes))
			case t.Kind == shapes.KindString && v.w.text != "":
				setBody("text/plain", v.w.text)
			case t.Kind == shapes.KindStructure || t.Kind == shapes.KindUnion || t.Kind == shapes.KindDocument:
				setBody("application/json", v.w.json("restJson1"))
			default:
				// An empty payload: nil or empty, as a client likes.
				return nil
			}
			return []jen.Code{check(m, v.code)}
		}
		if !hasBinding(m) {
			body = append(body, m)
		}
	}
	if len(body) == 0 {
		return nil
	}
	var checks []jen.Code
	obj := wire{kind: wObject}
	for _, m := range body {
		must := m.Traits.Required() || m.Traits.HasNonNullDefault()
		if !must && w.chance(3) {
			checks = append(checks, check(m, jen.Id("zero").Dot(p.FieldName(m))))
			continue
		}
		v := w.fieldWire(m, 0)
		obj.add(m, v.w)
		checks = append(checks, check(m, v.code))
	}
	if len(obj.keys) > 0 || w.chance(2) {
		setBody("application/json", obj.json("restJson1"))
	} // else no body at all, for an output with no body member set
	return append([]jen.Code{jen.Var().Id("zero").Qual(p.ImportPath, op.OutputName), jen.Id("_").Op("=").Id("zero")}, checks...)
}

// wireTest is the test of a binding operation's wire format: three calls,
// each against a server that records the request and answers with the
// call's reply.
func (w *valueWriter) wireTest(f *jen.File, i int, op *gogen.Operation) {
	h, ok := op.Shape.Traits.HTTP()
	if !ok {
		return
	}
	var calls []jen.Code
	for range 3 {
		c := w.bindingCall(op, h.URI)
		body := []jen.Code{
			jen.List(jen.Id("url"), jen.Id("reqs")).Op(":=").Id("newScripted").Call(jen.Id("t"), c.reply),
			jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("newClientAt").Call(jen.Id("t"), jen.Id("url")).Dot(op.Method).Call(jen.Qual("context", "Background").Call(), c.input),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
			jen.Id("r").Op(":=").Id("reqs").Call().Index(jen.Lit(0)),
			jen.List(jen.Id("_"), jen.Id("_")).Op("=").List(jen.Id("out"), jen.Id("r")),
		}
		body = append(body, c.checks...)
		calls = append(calls, jen.Id("t").Dot("Run").Call(jen.Lit(strconv.Itoa(len(calls))), jen.Func().Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(body...)))
	}
	f.Commentf("TestWire%d checks where %s puts its bound members, and what it reads from a reply.", i, op.Method)
	f.Func().Id(fmt.Sprintf("TestWire%d", i)).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(calls...)
}

// hasBindings reports an operation with a label, query, header, prefix
// header, payload or response-code member.
func hasBindings(op *gogen.Operation) bool {
	for _, io := range []*shapes.Shape{op.Input, op.Output} {
		for _, m := range memberList(io) {
			_, q := m.Traits.HTTPQuery()
			_, h := m.Traits.HTTPHeader()
			_, ph := m.Traits.HTTPPrefixHeaders()
			if m.Traits.HTTPLabel() || q || h || ph || m.Traits.HTTPQueryParams() || m.Traits.HTTPPayload() || m.Traits.HTTPResponseCode() {
				return !slices.ContainsFunc(memberList(io), gogen.IsStreaming)
			}
		}
	}
	return false
}

// errorTest calls op against a server that answers with the modeled error
// e, and checks that errors.As finds it with the members sent.
func (w *valueWriter) errorTest(f *jen.File, name string, op *gogen.Operation, e *shapes.Shape, queryCompat bool) {
	p := w.p
	status := e.Traits.HTTPError()
	if status == 0 {
		status = 400
		if e.Traits.ErrorFault() == "server" {
			status = 500
		}
	}
	errType := pick(w.r, []string{e.ID.Name, e.ID.String(), e.ID.Name + ":http://internal.amazon.com/coral/com.amazon.coral.validate/"})
	hdr := jen.Dict{}
	typeHeader := errType
	var body []string
	var checks []jen.Code
	proto := w.o.Protocol
	if rpc(proto) {
		// The RPC protocols' error type is the body's __type: rpcv2's
		// only (a header naming another type must be ignored); awsJson's
		// after X-Amzn-Errortype, and "code" does as __type.
		k, _ := json.Marshal(errType)
		key := "__type"
		switch {
		case strings.HasPrefix(proto, "rpcv2"):
			typeHeader = "NotTheModeledError"
		case w.chance(3):
			typeHeader = ""
		case w.chance(2):
			typeHeader, key = "", "code"
		}
		body = append(body, `"`+key+`":`+string(k))
	}
	if typeHeader != "" {
		hdr[jen.Lit("X-Amzn-Errortype")] = jen.Index().String().Values(jen.Lit(typeHeader))
	}
	wantCode, wantFault := e.ID.Name, e.Traits.ErrorFault()
	if queryCompat && w.chance(2) {
		// What the service's awsQuery clients saw: the error's
		// @awsQueryError code (else another), and whose fault it is.
		code := "Other.Code"
		if raw, ok := e.Traits.Raw("aws.protocols#awsQueryError"); ok {
			var q struct{ Code string }
			if json.Unmarshal([]byte(raw), &q) == nil && q.Code != "" {
				code = q.Code
			}
		}
		typ := pick(w.r, []string{"Sender", "Receiver"})
		hdr[jen.Lit("X-Amzn-Query-Error")] = jen.Index().String().Values(jen.Lit(code + ";" + typ))
		wantCode, wantFault = code, map[string]string{"Sender": "client", "Receiver": "server"}[typ]
		checks = append(checks, jen.Id("check").Call(jen.Id("t"), jen.Lit(0), jen.Lit("QueryErrorType"), jen.Lit(typ), jen.Id("e").Dot("QueryErrorType")))
	}
	if queryCompat {
		checks = append(checks,
			jen.If(jen.Id("e").Dot("ErrorCode").Call().Op("!=").Lit(wantCode).Op("||").Id("e").Dot("ErrorFault").Call().Op("!=").Lit(wantFault)).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("ErrorCode(), ErrorFault() = %q, %q, want %q, %q"), jen.Id("e").Dot("ErrorCode").Call(), jen.Id("e").Dot("ErrorFault").Call(), jen.Lit(wantCode), jen.Lit(wantFault))))
	}
	for _, m := range e.Members {
		got := jen.Id("e").Dot(p.FieldName(m))
		if hname, ok := m.Traits.HTTPHeader(); ok && !rpc(proto) {
			b, ok := w.boundValue(m, inHeader)
			if !ok {
				continue
			}
			hdr[jen.Lit(hname)] = jen.Index().String().Values(jen.Lit(b.header()))
			checks = append(checks, jen.Id("check").Call(jen.Id("t"), jen.Lit(0), jen.Lit(m.Name), b.code, got))
			continue
		}
		if !covered(m.Target) {
			continue
		}
		if strings.HasPrefix(proto, "rpcv2") && m.Target.Kind == shapes.KindTimestamp {
			// rpcv2 ignores @timestampFormat (and rpcv2Cbor wants a tag
			// 1 the JSON of the reply cannot say): the echoes check them.
			continue
		}
		v, ok := w.scalar(m, m.Target, inBody)
		if !ok {
			continue
		}
		key := m.Name
		if j, ok := m.Traits.JSONName(); ok && !rpc(proto) {
			key = j
		}
		k, _ := json.Marshal(key)
		var val []byte
		switch {
		case m.Target.Kind == shapes.KindString || m.Target.IsEnum() || v.kind == "date-time" || v.kind == "http-date":
			val, _ = json.Marshal(v.text)
		default:
			val = []byte(v.text)
		}
		body = append(body, string(k)+":"+string(val))
		checks = append(checks, jen.Id("check").Call(jen.Id("t"), jen.Lit(0), jen.Lit(m.Name), w.wrap(m, v.code), got))
		if (m.Name == "message" || m.Name == "Message") && m.Target.Kind == shapes.KindString && !m.Target.IsEnum() {
			checks = append(checks, jen.If(jen.Id("e").Dot("ErrorMessage").Call().Op("!=").Lit(v.text)).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("ErrorMessage() = %q, want %q"), jen.Id("e").Dot("ErrorMessage").Call(), jen.Lit(v.text))))
		}
	}
	hdr[jen.Lit("Content-Type")] = jen.Index().String().Values(jen.Lit("application/json"))
	reply := jen.Id("reply").Values(jen.Dict{jen.Id("Status"): jen.Lit(status), jen.Id("Header"): jen.Map(jen.String()).Index().String().Values(hdr),
		jen.Id("Body"): jen.Lit("{" + strings.Join(body, ",") + "}")})
	stmts := []jen.Code{
		jen.List(jen.Id("url"), jen.Id("_")).Op(":=").Id("newScripted").Call(jen.Id("t"), reply),
		jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("newClientAt").Call(jen.Id("t"), jen.Id("url")).Dot(op.Method).Call(jen.Qual("context", "Background").Call(), w.input(op)),
		jen.Var().Id("e").Op("*").Qual(p.TypesPath, p.TypeName(e)),
		jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("e"))).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("got %v (%T), want a *"+p.TypeName(e)), jen.Err(), jen.Err())),
	}
	stmts = append(stmts, checks...)
	f.Commentf("%s checks that %s returns the modeled error %s.", name, op.Method, e.ID.Name)
	f.Func().Id(name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(stmts...)
}

// streamTest checks that bytes survive a streaming upload or download.
func (w *valueWriter) streamTest(f *jen.File, name string, op *gogen.Operation) {
	data := string(randomBytes(w.r, w.r.IntN(3000)))
	var stmts []jen.Code
	if m := streamMember(op.Input); m != nil {
		stmts = []jen.Code{
			jen.List(jen.Id("url"), jen.Id("reqs")).Op(":=").Id("newScripted").Call(jen.Id("t"), jen.Id("reply").Values(jen.Dict{jen.Id("Status"): jen.Lit(200)})),
			jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("newClientAt").Call(jen.Id("t"), jen.Id("url")).Dot(op.Method).Call(jen.Qual("context", "Background").Call(),
				jen.Op("&").Qual(w.p.ImportPath, op.InputName).Values(jen.Id(w.p.FieldName(m)).Op(":").Qual("strings", "NewReader").Call(jen.Lit(data)))),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
			jen.If(jen.Id("got").Op(":=").String().Call(jen.Id("reqs").Call().Index(jen.Lit(0)).Dot("Body")), jen.Id("got").Op("!=").Lit(data)).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("server received %d bytes %q, want %d"), jen.Len(jen.Id("got")), jen.Id("got"), jen.Lit(len(data)))),
		}
	} else if m := streamMember(op.Output); m != nil {
		stmts = []jen.Code{
			jen.List(jen.Id("url"), jen.Id("_")).Op(":=").Id("newScripted").Call(jen.Id("t"), jen.Id("reply").Values(jen.Dict{jen.Id("Status"): jen.Lit(200), jen.Id("Body"): jen.Lit(data)})),
			jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("newClientAt").Call(jen.Id("t"), jen.Id("url")).Dot(op.Method).Call(jen.Qual("context", "Background").Call(), w.input(op)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
			jen.List(jen.Id("got"), jen.Err()).Op(":=").Qual("io", "ReadAll").Call(jen.Id("out").Dot(w.p.FieldName(m))),
			jen.Id("out").Dot(w.p.FieldName(m)).Dot("Close").Call(),
			jen.If(jen.Err().Op("!=").Nil().Op("||").String().Call(jen.Id("got")).Op("!=").Lit(data)).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("read %d bytes (%v), want %d"), jen.Len(jen.Id("got")), jen.Err(), jen.Lit(len(data)))),
		}
	} else {
		return
	}
	f.Commentf("%s checks that %d bytes survive %s.", name, len(data), op.Method)
	f.Func().Id(name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(stmts...)
}

func streamMember(s *shapes.Shape) *shapes.Member {
	for _, m := range memberList(s) {
		if gogen.IsStreaming(m) {
			return m
		}
	}
	return nil
}

// waiterTest runs the Ready waiter (see waiterOp): the server answers
// pending, then ready; a second run meets a failed item and must fail.
func (w *valueWriter) waiterTest(f *jen.File, name string, op *gogen.Operation) {
	var method string
	for _, wt := range op.Waiters {
		if wt.Name == "Ready" {
			method = wt.Method
		}
	}
	if method == "" {
		return
	}
	js := func(body string) jen.Code {
		return jen.Id("reply").Values(jen.Dict{jen.Id("Status"): jen.Lit(200), jen.Id("Body"): jen.Lit(body),
			jen.Id("Header"): jen.Map(jen.String()).Index().String().Values(jen.Dict{jen.Lit("Content-Type"): jen.Index().String().Values(jen.Lit("application/json"))})})
	}
	status := w.p.FieldName(op.Output.Member("status"))
	in := jen.Op("&").Qual(w.p.ImportPath, op.InputName).Values()
	f.Commentf("%s runs %s until the server says ready.", name, method)
	f.Func().Id(name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
		jen.List(jen.Id("url"), jen.Id("reqs")).Op(":=").Id("newScripted").Call(jen.Id("t"), js(`{"status":"pending","items":[]}`), js(`{"status":"ready","items":[{"state":"ok"}]}`)),
		jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("newClientAt").Call(jen.Id("t"), jen.Id("url")).Dot(method).Call(jen.Qual("context", "Background").Call(), in, jen.Lit(20).Op("*").Qual("time", "Second")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
		jen.If(jen.Qual("fmt", "Sprint").Call(jen.Id("out").Dot(status)).Op("!=").Lit("ready").Op("||").Len(jen.Id("reqs").Call()).Op("!=").Lit(2)).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("status %v after %d calls, want ready after 2"), jen.Id("out").Dot(status), jen.Len(jen.Id("reqs").Call()))),
		jen.List(jen.Id("url2"), jen.Id("_")).Op(":=").Id("newScripted").Call(jen.Id("t"), js(`{"status":"pending","items":[{"state":"failed"}]}`)),
		jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("newClientAt").Call(jen.Id("t"), jen.Id("url2")).Dot(method).Call(jen.Qual("context", "Background").Call(), in, jen.Lit(20).Op("*").Qual("time", "Second")), jen.Err().Op("==").Nil()).Block(
			jen.Id("t").Dot("Error").Call(jen.Lit("a failed item did not fail the waiter"))),
	)
}

// alnum is n random letters and digits: a safe header value, query value
// or header name suffix.
var alnum = runesFrom([]rune("abcxyzABCXYZ0129"))

// headerList writes a list header as a server must: items joined by ", ",
// an item with a comma or a double quote in double quotes, with its quotes
// and backslashes escaped.
func headerList(items []string) string {
	var out []string
	for _, s := range items {
		if strings.ContainsAny(s, `,"`) {
			s = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

// header is the header value of a bound value: a list as headerList
// writes it, a single value as it is (an http-date holds a comma).
func (b bound) header() string {
	if b.list {
		return headerList(b.texts)
	}
	return b.texts[0]
}

// eventStreamOf returns the event-stream member of an operation's input
// or output s, or nil.
func eventStreamOf(s *shapes.Shape) *shapes.Member {
	for _, m := range memberList(s) {
		if m.Target.Kind == shapes.KindUnion && m.Target.Traits.Streaming() {
			return m
		}
	}
	return nil
}

// randomEvents returns up to five random events of the union u, as
// composite literals, and, half the time when u has one, the error member
// that ends the stream.
func (w *valueWriter) randomEvents(u *shapes.Shape) (sent []jen.Code, fault *shapes.Member) {
	var events, faults []*shapes.Member
	for _, m := range u.Members {
		if m.Target.IsError() {
			faults = append(faults, m)
		} else {
			events = append(events, m)
		}
	}
	for range w.r.IntN(6) {
		m := events[w.r.IntN(len(events))]
		sent = append(sent, jen.Op("&").Qual(w.p.TypesPath, w.p.UnionMemberName(m)).Values(jen.Id("Value").Op(":").Add(w.value(m, 1))))
	}
	if len(faults) > 0 && w.chance(2) {
		fault = faults[0]
	}
	return sent, fault
}

// eventStreamTest runs the generated server with a handler whose output
// stream sends random events, then, half the time, the union's exception;
// the client must read each event as it was sent, then the exception as
// its type, or the end of the stream.
func (w *valueWriter) eventStreamTest(f *jen.File, i int, op *gogen.Operation) {
	p := w.p
	stream := eventStreamOf(op.Output)
	if stream == nil {
		w.inputEventStreamTest(f, i, op)
		return
	}
	union := jen.Qual(p.TypesPath, p.TypeName(stream.Target))
	sent, fault := w.randomEvents(stream.Target)
	serverPkg := p.ImportPath + "/server"
	svcType := fmt.Sprintf("eventService%d", i)
	f.Commentf("%s serves %s with the events of its test.", svcType, op.Method)
	f.Type().Id(svcType).Struct(
		jen.Qual(serverPkg, "Unimplemented"),
		jen.Id("events").Index().Add(union.Clone()),
		jen.Id("err").Error(),
	)
	f.Func().Params(jen.Id("s").Op("*").Id(svcType)).Id(op.Method).Params(jen.Id("_").Qual("context", "Context"), jen.Id("_").Op("*").Qual(p.ImportPath, op.InputName)).Params(jen.Op("*").Qual(p.ImportPath, op.OutputName), jen.Error()).Block(
		jen.Return(jen.Op("&").Qual(p.ImportPath, op.OutputName).Values(jen.Dict{
			jen.Id(p.FieldName(stream)): jen.Qual(p.ImportPath, p.EventReaderConstructor(stream.Target)).Call(
				jen.Func().Params(jen.Id("yield").Func().Params(union.Clone(), jen.Error()).Bool()).Block(
					jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Id("s").Dot("events")).Block(
						jen.If(jen.Op("!").Id("yield").Call(jen.Id("e"), jen.Nil())).Block(jen.Return()),
					),
					jen.If(jen.Id("s").Dot("err").Op("!=").Nil()).Block(jen.Id("yield").Call(jen.Nil(), jen.Id("s").Dot("err"))),
				)),
		}), jen.Nil()),
	)
	name := fmt.Sprintf("TestEvents%d", i)
	body := []jen.Code{
		jen.Id("s").Op(":=").Op("&").Id(svcType).Values(jen.Dict{jen.Id("events"): jen.Index().Add(union.Clone()).Values(sent...)}),
	}
	var end jen.Code = jen.If(jen.Id("end").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("the stream ended with %v"), jen.Id("end")))
	if fault != nil {
		body = append(body, jen.Id("fault").Op(":=").Op("&").Add(w.value(fault, 1)), jen.Id("s").Dot("err").Op("=").Id("fault"))
		end = jen.Block(
			jen.Var().Id("got").Op("*").Qual(p.TypesPath, p.TypeName(fault.Target)),
			jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Id("end"), jen.Op("&").Id("got"))).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("the stream ended with %v, want the exception"), jen.Id("end"))),
			jen.Id("check").Call(jen.Id("t"), jen.Lit(0), jen.Lit("exception"), jen.Id("fault"), jen.Id("got")),
		)
	}
	body = append(body,
		jen.Id("srv").Op(":=").Qual("net/http/httptest", "NewServer").Call(jen.Qual(serverPkg, "NewHandler").Call(jen.Id("s"), jen.Qual(serverPkg, "HandlerOptions").Values())),
		jen.Id("t").Dot("Cleanup").Call(jen.Id("srv").Dot("Close")),
		jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("newClientAt").Call(jen.Id("t"), jen.Id("srv").Dot("URL")).Dot(op.Method).Call(jen.Qual("context", "Background").Call(), jen.Op("&").Qual(p.ImportPath, op.InputName).Values()),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
		jen.Defer().Id("out").Dot(p.FieldName(stream)).Dot("Close").Call(),
		jen.Var().Id("got").Index().Add(union.Clone()),
		jen.Var().Id("end").Error(),
		jen.For(jen.List(jen.Id("e"), jen.Err()).Op(":=").Range().Id("out").Dot(p.FieldName(stream)).Dot("Events").Call()).Block(
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("end").Op("=").Err(), jen.Break()),
			jen.Id("got").Op("=").Append(jen.Id("got"), jen.Id("e")),
		),
		jen.If(jen.Len(jen.Id("got")).Op("!=").Len(jen.Id("s").Dot("events"))).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("read %d events, sent %d (end: %v)"), jen.Len(jen.Id("got")), jen.Len(jen.Id("s").Dot("events")), jen.Id("end"))),
		jen.For(jen.List(jen.Id("i"), jen.Id("e")).Op(":=").Range().Id("s").Dot("events")).Block(
			jen.Id("check").Call(jen.Id("t"), jen.Id("i"), jen.Lit("event"), jen.Id("e"), jen.Id("got").Index(jen.Id("i"))),
		),
		end,
	)
	f.Commentf("%s sends %d events through the generated server and client of %s.", name, len(sent), op.Method)
	f.Func().Id(name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(body...)
}

// inputEventStreamTest runs the generated server with a handler that reads
// its input's event stream: the client sends random events, then, half the
// time, the union's exception; the handler must read each event as it was
// sent, then the exception as its type, or the end of the stream.
func (w *valueWriter) inputEventStreamTest(f *jen.File, i int, op *gogen.Operation) {
	p := w.p
	stream := eventStreamOf(op.Input)
	if stream == nil {
		return
	}
	union := jen.Qual(p.TypesPath, p.TypeName(stream.Target))
	sent, fault := w.randomEvents(stream.Target)
	serverPkg := p.ImportPath + "/server"
	svcType := fmt.Sprintf("eventService%d", i)
	field := p.FieldName(stream)
	f.Commentf("%s serves %s, keeping the events it reads.", svcType, op.Method)
	f.Type().Id(svcType).Struct(
		jen.Qual(serverPkg, "Unimplemented"),
		jen.Id("got").Index().Add(union.Clone()),
		jen.Id("end").Error(),
	)
	f.Func().Params(jen.Id("s").Op("*").Id(svcType)).Id(op.Method).Params(jen.Id("_").Qual("context", "Context"), jen.Id("in").Op("*").Qual(p.ImportPath, op.InputName)).Params(jen.Op("*").Qual(p.ImportPath, op.OutputName), jen.Error()).Block(
		jen.If(jen.Id("in").Dot(field).Op("!=").Nil()).Block(
			jen.Defer().Id("in").Dot(field).Dot("Close").Call(),
			jen.For(jen.List(jen.Id("e"), jen.Err()).Op(":=").Range().Id("in").Dot(field).Dot("Events").Call()).Block(
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("s").Dot("end").Op("=").Err(), jen.Break()),
				jen.Id("s").Dot("got").Op("=").Append(jen.Id("s").Dot("got"), jen.Id("e")),
			),
		),
		jen.Return(jen.Op("&").Qual(p.ImportPath, op.OutputName).Values(), jen.Nil()),
	)
	name := fmt.Sprintf("TestEvents%d", i)
	body, end := w.eventsToSend(union, sent, fault, w.faultValue(fault), jen.Id("s").Dot("end"))
	body = append(body,
		jen.Id("s").Op(":=").Op("&").Id(svcType).Values(),
		jen.Id("srv").Op(":=").Qual("net/http/httptest", "NewServer").Call(jen.Qual(serverPkg, "NewHandler").Call(jen.Id("s"), jen.Qual(serverPkg, "HandlerOptions").Values())),
		jen.Id("t").Dot("Cleanup").Call(jen.Id("srv").Dot("Close")),
		jen.Id("in").Op(":=").Op("&").Qual(p.ImportPath, op.InputName).Values(jen.Dict{
			jen.Id(field): jen.Qual(p.ImportPath, p.EventReaderConstructor(stream.Target)).Call(
				jen.Func().Params(jen.Id("yield").Func().Params(union.Clone(), jen.Error()).Bool()).Block(
					jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Id("send")).Block(
						jen.If(jen.Op("!").Id("yield").Call(jen.Id("e"), jen.Nil())).Block(jen.Return()),
					),
				)),
		}),
		jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("newClientAt").Call(jen.Id("t"), jen.Id("srv").Dot("URL")).Dot(op.Method).Call(jen.Qual("context", "Background").Call(), jen.Id("in")), jen.Err().Op("!=").Nil()).Block(
			jen.Id("t").Dot("Fatal").Call(jen.Err())),
		jen.If(jen.Len(jen.Id("s").Dot("got")).Op("!=").Len(jen.Id("events"))).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("read %d events, sent %d (end: %v)"), jen.Len(jen.Id("s").Dot("got")), jen.Len(jen.Id("events")), jen.Id("s").Dot("end"))),
		jen.For(jen.List(jen.Id("i"), jen.Id("e")).Op(":=").Range().Id("events")).Block(
			jen.Id("check").Call(jen.Id("t"), jen.Id("i"), jen.Lit("event"), jen.Id("e"), jen.Id("s").Dot("got").Index(jen.Id("i"))),
		),
		end,
	)
	f.Commentf("%s sends %d events from the generated client of %s to its server.", name, len(sent), op.Method)
	f.Func().Id(name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(body...)
}

// eventsToSend is the start of an event test's body: the events sent
// (events), the same with the exception fault after them when there is one
// (send), and the check of how the stream ended, whose error is endErr:
// (faultValue is the exception's value)
// none, or the exception, as its type and value.
func (w *valueWriter) eventsToSend(union *jen.Statement, sent []jen.Code, fault *shapes.Member, faultValue jen.Code, endErr *jen.Statement) (body []jen.Code, end jen.Code) {
	p := w.p
	body = []jen.Code{
		jen.Id("events").Op(":=").Index().Add(union.Clone()).Values(sent...),
		jen.Id("send").Op(":=").Id("events"),
	}
	if fault == nil {
		return body, jen.If(endErr.Clone().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("the stream ended with %v"), endErr.Clone()))
	}
	body = append(body,
		jen.Id("fault").Op(":=").Add(faultValue),
		jen.Id("send").Op("=").Append(jen.Id("send").Index(jen.Op(":").Len(jen.Id("send")).Op(":").Len(jen.Id("send"))), jen.Op("&").Qual(p.TypesPath, p.UnionMemberName(fault)).Values(jen.Id("Value").Op(":").Id("fault"))),
	)
	return body, jen.Block(
		jen.Var().Id("got").Op("*").Qual(p.TypesPath, p.TypeName(fault.Target)),
		jen.If(jen.Op("!").Qual("errors", "As").Call(endErr.Clone(), jen.Op("&").Id("got"))).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("the stream ended with %v, want the exception"), endErr.Clone())),
		jen.Id("check").Call(jen.Id("t"), jen.Lit(0), jen.Lit("exception"), jen.Op("&").Id("fault"), jen.Id("got")),
	)
}

// faultValue is a random value of the exception fault, nil without one.
func (w *valueWriter) faultValue(fault *shapes.Member) jen.Code {
	if fault == nil {
		return nil
	}
	return w.value(fault, 1)
}

// rpcEventTest sends random events (then, half the time, the union's
// exception) in the input stream of an RPC protocol's event operation,
// whose output streams the same union; the test server echoes the
// messages (the initial-request as the initial-response), so the client
// must read back each event as it was sent, then the exception as its
// type, or the stream's end.
func (w *valueWriter) rpcEventTest(f *jen.File, i int, op *gogen.Operation, newClient jen.Code) {
	p := w.p
	in, out := eventStreamOf(op.Input), eventStreamOf(op.Output)
	if in == nil || out == nil {
		return
	}
	union := jen.Qual(p.TypesPath, p.TypeName(in.Target))
	sent, fault := w.randomEvents(in.Target)
	body, end := w.eventsToSend(union, sent, fault, w.faultValue(fault), jen.Id("end"))
	body = append(body,
		jen.Id("in").Op(":=").Op("&").Qual(p.ImportPath, op.InputName).Values(jen.Dict{
			jen.Id(p.FieldName(in)): jen.Qual(p.ImportPath, p.EventReaderConstructor(in.Target)).Call(
				jen.Func().Params(jen.Id("yield").Func().Params(union.Clone(), jen.Error()).Bool()).Block(
					jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Id("send")).Block(
						jen.If(jen.Op("!").Id("yield").Call(jen.Id("e"), jen.Nil())).Block(jen.Return()),
					),
				)),
		}),
		jen.List(jen.Id("out"), jen.Err()).Op(":=").Add(newClient).Dot(op.Method).Call(jen.Qual("context", "Background").Call(), jen.Id("in")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
	)
	body = append(body, readEvents(jen.Id("out").Dot(p.FieldName(out)), union)...)
	body = append(body, end)
	name := fmt.Sprintf("TestEvents%d", i)
	f.Commentf("%s sends %d events through %s and reads them back from the echo server.", name, len(sent), op.Method)
	f.Func().Id(name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(body...)
}
