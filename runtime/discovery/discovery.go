// Package discovery keeps the endpoints that a service's endpoint
// discovery operation (aws.api#clientEndpointDiscovery: DescribeEndpoints
// for Timestream and DynamoDB) returns, so that a client asks for one once
// per cache period rather than once per call. Only the clients of services
// with the trait import it.
//
// The service says how long an address stays valid (CachePeriodInMinutes);
// the cache keeps it that long for calls with the same key: the endpoint
// the discovery call went to (so a region or FIPS option has its own), the
// operation and the identifiers the discovery call was sent. When a call
// is refused as sent to an endpoint that is no longer valid, the client
// forgets it (Forget) and discovers again.
package discovery

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/smithygo/smithygo/runtime/call"
)

// DiscoveryMode says which calls go to a discovered endpoint.
type DiscoveryMode int8

const (
	// DiscoveryAuto, the zero value, discovers endpoints for the operations
	// that require it (aws.api#clientDiscoveredEndpoint with required), as
	// the AWS SDKs do by default: the others go to the regular endpoint.
	DiscoveryAuto DiscoveryMode = iota
	// DiscoveryEnabled discovers endpoints for every operation that
	// supports it; where it is optional and discovery fails, the call goes
	// to the regular endpoint.
	DiscoveryEnabled
	// DiscoveryDisabled never discovers: operations that require a
	// discovered endpoint then fail, unless the regular endpoint is one.
	DiscoveryDisabled
)

// Use reports whether a call of an operation that supports discovery, and
// requires it or not, discovers its endpoint.
func (m DiscoveryMode) Use(required bool) bool {
	return m == DiscoveryEnabled || m == DiscoveryAuto && required
}

// DiscoveryCache holds discovered endpoints by key. It is safe for
// concurrent use, and the zero value is empty. Calls that need the same
// key while it is being discovered wait for that one discovery, rather than
// each sending its own.
type DiscoveryCache struct {
	mu      sync.Mutex
	entries map[string]*discovered
}

// discovered is one discovery: in flight until done is closed, then its
// endpoint (or error) and when the endpoint expires. The fields are
// written before done is closed and only read after.
type discovered struct {
	done    chan struct{}
	ep      *call.Endpoint
	err     error
	expires time.Time
	// abandoned: the discovering call's context ended the discovery, so
	// its error is no answer for the calls that waited for it.
	abandoned bool
}

// now is the cache's clock; tests move it.
var now = time.Now

// maxDiscovered bounds the entries kept: identifiers (a table name, say)
// can make many keys, each of which is discovered again when it is needed
// after being dropped.
const maxDiscovered = 64

// maxCacheMinutes bounds a cache period, so that the service's number
// cannot overflow a time.Duration (about 32 years).
const maxCacheMinutes = 1 << 24

// Endpoint returns the endpoint for a call whose regular endpoint is
// regular, of operation op (or "" when the discovery operation does not take
// one) with identifiers ids: the one cached for them while it is valid,
// else the one discover returns, which is called with the call's context.
// discover returns an address, a host with no scheme, which is reached by
// https (one with a scheme keeps it), and how many minutes it may be
// cached. The endpoint keeps regular's headers and signing. It is shared:
// callers must not change it.
func (c *DiscoveryCache) Endpoint(ctx context.Context, regular *call.Endpoint, op string, ids map[string]string,
	discover func(context.Context) (address string, minutes int64, err error)) (*call.Endpoint, error) {
	key := discoveryKey(regular, op, ids)
	for {
		c.mu.Lock()
		e := c.entries[key]
		if e != nil {
			select {
			case <-e.done:
				if e.err == nil && now().Before(e.expires) {
					c.mu.Unlock()
					return e.ep, nil
				}
				e = nil // expired: discover again
			default:
			}
		}
		if e != nil {
			// Another call is discovering this key: its answer is ours,
			// even one the service said not to keep.
			c.mu.Unlock()
			select {
			case <-e.done:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if e.abandoned {
				continue
			}
			return e.ep, e.err
		}
		e = &discovered{done: make(chan struct{})}
		c.put(key, e)
		c.mu.Unlock()

		address, minutes, err := discover(ctx)
		var ep *call.Endpoint
		if err == nil {
			ep, err = endpointAt(regular, address)
		}
		c.mu.Lock()
		e.ep, e.err = ep, err
		e.expires = now().Add(time.Duration(min(max(minutes, 0), maxCacheMinutes)) * time.Minute)
		if err != nil {
			// A failure is not kept: the next call asks again.
			e.abandoned = ctx.Err() != nil
			if c.entries[key] == e {
				delete(c.entries, key)
			}
		}
		close(e.done)
		c.mu.Unlock()
		return ep, err
	}
}

// put stores e under key, first dropping expired entries, and then any
// one, when the cache is full. c.mu is held.
func (c *DiscoveryCache) put(key string, e *discovered) {
	if c.entries == nil {
		c.entries = make(map[string]*discovered)
	}
	if len(c.entries) >= maxDiscovered {
		t := now()
		for k, old := range c.entries {
			select {
			case <-old.done:
				if !t.Before(old.expires) {
					delete(c.entries, k)
				}
			default:
			}
		}
		for k := range c.entries {
			if len(c.entries) < maxDiscovered {
				break
			}
			delete(c.entries, k)
		}
	}
	c.entries[key] = e
}

// Forget drops the cached endpoint ep, which the service said is no longer
// valid, so that the next call for its key discovers again. An entry that
// another call has already replaced stays.
func (c *DiscoveryCache) Forget(ep *call.Endpoint) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.entries {
		select {
		case <-e.done:
			if e.ep == ep {
				delete(c.entries, k)
			}
		default:
		}
	}
}

// StaleEndpoint reports whether a call's error says that the endpoint it
// was sent to is no longer valid: HTTP 421 (Misdirected Request), or the
// error code of the service's discovery error (InvalidEndpointException;
// "" when the service names none).
func StaleEndpoint(err error, code string) bool {
	var oe *call.OperationError
	if errors.As(err, &oe) && oe.StatusCode == http.StatusMisdirectedRequest {
		return true
	}
	return code != "" && call.ErrorCode(err) == code
}

// discoveryKey is the cache key of a call: the regular endpoint, the
// operation and the identifiers in name order, each part ended by a byte
// that no URL, operation name or identifier holds.
func discoveryKey(regular *call.Endpoint, op string, ids map[string]string) string {
	var b strings.Builder
	b.WriteString(regular.URL.String())
	b.WriteByte(0)
	b.WriteString(op)
	b.WriteByte(0)
	names := make([]string, 0, len(ids))
	for name := range ids {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		b.WriteString(name)
		b.WriteByte(1)
		b.WriteString(ids[name])
		b.WriteByte(0)
	}
	return b.String()
}

// endpointAt is regular with the URL of a discovered address.
func endpointAt(regular *call.Endpoint, address string) (*call.Endpoint, error) {
	if address == "" {
		return nil, errors.New("the service returned no endpoint address")
	}
	raw := address
	if !strings.Contains(address, "://") {
		raw = "https://" + address
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("the service returned an endpoint address that is not a host: %q", address)
	}
	ep := *regular
	ep.URL = u
	return &ep, nil
}
