// Package eventstream reads and writes the messages of the binary framing
// that Smithy's event streams use over HTTP with the AWS protocols
// (application/vnd.amazon.eventstream): each message is a prelude with its
// lengths and their CRC-32, typed headers, a payload and the CRC-32 of all
// that came before. It also holds EventStream, the stream of events a
// client reads from a response, which generated code gives the function
// that turns a message into an event: what the headers and payload of an
// event mean (":message-type", ":event-type", the payload's codec) depends
// on the model.
package eventstream

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"time"
	"unicode/utf8"
)

// HeaderType is the type of a header's value, as the framing writes it.
type HeaderType uint8

// The types of header values.
const (
	HeaderTrue      HeaderType = 0 // a boolean true, with no value bytes
	HeaderFalse     HeaderType = 1 // a boolean false, with no value bytes
	HeaderByte      HeaderType = 2 // a signed 8-bit integer
	HeaderShort     HeaderType = 3 // a signed 16-bit integer
	HeaderInteger   HeaderType = 4 // a signed 32-bit integer
	HeaderLong      HeaderType = 5 // a signed 64-bit integer
	HeaderBytes     HeaderType = 6 // up to MaxEventHeaderValue bytes
	HeaderString    HeaderType = 7 // up to MaxEventHeaderValue bytes of UTF-8
	HeaderTimestamp HeaderType = 8 // milliseconds since the Unix epoch, as a signed 64-bit integer
	HeaderUUID      HeaderType = 9 // 16 bytes
)

// headerTypeNames are the types' names in errors.
var headerTypeNames = [...]string{"true", "false", "byte", "short", "integer", "long", "bytes", "string", "timestamp", "uuid"}

// String returns the type's name.
func (t HeaderType) String() string {
	if int(t) < len(headerTypeNames) {
		return headerTypeNames[t]
	}
	return fmt.Sprintf("type %d", uint8(t))
}

// Limits of the framing. A message written must keep to them, as the
// services check; a message read is not held to the size limits, as the
// specification asks of clients (a service's headers and payload may
// grow).
const (
	// MaxEventHeaderName is the longest header name: its length is one byte.
	MaxEventHeaderName = 255
	// MaxEventHeaderValue is the longest byte-array or string header value.
	MaxEventHeaderValue = 1<<15 - 1
	// MaxEventHeaders is the most bytes a message's headers may take.
	MaxEventHeaders = 128 << 10
	// MaxEventPayload is the longest payload of a message.
	MaxEventPayload = 24 << 20

	// eventPreludeLen is the bytes before the headers: the total length, the
	// headers' length and the CRC-32 of those eight bytes.
	eventPreludeLen = 12
	// minEventMessageLen is a message with no headers and no payload: the
	// prelude and the message's CRC-32.
	minEventMessageLen = eventPreludeLen + 4
)

// HeaderValue is a header's value: Type says which of its fields holds it.
type HeaderValue struct {
	Type HeaderType
	// Int is the value of TypeByte, TypeShort, TypeInteger, TypeLong and
	// TypeTimestamp (milliseconds since the Unix epoch).
	Int int64
	// Bytes is the value of TypeBytes, TypeString and TypeUUID. A decoded
	// message's values share its memory.
	Bytes []byte
}

// BoolHeader returns a boolean value.
func BoolHeader(b bool) HeaderValue {
	if b {
		return HeaderValue{Type: HeaderTrue}
	}
	return HeaderValue{Type: HeaderFalse}
}

// ByteHeader returns a byte value.
func ByteHeader(v int8) HeaderValue { return HeaderValue{Type: HeaderByte, Int: int64(v)} }

// ShortHeader returns a short value.
func ShortHeader(v int16) HeaderValue { return HeaderValue{Type: HeaderShort, Int: int64(v)} }

// IntegerHeader returns an integer value.
func IntegerHeader(v int32) HeaderValue { return HeaderValue{Type: HeaderInteger, Int: int64(v)} }

// LongHeader returns a long value.
func LongHeader(v int64) HeaderValue { return HeaderValue{Type: HeaderLong, Int: v} }

