package eventstream

import "io"

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
	buf := make([]byte, total)
	copy(buf, r.pre[:])
	if _, err := io.ReadFull(r.r, buf[eventPreludeLen:]); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return EventMessage{}, err
	}
	return decodeEventBody(buf, headers)
}

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
