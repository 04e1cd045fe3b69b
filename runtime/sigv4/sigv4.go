// Package sigv4 signs HTTP requests with AWS Signature Version 4
// (AWS4-HMAC-SHA256), either in the Authorization header (SignHTTP) or in the
// query string of a presigned URL (PresignHTTP). For servers, Signature
// computes the signature a received request should carry, with the same
// canonicalisation, so that signing and checking cannot disagree.
//
// The package depends on the Go standard library only, because the code
// generator copies it verbatim into every generated client.
//
// # What is signed
//
// The canonical request is built from:
//
//   - the method, as given (an empty method means GET, as in net/http);
//   - the canonical URI, computed from the path exactly as it will be sent:
//     req.URL.Opaque when set (the path part of a "//host/path" opaque form),
//     otherwise req.URL.EscapedPath(). Unless Options.DisableNormalizePath,
//     "." and ".." segments and empty segments (duplicate slashes) are
//     removed first. Unless Options.DisableURIPathEscaping, every byte other
//     than an RFC 3986 unreserved character and '/' is then percent-encoded
//     once more; since the sent path is already encoded, that is the "double
//     encoding" SigV4 requires of every service except Amazon S3;
//   - the canonical query, from req.URL.RawQuery: every name and value is
//     decoded ('+' meaning space, as in net/url) and re-encoded with RFC 3986
//     rules, and the pairs are sorted by name, then by value. A malformed
//     percent-encoding is an error rather than a guess;
//   - the canonical headers: Host (req.Host, else req.URL.Host),
//     Content-Length when req.ContentLength > 0 (the value net/http sends;
//     a Content-Length entry in req.Header is ignored because net/http
//     ignores it too), the X-Amz-* headers the signer adds, and every entry
//     of req.Header except those in the exclusion list below. Names are
//     lowercased and sorted; each value is trimmed and its inner runs of
//     whitespace (space, tab, CR, LF) collapsed to one space; the values of a
//     repeated header are joined with ',' in order.
//
// Headers never signed, because something between the signer and the
// service may add, change or drop them: Authorization, User-Agent,
// X-Amzn-Trace-Id, Expect, and the hop-by-hop headers Connection,
// Keep-Alive, Proxy-Authorization, Proxy-Connection, TE, Trailer,
// Transfer-Encoding and Upgrade.
//
// Because the path is signed as sent, a path set only as URL.Path is
// signed in the form net/url escapes it to: "/a b" is sent as "/a%20b" and
// its canonical URI is "/a%2520b". To send bytes such as a space or UTF-8
// unescaped (as the requests of the AWS test suite do), put the path in
// URL.Opaque; to choose the escaping, set URL.RawPath.
//
// # Performance
//
// Signing is on the path of every API call, so a warm SignHTTP allocates
// only the header values it sets (two allocations): the canonical request
// and string to sign are written into pooled buffers, headers are sorted by
// index, and the derived signing key is cached per Signer (see Signer).
package sigv4

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// AccessKey is what a request is signed with: an access key ID, its secret
// and, for temporary credentials, a session token.
type AccessKey struct {
	// AccessKeyID identifies the key; it is sent in the clear.
	AccessKeyID string
	// SecretAccessKey is the secret the signing key is derived from.
	SecretAccessKey string
	// SessionToken is set for temporary credentials (STS); it is sent as
	// X-Amz-Security-Token.
	SessionToken string
}

// UnsignedPayload is passed as the payload hash to sign a request without
// signing its body (used by Amazon S3, typically over HTTPS).
const UnsignedPayload = "UNSIGNED-PAYLOAD"

// EmptyPayloadHash is the hex SHA-256 of the empty string: the payload hash
// of a request without a body.
const EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// Options adjust the signing algorithm. The zero value is right for every
// AWS service except Amazon S3, which needs DisableURIPathEscaping and
// DisableNormalizePath.
type Options struct {
	// DisableURIPathEscaping signs the request path as sent, without
	// encoding it a second time (Amazon S3). By default each byte of the
	// sent path other than unreserved characters and '/' is percent-encoded
	// again.
	DisableURIPathEscaping bool

	// DisableNormalizePath keeps "." and ".." segments and duplicate slashes
	// in the canonical URI. By default they are removed as RFC 3986 does;
	// S3 object keys may legitimately contain them.
	DisableNormalizePath bool

	// OmitSessionToken signs without the session token and only then adds
	// it (as the X-Amz-Security-Token header, or query parameter when
	// presigning). A few services expect the token outside the signature.
	OmitSessionToken bool

	// SetContentSHA256Header adds X-Amz-Content-Sha256 with the payload
	// hash, and signs it (required by Amazon S3). PresignHTTP ignores it: a
	// presigned URL carries no headers of its own.
	SetContentSHA256Header bool
}

