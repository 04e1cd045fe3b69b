package outposts_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smithygo/smithygo/generated/outposts"
	"github.com/smithygo/smithygo/generated/outposts/types"
)

// seen is one request as the fake service received it.
type seen struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
}

// fakeOutposts imitates the Outposts service on a loopback httptest server:
// handle answers each request, and every request is recorded.
type fakeOutposts struct {
	*httptest.Server
	mu       sync.Mutex
	requests []seen
}

func newFake(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, n int)) *fakeOutposts {
	t.Helper()
	f := &fakeOutposts{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.requests = append(f.requests, seen{Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery, Header: r.Header.Clone(), Body: body})
		n := len(f.requests)
		f.mu.Unlock()
		handle(w, r, n)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeOutposts) seen() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.requests)
}

// client returns a client of the fake with fixed credentials and quick retries.
func (f *fakeOutposts) client(optFns ...func(*outposts.Options)) *outposts.Client {
	o := outposts.Options{
		Region:          "us-west-2",
		BaseEndpoint:    f.URL,
		Credentials:     outposts.StaticCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token"),
		RetryMaxBackoff: time.Millisecond,
	}
	for _, fn := range optFns {
		fn(&o)
	}
	return outposts.New(o)
}

func reply(w http.ResponseWriter, status int, body string, headers ...string) {
	for i := 0; i+1 < len(headers); i += 2 {
		w.Header().Set(headers[i], headers[i+1])
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// jsonEqual compares two JSON texts as values.
func jsonEqual(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("body %q is not JSON: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("body = %s\nwant   %s", got, want)
	}
}

const capacityTaskJSON = `{
	"CapacityTaskId": "cap-0123456789abcdef0",
	"OutpostId": "op-0abcdef1234567890",
	"OrderId": "oo-0123456789abcdef",
	"AssetId": "0123456789",
	"RequestedInstancePools": [{"InstanceType": "c5.large", "Count": 4}, {"InstanceType": "m5.xlarge", "Count": 2}],
	"InstancesToExclude": {"Instances": ["i-1"], "AccountIds": ["111122223333"], "Services": ["EC2", "RDS"]},
	"DryRun": true,
	"CapacityTaskStatus": "WAITING_FOR_EVACUATION",
	"Failed": {"Reason": "not enough capacity", "Type": "UNEXPECTED_ASSET_STATE"},
	"CreationDate": 1700000000,
	"CompletionDate": 1700003600.5,
	"LastModifiedDate": 1.700007200123E9,
	"TaskActionOnBlockingInstances": "FAIL_TASK"
}`

func TestGetCapacityTask(t *testing.T) {
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 200, capacityTaskJSON, "X-Amzn-Requestid", "req-1")
	})
	out, err := fake.client().GetCapacityTask(context.Background(), &outposts.GetCapacityTaskInput{
		OutpostIdentifier: ptr("op-0abcdef1234567890"),
		CapacityTaskId:    ptr("cap-0123456789abcdef0"),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := &outposts.GetCapacityTaskOutput{
		CapacityTaskId: ptr("cap-0123456789abcdef0"),
		OutpostId:      ptr("op-0abcdef1234567890"),
		OrderId:        ptr("oo-0123456789abcdef"),
		AssetId:        ptr("0123456789"),
		RequestedInstancePools: []types.InstanceTypeCapacity{
			{InstanceType: ptr("c5.large"), Count: 4},
			{InstanceType: ptr("m5.xlarge"), Count: 2},
		},
		InstancesToExclude: &types.InstancesToExclude{
			Instances:  []string{"i-1"},
			AccountIds: []string{"111122223333"},
			Services:   []types.AWSServiceName{types.AWSServiceNameEc2, types.AWSServiceNameRds},
		},
		DryRun:                        true,
		CapacityTaskStatus:            types.CapacityTaskStatusWaitingForEvacuation,
		Failed:                        &types.CapacityTaskFailure{Reason: ptr("not enough capacity"), Type: types.CapacityTaskFailureTypeUnexpectedAssetState},
		CreationDate:                  ptr(time.Unix(1700000000, 0).UTC()),
		CompletionDate:                ptr(time.Unix(1700003600, 500_000_000).UTC()),
		LastModifiedDate:              ptr(time.Unix(1700007200, 123_000_000).UTC()),
		TaskActionOnBlockingInstances: types.TaskActionOnBlockingInstancesFailTask,
	}
	if !reflect.DeepEqual(out, want) {
		t.Errorf("output:\n got %+v\nwant %+v", out, want)
	}
	for _, ts := range []struct {
		name      string
		got, want *time.Time
	}{{"CreationDate", out.CreationDate, want.CreationDate}, {"CompletionDate", out.CompletionDate, want.CompletionDate}, {"LastModifiedDate", out.LastModifiedDate, want.LastModifiedDate}} {
		if ts.got == nil || !ts.got.Equal(*ts.want) || ts.got.Location() != time.UTC {
			t.Errorf("%s = %v, want %v in UTC", ts.name, ts.got, ts.want)
		}
	}

	reqs := fake.seen()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Method != "GET" || r.Path != "/outposts/op-0abcdef1234567890/capacity/cap-0123456789abcdef0" || r.RawQuery != "" {
		t.Errorf("request = %s %s?%s", r.Method, r.Path, r.RawQuery)
	}
	if len(r.Body) != 0 || r.Header.Get("Content-Type") != "" {
		t.Errorf("a GET without body members sent body %q, Content-Type %q", r.Body, r.Header.Get("Content-Type"))
	}
	checkSigned(t, r, "us-west-2")
}

// checkSigned checks the SigV4 headers' form: the signature itself is
// checked against the SigV4 test suite in the signer's own tests.
func checkSigned(t *testing.T, r seen, region string) {
	t.Helper()
	auth := r.Header.Get("Authorization")
	date := r.Header.Get("X-Amz-Date")
	if len(date) != len("20060102T150405Z") {
		t.Fatalf("X-Amz-Date = %q", date)
	}
	prefix := "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + date[:8] + "/" + region + "/outposts/aws4_request, SignedHeaders="
	if !strings.HasPrefix(auth, prefix) {
		t.Fatalf("Authorization = %q\nwant prefix %q", auth, prefix)
	}
	signed := strings.Split(strings.TrimPrefix(auth, prefix)[:strings.Index(strings.TrimPrefix(auth, prefix), ",")], ";")
	for _, h := range []string{"host", "x-amz-date", "x-amz-security-token"} {
		if !slices.Contains(signed, h) {
			t.Errorf("SignedHeaders %v lack %s", signed, h)
		}
	}
	if r.Header.Get("X-Amz-Security-Token") != "session-token" {
		t.Errorf("X-Amz-Security-Token = %q", r.Header.Get("X-Amz-Security-Token"))
	}
	if strings.Contains(auth, "wJalrXUtnFEMI") {
		t.Error("the secret key is in the Authorization header")
	}
}

func TestStartCapacityTask(t *testing.T) {
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 200, `{"CapacityTaskId":"cap-1","CapacityTaskStatus":"REQUESTED","DryRun":false,"RequestedInstancePools":[]}`)
	})
	out, err := fake.client().StartCapacityTask(context.Background(), &outposts.StartCapacityTaskInput{
		OutpostIdentifier: ptr("op-0abcdef1234567890"),
		OrderId:           ptr("oo-0123456789abcdef"),
		InstancePools:     []types.InstanceTypeCapacity{{InstanceType: ptr("c5.large"), Count: 2}},
		InstancesToExclude: &types.InstancesToExclude{
			Services: []types.AWSServiceName{types.AWSServiceNameElb},
		},
		DryRun:                        true,
		TaskActionOnBlockingInstances: types.TaskActionOnBlockingInstancesWaitForEvacuation,
	})
	if err != nil {
		t.Fatal(err)
	}
	if *out.CapacityTaskId != "cap-1" || out.CapacityTaskStatus != types.CapacityTaskStatusRequested || out.RequestedInstancePools == nil || len(out.RequestedInstancePools) != 0 {
		t.Errorf("output = %+v (an empty JSON list must decode to an empty, non-nil slice)", out)
	}
	r := fake.seen()[0]
	if r.Method != "POST" || r.Path != "/outposts/op-0abcdef1234567890/capacity" {
		t.Errorf("request = %s %s", r.Method, r.Path)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	if cl := r.Header.Get("Content-Length"); cl == "" && len(r.Body) > 0 {
		t.Error("no Content-Length")
	}
	jsonEqual(t, r.Body, `{"OrderId":"oo-0123456789abcdef","InstancePools":[{"InstanceType":"c5.large","Count":2}],
		"InstancesToExclude":{"Services":["ELB"]},"DryRun":true,"TaskActionOnBlockingInstances":"WAIT_FOR_EVACUATION"}`)
	checkSigned(t, r, "us-west-2")
}

