// Package templates holds Go source that the generator copies into
// generated packages as text rather than building it with jennifer:
// runtime helpers (*.go.tmpl, whose "package PACKAGE" line and "RUNTIME/"
// import prefix are replaced) that are not yet packages of their own.
package templates

import "embed"

// FS holds the templates.
//
//go:embed *.go.tmpl server/*.go.tmpl
var FS embed.FS
