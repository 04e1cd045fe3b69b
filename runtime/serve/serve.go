// Package serve is the runtime of generated servers (gen -server): the
// options of their handlers, authentication, reading requests and writing
// responses and errors as the server's protocol frames them (Protocol), and
// the wording of validation errors.
package serve

import (
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/smithygo/smithygo/runtime/httproute"
	"github.com/smithygo/smithygo/runtime/jsonwire"
	"github.com/smithygo/smithygo/runtime/sigv4verify"
)

// DefaultMaxBodyBytes is the request body limit when
// HandlerOptions.MaxBodyBytes is 0: 10 MiB.
const DefaultMaxBodyBytes = 10 << 20

// HandlerOptions configure the handler that NewHandler returns.
type HandlerOptions struct {
	// MaxBodyBytes is the largest request body accepted; a larger one is
	// answered 413 before the service sees it. 0 means
	// DefaultMaxBodyBytes.
	MaxBodyBytes int64

	// Authenticate, when set, checks each routed request before its body is
	// read (a SigV4 verifier, a bearer token, ...). An error refuses the
	// request: with the status its StatusCode or HTTPStatusCode method
	// gives when that is a 4xx status (401, 403, ...), else 403, and with
	// the code its Code or ErrorCode method gives, else
	// AccessDeniedException. The response names the code only. Operations
	// the model serves without authentication (@auth([]) or
	// @optionalAuth) skip it, and SigV4.
	Authenticate func(*http.Request) error

	// SigV4, when set, accepts only requests signed with AWS Signature
	// Version 4 by a key that SigV4.Lookup knows, checked once the body is
	// read (the signature covers its hash) and after Authenticate.
	SigV4 *SigV4

	// Logger receives the errors and panics of the service that the client
	// only sees as an InternalFailure; nil discards them.
	Logger *slog.Logger
}

// SigV4 says how requests must be signed (HandlerOptions.SigV4). A refused
// request is answered with the code AWS uses (403
// InvalidSignatureException, UnrecognizedClientException,
// MissingAuthenticationTokenException, ...) and nothing about the
// expected signature.
type SigV4 struct {
	// Lookup returns the secret key of an access key ID and, for temporary
	// credentials, the session token the request must carry. For a key it
	// does not know it returns an error wrapping ErrUnknownKey (answered
	// UnrecognizedClientException); any other error refuses the request as
	// AccessDeniedException.
	Lookup func(ctx context.Context, accessKeyID string) (secretKey, sessionToken string, err error)

	// Region and Service are the scope requests must be signed for; ""
	// accepts any.
	Region, Service string
}

// ErrUnknownKey is the error a SigV4.Lookup wraps for an access key ID it
// does not know.
var ErrUnknownKey = sigv4verify.ErrUnknownAccessKey

// Authenticator applies HandlerOptions.Authenticate and SigV4.
//
// A server's copy keeps only the methods it calls (AfterStream only with
// an input event stream, AfterBlob only with a streaming blob input):
//
//smithygo:closed
type Authenticator struct {
	check func(*http.Request) error
	sigv4 *sigv4verify.Verifier
	// unsigned is sigv4 for the operations that accept a body signed as
	// UNSIGNED-PAYLOAD (@aws.auth#unsignedPayload).
	unsigned *sigv4verify.Verifier
}

// NewAuthenticator returns the authenticator of opts.
func NewAuthenticator(opts HandlerOptions) *Authenticator {
	a := &Authenticator{check: opts.Authenticate}
	if s := opts.SigV4; s != nil && s.Lookup != nil {
		a.sigv4 = &sigv4verify.Verifier{Lookup: s.Lookup, Region: s.Region, Service: s.Service}
		a.unsigned = &sigv4verify.Verifier{Lookup: s.Lookup, Region: s.Region, Service: s.Service, AllowUnsignedPayload: true}
	}
	return a
}

// Before runs Authenticate, before the body is read.
func (a *Authenticator) Before(r *http.Request) *ResponseMessage {
	if a.check == nil {
		return nil
	}
	if err := a.check(r); err != nil {
		return AuthFailure(err)
	}
	return nil
}

