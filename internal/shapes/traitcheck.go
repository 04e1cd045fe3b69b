package shapes

import (
	"fmt"
	"slices"
	"strings"
)

// This file makes applied traits resolve, as in Smithy: every trait
// applied to a shape, a member or through apply must name a trait
// definition (a shape with the trait trait), in the model or in the
// embedded definitions of the namespaces the generator knows
// (traitdefs.go). A misspelled trait would otherwise be kept and ignored,
// silently dropping a constraint or a redaction. Values are checked
// against the definitions afterwards, on the resolved model
// (traitvalue.go), since a definition may use mixins.

// traitUse is one trait application, as written.
type traitUse struct {
	trait  ID
	holder ID     // the shape or member the trait is applied to
	raw    string // the value as written at this place
	file   string
	base   string // JSON path of the shape, member or apply

	known bool // the trait resolved to a definition
}

// path is the JSON path of the application: <base>.traits["ns#name"]. It
// is built only for a message, or to look up an IDL file's marks.
func (u *traitUse) path() string { return traitPath(u.base, u.trait.String()) }

// resolveTraits records every trait application of the model's files
// and checks that each names a trait definition. It runs before applies
// are merged, so that a problem is reported where the trait is written.
func (l *loader) resolveTraits() error {
	defined := l.modelTraitDefs()
	add := func(holder ID, file, base string, t Traits) error {
		for _, id := range t.IDs() {
			raw, _ := t.Raw(id)
			u := traitUse{holder: holder, raw: raw, file: file, base: base}
			u.trait, _ = ParseID(id) // parseTraits has checked it
			if err, unknown := l.resolveTrait(&u, defined); err != nil {
				if !unknown || !l.opts.AllowUnknownTraits {
					return err
				}
				l.warnings = append(l.warnings, err)
			}
			l.uses = append(l.uses, u)
		}
		return nil
	}
	for _, id := range l.order {
		rs := l.defs[id]
		if rs.file == "" {
			continue // the prelude, whose few traits are known
		}
		if err := add(id, rs.file, rs.path, rs.traits); err != nil {
			return err
		}
		for _, m := range rs.members {
			if err := add(id.WithMember(m.name), rs.file, m.path, m.traits); err != nil {
				return err
			}
		}
	}
	for _, a := range l.applies {
		if err := add(a.target, a.file, a.path, a.traits); err != nil {
			return err
		}
	}
	return nil
}

// modelTraitDefs returns the shapes of the model that are trait
// definitions: those with the trait trait, written on them or applied.
func (l *loader) modelTraitDefs() map[ID]bool {
	out := map[ID]bool{}
	for id, rs := range l.defs {
		if rs.traits.Has(TraitTrait) {
			out[id] = true
		}
	}
	for _, a := range l.applies {
		if a.target.Member == "" && a.traits.Has(TraitTrait) {
			out[a.target] = true
		}
	}
	return out
}

// resolveTrait checks that u.trait is a trait definition, setting u.known.
// unknown reports a trait defined nowhere, the one problem that
// Options.AllowUnknownTraits downgrades; naming a shape that is not a
// trait stays an error.
func (l *loader) resolveTrait(u *traitUse, defined map[ID]bool) (err error, unknown bool) {
	known := embeddedDefs()
	switch {
	case defined[u.trait] || (l.defs[u.trait] == nil && known.traits[u.trait]):
		u.known = true
		return nil, false
	case l.defs[u.trait] != nil || known.raw[u.trait] != "":
		return &Error{File: u.file, Shape: u.holder.String(), Path: u.path(),
			Msg: fmt.Sprintf("%s is not a trait: the shape it names has no @trait", l.traitName(u))}, false
	}
	return &Error{File: u.file, Shape: u.holder.String(), Path: u.path(), Msg: l.unknownTraitMsg(u, defined)}, true
}

// written returns the trait's name as written in an IDL file, and the
// file, or "" and nil for a JSON AST file.
func (l *loader) written(u *traitUse) (string, *idlFile) {
	if sf := l.src[u.file]; sf != nil {
		if w, ok := sf.written[u.path()]; ok {
			return w, sf.idl
		}
	}
	return "", nil
}

// traitName names the trait as the file does: "@name" in IDL, the
// absolute ID in JSON.
func (l *loader) traitName(u *traitUse) string {
	if w, f := l.written(u); f != nil {
		return "@" + w
	}
	return u.trait.String()
}

