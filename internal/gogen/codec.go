package gogen

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"net/textproto"
	"slices"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/shapes"
	"github.com/smithygo/smithygo/runtime/textfmt"
)

// codec emits the document encoders and decoders of aggregate shapes: one
// function per structure, union, list and map that a request or response
// reaches, written as direct, typed code over the protocol's wire package
// (jsonwire, or cbor for rpcv2Cbor; see wireFormat). Only the functions
// something calls are emitted.
type codec struct {
	p       *Plan
	jw      string // import path of the wire package
	enc     map[*shapes.Shape]string
	dec     map[*shapes.Shape]string
	encTodo []*shapes.Shape
	decTodo []*shapes.Shape
	funcs   map[string]jen.Code // function name → declaration
	// encNames and decNames name the functions of each shape: the Plan's
	// client names, or the server package's (newServerCodec).
	encNames, decNames map[*shapes.Shape]string
	// eventDecNames names each event union's decoder of messages (the
	// Plan's eventDecodeFn, or the server package's).
	eventDecNames map[*shapes.Shape]string
	// membersNames names each structure's member table (Plan.membersVar,
	// or the server package's).
	membersNames map[*shapes.Shape]string
	// strict makes the decoders refuse what a server must refuse and a
	// client must read: null in a dense list or map, a union value that is
	// not exactly one known member, a date-time with a numeric offset. It is
	// the one place that decides; only emitServer sets it.
	strict bool
}

func newCodec(p *Plan) *codec {
	c := &codec{
		p:     p,
		enc:   map[*shapes.Shape]string{},
		dec:   map[*shapes.Shape]string{},
		funcs: map[string]jen.Code{},

		encNames: p.encodeFn,
		decNames: p.decodeFn,

		eventDecNames: p.eventDecodeFn,

		membersNames: p.membersVar,
	}
	c.jw = p.runtimePkg(c.wire().pkg)
	return c
}

// timestampFormat is a member's timestamp format: the member's trait, else
// the target's, else the location's default.
func timestampFormat(m *shapes.Member, def string) string {
	if f, ok := m.Traits.TimestampFormat(); ok {
		return f
	}
	if f, ok := m.Target.Traits.TimestampFormat(); ok {
		return f
	}
	return def
}

// encFunc names the encoder of an aggregate shape, queueing it for emission.
func (c *codec) encFunc(s *shapes.Shape) string {
	if n, ok := c.enc[s]; ok {
		return n
	}
	n := c.encNames[s]
	c.enc[s] = n
	c.encTodo = append(c.encTodo, s)
	return n
}

// decFunc names the decoder of an aggregate shape, queueing it for emission.
func (c *codec) decFunc(s *shapes.Shape) string {
	if n, ok := c.dec[s]; ok {
		return n
	}
	n := c.decNames[s]
	c.dec[s] = n
	c.decTodo = append(c.decTodo, s)
	return n
}

// flush emits every queued function, then returns all of them sorted by name.
func (c *codec) flush() []jen.Code {
	for len(c.encTodo)+len(c.decTodo) > 0 {
		if len(c.encTodo) > 0 {
			s := c.encTodo[0]
			c.encTodo = c.encTodo[1:]
			c.funcs[c.enc[s]] = c.encoder(s)
			continue
		}
		s := c.decTodo[0]
		c.decTodo = c.decTodo[1:]
		c.funcs[c.dec[s]] = c.decoder(s)
	}
	names := make([]string, 0, len(c.funcs))
	for n := range c.funcs {
		names = append(names, n)
	}
	slices.Sort(names)
	out := make([]jen.Code, 0, len(names)*2)
	for _, n := range names {
		out = append(out, c.funcs[n], jen.Line())
	}
	return out
}

func (c *codec) encoderType() *jen.Statement { return jen.Op("*").Qual(c.jw, "Encoder") }
func (c *codec) decoderType() *jen.Statement { return jen.Op("*").Qual(c.jw, "Decoder") }

// isNilable reports whether a member's Go field can be nil (so unset is nil).
func (c *codec) isNilable(m *shapes.Member) bool {
	return c.p.IsPointer(m) || nilableKind(m.Target)
}

// setCond returns the condition under which a member field holds a value
// worth sending, or nil if it always does. At the top of an input (topLevel)
// a value field equal to its zero default is not sent: the service applies
// the default itself.
func (c *codec) setCond(m *shapes.Member, field *jen.Statement, topLevel bool) *jen.Statement {
	switch {
	case c.isNilable(m):
		return field.Clone().Op("!=").Nil()
	case m.Target.IsEnum():
		return field.Clone().Op("!=").Lit("")
	case m.Target.Kind == shapes.KindIntEnum && (!HasValueDefault(m) || topLevel):
		return field.Clone().Op("!=").Lit(0)
	case topLevel && HasValueDefault(m):
		switch m.Target.Kind {
		case shapes.KindBoolean:
			return field.Clone()
		case shapes.KindString:
			return field.Clone().Op("!=").Lit("")
		case shapes.KindTimestamp:
			return jen.Op("!").Add(field.Clone()).Dot("IsZero").Call()
		}
		return field.Clone().Op("!=").Lit(0)
	}
	return nil
}

