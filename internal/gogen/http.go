package gogen

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
)

// bindings sorts the members of an operation's input, output or error by
// where they travel in the HTTP message.
type bindings struct {
	labels       []*shapes.Member
	query        []*shapes.Member
	queryParams  *shapes.Member
	headers      []*shapes.Member
	prefix       []*shapes.Member
	payload      *shapes.Member
	responseCode *shapes.Member
	body         []*shapes.Member
}

// bindingsFor sorts the members of an input (response false), or of an
// output or error (response true): labels and query parameters do not exist
// in responses, so such members travel in the body
// (RestJsonIgnoreQueryParamsInResponse). The Plan calls it once per shape.
func bindingsFor(s *shapes.Shape, response bool) bindings {
	var b bindings
	if s == nil {
		return b
	}
	for _, m := range s.Members {
		t := m.Traits
		requestOnly := t.HTTPLabel() || t.Has(shapes.TraitHTTPQuery) || t.HTTPQueryParams()
		switch {
		case response && requestOnly:
			b.body = append(b.body, m)
		case t.HTTPLabel():
			b.labels = append(b.labels, m)
		case t.Has(shapes.TraitHTTPQuery):
			b.query = append(b.query, m)
		case t.HTTPQueryParams():
			b.queryParams = m
		case t.Has(shapes.TraitHTTPHeader):
			b.headers = append(b.headers, m)
		case t.Has(shapes.TraitHTTPPrefixHeaders):
			b.prefix = append(b.prefix, m)
		case t.HTTPPayload():
			b.payload = m
		case t.HTTPResponseCode():
			b.responseCode = m
		default:
			b.body = append(b.body, m)
		}
	}
	return b
}

// uriPart is a literal piece of a URI pattern or a label.
type uriPart struct {
	literal string
	label   string
	greedy  bool
}

// parseURI splits an http trait's URI into path parts and literal query
// parameters ("a=b", "flag").
func parseURI(uri string) ([]uriPart, []string) {
	path, query, _ := strings.Cut(uri, "?")
	var parts []uriPart
	for path != "" {
		i := strings.IndexByte(path, '{')
		if i < 0 {
			parts = append(parts, uriPart{literal: path})
			break
		}
		if i > 0 {
			parts = append(parts, uriPart{literal: path[:i]})
		}
		j := strings.IndexByte(path[i:], '}')
		if j < 0 {
			parts = append(parts, uriPart{literal: path[i:]})
			break
		}
		name := path[i+1 : i+j]
		greedy := strings.HasSuffix(name, "+")
		parts = append(parts, uriPart{label: strings.TrimSuffix(name, "+"), greedy: greedy})
		path = path[i+j+1:]
	}
	var lits []string
	if query != "" {
		for _, q := range strings.Split(query, "&") {
			if q != "" {
				lits = append(lits, q)
			}
		}
	}
	return parts, lits
}

// httpbindPath is the import path of the generated httpbind package.
func (c *codec) hb() string { return c.p.runtimePkg("httpbind") }

