package call

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/smithygo/smithygo/runtime/retry"
)

// Service is what the request path needs to know about a generated
// service.
type Service struct {
	// Name names the service in errors and log records.
	Name string
	// UserAgent is sent as User-Agent.
	UserAgent string
	// DecodeError turns an error response into the error the operation
	// returns: a typed error of the service or a *GenericAPIError.
	DecodeError func(*Response) error
	// RetryableError reports whether an error code names an error shape
	// marked @retryable; nil for none.
	RetryableError func(code string) bool
	// SmithyProtocol is, for a Smithy RPC v2 service, the Smithy-Protocol
	// header its requests carry ("rpc-v2-cbor"); "" for other protocols.
	// The protocol makes a response without the same header malformed (a
	// proxy's page, a server of another protocol), to be handled by its
	// status alone: a 2xx fails without its body being read, and an error
	// status is a *GenericAPIError of the status, whatever type the body
	// names.
	SmithyProtocol string
}

// HTTPClient sends HTTP requests; *http.Client satisfies it.
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// Config is what one call takes from the client's options.
type Config struct {
	// Endpoint is where the requests go.
	Endpoint *Endpoint
	// Auth signs the requests; nil sends them unsigned.
	Auth Auth
	// HTTPClient sends the requests; nil means a shared default.
	HTTPClient HTTPClient
	// RetryMaxAttempts and RetryMaxBackoff bound retries (0: defaults).
	RetryMaxAttempts int
	RetryMaxBackoff  time.Duration
	// DisableRequestCompression and RequestMinCompressSizeBytes apply to
	// operations with Compress.
	DisableRequestCompression   bool
	RequestMinCompressSizeBytes int
	// DisableHostPrefix sends requests to the endpoint's host as it is,
	// without the prefix of an operation's @endpoint trait.
	DisableHostPrefix bool
	// Logger receives a debug record per attempt and per call; nil for none.
	Logger *slog.Logger
}

// Auth signs the requests of calls.
type Auth interface {
	// Signer returns the signer for one call to ep, or nil to send the
	// call unsigned (anonymous credentials).
	Signer(ctx context.Context, ep *Endpoint) (RequestSigner, error)
}

// RequestSigner signs each attempt of one call.
type RequestSigner interface {
	Sign(req *http.Request, payloadHash string, now time.Time) error
}

// StreamingEventsPayload is the payload hash of a request whose body is an
// input event stream, whose messages are signed one at a time.
const StreamingEventsPayload = "STREAMING-AWS4-HMAC-SHA256-EVENTS"

// PayloadBlind is implemented by a RequestSigner that does not read the
// payload hash (a bearer token or an API key), so that the request path
// does not hash the body for it.
type PayloadBlind interface {
	PayloadBlind()
}

// The payload hashes that are not a body's SHA-256: the literal SigV4
// signs a body it does not hash, and the hash of no body.
const (
	unsignedPayload  = "UNSIGNED-PAYLOAD"
	emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)

// Client is the request path's state of one generated client: its
// service and its retry quota. It is safe for concurrent use.
type Client struct {
	service *Service
	quota   *retry.Quota
}

// NewClient returns the request path of a client of service.
func NewClient(service *Service) *Client {
	return &Client{service: service, quota: retry.NewQuota()}
}

var defaultHTTPClient = sync.OnceValue(func() *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Client{
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           dialer.DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          100,
			MaxIdleConnsPerHost:   100,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ExpectContinueTimeout: time.Second,
		},
		// A redirect is answered, not followed: net/http would follow a
		// 301, 302 or 303 with a GET and no body, and the call would then
		// report the redirect target's answer to a request the operation
		// never made as its own success (and follow it to any host, a 307
		// re-sending the body there). The 3xx is an error response.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
})

// Fail wraps err as the *OperationError of a call that failed before a
// request was sent.
func (c *Client) Fail(op *Operation, err error) error {
	return &OperationError{Service: c.service.Name, Operation: op.Name, Err: err}
}

