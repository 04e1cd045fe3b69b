package call

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// attemptSeen is what the test server saw of one attempt.
type attemptSeen struct {
	method, path, rawQuery string
	header                 http.Header
	body                   string
	host                   string
}

// testServer is an httptest.Server that records every request and answers
// each with the handler of its attempt number (the last one repeats).
type testServer struct {
	*httptest.Server
	mu       sync.Mutex
	seen     []attemptSeen
	handlers []func(w http.ResponseWriter, r *http.Request)
}

func newTestServer(t *testing.T, handlers ...func(w http.ResponseWriter, r *http.Request)) *testServer {
	t.Helper()
	ts := &testServer{handlers: handlers}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ts.mu.Lock()
		ts.seen = append(ts.seen, attemptSeen{method: r.Method, path: r.URL.EscapedPath(), rawQuery: r.URL.RawQuery,
			header: r.Header.Clone(), body: string(body), host: r.Host})
		n := len(ts.seen)
		ts.mu.Unlock()
		h := ts.handlers[min(n, len(ts.handlers))-1]
		h(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts
}

func (ts *testServer) attempts() []attemptSeen {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]attemptSeen(nil), ts.seen...)
}

func (ts *testServer) endpoint(t *testing.T, path string) *Endpoint {
	t.Helper()
	ep, err := ParseEndpoint(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	return ep
}

// config sends to ts with retry delays of at most a millisecond.
func (ts *testServer) config(t *testing.T) *Config {
	return &Config{Endpoint: ts.endpoint(t, ""), HTTPClient: ts.Client(), RetryMaxBackoff: time.Millisecond}
}

func respond(status int, header map[string]string, body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

var (
	ok200  = respond(200, map[string]string{"X-Amzn-Requestid": "req-ok"}, `{"ok":true}`)
	err503 = respond(503, map[string]string{"X-Amzn-Requestid": "req-503"}, `{"message":"slow down"}`)
)

// genericDecodeError decodes any error response as a *GenericAPIError, as
// a service without typed errors would.
func genericDecodeError(r *Response) error {
	code, msg := ErrorCodeAndMessage(r)
	return &GenericAPIError{Code: code, Message: msg, StatusCode: r.StatusCode, RequestID: RequestID(r)}
}

func testClient() *Client {
	return NewClient(&Service{Name: "Test", UserAgent: "smithygo-test/1", DecodeError: genericDecodeError})
}

func postRequest(body string) *Request {
	r := NewRequest("POST")
	r.Path = "/op"
	r.Body = []byte(body)
	return r
}

func noDecode(*Response) error { return nil }

func asOperationError(t *testing.T, err error) *OperationError {
	t.Helper()
	var oe *OperationError
	if !errors.As(err, &oe) {
		t.Fatalf("error %v (%T) is not an *OperationError", err, err)
	}
	return oe
}

func TestInvokeSuccessDecodesAndReleasesBody(t *testing.T) {
	ts := newTestServer(t, ok200)
	var got *Response
	var decoded string
	err := testClient().Invoke(t.Context(), ts.config(t), &Operation{Name: "Op"}, postRequest(`{"in":1}`), func(r *Response) error {
		got = r
		decoded = string(r.Data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if decoded != `{"ok":true}` {
		t.Errorf("decode saw Data %q, want the response body", decoded)
	}
	if got.Data != nil {
		t.Errorf("Response.Data = %q after decode, want nil (memory given back)", got.Data)
	}
	if got.StatusCode != 200 || RequestID(got) != "req-ok" {
		t.Errorf("response status %d, request ID %q", got.StatusCode, RequestID(got))
	}
	seen := ts.attempts()
	if len(seen) != 1 {
		t.Fatalf("server saw %d requests, want 1", len(seen))
	}
	a := seen[0]
	if a.method != "POST" || a.path != "/op" || a.body != `{"in":1}` {
		t.Errorf("server saw %s %s %q", a.method, a.path, a.body)
	}
	if ua := a.header.Get("User-Agent"); ua != "smithygo-test/1" {
		t.Errorf("User-Agent = %q", ua)
	}
	if r := a.header.Get("Amz-Sdk-Request"); r != "attempt=1; max=3" {
		t.Errorf("Amz-Sdk-Request = %q, want attempt=1; max=3", r)
	}
	if id := a.header.Get("Amz-Sdk-Invocation-Id"); !isUUIDv4(id) {
		t.Errorf("Amz-Sdk-Invocation-Id = %q, want a version 4 UUID", id)
	}
}

func TestInvokeDecodeErrorIsWrapped(t *testing.T) {
	ts := newTestServer(t, ok200)
	bad := errors.New("bad output")
	err := testClient().Invoke(t.Context(), ts.config(t), &Operation{Name: "Op"}, postRequest(""), func(*Response) error { return bad })
	oe := asOperationError(t, err)
	if !errors.Is(err, bad) || oe.StatusCode != 200 || oe.RequestID != "req-ok" || oe.Attempts != 1 {
		t.Errorf("got %#v", oe)
	}
	if !strings.Contains(err.Error(), "decoding the response: bad output") {
		t.Errorf("Error() = %q", err)
	}
}

func TestInvokeRetries503(t *testing.T) {
	ts := newTestServer(t, err503, ok200)
	decoded := 0
	err := testClient().Invoke(t.Context(), ts.config(t), &Operation{Name: "Op"}, postRequest("payload"), func(*Response) error {
		decoded++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if decoded != 1 {
		t.Errorf("decode called %d times, want 1", decoded)
	}
	seen := ts.attempts()
	if len(seen) != 2 {
		t.Fatalf("server saw %d requests, want 2", len(seen))
	}
	for i, a := range seen {
		if want := "attempt=" + string(rune('1'+i)) + "; max=3"; a.header.Get("Amz-Sdk-Request") != want {
			t.Errorf("attempt %d: Amz-Sdk-Request = %q, want %q", i+1, a.header.Get("Amz-Sdk-Request"), want)
		}
		if a.body != "payload" {
			t.Errorf("attempt %d: body %q, want payload", i+1, a.body)
		}
	}
	id1, id2 := seen[0].header.Get("Amz-Sdk-Invocation-Id"), seen[1].header.Get("Amz-Sdk-Invocation-Id")
	if id1 == "" || id1 != id2 {
		t.Errorf("invocation IDs %q and %q, want the same one on both attempts", id1, id2)
	}
}

func TestInvokeGivesUpAfterMaxAttempts(t *testing.T) {
	for _, tc := range []struct {
		maxAttempts, want int
	}{{0, 3}, {1, 1}, {2, 2}, {-1, 1}} {
		ts := newTestServer(t, err503)
		cfg := ts.config(t)
		cfg.RetryMaxAttempts = tc.maxAttempts
		err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op"}, postRequest("x"), noDecode)
		oe := asOperationError(t, err)
		if oe.Attempts != tc.want || oe.StatusCode != 503 || oe.RequestID != "req-503" || oe.Service != "Test" || oe.Operation != "Op" {
			t.Errorf("RetryMaxAttempts %d: got %+v, want %d attempts", tc.maxAttempts, oe, tc.want)
		}
		if n := len(ts.attempts()); n != tc.want {
			t.Errorf("RetryMaxAttempts %d: server saw %d requests, want %d", tc.maxAttempts, n, tc.want)
		}
		last := ts.attempts()[tc.want-1].header.Get("Amz-Sdk-Request")
		if want := "attempt=" + itoa(tc.want) + "; max=" + itoa(tc.want); last != want {
			t.Errorf("RetryMaxAttempts %d: last Amz-Sdk-Request = %q, want %q", tc.maxAttempts, last, want)
		}
		var apiErr *GenericAPIError
		if !errors.As(err, &apiErr) || apiErr.Message != "slow down" {
			t.Errorf("RetryMaxAttempts %d: cause %v, want the decoded error response", tc.maxAttempts, oe.Err)
		}
	}
}

func itoa(n int) string { return string(rune('0' + n)) }

// resetConnection reads the request and then resets the connection without
// answering: the request may have been applied.
func resetConnection(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(err)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0) // close with RST
	}
	conn.Close()
}

func TestInvokeConnectionResetRetriedOnlyWhenSafe(t *testing.T) {
	for _, safe := range []bool{false, true} {
		ts := newTestServer(t, resetConnection)
		cfg := ts.config(t)
		err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op", SafeToRetry: safe}, postRequest("create"), noDecode)
		oe := asOperationError(t, err)
		want := 1
		if safe {
			want = 3
		}
		if oe.Attempts != want || oe.StatusCode != 0 {
			t.Errorf("SafeToRetry %v: %d attempts, status %d; want %d attempts and no status", safe, oe.Attempts, oe.StatusCode, want)
		}
		if n := len(ts.attempts()); n != want {
			t.Errorf("SafeToRetry %v: server saw %d requests, want %d", safe, n, want)
		}
	}
}

func TestInvokeDialErrorRetriedEvenWhenNotSafe(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now: every dial is refused
	ep, err := ParseEndpoint("http://" + addr)
	if err != nil {
		t.Fatal(err)
	}
	cfg := &Config{Endpoint: ep, HTTPClient: &http.Client{}, RetryMaxBackoff: time.Millisecond}
	err = testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op"}, postRequest("create"), noDecode)
	oe := asOperationError(t, err)
	if oe.Attempts != 3 {
		t.Errorf("%d attempts, want 3: a request that was never sent can be sent again", oe.Attempts)
	}
	if !isDialError(err) {
		t.Errorf("cause %v is not a dial error", err)
	}
}

// codedError is a typed error of a service.
type codedError struct{ code string }

func (e *codedError) Error() string     { return "coded " + e.code }
func (e *codedError) ErrorCode() string { return e.code }

func TestInvokeErrorResponseGoesThroughDecodeError(t *testing.T) {
	ts := newTestServer(t, respond(400, map[string]string{
		"X-Amzn-Errortype": "ValidationException:http://internal.amazon.com/coral/",
		"X-Amzn-Requestid": "req-400",
	}, `{"message":"name is too long"}`))
	var sawData string
	svc := &Service{Name: "Test", DecodeError: func(r *Response) error {
		sawData = string(r.Data)
		code, _ := ErrorCodeAndMessage(r)
		return &codedError{code: code}
	}}
	err := NewClient(svc).Invoke(t.Context(), ts.config(t), &Operation{Name: "Op", SafeToRetry: true}, postRequest("x"), noDecode)
	oe := asOperationError(t, err)
	if sawData != `{"message":"name is too long"}` {
		t.Errorf("DecodeError saw Data %q", sawData)
	}
	if got := ErrorCode(err); got != "ValidationException" {
		t.Errorf("ErrorCode = %q, want ValidationException", got)
	}
	var ce *codedError
	if !errors.As(err, &ce) {
		t.Errorf("cause %T, want the DecodeError's *codedError", oe.Err)
	}
	if oe.Attempts != 1 || oe.StatusCode != 400 || oe.RequestID != "req-400" {
		t.Errorf("got %+v: a 400 is not retried", oe)
	}
	if n := len(ts.attempts()); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func TestInvokeRetryableErrorMakes400Retryable(t *testing.T) {
	for _, code := range []string{"RetryMe", "DoNotRetryMe"} {
		ts := newTestServer(t, respond(400, map[string]string{"X-Amzn-Errortype": code}, `{}`), ok200)
		var asked []string
		svc := &Service{Name: "Test", DecodeError: genericDecodeError, RetryableError: func(c string) bool {
			asked = append(asked, c)
			return c == "RetryMe"
		}}
		err := NewClient(svc).Invoke(t.Context(), ts.config(t), &Operation{Name: "Op"}, postRequest("x"), noDecode)
		n := len(ts.attempts())
		if code == "RetryMe" {
			if err != nil || n != 2 {
				t.Errorf("%s: err %v after %d requests, want success on the second", code, err, n)
			}
		} else if err == nil || n != 1 {
			t.Errorf("%s: err %v after %d requests, want the 400 after one", code, err, n)
		}
		if len(asked) != 1 || asked[0] != code {
			t.Errorf("%s: RetryableError asked about %q", code, asked)
		}
	}
}

// onlyReader hides every method of a reader but Read.
type onlyReader struct{ io.Reader }

func TestInvokeStreamingBodyRetries(t *testing.T) {
	t.Run("seekable is rewound", func(t *testing.T) {
		ts := newTestServer(t, err503, ok200)
		stream := strings.NewReader("skip:streamed body")
		stream.Seek(5, io.SeekStart) // the caller has consumed "skip:"
		r := NewRequest("PUT")
		r.Stream = stream
		if err := testClient().Invoke(t.Context(), ts.config(t), &Operation{Name: "Op"}, r, noDecode); err != nil {
			t.Fatal(err)
		}
		seen := ts.attempts()
		if len(seen) != 2 {
			t.Fatalf("server saw %d requests, want 2", len(seen))
		}
		for i, a := range seen {
			if a.body != "streamed body" {
				t.Errorf("attempt %d: body %q, want the stream from where the caller left it", i+1, a.body)
			}
		}
	})
	t.Run("unseekable is sent once", func(t *testing.T) {
		ts := newTestServer(t, err503, ok200)
		r := NewRequest("PUT")
		r.Stream = onlyReader{strings.NewReader("streamed body")}
		err := testClient().Invoke(t.Context(), ts.config(t), &Operation{Name: "Op", SafeToRetry: true}, r, noDecode)
		oe := asOperationError(t, err)
		if oe.Attempts != 1 || oe.StatusCode != 503 {
			t.Errorf("got %+v, want the 503 after one attempt", oe)
		}
		seen := ts.attempts()
		if len(seen) != 1 || seen[0].body != "streamed body" {
			t.Errorf("server saw %+v", seen)
		}
	})
	t.Run("empty stream", func(t *testing.T) {
		ts := newTestServer(t, ok200)
		r := NewRequest("PUT")
		r.Stream = strings.NewReader("")
		if err := testClient().Invoke(t.Context(), ts.config(t), &Operation{Name: "Op"}, r, noDecode); err != nil {
			t.Fatal(err)
		}
		if a := ts.attempts()[0]; a.body != "" || a.header.Get("Transfer-Encoding") != "" {
			t.Errorf("server saw body %q, header %v", a.body, a.header)
		}
	})
}

func TestInvokeStreamingOutputLeavesBodyOpen(t *testing.T) {
	ts := newTestServer(t, respond(200, nil, "a large download"))
	var data []byte
	var streamed string
	err := testClient().Invoke(t.Context(), ts.config(t), &Operation{Name: "Op", StreamingOutput: true}, NewRequest("GET"), func(r *Response) error {
		data = r.Data
		b, err := io.ReadAll(r.Body)
		streamed = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if data != nil || streamed != "a large download" {
		t.Errorf("decode saw Data %q and read %q from Body; want no Data and the body to read", data, streamed)
	}
}

func TestInvokeStreamingOutputErrorIsRead(t *testing.T) {
	ts := newTestServer(t, respond(404, map[string]string{"X-Amzn-Errortype": "NotFound"}, `{"message":"no such thing"}`))
	err := testClient().Invoke(t.Context(), ts.config(t), &Operation{Name: "Op", StreamingOutput: true}, NewRequest("GET"), func(*Response) error {
		t.Error("decode called for an error response")
		return nil
	})
	var apiErr *GenericAPIError
	if !errors.As(err, &apiErr) || apiErr.Code != "NotFound" || apiErr.Message != "no such thing" {
		t.Errorf("err = %v, want the decoded 404", err)
	}
}

func TestInvokeEndpointHeadersAndBasePath(t *testing.T) {
	ts := newTestServer(t, ok200)
	cfg := ts.config(t)
	cfg.Endpoint = ts.endpoint(t, "/base/?fixed=1")
	cfg.Endpoint.Headers = http.Header{"X-Endpoint": {"a", "b"}}
	r := postRequest("x")
	r.Path = "/things/a%2Fb"
	r.Header.Set("X-Member", "m")
	r.Query.Add("q", "v w")
	if err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op"}, r, noDecode); err != nil {
		t.Fatal(err)
	}
	a := ts.attempts()[0]
	if got := a.header.Values("X-Endpoint"); len(got) != 2 || got[0] != "a" || got[1] != "b" {
		t.Errorf("X-Endpoint = %q, want [a b]", got)
	}
	if a.header.Get("X-Member") != "m" {
		t.Errorf("X-Member = %q", a.header.Get("X-Member"))
	}
	if a.path != "/base/things/a%2Fb" || a.rawQuery != "fixed=1&q=v%20w" {
		t.Errorf("server saw path %q query %q", a.path, a.rawQuery)
	}
}

func TestInvokeEndpointHeadersWithoutRequestHeader(t *testing.T) {
	ts := newTestServer(t, ok200)
	cfg := ts.config(t)
	cfg.Endpoint.Headers = http.Header{"X-Endpoint": {"a"}}
	r := &Request{Method: "GET"} // no header map
	if err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op"}, r, noDecode); err != nil {
		t.Fatal(err)
	}
	if got := ts.attempts()[0].header.Get("X-Endpoint"); got != "a" {
		t.Errorf("X-Endpoint = %q", got)
	}
}

func TestRequestURL(t *testing.T) {
	for _, tc := range []struct {
		base, path, prefix, query, want string
	}{
		{"https://svc.example.com", "/op", "", "", "https://svc.example.com/op"},
		{"https://svc.example.com/", "/op", "", "", "https://svc.example.com/op"},
		{"https://svc.example.com/base", "/op", "", "", "https://svc.example.com/base/op"},
		{"https://svc.example.com/base/", "/op", "", "", "https://svc.example.com/base/op"},
		{"https://svc.example.com", "", "", "", "https://svc.example.com/"},
		{"https://svc.example.com/base", "", "", "", "https://svc.example.com/base"},
		{"https://svc.example.com", "/op", "data-", "", "https://data-svc.example.com/op"},
		{"https://svc.example.com:8443", "/op", "acct.", "", "https://acct.svc.example.com:8443/op"},
		{"https://svc.example.com", "/a%2Fb/c%20d", "", "", "https://svc.example.com/a%2Fb/c%20d"},
		{"https://svc.example.com/b%20p", "/op", "", "", "https://svc.example.com/b%20p/op"},
		{"https://svc.example.com?x=1", "/op", "", "", "https://svc.example.com/op?x=1"},
		{"https://svc.example.com?x=1", "/op", "", "q", "https://svc.example.com/op?x=1&q=v"},
		{"https://svc.example.com", "/op", "", "q", "https://svc.example.com/op?q=v"},
		// No prefix goes in front of an IP address.
		{"http://127.0.0.1:8080", "/op", "data-", "", "http://127.0.0.1:8080/op"},
		{"http://[::1]:8080", "/op", "data-", "", "http://[::1]:8080/op"},
		{"http://10.0.0.1", "/op", "acct.", "", "http://10.0.0.1/op"},
		{"http://localhost:8080", "/op", "data-", "", "http://data-localhost:8080/op"},
	} {
		base, err := ParseEndpoint(tc.base)
		if err != nil {
			t.Fatal(err)
		}
		r := &Request{Path: tc.path, HostPrefix: tc.prefix}
		if tc.query != "" {
			r.Query.Add(tc.query, "v")
		}
		u := requestURL(base.URL, r)
		if got := u.String(); got != tc.want {
			t.Errorf("requestURL(%q, path %q, prefix %q) = %q, want %q", tc.base, tc.path, tc.prefix, got, tc.want)
		}
	}
}

// TestInvokeDisableHostPrefix: Config.DisableHostPrefix sends the request
// to the endpoint's host as it is.
func TestInvokeDisableHostPrefix(t *testing.T) {
	ts := newTestServer(t, ok200)
	base, err := ParseEndpoint(strings.Replace(ts.URL, "127.0.0.1", "localhost", 1))
	if err != nil {
		t.Fatal(err)
	}
	for _, disable := range []bool{false, true} {
		cfg := ts.config(t)
		cfg.Endpoint, cfg.DisableHostPrefix = base, disable
		// The connection goes to the test server whatever the host says.
		cfg.HTTPClient = &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, ts.Listener.Addr().String())
		}}}
		r := postRequest(`{}`)
		r.HostPrefix = "data-"
		if err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op"}, r, noDecode); err != nil {
			t.Fatal(err)
		}
		seen := ts.attempts()
		want := "data-" + base.URL.Host
		if disable {
			want = base.URL.Host
		}
		if got := seen[len(seen)-1].host; got != want {
			t.Errorf("DisableHostPrefix %v: Host %q, want %q", disable, got, want)
		}
	}
}

func TestInvokeContextCancelled(t *testing.T) {
	t.Run("while waiting for the response", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
			cancel()
			<-r.Context().Done() // the client went away
		})
		err := testClient().Invoke(ctx, ts.config(t), &Operation{Name: "Op", SafeToRetry: true}, postRequest("x"), noDecode)
		oe := asOperationError(t, err)
		if !errors.Is(err, context.Canceled) || oe.Attempts != 1 {
			t.Errorf("err = %v (%d attempts), want context.Canceled after 1", err, oe.Attempts)
		}
	})
	t.Run("before the retry", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		ts := newTestServer(t, err503)
		// The caller gives up once the 503 has come, before the retry.
		svc := &Service{Name: "Test", DecodeError: func(r *Response) error {
			cancel()
			return genericDecodeError(r)
		}}
		err := NewClient(svc).Invoke(ctx, ts.config(t), &Operation{Name: "Op"}, postRequest("x"), noDecode)
		oe := asOperationError(t, err)
		if !errors.Is(err, context.Canceled) || oe.Attempts != 1 || oe.StatusCode != 503 || len(ts.attempts()) != 1 {
			t.Errorf("err = %v (%+v), want context.Canceled after the 503", err, oe)
		}
	})
	t.Run("before the call", func(t *testing.T) {
		ts := newTestServer(t, ok200)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		err := testClient().Invoke(ctx, ts.config(t), &Operation{Name: "Op", SafeToRetry: true}, postRequest("x"), noDecode)
		if !errors.Is(err, context.Canceled) || len(ts.attempts()) != 0 {
			t.Errorf("err = %v, server saw %d requests; want context.Canceled and none", err, len(ts.attempts()))
		}
	})
}

