package modelgen

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/smithygo/smithygo/internal/naming"
)

// Namespace is the namespace of every generated model.
const Namespace = "example.fuzz"

// Model is one generated model.
type Model struct {
	Seed    uint64
	Options Options
	IDL     []byte
	// Echo names the echo operations: POST-like operations whose input
	// members are all in the JSON body and whose output has the same members,
	// so that a server copying the request body back makes output == input.
	Echo []string
	// Streams names the streaming operations: uploads have a streaming
	// input payload, downloads a streaming output payload.
	Streams []string
	// Waits names the operations with the Ready waiter (see waiterOp).
	Waits []string
	// Events names the operations whose output is an event stream (see
	// eventStreamOp).
	Events []string
}

// Generate writes a random valid Smithy 2.0 model from seed. The same seed
// and options always give byte-identical IDL.
func Generate(seed uint64, o Options) *Model {
	proto := ProtocolOf(seed, o)
	o.Protocol = proto
	if rpc(proto) {
		// The RPC protocols ignore HTTP bindings: payloads, streaming
		// blobs (which only a payload carries) and the wire checks of
		// bindings mean nothing there.
		o.Payloads, o.Streaming, o.WireChecks = false, false, false
		if proto == "rpcv2Cbor" {
			// rpcv2Cbor has no documents (its trait's NoDocuments validator).
			o.Documents = false
		}
	}
	b := &builder{
		r:     rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		o:     o,
		names: nameSet{},
		plain: map[kind]*shape{},
	}
	for n := range reservedShapeNames {
		b.names.add(n)
	}
	b.md = &model{namespace: Namespace, service: &service{}}
	b.build()
	header := fmt.Sprintf("// modelgen seed %d, features off: %s\n", seed, strings.Join(o.Off(), " "))
	if rpc(proto) {
		// Only here, so that restJson1 models stay what they were.
		header = fmt.Sprintf("// modelgen seed %d, protocol %s, features off: %s\n", seed, proto, strings.Join(o.Off(), " "))
	}
	out := &Model{Seed: seed, Options: o, IDL: b.md.idl(header)}
	for _, op := range b.echo {
		out.Echo = append(out.Echo, op.name)
	}
	for _, op := range b.streamOps {
		out.Streams = append(out.Streams, op.name)
	}
	for _, op := range b.waitOps {
		out.Waits = append(out.Waits, op.name)
	}
	for _, op := range b.eventOps {
		out.Events = append(out.Events, op.name)
	}
	return out
}

type builder struct {
	r     *rand.Rand
	o     Options
	md    *model
	names nameSet // shape names taken, case-insensitively

	plain   map[kind]*shape // an unconstrained shape of each simple kind
	simples []*shape        // every simple shape, enums included
	aggs    []*shape        // lists, maps, structures, unions
	errors  []*shape
	echo    []*operation
	mixins  []*shape
	// streamOps and waitOps are the operations of the Streaming and
	// Waiters families, which the tests call in their own ways.
	streamOps, waitOps []*operation
	// eventOps are the operations of the EventStreams family.
	eventOps []*operation
	nextIdx  int
	ops      int
	// queryCompat makes the service aws.protocols#awsQueryCompatible
	// (awsJson1_0 and rpcv2 only) and gives errors @awsQueryError.
	queryCompat bool
}

func (b *builder) chance(n int) bool { return b.r.IntN(n) == 0 }

// rpc reports whether the model's protocol ignores HTTP bindings.
func (b *builder) rpc() bool { return rpc(b.o.Protocol) }

// protocolTrait is the absolute ID of the service's protocol trait.
func protocolTrait(protocol string) string {
	if strings.HasPrefix(protocol, "rpcv2") {
		return "smithy.protocols#" + protocol
	}
	return "aws.protocols#" + protocol
}

func (b *builder) build() {
	if b.rpc() && b.o.Protocol != "awsJson1_1" && b.o.Errors {
		b.queryCompat = b.chance(3)
	}
	b.simpleShapes()
	b.aggregates()
	if b.o.Mixins {
		b.mixins = b.mixinShapes()
	}
	if b.o.DeepNesting {
		b.deepShapes()
	}
	if b.o.Errors {
		b.errorShapes()
	}
	b.service()
	for range 1 + b.r.IntN(2) {
		b.echoOp()
	}
	if b.o.Resources {
		b.resourceOps()
	}
	if b.o.Streaming {
		b.streamingOps()
	}
	if b.o.Waiters {
		b.waiterOp()
	}
	if b.o.Bindings {
		for range 1 + b.r.IntN(3) {
			b.bindingOp()
		}
	}
	if b.o.Pagination {
		b.paginatedOp()
	}
	if b.chance(3) {
		b.unitOp()
	}
	if b.o.CollidingNames {
		b.derivedNames()
	}
	if b.o.DocComments {
		b.docs()
	}
	if b.o.ApplyUse {
		b.applyAndUse()
	}
	if b.o.Auth {
		// Last, so that the rest of a seed's model is the same either way.
		b.auth()
	}
	if b.o.EventStreams {
		// After auth, for the same reason.
		b.eventStreamOp()
	}
}

// The auth schemes a model may apply: those the Go client supports, and
// one it does not.
var (
	supportedAuth = []string{"aws.auth#sigv4", "smithy.api#httpApiKeyAuth", "smithy.api#httpBasicAuth", "smithy.api#httpBearerAuth"}
	digestAuth    = "smithy.api#httpDigestAuth"
)

