package gogen

import (
	"bytes"
	"fmt"
	"go/scanner"
	"go/token"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/smithygo/smithygo/runtime"
)

// This file reads the runtime packages' source (runtime.Source) for copy
// mode: which names each package declares, which runtime packages it
// imports, and how to rewrite a file for the merged package it is copied
// into. It works on go/scanner tokens rather than a parsed syntax tree:
// the copies keep their bytes and their gofmt layout, and scanning the
// whole runtime costs a few milliseconds where parsing and printing it
// would be a large part of the generator's time. Tests check the scanner's
// reading against go/parser's for every runtime file.

// runtimeSource is what copy mode needs to know of the runtime packages.
type runtimeSource struct {
	pkgs map[string]*runtimePackage
	// owner maps, per merged package (see runtimeGroup), each top-level
	// name to the runtime package that declares it.
	owner map[string]map[string]string
}

// runtimePackage is one runtime package's copyable source.
type runtimePackage struct {
	files   []runtimeFile // in name order
	imports []string      // the runtime packages it imports, sorted
}

// runtimeFile is one copyable file of a runtime package.
type runtimeFile struct {
	name string // file name within the package directory
	src  []byte
	scan *goFile // src read once, for every relocation of it
	// build is the file's //go:build line, or "": a file for some
	// platforms only, with its counterpart for the others (both declare
	// the same names, each under its own constraint), which the copy
	// keeps under the same line.
	build string
	// asm is the assembly file of the same name (x.s for x.go), which
	// implements the file's functions that have no body; it is copied
	// with the file, under the same build line.
	asm []byte
}

// runtimeImportPrefix starts the import path of every runtime package in
// the runtime's own source.
const runtimeImportPrefix = RuntimeModule + "/"

// loadRuntimeSource reads runtime.Source once per process: it never
// changes, and every Generate in copy mode needs it.
var loadRuntimeSource = sync.OnceValues(readRuntimeSource)

func readRuntimeSource() (*runtimeSource, error) {
	dirs, err := fs.ReadDir(runtime.Source, ".")
	if err != nil {
		return nil, err
	}
	rs := &runtimeSource{pkgs: map[string]*runtimePackage{}, owner: map[string]map[string]string{}}
	sharedNames := map[string][]string{} // the top-level names of each shared package
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		name := d.Name()
		entries, err := fs.ReadDir(runtime.Source, name)
		if err != nil {
			return nil, err
		}
		pkg := &runtimePackage{}
		imports := map[string]bool{}
		group := runtimeGroup(name)
		if rs.owner[group] == nil {
			rs.owner[group] = map[string]string{}
		}
		asm := map[string][]byte{} // by the name of the Go file it goes with
		for _, e := range entries {
			n := e.Name()
			if base, ok := strings.CutSuffix(n, ".s"); ok && !e.IsDir() {
				src, err := runtime.Source.ReadFile(path.Join(name, n))
				if err != nil {
					return nil, err
				}
				asm[base+".go"] = src
			}
		}
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || strings.HasSuffix(n, generationTimeSuffix) {
				continue
			}
			src, err := runtime.Source.ReadFile(path.Join(name, n))
			if err != nil {
				return nil, err
			}
			f, err := scanGoFile(path.Join("runtime", name, n), src)
			if err != nil {
				return nil, err
			}
			build, err := buildLine(src[:f.pkgStart])
			if err != nil {
				return nil, fmt.Errorf("runtime/%s/%s: %w", name, n, err)
			}
			fileAsm := asm[n]
			delete(asm, n)
			if fileAsm != nil {
				if b, err := buildLine(fileAsm); err != nil || b != build || build == "" {
					return nil, fmt.Errorf("runtime/%s/%s: the assembly file's //go:build line must be its Go file's, %q", name, strings.TrimSuffix(n, ".go")+".s", build)
				}
			}
			for _, im := range f.imports {
				if dep, ok := strings.CutPrefix(im.path, runtimeImportPrefix); ok {
					imports[dep] = true
				}
			}
			if sharedRuntime(name) {
				// Merged into every group that imports it: see below.
				sharedNames[name] = append(sharedNames[name], f.topLevel...)
			} else {
				for _, top := range f.topLevel {
					if other, dup := rs.owner[group][top]; dup && other != name {
						return nil, fmt.Errorf("runtime packages %s and %s both declare %s, and copy mode merges them into package %s", other, name, top, group)
					}
					rs.owner[group][top] = name
				}
			}
			if len(bytes.TrimSpace(src[f.pkgName.end:])) == 0 {
				// Only the package doc (doc.go): the merged package has
				// its own.
				continue
			}
			pkg.files = append(pkg.files, runtimeFile{name: n, src: src, scan: f, build: build, asm: fileAsm})
		}
		for n := range asm {
			return nil, fmt.Errorf("runtime/%s/%s.s: no Go file of the same name declares its functions", name, strings.TrimSuffix(n, ".go"))
		}
		if len(pkg.files) == 0 {
			continue
		}
		pkg.imports = slices.Sorted(func(yield func(string) bool) {
			for dep := range imports {
				if !yield(dep) {
					return
				}
			}
		})
		if sharedRuntime(name) && len(pkg.imports) > 0 {
			return nil, fmt.Errorf("runtime/%s: a package copy mode shares between merged packages imports no runtime package, but it imports %s", name, strings.Join(pkg.imports, ", "))
		}
		rs.pkgs[name] = pkg
	}
	// A shared package's names must be free in every merged package, any
	// of which may hold a copy of it.
	for _, name := range slices.Sorted(maps.Keys(sharedNames)) {
		for _, group := range slices.Sorted(maps.Keys(rs.owner)) {
			for _, top := range sharedNames[name] {
				if other, dup := rs.owner[group][top]; dup && other != name {
					return nil, fmt.Errorf("runtime packages %s and %s both declare %s, and copy mode merges them into package %s", other, name, top, group)
				}
				rs.owner[group][top] = name
			}
		}
	}
	return rs, nil
}

