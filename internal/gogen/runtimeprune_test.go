package gogen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPrunedRuntimeBuilds copies the runtime as a client would that uses a
// random fifth of each merged package's names (and so whatever they use),
// and checks that every copy is gofmt'd and that the copies build and vet:
// a declaration kept that uses one dropped would not compile. Generated
// clients test the pruning on real uses; this tests it on uses no model
// makes.
func TestPrunedRuntimeBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the pruned runtime three times")
	}
	rs, err := loadRuntimeSource()
	if err != nil {
		t.Fatal(err)
	}
	const base = "example.com/svc/internal"
	for seed := range uint64(3) {
		r := rand.New(rand.NewPCG(seed, 7))
		out, roots := copiedRuntime(t, rs, base, func() bool { return r.IntN(5) == 0 })
		dir := t.TempDir()
		for name, src := range out {
			if path.Ext(name) == ".s" {
				// Assembly: go vet checks it against its Go declarations.
			} else if formatted, err := format.Source(src); err != nil || !bytes.Equal(formatted, src) {
				t.Errorf("seed %d: %s is not gofmt'd (%v)", seed, name, err)
			}
		}
		writeModule(t, dir, "example.com/svc", out)
		t.Logf("seed %d: %d roots, %d files copied", seed, roots, len(out))
		for _, failure := range buildAndVet(dir) {
			t.Errorf("seed %d: %s of the pruned runtime", seed, failure)
		}
	}
}

// copiedRuntime copies the runtime as a client of the merged packages
// under base would that used the names use picks (asked once for each, in
// order), and returns the copy and how many names were picked. The client
// itself is not in the copy: it is not built (some names are types or
// generic).
func copiedRuntime(t *testing.T, rs *runtimeSource, base string, use func() bool) (map[string][]byte, int) {
	t.Helper()
	var client bytes.Buffer
	client.WriteString("package svc\n\nimport (\n")
	groups := slices.Sorted(maps.Keys(rs.owner))
	for _, g := range groups {
		fmt.Fprintf(&client, "\t%q\n", base+"/"+g)
	}
	client.WriteString(")\n\n// Roots:\n")
	roots := 0
	for _, g := range groups {
		for _, name := range slices.Sorted(maps.Keys(rs.owner[g])) {
			if use() {
				fmt.Fprintf(&client, "var _ = %s.%s\n", g, name)
				roots++
			}
		}
	}
	out := map[string][]byte{"client_gen.go": client.Bytes()}
	if err := copyRuntime(out, &Plan{runtimeMode: RuntimeCopy, runtimeBase: base}); err != nil {
		t.Fatal(err)
	}
	delete(out, "client_gen.go")
	return out, roots
}

// goCommand is the go command with args, run in dir offline and outside
// any workspace (golden_test.go's, for this package's own tests).
func goCommand(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
	return cmd
}

// writeModule writes files, by their slash-separated paths, and a go.mod
// for module into dir.
func writeModule(t *testing.T, dir, module string, files map[string][]byte) {
	t.Helper()
	write := func(name string, data []byte) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, src := range files {
		write(name, src)
	}
	write("go.mod", []byte("module "+module+"\n\ngo 1.26\n"))
}

// buildAndVet runs go build and go vet on the module in dir, offline and
// outside any workspace, and returns a message for each that fails.
func buildAndVet(dir string) []string {
	var failures []string
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		if msg, err := goCommand(dir, args...).CombinedOutput(); err != nil {
			failures = append(failures, fmt.Sprintf("go %s: %v\n%s", strings.Join(args, " "), err, msg))
		}
	}
	return failures
}

