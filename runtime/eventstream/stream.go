package eventstream

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"mime"
	"sync"
	"time"
)

// EventReader reads the messages of a stream, such as an HTTP response's body,
// one at a time.
type EventReader struct {
	r   io.Reader
	pre [eventPreludeLen]byte
}

// NewEventReader returns an EventReader of the messages r holds.
func NewEventReader(r io.Reader) *EventReader { return &EventReader{r: r} }

// ReadMessage reads the next message, into memory of its own. At the end
// of the stream, between messages, it returns io.EOF; a stream that ends
// within a message is io.ErrUnexpectedEOF. After any other error (a
// checksum that does not match, a message that does not follow the
// framing) the stream has lost its place, and no later message can be
// trusted: the caller should stop reading.
func (r *EventReader) ReadMessage() (EventMessage, error) {
	if _, err := io.ReadFull(r.r, r.pre[:]); err != nil {
		return EventMessage{}, err
	}
	total, headers, err := eventPrelude(r.pre[:])
	if err != nil {
		return EventMessage{}, err
	}
	// The prelude's lengths are not held to a limit (see the limits), so
	// memory is taken as the message's bytes arrive, not all at once on
	// the prelude's word: a message of gigabytes that never comes costs
	// nothing.
	buf := make([]byte, eventPreludeLen, min(total, eventReadAhead))
	copy(buf, r.pre[:])
	for len(buf) < total {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := io.ReadFull(r.r, buf[len(buf):min(cap(buf), total)])
		buf = buf[:len(buf)+n]
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return EventMessage{}, err
		}
	}
	return decodeEventBody(buf, headers)
}

// eventReadAhead is the most memory ReadMessage takes for a message before
// its bytes arrive.
const eventReadAhead = 1 << 20

// EventWriter writes messages to a stream, such as an HTTP request's body, each
// in one Write.
type EventWriter struct {
	w   io.Writer
	buf []byte // the last message framed, kept for its memory
}

// NewEventWriter returns an EventWriter of messages to w.
func NewEventWriter(w io.Writer) *EventWriter { return &EventWriter{w: w} }

// WriteMessage frames m (see AppendEventMessage) and writes it.
func (w *EventWriter) WriteMessage(m EventMessage) error {
	b, err := AppendEventMessage(w.buf[:0], m)
	if err != nil {
		return err
	}
	w.buf = b
	_, err = w.w.Write(b)
	return err
}

// EventStream is a stream of events of type E that a service sends, read
// one at a time from the response body it owns. Recv or Events read it;
// Close ends it, and must be called once the caller is done with it,
// whether or not it read to the end. Close may come from another goroutine
// while Recv waits, which is how a reader blocked on a quiet stream is
// stopped.
type EventStream[E any] struct {
	body    io.ReadCloser
	r       *EventReader
	decode  func(*EventMessage) (E, error)
	pending *EventMessage // the first event, read by OpenEventStream

	// mu guards err, stop and pulling, which Close, from another
	// goroutine, shares with Recv; Recv does not hold it while it waits.
	mu  sync.Mutex
	err error // the error every Recv returns once the stream has ended
	// pulling says Recv is inside next, which stop must not run
	// alongside: a Close then leaves stop to Recv (stopLater).
	pulling   bool
	stopLater bool

	// seq is EventsFrom's sequence, whose events next and stop pull
	// instead, from the first Recv on: a stream never read (a call that
	// failed before sending it) holds no coroutine to stop.
	seq  iter.Seq2[E, error]
	next func() (E, error, bool)
	stop func()

	// open takes the seal off each message read (NewSealedEventStream);
	// sealed says a sealed message has come, after which the body must not
	// end before the one that ends the stream.
	open   func(EventMessage) (EventMessage, bool, error)
	sealed bool
}

// NewSealedEventStream is NewEventStream for a stream whose messages may
// come sealed, each inside one that signs it (SigV4's event signing), as a
// server reads a client's: open takes each message read and returns the
// message it carries (the message itself, when it is not sealed), or end
// for the message that ends a sealed stream; an error it returns ends the
// stream. Once a sealed message has come, a body that ends before the one
// that ends the stream is io.ErrUnexpectedEOF. See Unsealer.
func NewSealedEventStream[E any](body io.ReadCloser, decode func(*EventMessage) (E, error), open func(m EventMessage) (inner EventMessage, end bool, err error)) *EventStream[E] {
	s := NewEventStream(body, decode)
	s.open = open
	return s
}