// buildLine returns the //go:build line among the comment lines that
// start src (a file's text above its package clause), or "". A +build
// line, which go vet rejects without a //go:build line anyway, is not
// read: it is an error.
func buildLine(src []byte) (string, error) {
	var build string
	for line := range bytes.Lines(src) {
		line = bytes.TrimSpace(line)
		switch {
		case bytes.HasPrefix(line, []byte("//go:build ")):
			if build != "" {
				return "", fmt.Errorf("two //go:build lines")
			}
			build = string(line)
		case bytes.HasPrefix(line, []byte("// +build")):
			return "", fmt.Errorf("a // +build line: use //go:build")
		case len(line) > 0 && !bytes.HasPrefix(line, []byte("//")):
			return build, nil // past the leading comments
		}
	}
	return build, nil
}

// goFile is what scanGoFile reads of a Go file.
type goFile struct {
	pkgStart int  // offset of the package keyword
	pkgName  span // the package clause's name
	imports  []goImport
	// importDecls are the import declarations, each from its keyword to the
	// end of its line.
	importDecls []span
	topLevel    []string // names declared at package level (not methods)
	// selectors are the qualified identifiers q.X whose q is spelled as an
	// import's name: the span covers q and the dot.
	selectors []selector
	// decls are the package-level declarations other than imports, in
	// order: what copy mode keeps or drops (see pruneRuntime).
	decls []topDecl
}

// topDecl is one package-level declaration other than an import.
type topDecl struct {
	// text is the declaration with its doc comment (and directives), from
	// the start of their first line through the newline of its last.
	text   span
	names  []string // the package-level names it declares
	recv   string   // a method's receiver type ("" for anything else)
	method string   // a method's name
	// idents are the identifiers it uses, each once, other than the
	// names of imports (q.X gives q in quals and X here: X may be a field or
	// method of ours, if q is a local variable that shadows an import, and
	// keeping too much is only slower).
	idents []string
	quals  []string // the local names of the imports it selects from, each once
	// sels are the indexes, in goFile.selectors, of the qualified
	// identifiers within text.
	sels span
	// closed is set for a type whose doc carries the directive
	// //smithygo:closed (see keepDecls).
	closed bool
	// bodiless is set for a function declared without a body, which
	// assembly implements. (A signature that ends in '}', such as a
	// struct{} result, would read as one with a body: the runtime's
	// assembly functions have no such results.)
	bodiless bool
}

// closedDirective marks a runtime type whose exported methods only the
// generated code and the runtime call, by name: copy mode drops those that
// nothing calls.
const closedDirective = "//smithygo:closed\n"

type span struct{ start, end int }

type goImport struct {
	name string // the explicit name, or ""
	path string
	line span // the spec's whole line, newline included
	decl int  // index into importDecls
}