// BytesHeader returns a byte-array value. An empty one has nil Bytes, as a
// decoded one does.
func BytesHeader(b []byte) HeaderValue {
	if len(b) == 0 {
		b = nil
	}
	return HeaderValue{Type: HeaderBytes, Bytes: b}
}

// StringHeader returns a string value. An empty one has nil Bytes, as a decoded
// one does.
func StringHeader(s string) HeaderValue {
	if s == "" {
		return HeaderValue{Type: HeaderString}
	}
	return HeaderValue{Type: HeaderString, Bytes: []byte(s)}
}

// TimestampHeader returns a timestamp value, to the millisecond.
func TimestampHeader(t time.Time) HeaderValue {
	return HeaderValue{Type: HeaderTimestamp, Int: t.UnixMilli()}
}

// UUIDHeader returns a UUID value.
func UUIDHeader(u [16]byte) HeaderValue { return HeaderValue{Type: HeaderUUID, Bytes: u[:]} }

// Bool reports whether v is a boolean, and which.
func (v HeaderValue) Bool() (b, ok bool) {
	return v.Type == HeaderTrue, v.Type == HeaderTrue || v.Type == HeaderFalse
}

// Text returns the value of a string header, and whether v is one.
func (v HeaderValue) Text() (string, bool) {
	if v.Type != HeaderString {
		return "", false
	}
	return string(v.Bytes), true
}

// Time returns the value of a timestamp header, in UTC, and whether v is one.
func (v HeaderValue) Time() (time.Time, bool) {
	if v.Type != HeaderTimestamp {
		return time.Time{}, false
	}
	return time.UnixMilli(v.Int).UTC(), true
}

// EventHeader is one header of a message.
type EventHeader struct {
	Name  string
	Value HeaderValue
}

// EventMessage is one message of an event stream.
type EventMessage struct {
	// Headers are in the order they are written. Names are not unique by
	// the framing's rules; Get returns the first of a name.
	Headers []EventHeader
	Payload []byte
}

// Get returns the value of the first header named name.
func (m *EventMessage) Get(name string) (HeaderValue, bool) {
	for _, h := range m.Headers {
		if h.Name == name {
			return h.Value, true
		}
	}
	return HeaderValue{}, false
}

// Text returns the value of the first header named name if it is a
// string, or "".
func (m *EventMessage) Text(name string) string {
	v, _ := m.Get(name)
	s, _ := v.Text()
	return s
}

// Typed returns the first header named name, and whether there is one,
// when its value is of type want (HeaderTrue stands for both booleans);
// a header of another type is an error, as a member bound to it cannot
// hold its value.
func (m *EventMessage) Typed(name string, want HeaderType) (HeaderValue, bool, error) {
	v, ok := m.Get(name)
	switch {
	case !ok:
		return v, false, nil
	case v.Type == want, want == HeaderTrue && v.Type == HeaderFalse:
		return v, true, nil
	}
	wantName := want.String()
	if want == HeaderTrue {
		wantName = "boolean"
	}
	return v, false, fmt.Errorf("eventstream: header %q is of type %s, not %s", name, v.Type, wantName)
}

// Add appends the header name with value v.
func (m *EventMessage) Add(name string, v HeaderValue) {
	m.Headers = append(m.Headers, EventHeader{Name: name, Value: v})
}

// NewEventMessage returns a message of the given :message-type ("event",
// "exception" or "error") whose type header (:event-type, :exception-type
// or :error-code) is tag.
func NewEventMessage(messageType, tag string) EventMessage {
	typeHeader := ":event-type"
	switch messageType {
	case "exception":
		typeHeader = ":exception-type"
	case "error":
		typeHeader = ":error-code"
	}
	return EventMessage{Headers: []EventHeader{
		{Name: ":message-type", Value: StringHeader(messageType)},
		{Name: typeHeader, Value: StringHeader(tag)},
	}}
}

// ErrEventChecksum is the error, wrapped, of a message whose prelude or whole
// does not have the CRC-32 it carries.
var ErrEventChecksum = errors.New("eventstream: checksum mismatch")

// errEventShort is a message cut off by the end of its input.
var errEventShort = io.ErrUnexpectedEOF

