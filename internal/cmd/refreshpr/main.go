// Command refreshpr refreshes the Outposts model from a newer official one
// and writes the body of the pull request that proposes it: what changed in
// the Go API (cmd/gen -diff), and whether the regenerated client builds and
// passes the tests, with the log when it does not.
//
//	go run ./internal/cmd/refreshpr -upstream new-official.json -report body.md [-source TEXT] [-test 'make test']
//
// It runs, in the repository: make model UPSTREAM=..., and when the model
// changed, make generate, the test command and gen -diff against the model
// as it was. .ci/model-refresh fetches the newest official model and runs
// it; .github/workflows/model-refresh.yml opens the pull request. Where
// $GITHUB_OUTPUT is set, it also writes changed=true|false and
// tests=pass|fail there for the workflow.
//
// Exit status: 0 when the model is unchanged or the refresh was made (even
// when the tests fail: the report says so), 1 when it could not be made.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("refreshpr", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg config
	fs.StringVar(&cfg.Repo, "repo", ".", "the repository's root")
	fs.StringVar(&cfg.Upstream, "upstream", "", "the newer official Outposts model (Smithy JSON AST)")
	fs.StringVar(&cfg.Source, "source", "", "where the upstream model comes from, for the report (repository@commit:path)")
	fs.StringVar(&cfg.Report, "report", "", "the file to write the pull request's body to (Markdown)")
	fs.StringVar(&cfg.Test, "test", "make test", "the shell command that tests the regenerated client")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if cfg.Upstream == "" || cfg.Report == "" {
		fmt.Fprintln(stderr, "refreshpr: -upstream and -report are required")
		return 2
	}
	cfg.Log = stderr
	res, err := refresh(cfg)
	if err != nil {
		fmt.Fprintln(stderr, "refreshpr:", err)
		return 1
	}
	if out := os.Getenv("GITHUB_OUTPUT"); out != "" {
		if err := appendOutputs(out, res); err != nil {
			fmt.Fprintln(stderr, "refreshpr:", err)
			return 1
		}
	}
	fmt.Fprintln(stdout, res.Summary())
	return 0
}
