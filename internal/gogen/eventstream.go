package gogen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/naming"
	"github.com/smithygo/smithygo/internal/shapes"
)

// An event stream is a member of an operation's input or output that
// targets a @streaming union: the HTTP body is then a sequence of
// messages (runtime/eventstream), each an event, one of the union's
// members. The client sends an input's stream and reads an output's with
// every protocol it speaks (restJson1, awsJson, rpcv2Cbor and rpcv2Json);
// both are the runtime's EventStream of the union, under an alias of the
// package. A signed call signs each message it sends (SigV4's event
// signing, in the request path).

// isEventStream reports whether member m is an event stream.
func isEventStream(m *shapes.Member) bool {
	return m.Target.Kind == shapes.KindUnion && m.Target.Traits.Streaming()
}

// eventStreamMember returns the event-stream member of an operation's
// input or output s, or nil.
func eventStreamMember(s *shapes.Shape) *shapes.Member {
	if s == nil {
		return nil
	}
	for _, m := range s.Members {
		if isEventStream(m) {
			return m
		}
	}
	return nil
}

// outputEvents returns the event-stream member of op's output when the
// client reads it, or nil.
func (p *Plan) outputEvents(op *Operation) *shapes.Member {
	if _, ok := p.eventStreamProtocol(); !ok {
		return nil
	}
	return eventStreamMember(op.Output)
}

// inputEvents returns the event-stream member of op's input when the
// client sends it, or nil.
func (p *Plan) inputEvents(op *Operation) *shapes.Member {
	if _, ok := p.eventStreamProtocol(); !ok {
		return nil
	}
	return eventStreamMember(op.Input)
}

// eventStreamProtocol reports whether the client reads the event streams
// of its protocol (ok), and whether the protocol sends the output's other
// members in a first event, "initial-response" (initial), rather than in
// the HTTP response: restJson1 binds them to the response's headers, the
// RPC protocols put them in that event.
func (p *Plan) eventStreamProtocol() (initial, ok bool) {
	switch p.proto.(type) {
	case restJSON1:
		return false, true
	case awsJSON, rpcv2CBOR, rpcv2JSON:
		return true, true
	}
	return false, false
}

// eventDocumentType is the media type of an event's payload when it is a
// document of the protocol's (a structure or union member's, or the
// members that are not headers): CBOR for rpcv2Cbor, JSON otherwise.
func (p *Plan) eventDocumentType() string {
	if _, ok := p.proto.(rpcv2CBOR); ok {
		return "application/cbor"
	}
	return "application/json"
}

// eventStreamMediaType is the media type of an event stream's body.
const eventStreamMediaType = "application/vnd.amazon.eventstream"

// unsupportedEvents reports whether op has an event stream the client
// does not support: its method returns an error.
func (p *Plan) unsupportedEvents(op *Operation) bool {
	_, ok := p.eventStreamProtocol()
	return !ok && (eventStreamMember(op.Input) != nil || eventStreamMember(op.Output) != nil)
}

// planEventStreams names, for each union an event stream targets, the
// alias of the stream's type in the main package and its constructor from
// a sequence; for an output's, the function that decodes an event from its
// message, and for an input's, the one that frames an event as a message.
func (p *Plan) planEventStreams(scope *naming.Scope) {
	// name names the function or type prefix+Union+suffix of the union
	// u, once.
	name := func(names map[*shapes.Shape]string, u *shapes.Shape, prefix, suffix string) {
		if names[u] == "" {
			names[u] = scope.Unique(prefix+naming.Exported(p.Svc.Name(u))+suffix, u.ID.String())
		}
	}
	for _, o := range p.Operations {
		for _, m := range []*shapes.Member{p.inputEvents(o), p.outputEvents(o)} {
			if m != nil {
				name(p.eventReader, m.Target, "", "Reader")
				name(p.eventNew, m.Target, "New", "Reader")
			}
		}
		if m := p.outputEvents(o); m != nil {
			name(p.eventDecodeFn, m.Target, "readEvent", "")
			if p.eventErrorName == "" {
				p.eventErrorName = scope.Unique("EventStreamError", "the event streams' unmodeled errors")
			}
		}
		if m := p.inputEvents(o); m != nil {
			name(p.eventEncodeFn, m.Target, "writeEvent", "")
		}
	}
}

// readsEvents reports whether the client reads streams of the union u (an
// output's).
func (p *Plan) readsEvents(u *shapes.Shape) bool { return p.eventDecodeFn[u] != "" }