// After checks the SigV4 signature, which covers the body's hash.
func (a *Authenticator) After(r *http.Request, body string) *ResponseMessage {
	return verifyBody(a.sigv4, r, body)
}

// AfterUnsigned is After for an operation whose body the client may sign
// as UNSIGNED-PAYLOAD (@aws.auth#unsignedPayload), as it does such
// operations' bodies.
func (a *Authenticator) AfterUnsigned(r *http.Request, body string) *ResponseMessage {
	return verifyBody(a.unsigned, r, body)
}

// verifyBody checks r's SigV4 signature with v, when v is not nil.
func verifyBody(v *sigv4verify.Verifier, r *http.Request, body string) *ResponseMessage {
	if v == nil {
		return nil
	}
	if _, err := v.Verify(r.Context(), r, []byte(body)); err != nil {
		return AuthFailure(err)
	}
	return nil
}

// AfterStream checks the SigV4 signature of a request whose body is an
// input event stream, before the body is read, and returns the check of
// each message's seal (RequestMessage.Check): with SigV4, the request must
// be signed as STREAMING-AWS4-HMAC-SHA256-EVENTS and each message is
// checked against the chain of signatures that begins with the request's;
// without, the check is nil.
func (a *Authenticator) AfterStream(r *http.Request) (*ResponseMessage, func(dateHeader, payload, signature []byte, t time.Time) error) {
	if a.sigv4 == nil {
		return nil, nil
	}
	res, err := a.sigv4.VerifyPayloadHash(r.Context(), r, "")
	if err == nil && res.PayloadHash != streamingEventsPayload {
		err = errors.New("an input event stream must be signed as " + streamingEventsPayload)
	}
	if err != nil {
		return AuthFailure(err), nil
	}
	chain, err := a.sigv4.EventChain(r.Context(), res)
	if err != nil {
		return AuthFailure(err), nil
	}
	return nil, func(dateHeader, payload, signature []byte, t time.Time) error {
		if !chain.Verify(dateHeader, payload, t, signature) {
			return errEventSignature
		}
		return nil
	}
}

// AfterBlob checks the SigV4 signature of a request whose body is a
// streaming blob (@streaming), and returns the body for the service to read
// as it arrives. A client sends such a body without reading it first, so
// the signature is checked before the body is read, against the hash that
// X-Amz-Content-Sha256 declares: UNSIGNED-PAYLOAD, which a client streaming
// a body it cannot rewind must send, or the body's SHA-256, which the
// returned reader checks as the body is read, failing at its end with
// ErrBodyHash if the body differs. A request without the header, which a
// client sends when it has hashed a body it could rewind, is read whole
// (at most limit bytes, 413 beyond) and checked as any other. Without SigV4
// the body is returned as it is.
func (a *Authenticator) AfterBlob(r *http.Request, limit int64) (*ResponseMessage, io.Reader) {
	if a.unsigned == nil {
		return nil, r.Body
	}
	if r.Header.Get("X-Amz-Content-Sha256") == "" {
		body, perr := ReadBody(r, limit)
		if perr != nil {
			return EncodeProtocolError(perr), nil
		}
		if m := verifyBody(a.unsigned, r, body); m != nil {
			return m, nil
		}
		return nil, strings.NewReader(body)
	}
	res, err := a.unsigned.VerifyPayloadHash(r.Context(), r, "")
	if err != nil {
		return AuthFailure(err), nil
	}
	if res.PayloadHash == unsignedPayloadHash {
		return nil, r.Body
	}
	return nil, &hashedBody{r: r.Body, hash: sha256.New(), want: res.PayloadHash}
}

// unsignedPayloadHash is the payload hash of a body the signature does not
// cover.
const unsignedPayloadHash = "UNSIGNED-PAYLOAD"