// local is the name the import is known by in the file: the runtime
// imports the standard library and itself, whose packages are named by
// the last element of their path that is not a major version (math/rand/v2
// is rand).
func (im goImport) local() string {
	if im.name != "" {
		return im.name
	}
	dir, base := path.Split(im.path)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" && dir != "" {
		return path.Base(dir)
	}
	return base
}

type selector struct {
	qual  span
	local string // the import's name, as the qualifier spells it
	name  string // the selected identifier
}

// scanGoFile reads the package clause, the imports, the package-level
// names and the uses of imported names of a gofmt'd Go file.
func scanGoFile(filename string, src []byte) (*goFile, error) {
	fset := token.NewFileSet()
	tf := fset.AddFile(filename, -1, len(src))
	var s scanner.Scanner
	var scanErr error
	s.Init(tf, src, func(pos token.Position, msg string) {
		if scanErr == nil {
			scanErr = fmt.Errorf("%s: %s", pos, msg)
		}
	}, 0)
	type tok struct {
		off int
		tok token.Token
		lit string
	}
	var toks []tok
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		toks = append(toks, tok{tf.Offset(pos), t, lit})
	}
	if scanErr != nil {
		return nil, scanErr
	}
	f := &goFile{pkgStart: -1}
	lineEnd := func(off int) int {
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			return off + i + 1
		}
		return len(src)
	}
	lineStart := func(off int) int { return bytes.LastIndexByte(src[:off], '\n') + 1 }
	depth := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
			continue
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
			continue
		}
		if depth != 0 {
			continue
		}
		if i > 0 && toks[i-1].tok != token.SEMICOLON {
			// Not the start of a declaration: the func of a result type
			// (func f() func()), of a type (type F func()), ...
			continue
		}
		switch t.tok {
		case token.PACKAGE:
			if i+1 < len(toks) && toks[i+1].tok == token.IDENT {
				f.pkgStart = t.off
				f.pkgName = span{toks[i+1].off, toks[i+1].off + len(toks[i+1].lit)}
			}
		case token.IMPORT:
			decl := len(f.importDecls)
			j := i + 1
			grouped := j < len(toks) && toks[j].tok == token.LPAREN
			if grouped {
				j++
			}
			for j < len(toks) {
				var im goImport
				if toks[j].tok == token.IDENT || toks[j].tok == token.PERIOD {
					im.name = toks[j].lit
					if toks[j].tok == token.PERIOD {
						im.name = "."
					}
					j++
				}
				if j >= len(toks) || toks[j].tok != token.STRING {
					break
				}
				p, err := strconv.Unquote(toks[j].lit)
				if err != nil {
					return nil, fmt.Errorf("%s: import %s: %w", filename, toks[j].lit, err)
				}
				im.path = p
				im.decl = decl
				im.line = span{lineStart(toks[j].off), lineEnd(toks[j].off)}
				f.imports = append(f.imports, im)
				j++
				if j < len(toks) && toks[j].tok == token.SEMICOLON {
					j++
				}
				if !grouped {
					break
				}
			}
			end := toks[min(j, len(toks)-1)].off // the ')' of a group
			if !grouped {
				end = toks[j-1].off
			}
			f.importDecls = append(f.importDecls, span{t.off, lineEnd(end)})
			i = j
			if grouped {
				continue // toks[j] is the ')': leave depth alone
			}
			i--
		case token.FUNC:
			d := topDecl{text: span{start: i}} // token indexes until the end
			if i+1 < len(toks) && toks[i+1].tok == token.IDENT {
				before := len(f.topLevel)
				f.addTop(toks[i+1].lit)
				d.names = f.topLevel[before:len(f.topLevel):len(f.topLevel)]
			} else if i+1 < len(toks) && toks[i+1].tok == token.LPAREN {
				// A method: the receiver's type is its last identifier
				// outside brackets (r *T[K] gives T), and the name follows
				// the receiver's ')'.
				brackets := 0
				for k := i + 2; k < len(toks) && toks[k].tok != token.RPAREN; k++ {
					switch toks[k].tok {
					case token.LBRACK:
						brackets++
					case token.RBRACK:
						brackets--
					case token.IDENT:
						if brackets == 0 {
							d.recv = toks[k].lit
						}
					}
					if k+2 < len(toks) && toks[k+1].tok == token.RPAREN && toks[k+2].tok == token.IDENT {
						d.method = toks[k+2].lit
					}
				}
			}
			f.decls = append(f.decls, d)
		case token.TYPE, token.VAR, token.CONST:
			before := len(f.topLevel)
			d := topDecl{text: span{start: i}}
			i = f.scanSpecs(i+1, len(toks), func(k int) (token.Token, string) { return toks[k].tok, toks[k].lit }, t.tok == token.TYPE)
			d.names = f.topLevel[before:len(f.topLevel):len(f.topLevel)]
			f.decls = append(f.decls, d)
		}
	}
	if f.pkgStart < 0 {
		return nil, fmt.Errorf("%s: no package clause", filename)
	}
	// Qualified identifiers: an imported name followed by a dot and an
	// identifier, and not itself selected from something (a.q.X).
	names := map[string]bool{}
	for _, im := range f.imports {
		names[im.local()] = true
	}
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].tok != token.IDENT || !names[toks[i].lit] || toks[i+1].tok != token.PERIOD || toks[i+2].tok != token.IDENT {
			continue
		}
		if i > 0 && toks[i-1].tok == token.PERIOD {
			continue
		}
		f.selectors = append(f.selectors, selector{qual: span{toks[i].off, toks[i+1].off + 1}, local: toks[i].lit, name: toks[i+2].lit})
	}
	// Each declaration runs to the next one: imports come before all of
	// them. Its identifiers are read from its tokens, its text from the
	// source; its selectors follow, in order, those of the ones before.
	si := 0
	for k := range f.decls {
		d := &f.decls[k]
		first, end := d.text.start, len(toks)
		if k+1 < len(f.decls) {
			end = f.decls[k+1].text.start
		}
		last := end - 1
		for last > first && toks[last].tok == token.SEMICOLON && toks[last].lit == "\n" {
			last--
		}
		seen := map[string]bool{}
		for j := first; j < end; j++ {
			if toks[j].tok != token.IDENT {
				continue
			}
			lit := toks[j].lit
			if j+1 < end && toks[j+1].tok == token.PERIOD && names[lit] && (j == 0 || toks[j-1].tok != token.PERIOD) {
				if !seen["."+lit] {
					seen["."+lit] = true
					d.quals = append(d.quals, lit)
				}
				continue
			}
			if !seen[lit] {
				seen[lit] = true
				d.idents = append(d.idents, lit)
			}
		}
		lastEnd := toks[last].off + max(len(toks[last].lit), 1)
		d.text = span{docStart(src, lineStart(toks[first].off)), lineEnd(lastEnd - 1)}
		d.closed = toks[first].tok == token.TYPE && bytes.Contains(src[d.text.start:toks[first].off], []byte(closedDirective))
		d.bodiless = toks[first].tok == token.FUNC && toks[last].tok != token.RBRACE
		for si < len(f.selectors) && f.selectors[si].qual.start < d.text.start {
			si++
		}
		d.sels.start = si
		for si < len(f.selectors) && f.selectors[si].qual.start < d.text.end {
			si++
		}
		d.sels.end = si
	}
	return f, nil
}

