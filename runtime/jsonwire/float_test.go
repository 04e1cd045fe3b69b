package jsonwire

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/runtime/textfmt"
)

// checkFastFloat holds fastFloat to strconv.ParseFloat on in, for both
// sizes: where it takes a number it must read all of it (as ScanNumber
// does) and give exactly strconv's value. It reports whether fastFloat
// took the number for float64.
func checkFastFloat(t *testing.T, in string) bool {
	t.Helper()
	s := []byte(in)
	took := false
	for _, bits := range []int{64, 32} {
		f, end, ok := fastFloat(s, 0, bits)
		if !ok {
			continue
		}
		took = took || bits == 64
		if scanEnd, valid := textfmt.ScanNumber(s, 0); !valid || scanEnd != end {
			t.Fatalf("fastFloat(%q, %d) read %d bytes; ScanNumber: %d, %v", in, bits, end, scanEnd, valid)
		}
		want, err := strconv.ParseFloat(in[:end], bits)
		if err != nil || math.Float64bits(f) != math.Float64bits(want) {
			t.Fatalf("fastFloat(%q, %d) = %v (%#x); strconv: %v (%#x), %v", in, bits, f, math.Float64bits(f), want, math.Float64bits(want), err)
		}
	}
	return took
}

// TestFastFloat checks fastFloat against strconv on edge cases, on random
// digit strings of every length with the point anywhere, on the shortest
// and longer decimal forms of random float32 and float64 values, and on
// decimals next to and at the halfway points between float32 values,
// where rounding to float64 first and then to float32 can go wrong.
func TestFastFloat(t *testing.T) {
	for _, in := range []string{"0", "-0", "0.0", "-0.0", "1", "1.5", "-1.5", "9007199254740992", "9007199254740993",
		"900719925474099.3", "0.9007199254740993", "1.", "01", "-01", "1e5", "1E5", "1.5e3", "-", ".5", "0.5",
		"1234567890123456789", "12345678901234567890", "0.0000000000000000000001", "0.00000000000000000000001",
		"16777216", "16777217", "16777218", "3.4028235e38", "0.1", "0.2", "0.3", "18.363312", "65.75549",
		"1.00000005960464477539062", "1.0000000596046448", "1.0000000596046447", "1.0000000596046449", "1x", "1.5,", "7]"} {
		checkFastFloat(t, in)
	}
	r := rand.New(rand.NewPCG(5, 6))
	taken, total := 0, 0
	count := func(took bool) {
		total++
		if took {
			taken++
		}
	}
	for range 200000 {
		// Random digits, a random point, a random sign.
		n := 1 + r.IntN(21)
		var b strings.Builder
		if r.IntN(4) == 0 {
			b.WriteByte('-')
		}
		point := r.IntN(n + 1)
		for k := range n {
			if k == point && k > 0 {
				b.WriteByte('.')
			}
			c := byte('0' + r.IntN(10))
			if k == 0 && point != 1 && n > 1 {
				c = byte('1' + r.IntN(9))
			}
			b.WriteByte(c)
		}
		count(checkFastFloat(t, b.String()))
		// The decimal forms of random float32 and float64 values.
		f32 := math.Float32frombits(r.Uint32() & 0x7fffffff)
		if !math.IsInf(float64(f32), 0) && !math.IsNaN(float64(f32)) {
			count(checkFastFloat(t, strconv.FormatFloat(float64(f32), 'f', -1, 32)))
			count(checkFastFloat(t, strconv.FormatFloat(float64(f32), 'f', r.IntN(12), 64)))
		}
		f64 := r.NormFloat64() * math.Pow(10, float64(r.IntN(20)-10))
		count(checkFastFloat(t, strconv.FormatFloat(f64, 'f', -1, 64)))
		count(checkFastFloat(t, strconv.FormatFloat(f64, 'f', r.IntN(16), 64)))
		// Halfway between a float32 value and the next, which float64
		// holds exactly, and decimals of 15 to 19 digits around it.
		x := math.Float32frombits(0x3f800000 + r.Uint32()%0x0f000000) // 1 to about 2^30
		mid := (float64(x) + float64(math.Nextafter32(x, float32(math.Inf(1))))) / 2
		for prec := 15; prec <= 19; prec++ {
			count(checkFastFloat(t, strconv.FormatFloat(mid, 'g', prec, 64)))
			lo := strconv.FormatFloat(math.Nextafter(mid, 0), 'f', -1, 64)
			hi := strconv.FormatFloat(math.Nextafter(mid, math.Inf(1)), 'f', -1, 64)
			count(checkFastFloat(t, lo))
			count(checkFastFloat(t, hi))
		}
	}
	// The fast path must be the common one for what services write.
	if taken < total/3 {
		t.Errorf("fastFloat took %d of %d numbers", taken, total)
	}
}

