package retry

import "sync/atomic"

// Standard mode's retry quota parameters.
const (
	// QuotaCapacity is the size of a full quota, which is also where a new
	// Quota starts.
	QuotaCapacity = 500
	// RetryCost is taken from the quota for a retry after an error response
	// (a throttle, a transient error code or a retryable status).
	RetryCost = 5
	// TimeoutRetryCost is taken for a retry after an attempt that got no
	// response: a timeout or a transient network error. It is higher because
	// such failures are the likeliest sign of an outage, where retrying only
	// adds load.
	TimeoutRetryCost = 10
	// NoRetryIncrement is returned to the quota by a request that succeeded
	// on its first attempt, so that a healthy client slowly earns back
	// capacity that failures spent.
	NoRetryIncrement = 1
)

// Quota is the client-wide retry token bucket of standard mode. Every retry
// takes RetryCost or TimeoutRetryCost from it and is refused when not enough
// is left, so during an outage a client soon stops multiplying its load by
// the attempt count and fails fast instead; successes put capacity back.
//
// One Quota is shared by all requests of a client. It is safe for
// concurrent use and lock-free. The zero value is a full quota, ready to
// use. A nil *Quota never refuses a retry, which disables the mechanism.
type Quota struct {
	// spent is how much is missing from a full quota; counting what is
	// missing, rather than what is left, is what makes the zero value full.
	spent atomic.Int64
}

// Token records what a request took from the Quota for its latest retry.
// The zero Token means the request has not retried. Tokens are plain values:
// keeping one per request costs no allocation.
type Token struct {
	cost int64
}

// NewQuota returns a full quota. It is the same as new(Quota) and exists so
// that call sites read as what they are.
func NewQuota() *Quota {
	return new(Quota)
}

// Acquire takes the cost of one retry from the quota. noResponse says the
// failed attempt got no HTTP response (a timeout or transient network
// error), which costs TimeoutRetryCost; any other retry costs RetryCost.
//
// When ok is false the quota cannot pay for the retry, nothing was taken,
// and the request should fail with its last error. When ok is true the
// request keeps the returned Token, replacing any earlier one (only the
// latest retry's cost is ever refunded), and passes it to Succeeded if the
// request later succeeds. A request that finally fails refunds nothing: the
// spent capacity is what makes the quota shrink while a service is failing.
func (q *Quota) Acquire(noResponse bool) (tok Token, ok bool) {
	if q == nil {
		return Token{}, true
	}
	cost := int64(RetryCost)
	if noResponse {
		cost = TimeoutRetryCost
	}
	for {
		spent := q.spent.Load()
		if spent+cost > QuotaCapacity {
			return Token{}, false
		}
		if q.spent.CompareAndSwap(spent, spent+cost) {
			return Token{cost: cost}, true
		}
	}
}

// Succeeded records that a request succeeded, given the Token of its latest
// retry (the zero Token if it succeeded on its first attempt). A request
// that retried gets the cost of that retry back; one that did not adds
// NoRetryIncrement. The quota never grows beyond QuotaCapacity. Call it once
// per successful request.
func (q *Quota) Succeeded(tok Token) {
	if q == nil {
		return
	}
	refund := tok.cost
	if refund == 0 {
		refund = NoRetryIncrement
	}
	for {
		spent := q.spent.Load()
		if spent == 0 {
			return
		}
		left := max(spent-refund, 0)
		if q.spent.CompareAndSwap(spent, left) {
			return
		}
	}
}

// Available returns how much capacity is left, for metrics and tests. By the
// time it returns other requests may have changed it. A nil *Quota reports
// QuotaCapacity.
func (q *Quota) Available() int {
	if q == nil {
		return QuotaCapacity
	}
	return int(QuotaCapacity - q.spent.Load())
}
