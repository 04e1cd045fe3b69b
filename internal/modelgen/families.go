package modelgen

import (
	"fmt"
	"slices"
	"strings"
)

// The feature families a user's hand-written model has and a generator
// must resolve: mixins, resources, apply and use statements, absolute IDs,
// doc comments, odd strings, deep nesting; and the operations whose
// behaviour the tests check beyond echoes: streaming and waiters.

// docTexts are doc comment texts a Go generator must not copy into Go
// unescaped: a block comment's end, backquotes (raw strings), quotes,
// backslashes, format verbs, non-ASCII, and two lines.
var docTexts = []string{
	"Ends a block comment */ here.",
	"Has `backquotes`, \"quotes\" and a \\ backslash.",
	"/* opens a comment",
	"Ünïcode ✓ 中文 😀",
	"Format verbs %s %d %v %%",
	"First line.\nSecond line: // not a comment",
	"Trailing backslash \\",
	"<b>html</b> & entities &amp;",
}

func (b *builder) doc() string {
	if !b.o.DocComments || !b.chance(3) {
		return ""
	}
	return pick(b.r, docTexts)
}

// docTrait sometimes adds @documentation with an odd text.
func (b *builder) docTrait(traits *[]string) {
	if b.o.DocComments && b.chance(6) {
		*traits = append(*traits, "documentation("+quoteIDL(pick(b.r, docTexts))+")")
	}
}

// mixinShapes adds @mixin structures and structures that use them.
// Mixin members have no @jsonName (the users' own members could take the
// same JSON name) and mixins are never member targets.
func (b *builder) mixinShapes() []*shape {
	var mixins []*shape
	for range 1 + b.r.IntN(2) {
		mx := newShape(b.shapeName("Mix"), kStructure)
		mx.mixin = true
		mx.traits = append(mx.traits, "mixin")
		b.add(mx)
		b.structMembers(mx, 1+b.r.IntN(3), memberCtx{noJSON: true})
		mixins = append(mixins, mx)
	}
	for range 1 + b.r.IntN(2) {
		s := b.add(newShape(b.shapeName("WithMix"), kStructure))
		b.useMixins(s, mixins)
		b.structMembers(s, b.r.IntN(3), memberCtx{})
		b.aggs = append(b.aggs, s)
	}
	return mixins
}

// useMixins makes s use one or two of mixins, redeclaring some of their
// members as "$name" with a doc comment or @documentation.
func (b *builder) useMixins(s *shape, mixins []*shape) {
	s.mixins = []*shape{pick(b.r, mixins)}
	if len(mixins) > 1 && b.chance(2) && disjoint(mixins[0], mixins[1]) {
		s.mixins = mixins[:2]
	}
	for _, mx := range s.mixins {
		for _, m := range mx.members {
			c := *m
			c.mixed, c.doc, c.applied = true, "", nil
			if b.chance(2) {
				c.redeclare = true
				c.traits = nil // a redeclared member adds traits; the mixin's stay
				c.doc = b.doc()
				if b.o.DocComments && c.doc == "" && b.chance(2) {
					c.traits = []string{"documentation(\"redeclared\")"}
				}
			}
			s.members = append(s.members, &c)
		}
	}
}

// resourceOps adds a resource with one or two identifiers and one or two
// operations bound to it, whose inline inputs are "for" the resource and
// take the identifiers as elided labels ($thingId).
func (b *builder) resourceOps() {
	r := &resource{name: b.shapeName("Thing")}
	b.md.resources = append(b.md.resources, r)
	for i := range 1 + b.r.IntN(2) {
		id := newMember(fmt.Sprintf("%sId%d", strings.ToLower(r.name[:1])+r.name[1:], i), b.plain[kString])
		r.identifiers = append(r.identifiers, id)
	}
	for range 1 + b.r.IntN(2) {
		op := b.newOp()
		b.ops++
		op.resource = r
		r.operations = append(r.operations, op)
		in := b.io(op, "Input")
		uri := fmt.Sprintf("/res/%d", b.ops)
		taken := nameSet{}
		for _, id := range r.identifiers {
			m := newMember(id.name, id.target)
			m.mixed, m.redeclare = true, true
			m.traits = []string{"required", "httpLabel"}
			in.members = append(in.members, m)
			taken.add(id.name)
			uri += "/{" + id.name + "}"
		}
		method := pick(b.r, []string{"GET", "POST", "PUT", "DELETE"})
		if method != "GET" && method != "DELETE" {
			b.bodyMembers(in, taken, memberCtx{input: true})
		}
		op.input = in
		out := b.io(op, "Output")
		b.bodyMembers(out, nameSet{}, memberCtx{})
		op.output = out
		op.traits = append(op.traits, fmt.Sprintf("http(method: %q, uri: %q)", method, uri))
		if method == "GET" {
			op.traits = append(op.traits, "readonly")
		}
	}
}

