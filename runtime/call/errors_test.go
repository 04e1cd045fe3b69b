package call

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestOperationErrorError(t *testing.T) {
	cause := errors.New("boom")
	for _, tc := range []struct {
		err  OperationError
		want string
	}{
		{OperationError{Service: "S", Operation: "Op", Err: cause}, "S Op: boom"},
		{OperationError{Service: "S", Operation: "Op", Attempts: 1, Err: cause}, "S Op: boom"},
		{OperationError{Service: "S", Operation: "Op", StatusCode: 503, Err: cause}, "S Op: HTTP 503: boom"},
		{OperationError{Service: "S", Operation: "Op", StatusCode: 400, RequestID: "r-1", Attempts: 1, Err: cause}, "S Op: HTTP 400, request ID r-1: boom"},
		{OperationError{Service: "S", Operation: "Op", StatusCode: 500, RequestID: "r-1", Attempts: 3, Err: cause}, "S Op: HTTP 500, request ID r-1, after 3 attempts: boom"},
		{OperationError{Service: "S", Operation: "Op", Attempts: 2, Err: cause}, "S Op, after 2 attempts: boom"},
		{OperationError{Service: "S", Operation: "Op"}, "S Op: "},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%+v: Error() = %q, want %q", tc.err, got, tc.want)
		}
	}
	wrapped := fmt.Errorf("outer: %w", &OperationError{Err: cause})
	if !errors.Is(wrapped, cause) {
		t.Error("Unwrap does not give the cause")
	}
}

func TestGenericAPIError(t *testing.T) {
	for _, tc := range []struct {
		err          GenericAPIError
		text, fault  string
		code, messsg string
	}{
		{GenericAPIError{Code: "Throttling", Message: "slow down", StatusCode: 400}, "Throttling: slow down", "client", "Throttling", "slow down"},
		{GenericAPIError{Code: "Throttling", StatusCode: 429}, "Throttling", "client", "Throttling", ""},
		{GenericAPIError{Message: "oops", StatusCode: 500}, "HTTP 500: oops", "server", "", "oops"},
		{GenericAPIError{StatusCode: 503}, "HTTP 503", "server", "", ""},
		{GenericAPIError{StatusCode: 499}, "HTTP 499", "client", "", ""},
	} {
		e := tc.err
		if got := e.Error(); got != tc.text {
			t.Errorf("%+v: Error() = %q, want %q", e, got, tc.text)
		}
		if got := e.ErrorFault(); got != tc.fault {
			t.Errorf("%+v: ErrorFault() = %q, want %q", e, got, tc.fault)
		}
		if e.ErrorCode() != tc.code || e.ErrorMessage() != tc.messsg {
			t.Errorf("%+v: ErrorCode %q, ErrorMessage %q", e, e.ErrorCode(), e.ErrorMessage())
		}
		if got := ErrorCode(&OperationError{Err: &e}); got != tc.code {
			t.Errorf("ErrorCode through OperationError = %q, want %q", got, tc.code)
		}
	}
	if got := ErrorCode(errors.New("connection refused")); got != "" {
		t.Errorf("ErrorCode of a transport error = %q, want empty", got)
	}
	if got := ErrorCode(nil); got != "" {
		t.Errorf("ErrorCode(nil) = %q", got)
	}
}

func TestRequestID(t *testing.T) {
	for _, tc := range []struct {
		header http.Header
		want   string
	}{
		{http.Header{"X-Amzn-Requestid": {"a"}, "X-Amz-Request-Id": {"b"}}, "a"},
		{http.Header{"X-Amz-Request-Id": {"b"}}, "b"},
		{http.Header{}, ""},
	} {
		if got := RequestID(&Response{Response: &http.Response{Header: tc.header}}); got != tc.want {
			t.Errorf("RequestID(%v) = %q, want %q", tc.header, got, tc.want)
		}
	}
}