// docStart returns where the comment lines directly above the line at
// lineAt begin (a declaration's doc comment and directives), or lineAt if
// there are none. Package-level comments in gofmt'd source start at the
// beginning of their line.
func docStart(src []byte, lineAt int) int {
	for lineAt > 0 {
		prev := bytes.LastIndexByte(src[:lineAt-1], '\n') + 1
		if !bytes.HasPrefix(src[prev:lineAt], []byte("//")) {
			break
		}
		lineAt = prev
	}
	return lineAt
}

// addTop records a package-level name; "_" and init declare none.
func (f *goFile) addTop(name string) {
	if name != "_" && name != "init" {
		f.topLevel = append(f.topLevel, name)
	}
}

// scanSpecs reads the names of a type, var or const declaration whose
// specs start at token i: one spec, or a parenthesised group of them. It
// returns the index of the declaration's last token it looked at.
func (f *goFile) scanSpecs(i, n int, at func(int) (token.Token, string), typ bool) int {
	if i >= n {
		return i
	}
	if t, _ := at(i); t != token.LPAREN {
		f.specNames(i, n, at, typ)
		return i
	}
	// A group: each spec starts after the '(' or a ';' at the group's
	// own depth.
	depth := 0
	start := true
	for k := i; k < n; k++ {
		t, _ := at(k)
		switch t {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
			start = false
			if depth == 1 {
				start = true
			}
			continue
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
			if depth == 0 {
				return k
			}
			continue
		case token.SEMICOLON:
			if depth == 1 {
				start = true
				continue
			}
		}
		if depth == 1 && start {
			f.specNames(k, n, at, typ)
		}
		start = false
	}
	return n - 1
}

