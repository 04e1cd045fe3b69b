package sigv4

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"time"
)

// eventAlgorithm heads the string to sign of an event message.
const eventAlgorithm = "AWS4-HMAC-SHA256-PAYLOAD"

// dateHeaderLen is the length of the encoded :date header: the name's
// length (one byte), the name, the value type and the 8-byte value.
const dateHeaderLen = 1 + len(":date") + 1 + 8

// typeTimestamp is the event stream header value type of a timestamp,
// milliseconds since the Unix epoch as a big-endian int64.
const typeTimestamp = 8

var errBadSeed = errors.New("sigv4: seed is not a signature (64 lowercase hex digits, as in the Authorization header)")

// EventChain signs the messages of one event stream, each signature chained
// from the one before.
//
// Input event streams (Amazon Transcribe streaming, Lex StartConversation,
// Bedrock bidirectional streams, ...) are signed so: the request that opens
// the stream is signed as usual, with the payload hash
// "STREAMING-AWS4-HMAC-SHA256-EVENTS" (which Amazon Transcribe also wants
// in X-Amz-Content-Sha256: Options.SetContentSHA256Header), and its
// signature seeds the chain. Each event message M, already encoded, is
// then sent as the payload of an outer message with two headers:
//
//   - ":date", a timestamp (type 8): the bytes Sign returns, as they are;
//   - ":chunk-signature", a byte array (type 6) of length 32: the raw
//     signature Sign returns.
//
// The stream ends with such an outer message whose payload is empty. The
// order of the two headers does not matter: only the :date header is
// hashed. The signature of a message is HMAC-SHA256, with the signing key
// of the message's date, region and service, of the string to sign
//
//	AWS4-HMAC-SHA256-PAYLOAD
//	<message time, as X-Amz-Date: 20060102T150405Z>
//	<date>/<region>/<service>/aws4_request
//	<previous signature in hex: the request's for the first message>
//	<hex SHA-256 of the encoded :date header>
//	<hex SHA-256 of M>
//
// (lines joined by '\n', with none after the last).
//
// The messages must be signed in the order they are sent, the empty final
// one last; an EventChain is for one goroutine at a time, as the messages
// of a stream are written by one writer. After its first message, Sign
// allocates only the header it returns (and a new day's key, once).
type EventChain struct {
	keys *keyCache
	// key is the signing key of the day of the message last signed: a
	// stream may outlive a day, but most messages reuse it without a
	// look-up in keys.
	key                     *signingKey
	secret, region, service string
	// prev is the hex signature of the previous message, the seed before
	// the first.
	prev []byte
	// buf holds the HMAC input (inner pad and string to sign) between
	// messages, so that only the first one allocates it.
	buf []byte
}

// NewEventChain starts the chain of the stream opened by a request signed
// with signature seed (hex, as in its Authorization header). The request
// must have been signed for the same service and region, with the payload
// hash "STREAMING-AWS4-HMAC-SHA256-EVENTS". Only creds.SecretAccessKey is
// used: no message carries the access key ID or the session token.
//
// The chain gets its signing keys through s's cache, which already holds
// the day's key if s signed the request.
func (s *Signer) NewEventChain(creds AccessKey, seed, service, region string) (*EventChain, error) {
	switch {
	case creds.SecretAccessKey == "":
		return nil, errNoCreds
	case service == "" || region == "":
		return nil, errNoScope
	case !isHexSignature(seed):
		return nil, errBadSeed
	}
	return newEventChain(&s.keys, creds.SecretAccessKey, seed, service, region), nil
}

// newEventChain is NewEventChain without checks: published test vectors
// seed their chains with values that are not signatures.
func newEventChain(keys *keyCache, secret, seed, service, region string) *EventChain {
	return &EventChain{
		keys:    keys,
		secret:  secret,
		region:  region,
		service: service,
		prev:    append(make([]byte, 0, hexSigLen), seed...),
	}
}

