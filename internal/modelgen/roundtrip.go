package modelgen

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/gogen"
	"github.com/smithygo/smithygo/internal/shapes"
)

// maxDepth is how deep random values go before only required members,
// minimum lengths and first union members are filled in (so that values of
// recursive shapes stay finite).
const maxDepth = 3

// RoundTripTests writes the test files for the generated package of m, an
// external test package (package <name>_test, so that its identifiers
// cannot clash with the package's) that calls every operation against an
// httptest server: echo operations must give back exactly what they sent,
// the others must not fail. The Go names all come from the generator's
// Plan. seed makes the values.
func RoundTripTests(m *Model, svc *shapes.Service, p *gogen.Plan) (map[string][]byte, error) {
	w := &valueWriter{p: p, o: m.Options, r: rand.New(rand.NewPCG(m.Seed, 0x5eed))}
	testPkg := p.Package + "_test"
	f := jen.NewFilePathName(p.ImportPath+"_test", testPkg)
	f.ImportAlias(p.ImportPath, "svc")
	f.ImportAlias(p.TypesPath, "types")
	f.HeaderComment(fmt.Sprintf("Round trips of modelgen seed %d.", m.Seed))

	f.Func().Id("newClient").Params(jen.Id("t").Op("*").Qual("testing", "T")).Op("*").Qual(p.ImportPath, "Client").Block(
		jen.Return(jen.Id("newClientAt").Call(jen.Id("t"), jen.Id("newServer").Call(jen.Id("t")))),
	)
	f.Func().Id("newClientAt").Params(jen.Id("t").Op("*").Qual("testing", "T"), jen.Id("url").String()).Op("*").Qual(p.ImportPath, "Client").Block(
		jen.Return(jen.Qual(p.ImportPath, "New").Call(jen.Qual(p.ImportPath, "Options").Values(jen.DictFunc(func(d jen.Dict) {
			if p.HasOption("Region") {
				d[jen.Id("Region")] = jen.Lit("us-east-1")
			}
			if p.HasOption("Credentials") {
				d[jen.Id("Credentials")] = jen.Qual(p.ImportPath, "AnonymousCredentials").Call()
			}
			if p.HasOption("BearerToken") {
				d[jen.Id("BearerToken")] = jen.Qual(p.ImportPath, "StaticToken").Call(jen.Lit(testBearerToken))
			}
			if p.HasOption("APIKey") {
				d[jen.Id("APIKey")] = jen.Qual(p.ImportPath, "StaticToken").Call(jen.Lit(testAPIKey))
			}
			if p.HasOption("BasicAuth") {
				d[jen.Id("BasicAuth")] = jen.Qual(p.ImportPath, "StaticBasicAuth").Values(jen.Dict{
					jen.Id("Username"): jen.Lit(testUser), jen.Id("Password"): jen.Lit(testPassword)})
			}
			d[jen.Id("BaseEndpoint")] = jen.Id("url")
			d[jen.Id("Validation")] = jen.Qual(p.ImportPath, "ValidateAll")
			d[jen.Id("RetryMaxAttempts")] = jen.Lit(1)
		})))),
	)

	proto := ProtocolOf(m.Seed, m.Options)
	echoOps := jen.Dict{}
	for _, name := range m.Echo {
		echoOps[jen.Lit(name)] = jen.True()
	}
	f.Comment("echoOps are the echo operations, by the name the RPC protocols send.")
	f.Var().Id("echoOps").Op("=").Map(jen.String()).Bool().Values(echoOps)
	echoShapes, echoPaths, bodies := jen.Dict{}, jen.Dict{}, newBodyTable(proto)
	for _, op := range p.Operations {
		if !slices.Contains(m.Echo, op.Shape.ID.Name) {
			continue
		}
		if !rpc(proto) {
			h, ok := op.Shape.Traits.HTTP()
			if !ok {
				continue
			}
			echoPaths[jen.Lit(h.URI)] = jen.Lit(op.Shape.ID.Name)
		}
		if i, ok := bodies.top(op.Output); ok {
			echoShapes[jen.Lit(op.Shape.ID.Name)] = jen.Lit(i)
		}
	}
	f.Comment("echoShapes are the bodyShapes of the echo outputs; an echo whose body is no structure is not listed, and is only reordered and spaced.")
	f.Var().Id("echoShapes").Op("=").Map(jen.String()).Int().Values(echoShapes)
	f.Comment("echoPaths are the restJson1 echo operations by their path.")
	f.Var().Id("echoPaths").Op("=").Map(jen.String()).String().Values(echoPaths)
	eventOps := jen.Dict{}
	if rpc(proto) {
		for _, op := range p.Operations {
			if slices.Contains(m.Events, op.Shape.ID.Name) && eventStreamOf(op.Input) != nil {
				eventOps[jen.Lit(op.Shape.ID.Name)] = jen.True()
			}
		}
	}
	noInput := jen.Dict{}
	if rpc(proto) {
		for _, op := range p.Operations {
			if op.Input == nil || op.Input.IsUnit() {
				noInput[jen.Lit(op.Shape.ID.Name)] = jen.True()
			}
		}
	}
	f.Comment("noInputOps are the RPC operations without input, which rpcv2 sends without a body.")
	f.Var().Id("noInputOps").Op("=").Map(jen.String()).Bool().Values(noInput)
	f.Comment("queryCompatible says whether the service is awsQueryCompatible.")
	f.Var().Id("queryCompatible").Op("=").Lit(svc.Shape.Traits.Has(traitQueryCompatible))
	f.Comment("eventOps are the RPC event-stream operations with an input stream, whose messages the server echoes.")
	f.Var().Id("eventOps").Op("=").Map(jen.String()).Bool().Values(eventOps)

	for i, op := range p.Operations {
		if rpc(proto) && slices.Contains(m.Events, op.Shape.ID.Name) {
			// Event streams with an RPC protocol have their own test
			// (rpcEventTest), below.
			continue
		}
		echo := slices.Contains(m.Echo, op.Shape.ID.Name)
		var inputs []jen.Code
		for range 3 {
			inputs = append(inputs, w.input(op))
		}
		newClient := jen.Id("newClient").Call(jen.Id("t"))
		if m.Options.Auth {
			newClient = jen.Id("newClientAt").Call(jen.Id("t"), jen.Id("newAuthServer").Call(jen.Id("t"), jen.Lit(wantAuth(svc, op.Shape))))
		}
		body := []jen.Code{
			jen.Id("c").Op(":=").Add(newClient),
			jen.Id("inputs").Op(":=").Index().Op("*").Qual(p.ImportPath, op.InputName).Values(inputs...),
		}
		call := jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("c").Dot(op.Method).Call(jen.Qual("context", "Background").Call(), jen.Id("in"))
		loop := []jen.Code{
			call,
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("input %d: %v"), jen.Id("i"), jen.Err())),
		}
		if m.Options.StringChecks {
			loop = append(loop, jen.Id("checkPrint").Call(jen.Id("t"), jen.Id("i"), jen.Lit("(input)"), jen.Id("in")))
			for _, in := range memberList(op.Input) {
				loop = append(loop, jen.Id("checkPrint").Call(jen.Id("t"), jen.Id("i"), jen.Lit(in.Name), jen.Id("in").Dot(p.FieldName(in))))
			}
		}
		if echo {
			for _, in := range memberList(op.Input) {
				out := op.Output.Member(in.Name)
				loop = append(loop, jen.Id("check").Call(jen.Id("t"), jen.Id("i"), jen.Lit(in.Name),
					jen.Id("in").Dot(p.FieldName(in)), jen.Id("out").Dot(p.FieldName(out))))
			}
		} else {
			loop = append(loop, jen.Id("_").Op("=").Id("out"))
		}
		body = append(body, jen.For(jen.List(jen.Id("i"), jen.Id("in")).Op(":=").Range().Id("inputs")).Block(loop...))
		kind := "Call"
		if echo {
			kind = "Echo"
		}
		f.Commentf("Test%s%d calls %s (%s).", kind, i, op.Method, op.Shape.ID.Name)
		f.Func().Id(fmt.Sprintf("Test%s%d", kind, i)).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(body...)
	}

	wv := &valueWriter{p: p, o: m.Options, r: rand.New(rand.NewPCG(m.Seed, 0x3173)), bodies: bodies}
	serverEvents := jen.Dict{}
	for i, op := range p.Operations {
		name := op.Shape.ID.Name
		if rpc(proto) && slices.Contains(m.Events, name) {
			newClient := jen.Id("newClient").Call(jen.Id("t"))
			if m.Options.Auth {
				newClient = jen.Id("newClientAt").Call(jen.Id("t"), jen.Id("newAuthServer").Call(jen.Id("t"), jen.Lit(wantAuth(svc, op.Shape))))
			}
			switch {
			case !m.Options.EventStreams:
			case eventStreamOf(op.Input) != nil:
				wv.rpcEventTest(f, i, op, newClient)
			default:
				stream := wv.rpcServerEventTest(f, i, op, newClient, proto)
				serverEvents[jen.Lit(name)] = jen.Lit(string(stream))
			}
			continue
		}
		switch {
		case m.Options.Streaming && slices.Contains(m.Streams, name):
			wv.streamTest(f, fmt.Sprintf("TestStream%d", i), op)
		case m.Options.Waiters && slices.Contains(m.Waits, name):
			wv.waiterTest(f, fmt.Sprintf("TestWaiter%d", i), op)
		case m.Options.EventStreams && slices.Contains(m.Events, name) && !rpc(proto):
			wv.eventStreamTest(f, i, op)
		case m.Options.WireChecks && !slices.Contains(m.Echo, name) && hasBindings(op):
			wv.wireTest(f, i, op)
		}
		if m.Options.ErrorResponses {
			errs := append(slices.Clone(op.Shape.Errors), svc.Errors...)
			for j, e := range errs {
				wv.errorTest(f, fmt.Sprintf("TestError%d_%d", i, j), op, e, svc.Shape.Traits.Has(traitQueryCompatible))
			}
		}
	}

	if serverEchoes(m) {
		serverEchoTests(f, m, svc, p)
	}

	f.Comment("serverEvents are the event streams the test server answers the RPC operations whose output only is a stream with.")
	f.Var().Id("serverEvents").Op("=").Map(jen.String()).String().Values(serverEvents)
	f.Comment("bodyShapes describe the bodies of echo replies and of the replies of wire tests (see bodyShape); the first is a structure of which nothing is known.")
	f.Var().Id("bodyShapes").Op("=").Add(bodies.code())

	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, fmt.Errorf("modelgen: seed %d: rendering roundtrip_test.go: %v", m.Seed, err)
	}
	return map[string][]byte{
		"roundtrip_test.go":         buf.Bytes(),
		"roundtrip_helpers_test.go": []byte(strings.NewReplacer("package PKG", "package "+testPkg, `"APIKEYNAME"`, strconv.Quote(apiKeyName), `"PROTOCOL"`, strconv.Quote(proto)).Replace(helpers)),
	}, nil
}

