// Command fetchshared fetches the reference data that the tests read from
// ../shared (official models, protocol test suites, trait definitions,
// test vectors) from the upstream repositories, at the commits their
// SOURCE.md files name, and checks every file against shared.sha256.
//
//	go run ./internal/cmd/fetchshared [-dest ../shared]
//	go run ./internal/cmd/fetchshared -write-manifest   # after ../shared changes
//
// CI runs it where ../shared is not provided (see .github/workflows/ci.yml);
// contributors can too. It needs git and network access to github.com.
// testdata/aws-patterns/patterns.json is not a file upstream: it is made from
// all the models of aws/api-models-aws at that commit (patterns.go).
// Nothing is written to -dest unless every file fetched matches its digest.
//
// Exit status: 0 on success, 1 on any error.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("fetchshared", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dest := fs.String("dest", "../shared", "the directory to fill (the tests read ../shared)")
	manifest := fs.String("manifest", "internal/cmd/fetchshared/shared.sha256", "the digests of every file, as sha256sum prints them")
	base := fs.String("github", "https://github.com", "where the upstream repositories are (owner/name is appended)")
	write := fs.Bool("write-manifest", false, "write -manifest from the files in -dest instead of fetching")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var err error
	if *write {
		err = writeManifest(*dest, *manifest)
	} else {
		err = fetch(fetchConfig{Dest: *dest, Manifest: *manifest, GitHub: *base, Sources: sources, Log: stderr})
	}
	if err != nil {
		fmt.Fprintln(stderr, "fetchshared:", err)
		return 1
	}
	return 0
}
