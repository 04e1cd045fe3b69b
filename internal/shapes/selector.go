package shapes

import (
	"fmt"
	"slices"
	"strings"
)

// This file checks that a trait is applied where its definition's selector
// allows (spec/selectors.rst). It evaluates the common part of the
// selector language: shape types, "*", [trait|name], [id=ns#Name], :is,
// :not, :test, and the forward relationships ">", "-[rel, ...]->" and "~>".
// A selector using anything else (attribute comparisons, reverse
// relationships, variables, :in, :root, ...) is not checked: guessing would
// refuse valid models.

// selNode is a shape or a member: selectors treat members as shapes.
type selNode any // *Shape or *Member

// selStep is one step of a parsed selector: a filter or a relationship.
type selStep struct {
	kind   byte        // 't' type, 'a' attribute, 'f' function, '>' neighbor, 'r' relationships, '~' recursive
	name   string      // type name, function name, trait ID, or id value
	attrID bool        // 'a': [id=...] rather than [trait|...]
	rels   []string    // 'r': relationship names
	args   [][]selStep // 'f': the argument selectors
}

// parseSelector parses the supported subset, reporting ok=false for
// anything else.
func parseSelector(s string) (steps []selStep, ok bool) {
	p := &selParser{s: s}
	steps, ok = p.selector()
	p.ws()
	return steps, ok && p.i == len(p.s)
}

type selParser struct {
	s string
	i int
}

func (p *selParser) ws() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n,", p.s[p.i]) >= 0 && p.s[p.i] != ',' {
		p.i++
	}
}

func (p *selParser) peek(prefix string) bool { return strings.HasPrefix(p.s[p.i:], prefix) }

func (p *selParser) word() string {
	j := p.i
	for j < len(p.s) {
		c := p.s[j]
		if c == '_' || c == '.' || c == '#' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			j++
			continue
		}
		break
	}
	w := p.s[p.i:j]
	p.i = j
	return w
}

// selector reads steps up to the end, a "," or a ")".
func (p *selParser) selector() ([]selStep, bool) {
	var steps []selStep
	for {
		p.ws()
		if p.i == len(p.s) || p.peek(",") || p.peek(")") {
			return steps, len(steps) > 0
		}
		switch {
		case p.peek("*"):
			p.i++
			steps = append(steps, selStep{kind: 't', name: "*"})
		case p.peek(">"):
			p.i++
			steps = append(steps, selStep{kind: '>'})
		case p.peek("~>"):
			p.i += 2
			steps = append(steps, selStep{kind: '~'})
		case p.peek("-["):
			p.i += 2
			end := strings.Index(p.s[p.i:], "]->")
			if end < 0 {
				return nil, false
			}
			var rels []string
			for r := range strings.SplitSeq(p.s[p.i:p.i+end], ",") {
				rels = append(rels, strings.TrimSpace(r))
			}
			p.i += end + 3
			steps = append(steps, selStep{kind: 'r', rels: rels})
		case p.peek("["):
			end := strings.IndexByte(p.s[p.i:], ']')
			if end < 0 {
				return nil, false
			}
			attr := p.s[p.i+1 : p.i+end]
			p.i += end + 1
			switch {
			case strings.HasPrefix(attr, "trait|") && isTraitRef(attr[6:]):
				id := attr[6:]
				if !strings.Contains(id, "#") {
					id = "smithy.api#" + id
				}
				steps = append(steps, selStep{kind: 'a', name: id})
			case strings.HasPrefix(attr, "id="):
				steps = append(steps, selStep{kind: 'a', attrID: true, name: strings.Trim(attr[3:], `"'`)})
			default:
				return nil, false
			}
		case p.peek(":"):
			p.i++
			name := p.word()
			if name != "is" && name != "not" && name != "test" || !p.peek("(") {
				return nil, false
			}
			p.i++
			st := selStep{kind: 'f', name: name}
			for {
				arg, ok := p.selector()
				if !ok {
					return nil, false
				}
				st.args = append(st.args, arg)
				p.ws()
				if p.peek(",") {
					p.i++
					continue
				}
				if !p.peek(")") {
					return nil, false
				}
				p.i++
				break
			}
			steps = append(steps, st)
		default:
			w := p.word()
			if !selTypes[w] {
				return nil, false
			}
			steps = append(steps, selStep{kind: 't', name: w})
		}
	}
}