const traitQueryCompatible = "aws.protocols#awsQueryCompatible"

// The secrets newClientAt configures for every auth scheme the client has.
const (
	testBearerToken = "modelgen-token"
	testAPIKey      = "modelgen-key"
	testUser        = "modelgen"
	testPassword    = "pass:word"
)

// wantAuth is authOf's description of what a call of op sends when every
// scheme is configured as newClientAt does: nothing for @auth([]) and
// @optionalAuth, else the first of the operation's schemes that the client
// supports (SigV4, with anonymous credentials, sends nothing).
func wantAuth(svc *shapes.Service, op *shapes.Shape) string {
	var authz, keyHeader, keyQuery string
	schemes := svc.OperationAuth(op)
	if op.Traits.Has(shapes.TraitOptionalAuth) {
		schemes = nil
	}
choose:
	for _, id := range schemes {
		switch id.String() {
		case shapes.TraitSigV4:
		case shapes.TraitHTTPBearerAuth:
			authz = "Bearer " + testBearerToken
		case shapes.TraitHTTPBasicAuth:
			authz = "Basic " + base64.StdEncoding.EncodeToString([]byte(testUser+":"+testPassword))
		case shapes.TraitHTTPAPIKeyAuth:
			k, _ := svc.Shape.Traits.APIKeyAuth()
			switch {
			case k.In == "query":
				keyQuery = testAPIKey
			case k.Scheme != "":
				keyHeader = k.Scheme + " " + testAPIKey
			default:
				keyHeader = testAPIKey
			}
		default:
			continue // not supported: the client goes on to the next
		}
		break choose
	}
	return fmt.Sprintf("authorization=%q key-header=%q key-query=%q", authz, keyHeader, keyQuery)
}

