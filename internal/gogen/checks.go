package gogen

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/smithygo/smithygo/internal/shapes"
	"github.com/smithygo/smithygo/runtime/ecmaregex"
)

// memberChecks is what Validate checks of one member's value, decided once
// by the Plan. Whether a member needs code at all and the code itself are
// both read from it, so they cannot disagree (a check that is decided to be
// needed but then writes nothing left "declared and not used" variables).
type memberChecks struct {
	// required: the member of a structure must be set (a default, which
	// the client fills, makes it optional to the caller).
	required bool
	length   *lengthCheck
	rng      *rangeCheck
	pattern  *patternCheck
	enum     bool // a string enum value must be a known one
	intEnum  bool // likewise an intEnum value
	unique   bool // a @uniqueItems list
	nested   bool // the target's own validator must run on the value
	// label: a string bound to a URI label, which must not be empty (an
	// empty path segment would change the request's path).
	label bool
	// document: a document's text must be one JSON value, or the request
	// would not be JSON. The default mode checks it too: such a request
	// could only be refused, as malformed, by the service.
	document bool
}

// value reports whether a present value has anything to check.
func (c *memberChecks) value() bool {
	return c != nil && (c.length != nil || c.rng != nil || c.pattern != nil || c.enum || c.intEnum || c.unique || c.nested || c.label || c.document)
}

// any reports whether the member has anything to check.
func (c *memberChecks) any() bool { return c != nil && (c.required || c.value()) }

// lengthCheck bounds a length; -1 is no bound.
type lengthCheck struct{ min, max int64 }

// rangeCheck bounds a number. For big numbers the bounds are compared at
// run time as decimal strings (bigMin, bigMax); for the others each bound
// that a value of the Go type could cross is a comparison.
type rangeCheck struct {
	big            bool
	bigMin, bigMax string
	conds          []rangeCond
	// min and max as written in the model, for the error message.
	min, max string
}

// rangeCond is one comparison "n < bound" (less) or "n > bound".
type rangeCond struct {
	less    bool
	bound   float64
	isFloat bool
}

// patternCheck is a @pattern that the client enforces (the Plan names its
// variable, by source, in patternVars).
type patternCheck struct {
	source   string
	prepared *ecmaregex.Prepared
}

// planChecks decides the checks of every member of every shape, and which
// shapes need a validator function (iterating to a fixed point, so that
// recursive shapes are handled).
func (p *Plan) planChecks() error {
	p.checks = map[*shapes.Member]*memberChecks{}
	p.prepared = map[string]*ecmaregex.Prepared{}
	for _, s := range p.Svc.Shapes {
		if s.Kind == shapes.KindEnum || s.Kind == shapes.KindIntEnum {
			continue
		}
		for _, m := range s.Members {
			c, err := p.ownChecks(m)
			if err != nil {
				return err
			}
			p.checks[m] = c
		}
	}
	needs := p.reaching(func(c *memberChecks) bool { return c.any() })
	for m, c := range p.checks {
		c.nested = needs[m.Target] && aggregate(m.Target)
	}
	// The default Validation mode checks required members only, at every
	// depth: its checks are Validate's required ones, and its functions
	// are written for the shapes that lead to one.
	p.requiredChecks = map[*shapes.Member]*memberChecks{}
	needs = p.reaching(func(c *memberChecks) bool { return c != nil && (c.required || c.document) })
	for m, c := range p.checks {
		p.requiredChecks[m] = &memberChecks{required: c.required, document: c.document, nested: needs[m.Target] && aggregate(m.Target)}
	}
	return nil
}

// reaching returns the shapes that have a member whose checks satisfy has,
// directly or through the aggregates their members lead to. It iterates to
// a fixed point, so that recursive shapes are handled.
func (p *Plan) reaching(has func(*memberChecks) bool) map[*shapes.Shape]bool {
	needs := map[*shapes.Shape]bool{}
	for changed := true; changed; {
		changed = false
		for _, s := range p.Svc.Shapes {
			if needs[s] || s.Kind == shapes.KindEnum || s.Kind == shapes.KindIntEnum {
				continue
			}
			for _, m := range s.Members {
				if has(p.checks[m]) || (needs[m.Target] && aggregate(m.Target)) {
					needs[s], changed = true, true
					break
				}
			}
		}
	}
	return needs
}

// aggregate reports whether a shape's values are checked by a function of
// their own.
func aggregate(s *shapes.Shape) bool {
	switch s.Kind {
	case shapes.KindStructure, shapes.KindUnion, shapes.KindList, shapes.KindMap:
		return true
	}
	return false
}

// ownChecks decides a member's checks other than nested ones.
func (p *Plan) ownChecks(m *shapes.Member) (*memberChecks, error) {
	t := m.Target
	c := &memberChecks{}
	inStruct := m.Container != nil && m.Container.Kind == shapes.KindStructure
	c.required = inStruct && m.Traits.Required() && !HasClientDefault(m)
	if b, ok := effectiveBounds(m, shapes.TraitLength); ok && hasLength(t) {
		lo, hi := lengthBound(b.Min), lengthBound(b.Max)
		if lo > 0 || hi >= 0 {
			c.length = &lengthCheck{min: lo, max: hi}
		}
	}
	// A label's @length of at least 1 already refuses the empty string.
	c.label = p.inputs[m.Container] && m.Traits.HTTPLabel() && t.Kind == shapes.KindString && !t.IsEnum() &&
		(c.length == nil || c.length.min < 1)
	if b, ok := effectiveBounds(m, shapes.TraitRange); ok && t.Kind.IsNumber() && t.Kind != shapes.KindIntEnum {
		c.rng = newRangeCheck(t.Kind, b)
	}
	if pat, ok := effectivePattern(m); ok && t.Kind == shapes.KindString {
		pc, err := p.patternCheck(m, pat)
		if err != nil {
			return nil, err
		}
		c.pattern = pc
	}
	switch {
	case t.Kind == shapes.KindDocument:
		c.document = true
	case t.IsEnum():
		c.enum = true
	case t.Kind == shapes.KindIntEnum:
		c.intEnum = true
	case t.Kind == shapes.KindList:
		c.unique = m.Traits.UniqueItems() || t.Traits.UniqueItems()
	}
	return c, nil
}