// recordingAuth hands out a signer that records its calls and marks each
// request with the attempt it signed.
type recordingAuth struct {
	signers  int
	nilSign  bool
	err      error
	hashes   []string
	attempts []string
}

func (a *recordingAuth) Signer(_ context.Context, ep *Endpoint) (RequestSigner, error) {
	a.signers++
	if a.err != nil {
		return nil, a.err
	}
	if a.nilSign {
		return nil, nil
	}
	return a, nil
}

func (a *recordingAuth) Sign(req *http.Request, payloadHash string, now time.Time) error {
	a.hashes = append(a.hashes, payloadHash)
	attempt := req.Header.Get("Amz-Sdk-Request")
	a.attempts = append(a.attempts, attempt)
	req.Header.Set("Authorization", "signed "+attempt)
	return nil
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestInvokeSignsEachAttempt(t *testing.T) {
	for _, tc := range []struct {
		name     string
		op       *Operation
		req      func() *Request
		wantHash string
	}{
		{"no body", &Operation{Name: "Op"}, func() *Request { return NewRequest("GET") }, emptyPayloadHash},
		{"empty body", &Operation{Name: "Op"}, func() *Request { return postRequest("") }, emptyPayloadHash},
		{"body", &Operation{Name: "Op"}, func() *Request { return postRequest(`{"a":1}`) }, sha256Hex(`{"a":1}`)},
		{"unsigned payload", &Operation{Name: "Op", UnsignedPayload: true}, func() *Request { return postRequest(`{"a":1}`) }, unsignedPayload},
		{"seekable stream", &Operation{Name: "Op"}, func() *Request {
			r := NewRequest("PUT")
			s := strings.NewReader("xxstream")
			s.Seek(2, io.SeekStart)
			r.Stream = s
			return r
		}, sha256Hex("stream")},
		// Glacier's serializer hashes the body itself (package treehash):
		// the call is signed with the header's value, the one the service
		// checks, and the body is not hashed again (it would give
		// sha256Hex("stream")).
		{"stream with X-Amz-Content-Sha256", &Operation{Name: "Op"}, func() *Request {
			r := NewRequest("PUT")
			r.Stream = strings.NewReader("stream")
			r.Header["X-Amz-Content-Sha256"] = []string{"hash-given-by-the-serializer"}
			return r
		}, "hash-given-by-the-serializer"},
		{"seekable stream, unsigned payload", &Operation{Name: "Op", UnsignedPayload: true}, func() *Request {
			r := NewRequest("PUT")
			r.Stream = strings.NewReader("stream")
			return r
		}, unsignedPayload},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, err503, ok200)
			cfg := ts.config(t)
			auth := &recordingAuth{}
			cfg.Auth = auth
			if err := testClient().Invoke(t.Context(), cfg, tc.op, tc.req(), noDecode); err != nil {
				t.Fatal(err)
			}
			if auth.signers != 1 {
				t.Errorf("Auth.Signer called %d times, want once per call", auth.signers)
			}
			if len(auth.hashes) != 2 || auth.hashes[0] != tc.wantHash || auth.hashes[1] != tc.wantHash {
				t.Errorf("Sign got payload hashes %q, want %q on each of 2 attempts", auth.hashes, tc.wantHash)
			}
			seen := ts.attempts()
			for i, a := range seen {
				want := "signed attempt=" + itoa(i+1) + "; max=3"
				if got := a.header.Get("Authorization"); got != want {
					t.Errorf("attempt %d: Authorization %q, want %q", i+1, got, want)
				}
			}
		})
	}
}