func TestListCapacityTasksPages(t *testing.T) {
	pages := map[string]string{
		"":   `{"CapacityTasks":[{"CapacityTaskId":"c1","CapacityTaskStatus":"COMPLETED"},{"CapacityTaskId":"c2"}],"NextToken":"t1"}`,
		"t1": `{"CapacityTasks":[{"CapacityTaskId":"c3","CapacityTaskStatus":"SOME_FUTURE_STATUS"}],"NextToken":"t2"}`,
		"t2": `{"CapacityTasks":[{"CapacityTaskId":"c4"}]}`,
	}
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 200, pages[r.URL.Query().Get("NextToken")])
	})
	c := fake.client()
	in := &outposts.ListCapacityTasksInput{
		MaxResults:               ptr(int32(2)),
		CapacityTaskStatusFilter: []types.CapacityTaskStatus{types.CapacityTaskStatusCompleted, types.CapacityTaskStatusFailed},
	}
	var ids []string
	var statuses []types.CapacityTaskStatus
	for item, err := range c.ListCapacityTasksItems(context.Background(), in) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, *item.CapacityTaskId)
		statuses = append(statuses, item.CapacityTaskStatus)
	}
	if !slices.Equal(ids, []string{"c1", "c2", "c3", "c4"}) {
		t.Errorf("items = %v", ids)
	}
	if statuses[2] != "SOME_FUTURE_STATUS" || statuses[2].IsKnown() {
		t.Errorf("an unknown enum value must be kept as it came: %q", statuses[2])
	}
	if in.NextToken != nil {
		t.Error("the paginator changed the caller's input")
	}
	reqs := fake.seen()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	if reqs[0].RawQuery != "MaxResults=2&CapacityTaskStatusFilter=COMPLETED&CapacityTaskStatusFilter=FAILED" {
		t.Errorf("first query = %q", reqs[0].RawQuery)
	}
	if !strings.Contains(reqs[2].RawQuery, "NextToken=t2") {
		t.Errorf("third query = %q", reqs[2].RawQuery)
	}

	// Breaking out of the loop stops requesting.
	before := len(fake.seen())
	for page, err := range c.ListCapacityTasksPages(context.Background(), in) {
		if err != nil || len(page.CapacityTasks) != 2 {
			t.Fatalf("page = %+v, %v", page, err)
		}
		break
	}
	if n := len(fake.seen()) - before; n != 1 {
		t.Errorf("break after the first page sent %d requests, want 1", n)
	}
}