// emitEventReaders declares the alias of each event stream's type:
// the runtime's EventStream of the union, a name the package's users can
// write (with copy mode, the runtime is under internal/).
func emitEventReaders(f *jen.File, p *Plan) {
	for _, u := range p.sortedShapes(func(s *shapes.Shape) bool { return p.eventReader[s] != "" }) {
		name, newName := p.eventReader[u], p.eventNew[u]
		var doc []string
		if p.readsEvents(u) {
			var errs []string
			for _, m := range u.Members {
				if m.Target.IsError() {
					errs = append(errs, "*types."+p.TypeName(m.Target))
				}
			}
			ends := fmt.Sprintf("An error event ends the stream with an *%s.", p.eventErrorName)
			if len(errs) > 0 {
				ends = fmt.Sprintf("An error event ends the stream with its error: %s for the exceptions the model names, an *%s for any other.", strings.Join(errs, ", "), p.eventErrorName)
			}
			doc = append(doc, "An operation's output holds the stream the service sends: Recv or Events read its events one at a time, as they arrive, and Close ends it (call it once done with the stream, whether read to its end or not). "+ends)
		}
		if p.eventEncodeFn[u] != "" {
			doc = append(doc, fmt.Sprintf("An operation's input holds the stream the client sends, made by %s from a sequence.", newName))
		}
		f.Add(comment(wrap("%s is a stream of types.%s events. %s", name, p.TypeName(u), strings.Join(doc, " "))))
		f.Type().Id(name).Op("=").Qual(p.runtimePkg("eventstream"), "EventStream").Types(jen.Qual(p.TypesPath, p.TypeName(u)))
		f.Line()
		f.Add(comment(wrap("%s returns the stream of the events seq yields: what an operation's input holds for the client to send each event as seq yields it (the request's stream ends when seq returns; an error seq yields cuts it off, failing the call or its output's stream), what a server's handler returns in its output, to send each event as seq yields it (an error seq yields ends the stream: an exception the union names is sent as such, any other as an internal failure), or a test's stand-in for a service's stream.", newName)))
		f.Func().Id(newName).Params(jen.Id("seq").Qual("iter", "Seq2").Types(jen.Qual(p.TypesPath, p.TypeName(u)), jen.Error())).Op("*").Id(name).Block(
			jen.Return(jen.Qual(p.runtimePkg("eventstream"), "EventsFrom").Call(jen.Id("seq"))),
		)
		f.Line()
	}
	if p.eventErrorName != "" {
		f.Add(comment(wrap("%s is an error event of an event stream that the model does not name: a message of type \"error\", with its code and message, or an exception of a type this client does not know.", p.eventErrorName)))
		f.Type().Id(p.eventErrorName).Op("=").Qual(p.runtimePkg("eventstream"), "EventStreamError")
		f.Line()
	}
}

// eventFunc names the function that decodes an event of the union u from
// its message, emitting it the first time.
func (c *codec) eventFunc(u *shapes.Shape) string {
	name := c.eventDecNames[u]
	if _, ok := c.funcs[name]; !ok {
		c.funcs[name] = jen.Null() // taken, while the body queues what it decodes
		c.funcs[name] = c.eventDecoder(u)
	}
	return name
}

// eventDecoder emits the function that decodes a message of an event
// stream of u: an event (":message-type" "event") is the union's member
// its ":event-type" names, or an UnknownUnionMember holding the payload
// for one the model does not have; an exception is the error member its
// ":exception-type" names, returned as an error; an exception the model
// does not name, or a message of type "error", is an *EventStreamError;
// a message or an event without its type (as a string) is an error.
func (c *codec) eventDecoder(u *shapes.Shape) jen.Code {
	es := c.p.runtimePkg("eventstream")
	msg := jen.Op("*").Qual(es, "EventMessage")
	t := c.p.ValueType(u)
	var events, exceptions []*shapes.Member
	for _, m := range u.Members {
		if m.Target.IsError() {
			exceptions = append(exceptions, m)
		} else {
			events = append(events, m)
		}
	}
	unmodeled := jen.Return(jen.Nil(), jen.Qual(es, "UnmodeledEventError").Call(jen.Id("m")))
	return jen.Func().Id(c.eventDecNames[u]).Params(jen.Id("m").Add(msg)).Params(t, jen.Error()).BlockFunc(func(g *jen.Group) {
		g.Switch(jen.Id("m").Dot("Text").Call(jen.Lit(":message-type"))).BlockFunc(func(sw *jen.Group) {
			sw.Case(jen.Lit("event"))
			sw.Case(jen.Lit("exception")).BlockFunc(func(eg *jen.Group) {
				if len(exceptions) == 0 {
					eg.Add(unmodeled)
					return
				}
				eg.Switch(jen.Id("m").Dot("Text").Call(jen.Lit(":exception-type"))).BlockFunc(func(xs *jen.Group) {
					for _, m := range exceptions {
						xs.Case(jen.Lit(m.Name)).BlockFunc(func(cg *jen.Group) {
							cg.Id("e").Op(":=").Op("&").Qual(c.p.TypesPath, c.p.TypeName(m.Target)).Values()
							c.decodeEventInto(cg, m.Target, jen.Id("e"))
							c.exceptionMessageFallback(cg, m.Target)
							cg.Return(jen.Nil(), jen.Id("e"))
						})
					}
				})
				eg.Add(unmodeled)
			})
			sw.Default().Add(unmodeled)
		})
		g.Switch(jen.Id("tag").Op(":=").Id("m").Dot("Text").Call(jen.Lit(":event-type")), jen.Id("tag")).BlockFunc(func(sw *jen.Group) {
			for _, m := range events {
				sw.Case(jen.Lit(m.Name)).BlockFunc(func(cg *jen.Group) {
					w := jen.Qual(c.p.TypesPath, c.p.UnionMemberName(m))
					cg.Id("v").Op(":=").Op("&").Add(w).Values()
					if !m.Target.IsUnit() && len(m.Target.Members) > 0 {
						cg.Id("ev").Op(":=").Op("&").Id("v").Dot("Value")
						c.decodeEventInto(cg, m.Target, jen.Id("ev"))
					}
					cg.Return(jen.Id("v"), jen.Nil())
				})
			}
			sw.Case(jen.Lit("")).Block(unmodeled)
			sw.Default().Block(jen.Return(jen.Op("&").Qual(c.p.TypesPath, c.p.UnknownName).Values(jen.Dict{
				jen.Id("Tag"):   jen.Id("tag"),
				jen.Id("Value"): jen.Id("m").Dot("Payload"),
			}), jen.Nil()))
		})
	})
}