// blindAuth's signer does not read the payload hash.
type blindAuth struct{ recordingAuth }

func (a *blindAuth) Signer(context.Context, *Endpoint) (RequestSigner, error) { return a, nil }
func (a *blindAuth) PayloadBlind()                                            {}

// A PayloadBlind signer gets no hash, and a seekable stream is not read
// ahead to make one: it is read once, by the transport.
func TestInvokeDoesNotHashForPayloadBlindSigner(t *testing.T) {
	ts := newTestServer(t, ok200)
	cfg := ts.config(t)
	auth := &blindAuth{}
	cfg.Auth = auth
	s := &countingSeeker{Reader: strings.NewReader("stream")}
	r := NewRequest("PUT")
	r.Stream = s
	if err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op"}, r, noDecode); err != nil {
		t.Fatal(err)
	}
	if len(auth.hashes) != 1 || auth.hashes[0] != "" {
		t.Errorf("Sign got payload hashes %q, want one empty", auth.hashes)
	}
	if s.read != len("stream") {
		t.Errorf("%d bytes read from the stream, want %d: it was hashed ahead", s.read, len("stream"))
	}
	if body := ts.attempts()[0].body; body != "stream" {
		t.Errorf("server got body %q", body)
	}
}

// countingSeeker counts the bytes read from a seekable stream.
type countingSeeker struct {
	*strings.Reader
	read int
}

