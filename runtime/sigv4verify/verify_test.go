package sigv4verify

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/smithygo/smithygo/runtime/sigv4"
)

var (
	testCreds = sigv4.AccessKey{AccessKeyID: "AKIDTEST", SecretAccessKey: "secret/key+for/tests"}
	tempCreds = sigv4.AccessKey{AccessKeyID: "ASIATEMP", SecretAccessKey: "temporary-secret", SessionToken: "token/with+chars=="}
	testTime  = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
)

var errBackend = errors.New("credential store unavailable")

// testLookup knows testCreds and tempCreds; "AKIDDOWN" makes it fail the
// way a broken credential store would.
func testLookup(_ context.Context, id string) (string, string, error) {
	switch id {
	case testCreds.AccessKeyID:
		return testCreds.SecretAccessKey, "", nil
	case tempCreds.AccessKeyID:
		return tempCreds.SecretAccessKey, tempCreds.SessionToken, nil
	case "AKIDDOWN":
		return "", "", errBackend
	}
	return "", "", ErrUnknownAccessKey
}

func testVerifier(now time.Time) *Verifier {
	return &Verifier{Lookup: testLookup, Region: "us-west-2", Service: "outposts", Now: func() time.Time { return now }}
}

// signed returns a request signed by the client side of sigv4 as a server
// receives it (RequestURI set, Host moved out of the headers), and its body.
func signed(t testing.TB, method, target string, body []byte, creds sigv4.AccessKey, opts sigv4.Options) (*http.Request, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, "https://outposts.us-west-2.amazonaws.com"+target, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if err := sigv4.NewSigner().SignHTTP(req, creds, sigv4.HashHex(body), "outposts", "us-west-2", testTime, opts); err != nil {
		t.Fatal(err)
	}
	return received(req), body
}

// received turns a client request into what net/http's server hands a
// handler.
func received(req *http.Request) *http.Request {
	target := req.URL.EscapedPath()
	if req.URL.RawQuery != "" {
		target += "?" + req.URL.RawQuery
	}
	r := httptest.NewRequest(req.Method, target, nil)
	r.Host = req.Host
	if r.Host == "" {
		r.Host = req.URL.Host
	}
	r.Header = req.Header.Clone()
	r.ContentLength = req.ContentLength
	if req.ContentLength > 0 { // net/http's server keeps the header as sent
		r.Header.Set("Content-Length", strconv.FormatInt(req.ContentLength, 10))
	}
	return r
}

func TestVerifyHeader(t *testing.T) {
	for _, c := range []struct {
		name, method, target string
		body                 []byte
		creds                sigv4.AccessKey
		opts                 sigv4.Options
	}{
		{"get", "GET", "/outposts", nil, testCreds, sigv4.Options{}},
		{"label with escapes", "GET", "/tags/arn%3Aaws%3Aoutposts%3Aus-west-2%3A1%3Aoutpost%2Fop-1?x=a+b&y=%2F", nil, testCreds, sigv4.Options{}},
		{"post body", "POST", "/outposts/op-1/capacity", []byte(`{"DryRun":true}`), testCreds, sigv4.Options{}},
		{"session token", "PATCH", "/sites/s-1", []byte(`{}`), tempCreds, sigv4.Options{}},
		{"token outside signature", "PATCH", "/sites/s-1", []byte(`{}`), tempCreds, sigv4.Options{OmitSessionToken: true}},
		{"content sha256 header", "PUT", "/sites/s-1/address", []byte(`{"a":1}`), testCreds, sigv4.Options{SetContentSHA256Header: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, body := signed(t, c.method, c.target, c.body, c.creds, c.opts)
			for _, now := range []time.Time{testTime, testTime.Add(DefaultMaxSkew), testTime.Add(-DefaultMaxSkew)} {
				res, err := testVerifier(now).Verify(t.Context(), r, body)
				if err != nil {
					t.Fatalf("at %v: %v", now, err)
				}
				if res.AccessKeyID != c.creds.AccessKeyID || res.Region != "us-west-2" || res.Service != "outposts" ||
					!res.Time.Equal(testTime) || res.Presigned {
					t.Errorf("result %+v", res)
				}
			}
			res, err := testVerifier(testTime).VerifyPayloadHash(t.Context(), r, sigv4.HashHex(body))
			if err != nil || res.AccessKeyID != c.creds.AccessKeyID || res.PayloadHash != sigv4.HashHex(body) {
				t.Errorf("VerifyPayloadHash: %+v, %v", res, err)
			}
			// Before the body is read: only with X-Amz-Content-Sha256,
			// whose value Result reports for checking the body later.
			res, err = testVerifier(testTime).VerifyPayloadHash(t.Context(), r, "")
			if c.opts.SetContentSHA256Header {
				if err != nil || res.PayloadHash != sigv4.HashHex(body) {
					t.Errorf("VerifyPayloadHash before the body: %+v, %v", res, err)
				}
			} else if err == nil || isVerifyError(err) {
				t.Errorf("VerifyPayloadHash before the body without X-Amz-Content-Sha256: %v", err)
			}
		})
	}
}

