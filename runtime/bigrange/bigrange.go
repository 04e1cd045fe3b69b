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

// FloatOutside reports whether x lies outside [min, max]. The bounds are
// read at x's precision, so that a value decoded from the bound's own
// digits, at whatever precision its decoder keeps, equals the bound:
// rounding both at one precision keeps their order and makes equal
// decimals equal.
func FloatOutside(x *big.Float, min, max string) bool {
	prec := x.Prec()
	if prec == 0 {
		prec = 64
	}
	if min != "" {
		if b, _, err := big.ParseFloat(min, 10, prec, big.ToNearestEven); err == nil && x.Cmp(b) < 0 {
			return true
		}
	}
	if max != "" {
		if b, _, err := big.ParseFloat(max, 10, prec, big.ToNearestEven); err == nil && x.Cmp(b) > 0 {
			return true
		}
	}
	return false
}