// isTraitRef reports a plain trait ID in an attribute selector, without
// comparisons or scopes.
func isTraitRef(s string) bool {
	return s != "" && !strings.ContainsAny(s, " =^$*!|")
}

// selTypes are the shape type selectors understood.
var selTypes = map[string]bool{
	"blob": true, "boolean": true, "document": true, "string": true, "byte": true, "short": true,
	"integer": true, "long": true, "float": true, "double": true, "bigInteger": true,
	"bigDecimal": true, "timestamp": true, "enum": true, "intEnum": true, "list": true, "set": true,
	"map": true, "structure": true, "union": true, "service": true, "operation": true,
	"resource": true, "member": true, "number": true, "simpleType": true, "collection": true,
}

// matchType reports whether a node is of a shape type selector. As in
// Smithy 2.0, an enum is a string and an intEnum an integer.
func matchType(n selNode, t string) bool {
	if t == "*" {
		return true
	}
	s, isShape := n.(*Shape)
	if !isShape {
		return t == "member"
	}
	k := s.Kind
	switch t {
	case "number":
		return k.IsNumber()
	case "simpleType":
		return k.IsSimple()
	case "collection", "list":
		return k == KindList
	case "set":
		return k == KindList && s.Traits.UniqueItems()
	case "string":
		return k == KindString || k == KindEnum
	case "integer":
		return k == KindInteger || k == KindIntEnum
	}
	want, ok := kindNames[t]
	return ok && k == want
}

// selEval evaluates selectors on one model. Whether a node matches a
// selector is found by reading the selector backwards from the node
// (matchBack), which for the usual selectors costs a few steps, rather
// than by selecting from the whole model.
type selEval struct {
	m     *Model
	steps map[string][]selStep // parsed selectors; nil when unsupported
	rev   map[*Shape][]revEdge // who points at a shape, built when first needed
	all   []selNode            // every shape and member, built when first needed
}

// revEdge is a relationship into a shape: from a node, named rel.
type revEdge struct {
	from selNode
	rel  string
}

func newSelEval(m *Model) *selEval {
	return &selEval{m: m, steps: map[string][]selStep{}}
}

// matches reports whether the node matches the selector; known is false
// for a selector this evaluator does not understand.
func (e *selEval) matches(sel string, n selNode) (match, known bool) {
	steps, ok := e.steps[sel]
	if !ok {
		if parsed, valid := parseSelector(sel); valid {
			steps = parsed
		}
		e.steps[sel] = steps
	}
	if steps == nil {
		return false, false
	}
	return e.matchBack(steps, n), true
}

// matchBack reports whether n is among what steps select from the whole
// model: its last step must hold for n, and what comes before it for a
// node that leads to n.
func (e *selEval) matchBack(steps []selStep, n selNode) bool {
	if len(steps) == 0 {
		return true
	}
	last, prefix := steps[len(steps)-1], steps[:len(steps)-1]
	switch last.kind {
	case 't':
		return matchType(n, last.name) && e.matchBack(prefix, n)
	case 'a':
		return matchAttr(n, last) && e.matchBack(prefix, n)
	case 'f':
		if last.name == "is" {
			// "X :is(A, B)" selects what "X A" or "X B" does.
			for _, arg := range last.args {
				if e.matchBack(append(slices.Clip(prefix), arg...), n) {
					return true
				}
			}
			return false
		}
		return e.testOrNot(last, n) && e.matchBack(prefix, n)
	case '>', 'r':
		for _, p := range e.predecessors(n, last.rels) {
			if e.matchBack(prefix, p) {
				return true
			}
		}
		return false
	}
	// "~>": rare; select from the whole model.
	if e.all == nil {
		for _, s := range e.m.shapes {
			e.all = append(e.all, s)
			for _, mem := range s.Members {
				e.all = append(e.all, mem)
			}
		}
	}
	return e.eval(steps, e.all)[n]
}