func (c *countingSeeker) Read(p []byte) (int, error) {
	n, err := c.Reader.Read(p)
	c.read += n
	return n, err
}

func TestInvokeUnseekableStreamIsUnsignedPayload(t *testing.T) {
	ts := newTestServer(t, ok200)
	cfg := ts.config(t)
	auth := &recordingAuth{}
	cfg.Auth = auth
	r := NewRequest("PUT")
	r.Stream = onlyReader{strings.NewReader("stream")}
	if err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op"}, r, noDecode); err != nil {
		t.Fatal(err)
	}
	if len(auth.hashes) != 1 || auth.hashes[0] != unsignedPayload {
		t.Errorf("Sign got payload hashes %q, want [%s]", auth.hashes, unsignedPayload)
	}
	if body := ts.attempts()[0].body; body != "stream" {
		t.Errorf("server got body %q: hashing must not consume an unseekable stream", body)
	}
}

func TestInvokeUnsigned(t *testing.T) {
	t.Run("nil signer", func(t *testing.T) {
		ts := newTestServer(t, ok200)
		cfg := ts.config(t)
		auth := &recordingAuth{nilSign: true}
		cfg.Auth = auth
		if err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op"}, postRequest("x"), noDecode); err != nil {
			t.Fatal(err)
		}
		if auth.signers != 1 || ts.attempts()[0].header.Get("Authorization") != "" {
			t.Errorf("Signer asked %d times; Authorization %q", auth.signers, ts.attempts()[0].header.Get("Authorization"))
		}
	})
	t.Run("anonymous operation", func(t *testing.T) {
		ts := newTestServer(t, ok200)
		cfg := ts.config(t)
		auth := &recordingAuth{}
		cfg.Auth = auth
		if err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op", Anonymous: true}, postRequest("x"), noDecode); err != nil {
			t.Fatal(err)
		}
		if auth.signers != 0 || len(auth.hashes) != 0 || ts.attempts()[0].header.Get("Authorization") != "" {
			t.Errorf("an @optionalAuth operation was signed: %+v", auth)
		}
	})
	t.Run("auth error", func(t *testing.T) {
		ts := newTestServer(t, ok200)
		cfg := ts.config(t)
		noCreds := errors.New("no credentials")
		cfg.Auth = &recordingAuth{err: noCreds}
		err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op"}, postRequest("x"), noDecode)
		oe := asOperationError(t, err)
		if !errors.Is(err, noCreds) || oe.Attempts != 0 || len(ts.attempts()) != 0 {
			t.Errorf("err %v (%d attempts), server saw %d; want the Auth error before any request", err, oe.Attempts, len(ts.attempts()))
		}
	})
}

