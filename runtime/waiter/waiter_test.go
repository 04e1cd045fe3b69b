package waiter

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// Short delays keep the tests fast; the waits assert only lower bounds of
// time, which a loaded machine cannot break.
const (
	minDelay = 2 * time.Millisecond
	maxDelay = 8 * time.Millisecond
)

var errNotFound = errors.New("ResourceNotFoundException")

// script is an operation whose i-th call returns results[i] (the last one
// repeats), recording when each call started.
type script struct {
	results []result
	starts  []time.Time
	ctxs    []context.Context
}

type result struct {
	out string
	err error
}

func (s *script) call(ctx context.Context) (string, error) {
	s.starts = append(s.starts, time.Now())
	s.ctxs = append(s.ctxs, ctx)
	r := s.results[min(len(s.starts), len(s.results))-1]
	return r.out, r.err
}

// accept is a waiter's acceptors: "ready" succeeds, "failed" fails, the
// error errNotFound retries, anything else matches nothing.
func accept(out string, err error) (State, bool) {
	switch {
	case errors.Is(err, errNotFound):
		return Retry, true
	case err != nil:
		return 0, false
	case out == "ready":
		return Success, true
	case out == "failed":
		return Failure, true
	}
	return 0, false
}

func waitErr(t *testing.T, err error) *Error {
	t.Helper()
	var we *Error
	if !errors.As(err, &we) {
		t.Fatalf("error %v (%T) is not a *waiter.Error", err, err)
	}
	return we
}

func TestWaitSuccess(t *testing.T) {
	s := &script{results: []result{{out: "pending"}, {err: errNotFound}, {out: "pending"}, {out: "ready"}}}
	start := time.Now()
	out, err := Wait(t.Context(), "Ready", time.Minute, minDelay, maxDelay, s.call, accept)
	if err != nil || out != "ready" {
		t.Fatalf("Wait = %q, %v", out, err)
	}
	if len(s.starts) != 4 {
		t.Fatalf("%d calls, want 4", len(s.starts))
	}
	for i := 1; i < len(s.starts); i++ {
		if gap := s.starts[i].Sub(s.starts[i-1]); gap < minDelay {
			t.Errorf("call %d came %v after the previous one, below minDelay %v", i+1, gap, minDelay)
		}
	}
	// Every call runs under maxWait's deadline.
	for i, ctx := range s.ctxs {
		d, ok := ctx.Deadline()
		if !ok || d.Before(start.Add(time.Minute)) || d.After(time.Now().Add(time.Minute)) {
			t.Errorf("call %d: deadline %v (set %v), want maxWait from the start", i+1, d, ok)
		}
	}
}