// ErrBodyHash is the read error at the end of a streaming body whose
// SHA-256 is not the one its signature covers (X-Amz-Content-Sha256): the
// body was changed on the way, and the service should not keep what it
// read.
var ErrBodyHash = errors.New("the request body does not match the hash its signature covers")

// hashedBody hashes a body as it is read and, at its end, fails unless the
// hash is want (lowercase hex).
type hashedBody struct {
	r    io.Reader
	hash hash.Hash
	want string
	err  error // the error at the end, once known
}

func (b *hashedBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.r.Read(p)
	b.hash.Write(p[:n])
	if err == io.EOF {
		if hex.EncodeToString(b.hash.Sum(nil)) != b.want {
			err = ErrBodyHash
		}
		b.err = err
	}
	return n, err
}

// streamingEventsPayload is the payload hash of a request whose body is a
// stream of signed event messages.
const streamingEventsPayload = "STREAMING-AWS4-HMAC-SHA256-EVENTS"

// errEventSignature ends an input event stream at a message whose
// signature does not verify.
var errEventSignature = errors.New("an event message's signature does not verify")

// NotImplementedError is the error of Unimplemented's methods: the service
// does not implement the operation yet. It is answered 501 NotImplemented.
type NotImplementedError struct {
	// Operation is the name of the operation.
	Operation string
}

// Error says which operation is not implemented.
func (e *NotImplementedError) Error() string {
	return "operation " + e.Operation + " is not implemented"
}

// RequestMessage is what the generated decoders read of a request: its
// labels (decoded by the router), query parameters, headers and the body,
// read whole (within the size limit).
type RequestMessage struct {
	Labels []httproute.Label
	Query  url.Values
	Header http.Header
	Body   string
	// Stream is the unread body of an operation whose input is an event
	// stream or a streaming blob (Body is then empty). For an event
	// stream, Check verifies the seal of each of its messages (see
	// Authenticator.AfterStream), or is nil: the seals are then taken off
	// unchecked (see the runtime's eventstream.Unsealer).
	Stream io.Reader
	Check  func(dateHeader, payload, signature []byte, t time.Time) error
}

// ResponseMessage is what the generated encoders write: the headers and
// status of the response and its body.
type ResponseMessage struct {
	Header http.Header
	Status int
	Body   []byte
	// Stream, when set, writes the body instead of Body, after the status
	// and headers, as it comes (an output's event stream): flush sends
	// what it wrote so far to the client. Its error is the server's to
	// log: the client only sees the body end.
	Stream func(w io.Writer, flush func()) error
	// Fault, on an error response of the runtime's own (ErrorMessage), is
	// its status, code and message, whose body Protocol.Frame writes.
	Fault *ProtocolError
}

// Send writes the response, and returns the error of its Stream.
func (m *ResponseMessage) Send(w http.ResponseWriter) error {
	for k, vs := range m.Header {
		w.Header()[k] = vs
	}
	if m.Stream != nil {
		w.WriteHeader(m.Status)
		flush := func() {}
		if flusher, ok := w.(http.Flusher); ok {
			flush = flusher.Flush
		}
		// The status and headers go now, before the first event: a
		// client that streams its input waits for them before it sends
		// what the first event may answer.
		flush()
		return m.Stream(w, flush)
	}
	if m.Body != nil {
		w.Header().Set("Content-Length", strconv.Itoa(len(m.Body)))
	}
	w.WriteHeader(m.Status)
	_, _ = w.Write(m.Body)
	return nil
}

// ErrBodyCut says that a response body streamed from a service's reader
// failed before its end. The status and the body so far have gone out, so
// the handler aborts the response (http.ErrAbortHandler): the client then
// sees the body cut off, not a whole body that happens to be short.
var ErrBodyCut = errors.New("the response body's stream failed before its end")

