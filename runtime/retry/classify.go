package retry

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"strings"
)

// IsThrottleCode reports whether an AWS error code means the service is
// throttling the caller, which standard mode retries with backoff.
//
// code may be given as the service sent it: a Smithy shape ID
// ("com.amazonaws.dynamodb#ThrottlingException") or an X-Amzn-ErrorType
// value with a ":"-separated suffix is reduced to the bare name first.
// The comparison is case-sensitive, as AWS error codes are.
func IsThrottleCode(code string) bool {
	switch BareCode(code) {
	case "Throttling",
		"ThrottlingException",
		"ThrottledException",
		"RequestThrottledException",
		"TooManyRequestsException",
		"ProvisionedThroughputExceededException",
		"TransactionInProgressException",
		"RequestLimitExceeded",
		"BandwidthLimitExceeded",
		"LimitExceededException",
		"RequestThrottled",
		"SlowDown",
		"PriorRequestNotComplete",
		"EC2ThrottledException":
		return true
	}
	return false
}

// IsTransientCode reports whether an AWS error code names a failure that is
// not the request's fault and may not recur, so standard mode retries it.
// Codes are normalised as for IsThrottleCode.
//
// The list is deliberately short: most server-side failures are already
// caught by their status code (see IsRetryableStatus), and these are the
// codes that arrive with a status, such as 400, that would otherwise look
// like the caller's mistake.
func IsTransientCode(code string) bool {
	switch BareCode(code) {
	case "RequestTimeout",
		"RequestTimeoutException",
		"InternalError":
		return true
	}
	return false
}

// BareCode reduces an error code as a service sends it to the bare name:
// what follows a ":" is dropped (X-Amzn-ErrorType appends a URL that way),
// then a Smithy namespace ("ns#Name"). The client decodes error codes with
// it, and the classifiers here apply it to whatever they are given.
func BareCode(code string) string {
	if i := strings.IndexByte(code, ':'); i >= 0 {
		code = code[:i]
	}
	if i := strings.IndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	return strings.TrimSpace(code)
}

// IsRetryableStatus reports whether an HTTP status code is worth retrying
// whatever error code came with it: 500, 502, 503 and 504 are server-side
// failures that usually pass, and 429 (Too Many Requests) is a throttle.
// Other statuses, including every other 4xx, describe the request itself and
// would fail again.
func IsRetryableStatus(status int) bool {
	switch status {
	case 429, 500, 502, 503, 504:
		return true
	}
	return false
}

// transientMessages are fragments of error text that mark transient
// connection failures whose types are unexported or lost to wrapping with
// %v: HTTP/2 connection shutdown (GOAWAY, lost connections, streams the
// server refused before processing them), HTTP/1 connections the server
// closed under us, and the portable spelling of socket errors.
var transientMessages = [...]string{
	"connection reset",
	"connection refused",
	"broken pipe",
	"GOAWAY",
	"http2: client connection lost",
	"REFUSED_STREAM",
	"server closed idle connection",
	"transport connection broken",
	"use of closed network connection",
}

// IsTransientNetworkError reports whether err, returned by sending a request
// and reading its response, is a network failure that another attempt may
// not meet: a connection refused, reset or closed early (including an
// unexpected EOF in the response), a timeout, a server's HTTP/2 GOAWAY, or a
// temporary DNS failure. Such a retry costs TimeoutRetryCost.
//
// ctx is the caller's context for the operation. When it is done, nothing is
// transient: the caller gave up, and the error (often wrapping
// context.Canceled or context.DeadlineExceeded) only reports that. The
// context is needed to tell that case apart, because the net and net/http
// packages also report their own timeouts (Dialer.Timeout,
// ResponseHeaderTimeout, Client.Timeout) as errors that match
// context.DeadlineExceeded; those, with ctx still live, are transient.
//
// Errors that another attempt would meet again are not transient: a
// certificate that does not verify or any other TLS handshake rejection, a
// host name that does not resolve ("no such host"), a malformed URL, and
// permission errors from the operating system. A bare io.EOF counts as a
// connection closed before the response, which is what net/http means by it;
// do not pass errors from decoding a complete response body.
func IsTransientNetworkError(ctx context.Context, err error) bool {
	if err == nil {
		return false
	}
	if ctx != nil && ctx.Err() != nil {
		return false
	}
	if errors.Is(err, context.Canceled) {
		// With ctx live, a cancellation came from code that chose to stop
		// this request (a closed client, a request-scoped context), not
		// from the network.
		return false
	}
	if isTLSRejection(err) {
		return false
	}
	var dnsErr *net.DNSError
	if inChain(err, func(e error) bool { dnsErr, _ = e.(*net.DNSError); return dnsErr != nil }) {
		// A name that does not exist will not exist on the next attempt;
		// a resolver that timed out or failed temporarily may recover.
		return !dnsErr.IsNotFound && (dnsErr.IsTimeout || dnsErr.IsTemporary)
	}
	if errors.Is(err, fs.ErrPermission) {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var netErr net.Error
	if inChain(err, func(e error) bool { netErr, _ = e.(net.Error); return netErr != nil }) && netErr.Timeout() {
		return true
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) {
		return true
	}
	// A failed socket system call (connect, read, write) under a net
	// operation: refused, reset, aborted, unreachable, out of ephemeral
	// ports. Matching the wrapper types rather than errno values keeps this
	// portable: Windows and Plan 9 spell those errno values differently or
	// not at all.
	if inChain(err, isType[*net.OpError]) && inChain(err, isType[*os.SyscallError]) {
		return true
	}
	msg := err.Error()
	for _, m := range transientMessages {
		if strings.Contains(msg, m) {
			return true
		}
	}
	return false
}

// isTLSRejection reports whether err comes from a TLS handshake that failed
// for a reason that will not change between attempts: certificate
// verification or a peer that does not speak TLS. (An alert from the peer,
// "remote error: tls: ...", has an unexported type and matches nothing else
// in IsTransientNetworkError, so it is not transient either.)
func isTLSRejection(err error) bool {
	return inChain(err, func(e error) bool {
		switch e.(type) {
		case *tls.CertificateVerificationError, x509.UnknownAuthorityError, x509.HostnameError,
			x509.CertificateInvalidError, x509.SystemRootsError, tls.RecordHeaderError:
			return true
		}
		return false
	})
}

// inChain reports whether match holds for err or any error it wraps, in the
// order errors.As searches (Unwrap() error and Unwrap() []error, depth
// first). The classifiers above use it instead of one errors.AsType per
// type: each instantiation of that generic function is code of its own in
// every client binary, where one walk and a type switch are not.
func inChain(err error, match func(error) bool) bool {
	for err != nil {
		if match(err) {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if inChain(e, match) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// isType reports whether err's dynamic type is T.
func isType[T error](err error) bool {
	_, ok := err.(T)
	return ok
}