// specNames records the names a spec at token k declares: one for a type,
// a comma-separated list for a var or const.
func (f *goFile) specNames(k, n int, at func(int) (token.Token, string), typ bool) {
	for k < n {
		t, lit := at(k)
		if t != token.IDENT {
			return
		}
		f.addTop(lit)
		if typ {
			return
		}
		if t, _ := at(k + 1); k+1 >= n || t != token.COMMA {
			return
		}
		k += 2
	}
}

// relocate rewrites src, a file that imports runtime packages by import
// paths starting with from, for copy mode: each runtime package's import
// becomes its merged package's (see runtimeGroup) at base, once per merged
// package, and its qualified identifiers follow; imports of self, the
// merged package the file itself is copied into ("" for a file of the
// generated package), are dropped and their identifiers unqualified. For a
// copy into self, pkgDoc replaces everything above the package clause
// (each runtime package's own doc would otherwise all be the merged
// package's) and the package clause names self.
//
// Layout is kept: no gofmt run follows. TestRuntimeCopiesAreFormatted
// checks that every runtime file comes out gofmt'd for each way it can be
// rewritten.
func relocate(filename string, src []byte, from, self, base, pkgDoc string) ([]byte, error) {
	if !bytes.Contains(src, []byte(`"`+from)) {
		// Most files import no runtime package: only the package clause
		// changes, and scanning them would be most of copy mode's time.
		return relocateClause(filename, src, self, pkgDoc)
	}
	f, err := scanGoFile(filename, src)
	if err != nil {
		return nil, err
	}
	return relocateScanned(filename, src, f, from, self, base, pkgDoc, nil)
}

// relocate is the package-level relocate for a runtime file, whose tokens
// were read when the runtime's source was loaded. keep says which of its
// declarations (goFile.decls) the copy keeps; nil keeps them all.
func (rf runtimeFile) relocate(origin, self, base, pkgDoc string, keep []bool) ([]byte, error) {
	if keep == nil && !bytes.Contains(rf.src, []byte(`"`+runtimeImportPrefix)) {
		return relocateClause(origin, rf.src, self, pkgDoc)
	}
	return relocateScanned(origin, rf.src, rf.scan, runtimeImportPrefix, self, base, pkgDoc, keep)
}

