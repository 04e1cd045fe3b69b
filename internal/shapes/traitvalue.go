package shapes

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// This file checks the value of each known trait against its definition,
// as Smithy's node validation does: the JSON type each shape type takes,
// structure members (unknown ones, required ones), union values with one
// member, enum values, and the length, range and pattern constraints. It
// runs on the resolved model, where definitions have their mixins
// flattened, and then checks that the trait may be applied where it is
// (selector.go).

// defShape is a shape that a trait value is checked against: a trait
// definition or a shape that one of its members targets, from the model or
// from the embedded definitions.
type defShape struct {
	kind    Kind
	traits  Traits
	members []defMember
}

type defMember struct {
	name   string
	target ID
	traits Traits
}

func (d *defShape) member(name string) *defMember {
	for i := range d.members {
		if d.members[i].name == name {
			return &d.members[i]
		}
	}
	return nil
}

// valueChecker checks trait values; it caches definitions and patterns for
// one load.
type valueChecker struct {
	m        *Model
	defs     map[ID]*defShape
	patterns map[string]*regexp.Regexp // nil for a pattern Go cannot compile
	warnings []valueProblem            // of the value being checked
	sel      *selEval                  // built when a selector is first checked
}

// checkTraitUses checks the value of every known trait and where it is
// applied.
func (l *loader) checkTraitUses(m *Model) error {
	c := &valueChecker{m: m, defs: map[ID]*defShape{}, patterns: map[string]*regexp.Regexp{}}
	for _, u := range l.uses {
		if !u.known {
			continue
		}
		v := gjson.Parse(u.raw)
		c.warnings = c.warnings[:0]
		if p := c.check(v, u.trait, Traits{}, "", 0); p != nil {
			return &Error{File: u.file, Shape: u.holder.String(), Path: l.valuePath(u, p.where),
				Msg: fmt.Sprintf("trait %s: %s%s", u.trait, p.at(), p.msg)}
		}
		for _, w := range c.warnings {
			l.warnings = append(l.warnings, &Error{File: u.file, Shape: u.holder.String(), Path: l.valuePath(u, w.where),
				Msg: fmt.Sprintf("trait %s: %s%s", u.trait, w.at(), w.msg)})
		}
		// The generator's own, stricter expectations of the traits it reads.
		if err := checkTraitValue(u.trait.String(), v); err != nil {
			return &Error{File: u.file, Shape: u.holder.String(), Path: u.path(), Msg: fmt.Sprintf("trait %s: %v", u.trait, err)}
		}
		if w := c.checkSelector(u); w != nil {
			l.warnings = append(l.warnings, w)
		}
	}
	return nil
}

// valuePath is the path of a problem at where inside a trait value. Only
// IDL files mark object keys apart from values (keyPath); in a JSON AST
// file the key's path is the value's.
func (l *loader) valuePath(u traitUse, where string) string {
	if l.src[u.file] == nil {
		where = strings.TrimSuffix(where, "/key")
	}
	return u.path() + where
}

// def returns the shape id as a definition: the model's shape, else the
// embedded one, or nil when neither exists (a dangling target is
// reported elsewhere).
func (c *valueChecker) def(id ID) *defShape {
	if d, ok := c.defs[id]; ok {
		return d
	}
	var d *defShape
	if s := c.m.shapes[id]; s != nil {
		d = &defShape{kind: s.Kind, traits: s.Traits}
		for _, mem := range s.Members {
			d.members = append(d.members, defMember{name: mem.Name, target: mem.Target.ID, traits: mem.Traits})
		}
	} else if v, ok := embeddedDefs().shape(id); ok {
		d = parseDefShape(v)
	}
	c.defs[id] = d
	return d
}

// parseDefShape reads an embedded shape (JSON AST, as traitdefsgen writes
// it: no mixins, no sets).
func parseDefShape(v gjson.Result) *defShape {
	d := &defShape{kind: kindNames[v.Get("type").String()]}
	d.traits, _ = parseTraits(v.Get("traits"))
	add := func(name string, mv gjson.Result) {
		if !mv.Exists() {
			return
		}
		id, _ := ParseID(mv.Get("target").String())
		t, _ := parseTraits(mv.Get("traits"))
		d.members = append(d.members, defMember{name: name, target: id, traits: t})
	}
	v.Get("members").ForEach(func(k, mv gjson.Result) bool {
		add(k.String(), mv)
		return true
	})
	add("member", v.Get("member"))
	add("key", v.Get("key"))
	add("value", v.Get("value"))
	return d
}