func matchAttr(n selNode, st selStep) bool {
	if st.attrID {
		return nodeID(n) == st.name
	}
	return nodeTraits(n).Has(st.name)
}

// testOrNot applies a :test or :not step to one node.
func (e *selEval) testOrNot(st selStep, n selNode) bool {
	hit := false
	for _, arg := range st.args {
		if e.exists(arg, n) {
			hit = true
			break
		}
	}
	return hit == (st.name == "test")
}

// predecessors returns the nodes with a relationship to n (any, when rels
// is nil): a member's container, or the shapes and members pointing at a
// shape.
func (e *selEval) predecessors(n selNode, rels []string) []selNode {
	if mem, ok := n.(*Member); ok {
		if rels == nil || contains(rels, "member") {
			return []selNode{mem.Container}
		}
		return nil
	}
	if e.rev == nil {
		e.rev = map[*Shape][]revEdge{}
		for _, s := range e.m.shapes {
			for _, mem := range s.Members {
				e.rev[mem.Target] = append(e.rev[mem.Target], revEdge{mem, "member"})
			}
			for _, rel := range shapeRels {
				for _, t := range rel.get(s) {
					e.rev[t] = append(e.rev[t], revEdge{s, rel.name})
				}
			}
		}
	}
	var out []selNode
	for _, r := range e.rev[n.(*Shape)] {
		if rels == nil || contains(rels, r.rel) {
			out = append(out, r.from)
		}
	}
	return out
}

// eval applies the steps to the nodes in turn.
func (e *selEval) eval(steps []selStep, in []selNode) map[selNode]bool {
	cur := in
	for _, st := range steps {
		var next []selNode
		seen := map[selNode]bool{}
		add := func(n selNode) {
			if !seen[n] {
				seen[n] = true
				next = append(next, n)
			}
		}
		for _, n := range cur {
			switch st.kind {
			case 't':
				if matchType(n, st.name) {
					add(n)
				}
			case 'a':
				if matchAttr(n, st) {
					add(n)
				}
			case '>':
				for _, nb := range neighbors(n, nil) {
					add(nb)
				}
			case 'r':
				for _, nb := range neighbors(n, st.rels) {
					add(nb)
				}
			case '~':
				// Every node reachable through one or more relationships.
				stack := neighbors(n, nil)
				for len(stack) > 0 {
					nb := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					if !seen[nb] {
						add(nb)
						stack = append(stack, neighbors(nb, nil)...)
					}
				}
			case 'f':
				switch st.name {
				case "is":
					for _, arg := range st.args {
						for nb := range e.eval(arg, []selNode{n}) {
							add(nb)
						}
					}
				case "test", "not":
					if e.testOrNot(st, n) {
						add(n)
					}
				}
			}
		}
		cur = next
	}
	out := make(map[selNode]bool, len(cur))
	for _, n := range cur {
		out[n] = true
	}
	return out
}

// exists reports whether the steps select anything starting from n alone:
// what :test and :not ask. Searching depth first, and stopping at the
// first match, costs far less than building the sets eval builds.
func (e *selEval) exists(steps []selStep, n selNode) bool {
	if len(steps) == 0 {
		return true
	}
	st, rest := steps[0], steps[1:]
	switch st.kind {
	case 't':
		return matchType(n, st.name) && e.exists(rest, n)
	case 'a':
		return matchAttr(n, st) && e.exists(rest, n)
	case '>', 'r':
		var rels []string
		if st.kind == 'r' {
			rels = st.rels
		}
		for _, nb := range neighbors(n, rels) {
			if e.exists(rest, nb) {
				return true
			}
		}
		return false
	case 'f':
		switch st.name {
		case "is":
			for _, arg := range st.args {
				for nb := range e.eval(arg, []selNode{n}) {
					if e.exists(rest, nb) {
						return true
					}
				}
			}
			return false
		default:
			return e.testOrNot(st, n) && e.exists(rest, n)
		}
	}
	// '~' and anything else: the general evaluation.
	return len(e.eval(steps, []selNode{n})) > 0
}

