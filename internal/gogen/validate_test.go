package gogen

import (
	"math"
	"testing"
	"unicode/utf8"
)

// TestByteBoundsNeverMissABrokenLength checks the byte-length test that
// decides whether a string's runes are counted: every string whose rune
// count breaks its @length must fail it. Strings are every sequence of up to
// six pieces of 1 to 4 bytes (one rune each) or a lone invalid byte (which
// counts as one rune), against every bound from 0 to 8.
func TestByteBoundsNeverMissABrokenLength(t *testing.T) {
	pieces := []string{"a", "é", "€", "😀", "\xff"}
	var strs []string
	var grow func(s string, depth int)
	grow = func(s string, depth int) {
		strs = append(strs, s)
		if depth == 6 {
			return
		}
		for _, p := range pieces {
			grow(s+p, depth+1)
		}
	}
	grow("", 0)
	for lo := int64(-1); lo <= 8; lo++ {
		for hi := int64(-1); hi <= 8; hi++ {
			if hi >= 0 && hi < lo {
				continue
			}
			l := &lengthCheck{min: lo, max: hi}
			below, above := l.byteBounds()
			for _, s := range strs {
				n := int64(utf8.RuneCountInString(s))
				broken := (lo >= 0 && n < lo) || (hi >= 0 && n > hi)
				counted := int64(len(s)) < below || (above >= 0 && int64(len(s)) > above)
				if broken && !counted {
					t.Fatalf("@length(min %d, max %d): %q has %d runes but %d bytes pass the byte test (below %d, above %d)",
						lo, hi, s, n, len(s), below, above)
				}
			}
		}
	}
	// The common bound skips counting for every non-empty string.
	if below, above := (&lengthCheck{min: 1, max: 255}).byteBounds(); below != 1 || above != 255 {
		t.Errorf("@length(min: 1, max: 255): byte bounds %d, %d; want 1, 255", below, above)
	}
	// A huge minimum still fits a 32-bit int.
	if below, _ := (&lengthCheck{min: math.MaxInt32, max: -1}).byteBounds(); below != math.MaxInt32 {
		t.Errorf("@length(min: MaxInt32): below = %d, want MaxInt32", below)
	}
}