// apiKeyName is the header or query parameter of the API key, which no
// member binds.
const apiKeyName = "x-modelgen-key"

// auth applies auth schemes to the service, sometimes an @auth list, and
// gives some operations their own. Every list that is not empty names a
// scheme the client supports, so that every call can be made; an
// unsupported scheme only ever comes after a supported one.
func (b *builder) auth() {
	svc := b.md.service
	var applied []string
	for _, id := range append(slices.Clone(supportedAuth), digestAuth) {
		if b.chance(2) {
			applied = append(applied, id)
		}
	}
	if !slices.ContainsFunc(applied, func(id string) bool { return id != digestAuth }) {
		applied = append(applied, pick(b.r, supportedAuth))
	}
	for _, id := range applied {
		switch id {
		case "aws.auth#sigv4":
			svc.traits = append(svc.traits, `aws.auth#sigv4(name: "modelgen")`)
		case "smithy.api#httpApiKeyAuth":
			t := `httpApiKeyAuth(name: "` + apiKeyName + `", in: "query")`
			if b.chance(2) {
				t = `httpApiKeyAuth(name: "` + apiKeyName + `", in: "header"`
				if b.chance(2) {
					t += `, scheme: "Key"`
				}
				t += ")"
			}
			svc.traits = append(svc.traits, t)
		default:
			svc.traits = append(svc.traits, strings.TrimPrefix(id, "smithy.api#"))
		}
	}
	// list is a random order of some of the applied schemes, a supported
	// one first.
	list := func() string {
		order := slices.Clone(applied)
		b.r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		first := slices.IndexFunc(order, func(id string) bool { return id != digestAuth })
		order[0], order[first] = order[first], order[0]
		order = order[:1+b.r.IntN(len(order))]
		var quoted []string
		for _, id := range order {
			quoted = append(quoted, strconv.Quote(id))
		}
		return "auth([" + strings.Join(quoted, ", ") + "])"
	}
	switch b.r.IntN(8) {
	case 0:
		svc.traits = append(svc.traits, "auth([])")
	case 1, 2, 3:
		svc.traits = append(svc.traits, list())
	}
	for _, op := range b.md.service.operations {
		switch b.r.IntN(8) {
		case 0:
			op.traits = append(op.traits, "auth([])")
		case 1:
			op.traits = append(op.traits, "optionalAuth")
		case 2, 3:
			op.traits = append(op.traits, list())
		}
	}
}

// add registers a new top-level shape.
func (b *builder) add(s *shape) *shape {
	s.index = b.nextIdx
	b.nextIdx++
	b.md.shapes = append(b.md.shapes, s)
	return s
}

// shapeName returns a fresh shape name: often one a Go generator must
// handle with care, otherwise a plain numbered one.
func (b *builder) shapeName(prefix string) string {
	pools := [][]string{goKeywords, predeclared, methodNames, plainNames}
	if b.o.RuntimeNames {
		pools = append(pools, runtimeNames)
	}
	for range 20 {
		if !b.o.CollidingNames || b.chance(3) {
			break
		}
		name := variant(b.r, pick(b.r, pick(b.r, pools)))
		if !b.o.LeadingUnderscores && strings.HasPrefix(name, "_") {
			continue
		}
		if prefix == "Op" && !b.o.StdMethodOpNames && vetMethods[naming.Exported(name)] {
			continue
		}
		if b.takeName(name) {
			return name
		}
	}
	for i := 0; ; i++ {
		name := fmt.Sprintf("%s%d", prefix, b.nextIdx+i)
		if b.takeName(name) {
			return name
		}
	}
}

func (b *builder) takeName(name string) bool {
	if !validIdentifier(name) || b.names.has(name) || keywordNames[name] {
		return false
	}
	b.names.add(name)
	return true
}

// vetMethods are the methods whose signatures go vet's stdmethods check knows.
var vetMethods = map[string]bool{"Format": true, "GobDecode": true, "GobEncode": true, "MarshalJSON": true,
	"MarshalXML": true, "Peek": true, "ReadByte": true, "ReadFrom": true, "ReadRune": true, "Scan": true,
	"Seek": true, "UnmarshalJSON": true, "UnmarshalXML": true, "UnreadByte": true, "UnreadRune": true,
	"WriteByte": true, "WriteTo": true, "Is": true, "As": true, "Unwrap": true}

// memberName returns a fresh member name in a shape whose names are taken.
func (b *builder) memberName(taken nameSet, avoid map[string]bool) string {
	pools := [][]string{goKeywords, predeclared, runtimeNames, methodNames, plainNames}
	for range 20 {
		var name string
		if b.o.CollidingNames && !b.chance(4) {
			name = variant(b.r, pick(b.r, pick(b.r, pools)))
		} else {
			name = variant(b.r, pick(b.r, plainNames))
		}
		if validIdentifier(name) && !taken.has(name) && !avoid[strings.ToLower(name)] {
			taken.add(name)
			return name
		}
	}
	for i := 0; ; i++ {
		name := fmt.Sprintf("m%d", i)
		if !taken.has(name) {
			taken.add(name)
			return name
		}
	}
}