func TestVerifyTimeAndScope(t *testing.T) {
	r, body := signed(t, "GET", "/outposts", nil, testCreds, sigv4.Options{})
	for _, c := range []struct {
		name string
		v    *Verifier
		want error
	}{
		{"too late", testVerifier(testTime.Add(DefaultMaxSkew + time.Second)), ErrTime},
		{"too early", testVerifier(testTime.Add(-DefaultMaxSkew - time.Second)), ErrTime},
		{"custom skew", &Verifier{Lookup: testLookup, MaxSkew: time.Minute, Now: func() time.Time { return testTime.Add(2 * time.Minute) }}, ErrTime},
		{"other region", &Verifier{Lookup: testLookup, Region: "eu-west-1", Now: func() time.Time { return testTime }}, ErrScope},
		{"other service", &Verifier{Lookup: testLookup, Service: "ec2", Now: func() time.Time { return testTime }}, ErrScope},
		{"any scope", &Verifier{Lookup: testLookup, Now: func() time.Time { return testTime }}, nil},
	} {
		res, err := c.v.Verify(t.Context(), r, body)
		switch {
		case c.want == nil && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want == nil && (res.Region != "us-west-2" || res.Service != "outposts"):
			t.Errorf("%s: scope reported as %q %q", c.name, res.Region, res.Service)
		case c.want != nil && !errors.Is(err, c.want):
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
	// The real clock: a request signed in 2026-03 is long expired.
	if _, err := (&Verifier{Lookup: testLookup}).Verify(t.Context(), r, body); !errors.Is(err, ErrTime) && testTime.Before(time.Now().Add(-time.Hour)) {
		t.Errorf("with time.Now: %v", err)
	}
}

func TestVerifyPresigned(t *testing.T) {
	for _, creds := range []sigv4.AccessKey{testCreds, tempCreds} {
		req, _ := http.NewRequest("GET", "https://outposts.us-west-2.amazonaws.com/catalog/items?MaxResults=5", nil)
		u, _, err := sigv4.NewSigner().PresignHTTP(req, creds, sigv4.EmptyPayloadHash, "outposts", "us-west-2", testTime, 15*time.Minute, sigv4.Options{})
		if err != nil {
			t.Fatal(err)
		}
		get, _ := http.NewRequest("GET", u, nil)
		r := received(get)
		for _, c := range []struct {
			now  time.Time
			want error
		}{
			{testTime, nil},
			{testTime.Add(15 * time.Minute), nil},
			{testTime.Add(-DefaultMaxSkew), nil},
			{testTime.Add(15*time.Minute + time.Second), ErrTime},
			{testTime.Add(-DefaultMaxSkew - time.Second), ErrTime},
		} {
			res, err := testVerifier(c.now).Verify(t.Context(), r, nil)
			if c.want == nil && (err != nil || !res.Presigned || res.Expires != 15*time.Minute) {
				t.Errorf("%s at %v: %+v, %v", creds.AccessKeyID, c.now, res, err)
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("%s at %v: got %v, want %v", creds.AccessKeyID, c.now, err, c.want)
			}
		}
	}
}

func TestUnsignedPayload(t *testing.T) {
	req, _ := http.NewRequest("PUT", "https://outposts.us-west-2.amazonaws.com/x", strings.NewReader("body"))
	req.Header.Set("X-Amz-Content-Sha256", sigv4.UnsignedPayload)
	if err := sigv4.NewSigner().SignHTTP(req, testCreds, sigv4.UnsignedPayload, "outposts", "us-west-2", testTime, sigv4.Options{}); err != nil {
		t.Fatal(err)
	}
	r := received(req)
	if _, err := testVerifier(testTime).Verify(t.Context(), r, []byte("body")); !errors.Is(err, ErrMalformed) {
		t.Errorf("unsigned payload accepted by default: %v", err)
	}
	v := testVerifier(testTime)
	v.AllowUnsignedPayload = true
	if _, err := v.Verify(t.Context(), r, []byte("any body at all")); err != nil {
		t.Errorf("unsigned payload allowed: %v", err)
	}

	// A presigned URL signed with UNSIGNED-PAYLOAD, as for Amazon S3.
	get, _ := http.NewRequest("GET", "https://outposts.us-west-2.amazonaws.com/x", nil)
	u, _, err := sigv4.NewSigner().PresignHTTP(get, testCreds, sigv4.UnsignedPayload, "outposts", "us-west-2", testTime, time.Minute, sigv4.Options{})
	if err != nil {
		t.Fatal(err)
	}
	get, _ = http.NewRequest("GET", u, nil)
	if _, err := testVerifier(testTime).Verify(t.Context(), received(get), nil); !errors.Is(err, ErrSignature) {
		t.Errorf("unsigned presigned URL by default: %v", err)
	}
	if res, err := v.Verify(t.Context(), received(get), nil); err != nil || res.PayloadHash != sigv4.UnsignedPayload {
		t.Errorf("unsigned presigned URL allowed: %+v, %v", res, err)
	}
}

func TestVerifyFailures(t *testing.T) {
	good, body := signed(t, "POST", "/orders", []byte(`{"x":1}`), testCreds, sigv4.Options{})
	goodAuth := good.Header.Get("Authorization")
	_, sig, _ := strings.Cut(goodAuth, "Signature=")
	withAuth := func(a string) func(*http.Request) {
		return func(r *http.Request) { r.Header.Set("Authorization", a) }
	}
	replace := func(old, new string) func(*http.Request) {
		return withAuth(strings.Replace(goodAuth, old, new, 1))
	}
	for _, c := range []struct {
		name   string
		change func(*http.Request)
		want   error
	}{
		{"no auth", func(r *http.Request) { r.Header.Del("Authorization") }, ErrMissingAuth},
		{"two auth headers", func(r *http.Request) { r.Header.Add("Authorization", goodAuth) }, ErrMalformed},
		{"auth and presign", func(r *http.Request) { r.RequestURI += "?X-Amz-Signature=" + sig }, ErrMalformed},
		{"partial presign", func(r *http.Request) {
			r.Header.Del("Authorization")
			r.RequestURI += "?X-Amz-Credential=AKIDTEST%2F20260304%2Fus-west-2%2Foutposts%2Faws4_request"
		}, ErrMalformed},
		{"other algorithm", replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512"), ErrMalformed},
		{"no space after algorithm", replace("AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA256"), ErrMalformed},
		{"unknown component", replace("Signature=", "Foo=1, Signature="), ErrMalformed},
		{"repeated component", withAuth(goodAuth + ", Signature=" + sig), ErrMalformed},
		{"missing component", replace(", SignedHeaders=content-length;content-type;host;x-amz-date", ""), ErrMalformed},
		{"short credential", replace("/aws4_request", ""), ErrMalformed},
		{"bad terminal", replace("/aws4_request", "/aws5_request"), ErrMalformed},
		{"scope date", replace("/20260304/", "/20260305/"), ErrMalformed},
		{"uppercase signature", replace(sig, strings.ToUpper(sig)), ErrMalformed},
		{"short signature", replace(sig, sig[:63]), ErrMalformed},
		{"unsorted headers", replace("content-length;content-type", "content-type;content-length"), ErrMalformed},
		{"repeated header name", replace("content-type;host", "content-type;content-type;host"), ErrMalformed},
		{"uppercase header name", replace("content-type", "Content-Type"), ErrMalformed},
		{"host not signed", replace(";host", ""), ErrMalformed},
		{"signed header absent", replace("x-amz-date", "x-amz-date;x-other"), ErrMalformed},
		{"no date", func(r *http.Request) { r.Header.Del("X-Amz-Date") }, ErrMalformed},
		{"bad date", func(r *http.Request) { r.Header.Set("X-Amz-Date", "2026-03-04T05:06:07Z") }, ErrMalformed},
		{"unknown key", replace("AKIDTEST", "AKIDNOPE"), ErrUnknownAccessKey},
		{"unexpected token", func(r *http.Request) { r.Header.Set("X-Amz-Security-Token", "tok") }, ErrInvalidToken},
		{"two content hashes", func(r *http.Request) {
			r.Header.Add("X-Amz-Content-Sha256", sigv4.HashHex(body))
			r.Header.Add("X-Amz-Content-Sha256", sigv4.HashHex(body))
		}, ErrMalformed},
		{"wrong content hash", func(r *http.Request) { r.Header.Set("X-Amz-Content-Sha256", sigv4.EmptyPayloadHash) }, ErrPayloadHash},
		{"signature", replace(sig, strings.Repeat("0", 64)), ErrSignature},
		{"path", func(r *http.Request) { r.RequestURI = "/orders/" }, ErrSignature},
		{"query", func(r *http.Request) { r.RequestURI = "/orders?a" }, ErrSignature},
		{"bad query escape", func(r *http.Request) { r.RequestURI = "/orders?a=%zz" }, ErrMalformed},
	} {
		r := good.Clone(t.Context())
		c.change(r)
		_, err := testVerifier(testTime).Verify(t.Context(), r, body)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
			continue
		}
		// Nothing derived from the secret, nor the secret, in the message.
		if msg := err.Error(); strings.Contains(msg, sig) || strings.Contains(msg, testCreds.SecretAccessKey) {
			t.Errorf("%s: the error reveals the signature or the secret: %s", c.name, msg)
		}
	}

	// Token cases need temporary credentials.
	tr, tbody := signed(t, "POST", "/orders", nil, tempCreds, sigv4.Options{OmitSessionToken: true})
	tr.Header.Del("X-Amz-Security-Token")
	if _, err := testVerifier(testTime).Verify(t.Context(), tr, tbody); !errors.Is(err, ErrInvalidToken) {
		t.Errorf("missing token: %v", err)
	}
	tr.Header.Set("X-Amz-Security-Token", tempCreds.SessionToken+"x")
	if _, err := testVerifier(testTime).Verify(t.Context(), tr, tbody); !errors.Is(err, ErrInvalidToken) {
		t.Errorf("wrong token: %v", err)
	}

	// A failing lookup is not a verification failure: the caller answers 500.
	down := good.Clone(t.Context())
	replace("AKIDTEST", "AKIDDOWN")(down)
	_, err := testVerifier(testTime).Verify(t.Context(), down, body)
	var verr *Error
	if !errors.Is(err, errBackend) || errors.As(err, &verr) {
		t.Errorf("lookup failure: %v", err)
	}
	if _, err := (&Verifier{}).Verify(t.Context(), good, body); err == nil {
		t.Errorf("no Lookup: no error")
	}
}

func TestErrorCodes(t *testing.T) {
	for kind, want := range map[error]struct {
		code   string
		status int
	}{
		ErrMissingAuth:      {"MissingAuthenticationTokenException", 403},
		ErrMalformed:        {"IncompleteSignatureException", 403},
		ErrUnknownAccessKey: {"UnrecognizedClientException", 403},
		ErrInvalidToken:     {"UnrecognizedClientException", 403},
		ErrScope:            {"InvalidSignatureException", 403},
		ErrTime:             {"InvalidSignatureException", 403},
		ErrSignature:        {"InvalidSignatureException", 403},
		ErrPayloadHash:      {"XAmzContentSHA256Mismatch", 400},
	} {
		e := &Error{Kind: kind}
		if e.Code() != want.code || e.StatusCode() != want.status || !errors.Is(e, kind) {
			t.Errorf("%v: %s %d", kind, e.Code(), e.StatusCode())
		}
		if e.Error() != "sigv4verify: "+kind.Error() {
			t.Errorf("%v: message %q", kind, e.Error())
		}
	}
}

// TestLoopback sends signed requests through a real server, so that what
// the verifier reads (RequestURI, Host, Content-Length, folded headers) is
// what net/http's server really provides.
func TestLoopback(t *testing.T) {
	v := &Verifier{Lookup: testLookup, Region: "us-west-2", Service: "outposts", Now: func() time.Time { return testTime }}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		if _, err := v.Verify(r.Context(), r, body); err != nil {
			var e *Error
			if errors.As(err, &e) {
				http.Error(w, e.Code()+": "+err.Error(), e.StatusCode())
				return
			}
			http.Error(w, "internal error", 500)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	signer := sigv4.NewSigner()
	send := func(req *http.Request) int {
		t.Helper()
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent {
			t.Logf("%s %s: %d %s", req.Method, req.URL, resp.StatusCode, msg)
		}
		return resp.StatusCode
	}
	newReq := func(method, target, body string, creds sigv4.AccessKey) *http.Request {
		req, err := http.NewRequest(method, srv.URL+target, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Multi", "a   b")
		if err := signer.SignHTTP(req, creds, sigv4.HashHex([]byte(body)), "outposts", "us-west-2", testTime, sigv4.Options{}); err != nil {
			t.Fatal(err)
		}
		return req
	}
	for _, c := range []struct{ method, target, body string }{
		{"GET", "/outposts?MaxResults=10&NextToken=a%2Bb%3D", ""},
		{"GET", "/tags/arn%3Aaws%3Aoutposts%3Aus-west-2%3A1%3Aoutpost%2Fop-1", ""},
		{"POST", "/outposts/op-1/capacity", `{"InstancePools":[]}`},
		{"DELETE", "/sites/%2F..%2Fx", ""},
	} {
		if got := send(newReq(c.method, c.target, c.body, testCreds)); got != http.StatusNoContent {
			t.Errorf("%s %s: %d", c.method, c.target, got)
		}
		if got := send(newReq(c.method, c.target, c.body, tempCreds)); got != http.StatusNoContent {
			t.Errorf("%s %s with a session token: %d", c.method, c.target, got)
		}
	}
	// Changed after signing.
	req := newReq("POST", "/orders", `{"a":1}`, testCreds)
	req.Body, req.ContentLength = io.NopCloser(strings.NewReader(`{"a":2}`)), 7
	if got := send(req); got != http.StatusForbidden {
		t.Errorf("body changed: %d", got)
	}
	req = newReq("GET", "/orders?a=1", "", testCreds)
	req.URL.RawQuery = "a=2"
	if got := send(req); got != http.StatusForbidden {
		t.Errorf("query changed: %d", got)
	}
	// A presigned URL.
	get, _ := http.NewRequest("GET", srv.URL+"/catalog/items?ItemClassFilter=RACK", nil)
	u, _, err := signer.PresignHTTP(get, tempCreds, sigv4.EmptyPayloadHash, "outposts", "us-west-2", testTime, time.Hour, sigv4.Options{})
	if err != nil {
		t.Fatal(err)
	}
	get, _ = http.NewRequest("GET", strings.Replace(u, "https://", "http://", 1), nil)
	if got := send(get); got != http.StatusNoContent {
		t.Errorf("presigned URL: %d", got)
	}
	get, _ = http.NewRequest("GET", strings.Replace(u, "RACK", "SERVER", 1), nil)
	get.URL.Scheme = "http"
	if got := send(get); got != http.StatusForbidden {
		t.Errorf("presigned URL changed: %d", got)
	}
	// Unsigned.
	plain, _ := http.NewRequest("GET", srv.URL+"/outposts", nil)
	if got := send(plain); got != http.StatusForbidden {
		t.Errorf("unsigned request: %d", got)
	}
}

// TestConcurrent shares one Verifier between goroutines that check
// requests of different keys (run with -race): its key cache is shared.
func TestConcurrent(t *testing.T) {
	v := testVerifier(testTime)
	a, abody := signed(t, "POST", "/orders", []byte(`{"a":1}`), testCreds, sigv4.Options{})
	b, bbody := signed(t, "GET", "/sites", nil, tempCreds, sigv4.Options{})
	done := make(chan error)
	for i := range 8 {
		go func() {
			var err error
			for range 50 {
				if i%2 == 0 {
					_, err = v.Verify(t.Context(), a, abody)
				} else {
					_, err = v.Verify(t.Context(), b, bbody)
				}
				if err != nil {
					break
				}
			}
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
