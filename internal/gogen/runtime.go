package gogen

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
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

// runtimePkg is the import path of the runtime package name: the package
// itself with RuntimeImport, the package it is merged into with
// RuntimeCopy.
func (p *Plan) runtimePkg(name string) string {
	if p.runtimeMode == RuntimeImport {
		return p.runtimeBase + "/" + name
	}
	return p.runtimeBase + "/" + runtimeGroup(name)
}

// runtimeName is the package name of runtimePkg(name).
func (p *Plan) runtimeName(name string) string {
	if p.runtimeMode == RuntimeImport {
		return name
	}
	return runtimeGroup(name)
}

// runtimeGroup is the package under internal/ that RuntimeCopy copies the
// runtime package name into. The runtime packages a client uses become one
// package, smithy: each package costs the compiler a fixed ~0.1 s, which
// for a dozen small ones was more than their code. cbor keeps a package of
// its own, since its API has jsonwire's names (Decoder, Encoder, ...); the
// server's runtime is a second package, so that a client built without its
// server compiles none of it. Names are unique within each group (the
// runtime's tests and readRuntimeSource check it).
func runtimeGroup(name string) string {
	switch name {
	case "cbor":
		return "cbor"
	case "serve", "httproute", "sigv4verify":
		return "smithyserver"
	}
	return "smithy"
}

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
// generated files use, and the ones those import in turn, merged into
// their groups' packages (runtimeGroup). What is copied is decided by the
// output and nothing else: each name the generated files select from a
// merged package belongs to one runtime package, so a package the model
// does not use is never there.
func copyRuntime(out map[string][]byte, p *Plan) error {
	if p.runtimeMode != RuntimeCopy {
		return nil
	}
	rs, err := loadRuntimeSource()
	if err != nil {
		return err
	}
	used, err := rs.usedBy(out, p.runtimeBase)
	if err != nil {
		return err
	}
	copied := map[string]bool{}
	for len(used) > 0 {
		name := used[0]
		used = used[1:]
		if copied[name] {
			continue
		}
		copied[name] = true
		used = append(used, rs.pkgs[name].imports...)
	}
	members := map[string][]string{} // group -> its runtime packages
	for _, name := range slices.Sorted(maps.Keys(copied)) {
		g := runtimeGroup(name)
		members[g] = append(members[g], name)
	}
	for group, names := range members {
		doc := groupDoc(group, names)
		for _, name := range names {
			for _, f := range rs.pkgs[name].files {
				origin := "runtime/" + name + "/" + f.name
				src, err := relocate(origin, f.src, runtimeImportPrefix, group, p.runtimeBase, doc)
				if err != nil {
					return err
				}
				doc = ""
				if err := addSource(out, copiedName(group, name, f.name), origin, src); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// copiedName is where copy mode writes the file of runtime package name:
// internal/<group>/<name>_<file>_gen.go, or <name>_gen.go for the file
// named after its package.
func copiedName(group, name, file string) string {
	base := strings.TrimSuffix(file, ".go")
	if base != name {
		base = name + "_" + base
	}
	return path.Join("internal", group, base+"_gen.go")
}

// groupDoc is the package doc of a merged runtime package.
func groupDoc(group string, names []string) string {
	return commentText(wrap("Package %s is a copy of the smithygo runtime packages %s (%s/...), merged into one package, which compiles faster than one package each.", group, strings.Join(names, ", "), RuntimeModule)) + "\n"
}

// usedBy returns the runtime packages whose names the files select from
// the merged packages at base, sorted.
func (rs *runtimeSource) usedBy(files map[string][]byte, base string) ([]string, error) {
	used := map[string]bool{}
	quoted := []byte(`"` + base + "/")
	for _, name := range slices.Sorted(maps.Keys(files)) {
		src := files[name]
		if !bytes.Contains(src, quoted) {
			continue
		}
		f, err := scanGoFile(name, src)
		if err != nil {
			return nil, err
		}
		groups := map[string]string{} // the file's name for a merged package -> its group
		for _, im := range f.imports {
			if g, ok := strings.CutPrefix(im.path, base+"/"); ok && !strings.Contains(g, "/") {
				groups[im.local()] = g
			}
		}
		for _, sel := range f.selectors {
			g, ok := groups[string(src[sel.qual.start:sel.qual.end-1])]
			if !ok {
				continue
			}
			pkg, ok := rs.owner[g][sel.name]
			if !ok {
				return nil, fmt.Errorf("%s uses %s.%s, which no runtime package merged into %s declares", name, g, sel.name, g)
			}
			used[pkg] = true
		}
	}
	return slices.Sorted(maps.Keys(used)), nil
}