// defaultValue returns a Go expression of the member's default value when
// the client must fill it in: the member has a default and its Go field can
// be unset (a pointer, a nil-able list, map, blob, big number or document,
// or an empty enum). Value fields hold their zero default already.
func (c *codec) defaultValue(m *shapes.Member) (*jen.Statement, bool) {
	if !HasClientDefault(m) {
		return nil, false
	}
	t := m.Target
	if !c.p.IsPointer(m) && !nilableKind(t) && !t.IsEnum() && t.Kind != shapes.KindIntEnum {
		return nil, false
	}
	def, err := defaultExpr(c.p, m)
	if err != nil {
		// checkDefaults refused the model before anything was emitted.
		panic(err)
	}
	return def, true
}

// defaultExpr is a Go expression of the value type of member m's @default
// value (which m must have), or an error saying why the value is none of
// the values the spec allows for m's type: a base64 blob, a timestamp as
// epoch seconds or a date-time string (an http-date where the member's
// format is http-date), any number for big numbers, the float special
// values, and what scalarLiteral covers. Big numbers are new values each
// time the expression runs, since a *big.Int or *big.Float that decoded
// messages shared could be changed through any of them.
func defaultExpr(p *Plan, m *shapes.Member) (*jen.Statement, error) {
	t := m.Target
	raw, _ := m.Traits.Default()
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	num, isNum := v.(json.Number)
	switch t.Kind {
	case shapes.KindDocument:
		var b bytes.Buffer
		if err := json.Compact(&b, []byte(raw)); err != nil {
			return nil, err
		}
		return jen.Qual(p.TypesPath, p.DocName).Call(jen.Lit(b.String())), nil
	case shapes.KindList, shapes.KindMap:
		if x, ok := v.([]any); ok && len(x) == 0 && t.Kind == shapes.KindList {
			return p.ValueType(t).Values(), nil
		}
		if x, ok := v.(map[string]any); ok && len(x) == 0 && t.Kind == shapes.KindMap {
			return p.ValueType(t).Values(), nil
		}
		return nil, fmt.Errorf("a %s's default can only be empty", t.Kind)
	case shapes.KindBlob:
		str, ok := v.(string)
		if !ok {
			return nil, errors.New("a blob's default is a base64 string")
		}
		b, err := base64.StdEncoding.DecodeString(str)
		if err != nil {
			return nil, fmt.Errorf("not base64: %w", err)
		}
		return jen.Index().Byte().Call(jen.Lit(string(b))), nil
	case shapes.KindTimestamp:
		var ts time.Time
		var err error
		switch x := v.(type) {
		case json.Number:
			ts, err = textfmt.ParseEpochSeconds(x.String())
		case string:
			if timestampFormat(m, "date-time") == "http-date" {
				ts, err = textfmt.ParseHTTPDate(x)
			} else {
				ts, err = textfmt.ParseDateTime(x)
			}
		default:
			err = errors.New("a timestamp's default is a number of epoch seconds or a date-time string")
		}
		if err != nil {
			return nil, err
		}
		return jen.Qual("time", "Unix").Call(jen.Lit(ts.Unix()), jen.Lit(int64(ts.Nanosecond()))).Dot("UTC").Call(), nil
	case shapes.KindBigInteger:
		n, ok := new(big.Int).SetString(num.String(), 10)
		if !isNum || !ok {
			return nil, errors.New("a bigInteger's default is an integer")
		}
		if n.IsInt64() {
			return jen.Qual("math/big", "NewInt").Call(jen.Lit(n.Int64())), nil
		}
		return jen.Func().Params().Op("*").Qual("math/big", "Int").Block(
			jen.List(jen.Id("n"), jen.Id("_")).Op(":=").New(jen.Qual("math/big", "Int")).Dot("SetString").Call(jen.Lit(n.String()), jen.Lit(10)),
			jen.Return(jen.Id("n")),
		).Call(), nil
	case shapes.KindBigDecimal:
		prec := textfmt.DecimalPrec(num.String())
		if _, _, err := big.ParseFloat(num.String(), 10, prec, big.ToNearestEven); !isNum || err != nil {
			return nil, errors.New("a bigDecimal's default is a number")
		}
		// Read as the JSON decoder reads the number, at the same precision.
		return jen.Func().Params().Op("*").Qual("math/big", "Float").Block(
			jen.List(jen.Id("f"), jen.Id("_"), jen.Id("_")).Op(":=").Qual("math/big", "ParseFloat").Call(
				jen.Lit(num.String()), jen.Lit(10), jen.Lit(int(prec)), jen.Qual("math/big", "ToNearestEven")),
			jen.Return(jen.Id("f")),
		).Call(), nil
	}
	if lit, ok := scalarLiteral(p, t, v); ok {
		return lit, nil
	}
	return nil, fmt.Errorf("not a value of a %s", t.Kind)
}

