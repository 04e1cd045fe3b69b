package retry

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"
)

func fixed(v float64) func() float64 { return func() float64 { return v } }

func TestAttempts(t *testing.T) {
	for _, tc := range []struct {
		max, want int
	}{
		{0, DefaultMaxAttempts},
		{1, 1},
		{5, 5},
		{-1, 1},
		{math.MinInt, 1},
	} {
		if got := (Policy{MaxAttempts: tc.max}).Attempts(); got != tc.want {
			t.Errorf("Policy{MaxAttempts: %d}.Attempts() = %d, want %d", tc.max, got, tc.want)
		}
	}
}

func TestDelayWithFixedRandom(t *testing.T) {
	s := time.Second
	for _, tc := range []struct {
		name    string
		p       Policy
		attempt int
		want    time.Duration
	}{
		// Defaults: ceilings 1s, 2s, 4s, 8s, 16s, then capped at 20s.
		{"first retry", Policy{Rand: fixed(0.5)}, 1, s / 2},
		{"second", Policy{Rand: fixed(0.5)}, 2, s},
		{"third", Policy{Rand: fixed(0.5)}, 3, 2 * s},
		{"fourth", Policy{Rand: fixed(0.5)}, 4, 4 * s},
		{"fifth", Policy{Rand: fixed(0.5)}, 5, 8 * s},
		{"sixth hits the cap", Policy{Rand: fixed(0.5)}, 6, 10 * s},
		{"far past the cap", Policy{Rand: fixed(0.5)}, 1000, 10 * s},
		{"largest attempt", Policy{Rand: fixed(0.5)}, math.MaxInt, 10 * s},
		{"attempt 0 counts as 1", Policy{Rand: fixed(0.5)}, 0, s / 2},
		{"negative attempt counts as 1", Policy{Rand: fixed(0.5)}, -7, s / 2},
		{"zero random", Policy{Rand: fixed(0)}, 5, 0},

		{"custom base", Policy{BaseDelay: 100 * time.Millisecond, Rand: fixed(0.5)}, 3, 200 * time.Millisecond},
		{"custom cap", Policy{MaxBackoff: 3 * s, Rand: fixed(0.5)}, 3, 1500 * time.Millisecond},
		{"base above cap", Policy{BaseDelay: time.Minute, Rand: fixed(0.5)}, 1, 10 * s},
		{"cap not a power of two of base", Policy{BaseDelay: 3 * s, MaxBackoff: 10 * s, Rand: fixed(0.5)}, 3, 5 * s},
		{"huge cap does not overflow", Policy{MaxBackoff: math.MaxInt64, Rand: fixed(0.5)}, 1000, math.MaxInt64 / 2},

		// An injected source that breaks its contract is clamped.
		{"random above 1", Policy{Rand: fixed(1.5)}, 2, 2 * s},
		{"random exactly 1", Policy{Rand: fixed(1)}, 2, 2 * s},
		{"negative random", Policy{Rand: fixed(-1)}, 2, 0},
		{"NaN random", Policy{Rand: fixed(math.NaN())}, 2, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.p.Delay(tc.attempt)
			// Allow a rounding error of the float conversion.
			if diff := got - tc.want; diff < -1 || diff > 1 {
				t.Errorf("Delay(%d) = %v, want %v", tc.attempt, got, tc.want)
			}
		})
	}
}

// TestDelayBoundsAndGrowth checks that, for every attempt, the delay stays
// below the ceiling, that the ceilings double up to the cap, and that a
// source just below 1 gets within a hair of each ceiling.
func TestDelayBoundsAndGrowth(t *testing.T) {
	almostOne := math.Nextafter(1, 0)
	high := Policy{Rand: fixed(almostOne)}
	prev := time.Duration(0)
	for attempt := 1; attempt <= 12; attempt++ {
		ceiling := min(DefaultBaseDelay<<(attempt-1), DefaultMaxBackoff)
		got := high.Delay(attempt)
		if got > ceiling || got < ceiling-time.Microsecond {
			t.Errorf("attempt %d: Delay = %v, want just under %v", attempt, got, ceiling)
		}
		if got < prev {
			t.Errorf("attempt %d: Delay = %v shrank from %v", attempt, got, prev)
		}
		if got > prev && attempt > 1 && ceiling < DefaultMaxBackoff && got < 2*prev-time.Microsecond {
			t.Errorf("attempt %d: Delay = %v, want about twice %v", attempt, got, prev)
		}
		prev = got
	}
}

// TestDelayDefaultRandom checks the real source: delays fall in
// [0, ceiling) and are actually spread out.
func TestDelayDefaultRandom(t *testing.T) {
	var p Policy
	for attempt := 1; attempt <= 8; attempt++ {
		ceiling := min(DefaultBaseDelay<<(attempt-1), DefaultMaxBackoff)
		seen := map[time.Duration]bool{}
		var low, highHalf int
		for range 1000 {
			d := p.Delay(attempt)
			if d < 0 || d >= ceiling {
				t.Fatalf("attempt %d: Delay = %v, want in [0, %v)", attempt, d, ceiling)
			}
			seen[d] = true
			if d < ceiling/2 {
				low++
			} else {
				highHalf++
			}
		}
		// Full jitter is uniform: each half gets about 500 of 1000 draws.
		// The bound is loose enough never to flake (it is >15 sigma away).
		if len(seen) < 900 || low < 250 || highHalf < 250 {
			t.Errorf("attempt %d: %d distinct delays, %d below half, %d above: not full jitter", attempt, len(seen), low, highHalf)
		}
	}
}

func TestNoAllocations(t *testing.T) {
	p := Policy{}
	q := NewQuota()
	allocs := testing.AllocsPerRun(1000, func() {
		_ = p.Delay(3)
		tok, ok := q.Acquire(false)
		if ok {
			q.Succeeded(tok)
		}
		q.Succeeded(Token{})
		_ = IsThrottleCode("com.amazonaws.dynamodb#ThrottlingException")
		_ = IsTransientCode("RequestTimeout")
		_ = IsRetryableStatus(503)
	})
	if allocs != 0 {
		t.Errorf("allocations per run = %v, want 0", allocs)
	}
}

func TestSleepCompletes(t *testing.T) {
	start := time.Now()
	if err := Sleep(context.Background(), 20*time.Millisecond); err != nil {
		t.Fatalf("Sleep = %v, want nil", err)
	}
	if el := time.Since(start); el < 20*time.Millisecond {
		t.Errorf("Sleep returned after %v, want at least 20ms", el)
	}
	for _, d := range []time.Duration{0, -time.Second} {
		if err := Sleep(context.Background(), d); err != nil {
			t.Errorf("Sleep(%v) = %v, want nil", d, err)
		}
	}
}

func TestSleepAlreadyDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, d := range []time.Duration{0, time.Hour} {
		if err := Sleep(ctx, d); !errors.Is(err, context.Canceled) {
			t.Errorf("Sleep(cancelled, %v) = %v, want context.Canceled", d, err)
		}
	}
}

func TestSleepCancelledWhileWaiting(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	err := Sleep(ctx, time.Hour)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Sleep = %v, want context.Canceled", err)
	}
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("Sleep took %v after cancellation", el)
	}
}

func TestSleepDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Sleep = %v, want context.DeadlineExceeded", err)
	}
}
