package sigv4auth_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smithygo/smithygo/runtime/call"
	"github.com/smithygo/smithygo/runtime/credentials"
	"github.com/smithygo/smithygo/runtime/sigv4"
	"github.com/smithygo/smithygo/runtime/sigv4auth"
	"github.com/smithygo/smithygo/runtime/sigv4verify"
)

const (
	accessKey = "AKIDSIGV4AUTH"
	secretKey = "secret/for+sigv4auth/tests"
	token     = "session/token=="
)

func endpoint(t *testing.T, rawURL string, scheme *call.SigV4Scheme) *call.Endpoint {
	t.Helper()
	ep, err := call.ParseEndpoint(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	ep.SigV4 = scheme
	return ep
}

func TestAnonymousCredentialsGiveNoSigner(t *testing.T) {
	for name, p := range map[string]credentials.Provider{
		"Anonymous":    credentials.Anonymous(),
		"empty Static": credentials.Static("", "", ""),
	} {
		// No region either: an unsigned call does not need one.
		a := &sigv4auth.Scheme{Credentials: p, Name: "svc", Keys: sigv4.NewSigner()}
		s, err := a.Signer(t.Context(), endpoint(t, "https://svc.example.com", nil))
		if s != nil || err != nil {
			t.Errorf("%s: Signer = %v, %v; want nil, nil", name, s, err)
		}
	}
}

func TestMissingRegion(t *testing.T) {
	a := &sigv4auth.Scheme{Credentials: credentials.Static(accessKey, secretKey, ""), Name: "svc", Keys: sigv4.NewSigner()}
	s, err := a.Signer(t.Context(), endpoint(t, "https://svc.example.com", nil))
	if err == nil || !strings.Contains(err.Error(), "Options.Region") || s != nil {
		t.Errorf("Signer without a region = %v, %v; want an error naming Options.Region", s, err)
	}
	// The endpoint's scheme can supply it.
	s, err = a.Signer(t.Context(), endpoint(t, "https://svc.example.com", &call.SigV4Scheme{SigningRegion: "eu-west-1"}))
	if err != nil || s == nil {
		t.Errorf("Signer with the endpoint's region = %v, %v", s, err)
	}
}

type failingProvider struct{ err error }

func (p failingProvider) Retrieve(context.Context) (credentials.Credentials, error) {
	return credentials.Credentials{}, p.err
}

func TestProviderErrorIsWrapped(t *testing.T) {
	expired := errors.New("token expired")
	a := &sigv4auth.Scheme{Credentials: failingProvider{expired}, Name: "svc", Region: "us-east-1", Keys: sigv4.NewSigner()}
	s, err := a.Signer(t.Context(), endpoint(t, "https://svc.example.com", nil))
	if s != nil || !errors.Is(err, expired) || !strings.Contains(err.Error(), "retrieving credentials") {
		t.Errorf("Signer = %v, %v; want an error wrapping the provider's", s, err)
	}
}

// verified is what the verifying server found in one request.
type verified struct {
	result *sigv4verify.Result
	err    error
}

// verifyingServer checks the signature of every request it gets with v and
// answers 200 when it verifies, 403 otherwise.
func verifyingServer(t *testing.T, v *sigv4verify.Verifier, inspect ...func(*http.Request)) (*httptest.Server, func() []verified) {
	t.Helper()
	var mu sync.Mutex
	var got []verified
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		for _, f := range inspect {
			f(r)
		}
		res, err := v.Verify(r.Context(), r, body)
		mu.Lock()
		got = append(got, verified{res, err})
		mu.Unlock()
		if err != nil {
			w.WriteHeader(http.StatusForbidden)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, func() []verified {
		mu.Lock()
		defer mu.Unlock()
		return append([]verified(nil), got...)
	}
}

func lookup(_ context.Context, id string) (string, string, error) {
	if id == accessKey {
		return secretKey, token, nil
	}
	return "", "", sigv4verify.ErrUnknownAccessKey
}

func invoke(t *testing.T, srv *httptest.Server, ep *call.Endpoint, auth call.Auth, op *call.Operation, r *call.Request) error {
	t.Helper()
	svc := &call.Service{Name: "Svc", DecodeError: func(resp *call.Response) error {
		return &call.GenericAPIError{StatusCode: resp.StatusCode}
	}}
	cfg := &call.Config{Endpoint: ep, Auth: auth, HTTPClient: srv.Client(), RetryMaxAttempts: 1}
	return call.NewClient(svc).Invoke(t.Context(), cfg, op, r, func(*call.Response) error { return nil })
}

func TestSignedRequestVerifies(t *testing.T) {
	for _, tc := range []struct {
		name                   string
		scheme                 *call.SigV4Scheme
		wantService, wantRegon string
	}{
		{"service's name and region", nil, "outposts", "us-west-2"},
		{"empty scheme keeps them", &call.SigV4Scheme{}, "outposts", "us-west-2"},
		{"scheme overrides name", &call.SigV4Scheme{SigningName: "outposts-data"}, "outposts-data", "us-west-2"},
		{"scheme overrides region", &call.SigV4Scheme{SigningRegion: "eu-central-1"}, "outposts", "eu-central-1"},
		{"scheme overrides both", &call.SigV4Scheme{SigningName: "other", SigningRegion: "ap-south-1"}, "other", "ap-south-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The verifier accepts any scope and reports the one signed.
			srv, got := verifyingServer(t, &sigv4verify.Verifier{Lookup: lookup})
			auth := &sigv4auth.Scheme{Credentials: credentials.Static(accessKey, secretKey, token), Name: "outposts", Region: "us-west-2", Keys: sigv4.NewSigner()}
			r := call.NewRequest("POST")
			r.Path = "/outposts"
			r.Body = []byte(`{"Name":"x"}`)
			r.SetContentType("application/json")
			if err := invoke(t, srv, endpoint(t, srv.URL, tc.scheme), auth, &call.Operation{Name: "Op"}, r); err != nil {
				t.Fatal(err)
			}
			v := got()
			if len(v) != 1 || v[0].err != nil {
				t.Fatalf("verification: %+v", v)
			}
			res := v[0].result
			if res.Service != tc.wantService || res.Region != tc.wantRegon || res.AccessKeyID != accessKey {
				t.Errorf("signed for %s in %s by %s, want %s in %s", res.Service, res.Region, res.AccessKeyID, tc.wantService, tc.wantRegon)
			}
			if res.PayloadHash != sigv4.HashHex(r.Body) {
				t.Errorf("payload hash %q, want the body's", res.PayloadHash)
			}
			if time.Since(res.Time) > time.Minute || time.Until(res.Time) > time.Minute {
				t.Errorf("signing time %v is not now", res.Time)
			}
		})
	}
}

func TestSignedRequestUnsignedPayload(t *testing.T) {
	// A request signed as UNSIGNED-PAYLOAD verifies only if it says so in
	// X-Amz-Content-Sha256; one signed with its body's hash needs no header.
	for _, tc := range []struct {
		name       string
		op         *call.Operation
		body       string
		stream     bool
		wantHash   string
		wantHeader string
	}{
		{"@unsignedPayload operation", &call.Operation{Name: "Op", UnsignedPayload: true}, "body", false, sigv4.UnsignedPayload, sigv4.UnsignedPayload},
		{"unseekable stream", &call.Operation{Name: "Op"}, "streamed", true, sigv4.UnsignedPayload, sigv4.UnsignedPayload},
		{"hashed body", &call.Operation{Name: "Op"}, "body", false, sigv4.HashHex([]byte("body")), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var header string
			v := &sigv4verify.Verifier{Lookup: lookup, Service: "svc", Region: "us-east-1", AllowUnsignedPayload: true}
			srv, got := verifyingServer(t, v, func(r *http.Request) { header = r.Header.Get("X-Amz-Content-Sha256") })
			auth := &sigv4auth.Scheme{Credentials: credentials.Static(accessKey, secretKey, token), Name: "svc", Region: "us-east-1", Keys: sigv4.NewSigner()}
			r := call.NewRequest("PUT")
			r.Path = "/blob"
			if tc.stream {
				r.Stream = struct{ io.Reader }{strings.NewReader(tc.body)} // cannot be hashed ahead
			} else {
				r.Body = []byte(tc.body)
			}
			err := invoke(t, srv, endpoint(t, srv.URL, nil), auth, tc.op, r)
			res := got()
			if len(res) != 1 {
				t.Fatalf("server saw %d requests", len(res))
			}
			if err != nil || res[0].err != nil {
				t.Fatalf("call: %v; verification: %v", err, res[0].err)
			}
			if res[0].result.PayloadHash != tc.wantHash || header != tc.wantHeader {
				t.Errorf("signed payload hash %q, X-Amz-Content-Sha256 %q; want %q and %q", res[0].result.PayloadHash, header, tc.wantHash, tc.wantHeader)
			}
		})
	}
}

