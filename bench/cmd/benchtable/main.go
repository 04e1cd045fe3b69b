// Command benchtable reads the output of the bench/ benchmarks (any number of
// runs appended into one file) and prints a Markdown table of medians: each
// implementation's value, the ratios of smithygo to aws-sdk-go-v2 and to the
// floor, and whether each target of the performance issue is met. Further
// files in the same format are read too: cmd/sizes -bench-out writes the
// binary growths and compile times that way.
//
//	go run ./cmd/benchtable results/bench.txt [results/sizes-bench.txt]
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// samples[benchmark][impl][unit] are the values of every run.
type samples map[string]map[string]map[string][]float64

var procSuffix = regexp.MustCompile(`-\d+$`)

func parse(s samples, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	lines := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(fields[1]); err != nil {
			continue
		}
		name := procSuffix.ReplaceAllString(fields[0], "")
		impl := "smithygo"
		if i := strings.Index(name, "/impl="); i >= 0 {
			impl = name[i+len("/impl="):]
			name = name[:i]
		}
		if s[name] == nil {
			s[name] = map[string]map[string][]float64{}
		}
		if s[name][impl] == nil {
			s[name][impl] = map[string][]float64{}
		}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			unit := fields[i+1]
			if prefix, ok := strings.CutSuffix(unit, "ns/op"); ok { // also cpu-ns/op and wall-ns/op
				v, unit = v/1e9, prefix+"sec/op"
			}
			s[name][impl][unit] = append(s[name][impl][unit], v)
		}
		lines++
	}
	return lines, sc.Err()
}

func median(v []float64) (float64, bool) {
	if len(v) == 0 {
		return 0, false
	}
	v = slices.Clone(v)
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2], true
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2, true
}

// A row of the table: one benchmark and one unit, with an optional target.
type row struct {
	label, bench, unit string
	// target describes the goal; check says whether medians meet it.
	target string
	check  func(m map[string]float64) (bool, bool) // (met, applicable)
}

