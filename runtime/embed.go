// Package runtime is the runtime of the clients and servers that cmd/gen
// generates, one package per concern below this directory (jsonwire,
// sigv4, retry, endpointrules, ...). A package generated with
// "-runtime import" imports them from here, so that the services of one
// program share them; one generated with "-runtime copy" (the default)
// carries a copy of the ones it uses under its internal/ directory, merged
// into one package (internal/smithy; the server's into internal/smithyserver,
// cbor on its own) and reduced to the declarations it uses, and needs only
// the standard library. Both are the same
// code, which is why the packages merged together never declare one name
// twice (but for the files of a package for different platforms, each under
// its //go:build line, which copy mode keeps, and with its assembly).
//
// This package itself only embeds their source, for the generator to copy.
package runtime

import "embed"

// Source holds the source of the runtime packages.
//
//go:embed */*.go */*.s
var Source embed.FS
