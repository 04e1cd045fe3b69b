package jsonwire

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// errKind names the type of err for table tests: "", "syntax", "type" or
// "other".
func errKind(err error) string {
	var se *SyntaxError
	var te *TypeError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &se):
		return "syntax"
	case errors.As(err, &te):
		return "type"
	}
	return "other"
}

// read decodes input as one value with f and End, returning the value, the
// kind of error and the error.
func read[T any](input string, f func(*Decoder) T) (T, string, error) {
	d := NewDecoder([]byte(input))
	v := f(d)
	d.End()
	return v, errKind(d.Err()), d.Err()
}

func TestString(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{`""`, "", ""},
		{`"abc"`, "abc", ""},
		{`  "abc"  `, "abc", ""},
		{`"<>&"`, "<>&", ""},
		{`"a\"b\\c\/d"`, `a"b\c/d`, ""},
		{`"\b\f\n\r\t"`, "\b\f\n\r\t", ""},
		{`"\u0041\u00e9\u20AC"`, "Aé€", ""},
		{`"\u0000"`, "\x00", ""},
		{`"\ud83d\ude00"`, "😀", ""},                    // surrogate pair
		{`"\uD83D\uDE00x"`, "😀x", ""},                  // upper-case hex
		{`"\ud83d"`, "\uFFFD", ""},                     // lone high surrogate
		{`"\ude00"`, "\uFFFD", ""},                     // lone low surrogate
		{`"\ud83dx"`, "\uFFFDx", ""},                   // high surrogate, no escape after
		{`"\ud83d\u0041"`, "\uFFFDA", ""},              // high surrogate, non-surrogate after
		{`"\ud83d\ud83d\ude00"`, "\uFFFD😀", ""},        // two highs, then a low
		{"\"héllo wörld 😀\"", "héllo wörld 😀", ""},     // raw UTF-8
		{"\"a\xffb\"", "a\uFFFDb", ""},                 // invalid UTF-8
		{"\"\xed\xa0\x80\"", "\uFFFD\uFFFD\uFFFD", ""}, // encoded surrogate: invalid UTF-8
		{"\"a\\n\xffb\"", "a\n\uFFFDb", ""},            // escape and invalid UTF-8
		{`"\x"`, "", "syntax"},                         // bad escape
		{`"\u12"`, "", "syntax"},                       // short \u
		{`"\u12g4"`, "", "syntax"},                     // bad hex
		{`"\ud83d\u12"`, "", "syntax"},                 // bad escape after a surrogate
		{"\"a\nb\"", "", "syntax"},                     // raw control character
		{"\"a\x1f\"", "", "syntax"},                    // raw control character
		{`"abc`, "", "syntax"},                         // unterminated
		{`"abc\`, "", "syntax"},                        // unterminated escape
		{`"ab\n`, "", "syntax"},                        // unterminated after escape
		{`"a" "b"`, "a", "syntax"},                     // trailing garbage
		{`"a"x`, "a", "syntax"},                        // trailing garbage
		{`123`, "", "type"},                            // wrong kind
		{`null`, "", "type"},                           // null is not a string
		{``, "", "type"},                               // empty input reads as null
		{`{}`, "", "type"},                             // wrong kind
		{`x`, "", "syntax"},                            // not a value
		{`'a'`, "", "syntax"},                          // not a value
	}
	for _, tt := range tests {
		got, kind, err := read(tt.in, (*Decoder).String)
		if got != tt.want || kind != tt.err {
			t.Errorf("String(%q) = %q, %v; want %q, %s error", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestStringAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	d := NewDecoder([]byte(`"plain","héllo"`))
	if n := testing.AllocsPerRun(100, func() { d.pos = 0; _ = d.String() }); n != 0 {
		t.Errorf("String without escapes allocates %v times, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { d.pos = 8; _ = d.String() }); n != 0 {
		t.Errorf("String with valid UTF-8 allocates %v times, want 0", n)
	}
	// Unescaped strings share blocks of the Decoder's: a 1 KB block holds
	// 256 of these three-byte strings, so 1,000 reads allocate a handful
	// of blocks, which AllocsPerRun's integer average rounds to 0.
	d = NewDecoder([]byte(`"a\nb"`))
	_ = d.String() // grow the scratch buffer and the first block
	if n := testing.AllocsPerRun(1000, func() { d.pos = 0; _ = d.String() }); n != 0 {
		t.Errorf("String with escapes allocates %v times, want 0 (shared blocks)", n)
	}
	// Strings read from a block stay as they were while it fills up.
	d = NewDecoder([]byte(`["a\u00e9","b\nc","\"d"]`))
	var got []string
	for d.BeginArray(); d.NextElem(); {
		got = append(got, d.String())
	}
	if d.End(); d.Err() != nil || strings.Join(got, "|") != "aé|b\nc|\"d" {
		t.Errorf("got %q, %v", got, d.Err())
	}
}

func TestBool(t *testing.T) {
	tests := []struct {
		in   string
		want bool
		err  string
	}{
		{`true`, true, ""},
		{`false`, false, ""},
		{` true `, true, ""},
		{`tru`, false, "syntax"},
		{`nul`, false, "syntax"},
		{`-x`, false, "syntax"},
		{`"abc`, false, "syntax"},
		{`"ab\qc"`, false, "syntax"},
		{`"true"`, false, "type"},
		{`1`, false, "type"},
		{`null`, false, "type"},
		{`truex`, true, "syntax"},
		{`True`, false, "syntax"},
	}
	for _, tt := range tests {
		got, kind, err := read(tt.in, (*Decoder).Bool)
		if got != tt.want || kind != tt.err {
			t.Errorf("Bool(%q) = %v, %v; want %v, %s error", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestIntegers(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{`0`, 0, ""},
		{`-0`, 0, ""},
		{`7`, 7, ""},
		{`-7`, -7, ""},
		{`123456789012345678`, 123456789012345678, ""},        // 18 digits: fast path
		{`1234567890123456789`, 1234567890123456789, ""},      // 19 digits: slow path
		{`9223372036854775807`, math.MaxInt64, ""},            // max
		{`-9223372036854775808`, math.MinInt64, ""},           // min
		{`9223372036854775808`, 0, "type"},                    // max+1
		{`-9223372036854775809`, 0, "type"},                   // min-1
		{`18446744073709551616`, 0, "type"},                   // 2^64
		{`123000000000000000000000`, 0, "type"},               // from the protocol tests
		{`-184467440737095500000`, 0, "type"},                 // from the protocol tests
		{`1e400`, 0, "type"},                                  // huge
		{`1e99999999999999999999999`, 0, "type"},              // huge exponent
		{`1.5`, 0, "type"},                                    // fraction
		{`1.001`, 0, "type"},                                  // fraction
		{`1e-1`, 0, "type"},                                   // fraction
		{`1e2`, 100, ""},                                      // integral in exponent form
		{`1E+2`, 100, ""},                                     // integral in exponent form
		{`100.000`, 100, ""},                                  // integral with zero fraction
		{`1.5e1`, 15, ""},                                     // integral with exponent
		{`1500e-2`, 15, ""},                                   // integral with negative exponent
		{`0.0`, 0, ""},                                        // zero
		{`0e99999999999`, 0, ""},                              // zero with huge exponent
		{`-0.0e-5`, 0, ""},                                    // negative zero
		{`92233720368547758.07e2`, math.MaxInt64, ""},         // max, spelled oddly
		{`-9.223372036854775808e18`, math.MinInt64, ""},       // min in exponent form
		{`1e-99999999999999999999`, 0, "type"},                // tiny
		{`"123"`, 0, "type"},                                  // string coercion
		{`true`, 0, "type"},                                   // boolean coercion
		{`null`, 0, "type"},                                   // null
		{`0x42`, 0, "syntax"},                                 // hex
		{`2ABC`, 2, "syntax"},                                 // trailing characters
		{`Infinity`, 0, "syntax"},                             // not JSON
		{`"Infinity"`, 0, "type"},                             // not for integers
		{`-`, 0, "syntax"},                                    // bad number
		{`01`, 0, "syntax"},                                   // leading zero
		{`1.`, 0, "syntax"},                                   // bad fraction
		{`1e`, 0, "syntax"},                                   // bad exponent
		{`+1`, 0, "syntax"},                                   // plus sign
		{`.5`, 0, "syntax"},                                   // no integer part
		{`-a`, 0, "syntax"},                                   // bad number
		{`123456789012345678901234567890`, 0, "type"},         // many digits
		{`0000`, 0, "syntax"},                                 // leading zeros
		{`12345678901234567890123456789e-11`, 0, "type"},      // too big
		{`1234567890123456789012345678900000e-15`, 0, "type"}, // 1.23e18 with a non-zero fraction? no: 1234567890123456789.0123456789 has fraction
	}
	// Each number is read alone and followed by space, which takes
	// integer's fast path where 20 bytes are left from the number's start.
	pads := []string{"", strings.Repeat(" ", 24)}
	for _, tt := range tests {
		for _, pad := range pads {
			got, kind, err := read(tt.in+pad, (*Decoder).Int64)
			if got != tt.want || kind != tt.err {
				t.Errorf("Int64(%q) = %v, %v; want %v, %s error", tt.in+pad, got, err, tt.want, tt.err)
			}
		}
	}

	ranges := []struct {
		in       string
		f        func(*Decoder) int64
		want     int64
		hasError bool
	}{
		{`127`, func(d *Decoder) int64 { return int64(d.Int8()) }, 127, false},
		{`128`, func(d *Decoder) int64 { return int64(d.Int8()) }, 0, true},
		{`-128`, func(d *Decoder) int64 { return int64(d.Int8()) }, -128, false},
		{`-129`, func(d *Decoder) int64 { return int64(d.Int8()) }, 0, true},
		{`256`, func(d *Decoder) int64 { return int64(d.Int8()) }, 0, true},
		{`32767`, func(d *Decoder) int64 { return int64(d.Int16()) }, 32767, false},
		{`32768`, func(d *Decoder) int64 { return int64(d.Int16()) }, 0, true},
		{`-32768`, func(d *Decoder) int64 { return int64(d.Int16()) }, -32768, false},
		{`-32769`, func(d *Decoder) int64 { return int64(d.Int16()) }, 0, true},
		{`2147483647`, func(d *Decoder) int64 { return int64(d.Int32()) }, math.MaxInt32, false},
		{`2147483648`, func(d *Decoder) int64 { return int64(d.Int32()) }, 0, true},
		{`-2147483648`, func(d *Decoder) int64 { return int64(d.Int32()) }, math.MinInt32, false},
		{`-2147483649`, func(d *Decoder) int64 { return int64(d.Int32()) }, 0, true},
		{`-9223372000000000000`, func(d *Decoder) int64 { return int64(d.Int32()) }, 0, true},
		{`2.147483648e9`, func(d *Decoder) int64 { return int64(d.Int32()) }, 0, true},
		{`2.147483647e9`, func(d *Decoder) int64 { return int64(d.Int32()) }, math.MaxInt32, false},
	}
	for _, tt := range ranges {
		for _, pad := range pads {
			got, kind, err := read(tt.in+pad, tt.f)
			if got != tt.want || (kind != "") != tt.hasError || (tt.hasError && kind != "type") {
				t.Errorf("%q = %v, %v; want %v, error %v", tt.in+pad, got, err, tt.want, tt.hasError)
			}
		}
	}
}

func TestFloats(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  string
	}{
		{`0`, 0, ""},
		{`1.5`, 1.5, ""},
		{`-1.5e3`, -1500, ""},
		{`1E-2`, 0.01, ""},
		{`5e-324`, 5e-324, ""},
		{`1e-400`, 0, ""}, // underflows to zero, as with encoding/json
		{`1.7976931348623157e308`, math.MaxFloat64, ""},
		{`1e309`, 0, "type"},
		{`-1e400`, 0, "type"},
		{`"NaN"`, math.NaN(), ""},
		{`"Infinity"`, math.Inf(1), ""},
		{`"-Infinity"`, math.Inf(-1), ""},
		{`"nan"`, 0, "type"},
		{`"1.5"`, 0, "type"},
		{`"infinity"`, 0, "type"},
		{`NaN`, 0, "syntax"},
		{`Infinity`, 0, "syntax"},
		{`-Infinity`, 0, "syntax"},
		{`true`, 0, "type"},
		{`2ABC`, 2, "syntax"},
		{`0x42`, 0, "syntax"},
		{`"\u004EaN"`, math.NaN(), ""}, // escaped, still NaN
	}
	same := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
	for _, tt := range tests {
		got, kind, err := read(tt.in, (*Decoder).Float64)
		if !same(got, tt.want) || kind != tt.err {
			t.Errorf("Float64(%q) = %v, %v; want %v, %s error", tt.in, got, err, tt.want, tt.err)
		}
	}
	f32 := []struct {
		in   string
		want float32
		err  string
	}{
		{`1.1`, 1.1, ""},
		{`3.4028234663852886e38`, math.MaxFloat32, ""},
		{`3.5e38`, 0, "type"},
		{`"Infinity"`, float32(math.Inf(1)), ""},
		{`1e-50`, 0, ""},
	}
	for _, tt := range f32 {
		got, kind, err := read(tt.in, (*Decoder).Float32)
		if got != tt.want || kind != tt.err {
			t.Errorf("Float32(%q) = %v, %v; want %v, %s error", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestBigNumbers(t *testing.T) {
	ints := []struct {
		in, want, err string
	}{
		{`0`, "0", ""},
		{`-12`, "-12", ""},
		{`123456789012345678901234567890`, "123456789012345678901234567890", ""},
		{`-123456789012345678901234567890`, "-123456789012345678901234567890", ""},
		{`1e30`, "1000000000000000000000000000000", ""},
		{`1.5e1`, "15", ""},
		{`18446744073709551615`, "18446744073709551615", ""},
		{`18446744073709551616`, "18446744073709551616", ""},
		{`1.5`, "", "type"},
		{`1e1000000`, "", "type"}, // too many digits to build
		{`"1"`, "", "type"},
	}
	for _, tt := range ints {
		got, kind, err := read(tt.in, (*Decoder).BigInt)
		s := ""
		if got != nil {
			s = got.String()
		}
		if s != tt.want || kind != tt.err {
			t.Errorf("BigInt(%q) = %s, %v; want %s, %s error", tt.in, s, err, tt.want, tt.err)
		}
	}
	floats := []struct {
		in, want, err string
	}{
		{`0`, "0", ""},
		{`0.1`, "0.1", ""},
		{`-1.25`, "-1.25", ""},
		{`123456789012345678901234567890.123456789`, "123456789012345678901234567890.123456789", ""},
		{`1e3`, "1000", ""},
		{`1.5e-5`, "0.000015", ""},
		{`3.14159265358979323846264338327950288419716939937510`, "3.1415926535897932384626433832795028841971693993751", ""},
		{`1e100`, "1e+100", ""},
		{`"1"`, "", "type"},
	}
	for _, tt := range floats {
		got, kind, err := read(tt.in, (*Decoder).BigFloat)
		s := ""
		if got != nil {
			e := NewEncoder(nil)
			e.BigFloat(got)
			s = string(e.Bytes())
		}
		if s != tt.want || kind != tt.err {
			t.Errorf("BigFloat(%q) = %s, %v; want %s, %s error", tt.in, s, err, tt.want, tt.err)
		}
	}
}

func TestBase64(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{`""`, "", ""},
		{`"YmxvYg=="`, "blob", ""},
		{`"YmxvYg"`, "blob", ""}, // padding left out
		{`"Zm9vYmFy"`, "foobar", ""},
		{`"Zm9vYg=="`, "foob", ""},
		{`"Zm9vYmE="`, "fooba", ""},
		{`"Zm9vYmE"`, "fooba", ""},
		{`"a\/8="`, "k\xff", ""},  // escaped slash
		{`"YmxvYg="`, "", "type"}, // partial padding
		{`"xyz"`, "", "type"},     // non-zero trailing bits
		{`"-_=="`, "", "type"},    // URL alphabet
		{`"blob!"`, "", "type"},
		{`"Y"`, "", "type"},
		{`[98, 108]`, "", "type"},
		{`981081198`, "", "type"},
		{`true`, "", "type"},
	}
	for _, tt := range tests {
		got, kind, err := read(tt.in, (*Decoder).Base64)
		if string(got) != tt.want || kind != tt.err {
			t.Errorf("Base64(%q) = %q, %v; want %q, %s error", tt.in, got, err, tt.want, tt.err)
		}
		if kind == "" && got == nil {
			t.Errorf("Base64(%q) = nil, want a non-nil slice", tt.in)
		}
	}
}

// TestBase64SharedBlocks decodes many blobs from one document, short ones
// into shared blocks and a long one on its own, and checks that each holds
// its own bytes and that writing to or appending to one leaves the others
// alone.
func TestBase64SharedBlocks(t *testing.T) {
	var want [][]byte
	var doc strings.Builder
	doc.WriteByte('[')
	for i := range 400 {
		size := i % 97
		if i == 200 {
			size = maxArena // longer than a block shares
		}
		b := make([]byte, size)
		for j := range b {
			b[j] = byte(i + j)
		}
		want = append(want, b)
		if i > 0 {
			doc.WriteByte(',')
		}
		doc.WriteString(strconv.Quote(base64.StdEncoding.EncodeToString(b)))
	}
	doc.WriteByte(']')
	d := NewDecoder([]byte(doc.String()))
	var got [][]byte
	if d.BeginArray() {
		for d.NextElem() {
			got = append(got, d.Base64())
		}
	}
	d.End()
	if err := d.Err(); err != nil || len(got) != len(want) {
		t.Fatalf("decoded %d blobs, %v; want %d", len(got), err, len(want))
	}
	for i := range got {
		if cap(got[i]) != len(got[i]) {
			t.Fatalf("blob %d: capacity %d beyond its %d bytes", i, cap(got[i]), len(got[i]))
		}
		got[i] = append(got[i], 0xEE) // a new array: the next blob is not touched
		for j := range got[i][:len(want[i])] {
			got[i][j] ^= 0xFF
		}
	}
	for i := range got {
		for j, c := range got[i][:len(want[i])] {
			if c != want[i][j]^0xFF {
				t.Fatalf("blob %d byte %d = %#x, want %#x: another blob wrote into it", i, j, c, want[i][j]^0xFF)
			}
		}
	}
}

func TestTimestamps(t *testing.T) {
	utc := func(sec int64, ns int64) time.Time { return time.Unix(sec, ns).UTC() }
	tests := []struct {
		name string
		f    func(*Decoder) time.Time
		in   string
		want time.Time
		err  string
	}{
		{"epoch", (*Decoder).EpochSeconds, `1576540098`, utc(1576540098, 0), ""},
		{"epoch", (*Decoder).EpochSeconds, `1515531081.123`, utc(1515531081, 123e6), ""},
		{"epoch", (*Decoder).EpochSeconds, `946845296.123`, utc(946845296, 123e6), ""},
		{"epoch", (*Decoder).EpochSeconds, `1515531081.1234`, utc(1515531081, 123.4e6), ""},
		{"epoch", (*Decoder).EpochSeconds, `1.515531081123E9`, utc(1515531081, 123e6), ""},
		{"epoch", (*Decoder).EpochSeconds, `1.5155310811239876543E9`, utc(1515531081, 123987654), ""},
		{"epoch", (*Decoder).EpochSeconds, `0.000000001`, utc(0, 1), ""},
		{"epoch", (*Decoder).EpochSeconds, `0.0000000001`, utc(0, 0), ""},
		{"epoch", (*Decoder).EpochSeconds, `-1.5`, utc(-2, 5e8), ""},
		{"epoch", (*Decoder).EpochSeconds, `-0.25`, utc(-1, 75e7), ""},
		{"epoch", (*Decoder).EpochSeconds, `1e30`, time.Time{}, "type"},
		{"epoch", (*Decoder).EpochSeconds, `"1515531081"`, time.Time{}, "type"},
		{"epoch", (*Decoder).EpochSeconds, `"NaN"`, time.Time{}, "type"},
		{"epoch", (*Decoder).EpochSeconds, `true`, time.Time{}, "type"},
		{"epoch", (*Decoder).EpochSeconds, `1515531081.123.456`, utc(1515531081, 123e6), "syntax"},
		{"epoch", (*Decoder).EpochSeconds, `1515531081ABC`, utc(1515531081, 0), "syntax"},

		{"date-time", (*Decoder).DateTime, `"2019-12-16T23:48:18Z"`, utc(1576540098, 0), ""},
		{"date-time", (*Decoder).DateTime, `"2000-01-02T20:34:56.123Z"`, utc(946845296, 123e6), ""},
		{"date-time", (*Decoder).DateTime, `"2000-01-02T20:34:56.1Z"`, utc(946845296, 1e8), ""},
		{"date-time", (*Decoder).DateTime, `"2000-01-02T20:34:56.123456789123Z"`, utc(946845296, 123456789), ""},
		{"date-time", (*Decoder).DateTime, `"2019-12-16T22:48:18-01:00"`, utc(1576540098, 0), ""},
		{"date-time", (*Decoder).DateTime, `"2019-12-17T00:48:18+01:00"`, utc(1576540098, 0), ""},
		{"date-time", (*Decoder).DateTime, `"2019-12-17T05:18:18.5+05:30"`, utc(1576540098, 5e8), ""},
		{"date-time", (*Decoder).DateTime, `"2019-12-16t23:48:18z"`, utc(1576540098, 0), ""},
		{"date-time", (*Decoder).DateTime, `"2020-02-29T00:00:00Z"`, time.Date(2020, 2, 29, 0, 0, 0, 0, time.UTC), ""},
		{"date-time", (*Decoder).DateTime, `"2019-02-29T00:00:00Z"`, time.Time{}, "type"},
		{"date-time", (*Decoder).DateTime, `"1996-12-19T16:39:57"`, time.Time{}, "type"},
		{"date-time", (*Decoder).DateTime, `"1996-12-19 16:39:57Z"`, time.Time{}, "type"},
		{"date-time", (*Decoder).DateTime, `"1996-12-19T16:39:57+00"`, time.Time{}, "type"},
		{"date-time", (*Decoder).DateTime, `"1996-12-19T16:39:57+00Z"`, time.Time{}, "type"},
		{"date-time", (*Decoder).DateTime, `"1996-12-19T16:39Z"`, time.Time{}, "type"},
		{"date-time", (*Decoder).DateTime, `"19961219T163957Z"`, time.Time{}, "type"},
		{"date-time", (*Decoder).DateTime, `"2011-12-03T10:15:30+01:00[Europe/Paris]"`, time.Time{}, "type"},
		{"date-time", (*Decoder).DateTime, `"2000-01-02T20:34:56.Z"`, time.Time{}, "type"},
		{"date-time", (*Decoder).DateTime, `"2000-01-02T20:34:60Z"`, time.Time{}, "type"},
		{"date-time", (*Decoder).DateTime, `"2000-01-02T24:00:00Z"`, time.Time{}, "type"},
		{"date-time", (*Decoder).DateTime, `"Tue, 29 Apr 2014 18:30:38 GMT"`, time.Time{}, "type"},
		{"date-time", (*Decoder).DateTime, `1576540098`, time.Time{}, "type"},

		{"http-date", (*Decoder).HTTPDate, `"Mon, 16 Dec 2019 23:48:18 GMT"`, utc(1576540098, 0), ""},
		{"http-date", (*Decoder).HTTPDate, `"Tue, 29 Apr 2014 18:30:38 GMT"`, time.Date(2014, 4, 29, 18, 30, 38, 0, time.UTC), ""},
		{"http-date", (*Decoder).HTTPDate, `"Sun, 02 Jan 2000 20:34:56.000 GMT"`, utc(946845296, 0), ""},
		{"http-date", (*Decoder).HTTPDate, `"Sun, 02 Jan 2000 20:34:56.123 GMT"`, utc(946845296, 123e6), ""},
		{"http-date", (*Decoder).HTTPDate, `"Sun, 02 Jan 2000 20:34:56 UTC"`, time.Time{}, "type"},
		{"http-date", (*Decoder).HTTPDate, `"2019-12-16T23:48:18Z"`, time.Time{}, "type"},
		{"http-date", (*Decoder).HTTPDate, `"Sun, 2 Jan 2000 20:34:56 GMT"`, time.Time{}, "type"},
		{"http-date", (*Decoder).HTTPDate, `"Sun, 31 Feb 2000 20:34:56 GMT"`, time.Time{}, "type"},
		{"http-date", (*Decoder).HTTPDate, `1576540098`, time.Time{}, "type"},
	}
	for _, tt := range tests {
		got, kind, err := read(tt.in, tt.f)
		if !got.Equal(tt.want) || kind != tt.err {
			t.Errorf("%s %s = %v, %v; want %v, %s error", tt.name, tt.in, got, err, tt.want, tt.err)
		}
		if got.Location() != time.UTC {
			t.Errorf("%s %s: location %v, want UTC", tt.name, tt.in, got.Location())
		}
	}
}

func TestNull(t *testing.T) {
	for _, in := range []string{"", " ", "\n\t\r ", "null", " null "} {
		d := NewDecoder([]byte(in))
		if d.Kind() != Null {
			t.Errorf("%q: Kind = %v, want null", in, d.Kind())
		}
		if !d.Null() {
			t.Errorf("%q: Null() = false", in)
		}
		d.End()
		if d.Err() != nil {
			t.Errorf("%q: %v", in, d.Err())
		}
		// Empty input where an object is expected: no members.
		d = NewDecoder([]byte(in))
		if d.BeginObject() {
			t.Errorf("%q: BeginObject() = true", in)
		}
		d.End()
		if d.Err() != nil {
			t.Errorf("%q: %v", in, d.Err())
		}
	}
	for _, in := range []string{`nul`, `"null"`, `0`, `{}`, `nullx`} {
		d := NewDecoder([]byte(in))
		if d.Null() && in != "nullx" {
			t.Errorf("%q: Null() = true", in)
		}
	}
	d := NewDecoder([]byte(`nullx`))
	d.Null()
	d.End()
	if errKind(d.Err()) != "syntax" {
		t.Errorf("nullx: %v, want a syntax error", d.Err())
	}
	d = NewDecoder([]byte(`[nul]`))
	d.BeginArray()
	d.NextElem()
	if d.BeginObject() || errKind(d.Err()) != "syntax" {
		t.Errorf("[nul]: %v, want a syntax error", d.Err())
	}
}

func TestKind(t *testing.T) {
	tests := map[string]Kind{
		`{}`: Object, `[]`: Array, `""`: String, `-1`: Number, `0`: Number, `9`: Number,
		`true`: Bool, `false`: Bool, `null`: Null, ``: Null, `x`: Invalid, `}`: Invalid,
	}
	for in, want := range tests {
		d := NewDecoder([]byte(in))
		if got := d.Kind(); got != want {
			t.Errorf("Kind(%q) = %v, want %v", in, got, want)
		}
		if d.Offset() != 0 && in != "" {
			t.Errorf("Kind(%q) consumed input", in)
		}
	}
	d := NewDecoder([]byte(`[1`))
	d.BeginArray()
	d.NextElem()
	d.Int64()
	if d.Kind() != Invalid {
		t.Errorf("Kind at end of input = %v", d.Kind())
	}
	d.Fail(errors.New("boom"))
	if d.Kind() != Invalid {
		t.Errorf("Kind after error = %v", d.Kind())
	}
	for k := Invalid; k <= Object; k++ {
		if k.String() == "" {
			t.Errorf("Kind(%d) has no name", k)
		}
	}
}

// record is a typed structure decoded the way generated code does it.
type record struct {
	Name   string
	Count  int32
	Ratio  float64
	Tags   []string
	Attrs  map[string]string
	Child  *record
	Seen   bool
	When   time.Time
	Opt    *string
	Blob   []byte
	Doc    []byte
	Others []record
}

func decodeRecord(d *Decoder) *record {
	if !d.BeginObject() {
		return nil
	}
	r := new(record)
	for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
		switch string(k) {
		case "name":
			r.Name = d.String()
		case "count":
			r.Count = d.Int32()
		case "ratio":
			r.Ratio = d.Float64()
		case "tags":
			if d.BeginArray() {
				r.Tags = []string{}
				for d.NextElem() {
					r.Tags = append(r.Tags, d.String())
				}
			}
		case "attrs":
			if d.BeginObject() {
				r.Attrs = map[string]string{}
				for k, ok := d.NextKeyString(); ok; k, ok = d.NextKeyString() {
					if d.Null() {
						continue
					}
					r.Attrs[k] = d.String()
				}
			}
		case "child":
			r.Child = decodeRecord(d)
		case "seen":
			r.Seen = d.Bool()
		case "when":
			r.When = d.EpochSeconds()
		case "opt":
			if !d.Null() {
				r.Opt = d.BoxString(d.String())
			}
		case "blob":
			r.Blob = d.Base64()
		case "doc":
			r.Doc = d.Raw()
		case "others":
			if d.BeginArray() {
				for d.NextElem() {
					if o := decodeRecord(d); o != nil {
						r.Others = append(r.Others, *o)
					}
				}
			}
		default:
			d.Skip()
		}
	}
	return r
}

func TestStructure(t *testing.T) {
	in := `{
		"name": "top", "count": 3, "ratio": 0.5,
		"unknown1": {"a": [1, 2, {"b": null}], "c": "\u00e9"},
		"tags": ["a", "b\n", ""],
		"attrs": {"k1": "v1", "k\u00e92": "v2", "skip": null},
		"unknown2": [[[]], {}, -1.5e3, true, false, null, "x"],
		"child": {"name": "kid", "child": null, "tags": []},
		"seen": true, "when": 1.5, "opt": "o", "blob": "YmxvYg==",
		"doc": {"x": [1, "y", {"z": null}]},
		"others": [{"name": "o1"}, null, {"name": "o2", "others": []}],
		"name": "last wins"
	}`
	d := NewDecoder([]byte(in))
	r := decodeRecord(d)
	d.End()
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	if r.Name != "last wins" || r.Count != 3 || r.Ratio != 0.5 || !r.Seen {
		t.Errorf("scalars: %+v", r)
	}
	if strings.Join(r.Tags, "|") != "a|b\n|" {
		t.Errorf("tags: %q", r.Tags)
	}
	if len(r.Attrs) != 2 || r.Attrs["k1"] != "v1" || r.Attrs["ké2"] != "v2" {
		t.Errorf("attrs: %q", r.Attrs)
	}
	if r.Child == nil || r.Child.Name != "kid" || r.Child.Child != nil || r.Child.Tags == nil || len(r.Child.Tags) != 0 {
		t.Errorf("child: %+v", r.Child)
	}
	if !r.When.Equal(time.Unix(1, 5e8)) || r.Opt == nil || *r.Opt != "o" || string(r.Blob) != "blob" {
		t.Errorf("when/opt/blob: %v %v %q", r.When, r.Opt, r.Blob)
	}
	if string(r.Doc) != `{"x": [1, "y", {"z": null}]}` {
		t.Errorf("doc: %s", r.Doc)
	}
	if len(r.Others) != 2 || r.Others[0].Name != "o1" || r.Others[1].Name != "o2" {
		t.Errorf("others: %+v", r.Others)
	}
	if d.depth != 0 {
		t.Errorf("depth after the document = %d", d.depth)
	}
}

func TestStructureErrors(t *testing.T) {
	tests := []struct {
		in     string
		kind   string
		offset int64
		msg    string
	}{
		{`{"name": 1}`, "type", 9, "expected string, found number"},
		{`{"count": "1"}`, "type", 10, "expected number, found string"},
		{`{"count": 1.5}`, "type", 10, "number 1.5 is not an integer"},
		{`{"count": 2147483648}`, "type", 10, "out of range for int32"},
		{`{"tags": {}}`, "type", 9, "expected array, found object"},
		{`{"child": []}`, "type", 10, "expected object, found array"},
		{`[]`, "type", 0, "expected object, found array"},
		{`{"name": "a",}`, "syntax", 13, "looking for beginning of object key string"},
		{`{"name": "a" "b": 1}`, "syntax", 13, "after object member value"},
		{`{"name" "a"}`, "syntax", 8, "after object key"},
		{`{"name": }`, "syntax", 9, "looking for beginning of value"},
		{`{,}`, "syntax", 1, "looking for beginning of object key string"},
		{`{"tags": [,]}`, "syntax", 10, "looking for beginning of value"},
		{`{"tags": ["a",]}`, "syntax", 14, "looking for beginning of value"},
		{`{"tags": ["a" "b"]}`, "syntax", 14, "after array element"},
		{`{"tags": ["a"}`, "syntax", 13, "after array element"},
		{`{"name": "a"`, "syntax", 12, "unexpected end of input"},
		{`{"name": "a"}}`, "syntax", 13, "after top-level value"},
		{`{"name": "a"} x`, "syntax", 14, "after top-level value"},
		{`{"unknown": [1, 2,]}`, "syntax", 18, "looking for beginning of value"},
		{`{"unknown": {"a" 1}}`, "syntax", 17, "after object key"},
		{`{"unknown": {"a": 1,}}`, "syntax", 20, "looking for beginning of object key string"},
		{`{"unknown": {"a": 1]}`, "syntax", 19, "after object member value"},
		{`{"unknown": [1}`, "syntax", 14, "after array element"},
		{`{"unknown": tru}`, "syntax", 12, "invalid literal"},
		{`{"unknown": "\q"}`, "syntax", 13, "invalid escape character"},
		{`{"unknown": 01}`, "syntax", 13, "after object member value"},
		{`{"unknown": -}`, "syntax", 13, "invalid number"},
		{`{"unknown": [`, "syntax", 13, "unexpected end of input"},
		{`{"unknown": {`, "syntax", 13, "unexpected end of input"},
		{`{"unknown": {"a"`, "syntax", 16, "unexpected end of input"},
		{`{"unknown": "abc`, "syntax", 16, "unexpected end of input in string"},
		{`{"k\x": 1}`, "syntax", 3, "invalid escape character"},
		{"{\"na\x01me\": 1}", "syntax", 4, "invalid control character"},
		{`{"doc": [1,]}`, "syntax", 11, "looking for beginning of value"},
		{`{"when": "2019-12-16T23:48:18Z"}`, "type", 9, "expected number (epoch-seconds timestamp), found string"},
		{`{"blob": "!!!!"}`, "type", 9, "invalid base64"},
	}
	for _, tt := range tests {
		d := NewDecoder([]byte(tt.in))
		decodeRecord(d)
		d.End()
		err := d.Err()
		var off int64 = -1
		var se *SyntaxError
		var te *TypeError
		if errors.As(err, &se) {
			off = se.Offset
		} else if errors.As(err, &te) {
			off = te.Offset
		}
		if errKind(err) != tt.kind || off != tt.offset || !strings.Contains(errString(err), tt.msg) {
			t.Errorf("%s: error %v (offset %d), want %s error at %d containing %q", tt.in, err, off, tt.kind, tt.offset, tt.msg)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestErrorFormat(t *testing.T) {
	d := NewDecoder([]byte(`{"name": 42}`))
	decodeRecord(d)
	if got, want := errString(d.Err()), "jsonwire: offset 9: expected string, found number"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	d = NewDecoder([]byte("\x01"))
	d.Skip()
	if got, want := errString(d.Err()), "jsonwire: offset 0: invalid character byte 0x1 looking for beginning of value"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func TestStickyError(t *testing.T) {
	d := NewDecoder([]byte(`{"a": "x", "b": [1, 2], "c": {"d": true}}`))
	if !d.BeginObject() {
		t.Fatal("BeginObject")
	}
	d.NextKey()
	d.Int64() // wrong: a string
	first := d.Err()
	if errKind(first) != "type" {
		t.Fatalf("err = %v", first)
	}
	// Every read now gives a zero value and consumes nothing.
	if k, ok := d.NextKey(); k != nil || ok {
		t.Error("NextKey after error")
	}
	if k, ok := d.NextKeyString(); k != "" || ok {
		t.Error("NextKeyString after error")
	}
	if d.NextElem() || d.BeginArray() || d.BeginObject() || d.Null() || d.Bool() || d.Kind() != Invalid {
		t.Error("structure after error")
	}
	if d.String() != "" || d.Int64() != 0 || d.Int32() != 0 || d.Int16() != 0 || d.Int8() != 0 ||
		d.Float64() != 0 || d.Float32() != 0 || d.BigInt() != nil || d.BigFloat() != nil ||
		d.Base64() != nil || d.Raw() != nil || !d.EpochSeconds().IsZero() || !d.DateTime().IsZero() ||
		!d.HTTPDate().IsZero() {
		t.Error("values after error")
	}
	d.Skip()
	d.End()
	d.Fail(errors.New("second"))
	if d.Err() != first {
		t.Errorf("err = %v, want the first error", d.Err())
	}
	d = NewDecoder([]byte(`1`))
	d.Fail(nil)
	if d.Err() != nil {
		t.Error("Fail(nil) recorded an error")
	}
	mine := errors.New("mine")
	d.Fail(mine)
	if d.Err() != mine {
		t.Errorf("err = %v", d.Err())
	}
}

func TestUnknownKeysSkipped(t *testing.T) {
	// Members the model does not know, of every kind, between known ones.
	in := `{"a": {"x": [1, {"y": [[], {}]}], "z": "\"}"}, "name": "n", "b": [[[[["deep"]]]]],` +
		` "c": "str\\\"ing", "d": -0.5e-3, "e": true, "f": false, "g": null, "count": 7}`
	d := NewDecoder([]byte(in))
	r := decodeRecord(d)
	d.End()
	if d.Err() != nil || r.Name != "n" || r.Count != 7 {
		t.Errorf("got %+v, %v", r, d.Err())
	}
}

func TestDepth(t *testing.T) {
	deep := func(n int, open, close string) string {
		return strings.Repeat(open, n) + strings.Repeat(close, n)
	}
	// Skip: iterative, so any depth up to MaxDepth is fine.
	for _, tt := range []struct {
		in string
		ok bool
	}{
		{deep(MaxDepth, "[", "]"), true},
		{deep(MaxDepth+1, "[", "]"), false},
		{deep(MaxDepth-1, `{"a":`, "}") + "", false}, // not valid: "{"a":" needs a value at the bottom
		{deep(MaxDepth, `[{"a":`, "}]"), false},
		{strings.Repeat(`{"a":`, MaxDepth-1) + "1" + strings.Repeat("}", MaxDepth-1), true},
		{strings.Repeat("[", 1_000_000), false},
	} {
		d := NewDecoder([]byte(tt.in))
		d.Skip()
		d.End()
		if (d.Err() == nil) != tt.ok {
			t.Errorf("Skip of %d bytes: %v, want ok=%v", len(tt.in), d.Err(), tt.ok)
		}
	}
	// The Begin methods count depth too.
	d := NewDecoder([]byte(deep(MaxDepth+1, "[", "]")))
	n := 0
	for d.BeginArray() {
		n++
		d.NextElem()
	}
	if n != MaxDepth || errKind(d.Err()) != "syntax" || !strings.Contains(d.Err().Error(), "max depth") {
		t.Errorf("entered %d arrays, err %v", n, d.Err())
	}
	// Skip counts the depth already entered.
	d = NewDecoder([]byte(`[[` + deep(MaxDepth-1, "[", "]") + `]]`))
	d.BeginArray()
	d.NextElem()
	d.Skip()
	if errKind(d.Err()) != "syntax" {
		t.Errorf("Skip below depth 1: err %v", d.Err())
	}
}

func TestRaw(t *testing.T) {
	for _, in := range []string{`{"a": [1, 2]}`, `[]`, `"s\"x"`, `-1.5e3`, `true`, `null`, `{ }`} {
		d := NewDecoder([]byte(`[ ` + in + ` , 1]`))
		d.BeginArray()
		d.NextElem()
		got := d.Raw()
		if string(got) != in {
			t.Errorf("Raw = %q, want %q", got, in)
		}
		if !d.NextElem() || d.Int64() != 1 || d.NextElem() || d.Err() != nil {
			t.Errorf("after Raw(%q): %v", in, d.Err())
		}
	}
	// Raw copies: the result does not alias the input.
	data := []byte(`{"a":1}`)
	d := NewDecoder(data)
	raw := d.Raw()
	raw[1] = 'Y'
	if string(data) != `{"a":1}` {
		t.Error("the input changed with Raw's result")
	}
	d = NewDecoder([]byte(`[1,]`))
	if d.Raw() != nil || errKind(d.Err()) != "syntax" {
		t.Errorf("Raw of invalid JSON: %v", d.Err())
	}
}

func TestNextKey(t *testing.T) {
	d := NewDecoder([]byte(`{"plain": 1, "esc\"aped\u00e9": 2, "": 3, "é": 4, "bad` + "\xff" + `": 5}`))
	d.BeginObject()
	var keys []string
	for k, ok := d.NextKey(); ok; k, ok = d.NextKey() {
		keys = append(keys, string(k))
		d.Skip()
	}
	want := []string{"plain", `esc"apedé`, "", "é", "bad\uFFFD"}
	if strings.Join(keys, "|") != strings.Join(want, "|") || d.Err() != nil {
		t.Errorf("keys %q, want %q (%v)", keys, want, d.Err())
	}
}

func TestBox(t *testing.T) {
	d := NewDecoder(nil)
	var ps []*string
	for i := range 2000 {
		ps = append(ps, d.BoxString(strings.Repeat("x", i%7)))
	}
	for i, p := range ps {
		if *p != strings.Repeat("x", i%7) {
			t.Fatalf("box %d = %q", i, *p)
		}
	}
	if *ps[0] = "changed"; *ps[1] != "x" {
		t.Fatal("boxes share memory")
	}
	if *d.BoxBool(true) != true || *d.BoxInt8(-8) != -8 || *d.BoxInt16(-16) != -16 || *d.BoxInt32(32) != 32 ||
		*d.BoxInt64(64) != 64 || *d.BoxFloat32(1.5) != 1.5 || *d.BoxFloat64(2.5) != 2.5 ||
		!d.BoxTime(time.Unix(5, 0)).Equal(time.Unix(5, 0)) {
		t.Error("boxed values differ")
	}
	if raceEnabled {
		return
	}
	if n := testing.AllocsPerRun(1000, func() { d.BoxString("s") }); n > 0.01 {
		t.Errorf("BoxString allocates %v times per call", n)
	}
}

// TestBoxBlocks checks the sizes the Box methods' blocks grow to: 512
// values, or maxBlockBytes for values so large that 512 of them are more
// (strings, times), since the last block of a page is on average half
// unused.
func TestBoxBlocks(t *testing.T) {
	d := NewDecoder(nil)
	for range 5000 {
		d.BoxString("s")
		d.BoxTime(time.Time{})
		d.BoxBool(true)
		d.BoxInt32(1)
	}
	for _, b := range []struct {
		name      string
		len, size int
		want      int
	}{
		{"strings", len(d.slabs.strings), 16, fitClass(maxBlockBytes/16, 16)},
		{"times", len(d.slabs.times), 24, fitClass(maxBlockBytes/24, 24)},
		{"bools", len(d.slabs.bools), 1, 512},
		{"int32s", len(d.slabs.int32s), 4, fitClass(512, 4)},
	} {
		if b.len != b.want || b.len*b.size > maxBlockBytes {
			t.Errorf("%s: a block of %d values (%d bytes), want %d", b.name, b.len, b.len*b.size, b.want)
		}
	}
}

func TestReadBody(t *testing.T) {
	data := strings.Repeat(`{"a": "b"}`, 5000)
	for _, hint := range []int64{-1, 0, 10, int64(len(data)), int64(len(data)) * 2, 1 << 40} {
		b, err := ReadBody(strings.NewReader(data), hint)
		if err != nil || string(b) != data {
			t.Errorf("hint %d: %d bytes, %v", hint, len(b), err)
		}
		ReleaseBody(b)
		// A reader without WriteTo, like an HTTP response body.
		b, err = ReadBody(struct{ io.Reader }{strings.NewReader(data)}, hint)
		if err != nil || string(b) != data {
			t.Errorf("hint %d, plain reader: %d bytes, %v", hint, len(b), err)
		}
		ReleaseBody(b)
	}
	if !raceEnabled {
		// A released buffer is reused: reading the same body again needs
		// no new buffer (the Pool's box for the slice is the one
		// allocation; the count allows for a garbage collection emptying
		// the Pool once).
		readers := make([]io.Reader, 21)
		for i := range readers {
			readers[i] = struct{ io.Reader }{strings.NewReader(data)}
		}
		n := testing.AllocsPerRun(20, func() {
			b, _ := ReadBody(readers[0], int64(len(data)))
			ReleaseBody(b)
			readers = readers[1:]
		})
		if n > 1.5 {
			t.Errorf("ReadBody and ReleaseBody allocate %v times per body", n)
		}
		// Bodies of varying size: a small body's buffer, released first,
		// does not keep the larger bodies after it from reusing theirs.
		runtime.GC()
		runtime.GC() // the Pool is empty after two
		small := strings.Repeat("x", 100)
		b, _ := ReadBody(strings.NewReader(small), int64(len(small)))
		ReleaseBody(b)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range 20 {
			b, _ := ReadBody(struct{ io.Reader }{strings.NewReader(data)}, int64(len(data)))
			ReleaseBody(b)
			b, _ = ReadBody(strings.NewReader(small), int64(len(small)))
			ReleaseBody(b)
		}
		runtime.ReadMemStats(&after)
		// Allowing for a garbage collection emptying the Pool twice.
		if got := after.TotalAlloc - before.TotalAlloc; got > 3*uint64(len(data)) {
			t.Errorf("20 small and 20 large bodies allocated %d bytes, more than %d large buffers", got, got/uint64(len(data)))
		}
	}
	boom := errors.New("boom")
	b, err := ReadBody(&failingReader{data: "abc", err: boom}, -1)
	if err != boom || string(b) != "abc" {
		t.Errorf("ReadBody with a failing reader = %q, %v", b, err)
	}
	d := NewDecoderString(`{"name": "x"}`)
	if r := decodeRecord(d); d.Err() != nil || r.Name != "x" {
		t.Errorf("NewDecoderString: %v", d.Err())
	}
}

type failingReader struct {
	data string
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestStringsOutliveTheInput(t *testing.T) {
	data := []byte(`["abc"]`)
	d := NewDecoder(data)
	d.BeginArray()
	d.NextElem()
	s := d.String()
	copy(data, "xxxxxxx")
	if s != "abc" {
		t.Errorf("String = %q after the caller reused its slice", s)
	}
}

func TestBigIntExactLarge(t *testing.T) {
	want, _ := new(big.Int).SetString("-12345678901234567890123456789000000", 10)
	got, _, err := read(`-1.2345678901234567890123456789e34`, (*Decoder).BigInt)
	if err != nil || got.Cmp(want) != 0 {
		t.Errorf("BigInt = %v, %v", got, err)
	}
}

func TestEnum(t *testing.T) {
	e := &Enum{Values: []string{"AVAILABLE", "RETIRED"}}
	d := NewDecoder([]byte(`["AVAILABLE","RETIRED","AVAILABLE","AVAIL\u0041BLE","NEW_VALUE","",null]`))
	var got []string
	for d.BeginArray(); d.NextElem(); {
		if d.Null() {
			got = append(got, "null")
			continue
		}
		got = append(got, d.Enum(e))
	}
	if d.End(); d.Err() != nil || strings.Join(got, "|") != "AVAILABLE|RETIRED|AVAILABLE|AVAILABLE|NEW_VALUE||null" {
		t.Fatalf("got %q, %v", got, d.Err())
	}
	for k, i := range []int{0, 1, 0, 0} {
		if unsafe.StringData(got[k]) != unsafe.StringData(e.Values[i]) {
			t.Errorf("value %d is a copy of %q, not the enum's own", k, got[k])
		}
	}
	// The escaped value was read into the block of strings and given back:
	// the unknown value after it took its place.
	if d.used != len("NEW_VALUE") {
		t.Errorf("the block of strings holds %d bytes, want %d (NEW_VALUE only)", d.used, len("NEW_VALUE"))
	}
	if _, _, err := read(`1`, func(d *Decoder) string { return d.Enum(e) }); errKind(err) != "type" {
		t.Errorf("Enum of a number: %v", err)
	}
}

// TestStringBlocks decodes strings of lengths around the sizes of the
// Decoder's string blocks, first thing and after others, so that a string
// longer than the block being started is kept whole.
func TestStringBlocks(t *testing.T) {
	for _, n := range []int{1, 1023, 1024, 1025, 2000, 4096, 4097, 16 << 10} {
		for _, before := range []int{0, 1, 1000} {
			want := []string{strings.Repeat("a", before), strings.Repeat("b", n), strings.Repeat("c", n)}
			var in strings.Builder
			in.WriteString(`["` + want[0] + `","` + want[1] + `","` + want[2] + `"]`)
			d := NewDecoderString(in.String())
			var got []string
			for d.BeginArray(); d.NextElem(); {
				got = append(got, d.String())
			}
			d.End()
			if d.Err() != nil || len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
				t.Errorf("n=%d before=%d: lengths %d, %v", n, before, len(got), d.Err())
				for i := range got {
					t.Errorf("  got[%d] has %d bytes, want %d", i, len(got[i]), len(want[i]))
				}
			}
		}
	}
}

// TestBeginLimits checks BeginArray and BeginObject, whose fast path takes
// '[' or '{' right at the offset: nesting stops at MaxDepth with a
// SyntaxError, compact or not, and after an error neither begins anything
// or moves.
func TestBeginLimits(t *testing.T) {
	for _, sp := range []string{"", " "} {
		in := strings.Repeat(sp+"[", MaxDepth+1)
		d := NewDecoderString(in)
		for k := range MaxDepth {
			if !d.BeginArray() {
				t.Fatalf("%q: BeginArray %d failed: %v", sp, k, d.Err())
			}
		}
		if d.BeginArray() || errKind(d.Err()) != "syntax" {
			t.Fatalf("%q: BeginArray past MaxDepth: %v", sp, d.Err())
		}
		in = strings.Repeat(sp+`{"a":`, MaxDepth+1)
		d = NewDecoderString(in)
		for k := range MaxDepth {
			if !d.BeginObject() {
				t.Fatalf("%q: BeginObject %d failed: %v", sp, k, d.Err())
			}
			if key, ok := d.NextKey(); !ok || string(key) != "a" {
				t.Fatalf("%q: NextKey %d = %q, %v", sp, k, key, d.Err())
			}
		}
		if d.BeginObject() || errKind(d.Err()) != "syntax" {
			t.Fatalf("%q: BeginObject past MaxDepth: %v", sp, d.Err())
		}
	}
	for _, begin := range []func(*Decoder) bool{(*Decoder).BeginArray, (*Decoder).BeginObject} {
		d := NewDecoderString(`[{}]`)
		d.Fail(io.ErrUnexpectedEOF)
		d2 := NewDecoderString(`{}`)
		d2.Fail(io.ErrUnexpectedEOF)
		if begin(d) || begin(d2) || d.Offset() != 0 || d2.Offset() != 0 {
			t.Fatalf("began after an error")
		}
	}
}

// TestNextKeyEnum reads objects whose keys are values of an enum, compact,
// indented, spaced as Python writes JSON, empty and with escaped, unknown
// and repeated keys, at every distance from the end of the input, with
// NextKeyEnum and with NextKeyString: the same keys and values, and every
// known key the enum's own string.
func TestNextKeyEnum(t *testing.T) {
	e := &Enum{Values: []string{"PREPARING", "BUILDING", "SHIPPED", "DELIVERED", "ERROR", "CANCELLED", "OK", "REPLACED"}}
	docs := []string{
		`{"PREPARING":1,"SHIPPED":2,"OK":3,"NEW_STATUS":4,"CANCELLED":5}`,
		"{\n  \"BUILDING\": 1,\n  \"REPLACED\": 2\n}",
		`{"ERROR": 1, "DELIVERED": 2, "SHIPPED": 3}`,
		`{}`, `{ }`, `{"SHIP\u0050ED":1,"ERROR":2}`, `{"ERROR":1,"ERROR":2}`, `{"SHIPPED" :1}`, `{"SHIPPEDX":1}`,
	}
	for _, doc := range docs {
		for pad := range 30 {
			in := doc + strings.Repeat(" ", pad)
			read := func(next func(d *Decoder) (string, bool)) (keys []string, vals []int64, used int, err error) {
				d := NewDecoderString(in)
				if !d.BeginObject() {
					return nil, nil, 0, d.Err()
				}
				for {
					k, ok := next(d)
					if !ok {
						break
					}
					keys = append(keys, k)
					vals = append(vals, d.Int64())
				}
				d.End()
				return keys, vals, d.used, d.Err()
			}
			keys, vals, used, err := read(func(d *Decoder) (string, bool) { return d.NextKeyEnum(e) })
			wantKeys, wantVals, _, wantErr := read((*Decoder).NextKeyString)
			if err != nil || wantErr != nil || !slices.Equal(keys, wantKeys) || !slices.Equal(vals, wantVals) {
				t.Fatalf("%q: NextKeyEnum %q %v, %v; NextKeyString %q %v, %v", in, keys, vals, err, wantKeys, wantVals, wantErr)
			}
			unknown := 0
			for _, k := range keys {
				if i := slices.Index(e.Values, k); i < 0 {
					unknown += len(k)
				} else if unsafe.StringData(k) != unsafe.StringData(e.Values[i]) {
					t.Fatalf("%q: key %q is a copy, not the enum's value", in, k)
				}
			}
			if used != unknown {
				t.Errorf("%q: the block of strings holds %d bytes, want %d (the unknown keys)", in, used, unknown)
			}
		}
	}
}

// TestStringBlockAfterTheRestFilled starts a block of strings where the
// one sized for the rest of the input (forRest) filled before the input's
// end, as it does when the last strings are longer than those before: the
// new block is again sized for what the rest holds, not twice the last
// (which left up to 8 KB unused at the end of a page).
func TestStringBlockAfterTheRestFilled(t *testing.T) {
	for _, tt := range []struct{ last, left int }{{3000, 1000}, {6000, 1000}, {3000, 200}, {12000, 9000}} {
		d := NewDecoderString(strings.Repeat("1", 100_000)) // never read: only its length counts
		d.pos = len(d.s) - tt.left
		d.kept = 40_000
		d.arena, d.used = make([]byte, tt.last), tt.last
		rest := d.forRest(d.kept + d.used)
		d.newArena(0)
		// The runtime rounds the block up to its size class, by at most an
		// eighth (or 16 bytes, for the small classes).
		if want := min(maxArena, max(rest, minUnquoteRoom)); len(d.arena) < want || len(d.arena) > want+want/8+16 || d.used != 0 {
			t.Errorf("after a full block of %d with %d bytes of input left: a block of %d (used %d), want %d and its size class's rounding",
				tt.last, tt.left, len(d.arena), d.used, want)
		}
		if d.kept != 40_000+tt.last {
			t.Errorf("kept %d, want %d", d.kept, 40_000+tt.last)
		}
	}
}

// TestLastStringBlockFitsTheRest decodes a page of strings past the
// doubling of the string blocks: the last block is sized for the strings
// the rest of the input holds at the rate the page so far did, so little
// of it is left unused (blocks of maxArena alone left 8 KB on average).
func TestLastStringBlockFitsTheRest(t *testing.T) {
	for _, n := range []int{1500, 3000, 5000} {
		var in strings.Builder
		in.WriteByte('[')
		for k := range n {
			if k > 0 {
				in.WriteByte(',')
			}
			fmt.Fprintf(&in, `"item-%024d"`, k)
		}
		in.WriteByte(']')
		d := NewDecoderString(in.String())
		total := 0
		for d.BeginArray(); d.NextElem(); {
			total += len(d.String())
		}
		if d.End(); d.Err() != nil {
			t.Fatal(d.Err())
		}
		if d.kept+d.used != total {
			t.Fatalf("%d strings: the blocks hold %d bytes, want %d", n, d.kept+d.used, total)
		}
		if unused := len(d.arena) - d.used; unused > 2<<10 {
			t.Errorf("%d strings (%d bytes): the last block of %d bytes has %d unused", n, total, len(d.arena), unused)
		}
	}
}

// TestValidJSON: ValidJSON accepts what the Decoder reads and refuses,
// with the Decoder's error, what it refuses; a valid value costs no
// allocation.
func TestValidJSON(t *testing.T) {
	for _, ok := range []string{``, `null`, ` 1 `, `{"a":[1,true,null,{"b":"\u00e9"}],"c":-1.5e3}`, `"x"`, `[]`, "\n{}\n"} {
		if err := ValidJSON([]byte(ok)); err != nil {
			t.Errorf("ValidJSON(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{` `, `{`, `{"a":}`, `[1,]`, `tru`, `01`, `"\x01"`, `{} {}`, `"a" x`, `{"a" 1}`} {
		err := ValidJSON([]byte(bad))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("ValidJSON(%q) = %v, want a *SyntaxError", bad, err)
		}
	}
	doc := []byte(`{"a":[1,{"b":[true,{"c":null}]}],"d":"text"}`)
	if n := testing.AllocsPerRun(100, func() { _ = ValidJSON(doc) }); n != 0 {
		t.Errorf("ValidJSON of a valid document allocates %v times", n)
	}
}
