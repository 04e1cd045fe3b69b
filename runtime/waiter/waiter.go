// Package waiter runs the waiters of generated clients (WaitUntil...): an
// operation called until its acceptors match, with the delays the Smithy
// waiters specification gives.
package waiter

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/smithygo/smithygo/runtime/retry"
)

// Error is returned by a WaitUntil method that stops before its
// resource reaches the awaited state.
type Error struct {
	// Waiter names the waiter, such as "CapacityTaskCompleted".
	Waiter string
	// Reason says why it stopped: "failure state", "unexpected error" (an
	// error no acceptor expects, including the caller's cancellation, which
	// Err then wraps), "timeout" (maxWait ran out) or "maxWait must be
	// positive".
	Reason string
	// Attempts is how many times the operation was called.
	Attempts int
	// Err is the operation's error, when one ended the wait.
	Err error
}

// Error says which waiter stopped, and why.
func (e *Error) Error() string {
	msg := "waiter " + e.Waiter + ": "
	switch e.Reason {
	case "failure state":
		msg += "the resource reached a failure state"
	case "timeout":
		msg += "exceeded the maximum wait time"
	default:
		msg += e.Reason
	}
	switch {
	case e.Attempts == 1:
		msg += " after 1 attempt"
	case e.Attempts > 1:
		msg += " after " + strconv.Itoa(e.Attempts) + " attempts"
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the operation's error, if any.
func (e *Error) Unwrap() error { return e.Err }

// State is the state an acceptor moves a waiter to.
type State int

const (
	// Retry calls the operation again.
	Retry State = iota
	// Success ends the wait: the resource is in the awaited state.
	Success
	// Failure ends the wait: the resource will not reach it.
	Failure
)

// Wait calls an operation until an acceptor says the wait succeeded or
// failed, an error no acceptor expects comes back, or maxWait runs out,
// sleeping between attempts as the Smithy waiters specification says:
// exponential from minDelay to maxDelay, randomised, and never past maxWait.
func Wait[Out any](ctx context.Context, waiter string, maxWait, minDelay, maxDelay time.Duration,
	call func(context.Context) (Out, error), accept func(Out, error) (State, bool)) (Out, error) {
	var zero Out
	if maxWait <= 0 {
		return zero, &Error{Waiter: waiter, Reason: "maxWait must be positive"}
	}
	deadline := time.Now().Add(maxWait)
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	// stopped is the error of a wait that an error ended: a timeout if it is
	// maxWait's deadline, else the caller's cancellation or an error of the
	// operation that no acceptor expects.
	stopped := func(attempt int, err error) *Error {
		reason := "unexpected error"
		if errors.Is(err, context.DeadlineExceeded) && !time.Now().Before(deadline.Add(-time.Millisecond)) {
			reason = "timeout"
		}
		return &Error{Waiter: waiter, Reason: reason, Attempts: attempt, Err: err}
	}
	for attempt := 1; ; attempt++ {
		out, err := call(ctx)
		state, matched := accept(out, err)
		switch {
		case matched && state == Success:
			return out, nil
		case matched && state == Failure:
			return out, &Error{Waiter: waiter, Reason: "failure state", Attempts: attempt, Err: err}
		case !matched && err != nil:
			return zero, stopped(attempt, err)
		}
		delay := nextDelay(attempt, minDelay, maxDelay, time.Until(deadline), rand.Int64N)
		if delay <= 0 {
			return zero, &Error{Waiter: waiter, Reason: "timeout", Attempts: attempt}
		}
		if err := retry.Sleep(ctx, delay); err != nil {
			return zero, stopped(attempt, err)
		}
	}
}

// nextDelay returns how long to sleep after the attempt-th attempt, with
// remaining time left before maxWait runs out; zero or less means that no
// attempt fits in that time. randN(n) returns a random number in [0, n).
func nextDelay(attempt int, minDelay, maxDelay, remaining time.Duration, randN func(n int64) int64) time.Duration {
	// Past the ceiling, minDelay·2^(attempt-1) would exceed maxDelay (and
	// eventually overflow).
	ceiling := int(math.Log2(float64(maxDelay)/float64(minDelay))) + 1
	delay := maxDelay
	if attempt <= ceiling {
		delay = minDelay << (attempt - 1)
	}
	if delay > minDelay {
		delay = minDelay + time.Duration(randN(int64(delay-minDelay)+1))
	}
	if remaining-delay <= minDelay {
		delay = remaining - minDelay
	}
	return delay
}

// MatchPath applies a waiter comparator to the result of a JMESPath
// expression.
func MatchPath(result any, comparator, expected string) bool {
	switch comparator {
	case "stringEquals":
		s, ok := result.(string)
		return ok && s == expected
	case "booleanEquals":
		b, ok := result.(bool)
		return ok && strconv.FormatBool(b) == expected
	case "allStringEquals":
		list, ok := result.([]any)
		if !ok || len(list) == 0 {
			return false
		}
		for _, v := range list {
			if s, ok := v.(string); !ok || s != expected {
				return false
			}
		}
		return true
	case "anyStringEquals":
		list, ok := result.([]any)
		if !ok {
			return false
		}
		for _, v := range list {
			if s, ok := v.(string); ok && s == expected {
				return true
			}
		}
	}
	return false
}
