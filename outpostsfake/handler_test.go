package outpostsfake

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/server"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// The tests here aim hostile or unusual requests at the generated handler
// serving a Fake, and check what comes back on the wire: no panic, no 500
// for a client's mistake, and nothing of the service's internals in a body.

// call sends one request to h and returns the response and its body.
func call(t *testing.T, h http.Handler, method, target, body string, header ...string) (*http.Response, string) {
	t.Helper()
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	resp := w.Result()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// wantReply checks a response's status and X-Amzn-Errortype ("" for a
// success).
func wantReply(t *testing.T, what string, resp *http.Response, body string, status int, code string) {
	t.Helper()
	if resp.StatusCode != status || resp.Header.Get("X-Amzn-Errortype") != code {
		t.Errorf("%s: %d %q %s; want %d %q", what, resp.StatusCode, resp.Header.Get("X-Amzn-Errortype"), body, status, code)
	}
}

func TestHandlerErrorKinds(t *testing.T) {
	f := New(WithQuotas(Quotas{Sites: 1}))
	h := server.NewHandler(f, server.HandlerOptions{})
	resp, body := call(t, h, "POST", "/sites", `{"Name":"lab"}`)
	wantReply(t, "CreateSite", resp, body, 200, "")
	if resp.Header.Get("Content-Type") != "application/json" || !strings.Contains(body, `"SiteId":"os-`) {
		t.Errorf("CreateSite: %v %s", resp.Header, body)
	}
	resp, body = call(t, h, "POST", "/sites", `{"Name":"second"}`)
	wantReply(t, "a site over the quota", resp, body, 402, "ServiceQuotaExceededException")
	resp, body = call(t, h, "GET", "/outposts/op-0123456789abcdef0", "")
	wantReply(t, "an unknown Outpost", resp, body, 404, "NotFoundException")
	resp, body = call(t, h, "GET", "/outposts/not-an-id", "")
	wantReply(t, "a malformed Outpost ID", resp, body, 400, "ValidationException")
	if !strings.Contains(body, "/OutpostId") {
		t.Errorf("the validation message does not name the member: %s", body)
	}
	f.InjectError("ListSites", &types.AccessDeniedException{Message: ptr("no")})
	resp, body = call(t, h, "GET", "/sites", "")
	wantReply(t, "AccessDeniedException", resp, body, 403, "AccessDeniedException")
	f.InjectError("ListSites", &types.InternalServerException{Message: ptr("later")})
	resp, body = call(t, h, "GET", "/sites", "")
	wantReply(t, "InternalServerException", resp, body, 500, "InternalServerException")
	f.InjectError("ListSites", fmt.Errorf("wrapped: %w", &types.ConflictException{Message: ptr("busy")}))
	resp, body = call(t, h, "GET", "/sites", "")
	wantReply(t, "a wrapped ConflictException", resp, body, 409, "ConflictException")
	f.InjectError("ListSites", errors.New("database password is hunter2"))
	resp, body = call(t, h, "GET", "/sites", "")
	wantReply(t, "an error the model does not list", resp, body, 500, "InternalFailure")
	if strings.Contains(body, "hunter2") {
		t.Errorf("the 500 reveals the service's error: %s", body)
	}
}

// panicky panics in one operation and is unimplemented in the others.
type panicky struct{ server.Unimplemented }

func (panicky) ListSites(context.Context, *outposts.ListSitesInput) (*outposts.ListSitesOutput, error) {
	panic("secret state 42")
}

func TestHandlerPanicsAndUnimplemented(t *testing.T) {
	var logged strings.Builder
	h := server.NewHandler(panicky{}, server.HandlerOptions{Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	resp, body := call(t, h, "GET", "/sites", "")
	wantReply(t, "a panic", resp, body, 500, "InternalFailure")
	if strings.Contains(body, "secret") {
		t.Errorf("the 500 reveals the panic: %s", body)
	}
	// The operator sees it in the log, with the stack that says where.
	if !strings.Contains(logged.String(), "secret state 42") {
		t.Errorf("the panic is not logged: %q", logged.String())
	}
	if !strings.Contains(logged.String(), "panicky.ListSites") {
		t.Errorf("the panic's log has no stack naming the method that panicked: %q", logged.String())
	}
	resp, body = call(t, h, "GET", "/outposts", "")
	wantReply(t, "an unimplemented operation", resp, body, 501, "NotImplemented")
}

// ctxKey carries a value from a middleware to the service.
type ctxKey struct{}

// seesContext records the context value of its ListOutposts call.
type seesContext struct {
	server.Unimplemented
	got any
}

func (s *seesContext) ListOutposts(ctx context.Context, _ *outposts.ListOutpostsInput) (*outposts.ListOutpostsOutput, error) {
	s.got = ctx.Value(ctxKey{})
	return &outposts.ListOutpostsOutput{}, nil
}

func TestHandlerPassesTheContext(t *testing.T) {
	s := &seesContext{}
	h := server.NewHandler(s, server.HandlerOptions{})
	mw := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, "caller-7")))
	})
	resp, body := call(t, mw, "GET", "/outposts", "")
	wantReply(t, "ListOutposts", resp, body, 200, "")
	if s.got != "caller-7" {
		t.Errorf("the service saw context value %v", s.got)
	}
}

