package jsonwire

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/smithygo/smithygo/runtime/textfmt"
)

// FuzzDecoderSkip checks that the Decoder never panics and agrees with
// encoding/json: on validity (Skip), on the exact text (Raw) and on every
// value (a generic walk through the pull API).
func FuzzDecoderSkip(f *testing.F) {
	for _, s := range []string{
		``, ` `, `null`, `{}`, `[]`, `{"a":[1,2.5e3,-0,true,false,null,"x"]}`,
		`"\ud83d\ude00\ud83d"`, "\"\xff\"", `[1,]`, `{"a" 1}`, `01`, `1e`, `"\u12"`,
		`[[[[[[[[[[]]]]]]]]]]`, `{"a":{"b":{"c":[{"d":"e"}]}}}`, `1e400`, `"a"x`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAgainstEncodingJSON(t, data)
		// ValidJSON agrees with encoding/json on what is one JSON value,
		// but for the empty input, which is a nil document (null).
		if got, want := ValidJSON(data) == nil, len(data) == 0 || json.Valid(data); got != want {
			t.Errorf("ValidJSON(%q) = %v, encoding/json says valid = %v", data, ValidJSON(data), want)
		}
	})
}

// replaceInvalid is what decoding does to invalid UTF-8: each bad byte
// becomes U+FFFD (unlike strings.ToValidUTF8, which merges runs).
func replaceInvalid(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r) // ranging yields U+FFFD for each bad byte
	}
	return b.String()
}

// FuzzStringRoundTrip checks that any Go string survives the Encoder and
// the Decoder (with invalid UTF-8 replaced), that the encoding is what
// encoding/json reads as the same string, and that decoding arbitrary
// string literals agrees with encoding/json.
func FuzzStringRoundTrip(f *testing.F) {
	for _, s := range []string{"", "abc", `"\`, "\x00\x1f\n", "é😀", "\xff\xfe", "\xed\xa0\x80", `\ud83d`, "\u2028<>&",
		// Escapes among 32-byte blocks (unquoteRunAVX2's).
		`\n0123456789abcdefghijklmnopqrst\u00e9uvwxyz\"0123456789\ud83d\ude80abcdefghijklmnopqrstuvwxyz\\`,
		"\\tZürich 東京都 \\u2028 naïve café \\/ São Paulo 😀 line\\nbreak \\u0041\\u07FF\\u0800"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := replaceInvalid(s)
		e := NewEncoder(nil)
		e.String(s)
		out := e.Bytes()
		got, _, err := read(string(out), (*Decoder).String)
		if err != nil || got != want {
			t.Fatalf("round trip of %q via %s = %q, %v", s, out, got, err)
		}
		if !utf8.Valid(out) {
			t.Fatalf("encoding of %q is not valid UTF-8: %q", s, out)
		}
		var viaJSON string
		if err := json.Unmarshal(out, &viaJSON); err != nil || viaJSON != want {
			t.Fatalf("encoding/json reads %s as %q, %v", out, viaJSON, err)
		}

		// s as the inside of a string literal, escapes and all.
		lit := `"` + s + `"`
		var wantLit string
		wantErr := json.Unmarshal([]byte(lit), &wantLit)
		// Followed by more input too, which String reads with wider loads
		// than it can near the end.
		for _, in := range []string{lit, lit + "                "} {
			gotLit, _, err := read(in, (*Decoder).String)
			if (err == nil) != (wantErr == nil) || (err == nil && gotLit != wantLit) {
				t.Fatalf("String(%q) = %q, %v; encoding/json %q, %v", in, gotLit, err, wantLit, wantErr)
			}
		}
	})
}

