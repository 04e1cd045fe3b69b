package gogen

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/templates"
)

// copyableFiles returns every runtime file copy mode can copy, and every
// template, by path: runtime/<pkg>/<file> or templates/<file>.
func copyableFiles(t *testing.T) map[string][]byte {
	t.Helper()
	rs, err := loadRuntimeSource()
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for name, pkg := range rs.pkgs {
		for _, f := range pkg.files {
			files["runtime/"+name+"/"+f.name] = f.src
		}
	}
	err = fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Base(p) == templates.StandIn {
			return err
		}
		src, err := templates.FS.ReadFile(p)
		files["templates/"+p] = src
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// asmOf returns the assembly that goes with file of runtime package pkg,
// or nil.
func asmOf(t *testing.T, pkg, file string) []byte {
	t.Helper()
	rs, err := loadRuntimeSource()
	if err != nil {
		t.Fatal(err)
	}
	if p := rs.pkgs[pkg]; p != nil {
		for _, f := range p.files {
			if f.name == file {
				return f.asm
			}
		}
	}
	return nil
}

// scanGoFile reads what go/parser reads: the same package-level names and
// imports, for every file copy mode copies.
func TestScanAgreesWithParser(t *testing.T) {
	for name, src := range copyableFiles(t) {
		got, err := scanGoFile(name, src)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		var top []string
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.Name != "init" {
					top = append(top, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch spec := spec.(type) {
					case *ast.TypeSpec:
						top = append(top, spec.Name.Name)
					case *ast.ValueSpec:
						for _, n := range spec.Names {
							if n.Name != "_" {
								top = append(top, n.Name)
							}
						}
					}
				}
			}
		}
		if g, w := slices.Sorted(slices.Values(got.topLevel)), slices.Sorted(slices.Values(top)); !slices.Equal(g, w) {
			t.Errorf("%s: scanned package-level names %v, parsed %v", name, g, w)
		}
		var imports []string
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if im.Name != nil {
				p = im.Name.Name + " " + p
			}
			imports = append(imports, p)
		}
		var scanned []string
		for _, im := range got.imports {
			p := im.path
			if im.name != "" {
				p = im.name + " " + p
			}
			scanned = append(scanned, p)
			if line := strings.TrimSpace(string(src[im.line.start:im.line.end])); !strings.HasSuffix(line, strconv.Quote(im.path)) {
				t.Errorf("%s: import %q: its line is %q", name, im.path, line)
			}
		}
		if !slices.Equal(scanned, imports) {
			t.Errorf("%s: scanned imports %v, parsed %v", name, scanned, imports)
		}
		if got.pkgName.start >= got.pkgName.end || string(src[got.pkgName.start:got.pkgName.end]) != f.Name.Name {
			t.Errorf("%s: package name %q, parsed %q", name, src[got.pkgName.start:got.pkgName.end], f.Name.Name)
		}
		checkDecls(t, name, src, fset, f, got)
	}
}

// checkDecls compares the declarations scanGoFile found with go/parser's:
// their text (doc comment included, whole lines), receiver and method, and
// that every identifier of a declaration is among those scanned for it.
func checkDecls(t *testing.T, name string, src []byte, fset *token.FileSet, f *ast.File, got *goFile) {
	t.Helper()
	lineStart := func(off int) int { return bytes.LastIndexByte(src[:off], '\n') + 1 }
	lineEnd := func(off int) int {
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			return off + i + 1
		}
		return len(src)
	}
	var decls []ast.Decl
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			continue
		}
		decls = append(decls, d)
	}
	if len(decls) != len(got.decls) {
		t.Errorf("%s: scanned %d declarations, parsed %d", name, len(got.decls), len(decls))
		return
	}
	for i, d := range decls {
		start, doc := d.Pos(), (*ast.CommentGroup)(nil)
		var recv, method string
		switch d := d.(type) {
		case *ast.FuncDecl:
			doc = d.Doc
			if d.Recv != nil {
				method = d.Name.Name
				// The first identifier: r *T[K] gives T, not K.
				ast.Inspect(d.Recv.List[0].Type, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok && recv == "" {
						recv = id.Name
					}
					return recv == ""
				})
			}
		case *ast.GenDecl:
			doc = d.Doc
		}
		if doc != nil {
			start = doc.Pos()
		}
		want := span{lineStart(fset.Position(start).Offset), lineEnd(fset.Position(d.End()).Offset - 1)}
		g := got.decls[i]
		if g.text != want || g.recv != recv || g.method != method {
			t.Errorf("%s: declaration %d scanned as %v recv %q method %q, parsed %v recv %q method %q:\n%s",
				name, i, g.text, g.recv, g.method, want, recv, method, src[want.start:want.end])
			continue
		}
		for j, sel := range got.selectors {
			if inside := want.start <= sel.qual.start && sel.qual.end <= want.end; inside != (g.sels.start <= j && j < g.sels.end) {
				t.Errorf("%s: declaration %d: selector %d (%s.%s) inside its text %v, but its selectors are %v", name, i, j, sel.local, sel.name, inside, g.sels)
			}
		}
		idents := map[string]bool{}
		for _, id := range g.idents {
			idents[id] = true
		}
		for _, q := range g.quals {
			idents[q] = true
		}
		ast.Inspect(d, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && !idents[id.Name] && id.Name != "_" {
				t.Errorf("%s: declaration %d uses %s, not among its scanned identifiers", name, i, id.Name)
			}
			return true
		})
	}
}