func TestInvokeCompress(t *testing.T) {
	for _, disabled := range []bool{false, true} {
		ts := newTestServer(t, ok200)
		cfg := ts.config(t)
		cfg.DisableRequestCompression = disabled
		cfg.RequestMinCompressSizeBytes = 7
		var gotMin []int
		op := &Operation{Name: "Op", Compress: func(r *Request, minSize int) error {
			gotMin = append(gotMin, minSize)
			r.Body = []byte("squeezed")
			return nil
		}}
		if err := testClient().Invoke(t.Context(), cfg, op, postRequest("original"), noDecode); err != nil {
			t.Fatal(err)
		}
		body := ts.attempts()[0].body
		if disabled && (gotMin != nil || body != "original") || !disabled && (len(gotMin) != 1 || gotMin[0] != 7 || body != "squeezed") {
			t.Errorf("DisableRequestCompression %v: Compress calls %v, body %q", disabled, gotMin, body)
		}
	}
	boom := errors.New("boom")
	err := testClient().Invoke(t.Context(), &Config{}, &Operation{Name: "Op", Compress: func(*Request, int) error { return boom }}, postRequest("x"), noDecode)
	if oe := asOperationError(t, err); !errors.Is(err, boom) || oe.Attempts != 0 {
		t.Errorf("err %v, want the compressor's error before any attempt", err)
	}
}