// FuzzStringsFillBlocks reads a list whose first string, of plain ASCII,
// takes fill bytes of the Decoder's block of strings, followed by strings
// each made of the literal text lit repeated times over, which may hold
// escapes and invalid UTF-8: a string that outgrows the free end of the
// block moves to a new one, or to memory of its own (roomFor), at any point
// of an escape or character. Whatever list encoding/json reads (a quote in
// lit ends a string early), the Decoder must read alike, the strings read
// first still unchanged at the end.
func FuzzStringsFillBlocks(f *testing.F) {
	f.Add(uint16(900), `\"quoted\" \u00e9 東京 `, uint8(40))
	f.Add(uint16(0), `a\nb`, uint8(200))
	f.Add(uint16(1000), "é\\ud83d\\ude80\xff", uint8(90))
	f.Fuzz(func(t *testing.T, fill uint16, lit string, times uint8) {
		one := `"` + strings.Repeat(lit, int(times)) + `"`
		in := `["` + strings.Repeat("f", int(fill)%4000) + `",` + one + "," + one + "," + one + `]`
		var want []string
		if json.Unmarshal([]byte(in), &want) != nil {
			return
		}
		got, err := readStrings([]byte(in))
		if err != nil {
			t.Fatalf("%.200q: %v", in, err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%.200q read differently from encoding/json", in)
		}
	})
}

// FuzzQuoteRun holds quoteRun's word-at-a-time scan to its definition,
// byte by byte, from every offset.
func FuzzQuoteRun(f *testing.F) {
	for _, s := range []string{"", "abcdefghijklmnop", "abcdefg\"xyz", "0123456789abcdef\\", "\x1f2345678", "ab\xc3\xa9defghijk",
		"~~~~~~~~~~~~~~~~\x7f", "0123456789abcdef\xff\"", "\x80\x80\x80\x80\x80\x80\x80\x80\x80!!!!!!!\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := range len(s) + 1 {
			want := i
			for want < len(s) && s[want] != '"' && s[want] != '\\' && s[want] >= 0x20 {
				want++
			}
			if got := quoteRun([]byte(s), i); got != want {
				t.Fatalf("quoteRun(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	})
}

// FuzzTextRun holds textRun to its definition: the run it returns is valid
// UTF-8 without '"', '\\' or control characters, and the byte after it is
// one of those or the start of what utf8 calls invalid.
func FuzzTextRun(f *testing.F) {
	for _, s := range []string{"", "abc", "é😀東京", "a\"b", "abcdefgh\xe6\x9d\xb1\xe4\xba\xacijklmnop\x01", "0123456789abcdef\xff\"", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe0\x80\x80", "\xc3", "ab\xf0\x9f\x98", "\xc0\xaf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := range len(s) + 1 {
			j := textRun([]byte(s), i)
			run := s[i:j]
			if !utf8.ValidString(run) || strings.ContainsAny(run, "\"\\") || strings.ContainsFunc(run, func(r rune) bool { return r < 0x20 }) {
				t.Fatalf("textRun(%q, %d) = %d: run %q", s, i, j, run)
			}
			if j < len(s) {
				c := s[j]
				r, size := utf8.DecodeRuneInString(s[j:])
				if !(c == '"' || c == '\\' || c < 0x20 || (r == utf8.RuneError && size == 1)) {
					t.Fatalf("textRun(%q, %d) stopped at %d before %q", s, i, j, s[j:])
				}
			}
		}
	})
}

// FuzzEpochSeconds holds EpochSeconds' fast path for the common spellings
// to the general one (textfmt's reading of the whole number): the same
// instant, and an error exactly when the general reading has one.
func FuzzEpochSeconds(f *testing.F) {
	for _, s := range []string{"1576540098", "1515531081.123", " 0.5 ", "0", "01", "1.", "1.e3", "1.5e3", "-1.5",
		"123456789012345678", "1234567890123456789", "1.0000000001", "1.123456789", "1.1234567891", "1x", `"1"`, ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, _, err := read(s, (*Decoder).EpochSeconds)
		want, wantErr := textfmt.ParseEpochSeconds(strings.Trim(s, " \t\n\r"))
		if (err == nil) != (wantErr == nil) || err == nil && (!got.Equal(want) || got.Location() != time.UTC) {
			t.Fatalf("EpochSeconds(%q) = %v, %v; general path %v, %v", s, got, err, want, wantErr)
		}
	})
}

// FuzzEnum holds Enum to String, and NextKeyEnum to NextKeyString, on any
// input, with the enum's values the fuzzer's words: the same values or an
// error where String (NextKeyString) has one, and a value among the enum's
// values is the enum's own string, not a copy.
func FuzzEnum(f *testing.F) {
	f.Add("ACTIVE,RETIRED,AB", `"ACTIVE"`)
	f.Add("POWER_5_KVA,POWER_10_KVA,POWER_15_KVA", `"POWER_10_KVA"`)
	f.Add(`ABC,a"b,é`, `"ABC\"D"`)
	f.Fuzz(func(t *testing.T, values, lit string) {
		e := &Enum{Values: strings.Split(values, ",")}
		// Followed by more input too, which Enum's fast path needs.
		for _, in := range []string{lit, lit + strings.Repeat(" ", 24)} {
			got, _, err := read(in, func(d *Decoder) string { return d.Enum(e) })
			want, _, wantErr := read(in, (*Decoder).String)
			if (err == nil) != (wantErr == nil) || got != want {
				t.Fatalf("Enum(%q) = %q, %v; String %q, %v", in, got, err, want, wantErr)
			}
			if i := slices.Index(e.Values, got); err == nil && i >= 0 && got != "" && unsafe.StringData(got) != unsafe.StringData(e.Values[i]) {
				t.Fatalf("Enum(%q) = %q, a copy of the enum's value", in, got)
			}
		}
		// And as the keys of an object, with NextKeyEnum and NextKeyString.
		for _, in := range []string{"{" + lit + ":1," + lit + ":2}", "{" + lit + ": 1}" + strings.Repeat(" ", 24)} {
			keys := func(next func(d *Decoder) (string, bool)) ([]string, error) {
				d := NewDecoderString(in)
				var got []string
				for d.BeginObject(); ; d.Skip() {
					k, ok := next(d)
					if !ok {
						break
					}
					got = append(got, k)
				}
				d.End()
				return got, d.Err()
			}
			got, err := keys(func(d *Decoder) (string, bool) { return d.NextKeyEnum(e) })
			want, wantErr := keys((*Decoder).NextKeyString)
			if (err == nil) != (wantErr == nil) || !slices.Equal(got, want) {
				t.Fatalf("NextKeyEnum on %q = %q, %v; NextKeyString %q, %v", in, got, err, want, wantErr)
			}
			for _, k := range got {
				if i := slices.Index(e.Values, k); err == nil && i >= 0 && k != "" && unsafe.StringData(k) != unsafe.StringData(e.Values[i]) {
					t.Fatalf("NextKeyEnum on %q: %q is a copy of the enum's value", in, k)
				}
			}
		}
	})
}