// textValue formats the value x of shape s as text for a label, query
// parameter or header.
func (c *codec) textValue(s *shapes.Shape, x *jen.Statement, ts string, header bool) *jen.Statement {
	switch {
	case s.IsEnum():
		return jen.String().Call(x)
	case s.Kind == shapes.KindIntEnum:
		return jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(x), jen.Lit(10))
	}
	switch s.Kind {
	case shapes.KindString:
		if _, ok := s.Traits.MediaType(); ok && header {
			return jen.Qual("encoding/base64", "StdEncoding").Dot("EncodeToString").Call(jen.Index().Byte().Call(x))
		}
		return x
	case shapes.KindBoolean:
		return jen.Qual("strconv", "FormatBool").Call(x)
	case shapes.KindByte, shapes.KindShort, shapes.KindInteger, shapes.KindLong:
		return jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(x), jen.Lit(10))
	case shapes.KindFloat:
		return jen.Qual(c.hb(), "FormatFloat").Call(jen.Float64().Call(x), jen.Lit(32))
	case shapes.KindDouble:
		return jen.Qual(c.hb(), "FormatFloat").Call(x, jen.Lit(64))
	case shapes.KindTimestamp:
		switch ts {
		case "http-date":
			return jen.Qual(c.hb(), "FormatHTTPDate").Call(x)
		case "epoch-seconds":
			return jen.Qual(c.hb(), "FormatEpochSeconds").Call(x)
		}
		return jen.Qual(c.hb(), "FormatDateTime").Call(x)
	case shapes.KindBlob:
		return jen.Qual("encoding/base64", "StdEncoding").Dot("EncodeToString").Call(x)
	case shapes.KindBigInteger:
		// Dot appends to a statement in place: clone x, which the caller
		// may still use (in a nil check, say).
		return x.Clone().Dot("String").Call()
	case shapes.KindBigDecimal:
		return x.Clone().Dot("Text").Call(jen.LitByte('f'), jen.Lit(-1))
	}
	panic(fmt.Sprintf("gogen: %s (a %s) cannot be sent as text", s.ID, s.Kind))
}

// parseText parses the text src as a value of shape s and passes the value
// (a pointer when ptr) to assign; a parse error returns a decoding error
// naming what.
func (c *codec) parseText(s *shapes.Shape, src *jen.Statement, ts string, header bool, ptr bool, what string, assign func(jen.Code) jen.Code) []jen.Code {
	fail := jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit(what+": %w"), jen.Err())))
	withPtr := func(stmts []jen.Code, val jen.Code) []jen.Code {
		if ptr {
			return append(stmts, jen.Id("x").Op(":=").Add(val), assign(jen.Op("&").Id("x")))
		}
		return append(stmts, assign(val))
	}
	parseInt := func(bits int, conv *jen.Statement) []jen.Code {
		return withPtr([]jen.Code{
			jen.List(jen.Id("n"), jen.Err()).Op(":=").Qual("strconv", "ParseInt").Call(src, jen.Lit(10), jen.Lit(bits)),
			fail,
		}, conv.Call(jen.Id("n")))
	}
	switch {
	case s.IsEnum():
		return withPtr(nil, jen.Qual(c.p.TypesPath, c.p.TypeName(s)).Call(src))
	case s.Kind == shapes.KindIntEnum:
		return parseInt(32, jen.Qual(c.p.TypesPath, c.p.TypeName(s)))
	}
	switch s.Kind {
	case shapes.KindString:
		if _, ok := s.Traits.MediaType(); ok && header {
			return withPtr([]jen.Code{
				jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual("encoding/base64", "StdEncoding").Dot("DecodeString").Call(src),
				fail,
			}, jen.String().Call(jen.Id("b")))
		}
		return withPtr(nil, src)
	case shapes.KindBoolean:
		return withPtr([]jen.Code{jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual(c.hb(), "ParseBool").Call(src), fail}, jen.Id("b"))
	case shapes.KindByte:
		return parseInt(8, jen.Int8())
	case shapes.KindShort:
		return parseInt(16, jen.Int16())
	case shapes.KindInteger:
		return parseInt(32, jen.Int32())
	case shapes.KindLong:
		return parseInt(64, jen.Int64())
	case shapes.KindFloat:
		return withPtr([]jen.Code{jen.List(jen.Id("f"), jen.Err()).Op(":=").Qual(c.hb(), "ParseFloat").Call(src, jen.Lit(32)), fail}, jen.Float32().Call(jen.Id("f")))
	case shapes.KindDouble:
		return withPtr([]jen.Code{jen.List(jen.Id("f"), jen.Err()).Op(":=").Qual(c.hb(), "ParseFloat").Call(src, jen.Lit(64)), fail}, jen.Id("f"))
	case shapes.KindTimestamp:
		fn := "ParseDateTime"
		if c.strict {
			fn = "ParseDateTimeUTC" // see codec.strict
		}
		switch ts {
		case "http-date":
			fn = "ParseHTTPDate"
		case "epoch-seconds":
			fn = "ParseEpochSeconds"
		}
		return withPtr([]jen.Code{jen.List(jen.Id("t"), jen.Err()).Op(":=").Qual(c.p.runtimePkg("textfmt"), fn).Call(src), fail}, jen.Id("t"))
	case shapes.KindBlob:
		return []jen.Code{
			jen.List(jen.Id("b"), jen.Err()).Op(":=").Qual("encoding/base64", "StdEncoding").Dot("DecodeString").Call(src),
			fail,
			assign(jen.Id("b")),
		}
	case shapes.KindBigInteger:
		return []jen.Code{
			jen.List(jen.Id("n"), jen.Id("ok")).Op(":=").New(jen.Qual("math/big", "Int")).Dot("SetString").Call(src, jen.Lit(10)),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Qual("errors", "New").Call(jen.Lit(what + ": not an integer")))),
			assign(jen.Id("n")),
		}
	case shapes.KindBigDecimal:
		return []jen.Code{
			jen.List(jen.Id("n"), jen.Id("ok")).Op(":=").New(jen.Qual("math/big", "Float")).Dot("SetString").Call(src),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Qual("errors", "New").Call(jen.Lit(what + ": not a number")))),
			assign(jen.Id("n")),
		}
	}
	panic(fmt.Sprintf("gogen: %s (a %s) cannot be read from text", s.ID, s.Kind))
}

