package gogen_test

import (
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/internal/gogen"
	"github.com/smithygo/smithygo/internal/shapes"
)

// goPackage is what a generated package declares, read back from its source.
type goPackage struct {
	structs map[string][]goField // struct type → fields
	consts  map[string]string    // constant → its value's literal
	methods map[string][]string  // receiver type → method names
	named   []string             // every type name
	api     []string             // the methods of interface API
}

type goField struct{ name, typ string }

func parsePackage(t *testing.T, files map[string][]byte, dir string) *goPackage {
	t.Helper()
	pkg := &goPackage{structs: map[string][]goField{}, consts: map[string]string{}, methods: map[string][]string{}}
	fset := token.NewFileSet()
	expr := func(e ast.Expr) string {
		var b strings.Builder
		if err := printer.Fprint(&b, fset, e); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for name, src := range files {
		if path.Dir(name) != dir || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil {
					recv := strings.TrimPrefix(expr(d.Recv.List[0].Type), "*")
					pkg.methods[recv] = append(pkg.methods[recv], d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						pkg.named = append(pkg.named, s.Name.Name)
						switch tt := s.Type.(type) {
						case *ast.StructType:
							fields := []goField{}
							for _, fld := range tt.Fields.List {
								for _, n := range fld.Names {
									fields = append(fields, goField{n.Name, expr(fld.Type)})
								}
							}
							pkg.structs[s.Name.Name] = fields
						case *ast.InterfaceType:
							if s.Name.Name == "API" {
								for _, m := range tt.Methods.List {
									for _, n := range m.Names {
										pkg.api = append(pkg.api, n.Name)
									}
								}
							}
						}
					case *ast.ValueSpec:
						if d.Tok == token.CONST && len(s.Values) == len(s.Names) {
							for i, n := range s.Names {
								pkg.consts[n.Name] = expr(s.Values[i])
							}
						}
					}
				}
			}
		}
	}
	return pkg
}

// TestSurfaceMatchesGeneratedCode checks the API that Surface describes
// against the code Generate writes, for the golden models and Outposts:
// every type, field (name and Go type), enum constant, union wrapper,
// operation, paginator and waiter, and no exported type left out.
func TestSurfaceMatchesGeneratedCode(t *testing.T) {
	type model struct {
		name    string
		srcs    []shapes.Source
		service string
	}
	var models []model
	for _, c := range loadCases(t) {
		models = append(models, model{c.name, c.models, c.service})
	}
	outposts, err := shapes.LoadFiles("../../model/outposts.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range models {
		t.Run(m.name, func(t *testing.T) {
			loaded, err := shapes.Load(m.srcs...)
			if err != nil {
				t.Skip("the model does not load:", err)
			}
			svc, err := loaded.Service(m.service)
			if err != nil {
				t.Skip("no service:", err)
			}
			checkSurface(t, svc)
		})
	}
	t.Run("outposts", func(t *testing.T) {
		svc, err := outposts.Service("")
		if err != nil {
			t.Fatal(err)
		}
		checkSurface(t, svc)
	})
}

func checkSurface(t *testing.T, svc *shapes.Service) {
	cfg := gogen.Config{ImportPath: "example.com/x"}
	files, genErr := gogen.Generate(svc, cfg)
	api, err := gogen.Surface(svc, cfg)
	if (genErr == nil) != (err == nil) {
		t.Fatalf("Generate: %v, but Surface: %v", genErr, err)
	}
	if err != nil {
		t.Skip("refused by both:", err)
	}
	mainPkg, typesPkg := parsePackage(t, files, "."), parsePackage(t, files, "types")

	var methods []string
	for _, op := range api.Operations {
		methods = append(methods, op.Method)
		for _, m := range slices.Concat(op.Paginators, op.Waiters) {
			if !slices.Contains(mainPkg.methods["Client"], m) {
				t.Errorf("Client has no method %s", m)
			}
		}
		for _, e := range op.Errors {
			if !slices.Contains(typesPkg.methods[strings.TrimPrefix(e, "*types.")], "Error") {
				t.Errorf("%s: error %s has no Error method", op.Method, e)
			}
		}
	}
	slices.Sort(mainPkg.api)
	if !slices.Equal(methods, mainPkg.api) {
		t.Errorf("operations %v, but interface API has %v", methods, mainPkg.api)
	}

	described := map[string]bool{}
	for _, ty := range api.Types {
		pkg, name, local := mainPkg, ty.Name, func(s string) string { return s }
		if n, ok := strings.CutPrefix(ty.Name, "types."); ok {
			// Inside package types, its own types are not qualified.
			pkg, name, local = typesPkg, n, func(s string) string { return strings.ReplaceAll(s, "types.", "") }
			described[n] = true
		}
		switch ty.Kind {
		case gogen.KindEnum, gogen.KindIntEnum:
			if !slices.Contains(pkg.named, name) {
				t.Errorf("%s is not declared", ty.Name)
			}
			for _, v := range ty.Values {
				want := strconv.Quote(v.Value)
				if ty.Kind == gogen.KindIntEnum {
					want = v.Value
				}
				if got := pkg.consts[local(v.Const)]; got != want {
					t.Errorf("%s: constant %s is %q, want %q", ty.Name, v.Const, got, want)
				}
			}
		case gogen.KindUnion:
			if !slices.Contains(pkg.named, name) {
				t.Errorf("%s is not declared", ty.Name)
			}
			for _, v := range ty.Variants {
				w := local(v.Name)
				described[w] = true
				if v.Pointer {
					t.Errorf("%s: wrapper %s: Pointer is set, but Value holds the value", ty.Name, w)
				}
				var want []goField
				if v.Type != "" {
					want = []goField{{"Value", local(v.Type)}}
				}
				if got, ok := pkg.structs[w]; !ok || !slices.Equal(got, want) {
					t.Errorf("%s: wrapper %s has fields %v, want %v", ty.Name, w, got, want)
				}
			}
		default:
			var want []goField
			for _, f := range ty.Fields {
				want = append(want, goField{f.Name, local(f.Type)})
				// Big numbers are *big.Int or *big.Float values, never pointers to those.
				if f.Pointer != (strings.HasPrefix(f.Type, "*") && !strings.HasPrefix(f.Type, "*big.")) {
					t.Errorf("%s.%s: Pointer is %v for Go type %s", ty.Name, f.Name, f.Pointer, f.Type)
				}
			}
			got, ok := pkg.structs[name]
			if !ok {
				t.Errorf("%s is not declared", ty.Name)
			} else if len(got) > 0 || len(want) > 0 {
				if !slices.Equal(got, want) {
					t.Errorf("%s has fields\n%v\nthe surface says\n%v", ty.Name, got, want)
				}
			}
			if ty.Kind == gogen.KindError && !slices.Contains(pkg.methods[name], "Error") {
				t.Errorf("%s has no Error method", ty.Name)
			}
		}
	}
	// The types package declares nothing exported beyond the surface but
	// the unknown-union-member type and the document type.
	for _, n := range typesPkg.named {
		if ast.IsExported(n) && !described[n] && !strings.HasPrefix(n, "UnknownUnionMember") && !strings.HasPrefix(n, "Document") {
			t.Errorf("types.%s is declared but not in the surface", n)
		}
	}
}
