package gogen

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
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

// sharedRuntime reports whether copy mode copies runtime package name into
// the merged package of each package that imports it, rather than into its
// runtimeGroup: utf8valid, which jsonwire (in smithy) and cbor (which smithy
// imports) both use, could be in neither's group without an import cycle.
// A shared package imports no runtime package and no generated code
// selects from it (readRuntimeSource and relocate check), so each copy is
// a leaf of its group.
func sharedRuntime(name string) bool { return name == "utf8valid" }

// importedGroup is the merged package that holds runtime package name for
// a file of merged package from: its own group, or from itself for a
// shared package.
func importedGroup(name, from string) string {
	if sharedRuntime(name) && from != "" {
		return from
	}
	return runtimeGroup(name)
}

// copiedInto returns the merged packages that copy mode copies runtime
// package name into, of the packages copied: its group, or for a shared
// package the groups of the packages that import it.
func (rs *runtimeSource) copiedInto(name string, copied map[string]bool) []string {
	if !sharedRuntime(name) {
		return []string{runtimeGroup(name)}
	}
	var groups []string
	for other := range copied {
		if !sharedRuntime(other) && slices.Contains(rs.pkgs[other].imports, name) {
			groups = append(groups, runtimeGroup(other))
		}
	}
	slices.Sort(groups)
	return slices.Compact(groups)
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

// copyRuntime adds to out, for RuntimeCopy, the runtime that the generated
// files use, merged into their groups' packages (runtimeGroup): of the
// runtime packages whose names they select, and the ones those import in
// turn, the declarations that the generated files use and everything those
// use (keepDecls). What is copied is decided by the output and nothing
// else, so a piece of the runtime that the model does not need is never
// there.
func copyRuntime(out map[string][]byte, p *Plan) error {
	if p.runtimeMode != RuntimeCopy {
		return nil
	}
	rs, err := loadRuntimeSource()
	if err != nil {
		return err
	}
	roots := rs.selectedBy(out, p.runtimeBase)
	methodsUsed := selectorNames(out)
	var used []string
	for group, names := range roots {
		for name := range names {
			used = append(used, rs.owner[group][name])
		}
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
	// Each group's files, in package and file name order.
	type copiedFile struct {
		pkg string
		rf  runtimeFile
	}
	files := map[string][]copiedFile{}
	scans := map[string][]*goFile{}
	for _, name := range slices.Sorted(maps.Keys(copied)) {
		for _, g := range rs.copiedInto(name, copied) {
			for _, f := range rs.pkgs[name].files {
				files[g] = append(files[g], copiedFile{name, f})
				scans[g] = append(scans[g], f.scan)
			}
		}
	}
	groups := slices.Sorted(maps.Keys(files))
	keep := keepAcrossGroups(groups, scans, roots, methodsUsed)
	for _, group := range groups {
		var pkgs []string
		for fi, f := range files[group] {
			if slices.Contains(keep[group][fi], true) && !slices.Contains(pkgs, f.pkg) {
				pkgs = append(pkgs, f.pkg)
			}
		}
		doc := groupDoc(group, pkgs)
		for fi, f := range files[group] {
			if !slices.Contains(keep[group][fi], true) {
				continue
			}
			origin := "runtime/" + f.pkg + "/" + f.rf.name
			above := doc // what goes above the package clause
			if f.rf.build != "" {
				// The package doc goes in a file every platform builds.
				above = f.rf.build + "\n\n"
			} else {
				doc = ""
			}
			src, err := f.rf.relocate(origin, group, p.runtimeBase, above, keep[group][fi])
			if err != nil {
				return err
			}
			if err := addSource(out, copiedName(group, f.pkg, f.rf.name), origin, src); err != nil {
				return err
			}
			if f.rf.asm == nil {
				continue
			}
			// The assembly defines the file's functions without a body:
			// the copy must keep their declarations (go vet matches them).
			for di, d := range f.rf.scan.decls {
				if d.bodiless && !keep[group][fi][di] {
					return fmt.Errorf("copying %s: its assembly's function %s would lose its declaration", origin, strings.Join(d.names, ", "))
				}
			}
			asmOrigin := strings.TrimSuffix(origin, ".go") + ".s"
			if err := addSource(out, copiedAsmName(group, f.pkg, f.rf.name), asmOrigin, f.rf.asm); err != nil {
				return err
			}
		}
	}
	return nil
}

// keepAcrossGroups runs keepDecls for each group's files (scans) until the
// roots stop growing: a group's kept code selects names from the groups it
// imports (the server's from the client's), and calls methods by name.
// roots and methodsUsed start as the generated code's and grow.
func keepAcrossGroups(groups []string, scans map[string][]*goFile, roots map[string]map[string]bool, methodsUsed map[string]bool) map[string][][]bool {
	keep := map[string][][]bool{}
	for grew := true; grew; {
		grew = false
		for _, group := range groups {
			keep[group] = keepDecls(scans[group], slices.Sorted(maps.Keys(roots[group])), methodsUsed)
			for fi, f := range scans[group] {
				// A file with assembly is copied with it whole, once any of
				// its declarations is kept: the assembly defines all of its
				// bodiless functions, and go vet wants each declared.
				if slices.Contains(keep[group][fi], true) {
					for _, d := range f.decls {
						if !d.bodiless {
							continue
						}
						for _, name := range d.names {
							if !roots[group][name] {
								if roots[group] == nil {
									roots[group] = map[string]bool{}
								}
								roots[group][name] = true
								grew = true
							}
						}
					}
				}
				for di, d := range f.decls {
					if !keep[group][fi][di] {
						continue
					}
					for _, id := range d.idents {
						if !methodsUsed[id] {
							methodsUsed[id] = true
							grew = true
						}
					}
				}
				selectedNames(f, keep[group][fi], func(pkg, name string) {
					g := importedGroup(pkg, group)
					if g == group || roots[g][name] {
						return
					}
					if roots[g] == nil {
						roots[g] = map[string]bool{}
					}
					roots[g][name] = true
					grew = true
				})
			}
		}
	}
	return keep
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

// copiedAsmName is where copy mode writes the assembly file that goes
// with the Go file of runtime package name: copiedName's, ending in .s.
func copiedAsmName(group, name, file string) string {
	return strings.TrimSuffix(copiedName(group, name, file), ".go") + ".s"
}

// groupDoc is the package doc of a merged runtime package.
func groupDoc(group string, names []string) string {
	return commentText(wrap("Package %s is a copy of the smithygo runtime packages %s (%s/...), merged into one package, which compiles faster than one package each.", group, strings.Join(names, ", "), RuntimeModule)) + "\n"
}

// selectedBy returns, per merged package at base, the names that the
// files select from it. It reads q.X by bytes, skipping comment lines,
// rather than by tokens: the generated files are large and this is on
// every run. A q.X inside a string can only add a name (and a name that no
// runtime package declares is ignored here: the generated code's build
// reports it).
func (rs *runtimeSource) selectedBy(files map[string][]byte, base string) map[string]map[string]bool {
	roots := map[string]map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		src := files[name]
		for group, owner := range rs.owner {
			q := importedAs(src, base+"/"+group)
			if q == "" {
				continue
			}
			sel := []byte(q + ".")
			for rest := src; ; {
				i := bytes.Index(rest, sel)
				if i < 0 {
					break
				}
				before := rest[:i]
				rest = rest[i+len(sel):]
				if len(before) > 0 && (isIdentByte(before[len(before)-1]) || before[len(before)-1] == '.') {
					continue
				}
				line := before[bytes.LastIndexByte(before, '\n')+1:]
				if bytes.HasPrefix(bytes.TrimLeft(line, " \t"), []byte("//")) {
					continue
				}
				n := 0
				for n < len(rest) && isIdentByte(rest[n]) {
					n++
				}
				if _, ok := owner[string(rest[:n])]; ok {
					if roots[group] == nil {
						roots[group] = map[string]bool{}
					}
					roots[group][string(rest[:n])] = true
				}
			}
		}
	}
	return roots
}

// selectorNames returns the identifiers that follow a dot in the files:
// the methods they may call, among others.
func selectorNames(files map[string][]byte) map[string]bool {
	names := map[string]bool{}
	for _, src := range files {
		for i := bytes.IndexByte(src, '.'); i >= 0; {
			n := i + 1
			for n < len(src) && isIdentByte(src[n]) {
				n++
			}
			if n > i+1 {
				names[string(src[i+1:n])] = true
			}
			j := bytes.IndexByte(src[n:], '.')
			if j < 0 {
				break
			}
			i = n + j
		}
	}
	return names
}

// importedAs returns the name by which src imports the package at
// importPath, or "" if it does not import it. jennifer writes an import
// as `name "path"` or `"path"` on a line of its own.
func importedAs(src []byte, importPath string) string {
	i := bytes.Index(src, []byte(strconv.Quote(importPath)))
	if i < 0 {
		return ""
	}
	line := bytes.TrimSpace(src[bytes.LastIndexByte(src[:i], '\n')+1 : i])
	line = bytes.TrimPrefix(line, []byte("import"))
	if name := bytes.TrimSpace(line); len(name) > 0 {
		return string(name)
	}
	return path.Base(importPath)
}

func isIdentByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}
