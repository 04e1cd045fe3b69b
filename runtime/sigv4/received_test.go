package sigv4

import (
	"net/http"
	"strings"
	"testing"
)

// TestSignatureOfReceived checks that Signature, given what a server sees
// of a request signed by SignHTTP, computes the signature SignHTTP sent,
// and a different one when any signed part differs.
func TestSignatureOfReceived(t *testing.T) {
	req, _ := http.NewRequest("POST", "https://example.amazonaws.com/a%20b/c?x=1&y=a+b", nil)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Add("X-Multi", " one ")
	req.Header.Add("X-Multi", "two  three")
	req.ContentLength = 2
	payload := HashHex([]byte("{}"))
	if err := NewSigner().SignHTTP(req, vanillaCreds, payload, "svc", "us-east-1", vanillaTime, Options{}); err != nil {
		t.Fatal(err)
	}
	_, sent, _ := strings.Cut(req.Header.Get("Authorization"), "Signature=")

	received := func() *SignedRequest {
		return &SignedRequest{
			Method:   "POST",
			Path:     "/a%20b/c",
			RawQuery: "x=1&y=a+b",
			Headers: []SignedHeader{
				{"content-length", []string{"2"}},
				{"content-type", []string{"application/json"}},
				{"host", []string{"example.amazonaws.com"}},
				{"x-amz-date", req.Header.Values("X-Amz-Date")},
				{"x-multi", []string{" one ", "two  three"}},
			},
			PayloadHash: payload,
		}
	}
	s := NewSigner()
	got, err := s.Signature(received(), vanillaCreds.SecretAccessKey, vanillaTime, "us-east-1", "svc", Options{})
	if err != nil || got != sent {
		t.Fatalf("Signature = %q, %v; SignHTTP sent %q", got, err, sent)
	}

	for name, change := range map[string]func(*SignedRequest){
		"method":  func(r *SignedRequest) { r.Method = "PUT" },
		"path":    func(r *SignedRequest) { r.Path = "/a%20b/d" },
		"query":   func(r *SignedRequest) { r.RawQuery = "x=1&y=a+c" },
		"header":  func(r *SignedRequest) { r.Headers[4].Values = []string{"one", "two"} },
		"dropped": func(r *SignedRequest) { r.Headers = r.Headers[1:] },
		"payload": func(r *SignedRequest) { r.PayloadHash = EmptyPayloadHash },
	} {
		r := received()
		change(r)
		if got, err := s.Signature(r, vanillaCreds.SecretAccessKey, vanillaTime, "us-east-1", "svc", Options{}); err != nil || got == sent {
			t.Errorf("%s changed: Signature = %q, %v; want another signature", name, got, err)
		}
	}
	if got, _ := s.Signature(received(), "other", vanillaTime, "us-east-1", "svc", Options{}); got == sent {
		t.Errorf("another secret gives the same signature")
	}

	for _, c := range []struct {
		name                    string
		secret, region, service string
		change                  func(*SignedRequest)
	}{
		{"no secret", "", "r", "s", nil},
		{"no region", "k", "", "s", nil},
		{"no service", "k", "r", "", nil},
		{"no payload hash", "k", "r", "s", func(r *SignedRequest) { r.PayloadHash = "" }},
		{"bad escape", "k", "r", "s", func(r *SignedRequest) { r.RawQuery = "a=%zz" }},
	} {
		r := received()
		if c.change != nil {
			c.change(r)
		}
		if _, err := s.Signature(r, c.secret, vanillaTime, c.region, c.service, Options{}); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}