// scalarLiteral is a Go literal of shape t's value type for a JSON node
// decoded with json.Number (a string, enum, boolean, integer, intEnum or
// float, the float special values "NaN", "Infinity" and "-Infinity"
// included); false when v is not one of those for t. Defaults and protocol
// test params both use it.
func scalarLiteral(p *Plan, t *shapes.Shape, v any) (*jen.Statement, bool) {
	switch x := v.(type) {
	case string:
		if t.IsEnum() {
			return jen.Qual(p.TypesPath, p.TypeName(t)).Call(jen.Lit(x)), true
		}
		switch t.Kind {
		case shapes.KindString:
			return jen.Lit(x), true
		case shapes.KindFloat, shapes.KindDouble:
			switch x {
			case "NaN":
				return p.ValueType(t).Call(jen.Qual("math", "NaN").Call()), true
			case "Infinity":
				return p.ValueType(t).Call(jen.Qual("math", "Inf").Call(jen.Lit(1))), true
			case "-Infinity":
				return p.ValueType(t).Call(jen.Qual("math", "Inf").Call(jen.Lit(-1))), true
			}
		}
	case bool:
		if t.Kind == shapes.KindBoolean {
			return jen.Lit(x), true
		}
	case json.Number:
		switch t.Kind {
		case shapes.KindIntEnum:
			if n, err := x.Int64(); err == nil {
				return jen.Qual(p.TypesPath, p.TypeName(t)).Call(jen.Lit(n)), true
			}
		case shapes.KindByte, shapes.KindShort, shapes.KindInteger, shapes.KindLong:
			if n, err := x.Int64(); err == nil {
				return p.ValueType(t).Call(jen.Lit(n)), true
			}
		case shapes.KindFloat, shapes.KindDouble:
			f, err := x.Float64()
			switch {
			case err != nil:
			case f == 0 && math.Signbit(f):
				// A Go constant has no negative zero: -0.0 is 0.
				return p.ValueType(t).Call(jen.Qual("math", "Copysign").Call(jen.Lit(0), jen.Lit(-1))), true
			default:
				return p.ValueType(t).Call(jen.Lit(f)), true
			}
		}
	}
	return nil, false
}

// fillDefaults sets members that a response left out to their defaults.
func (c *codec) fillDefaults(g *jen.Group, members []*shapes.Member, v string) {
	for _, m := range members {
		def, ok := c.defaultValue(m)
		if !ok {
			continue
		}
		field := jen.Id(v).Dot(c.p.FieldName(m))
		switch {
		case c.p.IsPointer(m):
			g.If(field.Clone().Op("==").Nil()).Block(jen.Id("x").Op(":=").Add(def), field.Clone().Op("=").Op("&").Id("x"))
		case nilableKind(m.Target):
			g.If(field.Clone().Op("==").Nil()).Block(field.Clone().Op("=").Add(def))
		case m.Target.IsEnum():
			g.If(field.Clone().Op("==").Lit("")).Block(field.Clone().Op("=").Add(def))
		case m.Target.Kind == shapes.KindIntEnum:
			g.If(field.Clone().Op("==").Lit(0)).Block(field.Clone().Op("=").Add(def))
		}
	}
}

// encodeMembers writes the statements that encode members of a structure held
// in v (a pointer) as the current JSON object's properties. Inside a
// structure (not topLevel) an unset member with a default is sent as the
// default, so that the service sees what the model promises.
func (c *codec) encodeMembers(g *jen.Group, members []*shapes.Member, v string, topLevel bool) {
	for _, m := range members {
		field := jen.Id(v).Dot(c.p.FieldName(m))
		ts := c.bodyTimestamp(m)
		body := []jen.Code{c.keyCall(c.wireName(m))}
		body = append(body, c.encValue(m.Target, field, c.p.IsPointer(m), ts)...)
		cond := c.setCond(m, field, topLevel)
		def, hasDef := c.defaultValue(m)
		switch {
		case cond == nil:
			addAll(g, body)
		case hasDef && !topLevel:
			fill := []jen.Code{c.keyCall(c.wireName(m))}
			fill = append(fill, c.encValue(m.Target, def, false, ts)...)
			g.If(cond).Block(body...).Else().Block(fill...)
		default:
			g.If(cond).Block(body...)
		}
	}
}