// TestKeepDecls checks the rules of keepDecls on a small package: what a
// root uses is kept, transitively; an exported method of a kept type stays
// unless the type is closed; an unexported one only when called.
func TestKeepDecls(t *testing.T) {
	src := `package p

// A is a root.
func A() int { return b() + len(T{}.x) }

func b() int { return 1 }

// unused is never called.
func unused() { b() }

type T struct{ x string }

// Exported stays: T is kept.
func (T) Exported() {}

func (T) called() {}

func (T) notCalled() {}

// C is closed.
//
//smithygo:closed
type C struct{}

func (C) Used() {}

func (C) Unused() {}

func useC() { C{}.Used(); T{}.called() }

var table = [2]int{1, 2}

const (
	k0 = iota
	k1
)
`
	f, err := scanGoFile("p.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	keep := keepDecls([]*goFile{f}, []string{"A", "useC", "k1"}, nil)[0]
	var kept []string
	for i, d := range f.decls {
		if keep[i] {
			name := strings.Join(d.names, ",")
			if d.recv != "" {
				name = d.recv + "." + d.method
			}
			kept = append(kept, name)
		}
	}
	want := []string{"A", "b", "T", "T.Exported", "T.called", "C", "C.Used", "useC", "k0,k1"}
	if !slices.Equal(kept, want) {
		t.Errorf("kept %v, want %v", kept, want)
	}
	got, err := relocateScanned("p.go", []byte(src), f, runtimeImportPrefix, "p", "B", "", keep)
	if err != nil {
		t.Fatal(err)
	}
	if formatted, err := format.Source(got); err != nil || !bytes.Equal(formatted, got) {
		t.Errorf("pruned file is not gofmt'd (%v):\n%s", err, got)
	}
	for _, gone := range []string{"unused", "notCalled", "Unused", "table"} {
		if bytes.Contains(got, []byte(gone)) {
			t.Errorf("pruned file still has %s:\n%s", gone, got)
		}
	}
}

// Closed types (//smithygo:closed) lose the exported methods nothing calls
// by name, so none may have a method that the standard library calls
// through an interface it asserts at run time.
func TestClosedTypesHaveNoImplicitMethods(t *testing.T) {
	rs, err := loadRuntimeSource()
	if err != nil {
		t.Fatal(err)
	}
	implicit := []string{"Error", "Unwrap", "Is", "As", "Format", "GoString", "LogValue", "MarshalJSON", "MarshalText", "Timeout", "Temporary"}
	closed := 0
	for name, pkg := range rs.pkgs {
		for _, f := range pkg.files {
			types := map[string]bool{}
			for _, d := range f.scan.decls {
				if d.closed {
					closed++
					for _, n := range d.names {
						types[n] = true
					}
				}
			}
			for _, other := range pkg.files {
				for _, d := range other.scan.decls {
					if types[d.recv] && slices.Contains(implicit, d.method) {
						t.Errorf("runtime/%s: closed type %s has method %s", name, d.recv, d.method)
					}
				}
			}
		}
	}
	if closed == 0 {
		t.Error("no runtime type is marked //smithygo:closed")
	}
}

// Dropping a declaration keeps the layout of the others only if a blank
// line separates them: gofmt aligns the bodies of one-line functions on
// consecutive lines, and would align them again without the one dropped.
func TestRuntimeDeclarationsAreSeparated(t *testing.T) {
	rs, err := loadRuntimeSource()
	if err != nil {
		t.Fatal(err)
	}
	for name, pkg := range rs.pkgs {
		for _, f := range pkg.files {
			for i := 1; i < len(f.scan.decls); i++ {
				if f.scan.decls[i].text.start == f.scan.decls[i-1].text.end {
					t.Errorf("runtime/%s/%s: no blank line before %q", name, f.name, f.src[f.scan.decls[i].text.start:min(f.scan.decls[i].text.end, f.scan.decls[i].text.start+40)])
				}
			}
		}
	}
}

// keepDecls drops a package-level variable that nothing uses, and keeps
// every declaration without a name (init, var _ = ...) whatever it uses.
// Both are right only while the runtime has no init functions and no
// variable whose initializer does more than compute its value: this test
// keeps it so. An initializer may call errors.New, sync.OnceValue(s),
// base64's Strict, a function literal (the tables built at start) or
// haveAVX2 (the processor's features), or convert, nothing else.
func TestRuntimeVariablesOnlyComputeValues(t *testing.T) {
	for name, src := range copyableFiles(t) {
		if !strings.HasPrefix(name, "runtime/") {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.Name == "init" {
					t.Errorf("%s: an init function: copy mode keeps it, and all it uses, in every client", name)
				}
			case *ast.GenDecl:
				if d.Tok != token.VAR {
					continue
				}
				for _, spec := range d.Specs {
					vs := spec.(*ast.ValueSpec)
					for _, n := range vs.Names {
						if n.Name == "_" {
							t.Errorf("%s: var _: copy mode keeps it in every client", fset.Position(n.Pos()))
						}
					}
					for _, v := range vs.Values {
						call, ok := v.(*ast.CallExpr)
						if !ok {
							continue
						}
						switch fn := call.Fun.(type) {
						case *ast.FuncLit, *ast.ArrayType: // a table built at start; a conversion
							continue
						case *ast.Ident:
							if fn.Name == "haveAVX2" { // asks the processor (CPUID): a value, no effect
								continue
							}
						case *ast.SelectorExpr:
							if q, ok := fn.X.(*ast.Ident); ok && (q.Name == "errors" && fn.Sel.Name == "New" || q.Name == "sync" && strings.HasPrefix(fn.Sel.Name, "OnceValue")) {
								continue
							}
							// base64.RawStdEncoding.Strict(): an encoding's variant.
							if enc, ok := fn.X.(*ast.SelectorExpr); ok && fn.Sel.Name == "Strict" {
								if q, ok := enc.X.(*ast.Ident); ok && q.Name == "base64" {
									continue
								}
							}
						}
						t.Errorf("%s: a package-level variable's initializer calls something other than errors.New, sync.OnceValue(s), base64's Strict, haveAVX2 or a function literal: copy mode drops the variable when nothing uses it", fset.Position(v.Pos()))
					}
				}
			}
		}
	}
}

