package gogen

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/smithygo/smithygo/internal/shapes"
	"github.com/smithygo/smithygo/runtime/ecmaregex"
)

// defaultBreaks returns what member m's @default value (raw, already known
// to be a value of m's type: defaultExpr took it) breaks of the member's
// constraints, or "": an enum's default must be one of its values, and a
// default must lie within the member's @range and @length and match its
// @pattern, the constraints Validate enforces (effectiveBounds,
// effectivePattern). Smithy validates a default as it does any value of
// the member, but warns rather than fails on a zero outside a @range:
// models converted from Smithy 1.0 gave primitive numbers a default of 0
// whatever their range (Data Exchange's MaxResults = 0 with min 1), so a
// zero is let through here too, and Validate does not check a value
// field's zero.
func defaultBreaks(m *shapes.Member, raw string) string {
	t := m.Target
	var v any
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&v) != nil || v == nil {
		return ""
	}
	if t.IsEnum() || t.Kind == shapes.KindIntEnum {
		// defaultExpr has taken a string for an enum, a number for an
		// intEnum (whose values are their decimal text).
		want := fmt.Sprint(v)
		if !slices.ContainsFunc(t.EnumValues(), func(e shapes.EnumValue) bool { return e.Value == want }) {
			return "is not one of the values of " + t.ID.String()
		}
	}
	if b, ok := effectiveBounds(m, shapes.TraitRange); ok && t.Kind.IsNumber() {
		if num, ok := v.(json.Number); ok {
			if msg := outsideRange(num.String(), b); msg != "" {
				return msg
			}
		}
	}
	if b, ok := effectiveBounds(m, shapes.TraitLength); ok {
		n := -1
		switch x := v.(type) {
		case string:
			n = utf8.RuneCountInString(x)
			if t.Kind == shapes.KindBlob {
				if data, err := base64.StdEncoding.DecodeString(x); err == nil {
					n = len(data)
				}
			}
		case []any:
			n = len(x)
		case map[string]any:
			n = len(x)
		}
		if lo, hi := lengthBound(b.Min), lengthBound(b.Max); n >= 0 && (lo >= 0 && int64(n) < lo || hi >= 0 && int64(n) > hi) {
			return fmt.Sprintf("has length %d, outside the member's @length (min %s, max %s)", n, orNone(b.Min), orNone(b.Max))
		}
	}
	if pat, ok := effectivePattern(m); ok && t.Kind == shapes.KindString && !t.IsEnum() {
		s, _ := v.(string)
		// A pattern the client cannot enforce is not held against the
		// default either: the plan warns about it where Validate skips it.
		if prep, err := ecmaregex.Prepare(pat); err == nil && !prep.MatchString(s) {
			return fmt.Sprintf("does not match the member's @pattern %q", pat)
		}
	}
	return ""
}

// outsideRange says how the number text lies outside b, or "" when it is
// within it, or is zero (see defaultBreaks), or is no finite number.
func outsideRange(text string, b shapes.Bounds) string {
	x, ok := new(big.Rat).SetString(text)
	if !ok || x.Sign() == 0 {
		return ""
	}
	if lo, ok := new(big.Rat).SetString(b.Min); ok && x.Cmp(lo) < 0 {
		return fmt.Sprintf("is below the member's @range minimum %s", b.Min)
	}
	if hi, ok := new(big.Rat).SetString(b.Max); ok && x.Cmp(hi) > 0 {
		return fmt.Sprintf("is above the member's @range maximum %s", b.Max)
	}
	return ""
}

// orNone is a bound as a message shows it.
func orNone(bound string) string {
	if bound == "" {
		return "none"
	}
	return bound
}
