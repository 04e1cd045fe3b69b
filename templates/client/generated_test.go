package client

import "net/http"

// This file stands in for the generated client package that the other
// files of this directory are copied into, so that the compiler, vet and
// staticcheck check them where they stand. The generator never copies it.

// HTTPClient is the generated package's HTTP client interface.
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// Client is the generated client.
type Client struct{}

// Options are the generated client's options.
type Options struct{}

// New is the generated client's constructor.
func New(Options) *Client { return &Client{} }

// protocolOptions are the options the generated protocol tests use.
func protocolOptions(string, HTTPClient) Options { return Options{} }

// newIdempotencyToken makes the generated package's idempotency tokens.
var newIdempotencyToken func() string