func ratio(a, b float64) float64 { return a / b }

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: benchtable results/bench.txt [more files of benchmark lines]")
		os.Exit(2)
	}
	s := samples{}
	for _, path := range os.Args[1:] {
		n, err := parse(s, path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchtable:", err)
			os.Exit(1)
		}
		if n == 0 {
			fmt.Fprintln(os.Stderr, "benchtable: no benchmark lines in", path)
			os.Exit(1)
		}
	}
	vsAWS := func(max float64) func(map[string]float64) (bool, bool) {
		return func(m map[string]float64) (bool, bool) {
			o, ok1 := m["smithygo"]
			a, ok2 := m["awssdk"]
			return ok1 && ok2 && o <= max*a, ok1 && ok2
		}
	}
	const (
		gct   = "BenchmarkGetCapacityTask/transport=memory"
		gctLB = "BenchmarkGetCapacityTask/transport=loopback"
		lci   = "BenchmarkListCatalogItems/items=1000"
		lciLB = "BenchmarkListCatalogItems/items=1000/transport=loopback"
		sctS  = "BenchmarkStartCapacityTask/pools=50/step=serialize"
		sctC  = "BenchmarkStartCapacityTask/pools=50/step=call"
	)
	rows := []row{
		{"GetCapacityTask, in-memory", gct, "sec/op", "≤ 1/3 of aws", vsAWS(1.0 / 3)},
		{"", gct, "B/op", "", nil},
		{"", gct, "allocs/op", "≤ 1/4 of aws", vsAWS(1.0 / 4)},
		{"GetCapacityTask, loopback, signed", gctLB, "sec/op", "≤ 1.2 × floor", func(m map[string]float64) (bool, bool) {
			o, ok1 := m["smithygo"]
			f, ok2 := m["floor"]
			return ok1 && ok2 && o <= 1.2*f, ok1 && ok2
		}},
		{"", gctLB, "B/op", "", nil},
		{"", gctLB, "allocs/op", "", nil},
		{"ListCatalogItems, 1,000 items, in-memory decode", lci, "sec/op", "≤ 1/2 of aws", vsAWS(0.5)},
		{"", lci, "B/op", "≤ 1/3 of aws", vsAWS(1.0 / 3)},
		{"", lci, "allocs/op", "≤ 1/3 of aws", vsAWS(1.0 / 3)},
		{"ListCatalogItems, 1,000 items, loopback", lciLB, "sec/op", "≤ 1/2 of aws", vsAWS(0.5)},
		{"", lciLB, "B/op", "≤ 1/3 of aws", vsAWS(1.0 / 3)},
		{"", lciLB, "allocs/op", "", nil},
		{"StartCapacityTask, 50 pools, in-memory call", sctC, "sec/op", "≤ 1/3 of aws", vsAWS(1.0 / 3)},
		{"", sctC, "B/op", "", nil},
		{"", sctC, "allocs/op", "", nil},
		{"StartCapacityTask, 50 pools, serialize (reply {})", sctS, "sec/op", "", nil},
		{"", sctS, "B/op", "", nil},
		{"", sctS, "allocs/op", "", nil},
		{"Validate(), valid input, 50 pools", "BenchmarkValidate/input=valid", "sec/op", "", nil},
		{"", "BenchmarkValidate/input=valid", "allocs/op", "0", func(m map[string]float64) (bool, bool) {
			o, ok := m["smithygo"]
			return ok && o == 0, ok
		}},
		{"Validate(), invalid input (6 violations)", "BenchmarkValidate/input=invalid", "sec/op", "", nil},
		{"", "BenchmarkValidate/input=invalid", "allocs/op", "", nil},
		{"Generator: Outposts, end to end", "BenchmarkGenerate/model=outposts", "sec/op", "< 150 ms", func(m map[string]float64) (bool, bool) {
			o, ok := m["smithygo"]
			return ok && o < 0.150, ok
		}},
		{"Generator: 40 AWS models, 2 at a time", "BenchmarkGenerate/model=corpus", "sec/op", "< 10 s", func(m map[string]float64) (bool, bool) {
			o, ok := m["smithygo"]
			return ok && o < 10, ok
		}},
	}

	// The awsJson1_0 services (awsjson_bench_test.go).
	const (
		ddbGet   = "BenchmarkDynamoDB/op=GetItem/transport=memory"
		ddbQuery = "BenchmarkDynamoDB/op=Query/items=1000"
		sqsBatch = "BenchmarkSQS/op=SendMessageBatch/entries=10"
	)
	rows = append(rows,
		row{"DynamoDB GetItem, in-memory", ddbGet, "sec/op", "≤ 1/3 of aws", vsAWS(1.0 / 3)},
		row{"", ddbGet, "B/op", "", nil},
		row{"", ddbGet, "allocs/op", "≤ 1/4 of aws", vsAWS(1.0 / 4)},
		row{"DynamoDB Query, 1,000 nested items (1.06 MiB)", ddbQuery, "sec/op", "≤ 1/2 of aws", vsAWS(0.5)},
		row{"", ddbQuery, "B/op", "≤ 1/3 of aws", vsAWS(1.0 / 3)},
		row{"", ddbQuery, "allocs/op", "≤ 1/3 of aws", vsAWS(1.0 / 3)},
		row{"SQS SendMessageBatch, 10 entries, in-memory", sqsBatch, "sec/op", "≤ 1/3 of aws", vsAWS(1.0 / 3)},
		row{"", sqsBatch, "B/op", "", nil},
		row{"", sqsBatch, "allocs/op", "", nil},
	)

	// Binary growth and compile time (cmd/sizes -bench-out), in both of the
	// generator's runtime modes: -runtime copy (../generated/outposts) and
	// -runtime import (internal/runtimeimport/outposts).
	for _, mode := range []struct {
		name       string
		maxCompile float64
		target     string
	}{{"copy", 1.0, "≤ 1.0 × aws"}, {"import", 0.75, "≤ 0.75 × aws"}} {
		growth, compile := "BenchmarkBinaryGrowth/runtime="+mode.name, "BenchmarkCompile/runtime="+mode.name
		rows = append(rows,
			row{"Binary growth (stripped, over the stdlib twin), -runtime " + mode.name, growth, "growth-B", "≤ 0.33 × aws", vsAWS(0.33)},
			row{"Compile client packages (warm dependency cache), -runtime " + mode.name, compile, "cpu-sec/op", mode.target, vsAWS(mode.maxCompile)},
			row{"", compile, "wall-sec/op", "", nil},
		)
	}

	// The payload shapes of BenchmarkDecode (bench/payloads.go): floor is
	// encoding/json there.
	decodeTime := func(m map[string]float64) (bool, bool) {
		o, ok1 := m["smithygo"]
		a, ok2 := m["awssdk"]
		f, ok3 := m["floor"]
		return ok1 && ok2 && ok3 && o <= a/4 && o <= f/3, ok1 && ok2 && ok3
	}
	for _, shape := range []struct{ name, label string }{
		{"numbers", "Decode: numbers (ListAssets, 256 KB)"},
		{"timestamps", "Decode: epoch timestamps (ListCapacityTasks, 256 KB)"},
		{"strings", "Decode: strings (ListSites, 256 KB)"},
		{"deep", "Decode: deep (GetOrder, 256 KB)"},
		{"page1MB", "Decode: 1 MB page (ListOutposts)"},
	} {
		bench := "BenchmarkDecode/shape=" + shape.name
		rows = append(rows,
			row{shape.label, bench, "sec/op", "≤ 1/4 of aws, ≤ 1/3 of encoding/json", decodeTime},
			row{"", bench, "B/op", "≤ 1/4 of aws", vsAWS(1.0 / 4)},
			row{"", bench, "allocs/op", "≤ 1/4 of aws", vsAWS(1.0 / 4)},
		)
	}

	fmt.Println("| benchmark | unit | aws-sdk-go-v2 | smithygo | floor | smithygo ÷ aws | smithygo ÷ floor | target | met |")
	fmt.Println("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
	runs := 0
	for _, r := range rows {
		impls := s[r.bench]
		if impls == nil {
			continue
		}
		m := map[string]float64{}
		for _, impl := range []string{"awssdk", "smithygo", "floor"} {
			if v, ok := median(impls[impl][r.unit]); ok {
				m[impl] = v
				runs = max(runs, len(impls[impl][r.unit]))
			}
		}
		cell := func(impl string) string {
			v, ok := m[impl]
			if !ok {
				return ""
			}
			return format(v, r.unit)
		}
		rat := func(a, b string) string {
			x, ok1 := m[a]
			y, ok2 := m[b]
			if !ok1 || !ok2 || y == 0 {
				return ""
			}
			return fmt.Sprintf("%.2f", ratio(x, y))
		}
		met := ""
		if r.check != nil {
			if ok, applicable := r.check(m); applicable {
				met = map[bool]string{true: "yes", false: "**no**"}[ok]
			}
		}
		unit := map[string]string{"sec/op": "time/op", "B/op": "B/op", "allocs/op": "allocs/op",
			"growth-B": "bytes", "cpu-sec/op": "CPU", "wall-sec/op": "wall"}[r.unit]
		fmt.Printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.label, unit, cell("awssdk"), cell("smithygo"), cell("floor"),
			rat("smithygo", "awssdk"), rat("smithygo", "floor"), r.target, met)
	}
	fmt.Printf("\nMedians of %d runs.\n", runs)
}

func format(v float64, unit string) string {
	switch unit {
	case "sec/op", "cpu-sec/op", "wall-sec/op":
		switch {
		case v >= 1:
			return fmt.Sprintf("%.2f s", v)
		case v >= 1e-3:
			return fmt.Sprintf("%.2f ms", v*1e3)
		case v >= 1e-6:
			return fmt.Sprintf("%.1f µs", v*1e6)
		default:
			return fmt.Sprintf("%.0f ns", v*1e9)
		}
	case "B/op", "growth-B":
		switch {
		case v >= 1<<20:
			return fmt.Sprintf("%.2f MiB", v/(1<<20))
		case v >= 1<<10:
			return fmt.Sprintf("%.1f KiB", v/(1<<10))
		default:
			return fmt.Sprintf("%.0f B", v)
		}
	default:
		if v >= 10000 {
			return fmt.Sprintf("%.1fk", v/1000)
		}
		return fmt.Sprintf("%.0f", v)
	}
}