// fieldValue returns the expression of a set member's value (dereferenced
// when the field is a pointer).
func (c *codec) fieldValue(m *shapes.Member, field *jen.Statement) *jen.Statement {
	if c.p.IsPointer(m) && m.Target.Kind != shapes.KindStructure {
		return jen.Op("*").Add(field)
	}
	return field
}

// payloadContentType is the Content-Type of a payload member's target.
func payloadContentType(t *shapes.Shape) string {
	if mt, ok := t.Traits.MediaType(); ok {
		return mt
	}
	switch {
	case t.Kind == shapes.KindString, t.Kind == shapes.KindEnum:
		return "text/plain"
	case t.Kind == shapes.KindBlob:
		return "application/octet-stream"
	case t.Kind == shapes.KindUnion && t.Traits.Streaming():
		return eventStreamMediaType
	}
	return "application/json"
}

// hostPrefix returns the operation's @endpoint hostPrefix, if any.
func hostPrefix(op *shapes.Shape) string {
	raw, ok := op.Traits.Raw("smithy.api#endpoint")
	if !ok {
		return ""
	}
	var v struct {
		HostPrefix string `json:"hostPrefix"`
	}
	if json.Unmarshal([]byte(raw), &v) != nil {
		return ""
	}
	return v.HostPrefix
}

// joinPlus joins string expressions with +.
func joinPlus(parts []jen.Code) *jen.Statement {
	if len(parts) == 0 {
		return jen.Lit("/")
	}
	s := jen.Add(parts[0])
	for _, p := range parts[1:] {
		s = s.Op("+").Add(p)
	}
	return s
}