// Invoke sends a request with retries and decodes a successful response
// with decode.
func (c *Client) Invoke(ctx context.Context, cfg *Config, op *Operation, r *Request, decode func(*Response) error) error {
	start := time.Now()
	fail := func(attempts int, resp *Response, err error) error {
		oe := &OperationError{Service: c.service.Name, Operation: op.Name, Attempts: attempts, Err: err}
		if resp != nil {
			oe.StatusCode = resp.StatusCode
			oe.RequestID = RequestID(resp)
		}
		return oe
	}
	if op.Compress != nil && !cfg.DisableRequestCompression {
		if err := op.Compress(r, cfg.RequestMinCompressSizeBytes); err != nil {
			return fail(0, nil, err)
		}
	}
	if op.Checksum != nil {
		if err := op.Checksum(r); err != nil {
			return fail(0, nil, err)
		}
	}
	ep := cfg.Endpoint
	if cfg.DisableHostPrefix {
		r.HostPrefix = ""
	}
	target := requestURL(ep.URL, r)
	for name, values := range ep.Headers {
		// The endpoint asks for these on every request.
		if r.Header == nil {
			r.Header = make(http.Header, len(ep.Headers))
		}
		for _, v := range values {
			r.Header.Add(name, v)
		}
	}
	var signer RequestSigner
	if cfg.Auth != nil && !op.Anonymous {
		var err error
		if signer, err = cfg.Auth.Signer(ctx, ep); err != nil {
			return fail(0, nil, err)
		}
	}
	_, blind := signer.(PayloadBlind)
	payloadHash, seeker, streamStart, err := payloadHashOf(r, op, signer != nil && !blind)
	if err != nil {
		return fail(0, nil, err)
	}

	policy := retry.Policy{MaxAttempts: cfg.RetryMaxAttempts, MaxBackoff: cfg.RetryMaxBackoff}
	maxAttempts := policy.Attempts()
	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = defaultHTTPClient()
	}
	invocationID := NewUUID()
	// canReplay: a body that cannot be rewound is sent once; nor can an
	// event stream, whose events are the caller's sequence.
	canReplay := (r.Stream == nil || seeker != nil) && r.Events == nil
	var retryToken retry.Token
	// again takes a retry token (a timeout's, for a network error, costs
	// more) and waits before the next attempt; false when the request
	// cannot be sent again (no attempts left, a body that cannot be
	// replayed, an empty quota), or with the wait's error.
	again := func(attempt int, timeout bool) (bool, error) {
		if !canReplay || attempt >= maxAttempts {
			return false, nil
		}
		tok, ok := c.quota.Acquire(timeout)
		if !ok {
			return false, nil
		}
		retryToken = tok
		return true, retry.Sleep(ctx, policy.Delay(attempt))
	}
	for attempt := 1; ; attempt++ {
		attemptStart := time.Now()
		if r.Stream != nil && attempt > 1 {
			if _, err := seeker.Seek(streamStart, io.SeekStart); err != nil {
				return fail(attempt-1, nil, err)
			}
		}
		req, err := c.httpRequest(ctx, r, target, attempt, maxAttempts, invocationID)
		if err != nil {
			return fail(attempt-1, nil, err)
		}
		if signer != nil {
			if err := signer.Sign(req, payloadHash, time.Now().UTC()); err != nil {
				return fail(attempt-1, nil, err)
			}
		}
		var events *eventsBody
		if r.Events != nil {
			if events, err = sendEvents(req, r, signer); err != nil {
				return fail(attempt-1, nil, err)
			}
		}
		httpResp, err := httpClient.Do(req)
		if err != nil {
			detachBody(req)
			if ctxErr := ctx.Err(); ctxErr != nil {
				return fail(attempt, nil, ctxErr)
			}
			c.logAttempt(ctx, cfg, op, attempt, 0, "", attemptStart, err)
			// A request that may have reached the service is sent again only
			// when doing so cannot apply the operation twice.
			if retry.IsTransientNetworkError(ctx, err) && (op.SafeToRetry || isDialError(err)) {
				if ok, werr := again(attempt, true); werr != nil {
					return fail(attempt, nil, werr)
				} else if ok {
					continue
				}
			}
			return fail(attempt, nil, err)
		}
		ok2xx := httpResp.StatusCode >= 200 && httpResp.StatusCode < 300
		if events != nil && ok2xx && op.StreamingOutput {
			httpResp.Body = &eventsReplyBody{ReadCloser: httpResp.Body, sent: events}
		}
		resp := &Response{Response: httpResp}
		if !ok2xx || !op.StreamingOutput {
			resp.Data, err = readBody(httpResp)
			// Only now: cutting the body off while the transport still
			// writes it closes the connection, and the response with it.
			detachBody(req)
			if err != nil {
				if ctxErr := ctx.Err(); ctxErr != nil {
					return fail(attempt, resp, ctxErr)
				}
				c.logAttempt(ctx, cfg, op, attempt, httpResp.StatusCode, RequestID(resp), attemptStart, err)
				// A body cut off (a reset, an early EOF) is sent for again
				// where an answer with that status would be, or, for a
				// success whose output was lost, where the operation can
				// be applied twice without harm.
				if (op.SafeToRetry || retryableStatus(httpResp.StatusCode)) && retry.IsTransientNetworkError(ctx, err) {
					if ok, werr := again(attempt, true); werr != nil {
						return fail(attempt, resp, werr)
					} else if ok {
						continue
					}
				}
				return fail(attempt, resp, fmt.Errorf("reading the response body: %w", err))
			}
		}
		c.logAttempt(ctx, cfg, op, attempt, httpResp.StatusCode, RequestID(resp), attemptStart, nil)
		malformed := c.service.SmithyProtocol != "" && httpResp.Header.Get("Smithy-Protocol") != c.service.SmithyProtocol
		if ok2xx && malformed {
			// Decoding it would read another protocol's body as this
			// one's output, or take a proxy's page for an empty output.
			if op.StreamingOutput {
				httpResp.Body.Close()
			}
			resp.releaseBody()
			return fail(attempt, resp, notProtocolError(c.service.SmithyProtocol, httpResp.Header))
		}
		if ok2xx {
			c.quota.Succeeded(retryToken)
			err := decode(resp)
			resp.releaseBody()
			if err != nil {
				if op.StreamingOutput {
					httpResp.Body.Close()
				}
				return fail(attempt, resp, fmt.Errorf("decoding the response: %w", err))
			}
			c.logCall(ctx, cfg, op, attempt, start)
			return nil
		}
		var apiErr error
		if malformed {
			// By the status alone, which still decides whether to retry.
			apiErr = NewGenericAPIError(resp, "", "")
		} else {
			apiErr = c.service.DecodeError(resp)
		}
		resp.releaseBody()
		if c.isRetryable(resp, apiErr) {
			if ok, werr := again(attempt, false); werr != nil {
				return fail(attempt, resp, werr)
			} else if ok {
				continue
			}
		}
		return fail(attempt, resp, apiErr)
	}
}

