package sigv4

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// suiteDir is the AWS SigV4 test suite (from awslabs/aws-c-auth, see
// ../../../shared/testdata/sigv4/SOURCE.md), read in place: it is not
// copied into this repository.
const suiteDir = "../../../shared/testdata/sigv4/aws-signing-test-suite/v4"

// suiteCaseCount is the number of cases in the pinned copy of the suite; a
// different count means the copy changed or is incomplete.
const suiteCaseCount = 38

// suiteContext is a case's context.json.
type suiteContext struct {
	Credentials struct {
		AccessKeyID     string `json:"access_key_id"`
		SecretAccessKey string `json:"secret_access_key"`
		Token           string `json:"token"`
	} `json:"credentials"`
	ExpirationInSeconds int       `json:"expiration_in_seconds"`
	Normalize           bool      `json:"normalize"`
	Region              string    `json:"region"`
	Service             string    `json:"service"`
	SignBody            bool      `json:"sign_body"`
	Timestamp           time.Time `json:"timestamp"`
	OmitSessionToken    bool      `json:"omit_session_token"`
}

func (c *suiteContext) creds() AccessKey {
	return AccessKey{c.Credentials.AccessKeyID, c.Credentials.SecretAccessKey, c.Credentials.Token}
}

func (c *suiteContext) options() Options {
	return Options{
		DisableNormalizePath:   !c.Normalize,
		OmitSessionToken:       c.OmitSessionToken,
		SetContentSHA256Header: c.SignBody,
	}
}

// rawHeader is one header line of a raw request, the value exactly as
// after the colon, continuation lines included.
type rawHeader struct{ name, value string }

// rawRequest is an HTTP/1.1 request as written in the suite's files.
type rawRequest struct {
	method, target, proto string
	headers               []rawHeader
	body                  []byte
}

// parseRawRequest parses the suite's request files by hand: net/http's
// ReadRequest rejects some of them (a space or raw UTF-8 in the request
// target) and would trim and unfold header values, which the signer must do
// itself. A header line starting with a space or tab continues the previous
// value (obsolete line folding); it is kept, joined with "\n".
func parseRawRequest(data []byte) (*rawRequest, error) {
	r := &rawRequest{}
	line := func() (string, bool) {
		if len(data) == 0 {
			return "", false
		}
		l, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		return strings.TrimSuffix(string(l), "\r"), true
	}
	first, ok := line()
	if !ok {
		return nil, fmt.Errorf("empty request")
	}
	sp1, sp2 := strings.IndexByte(first, ' '), strings.LastIndexByte(first, ' ')
	if sp1 < 0 || sp2 <= sp1 {
		return nil, fmt.Errorf("bad request line %q", first)
	}
	// The target may itself contain spaces, so it is everything between the
	// first and the last space.
	r.method, r.target, r.proto = first[:sp1], first[sp1+1:sp2], first[sp2+1:]
	for {
		l, ok := line()
		if !ok || l == "" {
			break
		}
		if l[0] == ' ' || l[0] == '\t' {
			if len(r.headers) == 0 {
				return nil, fmt.Errorf("continuation line before any header: %q", l)
			}
			r.headers[len(r.headers)-1].value += "\n" + l
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			return nil, fmt.Errorf("bad header line %q", l)
		}
		r.headers = append(r.headers, rawHeader{name, value})
	}
	r.body = data
	return r, nil
}

// headerMap is a request's headers by lowercase name, values in order.
type headerMap map[string][]string

func (r *rawRequest) headerMap() headerMap {
	m := headerMap{}
	for _, h := range r.headers {
		k := strings.ToLower(h.name)
		m[k] = append(m[k], h.value)
	}
	return m
}

// httpRequest builds the *http.Request for r. The target's path reaches
// the signer unmodified: as Path/RawPath when it is a valid escaped path
// (then req.URL.EscapedPath() returns it), otherwise (a raw space or UTF-8
// byte) as URL.Opaque, which net/http would also send as is. Host becomes
// req.Host and req.URL.Host, Content-Length req.ContentLength, and every
// other header goes to req.Header with its raw value.
func (r *rawRequest) httpRequest(t *testing.T) *http.Request {
	t.Helper()
	path, query, _ := strings.Cut(r.target, "?")
	u := &url.URL{Scheme: "https", RawQuery: query}
	if dec, err := url.PathUnescape(path); err == nil {
		u.Path, u.RawPath = dec, path
	}
	if u.EscapedPath() != path {
		if strings.HasPrefix(path, "//") {
			t.Fatalf("path %q can be given neither as RawPath nor as Opaque", path)
		}
		u.Path, u.RawPath, u.Opaque = "", "", path
	}
	req := &http.Request{
		Method: r.method, URL: u, Proto: r.proto, ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{},
	}
	for _, h := range r.headers {
		switch strings.ToLower(h.name) {
		case "host":
			req.Host, u.Host = h.value, h.value
		case "content-length":
			n, err := strconv.ParseInt(strings.TrimSpace(h.value), 10, 64)
			if err != nil {
				t.Fatalf("bad Content-Length %q", h.value)
			}
			req.ContentLength = n
		default:
			req.Header.Add(h.name, h.value)
		}
	}
	if len(r.body) > 0 {
		req.Body = io.NopCloser(bytes.NewReader(r.body))
	}
	return req
}

// requestTarget is the request target net/http would send for req.
func requestTarget(req *http.Request) string {
	target := requestPath(req)
	if req.URL.RawQuery != "" {
		target += "?" + req.URL.RawQuery
	}
	return target
}

