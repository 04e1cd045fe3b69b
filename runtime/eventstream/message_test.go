package eventstream

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/gjson"

	"github.com/smithygo/smithygo/internal/shapes"
)

// eventProtocolTestModel is the official restJson1 protocol test model (see
// ../../../shared/testdata/protocol-tests/SOURCE.md), read in place, whose
// event-stream tests give messages as bytes with their headers and body.
var eventProtocolTestModel = []string{
	"../../../shared/testdata/protocol-tests/smithy-aws-protocol-tests/model",
	"../../../shared/testdata/protocol-tests/smithy-aws-traits",
	"../../../shared/testdata/protocol-tests/smithy-protocol-test-traits",
	"../../../shared/testdata/protocol-tests/smithy-validation-model",
}

// eventVector is one event of an eventStreamTests case that has bytes.
type eventVector struct {
	id      string // the case's id and the event's index
	bytes   []byte
	headers gjson.Result // name → {type: value}, in the order the case writes them
	body    *string      // the payload, when the case gives it
}

// eventProtocolVectors returns every event of the protocol tests' event-stream
// cases that gives the message's bytes.
func eventProtocolVectors(t *testing.T) []eventVector {
	t.Helper()
	if _, err := os.Stat(eventProtocolTestModel[0]); err != nil {
		t.Skipf("the protocol tests are read from ../shared, which is absent here: %v", err)
	}
	m, err := shapes.LoadFiles(eventProtocolTestModel...)
	if err != nil {
		t.Fatal(err)
	}
	var out []eventVector
	for s := range m.Shapes() {
		raw, ok := s.Traits.Raw("smithy.test#eventStreamTests")
		if !ok {
			continue
		}
		for _, c := range gjson.Parse(raw).Array() {
			for i, e := range c.Get("events").Array() {
				if !e.Get("bytes").Exists() {
					continue
				}
				b, err := base64.StdEncoding.DecodeString(e.Get("bytes").String())
				if err != nil {
					t.Fatalf("%s: bytes: %v", c.Get("id"), err)
				}
				ev := eventVector{id: fmt.Sprintf("%s[%d]", c.Get("id"), i), bytes: b, headers: e.Get("headers")}
				if body := e.Get("body"); body.Exists() {
					s := body.String()
					ev.body = &s
				}
				out = append(out, ev)
			}
		}
	}
	return out
}

// expectedEventHeader is the Value the test case's {type: value} stands for.
func expectedEventHeader(t *testing.T, id, name string, v gjson.Result) HeaderValue {
	t.Helper()
	var out HeaderValue
	v.ForEach(func(kind, x gjson.Result) bool {
		switch kind.String() {
		case "boolean":
			out = BoolHeader(x.Bool())
		case "byte":
			out = ByteHeader(int8(x.Int()))
		case "short":
			out = ShortHeader(int16(x.Int()))
		case "integer":
			out = IntegerHeader(int32(x.Int()))
		case "long":
			out = LongHeader(x.Int())
		case "string":
			out = StringHeader(x.String())
		case "blob":
			b, err := base64.StdEncoding.DecodeString(x.String())
			if err != nil {
				t.Fatalf("%s: header %s: %v", id, name, err)
			}
			out = BytesHeader(b)
		case "timestamp":
			ts, err := time.Parse(time.RFC3339, x.String())
			if err != nil {
				t.Fatalf("%s: header %s: %v", id, name, err)
			}
			out = TimestampHeader(ts)
		default:
			t.Fatalf("%s: header %s: unknown kind %s", id, name, kind)
		}
		return false
	})
	return out
}