// simpleKinds are the simple kinds in use.
func (b *builder) simpleKinds() []kind {
	ks := []kind{kBlob, kBoolean, kString, kByte, kShort, kInteger, kLong, kFloat, kDouble}
	if b.o.BigNumbers {
		ks = append(ks, kBigInteger, kBigDecimal)
	}
	if b.o.Timestamps {
		ks = append(ks, kTimestamp)
	}
	if b.o.Documents {
		ks = append(ks, kDocument)
	}
	return ks
}

func (b *builder) simpleShapes() {
	for _, k := range b.simpleKinds() {
		s := b.add(newShape(b.shapeName("Plain"), k))
		b.plain[k] = s
		b.simples = append(b.simples, s)
	}
	for range 2 + b.r.IntN(6) {
		s := newShape(b.shapeName("Simple"), pick(b.r, b.simpleKinds()))
		b.constrain(s)
		if b.o.Sensitive && b.chance(5) {
			s.traits = append(s.traits, "sensitive")
		}
		b.simples = append(b.simples, b.add(s))
	}
	if b.o.Enums {
		for range 1 + b.r.IntN(2) {
			b.simples = append(b.simples, b.add(b.enumShape(kEnum)))
		}
		for range b.r.IntN(3) {
			b.simples = append(b.simples, b.add(b.enumShape(kIntEnum)))
		}
	}
}

// constrain adds constraint traits to a simple shape.
func (b *builder) constrain(s *shape) {
	switch {
	case s.kind == kString:
		if b.o.Patterns && b.chance(2) {
			s.pattern = pick(b.r, patterns).re
			s.traits = append(s.traits, "pattern("+quoteIDL(s.pattern)+")")
		}
		if b.o.Lengths && b.chance(2) {
			b.length(&s.traits, &s.minLen, &s.maxLen, s.pattern, 3)
		}
	case s.kind == kBlob:
		if b.o.Lengths && b.chance(2) {
			b.length(&s.traits, &s.minLen, &s.maxLen, "", 3)
		}
	case s.kind.isNumber():
		if b.o.Ranges && b.chance(2) {
			b.rangeTrait(&s.traits, &s.rangeMin, &s.rangeMax, s.kind)
		}
	case s.kind == kTimestamp:
		if b.o.TSFormats && b.chance(2) {
			s.traits = append(s.traits, "timestampFormat("+quoteIDL(pick(b.r, tsFormats))+")")
		}
	}
}

var tsFormats = []string{"date-time", "http-date", "epoch-seconds"}

// length adds a @length trait at one of its edges, compatible with pattern,
// with a min of at most maxMin.
func (b *builder) length(traits *[]string, minLen, maxLen *int, pattern string, maxMin int) {
	for range 10 {
		lo, hi := -1, -1
		switch b.r.IntN(5) {
		case 0:
			if !b.o.ZeroLength {
				continue
			}
			lo, hi = 0, 0
			if b.chance(2) {
				lo = -1 // @length(max: 0)
			}
		case 1:
			lo = b.r.IntN(4)
		case 2:
			hi = 1 + b.r.IntN(6)
		case 3:
			lo = b.r.IntN(3)
			hi = lo + b.r.IntN(4)
		case 4:
			lo = 1 + b.r.IntN(3)
			hi = lo // exactly n
		}
		if lo > maxMin {
			lo = maxMin
			if hi >= 0 && hi < lo {
				hi = lo
			}
		}
		if _, _, ok := lengthRange(max(lo, 0), hi, pattern); !ok {
			continue
		}
		var args []string
		if lo >= 0 {
			args = append(args, fmt.Sprintf("min: %d", lo))
		}
		if hi >= 0 {
			args = append(args, fmt.Sprintf("max: %d", hi))
		}
		*traits = append(*traits, "length("+strings.Join(args, ", ")+")")
		*minLen, *maxLen = lo, hi
		return
	}
}

// rangeTrait adds a @range trait; float, double and bigDecimal get decimals.
func (b *builder) rangeTrait(traits *[]string, lo, hi *string, k kind) {
	cands := rangeCandidates(k)
	a, c := pick(b.r, cands), pick(b.r, cands)
	if cmpDecimal(a, c) > 0 {
		a, c = c, a
	}
	switch b.r.IntN(4) {
	case 0:
		c = ""
	case 1:
		a = ""
	case 2:
		c = a // a single allowed value
	}
	var args []string
	if a != "" {
		args = append(args, "min: "+a)
	}
	if c != "" {
		args = append(args, "max: "+c)
	}
	*traits = append(*traits, "range("+strings.Join(args, ", ")+")")
	*lo, *hi = a, c
}

func (b *builder) enumShape(k kind) *shape {
	s := newShape(b.shapeName("Enum"), k)
	taken, values := nameSet{}, map[string]bool{}
	for range 1 + b.r.IntN(4) {
		name := b.memberName(taken, nil)
		var value string
		for {
			if k == kEnum {
				cands := []string{name, strings.ToLower(name), "a b", "foo-bar", "1x", "é", "Ünïcode", "x.y", ""}
				if b.o.OddValues {
					cands = append(cands, `say "hi"`, `back\slash`, " lead", "trail ", "a,b", "ñ 中 😀", "*/", "tab\there")
				}
				value = pick(b.r, cands)
				if value == "" {
					value = stringOf(b.r, "", 1+b.r.IntN(4))
				}
			} else {
				value = strconv.Itoa(pick(b.r, []int{0, 1, -1, 2, 7, 2147483647, -2147483648, b.r.IntN(1000)}))
			}
			if !values[value] {
				break
			}
		}
		values[value] = true
		s.enum = append(s.enum, enumValue{name: name, value: value})
	}
	if b.o.Sensitive && b.chance(6) {
		s.traits = append(s.traits, "sensitive")
	}
	return s
}