// valueProblem is what is wrong with a trait value, and where in it.
type valueProblem struct {
	where string // JSON path inside the value: "", ".min", "[0].uri"
	msg   string
}

func (p *valueProblem) at() string {
	if p.where == "" {
		return ""
	}
	return strings.TrimSuffix(strings.TrimPrefix(p.where, "."), "/key") + ": "
}

// maxValueDepth bounds the recursion over a value: the parser already
// bounds node nesting, this guards the JSON AST path.
const maxValueDepth = 200

// check checks v as a value of the shape target, with the traits of the
// member that holds it (mt), at where inside the trait value.
func (c *valueChecker) check(v gjson.Result, target ID, mt Traits, where string, depth int) *valueProblem {
	d := c.def(target)
	if d == nil || depth > maxValueDepth || v.Type == gjson.Null {
		// Null stands for an absent value, which Smithy accepts for
		// optional members; checking it further would only guess.
		return nil
	}
	bad := func(format string, args ...any) *valueProblem {
		return &valueProblem{where: where, msg: fmt.Sprintf(format, args...)}
	}
	want := func(what string) *valueProblem { return bad("want %s, got %s", what, describe(v)) }
	switch d.kind {
	case KindDocument:
		return nil
	case KindStructure, KindUnion:
		if !v.IsObject() {
			if d.kind == KindStructure && len(d.members) == 0 && v.Type == gjson.True {
				return nil // the Smithy 1.0 form of an annotation trait
			}
			if len(d.members) == 0 {
				return want("{} (an annotation trait takes no value)")
			}
			return want("an object")
		}
		var p *valueProblem
		n := 0
		v.ForEach(func(k, mv gjson.Result) bool {
			n++
			mem := d.member(k.String())
			if mem == nil {
				// Definitions gain and lose members over time, and models
				// carry the members of the version they were built with:
				// Smithy warns about an unknown member. A name close to a
				// known one is a typo, though, and an error.
				names := make([]string, len(d.members))
				for i, m := range d.members {
					names[i] = m.name
				}
				if near := closest(k.String(), names); near != "" {
					p = &valueProblem{where: keyPath(where + keyStep(k.String())), msg: fmt.Sprintf("unknown member %q; did you mean %q?", k.String(), near)}
					return false
				}
				c.warnings = append(c.warnings, valueProblem{where: keyPath(where + keyStep(k.String())),
					msg: fmt.Sprintf("unknown member %q (%s); it is ignored", k.String(), memberList(d))})
				return true
			}
			p = c.check(mv, mem.target, mem.traits, where+keyStep(k.String()), depth+1)
			return p == nil
		})
		if p != nil {
			return p
		}
		if d.kind == KindUnion && n != 1 {
			return bad("a union value takes exactly one member, got %d", n)
		}
		for _, mem := range d.members {
			if mem.traits.Has(TraitRequired) && !v.Get(gjsonKey(mem.name)).Exists() {
				return bad("missing required member %q", mem.name)
			}
		}
		return nil
	case KindList:
		if !v.IsArray() {
			return want("a list")
		}
		elems := v.Array()
		if p := c.count(len(elems), d.traits, mt, bad); p != nil {
			return p
		}
		if mem := d.member("member"); mem != nil {
			for i, e := range elems {
				if p := c.check(e, mem.target, mem.traits, fmt.Sprintf("%s[%d]", where, i), depth+1); p != nil {
					return p
				}
			}
		}
		return nil
	case KindMap:
		if !v.IsObject() {
			return want("an object")
		}
		n := 0
		var p *valueProblem
		key, val := d.member("key"), d.member("value")
		v.ForEach(func(k, mv gjson.Result) bool {
			n++
			if key != nil {
				if p = c.check(k, key.target, key.traits, where+keyStep(k.String()), depth+1); p != nil {
					return false
				}
			}
			if val != nil {
				p = c.check(mv, val.target, val.traits, where+keyStep(k.String()), depth+1)
			}
			return p == nil
		})
		if p != nil {
			return p
		}
		return c.count(n, d.traits, mt, bad)
	case KindString, KindEnum:
		if v.Type != gjson.String {
			return want("a string")
		}
		s := v.String()
		if d.kind == KindEnum || d.traits.Has(TraitEnum) {
			values := enumStrings(d)
			if !contains(values, s) {
				return bad("%s is not one of %s", strconv.Quote(s), quoteAll(values))
			}
		}
		if p := c.count(utf8.RuneCountInString(s), d.traits, mt, bad); p != nil {
			return p
		}
		for _, t := range []Traits{d.traits, mt} {
			if pat, ok := t.Pattern(); ok {
				if re := c.pattern(pat); re != nil && !re.MatchString(s) {
					return bad("%s does not match the pattern %s", strconv.Quote(s), pat)
				}
			}
		}
		return nil
	case KindBlob:
		if v.Type != gjson.String {
			return want("a string")
		}
		return c.count(len(v.String()), d.traits, mt, bad)
	case KindBoolean:
		if v.Type != gjson.True && v.Type != gjson.False {
			return want("a boolean")
		}
		return nil
	case KindTimestamp:
		if v.Type != gjson.String && v.Type != gjson.Number {
			return want("a timestamp (a string or a number)")
		}
		return nil
	case KindIntEnum:
		if v.Type != gjson.Number || v.Num != math.Trunc(v.Num) {
			return want("an integer")
		}
		var values []string
		for _, mem := range d.members {
			values = append(values, mem.traits.get(TraitEnumValue).Raw)
		}
		if !contains(values, v.Raw) {
			return bad("%s is not one of %s", v.Raw, strings.Join(values, ", "))
		}
		return nil
	}
	if d.kind.IsNumber() {
		integral := d.kind != KindFloat && d.kind != KindDouble && d.kind != KindBigDecimal
		switch {
		case v.Type != gjson.Number && integral:
			return want("an integer")
		case v.Type != gjson.Number:
			return want("a number")
		case integral && v.Num != math.Trunc(v.Num):
			return want("an integer")
		}
		for _, t := range []Traits{d.traits, mt} {
			if b, ok := t.Range(); ok {
				if b.Min != "" && v.Num < gjson.Parse(b.Min).Num || b.Max != "" && v.Num > gjson.Parse(b.Max).Num {
					return bad("%s is out of range%s", v.Raw, bounds(b))
				}
			}
		}
	}
	return nil
}

