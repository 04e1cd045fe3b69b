//lint:file-ignore U1000 the helpers serve whichever cases a model has

package client

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// This file holds the runners of the protocol tests in
// protocol_gen_test.go: a request test sends an input through a client whose
// HTTP client captures the request; a response test feeds a canned response
// to an operation and compares what comes back.

// protocolToken is the idempotency token the protocol tests expect.
const protocolToken = "00000000-0000-4000-8000-000000000000"

func init() { newIdempotencyToken = func() string { return protocolToken } }

// captureClient records the request it is given and answers with resp.
type captureClient struct {
	req  *http.Request
	body []byte
	resp func(*http.Request) *http.Response
}

func (c *captureClient) Do(r *http.Request) (*http.Response, error) {
	c.req = r
	if r.Body != nil {
		c.body, _ = io.ReadAll(r.Body)
		r.Body.Close()
	}
	return c.resp(r), nil
}

func protocolClient(host string, hc HTTPClient) *Client {
	if host == "" {
		host = "example.com"
	}
	return New(protocolOptions("https://"+host, hc))
}

// requestCase is what a request test expects.
type requestCase struct {
	method, uri, host, resolvedHost string
	queryParams                     []string
	forbidQueryParams               []string
	requireQueryParams              []string
	headers                         map[string]string
	forbidHeaders                   []string
	requireHeaders                  []string
	body                            *string
	bodyMediaType                   string
}

// runRequest calls send with a capturing client, checks the request, and
// returns its body.
func runRequest(t *testing.T, tc requestCase, send func(context.Context, *Client) error) []byte {
	t.Helper()
	cc := &captureClient{resp: func(r *http.Request) *http.Response {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("{}")), ContentLength: 2, Request: r}
	}}
	err := send(context.Background(), protocolClient(tc.host, cc))
	if cc.req == nil {
		t.Fatalf("no request was sent: %v", err)
	}
	r := cc.req
	if r.Method != tc.method {
		t.Errorf("method = %s, want %s", r.Method, tc.method)
	}
	if got := r.URL.EscapedPath(); got != tc.uri {
		t.Errorf("path = %s, want %s", got, tc.uri)
	}
	if tc.resolvedHost != "" && r.URL.Host != tc.resolvedHost {
		t.Errorf("host = %s, want %s", r.URL.Host, tc.resolvedHost)
	}
	var query []string
	if r.URL.RawQuery != "" {
		query = strings.Split(r.URL.RawQuery, "&")
	}
	for _, want := range tc.queryParams {
		if !slices.Contains(query, want) {
			t.Errorf("query %q lacks %q", r.URL.RawQuery, want)
		}
	}
	keys := make([]string, len(query))
	for i, q := range query {
		keys[i], _, _ = strings.Cut(q, "=")
	}
	for _, k := range tc.forbidQueryParams {
		if slices.Contains(keys, k) {
			t.Errorf("query %q has forbidden %q", r.URL.RawQuery, k)
		}
	}
	for _, k := range tc.requireQueryParams {
		if !slices.Contains(keys, k) {
			t.Errorf("query %q lacks required %q", r.URL.RawQuery, k)
		}
	}
	header := r.Header.Clone()
	if r.ContentLength > 0 && header.Get("Content-Length") == "" {
		header.Set("Content-Length", strconvItoa(r.ContentLength))
	}
	for k, want := range tc.headers {
		if got, ok := header[http.CanonicalHeaderKey(k)]; !ok || strings.Join(got, ", ") != want {
			t.Errorf("header %s = %q, want %q", k, got, want)
		}
	}
	for _, k := range tc.forbidHeaders {
		if _, ok := header[http.CanonicalHeaderKey(k)]; ok {
			t.Errorf("header %s is forbidden but sent", k)
		}
	}
	for _, k := range tc.requireHeaders {
		if _, ok := header[http.CanonicalHeaderKey(k)]; !ok {
			t.Errorf("header %s is required but not sent", k)
		}
	}
	if tc.body != nil {
		compareBody(t, cc.body, *tc.body, tc.bodyMediaType)
	}
	return cc.body
}

// responseClient answers every request with a canned response.
func responseClient(code int, headers map[string]string, body string) *Client {
	return protocolClient("", &captureClient{resp: func(r *http.Request) *http.Response {
		h := http.Header{}
		for k, v := range headers {
			h.Set(k, v)
		}
		return &http.Response{StatusCode: code, Header: h, Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: r}
	}})
}

// checkError checks that err unwraps to a *E equal to want.
func checkError[E error](t *testing.T, err error, want E) {
	t.Helper()
	var got E
	if !errors.As(err, &got) {
		t.Fatalf("error %v (%T) is not a %T", err, err, want)
	}
	assertEqual(t, got, want)
}

// checkErrorCode checks the code err reports and, when fault is not "", its
// fault.
func checkErrorCode(t *testing.T, err error, code, fault string) {
	t.Helper()
	var coded interface {
		ErrorCode() string
		ErrorFault() string
	}
	if !errors.As(err, &coded) {
		t.Fatalf("error %v (%T) has no error code", err, err)
	}
	if got := coded.ErrorCode(); got != code {
		t.Errorf("ErrorCode() = %q, want %q", got, code)
	}
	if got := coded.ErrorFault(); fault != "" && got != fault {
		t.Errorf("ErrorFault() = %q, want %q", got, fault)
	}
}
