package jsonwire

import (
	"bytes"
	"encoding/base64"
	"math/rand/v2"
	"testing"
)

// base64Want is what Base64 must give for the string content text: what
// encoding/base64 alone gives, choosing the padded or unpadded encoding by
// the length as Base64 does, and whether it is an error.
func base64Want(text []byte) ([]byte, bool) {
	enc := base64Std
	if len(text)%4 != 0 {
		enc = base64Raw
	}
	out := make([]byte, enc.DecodedLen(len(text)))
	n, err := enc.Decode(out, text)
	return out[:n], err == nil
}

// checkBase64 holds Decoder.Base64 to encoding/base64 on the string whose
// content is text, read alone (the general path: the Decoder has no block
// of blobs yet) and after another blob (the fast path, which decodes into
// the block that one started).
func checkBase64(t *testing.T, text []byte) {
	t.Helper()
	want, ok := base64Want(text)
	alone := NewDecoder(jsonString(text))
	got := alone.Base64()
	if ok != (alone.Err() == nil) || ok && !bytes.Equal(got, want) {
		t.Fatalf("Base64 of %q = %x, %v; encoding/base64: %x, ok %v", text, got, alone.Err(), want, ok)
	}
	d := NewDecoder(append(append([]byte(`["AAAA",`), jsonString(text)...), ']'))
	d.BeginArray()
	d.NextElem()
	if first := d.Base64(); !bytes.Equal(first, []byte{0, 0, 0}) {
		t.Fatalf("Base64 of AAAA = %x, %v", first, d.Err())
	}
	d.NextElem()
	got = d.Base64()
	if ok != (d.Err() == nil) || ok && !bytes.Equal(got, want) {
		t.Fatalf("Base64 of %q after another = %x, %v; encoding/base64: %x, ok %v", text, got, d.Err(), want, ok)
	}
	if ok && (got == nil || cap(got) != len(got)) {
		t.Fatalf("Base64 of %q after another: len %d, cap %d, nil %v", text, len(got), cap(got), got == nil)
	}
	if ok && (d.NextElem() || d.Err() != nil) {
		t.Fatalf("Base64 of %q after another did not end at the string's end: %v", text, d.Err())
	}
}

// jsonString writes text as a JSON string, escaping only what JSON
// requires, so that every other byte reaches Base64 as it is (bytes that
// are not UTF-8 become U+FFFD, which base64 refuses as it does them).
func jsonString(text []byte) []byte {
	out := []byte{'"'}
	for _, c := range text {
		switch {
		case c == '"' || c == '\\':
			out = append(out, '\\', c)
		case c < 0x20:
			out = append(out, `\u00`...)
			out = append(out, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			out = append(out, c)
		}
	}
	return append(out, '"')
}

// mutations are the ways TestBase64Agrees spoils an encoding, each at a
// random offset: the bytes encoding/base64 treats specially (newlines,
// padding), ones outside the alphabet, and alphabet characters, which
// before the padding leave bits set past the last byte.
var mutations = []string{"\n", "\r\n", "=", "==", "!", "-", "_", " ", "\x00", "\xff", "é", "B", "+", "/"}

// TestBase64Agrees decodes random blobs of every length up to 100 bytes and
// some long ones, padded and not, as written and spoiled by a mutation or
// cut short, and checks each against encoding/base64: the fast path that
// takes whole groups of four must give the same bytes and the same
// verdict as the decoder it hands the rest to.
func TestBase64Agrees(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := range 400 {
		size := n % 101
		if n >= 300 {
			size = 100 + r.IntN(5000)
		}
		blob := make([]byte, size)
		for i := range blob {
			blob[i] = byte(r.Uint32())
		}
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
			text := []byte(enc.EncodeToString(blob))
			checkBase64(t, text)
			for range 8 {
				at := r.IntN(len(text) + 1)
				m := mutations[r.IntN(len(mutations))]
				spoiled := append(append(append([]byte(nil), text[:at]...), m...), text[at:]...)
				checkBase64(t, spoiled)
				checkBase64(t, text[:at])
				if at < len(text) {
					replaced := bytes.Clone(text)
					replaced[at] = m[0]
					checkBase64(t, replaced)
				}
			}
		}
	}
}

// FuzzBase64 holds Decoder.Base64 to encoding/base64 on any string content.
func FuzzBase64(f *testing.F) {
	for _, s := range []string{"", "YmxvYg==", "YmxvYg", "Zm9vYmFyZm9vYmFy", "Zm9v\nYmFy", "YmxvYg=", "AAAA====", "a/8+"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		checkBase64(t, text)
	})
}

// BenchmarkBase64 decodes one 64 KB blob, and a list of a thousand short
// ones (8 to 63 bytes, as DynamoDB's binary attributes often are), where
// the last group of four and the padding are a large part of the text.
func BenchmarkBase64(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	blob := func(n int) []byte {
		out := make([]byte, n)
		for i := range out {
			out[i] = byte(r.Uint32())
		}
		return out
	}
	long := blob(64 << 10)
	b.Run("blob=64KB", func(b *testing.B) {
		doc := []byte(`"` + base64.StdEncoding.EncodeToString(long) + `"`)
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			if d := NewDecoder(doc); len(d.Base64()) != len(long) {
				b.Fatal(d.Err())
			}
		}
	})
	b.Run("blobs=1000x8-63B", func(b *testing.B) {
		doc := []byte{'['}
		for i := range 1000 {
			if i > 0 {
				doc = append(doc, ',')
			}
			doc = append(doc, '"')
			doc = base64.StdEncoding.AppendEncode(doc, blob(8+r.IntN(56)))
			doc = append(doc, '"')
		}
		doc = append(doc, ']')
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			d := NewDecoder(doc)
			n := 0
			for d.BeginArray(); d.NextElem(); n++ {
				d.Base64()
			}
			if n != 1000 || d.Err() != nil {
				b.Fatal(n, d.Err())
			}
		}
	})
}

// groupsBefore is decodeGroups as the definition has it, a group of four
// characters at a time with encoding/base64: the groups before the first
// that holds a byte outside the alphabet.
func groupsBefore(src []byte) (out []byte, read int) {
	for ; read+4 <= len(src); read += 4 {
		group, err := base64.StdEncoding.DecodeString(string(src[read : read+4]))
		if err != nil || bytes.IndexByte(src[read:read+4], '=') >= 0 {
			break
		}
		out = append(out, group...)
	}
	return out, read
}

// TestDecodeQuadsVector puts every byte value at every place of the first
// 32-character block after decodeQuads' head (where vectorBlocks takes
// over, with AVX2), and a few places before, in a text of three such
// blocks after the head, and checks that decodeGroups reads and writes what
// groupsBefore does: the same characters and the same bytes.
func TestDecodeQuadsVector(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	base := make([]byte, vectorHead+96)
	for i := range base {
		base[i] = alphabet[r.IntN(64)]
	}
	for at := vectorHead - 4; at < vectorHead+40; at++ {
		for c := range 256 {
			src := bytes.Clone(base)
			src[at] = byte(c)
			want, wm := groupsBefore(src)
			got := make([]byte, len(base))
			gn, gm := decodeGroups(got, src)
			if gm != wm || !bytes.Equal(got[:gn], want) {
				t.Fatalf("byte %#x at %d: decodeGroups wrote %d, read %d (%x); groupsBefore %d, %d (%x)", c, at, gn, gm, got[:gn], len(want), wm, want)
			}
		}
	}
}