// EventFormatError is a message that does not follow the framing.
type EventFormatError struct {
	Offset int // where in the message the fault is
	Msg    string
}

func (e *EventFormatError) Error() string {
	return fmt.Sprintf("eventstream: malformed message at byte %d: %s", e.Offset, e.Msg)
}

// AppendEventMessage appends m, framed, to dst. It fails on a message the
// framing cannot carry: a name empty or longer than MaxEventHeaderName, a value
// too long or of an unknown type, a UUID not of 16 bytes, headers longer
// than MaxEventHeaders or a payload longer than MaxEventPayload.
func AppendEventMessage(dst []byte, m EventMessage) ([]byte, error) {
	start := len(dst)
	dst = append(dst, make([]byte, eventPreludeLen)...)
	for _, h := range m.Headers {
		var err error
		if dst, err = appendEventHeader(dst, h); err != nil {
			return dst[:start], err
		}
	}
	headers := len(dst) - start - eventPreludeLen
	if headers > MaxEventHeaders {
		return dst[:start], fmt.Errorf("eventstream: headers of %d bytes, more than %d", headers, MaxEventHeaders)
	}
	if len(m.Payload) > MaxEventPayload {
		return dst[:start], fmt.Errorf("eventstream: payload of %d bytes, more than %d", len(m.Payload), MaxEventPayload)
	}
	dst = append(dst, m.Payload...)
	total := len(dst) - start + 4
	p := dst[start:]
	binary.BigEndian.PutUint32(p[0:], uint32(total))
	binary.BigEndian.PutUint32(p[4:], uint32(headers))
	binary.BigEndian.PutUint32(p[8:], crc32.ChecksumIEEE(p[:8]))
	return binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(p)), nil
}

// appendEventHeader appends h as the framing writes a header.
func appendEventHeader(dst []byte, h EventHeader) ([]byte, error) {
	if len(h.Name) == 0 || len(h.Name) > MaxEventHeaderName {
		return dst, fmt.Errorf("eventstream: header name of %d bytes (1 to %d)", len(h.Name), MaxEventHeaderName)
	}
	dst = append(dst, byte(len(h.Name)))
	dst = append(dst, h.Name...)
	v := h.Value
	dst = append(dst, byte(v.Type))
	switch v.Type {
	case HeaderTrue, HeaderFalse:
	case HeaderByte:
		dst = append(dst, byte(int8(v.Int)))
	case HeaderShort:
		dst = binary.BigEndian.AppendUint16(dst, uint16(int16(v.Int)))
	case HeaderInteger:
		dst = binary.BigEndian.AppendUint32(dst, uint32(int32(v.Int)))
	case HeaderLong, HeaderTimestamp:
		dst = binary.BigEndian.AppendUint64(dst, uint64(v.Int))
	case HeaderBytes, HeaderString:
		if len(v.Bytes) > MaxEventHeaderValue {
			return dst, fmt.Errorf("eventstream: header %q: value of %d bytes, more than %d", h.Name, len(v.Bytes), MaxEventHeaderValue)
		}
		dst = binary.BigEndian.AppendUint16(dst, uint16(len(v.Bytes)))
		dst = append(dst, v.Bytes...)
	case HeaderUUID:
		if len(v.Bytes) != 16 {
			return dst, fmt.Errorf("eventstream: header %q: UUID of %d bytes, not 16", h.Name, len(v.Bytes))
		}
		dst = append(dst, v.Bytes...)
	default:
		return dst, fmt.Errorf("eventstream: header %q: unknown value type %d", h.Name, v.Type)
	}
	return dst, nil
}

// DecodeEventMessage reads the message at the start of b, and returns it
// with the number of bytes it took. The message's values and payload share
// b's memory. A b that ends before the message does is
// io.ErrUnexpectedEOF.
func DecodeEventMessage(b []byte) (EventMessage, int, error) {
	if len(b) < eventPreludeLen {
		return EventMessage{}, 0, errEventShort
	}
	total, headers, err := eventPrelude(b)
	if err != nil {
		return EventMessage{}, 0, err
	}
	if len(b) < total {
		return EventMessage{}, 0, errEventShort
	}
	m, err := decodeEventBody(b[:total], headers)
	return m, total, err
}