// isSealed reports whether m is sealed as SigV4 signs messages: it has a
// :chunk-signature header.
func isSealed(m *EventMessage) bool {
	_, ok := m.Get(":chunk-signature")
	return ok
}

// Unsealer returns the open function of NewSealedEventStream for messages
// sealed as SigV4 signs them: a message with :date and :chunk-signature
// headers carries the signed message as its payload, and one with an
// empty payload ends the stream. check, when not nil, verifies each seal,
// given the encoded :date header, the payload, the signature and the
// :date's time, and a message without a seal is then an error; with check
// nil, seals are taken off unchecked, and messages without one pass as
// they are.
func Unsealer(check func(dateHeader, payload, signature []byte, t time.Time) error) func(EventMessage) (EventMessage, bool, error) {
	return func(m EventMessage) (EventMessage, bool, error) {
		sig, _ := m.Get(":chunk-signature")
		if !isSealed(&m) {
			if check != nil {
				return EventMessage{}, false, errors.New("eventstream: a message without a :chunk-signature where each must be signed")
			}
			return m, false, nil
		}
		date, ok := m.Get(":date")
		if sig.Type != HeaderBytes || !ok || date.Type != HeaderTimestamp {
			return EventMessage{}, false, errors.New("eventstream: a sealed message without a :date timestamp and a :chunk-signature byte array")
		}
		if check != nil {
			header, err := appendEventHeader(nil, EventHeader{Name: ":date", Value: date})
			if err != nil {
				return EventMessage{}, false, err
			}
			if err := check(header, m.Payload, sig.Bytes, time.UnixMilli(date.Int)); err != nil {
				return EventMessage{}, false, err
			}
		}
		if len(m.Payload) == 0 {
			return EventMessage{}, true, nil
		}
		inner, n, err := DecodeEventMessage(m.Payload)
		if err == nil && n != len(m.Payload) {
			err = errors.New("eventstream: a sealed message's payload holds more than one message")
		}
		return inner, false, err
	}
}

// EventsFrom returns the stream of the events seq yields: a server's
// handler returns one as its output's event stream, which the server sends
// each event of as seq yields it, ending the stream when seq returns, or
// with the error seq yields (as the exception the model names, when it is
// one); a client's input holds one, which the client sends alike. Whoever
// sends the stream closes it when done, which stops seq. seq is not
// called before the first Recv.
func EventsFrom[E any](seq iter.Seq2[E, error]) *EventStream[E] {
	return &EventStream[E]{seq: seq}
}

// NewEventStream returns the stream of the events in body, each decoded
// from its message by decode, which returns an error for a message that is
// one (an exception the service models, or another).
func NewEventStream[E any](body io.ReadCloser, decode func(*EventMessage) (E, error)) *EventStream[E] {
	return &EventStream[E]{body: body, r: NewEventReader(body), decode: decode}
}

// ResponseBody returns body, that of a response whose output is an event
// stream, as a client reads it. When the response's Content-Type names
// another media type (a proxy's or a gateway's JSON or HTML answer, with a
// 200) and the body does not begin with a message, the first Read fails
// with an error that names the Content-Type and quotes the body's start,
// where the framing would have failed on a checksum and said nothing of
// why. A body that begins with a message reads as it is, whatever its
// Content-Type says, and so does an empty one. Nothing is read before the
// first Read, which the stream's first Recv makes: a first message that
// comes late does not hold the call up.
func ResponseBody(contentType string, body io.ReadCloser) io.ReadCloser {
	if mt, _, err := mime.ParseMediaType(contentType); contentType == "" || err == nil && mt == eventStreamMediaType {
		return body
	}
	return &foreignBody{ReadCloser: body, contentType: contentType}
}

// eventStreamMediaType is the media type of a body of messages.
const eventStreamMediaType = "application/vnd.amazon.eventstream"

// foreignBodyQuote is how much of a body that holds no messages its error
// quotes.
const foreignBodyQuote = 160

// foreignBody is ResponseBody's body of another Content-Type, which its
// first Read checks.
type foreignBody struct {
	io.ReadCloser
	contentType string
	checked     bool
	head        []byte // bytes the check read, still to be returned
	err         error  // what Read returns after head, instead of reading on
}

func (b *foreignBody) Read(p []byte) (int, error) {
	if !b.checked {
		b.checked = true
		b.check()
	}
	if len(b.head) > 0 {
		n := copy(p, b.head)
		b.head = b.head[n:]
		return n, nil
	}
	if b.err != nil {
		return 0, b.err
	}
	return b.ReadCloser.Read(p)
}

