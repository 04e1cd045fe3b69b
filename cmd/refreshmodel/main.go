// Command refreshmodel makes the project's Smithy model from the official
// AWS one.
//
// Usage:
//
//	go run ./cmd/refreshmodel -upstream official.json -additions model/outposts.additions.json -out model/outposts.json
//
// It reads the upstream Smithy JSON AST, drops AWS's documentation prose
// (the smithy.api#documentation traits and the documentation fields inside
// endpoint rule, endpoint test, example, waiter and similar traits), applies
// our additions (members the API has gained since the upstream snapshot, and
// our own short descriptions), and writes the result as a JSON AST with
// two-space indentation. Everything else is kept in the upstream order and
// text, so the output is the same on every run and diffs well against the
// previous one.
//
// The format of the additions file is described in model/README.md.
//
// Exit status: 0 on success, 1 on error (the output file is left as it was),
// 2 on a usage error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run is the whole command, apart from the exit, so tests can call it.
func run(args []string, stderr io.Writer) int {
	flags := flag.NewFlagSet("refreshmodel", flag.ContinueOnError)
	flags.SetOutput(stderr)
	upstream := flags.String("upstream", "", "official Smithy JSON AST `file` to start from")
	additions := flags.String("additions", "", "our additions `file` (format: model/README.md)")
	out := flags.String("out", "", "model `file` to write")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: refreshmodel -upstream FILE -additions FILE -out FILE")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if msg := checkFlags(flags, *upstream, *additions, *out); msg != "" {
		fmt.Fprintf(stderr, "refreshmodel: %s\n", msg)
		flags.Usage()
		return 2
	}

	if err := refreshFile(*upstream, *additions, *out, stderr); err != nil {
		fmt.Fprintf(stderr, "refreshmodel: %v\n", err)
		return 1
	}
	return 0
}

// checkFlags describes what is wrong with the command line, or returns "".
func checkFlags(flags *flag.FlagSet, upstream, additions, out string) string {
	for _, f := range []struct{ name, value string }{{"upstream", upstream}, {"additions", additions}, {"out", out}} {
		// "-upstream -additions x" is what an empty make variable gives;
		// saying so beats complaining about stray arguments.
		if strings.HasPrefix(f.value, "-") {
			return fmt.Sprintf("-%s needs a file name, got %q (was its value left empty?)", f.name, f.value)
		}
	}
	if flags.NArg() > 0 {
		return fmt.Sprintf("unexpected arguments %q", flags.Args())
	}
	if upstream == "" || additions == "" || out == "" {
		return "-upstream, -additions and -out are all required"
	}
	return ""
}

// refreshFile reads the two inputs, and writes the output only if the
// refresh succeeded.
func refreshFile(upstreamFile, additionsFile, outFile string, notes io.Writer) error {
	upstream, err := os.ReadFile(upstreamFile)
	if err != nil {
		return err
	}
	additions, err := os.ReadFile(additionsFile)
	if err != nil {
		return err
	}
	model, err := refresh(upstreamFile, upstream, additionsFile, additions, notes)
	if err != nil {
		return err
	}
	return writeFileAtomic(outFile, model)
}
