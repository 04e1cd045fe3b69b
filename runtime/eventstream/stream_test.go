package eventstream

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// recordingBody is a response body that records its closing.
type recordingBody struct {
	io.Reader
	closed bool
}

func (b *recordingBody) Close() error { b.closed = true; return nil }

// textEvent is a decoded event of the tests: its type and payload.
type textEvent struct{ tag, text string }

// decodeText decodes events as textEvents, an exception as an error.
func decodeText(m *EventMessage) (textEvent, error) {
	if m.Text(":message-type") != "event" {
		return textEvent{}, UnmodeledEventError(m)
	}
	return textEvent{m.Text(":event-type"), string(m.Payload)}, nil
}

// eventStreamBody frames messages of the given types: "event:T" is an
// event of type T, "exception:T" an exception, with payload p.
func eventStreamBody(t *testing.T, msgs ...[3]string) *recordingBody {
	t.Helper()
	var b []byte
	for _, m := range msgs {
		kind, tag, payload := m[0], m[1], m[2]
		name := ":event-type"
		if kind == "exception" {
			name = ":exception-type"
		}
		var err error
		b, err = AppendEventMessage(b, EventMessage{Headers: []EventHeader{{":message-type", StringHeader(kind)}, {name, StringHeader(tag)}}, Payload: []byte(payload)})
		if err != nil {
			t.Fatal(err)
		}
	}
	return &recordingBody{Reader: bytes.NewReader(b)}
}

// collect reads a stream to its end.
func collect(t *testing.T, s *EventStream[textEvent]) (got []textEvent, end error) {
	t.Helper()
	for e, err := range s.Events() {
		if err != nil {
			return got, err
		}
		got = append(got, e)
	}
	return got, nil
}

