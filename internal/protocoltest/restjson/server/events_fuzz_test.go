package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/internal/describe"
	"github.com/smithygo/smithygo/internal/eventfuzz"
	restjsonprotocol "github.com/smithygo/smithygo/internal/protocoltest/restjson"
)

// FuzzServerEventStreams feeds arbitrary request bodies to the generated
// server's InputStream operation, whose handler reads the input's event
// stream as it arrives: the framing, the seals a signing client puts around
// each message (taken off unchecked, as by a server without SigV4), and
// the generated decoder of each event. The seeds are the suite's request
// messages, alone, two at a time, and sealed; most inputs get their
// checksums put right first, so that the fuzzer gets past them. For each
// input, no input panics, the handler's reading ends, and a body reads to
// the same events and the same end every time.
//
//	go test ./internal/protocoltest/restjson/server -run '^$' -fuzz FuzzServerEventStreams -fuzztime 2m
func FuzzServerEventStreams(f *testing.F) {
	seeds := requestEventSeeds(f)
	eventfuzz.Add(f, seeds)
	for _, s := range seeds {
		f.Add(eventfuzz.Seal(f, s))
	}
	eventfuzz.Fuzz(f, serveEvents)
}

// streamReader is the handler of the fuzz: it reads its input's stream to
// the end, or to the 1,000th event, and describes what it read.
type streamReader struct {
	protocolService
	read string
}

func (s *streamReader) InputStream(_ context.Context, in *restjsonprotocol.InputStreamInput) (*restjsonprotocol.InputStreamOutput, error) {
	var b strings.Builder
	defer func() { s.read = b.String() }()
	if in.Stream == nil {
		b.WriteString("no stream")
		return &restjsonprotocol.InputStreamOutput{}, nil
	}
	defer in.Stream.Close()
	for range 1000 {
		ev, err := in.Stream.Recv()
		if err != nil {
			b.WriteString("end: " + err.Error())
			break
		}
		b.WriteString(describe.Value(ev) + "\n")
	}
	return &restjsonprotocol.InputStreamOutput{}, nil
}

// serveEvents sends body to InputStream: what the handler read, or the
// response when it was not called.
func serveEvents(t *testing.T, body []byte) string {
	svc := &streamReader{}
	r := httptest.NewRequest("POST", "/InputStream", strings.NewReader(string(body)))
	r.Header.Set("Content-Type", "application/vnd.amazon.eventstream")
	w := httptest.NewRecorder()
	NewHandler(svc, HandlerOptions{}).ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		return "status " + strconv.Itoa(w.Code) + ": " + w.Body.String()
	}
	return svc.read
}

// requestEventSeeds returns the suite's request messages, the
// event-stream bodies of protocol_gen_test.go.
func requestEventSeeds(f testing.TB) [][]byte {
	seeds, err := eventfuzz.Seeds("protocol_gen_test.go")
	if err != nil || len(seeds) < 10 {
		f.Fatalf("%d event-stream bodies in protocol_gen_test.go: %v", len(seeds), err)
	}
	return seeds
}

// A sealed stream reads as the messages it carries: each seed, sealed,
// reads to the same events and the same end.
func TestSealedRequestStreamsReadAlike(t *testing.T) {
	for i, s := range requestEventSeeds(t) {
		plain, seal := serveEvents(t, s), serveEvents(t, eventfuzz.Seal(t, s))
		if plain != seal {
			t.Errorf("seed %d reads\n%s\nsealed:\n%s", i, plain, seal)
		}
	}
}