// echoBodyMembers are the keys, in the JSON body of an echo operation's
// reply, of the members that the reply may give as null, and ok when the
// body is a structure, whose reply reencode also gives an unknown member.
// Documents are left out: null is a document's value. With restJson1 a
// member's key is its @jsonName; members bound to headers, the status or
// the query are not in the body; a structure @httpPayload is the body
// itself, so its members are the keys; a union or document payload is not
// a structure (an unknown member would make the union two members, and
// change the document): it is only reordered and spaced.
func echoBodyMembers(out *shapes.Shape, proto string) (keys []string, ok bool) {
	members, ok := echoBodyStructure(out, proto)
	if !ok {
		return nil, false
	}
	t := newBodyTable(proto)
	keys = []string{}
	for _, mem := range members {
		if mem.Target.Kind != shapes.KindDocument {
			keys = append(keys, t.key(mem))
		}
	}
	return keys, true
}

// echoBodyStructure are the members of an echo output in its body: all of
// them with an RPC protocol; with restJson1 those not bound elsewhere, or
// a structure payload's members, and ok false for another payload.
func echoBodyStructure(out *shapes.Shape, proto string) (members []*shapes.Member, ok bool) {
	all := memberList(out)
	if rpc(proto) {
		return all, true
	}
	for _, mem := range all {
		if mem.Traits.HTTPPayload() {
			if mem.Target.Kind != shapes.KindStructure {
				return nil, false
			}
			return memberList(mem.Target), true
		}
	}
	for _, mem := range all {
		if !hasBinding(mem) {
			members = append(members, mem)
		}
	}
	return members, true
}