// TestProtocolVectors decodes the message of every event of the official
// event-stream protocol tests that gives its bytes, checks its headers and
// payload against those the case lists, and frames the case's headers and
// body again: the same bytes.
func TestProtocolVectors(t *testing.T) {
	vectors := eventProtocolVectors(t)
	if len(vectors) < 50 {
		t.Fatalf("found %d event-stream vectors; the protocol tests have more than 50", len(vectors))
	}
	t.Logf("%d messages", len(vectors))
	for _, v := range vectors {
		m, n, err := DecodeEventMessage(v.bytes)
		if err != nil {
			t.Errorf("%s: %v", v.id, err)
			continue
		}
		if n != len(v.bytes) {
			t.Errorf("%s: message of %d bytes in %d", v.id, n, len(v.bytes))
		}
		var want EventMessage
		v.headers.ForEach(func(name, value gjson.Result) bool {
			want.Headers = append(want.Headers, EventHeader{name.String(), expectedEventHeader(t, v.id, name.String(), value)})
			return true
		})
		if !reflect.DeepEqual(m.Headers, want.Headers) {
			t.Errorf("%s: headers\n got %v\nwant %v", v.id, m.Headers, want.Headers)
		}
		if v.body != nil {
			want.Payload = []byte(*v.body)
			if string(m.Payload) != *v.body {
				t.Errorf("%s: payload %q, want %q", v.id, m.Payload, *v.body)
			}
		} else {
			want.Payload = m.Payload
		}
		b, err := AppendEventMessage(nil, want)
		if err != nil {
			t.Errorf("%s: %v", v.id, err)
		} else if !bytes.Equal(b, v.bytes) {
			t.Errorf("%s: framed again as\n%x\nwant\n%x", v.id, b, v.bytes)
		}
	}
}

// randomEventMessage makes a message with headers of every type and a payload.
func randomEventMessage(r *rand.Rand) EventMessage {
	var m EventMessage
	for i := range r.IntN(8) {
		name := fmt.Sprintf("h%d-%s", i, bytes.Repeat([]byte("x"), r.IntN(40)))
		var v HeaderValue
		switch HeaderType(r.IntN(10)) {
		case HeaderTrue, HeaderFalse:
			v = BoolHeader(r.IntN(2) == 0)
		case HeaderByte:
			v = ByteHeader(int8(r.Uint32()))
		case HeaderShort:
			v = ShortHeader(int16(r.Uint32()))
		case HeaderInteger:
			v = IntegerHeader(int32(r.Uint32()))
		case HeaderLong:
			v = LongHeader(int64(r.Uint64()))
		case HeaderBytes:
			v = BytesHeader(bytes.Repeat([]byte{byte(r.Uint32())}, r.IntN(300)))
		case HeaderString:
			v = StringHeader(string(bytes.Repeat([]byte("é"), r.IntN(100))))
		case HeaderTimestamp:
			v = TimestampHeader(time.UnixMilli(r.Int64N(1 << 45)))
		case HeaderUUID:
			var u [16]byte
			for j := range u {
				u[j] = byte(r.Uint32())
			}
			v = UUIDHeader(u)
		}
		m.Headers = append(m.Headers, EventHeader{name, v})
	}
	if n := r.IntN(2000); n > 0 {
		m.Payload = bytes.Repeat([]byte{byte(n)}, n)
	}
	return m
}

// TestRoundTrip frames random messages one after another and reads them
// back, with DecodeEventMessage and with an EventReader given the stream a
// byte at a time.
func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var stream bytes.Buffer
	w := NewEventWriter(&stream)
	var sent []EventMessage
	for range 200 {
		m := randomEventMessage(r)
		if err := w.WriteMessage(m); err != nil {
			t.Fatal(err)
		}
		sent = append(sent, m)
	}
	rest := stream.Bytes()
	for i, want := range sent {
		m, n, err := DecodeEventMessage(rest)
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if !reflect.DeepEqual(m, want) {
			t.Fatalf("message %d: Decode gives headers %v and %d bytes of payload, want %v and %d", i, m.Headers, len(m.Payload), want.Headers, len(want.Payload))
		}
		rest = rest[n:]
	}
	rd := NewEventReader(oneByteEventReader{bytes.NewReader(stream.Bytes())})
	for i, want := range sent {
		m, err := rd.ReadMessage()
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if !reflect.DeepEqual(m, want) {
			t.Fatalf("message %d: ReadMessage gives headers %v and %d bytes of payload, want %v and %d", i, m.Headers, len(m.Payload), want.Headers, len(want.Payload))
		}
	}
	if _, err := rd.ReadMessage(); err != io.EOF {
		t.Fatalf("after the last message: %v, want io.EOF", err)
	}
}

// oneByteEventReader reads a byte at a time, as a slow network might.
type oneByteEventReader struct{ r io.Reader }

func (o oneByteEventReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}

