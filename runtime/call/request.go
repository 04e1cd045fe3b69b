package call

import (
	"errors"
	"io"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/smithygo/smithygo/runtime/httpbind"
	"github.com/smithygo/smithygo/runtime/jsonwire"
)

// Operation is what the request path needs to know about an operation. A
// generated package has one per operation, for the life of the program.
type Operation struct {
	Name string
	// SafeToRetry: a retry cannot apply the operation twice (it is
	// readonly, idempotent, or carries an idempotency token).
	SafeToRetry bool
	// UnsignedPayload signs with UNSIGNED-PAYLOAD instead of the body's hash.
	UnsignedPayload bool
	// Anonymous operations are sent unsigned.
	Anonymous bool
	// AuthSchemes are the shape IDs of the operation's auth schemes, most
	// preferred first, where they differ from the service's; nil where they
	// do not. The generated client reads them to choose the call's Auth.
	AuthSchemes []string
	// StreamingOutput leaves the response body open for the output.
	StreamingOutput bool
	// Compress compresses bodies (@requestCompression); nil for other
	// operations, so that clients without such operations do not link a
	// compressor.
	Compress func(r *Request, minSize int) error
	// Checksum sets the checksum headers the operation requires
	// (@httpChecksumRequired: Content-MD5) from the body as it is sent:
	// Invoke calls it after Compress, since a checksum is of the bytes on
	// the wire. Nil for other operations.
	Checksum func(r *Request) error

	// bodyHint is the size of the operation's last body, so that the next
	// one is encoded into a buffer that need not grow.
	bodyHint atomic.Int32
}

// BodyBuffer returns an empty buffer for the operation's next body.
func (op *Operation) BodyBuffer() []byte {
	return make([]byte, 0, max(int(op.bodyHint.Load()), 256))
}

// NoteBody remembers the size of a body just encoded, with some room.
func (op *Operation) NoteBody(n int) {
	op.bodyHint.Store(int32(min(n+n/8, 1<<16)))
}

// Request is an operation's input as HTTP, before the endpoint is known.
type Request struct {
	Method string
	Path   string // escaped
	Query  httpbind.Query
	Header http.Header
	Body   []byte    // the whole body, or nil
	Stream io.Reader // a streaming body instead of Body, or nil
	// Events writes an input event stream as the body instead, or is nil:
	// see EventBody.
	Events EventBody
	// EventSeal, when not nil, returns the seal of Events' messages for
	// the attempt req that signer has just signed (SigV4's event signing:
	// see package sigv4auth). A client sets it only when its service signs
	// input event streams, so that others do not link the framing.
	EventSeal func(signer RequestSigner, req *http.Request) (func(msg []byte) ([]byte, error), error)
	// HostPrefix goes in front of the endpoint's host (@endpoint).
	HostPrefix string
}

// EventBody returns the body of a request that sends an input event
// stream: its messages, as they come, each framed message passed through
// seal before it is sent, and at the end what seal(nil) returns (when not
// empty). For a signed call, seal wraps each message in one that carries
// its signature, chained from the request's (Request.EventSeal), and
// seal(nil) is the signed empty message that ends the stream; for an
// unsigned call it returns its argument. A read error of the body fails
// the request, which the transport then cuts off. See the runtime's
// eventstream.RequestBody.
type EventBody func(seal func(msg []byte) ([]byte, error)) io.ReadCloser

// NewRequest returns a request with the method and an empty header.
func NewRequest(method string) *Request {
	return &Request{Method: method, Header: make(http.Header, 4)}
}

// SetContentType sets the Content-Type unless a member bound to the header
// already did.
func (r *Request) SetContentType(contentType string) {
	if _, ok := r.Header["Content-Type"]; !ok {
		r.Header["Content-Type"] = []string{contentType}
	}
}

// Response is a received response. Data is its whole body, read unless the
// output streams (then the embedded Body is left open for it). Data's memory
// is reused for later responses once it is decoded: decoders copy what they
// keep.
type Response struct {
	*http.Response
	Data []byte
}

// readBody reads a whole response body into memory reused from earlier
// responses, sized by Content-Length when it is known.
func readBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	body, err := jsonwire.ReadBody(resp.Body, resp.ContentLength)
	if err != nil {
		jsonwire.ReleaseBody(body)
		return nil, err
	}
	return body, nil
}

// releaseBody gives the body's memory back for the next response, once the
// body is decoded: nothing decoded from it refers to it.
func (r *Response) releaseBody() {
	jsonwire.ReleaseBody(r.Data)
	r.Data = nil
}

// byteReader is a minimal bytes.Reader for request bodies; it is its own
// io.ReadCloser.
type byteReader struct {
	b []byte
	i int
}

func (r *byteReader) Read(p []byte) (int, error) {
	if r.i >= len(r.b) {
		return 0, io.EOF
	}
	n := copy(p, r.b[r.i:])
	r.i += n
	return n, nil
}

func (r *byteReader) Close() error { return nil }

// attemptBody is one attempt's hold on a streaming request body. The HTTP
// transport may go on writing a request's body after Do returns (a server
// can answer before it has read the body, and a failed attempt's writer
// stops in its own time), so the next attempt cannot rewind the stream
// until the last one is detached from it: detach waits for a Read in
// progress, and every later Read fails.
type attemptBody struct {
	mu       sync.Mutex
	r        io.Reader
	detached bool
}

var errBodyDetached = errors.New("request body read after its attempt ended")

func (b *attemptBody) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.detached {
		return 0, errBodyDetached
	}
	return b.r.Read(p)
}

// Close does nothing: the stream is the caller's, and Invoke detaches it.
func (b *attemptBody) Close() error { return nil }

// detachBody ends the hold of req on its streaming body, if it has one.
func detachBody(req *http.Request) {
	if b, ok := req.Body.(*attemptBody); ok {
		b.mu.Lock()
		b.detached = true
		b.mu.Unlock()
	}
}

// streamLength returns the length of a streaming body when it can be known
// without reading it, else -1.
func streamLength(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case io.Seeker:
		cur, err := v.Seek(0, io.SeekCurrent)
		if err != nil {
			return -1
		}
		end, err := v.Seek(0, io.SeekEnd)
		if err != nil {
			return -1
		}
		if _, err := v.Seek(cur, io.SeekStart); err != nil {
			return -1
		}
		return end - cur
	}
	return -1
}
