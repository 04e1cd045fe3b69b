package modelgen

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"slices"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/gogen"
	"github.com/smithygo/smithygo/internal/shapes"
)

// The event streams an RPC test server makes itself: the messages
// (prelude, typed headers, payload, CRC-32s) are written here, at
// generation time, from values whose Go literals the test compares with
// what the client reads.

// eventHeader is a header of an event-stream message: its type (0 true,
// 1 false, 2 byte, 3 short, 4 integer, 5 long, 6 bytes, 7 string, 8
// timestamp) and its value's bytes (with their length for 6 and 7).
type eventHeader struct {
	name  string
	typ   byte
	value []byte
}

func stringHeader(name, value string) eventHeader {
	return eventHeader{name, 7, append(binary.BigEndian.AppendUint16(nil, uint16(len(value))), value...)}
}

// eventMessage is one message of an event stream.
func eventMessage(headers []eventHeader, payload []byte) []byte {
	var hs []byte
	for _, h := range headers {
		hs = append(append(append(hs, byte(len(h.name))), h.name...), h.typ)
		hs = append(hs, h.value...)
	}
	m := binary.BigEndian.AppendUint32(nil, uint32(16+len(hs)+len(payload)))
	m = binary.BigEndian.AppendUint32(m, uint32(len(hs)))
	m = binary.BigEndian.AppendUint32(m, crc32.ChecksumIEEE(m))
	m = append(append(m, hs...), payload...)
	return binary.BigEndian.AppendUint32(m, crc32.ChecksumIEEE(m))
}

// document is v as a document of proto (CBOR with rpcv2Cbor, else JSON),
// and its media type.
func document(v wire, proto string) (string, []byte) {
	if proto == "rpcv2Cbor" {
		return "application/cbor", v.cbor(nil)
	}
	return "application/json", []byte(v.json(proto))
}

// headerOf is the typed header of an @eventHeader member's value.
func headerOf(m *shapes.Member, v wire) eventHeader {
	n, _ := strconv.ParseInt(v.text, 10, 64)
	switch m.Target.Kind {
	case shapes.KindBoolean:
		if v.text == "true" {
			return eventHeader{m.Name, 0, nil}
		}
		return eventHeader{m.Name, 1, nil}
	case shapes.KindByte:
		return eventHeader{m.Name, 2, []byte{byte(n)}}
	case shapes.KindShort:
		return eventHeader{m.Name, 3, binary.BigEndian.AppendUint16(nil, uint16(n))}
	case shapes.KindInteger, shapes.KindIntEnum:
		return eventHeader{m.Name, 4, binary.BigEndian.AppendUint32(nil, uint32(n))}
	case shapes.KindLong:
		return eventHeader{m.Name, 5, binary.BigEndian.AppendUint64(nil, uint64(n))}
	case shapes.KindBlob:
		return eventHeader{m.Name, 6, append(binary.BigEndian.AppendUint16(nil, uint16(len(v.bytes))), v.bytes...)}
	case shapes.KindTimestamp:
		return eventHeader{m.Name, 8, binary.BigEndian.AppendUint64(nil, uint64(v.ms))}
	}
	return stringHeader(m.Name, v.text)
}

// eventOf is the message of an event or exception (kind "event" or
// "exception") of the union member m, whose value is v: its @eventHeader
// members as typed headers, its @eventPayload member as the payload (a
// blob or string as it is, else a document), or its other members as a
// document.
func eventOf(kind string, m *shapes.Member, v wire, proto string) []byte {
	headers := []eventHeader{stringHeader(":message-type", kind), stringHeader(":"+kind+"-type", m.Name)}
	body := wire{kind: wObject}
	var payload []byte
	contentType := ""
	for i, key := range v.keys {
		mem := m.Target.Member(key) // nil for a message spelled otherwise
		switch {
		case mem != nil && mem.Traits.Has("smithy.api#eventHeader"):
			headers = append(headers, headerOf(mem, v.items[i]))
		case mem != nil && mem.Traits.Has("smithy.api#eventPayload"):
			switch p := v.items[i]; mem.Target.Kind {
			case shapes.KindBlob:
				contentType, payload = "application/octet-stream", p.bytes
			case shapes.KindString:
				contentType, payload = "text/plain", []byte(p.text)
			default:
				contentType, payload = document(p, proto)
			}
		default:
			body.keys, body.jsonKeys, body.items = append(body.keys, key), append(body.jsonKeys, v.jsonKeys[i]), append(body.items, v.items[i])
		}
	}
	if payload == nil && len(body.keys) > 0 {
		contentType, payload = document(body, proto)
	}
	if contentType != "" {
		headers = append(headers, stringHeader(":content-type", contentType))
	}
	return eventMessage(headers, payload)
}