// check reads the prelude of the body's first message; when it is not one,
// it reads what else has come for the error's quote.
func (b *foreignBody) check() {
	head := make([]byte, eventPreludeLen, foreignBodyQuote)
	n, err := io.ReadFull(b.ReadCloser, head)
	head = head[:n]
	switch {
	case err == nil:
		if _, _, perr := eventPrelude(head); perr == nil {
			b.head = head
			return
		}
		// One read, not to the quote's length: what has come already.
		m, _ := b.ReadCloser.Read(head[n:cap(head)])
		head = head[:n+m]
	case n == 0 && err == io.EOF:
		b.err = io.EOF // a stream without events
		return
	case err != io.ErrUnexpectedEOF:
		b.head, b.err = head, err // the read failed: as it would have
		return
	}
	b.err = fmt.Errorf("eventstream: the response's Content-Type is %q, not %s, and its body %q is not an event stream", b.contentType, eventStreamMediaType, head)
}

// OpenEventStream returns the stream of the events in body, as
// NewEventStream does, for the protocols whose stream begins with an event
// of type "initial-response" holding the output's other members (awsJson,
// rpcv2Cbor): it reads the first message and gives an initial response to
// initial, which decodes it. Any other first event is the stream's first.
// A first message that is an error event, or one initial fails on, is
// returned as the error, and body is closed.
func OpenEventStream[E any](body io.ReadCloser, decode func(*EventMessage) (E, error), initial func(*EventMessage) error) (*EventStream[E], error) {
	s := NewEventStream(body, decode)
	first, err := s.readInitial("initial-response", initial)
	if err == nil && first != nil && first.Text(":message-type") != "event" {
		s.pending = nil
		if _, err = decode(first); err == nil {
			err = UnmodeledEventError(first)
		}
	}
	if err != nil {
		body.Close()
		return nil, err
	}
	return s, nil
}

// ReadInitialRequest reads the first message of s, a client's input stream
// of an RPC protocol (awsJson, rpcv2), as a server does before it calls the
// handler: an event of type "initial-request", which holds the input's
// other members, is given to initial, which decodes it; any other first
// message is the stream's first, which Recv returns. A first message that
// does not frame, or does not unseal (see NewSealedEventStream), or that
// initial fails on, ends the stream with the error ReadInitialRequest
// returns.
func (s *EventStream[E]) ReadInitialRequest(initial func(*EventMessage) error) error {
	_, err := s.readInitial("initial-request", initial)
	if err != nil {
		s.end(err)
	}
	return err
}

// readInitial reads the stream's first message: an event of type tag is
// given to initial; any other is kept for the first Recv, and returned. At
// the end of the stream (no message) it returns nil, nil, and the stream
// has ended.
func (s *EventStream[E]) readInitial(tag string, initial func(*EventMessage) error) (*EventMessage, error) {
	m, err := s.readMessage()
	switch {
	case err == io.EOF:
		s.err = err // a stream without events
		return nil, nil
	case err != nil:
		return nil, err
	case m.Text(":message-type") == "event" && m.Text(":event-type") == tag:
		if err := initial(&m); err != nil {
			return nil, fmt.Errorf("decoding the %s event: %w", tag, err)
		}
		return nil, nil
	}
	s.pending = &m
	return &m, nil
}

// Recv returns the next event. At the end of the stream it returns io.EOF.
// An error event ends the stream too: Recv returns it (a modeled
// exception as its type in the service's package, any other as an
// *EventStreamError), and so does every call after it, as after a stream
// cut off or malformed.
func (s *EventStream[E]) Recv() (E, error) {
	var zero E
	s.mu.Lock()
	if err := s.err; err != nil {
		s.mu.Unlock()
		return zero, err
	}
	if s.seq != nil {
		if s.next == nil {
			s.next, s.stop = iter.Pull2(s.seq)
		}
		s.pulling = true
	}
	s.mu.Unlock()
	if m := s.pending; m != nil {
		s.pending = nil
		return s.decode(m)
	}
	if s.seq != nil {
		e, err, ok := s.pull()
		switch {
		case !ok:
			return zero, s.end(io.EOF)
		case err != nil:
			return zero, s.end(err)
		}
		if err := s.end(nil); err != nil {
			return zero, err // closed while the sequence ran
		}
		return e, nil
	}
	m, err := s.readMessage()
	if err != nil {
		return zero, s.end(err)
	}
	e, err := s.decode(&m)
	if err != nil {
		return zero, s.end(err)
	}
	return e, nil
}

