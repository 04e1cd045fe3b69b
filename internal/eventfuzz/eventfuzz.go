// Package eventfuzz helps the fuzz tests of event-stream readers (the
// generated clients' and servers'): it finds their seeds, the event-stream
// bodies of a generated protocol test file, and puts right the checksums
// that random changes to a body break, so that the fuzzer gets past them
// to the headers and payloads.
package eventfuzz

import (
	"encoding/binary"
	"go/ast"
	"go/parser"
	"go/token"
	"hash/crc32"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/smithygo/smithygo/runtime/eventstream"
)

// Seeds returns the event-stream bodies of the Go file at path: its string
// literals that begin as a message's prelude does (a total length under
// 64 KB, so two zero bytes first).
func Seeds(path string) ([][]byte, error) {
	file, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return nil, err
	}
	var seeds [][]byte
	ast.Inspect(file, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil && len(s) >= 16 && s[0] == 0 && s[1] == 0 {
				seeds = append(seeds, []byte(s))
			}
		}
		return true
	})
	return seeds, nil
}

// FixChecksums returns a copy of body with the CRC-32s of the messages it
// holds put right, as far as their lengths allow.
func FixChecksums(body []byte) []byte {
	b := slices.Clone(body)
	for i := 0; i+16 <= len(b); {
		total := int(binary.BigEndian.Uint32(b[i:]))
		binary.BigEndian.PutUint32(b[i+8:], crc32.ChecksumIEEE(b[i:i+8]))
		if total < 16 || i+total > len(b) {
			break
		}
		binary.BigEndian.PutUint32(b[i+total-4:], crc32.ChecksumIEEE(b[i:i+total-4]))
		i += total
	}
	return b
}

// Add adds each seed to f's corpus, and each followed by the next, so that
// the fuzzer starts from streams of more than one body's messages too.
func Add(f interface{ Add(...any) }, seeds [][]byte) {
	for i, s := range seeds {
		f.Add(s)
		f.Add(append(slices.Clone(s), seeds[(i+1)%len(seeds)]...))
	}
}

// Input is the body a fuzz target reads for the fuzzer's input: most
// inputs (those whose last byte is even) get their checksums put right,
// so that the fuzzer reaches the headers and payloads behind them; the
// rest are read as they are, checksums and all.
func Input(body []byte) []byte {
	if len(body) > 0 && body[len(body)-1]&1 == 0 {
		return FixChecksums(body)
	}
	return body
}

// Fuzz runs f's fuzz target: read reads the body made of each input (see
// Input) and describes what it read, and a body must read alike twice.
func Fuzz(f *testing.F, read func(t *testing.T, body []byte) string) {
	f.Fuzz(func(t *testing.T, body []byte) {
		body = Input(body)
		first := read(t, body)
		if again := read(t, body); again != first {
			t.Fatalf("%q read two ways:\n%s\n%s", body, first, again)
		}
	})
}

// Seal returns body with each message wrapped as a signing client wraps
// it, with a :date and a (made-up) :chunk-signature, and the empty message
// that ends a sealed stream added; a body that does not frame fails tb.
func Seal(tb testing.TB, body []byte) []byte {
	var out []byte
	add := func(payload []byte) {
		var err error
		out, err = eventstream.AppendEventMessage(out, eventstream.EventMessage{
			Headers: []eventstream.EventHeader{
				{Name: ":date", Value: eventstream.TimestampHeader(time.Unix(1700000000, 0))},
				{Name: ":chunk-signature", Value: eventstream.BytesHeader(make([]byte, 32))},
			},
			Payload: payload,
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	for rest := body; len(rest) > 0; {
		_, n, err := eventstream.DecodeEventMessage(rest)
		if err != nil {
			tb.Fatal(err)
		}
		add(rest[:n])
		rest = rest[n:]
	}
	add(nil)
	return out
}
