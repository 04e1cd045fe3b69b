package jsonwire

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// The string benchmarks decode an array of string values made of pieces
// of one kind, to show where String spends its time on each kind of text:
// plain ASCII, escapes, and non-ASCII characters of each UTF-8 length.
// "mixed" draws from all the pieces at random, as the rich strings of
// bench/payloads.go do, so that no branch on the kind of piece predicts.

// stringPieces are the texts the benchmark strings are made of, by kind.
var stringPieces = map[string][]string{
	"ascii":   {"rack ", "power ", "loading dock B, ", "second floor, ", "access via freight elevator; "},
	"escapes": {`\"quoted\" `, `C:\\path\\to `, `line\nbreak `, `tab\tstop `, `a\/b `},
	"unicode": {`\u00e9t\u00e9 `, `\u2028 `, `\ud83d\ude80 `},
	"2byte":   {"Zürich ", "São Paulo ", "Москва ", "naïve café ", "Ελλάδα "},
	"3byte":   {"東京都 ", "서울 ", "大阪府堺市 "},
	"4byte":   {"😀 ", "🚀🚀 "},
	// rich is the pieces of bench/payloads.go's rich strings, which the
	// strings and page1MB shapes of bench's BenchmarkDecode are made of.
	"rich": {
		"rack ", "power ", "Zürich ", "São Paulo ", "東京都 ", "서울 ", "Москва ", "😀 ", "naïve café ",
		`\"quoted\" `, `C:\\path\\to `, `line\nbreak `, `tab\tstop `, `\u00e9t\u00e9 `, `\u2028 `, `\ud83d\ude80 `, `a\/b `,
		"loading dock B, ", "second floor, ", "access via freight elevator; ",
	},
}

// stringArray returns a JSON array of n strings of pieces of the given
// kinds, half short (8 to 55 characters) and half long (128 to 255).
func stringArray(n int, kinds ...string) []byte {
	var pieces []string
	for _, k := range kinds {
		pieces = append(pieces, stringPieces[k]...)
	}
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		size := 8 + r.IntN(48)
		if i%2 == 1 {
			size = 128 + r.IntN(128)
		}
		b.WriteByte('"')
		for runes := 0; runes < size; {
			p := pieces[r.IntN(len(pieces))]
			b.WriteString(p)
			runes += utf8.RuneCountInString(p)
		}
		b.WriteByte('"')
	}
	b.WriteByte(']')
	return []byte(b.String())
}

var stringBenchKinds = [][]string{
	{"ascii"}, {"escapes"}, {"unicode"}, {"2byte"}, {"3byte"}, {"4byte"},
	{"ascii", "escapes", "unicode", "2byte", "3byte", "4byte"},
	{"rich"},
}

func stringBenchName(kinds []string) string {
	if len(kinds) > 1 {
		return "mixed"
	}
	return kinds[0]
}

// BenchmarkString decodes each value with String, as generated code does:
// the result is kept in the Decoder's blocks.
func BenchmarkString(b *testing.B) {
	for _, kinds := range stringBenchKinds {
		data := stringArray(200, kinds...)
		b.Run(stringBenchName(kinds), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				d := NewDecoder(data)
				if d.BeginArray() {
					for d.NextElem() {
						_ = d.String()
					}
				}
				d.End()
				if d.Err() != nil {
					b.Fatal(d.Err())
				}
			}
		})
	}
}

// BenchmarkUnquote decodes each value into the Decoder's scratch memory
// (stringBytes), which leaves out keeping the result.
func BenchmarkUnquote(b *testing.B) {
	for _, kinds := range stringBenchKinds {
		data := stringArray(200, kinds...)
		b.Run(stringBenchName(kinds), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				d := NewDecoder(data)
				if d.BeginArray() {
					for d.NextElem() {
						d.stringBytes()
					}
				}
				d.End()
				if d.Err() != nil {
					b.Fatal(d.Err())
				}
			}
		})
	}
}

// BenchmarkStringWords decodes an array of short plain strings, 4 to 31
// bytes as identifiers and names are, which String keeps without a second
// pass (see scanString).
func BenchmarkStringWords(b *testing.B) {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"
	r := rand.New(rand.NewPCG(7, 8))
	var in strings.Builder
	in.WriteByte('[')
	for i := range 500 {
		if i > 0 {
			in.WriteByte(',')
		}
		in.WriteByte('"')
		for range 4 + r.IntN(28) {
			in.WriteByte(chars[r.IntN(len(chars))])
		}
		in.WriteByte('"')
	}
	in.WriteByte(']')
	data := []byte(in.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		d := NewDecoder(data)
		if d.BeginArray() {
			for d.NextElem() {
				_ = d.String()
			}
		}
		d.End()
		if d.Err() != nil {
			b.Fatal(d.Err())
		}
	}
}

// BenchmarkEnumPage reads pages of 8,000 enum values drawn at random from
// three enums of the AWS models: KMS's encryption algorithms (values that
// begin alike and are longer than sixteen bytes), Kinesis's shard metrics
// (two pairs that begin alike, two of 34 bytes) and six statuses that do
// not begin alike. It times Enum and the loop around it, not a list.
func BenchmarkEnumPage(b *testing.B) {
	for _, vals := range [][]string{
		{"SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE"},
		{"IncomingBytes", "IncomingRecords", "OutgoingBytes", "OutgoingRecords", "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded", "IteratorAgeMilliseconds", "ALL"},
		{"ACTIVE", "PENDING", "RETIRING", "RETIRED", "FAILED", "DELETED"},
	} {
		r := rand.New(rand.NewPCG(1, 2))
		var sb strings.Builder
		sb.WriteByte('[')
		for i := range 8000 {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(`"` + vals[r.IntN(len(vals))] + `"`)
		}
		sb.WriteByte(']')
		data := []byte(sb.String())
		e := &Enum{Values: vals}
		b.Run(vals[0], func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				d := NewDecoder(data)
				n := 0
				if d.BeginArray() {
					for d.NextElem() {
						if d.Enum(e) != "" {
							n++
						}
					}
				}
				if n != 8000 {
					b.Fatal(n, d.Err())
				}
			}
		})
	}
}
