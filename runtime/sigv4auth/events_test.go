package sigv4auth_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/smithygo/smithygo/runtime/call"
	"github.com/smithygo/smithygo/runtime/credentials"
	"github.com/smithygo/smithygo/runtime/eventstream"
	"github.com/smithygo/smithygo/runtime/sigv4"
	"github.com/smithygo/smithygo/runtime/sigv4auth"
)

// The request that opens an input event stream says how its body is
// signed, and each message the seal frames carries the signature of its
// message and :date, chained from the request's: a chain started
// independently from the same seed signs each one alike.
func TestEventSealerChainsFromTheRequest(t *testing.T) {
	a := &sigv4auth.Scheme{Credentials: credentials.Static(accessKey, secretKey, ""), Name: "transcribe", Region: "us-west-2", Keys: sigv4.NewSigner()}
	s, err := a.Signer(t.Context(), endpoint(t, "https://transcribe.example.com", nil))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", "https://transcribe.example.com/stream-transcription", nil)
	if err := s.Sign(req, call.StreamingEventsPayload, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	if got := req.Header.Get("X-Amz-Content-Sha256"); got != call.StreamingEventsPayload {
		t.Errorf("X-Amz-Content-Sha256 = %q", got)
	}
	_, seed, _ := strings.Cut(req.Header.Get("Authorization"), "Signature=")
	check, err := sigv4.NewSigner().NewEventChain(sigv4.AccessKey{SecretAccessKey: secretKey}, seed, "transcribe", "us-west-2")
	if err != nil {
		t.Fatal(err)
	}
	seal, err := sigv4auth.EventSealer(s, req)
	if err != nil {
		t.Fatal(err)
	}
	for i, msg := range [][]byte{[]byte("first event"), []byte("second event"), nil} {
		sealed, err := seal(msg)
		if err != nil {
			t.Fatal(err)
		}
		outer, n, err := eventstream.DecodeEventMessage(sealed)
		if err != nil || n != len(sealed) {
			t.Fatalf("message %d: %v (%d of %d bytes)", i, err, n, len(sealed))
		}
		if !bytes.Equal(outer.Payload, msg) {
			t.Errorf("message %d: payload %q, want %q", i, outer.Payload, msg)
		}
		date, ok := outer.Get(":date")
		if !ok || date.Type != eventstream.HeaderTimestamp {
			t.Fatalf("message %d: :date %+v", i, date)
		}
		sig, ok := outer.Get(":chunk-signature")
		if !ok || sig.Type != eventstream.HeaderBytes {
			t.Fatalf("message %d: :chunk-signature %+v", i, sig)
		}
		_, want := check.Sign(msg, time.UnixMilli(date.Int))
		if !bytes.Equal(sig.Bytes, want[:]) {
			t.Errorf("message %d: signature %x, want %x", i, sig.Bytes, want)
		}
	}
}

// A signer of another scheme sends the messages as they are.
func TestEventSealerOfAnotherScheme(t *testing.T) {
	seal, err := sigv4auth.EventSealer(nil, &http.Request{})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := seal([]byte("m")); string(got) != "m" {
		t.Errorf("seal = %q", got)
	}
}
