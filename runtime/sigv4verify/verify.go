package sigv4verify

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/smithygo/smithygo/runtime/sigv4"
)

// Kinds of verification failure, matched with errors.Is on the *Error a
// Verifier returns.
var (
	// ErrMissingAuth: the request carries no signature at all.
	ErrMissingAuth = errors.New("request is not signed")
	// ErrMalformed: the signature's parts are missing, repeated or badly
	// formed, or a signed header is absent.
	ErrMalformed = errors.New("malformed signature")
	// ErrUnknownAccessKey: the lookup does not know the access key ID. A lookup
	// function returns it (possibly wrapped) for an unknown key.
	ErrUnknownAccessKey = errors.New("unknown access key")
	// ErrInvalidToken: the session token is missing, unexpected or wrong.
	ErrInvalidToken = errors.New("invalid session token")
	// ErrScope: the credential scope names another region or service.
	ErrScope = errors.New("wrong credential scope")
	// ErrTime: the signing time is too far from now, or a presigned URL
	// has expired or is not valid yet.
	ErrTime = errors.New("request time outside the allowed window")
	// ErrPayloadHash: the body does not match X-Amz-Content-Sha256.
	ErrPayloadHash = errors.New("body does not match X-Amz-Content-Sha256")
	// ErrSignature: the signature does not match the request.
	ErrSignature = errors.New("signature does not match")
)

// Error is a failed verification. Its message says what failed in terms
// of what the client sent; it never contains the expected signature or
// anything else derived from the secret key.
type Error struct {
	// Kind is one of the Err* values of this package.
	Kind error
	// Detail explains the failure, for logs and the response message.
	Detail string
}

// Error returns "sigv4verify: " followed by the kind and the detail.
func (e *Error) Error() string {
	if e.Detail == "" {
		return "sigv4verify: " + e.Kind.Error()
	}
	return "sigv4verify: " + e.Kind.Error() + ": " + e.Detail
}

// Unwrap returns the kind, so that errors.Is(err, ErrSignature) works.
func (e *Error) Unwrap() error { return e.Kind }

// Code returns the error code AWS services answer such a failure with,
// for the protocol's error response.
func (e *Error) Code() string {
	switch e.Kind {
	case ErrMissingAuth:
		return "MissingAuthenticationTokenException"
	case ErrMalformed:
		return "IncompleteSignatureException"
	case ErrUnknownAccessKey, ErrInvalidToken:
		return "UnrecognizedClientException"
	case ErrPayloadHash:
		return "XAmzContentSHA256Mismatch"
	}
	return "InvalidSignatureException" // ErrScope, ErrTime, ErrSignature
}

// StatusCode returns the HTTP status of the response: 400 for a body that
// does not match its declared hash, 403 otherwise.
func (e *Error) StatusCode() int {
	if e.Kind == ErrPayloadHash {
		return http.StatusBadRequest
	}
	return http.StatusForbidden
}

func fail(kind error, format string, args ...any) *Error {
	return &Error{Kind: kind, Detail: fmt.Sprintf(format, args...)}
}

// LookupFunc returns the secret key of an access key ID and, for temporary
// credentials, the session token the request must carry. For a key it
// does not know it returns an error wrapping ErrUnknownAccessKey; any other
// error is returned by Verify as is (the caller's 500, say).
type LookupFunc func(ctx context.Context, accessKeyID string) (secretKey, sessionToken string, err error)

// DefaultMaxSkew is the clock skew AWS allows between the signing time and
// the server's time.
const DefaultMaxSkew = 5 * time.Minute

// maxExpires is the longest validity SigV4 allows for a presigned URL.
const maxExpires = 7 * 24 * time.Hour

// Verifier checks signed requests. Set Lookup; the other fields are
// optional. A Verifier is safe for concurrent use once set up, and should
// be shared: it caches derived signing keys. It must not be copied after
// first use.
//
// A server's copy of the runtime keeps only the methods it calls (the
// event-stream chain only with an input event stream):
//
//smithygo:closed
type Verifier struct {
	// Lookup finds the secret key of an access key ID. Required.
	Lookup LookupFunc

	// Region and Service are the scope requests must be signed for. An
	// empty one accepts any value, which Result then reports.
	Region, Service string

	// MaxSkew is how far the signing time may be from Now, either way.
	// Zero means DefaultMaxSkew.
	MaxSkew time.Duration

	// Now returns the current time; nil means time.Now.
	Now func() time.Time

	// DisableURIPathEscaping and DisableNormalizePath must match the
	// clients' signing options (both set for Amazon S3 style services).
	DisableURIPathEscaping, DisableNormalizePath bool

	// AllowUnsignedPayload accepts X-Amz-Content-Sha256: UNSIGNED-PAYLOAD
	// (and presigned URLs signed that way): the body is then not covered
	// by the signature.
	AllowUnsignedPayload bool

	// SessionTokenOutsideSignature accepts presigned URLs whose
	// X-Amz-Security-Token parameter was added after signing, as clients
	// signing with sigv4.Options.OmitSessionToken do. (In a header the
	// token is simply not among the signed headers; nothing needs
	// setting.)
	SessionTokenOutsideSignature bool

	signer sigv4.Signer
}

