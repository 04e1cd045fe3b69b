package call

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// gatedStream is a seekable body whose reads stall once, after gateAt
// bytes, until the stream is rewound or a moment has passed: it holds the
// transport's writer inside Read while an early answer comes back.
type gatedStream struct {
	*bytes.Reader
	gateAt  int64
	read    int64
	stalled bool
	rewound chan struct{}
	once    sync.Once
}

func (g *gatedStream) Read(p []byte) (int, error) {
	if g.read >= g.gateAt && !g.stalled {
		g.stalled = true
		select {
		case <-g.rewound:
		case <-time.After(50 * time.Millisecond):
		}
	}
	n, err := g.Reader.Read(p)
	g.read += int64(n)
	return n, err
}

func (g *gatedStream) Seek(off int64, whence int) (int64, error) {
	if whence == io.SeekStart {
		g.once.Do(func() { close(g.rewound) })
	}
	return g.Reader.Seek(off, whence)
}

// A server may answer before it has read a streaming body, and the
// transport then goes on writing the body after Do returns. The previous
// attempt's writer, still inside Read when the retry rewinds the stream,
// must not read on: its read would take bytes from the retry (and race with
// it, which -race reports).
func TestInvokeRetryCutsOffPreviousWriter(t *testing.T) {
	content := make([]byte, 1<<20)
	for i := range content {
		content[i] = byte(i % 251)
	}
	var mu sync.Mutex
	var bodies []string
	var early []net.Conn
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		first := len(early) == 0
		mu.Unlock()
		if first {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				panic(err)
			}
			io.WriteString(conn, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
			mu.Lock()
			early = append(early, conn)
			mu.Unlock()
			return
		}
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
	}))
	defer srv.Close()
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range early {
			c.Close()
		}
	}()
	r := NewRequest("PUT")
	r.Stream = &gatedStream{Reader: bytes.NewReader(content), gateAt: 64 << 10, rewound: make(chan struct{})}
	cfg := &Config{Endpoint: mustEndpoint(t, srv.URL), HTTPClient: srv.Client(), RetryMaxBackoff: time.Millisecond}
	if err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op"}, r, noDecode); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(bodies) != 1 || bodies[0] != string(content) {
		n := -1
		if len(bodies) == 1 {
			n = len(bodies[0])
		}
		t.Errorf("the retry sent %d bytes other than the stream's %d", n, len(content))
	}
}

// An unseekable stream is sent once, and a call that fails returns without
// waiting for the stream's producer.
func TestInvokeUnseekableStreamDoesNotWaitForProducer(t *testing.T) {
	ts := newTestServer(t)
	ts.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Answer at once, without waiting for the end of the body.
		http.NewResponseController(w).EnableFullDuplex()
		w.WriteHeader(http.StatusServiceUnavailable)
		w.(http.Flusher).Flush()
	})
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() }) // before the server's Close, which waits for the body
	go pw.Write([]byte("first chunk; the rest never comes"))
	r := NewRequest("PUT")
	r.Stream = pr
	done := make(chan error, 1)
	go func() { done <- testClient().Invoke(t.Context(), ts.config(t), &Operation{Name: "Op"}, r, noDecode) }()
	select {
	case err := <-done:
		if oe := asOperationError(t, err); oe.StatusCode != 503 || oe.Attempts != 1 {
			t.Errorf("got %+v, want the 503 after one attempt", oe)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Invoke is still waiting for the stream's producer")
	}
}

func mustEndpoint(t *testing.T, rawURL string) *Endpoint {
	t.Helper()
	ep, err := ParseEndpoint(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	return ep
}

// When the input's events fail after the response has come, the transport
// closes the connection; the output's body then fails with the input's
// error, the cause, not with the closed connection. On HTTP/1.1; HTTP/2's
// transport gave the input's error already, and must go on doing so.
func TestInvokeOutputFailsWithTheInputsError(t *testing.T) {
	for _, h2 := range []bool{false, true} {
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.NewResponseController(w).EnableFullDuplex()
			w.WriteHeader(http.StatusOK)
			w.(http.Flusher).Flush()
			// Echo the input until it ends.
			buf := make([]byte, 64)
			for {
				n, err := r.Body.Read(buf)
				if n > 0 {
					w.Write(buf[:n])
					w.(http.Flusher).Flush()
				}
				if err != nil {
					return
				}
			}
		}))
		srv.EnableHTTP2 = h2
		if h2 {
			srv.StartTLS()
		} else {
			srv.Start()
		}
		unplugged := errors.New("microphone unplugged")
		sent := make(chan struct{})
		fail := make(chan struct{})
		r := NewRequest("POST")
		r.Events = func(func([]byte) ([]byte, error)) io.ReadCloser {
			pr, pw := io.Pipe()
			go func() {
				pw.Write([]byte("hello"))
				close(sent)
				<-fail
				pw.CloseWithError(unplugged)
			}()
			return pr
		}
		var body io.ReadCloser
		decode := func(resp *Response) error {
			body = resp.Body
			return nil
		}
		cfg := &Config{Endpoint: mustEndpoint(t, srv.URL), HTTPClient: srv.Client()}
		if err := testClient().Invoke(t.Context(), cfg, &Operation{Name: "Op", StreamingOutput: true}, r, decode); err != nil {
			t.Fatal(err)
		}
		<-sent
		got := make([]byte, 5)
		if _, err := io.ReadFull(body, got); err != nil || string(got) != "hello" {
			t.Fatalf("HTTP/2 %v: read %q, %v", h2, got, err)
		}
		close(fail)
		_, err := io.ReadAll(body)
		if !errors.Is(err, unplugged) {
			t.Errorf("HTTP/2 %v: the output's body ended with %v, want the input's error", h2, err)
		}
		body.Close()
		srv.Close()
	}
}
