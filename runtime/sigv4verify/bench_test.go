package sigv4verify

import (
	"testing"

	"github.com/smithygo/smithygo/runtime/sigv4"
)

// BenchmarkVerify checks the Authorization header of a typical signed
// POST, the signing key cached as it is after the first request of a key.
func BenchmarkVerify(b *testing.B) {
	r, body := signed(b, "POST", "/outposts/op-1/capacity?DryRun=true", []byte(`{"InstancePools":[{"InstanceType":"m5.large","Count":2}]}`), testCreds, sigv4.Options{})
	v := testVerifier(testTime)
	if _, err := v.Verify(b.Context(), r, body); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(b.Context(), r, body); err != nil {
			b.Fatal(err)
		}
	}
}