// relocateScanned is relocate by the file's tokens, f, keeping only the
// declarations that keep says (all for nil) and the imports they use.
func relocateScanned(filename string, src []byte, f *goFile, from, self, base, pkgDoc string, keep []bool) ([]byte, error) {
	type edit struct {
		span
		text string
	}
	var edits []edit
	if self != "" {
		edits = append(edits, edit{span{0, f.pkgStart}, pkgDoc}, edit{f.pkgName, self})
	}
	// Dropped declarations go with the blank line after them, and their
	// qualified identifiers are not rewritten.
	var dropped []span
	droppedSel := make([]bool, len(f.selectors))
	usedQuals := map[string]bool{}
	for k, d := range f.decls {
		if keep == nil || keep[k] {
			for _, q := range d.quals {
				usedQuals[q] = true
			}
			continue
		}
		end := d.text.end
		if end < len(src) && src[end] == '\n' {
			end++
		}
		dropped = append(dropped, span{d.text.start, end})
		edits = append(edits, edit{dropped[len(dropped)-1], ""})
		for i := d.sels.start; i < d.sels.end; i++ {
			droppedSel[i] = true
		}
	}
	// An import goes if it is of the package the file is copied into, or
	// if no declaration kept uses it (blank and dot imports stay).
	removed := make([]bool, len(f.imports))
	for i, im := range f.imports {
		name, ok := strings.CutPrefix(im.path, from)
		if ok && im.name != "." && im.name != "_" && importedGroup(name, self) == self {
			removed[i] = true
		}
		if keep != nil && im.name != "_" && im.name != "." && !usedQuals[im.local()] {
			removed[i] = true
		}
	}
	qualifier := map[string]string{} // the file's name for a runtime package -> its new qualifier
	groupImported := map[string]bool{}
	kept := make([]int, len(f.importDecls)) // imports each declaration keeps
	for i, im := range f.imports {
		if !removed[i] {
			kept[im.decl]++
		}
	}
	for i, im := range f.imports {
		name, ok := strings.CutPrefix(im.path, from)
		if !ok && !removed[i] {
			continue
		}
		if ok && (im.name == "." || im.name == "_") {
			return nil, fmt.Errorf("%s: import %s %q: copy mode cannot merge a dot or blank import", filename, im.name, im.path)
		}
		if ok && self == "" && sharedRuntime(name) {
			return nil, fmt.Errorf("%s: import %q: runtime package %s is copied only into the packages that import it, not for generated code", filename, im.path, name)
		}
		group := importedGroup(name, self)
		switch {
		case removed[i]:
			if ok && group == self {
				qualifier[im.local()] = ""
			}
			edits = append(edits, edit{im.line, ""})
		case groupImported[group]:
			qualifier[im.local()] = group + "."
			kept[im.decl]--
			edits = append(edits, edit{im.line, ""})
		default:
			groupImported[group] = true
			qualifier[im.local()] = group + "."
			line := src[im.line.start:im.line.end]
			indent := line[:len(line)-len(bytes.TrimLeft(line, " \t"))]
			edits = append(edits, edit{im.line, string(indent) + strconv.Quote(base+"/"+group) + "\n"})
		}
	}
	// A declaration left without imports goes, and so does the blank line
	// that separated a group of imports now gone from the one before it.
	for d, decl := range f.importDecls {
		if kept[d] == 0 {
			edits = slices.DeleteFunc(edits, func(e edit) bool { return e.text == "" && e.start >= decl.start && e.end <= decl.end })
			end := decl.end
			if end < len(src) && src[end] == '\n' {
				end++ // the blank line after it
			}
			edits = append(edits, edit{span{decl.start, end}, ""})
			continue
		}
		for i, im := range f.imports {
			if im.decl != d {
				continue
			}
			prevBlank := im.line.start >= 2 && src[im.line.start-1] == '\n' && src[im.line.start-2] == '\n'
			if !prevBlank || !removesGroup(f, i, removed, src) {
				continue
			}
			edits = append(edits, edit{span{im.line.start - 1, im.line.start}, ""})
		}
	}
	for i, sel := range f.selectors {
		if droppedSel[i] {
			continue
		}
		if q, ok := qualifier[string(src[sel.qual.start:sel.qual.end-1])]; ok {
			edits = append(edits, edit{sel.qual, q})
		}
	}
	slices.SortFunc(edits, func(a, b edit) int { return a.start - b.start })
	out := make([]byte, 0, len(src)+len(pkgDoc))
	at := 0
	for _, e := range edits {
		if e.start < at {
			return nil, fmt.Errorf("%s: overlapping rewrites at offset %d", filename, e.start)
		}
		out = append(out, src[at:e.start]...)
		out = append(out, e.text...)
		at = e.end
	}
	out = append(out, src[at:]...)
	if len(dropped) > 0 {
		// The last declaration's blank line, if it was dropped, is now
		// at the end of the file.
		out = append(bytes.TrimRight(out, "\n"), '\n')
	}
	return out, nil
}

// relocateClause is relocate for a file that imports no runtime package.
// In a gofmt'd file the package clause is the first line that starts with
// "package "; the lines above it are comments (the package doc).
func relocateClause(filename string, src []byte, self, pkgDoc string) ([]byte, error) {
	if self == "" {
		return src, nil
	}
	at := 0
	for !bytes.HasPrefix(src[at:], []byte("package ")) {
		i := bytes.IndexByte(src[at:], '\n')
		if i < 0 || i > 0 && !bytes.HasPrefix(src[at:], []byte("//")) {
			return nil, fmt.Errorf("%s: no package clause after the leading comments", filename)
		}
		at += i + 1
	}
	end := bytes.IndexByte(src[at:], '\n')
	if end < 0 {
		return nil, fmt.Errorf("%s: no package clause", filename)
	}
	out := make([]byte, 0, len(pkgDoc)+len(src)-at+len(self))
	out = append(out, pkgDoc...)
	out = append(out, "package "+self...)
	return append(out, src[at+end:]...), nil
}

// removesGroup reports whether import i starts a group of imports (lines
// between blank lines) that are all removed.
func removesGroup(f *goFile, i int, removed []bool, src []byte) bool {
	im := f.imports[i]
	for j, other := range f.imports {
		if other.decl != im.decl || other.line.start < im.line.start {
			continue
		}
		if other.line.start > im.line.start && src[other.line.start-1] == '\n' && other.line.start >= 2 && src[other.line.start-2] == '\n' {
			break // the next group
		}
		if !removed[j] {
			return false
		}
	}
	return true
}