func (c *codec) emitHostPrefix(g *jen.Group, op *Operation, hp string) {
	var parts []jen.Code
	for hp != "" {
		i := strings.IndexByte(hp, '{')
		j := strings.IndexByte(hp, '}')
		if i < 0 || j < i {
			parts = append(parts, jen.Lit(hp))
			break
		}
		if i > 0 {
			parts = append(parts, jen.Lit(hp[:i]))
		}
		name := hp[i+1 : j]
		var m *shapes.Member
		if op.Input != nil {
			m = op.Input.Member(name)
		}
		switch {
		case m != nil && m.Target.IsEnum():
			field := jen.Id("in").Dot(c.p.FieldName(m))
			g.If(jen.Op("!").Add(c.p.validationQual("ValidHostLabel")).Call(jen.String().Call(field))).Block(
				jen.Return(jen.Nil(), c.p.validationQual("InvalidHostLabel").Call(jen.Lit(op.InputName), jen.Lit(m.Name))))
			parts = append(parts, jen.String().Call(field))
		case m != nil && m.Target.Kind == shapes.KindString:
			field := jen.Id("in").Dot(c.p.FieldName(m))
			g.If(field.Clone().Op("==").Nil().Op("||").Op("!").Add(c.p.validationQual("ValidHostLabel")).Call(jen.Op("*").Add(field))).Block(
				jen.Return(jen.Nil(), c.p.validationQual("InvalidHostLabel").Call(jen.Lit(op.InputName), jen.Lit(m.Name))))
			parts = append(parts, jen.Op("*").Add(field))
		default:
			// The model is checked when loaded: a host label names a string member.
			parts = append(parts, jen.Lit(""))
		}
		hp = hp[j+1:]
	}
	g.Id("r").Dot("HostPrefix").Op("=").Add(joinPlus(parts))
}

func (c *codec) emitQuery(g *jen.Group, m *shapes.Member, key string) {
	field := jen.Id("in").Dot(c.p.FieldName(m))
	ts := timestampFormat(m, "date-time")
	if m.Target.Kind == shapes.KindList {
		lm := m.Target.ListMember()
		g.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Add(field)).BlockFunc(func(b *jen.Group) {
			v := jen.Id("v")
			if m.Target.Traits.Sparse() && !nilableKind(lm.Target) {
				b.If(jen.Id("v").Op("==").Nil()).Block(jen.Continue())
				v = jen.Op("*").Id("v")
			}
			b.Id("r").Dot("Query").Dot("Add").Call(jen.Lit(key), c.textValue(lm.Target, v, timestampFormat(lm, ts), false))
		})
		return
	}
	add := jen.Id("r").Dot("Query").Dot("Add").Call(jen.Lit(key), c.textValue(m.Target, c.fieldValue(m, field), ts, false))
	if cond := c.setCond(m, field, true); cond != nil {
		g.If(cond).Block(add)
	} else {
		g.Add(add)
	}
}

func (c *codec) emitQueryParams(g *jen.Group, m *shapes.Member) {
	field := jen.Id("in").Dot(c.p.FieldName(m))
	val := m.Target.MapValue()
	g.Comment("Parameters bound by name win over the map's entries.")
	g.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Qual("slices", "Sorted").Call(jen.Qual("maps", "Keys").Call(field))).BlockFunc(func(b *jen.Group) {
		b.If(jen.Id("r").Dot("Query").Dot("Has").Call(jen.String().Call(jen.Id("k")))).Block(jen.Continue())
		v := field.Clone().Index(jen.Id("k"))
		if val.Target.Kind == shapes.KindList {
			b.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Add(v)).Block(
				jen.Id("r").Dot("Query").Dot("Add").Call(jen.String().Call(jen.Id("k")), c.textValue(val.Target.ListMember().Target, jen.Id("item"), "date-time", false)))
			return
		}
		b.Id("r").Dot("Query").Dot("Add").Call(jen.String().Call(jen.Id("k")), c.textValue(val.Target, v, "date-time", false))
	})
}

func (c *codec) emitHeader(g *jen.Group, m *shapes.Member) {
	c.emitHeaderTo(g, m, "in", jen.Id("r").Dot("Header"))
}