// encValue encodes the value x of shape s; ptr says x is a pointer to it.
// A structure's x must be addressable when ptr is false.
func (c *codec) encValue(s *shapes.Shape, x *jen.Statement, ptr bool, ts string) []jen.Code {
	e := jen.Id("e")
	val := x
	if ptr && s.Kind != shapes.KindStructure {
		val = jen.Op("*").Add(x)
	}
	switch {
	case s.IsEnum():
		return []jen.Code{e.Dot("String").Call(jen.String().Call(val))}
	case s.Kind == shapes.KindIntEnum:
		return []jen.Code{e.Dot("Int").Call(jen.Int64().Call(val))}
	}
	switch s.Kind {
	case shapes.KindString:
		return []jen.Code{e.Dot("String").Call(val)}
	case shapes.KindBoolean:
		return []jen.Code{e.Dot("Bool").Call(val)}
	case shapes.KindByte, shapes.KindShort, shapes.KindInteger, shapes.KindLong:
		return []jen.Code{e.Dot("Int").Call(jen.Int64().Call(val))}
	case shapes.KindFloat:
		return []jen.Code{e.Dot("Float").Call(jen.Float64().Call(val), jen.Lit(32))}
	case shapes.KindDouble:
		return []jen.Code{e.Dot("Float").Call(val, jen.Lit(64))}
	case shapes.KindBigInteger, shapes.KindBigDecimal:
		return []jen.Code{c.encBig(s, val)}
	case shapes.KindBlob:
		return []jen.Code{e.Dot(c.wire().blob).Call(val)}
	case shapes.KindDocument:
		return []jen.Code{e.Dot("Raw").Call(val)}
	case shapes.KindTimestamp:
		return []jen.Code{e.Dot(timestampMethod(ts)).Call(val)}
	case shapes.KindStructure:
		if !ptr {
			val = jen.Op("&").Add(x)
		}
		return []jen.Code{jen.Id(c.encFunc(s)).Call(e, val)}
	case shapes.KindList, shapes.KindMap, shapes.KindUnion:
		return []jen.Code{jen.Id(c.encFunc(s)).Call(e, val)}
	}
	return nil
}

// begin starts the list or map v (method BeginArray or BeginObject), with
// its length up front where the wire format takes it.
func (c *codec) begin(method string) jen.Code {
	if c.wire().lengths {
		return jen.Id("e").Dot(method + "Len").Call(jen.Len(jen.Id("v")))
	}
	return jen.Id("e").Dot(method).Call()
}

// decTimestampMethod is the jsonwire method reading a timestamp format:
// timestampMethod's, except that a strict decoder refuses date-time offsets.
func (c *codec) decTimestampMethod(format string) string {
	if c.strict && format == "date-time" {
		return "DateTimeUTC"
	}
	return timestampMethod(format)
}

// timestampMethod is the jsonwire method for a timestamp format.
func timestampMethod(format string) string {
	switch format {
	case "date-time":
		return "DateTime"
	case "http-date":
		return "HTTPDate"
	}
	return "EpochSeconds"
}

func (c *codec) encoder(s *shapes.Shape) jen.Code {
	name := c.enc[s]
	switch s.Kind {
	case shapes.KindStructure:
		return jen.Func().Id(name).Params(jen.Id("e").Add(c.encoderType()), jen.Id("v").Op("*").Add(c.p.ValueType(s))).BlockFunc(func(g *jen.Group) {
			g.Id("e").Dot("BeginObject").Call()
			c.encodeMembers(g, s.Members, "v", false)
			g.Id("e").Dot("EndObject").Call()
		})
	case shapes.KindUnion:
		return jen.Func().Id(name).Params(jen.Id("e").Add(c.encoderType()), jen.Id("v").Add(c.p.ValueType(s))).BlockFunc(func(g *jen.Group) {
			g.Id("e").Dot("BeginObject").Call()
			g.Switch(jen.Id("x").Op(":=").Id("v").Assert(jen.Type())).BlockFunc(func(sw *jen.Group) {
				for _, m := range s.Members {
					body := []jen.Code{c.keyCall(c.wireName(m))}
					if m.Target.IsUnit() {
						body = append(body, jen.Id("e").Dot("BeginObject").Call(), jen.Id("e").Dot("EndObject").Call())
					} else {
						body = append(body, c.encValue(m.Target, jen.Id("x").Dot("Value"), false, c.bodyTimestamp(m))...)
					}
					sw.Case(jen.Op("*").Qual(c.p.TypesPath, c.p.UnionMemberName(m))).Block(body...)
				}
				sw.Case(jen.Op("*").Qual(c.p.TypesPath, c.p.UnknownName)).Block(
					jen.Id("e").Dot("Key").Call(jen.Id("x").Dot("Tag")),
					jen.Id("e").Dot("Raw").Call(jen.Id("x").Dot("Value")),
				)
			})
			g.Id("e").Dot("EndObject").Call()
		})
	case shapes.KindList:
		m := s.ListMember()
		sparse := s.Traits.Sparse()
		elemPtr := sparse && !nilableKind(m.Target)
		return jen.Func().Id(name).Params(jen.Id("e").Add(c.encoderType()), jen.Id("v").Add(c.p.ValueType(s))).BlockFunc(func(g *jen.Group) {
			g.Add(c.begin("BeginArray"))
			g.For(jen.Id("i").Op(":=").Range().Id("v")).BlockFunc(func(b *jen.Group) {
				x := jen.Id("v").Index(jen.Id("i"))
				if elemPtr || (sparse && nilableKind(m.Target)) {
					b.If(x.Clone().Op("==").Nil()).Block(jen.Id("e").Dot("Null").Call(), jen.Continue())
				}
				addAll(b, c.encValue(m.Target, x, elemPtr, c.bodyTimestamp(m)))
			})
			g.Id("e").Dot("EndArray").Call()
		})
	case shapes.KindMap:
		m := s.MapValue()
		sparse := s.Traits.Sparse()
		elemPtr := sparse && !nilableKind(m.Target)
		return jen.Func().Id(name).Params(jen.Id("e").Add(c.encoderType()), jen.Id("v").Add(c.p.ValueType(s))).BlockFunc(func(g *jen.Group) {
			g.Add(c.begin("BeginObject"))
			g.Comment("Keys go out sorted, so that a request's bytes do not depend on map order.")
			g.For(jen.Id("k").Op(":=").Range().Qual(c.jw, "SortedKeys").Call(jen.Id("v"))).BlockFunc(func(b *jen.Group) {
				b.Id("x").Op(":=").Id("v").Index(jen.Id("k"))
				b.Id("e").Dot("Key").Call(jen.String().Call(jen.Id("k")))
				if elemPtr || (sparse && nilableKind(m.Target)) {
					b.If(jen.Id("x").Op("==").Nil()).Block(jen.Id("e").Dot("Null").Call(), jen.Continue())
				}
				addAll(b, c.encValue(m.Target, jen.Id("x"), elemPtr, c.bodyTimestamp(m)))
			})
			g.Id("e").Dot("EndObject").Call()
		})
	}
	panic("gogen: no encoder for " + s.ID.String())
}

