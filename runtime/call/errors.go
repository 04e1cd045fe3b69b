package call

import (
	"errors"
	"net"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/smithygo/smithygo/runtime/jsonwire"
	"github.com/smithygo/smithygo/runtime/retry"
)

// OperationError is what every operation returns on failure: it names the
// operation, and Unwrap gives the cause (a typed error of the service, a
// *GenericAPIError, an *InvalidParamsError, or a transport or context
// error).
type OperationError struct {
	// Service and Operation name the failed call.
	Service, Operation string
	// StatusCode is the HTTP status of the last response, 0 if none came.
	StatusCode int
	// RequestID is the service's ID for the last request, if it sent one.
	RequestID string
	// Attempts is how many requests were sent.
	Attempts int
	// Err is the cause.
	Err error
}

// Error says which operation failed, how, and the request ID.
func (e *OperationError) Error() string {
	var b strings.Builder
	b.WriteString(e.Service)
	b.WriteByte(' ')
	b.WriteString(e.Operation)
	// A cause without a code says the status itself (GenericAPIError).
	if g, ok := e.Err.(*GenericAPIError); e.StatusCode != 0 && (!ok || g.Code != "" || g.StatusCode != e.StatusCode) {
		b.WriteString(": HTTP ")
		b.WriteString(strconv.Itoa(e.StatusCode))
	}
	if e.RequestID != "" {
		b.WriteString(", request ID ")
		b.WriteString(e.RequestID)
	}
	if e.Attempts > 1 {
		b.WriteString(", after ")
		b.WriteString(strconv.Itoa(e.Attempts))
		b.WriteString(" attempts")
	}
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *OperationError) Unwrap() error { return e.Err }

// GenericAPIError is an error response whose code the service's package
// does not know.
type GenericAPIError struct {
	// Code is the error's name, such as "ThrottlingException"; empty when
	// the response did not give one.
	Code string
	// Message is the service's message.
	Message string
	// StatusCode is the HTTP status.
	StatusCode int
	// RequestID is the service's ID for the request.
	RequestID string
	// Body describes the response's body (its media type, length and
	// first bytes) when the response gave neither a code nor a message,
	// as a proxy's or a load balancer's error page does; otherwise "".
	Body string
}

// NewGenericAPIError returns the error of a response whose code is code
// (perhaps "") and whose message is message, which the service's package
// does not know.
func NewGenericAPIError(resp *Response, code, message string) *GenericAPIError {
	e := &GenericAPIError{Code: code, Message: message, StatusCode: resp.StatusCode, RequestID: RequestID(resp)}
	if code == "" && message == "" {
		e.Body = describeBody(resp)
	}
	return e
}

// maxBodyExcerpt is how much of a body describeBody quotes.
const maxBodyExcerpt = 160

// describeBody says what an error response's body is: its Content-Type,
// its length and its first bytes, with runs of space (an HTML page's line
// breaks and indents) made one space. It is "" for an empty body.
func describeBody(resp *Response) string {
	data := resp.Data
	b := make([]byte, 0, 48+maxBodyExcerpt)
	b = append(b, "body ("...)
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		b = append(b, ct...)
		b = append(b, ", "...)
	}
	b = strconv.AppendInt(b, int64(len(data)), 10)
	b = append(b, " bytes): "...)
	start, n, space := len(b), 0, false
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:]) // invalid UTF-8 reads as U+FFFD
		i += size
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			space = true
			continue
		case r < 0x20 || r == 0x7f:
			r = '?' // a control byte of a binary body: unreadable in a log
		}
		if n == maxBodyExcerpt {
			return string(append(b, "..."...))
		}
		if space && len(b) > start {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, r)
		n++
	}
	if len(b) == start {
		return ""
	}
	return string(b)
}