// Result describes a request that verified.
type Result struct {
	// AccessKeyID is the key the request was signed with.
	AccessKeyID string
	// Region and Service are the credential scope's.
	Region, Service string
	// Time is the signing time (X-Amz-Date).
	Time time.Time
	// Presigned is set for a presigned URL, whose validity ends at
	// Time + Expires.
	Presigned bool
	Expires   time.Duration
	// SignedHeaders are the lowercase names of the signed headers.
	SignedHeaders []string
	// PayloadHash is the payload hash the signature covers: the body's
	// lowercase hex SHA-256, or UNSIGNED-PAYLOAD (or, for a body of signed
	// event messages, STREAMING-AWS4-HMAC-SHA256-EVENTS).
	PayloadHash string
	// Signature is the request's signature (hex), which seeds the chain
	// of an event stream's messages (see EventChain).
	Signature string
}

// EventChain returns the chain that verifies the messages of the input
// event stream whose request verified as res (with the payload hash
// STREAMING-AWS4-HMAC-SHA256-EVENTS): each message's signature is chained
// from the one before, the request's first (see sigv4.EventChain.Verify).
func (v *Verifier) EventChain(ctx context.Context, res *Result) (*sigv4.EventChain, error) {
	secret, _, err := v.Lookup(ctx, res.AccessKeyID)
	if err != nil {
		return nil, fmt.Errorf("sigv4verify: credentials lookup: %w", err)
	}
	return v.signer.NewEventChain(sigv4.AccessKey{AccessKeyID: res.AccessKeyID, SecretAccessKey: secret}, res.Signature, res.Service, res.Region)
}

// Verify checks the signature of r, a request received by a server, whose
// body is body (nil for none); r.Body is not read. The payload hash that
// was signed is X-Amz-Content-Sha256 when the request has it (which must
// then be the hash of body, or UNSIGNED-PAYLOAD where allowed), otherwise
// the hash of body.
func (v *Verifier) Verify(ctx context.Context, r *http.Request, body []byte) (*Result, error) {
	return v.verify(ctx, r, func() string { return sigv4.HashHex(body) })
}

// VerifyPayloadHash is Verify for a caller that has hashed the body itself
// (while streaming it, say): payloadHash is its lowercase hex SHA-256.
//
// With payloadHash empty, the request is checked before its body is read,
// against the X-Amz-Content-Sha256 header it must then have; the caller
// must afterwards check that the body's hash is Result.PayloadHash (unless
// that is UNSIGNED-PAYLOAD) before trusting the body.
func (v *Verifier) VerifyPayloadHash(ctx context.Context, r *http.Request, payloadHash string) (*Result, error) {
	return v.verify(ctx, r, func() string { return payloadHash })
}

// auth is what the client sent to authenticate, from either flavour.
type auth struct {
	presigned     bool
	accessKeyID   string
	scopeDate     string
	region        string
	service       string
	date          string // X-Amz-Date
	signedHeaders []string
	signature     string
	expires       time.Duration
	token         string
	hasToken      bool
	query         string // the raw query to sign: without the signature
}

