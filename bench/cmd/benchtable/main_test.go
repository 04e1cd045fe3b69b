package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestParseFiles reads a go test output and a file of cmd/sizes lines into
// one set of samples: ns/op in any unit's name becomes seconds, other units
// are kept as they are, and a benchmark's runs are gathered per impl.
func TestParseFiles(t *testing.T) {
	dir := t.TempDir()
	bench := filepath.Join(dir, "bench.txt")
	sizes := filepath.Join(dir, "sizes-bench.txt")
	if err := os.WriteFile(bench, []byte("goos: linux\n"+
		"BenchmarkListCatalogItems/items=1000/transport=loopback/impl=awssdk-2   356  3288950 ns/op  84.54 MB/s  1957067 B/op  25654 allocs/op\n"+
		"BenchmarkListCatalogItems/items=1000/transport=loopback/impl=smithygo-2 974  1188653 ns/op  233.91 MB/s  440330 B/op  3151 allocs/op\n"+
		"PASS\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(sizes, []byte(
		"BenchmarkCompile/runtime=copy/impl=awssdk 1 2000000000 cpu-ns/op 1500000000 wall-ns/op\n"+
			"BenchmarkCompile/runtime=copy/impl=awssdk 1 2200000000 cpu-ns/op 1600000000 wall-ns/op\n"+
			"BenchmarkBinaryGrowth/runtime=import/impl=smithygo 1 397312 growth-B\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := samples{}
	for path, lines := range map[string]int{bench: 2, sizes: 3} {
		n, err := parse(s, path)
		if err != nil || n != lines {
			t.Fatalf("parse(%s) = %d, %v; want %d lines", path, n, err, lines)
		}
	}
	for _, c := range []struct {
		bench, impl, unit string
		want              []float64
	}{
		{"BenchmarkListCatalogItems/items=1000/transport=loopback", "awssdk", "sec/op", []float64{0.00328895}},
		{"BenchmarkListCatalogItems/items=1000/transport=loopback", "smithygo", "B/op", []float64{440330}},
		{"BenchmarkCompile/runtime=copy", "awssdk", "cpu-sec/op", []float64{2.0, 2.2}},
		{"BenchmarkCompile/runtime=copy", "awssdk", "wall-sec/op", []float64{1.5, 1.6}},
		{"BenchmarkBinaryGrowth/runtime=import", "smithygo", "growth-B", []float64{397312}},
	} {
		if got := s[c.bench][c.impl][c.unit]; !slices.Equal(got, c.want) {
			t.Errorf("%s %s %s = %v, want %v", c.bench, c.impl, c.unit, got, c.want)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		v    float64
		unit string
		want string
	}{
		{2.52, "cpu-sec/op", "2.52 s"},
		{0.0016, "wall-sec/op", "1.60 ms"},
		{397312, "growth-B", "388.0 KiB"},
		{1454080, "growth-B", "1.39 MiB"},
	} {
		if got := format(c.v, c.unit); got != c.want {
			t.Errorf("format(%v, %q) = %q, want %q", c.v, c.unit, got, c.want)
		}
	}
}