// TestCorruption flips every bit of a framed message in turn: each flip is
// an error (a checksum's, or the framing's), never a different message.
func TestCorruption(t *testing.T) {
	m := EventMessage{Headers: []EventHeader{{":message-type", StringHeader("event")}, {"n", IntegerHeader(7)}, {"u", UUIDHeader([16]byte{1, 2})}}, Payload: []byte(`{"a":1}`)}
	b, err := AppendEventMessage(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	for i := range len(b) * 8 {
		c := bytes.Clone(b)
		c[i/8] ^= 1 << (i % 8)
		got, _, err := DecodeEventMessage(c)
		if err == nil {
			t.Fatalf("bit %d flipped: decoded %v", i, got)
		}
		if _, err := NewEventReader(bytes.NewReader(c)).ReadMessage(); err == nil {
			t.Fatalf("bit %d flipped: the Reader read a message", i)
		}
	}
	if _, _, err := DecodeEventMessage(b[:len(b)-1]); err != io.ErrUnexpectedEOF {
		t.Fatalf("cut short: %v, want io.ErrUnexpectedEOF", err)
	}
	if _, err := NewEventReader(bytes.NewReader(b[:20])).ReadMessage(); err != io.ErrUnexpectedEOF {
		t.Fatalf("cut short: %v, want io.ErrUnexpectedEOF", err)
	}
	b[len(b)-1] ^= 1
	if _, _, err := DecodeEventMessage(b); !errors.Is(err, ErrEventChecksum) {
		t.Fatalf("message CRC-32 changed: %v, want ErrChecksum", err)
	}
}

// TestMalformedHeaders frames headers that break the framing's rules with
// valid checksums: each is a EventFormatError naming where.
func TestMalformedHeaders(t *testing.T) {
	for _, tc := range []struct {
		name    string
		headers []byte
	}{
		{"empty name", []byte{0, 7, 0, 0}},
		{"name past the end", []byte{9, 'a', 'b'}},
		{"unknown type", []byte{1, 'a', 10}},
		{"int past the end", []byte{1, 'a', byte(HeaderInteger), 0, 0}},
		{"string past the end", []byte{1, 'a', byte(HeaderString), 0, 5, 'x'}},
		{"string not UTF-8", []byte{1, 'a', byte(HeaderString), 0, 1, 0xff}},
		{"name not UTF-8", []byte{1, 0xff, byte(HeaderTrue)}},
		{"no room for a length", []byte{1, 'a', byte(HeaderBytes), 0}},
		{"uuid short", []byte{1, 'a', byte(HeaderUUID), 1, 2, 3}},
	} {
		b := frameEvent(tc.headers, nil)
		_, _, err := DecodeEventMessage(b)
		var fe *EventFormatError
		if !errors.As(err, &fe) {
			t.Errorf("%s: %v, want a FormatError", tc.name, err)
		}
	}
	for _, tc := range []struct {
		name string
		m    EventMessage
	}{
		{"empty name", EventMessage{Headers: []EventHeader{{"", BoolHeader(true)}}}},
		{"long name", EventMessage{Headers: []EventHeader{{string(bytes.Repeat([]byte("n"), 256)), BoolHeader(true)}}}},
		{"long value", EventMessage{Headers: []EventHeader{{"a", BytesHeader(make([]byte, MaxEventHeaderValue+1))}}}},
		{"uuid of 15", EventMessage{Headers: []EventHeader{{"a", HeaderValue{Type: HeaderUUID, Bytes: make([]byte, 15)}}}}},
		{"unknown type", EventMessage{Headers: []EventHeader{{"a", HeaderValue{Type: 10}}}}},
		{"long payload", EventMessage{Payload: make([]byte, MaxEventPayload+1)}},
	} {
		if b, err := AppendEventMessage([]byte("kept"), tc.m); err == nil || string(b) != "kept" {
			t.Errorf("%s: AppendMessage = %q, %v; want an error and dst as it was", tc.name, b, err)
		}
	}
}

// frameEvent makes a message of raw header bytes and a payload, with valid
// lengths and checksums, whatever the headers hold.
func frameEvent(headers, payload []byte) []byte {
	total := eventPreludeLen + len(headers) + len(payload) + 4
	b := make([]byte, 12, total)
	b[3], b[2], b[1] = byte(total), byte(total>>8), byte(total>>16)
	b[7], b[6], b[5] = byte(len(headers)), byte(len(headers)>>8), byte(len(headers)>>16)
	c := crc32.ChecksumIEEE(b[:8])
	b[8], b[9], b[10], b[11] = byte(c>>24), byte(c>>16), byte(c>>8), byte(c)
	b = append(b, headers...)
	b = append(b, payload...)
	c = crc32.ChecksumIEEE(b)
	return append(b, byte(c>>24), byte(c>>16), byte(c>>8), byte(c))
}

// FuzzDecode reads any input as a message: no panic, and a message read
// is framed again to the same bytes.
func FuzzDecode(f *testing.F) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 8 {
		b, _ := AppendEventMessage(nil, randomEventMessage(r))
		f.Add(b)
	}
	f.Add(frameEvent([]byte{1, 'a', byte(HeaderString), 0, 1, 'x'}, []byte("p")))
	f.Fuzz(func(t *testing.T, in []byte) {
		m, n, err := DecodeEventMessage(in)
		if err != nil {
			return
		}
		b, err := AppendEventMessage(nil, m)
		if err != nil {
			t.Fatalf("a decoded message does not frame: %v", err)
		}
		if !bytes.Equal(b, in[:n]) {
			t.Fatalf("framed again as %x, read from %x", b, in[:n])
		}
	})
}

