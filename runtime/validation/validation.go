// Package validation checks inputs against the constraints of their
// service model: generated Validate methods walk an input with a Validator,
// which collects every Violation into an *InvalidParamsError.
package validation

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// InvalidParamsError reports every constraint of the service model that an
// input breaks. Validate methods return it; errors.As finds it.
type InvalidParamsError struct {
	// Context names what was validated, such as "StartCapacityTaskInput".
	Context string

	// Violations lists each broken constraint, in the order of the input's
	// members (and, within a map, of its keys).
	Violations []Violation
}

// Violation is one broken constraint.
type Violation struct {
	// Path locates the value from the input, such as "InstancePools[2].Count",
	// "Tags[env]" (the value under the key env) or "Tags{env}" (the key env
	// itself), so that a key's violation is told from its value's.
	Path string

	// Constraint names the rule: "required", "length", "range", "pattern",
	// "uniqueItems", "enum" or "document" (a document that is not one JSON
	// value).
	Constraint string

	// Message says what is wrong, such as "length 0 is below the minimum 1".
	Message string
}

// Error lists the violations on one line.
func (e *InvalidParamsError) Error() string {
	var b strings.Builder
	b.WriteString(e.Context)
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(len(e.Violations)))
	if len(e.Violations) == 1 {
		b.WriteString(" invalid parameter: ")
	} else {
		b.WriteString(" invalid parameters: ")
	}
	for i, v := range e.Violations {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(v.Path)
		b.WriteString(": ")
		b.WriteString(v.Message)
	}
	return b.String()
}

// Path is a member path built on the stack as validation descends, and
// turned into a string only when a violation is reported, so that validating
// a valid input allocates nothing.
type Path struct {
	Parent  *Path
	Name    string // a member name, or a map key when IsKey
	Index   int    // a list index when IsIndex
	IsIndex bool
	IsKey   bool // the value under the key Name, written [Name]
	// KeyItself, with IsKey: the key Name itself, written {Name}, as gen
	// -diff writes a key's constraints (Field{k}).
	KeyItself bool
}

// String is the path as Violation.Path spells it.
func (p *Path) String() string {
	var b strings.Builder
	p.appendTo(&b)
	return b.String()
}

// appendTo writes the path from the root down. It recurses rather than
// collecting the parents in a slice: a slice would make the compiler move
// every Path to the heap, and validation would allocate.
func (p *Path) appendTo(b *strings.Builder) {
	if p == nil {
		return
	}
	p.Parent.appendTo(b)
	switch {
	case p.IsIndex:
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(p.Index))
		b.WriteByte(']')
	case p.IsKey && p.KeyItself:
		b.WriteByte('{')
		b.WriteString(p.Name)
		b.WriteByte('}')
	case p.IsKey:
		b.WriteByte('[')
		b.WriteString(p.Name)
		b.WriteByte(']')
	default:
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p.Name)
	}
}

// Validator collects violations; generated Validate methods fill one.
//
// Its methods that record a violation are not inlined: they run only for
// invalid input, and a generated package calls them at hundreds of places,
// each of which would otherwise compile their bodies again.
type Validator struct {
	List []Violation
}

// Add records a violation of constraint at p.
func (v *Validator) Add(p *Path, constraint, message string) {
	v.List = append(v.List, Violation{Path: p.String(), Constraint: constraint, Message: message})
}

// Err returns the violations as an *InvalidParamsError about context, or
// nil for none.
//
//go:noinline
func (v *Validator) Err(context string) error {
	if len(v.List) == 0 {
		return nil
	}
	return &InvalidParamsError{Context: context, Violations: v.List}
}

// SortFrom orders the violations added since start by path; map iteration
// order is random, and reports should not be.
func (v *Validator) SortFrom(start int) {
	if len(v.List)-start > 1 {
		// sort.SliceStable, not slices.SortStableFunc, whose instantiation
		// would be compiled again into every client that copies this
		// package; reports are the slow path.
		list := v.List[start:]
		sort.SliceStable(list, func(i, j int) bool { return list[i].Path < list[j].Path })
	}
}

// EmptyLabel records a URI label member that is unset or empty.
//
//go:noinline
func (v *Validator) EmptyLabel(p *Path) {
	v.Add(p, "required", emptyLabelMessage)
}

// Document records a document that is not one JSON value; err says why.
//
//go:noinline
func (v *Validator) Document(p *Path, err error) {
	v.Add(p, "document", "is not one JSON value: "+err.Error())
}

// Required records a missing required member.
//
//go:noinline
func (v *Validator) Required(p *Path) {
	v.Add(p, "required", "is required")
}

// Length reports a length outside [min, max]; a negative bound is unbounded.
func (v *Validator) Length(p *Path, n int, min, max int64) {
	switch {
	case min >= 0 && int64(n) < min:
		v.Add(p, "length", "length "+strconv.Itoa(n)+" is below the minimum "+strconv.FormatInt(min, 10))
	case max >= 0 && int64(n) > max:
		v.Add(p, "length", "length "+strconv.Itoa(n)+" is above the maximum "+strconv.FormatInt(max, 10))
	}
}

// StringLength reports a string whose length in runes is outside [min, max]
// (a negative bound is unbounded). Generated code calls it only when the
// string's length in bytes leaves that possible, so it is not inlined: the
// count is a loop that would otherwise be compiled at every call.
//
//go:noinline
func (v *Validator) StringLength(p *Path, s string, min, max int64) {
	v.Length(p, utf8.RuneCountInString(s), min, max)
}

// OutOfRange reports a number outside its range; the bounds are as the model
// writes them ("" for unbounded).
func (v *Validator) OutOfRange(p *Path, value, min, max string) {
	switch {
	case min != "" && max != "":
		v.Add(p, "range", "value "+value+" is outside the range "+min+" to "+max)
	case min != "":
		v.Add(p, "range", "value "+value+" is below the minimum "+min)
	default:
		v.Add(p, "range", "value "+value+" is above the maximum "+max)
	}
}

// Pattern records a string that does not match its @pattern.
//
//go:noinline
func (v *Validator) Pattern(p *Path, pattern string) {
	v.Add(p, "pattern", "does not match the pattern "+pattern)
}

// Enum records a value that is not one of its enum's.
//
//go:noinline
func (v *Validator) Enum(p *Path, value string) {
	v.Add(p, "enum", strconv.Quote(value)+" is not one of the known values")
}

// Duplicate records equal items of a @uniqueItems list.
//
//go:noinline
func (v *Validator) Duplicate(p *Path, first, second int) {
	v.Add(p, "uniqueItems", "items "+strconv.Itoa(first)+" and "+strconv.Itoa(second)+" are equal")
}

// DuplicateOf returns the indexes of the first item equal to an earlier
// one and of that earlier one (i < j), or -1, -1. Small lists are compared
// pairwise, which allocates nothing; both ways find the same pair.
func DuplicateOf[T comparable](items []T) (int, int) {
	if len(items) <= 64 {
		for j := 1; j < len(items); j++ {
			for i := range j {
				if items[i] == items[j] {
					return i, j
				}
			}
		}
		return -1, -1
	}
	seen := make(map[T]int, len(items))
	for j, it := range items {
		if i, ok := seen[it]; ok {
			return i, j
		}
		seen[it] = j
	}
	return -1, -1
}

// DuplicateOfFunc is DuplicateOf for items compared by eq.
func DuplicateOfFunc[T any](items []T, eq func(a, b T) bool) (int, int) {
	for j := 1; j < len(items); j++ {
		for i := range j {
			if eq(items[i], items[j]) {
				return i, j
			}
		}
	}
	return -1, -1
}