// authError is what an authenticator might return.
type authError struct {
	code   string
	status int
}

func (e *authError) Error() string   { return "signature mismatch for key AKID: expected abc123" }
func (e *authError) Code() string    { return e.code }
func (e *authError) StatusCode() int { return e.status }

func TestHandlerAuthenticate(t *testing.T) {
	f := New()
	var failWith error
	h := server.NewHandler(f, server.HandlerOptions{Authenticate: func(r *http.Request) error { return failWith }})
	resp, body := call(t, h, "GET", "/sites", "")
	wantReply(t, "an accepted request", resp, body, 200, "")
	for _, c := range []struct {
		err    error
		status int
		code   string
	}{
		{&authError{"InvalidSignatureException", 403}, 403, "InvalidSignatureException"},
		{&authError{"MissingAuthenticationTokenException", 401}, 401, "MissingAuthenticationTokenException"},
		{&authError{"XAmzContentSHA256Mismatch", 400}, 400, "XAmzContentSHA256Mismatch"},
		{&authError{"Bad\r\nHeader", 500}, 403, "AccessDeniedException"},
		{errors.New("no token"), 403, "AccessDeniedException"},
	} {
		failWith = c.err
		resp, body := call(t, h, "GET", "/sites", "")
		wantReply(t, c.err.Error(), resp, body, c.status, c.code)
		if strings.Contains(body, "abc123") {
			t.Errorf("the refusal reveals the authenticator's detail: %s", body)
		}
	}
	// Routing comes first: an unknown route is a 404 even unauthenticated.
	resp, body = call(t, h, "GET", "/nowhere", "")
	wantReply(t, "an unknown route", resp, body, 404, "UnknownOperationException")
}