// exceptionMessageFallback sets the message member of the exception s
// that the variable e points to, when the payload did not, from the
// payload's message under another spelling ("Message", "errorMessage"),
// as the error responses' decoder does (jsonErrorDecoder): services
// spell the property differently, and an exception's payload is the
// same JSON as an error response's body. Only for a message decoded from
// the payload's members: not a header, nor one of a structure whose
// payload is another member. JSON payloads only: the spellings are JSON
// services' (rpcv2Cbor's error responses differ only in case, which its
// services have not been seen to vary).
func (c *codec) exceptionMessageFallback(g *jen.Group, s *shapes.Shape) {
	mm := messageMember(s)
	if c.wire().binary || mm == nil || !c.p.IsPointer(mm) || mm.Target.IsEnum() || mm.Traits.Has("smithy.api#eventHeader") ||
		slices.ContainsFunc(s.Members, func(m *shapes.Member) bool { return m.Traits.Has("smithy.api#eventPayload") }) {
		return
	}
	field := jen.Id("e").Dot(c.p.FieldName(mm))
	g.Comment("Services spell the message property differently; take it from wherever it was.")
	g.If(field.Clone().Op("==").Nil()).Block(
		jen.List(jen.Id("_"), jen.Id("_"), jen.Id("message")).Op(":=").Add(c.p.callQual("JSONErrorFields")).Call(jen.Id("m").Dot("Payload")),
		jen.If(jen.Id("message").Op("!=").Lit("")).Block(field.Clone().Op("=").Op("&").Id("message")),
	)
}