func TestErrorCodeAndMessage(t *testing.T) {
	for _, tc := range []struct {
		name, header, body, code, message string
	}{
		{"header wins", "HeaderCode", `{"code":"BodyCode","__type":"TypeCode","message":"m"}`, "HeaderCode", "m"},
		{"code over __type", "", `{"__type":"TypeCode","code":"BodyCode"}`, "BodyCode", ""},
		{"__type", "", `{"__type":"TypeCode","Message":"M"}`, "TypeCode", "M"},
		{"namespace stripped", "", `{"__type":"com.example#NotFound"}`, "NotFound", ""},
		{"header suffix stripped", "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/", `{}`, "ValidationException", ""},
		{"namespace and suffix", "aws.protocoltests#FooError:http://x", ``, "FooError", ""},
		{"errorMessage", "", `{"code":"C","errorMessage":"em"}`, "C", "em"},
		{"MESSAGE any case", "", `{"code":"C","MESSAGE":"upper"}`, "C", "upper"},
		{"Code and Message capitalised", "", `{"Code":"C","Message":"M"}`, "C", "M"},
		{"Code only without code and __type", "", `{"__type":"ns#ForbiddenException","Code":"Forbidden"}`, "ForbiddenException", ""},
		{"code over Code", "", `{"Code":"Other","code":"C"}`, "C", ""},
		{"non-string members skipped", "", `{"code":5,"message":{"nested":"x"},"__type":"T","extra":[1,2]}`, "T", ""},
		{"other members skipped", "", `{"details":{"code":"Inner"},"message":"outer"}`, "", "outer"},
		{"not an object", "", `["code"]`, "", ""},
		{"not JSON", "", `<html>Bad Gateway</html>`, "", ""},
		{"empty body", "", ``, "", ""},
	} {
		resp := &Response{Response: &http.Response{Header: http.Header{}}, Data: []byte(tc.body)}
		if tc.header != "" {
			resp.Header.Set("X-Amzn-Errortype", tc.header)
		}
		code, msg := ErrorCodeAndMessage(resp)
		if code != tc.code || msg != tc.message {
			t.Errorf("%s: got (%q, %q), want (%q, %q)", tc.name, code, msg, tc.code, tc.message)
		}
	}
}

func TestEndpointCache(t *testing.T) {
	type key struct {
		region string
		fips   bool
	}
	var c EndpointCache[key]
	if ep, ok := c.Get(key{"us-east-1", false}); ok || ep != nil {
		t.Fatalf("empty cache gave %v, %v", ep, ok)
	}
	east, _ := ParseEndpoint("https://east.example.com")
	west, _ := ParseEndpoint("https://west.example.com")
	c.Put(key{"us-east-1", false}, east)
	if ep, ok := c.Get(key{"us-east-1", false}); !ok || ep != east {
		t.Errorf("Get after Put = %v, %v", ep, ok)
	}
	if _, ok := c.Get(key{"us-east-1", true}); ok {
		t.Error("Get with another key hit")
	}
	c.Put(key{"us-west-2", false}, west)
	if ep, ok := c.Get(key{"us-west-2", false}); !ok || ep != west {
		t.Errorf("Get of the new key = %v, %v", ep, ok)
	}
	if _, ok := c.Get(key{"us-east-1", false}); ok {
		t.Error("the cache keeps only the last endpoint, but the older key still hit")
	}
}

func TestParseEndpoint(t *testing.T) {
	ep, err := ParseEndpoint("https://svc.us-east-1.example.com/base?x=1")
	if err != nil {
		t.Fatal(err)
	}
	if ep.URL.Scheme != "https" || ep.URL.Host != "svc.us-east-1.example.com" || ep.URL.Path != "/base" || ep.URL.RawQuery != "x=1" {
		t.Errorf("parsed %#v", ep.URL)
	}
	if ep.Headers != nil || ep.SigV4 != nil {
		t.Errorf("parsed endpoint has headers %v, SigV4 %v", ep.Headers, ep.SigV4)
	}
	for _, bad := range []string{"svc.example.com", "/path/only", "https://", "//host/path", "", "http://a b.com/%zz"} {
		if ep, err := ParseEndpoint(bad); err == nil {
			t.Errorf("ParseEndpoint(%q) = %v, want an error", bad, ep.URL)
		} else if !regexp.MustCompile(regexp.QuoteMeta(fmt.Sprintf("%q", bad))).MatchString(err.Error()) {
			t.Errorf("ParseEndpoint(%q): error %q does not name the URL", bad, err)
		}
	}
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func isUUIDv4(s string) bool { return uuidV4.MatchString(s) }

func TestNewUUID(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		id := NewUUID()
		if !isUUIDv4(id) {
			t.Fatalf("NewUUID() = %q, not a version 4 UUID", id)
		}
		if seen[id] {
			t.Fatalf("NewUUID() gave %q twice", id)
		}
		seen[id] = true
	}
}

func TestOperationBodyBuffer(t *testing.T) {
	var op Operation
	if b := op.BodyBuffer(); len(b) != 0 || cap(b) != 256 {
		t.Errorf("first BodyBuffer: len %d cap %d, want 0 and 256", len(b), cap(b))
	}
	for _, tc := range []struct{ noted, wantCap int }{
		{1000, 1125},       // an eighth more
		{100, 256},         // never below 256
		{0, 256},           //
		{4096, 4608},       //
		{1 << 20, 1 << 16}, // capped at 64 KiB
		{60000, 1 << 16},
	} {
		op.NoteBody(tc.noted)
		if b := op.BodyBuffer(); len(b) != 0 || cap(b) != tc.wantCap {
			t.Errorf("after NoteBody(%d): len %d cap %d, want 0 and %d", tc.noted, len(b), cap(b), tc.wantCap)
		}
	}
}

