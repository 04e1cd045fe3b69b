package sigv4

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"strings"
	"testing"
	"time"
)

// The chain of aws-sdk-go-v2's TestStreamSigner_GetSignature
// (aws/signer/v4/stream_test.go): three messages and the empty end of the
// stream, the expected signatures copied from there. Its "headers" are
// arbitrary bytes rather than a :date header, so the messages are signed
// with sign, which takes the headers as given. Its seed is the 12 bytes
// "foobarbazqux" (hex-encoded in the string to sign), not a signature:
// NewEventChain refuses it, and the chain is made without the checks.
func TestEventChainGoV2Vector(t *testing.T) {
	seed := hex.EncodeToString([]byte("foobarbazqux"))
	s := NewSigner()
	if _, err := s.NewEventChain(AccessKey{SecretAccessKey: "SECRET"}, seed, "transcribestreaming", "us-east-1"); !errors.Is(err, errBadSeed) {
		t.Errorf("NewEventChain with a 24-digit seed: err %v, want errBadSeed", err)
	}
	c := newEventChain(&s.keys, "SECRET", seed, "transcribestreaming", "us-east-1")
	for _, m := range []struct {
		name, headers, payload string
		unix                   int64
		want                   string
	}{
		{"first message", "foo", "foo", 10, "e3a136405ec1152f62136742efd41f8639cd647a1cf21fab12aedb22cccd8999"},
		{"second message", "bar", "bar", 20, "92a6ad677e839d3003672cb2cefc71ef80d42e8cb300fefce0807e8398c74068"},
		{"third message", "baz", "baz", 30, "46d6660bd40f2ff5d6246a347895cabe7f4e89d9e1f4c6dad6dabdc801923be1"},
		{"end of stream", "", "", 30, "492bcb3e21de447c85f8a9bef6c0eb833e992e405b9b3584be84edaccc5aad18"},
	} {
		sig := c.sign([]byte(m.headers), []byte(m.payload), time.Unix(m.unix, 0), nil)
		if got := hex.EncodeToString(sig[:]); got != m.want {
			t.Errorf("%s: signature %s, want %s", m.name, got, m.want)
		}
	}
}

