package gogen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/smithygo/smithygo/internal/shapes"
)

// TestEveryDeclarationIsPlanned generates every golden model and the
// Outposts model and checks that each package-level identifier of the main
// and types packages, and of the server package of a restJson1 service
// (generated or copied from the runtime templates), is
// in the Plan's scope for that package: a name the Plan does not know about
// is one a model name could collide with.
func TestEveryDeclarationIsPlanned(t *testing.T) {
	models := map[string][]shapes.Source{}
	paths, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if path.Ext(f.Name) == ".json" && !strings.Contains(f.Name, "/") {
				models[p] = append(models[p], shapes.Source{Name: f.Name, Data: f.Data})
			}
		}
	}
	models["outposts"] = nil
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range models {
			if !yield(k) {
				return
			}
		}
	}) {
		t.Run(filepath.Base(name), func(t *testing.T) {
			var m *shapes.Model
			var err error
			if name == "outposts" {
				m, err = shapes.LoadFiles("../../model/outposts.json")
			} else {
				m, err = shapes.Load(models[name]...)
			}
			if err != nil {
				t.Skipf("not a loadable model: %v", err)
			}
			svc, err := m.Service("")
			if err != nil {
				t.Skipf("no single service: %v", err)
			}
			cfg := Config{ImportPath: "example.com/x", Tests: true, ProtocolTests: true}
			// The server package is planned too, for the protocol it serves.
			cfg.Server = svc.Shape.Traits.Has(shapes.TraitRestJSON1)
			p, err := NewPlan(svc, cfg)
			if err != nil {
				t.Skipf("the model is refused: %v", err)
			}
			files, err := Generate(svc, cfg)
			if err != nil {
				t.Skipf("the model is refused: %v", err)
			}
			checked := 0
			for fname, src := range files {
				dir := path.Dir(fname)
				var scope interface{ Taken(string) bool }
				switch dir {
				case ".":
					scope = p.mainScope
				case "types":
					scope = p.typesScope
				case serverDir:
					scope = p.server.scope
				default:
					continue
				}
				f, err := parser.ParseFile(token.NewFileSet(), fname, src, parser.SkipObjectResolution)
				if err != nil {
					t.Fatal(err)
				}
				for _, n := range topLevelNames(f) {
					checked++
					if n != "_" && !scope.Taken(n) {
						t.Errorf("%s declares %s, which the Plan's %s scope does not hold", fname, n, dir)
					}
				}
			}
			if checked == 0 {
				t.Fatal("no declarations were checked")
			}
		})
	}
}

// topLevelNames lists the package-level identifiers a file declares.
func topLevelNames(f *ast.File) []string {
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names = append(names, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	return names
}
