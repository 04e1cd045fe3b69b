package jsonwire

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// stringEdgePieces are the parts of strings that String deals with apart
// from plain ASCII: escapes, characters of each UTF-8 length, invalid and
// truncated UTF-8, surrogate escapes, control characters and bad escapes.
var stringEdgePieces = []string{
	`\"`, `\\`, `\n`, `\/`, `\u00e9`, `\u2028`, `\ud83d\ude80`, `\ud83d`, `\ude80x`, `\ud83d\u0041`,
	"é", "東", "😀", "\xef\xbf\xbd", "\xff", "\xc3", "\xe6\x9d", "\xf0\x9f\x98", "\xed\xa0\x80", "\xe0\x80\x80",
	"\xf4\x90\x80\x80", "\xc0\xaf", "\x80", "\x01", `\x`, `\u12`, `\u12zz`, `\`,
}

// TestStringWordBoundaries puts each piece at every offset of the eight-byte
// words that unquote reads, between plain ASCII and non-ASCII text, with
// the input ending at every distance after it (and so, for the closing
// quote and for a string cut short, within a word of the end), and checks
// String and Enum (with the value among the enum's values, and without)
// against encoding/json: the same value, or an error where encoding/json
// has one.
func TestStringWordBoundaries(t *testing.T) {
	for _, piece := range stringEdgePieces {
		for _, filler := range []string{"a", "é"} {
			for pre := range 17 {
				for _, post := range []string{"", "b", "bcdefgh", "bcdefghijklmnop", "ü東"} {
					content := strings.Repeat(filler, pre) + piece + post
					for _, in := range []string{`"` + content + `"`, `"` + content, `"` + content + `"` + strings.Repeat(" ", pre%9)} {
						var want string
						wantErr := json.Unmarshal([]byte(in), &want)
						known := &Enum{Values: []string{"other", want}}
						unknown := &Enum{Values: []string{"other", want + "x"}}
						for name, f := range map[string]func(*Decoder) string{
							"String":       (*Decoder).String,
							"Enum known":   func(d *Decoder) string { return d.Enum(known) },
							"Enum unknown": func(d *Decoder) string { return d.Enum(unknown) },
						} {
							got, _, err := read(in, f)
							if (err == nil) != (wantErr == nil) || err == nil && got != want {
								t.Fatalf("%s(%q) = %q, %v; encoding/json %q, %v", name, in, got, err, want, wantErr)
							}
						}
					}
				}
			}
		}
	}
}

// TestStringEscapeRuns checks runs of escapes, one after the other with
// nothing between them (unquoteRun handles each without going back to a
// word read, and leaves lone surrogates and bad escapes to unquote), at every
// offset within a word and within a word of the end of the input, and a
// document of many such strings, so that the free end of the Decoder's
// current block of strings (or its scratch memory, for stringBytes) runs
// out at every point of an escape run. Each is checked against
// encoding/json.
func TestStringEscapeRuns(t *testing.T) {
	escapes := []string{`\n`, `\"`, `\\`, `\u00e9`, `\u2028`, `\u0041`, `\ud83d\ude80`, `\ud83d`, `\uDBFF\uDFFF`, `\u12zz`, `\q`, "\x01",
		// Surrogates, which unquoteRun pairs itself when a high one's
		// escape is followed by a low one's, and leaves to unquote
		// otherwise: the range's ends, a low one alone, two high ones.
		`\uD800\uDC00`, `\ude80`, `\ud83d\uDBFF`, `\ud83d\uE000`, `\uDC00\uD800`,
		// Where a character's UTF-8 length changes, and bad digits.
		`\u0000`, `\u007F`, `\u0080`, `\u07ff`, `\u0800`, `\uD7FF`, `\uE000`, `\uFFFF`, `\u0g00`, `\u00G0`, `\u000-`}
	var doc strings.Builder
	doc.WriteByte('[')
	for _, e1 := range escapes {
		for _, e2 := range escapes {
			for n := 1; n <= 5; n++ {
				run := strings.Repeat(e1+e2, n)
				for pre := range 10 {
					content := strings.Repeat("a", pre) + run
					for _, in := range []string{`"` + content + `"`, `"` + content, `"` + content + `"` + strings.Repeat(" ", pre)} {
						var want string
						wantErr := json.Unmarshal([]byte(in), &want)
						for name, f := range map[string]func(*Decoder) string{
							"String": (*Decoder).String,
							"stringBytes": func(d *Decoder) string {
								b, _ := d.stringBytes()
								return string(b)
							},
						} {
							got, _, err := read(in, f)
							if (err == nil) != (wantErr == nil) || err == nil && got != want {
								t.Fatalf("%s(%q) = %q, %v; encoding/json %q, %v", name, in, got, err, want, wantErr)
							}
						}
					}
					if json.Valid([]byte(`"` + content + `"`)) {
						if doc.Len() > 1 {
							doc.WriteByte(',')
						}
						doc.WriteString(`"` + content + `"`)
					}
				}
			}
		}
	}
	doc.WriteByte(']')
	var want []string
	if err := json.Unmarshal([]byte(doc.String()), &want); err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(*Decoder) string{
		"String": (*Decoder).String,
		"stringBytes": func(d *Decoder) string {
			b, _ := d.stringBytes()
			return string(b)
		},
	} {
		d := NewDecoderString(doc.String())
		var got []string
		if d.BeginArray() {
			for d.NextElem() {
				got = append(got, f(d))
			}
		}
		d.End()
		if err := d.Err(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d strings, want %d", name, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%s: string %d = %q, want %q", name, i, got[i], want[i])
			}
		}
	}
}

