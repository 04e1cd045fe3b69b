package gen

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The generator's own benchmarks: load + resolve + render + write, in
// process, so that they can be profiled (go test -cpuprofile). Each iteration
// writes into a new directory, so every file is written (regenerating into an
// existing directory skips unchanged files and is faster). bench/ times the
// same work end to end through the cmd/gen binary.

func BenchmarkGenerateOutposts(b *testing.B) {
	model := filepath.Join("..", "..", "model", "outposts.json")
	tmp := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		if err := Run(Options{Models: []string{model}, Out: filepath.Join(tmp, strconv.Itoa(i)), ImportPath: "example.com/bench/outposts"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerateCorpus generates every model in ../shared/models/aws, one
// after the other, and skips when ../shared is not there.
func BenchmarkGenerateCorpus(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "models", "aws", "*", "service", "*", "*.json"))
	if len(files) == 0 {
		b.Skip("no models under ../shared/models/aws")
	}
	slices.Sort(files)
	i := 0
	for b.Loop() {
		i++
		tmp, err := os.MkdirTemp("", "smithygo-bench-")
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range files {
			pkg := strings.ReplaceAll(filepath.Base(filepath.Dir(filepath.Dir(filepath.Dir(f)))), "-", "")
			if err := Run(Options{Models: []string{f}, Out: filepath.Join(tmp, pkg), ImportPath: "example.com/bench/" + pkg}); err != nil {
				b.Fatalf("%s: %v", f, err)
			}
		}
		b.StopTimer()
		os.RemoveAll(tmp)
		b.StartTimer()
	}
	b.ReportMetric(float64(len(files)), "models")
}
