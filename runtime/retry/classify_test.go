package retry

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
)

func TestIsThrottleCode(t *testing.T) {
	for _, code := range []string{
		"Throttling", "ThrottlingException", "ThrottledException",
		"RequestThrottledException", "TooManyRequestsException",
		"ProvisionedThroughputExceededException", "TransactionInProgressException",
		"RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException",
		"RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
		// As services send them.
		"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
		"ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/",
		"aws.protocoltests#ThrottlingException:extra",
	} {
		if !IsThrottleCode(code) {
			t.Errorf("IsThrottleCode(%q) = false, want true", code)
		}
	}
	for _, code := range []string{
		"", "throttling", "THROTTLINGEXCEPTION", "ThrottlingExceptionX", "AccessDenied",
		"RequestTimeout", "InternalError", "ValidationException", "#", ":Throttling",
	} {
		if IsThrottleCode(code) {
			t.Errorf("IsThrottleCode(%q) = true, want false", code)
		}
	}
}

func TestIsTransientCode(t *testing.T) {
	for _, code := range []string{
		"RequestTimeout", "RequestTimeoutException", "InternalError",
		"com.amazonaws.s3#RequestTimeout", "RequestTimeoutException:http://x/",
	} {
		if !IsTransientCode(code) {
			t.Errorf("IsTransientCode(%q) = false, want true", code)
		}
	}
	for _, code := range []string{
		"", "requesttimeout", "Throttling", "InternalFailureX", "AccessDeniedException", "ResourceNotFoundException",
	} {
		if IsTransientCode(code) {
			t.Errorf("IsTransientCode(%q) = true, want false", code)
		}
	}
}

func TestIsRetryableStatus(t *testing.T) {
	want := map[int]bool{429: true, 500: true, 502: true, 503: true, 504: true}
	for status := 0; status < 700; status++ {
		if got := IsRetryableStatus(status); got != want[status] {
			t.Errorf("IsRetryableStatus(%d) = %v, want %v", status, got, want[status])
		}
	}
}

// listen starts a loopback listener whose connections are handed to handle,
// each on its own goroutine, until the test ends.
func listen(t *testing.T, handle func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go handle(c)
		}
	}()
	return ln.Addr().String()
}

// readRequest consumes one HTTP request from c, so the client has finished
// writing before the server misbehaves.
func readRequest(c net.Conn) {
	req, err := http.ReadRequest(bufio.NewReader(c))
	if err == nil {
		_, _ = io.Copy(io.Discard, req.Body)
	}
}

// hold keeps a connection open without answering until the test ends.
func hold(t *testing.T) func(net.Conn) {
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	return func(c net.Conn) {
		defer c.Close()
		<-done
	}
}

// post sends a POST, which net/http never retries by itself, so the test
// sees the error of the one attempt.
func post(ctx context.Context, client *http.Client, addr string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/", strings.NewReader("{}"))
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.ReadAll(resp.Body)
	return err
}

func newClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

