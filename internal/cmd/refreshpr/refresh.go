package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// modelFile is the project's model, relative to the repository's root.
const modelFile = "model/outposts.json"

// logTail is how much of a failing test log the report carries.
const logTail = 60000

type config struct {
	Repo, Upstream, Source, Report, Test string
	Log                                  io.Writer
}

// result is what a refresh did.
type result struct {
	Changed  bool
	TestsOK  bool
	Breaking bool
}

func (r result) Summary() string {
	switch {
	case !r.Changed:
		return "the model is unchanged"
	case !r.TestsOK:
		return "the model changed; the regenerated client fails its tests"
	case r.Breaking:
		return "the model changed, with breaking changes to the Go API; the tests pass"
	default:
		return "the model changed; the tests pass"
	}
}

func refresh(cfg config) (result, error) {
	upstream, err := filepath.Abs(cfg.Upstream)
	if err != nil {
		return result{}, err
	}
	model := filepath.Join(cfg.Repo, modelFile)
	before, err := os.ReadFile(model)
	if err != nil {
		return result{}, err
	}
	work, err := os.MkdirTemp("", "refreshpr-")
	if err != nil {
		return result{}, err
	}
	defer os.RemoveAll(work)
	old := filepath.Join(work, "outposts.before.json")
	if err := os.WriteFile(old, before, 0o644); err != nil {
		return result{}, err
	}

	if _, err := sh(cfg, "make model UPSTREAM="+shellQuote(upstream)); err != nil {
		return result{}, err
	}
	after, err := os.ReadFile(model)
	if err != nil {
		return result{}, err
	}
	var res result
	if bytes.Equal(before, after) {
		return res, writeReport(cfg, res, "", "")
	}
	res.Changed = true
	// A model the generator refuses fails like a failing test: the pull
	// request is still opened, saying so, with the log.
	testLog, testErr := sh(cfg, "make generate")
	if testErr == nil {
		testLog, testErr = sh(cfg, cfg.Test)
	}
	res.TestsOK = testErr == nil

	// The API report; exit status 3 means breaking changes were found.
	// gen is built, not run with go run, which turns every failing exit
	// status into 1.
	gen := filepath.Join(work, "gen")
	if out, err := sh(cfg, "go build -o "+shellQuote(gen)+" ./cmd/gen"); err != nil {
		return result{}, fmt.Errorf("building cmd/gen: %w\n%s", err, out)
	}
	var diff, diffErrors bytes.Buffer
	cmd := exec.Command(gen, "-diff", old, modelFile)
	cmd.Dir = cfg.Repo
	cmd.Stdout = &diff
	cmd.Stderr = io.MultiWriter(&diffErrors, cfg.Log)
	report := ""
	var exit *exec.ExitError
	switch err := cmd.Run(); {
	case err == nil:
		report = diff.String()
	case errors.As(err, &exit) && exit.ExitCode() == 3:
		res.Breaking = true
		report = diff.String()
	default:
		report = fmt.Sprintf("`gen -diff` could not compare the models (%v):\n\n```\n%s\n```\n", err, strings.TrimSpace(diffErrors.String()))
	}
	if res.TestsOK {
		testLog = ""
	}
	return res, writeReport(cfg, res, report, testLog)
}

// writeReport writes the pull request's body.
func writeReport(cfg config, res result, diff, testLog string) error {
	var b strings.Builder
	b.WriteString("## Outposts model refresh\n\n")
	if cfg.Source != "" {
		fmt.Fprintf(&b, "Upstream: `%s`\n\n", cfg.Source)
	}
	if !res.Changed {
		b.WriteString("The official model gives the same `model/outposts.json`: nothing to change.\n")
		return os.WriteFile(cfg.Report, []byte(b.String()), 0o644)
	}
	if res.TestsOK {
		fmt.Fprintf(&b, "`make model`, `make generate` and `%s` pass.\n\n", cfg.Test)
	} else {
		fmt.Fprintf(&b, "**The regenerated client fails `%s`**: this pull request must not be merged as it is. The log is at the end.\n\n", cfg.Test)
	}
	b.WriteString(strings.TrimSpace(diff))
	b.WriteString("\n")
	if testLog != "" {
		if len(testLog) > logTail {
			testLog = "...\n" + testLog[len(testLog)-logTail:]
		}
		fmt.Fprintf(&b, "\n<details><summary>Log of <code>%s</code></summary>\n\n```\n%s\n```\n</details>\n", cfg.Test, strings.ReplaceAll(testLog, "```", "` ` `"))
	}
	return os.WriteFile(cfg.Report, []byte(b.String()), 0o644)
}

// sh runs a shell command in the repository, returning its combined output
// and copying it to the log as it runs.
func sh(cfg config, command string) (string, error) {
	fmt.Fprintf(cfg.Log, "+ %s\n", command)
	var out bytes.Buffer
	cmd := exec.Command("sh", "-c", command)
	cmd.Dir = cfg.Repo
	cmd.Stdout = io.MultiWriter(&out, cfg.Log)
	cmd.Stderr = cmd.Stdout
	err := cmd.Run()
	return out.String(), err
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func appendOutputs(path string, res result) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	tests := "pass"
	if !res.TestsOK {
		tests = "fail"
	}
	_, err = fmt.Fprintf(f, "changed=%t\ntests=%s\nbreaking=%t\n", res.Changed, tests, res.Breaking)
	return errors.Join(err, f.Close())
}