func TestPaginationStopsOnRepeatedToken(t *testing.T) {
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 200, `{"Outposts":[{"OutpostId":"op-1"}],"NextToken":"same"}`)
	})
	n := 0
	for _, err := range fake.client().ListOutpostsItems(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 2 || len(fake.seen()) != 2 {
		t.Errorf("got %d items from %d requests; want 2 and 2 (stop when the token repeats)", n, len(fake.seen()))
	}
}

func TestErrorKinds(t *testing.T) {
	for _, tc := range []struct {
		name    string
		status  int
		headers []string
		body    string
		check   func(t *testing.T, err error)
	}{
		{"AccessDeniedException from X-Amzn-Errortype", 403, []string{"X-Amzn-Errortype", "AccessDeniedException:http://internal.amazon.com/coral/"},
			`{"message":"not allowed"}`, func(t *testing.T, err error) {
				var e *types.AccessDeniedException
				if !errors.As(err, &e) || e.ErrorMessage() != "not allowed" {
					t.Errorf("errors.As AccessDeniedException: %v", err)
				}
			}},
		{"NotFoundException from body code", 404, nil, `{"code":"NotFoundException","Message":"no such task"}`, func(t *testing.T, err error) {
			var e *types.NotFoundException
			if !errors.As(err, &e) || e.ErrorMessage() != "no such task" {
				t.Errorf("errors.As NotFoundException: %v", err)
			}
		}},
		{"ValidationException from __type", 400, nil, `{"__type":"com.amazonaws.outposts#ValidationException","message":"bad id"}`, func(t *testing.T, err error) {
			var e *types.ValidationException
			if !errors.As(err, &e) || e.ErrorMessage() != "bad id" || e.ErrorFault() != "client" {
				t.Errorf("errors.As ValidationException: %v", err)
			}
		}},
		{"InternalServerException", 500, []string{"X-Amzn-Errortype", "InternalServerException"}, `{"message":"oops"}`, func(t *testing.T, err error) {
			var e *types.InternalServerException
			if !errors.As(err, &e) || e.ErrorFault() != "server" {
				t.Errorf("errors.As InternalServerException: %v", err)
			}
		}},
		{"unknown code", 418, []string{"X-Amzn-Errortype", "TeapotException"}, `{"message":"short and stout"}`, func(t *testing.T, err error) {
			var e *outposts.GenericAPIError
			if !errors.As(err, &e) || e.Code != "TeapotException" || e.Message != "short and stout" || e.StatusCode != 418 || e.RequestID != "req-42" {
				t.Errorf("errors.As GenericAPIError: %#v", e)
			}
		}},
		{"no code, no body", 502, nil, ``, func(t *testing.T, err error) {
			var e *outposts.GenericAPIError
			if !errors.As(err, &e) || e.Code != "" || e.StatusCode != 502 {
				t.Errorf("errors.As GenericAPIError: %#v", e)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
				reply(w, tc.status, tc.body, append([]string{"X-Amzn-Requestid", "req-42"}, tc.headers...)...)
			})
			_, err := fake.client(func(o *outposts.Options) { o.RetryMaxAttempts = 1 }).GetCapacityTask(context.Background(),
				&outposts.GetCapacityTaskInput{OutpostIdentifier: ptr("op-1"), CapacityTaskId: ptr("cap-1")})
			if err == nil {
				t.Fatal("no error")
			}
			var oe *outposts.OperationError
			if !errors.As(err, &oe) || oe.Operation != "GetCapacityTask" || oe.StatusCode != tc.status || oe.RequestID != "req-42" {
				t.Errorf("OperationError = %#v", oe)
			}
			if !strings.Contains(err.Error(), "GetCapacityTask") || !strings.Contains(err.Error(), "req-42") {
				t.Errorf("error %q does not name the operation and request ID", err)
			}
			tc.check(t, err)
		})
	}
}