// hasBinding reports a member that restJson1 binds outside the body.
func hasBinding(m *shapes.Member) bool {
	_, q := m.Traits.HTTPQuery()
	_, h := m.Traits.HTTPHeader()
	_, ph := m.Traits.HTTPPrefixHeaders()
	return m.Traits.HTTPLabel() || q || h || ph || m.Traits.HTTPQueryParams() || m.Traits.HTTPResponseCode() || m.Traits.HTTPPayload()
}

func memberList(s *shapes.Shape) []*shapes.Member {
	if s == nil || s.IsUnit() {
		return nil
	}
	return s.Members
}

// valueWriter writes Go literals of random values that satisfy the model's
// constraints, in the generator's types.
type valueWriter struct {
	p *gogen.Plan
	o Options
	r *rand.Rand
	// bodies is the test's table of bodyShapes, which the wire tests'
	// replies add to.
	bodies *bodyTable
	// serverNulls is set while writing values a test server sends: dense
	// lists and maps then sometimes hold a null on the wire, which a
	// client reads as a zero element in its place in a list (as gogen's
	// denseNull says) and skips in a map.
	serverNulls bool
}

func (w *valueWriter) chance(n int) bool { return w.r.IntN(n) == 0 }

// input is a literal *XxxInput for op.
func (w *valueWriter) input(op *gogen.Operation) jen.Code {
	var fields []jen.Code
	if op.Input != nil && !op.Input.IsUnit() {
		fields = w.fields(op.Input, 0)
	}
	return jen.Op("&").Qual(w.p.ImportPath, op.InputName).Values(fields...)
}

// fields are the field: value pairs of a structure literal.
func (w *valueWriter) fields(s *shapes.Shape, depth int) []jen.Code {
	out, _ := w.fieldsWire(s.Members, depth)
	return out
}

// fieldsWire are the field: value pairs of a structure literal of some of
// its members, and the object they are on the wire.
func (w *valueWriter) fieldsWire(members []*shapes.Member, depth int) ([]jen.Code, wire) {
	var out []jen.Code
	obj := wire{kind: wObject}
	for _, m := range members {
		if m.Target.Kind == shapes.KindUnion && m.Target.Traits.Streaming() {
			continue // an event stream: the EventStreams family's own tests send one
		}
		must := m.Traits.Required() || m.Traits.HasNonNullDefault() || m.Traits.IdempotencyToken() || m.Traits.HTTPLabel()
		if !must && (depth >= maxDepth || w.chance(3)) {
			continue
		}
		v := w.fieldWire(m, depth)
		out = append(out, jen.Id(w.p.FieldName(m)).Op(":").Add(v.code))
		obj.add(m, v.w)
	}
	return out, obj
}

// field is a value of a structure member's Go field type.
func (w *valueWriter) field(m *shapes.Member, depth int) jen.Code {
	return w.fieldWire(m, depth).code
}

