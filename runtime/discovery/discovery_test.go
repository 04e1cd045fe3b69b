package discovery

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smithygo/smithygo/runtime/call"
)

func regular(t *testing.T) *call.Endpoint {
	t.Helper()
	ep, err := call.ParseEndpoint("https://svc.us-east-1.example.com")
	if err != nil {
		t.Fatal(err)
	}
	ep.SigV4 = &call.SigV4Scheme{SigningName: "svc", SigningRegion: "us-east-1"}
	return ep
}

// clock replaces the cache's clock for one test.
func clock(t *testing.T) *time.Time {
	t.Helper()
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	now = func() time.Time { return at }
	t.Cleanup(func() { now = time.Now })
	return &at
}

func TestEndpointIsCachedForItsPeriod(t *testing.T) {
	at := clock(t)
	var c DiscoveryCache
	reg := regular(t)
	calls := 0
	discover := func(context.Context) (string, int64, error) {
		calls++
		return fmt.Sprintf("cell%d.example.com", calls), 2, nil
	}
	ep, err := c.Endpoint(context.Background(), reg, "Write", nil, discover)
	if err != nil {
		t.Fatal(err)
	}
	if ep.URL.String() != "https://cell1.example.com" || ep.SigV4 != reg.SigV4 {
		t.Errorf("endpoint %s with signing %+v, want https://cell1.example.com signed as the regular one", ep.URL, ep.SigV4)
	}
	*at = at.Add(2*time.Minute - time.Second)
	if again, _ := c.Endpoint(context.Background(), reg, "Write", nil, discover); again != ep || calls != 1 {
		t.Errorf("within the period: %s after %d discoveries", again.URL, calls)
	}
	*at = at.Add(time.Second)
	if later, _ := c.Endpoint(context.Background(), reg, "Write", nil, discover); later.URL.Host != "cell2.example.com" || calls != 2 {
		t.Errorf("after the period: %s after %d discoveries", later.URL, calls)
	}
	// A period of 0 (or less) keeps nothing.
	zero := func(context.Context) (string, int64, error) { calls++; return "zero.example.com", -1, nil }
	for range 2 {
		if _, err := c.Endpoint(context.Background(), reg, "Other", nil, zero); err != nil {
			t.Fatal(err)
		}
	}
	if calls != 4 {
		t.Errorf("%d discoveries, want 4", calls)
	}
}

func TestKeys(t *testing.T) {
	clock(t)
	var c DiscoveryCache
	reg := regular(t)
	other, _ := call.ParseEndpoint("https://svc.eu-west-1.example.com")
	calls := 0
	discover := func(context.Context) (string, int64, error) {
		calls++
		return fmt.Sprintf("cell%d.example.com", calls), 10, nil
	}
	hosts := map[string]bool{}
	for _, k := range []struct {
		reg *call.Endpoint
		op  string
		ids map[string]string
	}{
		{reg, "Write", nil},
		{reg, "Write", map[string]string{"Table": "a"}},
		{reg, "Write", map[string]string{"Table": "b"}},
		{reg, "Write", map[string]string{"Table": "a", "Db": "x"}},
		{reg, "Read", nil},
		{other, "Write", nil},
	} {
		ep, err := c.Endpoint(context.Background(), k.reg, k.op, k.ids, discover)
		if err != nil {
			t.Fatal(err)
		}
		hosts[ep.URL.Host] = true
		again, _ := c.Endpoint(context.Background(), k.reg, k.op, k.ids, discover)
		if again != ep {
			t.Errorf("%s %v: not cached", k.op, k.ids)
		}
	}
	if len(hosts) != 6 || calls != 6 {
		t.Errorf("%d endpoints from %d discoveries for six keys", len(hosts), calls)
	}
}

func TestConcurrentCallersShareOneDiscovery(t *testing.T) {
	var c DiscoveryCache
	reg := regular(t)
	var calls atomic.Int32
	release := make(chan struct{})
	discover := func(context.Context) (string, int64, error) {
		calls.Add(1)
		<-release
		return "cell.example.com", 0, nil // kept for no one but those who waited
	}
	var wg sync.WaitGroup
	eps := make([]*call.Endpoint, 8)
	for i := range eps {
		wg.Go(func() {
			ep, err := c.Endpoint(context.Background(), reg, "Write", nil, discover)
			if err != nil {
				t.Error(err)
			}
			eps[i] = ep
		})
	}
	for calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // the others reach the wait
	close(release)
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("%d discoveries for eight concurrent calls", n)
	}
	for _, ep := range eps {
		if ep != eps[0] {
			t.Errorf("callers got different endpoints")
		}
	}
}