// readMessage reads the body's next message, unsealed (see
// NewSealedEventStream). At the end of the stream it returns io.EOF.
func (s *EventStream[E]) readMessage() (EventMessage, error) {
	m, err := s.r.ReadMessage()
	switch {
	case err == nil && s.open != nil:
		s.sealed = s.sealed || isSealed(&m)
		var end bool
		if m, end, err = s.open(m); end {
			err = io.EOF
		}
	case err == io.EOF && s.sealed:
		// A signed stream ends with its signed empty message: one cut
		// off before it may have lost its last events.
		err = io.ErrUnexpectedEOF
	}
	if err != nil && err != io.EOF {
		err = fmt.Errorf("reading the event stream: %w", err)
	}
	return m, err
}

// end ends the stream with err, unless it has ended already (a Close while
// Recv waited), and returns the error it ended with; end(nil) only returns
// that error, nil while the stream goes on.
func (s *EventStream[E]) end(err error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
	return s.err
}

// pull is s.next, after which it runs the stop that a Close left to it,
// whether next returns or panics.
func (s *EventStream[E]) pull() (E, error, bool) {
	defer func() {
		s.mu.Lock()
		s.pulling = false
		stop := s.stopLater
		s.mu.Unlock()
		if stop {
			s.stop()
		}
	}()
	return s.next()
}

// Events iterates over the events until the stream ends. It yields an
// error with a zero event, as the last thing it yields, for any end but
// io.EOF.
func (s *EventStream[E]) Events() iter.Seq2[E, error] {
	return func(yield func(E, error) bool) {
		for {
			e, err := s.Recv()
			if err == io.EOF {
				return
			}
			if !yield(e, err) || err != nil {
				return
			}
		}
	}
}

// Close closes the response body: reading stops, and the connection is
// not reused unless the stream was read to its end. After Close, Recv
// returns an error.
func (s *EventStream[E]) Close() error {
	s.mu.Lock()
	if s.err == nil {
		s.err = errEventStreamClosed
	}
	if s.seq != nil {
		stop := s.stop
		if s.pulling {
			// The sequence runs in Recv's goroutine: stopping it from
			// this one is not allowed (iter.Pull2), so Recv stops it
			// when it returns.
			s.stopLater, stop = true, nil
		}
		s.mu.Unlock()
		if stop != nil {
			stop()
		}
		return nil
	}
	s.mu.Unlock()
	return s.body.Close()
}

// SendEvents writes the events of s to w, each as the message event
// frames it, flushing after each, until the stream ends; an error that
// ends it is written as the message fail frames. First, when it is not
// nil, it writes initial (the RPC protocols' "initial-response" event). A
// nil s sends no events. It closes s. An event that does not frame (a
// header value too long, say), or a panic in the sequence s pulls from,
// ends the stream as fail frames that error, and SendEvents returns it,
// for the server to log; a write that fails, as when the client has gone,
// ends it without error.
func SendEvents[E any](w io.Writer, flush func(), s *EventStream[E], initial *EventMessage, event func(E) (EventMessage, error), fail func(error) EventMessage) error {
	if s != nil {
		defer s.Close()
	}
	var buf []byte
	if initial != nil {
		var bad error // the initial message's framing error, which ends the stream
		if buf, bad = AppendEventMessage(buf, *initial); bad != nil {
			var err error
			if buf, err = AppendEventMessage(buf[:0], fail(bad)); err != nil {
				return errors.Join(bad, err)
			}
		}
		if _, err := w.Write(buf); err != nil {
			return nil // the client is gone
		}
		flush()
		if bad != nil {
			return bad
		}
	}
	if s == nil {
		return nil
	}
	for {
		e, err, panicked := recvRecovered(s)
		if err == io.EOF {
			return nil
		}
		var m EventMessage
		var bad error // the event's framing error
		if panicked != nil {
			m, bad = fail(panicked), panicked
		} else if err != nil {
			m = fail(err)
		} else if m, bad = event(e); bad == nil {
			buf, bad = AppendEventMessage(buf[:0], m)
		}
		if bad != nil {
			m = fail(bad)
		}
		if err != nil || bad != nil {
			if buf, err = AppendEventMessage(buf[:0], m); err != nil {
				return errors.Join(bad, err)
			}
		}
		if _, err := w.Write(buf); err != nil {
			return nil // the client is gone: nothing to tell anyone
		}
		flush()
		if m.Text(":message-type") != "event" {
			return bad // an error ends the stream
		}
	}
}