// fieldWire is field with the value on the wire.
func (w *valueWriter) fieldWire(m *shapes.Member, depth int) wval {
	v := w.gen(m, depth)
	switch {
	case gogen.IsStreaming(m):
		v.code = jen.Qual("bytes", "NewReader").Call(v.code)
	case !w.p.IsPointer(m):
	case m.Target.Kind == shapes.KindStructure:
		v.code = jen.Op("&").Add(v.code)
	default:
		v.code = jen.Id("ptr").Call(v.code)
	}
	return v
}

// elem is a list element or map value: in a sparse collection, sometimes
// null, and a pointer where the Go type needs one.
func (w *valueWriter) elem(m *shapes.Member, sparse bool, depth int) wval {
	big := m.Target.Kind == shapes.KindBigInteger || m.Target.Kind == shapes.KindBigDecimal
	if sparse && w.chance(4) && (!big || w.o.SparseBigNulls) {
		return wval{jen.Nil(), wire{kind: wNull}}
	}
	v := w.gen(m, depth)
	if gogen.ElemIsPointer(m, sparse) {
		if m.Target.Kind == shapes.KindStructure {
			v.code = jen.Op("&").Add(v.code)
		} else {
			v.code = jen.Id("ptr").Call(v.code)
		}
	}
	return v
}

// constraints are a member's effective constraint traits: its own, else
// its target's.
type constraints struct {
	minLen, maxLen int // maxLen < 0: none
	pattern        string
	rangeMin       string
	rangeMax       string
}

func effective(m *shapes.Member) constraints {
	c := constraints{maxLen: -1}
	lb, ok := m.Traits.Length()
	if !ok {
		lb, ok = m.Target.Traits.Length()
	}
	if ok {
		if lb.Min != "" {
			c.minLen, _ = strconv.Atoi(lb.Min)
		}
		if lb.Max != "" {
			c.maxLen, _ = strconv.Atoi(lb.Max)
		}
	}
	pat, ok := m.Traits.Pattern()
	if !ok {
		pat, _ = m.Target.Traits.Pattern()
	}
	c.pattern = pat
	rb, ok := m.Traits.Range()
	if !ok {
		rb, _ = m.Target.Traits.Range()
	}
	c.rangeMin, c.rangeMax = rb.Min, rb.Max
	return c
}

// value is a value of the member's target, of the target's Go value type.
func (w *valueWriter) value(m *shapes.Member, depth int) jen.Code {
	return w.gen(m, depth).code
}

// gen is value with the value on the wire.
func (w *valueWriter) gen(m *shapes.Member, depth int) wval {
	p, t, c := w.p, m.Target, effective(m)
	switch t.Kind {
	case shapes.KindBlob:
		n := pickLen(w.r, c.minLen, c.maxLen)
		if n == 0 {
			return wval{jen.Index().Byte().Values(), wire{kind: wBlob, bytes: []byte{}}}
		}
		b := randomBytes(w.r, n)
		return wval{jen.Index().Byte().Call(jen.Lit(string(b))), wire{kind: wBlob, bytes: b}}
	case shapes.KindBoolean:
		b := w.chance(2)
		return wval{jen.Lit(b), wire{kind: wBool, text: strconv.FormatBool(b)}}
	case shapes.KindString, shapes.KindEnum:
		if t.IsEnum() {
			vals := p.EnumConsts(t)
			i := w.r.IntN(len(vals))
			return wval{jen.Qual(p.TypesPath, vals[i]), wire{kind: wString, text: t.EnumValues()[i].Value}}
		}
		lo := c.minLen
		if m.Traits.HTTPLabel() || m.Traits.IdempotencyToken() && c.maxLen != 0 {
			// A label must not be empty; an empty idempotency token is
			// unset (when its default is ""), and the client fills it in.
			lo = max(lo, 1)
		}
		lo, hi, _ := lengthRange(lo, c.maxLen, c.pattern)
		str := stringOf(w.r, c.pattern, pickLen(w.r, lo, hi))
		return wval{jen.Lit(str), wire{kind: wString, text: str}}
	case shapes.KindIntEnum:
		vals := p.EnumConsts(t)
		i := w.r.IntN(len(vals))
		return wval{jen.Qual(p.TypesPath, vals[i]), wire{kind: wNumber, text: t.EnumValues()[i].Value}}
	case shapes.KindTimestamp:
		return w.timestamp(m)
	case shapes.KindDocument:
		doc := pick(w.r, []string{`{"a":1,"b":[true,null,"x"]}`, `"text"`, `1.5`, `[]`, `{}`, `false`, `{"nested":{"k":[1,2,{"z":"é😀"}]}}`, `-0.25`})
		return wval{jen.Qual(p.TypesPath, p.DocName).Call(jen.Lit(doc)), wire{kind: wDocument, text: doc}}
	case shapes.KindList:
		return w.list(m, t, c, depth)
	case shapes.KindMap:
		return w.mapValue(m, t, c, depth)
	case shapes.KindStructure:
		fields, obj := w.fieldsWire(t.Members, depth+1)
		return wval{jen.Qual(p.TypesPath, p.TypeName(t)).Values(fields...), obj}
	case shapes.KindUnion:
		u := t.Members[0]
		if depth < maxDepth && !w.chance(3) {
			u = t.Members[w.r.IntN(len(t.Members))]
		}
		wrapper := jen.Qual(p.TypesPath, p.UnionMemberName(u))
		obj := wire{kind: wObject}
		if u.Target.IsUnit() {
			obj.add(u, wire{kind: wObject})
			return wval{jen.Op("&").Add(wrapper).Values(), obj}
		}
		v := w.gen(u, depth+1)
		obj.add(u, v.w)
		return wval{jen.Op("&").Add(wrapper).Values(jen.Id("Value").Op(":").Add(v.code)), obj}
	}
	return w.number(t, c)
}