// unknownEvent is the type of an event no model has.
const unknownEvent = "ModelgenUnknownEvent"

// rpcServerEventTest calls an RPC operation whose output only is an event
// stream against the test server, which answers with a stream written
// here (serverEvents): an initial-response holding the output's other
// members (always when it has some, else half the time; some left out as
// null, sometimes with an unknown member), each event of the
// union once and up to two more, in random order (half the time with an
// event the union does not have among them), then most of the time
// the union's exception when it has one (in JSON, its message sometimes
// spelled "Message" or "errorMessage"). The client must read the other
// members, each event as it was sent, then the exception as its type, or
// the stream's end.
func (w *valueWriter) rpcServerEventTest(f *jen.File, i int, op *gogen.Operation, newClient jen.Code, proto string) (stream []byte) {
	p := w.p
	w.serverNulls = true
	defer func() { w.serverNulls = false }()
	out := eventStreamOf(op.Output)
	union := jen.Qual(p.TypesPath, p.TypeName(out.Target))
	var others, events, faults []*shapes.Member
	for _, m := range op.Output.Members {
		if m != out {
			others = append(others, m)
		}
	}
	for _, m := range out.Target.Members {
		if m.Target.IsError() {
			faults = append(faults, m)
		} else {
			events = append(events, m)
		}
	}
	var checks []jen.Code
	if len(others) > 0 || w.chance(2) {
		initial := wire{kind: wObject}
		checks = append(checks, jen.Var().Id("zero").Qual(p.ImportPath, op.OutputName), jen.Id("_").Op("=").Id("zero"))
		for _, m := range others {
			field := jen.Id("out").Dot(p.FieldName(m))
			if !m.Traits.Required() && !m.Traits.HasNonNullDefault() && w.chance(3) {
				checks = append(checks, jen.Id("check").Call(jen.Id("t"), jen.Lit(0), jen.Lit(m.Name), jen.Id("zero").Dot(p.FieldName(m)), field))
				if m.Target.Kind != shapes.KindDocument && w.chance(2) {
					initial.add(m, wire{kind: wNull}) // null: absent
				}
				continue
			}
			v := w.fieldWire(m, 0)
			initial.add(m, v.w)
			checks = append(checks, jen.Id("check").Call(jen.Id("t"), jen.Lit(0), jen.Lit(m.Name), v.code, field))
		}
		if w.chance(2) {
			// A member the model does not have, which the client skips.
			initial.keys, initial.jsonKeys = append(initial.keys, "__modelgen_unknown"), append(initial.jsonKeys, "__modelgen_unknown")
			initial.items = append(initial.items, wire{kind: wList, items: []wire{{kind: wNumber, text: "1"}, {kind: wNull}, {kind: wObject}}})
		}
		ct, payload := document(initial, proto)
		stream = eventMessage([]eventHeader{stringHeader(":message-type", "event"), stringHeader(":event-type", "initial-response"), stringHeader(":content-type", ct)}, payload)
	}
	order := append(w.r.Perm(len(events)), w.r.Perm(len(events))[:w.r.IntN(min(3, len(events)+1))]...)
	var sent []jen.Code
	unknownAt := -1
	if w.chance(2) {
		unknownAt = w.r.IntN(len(order) + 1)
	}
	for k, j := range append(order, -1) {
		if k == unknownAt {
			// An event the model does not have: the client gives it as
			// the unknown union member, with its payload.
			ct, payload := document(wire{kind: wObject, keys: []string{"a"}, jsonKeys: []string{"a"}, items: []wire{{kind: wNumber, text: "1"}}}, proto)
			sent = append(sent, jen.Op("&").Qual(p.TypesPath, p.UnknownName).Values(jen.Dict{jen.Id("Tag"): jen.Lit(unknownEvent), jen.Id("Value"): jen.Index().Byte().Call(jen.Lit(string(payload)))}))
			stream = append(stream, eventMessage([]eventHeader{stringHeader(":message-type", "event"), stringHeader(":event-type", unknownEvent), stringHeader(":content-type", ct)}, payload)...)
		}
		if j < 0 {
			break
		}
		m := events[j]
		v := w.gen(m, 1)
		sent = append(sent, jen.Op("&").Qual(p.TypesPath, p.UnionMemberName(m)).Values(jen.Id("Value").Op(":").Add(v.code)))
		stream = append(stream, eventOf("event", m, v.w, proto)...)
	}
	var fault *shapes.Member
	var faultValue jen.Code
	if len(faults) > 0 && !w.chance(3) {
		fault = faults[0]
		v := w.gen(fault, 1)
		faultValue = v.code
		if i := slices.Index(v.w.keys, "message"); i >= 0 && v.w.items[i].text != "" && proto != "rpcv2Cbor" && w.chance(2) {
			// JSON services spell the message differently; a client
			// takes it from wherever it is. Not an empty one: the
			// fallback (call.JSONErrorFields) cannot tell "" from no
			// message, and leaves the member nil (seed 9910002).
			v.w.keys = slices.Clone(v.w.keys)
			v.w.keys[i] = pick(w.r, []string{"Message", "errorMessage"})
		}
		stream = append(stream, eventOf("exception", fault, v.w, proto)...)
	}
	body, end := w.eventsToSend(union, sent, fault, faultValue, jen.Id("end"))
	body = append(body,
		jen.Id("_").Op("=").Id("send"), // the events the server sends are in serverEvents
		jen.List(jen.Id("out"), jen.Err()).Op(":=").Add(newClient).Dot(op.Method).Call(jen.Qual("context", "Background").Call(), jen.Op("&").Qual(p.ImportPath, op.InputName).Values()),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
	)
	body = append(body, checks...)
	body = append(body, readEvents(jen.Id("out").Dot(p.FieldName(out)), union)...)
	body = append(body, end)
	name := fmt.Sprintf("TestServerEvents%d", i)
	f.Commentf("%s reads %d events (and the output's other members) that the test server makes for %s.", name, len(sent), op.Method)
	f.Func().Id(name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(body...)
	return stream
}

// readEvents reads the events of stream (the client's output member) into
// got, until the error end, and checks them against events.
func readEvents(stream *jen.Statement, union *jen.Statement) []jen.Code {
	return []jen.Code{
		jen.Defer().Add(stream.Clone()).Dot("Close").Call(),
		jen.Var().Id("got").Index().Add(union.Clone()),
		jen.Var().Id("end").Error(),
		jen.For(jen.List(jen.Id("e"), jen.Err()).Op(":=").Range().Add(stream.Clone()).Dot("Events").Call()).Block(
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("end").Op("=").Err(), jen.Break()),
			jen.Id("got").Op("=").Append(jen.Id("got"), jen.Id("e")),
		),
		jen.If(jen.Len(jen.Id("got")).Op("!=").Len(jen.Id("events"))).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("read %d events, sent %d (end: %v)"), jen.Len(jen.Id("got")), jen.Len(jen.Id("events")), jen.Id("end"))),
		jen.For(jen.List(jen.Id("i"), jen.Id("e")).Op(":=").Range().Id("events")).Block(
			jen.Id("check").Call(jen.Id("t"), jen.Id("i"), jen.Lit("event"), jen.Id("e"), jen.Id("got").Index(jen.Id("i"))),
		),
	}
}
