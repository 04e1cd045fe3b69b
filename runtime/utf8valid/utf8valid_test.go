package utf8valid

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestValid holds Valid's state machine to utf8.Valid over every
// sequence of up to three bytes and every four-byte one that starts as a
// four-byte character may.
func TestValid(t *testing.T) {
	b := make([]byte, 0, 4)
	for x := range 1 << 24 {
		b = append(b[:0], byte(x), byte(x>>8), byte(x>>16))
		for n := 3; n >= 1 && x < 1<<(8*n); n-- { // each sequence once
			if got, want := Valid(b[:n]), utf8.Valid(b[:n]); got != want {
				t.Fatalf("Valid(%q) = %v, want %v", b[:n], got, want)
			}
		}
		if x&0xF8 == 0xF0 {
			for _, c := range []byte{0x7F, 0x80, 0xBF, 0xC0} {
				b4 := append(b[:3], c)
				if got, want := Valid(b4), utf8.Valid(b4); got != want {
					t.Fatalf("Valid(%q) = %v, want %v", b4, got, want)
				}
			}
		}
	}
}

// FuzzValid holds Valid to utf8.Valid on longer input, where it
// reads eight bytes a round.
func FuzzValid(f *testing.F) {
	for _, s := range []string{"", "abcdefgh", "é😀東京abcdefghij", "abcdefg\xe6\x9d\xb1", "\xed\xa0\x80abcdefgh", "abcdefgh\xf4\x90\x80\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Valid([]byte(s)), utf8.ValidString(s); got != want {
			t.Fatalf("Valid(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestValidEnds holds Valid to utf8.Valid where ASCII words, which
// it passes over at either end without the state machine, meet a
// character that is cut short, overlong or misplaced: each sample at every
// offset among words of ASCII before and after it.
func TestValidEnds(t *testing.T) {
	samples := []string{
		"", "é", "東", "😀", "\xc3", "\xe6\x9d", "\xf0\x9f\x98", "\x80", "\xbf\xbf",
		"\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff", "é\xe6\x9d", "a\xc3a",
	}
	for _, m := range samples {
		for pre := range 20 {
			for post := range 20 {
				s := strings.Repeat("a", pre) + m + strings.Repeat("b", post)
				if got, want := Valid([]byte(s)), utf8.ValidString(s); got != want {
					t.Fatalf("Valid(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
}

// TestValidLong holds validLong (AVX2 where the processor has it)
// to utf8.Valid: every sequence of two bytes, and every three-byte one that
// starts with a lead byte, at offsets around the 32-byte blocks (within a
// block, across two, in the last bytes checked from a padded copy, at the
// very end) in text of ASCII and of two- and three-byte characters, so
// that the bytes before each sequence are of every kind too.
func TestValidLong(t *testing.T) {
	bases := []string{strings.Repeat("a", 100), strings.Repeat("é", 50), strings.Repeat("東", 34)[:100]}
	offsets := []int{0, 1, 15, 16, 30, 31, 32, 33, 62, 63, 64, 65, 94, 95, 96, 97, 98, 99}
	check := func(b []byte) {
		if got, want := validLong(b), utf8.Valid(b); got != want {
			t.Fatalf("validLong(%q) = %v, want %v", b, got, want)
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

// TestValidLongRandom holds validLong to utf8.Valid on random text
// of every length from minVectorText to 300: characters of one to four
// bytes, now and then broken (a byte changed, dropped or added).
func TestValidLongRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	chars := []string{"a", "~", "é", "ß", "東", "京", "😀", "\U0010FFFF", "\u0800", "\uFFFD", "\uD7FF", "\uE000", "\U00010000"}
	for range 20000 {
		var b []byte
		n := minVectorText + r.IntN(301-minVectorText)
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
		if got, want := validLong(b), utf8.Valid(b); got != want {
			t.Fatalf("validLong(%q) = %v, want %v", b, got, want)
		}
	}
}

// runOf is ValidRun as the slow and obvious code: the first '"', '\\' or
// control character, and utf8.Valid of what comes before it.
func runOf(p []byte) (int, bool) {
	n := 0
	for n < len(p) && p[n] != '"' && p[n] != '\\' && p[n] >= 0x20 {
		n++
	}
	return n, utf8.Valid(p[:n])
}

// randomRun is text of 0 to max bytes, broken as in TestValidLongRandom,
// with a stop (or none) anywhere: in a character, cutting it off, at a
// block's edge, in the last bytes.
func randomRun(r *rand.Rand, max int) []byte {
	chars := []string{"a", "~", "é", "ß", "東", "京", "😀", "\U0010FFFF", "\u0800", "\uFFFD", "\uE000"}
	stops := []byte{'"', '\\', 0, 0x1f, '\n'}
	var b []byte
	n := r.IntN(max + 1)
	for len(b) < n {
		b = append(b, chars[r.IntN(len(chars))]...)
	}
	b = b[:n]
	for range r.IntN(3) {
		if len(b) > 0 {
			b[r.IntN(len(b))] = byte(0x80 + r.IntN(0x80))
		}
	}
	for range r.IntN(3) {
		if len(b) > 0 {
			b[r.IntN(len(b))] = stops[r.IntN(len(stops))]
		}
	}
	return b
}

// TestValidRunRandom holds ValidRun to runOf on random text of 0 to 300
// bytes (randomRun).
func TestValidRunRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		b := randomRun(r, 300)
		gotN, gotOK := ValidRun(b)
		wantN, wantOK := runOf(b)
		if gotN != wantN || gotOK != wantOK {
			t.Fatalf("ValidRun(%q) = %d, %v; want %d, %v", b, gotN, gotOK, wantN, wantOK)
		}
	}
}

// TestCopyRunRandom holds CopyRun to runOf on random text (randomRun) and
// a destination of random room: over the whole blocks both hold, followed
// by a quote, it finds the same run, and it has copied the run.
func TestCopyRunRandom(t *testing.T) {
	if !AVX2 {
		t.Skip("CopyRun copies only where there is AVX2")
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		b := randomRun(r, 300)
		dst := make([]byte, r.IntN(300))
		for i := range dst {
			dst[i] = 0xff // not what any run copies, so that a byte left out shows
		}
		gotN, gotOK := CopyRun(b, dst)
		m := min(len(b), len(dst)) &^ 31
		if m == 0 {
			if gotN != 0 || gotOK {
				t.Fatalf("CopyRun(%q) into %d bytes = %d, %v; want 0, false", b, len(dst), gotN, gotOK)
			}
			continue
		}
		wantN, wantOK := runOf(append(b[:m:m], '"'))
		if gotN != wantN || gotOK != wantOK {
			t.Fatalf("CopyRun(%q) into %d bytes = %d, %v; want %d, %v", b, len(dst), gotN, gotOK, wantN, wantOK)
		}
		if string(dst[:gotN]) != string(b[:gotN]) {
			t.Fatalf("CopyRun(%q) copied %q", b[:gotN], dst[:gotN])
		}
	}
}

// FuzzValidRun holds ValidRun to runOf on any input.
func FuzzValidRun(f *testing.F) {
	f.Add([]byte(`東京"`))
	f.Add([]byte(strings.Repeat("é", 40) + `\n`))
	f.Fuzz(func(t *testing.T, b []byte) {
		gotN, gotOK := ValidRun(b)
		wantN, wantOK := runOf(b)
		if gotN != wantN || gotOK != wantOK {
			t.Fatalf("ValidRun(%q) = %d, %v; want %d, %v", b, gotN, gotOK, wantN, wantOK)
		}
	})
}

// BenchmarkValid checks text of one kind of character each, 4 KB of it:
// ASCII (passed over a word at a time), and characters of two, three and
// four bytes (the vector check where there is AVX2, else the state
// machine), and the same mixed.
func BenchmarkValid(b *testing.B) {
	for _, c := range []struct{ name, chars string }{
		{"ascii", "abcdefgh"}, {"2byte", "éßñü"}, {"3byte", "東京語"}, {"4byte", "😀🚀"}, {"mixed", "aé東😀 b"},
	} {
		text := []byte(strings.Repeat(c.chars, 4096/len(c.chars)))
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if !Valid(text) {
					b.Fatal("not valid")
				}
			}
		})
	}
}