// isHexSignature reports whether s has the form of a signature: 64
// lowercase hex digits. The seed is signed as it is, so an uppercase one
// would make every signature of the stream wrong.
func isHexSignature(s string) bool {
	if len(s) != hexSigLen {
		return false
	}
	for i := range len(s) {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// Sign returns the encoded :date header for t and the signature of a
// message with that header and payload, and makes the signature the
// chain's previous one. payload is the encoded event message, or empty for
// the final message of the stream.
//
// The caller frames dateHeader exactly as returned, since it is what was
// hashed, and the signature as the 32-byte value of :chunk-signature.
//
// t is taken to the second, in the header as in the string to sign, so
// that both name the same instant: the header's milliseconds are always a
// multiple of 1000. (Of the AWS SDKs, Rust's and Ruby's do the same; Go's,
// JavaScript's and Java's send the milliseconds, which the services accept
// as well: what they hash is the header as received.)
func (c *EventChain) Sign(payload []byte, t time.Time) (dateHeader []byte, signature [32]byte) {
	dateHeader = appendDateHeader(make([]byte, 0, dateHeaderLen), t)
	return dateHeader, c.sign(dateHeader, payload, t, nil)
}

// Verify reports whether signature is that of a received message whose
// encoded :date header is dateHeader (as it came, whatever its
// milliseconds) for time t, and whose payload is payload, as a server
// checks each message of a stream it reads; when it is, it becomes the
// chain's previous signature. A message that does not verify leaves the
// chain as it was: the stream cannot be trusted past it.
func (c *EventChain) Verify(dateHeader, payload []byte, t time.Time, signature []byte) bool {
	prev := append([]byte(nil), c.prev...)
	want := c.sign(dateHeader, payload, t, nil)
	if subtle.ConstantTimeCompare(want[:], signature) != 1 {
		c.prev = append(c.prev[:0], prev...)
		return false
	}
	return true
}

// appendDateHeader appends the :date header of time t, to the second.
// Unix rounds down, as appendAmzDate does by ignoring the fraction.
func appendDateHeader(b []byte, t time.Time) []byte {
	b = append(b, byte(len(":date")))
	b = append(b, ":date"...)
	b = append(b, typeTimestamp)
	return binary.BigEndian.AppendUint64(b, uint64(t.Unix()*1000))
}

// sign signs a message whose encoded non-signature headers are header,
// reporting the string to sign and the signature to tr if not nil. Sign
// passes the :date header alone; the tests also pass the headers of
// published vectors.
func (c *EventChain) sign(header, payload []byte, t time.Time, tr *trace) [sha256.Size]byte {
	var date [16]byte
	day := appendAmzDate(date[:0], t)
	key := c.key
	if key == nil || key.day != day {
		key = c.keys.get(c.secret, day, date[:8], c.region, c.service)
		c.key = key
	}
	headerHash := sha256.Sum256(header)
	payloadHash := sha256.Sum256(payload)

	// HMAC-SHA256 from its definition, with the cached pads, as
	// appendSignature computes it.
	b := append(c.buf[:0], key.ipad[:]...)
	b = append(b, eventAlgorithm+"\n"...)
	b = append(b, date[:]...)
	b = append(b, '\n')
	b = appendScope(b, date[:8], c.region, c.service)
	b = append(b, '\n')
	b = append(b, c.prev...)
	b = append(b, '\n')
	b = hex.AppendEncode(b, headerHash[:])
	b = append(b, '\n')
	b = hex.AppendEncode(b, payloadHash[:])
	inner := sha256.Sum256(b)
	var outer [blockSize + sha256.Size]byte
	copy(outer[:], key.opad[:])
	copy(outer[blockSize:], inner[:])
	sig := sha256.Sum256(outer[:])
	c.buf = b

	c.prev = hex.AppendEncode(c.prev[:0], sig[:])
	if tr != nil {
		tr.stringToSign = string(b[blockSize:])
		tr.signature = string(c.prev)
	}
	return sig
}