// recordHandler keeps the records it handles.
type recordHandler struct {
	level   slog.Level
	records []slog.Record
}

func (h *recordHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= h.level }
func (h *recordHandler) Handle(_ context.Context, r slog.Record) error {
	h.records = append(h.records, r)
	return nil
}
func (h *recordHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *recordHandler) WithGroup(string) slog.Handler      { return h }

func attrsOf(r slog.Record) map[string]string {
	m := map[string]string{}
	r.Attrs(func(a slog.Attr) bool {
		m[a.Key] = a.Value.String()
		return true
	})
	return m
}

func TestInvokeLogs(t *testing.T) {
	ts := newTestServer(t, err503, ok200)
	cfg := ts.config(t)
	h := &recordHandler{level: slog.LevelDebug}
	cfg.Logger = slog.New(h)
	if err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op"}, postRequest("x"), noDecode); err != nil {
		t.Fatal(err)
	}
	if len(h.records) != 3 {
		t.Fatalf("%d records, want 2 attempts and a call", len(h.records))
	}
	for i, want := range []map[string]string{
		{"msg": "attempt", "service": "Test", "operation": "Op", "attempt": "1", "status": "503", "request_id": "req-503"},
		{"msg": "attempt", "service": "Test", "operation": "Op", "attempt": "2", "status": "200", "request_id": "req-ok"},
		{"msg": "call", "service": "Test", "operation": "Op", "attempts": "2"},
	} {
		r := h.records[i]
		got := attrsOf(r)
		if r.Level != slog.LevelDebug {
			t.Errorf("record %d at level %v, want debug", i, r.Level)
		}
		if r.Message != want["msg"] {
			t.Errorf("record %d message %q, want %q", i, r.Message, want["msg"])
		}
		for k, v := range want {
			if k != "msg" && got[k] != v {
				t.Errorf("record %d: %s = %q, want %q", i, k, got[k], v)
			}
		}
		if _, ok := got["duration"]; !ok {
			t.Errorf("record %d has no duration", i)
		}
	}

	// A network error is logged with the attempt.
	ts2 := newTestServer(t, resetConnection)
	cfg2 := ts2.config(t)
	h2 := &recordHandler{level: slog.LevelDebug}
	cfg2.Logger = slog.New(h2)
	cfg2.RetryMaxAttempts = 1
	testClient().Invoke(t.Context(), cfg2, &Operation{Name: "Op"}, postRequest("x"), noDecode)
	if len(h2.records) != 1 || attrsOf(h2.records[0])["error"] == "" {
		t.Errorf("records %v, want one attempt with its error", h2.records)
	}

	// Above debug, nothing is logged.
	ts3 := newTestServer(t, ok200)
	cfg3 := ts3.config(t)
	h3 := &recordHandler{level: slog.LevelInfo}
	cfg3.Logger = slog.New(h3)
	if err := testClient().Invoke(t.Context(), cfg3, &Operation{Name: "Op"}, postRequest("x"), noDecode); err != nil {
		t.Fatal(err)
	}
	if len(h3.records) != 0 {
		t.Errorf("%d records with the logger at info", len(h3.records))
	}
}

