package server

import (
	"net/http"
	"testing"
)

// This file stands in for the generated server package that
// protocol_test.go is copied into (with ../client/compare_test.go), so
// that the compiler, vet and staticcheck check it where it stands. The
// generator never copies it.

// Service is the generated server's service interface.
type Service interface{}

// HandlerOptions are the generated server's handler options.
type HandlerOptions struct{}

// NewHandler is the generated server's handler constructor.
func NewHandler(Service, HandlerOptions) http.Handler { return http.NotFoundHandler() }

// compareBody is ../client/compare_test.go's.
func compareBody(*testing.T, []byte, string, string) {}