// decodeEventInto decodes the message m into the structure s that the
// variable v points to, returning (nil and) the error of a message that does not fit it: its
// @eventHeader members from the headers of their names, and its
// @eventPayload member from the payload (a blob as it is, a string as
// text, a structure or union as JSON); without an @eventPayload member,
// the payload is a JSON object of the members that are not headers.
func (c *codec) decodeEventInto(g *jen.Group, s *shapes.Shape, v *jen.Statement) {
	var payload *shapes.Member
	var body []*shapes.Member
	for _, m := range s.Members {
		switch {
		case m.Traits.Has("smithy.api#eventHeader"):
			c.decodeEventHeader(g, m, v)
		case m.Traits.Has("smithy.api#eventPayload"):
			payload = m
		default:
			body = append(body, m)
		}
	}
	field := func(m *shapes.Member) *jen.Statement { return v.Clone().Dot(c.p.FieldName(m)) }
	bad := func(what string) jen.Code {
		return jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("decoding the "+s.ID.Name+" event's "+what+": %w"), jen.Id("err")))
	}
	switch {
	case payload != nil && payload.Target.Kind == shapes.KindBlob:
		g.If(jen.Len(jen.Id("m").Dot("Payload")).Op(">").Lit(0)).Block(field(payload).Op("=").Id("m").Dot("Payload"))
	case payload != nil && (payload.Target.Kind == shapes.KindString || payload.Target.IsEnum()):
		g.If(jen.Len(jen.Id("m").Dot("Payload")).Op(">").Lit(0)).BlockFunc(func(b *jen.Group) {
			if payload.Target.IsEnum() {
				b.Add(field(payload).Op("=").Qual(c.p.TypesPath, c.p.TypeName(payload.Target)).Call(jen.String().Call(jen.Id("m").Dot("Payload"))))
				return
			}
			b.Id("x").Op(":=").String().Call(jen.Id("m").Dot("Payload"))
			b.Add(field(payload).Op("=").Op("&").Id("x"))
		})
	case payload != nil:
		g.If(jen.Len(jen.Qual("bytes", "TrimSpace").Call(jen.Id("m").Dot("Payload"))).Op(">").Lit(0)).BlockFunc(func(b *jen.Group) {
			b.Id("d").Op(":=").Qual(c.jw, "NewDecoder").Call(jen.Id("m").Dot("Payload"))
			addAll(b, c.decValue(payload.Target, c.p.IsPointer(payload), c.bodyTimestamp(payload), func(x jen.Code) jen.Code {
				return field(payload).Op("=").Add(x)
			}))
			b.Id("d").Dot("End").Call()
			b.If(jen.Err().Op(":=").Id("d").Dot("Err").Call(), jen.Err().Op("!=").Nil()).Block(bad("payload"))
		})
	case len(body) > 0:
		g.If(jen.Len(jen.Qual("bytes", "TrimSpace").Call(jen.Id("m").Dot("Payload"))).Op(">").Lit(0)).BlockFunc(func(b *jen.Group) {
			b.Id("d").Op(":=").Qual(c.jw, "NewDecoder").Call(jen.Id("m").Dot("Payload"))
			b.Id(c.decFunc(s)).Call(jen.Id("d"), v.Clone())
			b.Id("d").Dot("End").Call()
			b.If(jen.Err().Op(":=").Id("d").Dot("Err").Call(), jen.Err().Op("!=").Nil()).Block(bad("payload"))
		})
	}
}

// eventHeaders says, for each kind of shape an @eventHeader member may
// target (see headerKind), how its value travels in a header: the
// runtime's header type (for a boolean, true's, which the runtime's Typed
// takes for both), the constructor of the header's value, and the
// conversion an enum's value needs first.
var eventHeaders = map[shapes.Kind]struct {
	typ, fn string
	as      jen.Code
}{
	shapes.KindBoolean:   {"HeaderTrue", "BoolHeader", nil},
	shapes.KindByte:      {"HeaderByte", "ByteHeader", nil},
	shapes.KindShort:     {"HeaderShort", "ShortHeader", nil},
	shapes.KindInteger:   {"HeaderInteger", "IntegerHeader", jen.Int32()},
	shapes.KindLong:      {"HeaderLong", "LongHeader", nil},
	shapes.KindBlob:      {"HeaderBytes", "BytesHeader", nil},
	shapes.KindString:    {"HeaderString", "StringHeader", jen.String()},
	shapes.KindTimestamp: {"HeaderTimestamp", "TimestampHeader", nil},
}

// headerKind is the kind of eventHeaders a header member's target t
// travels as: an enum's is a string's, an intEnum's an integer's.
func headerKind(t *shapes.Shape) shapes.Kind {
	switch {
	case t.IsEnum():
		return shapes.KindString
	case t.Kind == shapes.KindIntEnum:
		return shapes.KindInteger
	}
	return t.Kind
}

// decodeEventHeader sets member m of the structure v points to from the
// message's header of m's name, when there is one; a header of another
// type than m's is an error.
func (c *codec) decodeEventHeader(g *jen.Group, m *shapes.Member, v *jen.Statement) {
	es := c.p.runtimePkg("eventstream")
	field := v.Clone().Dot(c.p.FieldName(m))
	t := m.Target
	kind := headerKind(t)
	hv, ok := eventHeaders[kind]
	if !ok {
		return // the model's validation refuses other targets
	}
	set := func(b *jen.Group, x *jen.Statement) {
		if t.IsEnum() || t.Kind == shapes.KindIntEnum {
			x = jen.Qual(c.p.TypesPath, c.p.TypeName(t)).Call(x)
		}
		if c.p.IsPointer(m) {
			b.Id("x").Op(":=").Add(x)
			b.Add(field.Clone().Op("=").Op("&").Id("x"))
			return
		}
		b.Add(field.Clone().Op("=").Add(x))
	}
	// The runtime's Typed checks the header's type (a header of another is
	// an error); the member takes its value.
	g.If(
		jen.List(jen.Id("h"), jen.Id("ok"), jen.Err()).Op(":=").Id("m").Dot("Typed").Call(jen.Lit(m.Name), jen.Qual(es, hv.typ)),
		jen.Err().Op("!=").Nil(),
	).Block(jen.Return(jen.Nil(), jen.Err())).Else().If(jen.Id("ok")).BlockFunc(func(b *jen.Group) {
		var value *jen.Statement
		switch kind {
		case shapes.KindBoolean:
			value = jen.Id("h").Dot("Type").Op("==").Qual(es, "HeaderTrue")
		case shapes.KindByte:
			value = jen.Int8().Call(jen.Id("h").Dot("Int"))
		case shapes.KindShort:
			value = jen.Int16().Call(jen.Id("h").Dot("Int"))
		case shapes.KindInteger:
			value = jen.Int32().Call(jen.Id("h").Dot("Int"))
		case shapes.KindLong:
			value = jen.Id("h").Dot("Int")
		case shapes.KindBlob:
			value = jen.Id("h").Dot("Bytes")
		case shapes.KindString:
			value = jen.String().Call(jen.Id("h").Dot("Bytes"))
		case shapes.KindTimestamp:
			value = jen.Qual("time", "UnixMilli").Call(jen.Id("h").Dot("Int")).Dot("UTC").Call()
		}
		set(b, value)
		if kind == shapes.KindBlob {
			// A header that is there holds a value, if an empty one.
			b.If(field.Clone().Op("==").Nil()).Block(field.Clone().Op("=").Index().Byte().Values())
		}
	})
}