// TestStringVectorBlocks puts each piece at every offset of the 32-byte
// blocks that unquote reads with AVX2 (unquoteRunAVX2), after an escape
// that sends the string to unquote at once: 0 to 40 fillers of one, two or
// three bytes before it, so that escapes fall on each of a block's last
// bytes, where the block ends within them and the word loop takes them.
// The input ends at several distances after the string, so that the last
// blocks are the word loop's too. Each is checked against encoding/json.
func TestStringVectorBlocks(t *testing.T) {
	pieces := []string{`\n`, `\"`, `\\`, `\/`, `\t`, `\u0041`, `\u00e9`, `\u00E9`, `\u2028`, `\uFFFF`, `\u0000`, `\u007f`,
		`\u0080`, `\u07FF`, `\u0800`, `\uD7FF`, `\uE000`, `\ud83d\ude80`, `\ud83d`, `\ude80`, `\ud83d\u0041`, `\u12zz`, `\uZ123`,
		// Surrogate pairs, which unquoteRunAVX2 reads itself when both
		// escapes are within a block, and what is not one.
		`\uD800\uDC00`, `\uDBFF\uDFFF`, `\ud83d\ude80\ud83d\ude80`, `\ud83d\uDBFF`, `\ud83d\uE000`, `\ud83d\ude8z`,
		`\ud83d\n`, `\ud83dx`, `\uDC00\uD800`,
		`\u00`, `\q`, `\`, "\x01", "\x1f", "\x7f", "é", "😀", "\xff", "\xc3", "\xed\xa0\x80"}
	for _, piece := range pieces {
		for _, filler := range []string{"a", "é", "東"} {
			for pre := range 41 {
				for _, post := range []string{"", "b", strings.Repeat("c", 31), strings.Repeat("d", 40) + `\t`} {
					content := `\n` + strings.Repeat(filler, pre) + piece + post
					for _, in := range []string{`"` + content + `"`, `"` + content, `"` + content + `"` + strings.Repeat(" ", 33)} {
						var want string
						wantErr := json.Unmarshal([]byte(in), &want)
						got, _, err := read(in, (*Decoder).String)
						if (err == nil) != (wantErr == nil) || err == nil && got != want {
							t.Fatalf("String(%q) = %q, %v; encoding/json %q, %v", in, got, err, want, wantErr)
						}
					}
				}
			}
		}
	}
}