// streamingOps adds an upload and a download of a @streaming blob, which
// Smithy wants bound to the payload and @required or @default.
func (b *builder) streamingOps() {
	st := newShape(b.shapeName("Stream"), kBlob)
	st.traits = append(st.traits, "streaming")
	if b.chance(3) {
		st.traits = append(st.traits, "requiresLength")
	}
	b.add(st) // never in simples: only payload members may target it

	up := b.newOp()
	b.ops++
	up.traits = append(up.traits, fmt.Sprintf("http(method: %q, uri: \"/stream/up/%d\")", pick(b.r, []string{"POST", "PUT"}), b.ops))
	up.input = b.io(up, "Input")
	body := newMember(b.memberName(nameSet{}, nil), st)
	body.traits = append(body.traits, "httpPayload", pick(b.r, []string{"required", `default("")`}))
	up.input.members = append(up.input.members, body)
	up.output = b.io(up, "Output")
	b.streamOps = append(b.streamOps, up)

	down := b.newOp()
	b.ops++
	down.traits = append(down.traits, fmt.Sprintf("http(method: \"GET\", uri: \"/stream/down/%d\")", b.ops))
	down.output = b.io(down, "Output")
	out := newMember(b.memberName(nameSet{}, nil), st)
	out.traits = append(out.traits, "httpPayload", pick(b.r, []string{"required", `default("")`}))
	down.output.members = append(down.output.members, out)
	b.streamOps = append(b.streamOps, down)
}

// deepShapes adds a chain of structures, each requiring the next (made
// first, so no cycle), and a chain of unions of unions.
func (b *builder) deepShapes() {
	var prev *shape
	for range 8 {
		s := b.add(newShape(b.shapeName("Deep"), kStructure))
		leaf := newMember("leaf", pick(b.r, b.simples))
		s.members = append(s.members, leaf)
		if prev != nil {
			m := newMember("next", prev)
			m.traits = append(m.traits, "required")
			s.members = append(s.members, m)
		}
		prev = s
	}
	b.aggs = append(b.aggs, prev)
	var uprev *shape
	for range 6 {
		u := b.add(newShape(b.shapeName("DeepU"), kUnion))
		u.members = append(u.members, newMember("leaf", pick(b.r, b.simples)))
		if uprev != nil {
			u.members = append(u.members, newMember("inner", uprev))
		}
		uprev = u
	}
	b.aggs = append(b.aggs, uprev)
}