// decValue decodes one non-null value of shape s and passes the Go
// expression holding it to assign; ptr asks for a pointer to the value.
func (c *codec) decValue(s *shapes.Shape, ptr bool, ts string, assign func(jen.Code) jen.Code) []jen.Code {
	var read *jen.Statement
	switch {
	case s.IsEnum():
		value := jen.Id("d").Dot("String").Call()
		if c.wire().enumTables {
			value = jen.Id("d").Dot("Enum").Call(jen.Op("&").Id(c.enumTable(s)))
		}
		read = jen.Qual(c.p.TypesPath, c.p.TypeName(s)).Call(value)
	case s.Kind == shapes.KindIntEnum:
		read = jen.Qual(c.p.TypesPath, c.p.TypeName(s)).Call(jen.Id("d").Dot("Int32").Call())
	default:
		switch s.Kind {
		case shapes.KindString:
			read = jen.Id("d").Dot("String").Call()
		case shapes.KindBoolean:
			read = jen.Id("d").Dot("Bool").Call()
		case shapes.KindByte:
			read = jen.Id("d").Dot("Int8").Call()
		case shapes.KindShort:
			read = jen.Id("d").Dot("Int16").Call()
		case shapes.KindInteger:
			read = jen.Id("d").Dot("Int32").Call()
		case shapes.KindLong:
			read = jen.Id("d").Dot("Int64").Call()
		case shapes.KindFloat:
			read = jen.Id("d").Dot("Float32").Call()
		case shapes.KindDouble:
			read = jen.Id("d").Dot("Float64").Call()
		case shapes.KindTimestamp:
			read = jen.Id("d").Dot(c.decTimestampMethod(ts)).Call()
		case shapes.KindBigInteger, shapes.KindBigDecimal:
			return []jen.Code{assign(c.decBig(s))}
		case shapes.KindBlob:
			return []jen.Code{assign(jen.Id("d").Dot(c.wire().blob).Call())}
		case shapes.KindDocument:
			return []jen.Code{assign(jen.Qual(c.p.TypesPath, c.p.DocName).Call(jen.Id("d").Dot("Raw").Call()))}
		case shapes.KindStructure:
			if ptr && c.wire().newIn {
				// From blocks the decoder hands out, rather than one
				// allocation each (see NewIn).
				return []jen.Code{
					jen.Id("x").Op(":=").Qual(c.jw, "NewIn").Types(c.p.ValueType(s)).Call(jen.Id("d")),
					jen.Id(c.decFunc(s)).Call(jen.Id("d"), jen.Id("x")),
					assign(jen.Id("x")),
				}
			}
			if ptr {
				return []jen.Code{
					jen.Id("x").Op(":=").New(c.p.ValueType(s)),
					jen.Id(c.decFunc(s)).Call(jen.Id("d"), jen.Id("x")),
					assign(jen.Id("x")),
				}
			}
			return []jen.Code{
				jen.Var().Id("x").Add(c.p.ValueType(s)),
				jen.Id(c.decFunc(s)).Call(jen.Id("d"), jen.Op("&").Id("x")),
				assign(jen.Id("x")),
			}
		case shapes.KindList, shapes.KindMap, shapes.KindUnion:
			return []jen.Code{assign(jen.Id(c.decFunc(s)).Call(jen.Id("d")))}
		}
	}
	if ptr {
		// Optional members point into blocks the decoder hands out, rather
		// than one allocation each.
		if box := boxMethod(s); box != "" {
			return []jen.Code{assign(jen.Id("d").Dot(box).Call(read))}
		}
		return []jen.Code{jen.Id("x").Op(":=").Add(read), assign(jen.Op("&").Id("x"))}
	}
	return []jen.Code{assign(read)}
}