// Error gives the code and message; for an error without either, the
// status and what the body was.
func (e *GenericAPIError) Error() string {
	code := e.Code
	if code == "" {
		code = "HTTP " + strconv.Itoa(e.StatusCode)
	}
	switch {
	case e.Message != "":
		return code + ": " + e.Message
	case e.Body != "":
		return code + ": " + e.Body
	}
	return code
}

// ErrorCode returns the error's name.
func (e *GenericAPIError) ErrorCode() string { return e.Code }

// ErrorMessage returns the service's message.
func (e *GenericAPIError) ErrorMessage() string { return e.Message }

// ErrorFault says whose fault the error is: "server" for a 5xx status,
// otherwise "client".
func (e *GenericAPIError) ErrorFault() string {
	if e.StatusCode >= 500 {
		return "server"
	}
	return "client"
}

// RequestID returns the service's request ID from response headers.
func RequestID(resp *Response) string {
	if v := resp.Header.Get("X-Amzn-Requestid"); v != "" {
		return v
	}
	return resp.Header.Get("X-Amz-Request-Id")
}

// ErrorCode returns the code of an operation's error, found with
// errors.As: a typed error of the service or a *GenericAPIError. It is ""
// for errors that are not error responses.
func ErrorCode(err error) string {
	var coded interface{ ErrorCode() string }
	if errors.As(err, &coded) {
		return coded.ErrorCode()
	}
	return ""
}

func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// ErrorCodeAndMessage finds a JSON error response's code (X-Amzn-Errortype,
// else the body's "code", else its "__type", else its "Code", without a
// namespace or a ":..." suffix) and message, as restJson1 and awsJson
// services send them.
func ErrorCodeAndMessage(resp *Response) (code, message string) {
	code = resp.Header.Get("X-Amzn-Errortype")
	bodyCode, typeCode, message := JSONErrorFields(resp.Data)
	switch {
	case code != "":
	case bodyCode != "":
		code = bodyCode
	default:
		code = typeCode
	}
	return retry.BareCode(code), message
}

// JSONErrorFields reads the string members of a JSON error body that name
// the error and say what happened: "code", "__type", and the message
// ("message" in any case, or "errorMessage"). Each protocol picks from
// them by its own rules. "code" in another case ("Code", as some services
// write it next to "Message") is the code only when the body has neither
// "code" nor "__type": an error shape may have a member of that name that
// is not its type (Chime SDK Voice's errors have a Code that is an
// ErrorCode enum, such as "Forbidden" for a ForbiddenException), and
// clients that prefer "code" to "__type" would take it for the type.
func JSONErrorFields(body []byte) (code, typ, message string) {
	d := jsonwire.NewDecoder(body)
	if d.Kind() != jsonwire.Object || !d.BeginObject() {
		return "", "", ""
	}
	var otherCode string
	for {
		k, ok := d.NextKeyString()
		if !ok {
			if code == "" && typ == "" {
				code = otherCode
			}
			return code, typ, message
		}
		if d.Kind() != jsonwire.String {
			d.Skip()
			continue
		}
		switch {
		case k == "code":
			code = d.String()
		case k == "__type":
			typ = d.String()
		case strings.EqualFold(k, "code"):
			otherCode = d.String()
		case strings.EqualFold(k, "message") || k == "errorMessage":
			message = d.String()
		default:
			d.Skip()
		}
	}
}

// NoAuthError is the error of a call that none of its operation's auth
// schemes (shape IDs, most preferred first) can authenticate. option names
// the Options field that configures a scheme, or "" for a scheme the client
// does not support.
func NoAuthError(schemes []string, option func(id string) string) error {
	var unset, unsupported []string
	for _, id := range schemes {
		if o := option(id); o != "" {
			unset = append(unset, o)
		} else {
			unsupported = append(unsupported, id)
		}
	}
	if len(unset) > 0 {
		return errors.New("the operation needs authentication: set " + strings.Join(unset, " or "))
	}
	return errors.New("the operation's auth schemes are not supported by this client: " + strings.Join(unsupported, ", "))
}