// The vector of aws-beam/aws_signature's sign_v4_event_test
// (src/aws_signature.erl): the empty final message of a Transcribe stream,
// its encoded :date header and signature copied from there. It goes through
// the exported API; the time carries milliseconds and another zone, which
// must change neither the header nor the signature.
func TestEventChainAWSBeamVector(t *testing.T) {
	const (
		secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
		prior  = "ce2704cf5f348fd66f179d5883162f223c30b3fb8213fb1bc097bf2ecd34b1b5"
		want   = "29ef82c39850abdcc65f9d6046f3e437e385112b80b7f17b31ba33a7da3cc8af"
	)
	wantHeader := []byte{5, 58, 100, 97, 116, 101, 8, 0, 0, 1, 137, 171, 187, 255, 224}
	c, err := NewSigner().NewEventChain(AccessKey{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: secret}, prior, "transcribe", "us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2023, 7, 31, 11, 36, 12, 345_678_901, time.UTC).In(time.FixedZone("X", -7*3600))
	header, sig := c.Sign(nil, at)
	if !bytes.Equal(header, wantHeader) {
		t.Errorf(":date header %v, want %v", header, wantHeader)
	}
	if got := hex.EncodeToString(sig[:]); got != want {
		t.Errorf("signature %s, want %s", got, want)
	}
}

// The event vector of aws-sdk-js-v3's SignatureV4.spec.ts ("#sign (event)",
// "support event signing", which says it adopts the Ruby SDK's): an empty
// prior signature, and a :date header whose time is not the signing time.
// The expected signature is copied from there.
func TestEventChainJSVector(t *testing.T) {
	const want = "204bb5e2713e95354680e9522986d3ac0304aeafd33397f39e6540ca51ffe226"
	header := []byte{5, 58, 100, 97, 116, 101, 8, 0, 0, 1, 103, 247, 125, 87, 112}
	c := newEventChain(&NewSigner().keys, "secret", "", "SERVICE", "REGION")
	sig := c.sign(header, []byte("foo"), time.UnixMilli(1369353600000), nil)
	if got := hex.EncodeToString(sig[:]); got != want {
		t.Errorf("signature %s, want %s", got, want)
	}
}

// The string to sign of smithy-rs's aws-sigv4 test string_to_sign
// (aws/rust-runtime/aws-sigv4/src/event_stream.rs), copied from there: the
// message signed is an encoded event with one string header, and the time
// has nanoseconds (under a millisecond, so that SDK's header has none).
func TestEventStringToSignRustVector(t *testing.T) {
	const want = "AWS4-HMAC-SHA256-PAYLOAD\n" +
		"19731129T213309Z\n" +
		"19731129/us-east-1/testservice/aws4_request\n" +
		"be1f8c7d79ef8e1abc5254a2c70e4da3bfaf4f07328f527444e1fc6ea67273e2\n" +
		"0c0e3b3bf66b59b976181bd7d401927bbd624107303c713fd1e5f3d3c8dd1b1e\n" +
		"f2eba0f2e95967ee9fbc6db5e678d2fd599229c0d04b11e4fc8e0f2a02a806c6"
	prior := HashHex([]byte("last message sts"))
	c, err := NewSigner().NewEventChain(AccessKey{SecretAccessKey: "secret"}, prior, "testservice", "us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Unix(123_456_789, 1234)
	payload := encodeEvent([][2]string{{"some-header", "value"}}, []byte("test payload"))
	var tr trace
	sig := c.sign(appendDateHeader(nil, at), payload, at, &tr)
	if tr.stringToSign != want {
		t.Errorf("string to sign\n%s\nwant\n%s", tr.stringToSign, want)
	}
	if tr.signature != hex.EncodeToString(sig[:]) {
		t.Errorf("traced signature %s, returned %x", tr.signature, sig)
	}
}

// encodeEvent encodes an event stream message with string headers: the
// prelude (total and headers length, and their CRC-32), the headers, the
// payload and the CRC-32 of it all.
func encodeEvent(headers [][2]string, payload []byte) []byte {
	var h []byte
	for _, kv := range headers {
		h = append(h, byte(len(kv[0])))
		h = append(h, kv[0]...)
		h = append(h, 7) // string
		h = binary.BigEndian.AppendUint16(h, uint16(len(kv[1])))
		h = append(h, kv[1]...)
	}
	b := binary.BigEndian.AppendUint32(nil, uint32(12+len(h)+len(payload)+4))
	b = binary.BigEndian.AppendUint32(b, uint32(len(h)))
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	b = append(b, h...)
	b = append(b, payload...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// handDateHeader encodes the :date header of t, to the second, byte by
// byte.
func handDateHeader(t time.Time) []byte {
	var v [8]byte
	binary.BigEndian.PutUint64(v[:], uint64(t.Truncate(time.Second).UnixMilli()))
	return append([]byte{5, ':', 'd', 'a', 't', 'e', 8}, v[:]...)
}

// handSignature computes an event signature with crypto/hmac from the
// definitions: the signing key derived step by step, and the string to
// sign spelled out with time.Format.
func handSignature(secret, region, service, prev string, header, payload []byte, t time.Time) [32]byte {
	mac := func(key []byte, data string) []byte {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(data))
		return m.Sum(nil)
	}
	t = t.UTC()
	day := t.Format("20060102")
	key := mac(mac(mac(mac([]byte("AWS4"+secret), day), region), service), "aws4_request")
	sts := strings.Join([]string{
		"AWS4-HMAC-SHA256-PAYLOAD",
		t.Format("20060102T150405Z"),
		day + "/" + region + "/" + service + "/aws4_request",
		prev,
		HashHex(header),
		HashHex(payload),
	}, "\n")
	return [32]byte(mac(key, sts))
}

// A stream that crosses midnight, signed with Sign and by hand: each
// message's header and signature must agree, the signing key must change
// with the day, and the key cache must hold one key per day.
func TestEventChainByHand(t *testing.T) {
	const (
		secret  = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
		region  = "us-west-2"
		service = "transcribe"
	)
	seed := HashHex([]byte("the request's signature"))
	s := NewSigner()
	c, err := s.NewEventChain(AccessKey{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: secret}, seed, service, region)
	if err != nil {
		t.Fatal(err)
	}
	audio := make([]byte, 3200)
	for i := range audio {
		audio[i] = byte(i * 7)
	}
	start := time.Date(2024, 12, 31, 23, 59, 59, 900_000_000, time.UTC)
	msgs := []struct {
		payload []byte
		at      time.Time
	}{
		{encodeEvent([][2]string{{":message-type", "event"}, {":event-type", "AudioEvent"}}, audio), start},
		{encodeEvent([][2]string{{":message-type", "event"}, {":event-type", "AudioEvent"}}, audio[:100]), start.Add(50 * time.Millisecond)},
		{encodeEvent([][2]string{{":message-type", "event"}, {":event-type", "AudioEvent"}}, nil), start.Add(150 * time.Millisecond)},
		{nil, start.Add(1100 * time.Millisecond)}, // the end of the stream
	}
	prev := seed
	for i, m := range msgs {
		header, sig := c.Sign(m.payload, m.at)
		if want := handDateHeader(m.at); !bytes.Equal(header, want) {
			t.Errorf("message %d: :date header %x, want %x", i, header, want)
		}
		if ms := int64(binary.BigEndian.Uint64(header[7:])); ms%1000 != 0 {
			t.Errorf("message %d: :date header has milliseconds (%d)", i, ms)
		}
		if want := handSignature(secret, region, service, prev, header, m.payload, m.at); sig != want {
			t.Errorf("message %d: signature %x, want %x", i, sig, want)
		}
		prev = hex.EncodeToString(sig[:])
	}
	if n := s.keys.len(); n != 2 {
		t.Errorf("%d signing keys cached, want 2 (one a day)", n)
	}
}

// The chain advances: the same message at the same time signs differently
// the second time, because the first signature is now the previous one;
// and two chains from the same seed agree.
func TestEventChainAdvances(t *testing.T) {
	seed := HashHex([]byte("seed"))
	creds := AccessKey{AccessKeyID: "AKID", SecretAccessKey: "secret"}
	s := NewSigner()
	a, err := s.NewEventChain(creds, seed, "lex", "eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.NewEventChain(creds, seed, "lex", "eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	payload := []byte("the same message")
	h1, sig1 := a.Sign(payload, at)
	h2, sig2 := a.Sign(payload, at)
	if !bytes.Equal(h1, h2) {
		t.Errorf("the same time gave :date headers %x and %x", h1, h2)
	}
	if sig1 == sig2 {
		t.Errorf("the chain did not advance: both signatures are %x", sig1)
	}
	if want := handSignature("secret", "eu-west-1", "lex", hex.EncodeToString(sig1[:]), h2, payload, at); sig2 != want {
		t.Errorf("second signature %x, want %x (chained from the first)", sig2, want)
	}
	if _, sig := b.Sign(payload, at); sig != sig1 {
		t.Errorf("another chain from the same seed signed %x, want %x", sig, sig1)
	}
}

func TestNewEventChainErrors(t *testing.T) {
	good := HashHex(nil)
	creds := AccessKey{AccessKeyID: "AKID", SecretAccessKey: "secret"}
	for _, tc := range []struct {
		name                  string
		creds                 AccessKey
		seed, service, region string
		want                  error
	}{
		{"no secret", AccessKey{AccessKeyID: "AKID"}, good, "svc", "us-east-1", errNoCreds},
		{"no service", creds, good, "", "us-east-1", errNoScope},
		{"no region", creds, good, "svc", "", errNoScope},
		{"empty seed", creds, "", "svc", "us-east-1", errBadSeed},
		{"short seed", creds, good[:63], "svc", "us-east-1", errBadSeed},
		{"long seed", creds, good + "0", "svc", "us-east-1", errBadSeed},
		{"uppercase seed", creds, strings.ToUpper(good), "svc", "us-east-1", errBadSeed},
		{"not hex", creds, good[:63] + "g", "svc", "us-east-1", errBadSeed},
		{"Authorization header", creds, "Signature=" + good, "svc", "us-east-1", errBadSeed},
	} {
		c, err := NewSigner().NewEventChain(tc.creds, tc.seed, tc.service, tc.region)
		if !errors.Is(err, tc.want) || c != nil {
			t.Errorf("%s: got %v, %v; want nil, %v", tc.name, c, err, tc.want)
		}
	}
	if _, err := NewSigner().NewEventChain(AccessKey{SecretAccessKey: "secret"}, good, "svc", "us-east-1"); err != nil {
		t.Errorf("a secret without an access key ID: %v", err)
	}
}

// Once warm, Sign allocates only the header it returns.
func TestEventChainAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts differ under the race detector")
	}
	c, err := NewSigner().NewEventChain(AccessKey{SecretAccessKey: "secret"}, HashHex(nil), "transcribe", "us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	payload := make([]byte, 3200)
	at := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	c.Sign(payload, at)
	allocs := testing.AllocsPerRun(100, func() {
		at = at.Add(100 * time.Millisecond)
		c.Sign(payload, at)
	})
	if allocs != 1 {
		t.Errorf("Sign allocates %v times, want 1", allocs)
	}
}

// BenchmarkEventChainSign signs 100 ms of 16 kHz 16-bit mono audio, a
// typical Transcribe event, per message.
func BenchmarkEventChainSign(b *testing.B) {
	c, err := NewSigner().NewEventChain(AccessKey{SecretAccessKey: "secret"}, HashHex(nil), "transcribe", "us-east-1")
	if err != nil {
		b.Fatal(err)
	}
	payload := encodeEvent([][2]string{{":message-type", "event"}, {":event-type", "AudioEvent"}}, make([]byte, 3200))
	at := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		c.Sign(payload, at)
	}
}

// Verify accepts the messages a chain signs, in order, with :date headers
// as they came (with milliseconds, as other SDKs send them), and refuses a
// changed payload or signature without losing its place.
func TestEventChainVerify(t *testing.T) {
	s := NewSigner()
	creds := AccessKey{AccessKeyID: "AKID", SecretAccessKey: "secret"}
	seed := strings.Repeat("ab", 32)
	send, err := s.NewEventChain(creds, seed, "svc", "us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	recv, err := s.NewEventChain(creds, seed, "svc", "us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 7, 6, 0, 0, 0, time.UTC)
	for i, payload := range [][]byte{[]byte("one"), []byte("two"), nil} {
		date, sig := send.Sign(payload, at)
		if recv.Verify(date, append(payload, 'x'), at, sig[:]) {
			t.Fatalf("message %d: a changed payload verified", i)
		}
		bad := sig
		bad[0] ^= 1
		if recv.Verify(date, payload, at, bad[:]) {
			t.Fatalf("message %d: a changed signature verified", i)
		}
		if !recv.Verify(date, payload, at, sig[:]) {
			t.Fatalf("message %d did not verify", i)
		}
	}
	// A header with milliseconds is hashed as it came.
	ms := at.Add(1234 * time.Millisecond)
	header := append([]byte{5}, ":date"...)
	header = append(header, 8)
	header = binary.BigEndian.AppendUint64(header, uint64(ms.UnixMilli()))
	sig := send.sign(header, []byte("late"), ms, nil)
	if !recv.Verify(header, []byte("late"), ms, sig[:]) {
		t.Error("a :date header with milliseconds did not verify")
	}
}