// verify is Verify with the body's hash computed on demand by bodyHash,
// which returns "" when the caller has no body to hash yet.
func (v *Verifier) verify(ctx context.Context, r *http.Request, bodyHash func() string) (*Result, error) {
	if v.Lookup == nil {
		return nil, errors.New("sigv4verify: Verifier.Lookup is not set")
	}
	path, rawQuery := sentTarget(r)
	a, err := v.parse(r, rawQuery)
	if err != nil {
		return nil, err
	}
	t, err := v.checkTime(a)
	if err != nil {
		return nil, err
	}
	if v.Region != "" && a.region != v.Region {
		return nil, fail(ErrScope, "credential scope region %q, want %q", a.region, v.Region)
	}
	if v.Service != "" && a.service != v.Service {
		return nil, fail(ErrScope, "credential scope service %q, want %q", a.service, v.Service)
	}

	req := &sigv4.SignedRequest{Method: r.Method, Path: path, RawQuery: a.query}
	if req.Headers, err = signedHeaderValues(r, a.signedHeaders); err != nil {
		return nil, err
	}
	hashes, err := v.payloadHashes(r, a, bodyHash)
	if err != nil {
		return nil, err
	}

	secret, token, err := v.Lookup(ctx, a.accessKeyID)
	if err != nil {
		if errors.Is(err, ErrUnknownAccessKey) {
			return nil, fail(ErrUnknownAccessKey, "the access key ID is not known")
		}
		return nil, fmt.Errorf("sigv4verify: credentials lookup: %w", err)
	}
	if secret == "" {
		return nil, fail(ErrUnknownAccessKey, "the access key ID is not known")
	}
	// A token the lookup expects must be there and be the same; a long-term
	// key must come without one.
	if a.hasToken != (token != "") || subtle.ConstantTimeCompare([]byte(a.token), []byte(token)) != 1 {
		return nil, fail(ErrInvalidToken, "the session token does not belong to the access key")
	}

	opts := sigv4.Options{DisableURIPathEscaping: v.DisableURIPathEscaping, DisableNormalizePath: v.DisableNormalizePath}
	matched := "" // the payload hash whose signature matches
	for _, h := range hashes {
		req.PayloadHash = h
		want, err := v.signer.Signature(req, secret, t, a.region, a.service, opts)
		if err != nil {
			return nil, fail(ErrMalformed, "%v", err)
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(a.signature)) == 1 {
			matched = h
		}
	}
	if matched == "" {
		return nil, fail(ErrSignature, "the request was changed after signing, or signed with another secret key or options")
	}
	return &Result{
		AccessKeyID: a.accessKeyID, Region: a.region, Service: a.service, Time: t,
		Presigned: a.presigned, Expires: a.expires, SignedHeaders: a.signedHeaders, PayloadHash: matched,
		Signature: a.signature,
	}, nil
}

// sentTarget returns the path and query as the client sent them: from the
// request target when the server recorded it, so that a handler that
// rewrote r.URL (http.StripPrefix, say) does not break the signature.
func sentTarget(r *http.Request) (path, query string) {
	if u := r.RequestURI; strings.HasPrefix(u, "/") {
		path, query, _ = strings.Cut(u, "?")
		return path, query
	}
	if r.URL == nil {
		return "/", ""
	}
	return r.URL.EscapedPath(), r.URL.RawQuery
}

const (
	algorithm     = "AWS4-HMAC-SHA256"
	scopeTerminal = "aws4_request"
	amzDateLayout = "20060102T150405Z"
)

// parse reads the authentication of r from its Authorization header or,
// failing that, from the query of a presigned URL.
func (v *Verifier) parse(r *http.Request, rawQuery string) (*auth, error) {
	authz := r.Header.Values("Authorization")
	params, err := authParams(rawQuery)
	if err != nil {
		return nil, err
	}
	_, presigned := params["X-Amz-Signature"]
	switch {
	case len(authz) > 0 && presigned:
		return nil, fail(ErrMalformed, "both an Authorization header and an X-Amz-Signature parameter")
	case len(authz) > 1:
		return nil, fail(ErrMalformed, "more than one Authorization header")
	case len(authz) == 1:
		return v.parseHeader(r, authz[0], rawQuery)
	case presigned || params["X-Amz-Credential"] != "":
		return v.parsePresigned(params, rawQuery)
	}
	return nil, fail(ErrMissingAuth, "no Authorization header and no X-Amz-Signature parameter")
}

// authParams returns the decoded values of the query parameters presigning
// uses, keyed by name; a repeated one is an error.
func authParams(rawQuery string) (map[string]string, error) {
	var params map[string]string
	for rest := rawQuery; rest != ""; {
		var part string
		part, rest, _ = strings.Cut(rest, "&")
		k, val, _ := strings.Cut(part, "=")
		name, err := url.QueryUnescape(k)
		if err != nil || !strings.HasPrefix(name, "X-Amz-") {
			continue
		}
		switch name {
		case "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
			"X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token":
		default:
			continue
		}
		if params == nil {
			params = map[string]string{}
		}
		if _, dup := params[name]; dup {
			return nil, fail(ErrMalformed, "query parameter %s appears more than once", name)
		}
		value, err := url.QueryUnescape(val)
		if err != nil {
			return nil, fail(ErrMalformed, "query parameter %s has an invalid percent-encoding", name)
		}
		params[name] = value
	}
	return params, nil
}