func (w *valueWriter) number(t *shapes.Shape, c constraints) wval {
	k := map[shapes.Kind]kind{shapes.KindByte: kByte, shapes.KindShort: kShort, shapes.KindInteger: kInteger,
		shapes.KindLong: kLong, shapes.KindFloat: kFloat, shapes.KindDouble: kDouble,
		shapes.KindBigInteger: kBigInteger, shapes.KindBigDecimal: kBigDecimal}[t.Kind]
	text, ok := pickNumber(w.r, k, c.rangeMin, c.rangeMax, true)
	if !ok {
		panic(fmt.Sprintf("modelgen: no %s value in [%s, %s]", t.Kind, c.rangeMin, c.rangeMax))
	}
	switch k {
	case kByte, kShort, kInteger, kLong:
		return wval{intLit(k, text), wire{kind: wNumber, text: text}}
	case kBigInteger:
		return wval{jen.Id("bigInt").Call(jen.Lit(text)), wire{kind: wBigInteger, text: text}}
	case kBigDecimal:
		return wval{jen.Id("bigDec").Call(jen.Lit(text)), wire{kind: wBigDecimal, text: text}}
	}
	typ := jen.Float64()
	if k == kFloat {
		typ = jen.Float32()
	}
	switch text {
	case "NaN":
		return wval{typ.Call(jen.Qual("math", "NaN").Call()), wire{kind: wFloat, text: text}}
	case "Infinity":
		return wval{typ.Call(jen.Qual("math", "Inf").Call(jen.Lit(1))), wire{kind: wFloat, text: text}}
	case "-Infinity":
		return wval{typ.Call(jen.Qual("math", "Inf").Call(jen.Lit(-1))), wire{kind: wFloat, text: text}}
	case "-0":
		return wval{typ.Call(jen.Qual("math", "Copysign").Call(jen.Lit(0), jen.Lit(-1))), wire{kind: wFloat, text: text}}
	}
	// Written as float64 text of the exact value, converted: exact for both.
	bits := 64
	if k == kFloat {
		bits = 32
	}
	f, err := strconv.ParseFloat(text, bits)
	if err != nil {
		panic(err)
	}
	g := strconv.FormatFloat(f, 'g', -1, 64)
	return wval{typ.Call(jen.Op(g)), wire{kind: wFloat, text: g}}
}

// intLit is a Go literal of an integer kind's type.
func intLit(k kind, text string) jen.Code {
	bits := map[kind]int{kByte: 8, kShort: 16, kInteger: 32, kLong: 64}[k]
	n, err := strconv.ParseInt(text, 10, bits)
	if err != nil {
		panic(err)
	}
	return map[kind]func(int64) jen.Code{
		kByte:    func(n int64) jen.Code { return jen.Lit(int8(n)) },
		kShort:   func(n int64) jen.Code { return jen.Lit(int16(n)) },
		kInteger: func(n int64) jen.Code { return jen.Lit(int32(n)) },
		kLong:    func(n int64) jen.Code { return jen.Lit(n) },
	}[k](n)
}

