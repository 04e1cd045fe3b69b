// Package apidiff compares the Go APIs of two generated packages
// (gogen.API, built from two versions of a model) and classifies each
// change as breaking or compatible for the package's users.
//
// A change is breaking when code that compiled and worked against the old
// package may fail to compile, or may have a request refused or mean
// something else, against the new one:
//
//   - a removed operation, paginator, waiter, type, error type, field, enum
//     value or union variant;
//   - a renamed package; a type that changed kind (a structure that became
//     a union);
//   - a field or variant whose Go type changed, including a pointer that
//     became a value or a value that became a pointer;
//   - an enum constant whose value on the wire changed;
//   - a changed or removed default (a caller that leaves the field unset
//     silently gets another value, or none);
//   - in a type that is sent to the service (an input, or reachable from
//     one): a newly required member, a required member added, and a
//     narrowed constraint (a length or range bound added or tightened, a
//     pattern added or changed, since two patterns cannot be compared, a
//     list now required to hold unique items), which Validate, or else the
//     service, now refuses.
//
// Everything else is compatible: additions (operations, types, optional
// fields, enum values, union variants, errors), a default added, a member
// no longer required, a widened or removed constraint, an operation that
// can fail with a new error or no longer fails with one (error handling
// through errors.As keeps compiling), and any constraint change in a type
// that is only received (the client does not check what the service
// returns).
//
// Enum membership is a constraint too: a member of an enum type must hold
// one of its known values, so a removed value narrows it and an added one
// widens it; both are reported as the enum's value changes.
package apidiff

import (
	"cmp"
	"fmt"
	"io"
	"iter"
	"math/big"
	"slices"
	"strings"

	"github.com/smithygo/smithygo/internal/gogen"
)

// Change is one difference between two APIs.
type Change struct {
	Breaking bool
	// Subject is the Go name the change is about, as a user writes it:
	// "Client.ListOutposts", "types.Outpost.Name", "CreateOrderInput.Tags[i]".
	Subject string
	// Text says what changed, in Markdown.
	Text string
}

// Compare lists the changes from old to new, sorted by subject, then text.
func Compare(old, new *gogen.API) []Change {
	d := &differ{}
	if old.Package != new.Package {
		d.add(true, "package", "renamed from %s to %s", code(old.Package), code(new.Package))
	}
	d.operations(old, new)
	d.errorSet("Client", "every operation", old.ServiceErrors, new.ServiceErrors)
	for o, n := range matched(old.Types, new.Types, func(t gogen.APIType) string { return t.Name }) {
		d.namedType(o, n)
	}
	slices.SortFunc(d.changes, func(a, b Change) int {
		return cmp.Or(strings.Compare(a.Subject, b.Subject), strings.Compare(a.Text, b.Text))
	})
	return d.changes
}

// Breaking reports whether any change is breaking.
func Breaking(changes []Change) bool {
	return slices.ContainsFunc(changes, func(c Change) bool { return c.Breaking })
}