// TestEveryUnicodeEscape reads every \u escape, 0000 to FFFF in upper and
// lower case, at every offset within a word, each in a string with others
// of its kind around it, and compares each string with encoding/json's.
func TestEveryUnicodeEscape(t *testing.T) {
	var doc strings.Builder
	doc.WriteByte('[')
	for r := range 0x10000 {
		if r > 0 {
			doc.WriteByte(',')
		}
		format := `"%s\u%04x%s\n\u%04X"`
		fmt.Fprintf(&doc, format, strings.Repeat("a", r%8), r, strings.Repeat("b", r%5), (r*7919)&0xFFFF)
	}
	doc.WriteByte(']')
	var want []string
	if err := json.Unmarshal([]byte(doc.String()), &want); err != nil {
		t.Fatal(err)
	}
	d := NewDecoderString(doc.String())
	i := 0
	if d.BeginArray() {
		for d.NextElem() {
			if got := d.String(); i >= len(want) || got != want[i] {
				t.Fatalf("string %d = %q, want %q", i, got, want[min(i, len(want)-1)])
			}
			i++
		}
	}
	d.End()
	if err := d.Err(); err != nil || i != len(want) {
		t.Fatalf("%d strings read, %v", i, err)
	}
}

// TestUnquoteRunBounds runs unquoteRun, which reads and writes words (and
// with AVX2, blocks of 32 bytes) without bounds checks, on input and
// output that end exactly where its loops must stop (run it with -race,
// whose pointer checks see a word past either end), and checks what it
// copied. The byte after the input in memory would complete the escape it
// ends with ('n' after a backslash, a hex digit after \u and three), so
// that a read past its end shows in what is copied.
func TestUnquoteRunBounds(t *testing.T) {
	long := strings.Repeat("0123456789abcdefghijklmnopqrstuv", 2) // two of unquoteRunAVX2's blocks
	for _, text := range []string{"abcdefgh", `ab\ncdefghijklmnop`, `\u00e9\u2028xyzw12345678`, `a\"\\b\/c\td\u0041efghijklmnopqrstuv`, "ééééééééé", `abc"`, `abcdefg\ud83d`, `abcdefg\ud83d\ude80`, `\uD800\uDC00\uDBFF\uDFFFabcd`, `ab\ud83d\u0041cdefgh`, `abcdefg\`, `abcdef\u00e`, `abcdefg\ud83d\ude8`,
		long + `\n` + long, long[:30] + `\u2028` + long, long[:31] + `\n` + long, long[:27] + `\u00e9` + long, `\n\t\"\\\/\b\f\r\u0041\u00e9\u2028` + long, "é" + long + "東" + long,
		long[:31] + `\`, long[:29] + `\u0`, long[:27] + `\u004`, long[:26] + `\u004`} {
		for k := range 18 {
			s := []byte(text + strings.Repeat("z", k/2) + "na"[k%2:k%2+1])
			s = s[: len(s)-1 : len(s)-1]
			for room := 16; room <= 80; room++ {
				dst := make([]byte, room)
				i, n, _ := unquoteRun(s, dst, 0, 0, 0)
				if i < 0 || i > len(s) || n < 0 || n > len(dst) {
					t.Fatalf("unquoteRun(%q, room %d) = %d, %d", s, room, i, n)
				}
				// What it copied is the unescaped form of what it read.
				var want string
				if err := json.Unmarshal([]byte(`"`+string(s[:i])+`"`), &want); err != nil || string(dst[:n]) != want {
					t.Fatalf("unquoteRun(%q, room %d) copied %q for %q (%v)", s, room, dst[:n], s[:i], err)
				}
			}
		}
	}
	if i, n, _ := unquoteRun([]byte("abcdefghijklmnop"), make([]byte, 32), -1, 0, 0); i != -1 || n != 0 {
		t.Fatalf("unquoteRun from -1 = %d, %d", i, n)
	}
}

// TestShortStrings checks scanString, which keeps strings of up to
// thirty-one bytes of plain ASCII by storing two or four whole words at the
// free end of the Decoder's block of strings: arrays of strings of every
// length around those (and with what it must leave to wideRun, an escape
// or a non-ASCII character, at every third offset), read by String and by
// StringList, with the input ending at every distance after the last one,
// so that the block's free end and the end of the input fall at every
// point of the words. Every string must equal encoding/json's, and still
// equal it once the whole array is read: storing a word past a string's
// end must never change a string handed out before.
func TestShortStrings(t *testing.T) {
	var contents []string
	for n := range 41 {
		plain := strings.Repeat("x", n)
		contents = append(contents, plain)
		for _, odd := range []string{`\n`, "é", "\x7f", `\u0041`, `\\`, "😀", "\xff"} {
			for at := 0; at <= n; at += 3 {
				contents = append(contents, plain[:at]+odd+plain[at:])
			}
		}
	}
	for _, count := range []int{1, 2, 7, 40, 300} {
		for pad := range 34 {
			var in strings.Builder
			in.WriteByte('[')
			for k := range count {
				if k > 0 {
					in.WriteByte(',')
				}
				c := contents[(k*7+pad)%len(contents)]
				in.WriteString(`"` + c + `"`)
			}
			in.WriteString("]" + strings.Repeat(" ", pad))
			var want []string
			if err := json.Unmarshal([]byte(in.String()), &want); err != nil {
				t.Fatal(err)
			}
			// String, element by element, keeping each result.
			d := NewDecoderString(in.String())
			var got []string
			if d.BeginArray() {
				for d.NextElem() {
					got = append(got, d.String())
					if last := got[len(got)-1]; last != want[len(got)-1] {
						t.Fatalf("count %d pad %d: string %d = %q, want %q", count, pad, len(got)-1, last, want[len(got)-1])
					}
				}
			}
			d.End()
			if d.Err() != nil || !slices.Equal(got, want) {
				t.Fatalf("count %d pad %d: strings changed after they were read (%v)", count, pad, d.Err())
			}
			// StringList, the same.
			d = NewDecoderString(in.String())
			got = d.StringList()
			d.End()
			if d.Err() != nil || !slices.Equal(got, want) {
				t.Fatalf("count %d pad %d: StringList = %q, %v; want %q", count, pad, got, d.Err(), want)
			}
		}
	}
}

// TestEnumAgreesWithString reads arrays of values drawn from enum-like
// strings (of every length around the four to sixteen bytes the table
// hashes and the sixteen matches compares in words, some alike but for one
// byte, escaped, non-ASCII, invalid and unknown forms) with Enum and with
// String, which must agree, at every distance from the end of the input
// and written compactly and with space before each value; a value among
// the enum's values must come back as that very string, not a copy.
func TestEnumAgreesWithString(t *testing.T) {
	e := &Enum{Values: []string{`A`, `AB`, `ABC`, `ACTIVE`, `COMPUTE`, `ISOLATED`, `POWER_5_KVA`, `POWER_10_KVA`, `POWER_15_KVA`,
		`SINGLE_PHASE_XY`, `SINGLE_PHASE_XYZ`, `SINGLE_PHASE_XYZW`, `SINGLE_PHASE_XYZW_LONGER`, `SINGLE_PHASE_XYZW_LONGEST_OF_ALL_BY_FAR`,
		`é`, `AÉ_ÜÖ`, `a"b`, ``}}
	inputs := []string{`A`, `AB`, `ABC`, `ABCD`, `ACTIVE`, `ACTIV`, `COMPUTE`, `ISOLATED`, `POWER_5_KVA`, `POWER_10_KVA`, `POWER_15_KVA`, `POWER_20_KVA`,
		`SINGLE_PHASE_XY`, `SINGLE_PHASE_XYZ`, `SINGLE_PHASE_XYZW`, `SINGLE_PHASE_XYZW_LONGER`, `SINGLE_PHASE_XYZW_LONGES`,
		`SINGLE_PHASE_XYZW_LONGEST_OF_ALL_BY_FAR`, `SINGLE_PHASE_XYZW_LONGEST_OF_ALL_BY_FAX`, `A\u0042`, `POWER_5\u005fKVA`,
		`é`, `AÉ_ÜÖ`, "\xff", "x\xffy", `a\"b`, `a\"`, `ABC\"D`, ``}
	r := rand.New(rand.NewPCG(31, 32))
	for round := range 600 {
		var in strings.Builder
		in.WriteByte('[')
		n := 1 + r.IntN(40)
		for k := range n {
			if k > 0 {
				in.WriteByte(',')
			}
			if round%3 == 1 {
				in.WriteString("\n  ")
			}
			in.WriteString(`"` + inputs[r.IntN(len(inputs))] + `"`)
		}
		in.WriteString("]" + strings.Repeat(" ", round%30))
		read := func(f func(*Decoder) string) ([]string, error) {
			d := NewDecoderString(in.String())
			var got []string
			for d.BeginArray(); d.NextElem(); {
				got = append(got, f(d))
			}
			d.End()
			return got, d.Err()
		}
		enums, err1 := read(func(d *Decoder) string { return d.Enum(e) })
		strs, err2 := read((*Decoder).String)
		if err1 != nil || err2 != nil || !slices.Equal(enums, strs) {
			t.Fatalf("%s: Enum %q, %v; String %q, %v", in.String(), enums, err1, strs, err2)
		}
		for _, v := range enums {
			if i := slices.Index(e.Values, v); i >= 0 && v != "" && unsafe.StringData(v) != unsafe.StringData(e.Values[i]) {
				t.Fatalf("%s: %q is a copy, not the enum's value", in.String(), v)
			}
		}
	}
}

// TestShortStringsStayInTheBlock gives the Decoder a block of strings of
// every size from 0 to 40 bytes, cut from a longer buffer whose rest holds
// a sentinel, and reads strings of every length up to 40 into it:
// scanString stores whole words, and must store them only where the block
// has room for them all, never past its end.
func TestShortStringsStayInTheBlock(t *testing.T) {
	for size := range 41 {
		for n := range 41 {
			buf := make([]byte, 128)
			for k := range buf {
				buf[k] = 0xAA
			}
			d := NewDecoderString(`"` + strings.Repeat("y", n) + `"` + strings.Repeat(" ", 40))
			d.arena, d.used = buf[:size:size], 0
			if got := d.String(); got != strings.Repeat("y", n) {
				t.Fatalf("block of %d, string of %d: got %q", size, n, got)
			}
			for k := size; k < len(buf); k++ {
				if buf[k] != 0xAA {
					t.Fatalf("block of %d, string of %d: byte %d past the block's end was written", size, n, k)
				}
			}
		}
	}
}

// TestNextKeyStringFastPath reads objects whose names are of every length
// to 40, plain or with an escape, a non-ASCII character or invalid UTF-8
// in them, followed by ':' at once or after a space, with the input ending
// at every distance after the last one, and checks NextKeyString's names
// and the values after them against encoding/json, once each is read and
// again once the object is done (names are kept in the Decoder's blocks,
// whose free end NextKeyString's fast path stores whole words into).
func TestNextKeyStringFastPath(t *testing.T) {
	var names []string
	for n := range 41 {
		plain := strings.Repeat("k", n)
		names = append(names, plain)
		for _, odd := range []string{`\n`, "é", `\u0041`, "\xff"} {
			names = append(names, plain[:n/2]+odd+plain[n/2:])
		}
	}
	for _, space := range []string{"", " "} {
		for pad := range 34 {
			var in strings.Builder
			in.WriteByte('{')
			for k, name := range names {
				if k > 0 {
					in.WriteByte(',')
				}
				fmt.Fprintf(&in, `"%s"%s:%d`, name, space, k)
			}
			in.WriteString("}" + strings.Repeat(" ", pad))
			var want map[string]int
			if err := json.Unmarshal([]byte(in.String()), &want); err != nil {
				t.Fatal(err)
			}
			d := NewDecoderString(in.String())
			var got []string
			if d.BeginObject() {
				for {
					k, ok := d.NextKeyString()
					if !ok {
						break
					}
					if v := d.Int64(); want[k] != int(v) {
						t.Fatalf("space %q pad %d: name %q has value %d, encoding/json's %d", space, pad, k, v, want[k])
					}
					got = append(got, k)
				}
			}
			d.End()
			if err := d.Err(); err != nil || len(got) != len(names) {
				t.Fatalf("space %q pad %d: %d names, %v", space, pad, len(got), err)
			}
			for k, name := range got {
				if want[name] != k {
					t.Fatalf("space %q pad %d: name %d is %q once the object is read", space, pad, k, name)
				}
			}
		}
	}
}

// TestWideStringsFillBlocks reads a list of long strings of text in other
// scripts (String's wideString path): 400 of them, of 32 to 2,000 bytes,
// some with invalid UTF-8, an escape or a stop past their first 32 bytes,
// so that the Decoder's blocks fill and are replaced mid-list. Every
// string must be what encoding/json reads, once the whole list is read: a
// string kept where one handed out before it lies would show.
func TestWideStringsFillBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	chars := []string{"東", "京", "é", "Ж", "😀", "ß", "a"}
	extras := []string{"\xff", `\n`, `\u00e9`, "\xe6\x9d", `\"`}
	var in strings.Builder
	in.WriteByte('[')
	for i := range 400 {
		if i > 0 {
			in.WriteByte(',')
		}
		in.WriteByte('"')
		n := 32 + r.IntN(1969)
		var s strings.Builder
		for s.Len() < n {
			s.WriteString(chars[r.IntN(len(chars))])
			if r.IntN(300) == 0 && s.Len() > 40 {
				s.WriteString(extras[r.IntN(len(extras))])
			}
		}
		in.WriteString(s.String())
		in.WriteByte('"')
	}
	in.WriteByte(']')
	var want []string
	if err := json.Unmarshal([]byte(in.String()), &want); err != nil {
		t.Fatal(err)
	}
	got, err := readStrings([]byte(in.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d strings, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("string %d: %q, want %q", i, got[i], want[i])
		}
	}
}