// BlobStream is the Stream of a response whose body is a @streaming blob:
// it sends r to the client as it reads it, flushing after each read, so
// that an open-ended stream (a live feed) reaches the client as it comes
// rather than after it ends, and in memory of one buffer whatever its
// length; then it closes r. An error of r ends it with ErrBodyCut.
func BlobStream(r io.ReadCloser) func(w io.Writer, flush func()) error {
	return func(w io.Writer, flush func()) error {
		defer r.Close()
		buf := make([]byte, 32<<10)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				if _, werr := w.Write(buf[:n]); werr != nil {
					return werr // the client has gone
				}
				flush()
			}
			switch {
			case err == io.EOF:
				return nil
			case err != nil:
				return fmt.Errorf("%w: %w", ErrBodyCut, err)
			}
		}
	}
}

// ProtocolError is an error the handler answers without a service call:
// a malformed request, an unknown route, an oversized body.
type ProtocolError struct {
	Status  int
	Code    string
	Message string
}

// Error gives the code and the message.
func (e *ProtocolError) Error() string { return e.Code + ": " + e.Message }

// SerializationError is a request that cannot be read as the operation's
// input: bad JSON, a value of the wrong type, an unparseable header.
func SerializationError(err error) *ProtocolError {
	return &ProtocolError{Status: http.StatusBadRequest, Code: "SerializationException", Message: err.Error()}
}

// EncodeProtocolError writes e as the protocol's error response.
func EncodeProtocolError(e *ProtocolError) *ResponseMessage {
	return ErrorMessage(e.Status, e.Code, e.Message)
}

// ErrorMessage is an error response of the runtime's own (a refusal, an
// internal failure) of the given status and code: its Fault, whose body
// the server's Protocol writes (Protocol.Frame).
func ErrorMessage(status int, code, message string) *ResponseMessage {
	return &ResponseMessage{Header: http.Header{}, Status: status, Fault: &ProtocolError{Status: status, Code: code, Message: message}}
}

// Protocol is what a server's protocol decides about the messages the
// runtime reads and writes for it: how the error responses of its own are
// framed, and, for the RPC protocols, how a request names its operation.
//
// A server's copy keeps only the methods it calls (Route only for an RPC
// protocol):
//
//smithygo:closed
type Protocol struct {
	// MediaType is the Content-Type of the protocol's documents.
	MediaType string
	// SmithyProtocol, for Smithy RPC v2, is the Smithy-Protocol header
	// that every request must carry and every response carries.
	SmithyProtocol string
	// TypeHeader: an error names its code in the X-Amzn-Errortype header
	// (restJson1, awsJson1_x).
	TypeHeader bool
	// TypeInBody: an error names its code in its body's "__type" (the RPC
	// protocols).
	TypeInBody bool
	// Service is the name by which requests of an RPC protocol name the
	// service: X-Amz-Target's prefix, or the path's /service/{Service}.
	Service string
	// Target: a request names its operation in X-Amz-Target:
	// {Service}.{Operation} (awsJson1_x); else, for an RPC protocol, in its
	// path's last /service/{Service}/operation/{Operation}.
	Target bool
	// EncodeFault, when set, writes the body of a Fault (its "__type", as
	// TypeInBody says, and "message") in the protocol's binary format;
	// nil writes it as JSON.
	EncodeFault func(code, message string) []byte
}

// Frame completes a response for the protocol and returns it: a Fault
// gets its body and headers, and every response the Smithy-Protocol
// header.
func (p *Protocol) Frame(m *ResponseMessage) *ResponseMessage {
	if p.SmithyProtocol != "" {
		m.Header.Set("Smithy-Protocol", p.SmithyProtocol)
	}
	f := m.Fault
	if f == nil || m.Body != nil {
		return m
	}
	if p.TypeHeader {
		m.Header.Set("X-Amzn-Errortype", f.Code)
	}
	if p.EncodeFault != nil {
		m.Body = p.EncodeFault(f.Code, f.Message)
	} else {
		enc := jsonwire.NewEncoder(make([]byte, 0, 64+len(f.Code)+len(f.Message)))
		enc.BeginObject()
		if p.TypeInBody {
			enc.Key("__type")
			enc.String(f.Code)
		}
		enc.Key("message")
		enc.String(f.Message)
		enc.EndObject()
		m.Body = enc.Bytes()
	}
	m.Header.Set("Content-Type", p.MediaType)
	return m
}

