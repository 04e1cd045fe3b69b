package jsonwire

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestValidUTF8Long holds validUTF8Long (AVX2 where the processor has it)
// to utf8.Valid: every sequence of two bytes, and every three-byte one that
// starts with a lead byte, at offsets around the 32-byte blocks (within a
// block, across two, in the last bytes checked from a padded copy, at the
// very end) in text of ASCII and of two- and three-byte characters, so
// that the bytes before each sequence are of every kind too.
func TestValidUTF8Long(t *testing.T) {
	bases := []string{strings.Repeat("a", 100), strings.Repeat("é", 50), strings.Repeat("東", 34)[:100]}
	offsets := []int{0, 1, 15, 16, 30, 31, 32, 33, 62, 63, 64, 65, 94, 95, 96, 97, 98, 99}
	check := func(b []byte) {
		if got, want := validUTF8Long(b), utf8.Valid(b); got != want {
			t.Fatalf("validUTF8Long(%q) = %v, want %v", b, got, want)
		}
	}
	buf := make([]byte, 100)
	for _, base := range bases {
		for _, at := range offsets {
			for x := range 1 << 16 {
				copy(buf, base)
				buf[at] = byte(x)
				if at+1 < len(buf) {
					buf[at+1] = byte(x >> 8)
				}
				check(buf)
			}
		}
	}
	if testing.Short() {
		return
	}
	for _, base := range bases {
		for _, at := range []int{30, 31, 62, 97} {
			for x := range 1 << 24 {
				if byte(x) < 0xC0 {
					continue
				}
				copy(buf, base)
				buf[at], buf[at+1], buf[at+2] = byte(x), byte(x>>8), byte(x>>16)
				check(buf)
			}
		}
	}
}

// TestValidUTF8LongRandom holds validUTF8Long to utf8.Valid on random text
// of every length from 64 to 300: characters of one to four bytes, now and
// then broken (a byte changed, dropped or added).
func TestValidUTF8LongRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	chars := []string{"a", "~", "é", "ß", "東", "京", "😀", "\U0010FFFF", "\u0800", "\uFFFD", "\uD7FF", "\uE000", "\U00010000"}
	for range 20000 {
		var b []byte
		n := 64 + r.IntN(237)
		for len(b) < n {
			b = append(b, chars[r.IntN(len(chars))]...)
		}
		b = b[:n] // may cut a character
		for range r.IntN(3) {
			switch i := r.IntN(len(b)); r.IntN(3) {
			case 0:
				b[i] = byte(r.IntN(256))
			case 1:
				b = append(b[:i], b[i+1:]...)
			default:
				b = append(b[:i], append([]byte{byte(0x80 + r.IntN(0x80))}, b[i:]...)...)
			}
		}
		if got, want := validUTF8Long(b), utf8.Valid(b); got != want {
			t.Fatalf("validUTF8Long(%q) = %v, want %v", b, got, want)
		}
	}
}

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
	if !useAVX2 {
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