func TestHandlerHostileRequests(t *testing.T) {
	f := New()
	h := server.NewHandler(f, server.HandlerOptions{})
	site := must(f.CreateSite(ctx, &outposts.CreateSiteInput{Name: ptr("lab")}))(t).Site
	op := must(f.CreateOutpost(ctx, &outposts.CreateOutpostInput{Name: ptr("rack"), SiteId: site.SiteId}))(t).Outpost

	for _, c := range []struct {
		what, method, target, body string
		status                     int
		code                       string
	}{
		{"truncated JSON", "POST", "/sites", `{"Name":`, 400, "SerializationException"},
		{"not an object", "POST", "/sites", `["Name"]`, 400, "SerializationException"},
		{"a number for a string", "POST", "/sites", `{"Name":5}`, 400, "SerializationException"},
		{"an object for a map of strings", "POST", "/sites", `{"Name":"x","Tags":{"a":{}}}`, 400, "SerializationException"},
		{"a string for a list", "POST", "/outposts/" + *op.OutpostId + "/capacity", `{"InstancePools":"m5"}`, 400, "SerializationException"},
		{"an integer out of range", "POST", "/outposts/" + *op.OutpostId + "/capacity", `{"InstancePools":[{"InstanceType":"m5.large","Count":4294967296}]}`, 400, "SerializationException"},
		{"trailing garbage", "POST", "/sites", `{"Name":"x"} {}`, 400, "SerializationException"},
		{"deep nesting", "POST", "/sites", `{"Name":"x","Other":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`, 400, "SerializationException"},
		{"a query integer that is not one", "GET", "/outposts?MaxResults=ten", "", 400, "SerializationException"},
		{"a query integer too large", "GET", "/outposts?MaxResults=99999999999", "", 400, "SerializationException"},
		{"a query integer out of the model's range", "GET", "/outposts?MaxResults=0", "", 400, "ValidationException"},
		{"an unknown enum value", "GET", "/sites/" + *site.SiteId + "/address?AddressType=HOME", "", 400, "ValidationException"},
		{"a missing required member", "POST", "/sites", `{}`, 400, "ValidationException"},
		{"an empty body where a member is required", "POST", "/sites", ``, 400, "ValidationException"},
		{"escaped slashes in a label", "GET", "/outposts/%2F..%2Fsites", "", 400, "ValidationException"},
		{"escaped dot segments in a label", "GET", "/outposts/..%2F..%2Fsites%2F" + *site.SiteId, "", 400, "ValidationException"},
		{"a dot-dot label", "GET", "/outposts/..", "", 400, "ValidationException"},
		{"dot segments", "GET", "/outposts/../sites", "", 404, "UnknownOperationException"},
		{"an unknown route", "GET", "/admin", "", 404, "UnknownOperationException"},
		{"a longer path than any route", "GET", "/outposts/" + *op.OutpostId + "/capacity/cap-1/blockingInstances/x", "", 404, "UnknownOperationException"},
		{"a method no route has", "TRACE", "/sites", "", 405, "MethodNotAllowedException"},
		{"an Accept the response cannot meet", "GET", "/sites", "", 406, "NotAcceptableException"},
		{"a wrong method", "PUT", "/outposts/" + *op.OutpostId, "", 405, "MethodNotAllowedException"},
	} {
		header := []string{"Content-Type", "application/json"}
		if c.status == 406 {
			header = append(header, "Accept", "text/html")
		}
		resp, body := call(t, h, c.method, c.target, c.body, header...)
		wantReply(t, c.what, resp, body, c.status, c.code)
	}
	// A 405 lists the methods the path has.
	for target, want := range map[string]string{"/sites": "GET, POST", "/outposts/" + *op.OutpostId: "DELETE, GET, PATCH"} {
		resp, _ := call(t, h, "TRACE", target, "")
		if got := resp.Header.Get("Allow"); resp.StatusCode != 405 || got != want {
			t.Errorf("TRACE %s: %d, Allow %q; want 405, Allow %q", target, resp.StatusCode, got, want)
		}
	}
	// A body must say it is JSON.
	resp, body := call(t, h, "POST", "/sites", `{"Name":"x"}`, "Content-Type", "text/plain")
	wantReply(t, "a body of another media type", resp, body, 415, "UnsupportedMediaTypeException")
	// The label's decoded value went to the service, and matched nothing.
	resp, body = call(t, h, "GET", "/outposts/"+*op.OutpostId+"%2F..", "")
	wantReply(t, "a label with an escaped slash", resp, body, 400, "ValidationException")

	// Bodies over the limit, announced or not.
	big := strings.Repeat(" ", server.DefaultMaxBodyBytes) + `{"Name":"x"}`
	resp, body = call(t, h, "POST", "/sites", big)
	wantReply(t, "a body over 10 MiB", resp, body, 413, "RequestEntityTooLargeException")
	small := server.NewHandler(f, server.HandlerOptions{MaxBodyBytes: 64})
	r := httptest.NewRequest("POST", "/sites", io.MultiReader(strings.NewReader(`{"Name":"x",`), strings.NewReader(strings.Repeat(" ", 100)+`}`)))
	r.ContentLength = -1 // chunked: the size is found while reading
	w := httptest.NewRecorder()
	small.ServeHTTP(w, r)
	if w.Code != 413 {
		t.Errorf("a chunked body over the limit: %d %s", w.Code, w.Body)
	}
	resp, body = call(t, small, "POST", "/sites", `{"Name":"x"}`)
	wantReply(t, "a body under the limit", resp, body, 200, "")
}