// eventPrelude checks the twelve bytes of b's prelude and returns the
// message's total length and its headers' length.
func eventPrelude(b []byte) (total, headers int, err error) {
	if got, want := crc32.ChecksumIEEE(b[:8]), binary.BigEndian.Uint32(b[8:]); got != want {
		return 0, 0, fmt.Errorf("%w: prelude CRC-32 %08x, computed %08x", ErrEventChecksum, want, got)
	}
	t, h := binary.BigEndian.Uint32(b), binary.BigEndian.Uint32(b[4:])
	if t < minEventMessageLen || uint64(t) < uint64(minEventMessageLen)+uint64(h) {
		return 0, 0, &EventFormatError{0, fmt.Sprintf("total length %d, too short for %d bytes of headers", t, h)}
	}
	return int(t), int(h), nil
}

// decodeEventBody reads the message b, whose prelude is checked, with headers
// bytes of headers.
func decodeEventBody(b []byte, headers int) (EventMessage, error) {
	end := len(b) - 4
	if got, want := crc32.ChecksumIEEE(b[:end]), binary.BigEndian.Uint32(b[end:]); got != want {
		return EventMessage{}, fmt.Errorf("%w: message CRC-32 %08x, computed %08x", ErrEventChecksum, want, got)
	}
	hs, err := decodeEventHeaders(b[:eventPreludeLen+headers], eventPreludeLen)
	if err != nil {
		return EventMessage{}, err
	}
	m := EventMessage{Headers: hs}
	if p := b[eventPreludeLen+headers : end]; len(p) > 0 {
		m.Payload = p[:len(p):len(p)]
	}
	return m, nil
}

// decodeEventHeaders reads the headers of b from offset i to its end.
func decodeEventHeaders(b []byte, i int) ([]EventHeader, error) {
	var hs []EventHeader
	for i < len(b) {
		at := i
		n := int(b[i])
		i++
		if n == 0 || i+n+1 > len(b) {
			return nil, &EventFormatError{at, fmt.Sprintf("header name of %d bytes in %d left", n, len(b)-i)}
		}
		name := b[i : i+n]
		if !utf8.Valid(name) {
			return nil, &EventFormatError{at, "header name is not UTF-8"}
		}
		i += n
		v := HeaderValue{Type: HeaderType(b[i])}
		i++
		size := 0
		switch v.Type {
		case HeaderTrue, HeaderFalse:
		case HeaderByte:
			size = 1
		case HeaderShort:
			size = 2
		case HeaderInteger:
			size = 4
		case HeaderLong, HeaderTimestamp:
			size = 8
		case HeaderUUID:
			size = 16
		case HeaderBytes, HeaderString:
			if i+2 > len(b) {
				return nil, &EventFormatError{i, fmt.Sprintf("header %q: no room for a value's length", name)}
			}
			size = int(binary.BigEndian.Uint16(b[i:]))
			i += 2
		default:
			return nil, &EventFormatError{i - 1, fmt.Sprintf("header %q: unknown value type %d", name, v.Type)}
		}
		if i+size > len(b) {
			return nil, &EventFormatError{i, fmt.Sprintf("header %q: %s value of %d bytes in %d left", name, v.Type, size, len(b)-i)}
		}
		p := b[i : i+size]
		switch v.Type {
		case HeaderByte:
			v.Int = int64(int8(p[0]))
		case HeaderShort:
			v.Int = int64(int16(binary.BigEndian.Uint16(p)))
		case HeaderInteger:
			v.Int = int64(int32(binary.BigEndian.Uint32(p)))
		case HeaderLong, HeaderTimestamp:
			v.Int = int64(binary.BigEndian.Uint64(p))
		case HeaderString:
			if !utf8.Valid(p) {
				return nil, &EventFormatError{i, fmt.Sprintf("header %q: string value is not UTF-8", name)}
			}
			fallthrough
		case HeaderBytes, HeaderUUID:
			if size > 0 {
				v.Bytes = p[:size:size]
			}
		}
		i += size
		hs = append(hs, EventHeader{Name: string(name), Value: v})
	}
	return hs, nil
}