func (b *builder) aggregates() {
	kinds := []kind{kList, kMap, kStructure, kStructure}
	if b.o.Unions {
		kinds = append(kinds, kUnion)
	}
	n := 3 + b.r.IntN(6)
	for range n {
		k := pick(b.r, kinds)
		b.aggs = append(b.aggs, b.add(newShape(b.shapeName(strings.ToUpper(k.String()[:1])+k.String()[1:]), k)))
	}
	// Lists and maps first, in order, so that a structure member knows
	// whether the list it targets is unique or holds structures.
	for _, s := range b.aggs {
		switch s.kind {
		case kList:
			m := newMember("member", b.target(s))
			b.memberConstraints(m)
			s.members = []*member{m}
			b.collectionTraits(s)
		case kMap:
			key := newMember("key", b.keyShape())
			value := newMember("value", b.target(s))
			b.memberConstraints(value)
			s.members = []*member{key, value}
			b.collectionTraits(s)
		}
	}
	for _, s := range b.aggs {
		switch s.kind {
		case kStructure:
			b.structMembers(s, 1+b.r.IntN(5), memberCtx{})
		case kUnion:
			b.unionMembers(s)
		}
	}
}

// uniqueable reports whether a list of t may be @uniqueItems and the value
// generator can make distinct items of it: scalars other than float, double,
// document and bigDecimal (Smithy forbids the first three).
func uniqueable(t *shape) bool {
	switch t.kind {
	case kString, kEnum, kIntEnum, kByte, kShort, kInteger, kLong, kBigInteger, kTimestamp, kBlob, kBoolean:
		return true
	}
	return false
}

// elem is the element of a list or the value of a map.
func (s *shape) elem() *shape { return s.members[len(s.members)-1].target }

// holdsAggregates reports whether a list's or map's elements are (or,
// through lists and maps, hold) structures or unions. Such a collection may
// never have a minimum length above 0: with required members it could
// demand an infinite value.
func holdsAggregates(s *shape) bool {
	switch e := s.elem(); e.kind {
	case kStructure, kUnion:
		return true
	case kList, kMap:
		return holdsAggregates(e)
	}
	return false
}

// maxMinLen is the largest @length min a collection may take: 0 if it holds
// aggregates; 1 for maps and unique lists, whose keys or items must differ
// (an enum may have one value); else 2, to keep values small.
func maxMinLen(s *shape) int {
	switch {
	case holdsAggregates(s):
		return 0
	case s.kind == kMap || s.unique:
		return 1
	}
	return 2
}

func (b *builder) collectionTraits(s *shape) {
	if b.o.Sparse && b.chance(3) {
		s.traits = append(s.traits, "sparse")
	} else if b.o.UniqueItems && s.kind == kList && uniqueable(s.elem()) && b.chance(3) {
		s.unique = true
		s.traits = append(s.traits, "uniqueItems")
	}
	if b.o.Lengths && b.chance(3) {
		b.length(&s.traits, &s.minLen, &s.maxLen, "", maxMinLen(s))
	}
}

// keyShape picks a map key: a string shape, constrained or not, or an enum.
func (b *builder) keyShape() *shape {
	var cands []*shape
	for _, s := range b.simples {
		checked := s.kind == kEnum || s.pattern != "" || s.minLen >= 0 || s.maxLen >= 0
		if (s.kind == kString || s.kind == kEnum) && s.maxLen != 0 && (!checked || b.o.CheckedMapKeys) {
			cands = append(cands, s)
		}
	}
	return pick(b.r, cands)
}

// target picks a member target for a member of from. Without Recursion,
// aggregates only point to earlier ones; lists and maps never reach
// themselves through lists and maps alone (Smithy forbids it), so they
// only point to earlier lists and maps.
func (b *builder) target(from *shape) *shape {
	if b.chance(2) || len(b.aggs) == 0 {
		return pick(b.r, b.simples)
	}
	var cands []*shape
	for _, a := range b.aggs {
		earlier := a.index < from.index
		switch {
		case earlier:
		case !b.o.Recursion:
			continue
		case a.kind == kList || a.kind == kMap:
			if from.kind == kList || from.kind == kMap {
				continue
			}
		}
		cands = append(cands, a)
	}
	if len(cands) == 0 {
		return pick(b.r, b.simples)
	}
	return pick(b.r, cands)
}

// memberCtx says where a structure member is.
type memberCtx struct {
	input  bool // top level of an operation input
	error  bool // an error structure
	noJSON bool // no @jsonName (it only matters in the body)
}

func (b *builder) structMembers(s *shape, n int, ctx memberCtx) {
	taken, json := nameSet{}, nameSet{}
	for _, m := range s.members {
		taken.add(m.name)
	}
	var avoid map[string]bool
	if ctx.error {
		avoid = badMemberNames
	}
	for range n {
		m := newMember(b.memberName(taken, avoid), b.target(s))
		b.structMember(s, m, ctx, taken, json)
		s.members = append(s.members, m)
	}
}

