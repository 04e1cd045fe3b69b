// Package lambdatrace passes a Lambda invocation's trace ID on to the
// requests a client sends from inside the function, as X-Amzn-Trace-Id. AWS
// Lambda counts, in that header's lineage, how many times an event has gone
// round through the function and the services it writes to (an SQS queue
// that invokes the function that writes to it), and stops a function caught
// in such a loop: its recursive loop detection, which needs the SDK the
// function writes with to send the header. Only the clients of the services
// that detection covers import it (see internal/gogen/customize.go).
package lambdatrace

import (
	"net/http"
	"os"
)

// The environment Lambda gives a function: its name (set in every Lambda
// function, and only there) and the current invocation's trace header.
const (
	lambdaFunctionNameEnv = "AWS_LAMBDA_FUNCTION_NAME"
	lambdaTraceIDEnv      = "_X_AMZN_TRACE_ID"
)

// lambdaTraceHeader is the header the trace ID is sent in, as net/http
// canonicalizes it.
const lambdaTraceHeader = "X-Amzn-Trace-Id"

// SetLambdaTraceHeader sets X-Amzn-Trace-Id in h to the Lambda invocation's
// trace ID when the program runs in a Lambda function that has one, unless
// h already has the header (an input member bound to it is kept, even
// empty). The environment is read on every
// request: Lambda sets the trace ID anew for each invocation of a process
// that lives on between them.
func SetLambdaTraceHeader(h http.Header) {
	if _, ok := h[lambdaTraceHeader]; ok || os.Getenv(lambdaFunctionNameEnv) == "" {
		return
	}
	if id := os.Getenv(lambdaTraceIDEnv); id != "" {
		h[lambdaTraceHeader] = []string{escapeTraceID(id)}
	}
}

// escapeTraceID percent-encodes the bytes of a trace ID that a header
// value cannot carry as they are, or that would not be ASCII: control
// characters, DEL and bytes from 0x80 on. Trace IDs Lambda makes
// (Root=1-…;Parent=…;Sampled=1;Lineage=…) have none and go as they are;
// net/http would refuse the request over a control character.
func escapeTraceID(id string) string {
	n := 0
	for i := 0; i < len(id); i++ {
		if traceByteEscaped(id[i]) {
			n++
		}
	}
	if n == 0 {
		return id
	}
	const hexDigits = "0123456789ABCDEF"
	b := make([]byte, 0, len(id)+2*n)
	for i := 0; i < len(id); i++ {
		c := id[i]
		if traceByteEscaped(c) {
			b = append(b, '%', hexDigits[c>>4], hexDigits[c&15])
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// traceByteEscaped reports whether escapeTraceID encodes c.
func traceByteEscaped(c byte) bool { return c < 0x20 || c >= 0x7f }