func TestWaitFailureState(t *testing.T) {
	s := &script{results: []result{{out: "pending"}, {out: "failed"}}}
	out, err := Wait(t.Context(), "Ready", time.Minute, minDelay, maxDelay, s.call, accept)
	we := waitErr(t, err)
	if we.Reason != "failure state" || we.Attempts != 2 || we.Waiter != "Ready" || we.Err != nil {
		t.Errorf("got %+v", we)
	}
	if out != "failed" {
		t.Errorf("output %q, want the one that matched the failure acceptor", out)
	}
	if got, want := err.Error(), "waiter Ready: the resource reached a failure state after 2 attempts"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestWaitFailureStateOnError(t *testing.T) {
	gone := errors.New("gone")
	failOnGone := func(out string, err error) (State, bool) {
		if errors.Is(err, gone) {
			return Failure, true
		}
		return accept(out, err)
	}
	s := &script{results: []result{{err: gone}}}
	_, err := Wait(t.Context(), "Ready", time.Minute, minDelay, maxDelay, s.call, failOnGone)
	if we := waitErr(t, err); we.Reason != "failure state" || we.Attempts != 1 || !errors.Is(err, gone) {
		t.Errorf("got %+v", we)
	}
}

func TestWaitUnexpectedError(t *testing.T) {
	denied := errors.New("AccessDenied")
	s := &script{results: []result{{err: errNotFound}, {err: denied}}}
	out, err := Wait(t.Context(), "Ready", time.Minute, minDelay, maxDelay, s.call, accept)
	we := waitErr(t, err)
	if we.Reason != "unexpected error" || we.Attempts != 2 || !errors.Is(err, denied) || out != "" {
		t.Errorf("got %q, %+v", out, we)
	}
	if got, want := err.Error(), "waiter Ready: unexpected error after 2 attempts: AccessDenied"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestWaitTimeoutBetweenAttempts(t *testing.T) {
	const maxWait = 30 * time.Millisecond
	s := &script{results: []result{{out: "pending"}}}
	start := time.Now()
	_, err := Wait(t.Context(), "Ready", maxWait, minDelay, maxDelay, s.call, accept)
	elapsed := time.Since(start)
	we := waitErr(t, err)
	// Normally no attempt fits before the deadline any more; on a loaded
	// machine the last sleep can also overrun it, and then the deadline
	// itself is the error.
	if we.Reason != "timeout" || we.Attempts != len(s.starts) || we.Attempts < 1 ||
		we.Err != nil && !errors.Is(we.Err, context.DeadlineExceeded) {
		t.Errorf("got %+v after %d calls", we, len(s.starts))
	}
	// It stops only when less than minDelay is left.
	if elapsed < maxWait-minDelay {
		t.Errorf("gave up after %v, before maxWait %v less minDelay", elapsed, maxWait)
	}
	if got, want := err.Error(), "waiter Ready: exceeded the maximum wait time after "; !strings.HasPrefix(got, want) {
		t.Errorf("Error() = %q, want it to start %q", got, want)
	}
}

func TestWaitTimeoutDuringAttempt(t *testing.T) {
	// The operation is still running when maxWait runs out.
	call := func(ctx context.Context) (string, error) {
		<-ctx.Done()
		return "", ctx.Err()
	}
	start := time.Now()
	_, err := Wait(t.Context(), "Ready", 5*time.Millisecond, minDelay, maxDelay, call, accept)
	we := waitErr(t, err)
	if we.Reason != "timeout" || we.Attempts != 1 || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %+v", we)
	}
	if elapsed := time.Since(start); elapsed < 5*time.Millisecond {
		t.Errorf("timed out after %v", elapsed)
	}
}

func TestWaitCallerCancels(t *testing.T) {
	t.Run("during an attempt", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		call := func(ctx context.Context) (string, error) {
			cancel()
			return "", ctx.Err()
		}
		_, err := Wait(ctx, "Ready", time.Minute, minDelay, maxDelay, call, accept)
		if we := waitErr(t, err); we.Reason != "unexpected error" || !errors.Is(err, context.Canceled) {
			t.Errorf("got %+v", we)
		}
	})
	t.Run("between attempts", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		call := func(context.Context) (string, error) {
			cancel()
			return "pending", nil
		}
		_, err := Wait(ctx, "Ready", time.Minute, minDelay, maxDelay, call, accept)
		// The caller gave up: not a timeout, which would say maxWait ran out.
		if we := waitErr(t, err); we.Reason != "unexpected error" || we.Attempts != 1 || !errors.Is(err, context.Canceled) {
			t.Errorf("got %+v", we)
		}
	})
	t.Run("caller's deadline before maxWait", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 3*time.Millisecond)
		defer cancel()
		s := &script{results: []result{{out: "pending"}}}
		_, err := Wait(ctx, "Ready", time.Minute, minDelay, maxDelay, s.call, accept)
		if we := waitErr(t, err); we.Reason != "unexpected error" || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("got %+v: maxWait has not run out", we)
		}
	})
}

func TestWaitNonPositiveMaxWait(t *testing.T) {
	for _, maxWait := range []time.Duration{0, -time.Second} {
		s := &script{results: []result{{out: "ready"}}}
		_, err := Wait(t.Context(), "Ready", maxWait, minDelay, maxDelay, s.call, accept)
		we := waitErr(t, err)
		if we.Reason != "maxWait must be positive" || we.Attempts != 0 || len(s.starts) != 0 {
			t.Errorf("maxWait %v: got %+v after %d calls", maxWait, we, len(s.starts))
		}
		if got := err.Error(); got != "waiter Ready: maxWait must be positive" {
			t.Errorf("Error() = %q", got)
		}
	}
}

func TestErrorText(t *testing.T) {
	e := &Error{Waiter: "W", Reason: "timeout", Attempts: 1}
	if got := e.Error(); got != "waiter W: exceeded the maximum wait time after 1 attempt" {
		t.Errorf("Error() = %q", got)
	}
	if (&Error{}).Unwrap() != nil {
		t.Error("Unwrap of an Error without a cause is not nil")
	}
}