// TestHandlerNeverFailsOnGarbage sends garbage bodies, headers and query
// strings to every route: each answer is a 2xx or a 4xx, never a 500.
func TestHandlerNeverFailsOnGarbage(t *testing.T) {
	f := New()
	h := server.NewHandler(f, server.HandlerOptions{})
	site := must(f.CreateSite(ctx, &outposts.CreateSiteInput{Name: ptr("lab")}))(t).Site
	op := must(f.CreateOutpost(ctx, &outposts.CreateOutpostInput{Name: ptr("rack"), SiteId: site.SiteId}))(t).Outpost
	paths := []struct{ method, path string }{
		{"POST", "/outposts/{o}/capacity/cap-0123456789abcdef0"}, {"POST", "/orders/oo-0123456789abcdef0/cancel"},
		{"POST", "/orders"}, {"POST", "/outposts"}, {"POST", "/sites"}, {"DELETE", "/outposts/{o}"}, {"DELETE", "/sites/{s}"},
		{"GET", "/outposts/{o}/capacity/cap-0123456789abcdef0"}, {"GET", "/catalog/item/OR-M5R2H01"}, {"GET", "/connections/abc"},
		{"GET", "/orders/oo-0123456789abcdef0"}, {"GET", "/outposts/{o}"}, {"GET", "/outposts/{o}/instanceTypes"},
		{"GET", "/outposts/{o}/supportedInstanceTypes"}, {"GET", "/sites/{s}"}, {"GET", "/sites/{s}/address"},
		{"GET", "/outposts/{o}/assetInstances"}, {"GET", "/outposts/{o}/assets"},
		{"GET", "/outposts/{o}/capacity/cap-0123456789abcdef0/blockingInstances"}, {"GET", "/capacity/tasks"},
		{"GET", "/catalog/items"}, {"GET", "/list-orders"}, {"GET", "/outposts"}, {"GET", "/sites"}, {"GET", "/tags/{arn}"},
		{"POST", "/outposts/{o}/capacity"}, {"POST", "/connections"}, {"POST", "/tags/{arn}"}, {"DELETE", "/tags/{arn}"},
		{"PATCH", "/outposts/{o}"}, {"PATCH", "/sites/{s}"}, {"PUT", "/sites/{s}/address"}, {"PATCH", "/sites/{s}/rackPhysicalProperties"},
	}
	bodies := []string{"", "null", "{\"Name\":\"\xff\xfe\"}", "{}", "[]", `"x"`, "1e999", "{\"a\":", `{"Name":null,"Tags":null}`, "\x00\xff",
		`{"InstancePools":[null,{}],"LineItems":[{"Quantity":-1}],"Tags":{"":""},"Address":{"City":[]}}`}
	queries := []string{"", "?MaxResults=-1", "?NextToken=%00", "?MaxResults=1&MaxResults=2", "?tagKeys=&AddressType=", "?%zz=1"}
	replacer := strings.NewReplacer("{o}", *op.OutpostId, "{s}", *site.SiteId, "{arn}", strings.ReplaceAll(*op.OutpostArn, "/", "%2F"))
	n := 0
	for _, p := range paths {
		for _, b := range bodies {
			for _, q := range queries {
				resp, body := call(t, h, p.method, replacer.Replace(p.path)+q, b, "Content-Type", "application/json", "X-Amz-Date", "\x7f")
				n++
				if resp.StatusCode >= 500 {
					t.Errorf("%s %s%s with %q: %d %s", p.method, p.path, q, b, resp.StatusCode, body)
				}
			}
		}
	}
	if n != 33*len(bodies)*len(queries) {
		t.Fatalf("sent %d requests", n)
	}
}