// RequestBody returns the body of a client's request that sends s (package
// call's EventBody): a pipe from a goroutine that writes the messages with
// WriteEvents as the transport reads them. The goroutine ends when
// WriteEvents returns, whose error the transport's next read gets, or when
// the transport closes the body (the call failed, or its context ended),
// which fails the writes.
func RequestBody[E any](s *EventStream[E], initial *EventMessage, event func(E) (EventMessage, error)) func(seal func([]byte) ([]byte, error)) io.ReadCloser {
	return func(seal func([]byte) ([]byte, error)) io.ReadCloser {
		pr, pw := io.Pipe()
		go func() { pw.CloseWithError(WriteEvents(pw, seal, s, initial, event)) }()
		return pr
	}
}

// WriteEvents writes the events of s to w, as a client sends an input's
// event stream: first initial, when it is not nil (the RPC protocols'
// "initial-request" event), then each event as the message event frames
// it, each passed through seal before it is written (see package call's
// EventBody: seal signs a message when the call is signed), and at the end
// what seal(nil) returns, the signed empty message that ends a signed
// stream. A nil s sends no events. WriteEvents closes s. An error s yields
// (the sequence the caller gave failed), a panic in that sequence, an
// event that does not frame, or a write that fails ends the writing with
// that error.
func WriteEvents[E any](w io.Writer, seal func([]byte) ([]byte, error), s *EventStream[E], initial *EventMessage, event func(E) (EventMessage, error)) error {
	if s != nil {
		defer s.Close()
	}
	var buf []byte
	send := func(m *EventMessage) error {
		var msg []byte
		if m != nil {
			var err error
			if buf, err = AppendEventMessage(buf[:0], *m); err != nil {
				return err
			}
			msg = buf
		}
		sealed, err := seal(msg)
		if err != nil || len(sealed) == 0 {
			return err
		}
		_, err = w.Write(sealed)
		return err
	}
	if initial != nil {
		if err := send(initial); err != nil {
			return err
		}
	}
	for s != nil {
		e, err, panicked := recvRecovered(s)
		if panicked != nil {
			// In the goroutine that writes the body, a panic would end
			// the program: it fails the call instead.
			return panicked
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		m, err := event(e)
		if err != nil {
			return err
		}
		if err := send(&m); err != nil {
			return err
		}
	}
	return send(nil)
}

// recvRecovered is s.Recv with a panic of the sequence s pulls from (a
// server's handler's, which iter.Pull2 passes on to Recv) returned as
// panicked: the stream then ends as an internal failure, and SendEvents
// returns the panic for the server to log, rather than the panic cutting
// the connection off.
func recvRecovered[E any](s *EventStream[E]) (e E, err, panicked error) {
	defer func() {
		if v := recover(); v != nil {
			panicked = fmt.Errorf("eventstream: panic in the event sequence: %v", v)
		}
	}()
	e, err = s.Recv()
	return e, err, nil
}

// errEventStreamClosed is what Recv returns after Close.
var errEventStreamClosed = errors.New("eventstream: the event stream is closed")

// EventStreamError is an error event the service's model does not name: a
// message of type "error" (with its :error-code and :error-message), or an
// exception of a type the client does not know.
type EventStreamError struct {
	Code    string // the :error-code or :exception-type
	Message string // the :error-message, or an exception's payload
}

func (e *EventStreamError) Error() string {
	if e.Message == "" {
		return "event stream error " + e.Code
	}
	return "event stream error " + e.Code + ": " + e.Message
}

// UnmodeledEventError returns the error of a message of type "error" or of
// an exception the model does not name, or, for a message of no type or
// another, or an event of no type, the error that says so.
func UnmodeledEventError(m *EventMessage) error {
	switch t := m.Text(":message-type"); t {
	case "event":
		return errors.New("eventstream: an event without an :event-type string header")
	case "error":
		return &EventStreamError{Code: m.Text(":error-code"), Message: m.Text(":error-message")}
	case "exception":
		return &EventStreamError{Code: m.Text(":exception-type"), Message: string(m.Payload)}
	case "":
		return errors.New("eventstream: a message without a :message-type string header")
	default:
		return fmt.Errorf("eventstream: a message of unknown :message-type %q", t)
	}
}