func TestRetries(t *testing.T) {
	for _, tc := range []struct {
		name     string
		failure  func(w http.ResponseWriter)
		attempts int // requests made, the last one succeeding unless wantErr
		wantErr  bool
	}{
		{"500 then success", func(w http.ResponseWriter) { reply(w, 500, `{}`) }, 2, false},
		{"503 then success", func(w http.ResponseWriter) { reply(w, 503, ``) }, 2, false},
		{"throttling then success", func(w http.ResponseWriter) {
			reply(w, 400, `{"message":"slow down"}`, "X-Amzn-Errortype", "ThrottlingException")
		}, 2, false},
		{"429 then success", func(w http.ResponseWriter) { reply(w, 429, `{}`) }, 2, false},
		{"500 every time", func(w http.ResponseWriter) { reply(w, 500, `{}`, "X-Amzn-Errortype", "InternalServerException") }, 3, true},
		{"400 is not retried", func(w http.ResponseWriter) {
			reply(w, 400, `{"message":"bad"}`, "X-Amzn-Errortype", "ValidationException")
		}, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 || strings.Contains(tc.name, "every") || strings.Contains(tc.name, "not retried") {
					tc.failure(w)
					return
				}
				reply(w, 200, `{"CapacityTaskId":"cap-1"}`)
			})
			out, err := fake.client().GetCapacityTask(context.Background(), &outposts.GetCapacityTaskInput{OutpostIdentifier: ptr("op-1"), CapacityTaskId: ptr("cap-1")})
			reqs := fake.seen()
			if len(reqs) != tc.attempts {
				t.Errorf("%d requests, want %d", len(reqs), tc.attempts)
			}
			if tc.wantErr != (err != nil) {
				t.Fatalf("err = %v", err)
			}
			if err == nil && *out.CapacityTaskId != "cap-1" {
				t.Errorf("output = %+v", out)
			}
			var oe *outposts.OperationError
			if err != nil && (!errors.As(err, &oe) || oe.Attempts != tc.attempts) {
				t.Errorf("OperationError.Attempts = %v, want %d", oe, tc.attempts)
			}
			for i, r := range reqs {
				want := "attempt=" + string(rune('1'+i)) + "; max=3"
				if got := r.Header.Get("Amz-Sdk-Request"); got != want {
					t.Errorf("request %d: amz-sdk-request = %q, want %q", i+1, got, want)
				}
				if i > 0 && r.Header.Get("Amz-Sdk-Invocation-Id") != reqs[0].Header.Get("Amz-Sdk-Invocation-Id") {
					t.Error("a retry changed the invocation ID")
				}
			}
		})
	}
}

