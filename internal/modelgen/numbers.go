package modelgen

import (
	"math/big"
	"math/rand/v2"
)

// Numbers are kept as decimal text (as they appear in @range, @default and
// Go literals) and compared exactly as rationals.

// valueCandidates are interesting values of each number kind: the type's
// edges, values a float64 cannot hold exactly (2^53+1 in a long), the
// smallest subnormals, and ordinary ones. Float values are exact float32s.
var valueCandidates = map[kind][]string{
	kByte:       {"-128", "127", "0", "1", "-1", "42"},
	kShort:      {"-32768", "32767", "0", "-7", "300"},
	kInteger:    {"-2147483648", "2147483647", "0", "1", "-100000"},
	kLong:       {"-9223372036854775808", "9223372036854775807", "9007199254740993", "0", "-5"},
	kFloat:      {"0", "1.5", "-2.25", "3.4028234663852886e+38", "1.401298464324817e-45", "-0.5", "100.75"},
	kDouble:     {"0.1", "-2.5", "1e+300", "5e-324", "1.7976931348623157e+308", "0", "1234.5678"},
	kBigInteger: {"0", "-1", "123", "18446744073709551616", "-1000000000000000000000000000000"},
	kBigDecimal: {"0.1", "-1.5", "1e-7", "123456.789", "0"},
}

// rangeCandidates are @range bounds of each kind: integers within the type,
// and decimals (exact float32s for float) for float, double and bigDecimal.
func rangeCandidates(k kind) []string {
	switch k {
	case kByte:
		return []string{"-128", "127", "0", "5", "-5"}
	case kShort:
		return []string{"-32768", "32767", "0", "10", "-300"}
	case kInteger, kIntEnum:
		return []string{"-2147483648", "2147483647", "0", "1", "-100"}
	case kLong:
		return []string{"-9223372036854775808", "9223372036854775807", "0", "1000", "-1"}
	case kFloat:
		return []string{"-1.5", "2.25", "0.5", "100.75", "-0.25", "0"}
	case kDouble:
		return []string{"0.1", "-3.75", "0.001", "2.5", "-1000000.5", "0"}
	case kBigInteger:
		return []string{"0", "-100000000000000000000", "100000000000000000000", "7"}
	case kBigDecimal:
		return []string{"0.1", "-1.5", "1000.001", "0", "-0.000001"}
	}
	return []string{"0"}
}

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("modelgen: bad number " + s)
	}
	return r
}

func cmpDecimal(a, b string) int { return rat(a).Cmp(rat(b)) }

// pickNumber returns a value of kind k in [lo, hi] ("" for no bound) as
// decimal text. With special, float and double may also be NaN, ±Infinity
// or -0 when no bound rules them out.
func pickNumber(r *rand.Rand, k kind, lo, hi string, special bool) (string, bool) {
	var cands []string
	if lo != "" {
		cands = append(cands, lo, lo) // edges twice: they find off-by-one bugs
	}
	if hi != "" {
		cands = append(cands, hi, hi)
	}
	for _, c := range valueCandidates[k] {
		if (lo == "" || cmpDecimal(c, lo) >= 0) && (hi == "" || cmpDecimal(c, hi) <= 0) {
			cands = append(cands, c)
		}
	}
	if special && lo == "" && hi == "" && (k == kFloat || k == kDouble) {
		cands = append(cands, "NaN", "Infinity", "-Infinity", "-0")
	}
	if len(cands) == 0 {
		return "", false
	}
	return pick(r, cands), true
}
