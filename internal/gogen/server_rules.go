package gogen

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/naming"
	"github.com/smithygo/smithygo/internal/shapes"
)

// A ValidationException from a server words each broken constraint as the
// Smithy framework does ("Member must have length between 2 and 8,
// inclusive"), which needs the member's bounds; Validate's violations carry
// only a path and the kind of constraint. The server therefore gets one
// rule function per shape reachable from an input: given the rest of a
// violation's path and its constraint, it walks to the member and returns
// the member's constraint in Smithy's words (and whether the violation is
// about a map key, whose path Smithy ends at the map).

// planRules names the rule function of every aggregate shape.
func (sp *serverPlan) planRules(p *Plan, scope *naming.Scope) {
	sp.ruleFn = map[*shapes.Shape]string{}
	for _, s := range p.Svc.Shapes {
		if aggregate(s) {
			sp.ruleFn[s] = scope.Unique("rule"+naming.Exported(p.Svc.Name(s)), s.ID.String())
		}
	}
}

// smithyRule is a member's constraint of the given kind in the Smithy
// framework's words, or "" when the member has no such constraint.
func smithyRule(p *Plan, m *shapes.Member, kind string) string {
	c := p.checks[m]
	if c == nil {
		return ""
	}
	between := func(what, min, max string) string {
		switch {
		case min != "" && max != "":
			return fmt.Sprintf("Member must %s between %s and %s, inclusive", what, min, max)
		case min != "":
			return fmt.Sprintf("Member must %s greater than or equal to %s", what, min)
		case max != "":
			return fmt.Sprintf("Member must %s less than or equal to %s", what, max)
		}
		return ""
	}
	bound := func(n int64) string {
		if n < 0 {
			return ""
		}
		return fmt.Sprint(n)
	}
	switch kind {
	case "required":
		if c.required || c.label {
			return "Member must not be null"
		}
	case "length":
		if c.length != nil {
			return between("have length", bound(c.length.min), bound(c.length.max))
		}
	case "range":
		if c.rng != nil {
			return between("be", c.rng.min, c.rng.max)
		}
	case "pattern":
		if c.pattern != nil {
			return "Member must satisfy regular expression pattern: " + c.pattern.source
		}
	case "enum":
		if c.enum || c.intEnum {
			var vals []string
			for _, v := range m.Target.EnumValues() {
				// Internal values are the service's own: the message leaves
				// them out.
				if !internalEnumValue(m.Target, v) {
					vals = append(vals, v.Value)
				}
			}
			return "Member must satisfy enum value set: [" + strings.Join(vals, ", ") + "]"
		}
	case "uniqueItems":
		if c.unique {
			return "Member must have unique values"
		}
	}
	return ""
}

// memberRule writes the statements that answer for member m at the end of
// a path: a switch on the constraint kind. For a map value, key is the
// map's key member, whose constraint answers when the violation's path says
// it is about the key itself (Tags{env}, where the value's is Tags[env]).
func memberRule(p *Plan, g *jen.Group, m *shapes.Member, key *shapes.Member) {
	if key != nil {
		g.If(jen.Id("key")).BlockFunc(func(kg *jen.Group) { memberRule(p, kg, key, nil) })
	}
	g.Switch(jen.Id("constraint")).BlockFunc(func(sw *jen.Group) {
		for _, kind := range []string{"required", "length", "range", "pattern", "enum", "uniqueItems"} {
			if rule := smithyRule(p, m, kind); rule != "" {
				sw.Case(jen.Lit(kind)).Block(jen.Return(jen.Lit(rule)))
			}
		}
	})
	g.Return(jen.Lit(""))
}

// emitRules writes the rule functions reachable from the operations'
// inputs.
func emitRules(f *jen.File, p *Plan) {
	sp := p.server
	done := map[*shapes.Shape]bool{}
	var queue []*shapes.Shape
	need := func(s *shapes.Shape) string {
		if !done[s] {
			done[s] = true
			queue = append(queue, s)
		}
		return sp.ruleFn[s]
	}
	for _, o := range p.Operations {
		if o.Input != nil && !o.Input.IsUnit() {
			need(o.Input)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		name := sp.ruleFn[s]
		f.Add(comment(wrap("%s returns the constraint of kind constraint, in the Smithy framework's words, of the member of %s at path, or of the key of the map there when key.", name, p.Svc.Name(s))))
		f.Func().Id(name).Params(jen.Id("path").Index().String(), jen.Id("key").Bool(), jen.Id("constraint").String()).String().BlockFunc(func(g *jen.Group) {
			g.If(jen.Len(jen.Id("path")).Op("==").Lit(0)).Block(jen.Return(jen.Lit("")))
			// descend writes what follows the member m of s: its own rule
			// at the end of the path, else its target's rule function.
			descend := func(b *jen.Group, m, key *shapes.Member) {
				if aggregate(m.Target) {
					b.If(jen.Len(jen.Id("path")).Op(">").Lit(1)).Block(
						jen.Return(jen.Id(need(m.Target)).Call(jen.Id("path").Index(jen.Lit(1), jen.Empty()), jen.Id("key"), jen.Id("constraint"))))
				}
				memberRule(p, b, m, key)
			}
			switch s.Kind {
			case shapes.KindStructure, shapes.KindUnion:
				g.Switch(jen.Id("path").Index(jen.Lit(0))).BlockFunc(func(sw *jen.Group) {
					for _, m := range s.Members {
						sw.Case(jen.Lit(m.Name)).BlockFunc(func(b *jen.Group) { descend(b, m, nil) })
					}
				})
				g.Return(jen.Lit(""))
			case shapes.KindList:
				descend(g, s.ListMember(), nil)
			case shapes.KindMap:
				descend(g, s.MapValue(), s.MapKey())
			}
		})
	}
}

// internalEnumValue reports whether an enum value is marked internal: its
// member has @internal, or its @enum trait entry the tag "internal".
func internalEnumValue(s *shapes.Shape, v shapes.EnumValue) bool {
	if v.Member != nil {
		return v.Member.Traits.Has("smithy.api#internal")
	}
	raw, ok := s.Traits.Raw("smithy.api#enum")
	if !ok {
		return false
	}
	var defs []struct {
		Value string   `json:"value"`
		Tags  []string `json:"tags"`
	}
	if json.Unmarshal([]byte(raw), &defs) != nil {
		return false
	}
	for _, d := range defs {
		if d.Value == v.Value {
			return slices.Contains(d.Tags, "internal")
		}
	}
	return false
}