func TestFail(t *testing.T) {
	cause := errors.New("missing member")
	err := testClient().Fail(&Operation{Name: "Op"}, cause)
	oe := asOperationError(t, err)
	if oe.Service != "Test" || oe.Operation != "Op" || oe.Attempts != 0 || !errors.Is(err, cause) {
		t.Errorf("Fail gave %+v", oe)
	}
}

type failingSigner struct{ err error }

func (f failingSigner) Signer(context.Context, *Endpoint) (RequestSigner, error) { return f, nil }
func (f failingSigner) Sign(*http.Request, string, time.Time) error              { return f.err }

func TestInvokeSignError(t *testing.T) {
	ts := newTestServer(t, ok200)
	cfg := ts.config(t)
	expired := errors.New("credentials expired")
	cfg.Auth = failingSigner{expired}
	err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op"}, postRequest("x"), noDecode)
	oe := asOperationError(t, err)
	if !errors.Is(err, expired) || oe.Attempts != 0 || len(ts.attempts()) != 0 {
		t.Errorf("err %v (%d attempts), server saw %d; want the signing error before any request", err, oe.Attempts, len(ts.attempts()))
	}
}

func TestInvokeTruncatedResponse(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			panic(err)
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nX-Amzn-Requestid: req-cut\r\n\r\n{\"ok\":")
		conn.Close()
	})
	err := testClient().Invoke(t.Context(), ts.config(t), &Operation{Name: "Op"}, postRequest("x"), func(*Response) error {
		t.Error("decode called with a truncated body")
		return nil
	})
	oe := asOperationError(t, err)
	if oe.StatusCode != 200 || oe.RequestID != "req-cut" || oe.Attempts != 1 || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("got %+v", oe)
	}
	if !strings.Contains(err.Error(), "reading the response body") {
		t.Errorf("Error() = %q", err)
	}
}

func TestInvokeStreamingOutputDecodeErrorClosesBody(t *testing.T) {
	ts := newTestServer(t, respond(200, nil, "a large download"))
	var body io.Reader
	bad := errors.New("bad header")
	err := testClient().Invoke(t.Context(), ts.config(t), &Operation{Name: "Op", StreamingOutput: true}, NewRequest("GET"), func(r *Response) error {
		body = r.Body
		return bad
	})
	if !errors.Is(err, bad) {
		t.Fatalf("err = %v", err)
	}
	if _, rerr := body.Read(make([]byte, 1)); rerr == nil || rerr == io.EOF {
		t.Errorf("reading the body after a failed decode: %v, want the error of a closed body", rerr)
	}
}

// TestInvokeDoesNotFollowRedirects: the default HTTP client answers a
// redirect with the 3xx as an error response. Followed, a 302 would turn
// the POST into a GET of the target, whose 200 the call would report as
// the operation's success.
func TestInvokeDoesNotFollowRedirects(t *testing.T) {
	for _, status := range []int{301, 302, 303, 307, 308} {
		ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/elsewhere" {
				ok200(w, r)
				return
			}
			http.Redirect(w, r, "/elsewhere", status)
		})
		cfg := ts.config(t)
		cfg.HTTPClient = nil // the default client
		err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op"}, postRequest(`{"x":1}`), noDecode)
		if err == nil {
			t.Errorf("%d: the call succeeded; want the redirect as an error", status)
			continue
		}
		if oe := asOperationError(t, err); oe.StatusCode != status {
			t.Errorf("%d: status %d in %v", status, oe.StatusCode, err)
		}
		if seen := ts.attempts(); len(seen) != 1 || seen[0].path != "/op" {
			t.Errorf("%d: the server saw %+v; want the one POST, not the redirect's target", status, seen)
		}
	}
}

// cutBody answers with status and a body that the connection's close cuts
// off after a few of the bytes its Content-Length promises.
func cutBody(status int) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(buf, "HTTP/1.1 %d Cut\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ok\":", status)
		buf.Flush()
		conn.Close()
	}
}

