// Command gen generates a Go client package from a Smithy model.
//
//	gen -model PATH [-model PATH ...] -out DIR [-service SHAPE_ID] [-package NAME] [-import-path PATH]
//	gen -check -model PATH [-model PATH ...]
//	gen -diff [-service SHAPE_ID] [-allow-unknown-traits] OLD NEW
//
// Every applied trait must resolve to a trait definition, in the model or
// among the definitions the generator knows (smithy.api, aws.*, smithy.rules,
// smithy.waiters, smithy.test, ...); -allow-unknown-traits makes an unknown
// trait a warning instead.
//
// Each -model PATH is a Smithy IDL file (.smithy), a JSON AST file (.json), or
// a directory, which stands for every .smithy and .json file below it; all
// of them are merged into one model.
//
// gen -diff compares the Go packages that two models (each a path as for
// -model) would generate, as a user of the package sees them, and prints
// the changes in Markdown, each marked breaking or compatible, for a pull
// request's body; "No change to the Go API." when there is none.
// Breaking: a removed or renamed operation, paginator, waiter, type, error
// type, field, enum value or union variant; a changed Go type (a pointer
// that became a value, or the reverse); an enum constant with a new wire
// value; a changed or removed default (an unset field silently means
// another value); and in what is sent to the service, a newly required
// member or a narrowed constraint (a changed pattern counts as narrowed).
// Compatible: additions, a default added, widened constraints, the errors
// an operation can fail with (errors.As keeps compiling), and constraint
// changes in what the service only returns, which the client does not
// check. Package internal/apidiff has the full rules.
//
// Exit status: 0 on success, 1 on a model or generation error, 2 on wrong
// usage; -diff exits 0 when it found no breaking change and 3 when it did.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/smithygo/smithygo/internal/apidiff"
	"github.com/smithygo/smithygo/internal/gen"
	"github.com/smithygo/smithygo/internal/gogen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts gen.Options
	var models listFlag
	fs.Var(&models, "model", "a Smithy model: an IDL (.smithy) or JSON AST (.json) file, or a directory of them (searched recursively); repeat to merge several into one model")
	fs.StringVar(&opts.Out, "out", "", "the directory of the generated Go package")
	fs.StringVar(&opts.Service, "service", "", "the service shape ID (default: the model's only service)")
	fs.StringVar(&opts.Package, "package", "", "the Go package name (default: from aws.api#service sdkId, else the service name)")
	fs.StringVar(&opts.ImportPath, "import-path", "", "the Go import path of -out (default: derived from the enclosing go.mod)")
	fs.BoolVar(&opts.ProtocolTests, "protocol-tests", false, "also generate protocol_gen_test.go from the model's smithy.test#httpRequestTests and httpResponseTests")
	fs.BoolVar(&opts.Server, "server", false, "also write the package server below -out: a Service interface with one method per operation and NewHandler, an http.Handler that serves it (restJson1, awsJson1_0, awsJson1_1, rpcv2Json, rpcv2Cbor; event streams included)")
	fs.BoolVar(&opts.NoTests, "no-tests", false, "leave out the generated tests (the model's endpoint test cases)")
	fs.Func("runtime", "how the package gets its runtime: copy (the default: copies of the runtime packages it uses under its internal/ directory, so it needs only the standard library) or import (imports github.com/smithygo/smithygo/runtime/..., so that the services of one program share them)", func(v string) error {
		m, err := gogen.ParseRuntimeMode(v)
		opts.Runtime = m
		return err
	})
	skipMissing := fs.Bool("skip-missing", false, "succeed without generating, with a note, when a -model path does not exist (for models read from ../shared)")
	check := fs.Bool("check", false, "only load and resolve the model, and print a summary line")
	diff := fs.Bool("diff", false, "compare the Go APIs generated from two models, OLD and NEW (paths as for -model), print the changes in Markdown, and exit 3 if any is breaking")
	fs.BoolVar(&opts.DropDocumentation, "drop-docs", false, "leave the model's documentation text out of the generated code (the generator's own sentences stay), for models whose prose may not be copied")
	fs.BoolVar(&opts.AllowUnknownTraits, "allow-unknown-traits", false, "warn about, instead of refusing, traits that resolve to no trait definition (and use statements that import no shape)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gen -model PATH [-model PATH ...] -out DIR [-service SHAPE_ID] [-package NAME] [-import-path PATH] [-server] [-runtime copy|import] [-no-tests] [-allow-unknown-traits]")
		fmt.Fprintln(stderr, "       gen -check -model PATH [-model PATH ...] [-service SHAPE_ID] [-allow-unknown-traits]")
		fmt.Fprintln(stderr, "       gen -diff [-service SHAPE_ID] [-allow-unknown-traits] OLD NEW")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	opts.Models = models
	opts.Generator = generatorVersion()
	opts.Warn = func(err error) { fmt.Fprintln(stderr, "gen: warning:", err) }
	if *diff {
		if fs.NArg() != 2 || len(models) > 0 || opts.Out != "" || *check {
			fmt.Fprintln(stderr, "gen: -diff takes two model paths, OLD and NEW, and no -model, -out or -check")
			fs.Usage()
			return 2
		}
		return runDiff(opts, fs.Arg(0), fs.Arg(1), stdout, stderr)
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "gen: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	case len(models) == 0:
		fmt.Fprintln(stderr, "gen: at least one -model is required")
		fs.Usage()
		return 2
	case !*check && opts.Out == "":
		fmt.Fprintln(stderr, "gen: -out is required (or use -check)")
		fs.Usage()
		return 2
	}
	if *skipMissing {
		for _, m := range models {
			if _, err := os.Stat(m); errors.Is(err, os.ErrNotExist) {
				fmt.Fprintf(stderr, "gen: skipping %s: model %s does not exist\n", opts.Out, m)
				return 0
			}
		}
	}
	if *check {
		sum, err := gen.Check(opts)
		if err != nil {
			fmt.Fprintln(stderr, "gen:", err)
			return 1
		}
		fmt.Fprintf(stdout, "ok: %s, %s, %s\n", count(sum.Shapes, "shape"), count(sum.Operations, "operation"), count(sum.Services, "service"))
		return 0
	}
	if err := gen.Run(opts); err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 1
	}
	return 0
}

// modulePath is the generator's module.
const modulePath = "github.com/smithygo/smithygo"

// generatorVersion names the generator's module and version as the build
// recorded it: "(devel)" when run from a checkout of this module (go run,
// go generate here), the required version when it is a dependency of the
// user's module (go tool gen). A local replace is not named, so that the
// output does not depend on where the checkout is.
func generatorVersion() string {
	version := "(unknown)"
	if info, ok := debug.ReadBuildInfo(); ok {
		if info.Main.Path == modulePath {
			version = info.Main.Version
		}
		for _, dep := range info.Deps {
			if dep.Path == modulePath {
				version = dep.Version
			}
		}
	}
	return modulePath + " " + version
}

// runDiff prints the API changes from the model at oldPath to the one at
// newPath.
func runDiff(opts gen.Options, oldPath, newPath string, stdout, stderr io.Writer) int {
	changes, err := gen.Diff(opts, oldPath, newPath)
	if err == nil {
		err = apidiff.WriteMarkdown(stdout, changes)
	}
	if err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 1
	}
	if apidiff.Breaking(changes) {
		return 3
	}
	return 0
}

// count formats "1 shape" or "N shapes".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
