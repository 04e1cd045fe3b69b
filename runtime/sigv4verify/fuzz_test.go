package sigv4verify

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/smithygo/smithygo/runtime/sigv4"
)

// FuzzVerify sends arbitrary authentication (Authorization header, request
// target with its query, X-Amz-Date, session token header) to a Verifier:
// it must never panic, and it may only accept a request carrying one of
// the two valid signatures of the seeds, since any other would be a
// forgery.
func FuzzVerify(f *testing.F) {
	header, _ := signed(f, "GET", "/outposts/op-1?x=1", nil, testCreds, sigv4.Options{})
	auth := header.Header.Get("Authorization")
	_, headerSig, _ := strings.Cut(auth, "Signature=")

	req, _ := http.NewRequest("GET", "https://outposts.us-west-2.amazonaws.com/outposts/op-1?x=1", nil)
	u, _, err := sigv4.NewSigner().PresignHTTP(req, tempCreds, sigv4.EmptyPayloadHash, "outposts", "us-west-2", testTime, time.Hour, sigv4.Options{})
	if err != nil {
		f.Fatal(err)
	}
	presigned := strings.TrimPrefix(u, "https://outposts.us-west-2.amazonaws.com")
	_, presignSig, _ := strings.Cut(presigned, "X-Amz-Signature=")

	date := header.Header.Get("X-Amz-Date")
	f.Add(auth, "/outposts/op-1?x=1", date, "")
	f.Add("", presigned, "", "")
	f.Add(auth+",", "/outposts/op-1?x=1&x=1", date, "t")
	f.Add("AWS4-HMAC-SHA256 Credential=/////, SignedHeaders=;;, Signature=", "/%zz?%zz=%", "99999999T999999Z", "")
	v := testVerifier(testTime)
	f.Fuzz(func(t *testing.T, auth, target, date, token string) {
		if !strings.HasPrefix(target, "/") {
			target = "/" + target
		}
		r := httptest.NewRequest("GET", "/", nil)
		r.RequestURI = target
		r.Host = "outposts.us-west-2.amazonaws.com"
		r.Header = http.Header{}
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		if date != "" {
			r.Header.Set("X-Amz-Date", date)
		}
		if token != "" {
			r.Header.Set("X-Amz-Security-Token", token)
		}
		res, err := v.Verify(t.Context(), r, nil)
		if err != nil {
			if !isVerifyError(err) {
				t.Fatalf("not an *Error: %v", err)
			}
			return
		}
		if !strings.Contains(auth, headerSig) && !strings.Contains(target, presignSig) {
			t.Fatalf("accepted a request without a valid signature: %q %q %q %q: %+v", auth, target, date, token, res)
		}
	})
}
