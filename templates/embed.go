// Package templates holds the Go source that the generator copies into every
// generated package as text rather than building it with jennifer: runtime
// helpers (*.go.tmpl, whose "package PACKAGE" line is replaced) and whole
// packages copied under the generated package's internal/ directory.
package templates

import "embed"

// FS holds the templates.
//
//go:embed *.go.tmpl server/*.go.tmpl httproute/*.go sigv4verify/*.go ecmaregex/*.go awsconfig/*.go endpointrules/*.go cbor/*.go jsonwire/*.go retry/*.go sigv4/*.go jmespath/*.go httpbind/*.go textfmt/*.go
var FS embed.FS