func TestTransientNetworkErrorIsRetriedForReadonly(t *testing.T) {
	// The first connection is closed without a response.
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		reply(w, 200, `{"Outpost":{"OutpostId":"op-1"}}`)
	})
	out, err := fake.client().GetOutpost(context.Background(), &outposts.GetOutpostInput{OutpostId: ptr("op-1")})
	if err != nil {
		t.Fatal(err)
	}
	if *out.Outpost.OutpostId != "op-1" || len(fake.seen()) != 2 {
		t.Errorf("output %+v after %d requests", out.Outpost, len(fake.seen()))
	}
}

func TestContextCancellation(t *testing.T) {
	release := make(chan struct{})
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := fake.client().GetCapacityTask(ctx, &outposts.GetCapacityTaskInput{OutpostIdentifier: ptr("op-1"), CapacityTaskId: ptr("cap-1")})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the call took %v after its context ended", d)
	}
	if n := len(fake.seen()); n != 1 {
		t.Errorf("%d requests: a call must not retry once its context has ended", n)
	}
}

func TestRetryWaitStopsOnCancel(t *testing.T) {
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 503, ``) })
	ctx, cancel := context.WithCancel(context.Background())
	c := fake.client(func(o *outposts.Options) { o.RetryMaxBackoff = time.Hour; o.RetryMaxAttempts = 5 })
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err := c.GetCapacityTask(ctx, &outposts.GetCapacityTaskInput{OutpostIdentifier: ptr("op-1"), CapacityTaskId: ptr("cap-1")})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestLabelEscaping(t *testing.T) {
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{}`) })
	c := fake.client()
	for _, tc := range []struct{ id, path string }{
		{"a/b", "/outposts/a%2Fb/capacity/c"},
		{"with space", "/outposts/with%20space/capacity/c"},
		{"ünï✓", "/outposts/%C3%BCn%C3%AF%E2%9C%93/capacity/c"},
		{"a+b&c=d?e#f%g", "/outposts/a%2Bb%26c%3Dd%3Fe%23f%25g/capacity/c"},
		{"-._~", "/outposts/-._~/capacity/c"},
	} {
		if _, err := c.GetCapacityTask(context.Background(), &outposts.GetCapacityTaskInput{OutpostIdentifier: ptr(tc.id), CapacityTaskId: ptr("c")}); err != nil {
			t.Fatal(err)
		}
		reqs := fake.seen()
		if got := reqs[len(reqs)-1].Path; got != tc.path {
			t.Errorf("label %q: path %q, want %q", tc.id, got, tc.path)
		}
	}
}

func TestValidationModes(t *testing.T) {
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{}`) })
	ctx := context.Background()
	c := fake.client()

	// Default: required members and labels.
	_, err := c.StartCapacityTask(ctx, &outposts.StartCapacityTaskInput{OutpostIdentifier: ptr("")})
	var ip *outposts.InvalidParamsError
	if !errors.As(err, &ip) || len(ip.Violations) != 2 || ip.Violations[0].Path != "OutpostIdentifier" || ip.Violations[1].Path != "InstancePools" {
		t.Errorf("default validation: %v", err)
	}
	// Default does not check patterns; ValidateAll does.
	bad := &outposts.GetCapacityTaskInput{OutpostIdentifier: ptr("op-1"), CapacityTaskId: ptr("not a task id!")}
	if _, err := c.GetCapacityTask(ctx, bad); err != nil {
		t.Errorf("default validation checked more than required members: %v", err)
	}
	sent := len(fake.seen())
	_, err = c.GetCapacityTask(ctx, bad, func(o *outposts.Options) { o.Validation = outposts.ValidateAll })
	if !errors.As(err, &ip) || !slices.ContainsFunc(ip.Violations, func(v outposts.Violation) bool { return v.Constraint == "pattern" }) {
		t.Errorf("ValidateAll: %v", err)
	}
	if len(fake.seen()) != sent {
		t.Error("an invalid input was sent")
	}
	// ValidateNone sends what it is given, but never an empty label.
	none := func(o *outposts.Options) { o.Validation = outposts.ValidateNone }
	if _, err := c.StartCapacityTask(ctx, &outposts.StartCapacityTaskInput{OutpostIdentifier: ptr("op-1")}, none); err != nil {
		t.Errorf("ValidateNone: %v", err)
	}
	if _, err := c.GetCapacityTask(ctx, &outposts.GetCapacityTaskInput{OutpostIdentifier: ptr(""), CapacityTaskId: ptr("c")}, none); !errors.As(err, &ip) {
		t.Errorf("an empty label was sent: %v", err)
	}
	// A nil input is an empty one.
	if _, err := c.ListOutposts(ctx, nil); err != nil {
		t.Errorf("ListOutposts(nil): %v", err)
	}
	if _, err := c.GetOutpost(ctx, nil); !errors.As(err, &ip) {
		t.Errorf("GetOutpost(nil) = %v, want a required-member error", err)
	}
}