// notProtocolError is the error of a 2xx response that is not of the
// service's Smithy RPC v2 protocol (want): it says what the response's
// Smithy-Protocol header was instead.
func notProtocolError(want string, h http.Header) error {
	if _, ok := h["Smithy-Protocol"]; ok {
		return fmt.Errorf("the response is not %s (its Smithy-Protocol header is %q), so its body was not read", want, h.Get("Smithy-Protocol"))
	}
	return fmt.Errorf("the response is not %s (it has no Smithy-Protocol header), so its body was not read", want)
}

// isRetryable classifies an error response: 5xx and 429 statuses, throttling
// and transient error codes, and error shapes marked @retryable.
func (c *Client) isRetryable(resp *Response, apiErr error) bool {
	code := ErrorCode(apiErr)
	if c.service.RetryableError != nil && c.service.RetryableError(code) {
		return true
	}
	return retryableStatus(resp.StatusCode) || retry.IsThrottleCode(code) || retry.IsTransientCode(code)
}

// retryableStatus reports whether a response's status alone makes it worth
// sending the request again: 5xx and 429.
func retryableStatus(status int) bool {
	return status == http.StatusTooManyRequests || retry.IsRetryableStatus(status)
}

// payloadHashOf returns the SHA-256 to sign the body with, and the
// streaming body's seeker and start when it can be rewound. A request that
// carries X-Amz-Content-Sha256 is signed with its value. A streaming
// body is hashed only when it can be rewound, from where the caller left it
// (start); otherwise it is sent as UNSIGNED-PAYLOAD and, since it cannot be
// replayed, never retried.
func payloadHashOf(r *Request, op *Operation, signed bool) (hash string, seeker io.Seeker, start int64, err error) {
	if r.Stream != nil {
		if sk, ok := r.Stream.(io.Seeker); ok {
			if start, err = sk.Seek(0, io.SeekCurrent); err != nil {
				return "", nil, 0, fmt.Errorf("finding the request body's position: %w", err)
			}
			seeker = sk
		}
	}
	switch {
	case !signed:
		return "", seeker, start, nil
	case r.Events != nil:
		return StreamingEventsPayload, nil, 0, nil
	case op.UnsignedPayload:
		return unsignedPayload, seeker, start, nil
	case len(r.Header["X-Amz-Content-Sha256"]) == 1:
		// The serializer has hashed the body already (Glacier's checksums),
		// and the service checks the signature against this header's value.
		return r.Header["X-Amz-Content-Sha256"][0], seeker, start, nil
	case r.Stream == nil && len(r.Body) == 0:
		return emptyPayloadHash, nil, 0, nil
	case r.Stream == nil:
		sum := sha256.Sum256(r.Body)
		return hex.EncodeToString(sum[:]), nil, 0, nil
	case seeker == nil:
		return unsignedPayload, nil, 0, nil
	}
	h := sha256.New()
	if _, err := io.Copy(h, r.Stream); err != nil {
		return "", nil, 0, fmt.Errorf("hashing the request body: %w", err)
	}
	if _, err := seeker.Seek(start, io.SeekStart); err != nil {
		return "", nil, 0, fmt.Errorf("rewinding the request body: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), seeker, start, nil
}

// sendEvents makes req's body the messages of r.Events, sealed by
// r.EventSeal for a signed call and sent as they are otherwise.
func sendEvents(req *http.Request, r *Request, signer RequestSigner) (*eventsBody, error) {
	seal := func(msg []byte) ([]byte, error) { return msg, nil }
	if r.EventSeal != nil && signer != nil {
		var err error
		if seal, err = r.EventSeal(signer, req); err != nil {
			return nil, err
		}
	}
	body := &eventsBody{ReadCloser: r.Events(seal)}
	req.Body, req.ContentLength, req.GetBody = body, -1, nil
	return body, nil
}

// eventsBody is the body of a request that sends an input event stream. It
// keeps the error that ended the writing of the events (the caller's
// sequence failed, an event did not frame): once the response has come,
// the transport answers that error by closing the connection, and the
// output's stream would otherwise report only the closed connection.
type eventsBody struct {
	io.ReadCloser
	mu  sync.Mutex
	err error
}

func (b *eventsBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		b.mu.Lock()
		b.err = err
		b.mu.Unlock()
	}
	return n, err
}

// failure returns the error that ended the events' writing, or nil.
func (b *eventsBody) failure() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// eventsReplyBody is the body of a response that streams the output of a
// call that sends an input event stream: a read that fails after the
// input's writing failed fails with the input's error, the cause.
type eventsReplyBody struct {
	io.ReadCloser
	sent *eventsBody
}

func (b *eventsReplyBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		if sent := b.sent.failure(); sent != nil {
			err = fmt.Errorf("sending the input's event stream: %w", sent)
		}
	}
	return n, err
}