// Header names the signer sets, in the canonical form net/http uses.
const (
	headerDate          = "X-Amz-Date"
	headerSecurityToken = "X-Amz-Security-Token"
	headerContentSHA256 = "X-Amz-Content-Sha256"
	headerAuthorization = "Authorization"
)

const (
	algorithm     = "AWS4-HMAC-SHA256"
	scopeTerminal = "aws4_request"
	// maxExpires is the longest validity SigV4 allows for a presigned URL.
	maxExpires = 7 * 24 * time.Hour
)

// Signer signs requests. It caches the derived signing key for each
// (secret key, date, region, service), so one Signer should be shared by all
// the requests of a client; it is safe for concurrent use.
//
// The zero value is ready to use; NewSigner is provided for readability. A
// Signer must not be copied after first use.
//
// A client's copy of the runtime (gen -runtime copy) keeps only the methods
// that the client calls.
//
//smithygo:closed
type Signer struct {
	keys keyCache
}

// NewSigner returns a Signer with an empty key cache.
func NewSigner() *Signer { return &Signer{} }

// HashHex returns the lowercase hex SHA-256 of b: the payload hash to pass
// to SignHTTP and PresignHTTP for a body b.
func HashHex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// trace receives the intermediate values of one signing. Only tests and
// debugging set it; production calls pass nil.
type trace struct {
	canonicalRequest string
	stringToSign     string
	signature        string
}

// SignHTTP signs req in place for service in region at time t: it sets
// X-Amz-Date, X-Amz-Security-Token (when creds.SessionToken is not empty),
// X-Amz-Content-Sha256 (with opts.SetContentSHA256Header) and Authorization,
// replacing earlier values of these headers, so a request can be signed
// again (for a retry, say).
//
// payloadHash is the lowercase hex SHA-256 of the body (see HashHex and
// EmptyPayloadHash), or UnsignedPayload. The body itself is not read.
//
// Without a session token, an X-Amz-Security-Token header already in req
// is left alone and signed like any other header (unless
// opts.OmitSessionToken).
//
// The request must not be changed afterwards in any way that affects the
// signed parts: method, path, query, Host, ContentLength and the signed
// headers.
func (s *Signer) SignHTTP(req *http.Request, creds AccessKey, payloadHash, service, region string, t time.Time, opts Options) error {
	return s.signHTTP(req, creds, payloadHash, service, region, t, opts, nil)
}

// PresignHTTP returns a URL that performs req when requested by anyone,
// until expires after t: the request's URL with the authentication in its
// query string (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date,
// X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Security-Token,
// X-Amz-Signature). Any of these parameters already in the query is
// replaced. req is not modified.
//
// signedHeaders holds the headers that were signed, Host included, with the
// values that must be sent along with the URL. Every non-excluded header of
// req is signed, so to get a URL usable without extra headers, presign a
// request that carries only the headers the user of the URL will send.
//
// expires must be between 1 second and 7 days. The URL has the scheme of
// req.URL (https if empty) and its host is req.Host, else req.URL.Host.
func (s *Signer) PresignHTTP(req *http.Request, creds AccessKey, payloadHash, service, region string, t time.Time, expires time.Duration, opts Options) (signedURL string, signedHeaders http.Header, err error) {
	return s.presignHTTP(req, creds, payloadHash, service, region, t, expires, opts, nil)
}

var (
	errNilRequest   = errors.New("sigv4: request or request URL is nil")
	errNoHost       = errors.New("sigv4: request has no host (req.Host and req.URL.Host are empty)")
	errNoCreds      = errors.New("sigv4: access key ID or secret access key is empty")
	errNoScope      = errors.New("sigv4: service or region is empty")
	errNoPayload    = errors.New("sigv4: payload hash is empty (use EmptyPayloadHash for no body, or UnsignedPayload)")
	errBadEscape    = errors.New("sigv4: request query has an invalid percent-encoding")
	errExpiresRange = errors.New("sigv4: presign expiry must be between 1 second and 7 days")
)