// Route finds the operation a request of an RPC protocol names, by its
// index among the n operations whose names name gives, or returns the
// refusal: 404 UnknownOperationException for an operation (or service) the
// server does not serve, 405 for a method other than POST, and, for Smithy
// RPC v2, 400 for a request without the protocol's Smithy-Protocol header.
func (p *Protocol) Route(r *http.Request, n int, name func(int) string) (int, *ResponseMessage) {
	var op string
	var ok bool
	if p.Target {
		op, ok = strings.CutPrefix(r.Header.Get("X-Amz-Target"), p.Service+".")
	} else {
		path := r.URL.EscapedPath()
		if i := strings.LastIndex(path, "/service/"); i >= 0 {
			op, ok = strings.CutPrefix(path[i:], "/service/"+p.Service+"/operation/")
		}
	}
	id := -1
	for i := 0; ok && i < n; i++ {
		if name(i) == op {
			id = i
			break
		}
	}
	switch {
	case id < 0:
		return 0, ErrorMessage(http.StatusNotFound, "UnknownOperationException", "no operation matches the request")
	case r.Method != http.MethodPost:
		return 0, NotAllowed(http.MethodPost)
	case p.SmithyProtocol != "" && r.Header.Get("Smithy-Protocol") != p.SmithyProtocol:
		return 0, ErrorMessage(http.StatusBadRequest, "BadRequestException", "the request must carry the header Smithy-Protocol: "+p.SmithyProtocol)
	}
	return id, nil
}

// NotAllowed is the response to a request whose path matches only
// operations of other methods: 405, with the Allow header listing them
// (allow: see httproute.Table.Allowed), as RFC 9110 requires.
func NotAllowed(allow string) *ResponseMessage {
	m := ErrorMessage(http.StatusMethodNotAllowed, "MethodNotAllowedException", "the operation does not accept this method")
	m.Header.Set("Allow", allow)
	return m
}

// InternalFailure is the response to an error the model does not list, or
// a panic: it says nothing of what happened.
func InternalFailure() *ResponseMessage {
	return ErrorMessage(http.StatusInternalServerError, "InternalFailure", "an internal error occurred")
}

// NotImplemented is the response to a *NotImplementedError.
func NotImplemented(e *NotImplementedError) *ResponseMessage {
	return ErrorMessage(http.StatusNotImplemented, "NotImplemented", e.Error())
}

// AuthFailure is the response to an error of HandlerOptions.Authenticate.
func AuthFailure(err error) *ResponseMessage {
	status, code := http.StatusForbidden, "AccessDeniedException"
	var withStatus interface{ StatusCode() int }
	var withHTTPStatus interface{ HTTPStatusCode() int }
	switch {
	case errors.As(err, &withStatus):
		if s := withStatus.StatusCode(); s >= 400 && s < 500 {
			status = s
		}
	case errors.As(err, &withHTTPStatus):
		if s := withHTTPStatus.HTTPStatusCode(); s >= 400 && s < 500 {
			status = s
		}
	}
	var withCode interface{ Code() string }
	var withErrorCode interface{ ErrorCode() string }
	switch {
	case errors.As(err, &withCode) && validCode(withCode.Code()):
		code = withCode.Code()
	case errors.As(err, &withErrorCode) && validCode(withErrorCode.ErrorCode()):
		code = withErrorCode.ErrorCode()
	}
	return ErrorMessage(status, code, "the request was not authenticated: "+code)
}

// validCode reports whether an error code can go in a header as it is.
func validCode(code string) bool {
	if code == "" || len(code) > 128 {
		return false
	}
	for i := 0; i < len(code); i++ {
		c := code[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '#' || c == '-') {
			return false
		}
	}
	return true
}

