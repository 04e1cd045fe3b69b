// Package templates holds Go source that the generator copies into
// generated packages: the runners of generated protocol tests, which are
// test files of the package they test. Each directory is a package that
// builds, vets and passes staticcheck where it stands: client/ for a
// client package (compare_test.go also goes to servers), server/ for a
// server package, each with a generated_test.go that stands in for the
// generated code and is never copied. The generator sets the package
// clause and points the runtime imports where the generated package finds
// the runtime. The runtime of clients and servers is the packages under
// ../runtime.
package templates

import "embed"

// FS holds the templates.
//
//go:embed client/*_test.go server/*_test.go
var FS embed.FS

// StandIn is the name of the file, in each directory, that declares what
// the generated package provides; it is not a template.
const StandIn = "generated_test.go"