// count checks a length constraint, of the target or of the member, on a
// list or map size, a string's characters or a blob's bytes.
func (c *valueChecker) count(n int, target, member Traits, bad func(string, ...any) *valueProblem) *valueProblem {
	for _, t := range []Traits{target, member} {
		b, ok := t.Length()
		if !ok {
			continue
		}
		if b.Min != "" && float64(n) < gjson.Parse(b.Min).Num || b.Max != "" && float64(n) > gjson.Parse(b.Max).Num {
			return bad("the length %d is out of range%s", n, bounds(b))
		}
	}
	return nil
}

func bounds(b Bounds) string {
	switch {
	case b.Min != "" && b.Max != "":
		return fmt.Sprintf(" [%s, %s]", b.Min, b.Max)
	case b.Min != "":
		return " (min " + b.Min + ")"
	case b.Max != "":
		return " (max " + b.Max + ")"
	}
	return ""
}

// pattern compiles a pattern trait once. Smithy patterns are ECMA 262
// regular expressions; the few that Go's syntax cannot read are not
// checked rather than misread.
func (c *valueChecker) pattern(p string) *regexp.Regexp {
	re, ok := c.patterns[p]
	if !ok {
		re, _ = regexp.Compile(p)
		c.patterns[p] = re
	}
	return re
}

// enumStrings lists the values of an enum shape or of a string with the
// (Smithy 1.0) enum trait.
func enumStrings(d *defShape) []string {
	var out []string
	if d.kind == KindEnum {
		for _, mem := range d.members {
			v := mem.traits.get(TraitEnumValue)
			if v.Exists() {
				out = append(out, v.String())
			} else {
				out = append(out, mem.name)
			}
		}
		return out
	}
	for _, e := range d.traits.get(TraitEnum).Array() {
		out = append(out, e.Get("value").String())
	}
	return out
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

func memberList(d *defShape) string {
	if len(d.members) == 0 {
		return "the structure has no members"
	}
	names := make([]string, len(d.members))
	for i, m := range d.members {
		names[i] = m.name
	}
	return "the members are " + strings.Join(names, ", ")
}

// describe names a JSON value's type, with the value itself when short.
func describe(v gjson.Result) string {
	switch v.Type {
	case gjson.String, gjson.Number:
		if len(v.Raw) <= 40 {
			return jsonKind(v) + " " + v.Raw
		}
	}
	return jsonKind(v)
}

// gjsonKey escapes a member name for gjson.Get, whose paths give meaning
// to a few characters. Member names are identifiers, which need none.
func gjsonKey(name string) string {
	if isIdentifier(name) {
		return name
	}
	return gjsonEscaper.Replace(name)
}

var gjsonEscaper = strings.NewReplacer(".", `\.`, "*", `\*`, "?", `\?`, "|", `\|`, "#", `\#`, "@", `\@`)