// ReadBody reads the whole request body, refusing one over limit bytes
// with 413.
func ReadBody(r *http.Request, limit int64) (string, *ProtocolError) {
	if r.ContentLength > limit {
		return "", &ProtocolError{Status: http.StatusRequestEntityTooLarge, Code: "RequestEntityTooLargeException",
			Message: fmt.Sprintf("the request body is larger than %d bytes", limit)}
	}
	if r.Body == nil || r.Body == http.NoBody {
		return "", nil
	}
	return readLimited(r.Body, limit, "the request body")
}

// readLimited reads what, a request body as sent or decompressed, refusing
// more than limit bytes of it with 413.
func readLimited(rd io.Reader, limit int64, what string) (string, *ProtocolError) {
	b, err := io.ReadAll(io.LimitReader(rd, limit+1))
	if err != nil {
		// A body that stopped arriving until the http.Server's ReadTimeout
		// (or a deadline of the handler's) cut it off is the client's
		// slowness, not a malformed body: 408, which says to send again.
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return "", &ProtocolError{Status: http.StatusRequestTimeout, Code: "RequestTimeoutException", Message: what + " did not arrive in time"}
		}
		return "", &ProtocolError{Status: http.StatusBadRequest, Code: "SerializationException", Message: what + " could not be read"}
	}
	if int64(len(b)) > limit {
		return "", &ProtocolError{Status: http.StatusRequestEntityTooLarge, Code: "RequestEntityTooLargeException",
			Message: fmt.Sprintf("%s is larger than %d bytes", what, limit)}
	}
	return string(b), nil
}

// Query parses the request's query string, refusing a malformed one (a
// bad percent escape, a ';') as a SerializationException: net/http's
// URL.Query drops such pairs, and the service would see the member unset.
func Query(r *http.Request) (url.Values, *ProtocolError) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, SerializationError(fmt.Errorf("the query string: %w", err))
	}
	return q, nil
}

// DecodeContent undoes the request body's Content-Encoding: gzip, which
// clients send for operations with @requestCompression, is decompressed,
// refusing more than limit bytes of it with 413; a coding the server does
// not know is refused with 415. It runs after the signature's check, which
// is of the body as sent.
func DecodeContent(r *http.Request, body string, limit int64) (string, *ProtocolError) {
	switch coding := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); coding {
	case "", "identity":
		return body, nil
	case "gzip":
		const what = "the decompressed request body"
		zr, err := gzip.NewReader(strings.NewReader(body))
		if err != nil {
			return "", &ProtocolError{Status: http.StatusBadRequest, Code: "SerializationException", Message: what + " could not be read"}
		}
		return readLimited(zr, limit, what)
	default:
		return "", &ProtocolError{Status: http.StatusUnsupportedMediaType, Code: "UnsupportedMediaTypeException",
			Message: fmt.Sprintf("the content encoding %q is not supported", coding)}
	}
}

// FieldViolation is one broken constraint of an input: the JSON pointer of
// the member and the whole message about it.
type FieldViolation struct {
	Path    string
	Message string
}

// RuleFunc returns the constraint of a kind ("length", ...) of the member
// at a violation's path, in the Smithy framework's words, or of the key of
// the map at path when key; "" when it does not know the member.
type RuleFunc func(path []string, key bool, constraint string) string

// DescribeViolation words one violation of Validate as the Smithy
// framework does: "Value with length 1 at '/string' failed to satisfy
// constraint: Member must have length between 2 and 8, inclusive".
func DescribeViolation(path, constraint, message string, rule RuleFunc) FieldViolation {
	segs, key := splitViolationPath(path)
	text := ""
	if rule != nil {
		text = rule(segs, key, constraint)
	}
	if key && len(segs) > 0 {
		// Smithy's path of a key's violation ends at the map.
		segs = segs[:len(segs)-1]
	}
	ptr := jsonPointer(segs)
	if text == "" {
		text = message
	}
	value := "Value"
	if n, ok := strings.CutPrefix(message, "length "); ok && constraint == "length" {
		n, _, _ = strings.Cut(n, " ")
		value = "Value with length " + n
	}
	return FieldViolation{Path: ptr, Message: value + " at '" + ptr + "' failed to satisfy constraint: " + text}
}

