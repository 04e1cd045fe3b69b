// Package retry implements the AWS "standard" retry mode: which failures are
// worth another attempt, how long to wait before it, and a client-wide quota
// that stops retries when most of them are failing anyway.
//
// A request's only retry state is a Token value, and nothing here allocates,
// so a client can use it on every operation at no cost. A retry loop puts the
// pieces together like this (send and classify stand for the client's own
// code; classify uses IsThrottleCode, IsTransientCode, IsRetryableStatus and
// IsTransientNetworkError, and noResponse means the attempt got no HTTP
// response):
//
//	var tok retry.Token
//	for attempt := 1; ; attempt++ {
//		resp, err := send(ctx)
//		if err == nil && resp.StatusCode < 300 {
//			quota.Succeeded(tok)
//			return resp, nil
//		}
//		retryable, noResponse := classify(ctx, resp, err)
//		if !retryable || attempt >= policy.Attempts() {
//			return resp, err
//		}
//		var ok bool
//		if tok, ok = quota.Acquire(noResponse); !ok {
//			return resp, err // quota exhausted: fail fast with the real error
//		}
//		// (drain and close resp.Body here, if there was a response)
//		if err := retry.Sleep(ctx, policy.Delay(attempt)); err != nil {
//			return nil, err
//		}
//	}
//
// The numbers (3 attempts, a 20 second backoff cap, a quota of 500 with
// retries costing 5 or 10) are those the AWS SDKs and Tools reference guide
// gives for standard mode, so a generated client behaves like the AWS SDKs
// under the same failures.
package retry

import (
	"context"
	"math/rand/v2"
	"time"
)

// Defaults used for the zero fields of a Policy.
const (
	// DefaultMaxAttempts is standard mode's attempt limit: the first attempt
	// and two retries.
	DefaultMaxAttempts = 3
	// DefaultMaxBackoff caps the delay before any one retry.
	DefaultMaxBackoff = 20 * time.Second
	// DefaultBaseDelay is the longest delay before the first retry.
	DefaultBaseDelay = time.Second
)

// Policy says how many attempts a request may make and how long to wait
// between them. The zero value is standard mode's defaults; a Policy is a
// small value meant to be copied, and its methods do not modify it.
type Policy struct {
	// MaxAttempts is the most attempts a request makes, counting the first.
	// Zero means DefaultMaxAttempts; a negative value means 1 (no retries).
	MaxAttempts int

	// MaxBackoff caps the delay before any one retry. Zero (or negative)
	// means DefaultMaxBackoff.
	MaxBackoff time.Duration

	// BaseDelay is the ceiling of the delay before the first retry; each
	// later retry doubles the ceiling until it reaches MaxBackoff. Zero (or
	// negative) means DefaultBaseDelay.
	//
	// The reference guide writes standard mode's backoff as
	// min(b·r^i, MAX_BACKOFF) with b random in [0, 1) and r = 2. SDKs differ
	// on whether the first retry's ceiling is 1s or 2s; this package uses
	// BaseDelay·2^(attempt−1), so with the default the ceilings are 1s, 2s,
	// 4s, 8s, 16s and then 20s.
	BaseDelay time.Duration

	// Rand returns a number in [0, 1) that scales each delay (the jitter).
	// Nil means math/rand/v2's Float64, which is safe for concurrent use and
	// needs no seeding. Tests set a fixed source to get exact delays.
	Rand func() float64
}

// Attempts returns the most attempts a request makes, counting the first,
// with the default applied. A retry loop stops when the attempt it just made
// is the Attempts()th.
func (p Policy) Attempts() int {
	switch {
	case p.MaxAttempts == 0:
		return DefaultMaxAttempts
	case p.MaxAttempts < 0:
		return 1
	}
	return p.MaxAttempts
}

// Delay returns how long to wait before the next attempt, given the number
// of attempts made so far (1 after the first attempt failed; values below 1
// count as 1).
//
// The delay uses "full jitter": a random fraction of the ceiling
// min(BaseDelay·2^(attempt−1), MaxBackoff). Spreading retries over the whole
// interval, rather than around its end, is what keeps many clients that
// failed together from retrying together. The cap is applied before the
// jitter, not after: capping b·2^i would make almost every late retry wait
// exactly MaxBackoff, putting the clients back in step.
func (p Policy) Delay(attempt int) time.Duration {
	maxBackoff := p.MaxBackoff
	if maxBackoff <= 0 {
		maxBackoff = DefaultMaxBackoff
	}
	ceiling := p.BaseDelay
	if ceiling <= 0 {
		ceiling = DefaultBaseDelay
	}
	// Double step by step rather than shifting by attempt-1, so a large
	// attempt number cannot overflow: the loop ends once the cap is reached,
	// after at most 63 steps.
	for i := 1; i < attempt && ceiling < maxBackoff; i++ {
		if ceiling > maxBackoff/2 {
			ceiling = maxBackoff
			break
		}
		ceiling *= 2
	}
	if ceiling > maxBackoff {
		ceiling = maxBackoff
	}

	random := rand.Float64
	if p.Rand != nil {
		random = p.Rand
	}
	b := random()
	// Clamp an out-of-contract injected source so the result stays within
	// [0, ceiling] whatever it returns.
	if !(b > 0) { // also catches NaN
		return 0
	}
	if b >= 1 {
		return ceiling
	}
	return time.Duration(b * float64(ceiling))
}

// Sleep waits for d, or until ctx is done, whichever comes first. It returns
// nil after a full wait and ctx.Err() otherwise, including when ctx is
// already done on entry (even if d <= 0), so a retry loop never starts
// another attempt for a caller that has given up.
//
// It uses a timer that it stops on return rather than time.After, so a
// cancelled wait releases its timer at once.
func Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