// parseHeader reads an Authorization header:
//
//	AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=<64 hex>
//
// The three parts may come in any order, with or without spaces after the
// commas.
func (v *Verifier) parseHeader(r *http.Request, h, rawQuery string) (*auth, error) {
	rest, ok := strings.CutPrefix(h, algorithm+" ")
	if !ok {
		return nil, fail(ErrMalformed, "the Authorization header does not start with %q", algorithm+" ")
	}
	var cred, sh, sig string
	var seen [3]bool
	for part := range strings.SplitSeq(rest, ",") {
		k, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		var i int
		switch k {
		case "Credential":
			i, cred = 0, val
		case "SignedHeaders":
			i, sh = 1, val
		case "Signature":
			i, sig = 2, val
		default:
			return nil, fail(ErrMalformed, "unexpected Authorization component %q", k)
		}
		if seen[i] {
			return nil, fail(ErrMalformed, "Authorization component %s appears more than once", k)
		}
		seen[i] = true
	}
	if !seen[0] || !seen[1] || !seen[2] {
		return nil, fail(ErrMalformed, "the Authorization header needs Credential, SignedHeaders and Signature")
	}
	a := &auth{query: rawQuery}
	if err := a.setCommon(cred, sh, sig, r.Header.Get("X-Amz-Date"), "the X-Amz-Date header"); err != nil {
		return nil, err
	}
	if toks := r.Header.Values("X-Amz-Security-Token"); len(toks) > 0 {
		if len(toks) > 1 {
			return nil, fail(ErrMalformed, "more than one X-Amz-Security-Token header")
		}
		a.token, a.hasToken = toks[0], true
	}
	return a, nil
}

// parsePresigned reads the authentication parameters of a presigned URL.
func (v *Verifier) parsePresigned(params map[string]string, rawQuery string) (*auth, error) {
	for _, name := range []string{"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature"} {
		if _, ok := params[name]; !ok {
			return nil, fail(ErrMalformed, "presigned URL without the %s parameter", name)
		}
	}
	if params["X-Amz-Algorithm"] != algorithm {
		return nil, fail(ErrMalformed, "X-Amz-Algorithm is %q, want %q", params["X-Amz-Algorithm"], algorithm)
	}
	a := &auth{presigned: true}
	if err := a.setCommon(params["X-Amz-Credential"], params["X-Amz-SignedHeaders"], params["X-Amz-Signature"],
		params["X-Amz-Date"], "the X-Amz-Date parameter"); err != nil {
		return nil, err
	}
	secs, err := strconv.ParseInt(params["X-Amz-Expires"], 10, 64)
	if err != nil || secs < 1 || secs > int64(maxExpires/time.Second) {
		return nil, fail(ErrMalformed, "X-Amz-Expires must be a number of seconds from 1 to %d", int64(maxExpires/time.Second))
	}
	a.expires = time.Duration(secs) * time.Second
	a.token, a.hasToken = params["X-Amz-Security-Token"]
	a.query = v.removeParams(rawQuery, a.hasToken)
	return a, nil
}