func TestDisableDoubleEncoding(t *testing.T) {
	// A path with an escape: signing escapes it again unless the endpoint
	// disables double encoding, so only the matching verifier accepts it.
	for _, disable := range []bool{false, true} {
		for _, verifierDisables := range []bool{false, true} {
			srv, got := verifyingServer(t, &sigv4verify.Verifier{Lookup: lookup, DisableURIPathEscaping: verifierDisables})
			auth := &sigv4auth.Scheme{Credentials: credentials.Static(accessKey, secretKey, token), Name: "s3", Region: "us-east-1", Keys: sigv4.NewSigner()}
			r := call.NewRequest("GET")
			r.Path = "/bucket/a%20key"
			err := invoke(t, srv, endpoint(t, srv.URL, &call.SigV4Scheme{DisableDoubleEncoding: disable}), auth, &call.Operation{Name: "Op"}, r)
			v := got()
			if len(v) != 1 {
				t.Fatalf("server saw %d requests", len(v))
			}
			if disable == verifierDisables {
				if err != nil || v[0].err != nil {
					t.Errorf("DisableDoubleEncoding %v, verifier %v: %v / %v", disable, verifierDisables, err, v[0].err)
				}
			} else if !errors.Is(v[0].err, sigv4verify.ErrSignature) || err == nil {
				t.Errorf("DisableDoubleEncoding %v, verifier %v: verified (%v), want a signature mismatch", disable, verifierDisables, v[0].err)
			}
		}
	}
}

