package retry

import (
	"sync"
	"sync/atomic"
	"testing"
)

func TestQuotaExhaustion(t *testing.T) {
	for _, tc := range []struct {
		name       string
		noResponse bool
		cost       int
	}{
		{"error responses", false, RetryCost},
		{"timeouts", true, TimeoutRetryCost},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := NewQuota()
			want := QuotaCapacity / tc.cost
			for i := range want {
				tok, ok := q.Acquire(tc.noResponse)
				if !ok {
					t.Fatalf("retry %d refused with %d available", i+1, q.Available())
				}
				if tok.cost != int64(tc.cost) {
					t.Fatalf("token cost = %d, want %d", tok.cost, tc.cost)
				}
			}
			if got := q.Available(); got != 0 {
				t.Fatalf("Available = %d after %d retries, want 0", got, want)
			}
			if tok, ok := q.Acquire(tc.noResponse); ok || tok != (Token{}) {
				t.Fatalf("Acquire on an empty quota = %v, %v; want refusal", tok, ok)
			}
			if got := q.Available(); got != 0 {
				t.Fatalf("a refused Acquire changed Available to %d", got)
			}
		})
	}
}

// TestQuotaPartial checks that a quota too low for a timeout retry can still
// pay for a cheaper one, and that a refusal takes nothing.
func TestQuotaPartial(t *testing.T) {
	q := NewQuota()
	q.spent.Store(QuotaCapacity - 7)
	if _, ok := q.Acquire(true); ok {
		t.Fatal("timeout retry granted with 7 left")
	}
	if q.Available() != 7 {
		t.Fatalf("Available = %d after refusal, want 7", q.Available())
	}
	if _, ok := q.Acquire(false); !ok {
		t.Fatal("retry refused with 7 left")
	}
	if q.Available() != 2 {
		t.Fatalf("Available = %d, want 2", q.Available())
	}
}

func TestQuotaRefill(t *testing.T) {
	q := NewQuota()
	// Spend everything on timeout retries.
	var last Token
	for {
		tok, ok := q.Acquire(true)
		if !ok {
			break
		}
		last = tok
	}
	if q.Available() != 0 {
		t.Fatalf("Available = %d, want 0", q.Available())
	}

	// A request that succeeded after its retry gets that retry's cost back.
	q.Succeeded(last)
	if got := q.Available(); got != TimeoutRetryCost {
		t.Fatalf("after refund Available = %d, want %d", got, TimeoutRetryCost)
	}
	q.spent.Store(QuotaCapacity)

	// First-attempt successes add NoRetryIncrement each: after RetryCost of
	// them the quota pays for one retry again.
	for i := range RetryCost {
		if _, ok := q.Acquire(false); ok {
			t.Fatalf("retry granted after only %d successes", i)
		}
		q.Succeeded(Token{})
	}
	if got := q.Available(); got != RetryCost*NoRetryIncrement {
		t.Fatalf("Available = %d, want %d", got, RetryCost*NoRetryIncrement)
	}
	if _, ok := q.Acquire(false); !ok {
		t.Fatal("retry refused after the quota refilled")
	}
}

func TestQuotaNeverExceedsCapacity(t *testing.T) {
	q := NewQuota()
	q.Succeeded(Token{})
	q.Succeeded(Token{cost: TimeoutRetryCost})
	if got := q.Available(); got != QuotaCapacity {
		t.Fatalf("Available = %d, want %d", got, QuotaCapacity)
	}
	q.spent.Store(3)
	q.Succeeded(Token{cost: TimeoutRetryCost})
	if got := q.Available(); got != QuotaCapacity {
		t.Fatalf("Available = %d after a refund larger than spent, want %d", got, QuotaCapacity)
	}
}

func TestQuotaZeroValueAndNil(t *testing.T) {
	var q Quota
	if q.Available() != QuotaCapacity {
		t.Fatalf("zero Quota Available = %d, want %d", q.Available(), QuotaCapacity)
	}
	if _, ok := q.Acquire(false); !ok {
		t.Fatal("zero Quota refused a retry")
	}

	var nq *Quota
	for range QuotaCapacity {
		if _, ok := nq.Acquire(true); !ok {
			t.Fatal("nil Quota refused a retry")
		}
	}
	nq.Succeeded(Token{})
	if nq.Available() != QuotaCapacity {
		t.Fatalf("nil Quota Available = %d", nq.Available())
	}
}

// TestQuotaConcurrentExhaustion checks that contention never lets the quota
// grant more than it holds.
func TestQuotaConcurrentExhaustion(t *testing.T) {
	q := NewQuota()
	var granted atomic.Int64
	var wg sync.WaitGroup
	for range 32 {
		wg.Go(func() {
			for range 100 {
				if _, ok := q.Acquire(false); ok {
					granted.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if got, want := granted.Load(), int64(QuotaCapacity/RetryCost); got != want {
		t.Fatalf("granted %d retries, want exactly %d", got, want)
	}
	if q.Available() != 0 {
		t.Fatalf("Available = %d, want 0", q.Available())
	}
}

// TestQuotaConcurrentBalance runs requests that retry and then succeed from
// many goroutines: every cost is refunded, so the quota ends full, and it
// never leaves [0, QuotaCapacity] on the way.
func TestQuotaConcurrentBalance(t *testing.T) {
	q := NewQuota()
	var wg sync.WaitGroup
	var bad atomic.Int64
	for g := range 16 {
		wg.Go(func() {
			for i := range 2000 {
				tok, ok := q.Acquire((g+i)%2 == 0)
				if a := q.Available(); a < 0 || a > QuotaCapacity {
					bad.Store(int64(a))
				}
				if ok {
					q.Succeeded(tok)
				} else {
					q.Succeeded(Token{})
				}
			}
		})
	}
	wg.Wait()
	if b := bad.Load(); b != 0 {
		t.Fatalf("Available left its range: %d", b)
	}
	if got := q.Available(); got != QuotaCapacity {
		t.Fatalf("Available = %d after balanced use, want %d", got, QuotaCapacity)
	}
}
