package jsonwire

import (
	"strings"
	"testing"

	"github.com/smithygo/smithygo/runtime/utf8valid"
)

// TestWideRunLong holds wideRunLong (AVX2 where the processor has it) to
// wideRunWords: a stop of each kind, or none, at every offset of text of
// 32 to 130 bytes read from offsets 0 to 3, with a byte from 0x80 on
// before the stop, after it, or nowhere, among bytes next to the stops in
// value.
func TestWideRunLong(t *testing.T) {
	fillers := []byte{' ', '!', '#', '[', ']', 0x7F, 'a'}
	stops := []byte{'"', '\\', 0x00, 0x01, 0x1F}
	for n := 32; n <= 130; n++ {
		for from := range 4 {
			for at := from; at <= n; at++ { // at == n: no stop
				for _, high := range []int{-1, from, at - 1, at + 1, n - 1} {
					s := make([]byte, n)
					for k := range s {
						s[k] = fillers[(k+at)%len(fillers)]
					}
					if at < n {
						s[at] = stops[at%len(stops)]
					}
					if high >= from && high < n && high != at {
						s[high] = 0x80 + byte(high)
					}
					if len(s)-from < 32 {
						continue
					}
					gotJ, gotW := wideRunLong(s, from)
					wantJ, wantW := wideRunWords(s, from)
					if gotJ != wantJ || gotW != wantW {
						t.Fatalf("wideRunLong(%q, %d) = %d, %v, want %d, %v", s, from, gotJ, gotW, wantJ, wantW)
					}
				}
			}
		}
	}
}

// TestShortRun checks shortRunAVX2, where it runs, against its
// definition: a stop of each kind or none at every offset of 32 bytes,
// with a byte from 0x80 on before it, after it or nowhere; the 32 bytes
// stored whole, and nothing past them. scanString's check that the 32
// bytes are there, in the input and in the block, is TestShortStrings's
// and TestShortStringsStayInTheBlock's.
func TestShortRun(t *testing.T) {
	if !utf8valid.AVX2 {
		t.Skip("no vector version on this machine")
	}
	stops := []byte{'"', '\\', 0x00, 0x1F}
	for at := 0; at <= 32; at++ {
		for _, high := range []int{-1, 0, at - 1, at + 1, 31} {
			s := []byte(strings.Repeat(" !#[]~a", 6))[:40]
			if at < 32 {
				s[at] = stops[at%len(stops)]
			}
			if high >= 0 && high < 32 && high != at {
				s[high] = 0xC3
			}
			a := make([]byte, 40)
			for k := range a {
				a[k] = 0xAA
			}
			n, wide := shortRunAVX2(&s[0], &a[4])
			wantWide := high >= 0 && high < at && high < 32
			if n != at || wide != wantWide {
				t.Fatalf("stop at %d, high at %d: shortRunAVX2 = %d, %v; want %d, %v", at, high, n, wide, at, wantWide)
			}
			if string(a[4:36]) != string(s[:32]) || a[3] != 0xAA || a[36] != 0xAA {
				t.Fatalf("stop at %d: stored %q", at, a)
			}
		}
	}
}
