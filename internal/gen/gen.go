// Package gen is the generator's pipeline: load the model, resolve the
// service, render the Go package in memory, and only then write it.
package gen

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/smithygo/smithygo/internal/apidiff"
	"github.com/smithygo/smithygo/internal/gogen"
	"github.com/smithygo/smithygo/internal/outdir"
	"github.com/smithygo/smithygo/internal/shapes"
)

// Options are the generator's inputs.
type Options struct {
	Models     []string // model files (.smithy IDL, .json AST) and directories of them
	Out        string   // output directory
	Service    string   // service shape ID; "" for the only service
	Package    string   // Go package name; "" to derive it
	ImportPath string   // Go import path of Out; "" to derive it from go.mod
	NoTests    bool     // leave out the generated tests (endpoint test cases)
	// ProtocolTests adds the model's smithy.test HTTP protocol tests as Go tests.
	ProtocolTests bool
	// Server also writes the package server below the client package (a
	// Service interface and an http.Handler that serves it).
	Server bool
	// Runtime says whether the runtime packages are copied into the
	// generated package (the default) or imported from this module.
	Runtime gogen.RuntimeMode
	// AllowUnknownTraits makes a trait that resolves to no definition a
	// warning instead of an error (shapes.Options.AllowUnknownTraits).
	AllowUnknownTraits bool
	// DropDocumentation leaves the model's documentation text out of the
	// generated code (shapes.Options.DropDocumentation).
	DropDocumentation bool
	// Warn receives the loader's warnings; nil drops them.
	Warn func(error)
	// Generator names the generator and its version on the second line of
	// every generated file ("github.com/smithygo/smithygo (devel)"); the
	// digests of the model paths follow it. "" leaves both out.
	Generator string
}

// load loads the model with the options' loader settings and hands its
// warnings to opts.Warn.
func load(opts Options) (*shapes.Model, error) {
	m, err := shapes.Options{AllowUnknownTraits: opts.AllowUnknownTraits, DropDocumentation: opts.DropDocumentation}.LoadFiles(opts.Models...)
	if err != nil {
		return nil, err
	}
	if opts.Warn != nil {
		for _, w := range m.Warnings() {
			opts.Warn(w)
		}
	}
	return m, nil
}

// Summary counts what a model holds.
type Summary struct {
	Shapes, Operations, Services int
}

// Check loads and resolves the model (and the service, when one is named or
// the model has exactly one) without generating anything. A resolved
// service must have a protocol the generator supports and pass the
// generator's own checks, as for Run.
func Check(opts Options) (Summary, error) {
	m, err := load(opts)
	if err != nil {
		return Summary{}, err
	}
	var sum Summary
	for s := range m.Shapes() {
		if s.ID.Namespace == "smithy.api" {
			continue
		}
		sum.Shapes++
		switch s.Kind {
		case shapes.KindOperation:
			sum.Operations++
		}
		if s.IsService() {
			sum.Services++
		}
	}
	if opts.Service != "" || sum.Services == 1 {
		svc, err := m.Service(opts.Service)
		if err != nil {
			return sum, err
		}
		if err := gogen.CheckProtocol(svc.Shape); err != nil {
			return sum, m.Locate(err)
		}
		// Planning is where the generator refuses what it cannot write
		// (a default it cannot express, a stream the protocol cannot
		// carry, Go names that clash): -check says what generating would.
		if _, err := gogen.NewPlan(svc, gogen.Config{ImportPath: "example.com/check"}); err != nil {
			return sum, m.Locate(err)
		}
	}
	return sum, nil
}

// Render loads the model and renders the package in memory.
func Render(opts Options) (map[string][]byte, error) {
	m, err := load(opts)
	if err != nil {
		return nil, err
	}
	svc, err := m.Service(opts.Service)
	if err != nil {
		return nil, err
	}
	if err := gogen.CheckProtocol(svc.Shape); err != nil {
		return nil, err
	}
	importPath := opts.ImportPath
	if importPath == "" {
		if importPath, err = ImportPath(opts.Out); err != nil {
			return nil, err
		}
	}
	cfg := gogen.Config{ImportPath: importPath, Package: opts.Package, Tests: !opts.NoTests, ProtocolTests: opts.ProtocolTests, Server: opts.Server, Runtime: opts.Runtime}
	if opts.Generator != "" {
		cfg.Generator = opts.Generator
		if cfg.Models, err = shapes.DigestPaths(opts.Models...); err != nil {
			return nil, err
		}
	}
	if opts.Warn != nil {
		cfg.Warn = func(w error) { opts.Warn(m.Locate(w)) }
	}
	files, err := gogen.Generate(svc, cfg)
	if err != nil {
		// The generator names shapes; in an IDL model, point at their lines.
		return nil, m.Locate(err)
	}
	return files, nil
}

// Surface loads the model and returns the Go API of the package Render
// would write for it (gogen.Surface), for gen -diff. Out and ImportPath
// are not needed: the API names types by package name.
func Surface(opts Options) (*gogen.API, error) {
	m, err := load(opts)
	if err != nil {
		return nil, err
	}
	svc, err := m.Service(opts.Service)
	if err != nil {
		return nil, err
	}
	api, err := gogen.Surface(svc, gogen.Config{ImportPath: opts.ImportPath, Package: opts.Package})
	if err != nil {
		return nil, m.Locate(err)
	}
	return api, nil
}

// Diff compares the Go APIs of the models at oldPath and newPath (each a
// file or directory, as in Models, which is ignored), loaded with the rest
// of opts.
func Diff(opts Options, oldPath, newPath string) ([]apidiff.Change, error) {
	var apis [2]*gogen.API
	for i, path := range []string{oldPath, newPath} {
		o := opts
		o.Models = []string{path}
		api, err := Surface(o)
		if err != nil {
			return nil, err
		}
		apis[i] = api
	}
	return apidiff.Compare(apis[0], apis[1]), nil
}

// Run renders the package and writes it to opts.Out. Nothing is written
// unless rendering succeeds.
func Run(opts Options) error {
	files, err := Render(opts)
	if err != nil {
		return err
	}
	return outdir.Write(opts.Out, files, gogen.HeaderLine)
}

// ImportPath derives the Go import path of dir from the nearest go.mod above it.
func ImportPath(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		mod, err := modulePath(filepath.Join(d, "go.mod"))
		if err == nil {
			rel, err := filepath.Rel(d, abs)
			if err != nil {
				return "", err
			}
			if rel == "." {
				return mod, nil
			}
			return mod + "/" + filepath.ToSlash(rel), nil
		}
		if !os.IsNotExist(err) {
			return "", err
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod above %s: pass -import-path", dir)
		}
	}
}

func modulePath(gomod string) (string, error) {
	f, err := os.Open(gomod)
	if err != nil {
		return "", err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		if rest, ok := strings.CutPrefix(line, "module"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	if err := s.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("%s: no module line", gomod)
}