// boxMethod names the jsonwire.Decoder method that boxes a value of s, or "".
func boxMethod(s *shapes.Shape) string {
	if s.IsEnum() || s.Kind == shapes.KindIntEnum {
		return ""
	}
	switch s.Kind {
	case shapes.KindString:
		return "BoxString"
	case shapes.KindBoolean:
		return "BoxBool"
	case shapes.KindByte:
		return "BoxInt8"
	case shapes.KindShort:
		return "BoxInt16"
	case shapes.KindInteger:
		return "BoxInt32"
	case shapes.KindLong:
		return "BoxInt64"
	case shapes.KindFloat:
		return "BoxFloat32"
	case shapes.KindDouble:
		return "BoxFloat64"
	case shapes.KindTimestamp:
		return "BoxTime"
	}
	return ""
}

// decodeMembersLoop writes the key loop that decodes a JSON object's
// properties into members of the structure s held in v (a pointer): all
// of them, or the ones a protocol puts in the body. JSON null leaves a
// member unset; unknown properties are skipped.
//
// Where the wire format has Member (jsonwire), the runtime finds each
// member in s's table of names (see membersTable) and returns its index in
// s.Members, having skipped unknown and null members itself, so the
// generated loop is one switch on that index. Otherwise NextKey reads each
// name and a switch on it picks the member.
func (c *codec) decodeMembersLoop(g *jen.Group, s *shapes.Shape, members []*shapes.Member, v string) {
	value := func(m *shapes.Member) []jen.Code {
		field := jen.Id(v).Dot(c.p.FieldName(m))
		return c.decValue(m.Target, c.p.IsPointer(m), c.bodyTimestamp(m), func(x jen.Code) jen.Code {
			return field.Clone().Op("=").Add(x)
		})
	}
	if !c.wire().memberTables {
		g.For().BlockFunc(func(loop *jen.Group) {
			// The name aliases the input: switching on string(key) copies nothing.
			loop.List(jen.Id("key"), jen.Id("ok")).Op(":=").Id("d").Dot("NextKey").Call()
			loop.If(jen.Op("!").Id("ok")).Block(jen.Break())
			loop.Switch(jen.String().Call(jen.Id("key"))).BlockFunc(func(sw *jen.Group) {
				for _, m := range members {
					body := []jen.Code{jen.If(jen.Id("d").Dot("Null").Call()).Block(jen.Continue())}
					sw.Case(jen.Lit(c.wireName(m))).Block(append(body, value(m)...)...)
				}
				sw.Default().Block(jen.Id("d").Dot("Skip").Call())
			})
		})
		return
	}
	table := jen.Op("&").Id(c.membersTable(s))
	if len(members) == 0 {
		g.Comment("No member is read from the body: Member skips them all.")
		g.Id("d").Dot("Member").Call(table, jen.Lit(-1))
		return
	}
	g.For(
		jen.Id("i").Op(":=").Id("d").Dot("Member").Call(table, jen.Lit(-1)),
		jen.Id("i").Op(">=").Lit(0),
		jen.Id("i").Op("=").Id("d").Dot("Member").Call(table.Clone(), jen.Id("i")),
	).BlockFunc(func(loop *jen.Group) {
		loop.Switch(jen.Id("i")).BlockFunc(func(sw *jen.Group) {
			for _, m := range members {
				sw.Case(jen.Lit(slices.Index(s.Members, m))).Block(value(m)...)
			}
			if len(members) < len(s.Members) {
				// A member the protocol binds elsewhere, sent in the body too.
				sw.Default().Block(jen.Id("d").Dot("Skip").Call())
			}
		})
	})
}

// membersTable names the package-level Members (of the wire package)
// holding the wire names of s's members, declaring it on first use.
func (c *codec) membersTable(s *shapes.Shape) string {
	n := c.membersNames[s]
	if _, ok := c.funcs[n]; ok {
		return n
	}
	names := make([]jen.Code, len(s.Members))
	for i, m := range s.Members {
		names[i] = jen.Lit(c.wireName(m))
	}
	c.funcs[n] = jen.Commentf("%s holds the wire names of %s's members, which Decoder.Member looks up.", n, s.ID.Name).Line().
		Var().Id(n).Op("=").Qual(c.jw, "Members").Values(jen.Dict{jen.Id("Names"): jen.Index().String().Values(names...)})
	return n
}

// enumTable names the package-level Enum (of the wire package) holding
// the values of the enum s, declaring it on first use.
func (c *codec) enumTable(s *shapes.Shape) string {
	n := c.membersNames[s]
	if _, ok := c.funcs[n]; ok {
		return n
	}
	var values []jen.Code
	for _, v := range s.EnumValues() {
		values = append(values, jen.Lit(v.Value))
	}
	c.funcs[n] = jen.Commentf("%s holds the values of %s, which Decoder.Enum reads values against.", n, s.ID.Name).Line().
		Var().Id(n).Op("=").Qual(c.jw, "Enum").Values(jen.Dict{jen.Id("Values"): jen.Index().String().Values(values...)})
	return n
}

// plainName reports whether a member name is written in JSON as it is,
// with no escapes: printable ASCII other than '"' and '\\'.
func plainName(name string) bool {
	for i := 0; i < len(name); i++ {
		if ch := name[i]; ch < 0x20 || ch >= 0x7f || ch == '"' || ch == '\\' {
			return false
		}
	}
	return true
}