// TestTransientNetworkErrorsFromLoopback provokes real failures on a local
// listener and checks that each is classified as transient.
func TestTransientNetworkErrorsFromLoopback(t *testing.T) {
	ctx := context.Background()

	t.Run("connection refused", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		_, dialErr := net.Dial("tcp", addr)
		httpErr := post(ctx, newClient(), addr)
		for _, err := range []error{dialErr, httpErr} {
			if err == nil {
				t.Fatal("connecting to a closed port succeeded")
			}
			if !IsTransientNetworkError(ctx, err) {
				t.Errorf("IsTransientNetworkError(%v) = false, want true", err)
			}
		}
	})

	t.Run("connection reset", func(t *testing.T) {
		addr := listen(t, func(c net.Conn) {
			readRequest(c)
			_ = c.(*net.TCPConn).SetLinger(0) // close with RST
			c.Close()
		})
		err := post(ctx, newClient(), addr)
		if err == nil {
			t.Fatal("request to a resetting server succeeded")
		}
		t.Logf("error: %v", err)
		if !IsTransientNetworkError(ctx, err) {
			t.Errorf("IsTransientNetworkError(%v) = false, want true", err)
		}
	})

	t.Run("raw read after reset", func(t *testing.T) {
		accepted := make(chan struct{})
		addr := listen(t, func(c net.Conn) {
			_ = c.(*net.TCPConn).SetLinger(0)
			c.Close()
			close(accepted)
		})
		c, err := net.Dial("tcp", addr)
		if err == nil {
			defer c.Close()
			<-accepted
			_, err = c.Read(make([]byte, 1))
		}
		// Under load the reset can even beat connect's return; that error
		// is just as transient.
		t.Logf("error: %v", err)
		if !IsTransientNetworkError(ctx, err) {
			t.Errorf("IsTransientNetworkError(%v) = false, want true", err)
		}
	})

	t.Run("closed before responding", func(t *testing.T) {
		addr := listen(t, func(c net.Conn) {
			readRequest(c)
			c.Close()
		})
		err := post(ctx, newClient(), addr)
		if err == nil {
			t.Fatal("request to a server that hangs up succeeded")
		}
		t.Logf("error: %v", err)
		if !IsTransientNetworkError(ctx, err) {
			t.Errorf("IsTransientNetworkError(%v) = false, want true", err)
		}
	})

	t.Run("unexpected EOF in body", func(t *testing.T) {
		addr := listen(t, func(c net.Conn) {
			readRequest(c)
			_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort")
			c.Close()
		})
		err := post(ctx, newClient(), addr)
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("error = %v, want io.ErrUnexpectedEOF", err)
		}
		if !IsTransientNetworkError(ctx, err) {
			t.Errorf("IsTransientNetworkError(%v) = false, want true", err)
		}
	})

	t.Run("client timeout", func(t *testing.T) {
		addr := listen(t, hold(t))
		client := newClient()
		client.Timeout = 50 * time.Millisecond
		err := post(ctx, client, addr)
		if err == nil {
			t.Fatal("request to a silent server succeeded")
		}
		t.Logf("error: %v", err)
		if !IsTransientNetworkError(ctx, err) {
			t.Errorf("IsTransientNetworkError(%v) = false, want true", err)
		}
	})

	t.Run("response header timeout", func(t *testing.T) {
		addr := listen(t, hold(t))
		client := &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: 50 * time.Millisecond}}
		err := post(ctx, client, addr)
		if err == nil {
			t.Fatal("request to a silent server succeeded")
		}
		// net/http reports its own timeout as matching
		// context.DeadlineExceeded; with the caller's context live it is
		// still transient.
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Logf("note: %v does not match context.DeadlineExceeded", err)
		}
		if !IsTransientNetworkError(ctx, err) {
			t.Errorf("IsTransientNetworkError(%v) = false, want true", err)
		}
	})

	t.Run("read deadline", func(t *testing.T) {
		addr := listen(t, hold(t))
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		_ = c.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
		_, err = c.Read(make([]byte, 1))
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("error = %v, want os.ErrDeadlineExceeded", err)
		}
		if !IsTransientNetworkError(ctx, err) {
			t.Errorf("IsTransientNetworkError(%v) = false, want true", err)
		}
	})

	t.Run("closed connection", func(t *testing.T) {
		addr := listen(t, hold(t))
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
		_, err = c.Write([]byte("x"))
		if !IsTransientNetworkError(ctx, err) {
			t.Errorf("IsTransientNetworkError(%v) = false, want true", err)
		}
	})
}

// TestCallerContextIsNotTransient checks that an attempt ended by the
// caller's own context is never retried, even though the same error with a
// live context (a transport timeout) would be.
func TestCallerContextIsNotTransient(t *testing.T) {
	addr := listen(t, hold(t))

	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(30*time.Millisecond, cancel)
		err := post(ctx, newClient(), addr)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v, want context.Canceled", err)
		}
		if IsTransientNetworkError(ctx, err) {
			t.Errorf("IsTransientNetworkError(cancelled ctx, %v) = true", err)
		}
		// Cancellation is not a network failure whoever caused it.
		if IsTransientNetworkError(context.Background(), err) {
			t.Errorf("IsTransientNetworkError(live ctx, %v) = true", err)
		}
	})

	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		defer cancel()
		err := post(ctx, newClient(), addr)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("error = %v, want context.DeadlineExceeded", err)
		}
		if IsTransientNetworkError(ctx, err) {
			t.Errorf("IsTransientNetworkError(expired ctx, %v) = true", err)
		}
	})

	t.Run("any error once the caller gave up", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if IsTransientNetworkError(ctx, io.ErrUnexpectedEOF) {
			t.Error("IsTransientNetworkError(cancelled ctx, io.ErrUnexpectedEOF) = true")
		}
	})
}

