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
// map's key member: the path ends in the key either way, so where both
// have a constraint of the kind, the key (path[0]) is tested against its
// own to tell which one broke it.
func memberRule(p *Plan, g *jen.Group, m *shapes.Member, key *shapes.Member) {
	g.Switch(jen.Id("constraint")).BlockFunc(func(sw *jen.Group) {
		for _, kind := range []string{"required", "length", "range", "pattern", "enum", "uniqueItems"} {
			rule := smithyRule(p, m, kind)
			keyRule := ""
			if key != nil {
				keyRule = smithyRule(p, key, kind)
			}
			switch {
			case rule != "" && keyRule != "":
				if test := keyBreaks(p, key, kind); test != nil {
					sw.Case(jen.Lit(kind)).Block(
						jen.If(test).Block(jen.Return(jen.Lit(keyRule), jen.True())),
						jen.Return(jen.Lit(rule), jen.False()))
				} else {
					sw.Case(jen.Lit(kind)).Block(jen.Return(jen.Lit(rule), jen.False()))
				}
			case rule != "":
				sw.Case(jen.Lit(kind)).Block(jen.Return(jen.Lit(rule), jen.False()))
			case keyRule != "":
				sw.Case(jen.Lit(kind)).Block(jen.Return(jen.Lit(keyRule), jen.True()))
			}
		}
	})
	g.Return(jen.Lit(""), jen.False())
}

// keyBreaks is a condition that holds when the map key path[0] breaks the
// key member's constraint of the given kind, or nil when it cannot be told.
func keyBreaks(p *Plan, key *shapes.Member, kind string) jen.Code {
	c := p.checks[key]
	k := jen.Id("path").Index(jen.Lit(0))
	switch {
	case kind == "length" && c.length != nil:
		n := jen.Qual("unicode/utf8", "RuneCountInString").Call(k)
		var conds []jen.Code
		if c.length.min >= 0 {
			conds = append(conds, n.Clone().Op("<").Lit(int(c.length.min)))
		}
		if c.length.max >= 0 {
			conds = append(conds, n.Clone().Op(">").Lit(int(c.length.max)))
		}
		if len(conds) == 0 {
			return nil
		}
		cond := jen.Add(conds[0])
		for _, c := range conds[1:] {
			cond = cond.Op("||").Add(c)
		}
		return cond
	case kind == "pattern" && c.pattern != nil && c.pattern.prepared != nil:
		return jen.Op("!").Parens(preparedLit(p.RegexPath, c.pattern.prepared)).Dot("MatchString").Call(k)
	case kind == "enum" && c.enum:
		var vals []jen.Code
		for _, v := range key.Target.EnumValues() {
			vals = append(vals, jen.Lit(v.Value))
		}
		return jen.Op("!").Qual("slices", "Contains").Call(jen.Index().String().Values(vals...), k)
	}
	return nil
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
		f.Add(comment(wrap("%s returns the constraint of kind constraint, in the Smithy framework's words, of the member of %s at path, and whether it is a map key's.", name, p.Svc.Name(s))))
		f.Func().Id(name).Params(jen.Id("path").Index().String(), jen.Id("constraint").String()).Params(jen.String(), jen.Bool()).BlockFunc(func(g *jen.Group) {
			g.If(jen.Len(jen.Id("path")).Op("==").Lit(0)).Block(jen.Return(jen.Lit(""), jen.False()))
			// descend writes what follows the member m of s: its own rule
			// at the end of the path, else its target's rule function.
			descend := func(b *jen.Group, m, key *shapes.Member) {
				if aggregate(m.Target) {
					b.If(jen.Len(jen.Id("path")).Op(">").Lit(1)).Block(
						jen.Return(jen.Id(need(m.Target)).Call(jen.Id("path").Index(jen.Lit(1), jen.Empty()), jen.Id("constraint"))))
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
				g.Return(jen.Lit(""), jen.False())
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