// splitViolationPath splits a violation path of Validate
// ("Pools[2].Count", "Tags[env]", "Tags{env}") into its member names,
// indexes and keys, and reports whether it ends at a map's key itself
// ({env}), which is always last: nothing is below a key.
func splitViolationPath(path string) (segs []string, key bool) {
	for path != "" {
		switch path[0] {
		case '.':
			path = path[1:]
		case '{':
			if k, ok := strings.CutSuffix(path[1:], "}"); ok {
				return append(segs, k), true
			}
			return append(segs, path[1:]), false
		case '[':
			end := strings.LastIndexByte(path, ']')
			if next := strings.Index(path, "]."); next >= 0 {
				end = next
			} else if next := strings.Index(path, "]["); next >= 0 {
				end = next
			} else if next := strings.Index(path, "]{"); next >= 0 {
				end = next
			}
			if end < 0 {
				return append(segs, path[1:]), false
			}
			segs = append(segs, path[1:end])
			path = path[end+1:]
		default:
			end := strings.IndexAny(path, ".[{")
			if end < 0 {
				end = len(path)
			}
			segs = append(segs, path[:end])
			path = path[end:]
		}
	}
	return segs, false
}

// jsonPointer is the JSON pointer of path segments ("/Pools/2/Count").
func jsonPointer(segs []string) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(s))
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}

// ValidationMessage is the message of a ValidationException: the number
// of violations, then each one's message.
func ValidationMessage(fields []FieldViolation) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(len(fields)))
	if len(fields) == 1 {
		b.WriteString(" validation error detected. ")
	} else {
		b.WriteString(" validation errors detected. ")
	}
	for i, f := range fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Message)
	}
	return b.String()
}

// ErrNullBody is the error for a request body that is JSON null where the
// operation's input is a JSON object.
var ErrNullBody = errors.New("the request body is null, not a JSON object")

// CheckMediaTypes refuses a request whose Content-Type is not the one the
// operation's body has (415; requestType "" for an operation without a
// body, "*" for a body of any type), or whose Accept header rules out the
// response's media type (406; responseType "*" for any).
func CheckMediaTypes(msg *RequestMessage, requestType, responseType string) *ProtocolError {
	ct := msg.Header.Get("Content-Type")
	switch {
	case requestType == "*":
	case ct != "" && requestType == "" && msg.Body != "":
		return &ProtocolError{Status: http.StatusUnsupportedMediaType, Code: "UnsupportedMediaTypeException", Message: "the operation takes no body"}
	case ct != "" && requestType != "" && !sameMediaType(ct, requestType):
		return &ProtocolError{Status: http.StatusUnsupportedMediaType, Code: "UnsupportedMediaTypeException", Message: "the body must be " + requestType}
	case ct == "" && requestType != "" && msg.Body != "":
		return &ProtocolError{Status: http.StatusUnsupportedMediaType, Code: "UnsupportedMediaTypeException", Message: "the body has no Content-Type"}
	}
	if accept := msg.Header.Values("Accept"); len(accept) > 0 && responseType != "*" && !accepts(accept, responseType) {
		return &ProtocolError{Status: http.StatusNotAcceptable, Code: "NotAcceptableException", Message: "the response is " + responseType}
	}
	return nil
}

// sameMediaType compares a header's media type, without parameters, with
// want.
func sameMediaType(header, want string) bool {
	mt, _, _ := strings.Cut(header, ";")
	return strings.EqualFold(strings.TrimSpace(mt), want)
}

// accepts reports whether Accept header values admit the media type mt.
func accepts(values []string, mt string) bool {
	typ, _, _ := strings.Cut(mt, "/")
	for _, v := range values {
		for _, r := range strings.Split(v, ",") {
			r, _, _ = strings.Cut(r, ";")
			r = strings.ToLower(strings.TrimSpace(r))
			if r == "*/*" || r == mt || r == typ+"/*" {
				return true
			}
		}
	}
	return false
}
