// Package httpauth authenticates the requests of generated clients with the
// HTTP auth schemes of Smithy's prelude: @httpBearerAuth, @httpApiKeyAuth
// and @httpBasicAuth. Each scheme is a call.Auth for package call's request
// path; the secret comes from a provider, once per call, so that a token
// that expires can be replaced between calls.
package httpauth

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/smithygo/smithygo/runtime/call"
)

// TokenProvider supplies the secret a request carries: a bearer token or
// an API key. It is called once per call, so one that fetches the secret
// should cache it.
type TokenProvider interface {
	Token(ctx context.Context) (string, error)
}

// StaticToken is a TokenProvider of a fixed token or key.
type StaticToken string

// Token returns t.
func (t StaticToken) Token(context.Context) (string, error) { return string(t), nil }

// TokenFunc is a function used as a TokenProvider.
type TokenFunc func(ctx context.Context) (string, error)

// Token returns f(ctx).
func (f TokenFunc) Token(ctx context.Context) (string, error) { return f(ctx) }

// BasicAuthProvider supplies the user name and password of HTTP Basic
// authentication, once per call.
type BasicAuthProvider interface {
	BasicAuth(ctx context.Context) (username, password string, err error)
}

// StaticBasicAuth is a BasicAuthProvider of a fixed user name and password.
type StaticBasicAuth struct {
	Username, Password string
}

// BasicAuth returns a's user name and password.
func (a StaticBasicAuth) BasicAuth(context.Context) (string, string, error) {
	return a.Username, a.Password, nil
}

// Bearer is @httpBearerAuth (RFC 6750): "Authorization: Bearer <token>".
type Bearer struct {
	Token TokenProvider
}

// Signer returns the signer of one call, with the provider's token.
func (b Bearer) Signer(ctx context.Context, _ *call.Endpoint) (call.RequestSigner, error) {
	tok, err := secret(ctx, b.Token, "bearer token")
	if err != nil {
		return nil, err
	}
	return &headerSigner{name: "Authorization", value: "Bearer " + tok}, nil
}

// APIKey is @httpApiKeyAuth: the key in a header or a query parameter.
type APIKey struct {
	Key TokenProvider
	// Name is the header's or the query parameter's.
	Name string
	// InQuery sends the key as a query parameter rather than a header.
	InQuery bool
	// Scheme, for a header, is written before the key: "Scheme key".
	Scheme string
}

// Signer returns the signer of one call, with the provider's key.
func (a APIKey) Signer(ctx context.Context, _ *call.Endpoint) (call.RequestSigner, error) {
	key, err := secret(ctx, a.Key, "API key")
	if err != nil {
		return nil, err
	}
	if a.InQuery {
		return &querySigner{param: url.QueryEscape(a.Name) + "=" + url.QueryEscape(key)}, nil
	}
	if a.Scheme != "" {
		key = a.Scheme + " " + key
	}
	return &headerSigner{name: a.Name, value: key}, nil
}

// Basic is @httpBasicAuth (RFC 7617): "Authorization: Basic" and the
// base64 of "username:password".
type Basic struct {
	Credentials BasicAuthProvider
}

// Signer returns the signer of one call, with the provider's user name
// and password.
func (b Basic) Signer(ctx context.Context, _ *call.Endpoint) (call.RequestSigner, error) {
	user, password, err := b.Credentials.BasicAuth(ctx)
	if err != nil {
		return nil, fmt.Errorf("retrieving the basic auth credentials: %w", err)
	}
	if strings.Contains(user, ":") {
		// RFC 7617: the first colon ends the user name.
		return nil, errors.New("the basic auth user name contains a colon")
	}
	value := "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))
	return &headerSigner{name: "Authorization", value: value}, nil
}

// secret retrieves a token or key and checks that it can be sent: present,
// and free of the control characters a header cannot hold (net/http would
// refuse the request with a message that does not say which header).
func secret(ctx context.Context, p TokenProvider, what string) (string, error) {
	s, err := p.Token(ctx)
	switch {
	case err != nil:
		return "", fmt.Errorf("retrieving the %s: %w", what, err)
	case s == "":
		return "", fmt.Errorf("the %s is empty", what)
	case strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }):
		return "", fmt.Errorf("the %s holds a control character", what)
	}
	return s, nil
}

// headerSigner sets one header on every attempt.
type headerSigner struct {
	name, value string
}

func (s *headerSigner) Sign(req *http.Request, _ string, _ time.Time) error {
	req.Header.Set(s.name, s.value)
	return nil
}

// PayloadBlind marks the signer as not reading the payload hash.
func (*headerSigner) PayloadBlind() {}

// querySigner adds one query parameter, already encoded, to every attempt.
type querySigner struct {
	param string
}

func (s *querySigner) Sign(req *http.Request, _ string, _ time.Time) error {
	if req.URL.RawQuery == "" {
		req.URL.RawQuery = s.param
	} else {
		req.URL.RawQuery += "&" + s.param
	}
	return nil
}

// PayloadBlind marks the signer as not reading the payload hash.
func (*querySigner) PayloadBlind() {}