func TestOpenEventStreamInitialResponse(t *testing.T) {
	body := eventStreamBody(t, [3]string{"event", "initial-response", `{"a":1}`}, [3]string{"event", "x", "1"}, [3]string{"event", "y", "2"})
	var initial string
	s, err := OpenEventStream(body, decodeText, func(m *EventMessage) error { initial = string(m.Payload); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if initial != `{"a":1}` {
		t.Errorf("initial response %q", initial)
	}
	got, end := collect(t, s)
	if end != nil || len(got) != 2 || got[0] != (textEvent{"x", "1"}) || got[1] != (textEvent{"y", "2"}) {
		t.Fatalf("events %v, end %v", got, end)
	}
	if _, err := s.Recv(); err != io.EOF {
		t.Errorf("after the end: %v", err)
	}
	s.Close()
	if !body.closed {
		t.Error("Close left the body open")
	}
}

func TestOpenEventStreamWithoutInitialResponse(t *testing.T) {
	body := eventStreamBody(t, [3]string{"event", "x", "1"}, [3]string{"event", "y", "2"})
	s, err := OpenEventStream(body, decodeText, func(*EventMessage) error { t.Error("no initial response was sent"); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if got, end := collect(t, s); end != nil || len(got) != 2 || got[0].tag != "x" {
		t.Fatalf("events %v, end %v: the first event is lost", got, end)
	}

	s, err = OpenEventStream(eventStreamBody(t), decodeText, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Recv(); err != io.EOF {
		t.Fatalf("an empty stream: %v, want io.EOF", err)
	}
}

func TestOpenEventStreamFailures(t *testing.T) {
	body := eventStreamBody(t, [3]string{"exception", "Throttled", "slow"})
	s, err := OpenEventStream(body, decodeText, nil)
	var ese *EventStreamError
	if s != nil || !errors.As(err, &ese) || ese.Code != "Throttled" || ese.Message != "slow" {
		t.Fatalf("an exception first: %v, %v", s, err)
	}
	if !body.closed {
		t.Error("the body of a failed stream is left open")
	}

	body = eventStreamBody(t, [3]string{"event", "initial-response", "{"})
	bad := errors.New("bad JSON")
	if _, err := OpenEventStream(body, decodeText, func(*EventMessage) error { return bad }); !errors.Is(err, bad) || !body.closed {
		t.Fatalf("an initial response that does not decode: %v (closed %v)", err, body.closed)
	}

	b := eventStreamBody(t, [3]string{"event", "x", "1"})
	raw, _ := io.ReadAll(b)
	raw[len(raw)-1] ^= 1
	body = &recordingBody{Reader: bytes.NewReader(raw)}
	if _, err := OpenEventStream(body, decodeText, nil); !errors.Is(err, ErrEventChecksum) || !body.closed {
		t.Fatalf("a corrupted first message: %v", err)
	}
}

// A panic in a handler's sequence ends the stream with the message fail
// frames, after the events before it, and is returned for the server to
// log rather than reaching net/http.
func TestSendEventsRecoversAPanic(t *testing.T) {
	s := EventsFrom(func(yield func(string, error) bool) {
		if yield("one", nil) {
			panic("handler bug")
		}
	})
	var b bytes.Buffer
	event := func(e string) (EventMessage, error) {
		m := NewEventMessage("event", "text")
		m.Payload = []byte(e)
		return m, nil
	}
	fail := func(error) EventMessage { return NewEventMessage("error", "InternalFailure") }
	err := SendEvents(&b, func() {}, s, nil, event, fail)
	if err == nil || !strings.Contains(err.Error(), "handler bug") {
		t.Fatalf("SendEvents = %v, want the panic", err)
	}
	first, n, err := DecodeEventMessage(b.Bytes())
	if err != nil || string(first.Payload) != "one" {
		t.Fatalf("first message %+v, %v", first, err)
	}
	last, _, err := DecodeEventMessage(b.Bytes()[n:])
	if err != nil || last.Text(":error-code") != "InternalFailure" {
		t.Fatalf("last message %+v, %v", last, err)
	}
}

// A panic in the caller's sequence fails the writing of a request's
// stream instead of ending the program.
func TestWriteEventsRecoversAPanic(t *testing.T) {
	s := EventsFrom(func(yield func(string, error) bool) { panic("caller bug") })
	seal := func(b []byte) ([]byte, error) { return b, nil }
	event := func(e string) (EventMessage, error) { return NewEventMessage("event", e), nil }
	if err := WriteEvents(io.Discard, seal, s, nil, event); err == nil || !strings.Contains(err.Error(), "caller bug") {
		t.Fatalf("WriteEvents = %v, want the panic", err)
	}
}

// A stream made from a sequence holds nothing until it is read: one that
// is never read (a call that failed before sending it) need not be
// closed, and its sequence is not called.
func TestEventsFromIsLazy(t *testing.T) {
	called := false
	s := EventsFrom(func(yield func(string, error) bool) {
		called = true
		yield("x", nil)
	})
	if called || s.next != nil {
		t.Fatal("the sequence started before the first Recv")
	}
	if e, err := s.Recv(); err != nil || e != "x" || !called {
		t.Fatalf("Recv = %q, %v", e, err)
	}
	s.Close()
	if _, err := s.Recv(); err == nil {
		t.Fatal("Recv after Close read an event")
	}
	if err := EventsFrom(func(func(string, error) bool) {}).Close(); err != nil {
		t.Fatalf("Close of a stream never read: %v", err)
	}
}

// A sealed stream must end with its sealed empty message: a body cut off
// before it is io.ErrUnexpectedEOF, not the end of the stream.
func TestSealedStreamCutOff(t *testing.T) {
	seal := func(dst, payload []byte) []byte {
		b, err := AppendEventMessage(dst, EventMessage{
			Headers: []EventHeader{
				{Name: ":date", Value: TimestampHeader(time.Unix(1700000000, 0))},
				{Name: ":chunk-signature", Value: BytesHeader(make([]byte, 32))},
			},
			Payload: payload,
		})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	ev := NewEventMessage("event", "text")
	ev.Payload = []byte("hi")
	inner, err := AppendEventMessage(nil, ev)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		body []byte
		end  error
	}{
		{"ended", seal(seal(nil, inner), nil), io.EOF},
		{"cut off", seal(nil, inner), io.ErrUnexpectedEOF},
	} {
		s := NewSealedEventStream(io.NopCloser(bytes.NewReader(tc.body)), decodeText, Unsealer(nil))
		if e, err := s.Recv(); err != nil || e.text != "hi" {
			t.Fatalf("%s: first event %v, %v", tc.name, e, err)
		}
		if _, err := s.Recv(); !errors.Is(err, tc.end) {
			t.Errorf("%s: end %v, want %v", tc.name, err, tc.end)
		}
	}
}

// Close from another goroutine stops a Recv that waits for the body's next
// message: Recv says the stream is closed (not what the closed body's read
// said), as every Recv after it does, and go test -race finds no race on
// the stream's end.
func TestCloseStopsAWaitingRecv(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	s := NewEventStream(pr, decodeText)
	got := make(chan error, 1)
	go func() {
		_, err := s.Recv()
		got <- err
	}()
	time.Sleep(10 * time.Millisecond) // Recv waits in the body's Read
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-got:
		if err != errEventStreamClosed {
			t.Errorf("the waiting Recv: %v, want %v", err, errEventStreamClosed)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Recv still waits after Close")
	}
	if _, err := s.Recv(); err != errEventStreamClosed {
		t.Errorf("Recv after Close: %v", err)
	}
}

// Close from another goroutine while Recv waits inside the sequence of
// EventsFrom (a client's input that has nothing to send yet) does not stop
// the sequence from under Recv, which iter.Pull2 forbids: Recv stops it
// once it yields, and says the stream is closed.
func TestCloseStopsAWaitingSequence(t *testing.T) {
	next := make(chan struct{})
	stopped := make(chan struct{})
	s := EventsFrom(func(yield func(textEvent, error) bool) {
		defer close(stopped)
		for range next {
			if !yield(textEvent{tag: "x"}, nil) {
				return
			}
		}
	})
	got := make(chan error, 1)
	go func() {
		_, err := s.Recv()
		got <- err
	}()
	time.Sleep(10 * time.Millisecond) // Recv waits in the sequence
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close waits on the sequence Recv waits in")
	}
	next <- struct{}{}
	select {
	case err := <-got:
		if err != errEventStreamClosed {
			t.Errorf("the waiting Recv: %v, want %v", err, errEventStreamClosed)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Recv still waits after Close")
	}
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("the sequence was not stopped")
	}
}

// A server reads a client's initial-request before its handler runs: the
// event goes to initial, not to Recv; without one, the first event is the
// stream's first; a sealed initial-request is unsealed as the events are;
// one initial fails on ends the stream with that error.
func TestReadInitialRequest(t *testing.T) {
	body := eventStreamBody(t, [3]string{"event", "initial-request", `{"a":1}`}, [3]string{"event", "x", "1"})
	s := NewSealedEventStream(body, decodeText, Unsealer(nil))
	var initial string
	if err := s.ReadInitialRequest(func(m *EventMessage) error { initial = string(m.Payload); return nil }); err != nil || initial != `{"a":1}` {
		t.Fatalf("initial request %q, %v", initial, err)
	}
	if got, end := collect(t, s); end != nil || len(got) != 1 || got[0] != (textEvent{"x", "1"}) {
		t.Fatalf("events %v, end %v", got, end)
	}

	s = NewSealedEventStream(eventStreamBody(t, [3]string{"event", "x", "1"}), decodeText, Unsealer(nil))
	if err := s.ReadInitialRequest(func(*EventMessage) error { t.Error("no initial request was sent"); return nil }); err != nil {
		t.Fatal(err)
	}
	if got, end := collect(t, s); end != nil || len(got) != 1 || got[0].tag != "x" {
		t.Fatalf("events %v, end %v: the first event is lost", got, end)
	}

	ir := NewEventMessage("event", "initial-request")
	ir.Payload = []byte("{}")
	inner, err := AppendEventMessage(nil, ir)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := AppendEventMessage(nil, EventMessage{Headers: []EventHeader{
		{Name: ":date", Value: TimestampHeader(time.Unix(1700000000, 0))},
		{Name: ":chunk-signature", Value: BytesHeader(make([]byte, 32))},
	}, Payload: inner})
	if err != nil {
		t.Fatal(err)
	}
	s = NewSealedEventStream(io.NopCloser(bytes.NewReader(sealed)), decodeText, Unsealer(nil))
	initial = ""
	if err := s.ReadInitialRequest(func(m *EventMessage) error { initial = string(m.Payload); return nil }); err != nil || initial != "{}" {
		t.Fatalf("a sealed initial request: %q, %v", initial, err)
	}

	bad := errors.New("bad JSON")
	s = NewSealedEventStream(eventStreamBody(t, [3]string{"event", "initial-request", "{"}, [3]string{"event", "x", "1"}), decodeText, Unsealer(nil))
	if err := s.ReadInitialRequest(func(*EventMessage) error { return bad }); !errors.Is(err, bad) {
		t.Fatalf("an initial request that does not decode: %v", err)
	}
	if _, err := s.Recv(); !errors.Is(err, bad) {
		t.Errorf("Recv after a bad initial request: %v", err)
	}
}

// SendEvents writes an initial message (the RPC protocols'
// initial-response) before the events, and only it for a nil stream.
func TestSendEventsInitial(t *testing.T) {
	event := func(e string) (EventMessage, error) {
		m := NewEventMessage("event", "text")
		m.Payload = []byte(e)
		return m, nil
	}
	fail := func(error) EventMessage { return NewEventMessage("error", "InternalFailure") }
	initial := NewEventMessage("event", "initial-response")
	initial.Payload = []byte("{}")
	for _, tc := range []struct {
		name string
		s    *EventStream[string]
		want []string
	}{
		{"events", EventsFrom(func(yield func(string, error) bool) { yield("one", nil) }), []string{"initial-response", "text"}},
		{"nil", nil, []string{"initial-response"}},
	} {
		var b bytes.Buffer
		if err := SendEvents(&b, func() {}, tc.s, &initial, event, fail); err != nil {
			t.Fatal(err)
		}
		var got []string
		for rest := b.Bytes(); len(rest) > 0; {
			m, n, err := DecodeEventMessage(rest)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, m.Text(":event-type"))
			rest = rest[n:]
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s: messages %v, want %v", tc.name, got, tc.want)
		}
	}
}