func nodeID(n selNode) string {
	if s, ok := n.(*Shape); ok {
		return s.ID.String()
	}
	return n.(*Member).ID.String()
}

func nodeTraits(n selNode) Traits {
	if s, ok := n.(*Shape); ok {
		return s.Traits
	}
	return n.(*Member).Traits
}

// neighbors returns the nodes a node points to, through the named
// relationships (spec/selectors "Relationships"), or through all of them
// when rels is nil.
func neighbors(n selNode, rels []string) []selNode {
	if mem, ok := n.(*Member); ok {
		if rels == nil || contains(rels, "member") {
			return []selNode{mem.Target}
		}
		return nil
	}
	s := n.(*Shape)
	var out []selNode
	if rels == nil || contains(rels, "member") {
		for _, mem := range s.Members {
			out = append(out, mem)
		}
	}
	for _, rel := range shapeRels {
		if rels == nil || contains(rels, rel.name) {
			for _, t := range rel.get(s) {
				out = append(out, t)
			}
		}
	}
	return out
}

// shapeRels are the relationships of a shape other than to its members,
// by their selector names.
var shapeRels = []struct {
	name string
	get  func(*Shape) []*Shape
}{
	{"input", func(s *Shape) []*Shape { return nonNil(s.Input) }},
	{"output", func(s *Shape) []*Shape { return nonNil(s.Output) }},
	{"error", func(s *Shape) []*Shape { return s.Errors }},
	{"operation", func(s *Shape) []*Shape { return s.Operations }},
	{"collection", func(s *Shape) []*Shape { return s.CollectionOperations }},
	{"resource", func(s *Shape) []*Shape { return s.Resources }},
	{"create", func(s *Shape) []*Shape { return nonNil(s.Create) }},
	{"put", func(s *Shape) []*Shape { return nonNil(s.Put) }},
	{"read", func(s *Shape) []*Shape { return nonNil(s.Read) }},
	{"update", func(s *Shape) []*Shape { return nonNil(s.Update) }},
	{"delete", func(s *Shape) []*Shape { return nonNil(s.Delete) }},
	{"list", func(s *Shape) []*Shape { return nonNil(s.List) }},
}

func nonNil(s *Shape) []*Shape {
	if s == nil {
		return nil
	}
	return []*Shape{s}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// checkSelector warns about a trait applied where its selector does not
// allow it. Smithy makes this an error; here it is a warning for now,
// because the generator's own golden models put @sensitive on members,
// which the prelude's selector excludes. Traits without a selector, or
// with one this evaluator does not understand, may go anywhere.
func (c *valueChecker) checkSelector(u traitUse) *Error {
	d := c.def(u.trait)
	if d == nil {
		return nil
	}
	sel := d.traits.get(TraitTrait).Get("selector")
	if !sel.Exists() || strings.TrimSpace(sel.String()) == "" || sel.String() == "*" {
		return nil
	}
	n := c.holder(u.holder)
	if n == nil {
		return nil
	}
	if c.sel == nil {
		c.sel = newSelEval(c.m)
	}
	match, known := c.sel.matches(sel.String(), n)
	if !known || match {
		return nil
	}
	what := "a member"
	if s, ok := n.(*Shape); ok {
		what = article(s.Kind.String())
	}
	return &Error{File: u.file, Shape: u.holder.String(), Path: u.path(),
		Msg: fmt.Sprintf("trait %s does not apply to %s, %s: its selector is %q", u.trait, u.holder, what, sel.String())}
}

// holder finds the shape or member a trait is applied to.
func (c *valueChecker) holder(id ID) selNode {
	s := c.m.shapes[id.Shape()]
	if s == nil || id.Member == "" {
		if s == nil {
			return nil
		}
		return s
	}
	if mem := s.Member(id.Member); mem != nil {
		return mem
	}
	return nil
}

func article(noun string) string {
	if strings.IndexByte("aeiou", noun[0]) >= 0 {
		return "an " + noun
	}
	return "a " + noun
}