// emitHeaderTo sets the header of member m of the structure v points to in
// the http.Header hdr.
func (c *codec) emitHeaderTo(g *jen.Group, m *shapes.Member, v string, hdr *jen.Statement) {
	name, _ := m.Traits.HTTPHeader()
	key := headerKey(name)
	field := jen.Id(v).Dot(c.p.FieldName(m))
	ts := timestampFormat(m, "http-date")
	if m.Target.Kind == shapes.KindList {
		lm := m.Target.ListMember()
		lts := timestampFormat(lm, ts)
		g.If(field.Clone().Op("!=").Nil()).BlockFunc(func(b *jen.Group) {
			b.Id("items").Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(field))
			b.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Add(field)).BlockFunc(func(l *jen.Group) {
				v := jen.Id("v")
				if m.Target.Traits.Sparse() && !nilableKind(lm.Target) {
					l.If(jen.Id("v").Op("==").Nil()).Block(jen.Continue())
					v = jen.Op("*").Id("v")
				}
				text := c.textValue(lm.Target, v, lts, true)
				if lm.Target.Kind == shapes.KindString || lm.Target.IsEnum() {
					text = jen.Qual(c.hb(), "QuoteHeaderItem").Call(text)
				}
				l.Id("items").Op("=").Append(jen.Id("items"), text)
			})
			b.Add(hdr.Clone()).Index(jen.Lit(key)).Op("=").Index().String().Values(jen.Qual(c.hb(), "JoinHeaderList").Call(jen.Id("items")))
		})
		return
	}
	set := hdr.Clone().Index(jen.Lit(key)).Op("=").Index().String().Values(c.textValue(m.Target, c.fieldValue(m, field), ts, true))
	if cond := c.setCond(m, field, true); cond != nil {
		g.If(cond).Block(set)
	} else {
		g.Add(set)
	}
}

func (c *codec) emitPrefixHeaders(g *jen.Group, m *shapes.Member, specific []*shapes.Member) {
	c.emitPrefixHeadersTo(g, m, specific, "in", jen.Id("r").Dot("Header"))
}

// emitPrefixHeadersTo sets the headers of the map member m of the
// structure v points to in the http.Header hdr.
func (c *codec) emitPrefixHeadersTo(g *jen.Group, m *shapes.Member, specific []*shapes.Member, v string, hdr *jen.Statement) {
	prefix, _ := m.Traits.HTTPPrefixHeaders()
	field := jen.Id(v).Dot(c.p.FieldName(m))
	// In the order of the keys, so that keys that differ only in case,
	// which name one header, give it the same value every time.
	g.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Qual("slices", "Sorted").Call(jen.Qual("maps", "Keys").Call(field))).BlockFunc(func(b *jen.Group) {
		b.Id("v").Op(":=").Add(field.Clone()).Index(jen.Id("k"))
		b.Id("key").Op(":=").Qual("net/textproto", "CanonicalMIMEHeaderKey").Call(jen.Lit(prefix).Op("+").Id("k"))
		if len(specific) > 0 {
			b.Comment("A header bound to its own member wins.")
			b.If(jen.Id("_").Op(",").Id("taken").Op(":=").Add(hdr.Clone()).Index(jen.Id("key")), jen.Id("taken")).Block(jen.Continue())
		}
		val := m.Target.MapValue()
		if val.Target.Kind == shapes.KindList {
			b.Add(hdr.Clone()).Index(jen.Id("key")).Op("=").Index().String().Values(jen.Qual(c.hb(), "JoinHeaderList").Call(jen.Id("v")))
			return
		}
		b.Add(hdr.Clone()).Index(jen.Id("key")).Op("=").Index().String().Values(c.textValue(val.Target, jen.Id("v"), "http-date", true))
	})
}