// hasLength reports whether @length applies to values of s.
func hasLength(s *shapes.Shape) bool {
	switch s.Kind {
	case shapes.KindString, shapes.KindBlob, shapes.KindList, shapes.KindMap:
		return true
	}
	return false
}

// newRangeCheck returns the comparisons of a range that a value of kind k
// could fail, or nil when there are none. A bound that the Go type cannot
// cross is left out (it could not be violated, and its literal might not
// even compile); integer bounds are rounded inwards.
func newRangeCheck(k shapes.Kind, b shapes.Bounds) *rangeCheck {
	rc := &rangeCheck{min: b.Min, max: b.Max}
	if k == shapes.KindBigInteger || k == shapes.KindBigDecimal {
		if b.Min == "" && b.Max == "" {
			return nil
		}
		rc.big, rc.bigMin, rc.bigMax = true, b.Min, b.Max
		return rc
	}
	isFloat := k == shapes.KindFloat || k == shapes.KindDouble
	lo, hi := intLimits(k)
	for i, bound := range []string{b.Min, b.Max} {
		if bound == "" {
			continue
		}
		f, err := strconv.ParseFloat(bound, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			continue
		}
		less := i == 0
		if isFloat {
			rc.conds = append(rc.conds, rangeCond{less: less, bound: f, isFloat: true})
			continue
		}
		if less {
			f = math.Ceil(f)
		} else {
			f = math.Floor(f)
		}
		if f <= lo || f >= hi {
			continue
		}
		rc.conds = append(rc.conds, rangeCond{less: less, bound: f})
	}
	if len(rc.conds) == 0 {
		return nil
	}
	return rc
}

// patternCheck prepares a pattern once per distinct source. A pattern that
// cannot be enforced with the meaning the service gives it is left
// unchecked with a warning and a note on the member, never a failed
// generation: the service still enforces it.
func (p *Plan) patternCheck(m *shapes.Member, pat string) (*patternCheck, error) {
	if prep, ok := p.prepared[pat]; ok {
		if prep == nil {
			p.unchecked[m] = p.uncheckedWhy[pat]
			return nil, nil
		}
		return &patternCheck{source: pat, prepared: prep}, nil
	}
	prep, err := ecmaregex.Prepare(pat)
	if err != nil {
		where := m.ID.String()
		if _, own := m.Traits.Pattern(); !own {
			where = m.Target.ID.String() + " (the target of " + where + ")"
		}
		why := fmt.Sprintf("the pattern %q is not enforced by the client: it uses syntax the client's matcher does not support (%v)", pat, err)
		if errors.Is(err, ecmaregex.ErrJavaRejects) {
			why = fmt.Sprintf("the pattern %q is not enforced by the client: it is not a valid regular expression, in Java (which AWS services use) or ECMA-262 (%v)", pat, err)
		}
		p.prepared[pat] = nil
		p.uncheckedWhy[pat] = why
		p.unchecked[m] = why
		p.Warnings = append(p.Warnings, &shapes.Error{File: m.Target.File, Shape: where, Msg: why})
		return nil, nil
	}
	p.prepared[pat] = prep
	return &patternCheck{source: pat, prepared: prep}, nil
}

// sampleToken has the form of the tokens the client makes (newUUID).
const sampleToken = "00000000-0000-4000-8000-000000000000"

// fillableTokens returns an operation's @idempotencyToken members that the
// client may fill: a UUID must pass the member's own length and pattern,
// or the client would make a token that it then refuses.
func (p *Plan) fillableTokens(op *shapes.Shape) []*shapes.Member {
	var fill []*shapes.Member
	for _, m := range idempotencyMembers(op) {
		c := p.checks[m]
		if l := c.length; l != nil && (int64(len(sampleToken)) < l.min || (l.max >= 0 && int64(len(sampleToken)) > l.max)) {
			continue
		}
		if c.pattern != nil && !c.pattern.prepared.MatchString(sampleToken) {
			continue
		}
		fill = append(fill, m)
	}
	return fill
}

func effectivePattern(m *shapes.Member) (string, bool) {
	if p, ok := m.Traits.Pattern(); ok {
		return p, true
	}
	return m.Target.Traits.Pattern()
}

// effectiveBounds returns a length or range trait, the member's overriding
// its target's.
func effectiveBounds(m *shapes.Member, trait string) (shapes.Bounds, bool) {
	get := func(t shapes.Traits) (shapes.Bounds, bool) {
		if trait == shapes.TraitLength {
			return t.Length()
		}
		return t.Range()
	}
	if b, ok := get(m.Traits); ok {
		return b, true
	}
	return get(m.Target.Traits)
}

func lengthBound(s string) int64 {
	if s == "" {
		return -1
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f > math.MaxInt32 {
		return -1
	}
	return int64(f)
}

func intLimits(k shapes.Kind) (float64, float64) {
	switch k {
	case shapes.KindByte:
		return math.MinInt8, math.MaxInt8
	case shapes.KindShort:
		return math.MinInt16, math.MaxInt16
	case shapes.KindInteger:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}