// timestamp is a time.Time at the precision its wire format keeps:
// seconds for http-date, milliseconds otherwise.
func (w *valueWriter) timestamp(m *shapes.Member) wval {
	format, ok := m.Traits.TimestampFormat()
	if !ok {
		format, _ = m.Target.Traits.TimestampFormat()
	}
	ms := pick(w.r, []int64{0, 1700000000123, -1234567, 253402300799000, 951782400000, w.r.Int64N(4102444800000)})
	if format == "http-date" {
		ms -= ms % 1000
		if ms < 0 {
			ms = -2208988800000 // 1900-01-01, a whole second
		}
	}
	return wval{jen.Qual("time", "UnixMilli").Call(jen.Lit(ms)).Dot("UTC").Call(), wire{kind: wTime, ms: ms, format: format}}
}

func (w *valueWriter) list(m *shapes.Member, t *shapes.Shape, c constraints, depth int) wval {
	elem := t.ListMember()
	n := c.minLen
	if depth < maxDepth {
		n = pickLen(w.r, c.minLen, min3(c.maxLen))
	}
	var items []jen.Code
	arr := wire{kind: wList}
	seen := map[string]bool{}
	for tries := 0; len(items) < n && tries < 30; tries++ {
		v := w.elem(elem, t.Traits.Sparse(), depth+1)
		if t.Traits.UniqueItems() {
			key := fmt.Sprintf("%#v", v.code)
			if seen[key] {
				continue
			}
			seen[key] = true
		}
		items = append(items, v.code)
		arr.items = append(arr.items, v.w)
	}
	if w.serverNulls && !t.Traits.Sparse() && elem.Target.Kind != shapes.KindDocument && w.chance(2) {
		i := w.r.IntN(len(items) + 1)
		items = slices.Insert(items, i, jen.Code(jen.Op("*").New(w.p.ElemType(elem, false))))
		arr.items = slices.Insert(arr.items, i, wire{kind: wNull})
	}
	return wval{jen.Index().Add(w.p.ElemType(elem, t.Traits.Sparse())).Values(items...), arr}
}

// nullEntryKey is the key of a null entry in a dense map a test server
// sends, which a client skips.
const nullEntryKey = "modelgen-null-entry"

// min3 caps an upper bound at 3 items, to keep values small.
func min3(hi int) int {
	if hi < 0 || hi > 3 {
		return 3
	}
	return hi
}

func (w *valueWriter) mapValue(m *shapes.Member, t *shapes.Shape, c constraints, depth int) wval {
	key, val := t.MapKey(), t.MapValue()
	n := c.minLen
	if depth < maxDepth {
		n = pickLen(w.r, c.minLen, min3(c.maxLen))
	}
	_, prefixed := m.Traits.HTTPPrefixHeaders()
	kc := effective(key)
	dict := jen.Dict{}
	obj := wire{kind: wObject}
	seen := map[string]bool{}
	for tries := 0; len(seen) < n && tries < 30; tries++ {
		var k string
		switch {
		case key.Target.IsEnum():
			vals := key.Target.EnumValues()
			k = vals[w.r.IntN(len(vals))].Value
		case prefixed:
			// Header names are tokens: keys must be too.
			k = stringOf(w.r, `^[a-z]+$`, 1+w.r.IntN(5))
		default:
			lo, hi, _ := lengthRange(kc.minLen, kc.maxLen, kc.pattern)
			k = stringOf(w.r, kc.pattern, pickLen(w.r, lo, hi))
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		v := w.elem(val, t.Traits.Sparse(), depth+1)
		dict[jen.Lit(k)] = v.code
		obj.keys, obj.jsonKeys, obj.items = append(obj.keys, k), append(obj.jsonKeys, k), append(obj.items, v.w)
	}
	if w.serverNulls && !t.Traits.Sparse() && val.Target.Kind != shapes.KindDocument && !seen[nullEntryKey] && w.chance(4) {
		obj.keys, obj.jsonKeys, obj.items = append(obj.keys, nullEntryKey), append(obj.jsonKeys, nullEntryKey), append(obj.items, wire{kind: wNull})
	}
	return wval{jen.Map(jen.String()).Add(w.p.ElemType(val, t.Traits.Sparse())).Values(dict), obj}
}
