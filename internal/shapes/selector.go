package shapes

import (
	"fmt"
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
	return k.String() == t
}

// selEval evaluates selectors on one model, caching the result of each
// selector over the whole model.
type selEval struct {
	m     *Model
	all   []selNode
	cache map[string]map[selNode]bool // selector → matching nodes; nil when unsupported
}

func newSelEval(m *Model) *selEval {
	e := &selEval{m: m, cache: map[string]map[selNode]bool{}}
	// The model's sorted list is not built yet when traits are checked.
	for _, s := range m.shapes {
		e.all = append(e.all, s)
		for _, mem := range s.Members {
			e.all = append(e.all, mem)
		}
	}
	return e
}

// matches reports whether the node matches the selector; known is false
// for a selector this evaluator does not understand.
func (e *selEval) matches(sel string, n selNode) (match, known bool) {
	set, ok := e.cache[sel]
	if !ok {
		if steps, parsed := parseSelector(sel); parsed {
			set = e.eval(steps, e.all)
			if set == nil {
				set = map[selNode]bool{}
			}
		}
		e.cache[sel] = set
	}
	if set == nil {
		return false, false
	}
	return set[n], true
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
				if st.attrID && nodeID(n) == st.name || !st.attrID && nodeTraits(n).Has(st.name) {
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
				one := []selNode{n}
				switch st.name {
				case "is":
					for _, arg := range st.args {
						for nb := range e.eval(arg, one) {
							add(nb)
						}
					}
				case "test", "not":
					hit := false
					for _, arg := range st.args {
						if len(e.eval(arg, one)) > 0 {
							hit = true
							break
						}
					}
					if hit == (st.name == "test") {
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
	rel := func(name string, shapes ...*Shape) {
		if rels != nil && !contains(rels, name) {
			return
		}
		for _, t := range shapes {
			if t != nil {
				out = append(out, t)
			}
		}
	}
	if rels == nil || contains(rels, "member") {
		for _, mem := range s.Members {
			out = append(out, mem)
		}
	}
	rel("input", s.Input)
	rel("output", s.Output)
	rel("error", s.Errors...)
	rel("operation", s.Operations...)
	rel("collection", s.CollectionOperations...)
	rel("resource", s.Resources...)
	rel("create", s.Create)
	rel("put", s.Put)
	rel("read", s.Read)
	rel("update", s.Update)
	rel("delete", s.Delete)
	rel("list", s.List)
	return out
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
	return &Error{File: u.file, Shape: u.holder.String(), Path: u.path,
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