func (c *codec) emitPayload(g *jen.Group, m *shapes.Member) {
	field := jen.Id("in").Dot(c.p.FieldName(m))
	t := m.Target
	ct := payloadContentType(t)
	switch {
	case IsStreaming(m):
		g.If(field.Clone().Op("!=").Nil()).Block(
			jen.Id("r").Dot("Stream").Op("=").Add(field),
			jen.Id("r").Dot("SetContentType").Call(jen.Lit(ct)),
		)
	case t.Kind == shapes.KindBlob:
		g.If(field.Clone().Op("!=").Nil()).Block(
			jen.Id("r").Dot("Body").Op("=").Add(field),
			jen.Id("r").Dot("SetContentType").Call(jen.Lit(ct)),
		)
	case t.Kind == shapes.KindString || t.IsEnum():
		g.If(c.setCond(m, field, true)).Block(
			jen.Id("r").Dot("Body").Op("=").Index().Byte().Call(c.fieldValue(m, field)),
			jen.Id("r").Dot("SetContentType").Call(jen.Lit(ct)),
		)
	case t.Kind == shapes.KindDocument:
		g.If(field.Clone().Op("!=").Nil()).Block(
			jen.Id("r").Dot("Body").Op("=").Index().Byte().Call(field),
			jen.Id("r").Dot("SetContentType").Call(jen.Lit(ct)),
		)
	case t.Kind == shapes.KindUnion:
		g.If(field.Clone().Op("!=").Nil()).BlockFunc(func(b *jen.Group) {
			b.Id("e").Op(":=").Qual(c.jw, "NewEncoder").Call(jen.Make(jen.Index().Byte(), jen.Lit(0), jen.Lit(512)))
			addAll(b, c.encValue(t, field, false, "epoch-seconds"))
			b.Id("r").Dot("Body").Op("=").Id("e").Dot("Bytes").Call()
			b.Id("r").Dot("SetContentType").Call(jen.Lit(ct))
		})
	default: // structure: unset is {}
		g.Id("e").Op(":=").Qual(c.jw, "NewEncoder").Call(jen.Make(jen.Index().Byte(), jen.Lit(0), jen.Lit(512)))
		g.If(field.Clone().Op("!=").Nil()).Block(c.encValue(t, field, true, "epoch-seconds")...).Else().Block(
			jen.Id("e").Dot("BeginObject").Call(), jen.Id("e").Dot("EndObject").Call())
		g.Id("r").Dot("Body").Op("=").Id("e").Dot("Bytes").Call()
		g.Id("r").Dot("SetContentType").Call(jen.Lit(ct))
	}
}

// decodeBound decodes the header and status-code members of v.
func (c *codec) decodeBound(g *jen.Group, b bindings, v string) {
	c.decodeStatus(g, b, v)
	c.decodeHeaders(g, b, v, jen.Id("resp").Dot("Header"))
}

// decodeStatus decodes the status-code member of v.
func (c *codec) decodeStatus(g *jen.Group, b bindings, v string) {
	if m := b.responseCode; m != nil {
		field := jen.Id(v).Dot(c.p.FieldName(m))
		if c.p.IsPointer(m) {
			g.Block(jen.Id("x").Op(":=").Int32().Call(jen.Id("resp").Dot("StatusCode")), field.Clone().Op("=").Op("&").Id("x"))
		} else {
			g.Add(field.Clone().Op("=").Int32().Call(jen.Id("resp").Dot("StatusCode")))
		}
	}
}