func TestNextDelay(t *testing.T) {
	const (
		lo = 2 * time.Second
		hi = 120 * time.Second
	)
	lowest := func(int64) int64 { return 0 }
	highest := func(n int64) int64 { return n - 1 }
	// The ceilings double from minDelay to maxDelay: 2, 4, ..., 64, then 120.
	wantCeiling := []time.Duration{2, 4, 8, 16, 32, 64, 120, 120, 120}
	for i, c := range wantCeiling {
		attempt := i + 1
		if got := nextDelay(attempt, lo, hi, time.Hour, highest); got != c*time.Second {
			t.Errorf("attempt %d: longest delay %v, want %v", attempt, got, c*time.Second)
		}
		if got := nextDelay(attempt, lo, hi, time.Hour, lowest); got != lo {
			t.Errorf("attempt %d: shortest delay %v, want minDelay", attempt, got)
		}
		var asked int64 = -1
		nextDelay(attempt, lo, hi, time.Hour, func(n int64) int64 { asked = n; return 0 })
		if want := int64(c*time.Second-lo) + 1; c*time.Second > lo && asked != want {
			t.Errorf("attempt %d: random range [0, %d), want [0, %d)", attempt, asked, want)
		}
	}
	// Large attempt numbers do not overflow the doubling.
	for _, attempt := range []int{63, 64, 100, 1 << 30} {
		if got := nextDelay(attempt, lo, hi, time.Hour, highest); got != hi {
			t.Errorf("attempt %d: longest delay %v, want maxDelay", attempt, got)
		}
	}
	// Near the deadline the delay leaves minDelay for the last attempt, and
	// none is left when less than minDelay remains.
	for _, tc := range []struct {
		remaining, want time.Duration
	}{
		{time.Hour, hi},
		{hi + lo + 1, hi},
		{hi + lo, hi},
		{hi + lo - 1, hi - 1},
		{10 * time.Second, 8 * time.Second},
		{lo + 1, 1},
		{lo, 0},
		{time.Second, -time.Second},
		{-time.Second, -3 * time.Second},
	} {
		got := nextDelay(20, lo, hi, tc.remaining, highest)
		if got != tc.want {
			t.Errorf("remaining %v: delay %v, want %v", tc.remaining, got, tc.want)
		}
		if got > 0 && got > tc.remaining-lo {
			t.Errorf("remaining %v: delay %v passes the deadline less minDelay", tc.remaining, got)
		}
	}
	// Random draws stay in [minDelay, maxDelay].
	for attempt := 1; attempt < 12; attempt++ {
		for range 50 {
			d := nextDelay(attempt, minDelay, maxDelay, time.Hour, rand.Int64N)
			if d < minDelay || d > maxDelay {
				t.Fatalf("attempt %d: delay %v outside [%v, %v]", attempt, d, minDelay, maxDelay)
			}
		}
	}
	// minDelay equal to maxDelay: always that.
	if got := nextDelay(5, lo, lo, time.Hour, highest); got != lo {
		t.Errorf("minDelay = maxDelay: delay %v", got)
	}
}

func TestMatchPath(t *testing.T) {
	for _, tc := range []struct {
		result               any
		comparator, expected string
		want                 bool
	}{
		{"ACTIVE", "stringEquals", "ACTIVE", true},
		{"active", "stringEquals", "ACTIVE", false},
		{nil, "stringEquals", "", false},
		{[]any{"ACTIVE"}, "stringEquals", "ACTIVE", false},
		{true, "booleanEquals", "true", true},
		{false, "booleanEquals", "false", true},
		{false, "booleanEquals", "true", false},
		{"true", "booleanEquals", "true", false},
		{nil, "booleanEquals", "false", false},
		{[]any{"A", "A"}, "allStringEquals", "A", true},
		{[]any{"A"}, "allStringEquals", "A", true},
		{[]any{"A", "B"}, "allStringEquals", "A", false},
		{[]any{"A", nil}, "allStringEquals", "A", false},
		{[]any{}, "allStringEquals", "A", false},
		{nil, "allStringEquals", "A", false},
		{"A", "allStringEquals", "A", false},
		{[]any{"B", "A"}, "anyStringEquals", "A", true},
		{[]any{1, "A"}, "anyStringEquals", "A", true},
		{[]any{"B", true}, "anyStringEquals", "A", false},
		{[]any{}, "anyStringEquals", "A", false},
		{"A", "anyStringEquals", "A", false},
		{"A", "noSuchComparator", "A", false},
	} {
		if got := MatchPath(tc.result, tc.comparator, tc.expected); got != tc.want {
			t.Errorf("MatchPath(%#v, %s, %q) = %v, want %v", tc.result, tc.comparator, tc.expected, got, tc.want)
		}
	}
}