// httpRequest builds one attempt's *http.Request.
func (c *Client) httpRequest(ctx context.Context, r *Request, target *url.URL, attempt, maxAttempts int, invocationID string) (*http.Request, error) {
	// The URL is set directly: formatting it only for NewRequest to parse
	// it again would cost two allocations a call.
	req, err := http.NewRequestWithContext(ctx, r.Method, "", nil)
	if err != nil {
		return nil, err
	}
	u := *target
	req.URL = &u
	req.Host = u.Host
	switch {
	case r.Stream != nil:
		req.Body, req.ContentLength = io.NopCloser(r.Stream), streamLength(r.Stream)
		if _, ok := r.Stream.(io.Seeker); ok {
			// Only a stream that can be rewound is sent again, and its
			// reads do not block on a producer, which detaching waits for.
			req.Body = &attemptBody{r: r.Stream}
		}
		if req.ContentLength == 0 {
			req.Body = http.NoBody
		}
	case len(r.Body) > 0:
		b := r.Body
		req.Body, req.ContentLength = &byteReader{b: b}, int64(len(b))
		req.GetBody = func() (io.ReadCloser, error) { return &byteReader{b: b}, nil }
	case r.Body != nil:
		req.Body = http.NoBody
	}
	h := make(http.Header, len(r.Header)+4)
	for k, v := range r.Header {
		h[k] = v
	}
	// One backing array for the values the client adds.
	vals := [...]string{c.service.UserAgent, invocationID, "attempt=" + strconv.Itoa(attempt) + "; max=" + strconv.Itoa(maxAttempts), "identity"}
	all := vals[:]
	h["User-Agent"] = all[0:1:1]
	h["Amz-Sdk-Invocation-Id"] = all[1:2:2]
	h["Amz-Sdk-Request"] = all[2:3:3]
	// The body as the service sent it: left without an Accept-Encoding,
	// net/http's transport asks for gzip itself, then unzips the body and
	// deletes Content-Encoding, so a member bound to that header (a blob
	// payload's encoding, as CodeGuru Profiler's GetProfile has) reads as
	// unset and the payload's bytes are not those the service described.
	// A value the request already has (a member bound to it) stays.
	if _, ok := h["Accept-Encoding"]; !ok {
		h["Accept-Encoding"] = all[3:4:4]
	}
	req.Header = h
	return req, nil
}

func (c *Client) logAttempt(ctx context.Context, cfg *Config, op *Operation, attempt, status int, reqID string, start time.Time, err error) {
	l := cfg.Logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("service", c.service.Name),
		slog.String("operation", op.Name),
		slog.Int("attempt", attempt),
		slog.Duration("duration", time.Since(start)),
	}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if reqID != "" {
		attrs = append(attrs, slog.String("request_id", reqID))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "attempt", attrs...)
}

func (c *Client) logCall(ctx context.Context, cfg *Config, op *Operation, attempts int, start time.Time) {
	l := cfg.Logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	l.LogAttrs(ctx, slog.LevelDebug, "call",
		slog.String("service", c.service.Name),
		slog.String("operation", op.Name),
		slog.Int("attempts", attempts),
		slog.Duration("duration", time.Since(start)))
}

// NewUUID returns a random (version 4) UUID.
func NewUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}