// decodeHeaders decodes the header and prefix-header members of v from
// the http.Header hdr.
func (c *codec) decodeHeaders(g *jen.Group, b bindings, v string, hdr *jen.Statement) {
	for _, m := range b.headers {
		name, _ := m.Traits.HTTPHeader()
		key := headerKey(name)
		field := jen.Id(v).Dot(c.p.FieldName(m))
		ts := timestampFormat(m, "http-date")
		what := "header " + name
		g.If(jen.Id("vs").Op(":=").Add(hdr.Clone()).Index(jen.Lit(key)), jen.Len(jen.Id("vs")).Op(">").Lit(0)).BlockFunc(func(hb *jen.Group) {
			if m.Target.Kind == shapes.KindList {
				lm := m.Target.ListMember()
				lts := timestampFormat(lm, ts)
				split := "SplitHeaderList"
				if lm.Target.Kind == shapes.KindTimestamp && lts == "http-date" {
					split = "SplitHTTPDateList"
				}
				hb.Id("items").Op(":=").Qual(c.hb(), split).Call(jen.Qual("strings", "Join").Call(jen.Id("vs"), jen.Lit(",")))
				hb.Id("list").Op(":=").Make(c.p.ValueType(m.Target), jen.Lit(0), jen.Len(jen.Id("items")))
				elemPtr := m.Target.Traits.Sparse() && !nilableKind(lm.Target)
				hb.For(jen.List(jen.Id("_"), jen.Id("item")).Op(":=").Range().Id("items")).Block(
					c.parseText(lm.Target, jen.Id("item"), lts, true, elemPtr, what, func(x jen.Code) jen.Code {
						return jen.Id("list").Op("=").Append(jen.Id("list"), x)
					})...)
				hb.Add(field.Clone().Op("=").Id("list"))
				return
			}
			addAll(hb, c.parseText(m.Target, jen.Id("vs").Index(jen.Lit(0)), ts, true, c.p.IsPointer(m), what, func(x jen.Code) jen.Code {
				return field.Clone().Op("=").Add(x)
			}))
		})
	}
	for _, m := range b.prefix {
		prefix, _ := m.Traits.HTTPPrefixHeaders()
		field := jen.Id(v).Dot(c.p.FieldName(m))
		val := m.Target.MapValue()
		g.For(jen.List(jen.Id("k"), jen.Id("vs")).Op(":=").Range().Add(hdr.Clone())).BlockFunc(func(lb *jen.Group) {
			if prefix != "" {
				lb.If(jen.Len(jen.Id("k")).Op("<").Lit(len(prefix)).Op("||").Op("!").Qual("strings", "EqualFold").Call(jen.Id("k").Index(jen.Empty(), jen.Lit(len(prefix))), jen.Lit(prefix))).Block(jen.Continue())
			}
			lb.If(field.Clone().Op("==").Nil()).Block(field.Clone().Op("=").Add(c.p.ValueType(m.Target)).Values())
			suffix := jen.Id("k")
			if prefix != "" {
				suffix = jen.Id("k").Index(jen.Lit(len(prefix)), jen.Empty())
			}
			lb.Id("name").Op(":=").Qual("strings", "ToLower").Call(suffix)
			if val.Target.Kind == shapes.KindList {
				lb.Add(field.Clone().Index(jen.Id("name")).Op("=").Qual(c.hb(), "SplitHeaderList").Call(jen.Qual("strings", "Join").Call(jen.Id("vs"), jen.Lit(","))))
			} else {
				lb.Add(field.Clone().Index(jen.Id("name")).Op("=").Qual("strings", "Join").Call(jen.Id("vs"), jen.Lit(",")))
			}
		})
	}
}

// decodePayload decodes the response body into a payload member. The
// body's memory is reused once decoded, so whatever is kept is a copy.
func (c *codec) decodePayload(g *jen.Group, m *shapes.Member, v string) {
	c.decodePayloadFrom(g, m, v, jen.Id("resp").Dot("Data"), true, jen.Id("resp").Dot("Body"))
}