// TestLongStringAtEnd reads a long string with escapes and text in other
// scripts as the last thing in the input, its end at every offset of the
// last words, so that unquote's word loop stops within a word of the end
// with a character cut off at every point, and the same with a byte of
// invalid UTF-8 early in the string, which makes unquote do it all again:
// each checked against encoding/json.
func TestLongStringAtEnd(t *testing.T) {
	var long strings.Builder
	for long.Len() < 3000 {
		long.WriteString(`東京 \"q\" é 😀 \u00e9 a\nb `)
	}
	for _, bad := range []string{"", "\xff"} {
		for _, last := range []string{"", "é", "東", "😀", `\u00e9`, "\xe6\x9d"} {
			for pad := range 17 {
				content := bad + long.String() + strings.Repeat("x", pad) + last
				for _, in := range []string{`"` + content + `"`, `{"k":"` + content + `"}`} {
					var want any
					if err := json.Unmarshal([]byte(in), &want); err != nil {
						t.Fatal(err)
					}
					d := NewDecoder([]byte(in))
					var got any
					if strings.HasPrefix(in, "{") {
						m := map[string]any{}
						if d.BeginObject() {
							for k, ok := d.NextKeyString(); ok; k, ok = d.NextKeyString() {
								m[k] = d.String()
							}
						}
						got = m
					} else {
						got = d.String()
					}
					d.End()
					if err := d.Err(); err != nil {
						t.Fatalf("bad %q, last %q, pad %d: %v", bad, last, pad, err)
					}
					if fmt.Sprint(got) != fmt.Sprint(want) {
						t.Fatalf("bad %q, last %q, pad %d: read differently from encoding/json", bad, last, pad)
					}
				}
			}
		}
	}
}