func TestTagBindings(t *testing.T) {
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method == "GET" {
			reply(w, 200, `{"Tags":{"env":"prod","team":"a b"}}`)
			return
		}
		reply(w, 200, `{}`)
	})
	c := fake.client()
	ctx := context.Background()
	arn := "arn:aws:outposts:us-west-2:111122223333:outpost/op-1"
	if _, err := c.TagResource(ctx, &outposts.TagResourceInput{ResourceArn: ptr(arn), Tags: map[string]string{"b": "2", "a": "1"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UntagResource(ctx, &outposts.UntagResourceInput{ResourceArn: ptr(arn), TagKeys: []string{"a", "b c"}}); err != nil {
		t.Fatal(err)
	}
	out, err := c.ListTagsForResource(ctx, &outposts.ListTagsForResourceInput{ResourceArn: ptr(arn)})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out.Tags, map[string]string{"env": "prod", "team": "a b"}) {
		t.Errorf("tags = %v", out.Tags)
	}
	reqs := fake.seen()
	escaped := "/tags/arn%3Aaws%3Aoutposts%3Aus-west-2%3A111122223333%3Aoutpost%2Fop-1"
	if reqs[0].Method != "POST" || reqs[0].Path != escaped {
		t.Errorf("TagResource: %s %s", reqs[0].Method, reqs[0].Path)
	}
	if string(reqs[0].Body) != `{"Tags":{"a":"1","b":"2"}}` {
		t.Errorf("TagResource body = %s (map keys go out sorted)", reqs[0].Body)
	}
	if reqs[1].Method != "DELETE" || reqs[1].RawQuery != "tagKeys=a&tagKeys=b%20c" || len(reqs[1].Body) != 0 {
		t.Errorf("UntagResource: %s ?%s body %q", reqs[1].Method, reqs[1].RawQuery, reqs[1].Body)
	}
}

func TestLoggingAtDebug(t *testing.T) {
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			reply(w, 503, ``)
			return
		}
		reply(w, 200, `{"CapacityTaskId":"cap-1"}`, "X-Amzn-Requestid", "req-7")
	})
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if _, err := fake.client(func(o *outposts.Options) { o.Logger = logger }).GetCapacityTask(context.Background(),
		&outposts.GetCapacityTaskInput{OutpostIdentifier: ptr("op-1"), CapacityTaskId: ptr("cap-1")}); err != nil {
		t.Fatal(err)
	}
	var records []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		records = append(records, rec)
	}
	if len(records) != 3 {
		t.Fatalf("%d records, want 2 attempts and 1 call:\n%s", len(records), buf.String())
	}
	if records[1]["request_id"] != "req-7" || records[1]["attempt"] != 2.0 || records[0]["status"] != 503.0 {
		t.Errorf("attempt records = %v", records[:2])
	}
	if records[2]["operation"] != "GetCapacityTask" || records[2]["attempts"] != 2.0 || records[2]["duration"] == nil {
		t.Errorf("call record = %v", records[2])
	}
	for _, secret := range []string{"wJalrXUtnFEMI", "session-token", "Signature=", "AKIDEXAMPLE"} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("the log contains %q", secret)
		}
	}
}