// The rewriting of relocate is by tokens, so it rests on two properties of
// the runtime's source that this test keeps: a file that imports a runtime
// package uses that package's name only to qualify (no variable, field or
// parameter is spelled the same), and no name it unqualifies (jsonwire.X
// becoming X in the merged package) is declared inside a function of the
// file, where it would capture the reference.
func TestRuntimeSourceRewritesSafely(t *testing.T) {
	for name, src := range copyableFiles(t) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		from, self := runtimeImportPrefix, ""
		if pkg, ok := strings.CutPrefix(name, "runtime/"); ok {
			self = runtimeGroup(path.Dir(pkg))
		}
		qualifiers := map[string]string{} // local name -> runtime package
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if pkg, ok := strings.CutPrefix(p, from); ok {
				local := path.Base(p)
				if im.Name != nil {
					local = im.Name.Name
				}
				qualifiers[local] = pkg
			}
		}
		unqualified := map[string]string{} // X of q.X that becomes X
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if id, ok := n.X.(*ast.Ident); ok && qualifiers[id.Name] != "" && id.Obj == nil {
					if importedGroup(qualifiers[id.Name], self) == self {
						unqualified[n.Sel.Name] = qualifiers[id.Name]
					}
					return false
				}
			case *ast.Ident:
				if _, ok := qualifiers[n.Name]; ok {
					t.Errorf("%s: %s: %s is the name of an imported runtime package, used other than to qualify", name, fset.Position(n.Pos()), n.Name)
				}
			}
			return true
		})
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			ast.Inspect(fd, func(n ast.Node) bool {
				id, ok := n.(*ast.Ident)
				if !ok || id.Obj == nil || unqualified[id.Name] == "" {
					return true
				}
				if p := id.Obj.Pos(); p >= fd.Pos() && p < fd.End() {
					t.Errorf("%s: %s: %s declares %s, which hides %s.%s once copy mode merges the packages", name, fset.Position(id.Pos()), fd.Name.Name, id.Name, unqualified[id.Name], id.Name)
				}
				return true
			})
		}
	}
}

// Every file copy mode copies or rewrites comes out gofmt'd (Generate does
// not format them), and the runtime merged into its groups builds and
// vets: no two packages of a group declare one name, and no file imports a
// name another file of its group declares.
func TestRuntimeCopiesAreFormattedAndBuild(t *testing.T) {
	const base = "example.com/a/much/longer/import/path/svc/internal"
	files := copyableFiles(t)
	dir := t.TempDir()
	write := func(rel string, data []byte) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", []byte("module example.com/a/much/longer/import/path/svc\n\ngo 1.26\n"))
	rs, err := loadRuntimeSource()
	if err != nil {
		t.Fatal(err)
	}
	everyPackage := map[string]bool{}
	for pkg := range rs.pkgs {
		everyPackage[pkg] = true
	}
	docs := map[string]bool{}
	check := func(name string, out []byte, err error) {
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return
		}
		formatted, err := format.Source(out)
		if err != nil {
			t.Errorf("%s: the copy does not parse: %v", name, err)
		} else if !bytes.Equal(formatted, out) {
			t.Errorf("%s: the copy is not gofmt'd; diff (-copy +gofmt):\n%s", name, "-"+string(out)+"\n+"+string(formatted))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		src := files[name]
		rest, ok := strings.CutPrefix(name, "runtime/")
		if !ok {
			out, err := relocate(name, src, runtimeImportPrefix, "", base, "")
			check(name, out, err)
			continue
		}
		pkg, file := path.Split(rest)
		pkg = strings.TrimSuffix(pkg, "/")
		// A shared package goes into each group of a package importing it.
		for _, group := range rs.copiedInto(pkg, everyPackage) {
			doc := ""
			build, berr := buildLine(src)
			switch {
			case berr != nil:
				t.Fatalf("%s: %v", name, berr)
			case build != "":
				doc = build + "\n\n" // as copyRuntime writes it
			case !docs[group]:
				docs[group] = true
				doc = groupDoc(group, []string{pkg})
			}
			out, err := relocate(name, src, runtimeImportPrefix, group, base, doc)
			if err == nil {
				write(copiedName(group, pkg, file), out)
			}
			if asm := asmOf(t, pkg, file); asm != nil {
				write(copiedAsmName(group, pkg, file), asm)
			}
			check(name, out, err)
		}
	}
	if testing.Short() {
		return
	}
	for _, failure := range buildAndVet(dir) {
		t.Errorf("%s of the merged runtime", failure)
	}
}