// structMember adds the traits of a structure member.
func (b *builder) structMember(s *shape, m *member, ctx memberCtx, taken, json nameSet) {
	t := m.target
	b.memberConstraints(m)
	if b.o.Nullability && b.chance(4) && !(t.kind == kStructure && t.index >= s.index) {
		// A required member reaching a later structure could close a
		// cycle of required structures, which no value can satisfy.
		m.traits = append(m.traits, "required")
	}
	if b.o.Defaults && t.kind != kStructure && t.kind != kUnion && b.chance(3) {
		if d, ok := b.defaultValue(m); ok {
			m.defaultValue = d
			m.traits = append(m.traits, "default("+d+")")
			if b.o.Nullability && b.chance(3) {
				m.traits = append(m.traits, "addedDefault")
			}
		}
	}
	if b.o.Nullability && b.chance(8) {
		m.traits = append(m.traits, "clientOptional")
	}
	if b.o.JSONNames && !ctx.noJSON && b.chance(5) {
		b.jsonName(m, taken, json)
	}
	if b.o.Idempotency && ctx.input && t == b.plain[kString] && (m.defaultValue == "" || b.o.DefaultedTokens) && b.chance(3) {
		m.traits = append(m.traits, "idempotencyToken")
	}
}

// jsonName gives m a @jsonName that no other member's JSON name equals.
func (b *builder) jsonName(m *member, taken, json nameSet) {
	for range 5 {
		cands := []string{"json_" + m.name, "a b", "$" + m.name, "Ü" + m.name, "x-" + m.name, strings.ToUpper(m.name), "1" + m.name}
		if b.o.OddValues {
			cands = append(cands, `q"`+m.name, `back\`+m.name, "sp ace "+m.name, "ñ中"+m.name, "*/"+m.name)
		}
		name := pick(b.r, cands)
		if !taken.has(name) && !json.has(name) && !badMemberNames[strings.ToLower(name)] {
			json.add(name)
			taken.add(name) // later member names must not equal it either
			m.traits = append(m.traits, "jsonName("+quoteIDL(name)+")")
			return
		}
	}
}

// memberConstraints sometimes gives a member its own constraint traits,
// which override the target's.
func (b *builder) memberConstraints(m *member) {
	t := m.target
	if !b.chance(5) {
		return
	}
	switch {
	case t.kind == kString && b.o.Patterns && b.chance(2):
		lo, hi := t.minLen, t.maxLen
		for range 5 {
			p := pick(b.r, patterns).re
			if _, _, ok := lengthRange(max(lo, 0), hi, p); ok {
				m.pattern = p
				m.traits = append(m.traits, "pattern("+quoteIDL(p)+")")
				break
			}
		}
	case (t.kind == kString || t.kind == kBlob) && b.o.Lengths:
		b.length(&m.traits, &m.minLen, &m.maxLen, m.effPattern(), 3)
	case (t.kind == kList || t.kind == kMap) && b.o.Lengths:
		b.length(&m.traits, &m.minLen, &m.maxLen, "", maxMinLen(t))
	case t.kind.isNumber() && t.kind != kIntEnum && b.o.Ranges:
		b.rangeTrait(&m.traits, &m.rangeMin, &m.rangeMax, t.kind)
	case t.kind == kTimestamp && b.o.TSFormats:
		m.traits = append(m.traits, "timestampFormat("+quoteIDL(pick(b.r, tsFormats))+")")
	}
}

func (b *builder) unionMembers(s *shape) {
	taken, json := nameSet{}, nameSet{}
	n := 1 + b.r.IntN(4)
	for i := range n {
		var t *shape
		switch {
		case i == 0:
			// The first member is simple, so a recursive union always has a
			// finite value.
			t = pick(b.r, b.simples)
		case b.chance(5):
			t = &shape{name: "Unit", kind: kStructure, unit: true, index: -1}
		default:
			t = b.target(s)
		}
		m := newMember(b.memberName(taken, badMemberNames), t)
		if !t.unit {
			b.memberConstraints(m)
		}
		if b.o.JSONNames && b.chance(5) {
			b.jsonName(m, taken, json)
		}
		s.members = append(s.members, m)
	}
}

func (b *builder) errorShapes() {
	for range b.r.IntN(3) {
		var name string
		for range 10 {
			cand := pick(b.r, []string{"ErrorResponse", "OperationError", "GenericAPIError", "InvalidParamsError",
				"Error", "error", "ValidationError", "WaiterError", "Violation", "API", "Client"})
			if b.o.ErrorNames && b.takeName(cand) {
				name = cand
				break
			}
		}
		if name == "" {
			name = b.shapeName("Err")
		}
		s := newShape(name, kStructure)
		fault, code := "client", 400+b.r.IntN(100)
		if b.chance(3) {
			fault, code = "server", 500+b.r.IntN(100)
		}
		s.traits = append(s.traits, "error("+quoteIDL(fault)+")")
		if b.chance(2) {
			s.traits = append(s.traits, fmt.Sprintf("httpError(%d)", code))
		}
		b.add(s)
		taken := nameSet{}
		msg := newMember(pick(b.r, []string{"message", "Message", "errorMessage", "ErrorMessage", "reason"}), b.plain[kString])
		taken.add(msg.name)
		s.members = append(s.members, msg)
		b.structMembers(s, b.r.IntN(3), memberCtx{error: true})
		if b.queryCompat {
			if b.chance(2) {
				s.traits = append(s.traits, fmt.Sprintf("aws.protocols#awsQueryError(code: %s, httpResponseCode: %d)", quoteIDL("Query."+s.name), code))
			}
			if b.o.CollidingNames && b.chance(3) {
				// The names of the fields awsQueryCompatible adds to errors.
				name := pick(b.r, []string{"QueryErrorCode", "queryErrorType", "QueryErrorType", "queryErrorCode"})
				if !nameSetOf(s).has(name) {
					s.members = append(s.members, newMember(name, b.plain[kString]))
				}
			}
		}
		if b.o.Bindings && b.chance(2) {
			h := newMember(b.memberName(nameSetOf(s), badMemberNames), b.bindable(false))
			h.traits = append(h.traits, "httpHeader("+quoteIDL("X-Err-"+h.name)+")")
			s.members = append(s.members, h)
		}
		b.errors = append(b.errors, s)
	}
}

func nameSetOf(s *shape) nameSet {
	n := nameSet{}
	for _, m := range s.members {
		n.add(m.name)
		for _, t := range m.traits {
			if v, ok := strings.CutPrefix(t, "jsonName("); ok {
				n.add(strings.Trim(v, `")`))
			}
		}
	}
	return n
}

