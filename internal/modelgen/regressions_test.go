package modelgen

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/internal/gen"
)

// TestRegressionModels generates every model in testdata/regressions (the
// smallest models that once gave Go that did not build or vet, shrunk from
// random ones) into one module and builds and vets them all. Their
// behaviour (a null in a sparse list, a token that cannot be a UUID) is
// tested by the golden case internal/gogen/testdata/golden/clashes.txtar.
func TestRegressionModels(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command on PATH: the generated packages cannot be built")
	}
	models, err := filepath.Glob("testdata/regressions/*.smithy")
	if err != nil || len(models) == 0 {
		t.Fatalf("no regression models: %v", err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/regressions\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, m := range models {
		pkg := "r" + strings.SplitN(filepath.Base(m), "-", 2)[0]
		if err := gen.Run(gen.Options{Models: []string{m}, Out: filepath.Join(dir, pkg), ImportPath: "example.com/regressions/" + pkg}); err != nil {
			t.Errorf("%s: %v", models[i], err)
		}
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go vet: %v\n%s", err, out)
	}
}