// unknownTraitMsg explains an unresolved trait: for a relative IDL name,
// where the name was looked for, and a close name that would resolve.
func (l *loader) unknownTraitMsg(u *traitUse, defined map[ID]bool) string {
	w, f := l.written(u)
	all := l.allTraitIDs(defined)
	if f == nil || strings.Contains(w, "#") {
		msg := fmt.Sprintf("unknown trait %s: no trait definition has this ID", u.trait)
		if f != nil {
			msg = "unknown trait @" + w + ": no trait definition has this ID"
		}
		ids := make([]string, len(all))
		for i, id := range all {
			ids[i] = id.String()
		}
		if s := closest(u.trait.String(), ids); s != "" {
			if f != nil {
				s = "@" + s
			}
			msg += "; did you mean " + s + "?"
		}
		return msg
	}
	if use, ok := f.uses[w]; ok {
		msg := fmt.Sprintf("unknown trait @%s: the use statement at line %d imports %s, which is not defined", w, use.pos.line, use.id)
		var names []string
		for _, id := range all {
			if id.Namespace == use.id.Namespace {
				names = append(names, id.Name)
			}
		}
		if s := closest(use.id.Name, names); s != "" {
			msg += fmt.Sprintf("; did you mean %s#%s?", use.id.Namespace, s)
		}
		return msg
	}
	msg := fmt.Sprintf("unknown trait @%s: no use statement imports %s, namespace %s defines no trait %s, and the prelude has none either",
		w, w, f.namespace, w)
	// The names that resolve in this file: imported traits, traits of the
	// file's namespace, then prelude traits.
	var names []string
	for name, use := range f.uses {
		if defined[use.id] || embeddedDefs().traits[use.id] {
			names = append(names, name)
		}
	}
	for _, id := range all {
		if id.Namespace == f.namespace || id.Namespace == "smithy.api" && isPreludeName(id.Name) {
			names = append(names, id.Name)
		}
	}
	slices.Sort(names)
	if s := closest(w, names); s != "" {
		return msg + "; did you mean @" + s + "?"
	}
	for _, id := range all {
		if id.Name == w {
			return msg + fmt.Sprintf("; %s is a trait: add \"use %s\"", id, id)
		}
	}
	return msg
}

// allTraitIDs lists the trait definitions of the model and the embedded
// ones, sorted.
func (l *loader) allTraitIDs(defined map[ID]bool) []ID {
	var out []ID
	for id := range defined {
		out = append(out, id)
	}
	for id := range embeddedDefs().traits {
		if !defined[id] {
			out = append(out, id)
		}
	}
	slices.SortFunc(out, func(a, b ID) int { return strings.Compare(a.String(), b.String()) })
	return out
}

// closest returns the candidate nearest to s by edit distance, if it is
// near enough to be a likely typo (ties go to the first candidate). A
// candidate that shares most of its beginning with s is near too, so that
// restJsonOne finds restJson1.
func closest(s string, candidates []string) string {
	limit := 1
	switch n := len(s); {
	case n >= 12:
		limit = 3
	case n >= 5:
		limit = 2
	}
	ls := strings.ToLower(s)
	best, bestD := "", -1
	for _, c := range candidates {
		if c == s {
			continue
		}
		lc := strings.ToLower(c)
		d := editDistance(ls, lc)
		if p := commonPrefix(ls, lc); d > limit && (p < 6 || 3*p < 2*min(len(ls), len(lc))) {
			continue
		}
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and transpositions of adjacent characters, the
// usual typos, each cost 1.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows suffice: a transposition looks two rows back.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// checkUses checks the use statements of the IDL files: each must import
// a shape of the model or of the embedded definitions (spec/idl "use
// statement").
func (c *idlConv) checkUses(f *idlFile) error {
	uses := make([]idlUse, 0, len(f.uses))
	for _, u := range f.uses {
		uses = append(uses, u)
	}
	// Report in file order, so the first problem is the first written.
	slices.SortFunc(uses, func(a, b idlUse) int { return a.pos.off - b.pos.off })
	for _, u := range uses {
		if c.defined[u.id.Namespace][u.id.Name] || embeddedDefs().raw[u.id] != "" {
			continue
		}
		msg := fmt.Sprintf("use %s: no shape %s is defined", u.id, u.id)
		var near []string
		for n := range c.defined[u.id.Namespace] {
			near = append(near, n)
		}
		for id := range embeddedDefs().raw {
			if id.Namespace == u.id.Namespace {
				near = append(near, id.Name)
			}
		}
		slices.Sort(near)
		if s := closest(u.id.Name, near); s != "" {
			msg += fmt.Sprintf("; did you mean %s#%s?", u.id.Namespace, s)
		}
		err := newPosError(f.name, f.src, u.pos, "", msg)
		if !c.l.opts.AllowUnknownTraits {
			return err
		}
		c.l.warnings = append(c.l.warnings, err)
	}
	return nil
}
