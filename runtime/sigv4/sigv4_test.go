package sigv4

import (
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// The get-vanilla case of the AWS suite, kept here so that the basics are
// tested even without ../shared.
var (
	vanillaCreds = AccessKey{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}
	vanillaTime  = time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC)
)

const (
	vanillaAuth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
		"SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
	vanillaPresigned = "https://example.amazonaws.com/?X-Amz-Algorithm=AWS4-HMAC-SHA256" +
		"&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request" +
		"&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Expires=3600" +
		"&X-Amz-Signature=e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d"
)

func newRequest(t testing.TB, method, rawURL string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// sign signs req with the vanilla credentials and returns the trace.
func sign(t *testing.T, s *Signer, req *http.Request, opts Options) *trace {
	t.Helper()
	var tr trace
	if err := s.signHTTP(req, vanillaCreds, EmptyPayloadHash, "service", "us-east-1", vanillaTime, opts, &tr); err != nil {
		t.Fatal(err)
	}
	return &tr
}

// canonicalLine returns line i (0-based) of a canonical request.
func canonicalLine(tr *trace, i int) string { return strings.Split(tr.canonicalRequest, "\n")[i] }

func TestZeroValueSigner(t *testing.T) {
	var s Signer
	req := newRequest(t, http.MethodGet, "https://example.amazonaws.com/")
	// The time zone of t must not matter.
	at := vanillaTime.In(time.FixedZone("X", -7*3600))
	if err := s.SignHTTP(req, vanillaCreds, EmptyPayloadHash, "service", "us-east-1", at, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := req.Header.Get("Authorization"); got != vanillaAuth {
		t.Errorf("Authorization:\n got: %s\nwant: %s", got, vanillaAuth)
	}
	if got := req.Header.Get("X-Amz-Date"); got != "20150830T123600Z" {
		t.Errorf("X-Amz-Date = %q", got)
	}
	if _, ok := req.Header["X-Amz-Security-Token"]; ok {
		t.Error("X-Amz-Security-Token set without a session token")
	}

	signedURL, hdrs, err := s.PresignHTTP(req, vanillaCreds, EmptyPayloadHash, "service", "us-east-1", vanillaTime, time.Hour, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// req carries X-Amz-Date and Authorization from SignHTTP: presigning
	// neither signs nor returns them.
	if signedURL != vanillaPresigned {
		t.Errorf("presigned URL:\n got: %s\nwant: %s", signedURL, vanillaPresigned)
	}
	if len(hdrs) != 1 || hdrs.Get("Host") != "example.amazonaws.com" {
		t.Errorf("signed headers = %v, want only Host", hdrs)
	}
}

func TestHashHex(t *testing.T) {
	if got := HashHex(nil); got != EmptyPayloadHash {
		t.Errorf("HashHex(nil) = %s, want EmptyPayloadHash", got)
	}
	const want = "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"
	if got := HashHex([]byte("Param1=value1")); got != want {
		t.Errorf("HashHex = %s, want %s", got, want)
	}
}

// TestDeriveKey checks the key derivation against the example in the AWS
// documentation ("Examples of how to derive a signing key").
func TestDeriveKey(t *testing.T) {
	k := deriveKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", 20120215, []byte("20120215"), "us-east-1", "iam")
	var key [32]byte
	for i := range key {
		key[i] = k.ipad[i] ^ 0x36
		if k.opad[i]^0x5c != key[i] {
			t.Fatalf("pads disagree at byte %d", i)
		}
	}
	for i := 32; i < blockSize; i++ {
		if k.ipad[i] != 0x36 || k.opad[i] != 0x5c {
			t.Fatalf("pad byte %d past the key is not the bare constant", i)
		}
	}
	const want = "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
	if got := hex.EncodeToString(key[:]); got != want {
		t.Errorf("signing key = %s, want %s", got, want)
	}
}

func TestCanonicalURI(t *testing.T) {
	for _, c := range []struct {
		path           string
		normal, noNorm string // double-encoded; S3 (no escaping) is checked separately
	}{
		{"", "/", "/"},
		{"/", "/", "/"},
		{"/a/b", "/a/b", "/a/b"},
		{"//", "/", "//"},
		{"/a//b/", "/a/b/", "/a//b/"},
		{"/a/./b", "/a/b", "/a/./b"},
		{"/a/b/..", "/a/", "/a/b/.."},
		{"/a/b/../c", "/a/c", "/a/b/../c"},
		{"/../a", "/a", "/../a"},
		{"/a/.", "/a/", "/a/."},
		{"/a/..b/.c", "/a/..b/.c", "/a/..b/.c"},
		{"a/b", "/a/b", "/a/b"},
		{"/a%20b", "/a%2520b", "/a%2520b"},
		{"/%2E%2E/x", "/%252E%252E/x", "/%252E%252E/x"}, // encoded dots are not dot segments
		{"/a b/ሴ", "/a%20b/%E1%88%B4", "/a%20b/%E1%88%B4"},
		{"/!$&'()*+,;=:@", "/%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40", "/%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40"},
	} {
		if got := string(appendCanonicalURI(nil, c.path, Options{})); got != c.normal {
			t.Errorf("%q normalised: got %q, want %q", c.path, got, c.normal)
		}
		if got := string(appendCanonicalURI(nil, c.path, Options{DisableNormalizePath: true})); got != c.noNorm {
			t.Errorf("%q not normalised: got %q, want %q", c.path, got, c.noNorm)
		}
	}
	s3 := Options{DisableURIPathEscaping: true, DisableNormalizePath: true}
	for _, p := range []string{"/a%20b//c/../d", "/my+key", "/a/./b"} {
		if got := string(appendCanonicalURI(nil, p, s3)); got != p {
			t.Errorf("%q with S3 options: got %q, want it unchanged", p, got)
		}
	}
}

// TestRequestPath checks where the path is taken from, through SignHTTP.
func TestRequestPath(t *testing.T) {
	for _, c := range []struct {
		name      string
		build     func() *http.Request
		canonical string
	}{
		{"escaped path from RawPath", func() *http.Request {
			return newRequest(t, "GET", "https://example.amazonaws.com/a%20b/c%2Fd")
		}, "/a%2520b/c%252Fd"},
		{"Path escaped by net/url", func() *http.Request {
			req := newRequest(t, "GET", "https://example.amazonaws.com/")
			req.URL.Path = "/a b"
			return req
		}, "/a%2520b"},
		{"Opaque path", func() *http.Request {
			req := newRequest(t, "GET", "https://example.amazonaws.com/")
			req.URL.Opaque = "/x%2Fy/z"
			return req
		}, "/x%252Fy/z"},
		{"Opaque //host/path", func() *http.Request {
			req := newRequest(t, "GET", "https://example.amazonaws.com/")
			req.URL.Opaque = "//example.amazonaws.com/p/q"
			return req
		}, "/p/q"},
		{"no path", func() *http.Request {
			return newRequest(t, "GET", "https://example.amazonaws.com")
		}, "/"},
	} {
		tr := sign(t, NewSigner(), c.build(), Options{})
		if got := canonicalLine(tr, 1); got != c.canonical {
			t.Errorf("%s: canonical URI %q, want %q", c.name, got, c.canonical)
		}
	}
	// S3: the sent path is signed as is.
	req := newRequest(t, "GET", "https://example.amazonaws.com/a%20b/c%2Fd")
	tr := sign(t, NewSigner(), req, Options{DisableURIPathEscaping: true})
	if got := canonicalLine(tr, 1); got != "/a%20b/c%2Fd" {
		t.Errorf("S3: canonical URI %q", got)
	}
}

func TestCanonicalQuery(t *testing.T) {
	for _, c := range []struct{ raw, want string }{
		{"", ""},
		{"b=2&a=1&a=0&c", "a=0&a=1&b=2&c="},
		// By name first: "a" sorts before "a-b" although "a-b=1" < "a=2".
		{"a-b=1&a=2", "a=2&a-b=1"},
		{"a+b=c%20d", "a%20b=c%20d"},
		{"%7e=~&%41=%2f", "A=%2F&~=~"},
		{"x=a%2Bb&&y=", "x=a%2Bb&y="},
		{"k=ሴ&é=1", "%C3%A9=1&k=%E1%88%B4"},
		{"z=%00&Z=%ff", "Z=%FF&z=%00"},
	} {
		sc := getScratch()
		got, err := appendCanonicalQuery(nil, sc, c.raw, false)
		putScratch(sc)
		if err != nil || string(got) != c.want {
			t.Errorf("%q: got %q, %v; want %q", c.raw, got, err, c.want)
		}
	}
	for _, raw := range []string{"a=%", "a=%4", "a=%zz", "%g0=1"} {
		sc := getScratch()
		_, err := appendCanonicalQuery(nil, sc, raw, false)
		putScratch(sc)
		if !errors.Is(err, errBadEscape) {
			t.Errorf("%q: err = %v, want errBadEscape", raw, err)
		}
	}
	req := newRequest(t, "GET", "https://example.amazonaws.com/?a=%zz")
	if err := NewSigner().SignHTTP(req, vanillaCreds, EmptyPayloadHash, "s", "r", vanillaTime, Options{}); !errors.Is(err, errBadEscape) {
		t.Errorf("SignHTTP with a bad query: err = %v", err)
	}
	if _, ok := req.Header["Authorization"]; ok {
		t.Error("SignHTTP set Authorization despite failing")
	}
}

func TestCanonicalHeaders(t *testing.T) {
	req := newRequest(t, "PUT", "https://example.amazonaws.com/")
	req.Host = "example.amazonaws.com:8443" // req.Host wins over URL.Host
	h := req.Header
	h.Set("User-Agent", "ua")
	h.Set("X-Amzn-Trace-Id", "Root=1")
	h.Set("Expect", "100-continue")
	h.Set("Authorization", "old")
	h.Set("Transfer-Encoding", "chunked")
	h.Set("Connection", "close")
	h.Set("Content-Length", "99") // ignored: req.ContentLength is what is sent
	h["X-Empty"] = []string{}     // net/http sends nothing for it
	h.Set("X-Blank", "")
	h.Set("X-Spaces", " \t a  b\t\tc \r\n  d ")
	h["My-Header"] = []string{"a", "b"}
	h["my-header"] = []string{"c"} // another spelling of the same name
	h.Set("Zz", "last")
	req.ContentLength = 5

	tr := sign(t, NewSigner(), req, Options{})
	want := "PUT\n/\n\n" +
		"content-length:5\n" +
		"host:example.amazonaws.com:8443\n" +
		"my-header:a,b,c\n" +
		"x-amz-date:20150830T123600Z\n" +
		"x-blank:\n" +
		"x-spaces:a b c d\n" +
		"zz:last\n\n" +
		"content-length;host;my-header;x-amz-date;x-blank;x-spaces;zz\n" +
		EmptyPayloadHash
	if tr.canonicalRequest != want {
		t.Errorf("canonical request:\n got: %q\nwant: %q", tr.canonicalRequest, want)
	}
	if got := req.Header.Values("Authorization"); len(got) != 1 || got[0] == "old" {
		t.Errorf("Authorization = %q, want one new value", got)
	}
}

// TestResign signs one request twice, as a retry does: the signer's
// headers are replaced, not added to, and the result is what signing a
// fresh request gives.
func TestResign(t *testing.T) {
	s := NewSigner()
	creds := vanillaCreds
	creds.SessionToken = "token1"
	req := newRequest(t, "GET", "https://example.amazonaws.com/")
	req.Header["x-amz-date"] = []string{"stale"} // non-canonical spellings
	req.Header["authorization"] = []string{"stale"}
	opts := Options{SetContentSHA256Header: true}
	if err := s.SignHTTP(req, creds, EmptyPayloadHash, "service", "us-east-1", vanillaTime, opts); err != nil {
		t.Fatal(err)
	}
	later := vanillaTime.Add(25 * time.Hour)
	creds.SessionToken = "token2"
	if err := s.SignHTTP(req, creds, UnsignedPayload, "service", "us-east-1", later, opts); err != nil {
		t.Fatal(err)
	}
	fresh := newRequest(t, "GET", "https://example.amazonaws.com/")
	if err := NewSigner().SignHTTP(fresh, creds, UnsignedPayload, "service", "us-east-1", later, opts); err != nil {
		t.Fatal(err)
	}
	if len(req.Header) != len(fresh.Header) {
		t.Errorf("headers after re-signing: %q, want %q", req.Header, fresh.Header)
	}
	for k, want := range fresh.Header {
		if got := req.Header[k]; len(got) != 1 || got[0] != want[0] {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if got := req.Header.Get("X-Amz-Content-Sha256"); got != UnsignedPayload {
		t.Errorf("X-Amz-Content-Sha256 = %q", got)
	}
	if s.keys.len() != 2 {
		t.Errorf("key cache holds %d keys, want 2 (two days)", s.keys.len())
	}
}

// TestHeaderValuesIndependent guards the shared backing array of the
// header values: appending to one must not overwrite another.
func TestHeaderValuesIndependent(t *testing.T) {
	req := newRequest(t, "GET", "https://example.amazonaws.com/")
	creds := vanillaCreds
	creds.SessionToken = "tok"
	if err := NewSigner().SignHTTP(req, creds, EmptyPayloadHash, "s", "r", vanillaTime, Options{SetContentSHA256Header: true}); err != nil {
		t.Fatal(err)
	}
	auth := req.Header.Get("Authorization")
	req.Header.Add("X-Amz-Date", "extra")
	req.Header.Add("Authorization", "extra")
	req.Header.Add("X-Amz-Security-Token", "extra")
	if req.Header.Get("Authorization") != auth || req.Header.Get("X-Amz-Security-Token") != "tok" ||
		req.Header.Get("X-Amz-Content-Sha256") != EmptyPayloadHash {
		t.Errorf("appending to one header changed another: %q", req.Header)
	}
}

func TestSessionToken(t *testing.T) {
	creds := vanillaCreds
	creds.SessionToken = "tok"
	for _, omit := range []bool{false, true} {
		req := newRequest(t, "GET", "https://example.amazonaws.com/")
		var tr trace
		err := NewSigner().signHTTP(req, creds, EmptyPayloadHash, "service", "us-east-1", vanillaTime, Options{OmitSessionToken: omit}, &tr)
		if err != nil {
			t.Fatal(err)
		}
		if got := req.Header.Get("X-Amz-Security-Token"); got != "tok" {
			t.Errorf("omit=%v: X-Amz-Security-Token = %q", omit, got)
		}
		signed := strings.Contains(tr.canonicalRequest, "x-amz-security-token:tok\n") &&
			strings.Contains(req.Header.Get("Authorization"), "x-amz-security-token")
		if signed == omit {
			t.Errorf("omit=%v: token signed = %v\n%s", omit, signed, tr.canonicalRequest)
		}

		u, _, err := NewSigner().presignHTTP(req, creds, EmptyPayloadHash, "service", "us-east-1", vanillaTime, time.Hour, Options{OmitSessionToken: omit}, &tr)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(u, "&X-Amz-Security-Token=tok&") {
			t.Errorf("omit=%v: presigned URL lacks the token: %s", omit, u)
		}
		if signed := strings.Contains(tr.canonicalRequest, "X-Amz-Security-Token=tok"); signed == omit {
			t.Errorf("omit=%v: presign token signed = %v", omit, signed)
		}
	}
}

func TestPresign(t *testing.T) {
	s := NewSigner()
	req := newRequest(t, "GET", "http://bucket.s3.amazonaws.com/my%20key?versionId=3&X-Amz-Signature=old&X-Amz-Expires=9")
	req.Header.Set("X-Amz-Date", "stale")    // in the query instead
	req.Header.Set("Authorization", "stale") // never signed
	req.Header.Set("X-Custom", "v")
	before := req.Clone(t.Context())
	var tr trace
	u, hdrs, err := s.presignHTTP(req, vanillaCreds, UnsignedPayload, "s3", "us-east-1", vanillaTime, 15*time.Minute,
		Options{DisableURIPathEscaping: true, DisableNormalizePath: true, SetContentSHA256Header: true}, &tr)
	if err != nil {
		t.Fatal(err)
	}
	wantPrefix := "http://bucket.s3.amazonaws.com/my%20key?versionId=3&X-Amz-Algorithm=AWS4-HMAC-SHA256&"
	if !strings.HasPrefix(u, wantPrefix) {
		t.Errorf("URL %s\ndoes not start with %s", u, wantPrefix)
	}
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	q := parsed.Query()
	if q.Get("X-Amz-Expires") != "900" || len(q["X-Amz-Signature"]) != 1 || q.Get("X-Amz-Signature") != tr.signature ||
		q.Get("X-Amz-SignedHeaders") != "host;x-custom" || q.Get("X-Amz-Date") != "20150830T123600Z" {
		t.Errorf("query = %v", q)
	}
	if want := "GET\n/my%20key\n"; !strings.HasPrefix(tr.canonicalRequest, want) {
		t.Errorf("canonical request %q does not start with %q", tr.canonicalRequest, want)
	}
	if !strings.HasSuffix(tr.canonicalRequest, "\n"+UnsignedPayload) || strings.Contains(tr.canonicalRequest, "content-sha256") {
		t.Errorf("canonical request:\n%s", tr.canonicalRequest)
	}
	if len(hdrs) != 2 || hdrs.Get("Host") != "bucket.s3.amazonaws.com" || hdrs.Get("X-Custom") != "v" {
		t.Errorf("signed headers = %v", hdrs)
	}
	if req.URL.String() != before.URL.String() || len(req.Header) != len(before.Header) {
		t.Error("PresignHTTP modified the request")
	}

	for _, d := range []time.Duration{0, 999 * time.Millisecond, 7*24*time.Hour + time.Second} {
		if _, _, err := s.PresignHTTP(req, vanillaCreds, UnsignedPayload, "s3", "us-east-1", vanillaTime, d, Options{}); !errors.Is(err, errExpiresRange) {
			t.Errorf("expires %v: err = %v", d, err)
		}
	}
	if _, _, err := s.PresignHTTP(req, vanillaCreds, UnsignedPayload, "s3", "us-east-1", vanillaTime, 7*24*time.Hour, Options{}); err != nil {
		t.Errorf("expires 7 days: %v", err)
	}
}

func TestErrors(t *testing.T) {
	ok := newRequest(t, "GET", "https://example.amazonaws.com/")
	noHost := newRequest(t, "GET", "/relative")
	for _, c := range []struct {
		name    string
		req     *http.Request
		creds   AccessKey
		payload string
		svc     string
		want    error
	}{
		{"nil request", nil, vanillaCreds, EmptyPayloadHash, "s", errNilRequest},
		{"nil URL", &http.Request{}, vanillaCreds, EmptyPayloadHash, "s", errNilRequest},
		{"no host", noHost, vanillaCreds, EmptyPayloadHash, "s", errNoHost},
		{"no secret", ok, AccessKey{AccessKeyID: "A"}, EmptyPayloadHash, "s", errNoCreds},
		{"no service", ok, vanillaCreds, EmptyPayloadHash, "", errNoScope},
		{"no payload hash", ok, vanillaCreds, "", "s", errNoPayload},
	} {
		if err := NewSigner().SignHTTP(c.req, c.creds, c.payload, c.svc, "r", vanillaTime, Options{}); !errors.Is(err, c.want) {
			t.Errorf("SignHTTP %s: err = %v, want %v", c.name, err, c.want)
		}
		if _, _, err := NewSigner().PresignHTTP(c.req, c.creds, c.payload, c.svc, "r", vanillaTime, time.Hour, Options{}); !errors.Is(err, c.want) {
			t.Errorf("PresignHTTP %s: err = %v, want %v", c.name, err, c.want)
		}
	}
}

// TestKeyCache checks that a key is derived once per scope and that the
// cache stays bounded.
func TestKeyCache(t *testing.T) {
	var c keyCache
	a := c.get("secret", 20150830, []byte("20150830"), "us-east-1", "svc")
	if b := c.get("secret", 20150830, []byte("20150830"), "us-east-1", "svc"); a != b {
		t.Error("the same scope derived the key twice")
	}
	for i := range 3 * keyCacheSize {
		c.get("secret", 20150830, []byte("20150830"), fmt.Sprintf("region-%d", i), "svc")
	}
	if c.len() != keyCacheSize {
		t.Errorf("cache holds %d keys, want %d", c.len(), keyCacheSize)
	}
	// Each component of the scope selects a different key.
	keys := map[*signingKey]bool{}
	for _, k := range []*signingKey{
		c.get("s1", 20150830, []byte("20150830"), "r", "v"),
		c.get("s2", 20150830, []byte("20150830"), "r", "v"),
		c.get("s1", 20150831, []byte("20150831"), "r", "v"),
		c.get("s1", 20150830, []byte("20150830"), "r2", "v"),
		c.get("s1", 20150830, []byte("20150830"), "r", "v2"),
	} {
		keys[k] = true
	}
	if len(keys) != 5 {
		t.Errorf("5 scopes gave %d keys", len(keys))
	}
}

// TestKeyCacheConcurrent signs from many goroutines with one Signer over
// more scopes than the cache holds, so that lookups, insertions and
// evictions race; run it with -race. Every signature must match the one a
// fresh Signer computes.
func TestKeyCacheConcurrent(t *testing.T) {
	type scope struct {
		creds           AccessKey
		region, service string
		at              time.Time
	}
	var scopes []scope
	for i := range keyCacheSize + 4 {
		creds := vanillaCreds
		creds.SecretAccessKey = fmt.Sprintf("secret-%d", i%3)
		scopes = append(scopes, scope{creds, fmt.Sprintf("region-%d", i%5), "svc", vanillaTime.Add(time.Duration(i%2) * 24 * time.Hour)})
	}
	want := make([]string, len(scopes))
	for i, sc := range scopes {
		req := newRequest(t, "GET", "https://example.amazonaws.com/")
		if err := NewSigner().SignHTTP(req, sc.creds, EmptyPayloadHash, sc.service, sc.region, sc.at, Options{}); err != nil {
			t.Fatal(err)
		}
		want[i] = req.Header.Get("Authorization")
	}

	s := NewSigner()
	const goroutines, rounds = 8, 200
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for r := range rounds {
				i := (g*7 + r) % len(scopes)
				sc := scopes[i]
				req, _ := http.NewRequest("GET", "https://example.amazonaws.com/", nil)
				if err := s.SignHTTP(req, sc.creds, EmptyPayloadHash, sc.service, sc.region, sc.at, Options{}); err != nil {
					t.Error(err)
					return
				}
				if got := req.Header.Get("Authorization"); got != want[i] {
					t.Errorf("scope %d: got %s, want %s", i, got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
	if n := s.keys.len(); n > keyCacheSize {
		t.Errorf("cache holds %d keys, more than %d", n, keyCacheSize)
	}
}

// TestAllocs guards the allocation budget of SignHTTP: once the scratch
// pool and key cache are warm, one string for X-Amz-Date and Authorization
// and one slice for the header values.
func TestAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop items, so allocation counts are meaningless")
	}
	req := benchRequest(t)
	hash := HashHex(benchBody)
	s := NewSigner()
	allocs := testing.AllocsPerRun(100, func() {
		if err := s.SignHTTP(req, benchCreds, hash, "outposts", "us-west-2", benchTime, Options{}); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 2 {
		t.Errorf("SignHTTP: %v allocations per call, want at most 2", allocs)
	}
}