// sentHeaders is what would be sent for req as a headerMap: req.Header
// plus Host and Content-Length, which net/http takes from fields.
func sentHeaders(req *http.Request) headerMap {
	m := headerMap{}
	for k, vs := range req.Header {
		lk := strings.ToLower(k)
		m[lk] = append(m[lk], vs...)
	}
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	m["host"] = append(m["host"], host)
	if req.ContentLength > 0 {
		m["content-length"] = append(m["content-length"], strconv.FormatInt(req.ContentLength, 10))
	}
	return m
}

func lowerKeys(h http.Header) headerMap {
	m := headerMap{}
	for k, vs := range h {
		lk := strings.ToLower(k)
		m[lk] = append(m[lk], vs...)
	}
	return m
}

// suiteCase is one folder of the suite, loaded.
type suiteCase struct {
	name string
	dir  string
	ctx  suiteContext
	req  *rawRequest
}

func (c *suiteCase) file(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(c.dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func loadSuite(t *testing.T) []*suiteCase {
	t.Helper()
	entries, err := os.ReadDir(suiteDir)
	if err != nil {
		t.Skipf("../shared is missing: the SigV4 test suite is read in place from %s (%v); "+
			"check out the shared test data next to the repository to run this test", suiteDir, err)
	}
	var cases []*suiteCase
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		c := &suiteCase{name: e.Name(), dir: filepath.Join(suiteDir, e.Name())}
		if err := json.Unmarshal(c.file(t, "context.json"), &c.ctx); err != nil {
			t.Fatalf("%s: context.json: %v", c.name, err)
		}
		if c.req, err = parseRawRequest(c.file(t, "request.txt")); err != nil {
			t.Fatalf("%s: request.txt: %v", c.name, err)
		}
		cases = append(cases, c)
	}
	if len(cases) != suiteCaseCount {
		t.Fatalf("found %d cases in %s, want %d", len(cases), suiteDir, suiteCaseCount)
	}
	return cases
}

// TestSuite checks every case of the AWS test suite in both flavours:
// header signing (SignHTTP) and query signing (PresignHTTP). Each compares
// the canonical request, string to sign and signature byte for byte, then
// the signed request.
func TestSuite(t *testing.T) {
	for _, c := range loadSuite(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Run("header", func(t *testing.T) { testSuiteHeader(t, c) })
			t.Run("query", func(t *testing.T) { testSuiteQuery(t, c) })
		})
	}
}

func checkTrace(t *testing.T, c *suiteCase, flavour string, tr *trace) {
	t.Helper()
	for _, f := range []struct{ file, got string }{
		{flavour + "-canonical-request.txt", tr.canonicalRequest},
		{flavour + "-string-to-sign.txt", tr.stringToSign},
		{flavour + "-signature.txt", tr.signature},
	} {
		if want := string(c.file(t, f.file)); f.got != want {
			t.Errorf("%s:\n got: %q\nwant: %q", f.file, f.got, want)
		}
	}
}

func testSuiteHeader(t *testing.T, c *suiteCase) {
	req := c.req.httpRequest(t)
	var tr trace
	err := NewSigner().signHTTP(req, c.ctx.creds(), HashHex(c.req.body), c.ctx.Service, c.ctx.Region,
		c.ctx.Timestamp, c.ctx.options(), &tr)
	if err != nil {
		t.Fatal(err)
	}
	checkTrace(t, c, "header", &tr)

	want, err := parseRawRequest(c.file(t, "header-signed-request.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if req.Method != want.method || requestTarget(req) != want.target {
		t.Errorf("request line: got %s %s, want %s %s", req.Method, requestTarget(req), want.method, want.target)
	}
	if got, w := sentHeaders(req), want.headerMap(); !reflect.DeepEqual(got, w) {
		t.Errorf("signed headers:\n got: %q\nwant: %q", got, w)
	}
	if !bytes.Equal(want.body, c.req.body) {
		t.Errorf("body: got %q, want %q", c.req.body, want.body)
	}
}

func testSuiteQuery(t *testing.T, c *suiteCase) {
	req := c.req.httpRequest(t)
	before := req.Clone(t.Context())
	var tr trace
	signedURL, signed, err := NewSigner().presignHTTP(req, c.ctx.creds(), HashHex(c.req.body), c.ctx.Service,
		c.ctx.Region, c.ctx.Timestamp, time.Duration(c.ctx.ExpirationInSeconds)*time.Second, c.ctx.options(), &tr)
	if err != nil {
		t.Fatal(err)
	}
	checkTrace(t, c, "query", &tr)

	want, err := parseRawRequest(c.file(t, "query-signed-request.txt"))
	if err != nil {
		t.Fatal(err)
	}
	prefix := "https://" + req.Host
	target, ok := strings.CutPrefix(signedURL, prefix)
	if !ok {
		t.Fatalf("signed URL %q does not start with %q", signedURL, prefix)
	}
	// The signer keeps the request's query as it was and appends the
	// authentication parameters in the order aws-c-auth does, so the whole
	// request target matches, not just the set of query pairs.
	if target != want.target {
		t.Errorf("signed URL target:\n got: %q\nwant: %q", target, want.target)
	}
	if req.Method != want.method {
		t.Errorf("method: got %s, want %s", req.Method, want.method)
	}
	// Every header of the suite's requests is signed, so the headers to
	// send with the URL are exactly those of the signed request.
	if got, w := lowerKeys(signed), want.headerMap(); !reflect.DeepEqual(got, w) {
		t.Errorf("signed headers:\n got: %q\nwant: %q", got, w)
	}
	if !reflect.DeepEqual(req.Header, before.Header) || *req.URL != *before.URL || req.Host != before.Host {
		t.Errorf("PresignHTTP modified the request")
	}
}