// removeParams returns the raw query without X-Amz-Signature and, when
// token is set, X-Amz-Security-Token, keeping everything else as sent.
func (v *Verifier) removeParams(rawQuery string, token bool) string {
	var b strings.Builder
	for rest := rawQuery; rest != ""; {
		var part string
		part, rest, _ = strings.Cut(rest, "&")
		k, _, _ := strings.Cut(part, "=")
		name, _ := url.QueryUnescape(k)
		if name == "X-Amz-Signature" || token && name == "X-Amz-Security-Token" && v.SessionTokenOutsideSignature {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(part)
	}
	return b.String()
}

// setCommon checks and records the parts both flavours have.
func (a *auth) setCommon(cred, signedHeaders, sig, date, dateFrom string) error {
	parts := strings.Split(cred, "/")
	if len(parts) != 5 || parts[4] != scopeTerminal || parts[0] == "" || parts[2] == "" || parts[3] == "" {
		return fail(ErrMalformed, "the credential must be <access key>/<yyyymmdd>/<region>/<service>/%s", scopeTerminal)
	}
	a.accessKeyID, a.scopeDate, a.region, a.service = parts[0], parts[1], parts[2], parts[3]
	if date == "" {
		return fail(ErrMalformed, "%s is missing", dateFrom)
	}
	if _, err := time.Parse(amzDateLayout, date); err != nil {
		return fail(ErrMalformed, "%s is not of the form yyyymmddThhmmssZ", dateFrom)
	}
	if a.scopeDate != date[:8] {
		return fail(ErrMalformed, "the credential scope date %q is not the date of %s", a.scopeDate, dateFrom)
	}
	a.date = date
	if len(sig) != 64 || strings.IndexFunc(sig, func(c rune) bool { return !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') }) >= 0 {
		return fail(ErrMalformed, "the signature must be 64 lowercase hex digits")
	}
	a.signature = sig
	a.signedHeaders = strings.Split(signedHeaders, ";")
	host := false
	for i, name := range a.signedHeaders {
		if name == "" || strings.IndexFunc(name, func(c rune) bool { return c <= ' ' || c >= 0x7f || 'A' <= c && c <= 'Z' || c == ':' }) >= 0 {
			return fail(ErrMalformed, "SignedHeaders must be lowercase header names separated by ';'")
		}
		if i > 0 && a.signedHeaders[i-1] >= name {
			return fail(ErrMalformed, "SignedHeaders must be sorted and without repetition")
		}
		host = host || name == "host"
	}
	if !host {
		return fail(ErrMalformed, "SignedHeaders must include host")
	}
	return nil
}

// checkTime returns the signing time if it is acceptable now.
func (v *Verifier) checkTime(a *auth) (time.Time, error) {
	t, _ := time.Parse(amzDateLayout, a.date) // checked by setCommon
	now := time.Now()
	if v.Now != nil {
		now = v.Now()
	}
	skew := v.MaxSkew
	if skew <= 0 {
		skew = DefaultMaxSkew
	}
	switch {
	case t.After(now.Add(skew)):
		return t, fail(ErrTime, "signed at %s, more than %v after the server's time %s",
			a.date, skew, now.UTC().Format(amzDateLayout))
	case a.presigned && now.After(t.Add(a.expires)):
		return t, fail(ErrTime, "the presigned URL expired at %s", t.Add(a.expires).Format(amzDateLayout))
	case !a.presigned && t.Before(now.Add(-skew)):
		return t, fail(ErrTime, "signed at %s, more than %v before the server's time %s",
			a.date, skew, now.UTC().Format(amzDateLayout))
	}
	return t, nil
}

// signedHeaderValues returns the values of the signed headers of r. Host
// comes from r.Host (net/http moves it there) and Content-Length, when the
// server dropped the header, from r.ContentLength.
func signedHeaderValues(r *http.Request, names []string) ([]sigv4.SignedHeader, error) {
	hs := make([]sigv4.SignedHeader, len(names))
	for i, name := range names {
		var vals []string
		switch name {
		case "host":
			if r.Host != "" {
				vals = []string{r.Host}
			}
		case "content-length":
			vals = r.Header.Values("Content-Length")
			if len(vals) == 0 && r.ContentLength > 0 {
				vals = []string{strconv.FormatInt(r.ContentLength, 10)}
			}
		default:
			vals = r.Header.Values(name)
		}
		if len(vals) == 0 {
			return nil, fail(ErrMalformed, "signed header %q is not in the request", name)
		}
		hs[i] = sigv4.SignedHeader{Name: name, Values: vals}
	}
	return hs, nil
}

// payloadHashes returns the payload hashes the client may have signed:
// X-Amz-Content-Sha256 when present, else the body's hash and, for a
// presigned URL where allowed, UNSIGNED-PAYLOAD.
func (v *Verifier) payloadHashes(r *http.Request, a *auth, bodyHash func() string) ([]string, error) {
	declared := r.Header.Values("X-Amz-Content-Sha256")
	switch {
	case len(declared) > 1:
		return nil, fail(ErrMalformed, "more than one X-Amz-Content-Sha256 header")
	case len(declared) == 1 && declared[0] == sigv4.UnsignedPayload:
		if !v.AllowUnsignedPayload {
			return nil, fail(ErrMalformed, "unsigned payloads are not accepted")
		}
		return []string{sigv4.UnsignedPayload}, nil
	case len(declared) == 1:
		// An empty hash: the caller checks the body against it later.
		if h := bodyHash(); h != "" && declared[0] != h {
			return nil, fail(ErrPayloadHash, "the body's SHA-256 is %s", h)
		}
		return declared, nil
	}
	h := bodyHash()
	if h == "" {
		return nil, errors.New("sigv4verify: the request has no X-Amz-Content-Sha256 header: verify it with its body or the body's hash")
	}
	if a.presigned && v.AllowUnsignedPayload {
		return []string{h, sigv4.UnsignedPayload}, nil
	}
	return []string{h}, nil
}