// decodePayloadFrom decodes body into the payload member m of the structure
// v points to; a streaming member gets stream. body is a []byte whose memory
// is reused (the client's response) when isBytes, else a string (the
// server's request).
//
// An empty body leaves an optional blob or string payload unset, but sets a
// @required one to the empty value: HTTP cannot tell an empty payload from
// none, and a client that sends an empty required payload (Go's []byte{},
// which its required check accepts) has set it, so a server must not then
// refuse the request as missing the member.
func (c *codec) decodePayloadFrom(g *jen.Group, m *shapes.Member, v string, body *jen.Statement, isBytes bool, stream *jen.Statement) {
	field := jen.Id(v).Dot(c.p.FieldName(m))
	t := m.Target
	required := m.Traits.Required()
	nonEmpty := body.Clone().Op("!=").Lit("")
	kept := body.Clone() // a copy of the body that outlives it
	asString := body.Clone()
	trimmed := jen.Qual("strings", "TrimSpace").Call(body.Clone()).Op("!=").Lit("")
	newDecoder := jen.Qual(c.jw, "NewDecoderString").Call(body.Clone())
	if isBytes {
		nonEmpty = jen.Len(body.Clone()).Op("!=").Lit(0)
		kept = jen.Qual("bytes", "Clone").Call(body.Clone())
		asString = jen.String().Call(body.Clone())
		trimmed = jen.Len(jen.Qual("bytes", "TrimSpace").Call(body.Clone())).Op("!=").Lit(0)
		newDecoder = jen.Qual(c.jw, "NewDecoder").Call(body.Clone())
	}
	switch {
	case IsStreaming(m):
		g.Add(field.Clone().Op("=").Add(stream))
	case isEventStream(m) && c.eventDecNames[t] != "" && isBytes:
		// The client's response: its Content-Type tells a body that is not
		// an event stream from one whose framing is broken.
		es := c.p.runtimePkg("eventstream")
		body := jen.Qual(es, "ResponseBody").Call(jen.Id("resp").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")), stream)
		g.Add(field.Clone().Op("=").Qual(es, "NewEventStream").Call(body, jen.Id(c.eventFunc(t))))
	case t.Kind == shapes.KindBlob:
		switch {
		case required && isBytes:
			g.Add(field.Clone().Op("=").Append(jen.Index().Byte().Values(), body.Clone().Op("...")))
		case required:
			g.Add(field.Clone().Op("=").Index().Byte().Call(body.Clone()))
		case isBytes:
			g.If(nonEmpty).Block(field.Clone().Op("=").Add(kept))
		default:
			g.If(nonEmpty).Block(field.Clone().Op("=").Index().Byte().Call(body.Clone()))
		}
	case t.Kind == shapes.KindString && !t.IsEnum() && required:
		g.Block(
			jen.Id("x").Op(":=").Add(asString),
			field.Clone().Op("=").Op("&").Id("x"),
		)
	case t.Kind == shapes.KindString || t.IsEnum():
		g.If(nonEmpty).BlockFunc(func(b *jen.Group) {
			if t.IsEnum() {
				b.Add(field.Clone().Op("=").Qual(c.p.TypesPath, c.p.TypeName(t)).Call(body.Clone()))
				return
			}
			b.Id("x").Op(":=").Add(asString)
			b.Add(field.Clone().Op("=").Op("&").Id("x"))
		})
	case t.Kind == shapes.KindDocument:
		g.If(nonEmpty).Block(field.Clone().Op("=").Qual(c.p.TypesPath, c.p.DocName).Call(kept))
	default: // structure or union
		g.If(trimmed).BlockFunc(func(b *jen.Group) {
			b.Id("d").Op(":=").Add(newDecoder)
			addAll(b, c.decValue(t, c.p.IsPointer(m), "epoch-seconds", func(x jen.Code) jen.Code {
				return field.Clone().Op("=").Add(x)
			}))
			b.Id("d").Dot("End").Call()
			b.Return(jen.Id("d").Dot("Err").Call())
		})
	}
}

// retryableErrors emits retryableErrorShape, which says which error codes
// the model marks @retryable (and whether as throttling).
func (c *codec) retryableErrors() jen.Code {
	var cases []jen.Code
	for _, s := range c.p.sortedShapes(func(s *shapes.Shape) bool { return s.IsError() }) {
		if r, t := s.Traits.Retryable(); r {
			codes := []jen.Code{jen.Lit(c.p.Svc.Name(s))}
			// An awsQueryCompatible service's errors report the code of
			// x-amzn-query-error, which is their @awsQueryError code.
			if qc := queryErrorCode(s); c.p.queryCompatible && qc != "" && qc != c.p.Svc.Name(s) {
				codes = append(codes, jen.Lit(qc))
			}
			cases = append(cases, jen.Case(codes...).Block(jen.Return(jen.True(), jen.Lit(t))))
		}
	}
	return jen.Func().Id("retryableErrorShape").Params(jen.Id("code").String()).Params(jen.Id("retryable"), jen.Id("throttling").Bool()).BlockFunc(func(g *jen.Group) {
		if len(cases) > 0 {
			g.Switch(jen.Id("code")).Block(cases...)
		} else {
			g.Id("_").Op("=").Id("code")
		}
		g.Return(jen.False(), jen.False())
	})
}
