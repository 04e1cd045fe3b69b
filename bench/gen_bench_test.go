package bench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// The generator, end to end as a user runs it: the cmd/gen binary (built once
// per test process) loads the model, renders the package and writes it. Each
// iteration writes into a new directory, so every file is written.
// internal/gen/bench_test.go in the main module has the same benchmarks in
// process, for profiling.

var genBinary struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if genBinary.dir != "" {
		os.RemoveAll(genBinary.dir)
	}
	os.Exit(code)
}

func buildGen(b *testing.B) string {
	genBinary.once.Do(func() {
		genBinary.dir, genBinary.err = os.MkdirTemp("", "smithygo-bench-gen-")
		if genBinary.err != nil {
			return
		}
		genBinary.path = filepath.Join(genBinary.dir, "gen")
		cmd := exec.Command("go", "build", "-o", genBinary.path, "./cmd/gen")
		cmd.Dir = ".."
		if out, err := cmd.CombinedOutput(); err != nil {
			genBinary.err = fmt.Errorf("go build ./cmd/gen: %v\n%s", err, out)
		}
	})
	if genBinary.err != nil {
		b.Fatal(genBinary.err)
	}
	return genBinary.path
}

func runGen(gen, model, out, importPath string) error {
	cmd := exec.Command(gen, "-model", model, "-out", out, "-import-path", importPath)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("gen -model %s: %v\n%s", model, err, msg)
	}
	return nil
}

func BenchmarkGenerate(b *testing.B) {
	b.Run("model=outposts/impl=smithygo", func(b *testing.B) {
		gen := buildGen(b)
		model, _ := filepath.Abs(filepath.Join("..", "model", "outposts.json"))
		tmp := b.TempDir()
		i := 0
		for b.Loop() {
			i++
			if err := runGen(gen, model, filepath.Join(tmp, strconv.Itoa(i)), "example.com/bench/outposts"); err != nil {
				b.Fatal(err)
			}
		}
	})

	// All the models in ../shared/models/aws, one gen process per model, as
	// many at once as there are CPUs (2 on the reference machine).
	b.Run("model=corpus/impl=smithygo", func(b *testing.B) {
		files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "models", "aws", "*", "service", "*", "*.json"))
		if len(files) == 0 {
			b.Skip("no models under ../../shared/models/aws")
		}
		slices.Sort(files)
		gen := buildGen(b)
		workers := runtime.GOMAXPROCS(0)
		for b.Loop() {
			tmp, err := os.MkdirTemp("", "smithygo-bench-corpus-")
			if err != nil {
				b.Fatal(err)
			}
			jobs := make(chan string)
			errs := make(chan error, len(files))
			var wg sync.WaitGroup
			for range workers {
				wg.Go(func() {
					for f := range jobs {
						pkg := strings.ReplaceAll(filepath.Base(filepath.Dir(filepath.Dir(filepath.Dir(f)))), "-", "")
						errs <- runGen(gen, f, filepath.Join(tmp, pkg), "example.com/bench/"+pkg)
					}
				})
			}
			for _, f := range files {
				jobs <- f
			}
			close(jobs)
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			os.RemoveAll(tmp)
			b.StartTimer()
		}
		b.ReportMetric(float64(len(files)), "models")
	})
}