func TestFailureIsSharedButNotKept(t *testing.T) {
	var c DiscoveryCache
	reg := regular(t)
	boom := errors.New("boom")
	if _, err := c.Endpoint(context.Background(), reg, "", nil, func(context.Context) (string, int64, error) { return "", 0, boom }); err != boom {
		t.Errorf("err = %v", err)
	}
	for _, bad := range []string{"", "ftp://x", "a b/%zz"} {
		if _, err := c.Endpoint(context.Background(), reg, "", nil, func(context.Context) (string, int64, error) { return bad, 5, nil }); err == nil {
			t.Errorf("address %q accepted", bad)
		}
	}
	ep, err := c.Endpoint(context.Background(), reg, "", nil, func(context.Context) (string, int64, error) { return "http://local:8080", 5, nil })
	if err != nil || ep.URL.String() != "http://local:8080" {
		t.Errorf("an address with a scheme: %v, %v", ep, err)
	}
}

// A caller whose context ends its discovery does not fail the callers that
// waited for it: one of them discovers again.
func TestAbandonedDiscoveryIsRetriedByWaiters(t *testing.T) {
	var c DiscoveryCache
	reg := regular(t)
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	done := make(chan error)
	go func() {
		_, err := c.Endpoint(ctx, reg, "", nil, func(ctx context.Context) (string, int64, error) {
			close(started)
			<-ctx.Done()
			return "", 0, ctx.Err()
		})
		done <- err
	}()
	<-started
	var got *call.Endpoint
	var err error
	waited := make(chan struct{})
	go func() {
		got, err = c.Endpoint(context.Background(), reg, "", nil, func(context.Context) (string, int64, error) { return "cell.example.com", 1, nil })
		close(waited)
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("the cancelled caller: %v", err)
	}
	<-waited
	if err != nil || got.URL.Host != "cell.example.com" {
		t.Errorf("the waiting caller: %v, %v", got, err)
	}
}

func TestForget(t *testing.T) {
	var c DiscoveryCache
	reg := regular(t)
	n := 0
	discover := func(context.Context) (string, int64, error) {
		n++
		return fmt.Sprintf("cell%d.example.com", n), 10, nil
	}
	first, _ := c.Endpoint(context.Background(), reg, "", nil, discover)
	c.Forget(first)
	second, _ := c.Endpoint(context.Background(), reg, "", nil, discover)
	if second.URL.Host != "cell2.example.com" {
		t.Errorf("after Forget: %s", second.URL)
	}
	c.Forget(first) // already replaced: the new one stays
	if third, _ := c.Endpoint(context.Background(), reg, "", nil, discover); third != second {
		t.Errorf("Forget of a replaced endpoint dropped its successor")
	}
}

func TestBounded(t *testing.T) {
	var c DiscoveryCache
	reg := regular(t)
	for i := range 3 * maxDiscovered {
		if _, err := c.Endpoint(context.Background(), reg, "", map[string]string{"Id": fmt.Sprint(i)}, func(context.Context) (string, int64, error) {
			return "cell.example.com", 10, nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(c.entries); n > maxDiscovered {
		t.Errorf("%d entries kept", n)
	}
}

func TestStaleEndpoint(t *testing.T) {
	generic := &call.GenericAPIError{Code: "InvalidEndpointException"}
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&call.OperationError{StatusCode: 421, Err: errors.New("x")}, true},
		{&call.OperationError{StatusCode: 400, Err: generic}, true},
		{&call.OperationError{StatusCode: 400, Err: &call.GenericAPIError{Code: "Other"}}, false},
		{&call.OperationError{Err: &url.Error{Op: "Post", Err: errors.New("refused")}}, false},
	} {
		if got := StaleEndpoint(tc.err, "InvalidEndpointException"); got != tc.want {
			t.Errorf("StaleEndpoint(%v) = %v", tc.err, got)
		}
	}
	if StaleEndpoint(&call.OperationError{StatusCode: 400, Err: generic}, "") {
		t.Error("no code named, yet a code matched")
	}
}

func TestMode(t *testing.T) {
	for _, tc := range []struct {
		m                  DiscoveryMode
		required, optional bool
	}{
		{DiscoveryAuto, true, false},
		{DiscoveryEnabled, true, true},
		{DiscoveryDisabled, false, false},
	} {
		if tc.m.Use(true) != tc.required || tc.m.Use(false) != tc.optional {
			t.Errorf("mode %d: Use(true) = %v, Use(false) = %v", tc.m, tc.m.Use(true), tc.m.Use(false))
		}
	}
}