// TestLongEscapedStringsAllocateOnce reads strings with escapes longer
// than a block of strings, and checks that the memory allocated is about
// what they hold: each is unescaped into memory sized for it, not grown
// by doubling as it is read, which left garbage four times its length.
func TestLongEscapedStringsAllocateOnce(t *testing.T) {
	var one strings.Builder
	for one.Len() < 20000 {
		one.WriteString(`a \"quoted\" word, é and 東 `)
	}
	in := "[" + strings.Repeat(`"`+one.String()+`",`, 39) + `"` + one.String() + `"]`
	var want []string
	if err := json.Unmarshal([]byte(in), &want); err != nil {
		t.Fatal(err)
	}
	held := 0
	for _, s := range want {
		held += len(s)
	}
	data := []byte(in)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got, err := readStrings(data)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatal("read differently from encoding/json")
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(held)*5/4+16<<10 {
		t.Errorf("allocated %d bytes for %d bytes of strings", alloc, held)
	}
}

// readStrings reads a JSON array of strings with String, element by
// element, keeping each result: the strings read first must stay as they
// were while later ones fill the Decoder's blocks.
func readStrings(in []byte) ([]string, error) {
	d := NewDecoder(in)
	var got []string
	if d.BeginArray() {
		for d.NextElem() {
			got = append(got, d.String())
		}
	}
	d.End()
	return got, d.Err()
}