// refuseUnion records that a value of the union s is not exactly one known
// member (strict decoders only).
func (c *codec) refuseUnion(s *shapes.Shape, problem string, key jen.Code) jen.Code {
	return jen.Id("d").Dot("RefuseUnion").Call(jen.Lit(s.ID.Name), jen.Lit(problem), key)
}

func (c *codec) decoder(s *shapes.Shape) jen.Code {
	name := c.dec[s]
	switch s.Kind {
	case shapes.KindStructure:
		return jen.Func().Id(name).Params(jen.Id("d").Add(c.decoderType()), jen.Id("v").Op("*").Add(c.p.ValueType(s))).BlockFunc(func(g *jen.Group) {
			g.If(jen.Op("!").Id("d").Dot("BeginObject").Call()).Block(jen.Return())
			c.decodeMembersLoop(g, s, s.Members, "v")
			c.fillDefaults(g, s.Members, "v")
		})
	case shapes.KindUnion:
		t := c.p.ValueType(s)
		return jen.Func().Id(name).Params(jen.Id("d").Add(c.decoderType())).Add(t).BlockFunc(func(g *jen.Group) {
			g.If(jen.Op("!").Id("d").Dot("BeginObject").Call()).Block(jen.Return(jen.Nil()))
			g.Var().Id("out").Add(t.Clone())
			g.For().BlockFunc(func(loop *jen.Group) {
				loop.List(jen.Id("key"), jen.Id("ok")).Op(":=").Id("d").Dot("NextKey").Call()
				loop.If(jen.Op("!").Id("ok")).Block(jen.Break())
				loop.Switch(jen.String().Call(jen.Id("key"))).BlockFunc(func(sw *jen.Group) {
					for _, m := range s.Members {
						w := jen.Qual(c.p.TypesPath, c.p.UnionMemberName(m))
						body := []jen.Code{jen.If(jen.Id("d").Dot("Null").Call()).Block(jen.Continue())}
						if c.strict {
							body = append(body, jen.If(jen.Id("out").Op("!=").Nil()).Block(c.refuseUnion(s, "second member", jen.Id("key"))))
						}
						switch {
						case m.Target.IsUnit():
							body = append(body, jen.Id("d").Dot("Skip").Call(), jen.Id("out").Op("=").Op("&").Add(w).Values())
						case c.wire().newIn:
							// The member's wrapper from blocks the decoder
							// hands out (see NewIn): a union value is one
							// small allocation otherwise, and a page of
							// them (DynamoDB's attribute values) is mostly
							// those.
							body = append(body, jen.Id("u").Op(":=").Qual(c.jw, "NewIn").Types(w.Clone()).Call(jen.Id("d")))
							body = append(body, c.decValue(m.Target, false, c.bodyTimestamp(m), func(x jen.Code) jen.Code {
								return jen.Id("u").Dot("Value").Op("=").Add(x)
							})...)
							body = append(body, jen.Id("out").Op("=").Id("u"))
						default:
							body = append(body, c.decValue(m.Target, false, c.bodyTimestamp(m), func(x jen.Code) jen.Code {
								return jen.Id("out").Op("=").Op("&").Add(w).Values(jen.Dict{jen.Id("Value"): x})
							})...)
						}
						sw.Case(jen.Lit(c.wireName(m))).Block(body...)
					}
					sw.Case(jen.Lit("__type")).Block(jen.Id("d").Dot("Skip").Call())
					if c.strict {
						sw.Default().Block(c.refuseUnion(s, "unknown member", jen.Id("key")))
						return
					}
					sw.Default().Block(jen.Id("out").Op("=").Op("&").Qual(c.p.TypesPath, c.p.UnknownName).Values(jen.Dict{
						jen.Id("Tag"):   jen.String().Call(jen.Id("key")),
						jen.Id("Value"): jen.Id("d").Dot("Raw").Call(),
					}))
				})
			})
			if c.strict {
				g.If(jen.Id("out").Op("==").Nil()).Block(c.refuseUnion(s, "no member set", jen.Nil()))
			}
			g.Return(jen.Id("out"))
		})
	case shapes.KindList:
		m := s.ListMember()
		sparse := s.Traits.Sparse()
		elemPtr := sparse && !nilableKind(m.Target)
		t := c.p.ValueType(s)
		elem := c.p.ElemType(m, sparse)
		if !c.strict && !sparse && m.Target.Kind == shapes.KindString && !m.Target.IsEnum() {
			// A client's dense list of plain strings, the commonest list:
			// one runtime call reads it all.
			return jen.Func().Id(name).Params(jen.Id("d").Add(c.decoderType())).Add(t).Block(
				jen.Return(jen.Id("d").Dot("StringList").Call()),
			)
		}
		return jen.Func().Id(name).Params(jen.Id("d").Add(c.decoderType())).Add(t).BlockFunc(func(g *jen.Group) {
			g.If(jen.Op("!").Id("d").Dot("BeginArray").Call()).Block(jen.Return(jen.Nil()))
			g.Comment("The builder decodes the elements in place, in memory the decoder provides (see ListBuilder).")
			g.Var().Id("b").Qual(c.jw, "ListBuilder").Types(elem)
			g.For(jen.Id("d").Dot("NextElem").Call()).BlockFunc(func(b *jen.Group) {
				switch {
				case sparse:
					b.If(jen.Id("d").Dot("Null").Call()).Block(
						jen.Op("*").Id("b").Dot("NextIn").Call(jen.Id("d")).Op("=").Nil(),
						jen.Continue(),
					)
				case m.Target.Kind == shapes.KindDocument:
					// A null here is a document, JSON's null, which the
					// element's decoder reads (see denseNull).
				case c.strict:
					b.If(c.denseNull(s)).Block(jen.Continue())
				default:
					// A client keeps a null's place in a dense list, as
					// its element's zero value (see denseNull).
					b.If(jen.Id("d").Dot("Null").Call()).Block(
						jen.Id("b").Dot("NextIn").Call(jen.Id("d")),
						jen.Continue(),
					)
				}
				if m.Target.Kind == shapes.KindStructure && !elemPtr {
					b.Id(c.decFunc(m.Target)).Call(jen.Id("d"), jen.Id("b").Dot("NextIn").Call(jen.Id("d")))
					return
				}
				addAll(b, c.decValue(m.Target, elemPtr, c.bodyTimestamp(m), func(x jen.Code) jen.Code {
					return jen.Op("*").Id("b").Dot("NextIn").Call(jen.Id("d")).Op("=").Add(x)
				}))
			})
			g.Return(jen.Id("b").Dot("Slice").Call())
		})
	case shapes.KindMap:
		m := s.MapValue()
		sparse := s.Traits.Sparse()
		elemPtr := sparse && !nilableKind(m.Target)
		t := c.p.ValueType(s)
		add := func(x jen.Code) jen.Code { return jen.Id("b").Dot("Add").Call(jen.Id("d"), jen.Id("k"), x) }
		return jen.Func().Id(name).Params(jen.Id("d").Add(c.decoderType())).Add(t).BlockFunc(func(g *jen.Group) {
			g.If(jen.Op("!").Id("d").Dot("BeginObject").Call()).Block(jen.Return(jen.Nil()))
			g.Comment("The builder makes the map once, at its final size (see MapBuilder).")
			g.Var().Id("b").Qual(c.jw, "MapBuilder").Types(c.p.ElemType(m, sparse))
			g.For().BlockFunc(func(loop *jen.Group) {
				key := jen.Id("d").Dot("NextKeyString").Call()
				if k := s.MapKey().Target; k.IsEnum() && c.wire().enumTables {
					key = jen.Id("d").Dot("NextKeyEnum").Call(jen.Op("&").Id(c.enumTable(k)))
				}
				loop.List(jen.Id("k"), jen.Id("ok")).Op(":=").Add(key)
				loop.If(jen.Op("!").Id("ok")).Block(jen.Break())
				if sparse {
					loop.If(jen.Id("d").Dot("Null").Call()).Block(add(jen.Nil()), jen.Continue())
				} else if m.Target.Kind != shapes.KindDocument { // a document's null is a document (see denseNull)
					loop.If(c.denseNull(s)).Block(jen.Continue())
				}
				addAll(loop, c.decValue(m.Target, elemPtr, c.bodyTimestamp(m), add))
			})
			g.Return(jen.Id("b").Dot("Map").Call())
		})
	}
	panic("gogen: no decoder for " + s.ID.String())
}