func TestTLSFailuresAreNotTransient(t *testing.T) {
	ctx := context.Background()

	t.Run("unknown authority", func(t *testing.T) {
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
		// The server logs the handshake the client aborts; keep test output clean.
		srv.Config.ErrorLog = log.New(io.Discard, "", 0)
		srv.StartTLS()
		defer srv.Close()
		// A client without the test server's certificate in its pool.
		client := &http.Client{Transport: &http.Transport{}}
		_, err := client.Get(srv.URL)
		if err == nil {
			t.Fatal("unverifiable certificate accepted")
		}
		t.Logf("error: %v", err)
		if IsTransientNetworkError(ctx, err) {
			t.Errorf("IsTransientNetworkError(%v) = true, want false", err)
		}
	})

	t.Run("plain HTTP server", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
		defer srv.Close()
		client := &http.Client{Transport: &http.Transport{}}
		_, err := client.Get(strings.Replace(srv.URL, "http://", "https://", 1))
		if err == nil {
			t.Fatal("TLS to a plain server succeeded")
		}
		t.Logf("error: %v", err)
		if IsTransientNetworkError(ctx, err) {
			t.Errorf("IsTransientNetworkError(%v) = true, want false", err)
		}
	})
}

// TestNetworkErrorTable covers errors that a loopback test cannot provoke
// (DNS, HTTP/2 connection shutdown), built as net/http would return them.
func TestNetworkErrorTable(t *testing.T) {
	wrap := func(err error) error {
		return &url.Error{Op: "Post", URL: "https://example.amazonaws.com/", Err: err}
	}
	dial := func(err error) error {
		return wrap(&net.OpError{Op: "dial", Net: "tcp", Err: err})
	}
	reset := dial(&os.SyscallError{Syscall: "read", Err: errors.New("connection reset by peer")})
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"plain error", errors.New("boom"), false},
		{"no such host", dial(&net.DNSError{Err: "no such host", Name: "x.invalid", IsNotFound: true}), false},
		{"DNS timeout", dial(&net.DNSError{Err: "i/o timeout", Name: "x", IsTimeout: true}), true},
		{"DNS temporary failure", dial(&net.DNSError{Err: "server misbehaving", Name: "x", IsTemporary: true}), true},
		{"DNS permanent failure", dial(&net.DNSError{Err: "bad name", Name: "x"}), false},
		{"GOAWAY", wrap(errors.New(`http2: server sent GOAWAY and closed the connection; LastStreamID=1, ErrCode=NO_ERROR, debug=""`)), true},
		{"graceful GOAWAY", wrap(errors.New("http2: Transport received Server's graceful shutdown GOAWAY")), true},
		{"connection lost", wrap(errors.New("http2: client connection lost")), true},
		{"refused stream", wrap(fmt.Errorf("stream error: stream ID 3; REFUSED_STREAM")), true},
		{"server closed idle", wrap(errors.New("http: server closed idle connection")), true},
		{"transport broken", wrap(fmt.Errorf("net/http: HTTP/1.x transport connection broken: %w", errors.New("x"))), true},
		{"EOF", wrap(io.EOF), true},
		{"socket error", dial(&os.SyscallError{Syscall: "connect", Err: errors.New("network is unreachable")}), true},
		{"permission", dial(&os.SyscallError{Syscall: "connect", Err: fs.ErrPermission}), false},
		{"bad URL", &url.Error{Op: "parse", URL: "http://[::1", Err: errors.New("missing ']' in host")}, false},
		{"unsupported scheme", wrap(errors.New(`unsupported protocol scheme "ftp"`)), false},
		{"missing port", dial(&net.AddrError{Err: "missing port in address", Addr: "x"}), false},
		// A TLS rejection wins over anything transient in the same chain,
		// wherever errors.As would find it: here behind errors.Join.
		{"reset alone", errors.Join(errors.New("handshake"), reset), true},
		{"unknown authority", errors.Join(reset, wrap(x509.UnknownAuthorityError{})), false},
		{"hostname mismatch", errors.Join(reset, wrap(x509.HostnameError{Host: "x"})), false},
		{"invalid certificate", errors.Join(reset, x509.CertificateInvalidError{Reason: x509.Expired}), false},
		{"no system roots", errors.Join(reset, x509.SystemRootsError{}), false},
		{"verification failed", errors.Join(reset, &tls.CertificateVerificationError{Err: errors.New("bad")}), false},
		{"not TLS", errors.Join(reset, tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}), false},
		{"pointer to a value-type rejection is not one", errors.Join(reset, &x509.SystemRootsError{}), true},
		{"wrapped with %v loses nothing that matters", fmt.Errorf("send: %v", dial(&os.SyscallError{Syscall: "read", Err: errors.New("connection reset by peer")})), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsTransientNetworkError(context.Background(), tc.err); got != tc.want {
				t.Errorf("IsTransientNetworkError(%v) = %v, want %v", tc.err, got, tc.want)
			}
		})
	}
}