// eventStreamDeserializer emits the body of an RPC protocol's deserializer
// of an output with an event stream: the stream is opened, and its
// initial-response event, when it comes, holds the output's other members
// as a JSON object.
func (c *codec) eventStreamDeserializer(g *jen.Group, op *Operation, stream *shapes.Member) {
	var others []*shapes.Member
	for _, m := range op.Output.Members {
		if m != stream {
			others = append(others, m)
		}
	}
	initial := c.initialDecoder(op.Output, others, "out")
	body := jen.Qual(c.p.runtimePkg("eventstream"), "ResponseBody").Call(jen.Id("resp").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")), jen.Id("resp").Dot("Body"))
	g.List(jen.Id("s"), jen.Err()).Op(":=").Qual(c.p.runtimePkg("eventstream"), "OpenEventStream").Call(body, jen.Id(c.eventFunc(stream.Target)), initial)
	g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
	g.Id("out").Dot(c.p.FieldName(stream)).Op("=").Id("s")
	c.fillDefaults(g, others, "out") // with an initial response or without
	g.Return(jen.Nil())
}

// initialDecoder is the function that decodes an RPC protocol's initial
// event (the client's initial-response, the server's initial-request): the
// members others of the structure s that the variable v points to, as a
// document.
func (c *codec) initialDecoder(s *shapes.Shape, others []*shapes.Member, v string) jen.Code {
	return jen.Func().Params(jen.Id("m").Op("*").Qual(c.p.runtimePkg("eventstream"), "EventMessage")).Error().BlockFunc(func(b *jen.Group) {
		if len(others) == 0 {
			b.Return(jen.Nil()) // nothing but the stream
			return
		}
		b.Id("d").Op(":=").Qual(c.jw, "NewDecoder").Call(jen.Id("m").Dot("Payload"))
		b.If(jen.Id("d").Dot("BeginObject").Call()).BlockFunc(func(ib *jen.Group) {
			c.decodeMembersLoop(ib, s, others, v)
		})
		b.Id("d").Dot("End").Call()
		b.Return(jen.Id("d").Dot("Err").Call())
	})
}

// initialEvent declares the message name, an RPC protocol's initial event
// of type tag (the client's initial-request, the server's
// initial-response): the members others of the structure the variable v
// points to, as a document of mediaType. topLevel is encodeMembers'.
func (c *codec) initialEvent(g *jen.Group, name, tag, mediaType string, others []*shapes.Member, v string, topLevel bool) {
	es := c.p.runtimePkg("eventstream")
	g.Id("e").Op(":=").Qual(c.jw, "NewEncoder").Call(jen.Nil())
	g.Id("e").Dot("BeginObject").Call()
	c.encodeMembers(g, others, v, topLevel)
	g.Id("e").Dot("EndObject").Call()
	g.Id(name).Op(":=").Add(c.eventMessage("event", jen.Lit(tag)))
	g.Id(name).Dot("Add").Call(jen.Lit(":content-type"), jen.Qual(es, "StringHeader").Call(jen.Lit(mediaType)))
	g.Id(name).Dot("Payload").Op("=").Id("e").Dot("Bytes").Call()
}

// emitEventBody makes the request r's body the input's event stream, the
// member stream: for the RPC protocols (initial is their document's media
// type, "" for restJson1), after an "initial-request" event that holds the
// input's other members, others, as a document. The request path writes
// the messages as the request is sent (see package call's EventBody).
func (c *codec) emitEventBody(g *jen.Group, op *Operation, stream *shapes.Member, others []*shapes.Member, initial string) {
	es := c.p.runtimePkg("eventstream")
	first := jen.Nil()
	if initial != "" {
		c.initialEvent(g, "m", "initial-request", initial, others, "in", true)
		first = jen.Op("&").Id("m")
	}
	g.Id("r").Dot("Events").Op("=").Qual(es, "RequestBody").Call(jen.Id("in").Dot(c.p.FieldName(stream)), first, jen.Id(c.eventEncodeFunc(stream.Target)))
	if c.p.clientFeatures().sigv4 {
		g.Id("r").Dot("EventSeal").Op("=").Qual(c.p.runtimePkg("sigv4auth"), "EventSealer")
	}
	g.Id("r").Dot("SetContentType").Call(jen.Lit(eventStreamMediaType))
}

// emitDocumentBody sets the request r's body to the members body of the
// input as one document of mediaType, or, for an input with an event
// stream (the RPC protocols'), to the stream after an initial-request
// event of the other members.
func (c *codec) emitDocumentBody(g *jen.Group, op *Operation, body []*shapes.Member, mediaType string) {
	if stream := c.p.inputEvents(op); stream != nil {
		c.emitEventBody(g, op, stream, withoutMember(body, stream), mediaType)
		return
	}
	g.Id("e").Op(":=").Qual(c.jw, "NewEncoder").Call(jen.Id(op.Desc).Dot("BodyBuffer").Call())
	g.Id("e").Dot("BeginObject").Call()
	c.encodeMembers(g, body, "in", true)
	g.Id("e").Dot("EndObject").Call()
	g.Id("r").Dot("Body").Op("=").Id("e").Dot("Bytes").Call()
	g.Id(op.Desc).Dot("NoteBody").Call(jen.Len(jen.Id("r").Dot("Body")))
	g.Id("r").Dot("SetContentType").Call(jen.Lit(mediaType))
}

// withoutMember returns ms without m.
func withoutMember(ms []*shapes.Member, m *shapes.Member) []*shapes.Member {
	var out []*shapes.Member
	for _, x := range ms {
		if x != m {
			out = append(out, x)
		}
	}
	return out
}

// planServerEvents names the server's functions that frame the events of
// each union an output's event stream targets, and the error that ends
// one.
func (sp *serverPlan) planServerEvents(p *Plan, scope *naming.Scope) {
	sp.eventWrite, sp.eventFail, sp.eventRead = map[*shapes.Shape]string{}, map[*shapes.Shape]string{}, map[*shapes.Shape]string{}
	for _, u := range p.sortedShapes(func(s *shapes.Shape) bool { return p.eventReader[s] != "" }) {
		name, owner := naming.Exported(p.Svc.Name(u)), u.ID.String()
		if p.readsEvents(u) {
			sp.eventWrite[u] = scope.Unique("writeEvent"+name, owner)
			sp.eventFail[u] = scope.Unique("failEvent"+name, owner)
		}
		if p.eventEncodeFn[u] != "" {
			sp.eventRead[u] = scope.Unique("readEvent"+name, owner)
		}
	}
}

// encodeEventStream sets the response m's body to the output's event
// stream, field, sent as the handler's stream yields its events. initial,
// when not nil, is the message that goes first (an RPC protocol's
// initial-response), which goes even when the output has no stream.
func (c *codec) encodeEventStream(g *jen.Group, m *shapes.Member, field *jen.Statement, initial jen.Code) {
	es := c.p.runtimePkg("eventstream")
	u := m.Target
	write, fail := c.p.server.eventWrite[u], c.p.server.eventFail[u]
	if _, ok := c.funcs[write]; !ok {
		c.funcs[write] = jen.Null()
		c.funcs[write] = c.eventEncoder(u, write)
		c.funcs[fail] = c.eventFailer(u)
	}
	g.Id("m").Dot("Header").Dot("Set").Call(jen.Lit("Content-Type"), jen.Lit(eventStreamMediaType))
	first := initial
	if first == nil {
		first = jen.Nil()
	}
	send := []jen.Code{
		jen.Id("s").Op(":=").Add(field),
		jen.Id("m").Dot("Stream").Op("=").Func().Params(jen.Id("w").Qual("io", "Writer"), jen.Id("flush").Func().Params()).Error().Block(
			jen.Return(jen.Qual(es, "SendEvents").Call(jen.Id("w"), jen.Id("flush"), jen.Id("s"), first, jen.Id(write), jen.Id(fail))),
		),
	}
	if initial != nil {
		addAll(g, send)
		return
	}
	g.If(field.Clone().Op("!=").Nil()).Block(send...)
}

// encodeInitialEventStream writes the response of an RPC protocol's
// operation whose output has the event stream member stream: the
// initial-response event, which holds the output's other members, then
// the stream's events.
func (c *codec) encodeInitialEventStream(g *jen.Group, op *Operation, stream *shapes.Member) {
	c.initialEvent(g, "initial", "initial-response", c.p.proto.server().mediaType, withoutMember(op.Output.Members, stream), "out", false)
	c.encodeEventStream(g, stream, jen.Id("out").Dot(c.p.FieldName(stream)), jen.Op("&").Id("initial"))
}

// decodeInitialEventStream reads the request of an RPC protocol's
// operation whose input has the event stream member stream: the stream,
// which the handler reads, after its initial-request event, which holds
// the input's other members and is read now, before the handler runs.
func (c *codec) decodeInitialEventStream(g *jen.Group, op *Operation, stream *shapes.Member) {
	c.inputEventStream(g, stream)
	g.Return(jen.Id("in").Dot(c.p.FieldName(stream)).Dot("ReadInitialRequest").Call(c.initialDecoder(op.Input, withoutMember(op.Input.Members, stream), "in")))
}

// inputEventStream sets the input's event stream member m to the
// request's body, unread: the handler reads its events as they come, each
// unsealed (and its signature checked) as it is read.
func (c *codec) inputEventStream(g *jen.Group, m *shapes.Member) {
	es := c.p.runtimePkg("eventstream")
	g.Id("in").Dot(c.p.FieldName(m)).Op("=").Qual(es, "NewSealedEventStream").Call(
		jen.Qual("io", "NopCloser").Call(jen.Id("msg").Dot("Stream")), jen.Id(c.eventFunc(m.Target)), jen.Qual(es, "Unsealer").Call(jen.Id("msg").Dot("Check")))
}

// eventMessage is a new message of the type and tag (see the runtime's
// NewEventMessage), to which the event's headers and payload are added.
func (c *codec) eventMessage(messageType string, tag jen.Code) *jen.Statement {
	return jen.Qual(c.p.runtimePkg("eventstream"), "NewEventMessage").Call(jen.Lit(messageType), tag)
}

// addHeader adds to the message m the header name with the value v.
func (c *codec) addHeader(name string, v jen.Code) *jen.Statement {
	return jen.Id("m").Dot("Add").Call(jen.Lit(name), v)
}

// encodeEventFrom adds to the message m the headers and payload of the
// structure s that the variable v points to: the @eventHeader members that
// are set as typed headers, the @eventPayload member as the payload (a
// blob as it is, a string as text, a structure or union as JSON), or else
// the other members as a JSON object.
func (c *codec) encodeEventFrom(g *jen.Group, s *shapes.Shape, v string) {
	es := c.p.runtimePkg("eventstream")
	var payload *shapes.Member
	var body []*shapes.Member
	for _, m := range s.Members {
		switch {
		case m.Traits.Has("smithy.api#eventHeader"):
			field := jen.Id(v).Dot(c.p.FieldName(m))
			hv, ok := eventHeaders[headerKind(m.Target)]
			if !ok {
				continue
			}
			x := c.fieldValue(m, field.Clone())
			if m.Target.IsEnum() || m.Target.Kind == shapes.KindIntEnum {
				x = jen.Add(hv.as).Call(x)
			}
			add := c.addHeader(m.Name, jen.Qual(es, hv.fn).Call(x))
			if cond := c.setCond(m, field, false); cond != nil {
				g.If(cond).Block(add)
			} else {
				g.Add(add)
			}
		case m.Traits.Has("smithy.api#eventPayload"):
			payload = m
		default:
			body = append(body, m)
		}
	}
	contentType := func(ct string) jen.Code {
		return c.addHeader(":content-type", jen.Qual(es, "StringHeader").Call(jen.Lit(ct)))
	}
	switch {
	case payload != nil && payload.Target.Kind == shapes.KindBlob:
		g.Add(contentType(payloadContentType(payload.Target)))
		g.Id("m").Dot("Payload").Op("=").Id(v).Dot(c.p.FieldName(payload))
	case payload != nil && (payload.Target.Kind == shapes.KindString || payload.Target.IsEnum()):
		field := jen.Id(v).Dot(c.p.FieldName(payload))
		g.Add(contentType(payloadContentType(payload.Target)))
		if cond := c.setCond(payload, field, false); cond != nil {
			g.If(cond).Block(jen.Id("m").Dot("Payload").Op("=").Index().Byte().Call(c.fieldValue(payload, field)))
		} else {
			g.Id("m").Dot("Payload").Op("=").Index().Byte().Call(c.fieldValue(payload, field))
		}
	case payload != nil:
		field := jen.Id(v).Dot(c.p.FieldName(payload))
		g.Add(contentType(c.p.eventDocumentType()))
		g.If(c.setCond(payload, field, false)).BlockFunc(func(b *jen.Group) {
			b.Id("e").Op(":=").Qual(c.jw, "NewEncoder").Call(jen.Nil())
			addAll(b, c.encValue(payload.Target, field, c.p.IsPointer(payload), c.bodyTimestamp(payload)))
			b.Id("m").Dot("Payload").Op("=").Id("e").Dot("Bytes").Call()
		})
	case len(body) > 0:
		g.Add(contentType(c.p.eventDocumentType()))
		g.Id("e").Op(":=").Qual(c.jw, "NewEncoder").Call(jen.Nil())
		g.Id("e").Dot("BeginObject").Call()
		c.encodeMembers(g, body, v, false)
		g.Id("e").Dot("EndObject").Call()
		g.Id("m").Dot("Payload").Op("=").Id("e").Dot("Bytes").Call()
	}
}

// eventEncodeFunc names the client's function that frames an event of the
// union u, emitting it the first time.
func (c *codec) eventEncodeFunc(u *shapes.Shape) string {
	name := c.p.eventEncodeFn[u]
	if _, ok := c.funcs[name]; !ok {
		c.funcs[name] = jen.Null() // taken, while the body queues what it encodes
		c.funcs[name] = c.eventEncoder(u, name)
	}
	return name
}

// eventEncoder emits the function name (the client's for an input stream,
// the server's for an output's) that frames an event of the union u: the
// message of the member it is, or of an UnknownUnionMember's tag and
// payload. An error member's value is framed as an exception, as a client
// sends one; a server's handler ends its stream with the error itself,
// which eventFailer frames alike.
func (c *codec) eventEncoder(u *shapes.Shape, name string) jen.Code {
	es := c.p.runtimePkg("eventstream")
	return jen.Func().Id(name).Params(jen.Id("ev").Add(c.p.ValueType(u))).Params(jen.Qual(es, "EventMessage"), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.Switch(jen.Id("x").Op(":=").Id("ev").Assert(jen.Type())).BlockFunc(func(sw *jen.Group) {
			for _, m := range u.Members {
				kind := "event"
				if m.Target.IsError() {
					kind = "exception" // as the failer frames the error itself
				}
				sw.Case(jen.Op("*").Qual(c.p.TypesPath, c.p.UnionMemberName(m))).BlockFunc(func(cg *jen.Group) {
					cg.Id("m").Op(":=").Add(c.eventMessage(kind, jen.Lit(m.Name)))
					if !m.Target.IsUnit() && len(m.Target.Members) > 0 {
						cg.Id("v").Op(":=").Op("&").Id("x").Dot("Value")
						c.encodeEventFrom(cg, m.Target, "v")
					}
					cg.Return(jen.Id("m"), jen.Nil())
				})
			}
			sw.Case(jen.Op("*").Qual(c.p.TypesPath, c.p.UnknownName)).BlockFunc(func(cg *jen.Group) {
				cg.Id("m").Op(":=").Add(c.eventMessage("event", jen.Id("x").Dot("Tag")))
				cg.Id("m").Dot("Payload").Op("=").Id("x").Dot("Value")
				cg.Return(jen.Id("m"), jen.Nil())
			})
		})
		g.Return(jen.Qual(es, "EventMessage").Values(), jen.Qual("fmt", "Errorf").Call(jen.Lit("%T is not an event of "+u.ID.Name), jen.Id("ev")))
	})
}

