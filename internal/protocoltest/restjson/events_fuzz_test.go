package restjsonprotocol_test

import (
	"context"
	"encoding/binary"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"hash/crc32"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/smithygo/smithygo/internal/describe"
	restjsonprotocol "github.com/smithygo/smithygo/internal/protocoltest/restjson"
)

// FuzzEventStreams feeds arbitrary bodies to the event-stream reader the
// client generated for the restJson1 suite's OutputStream operation: the
// framing (runtime/eventstream) and the generated decoder of each event's
// headers and payload (every header type, blob, string, structure and
// union payloads, an exception). The seeds are the suite's messages (the
// event-stream bodies of protocol_gen_test.go), alone and two at a time;
// most inputs get their messages' checksums put right first, which random
// changes would break, so that the fuzzer gets past them. For each input:
//
//   - no input panics, and reading stops (an error ends the stream);
//   - a body reads to the same events and the same end every time.
//
// Run it with:
//
//	go test ./internal/protocoltest/restjson -run '^$' -fuzz FuzzEventStreams -fuzztime 5m
func FuzzEventStreams(f *testing.F) {
	seeds, err := eventSeeds()
	if err != nil || len(seeds) < 10 {
		f.Fatalf("reading the suite's event-stream bodies from protocol_gen_test.go: %d, %v", len(seeds), err)
	}
	for i, s := range seeds {
		f.Add([]byte(s))
		f.Add([]byte(s + seeds[(i+1)%len(seeds)]))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > 0 && body[len(body)-1]&1 == 0 {
			// Most inputs get their checksums put right, so that the
			// fuzzer reaches the headers and payloads behind them.
			body = withChecksums(body)
		}
		first := readEvents(t, body)
		if again := readEvents(t, body); again != first {
			t.Fatalf("%q read two ways:\n%s\n%s", body, first, again)
		}
	})
}

// withChecksums returns body with the CRC-32s of the messages it holds
// put right, as far as their lengths allow.
func withChecksums(body []byte) []byte {
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

// eventSeeds returns the event-stream bodies of the suite's cases: the
// string literals of protocol_gen_test.go that begin as a message's
// prelude does (a total length under 64 KB).
var eventSeeds = sync.OnceValues(func() ([]string, error) {
	file, err := parser.ParseFile(token.NewFileSet(), "protocol_gen_test.go", nil, 0)
	if err != nil {
		return nil, err
	}
	var seeds []string
	ast.Inspect(file, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil && len(s) >= 16 && s[0] == 0 && s[1] == 0 {
				seeds = append(seeds, s)
			}
		}
		return true
	})
	return seeds, nil
})

// readEvents calls OutputStream with body as the response's stream and
// reads it to its end, or to the 1,000th event: what it read, described.
func readEvents(t *testing.T, body []byte) string {
	client := restjsonprotocol.New(restjsonprotocol.Options{
		BaseEndpoint:     "https://example.com",
		HTTPClient:       streamBody(body),
		RetryMaxAttempts: 1,
		Validation:       restjsonprotocol.ValidateNone,
	})
	out, err := client.OutputStream(context.Background(), &restjsonprotocol.OutputStreamInput{})
	if err != nil {
		return "call: " + err.Error()
	}
	defer out.Stream.Close()
	var b strings.Builder
	for range 1000 {
		ev, err := out.Stream.Recv()
		if err != nil {
			if errors.Is(err, io.EOF) && err != io.EOF {
				t.Fatalf("a stream cut off reads as its end: %v", err)
			}
			b.WriteString("end: " + err.Error())
			return b.String()
		}
		b.WriteString(describe.Value(ev) + "\n")
	}
	return b.String()
}

// streamBody answers every request with a 200 response whose body it is.
type streamBody []byte

func (b streamBody) Do(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode:    200,
		Header:        http.Header{"Content-Type": {"application/vnd.amazon.eventstream"}},
		Body:          io.NopCloser(strings.NewReader(string(b))),
		Request:       r,
		ContentLength: -1,
	}, nil
}
