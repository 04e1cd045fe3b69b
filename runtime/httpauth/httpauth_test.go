package httpauth_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smithygo/smithygo/runtime/call"
	"github.com/smithygo/smithygo/runtime/httpauth"
)

// seen is what a server saw of each request.
type seen struct {
	header http.Header
	query  string
}

// send makes one call through a local server that fails the first fails
// attempts with a 503, and returns what it saw of every attempt.
func send(t *testing.T, auth call.Auth, query string, fails int) ([]seen, error) {
	t.Helper()
	var mu sync.Mutex
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, seen{r.Header.Clone(), r.URL.RawQuery})
		if len(got) <= fails {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	ep, err := call.ParseEndpoint(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	svc := &call.Service{Name: "Svc", DecodeError: func(resp *call.Response) error {
		return &call.GenericAPIError{StatusCode: resp.StatusCode}
	}}
	cfg := &call.Config{Endpoint: ep, Auth: auth, HTTPClient: srv.Client(), RetryMaxAttempts: fails + 1, RetryMaxBackoff: time.Millisecond}
	r := call.NewRequest("POST")
	r.Path = "/things"
	if query != "" {
		r.Query.Add("q", query)
	}
	r.Body = []byte(`{}`)
	op := &call.Operation{Name: "Op", SafeToRetry: true}
	err = call.NewClient(svc).Invoke(t.Context(), cfg, op, r, func(*call.Response) error { return nil })
	mu.Lock()
	defer mu.Unlock()
	return got, err
}

func TestSchemesOnEveryAttempt(t *testing.T) {
	for _, tc := range []struct {
		name      string
		auth      call.Auth
		query     string
		header    string // the header the scheme sets
		want      string
		wantQuery string
	}{
		{"bearer", httpauth.Bearer{Token: httpauth.StaticToken("tok-1.2_3~+/=")}, "", "Authorization", "Bearer tok-1.2_3~+/=", ""},
		{"API key header", httpauth.APIKey{Key: httpauth.StaticToken("k3y"), Name: "X-Api-Key"}, "", "X-Api-Key", "k3y", ""},
		{"API key header with scheme", httpauth.APIKey{Key: httpauth.StaticToken("k3y"), Name: "Authorization", Scheme: "ApiKey"}, "", "Authorization", "ApiKey k3y", ""},
		{"API key query", httpauth.APIKey{Key: httpauth.StaticToken("a&b=c d"), Name: "api key", InQuery: true}, "", "", "", "api+key=a%26b%3Dc+d"},
		{"API key query after the request's", httpauth.APIKey{Key: httpauth.StaticToken("k"), Name: "key", InQuery: true}, "v", "", "", "q=v&key=k"},
		{"basic", httpauth.Basic{Credentials: httpauth.StaticBasicAuth{Username: "ann", Password: "pa:ss wörd"}}, "", "Authorization", "Basic YW5uOnBhOnNzIHfDtnJk", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := send(t, tc.auth, tc.query, 2)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 3 {
				t.Fatalf("server saw %d attempts, want 3", len(got))
			}
			for i, s := range got {
				if tc.header != "" {
					if v := s.header.Values(tc.header); len(v) != 1 || v[0] != tc.want {
						t.Errorf("attempt %d: %s = %q, want only %q", i+1, tc.header, v, tc.want)
					}
				} else if a := s.header.Get("Authorization"); a != "" {
					t.Errorf("attempt %d: Authorization = %q, want none", i+1, a)
				}
				want := tc.wantQuery
				if want == "" && tc.query != "" {
					want = "q=" + tc.query
				}
				if s.query != want {
					t.Errorf("attempt %d: query %q, want %q", i+1, s.query, want)
				}
			}
		})
	}
}

// The server's own parser reads back what Basic sends.
func TestBasicRoundTrips(t *testing.T) {
	got, err := send(t, httpauth.Basic{Credentials: httpauth.StaticBasicAuth{Username: "ünïcode", Password: ":colons:"}}, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	r := &http.Request{Header: got[0].header}
	if u, p, ok := r.BasicAuth(); !ok || u != "ünïcode" || p != ":colons:" {
		t.Errorf("BasicAuth() = %q, %q, %v", u, p, ok)
	}
}

type basicFunc func(ctx context.Context) (string, string, error)

func (f basicFunc) BasicAuth(ctx context.Context) (string, string, error) { return f(ctx) }

func TestSecretsThatCannotBeSent(t *testing.T) {
	expired := errors.New("token expired")
	for _, tc := range []struct {
		name string
		auth call.Auth
		want string
		is   error
	}{
		{"provider error", httpauth.Bearer{Token: httpauth.TokenFunc(func(context.Context) (string, error) { return "", expired })}, "retrieving the bearer token: token expired", expired},
		{"empty token", httpauth.Bearer{Token: httpauth.StaticToken("")}, "the bearer token is empty", nil},
		{"empty key", httpauth.APIKey{Key: httpauth.StaticToken(""), Name: "k"}, "the API key is empty", nil},
		{"newline in key", httpauth.APIKey{Key: httpauth.StaticToken("a\r\nX-Evil: 1"), Name: "k"}, "the API key holds a control character", nil},
		{"colon in user", httpauth.Basic{Credentials: httpauth.StaticBasicAuth{Username: "a:b"}}, "user name contains a colon", nil},
		{"basic provider error", httpauth.Basic{Credentials: basicFunc(func(context.Context) (string, string, error) { return "", "", expired })}, "retrieving the basic auth credentials", expired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := send(t, tc.auth, "", 0)
			if err == nil || !strings.Contains(err.Error(), tc.want) || (tc.is != nil && !errors.Is(err, tc.is)) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
			if len(got) != 0 {
				t.Errorf("server saw %d requests, want none", len(got))
			}
		})
	}
}

// A provider is asked once per call, not once per attempt: a refreshing
// provider is not hit by retries.
func TestTokenAskedOncePerCall(t *testing.T) {
	var calls int
	p := httpauth.TokenFunc(func(context.Context) (string, error) { calls++; return "t", nil })
	if _, err := send(t, httpauth.Bearer{Token: p}, "", 2); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("provider called %d times for a call of 3 attempts, want 1", calls)
	}
}