// waiterOp adds a GET operation with two waiters: Ready, which the test
// runs (status goes pending, then ready), with output path matchers on a
// string, a projection and a comparison, and an errorType retry; and Gone,
// with success and errorType matchers, only compiled.
func (b *builder) waiterOp() {
	status := newShape(b.shapeName("WaitStatus"), kEnum)
	status.enum = []enumValue{{"PENDING", "pending"}, {"READY", "ready"}, {"FAILED", "failed"}}
	b.add(status)
	item := b.add(newShape(b.shapeName("WaitItem"), kStructure))
	item.members = []*member{newMember("state", b.plain[kString])}
	items := b.add(newShape(b.shapeName("WaitItems"), kList))
	items.members = []*member{newMember("member", item)}

	op := b.newOp()
	b.ops++
	op.input = b.io(op, "Input")
	q := newMember("name", b.plain[kString])
	q.traits = append(q.traits, `httpQuery("name")`)
	op.input.members = append(op.input.members, q)
	op.output = b.io(op, "Output")
	op.output.members = []*member{newMember("status", status), newMember("items", items)}
	var retry, gone string
	if len(op.errors) > 0 {
		retry = fmt.Sprintf("\n            { state: \"retry\", matcher: { errorType: %q } }", op.errors[0].name)
		gone = fmt.Sprintf("\n            { state: \"failure\", matcher: { errorType: %q } }", op.errors[0].name)
	}
	op.traits = append(op.traits, fmt.Sprintf("http(method: \"GET\", uri: \"/wait/%d\")", b.ops), "readonly",
		fmt.Sprintf(`smithy.waiters#waitable(
    Ready: {
        documentation: "Waits for the \"ready\" state */"
        minDelay: 1
        maxDelay: 2
        acceptors: [
            { state: "success", matcher: { output: { path: "status", expected: "ready", comparator: "stringEquals" } } }
            { state: "failure", matcher: { output: { path: "items[].state", expected: "failed", comparator: "anyStringEquals" } } }
            { state: "failure", matcher: { output: { path: "length(items) > `+"`5`"+`", expected: "true", comparator: "booleanEquals" } } }%s
        ]
    }
    Gone: {
        minDelay: 1
        acceptors: [
            { state: "success", matcher: { success: true } }
            { state: "retry", matcher: { output: { path: "items[].state", expected: "busy", comparator: "allStringEquals" } } }%s
        ]
    }
)`, retry, gone))
	b.waitOps = append(b.waitOps, op)
}

// applyAndUse moves some member traits into apply statements, writes some
// targets as absolute IDs, and adds use statements for traits whose short
// names no local shape takes. It runs last, when every name is known.
func (b *builder) applyAndUse() {
	movable := func(t string) bool {
		for _, p := range []string{"required", "jsonName(", "clientOptional", "timestampFormat(", "httpQuery(", "httpHeader(", "idempotencyToken", "pattern(", "length(", "range(", "documentation("} {
			if t == p || strings.HasSuffix(p, "(") && strings.HasPrefix(t, p) {
				return true
			}
		}
		return false
	}
	var holders []*shape
	for _, op := range b.md.service.operations {
		if op.input != nil {
			holders = append(holders, op.input)
		}
		if op.output != nil {
			holders = append(holders, op.output)
		}
	}
	for _, s := range b.md.shapes {
		if s.kind == kStructure || s.kind == kUnion {
			holders = append(holders, s)
		}
	}
	for _, s := range holders {
		for _, m := range s.members {
			if !m.mixed && b.chance(4) {
				m.absolute = true
			}
			if m.mixed || !b.chance(4) {
				continue
			}
			for i, t := range m.traits {
				if movable(t) {
					m.applied = append(m.applied, t)
					m.traits = slices.Delete(slices.Clone(m.traits), i, i+1)
					break
				}
			}
		}
	}
	if len(holders) > 0 {
		s := pick(b.r, holders)
		if !s.mixin && s.doc == "" && !slices.ContainsFunc(s.traits, func(t string) bool { return strings.HasPrefix(t, "documentation(") }) {
			b.md.applies = append(b.md.applies, s.name+" @documentation(\"applied \\\"doc\\\" */\")")
		}
	}
	b.md.uses = map[string]string{}
	for _, id := range []string{protocolTrait(b.o.Protocol), "smithy.waiters#waitable", "aws.api#service"} {
		short := id[strings.Index(id, "#")+1:]
		if !b.names.has(short) && !keywordNames[short] && b.chance(2) {
			b.md.uses[id] = short
		}
	}
}

// docs gives shapes, operations and members doc comments and
// @documentation traits.
func (b *builder) docs() {
	for _, s := range b.md.shapes {
		// A doc comment is @documentation: a shape has one or the other.
		if s.doc = b.doc(); s.doc == "" {
			b.docTrait(&s.traits)
		}
		for _, m := range s.members {
			if !m.mixed {
				m.doc = b.doc()
			}
		}
	}
	for _, op := range b.md.service.operations {
		op.doc = b.doc()
		for _, io := range []*shape{op.input, op.output} {
			if io == nil {
				continue
			}
			for _, m := range io.members {
				if !m.mixed {
					m.doc = b.doc()
				}
			}
		}
	}
}

// disjoint reports whether two shapes have no member name in common
// (case-insensitively): a shape may not get one member from two mixins.
func disjoint(a, b *shape) bool {
	names := nameSetOf(a)
	for _, m := range b.members {
		if names.has(m.name) {
			return false
		}
	}
	return true
}

