package sigv4verify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// suiteDir is the AWS SigV4 test suite (from awslabs/aws-c-auth, see
// ../../../shared/testdata/sigv4/SOURCE.md), read in place.
const suiteDir = "../../../shared/testdata/sigv4/aws-signing-test-suite/v4"

// suiteCaseCount is the number of cases in the pinned copy of the suite.
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
	Timestamp           time.Time `json:"timestamp"`
	OmitSessionToken    bool      `json:"omit_session_token"`
}

// suiteCase is one folder of the suite with its two signed requests.
type suiteCase struct {
	name          string
	ctx           suiteContext
	header, query []byte // header-signed-request.txt, query-signed-request.txt
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
		dir := filepath.Join(suiteDir, e.Name())
		read := func(name string) []byte {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		c := &suiteCase{name: e.Name(), header: read("header-signed-request.txt"), query: read("query-signed-request.txt")}
		if err := json.Unmarshal(read("context.json"), &c.ctx); err != nil {
			t.Fatalf("%s: context.json: %v", c.name, err)
		}
		cases = append(cases, c)
	}
	if len(cases) != suiteCaseCount {
		t.Fatalf("found %d cases in %s, want %d", len(cases), suiteDir, suiteCaseCount)
	}
	return cases
}

// verifier returns the Verifier a server for case c would have: it knows
// the case's key (and token) only, expects the case's scope, and its clock
// reads the case's timestamp.
func (c *suiteCase) verifier() *Verifier {
	cr := c.ctx.Credentials
	return &Verifier{
		Lookup: func(_ context.Context, id string) (string, string, error) {
			if id != cr.AccessKeyID {
				return "", "", fmt.Errorf("key %q: %w", id, ErrUnknownAccessKey)
			}
			return cr.SecretAccessKey, cr.Token, nil
		},
		Region:                       c.ctx.Region,
		Service:                      c.ctx.Service,
		Now:                          func() time.Time { return c.ctx.Timestamp },
		DisableNormalizePath:         !c.ctx.Normalize,
		SessionTokenOutsideSignature: c.ctx.OmitSessionToken,
	}
}