// TestInvokeRetriesCutOffBodies: a body cut off is sent for again where the
// status would be retried (a 503), or where the operation is safe to apply
// twice; a success of an operation that is not is an error, not sent again.
func TestInvokeRetriesCutOffBodies(t *testing.T) {
	for _, tc := range []struct {
		name     string
		status   int
		safe     bool
		attempts int
		ok       bool
	}{
		{"safe 200", 200, true, 2, true},
		{"unsafe 200", 200, false, 1, false},
		{"unsafe 503", 503, false, 2, true},
	} {
		ts := newTestServer(t, cutBody(tc.status), ok200)
		err := testClient().Invoke(t.Context(), ts.config(t), &Operation{Name: "Op", SafeToRetry: tc.safe}, postRequest("x"), noDecode)
		if (err == nil) != tc.ok {
			t.Errorf("%s: error %v", tc.name, err)
		}
		if n := len(ts.attempts()); n != tc.attempts {
			t.Errorf("%s: %d attempts, want %d", tc.name, n, tc.attempts)
		}
	}
}

// TestInvokeKeepsContentEncoding: a response body arrives as the service
// sent it, with its Content-Encoding, whatever net/http's transport would
// have done with a gzip body it had asked for itself.
func TestInvokeKeepsContentEncoding(t *testing.T) {
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write([]byte("PROFILE"))
	zw.Close()
	ts := newTestServer(t, respond(200, map[string]string{"Content-Encoding": "gzip", "Content-Type": "application/octet-stream"}, zipped.String()))
	for _, set := range []string{"", "gzip, br"} {
		r := postRequest(`{}`)
		if set != "" {
			r.Header.Set("Accept-Encoding", set) // as a member bound to the header sets it
		}
		var body []byte
		var encoding string
		err := testClient().Invoke(t.Context(), ts.config(t), &Operation{Name: "Op"}, r, func(resp *Response) error {
			body, encoding = bytes.Clone(resp.Data), resp.Header.Get("Content-Encoding")
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(body, zipped.Bytes()) || encoding != "gzip" {
			t.Errorf("Accept-Encoding %q: decode saw %q with Content-Encoding %q; want the gzip bytes as sent, with gzip", set, body, encoding)
		}
		seen := ts.attempts()
		want := set
		if want == "" {
			want = "identity"
		}
		if got := seen[len(seen)-1].header.Get("Accept-Encoding"); got != want {
			t.Errorf("request's Accept-Encoding = %q, want %q", got, want)
		}
	}
}

// TestInvokeSmithyProtocolMismatchIsHandledByStatus: Smithy RPC v2 has a
// response without the request's Smithy-Protocol header handled by its
// status alone: a 2xx fails without being decoded, an error status is a
// *GenericAPIError of the status (not the type its body names), retried
// as the status says.
func TestInvokeSmithyProtocolMismatchIsHandledByStatus(t *testing.T) {
	svc := func() *Service {
		return &Service{Name: "Test", SmithyProtocol: "rpc-v2-cbor", DecodeError: func(*Response) error {
			t.Error("DecodeError called for a response of another protocol")
			return nil
		}}
	}
	for _, tc := range []struct {
		name   string
		header map[string]string
		want   string
	}{
		{"missing", nil, `the response is not rpc-v2-cbor (it has no Smithy-Protocol header), so its body was not read`},
		{"other", map[string]string{"Smithy-Protocol": "rpc-v2-json"}, `the response is not rpc-v2-cbor (its Smithy-Protocol header is "rpc-v2-json"), so its body was not read`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, respond(200, tc.header, `{"ok":true}`))
			err := NewClient(svc()).Invoke(t.Context(), ts.config(t), &Operation{Name: "Op"}, postRequest(""), func(*Response) error {
				t.Error("a response of another protocol was decoded as the output")
				return nil
			})
			oe := asOperationError(t, err)
			if oe.StatusCode != 200 || oe.Err == nil || oe.Err.Error() != tc.want {
				t.Errorf("got %v, want status 200 and %q", err, tc.want)
			}
			ts = newTestServer(t, respond(200, tc.header, "an event stream"))
			err = NewClient(svc()).Invoke(t.Context(), ts.config(t), &Operation{Name: "Op", StreamingOutput: true}, NewRequest("POST"), func(*Response) error {
				t.Error("a streamed response of another protocol was decoded")
				return nil
			})
			if err == nil {
				t.Error("a streamed response of another protocol succeeded")
			}
		})
	}

	// A 400 naming an error type in the body and the header: neither is read.
	ts := newTestServer(t, respond(400, map[string]string{"X-Amzn-Errortype": "Refused"}, `{"__type":"Refused","message":"no"}`))
	err := NewClient(svc()).Invoke(t.Context(), ts.config(t), &Operation{Name: "Op"}, postRequest(""), noDecode)
	var g *GenericAPIError
	if !errors.As(err, &g) || g.Code != "" || g.Message != "" || g.StatusCode != 400 {
		t.Errorf("got %v, want a *GenericAPIError of status 400 without code or message", err)
	}
	if n := len(ts.attempts()); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}

	// A 503 from something in front of the service is still retried.
	ts = newTestServer(t, respond(503, nil, "<html>busy</html>"), respond(200, map[string]string{"Smithy-Protocol": "rpc-v2-cbor"}, ""))
	decoded := false
	err = NewClient(svc()).Invoke(t.Context(), ts.config(t), &Operation{Name: "Op"}, postRequest(""), func(*Response) error {
		decoded = true
		return nil
	})
	if err != nil || !decoded || len(ts.attempts()) != 2 {
		t.Errorf("got %v after %d attempts (decoded %v), want the 503 retried and the 200 decoded", err, len(ts.attempts()), decoded)
	}
}