// denseNull is the condition that skips a null element or value of the
// dense list or map s: a client skips a map's (Null), as the protocol tests
// want, a strict decoder refuses either (RefuseNull) and then ends the
// loop, its error being sticky. A client reads a null in a dense list as
// the element's zero value instead, in its place, so that the elements
// after it keep their positions (a model may hold index-aligned lists that
// its service writes nulls into, such as RDS Data's arrays of a column's
// values), as aws-sdk-go-v2 does. In a dense list or map of documents, a
// null is neither: it is a document, JSON's null, which both read as the
// document "null", and which a client's nil document is sent as.
func (c *codec) denseNull(s *shapes.Shape) *jen.Statement {
	if c.strict {
		return jen.Id("d").Dot("RefuseNull").Call(jen.Lit(s.ID.Name))
	}
	return jen.Id("d").Dot("Null").Call()
}

// headerKey is the canonical form net/http stores a header name in.
func headerKey(name string) string {
	return textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(name))
}

// addAll adds statements to a group one per line (Group.Add would put them on
// one line).
func addAll(g *jen.Group, stmts []jen.Code) {
	for _, st := range stmts {
		g.Add(st)
	}
}

// keyCall writes a member name: pre-quoted when it needs no JSON escaping
// (the usual case), so that encoding does not re-check it on every call.
func (c *codec) keyCall(name string) jen.Code {
	if !c.wire().quotedKeys {
		return jen.Id("e").Dot("Key").Call(jen.Lit(name))
	}
	if !plainName(name) {
		return jen.Id("e").Dot("Key").Call(jen.Lit(name))
	}
	return jen.Id("e").Dot("QuotedKey").Call(jen.Lit(`"` + name + `"`))
}