func TestEndpointFromRules(t *testing.T) {
	var got *http.Request
	transport := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = r
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{}`)), ContentLength: 2, Request: r}, nil
	})
	for _, tc := range []struct {
		opts outposts.Options
		host string
	}{
		{outposts.Options{Region: "us-west-2"}, "outposts.us-west-2.amazonaws.com"},
		{outposts.Options{Region: "us-east-1", UseFIPS: true}, "outposts-fips.us-east-1.amazonaws.com"},
		{outposts.Options{Region: "cn-north-1"}, "outposts.cn-north-1.amazonaws.com.cn"},
	} {
		tc.opts.HTTPClient = &http.Client{Transport: transport}
		tc.opts.Credentials = outposts.StaticCredentials("AKIDEXAMPLE", "secret", "")
		if _, err := outposts.New(tc.opts).ListOutposts(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if got.URL.Host != tc.host || got.URL.Scheme != "https" || got.URL.Path != "/outposts" {
			t.Errorf("%+v: sent to %s", tc.opts, got.URL)
		}
	}
	_, err := outposts.New(outposts.Options{HTTPClient: &http.Client{Transport: transport}}).ListOutposts(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "Region") {
		t.Errorf("no region: err = %v", err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestDefaultCredentials(t *testing.T) {
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{}`) })
	call := func() string {
		t.Helper()
		c := outposts.New(outposts.Options{Region: "us-west-2", BaseEndpoint: fake.URL})
		if _, err := c.ListOutposts(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		reqs := fake.seen()
		return reqs[len(reqs)-1].Header.Get("Authorization")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "credentials")
	if err := os.WriteFile(file, []byte("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n\n[work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = s2\naws_session_token = tok\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", file)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDENV")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	t.Setenv("AWS_SESSION_TOKEN", "")
	if auth := call(); !strings.Contains(auth, "Credential=AKIDENV/") {
		t.Errorf("environment credentials not used: %s", auth)
	}
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	t.Setenv("AWS_PROFILE", "work")
	if auth := call(); !strings.Contains(auth, "Credential=AKIDWORK/") {
		t.Errorf("shared file profile not used: %s", auth)
	}
	reqs := fake.seen()
	if reqs[len(reqs)-1].Header.Get("X-Amz-Security-Token") != "tok" {
		t.Error("the profile's session token was not sent")
	}
}

func TestAnonymousCredentialsSendUnsigned(t *testing.T) {
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{}`) })
	c := fake.client(func(o *outposts.Options) { o.Credentials = outposts.AnonymousCredentials() })
	if _, err := c.ListOutposts(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if h := fake.seen()[0].Header.Get("Authorization"); h != "" {
		t.Errorf("Authorization = %q", h)
	}
}

func TestCredentialsDoNotPrintSecrets(t *testing.T) {
	c := outposts.Credentials{AccessKeyID: "AKID", SecretAccessKey: "very-secret", SessionToken: "tok-secret"}
	for _, s := range []string{c.String(), c.GoString()} {
		if strings.Contains(s, "very-secret") || strings.Contains(s, "tok-secret") {
			t.Errorf("credentials print their secrets: %s", s)
		}
	}
}

func TestOptFnsApplyToOneCall(t *testing.T) {
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{}`) })
	c := fake.client()
	if _, err := c.ListOutposts(context.Background(), nil, func(o *outposts.Options) { o.Region = "eu-west-1" }); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListOutposts(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	reqs := fake.seen()
	if !strings.Contains(reqs[0].Header.Get("Authorization"), "/eu-west-1/") || !strings.Contains(reqs[1].Header.Get("Authorization"), "/us-west-2/") {
		t.Error("an option function changed more than its own call")
	}
	if c.Options().Region != "us-west-2" {
		t.Error("the client's options changed")
	}
}

func TestNetworkErrorIsNotRetriedForUnsafePost(t *testing.T) {
	// StartCapacityTask is a POST with no idempotency token: after a
	// connection dies mid-request the service may have acted on it, so the
	// client must not send it again.
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	})
	_, err := fake.client().StartCapacityTask(context.Background(), &outposts.StartCapacityTaskInput{
		OutpostIdentifier: ptr("op-1"), InstancePools: []types.InstanceTypeCapacity{{InstanceType: ptr("c5.large"), Count: 1}}})
	if err == nil {
		t.Fatal("no error")
	}
	if n := len(fake.seen()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}