// receivedRequest is a request as a server receives it: parsed from the
// suite's text by hand, because net/http's parser rejects some of them (a
// space or raw UTF-8 in the target), the way net/http's server presents
// it: the target in RequestURI, Host in r.Host, header names canonical, a
// folded header line joined to the previous one.
func receivedRequest(data []byte) (*http.Request, []byte, error) {
	head, body, _ := bytes.Cut(data, []byte("\n\n"))
	lines := strings.Split(string(head), "\n")
	first := lines[0]
	sp1, sp2 := strings.IndexByte(first, ' '), strings.LastIndexByte(first, ' ')
	if sp1 < 0 || sp2 <= sp1 {
		return nil, nil, fmt.Errorf("bad request line %q", first)
	}
	r := &http.Request{
		Method: first[:sp1], RequestURI: first[sp1+1 : sp2], Proto: first[sp2+1:], ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{},
	}
	path, query, _ := strings.Cut(r.RequestURI, "?")
	r.URL = &url.URL{Opaque: path, RawQuery: query}
	var last string
	for _, l := range lines[1:] {
		if l != "" && (l[0] == ' ' || l[0] == '\t') {
			if last == "" {
				return nil, nil, fmt.Errorf("continuation line before any header: %q", l)
			}
			vs := r.Header[last]
			vs[len(vs)-1] += "\n" + l
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok || name == "" {
			return nil, nil, fmt.Errorf("bad header line %q", l)
		}
		last = http.CanonicalHeaderKey(name)
		if last == "Host" {
			r.Host = value
			last = ""
			continue
		}
		if last == "Content-Length" {
			n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil {
				return nil, nil, fmt.Errorf("bad Content-Length %q", value)
			}
			r.ContentLength = n
		}
		r.Header[last] = append(r.Header[last], value)
	}
	return r, body, nil
}

// TestSuite verifies every signed request of the suite, in both flavours,
// as the server that the case describes.
func TestSuite(t *testing.T) {
	for _, c := range loadSuite(t) {
		for _, flavour := range []struct {
			name string
			data []byte
		}{{"header", c.header}, {"query", c.query}} {
			t.Run(c.name+"/"+flavour.name, func(t *testing.T) {
				r, body, err := receivedRequest(flavour.data)
				if err != nil {
					t.Fatal(err)
				}
				res, err := c.verifier().Verify(t.Context(), r, body)
				if err != nil {
					t.Fatalf("%v\n%s", err, flavour.data)
				}
				presigned := flavour.name == "query"
				var expires time.Duration
				if presigned {
					expires = time.Duration(c.ctx.ExpirationInSeconds) * time.Second
				}
				if res.AccessKeyID != c.ctx.Credentials.AccessKeyID || res.Region != c.ctx.Region ||
					res.Service != c.ctx.Service || !res.Time.Equal(c.ctx.Timestamp) ||
					res.Presigned != presigned || res.Expires != expires {
					t.Errorf("result %+v does not describe the case", res)
				}
			})
		}
	}
}

// mutate returns c changed to another character of its class (letters stay
// letters of the same case, digits digits), and whether c is such a
// character. Changing a letter's case or a space could leave the meaning
// of a request the same (header names ignore case, header values are
// trimmed); changing a letter or a digit never does, except where noted in
// TestSuiteTamperedBytes.
func mutate(c byte) (byte, bool) {
	switch {
	case 'a' <= c && c <= 'y', 'A' <= c && c <= 'Y', '0' <= c && c <= '8':
		return c + 1, true
	case c == 'z':
		return 'a', true
	case c == 'Z':
		return 'A', true
	case c == '9':
		return '0', true
	}
	return c, false
}

// TestSuiteTamperedBytes changes every letter and digit of every signed
// request of the suite, one at a time, and checks that none verifies.
// Skipped: the protocol version (not signed), and with path normalisation
// the path before a ".." segment, which the ".." removes from what is
// signed ("/example/.." and "/fxample/.." are the same request).
func TestSuiteTamperedBytes(t *testing.T) {
	for _, c := range loadSuite(t) {
		for _, flavour := range []struct {
			name string
			data []byte
		}{{"header", c.header}, {"query", c.query}} {
			t.Run(c.name+"/"+flavour.name, func(t *testing.T) {
				v := c.verifier()
				lineEnd := bytes.IndexByte(flavour.data, '\n')
				protoStart := bytes.LastIndexByte(flavour.data[:lineEnd], ' ')
				skipBefore := 0
				if c.ctx.Normalize {
					target := flavour.data[:protoStart]
					if q := bytes.IndexByte(target, '?'); q >= 0 {
						target = target[:q]
					}
					skipBefore = bytes.LastIndex(target, []byte("/.."))
				}
				tried := 0
				for i := range flavour.data {
					m, ok := mutate(flavour.data[i])
					if !ok || i > protoStart && i < lineEnd || i < skipBefore {
						continue
					}
					tampered := bytes.Clone(flavour.data)
					tampered[i] = m
					r, body, err := receivedRequest(tampered)
					if err != nil {
						continue // not a request any more
					}
					tried++
					if res, err := v.Verify(t.Context(), r, body); err == nil {
						t.Errorf("byte %d changed from %q to %q, and the request still verifies (%+v):\n%s",
							i, flavour.data[i], m, res, tampered)
					} else if !isVerifyError(err) {
						t.Errorf("byte %d: unexpected error %v", i, err)
					}
				}
				if tried < 50 {
					t.Errorf("only %d tampered requests tried", tried)
				}
			})
		}
	}
}

// isVerifyError reports whether err is one of the package's *Error kinds.
func isVerifyError(err error) bool {
	var e *Error
	return errors.As(err, &e)
}

// TestSuiteTamperedParts adds, removes and changes headers, query
// parameters and the body of each signed request: every change to a
// signed part fails with the expected kind of error, and adding an
// unsigned header is harmless.
func TestSuiteTamperedParts(t *testing.T) {
	for _, c := range loadSuite(t) {
		for _, flavour := range []struct {
			name string
			data []byte
		}{{"header", c.header}, {"query", c.query}} {
			t.Run(c.name+"/"+flavour.name, func(t *testing.T) {
				v := c.verifier()
				load := func() (*http.Request, []byte) {
					r, body, err := receivedRequest(flavour.data)
					if err != nil {
						t.Fatal(err)
					}
					return r, body
				}
				// check verifies r: it must succeed without wants, else
				// fail with one of them.
				check := func(what string, r *http.Request, body []byte, wants ...error) {
					t.Helper()
					_, err := v.Verify(t.Context(), r, body)
					if len(wants) == 0 {
						if err != nil {
							t.Errorf("%s: %v", what, err)
						}
						return
					}
					for _, w := range wants {
						if errors.Is(err, w) {
							return
						}
					}
					t.Errorf("%s: got %v, want one of %v", what, err, wants)
				}

				r, body := load()
				r.Header.Add("User-Agent", "added after signing")
				r.Header.Add("X-Amzn-Trace-Id", "Root=1-2-3")
				check("unsigned header added", r, body, nil)

				r, body = load()
				// ErrPayloadHash where the client declared the body's hash.
				check("body appended to", r, append(body, 'x'), ErrSignature, ErrPayloadHash)

				r, body = load()
				r.Host = "example.amazonaws.com:8443"
				check("host changed", r, body, ErrSignature)

				r, body = load()
				r.Method = "PUT"
				check("method changed", r, body, ErrSignature)

				for name, vals := range r.Header {
					lower := strings.ToLower(name)
					if lower == "authorization" || lower == "x-amz-security-token" {
						continue
					}
					// A changed X-Amz-Date is no longer a date, and a
					// changed or repeated X-Amz-Content-Sha256 no longer the
					// body's hash.
					r, body := load()
					r.Header[name] = append(vals, "another")
					check("header "+name+" repeated", r, body, ErrSignature, ErrMalformed)
					r, body = load()
					r.Header[name] = []string{vals[0] + "x"}
					check("header "+name+" changed", r, body, ErrSignature, ErrMalformed, ErrPayloadHash)
					r, body = load()
					delete(r.Header, name)
					r.ContentLength = 0
					check("header "+name+" removed", r, body, ErrMalformed)
				}
				if _, ok := r.Header["X-Amz-Security-Token"]; ok {
					r, body := load()
					delete(r.Header, "X-Amz-Security-Token")
					// ErrMalformed when the token was a signed header.
					check("token removed", r, body, ErrInvalidToken, ErrMalformed)
				}

				// The query as a list of raw pairs.
				target, query, _ := strings.Cut(r.RequestURI, "?")
				pairs := strings.Split(query, "&")
				if query == "" {
					pairs = nil
				}
				withQuery := func(pairs []string) *http.Request {
					r, _ := load()
					r.RequestURI = target
					if len(pairs) > 0 {
						r.RequestURI += "?" + strings.Join(pairs, "&")
					}
					return r
				}
				check("query parameter added", withQuery(append(pairs[:len(pairs):len(pairs)], "extra=1")), body, ErrSignature)
				for i, p := range pairs {
					name, _, _ := strings.Cut(p, "=")
					removed := append(pairs[:i:i], pairs[i+1:]...)
					want := ErrSignature
					switch name {
					case "X-Amz-Signature":
						want = ErrMalformed // the other parameters without a signature
					case "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders":
						want = ErrMalformed
					case "X-Amz-Security-Token":
						want = ErrInvalidToken
					}
					check("query parameter "+name+" removed", withQuery(removed), body, want)
					changed := append(pairs[:i:i], append([]string{p + "0"}, pairs[i+1:]...)...)
					if name == "X-Amz-Signature" || name == "X-Amz-Date" || name == "X-Amz-Algorithm" ||
						name == "X-Amz-SignedHeaders" || name == "X-Amz-Credential" {
						want = ErrMalformed // no longer well formed
					} else if name == "X-Amz-Security-Token" {
						want = ErrInvalidToken
					} else {
						want = ErrSignature
					}
					check("query parameter "+name+" changed", withQuery(changed), body, want)
					want = ErrSignature
					if strings.HasPrefix(name, "X-Amz-") {
						want = ErrMalformed
					}
					check("query parameter "+name+" repeated", withQuery(append(pairs[:len(pairs):len(pairs)], p)), body, want)
				}
			})
		}
	}
}
