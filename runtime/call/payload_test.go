package call

import (
	"testing"

	"github.com/smithygo/smithygo/runtime/sigv4"
)

// call keeps its own copies of the two payload hashes so that a client
// without SigV4 does not need package sigv4; they must stay the same
// strings.
func TestPayloadHashesMatchSigV4(t *testing.T) {
	if unsignedPayload != sigv4.UnsignedPayload {
		t.Errorf("unsignedPayload %q, sigv4.UnsignedPayload %q", unsignedPayload, sigv4.UnsignedPayload)
	}
	if emptyPayloadHash != sigv4.EmptyPayloadHash || emptyPayloadHash != sigv4.HashHex(nil) {
		t.Errorf("emptyPayloadHash %q, sigv4.EmptyPayloadHash %q, hash of nothing %q",
			emptyPayloadHash, sigv4.EmptyPayloadHash, sigv4.HashHex(nil))
	}
}