// checkArgs validates what both signing flavours need and returns the host.
func checkArgs(req *http.Request, creds AccessKey, payloadHash, service, region string) (string, error) {
	if req == nil || req.URL == nil {
		return "", errNilRequest
	}
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	switch {
	case host == "":
		return "", errNoHost
	case creds.AccessKeyID == "" || creds.SecretAccessKey == "":
		return "", errNoCreds
	case service == "" || region == "":
		return "", errNoScope
	case payloadHash == "":
		return "", errNoPayload
	}
	return host, nil
}

// signHTTP is SignHTTP, reporting the intermediate values to tr if not nil.
func (s *Signer) signHTTP(req *http.Request, creds AccessKey, payloadHash, service, region string, t time.Time, opts Options, tr *trace) error {
	host, err := checkArgs(req, creds, payloadHash, service, region)
	if err != nil {
		return err
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	var date [16]byte
	day := appendAmzDate(date[:0], t)

	sc := getScratch()
	defer putScratch(sc)

	// The headers the signer provides itself; their req.Header entries (of
	// any spelling) are skipped by collectHeaders so they are not signed twice.
	sc.addHeader(hdr{name: "host", lit: host})
	sc.addHeader(hdr{name: "x-amz-date", kind: kindDate})
	skip := skipDate
	signToken := creds.SessionToken != "" && !opts.OmitSessionToken
	if creds.SessionToken != "" || opts.OmitSessionToken {
		skip |= skipToken
	}
	if signToken {
		sc.addHeader(hdr{name: "x-amz-security-token", lit: creds.SessionToken})
	}
	if opts.SetContentSHA256Header {
		skip |= skipSHA256
		sc.addHeader(hdr{name: "x-amz-content-sha256", lit: payloadHash})
	}
	if req.ContentLength > 0 {
		sc.addHeader(hdr{name: "content-length", kind: kindLength, n: req.ContentLength})
	}
	collectHeaders(sc, req.Header, skip)
	sc.sortHeaders()

	// Canonical request.
	b := sc.buf[:0]
	b = appendMethod(b, req.Method)
	b = append(b, '\n')
	b = appendCanonicalURI(b, requestPath(req), opts)
	b = append(b, '\n')
	if b, err = appendCanonicalQuery(b, sc, req.URL.RawQuery, false); err != nil {
		sc.buf = b
		return err
	}
	b = append(b, '\n')
	b = appendCanonicalHeaders(b, sc, date[:])
	b = append(b, '\n')
	shStart := len(b)
	b = appendSignedHeaders(b, sc)
	shEnd := len(b)
	b = append(b, '\n')
	b = append(b, payloadHash...)
	crEnd := len(b)

	key := s.keys.get(creds.SecretAccessKey, day, date[:8], region, service)
	var sig [hexSigLen]byte
	b = appendSignature(b, crEnd, key, date[:], region, service, &sig)
	if tr != nil {
		tr.canonicalRequest = string(b[:crEnd])
		tr.stringToSign = string(b[crEnd+blockSize:])
		tr.signature = string(sig[:])
	}

	// One string holds both X-Amz-Date and Authorization, saving an
	// allocation; each header value is a substring of it.
	ab := len(b)
	b = append(b, date[:]...)
	b = append(b, algorithm+" Credential="...)
	b = append(b, creds.AccessKeyID...)
	b = append(b, '/')
	b = appendScope(b, date[:8], region, service)
	b = append(b, ", SignedHeaders="...)
	b = append(b, b[shStart:shEnd]...)
	b = append(b, ", Signature="...)
	b = append(b, sig[:]...)
	vals := string(b[ab:])
	sc.buf = b

	// One backing array for all the header value slices, for the same
	// reason; the three-index slices keep an append to one from
	// overwriting the next.
	n := 2
	if creds.SessionToken != "" {
		n++
	}
	if opts.SetContentSHA256Header {
		n++
	}
	vs := make([]string, n)
	vs[0], vs[1] = vals[:len(date)], vals[len(date):]
	req.Header[headerDate] = vs[0:1:1]
	req.Header[headerAuthorization] = vs[1:2:2]
	i := 2
	if creds.SessionToken != "" {
		vs[i] = creds.SessionToken
		req.Header[headerSecurityToken] = vs[i : i+1 : i+1]
		i++
	}
	if opts.SetContentSHA256Header {
		vs[i] = payloadHash
		req.Header[headerContentSHA256] = vs[i : i+1 : i+1]
	}
	if sc.stray {
		set := skipDate | skipAuth
		if creds.SessionToken != "" {
			set |= skipToken
		}
		if opts.SetContentSHA256Header {
			set |= skipSHA256
		}
		removeStrayHeaders(req.Header, set)
	}
	return nil
}

// presignHTTP is PresignHTTP, reporting the intermediate values to tr if
// not nil.
func (s *Signer) presignHTTP(req *http.Request, creds AccessKey, payloadHash, service, region string, t time.Time, expires time.Duration, opts Options, tr *trace) (string, http.Header, error) {
	host, err := checkArgs(req, creds, payloadHash, service, region)
	if err != nil {
		return "", nil, err
	}
	if expires < time.Second || expires > maxExpires {
		return "", nil, errExpiresRange
	}
	var date [16]byte
	day := appendAmzDate(date[:0], t)

	sc := getScratch()
	defer putScratch(sc)

	// X-Amz-Date and the token travel in the query, so header copies of
	// them are neither signed nor returned.
	sc.addHeader(hdr{name: "host", lit: host})
	if req.ContentLength > 0 {
		sc.addHeader(hdr{name: "content-length", kind: kindLength, n: req.ContentLength})
	}
	collectHeaders(sc, req.Header, skipDate|skipToken)
	sc.sortHeaders()

	// The authentication parameters join the request's own in the canonical
	// query; X-Amz-SignedHeaders needs the sorted header list first.
	sc.sh = appendSignedHeaders(sc.sh[:0], sc)
	sc.auth = sc.auth[:0]
	sc.auth = append(sc.auth, creds.AccessKeyID...)
	sc.auth = append(sc.auth, '/')
	sc.auth = appendScope(sc.auth, date[:8], region, service)
	credEnd := len(sc.auth)
	sc.auth = strconv.AppendInt(sc.auth, int64(expires/time.Second), 10)
	params := [...]queryParam{
		{"X-Amz-Algorithm", algorithm},
		{"X-Amz-Credential", string(sc.auth[:credEnd])},
		{"X-Amz-Date", string(date[:])},
		{"X-Amz-Expires", string(sc.auth[credEnd:])},
		{"X-Amz-SignedHeaders", string(sc.sh)},
		{"X-Amz-Security-Token", creds.SessionToken},
	}
	sc.extra = params[:5]
	if creds.SessionToken != "" && !opts.OmitSessionToken {
		sc.extra = params[:6]
	}

	b := sc.buf[:0]
	b = appendMethod(b, req.Method)
	b = append(b, '\n')
	b = appendCanonicalURI(b, requestPath(req), opts)
	b = append(b, '\n')
	qStart := len(b)
	b, err = appendCanonicalQuery(b, sc, req.URL.RawQuery, true)
	sc.extra = nil
	if err != nil {
		sc.buf = b
		return "", nil, err
	}
	qEnd := len(b)
	b = append(b, '\n')
	b = appendCanonicalHeaders(b, sc, date[:])
	b = append(b, '\n')
	b = append(b, sc.sh...)
	b = append(b, '\n')
	b = append(b, payloadHash...)
	crEnd := len(b)

	key := s.keys.get(creds.SecretAccessKey, day, date[:8], region, service)
	var sig [hexSigLen]byte
	b = appendSignature(b, crEnd, key, date[:], region, service, &sig)
	if tr != nil {
		tr.canonicalRequest = string(b[:crEnd])
		tr.stringToSign = string(b[crEnd+blockSize:])
		tr.signature = string(sig[:])
	}

	// The URL keeps the request's query as it was (minus earlier
	// authentication parameters) and appends the new ones: the service
	// canonicalises the query itself, so only the pairs matter, and the
	// caller's encoding and order are left alone.
	scheme := req.URL.Scheme
	if scheme == "" {
		scheme = "https"
	}
	path := requestPath(req)
	u := make([]byte, 0, len(scheme)+len(host)+len(path)+qEnd-qStart+len(creds.SessionToken)*2+256)
	u = append(u, scheme...)
	u = append(u, "://"...)
	u = append(u, host...)
	u = append(u, path...)
	u = append(u, '?')
	for raw := req.URL.RawQuery; raw != ""; {
		var part string
		part, raw, _ = strings.Cut(raw, "&")
		if name, _, _ := strings.Cut(part, "="); part != "" && !isAuthParam(name) {
			u = append(u, part...)
			u = append(u, '&')
		}
	}
	for i, p := range [...]queryParam{params[0], params[1], params[2], params[4], params[3], params[5]} {
		if p.name == "X-Amz-Security-Token" && creds.SessionToken == "" {
			continue
		}
		if i > 0 {
			u = append(u, '&')
		}
		u = append(u, p.name...)
		u = append(u, '=')
		u = appendEncoded(u, p.value, true, false)
	}
	u = append(u, "&X-Amz-Signature="...)
	u = append(u, sig[:]...)
	sc.buf = b

	// Built in sorted order so that the values of a name spelled two ways
	// in req.Header are merged in the order they were signed.
	signed := make(http.Header, len(sc.hdrs))
	for _, i := range sc.order {
		h := &sc.hdrs[i]
		switch h.kind {
		case kindLength:
			signed["Content-Length"] = []string{strconv.FormatInt(h.n, 10)}
		case kindLiteral: // only Host here
			signed["Host"] = []string{h.lit}
		default:
			key := http.CanonicalHeaderKey(h.name)
			signed[key] = append(signed[key], h.vals...)
		}
	}
	return string(u), signed, nil
}

// appendMethod appends the request method; net/http sends GET for "".
func appendMethod(b []byte, m string) []byte {
	if m == "" {
		m = http.MethodGet
	}
	return append(b, m...)
}

// appendAmzDate appends t in UTC as the ISO 8601 basic format SigV4 uses
// (20150830T123600Z), whose first 8 bytes are the credential scope date, and
// returns the date as the number yyyymmdd for the key cache. It formats by
// hand because time.Format would allocate.
func appendAmzDate(b []byte, t time.Time) int32 {
	t = t.UTC()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	b = appendDigits(b, y, 4)
	b = appendDigits(b, int(mo), 2)
	b = appendDigits(b, d, 2)
	b = append(b, 'T')
	b = appendDigits(b, h, 2)
	b = appendDigits(b, mi, 2)
	b = appendDigits(b, s, 2)
	_ = append(b, 'Z')
	return int32(y*10000 + int(mo)*100 + d)
}

// appendDigits appends the last n decimal digits of v, zero-padded.
func appendDigits(b []byte, v, n int) []byte {
	var d [4]byte
	for i := n - 1; i >= 0; i-- {
		d[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, d[:n]...)
}

// appendScope appends the credential scope date/region/service/aws4_request.
func appendScope(b, date8 []byte, region, service string) []byte {
	b = append(b, date8...)
	b = append(b, '/')
	b = append(b, region...)
	b = append(b, '/')
	b = append(b, service...)
	b = append(b, '/')
	return append(b, scopeTerminal...)
}

// appendSignature hashes the canonical request b[:crEnd], appends to b
// the HMAC inner pad followed by the string to sign (so b[crEnd+blockSize:]
// is the string to sign), and writes the hex signature to sig.
//
// HMAC-SHA256 is computed from its definition with sha256.Sum256 on
// buffers we own, H((K^opad) || H((K^ipad) || m)), rather than with
// crypto/hmac: the pads are precomputed per cached key, and no hash.Hash
// has to be allocated or pooled.
func appendSignature(b []byte, crEnd int, key *signingKey, date []byte, region, service string, sig *[hexSigLen]byte) []byte {
	crHash := sha256.Sum256(b[:crEnd])
	b = append(b, key.ipad[:]...)
	b = append(b, algorithm+"\n"...)
	b = append(b, date...)
	b = append(b, '\n')
	b = appendScope(b, date[:8], region, service)
	b = append(b, '\n')
	b = hex.AppendEncode(b, crHash[:])
	inner := sha256.Sum256(b[crEnd:])
	var outer [blockSize + sha256.Size]byte
	copy(outer[:], key.opad[:])
	copy(outer[blockSize:], inner[:])
	mac := sha256.Sum256(outer[:])
	hex.Encode(sig[:], mac[:])
	return b
}
