package gogen

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/runtime"
)

// RuntimeMode says how a generated package gets the runtime packages
// (../../runtime): its own copies, or the ones of this module.
type RuntimeMode int

const (
	// RuntimeCopy copies the runtime packages the package uses under its
	// internal/ directory, so that it needs only the standard library.
	RuntimeCopy RuntimeMode = iota
	// RuntimeImport imports them from RuntimeModule, so that the services
	// of one program share one runtime (one Credentials type, one provider).
	RuntimeImport
)

// RuntimeModule is the import path under which the runtime packages are
// published; it is also the path they import each other by.
const RuntimeModule = "github.com/smithygo/smithygo/runtime"

// ParseRuntimeMode reads the value of the -runtime flag.
func ParseRuntimeMode(s string) (RuntimeMode, error) {
	switch s {
	case "copy", "":
		return RuntimeCopy, nil
	case "import":
		return RuntimeImport, nil
	}
	return 0, fmt.Errorf("-runtime %q: want copy or import", s)
}

// String is the flag's spelling of the mode.
func (m RuntimeMode) String() string {
	if m == RuntimeImport {
		return "import"
	}
	return "copy"
}

// runtimeBaseFor is where a package generated at importPath finds the
// runtime packages: the one place that decides it, for jennifer's
// qualifiers and the templates' imports alike.
func runtimeBaseFor(importPath string, mode RuntimeMode) string {
	if mode == RuntimeImport {
		return RuntimeModule
	}
	return importPath + "/internal"
}

// runtimePkg is the import path of the runtime package name.
func (p *Plan) runtimePkg(name string) string { return p.runtimeBase + "/" + name }

// validationQual names an identifier of the runtime's validation package.
func (p *Plan) validationQual(name string) *jen.Statement {
	return jen.Qual(p.runtimePkg("validation"), name)
}

// callQual names an identifier of the runtime's call package (the request
// path).
func (p *Plan) callQual(name string) *jen.Statement {
	return jen.Qual(p.runtimePkg("call"), name)
}

// generationTimeSuffix marks the files of a runtime package that the
// generator itself uses (ecmaregex's pattern parser, which prepares patterns
// at generation time) and that clients never call: they are not copied, so
// clients neither compile nor carry them.
const generationTimeSuffix = "_gentime.go"

// copyRuntime adds to out, for RuntimeCopy, the runtime packages that the
// generated files import, and the ones those import in turn. What is copied
// is decided by the imports of the output and nothing else, so a package
// the model does not use is never there.
func copyRuntime(out map[string][]byte, p *Plan) error {
	if p.runtimeMode != RuntimeCopy {
		return nil
	}
	prefix := p.runtimeBase + "/"
	copied := map[string]bool{}
	pending := runtimeImports(out, prefix)
	for len(pending) > 0 {
		name := pending[0]
		pending = pending[1:]
		if copied[name] {
			continue
		}
		copied[name] = true
		files, err := runtimeCopy(name, prefix)
		if err != nil {
			return err
		}
		for file, src := range files {
			origin := "runtime/" + name + "/" + strings.TrimSuffix(path.Base(file), "_gen.go") + ".go"
			if err := addSource(out, file, origin, src); err != nil {
				return err
			}
		}
		pending = append(pending, runtimeImports(files, prefix)...)
	}
	return nil
}

// runtimeImports returns the runtime packages that the files import, by
// name, in sorted order.
func runtimeImports(files map[string][]byte, prefix string) []string {
	seen := map[string]bool{}
	quoted := []byte(`"` + prefix)
	for _, src := range files {
		for rest := src; ; {
			i := bytes.Index(rest, quoted)
			if i < 0 {
				break
			}
			rest = rest[i+len(quoted):]
			end := bytes.IndexByte(rest, '"')
			if end < 0 {
				break
			}
			if name := string(rest[:end]); !strings.Contains(name, "/") {
				seen[name] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// runtimeCopy returns the copy of runtime package name (without its tests
// and generation-time files) for internal/<name>, with its imports of other
// runtime packages rewritten to their copies next to it (prefix). Imports
// are grouped in the runtime so that the longer or shorter path does not
// change gofmt's order.
func runtimeCopy(name, prefix string) (map[string][]byte, error) {
	entries, err := fs.ReadDir(runtime.Source, name)
	if err != nil {
		return nil, fmt.Errorf("runtime package %s: %w", strconv.Quote(name), err)
	}
	files := map[string][]byte{}
	own := []byte(`"` + RuntimeModule + "/")
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || strings.HasSuffix(n, generationTimeSuffix) {
			continue
		}
		src, err := runtime.Source.ReadFile(path.Join(name, n))
		if err != nil {
			return nil, err
		}
		src = bytes.ReplaceAll(src, own, []byte(`"`+prefix))
		files[path.Join("internal", name, strings.TrimSuffix(n, ".go")+"_gen.go")] = src
	}
	return files, nil
}