func (b *builder) service() {
	svc := b.md.service
	svc.name = b.shapeName("Service")
	svc.traits = append(svc.traits, protocolTrait(b.o.Protocol))
	if b.queryCompat {
		svc.traits = append(svc.traits, "aws.protocols#awsQueryCompatible")
	}
	if b.o.SDKID && b.chance(2) {
		id := pick(b.r, []string{"Fuzz", "Fuzz Service", "map", "Main", "go", "Type", "123 Numbers", "string", "API Gateway", "Ünï"})
		svc.traits = append(svc.traits, "aws.api#service(sdkId: "+quoteIDL(id)+")")
	}
	if len(b.errors) > 0 && b.chance(2) {
		svc.errors = b.errors[:1]
	}
}

// newOp starts an operation whose inline input and output names are free.
func (b *builder) newOp() *operation {
	for {
		name := b.shapeName("Op")
		in, out := name+"Input", name+"Output"
		if b.names.has(in) || b.names.has(out) {
			continue
		}
		b.names.add(in)
		b.names.add(out)
		op := &operation{name: name}
		b.md.service.operations = append(b.md.service.operations, op)
		if len(b.errors) > 0 && b.chance(2) {
			op.errors = b.errors[b.r.IntN(len(b.errors)):]
		}
		return op
	}
}

func (b *builder) io(op *operation, suffix string) *shape {
	s := newShape(op.name+suffix, kStructure)
	s.index = b.nextIdx // inline IO shapes are not printed at the top level
	b.nextIdx++
	return s
}

// echoOp adds an operation whose input members all go in the JSON body and
// whose output has the same members, for the round-trip test.
func (b *builder) echoOp() {
	op := b.newOp()
	b.ops++
	// The RPC protocols ignore @http: half their echoes have it anyway.
	if !b.rpc() || b.chance(2) {
		op.traits = append(op.traits, fmt.Sprintf("http(method: %q, uri: \"/echo/%d\")", pick(b.r, []string{"POST", "PUT", "PATCH"}), b.ops))
	}
	op.input = b.io(op, "Input")
	op.output = b.io(op, "Output")
	if len(b.mixins) > 0 && b.chance(3) {
		b.useMixins(op.input, b.mixins)
		op.output.mixins = op.input.mixins
	}
	b.structMembers(op.input, 1+b.r.IntN(7), memberCtx{input: true})
	if b.rpc() {
		b.ignoredBindings(op.input)
	}
	for _, m := range op.input.members {
		c := *m
		c.traits = slices.DeleteFunc(slices.Clone(m.traits), func(t string) bool { return t == "idempotencyToken" })
		op.output.members = append(op.output.members, &c)
	}
	b.echo = append(b.echo, op)
}

// ignoredBindings gives some members of an RPC protocol's echo input a
// binding trait that the protocol ignores (@httpHeader, which an output
// may have too), so that the member must still travel in the body.
func (b *builder) ignoredBindings(in *shape) {
	for _, m := range in.members {
		if m.mixed || !b.chance(4) {
			continue
		}
		if k := m.target.kind; k.isBindable() || k == kList && m.target.elem().kind.isBindable() {
			m.traits = append(m.traits, "httpHeader("+quoteIDL("X-Echo-"+m.name)+")")
		}
	}
}

// unitOp adds an operation with neither input nor output.
func (b *builder) unitOp() {
	op := b.newOp()
	b.ops++
	op.traits = append(op.traits, fmt.Sprintf("http(method: \"GET\", uri: \"/unit/%d\")", b.ops))
}

// bindable picks a shape that may be bound to a label, query parameter or
// header: a string, number, boolean or timestamp; with list, sometimes a
// list of one. Shapes whose values must be empty are left out.
func (b *builder) bindable(list bool) *shape {
	var cands []*shape
	for _, s := range b.simples {
		big := s.kind == kBigInteger || s.kind == kBigDecimal
		if s.kind.isBindable() && s.maxLen != 0 && (!big || b.o.BigNumberBindings) {
			cands = append(cands, s)
		}
	}
	t := pick(b.r, cands)
	if list && b.chance(3) {
		l := b.add(newShape(b.shapeName("List"), kList))
		l.members = []*member{newMember("member", t)}
		return l
	}
	return t
}

