// Package bigrange checks @range constraints on big numbers (BigInteger and
// BigDecimal members). Only clients with such checks import it, so that
// others do not compile it.
package bigrange

import "math/big"

// IntOutside reports whether x lies outside [min, max]; an empty bound is
// unbounded. The bounds are decimal literals from the model.
func IntOutside(x *big.Int, min, max string) bool {
	f := new(big.Float).SetInt(x)
	return FloatOutside(f, min, max)
}

// FloatOutside reports whether x lies outside [min, max].
func FloatOutside(x *big.Float, min, max string) bool {
	if min != "" {
		if b, ok := new(big.Float).SetString(min); ok && x.Cmp(b) < 0 {
			return true
		}
	}
	if max != "" {
		if b, ok := new(big.Float).SetString(max); ok && x.Cmp(b) > 0 {
			return true
		}
	}
	return false
}