// TestLargeMessages reads a message larger than the memory the reader
// takes ahead, and a header value longer than a writer may write (the
// limits bind writers, not readers); and a prelude that claims a gigabyte
// and ends there costs no gigabyte.
func TestLargeMessages(t *testing.T) {
	big := EventMessage{Headers: []EventHeader{{"n", IntegerHeader(1)}}, Payload: bytes.Repeat([]byte("x"), 3*eventReadAhead+5)}
	b, err := AppendEventMessage(nil, big)
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewEventReader(bytes.NewReader(b)).ReadMessage()
	if err != nil || !bytes.Equal(m.Payload, big.Payload) {
		t.Fatalf("large message: %v", err)
	}

	value := bytes.Repeat([]byte("v"), MaxEventHeaderValue+100)
	raw := append([]byte{1, 'h', byte(HeaderBytes), byte(len(value) >> 8), byte(len(value))}, value...)
	m, _, err = DecodeEventMessage(frameEvent(raw, nil))
	if err != nil || len(m.Headers) != 1 || !bytes.Equal(m.Headers[0].Value.Bytes, value) {
		t.Fatalf("long header value: %v", err)
	}

	lying := frameEvent(nil, nil)[:eventPreludeLen]
	lying[0], lying[1], lying[2], lying[3] = 0x40, 0, 0, 0 // 1 GiB
	c := crc32.ChecksumIEEE(lying[:8])
	lying[8], lying[9], lying[10], lying[11] = byte(c>>24), byte(c>>16), byte(c>>8), byte(c)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = NewEventReader(bytes.NewReader(lying)).ReadMessage()
	runtime.ReadMemStats(&after)
	if err != io.ErrUnexpectedEOF {
		t.Fatalf("a gigabyte that never comes: %v, want io.ErrUnexpectedEOF", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4*eventReadAhead {
		t.Fatalf("a gigabyte that never comes took %d bytes", alloc)
	}
}

// TestTypedAndAdd: Typed finds a header of the type asked for (either
// boolean for HeaderTrue), refuses another type naming both, and reports
// an absent one; NewEventMessage and Add build what Typed reads.
func TestTypedAndAdd(t *testing.T) {
	m := NewEventMessage("exception", "Throttled")
	m.Add("n", IntegerHeader(7))
	m.Add("f", BoolHeader(false))
	if got := m.Text(":exception-type"); got != "Throttled" || m.Text(":message-type") != "exception" {
		t.Fatalf("headers %v", m.Headers)
	}
	if v, ok, err := m.Typed("n", HeaderInteger); !ok || err != nil || v.Int != 7 {
		t.Errorf("n: %v %v %v", v, ok, err)
	}
	if v, ok, err := m.Typed("f", HeaderTrue); !ok || err != nil || v.Type != HeaderFalse {
		t.Errorf("f as a boolean: %v %v %v", v, ok, err)
	}
	if _, ok, err := m.Typed("n", HeaderTrue); ok || err == nil || !strings.Contains(err.Error(), `"n" is of type integer, not boolean`) {
		t.Errorf("n as a boolean: %v %v", ok, err)
	}
	if _, ok, err := m.Typed("absent", HeaderString); ok || err != nil {
		t.Errorf("absent: %v %v", ok, err)
	}
	if e := NewEventMessage("error", "X"); e.Text(":error-code") != "X" {
		t.Errorf("error message %v", e.Headers)
	}
}