// TestClosingQuote checks closingQuote against a reading of the string an
// escape at a time, on random strings of quotes, runs of backslashes,
// escapes and text, from every offset at which an escape or a character
// begins, ended or not.
func TestClosingQuote(t *testing.T) {
	pieces := []string{`a`, `é`, `\"`, `\\`, `\\\"`, `\\\\`, `\u0022`, `\/`, `\n`, "\\\\\\\\\\\"", `x\`, `"`, `""`}
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		var starts []int // offsets at which an escape or a character begins
		for range r.IntN(12) {
			p := pieces[r.IntN(len(pieces))]
			starts = append(starts, b.Len())
			b.WriteString(p)
		}
		s := []byte(b.String())
		for _, i := range starts {
			// The reading, as unquote does: an escape is a backslash and
			// the byte after it.
			want := len(s)
			for j := i; j < len(s); j++ {
				if s[j] == '"' {
					want = j
					break
				}
				if s[j] == '\\' {
					j++
				}
			}
			if got := closingQuote(s, i); got != want {
				t.Fatalf("closingQuote(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}

// TestLongStringSpareRoom reads a long string whose escapes make it much
// shorter than the input writes it, then short strings: they are stored
// in the room its memory was left with, not in a block of their own.
// And when what it saves is little, the block that was current before it
// stays so: the short strings after it follow those before it.
func TestLongStringSpareRoom(t *testing.T) {
	short := make([]string, 40)
	for i := range short {
		short[i] = fmt.Sprintf(`"s%03d\n"`, i) // unescaped too, as the long one
	}
	list := func(long string) []byte {
		return []byte("[" + strings.Join(short[:20], ",") + `,"` + long + `",` + strings.Join(short[20:], ",") + "]")
	}
	// \u00e9 is six bytes in the input and two in the string.
	got, err := readStrings(list(strings.Repeat(`\u00e9`, 10000)))
	if err != nil {
		t.Fatal(err)
	}
	long := got[20]
	if long != strings.Repeat("é", 10000) {
		t.Fatalf("long string of %d bytes, want 20000 of é", len(long))
	}
	for i, s := range slices.Delete(slices.Clone(got), 20, 21) {
		if want := fmt.Sprintf("s%03d\n", i); s != want {
			t.Fatalf("short string %d: %q, want %q", i, s, want)
		}
	}
	end := uintptr(unsafe.Pointer(unsafe.StringData(long))) + uintptr(len(long))
	for i, s := range got[21:] {
		if at := uintptr(unsafe.Pointer(unsafe.StringData(s))); at < end || at+uintptr(len(s)) > end+40000 {
			t.Fatalf("short string %d after the long one is not in its spare room", i)
		}
	}

	// One escape in 5,000 bytes: the long string's memory has a few bytes
	// to spare, fewer than the block of short strings has free.
	got, err = readStrings(list(strings.Repeat("x", 2000) + `\"` + strings.Repeat("y", 3000)))
	if err != nil {
		t.Fatal(err)
	}
	if before, after := got[19], got[21]; unsafe.StringData(after) != (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(before)), len(before))) {
		t.Fatal("the short strings after a long one do not follow those before it in their block")
	}
}