// eventFailer emits the server's function that frames the error that ends
// an event stream of u: an error member's exception, with its JSON, or an
// InternalFailure error message that says nothing of the error.
func (c *codec) eventFailer(u *shapes.Shape) jen.Code {
	es := c.p.runtimePkg("eventstream")
	return jen.Func().Id(c.p.server.eventFail[u]).Params(jen.Err().Error()).Qual(es, "EventMessage").BlockFunc(func(g *jen.Group) {
		for _, m := range u.Members {
			if !m.Target.IsError() {
				continue
			}
			t := jen.Op("*").Qual(c.p.TypesPath, c.p.TypeName(m.Target))
			g.BlockFunc(func(scope *jen.Group) {
				scope.Var().Id("x").Add(t)
				scope.If(jen.Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("x"))).BlockFunc(func(b *jen.Group) {
					b.Id("m").Op(":=").Add(c.eventMessage("exception", jen.Lit(m.Name)))
					c.encodeEventFrom(b, m.Target, "x")
					b.Return(jen.Id("m"))
				})
			})
		}
		g.Id("m").Op(":=").Add(c.eventMessage("error", jen.Lit("InternalFailure")))
		g.Add(c.addHeader(":error-message", jen.Qual(es, "StringHeader").Call(jen.Lit("an internal error occurred"))))
		g.Return(jen.Id("m"))
	})
}

// EventReaderConstructor names the function of the main package that makes
// a stream of events of the union u from a sequence (see emitEventReaders),
// or "" when no output reads a stream of u.
func (p *Plan) EventReaderConstructor(u *shapes.Shape) string { return p.eventNew[u] }