// bindingOp adds an operation that uses every kind of HTTP binding.
func (b *builder) bindingOp() {
	op := b.newOp()
	b.ops++
	method := pick(b.r, []string{"GET", "DELETE", "POST", "PUT", "PATCH"})
	body := method != "GET" && method != "DELETE"
	in := b.io(op, "Input")
	taken := nameSet{}
	uri, greedy := fmt.Sprintf("/op/%d", b.ops), ""
	for i := range b.r.IntN(3) {
		t := b.bindable(false)
		g := i == 0 && b.chance(3)
		if g {
			t = b.plain[kString] // greedy labels bind strings
		}
		m := newMember(b.memberName(taken, nil), t)
		m.traits = append(m.traits, "required", "httpLabel")
		if g {
			greedy = "/{" + m.name + "+}" // at the end of the path
		} else {
			uri += "/{" + m.name + "}"
		}
		in.members = append(in.members, m)
	}
	uri += greedy
	queryKeys := map[string]bool{}
	if b.chance(4) {
		uri += "?lit=1&flag"
		queryKeys["lit"], queryKeys["flag"] = true, true
	}
	for range b.r.IntN(4) {
		key := pick(b.r, []string{"q", "Q", "a b", "ü", "key&x", "list", "page", "type"})
		if queryKeys[key] {
			continue
		}
		queryKeys[key] = true
		m := newMember(b.memberName(taken, nil), b.bindable(true))
		m.traits = append(m.traits, "httpQuery("+quoteIDL(key)+")")
		b.maybeRequired(m)
		in.members = append(in.members, m)
	}
	if b.chance(4) {
		value := b.plain[kString]
		if b.chance(2) {
			l := b.add(newShape(b.shapeName("List"), kList))
			l.members = []*member{newMember("member", value)}
			value = l
		}
		mp := b.add(newShape(b.shapeName("Map"), kMap))
		mp.members = []*member{newMember("key", b.plain[kString]), newMember("value", value)}
		m := newMember(b.memberName(taken, nil), mp)
		m.traits = append(m.traits, "httpQueryParams")
		in.members = append(in.members, m)
	}
	b.headers(in, taken, "X-In-")
	if body {
		b.bodyMembers(in, taken, memberCtx{input: true})
	}
	op.input = in

	out := b.io(op, "Output")
	otaken := nameSet{}
	b.headers(out, otaken, "X-Out-")
	if b.chance(3) {
		m := newMember(b.memberName(otaken, nil), b.plain[kInteger])
		m.traits = append(m.traits, "httpResponseCode")
		out.members = append(out.members, m)
	}
	b.bodyMembers(out, otaken, memberCtx{})
	op.output = out
	op.traits = append(op.traits, fmt.Sprintf("http(method: %q, uri: %s)", method, quoteIDL(uri)))
}

func (b *builder) maybeRequired(m *member) {
	if b.o.Nullability && b.chance(4) {
		m.traits = append(m.traits, "required")
	}
}

// headers adds header and prefix-header members to s.
func (b *builder) headers(s *shape, taken nameSet, prefix string) {
	seen := nameSet{}
	for range b.r.IntN(3) {
		m := newMember(b.memberName(taken, nil), b.bindable(true))
		name := pick(b.r, []string{"X-Hdr-", "x-hdr-", "X-HDR-"}) + m.name
		if seen.has(name) {
			continue
		}
		seen.add(name)
		m.traits = append(m.traits, "httpHeader("+quoteIDL(name)+")")
		b.maybeRequired(m)
		s.members = append(s.members, m)
	}
	if b.chance(4) {
		mp := b.add(newShape(b.shapeName("Map"), kMap))
		mp.members = []*member{newMember("key", b.plain[kString]), newMember("value", b.plain[kString])}
		m := newMember(b.memberName(taken, nil), mp)
		m.traits = append(m.traits, "httpPrefixHeaders("+quoteIDL(prefix)+")")
		s.members = append(s.members, m)
	}
}

// bodyMembers adds either one @httpPayload member or some body members.
func (b *builder) bodyMembers(s *shape, taken nameSet, ctx memberCtx) {
	if b.o.Payloads && b.chance(3) {
		cands := []*shape{b.plain[kString], b.plain[kBlob]}
		if d := b.plain[kDocument]; d != nil {
			cands = append(cands, d)
		}
		for _, a := range b.aggs {
			if a.kind == kStructure || a.kind == kUnion {
				cands = append(cands, a)
			}
		}
		m := newMember(b.memberName(taken, nil), pick(b.r, cands))
		m.traits = append(m.traits, "httpPayload")
		s.members = append(s.members, m)
		return
	}
	json := nameSet{}
	for range b.r.IntN(4) {
		m := newMember(b.memberName(taken, nil), b.target(s))
		b.structMember(s, m, ctx, taken, json)
		s.members = append(s.members, m)
	}
}