// relocate's shortcut for files without runtime imports gives what the
// scanned path gives.
func TestRelocateClauseAgrees(t *testing.T) {
	for name, src := range copyableFiles(t) {
		if !strings.HasPrefix(name, "runtime/") || bytes.Contains(src, []byte(`"`+runtimeImportPrefix)) {
			continue
		}
		for _, doc := range []string{"", "// Package smithy is a test.\n"} {
			fast, err := relocateClause(name, src, "smithy", doc)
			if err != nil {
				t.Fatal(err)
			}
			scan, err := scanGoFile(name, src)
			if err != nil {
				t.Fatal(err)
			}
			slow, err := relocateScanned(name, src, scan, runtimeImportPrefix, "smithy", "B", doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(fast, slow) {
				t.Errorf("%s: relocateClause and relocateScanned differ:\n%s\n----\n%s", name, fast[:min(len(fast), 300)], slow[:min(len(slow), 300)])
			}
		}
	}
}

// relocate's edits, one case each: imports dropped with the blank line of
// their group, imports retargeted once per merged package, qualifiers
// dropped or renamed, and the package clause and doc replaced.
func TestRelocate(t *testing.T) {
	const from = "github.com/smithygo/smithygo/runtime/"
	for _, tc := range []struct {
		name, self, src, want string
	}{
		{
			name: "same group",
			self: "smithy",
			src:  "// Package call does calls.\npackage call\n\nimport (\n\t\"net/http\"\n\n\t\"" + from + "jsonwire\"\n\t\"" + from + "retry\"\n)\n\nvar x = jsonwire.NewDecoder(nil)\nvar y retry.Policy\nvar z http.Header\n",
			want: "DOC\npackage smithy\n\nimport (\n\t\"net/http\"\n)\n\nvar x = NewDecoder(nil)\nvar y Policy\nvar z http.Header\n",
		},
		{
			name: "other groups",
			self: "smithyserver",
			src:  "package serve\n\nimport (\n\t\"" + from + "httproute\"\n\t\"" + from + "jsonwire\"\n\t\"" + from + "sigv4\"\n)\n\nvar a = jsonwire.Null\nvar b = sigv4.NewSigner\nvar c httproute.Table\n",
			want: "DOC\npackage smithyserver\n\nimport (\n\t\"B/smithy\"\n)\n\nvar a = smithy.Null\nvar b = smithy.NewSigner\nvar c Table\n",
		},
		{
			name: "only runtime imports",
			self: "smithy",
			src:  "package sigv4auth\n\nimport \"" + from + "call\"\n\nvar a call.Client\n",
			want: "DOC\npackage smithy\n\nvar a Client\n",
		},
		{
			name: "a field of the same name is not a qualifier",
			self: "smithy",
			src:  "package waiter\n\nimport \"" + from + "retry\"\n\nvar a = retry.Policy{}\nvar b = a.retry.X\n",
			want: "DOC\npackage smithy\n\nvar a = Policy{}\nvar b = a.retry.X\n",
		},
		{
			name: "generated package",
			src:  "package p\n\nimport (\n\t\"testing\"\n\n\t\"" + from + "cbor\"\n)\n\nvar a cbor.Decoder\n",
			want: "package p\n\nimport (\n\t\"testing\"\n\n\t\"B/cbor\"\n)\n\nvar a cbor.Decoder\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := relocate("x.go", []byte(tc.src), from, tc.self, "B", "DOC\n")
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
