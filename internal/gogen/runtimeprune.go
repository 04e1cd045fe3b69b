package gogen

import (
	"go/token"
	"strings"
)

// Copy mode copies, of the runtime packages a client uses, only the
// declarations it uses: a client that encodes no timestamps does not
// compile the timestamp encoders, one that never presigns does not compile
// the presigner. The compiler's time goes mostly to function bodies, and a
// client compiles its runtime copy every time it is regenerated or
// upgraded.
//
// What a declaration uses is read from its identifiers, without types: an
// identifier that names a package-level declaration of the merged package
// keeps it, even where it is really a field, a local variable or a method
// of another type. That keeps too much at times, never too little, with
// three rules for methods, whose names are not package-level:
//   - an exported method of a kept type is kept: it may satisfy an
//     interface that a caller asserts at run time (error's Error, an
//     Unwrap for errors.As), which no identifier shows, or be called by a
//     user through a type the client exposes;
//   - except for a type marked //smithygo:closed (the JSON encoder and
//     decoder, the query builder, the signer): its values never reach
//     users, fmt, errors or slog, and its methods are called by name only,
//     so an exported method is kept when its name follows a dot in the
//     generated code or in the runtime code kept (methodsUsed);
//   - an unexported method is kept when its type is kept and its name is
//     used, because only the package's own code can call it or declare an
//     interface with it.
//
// The runtime has no init functions and no package-level variable whose
// initializer does anything but compute its value
// (TestRuntimeVariablesOnlyComputeValues checks), so a variable nothing
// uses can go.

// runtimeDecl names one declaration of one file of a merged package.
type runtimeDecl struct{ file, decl int }

// keepDecls decides which declarations of files, the runtime files copied
// into one merged package, the copy keeps: the declarations of roots (the
// names that code outside the package selects from it) and everything they
// use in turn; methodsUsed are the names that follow a dot outside files.
// The result has one []bool per file, by goFile.decls.
func keepDecls(files []*goFile, roots []string, methodsUsed map[string]bool) [][]bool {
	keep := make([][]bool, len(files))
	top := map[string][]runtimeDecl{}     // more than one: the same name in files for different platforms
	methods := map[string][]runtimeDecl{} // by method name
	methodsOf := map[string][]runtimeDecl{}
	var always []runtimeDecl
	for fi, f := range files {
		keep[fi] = make([]bool, len(f.decls))
		for di, d := range f.decls {
			ref := runtimeDecl{fi, di}
			switch {
			case d.recv != "":
				methods[d.method] = append(methods[d.method], ref)
				methodsOf[d.recv] = append(methodsOf[d.recv], ref)
			case len(d.names) == 0:
				always = append(always, ref) // init, or var _ = ...
			}
			for _, n := range d.names {
				top[n] = append(top[n], ref)
			}
		}
	}
	used := map[string]bool{}
	typeKept := map[string]bool{}
	var work []runtimeDecl
	keepDecl := func(r runtimeDecl) {
		if !keep[r.file][r.decl] {
			keep[r.file][r.decl] = true
			work = append(work, r)
		}
	}
	use := func(name string) {
		if used[name] {
			return
		}
		used[name] = true
		for _, r := range top[name] {
			keepDecl(r)
		}
		for _, m := range methods[name] {
			if typeKept[files[m.file].decls[m.decl].recv] {
				keepDecl(m)
			}
		}
	}
	for _, r := range always {
		keepDecl(r)
	}
	for _, n := range roots {
		use(n)
	}
	for len(work) > 0 {
		r := work[len(work)-1]
		work = work[:len(work)-1]
		d := &files[r.file].decls[r.decl]
		for _, n := range d.names {
			if _, isMethodSet := methodsOf[n]; !isMethodSet || typeKept[n] {
				continue
			}
			typeKept[n] = true
			for _, m := range methodsOf[n] {
				if name := files[m.file].decls[m.decl].method; (token.IsExported(name) && !d.closed) || used[name] || methodsUsed[name] {
					keepDecl(m)
				}
			}
		}
		for _, id := range d.idents {
			use(id)
		}
	}
	return keep
}

// selectedNames returns, for the declarations of f that keep says, the
// names they select from each runtime package they import, by the
// package's path below the runtime's module ("jsonwire").
func selectedNames(f *goFile, keep []bool, yield func(pkg, name string)) {
	byLocal := map[string]string{}
	for _, im := range f.imports {
		if name, ok := strings.CutPrefix(im.path, runtimeImportPrefix); ok {
			byLocal[im.local()] = name
		}
	}
	if len(byLocal) == 0 {
		return
	}
	for k, d := range f.decls {
		if !keep[k] {
			continue
		}
		for _, sel := range f.selectors[d.sels.start:d.sels.end] {
			if pkg, ok := byLocal[sel.local]; ok {
				yield(pkg, sel.name)
			}
		}
	}
}