func TestNewRequestSetContentType(t *testing.T) {
	r := NewRequest("PUT")
	if r.Method != "PUT" || r.Header == nil {
		t.Fatalf("NewRequest gave %+v", r)
	}
	r.SetContentType("application/json")
	if got := r.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q", got)
	}
	r = NewRequest("PUT")
	r.Header.Set("Content-Type", "image/png") // bound to a member
	r.SetContentType("application/octet-stream")
	if got := r.Header.Values("Content-Type"); len(got) != 1 || got[0] != "image/png" {
		t.Errorf("Content-Type = %q, want the member's", got)
	}
}

func TestStreamLength(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    func() interface{ Read([]byte) (int, error) }
		want int64
	}{
		{"Len", func() interface{ Read([]byte) (int, error) } { return &lenOnly{n: 7} }, 7},
		{"seeker from its position", func() interface{ Read([]byte) (int, error) } {
			s := &seekOnly{size: 10}
			s.pos = 4
			return s
		}, 6},
		{"neither", func() interface{ Read([]byte) (int, error) } { return onlyReader{} }, -1},
	} {
		r := tc.r()
		if got := streamLength(r); got != tc.want {
			t.Errorf("%s: streamLength = %d, want %d", tc.name, got, tc.want)
		}
		if s, ok := r.(*seekOnly); ok && s.pos != 4 {
			t.Errorf("%s: position %d after streamLength, want it restored to 4", tc.name, s.pos)
		}
	}
}

type lenOnly struct{ n int }

func (l *lenOnly) Read([]byte) (int, error) { return 0, nil }
func (l *lenOnly) Len() int                 { return l.n }

// seekOnly is a seekable reader without Len.
type seekOnly struct{ pos, size int64 }

func (s *seekOnly) Read([]byte) (int, error) { return 0, nil }
func (s *seekOnly) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case 1:
		off += s.pos
	case 2:
		off += s.size
	}
	s.pos = off
	return off, nil
}

func TestNoAuthError(t *testing.T) {
	option := func(id string) string {
		return map[string]string{"smithy.api#httpBearerAuth": "Options.BearerToken", "smithy.api#httpBasicAuth": "Options.BasicAuth"}[id]
	}
	for _, tc := range []struct {
		schemes []string
		want    string
	}{
		{[]string{"smithy.api#httpBearerAuth"}, "the operation needs authentication: set Options.BearerToken"},
		{[]string{"smithy.api#httpDigestAuth", "smithy.api#httpBasicAuth", "smithy.api#httpBearerAuth"}, "the operation needs authentication: set Options.BasicAuth or Options.BearerToken"},
		{[]string{"smithy.api#httpDigestAuth", "aws.auth#sigv4a"}, "the operation's auth schemes are not supported by this client: smithy.api#httpDigestAuth, aws.auth#sigv4a"},
	} {
		if err := NoAuthError(tc.schemes, option); err == nil || err.Error() != tc.want {
			t.Errorf("NoAuthError(%q) = %v, want %q", tc.schemes, err, tc.want)
		}
	}
}

func TestNewGenericAPIErrorDescribesForeignBodies(t *testing.T) {
	page := "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
	long := strings.Repeat("é", 300)
	for _, tc := range []struct {
		what, contentType, body, code, message string
		want                                   string
	}{
		{"a proxy's page", "text/html", page, "", "",
			"S Op, request ID r-1: HTTP 502: body (text/html, 122 bytes): <html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> </body> </html>"},
		{"a JSON body without code or message", "application/json", `{"error":"invalid_grant"}`, "", "",
			`S Op, request ID r-1: HTTP 502: body (application/json, 25 bytes): {"error":"invalid_grant"}`},
		{"no Content-Type, binary", "", "\x00\x01ab\xff", "", "", "S Op, request ID r-1: HTTP 502: body (5 bytes): ??ab\uFFFD"},
		{"a long body", "text/plain", long, "", "", "S Op, request ID r-1: HTTP 502: body (text/plain, 600 bytes): " + strings.Repeat("é", 160) + "..."},
		{"an empty body", "text/html", "\r\n", "", "", "S Op, request ID r-1: HTTP 502"},
		{"a message", "text/html", page, "", "gateway", "S Op, request ID r-1: HTTP 502: gateway"},
		{"a code", "text/html", page, "Throttling", "", "S Op: HTTP 502, request ID r-1: Throttling"},
	} {
		resp := &Response{Response: &http.Response{StatusCode: 502, Header: http.Header{"X-Amzn-Requestid": {"r-1"}}}, Data: []byte(tc.body)}
		if tc.contentType != "" {
			resp.Header.Set("Content-Type", tc.contentType)
		}
		g := NewGenericAPIError(resp, tc.code, tc.message)
		if g.StatusCode != 502 || g.RequestID != "r-1" || g.Code != tc.code || g.Message != tc.message {
			t.Errorf("%s: %+v", tc.what, g)
		}
		err := &OperationError{Service: "S", Operation: "Op", StatusCode: 502, RequestID: "r-1", Err: g}
		if got := err.Error(); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.what, got, tc.want)
		}
	}
}
