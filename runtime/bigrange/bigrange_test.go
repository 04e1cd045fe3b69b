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
}