// WriteMarkdown writes the changes as a pull-request body: a summary line
// with the counts, then a Breaking and a Compatible section (each only
// when it has changes), or one line saying that nothing changed.
func WriteMarkdown(w io.Writer, changes []Change) error {
	if len(changes) == 0 {
		_, err := fmt.Fprintln(w, "No change to the Go API.")
		return err
	}
	var breaking, compatible []Change
	for _, c := range changes {
		if c.Breaking {
			breaking = append(breaking, c)
		} else {
			compatible = append(compatible, c)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**Go API: %s, %s.**\n", count(len(breaking), "breaking change"), count(len(compatible), "compatible change"))
	for _, sec := range []struct {
		title   string
		changes []Change
	}{{"Breaking", breaking}, {"Compatible", compatible}} {
		if len(sec.changes) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n### %s\n\n", sec.title)
		for _, c := range sec.changes {
			fmt.Fprintf(&b, "- %s: %s\n", code(c.Subject), c.Text)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// code formats s as a Markdown code span, with a fence longer than any run
// of backquotes in s (a pattern may hold some).
func code(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if fence != "`" {
		// CommonMark strips one space on each side, which lets s start
		// or end with a backquote.
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

type differ struct{ changes []Change }

func (d *differ) add(breaking bool, subject, format string, args ...any) {
	d.changes = append(d.changes, Change{Breaking: breaking, Subject: subject, Text: fmt.Sprintf(format, args...)})
}

// matched yields the elements of old and new paired by key, in key order;
// an element on one side only comes with nil for the other.
func matched[T any](old, new []T, key func(T) string) iter.Seq2[*T, *T] {
	return func(yield func(*T, *T) bool) {
		byKey := func(xs []T) map[string]*T {
			m := make(map[string]*T, len(xs))
			for i := range xs {
				m[key(xs[i])] = &xs[i]
			}
			return m
		}
		om, nm := byKey(old), byKey(new)
		var keys []string
		for k := range om {
			keys = append(keys, k)
		}
		for k := range nm {
			if om[k] == nil {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !yield(om[k], nm[k]) {
				return
			}
		}
	}
}

func (d *differ) operations(old, new *gogen.API) {
	for o, n := range matched(old.Operations, new.Operations, func(op gogen.APIOperation) string { return op.Method }) {
		switch {
		case o == nil:
			d.add(false, "Client."+n.Method, "operation added (input %s, output %s)", code(n.Input), code(n.Output))
			continue
		case n == nil:
			d.add(true, "Client."+o.Method, "operation removed")
			continue
		}
		subject := "Client." + n.Method
		if o.Input != n.Input {
			d.add(true, subject, "input type renamed from %s to %s", code(o.Input), code(n.Input))
		}
		if o.Output != n.Output {
			d.add(true, subject, "output type renamed from %s to %s", code(o.Output), code(n.Output))
		}
		d.errorSet(subject, "the operation", o.Errors, n.Errors)
		d.methods("paginator", o.Paginators, n.Paginators)
		d.methods("waiter", o.Waiters, n.Waiters)
	}
}

// errorSet reports the errors an operation (or every operation) can newly
// fail with, or no longer fails with: compatible both ways, since callers
// tell errors apart with errors.As, which keeps compiling either way.
func (d *differ) errorSet(subject, who string, old, new []string) {
	for o, n := range matched(old, new, func(s string) string { return s }) {
		switch {
		case o == nil:
			d.add(false, subject, "%s can now fail with %s", who, code(*n))
		case n == nil:
			d.add(false, subject, "%s no longer fails with %s", who, code(*o))
		}
	}
}

func (d *differ) methods(what string, old, new []string) {
	for o, n := range matched(old, new, func(s string) string { return s }) {
		switch {
		case o == nil:
			d.add(false, "Client."+*n, "%s added", what)
		case n == nil:
			d.add(true, "Client."+*o, "%s removed", what)
		}
	}
}

// kindNoun names a kind of type in a sentence.
func kindNoun(k gogen.TypeKind) string {
	switch k {
	case gogen.KindError:
		return "error type"
	case gogen.KindInput, gogen.KindOutput:
		return string(k) + " type"
	}
	return string(k)
}

func (d *differ) namedType(o, n *gogen.APIType) {
	switch {
	case o == nil:
		// An operation's input and output come and go with the operation,
		// which is reported already.
		if n.Kind != gogen.KindInput && n.Kind != gogen.KindOutput {
			d.add(false, n.Name, "%s added", kindNoun(n.Kind))
		}
		return
	case n == nil:
		if o.Kind != gogen.KindInput && o.Kind != gogen.KindOutput {
			d.add(true, o.Name, "%s removed", kindNoun(o.Kind))
		}
		return
	case o.Kind != n.Kind:
		d.add(true, n.Name, "changed from %s to %s", article(kindNoun(o.Kind)), article(kindNoun(n.Kind)))
		return
	}
	// A constraint narrowed in a type that the caller sends may get a
	// request refused; in one that is only received it changes nothing
	// for the caller.
	sent := o.Sent && n.Sent
	for of, nf := range matched(o.Fields, n.Fields, func(f gogen.APIField) string { return f.Name }) {
		switch {
		case of == nil:
			subject := n.Name + "." + nf.Name
			if sent && nf.Checks.Required {
				d.add(true, subject, "required field added (%s)", code(nf.Type))
			} else {
				d.add(false, subject, "field added (%s)", code(nf.Type))
			}
		case nf == nil:
			d.add(true, o.Name+"."+of.Name, "field removed (was %s)", code(of.Type))
		default:
			d.value(n.Name+"."+nf.Name, of.APIValue, nf.APIValue, sent)
		}
	}
	for ov, nv := range matched(o.Values, n.Values, func(v gogen.APIEnumValue) string { return v.Const }) {
		switch {
		case ov == nil:
			d.add(false, n.Name, "value %s = %s added", code(nv.Const), code(quoteValue(n.Kind, nv.Value)))
		case nv == nil:
			d.add(true, o.Name, "value %s = %s removed", code(ov.Const), code(quoteValue(o.Kind, ov.Value)))
		case ov.Value != nv.Value:
			d.add(true, n.Name, "value %s changed from %s to %s", code(nv.Const), code(quoteValue(o.Kind, ov.Value)), code(quoteValue(n.Kind, nv.Value)))
		}
	}
	for ov, nv := range matched(o.Variants, n.Variants, func(v gogen.APIVariant) string { return v.Name }) {
		switch {
		case ov == nil:
			d.add(false, n.Name, "variant %s added%s", code(nv.Name), carrying(nv.Type))
		case nv == nil:
			d.add(true, o.Name, "variant %s removed", code(ov.Name))
		default:
			d.value(nv.Name+".Value", ov.APIValue, nv.APIValue, sent)
		}
	}
}

func article(noun string) string {
	switch noun {
	case "enum", "int enum", "input type", "output type", "error type":
		return "an " + noun
	}
	return "a " + noun
}

func quoteValue(k gogen.TypeKind, v string) string {
	if k == gogen.KindIntEnum {
		return v
	}
	return fmt.Sprintf("%q", v)
}

func carrying(goType string) string {
	if goType == "" {
		return " (no value)"
	}
	return " (" + code(goType) + ")"
}

// value compares the Go side of a field or union variant.
func (d *differ) value(subject string, o, n gogen.APIValue, sent bool) {
	switch {
	case o.Pointer && !n.Pointer && strings.TrimPrefix(o.Type, "*") == n.Type:
		d.add(true, subject, "became a value: %s → %s", code(o.Type), code(n.Type))
	case !o.Pointer && n.Pointer && o.Type == strings.TrimPrefix(n.Type, "*"):
		d.add(true, subject, "became a pointer: %s → %s", code(o.Type), code(n.Type))
	case o.Type != n.Type:
		d.add(true, subject, "Go type changed: %s → %s", code(o.Type), code(n.Type))
	}
	switch {
	case o.Default == n.Default:
	case o.Default == "":
		d.add(false, subject, "default %s added", code(n.Default))
	case n.Default == "":
		d.add(true, subject, "default %s removed", code(o.Default))
	default:
		d.add(true, subject, "default changed: %s → %s", code(o.Default), code(n.Default))
	}
	d.checks(subject, o.Checks, n.Checks, sent)
	for oe, ne := range matched(o.Elements, n.Elements, func(e gogen.APIElementChecks) string { return e.Path }) {
		none := gogen.APIElementChecks{Checks: gogen.APIChecks{MaxLength: -1}}
		if oe == nil {
			oe = &none
		}
		if ne == nil {
			ne = &none
		}
		d.checks(subject+cmp.Or(oe.Path, ne.Path), oe.Checks, ne.Checks, sent)
	}
}

// checks compares the constraints of one value. narrowed says whether a
// change refuses values that were accepted.
func (d *differ) checks(subject string, o, n gogen.APIChecks, sent bool) {
	// report adds a change; bounds says whether to tell if it narrowed
	// or widened.
	report := func(narrowed, bounds bool, format string, args ...any) {
		text := fmt.Sprintf(format, args...)
		var notes []string
		if bounds {
			notes = append(notes, direction(narrowed))
		}
		if narrowed && !sent {
			notes = append(notes, "only in what the service returns")
		}
		if len(notes) > 0 {
			text += " (" + strings.Join(notes, ", ") + ")"
		}
		d.add(narrowed && sent, subject, "%s", text)
	}
	flag := func(o, n bool, now, noLonger string) {
		switch {
		case !o && n:
			report(true, false, "%s", now)
		case o && !n:
			report(false, false, "%s", noLonger)
		}
	}
	flag(o.Required, n.Required, "now required", "no longer required")
	flag(o.UniqueItems, n.UniqueItems, "must now hold unique items", "may now hold repeated items")

	if o.MinLength != n.MinLength || o.MaxLength != n.MaxLength {
		narrowed := n.MinLength > o.MinLength || (n.MaxLength >= 0 && (o.MaxLength < 0 || n.MaxLength < o.MaxLength))
		report(narrowed, true, "length %s → %s", code(lengthBounds(o)), code(lengthBounds(n)))
	}
	if o.MinRange != n.MinRange || o.MaxRange != n.MaxRange {
		narrowed := tighter(o.MinRange, n.MinRange, 1) || tighter(o.MaxRange, n.MaxRange, -1)
		report(narrowed, true, "range %s → %s", code(bounds(o.MinRange, o.MaxRange)), code(bounds(n.MinRange, n.MaxRange)))
	}
	switch {
	case o.Pattern == n.Pattern:
	case o.Pattern == "":
		report(true, false, "pattern %s added", code(n.Pattern))
	case n.Pattern == "":
		report(false, false, "pattern %s removed", code(o.Pattern))
	default:
		// Whether one regular expression accepts all that another does is
		// not decidable here: a changed pattern counts as narrowed.
		report(true, false, "pattern changed: %s → %s", code(o.Pattern), code(n.Pattern))
	}
}

func direction(narrowed bool) string {
	if narrowed {
		return "narrowed"
	}
	return "widened"
}

func lengthBounds(c gogen.APIChecks) string {
	lo, hi := "", ""
	if c.MinLength > 0 {
		lo = fmt.Sprint(c.MinLength)
	}
	if c.MaxLength >= 0 {
		hi = fmt.Sprint(c.MaxLength)
	}
	return bounds(lo, hi)
}

// bounds formats an interval as "1..10", "1..", "..10", or "none".
func bounds(lo, hi string) string {
	if lo == "" && hi == "" {
		return "none"
	}
	return lo + ".." + hi
}

// tighter reports whether bound n excludes values that bound o allowed:
// sign 1 for a lower bound (a new or larger minimum), -1 for an upper one.
// The bounds are decimals as written in the model; one that does not parse
// counts as tighter, so that a doubtful change is never called compatible.
func tighter(o, n string, sign int) bool {
	if n == "" || o == n {
		return false
	}
	if o == "" {
		return true
	}
	ov, ok1 := new(big.Rat).SetString(o)
	nv, ok2 := new(big.Rat).SetString(n)
	if !ok1 || !ok2 {
		return true
	}
	return nv.Cmp(ov)*sign > 0
}
