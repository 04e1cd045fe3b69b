package eventstream_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/internal/eventfuzz"
	"github.com/smithygo/smithygo/runtime/eventstream"
)

// FuzzReadInitialRequest feeds arbitrary bodies to what a generated server
// of an RPC protocol (awsJson, rpcv2) does with an input event stream: it
// reads the client's initial-request before the handler runs
// (ReadInitialRequest), then the handler reads the events, each message's
// seal taken off unchecked, as by a server without SigV4. The seeds are a
// stream with an initial-request, one without, and both sealed; most inputs
// get their checksums put right first. For each input, nothing panics, the
// reading ends, the initial-request is taken at most once, and a body
// reads to the same initial request, events and end every time.
//
//	go test ./runtime/eventstream -run '^$' -fuzz FuzzReadInitialRequest -fuzztime 2m
func FuzzReadInitialRequest(f *testing.F) {
	initial := message(f, "initial-request", `{"Shard":"s-1"}`)
	events := append(message(f, "record", `{"Sequence":"1"}`), message(f, "record", `{"Sequence":"2"}`)...)
	seeds := [][]byte{append(initial, events...), events, initial}
	for _, s := range seeds[:2] {
		seeds = append(seeds, eventfuzz.Seal(f, s))
	}
	eventfuzz.Add(f, seeds)
	eventfuzz.Fuzz(f, readRequest)
}

// readRequest reads body as a server reads an input stream, and describes
// what it read.
func readRequest(t *testing.T, body []byte) string {
	var b strings.Builder
	s := eventstream.NewSealedEventStream(io.NopCloser(bytes.NewReader(body)), func(m *eventstream.EventMessage) (string, error) {
		if m.Text(":message-type") != "event" {
			return "", eventstream.UnmodeledEventError(m)
		}
		return m.Text(":event-type") + " " + string(m.Payload), nil
	}, eventstream.Unsealer(nil))
	defer s.Close()
	calls := 0
	err := s.ReadInitialRequest(func(m *eventstream.EventMessage) error {
		calls++
		fmt.Fprintf(&b, "initial %q\n", m.Payload)
		return nil
	})
	if calls > 1 {
		t.Fatalf("the initial request taken %d times", calls)
	}
	if err != nil {
		return b.String() + "refused: " + err.Error()
	}
	for range 1000 {
		ev, err := s.Recv()
		if err != nil {
			b.WriteString("end: " + err.Error())
			break
		}
		b.WriteString(ev + "\n")
	}
	return b.String()
}

// message frames an event of type tag with payload.
func message(f testing.TB, tag, payload string) []byte {
	m := eventstream.NewEventMessage("event", tag)
	m.Payload = []byte(payload)
	b, err := eventstream.AppendEventMessage(nil, m)
	if err != nil {
		f.Fatal(err)
	}
	return b
}