// FuzzFastFloat holds fastFloat to strconv on any input.
func FuzzFastFloat(f *testing.F) {
	for _, s := range []string{"0", "-1.5", "18.363312", "1.0000000596046448", "9007199254740993", "1e5", "01", "1."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkFastFloat(t, s)
	})
}

// randomNumberText returns a JSON number (or a near miss) of the kinds the
// integer and timestamp fast paths take or must refuse: an optional sign,
// up to 24 integer digits (sometimes with a leading zero), an optional
// fraction of up to 12 digits (sometimes empty) and an optional exponent.
func randomNumberText(r *rand.Rand) string {
	var b strings.Builder
	if r.IntN(4) == 0 {
		b.WriteByte('-')
	}
	digits := func(n int) {
		for range n {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
	}
	if r.IntN(8) == 0 {
		b.WriteByte('0')
	}
	digits(1 + r.IntN(24))
	if r.IntN(3) == 0 {
		b.WriteByte('.')
		digits(r.IntN(13))
	}
	if r.IntN(8) == 0 {
		b.WriteString("e")
		digits(1 + r.IntN(2))
	}
	return b.String()
}

// TestNumberFastPathsAgree holds the fast paths of the integer reads and
// of EpochSeconds (plain digits, read by digitRun) to their general paths
// on random number texts, followed by the end of the input, a ',' or
// more digits: the same value, the same kind of error and the same bytes
// read. The general paths parse the whole number text with textfmt.
func TestNumberFastPathsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		text := randomNumberText(r)
		// The last two leave integer's fast path, which wants twenty bytes
		// from the number on, room to read.
		for _, in := range []string{text, text + ",", text + "]", text + `,"` + strings.Repeat("x", 24) + `"`, text + "\xff\xfa\xfa" + strings.Repeat("9", 20)} {
			for _, typ := range []intType{typeInt64, typeInt32, typeInt8} {
				fast, slow := NewDecoderString(in), NewDecoderString(in)
				got, want := fast.integer(typ), slow.integerSlow(typ)
				if got != want || errKind(fast.Err()) != errKind(slow.Err()) || fast.Err() == nil && fast.pos != slow.pos {
					t.Fatalf("integer(%s) of %q = %d, %v at %d; general path %d, %v at %d",
						intTypes[typ].name, in, got, fast.Err(), fast.pos, want, slow.Err(), slow.pos)
				}
			}
			d := NewDecoderString(in)
			got := d.EpochSeconds()
			end, valid := textfmt.ScanNumber([]byte(in), 0)
			if !valid {
				if d.Err() == nil {
					t.Fatalf("EpochSeconds(%q) = %v, want a syntax error", in, got)
				}
				continue
			}
			want, ok := textfmt.EpochFromNumber(in[:end])
			if ok != (d.Err() == nil) || ok && (!got.Equal(want) || d.pos != end) {
				t.Fatalf("EpochSeconds(%q) = %v, %v at %d; EpochFromNumber(%q) = %v, %v", in, got, d.Err(), d.pos, in[:end], want, ok)
			}
		}
	}
}

// TestDigitRun holds digitRun to a loop that tests each byte as the loops
// it replaced did (the end of the input, the bound, '0' <= c <= '9'), on
// random runs of digits of every length up to 25 followed by each kind of
// byte that is not a digit (and by the end of the input), at every bound n
// up to 25, after a few random bytes.
func TestDigitRun(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 3000 {
		var b []byte
		for range r.IntN(4) {
			b = append(b, byte(r.IntN(256)))
		}
		i := len(b)
		for range r.IntN(26) {
			b = append(b, byte('0'+r.IntN(10)))
		}
		if r.IntN(4) > 0 {
			b = append(b, []byte{'/', ':', '.', 'e', ',', 0, 0x80, 0xb0, 0xff, '0' - 1, '9' + 1}[r.IntN(11)])
		}
		for range r.IntN(10) {
			b = append(b, byte(r.IntN(256)))
		}
		for n := 1; n <= 25; n++ {
			var want uint64
			k := i
			for k < len(b) && k-i < n && '0' <= b[k] && b[k] <= '9' {
				want = want*10 + uint64(b[k]-'0')
				k++
			}
			if got, end := digitRun(b, i, n); got != want || end != k {
				t.Fatalf("digitRun(%q, %d, %d) = %d, %d; want %d, %d", b, i, n, got, end, want, k)
			}
		}
	}
}