func TestEachAttemptIsSignedAfresh(t *testing.T) {
	var mu sync.Mutex
	var errs []error
	v := &sigv4verify.Verifier{Lookup: lookup, Service: "svc", Region: "us-east-1"}
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		_, err := v.Verify(r.Context(), r, body)
		mu.Lock()
		errs = append(errs, err)
		n++
		first := n == 1
		mu.Unlock()
		if err != nil {
			w.WriteHeader(http.StatusForbidden)
		} else if first {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	auth := &sigv4auth.Scheme{Credentials: credentials.Static(accessKey, secretKey, token), Name: "svc", Region: "us-east-1", Keys: sigv4.NewSigner()}
	svc := &call.Service{Name: "Svc", DecodeError: func(resp *call.Response) error {
		return &call.GenericAPIError{StatusCode: resp.StatusCode}
	}}
	cfg := &call.Config{Endpoint: endpoint(t, srv.URL, nil), Auth: auth, HTTPClient: srv.Client(), RetryMaxBackoff: time.Millisecond}
	r := call.NewRequest("POST")
	r.Body = []byte("{}")
	if err := call.NewClient(svc).Invoke(t.Context(), cfg, &call.Operation{Name: "Op"}, r, func(*call.Response) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if len(errs) != 2 || errs[0] != nil || errs[1] != nil {
		t.Errorf("verification of the two attempts: %v", errs)
	}
}