// paginatedOp adds a GET operation with @paginated.
func (b *builder) paginatedOp() {
	op := b.newOp()
	b.ops++
	in, out := b.io(op, "Input"), b.io(op, "Output")
	itaken, otaken := nameSet{}, nameSet{}
	tok := newMember(b.memberName(itaken, nil), b.plain[kString])
	tok.traits = append(tok.traits, `httpQuery("token")`)
	size := newMember(b.memberName(itaken, nil), b.plain[kInteger])
	size.traits = append(size.traits, `httpQuery("maxResults")`)
	in.members = []*member{tok, size}
	next := newMember(b.memberName(otaken, nil), b.plain[kString])
	var lists []*shape
	for _, a := range b.aggs {
		if a.kind == kList || a.kind == kMap {
			lists = append(lists, a)
		}
	}
	out.members = []*member{next}
	items := ""
	if len(lists) > 0 {
		it := newMember(b.memberName(otaken, nil), pick(b.r, lists))
		out.members = append(out.members, it)
		items = fmt.Sprintf(", items: %q", it.name)
	}
	op.input, op.output = in, out
	op.traits = append(op.traits,
		fmt.Sprintf("http(method: \"GET\", uri: \"/list/%d\")", b.ops),
		fmt.Sprintf("paginated(inputToken: %q, outputToken: %q, pageSize: %q%s)", tok.name, next.name, size.name, items))
	if b.chance(2) {
		op.traits = append(op.traits, "readonly")
	}
}

// derivedNames adds structures named like the names the Go generator
// invents: union member wrappers, enum constants, paginators.
func (b *builder) derivedNames() {
	var cands []string
	for _, s := range b.md.shapes {
		for _, m := range s.members {
			if s.kind == kUnion {
				cands = append(cands, naming.Exported(s.name)+"Member"+naming.Exported(m.name))
			}
		}
		for _, v := range s.enum {
			cands = append(cands, naming.Exported(s.name)+naming.EnumMember(v.name))
		}
	}
	for _, op := range b.md.service.operations {
		cands = append(cands, naming.Exported(op.name)+"Paginator", naming.Exported(op.name)+"Pages")
	}
	for range b.r.IntN(3) {
		if len(cands) == 0 {
			return
		}
		name := pick(b.r, cands)
		if !b.takeName(name) {
			continue
		}
		s := b.add(newShape(name, kStructure))
		b.structMembers(s, b.r.IntN(2), memberCtx{})
		// Only shapes in the service closure are generated: reach it from a
		// structure that is.
		for _, a := range b.aggs {
			if a.kind == kStructure {
				m := newMember(b.memberName(nameSetOf(a), nil), s)
				a.members = append(a.members, m)
				break
			}
		}
	}
}

// defaultValue returns a @default value for m that satisfies its
// constraints, as IDL node text.
func (b *builder) defaultValue(m *member) (string, bool) {
	t := m.target
	switch t.kind {
	case kBoolean:
		return strconv.FormatBool(b.chance(2)), true
	case kString:
		lo, hi := m.lengthBounds()
		lo, hi, ok := lengthRange(lo, hi, m.effPattern())
		if !ok {
			return "", false
		}
		return quoteIDL(stringOf(b.r, m.effPattern(), pickLen(b.r, lo, hi))), true
	case kEnum:
		return quoteIDL(pick(b.r, t.enum).value), true
	case kIntEnum:
		return pick(b.r, t.enum).value, true
	case kBlob:
		lo, hi := m.lengthBounds()
		return quoteIDL(base64.StdEncoding.EncodeToString(randomBytes(b.r, pickLen(b.r, lo, hi)))), true
	case kTimestamp:
		cands := []string{"0", "1700000000", "1"}
		if b.o.RichDefaults {
			// A string default must be in the member's timestampFormat
			// (date-time when it has none), as Smithy validates it.
			switch m.tsFormat() {
			case "", "date-time":
				cands = append(cands, `"1985-04-12T23:20:50.52Z"`, `"2024-02-29T00:00:00Z"`)
			case "http-date":
				cands = append(cands, `"Tue, 29 Apr 2014 18:30:38 GMT"`)
			}
		}
		return pick(b.r, cands), true
	case kDocument:
		cands := []string{"true", "false", `"doc"`, "0", "1.5", "[]", "{}"}
		if b.o.RichDefaults {
			// Every scalar kind; a list or map default must be empty (the
			// default trait's rule for documents).
			cands = append(cands, quoteIDL(`quo"te\`), "-7", "1e3", quoteIDL("é\u00e9"))
		}
		return pick(b.r, cands), true
	case kList, kMap:
		lo, _ := m.lengthBounds()
		if lo > 0 {
			return "", false
		}
		if t.kind == kList {
			return "[]", true
		}
		return "{}", true
	}
	if t.kind.isNumber() {
		lo, hi := m.rangeBounds()
		v, ok := pickNumber(b.r, t.kind, lo, hi, false)
		return v, ok
	}
	return "", false
}

// pickLen picks a length in [lo, hi] (hi < 0: unbounded), small.
func pickLen(r *rand.Rand, lo, hi int) int {
	top := lo + 4
	if hi >= 0 && hi < top {
		top = hi
	}
	if top <= lo {
		return lo
	}
	return lo + r.IntN(top-lo+1)
}

// quoteIDL writes s as a Smithy IDL string: only ", \ and control
// characters are escaped; everything else is UTF-8 as it is.
func quoteIDL(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, c)
			} else {
				b.WriteRune(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func randomBytes(r *rand.Rand, n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = byte(r.IntN(256))
	}
	return out
}
