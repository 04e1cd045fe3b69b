// Package templates holds Go source that the generator copies into
// generated packages as text (its "package PACKAGE" line and "RUNTIME/"
// import prefix replaced): the runners of generated protocol tests, which
// are test files of the package they test. The runtime of clients and
// servers is the packages under ../runtime.
package templates

import "embed"

// FS holds the templates.
//
//go:embed *.go.tmpl server/*.go.tmpl
var FS embed.FS