// TestHandlerConcurrentCalls makes calls from many goroutines through the
// client at once (run with -race).
func TestHandlerConcurrentCalls(t *testing.T) {
	f := New()
	api := viaHTTP(t, f)
	site := must(api.CreateSite(ctx, &outposts.CreateSiteInput{Name: ptr("lab")}))(t).Site
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 16 {
		wg.Go(func() {
			for j := range 4 {
				out, err := api.CreateOutpost(ctx, &outposts.CreateOutpostInput{Name: ptr(fmt.Sprintf("rack %d-%d", i, j)), SiteId: site.SiteId})
				if err != nil {
					errs <- err
					return
				}
				if _, err := api.GetOutpost(ctx, &outposts.GetOutpostInput{OutpostId: out.Outpost.OutpostId}); err != nil {
					errs <- err
					return
				}
				if _, err := api.ListOutposts(ctx, nil); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := len(must(f.ListOutposts(ctx, &outposts.ListOutpostsInput{MaxResults: ptr(int32(1000))}))(t).Outposts); n != 64 {
		t.Errorf("%d Outposts, want 64", n)
	}
}

// TestHandlerSigV4 serves the fake to clients that sign with one key or
// another, or not at all: only the known key gets through.
func TestHandlerSigV4(t *testing.T) {
	f := New()
	lookup := func(_ context.Context, id string) (string, string, error) {
		if id == "AKIDEXAMPLE" {
			return "the-secret", "", nil
		}
		return "", "", fmt.Errorf("key %s: %w", id, server.ErrUnknownKey)
	}
	srv := httptest.NewServer(server.NewHandler(f, server.HandlerOptions{SigV4: &server.SigV4{Lookup: lookup, Region: "us-west-2", Service: "outposts"}}))
	defer srv.Close()
	client := func(id, secret string) *outposts.Client {
		return outposts.New(outposts.Options{Region: "us-west-2", BaseEndpoint: srv.URL, RetryMaxAttempts: 1,
			Credentials: outposts.StaticCredentials(id, secret, "")})
	}
	if _, err := client("AKIDEXAMPLE", "the-secret").CreateSite(ctx, &outposts.CreateSiteInput{Name: ptr("lab")}); err != nil {
		t.Fatalf("a correctly signed request: %v", err)
	}
	for _, c := range []struct{ id, secret, code string }{
		{"AKIDEXAMPLE", "not-the-secret", "InvalidSignatureException"},
		{"AKIDOTHER", "the-secret", "UnrecognizedClientException"},
	} {
		_, err := client(c.id, c.secret).ListSites(ctx, nil)
		var coded interface{ ErrorCode() string }
		if !errors.As(err, &coded) || coded.ErrorCode() != c.code {
			t.Errorf("signed by %s with %s: %v, want %s", c.id, c.secret, err, c.code)
		}
	}
	resp, err := http.Get(srv.URL + "/sites")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 || resp.Header.Get("X-Amzn-Errortype") != "MissingAuthenticationTokenException" {
		t.Errorf("an unsigned request: %d %s", resp.StatusCode, resp.Header.Get("X-Amzn-Errortype"))
	}
	if n := len(must(f.ListSites(ctx, nil))(t).Sites); n != 1 {
		t.Errorf("%d sites, want the 1 the signed request made", n)
	}
}

// TestMalformedQueryIsRefused: a query string net/http cannot parse (a bad
// escape, a ';') is refused, not read with the bad pairs dropped, which
// would leave the member unset.
func TestMalformedQueryIsRefused(t *testing.T) {
	h := server.NewHandler(&seesContext{}, server.HandlerOptions{})
	for _, target := range []string{"/outposts?NextToken=%ZZ", "/outposts?NextToken=a;b"} {
		resp, body := call(t, h, "GET", target, "")
		wantReply(t, target, resp, body, 400, "SerializationException")
	}
	resp, body := call(t, h, "GET", "/outposts?NextToken=12%23%23ab&MaxResults=5", "")
	wantReply(t, "a well-formed query", resp, body, 200, "")
}

// TestStalledBodyTimesOut: a body that stops arriving until the
// http.Server's ReadTimeout cuts it off is answered 408, the client's
// slowness, where it was 400 as if the body were malformed.
func TestStalledBodyTimesOut(t *testing.T) {
	ts := httptest.NewUnstartedServer(server.NewHandler(New(), server.HandlerOptions{}))
	ts.Config.ReadTimeout = 300 * time.Millisecond
	ts.Start()
	defer ts.Close()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Ten bytes of a body said to be a hundred, and then nothing.
	fmt.Fprintf(conn, "POST /sites HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"Name\":\"x")
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 408 || resp.Header.Get("X-Amzn-Errortype") != "RequestTimeoutException" {
		t.Errorf("a stalled body: %d %s %s; want 408 RequestTimeoutException", resp.StatusCode, resp.Header.Get("X-Amzn-Errortype"), body)
	}
}
