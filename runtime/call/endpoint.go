package call

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
)

// Endpoint is where a call's requests go, worked out once per resolution.
type Endpoint struct {
	// URL is the endpoint's absolute URL.
	URL *url.URL
	// Headers are sent with every request to the endpoint (endpoint rules
	// can ask for them); nil for none.
	Headers http.Header
	// SigV4 holds the endpoint's overrides of SigV4 signing, or nil.
	SigV4 *SigV4Scheme
}

// SigV4Scheme is what an endpoint says about signing its requests with
// SigV4; empty strings keep the service's own values.
type SigV4Scheme struct {
	SigningName, SigningRegion string
	DisableDoubleEncoding      bool
}

// ParseEndpoint parses an endpoint's URL, which must be absolute.
func ParseEndpoint(rawURL string) (*Endpoint, error) {
	base, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("endpoint %q: %w", rawURL, err)
	}
	if base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("endpoint %q is not an absolute URL", rawURL)
	}
	return &Endpoint{URL: base}, nil
}

// EndpointCache keeps the last endpoint resolved, by the options that
// picked it (K), so that calls with the same options resolve it once. It
// is safe for concurrent use; the zero value is empty.
type EndpointCache[K comparable] struct {
	last atomic.Pointer[cachedEndpoint[K]]
}

type cachedEndpoint[K comparable] struct {
	key K
	ep  *Endpoint
}

// Get returns the endpoint cached for key, if it is the last one stored.
// The endpoint is shared: callers must not change it.
func (c *EndpointCache[K]) Get(key K) (*Endpoint, bool) {
	if last := c.last.Load(); last != nil && last.key == key {
		return last.ep, true
	}
	return nil, false
}

// Put stores the endpoint resolved for key.
func (c *EndpointCache[K]) Put(key K, ep *Endpoint) {
	c.last.Store(&cachedEndpoint[K]{key: key, ep: ep})
}

// requestURL joins the endpoint's URL and the request's path, query and
// host prefix. The prefix is left off a host that is an IP address, which
// no prefix can go in front of (a BaseEndpoint such as a local server's
// 127.0.0.1:8080).
func requestURL(base *url.URL, r *Request) *url.URL {
	u := &url.URL{Scheme: base.Scheme, Host: base.Host}
	if r.HostPrefix != "" && net.ParseIP(base.Hostname()) == nil {
		u.Host = r.HostPrefix + base.Host
	}
	escaped := r.Path
	if basePath := strings.TrimSuffix(base.EscapedPath(), "/"); basePath != "" {
		escaped = basePath + r.Path
	}
	if escaped == "" {
		escaped = "/"
	}
	u.RawPath = escaped
	// The path was escaped by the serialiser, so it unescapes.
	u.Path, _ = url.PathUnescape(escaped)
	u.RawQuery = r.Query.Encode()
	if base.RawQuery != "" {
		if u.RawQuery != "" {
			u.RawQuery = base.RawQuery + "&" + u.RawQuery
		} else {
			u.RawQuery = base.RawQuery
		}
	}
	return u
}