// eventHeaderKinds are the kinds of shape an @eventHeader member may
// target.
var eventHeaderKinds = []kind{kBoolean, kByte, kShort, kInteger, kLong, kBlob, kString, kTimestamp}

// eventStreamOp adds an operation whose output's payload (or, for every
// other such operation, whose input's) is an event stream: a @streaming union of two to four event structures, each with
// @eventHeader members of random header kinds and an @eventPayload (a
// non-empty blob or string, a structure or a union) or members in an
// implicit JSON payload or neither, and sometimes an exception. A payload
// blob or string has @length(min: 1): an empty payload cannot be told
// from none, so the client reads it as unset.
func (b *builder) eventStreamOp() {
	u := newShape(b.shapeName("Events"), kUnion)
	u.traits = append(u.traits, "streaming")
	taken := nameSet{}
	for range 2 + b.r.IntN(3) {
		ev := b.add(newShape(b.shapeName("Event"), kStructure))
		names := nameSet{}
		for range b.r.IntN(4) {
			k := pick(b.r, eventHeaderKinds)
			t := b.plain[k]
			if t == nil {
				continue
			}
			m := newMember(b.memberName(names, nil), t)
			m.traits = append(m.traits, "eventHeader")
			ev.members = append(ev.members, m)
		}
		switch b.r.IntN(3) {
		case 0:
			var t *shape
			switch b.r.IntN(3) {
			case 0:
				t = b.add(newShape(b.shapeName("Chunk"), pick(b.r, []kind{kBlob, kString})))
				t.minLen = 1
				t.traits = append(t.traits, "length(min: 1)")
			default:
				var cands []*shape
				for _, a := range b.aggs {
					if a.kind == kStructure || a.kind == kUnion {
						cands = append(cands, a)
					}
				}
				if len(cands) == 0 {
					continue
				}
				t = pick(b.r, cands)
			}
			m := newMember(b.memberName(names, nil), t)
			m.traits = append(m.traits, "eventPayload")
			ev.members = append(ev.members, m)
		case 1:
			for range 1 + b.r.IntN(3) {
				ev.members = append(ev.members, newMember(b.memberName(names, nil), b.target(ev)))
			}
		}
		u.members = append(u.members, newMember(b.memberName(taken, nil), ev))
	}
	if b.chance(2) {
		fault := b.add(newShape(b.shapeName("Fault"), kStructure))
		fault.traits = append(fault.traits, "error("+quoteIDL(pick(b.r, []string{"client", "server"}))+")")
		fault.members = append(fault.members, newMember("message", b.plain[kString]))
		if t := b.plain[kInteger]; t != nil {
			fault.members = append(fault.members, newMember("code", t))
		}
		u.members = append(u.members, newMember(b.memberName(taken, nil), fault))
	}
	b.add(u)
	op := b.newOp()
	b.ops++
	op.traits = append(op.traits, fmt.Sprintf("http(method: \"POST\", uri: \"/events/%d\")", b.ops))
	stream := newMember(b.memberName(nameSet{}, nil), u)
	if !b.rpc() {
		stream.traits = append(stream.traits, "httpPayload")
	}
	// Every other such operation streams its input instead (chosen without
	// a draw, so that the rest of the model is what it was). With an RPC
	// protocol, both stream the union, and the test server echoes the
	// client's messages (see rpcEventTest), or, for every other operation,
	// only the output does, with other members (its initial-response), and
	// the test server sends events of its own (rpcServerEventTest).
	switch {
	case b.rpc() && b.ops%2 == 1:
		op.output = b.io(op, "Output")
		op.output.members = append(op.output.members, stream)
		b.structMembers(op.output, b.r.IntN(4), memberCtx{})
	case b.rpc():
		op.input, op.output = b.io(op, "Input"), b.io(op, "Output")
		out := *stream
		op.input.members = append(op.input.members, stream)
		op.output.members = append(op.output.members, &out)
	case b.ops%2 == 0:
		op.input = b.io(op, "Input")
		op.input.members = append(op.input.members, stream)
	default:
		op.output = b.io(op, "Output")
		op.output.members = append(op.output.members, stream)
	}
	b.eventOps = append(b.eventOps, op)
}
