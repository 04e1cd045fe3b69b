package sigv4

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

var (
	benchCreds = AccessKey{
		AccessKeyID:     "AKIDEXAMPLE",
		SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
	}
	benchTime = time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC)
	benchBody = []byte(`{"OutpostIdentifier":"op-0123456789abcdef0","MaxResults":50,"NextToken":"eyJ2IjoxfQ=="}`)
)

// benchRequest is a typical JSON API call: a POST with five headers
// (one of them, User-Agent, excluded from signing) and a JSON body.
func benchRequest(tb testing.TB) *http.Request {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, "https://outposts.us-west-2.amazonaws.com/catalog/orders",
		strings.NewReader(string(benchBody)))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "smithygo/1.0 os/linux lang/go#1.26")
	req.Header.Set("Amz-Sdk-Invocation-Id", "0b7c9a4e-8f2a-4c4e-9d0b-1f6e2b3c4d5e")
	req.Header.Set("Amz-Sdk-Request", "attempt=1; max=3")
	return req
}

// BenchmarkSignHTTP signs the same request repeatedly, as a client does on
// retries; X-Amz-Date and Authorization are replaced each time. The body
// hash is computed once, outside the loop, as the caller does.
func BenchmarkSignHTTP(b *testing.B) {
	req := benchRequest(b)
	hash := HashHex(benchBody)
	s := NewSigner()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.SignHTTP(req, benchCreds, hash, "outposts", "us-west-2", benchTime, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignHTTPSessionToken is BenchmarkSignHTTP with temporary
// credentials: a typical STS session token makes the canonical request
// about twice as long.
func BenchmarkSignHTTPSessionToken(b *testing.B) {
	req := benchRequest(b)
	hash := HashHex(benchBody)
	creds := benchCreds
	creds.SessionToken = strings.Repeat("IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ", 12)
	s := NewSigner()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.SignHTTP(req, creds, hash, "outposts", "us-west-2", benchTime, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignHTTPParallel signs from many goroutines with one Signer, to
// show that the key cache does not serialise them.
func BenchmarkSignHTTPParallel(b *testing.B) {
	hash := HashHex(benchBody)
	s := NewSigner()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		req := benchRequest(b)
		for pb.Next() {
			if err := s.SignHTTP(req, benchCreds, hash, "outposts", "us-west-2", benchTime, Options{}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkSignHTTPQuery adds a query string that needs sorting and
// encoding.
func BenchmarkSignHTTPQuery(b *testing.B) {
	req := benchRequest(b)
	req.URL.RawQuery = "maxResults=50&nextToken=abc%2Bdef&filter=a+b&LifeCycleStatus=ACTIVE"
	hash := HashHex(benchBody)
	s := NewSigner()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.SignHTTP(req, benchCreds, hash, "outposts", "us-west-2", benchTime, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPresignHTTP presigns a GET.
func BenchmarkPresignHTTP(b *testing.B) {
	req, err := http.NewRequest(http.MethodGet, "https://bucket.s3.us-east-1.amazonaws.com/some/key.txt", nil)
	if err != nil {
		b.Fatal(err)
	}
	s := NewSigner()
	opts := Options{DisableURIPathEscaping: true, DisableNormalizePath: true}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := s.PresignHTTP(req, benchCreds, UnsignedPayload, "s3", "us-east-1", benchTime, 15*time.Minute, opts); err != nil {
			b.Fatal(err)
		}
	}
}
