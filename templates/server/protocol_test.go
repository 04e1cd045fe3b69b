//lint:file-ignore U1000 the helpers serve whichever cases a model has

package server

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/runtime/serve"
)

// This file holds the runners of the server's protocol tests in
// protocol_gen_test.go: a request test sends a request to the handler and
// compares the input the service receives; a response test encodes an
// output or error and compares the response; a malformed-request test
// sends a request the handler must refuse and compares the refusal.

// serveRequest sends a request to a handler serving svc and returns the
// response.
func serveRequest(t *testing.T, svc Service, method, uri, host string, query []string, headers map[string]string, body string) *http.Response {
	t.Helper()
	target := uri
	if len(query) > 0 {
		sep := "?"
		if strings.Contains(uri, "?") {
			sep = "&"
		}
		target += sep + strings.Join(query, "&")
	}
	r, err := http.NewRequest(method, "http://example.com"+target, strings.NewReader(body))
	if err != nil {
		t.Fatalf("the test's request does not parse: %v", err)
	}
	if body == "" {
		r.Body = http.NoBody
	}
	r.ContentLength = int64(len(body))
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	if host != "" {
		r.Host = host
	}
	w := httptest.NewRecorder()
	NewHandler(svc, HandlerOptions{}).ServeHTTP(w, r)
	return w.Result()
}

// checkResponse compares an encoded response with a response test's code,
// headers and body.
func checkResponse(t *testing.T, m *serve.ResponseMessage, code int, headers map[string]string, body, mediaType string) {
	t.Helper()
	if m.Status != code {
		t.Errorf("status = %d, want %d", m.Status, code)
	}
	got := m.Body
	if m.Stream != nil {
		// A streamed body (a @streaming blob's) is what Send writes.
		rec := httptest.NewRecorder()
		if err := m.Send(rec); err != nil {
			t.Errorf("streaming the body: %v", err)
		}
		got = rec.Body.Bytes()
	}
	header := m.Header.Clone()
	if header.Get("Content-Length") == "" {
		header.Set("Content-Length", strconv.Itoa(len(got)))
	}
	for k, want := range headers {
		if got, ok := header[http.CanonicalHeaderKey(k)]; !ok || strings.Join(got, ", ") != want {
			t.Errorf("header %s = %q, want %q", k, got, want)
		}
	}
	// The media type "-" marks a test without a body, which is not checked.
	if mediaType != "-" {
		compareBody(t, got, body, mediaType)
	}
}

// checkMalformed compares the handler's refusal of a malformed request
// with the test's code, headers and body assertion (the whole body, or a
// regular expression the body's message must match).
func checkMalformed(t *testing.T, resp *http.Response, code int, headers map[string]string, contents, messageRegex, mediaType string) {
	t.Helper()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != code {
		t.Errorf("status = %d, want %d (body %s)", resp.StatusCode, code, body)
	}
	for k, want := range headers {
		if got := resp.Header.Values(k); strings.Join(got, ", ") != want {
			t.Errorf("header %s = %q, want %q", k, got, want)
		}
	}
	if contents != "" {
		compareBody(t, body, contents, mediaType)
	}
	if messageRegex != "" {
		var v struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(body, &v)
		if !regexp.MustCompile(messageRegex).MatchString(v.Message) {
			t.Errorf("message %q does not match %q", v.Message, messageRegex)
		}
	}
}