// TestSharedRuntimeGoesWithItsImporters copies the runtime for clients
// that read text with cbor only, with jsonwire only, and with both: the
// shared package utf8valid, which both check text with, must be copied
// into the merged package of each that is copied (and only those), and
// the copies must build and vet, with no import cycle between smithy,
// which imports cbor, and cbor.
func TestSharedRuntimeGoesWithItsImporters(t *testing.T) {
	if testing.Short() {
		t.Skip("builds three copied runtimes")
	}
	const base = "example.com/svc/internal"
	uses := map[string]string{
		"cbor":   "func readCBOR(s string) string { return cbor.NewDecoderString(s).String() }\n",
		"smithy": "func readJSON(s string) string { return smithy.NewDecoderString(s).String() }\n",
	}
	for _, groups := range [][]string{{"cbor"}, {"smithy"}, {"cbor", "smithy"}} {
		var client strings.Builder
		client.WriteString("package svc\n\nimport (\n")
		for _, g := range groups {
			fmt.Fprintf(&client, "\t%q\n", base+"/"+g)
		}
		client.WriteString(")\n\n")
		for _, g := range groups {
			client.WriteString(uses[g])
		}
		out := map[string][]byte{"client_gen.go": []byte(client.String())}
		if err := copyRuntime(out, &Plan{runtimeMode: RuntimeCopy, runtimeBase: base}); err != nil {
			t.Fatal(err)
		}
		for _, g := range []string{"cbor", "smithy"} {
			_, copied := out[path.Join("internal", g, "utf8valid_gen.go")]
			if want := slices.Contains(groups, g); copied != want {
				t.Errorf("client of %v: utf8valid copied into %s: %v, want %v", groups, g, copied, want)
			}
		}
		dir := t.TempDir()
		writeModule(t, dir, "example.com/svc", out)
		for _, failure := range buildAndVet(dir) {
			t.Errorf("client of %v: %s", groups, failure)
		}
	}
}

// TestAssemblyDeclarationsKeptTogether keeps a declaration of a file with
// assembly that uses one of the assembly's functions and not the others
// (wideRunLong: stopRunAVX2, not unquoteRunAVX2): every function the
// assembly defines keeps its declaration, as the copy of the assembly
// defines them all. Before, copying failed ("would lose its declaration"),
// for a client that read strings without unescaping any.
func TestAssemblyDeclarationsKeptTogether(t *testing.T) {
	rs, err := loadRuntimeSource()
	if err != nil {
		t.Fatal(err)
	}
	var scans []*goFile
	asm := -1
	for _, f := range rs.pkgs["jsonwire"].files {
		if f.name == "scan_amd64.go" {
			asm = len(scans)
		}
		scans = append(scans, f.scan)
	}
	if asm < 0 {
		t.Fatal("no jsonwire/scan_amd64.go")
	}
	keep := keepAcrossGroups([]string{"smithy"}, map[string][]*goFile{"smithy": scans}, map[string]map[string]bool{"smithy": {"wideRunLong": true}}, map[string]bool{})
	bodiless := 0
	for di, d := range scans[asm].decls {
		if d.bodiless {
			bodiless++
			if !keep["smithy"][asm][di] {
				t.Errorf("%v, defined by the assembly, is dropped", d.names)
			}
		}
	}
	if bodiless < 3 {
		t.Fatalf("scan_amd64.go declares %d functions without a body, want its three", bodiless)
	}
}
