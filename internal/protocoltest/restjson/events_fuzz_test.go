package restjsonprotocol_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/internal/describe"
	"github.com/smithygo/smithygo/internal/eventfuzz"
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
	seeds, err := eventfuzz.Seeds("protocol_gen_test.go")
	if err != nil || len(seeds) < 10 {
		f.Fatalf("reading the suite's event-stream bodies from protocol_gen_test.go: %d, %v", len(seeds), err)
	}
	eventfuzz.Add(f, seeds)
	eventfuzz.Fuzz(f, readEvents)
}

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
