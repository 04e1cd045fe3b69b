package bigrange

import (
	"math/big"
	"testing"
)

func TestOutside(t *testing.T) {
	for _, tc := range []struct {
		x        string
		min, max string
		outside  bool
	}{
		{"5", "1", "10", false},
		{"0", "1", "10", true},
		{"11", "1", "10", true},
		{"-100000000000000000000000", "", "0", false},
		{"100000000000000000000001", "", "100000000000000000000000", true},
		{"7", "", "", false},
	} {
		i, _ := new(big.Int).SetString(tc.x, 10)
		if got := IntOutside(i, tc.min, tc.max); got != tc.outside {
			t.Errorf("IntOutside(%s, %q, %q) = %v", tc.x, tc.min, tc.max, got)
		}
	}
	f, _ := new(big.Float).SetString("1.5")
	if FloatOutside(f, "1.25", "1.75") || !FloatOutside(f, "1.6", "") {
		t.Error("FloatOutside misjudges 1.5")
	}
	// A server decodes a bigDecimal at more than 64 bits (jsonwire and
	// cbor keep its decimal digits): the bound's own digits are not
	// outside it (modelgen seed 9950024, rpcv2Json).
	for _, prec := range []uint{24, 53, 64, 83, 200} {
		for _, s := range []string{"-0.000001", "0.1", "1e-400", "3.14159265358979323846264338327950288"} {
			x, _, err := big.ParseFloat(s, 10, prec, big.ToNearestEven)
			if err != nil {
				t.Fatal(err)
			}
			if FloatOutside(x, s, s) {
				t.Errorf("FloatOutside(%s at %d bits, %s, %s) = true", s, prec, s, s)
			}
		}
	}
	if x, _, _ := big.ParseFloat("-0.0000011", 10, 200, big.ToNearestEven); !FloatOutside(x, "-0.000001", "") || FloatOutside(x, "", "-0.000001") {
		t.Error("FloatOutside misjudges -0.0000011 against -0.000001")
	}
}
