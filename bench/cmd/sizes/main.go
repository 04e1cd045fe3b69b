// Command sizes builds four tiny programs that call GetCapacityTask: one with
// the generated client as "gen -runtime copy" (the default) writes it
// (bench/sizeprogs/smithygo, using ../generated/outposts, which carries copies
// of the runtime packages it uses under its internal/), one with the same
// client generated with "-runtime import" (bench/sizeprogs/smithygoimport,
// using bench/internal/runtimeimport/outposts, which imports
// github.com/smithygo/smithygo/runtime/...), one with aws-sdk-go-v2
// (bench/sizeprogs/awssdk) and a standard-library-only twin
// (bench/sizeprogs/stdlib: an unsigned net/http GET and an encoding/json
// decode), and reports:
//
//   - the size of each stripped binary (go build -trimpath -ldflags='-s -w')
//     and its growth over the twin;
//   - which packages of each client make up that growth (symbol sizes from
//     go tool nm on an unstripped build);
//   - the time to compile each client's own packages with a warm dependency
//     cache: a build cache that holds the standard library, smithy-go, the
//     aws-sdk-go-v2 core and github.com/smithygo/smithygo/runtime/..., but
//     none of the client's packages, which is what a build sees after the
//     client is regenerated or upgraded. A client's own packages are those
//     of its program's dependencies below the client's import path: for
//     smithygo (copy) the package, its types and its runtime copies; for
//     smithygo (import) the package and its types, the runtime being a
//     dependency as smithy-go is for aws-sdk-go-v2. The generated server
//     (../generated/outposts/server and the internal packages only it uses)
//     is not among them, because no client program builds it. Each repetition
//     starts from a copy of that cache and runs "go build <client packages>"
//     (compile only); then "go build" of the program (the main package and the
//     link). The repetitions take the clients in turn, so that load from
//     anything else on the machine falls on all of them alike. A fully cached
//     "go build" of the same packages is the go command's own overhead,
//     reported for reference;
//   - where each client's compile CPU goes: one more "go build <client
//     packages>" per client, from the warm cache, with -toolexec set to this
//     command, which times every compiler run (user+sys CPU and wall) and
//     logs it by package.
//
// Run it from bench/: go run ./cmd/sizes [-reps 5].
package main

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

type prog struct {
	name   string // directory under sizeprogs
	client string // import path prefix of the client's own packages ("" for the twin)
	// maxGrowth and maxCompileCPU are the targets, as fractions of
	// aws-sdk-go-v2's binary growth and compile CPU (0: none).
	maxGrowth, maxCompileCPU float64
}

var warmCache *string

var progs = []prog{
	{"stdlib", "", 0, 0},
	{"awssdk", "github.com/aws/aws-sdk-go-v2/service/outposts", 0, 0},
	{"smithygo", "github.com/smithygo/smithygo/generated/outposts", 0.33, 1.0},
	{"smithygoimport", "github.com/smithygo/smithygo/bench/internal/runtimeimport/outposts", 0.33, 0.75},
}

// toolexecLog names the environment variable that makes this command a
// -toolexec wrapper (see toolexec) and says where it logs.
const toolexecLog = "SMITHYGO_SIZES_TOOLEXEC_LOG"

func main() {
	if log := os.Getenv(toolexecLog); log != "" && len(os.Args) > 1 {
		os.Exit(toolexec(log, os.Args[1:]))
	}
	reps := flag.Int("reps", 5, "repetitions of each compile-time measurement (the median is reported)")
	skipCompile := flag.Bool("no-compile", false, "report sizes only")
	benchOut := flag.String("bench-out", "", "also write the growths and compile times to this file as Go benchmark lines, for cmd/benchtable")
	warmCache = flag.String("warm-cache", "", "the build cache that holds the dependencies, kept between runs (default: <user cache dir>/smithygo-bench/gocache-deps)")
	flag.Parse()
	if err := run(*reps, *skipCompile, *benchOut); err != nil {
		fmt.Fprintln(os.Stderr, "sizes:", err)
		os.Exit(1)
	}
}

func run(reps int, skipCompile bool, benchOut string) error {
	var bench benchLines
	if benchOut != "" {
		defer func() {
			if werr := os.WriteFile(benchOut, bench.Bytes(), 0o644); werr != nil {
				fmt.Fprintln(os.Stderr, "sizes:", werr)
				os.Exit(1)
			}
		}()
	}
	tmp, err := os.MkdirTemp("", "smithygo-sizes-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	goVersion, err := output(nil, "go", "env", "GOVERSION")
	if err != nil {
		return err
	}
	fmt.Printf("%s, GOOS/GOARCH %s/%s, %d CPUs\n\n", strings.TrimSpace(goVersion), env("GOOS"), env("GOARCH"), numCPU())

	// Stripped sizes.
	sizes := map[string]int64{}
	for _, p := range progs {
		bin := filepath.Join(tmp, p.name)
		if _, err := output(nil, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, "./sizeprogs/"+p.name); err != nil {
			return err
		}
		st, err := os.Stat(bin)
		if err != nil {
			return err
		}
		sizes[p.name] = st.Size()
	}
	base := sizes["stdlib"]
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Println("Stripped binaries (go build -trimpath -ldflags='-s -w'):")
	fmt.Fprintln(w, "program\tbytes\tMiB\tgrowth over stdlib twin\t")
	for _, p := range progs {
		growth := "-"
		if p.name != "stdlib" {
			growth = fmt.Sprintf("+%.2f MiB (+%d bytes)", mib(sizes[p.name]-base), sizes[p.name]-base)
		}
		fmt.Fprintf(w, "%s\t%d\t%.2f\t%s\t\n", p.name, sizes[p.name], mib(sizes[p.name]), growth)
	}
	w.Flush()
	gAWS := sizes["awssdk"] - base
	for _, p := range progs {
		if p.maxGrowth > 0 {
			r := float64(sizes[p.name]-base) / float64(gAWS)
			fmt.Printf("growth %s / awssdk = %.2f (target <= %.2f: %s)\n", p.name, r, p.maxGrowth, met(r <= p.maxGrowth))
			bench.add("BinaryGrowth", p.name, "awssdk", fmt.Sprintf("%d growth-B", gAWS))
			bench.add("BinaryGrowth", p.name, "smithygo", fmt.Sprintf("%d growth-B", sizes[p.name]-base))
		}
	}
	fmt.Println()

	// Where the growth is: symbol sizes by package, unstripped builds.
	twinBin := filepath.Join(tmp, "stdlib-syms")
	if _, err := output(nil, "go", "build", "-trimpath", "-o", twinBin, "./sizeprogs/stdlib"); err != nil {
		return err
	}
	twin, err := symbolSizes(twinBin)
	if err != nil {
		return err
	}
	for _, p := range progs[1:] {
		bin := filepath.Join(tmp, p.name+"-syms")
		if _, err := output(nil, "go", "build", "-trimpath", "-o", bin, "./sizeprogs/"+p.name); err != nil {
			return err
		}
		byPkg, err := symbolSizes(bin)
		if err != nil {
			return err
		}
		type row struct {
			pkg  string
			size int64
		}
		var rows []row
		for pkg, n := range byPkg {
			if d := n - twin[pkg]; d > 0 {
				rows = append(rows, row{pkg, d})
			}
		}
		sort.Slice(rows, func(i, j int) bool { return rows[i].size > rows[j].size })
		fmt.Printf("%s: symbol bytes over the twin by package (go tool nm -size, top 12):\n", p.name)
		w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
		for _, r := range rows[:min(12, len(rows))] {
			fmt.Fprintf(w, "  %s\t%d\t\n", r.pkg, r.size)
		}
		w.Flush()
		fmt.Println()
	}

	if skipCompile {
		return nil
	}

	// Compile times with a warm dependency cache. A client's own packages
	// are the program's dependencies below the client's import path; the
	// rest (standard library, smithy-go and the aws-sdk-go-v2 core for
	// awssdk, github.com/smithygo/smithygo/runtime/... for smithygoimport)
	// goes into the warm cache.
	clientPkgs := map[string][]string{}
	var deps []string
	for _, p := range progs[1:] {
		list, err := output(nil, "go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./sizeprogs/"+p.name)
		if err != nil {
			return err
		}
		for _, pkg := range strings.Fields(list) {
			switch {
			case pkg == p.client || strings.HasPrefix(pkg, p.client+"/"):
				clientPkgs[p.name] = append(clientPkgs[p.name], pkg)
			case pkg == "github.com/smithygo/smithygo/bench/sizeprogs/"+p.name:
				// the program's main package: built with the link
			default:
				deps = append(deps, pkg)
			}
		}
	}
	args := []string{"list", "-deps", "-f", "{{if .Standard}}{{.ImportPath}}{{end}}"}
	for _, p := range progs[1:] {
		args = append(args, "./sizeprogs/"+p.name)
	}
	stdList, err := output(nil, "go", args...)
	if err != nil {
		return err
	}
	deps = append(deps, strings.Fields(stdList)...)
	slices.Sort(deps)
	deps = slices.Compact(deps)

	// The warm cache is kept between runs (it only ever holds the
	// dependencies, and Go's cache is content-addressed, so it cannot go
	// stale); the first run fills it, which takes a few minutes.
	warm := *warmCache
	if warm == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return err
		}
		warm = filepath.Join(dir, "smithygo-bench", "gocache-deps")
	}
	fmt.Printf("Warming the dependency cache %s with %d packages (standard library, smithy-go, aws-sdk-go-v2 core, smithygo/runtime)...\n", warm, len(deps))
	if _, err := output([]string{"GOCACHE=" + warm}, "go", append([]string{"build"}, deps...)...); err != nil {
		return err
	}

	type timings struct{ compileWall, compileCPU, linkWall, noop []time.Duration }
	t := map[string]*timings{}
	for r := range reps {
		for _, p := range progs[1:] {
			if t[p.name] == nil {
				t[p.name] = &timings{}
			}
			pt, pkgs := t[p.name], clientPkgs[p.name]
			cache := filepath.Join(tmp, fmt.Sprintf("cache-%s-%d", p.name, r))
			if _, err := output(nil, "cp", "-a", warm, cache); err != nil {
				return err
			}
			envv := []string{"GOCACHE=" + cache}
			wall, cpu, err := timed(envv, "go", append([]string{"build"}, pkgs...)...)
			if err != nil {
				return err
			}
			pt.compileWall, pt.compileCPU = append(pt.compileWall, wall), append(pt.compileCPU, cpu)
			wall, _, err = timed(envv, "go", "build", "-o", filepath.Join(tmp, fmt.Sprintf("linked-%s-%d", p.name, r)), "./sizeprogs/"+p.name)
			if err != nil {
				return err
			}
			pt.linkWall = append(pt.linkWall, wall)
			wall, _, err = timed(envv, "go", append([]string{"build"}, pkgs...)...)
			if err != nil {
				return err
			}
			pt.noop = append(pt.noop, wall)
			for _, q := range progs {
				if q.maxCompileCPU > 0 && (p.name == "awssdk" || p.name == q.name) {
					impl := map[bool]string{true: "awssdk", false: "smithygo"}[p.name == "awssdk"]
					n := len(pt.compileCPU) - 1
					bench.add("Compile", q.name, impl, fmt.Sprintf("%d cpu-ns/op %d wall-ns/op", pt.compileCPU[n].Nanoseconds(), pt.compileWall[n].Nanoseconds()))
				}
			}
			os.RemoveAll(cache)
		}
	}

	fmt.Printf("Compile times, median of %d (wall; user+sys CPU of go and the compiler):\n", reps)
	w = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "client\tpackages\tGo source\tcompile client pkgs (wall)\t(CPU)\tthen main + link (wall)\tcached no-op build (wall)\t")
	for _, p := range progs[1:] {
		pkgs, pt := clientPkgs[p.name], t[p.name]
		src, err := sourceBytes(pkgs)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s\t%d\t%.1f MiB\t%s\t%s\t%s\t%s\t\n", p.name, len(pkgs), mib(src),
			ms(median(pt.compileWall)), ms(median(pt.compileCPU)), ms(median(pt.linkWall)), ms(median(pt.noop)))
	}
	w.Flush()
	awsT := t["awssdk"]
	for _, p := range progs {
		if p.maxCompileCPU > 0 {
			pt := t[p.name]
			r := float64(median(pt.compileCPU)) / float64(median(awsT.compileCPU))
			fmt.Printf("compile %s / awssdk: CPU %.2f (target <= %.2f: %s), wall %.2f\n", p.name, r, p.maxCompileCPU, met(r <= p.maxCompileCPU),
				float64(median(pt.compileWall))/float64(median(awsT.compileWall)))
		}
	}
	fmt.Println()

	// Where the compile CPU goes.
	self, err := os.Executable()
	if err != nil {
		return err
	}
	for _, p := range progs[1:] {
		if err := compileProfile(warm, tmp, self, p.name, clientPkgs[p.name]); err != nil {
			return err
		}
	}
	return nil
}

// benchLines collects results as Go benchmark lines, which cmd/benchtable
// reads next to the benchmarks' own. A row of its table compares impl=awssdk
// with impl=smithygo under one name, so aws-sdk-go-v2's figures are written
// once under the name of each of our programs ("runtime=copy",
// "runtime=import").
type benchLines struct{ bytes.Buffer }

func (b *benchLines) add(what, ours, impl, values string) {
	mode := map[string]string{"smithygo": "copy", "smithygoimport": "import"}[ours]
	fmt.Fprintf(b, "Benchmark%s/runtime=%s/impl=%s 1 %s\n", what, mode, impl, values)
}

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

// compileProfile compiles a client's packages once more from a copy of the
// warm cache, with this command as -toolexec, and prints the CPU and wall
// time of each compiler run; what is left of the go command's CPU is its own
// work (loading packages, hashing, scheduling).
func compileProfile(warm, tmp, self, name string, pkgs []string) error {
	cache := filepath.Join(tmp, "cache-profile-"+name)
	if _, err := output(nil, "cp", "-a", warm, cache); err != nil {
		return err
	}
	defer os.RemoveAll(cache)
	logPath := filepath.Join(tmp, "toolexec-"+name+".log")
	_, total, err := timed([]string{"GOCACHE=" + cache, toolexecLog + "=" + logPath}, "go", append([]string{"build", "-toolexec", self}, pkgs...)...)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(logPath)
	if err != nil {
		return err
	}
	type run struct {
		pkg       string
		cpu, wall time.Duration
	}
	var runs []run
	var compiled time.Duration
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return fmt.Errorf("toolexec log %s: bad line %q", logPath, line)
		}
		cpu, err1 := strconv.ParseInt(f[1], 10, 64)
		wall, err2 := strconv.ParseInt(f[2], 10, 64)
		if err := cmp.Or(err1, err2); err != nil {
			return fmt.Errorf("toolexec log %s: %v", logPath, err)
		}
		runs = append(runs, run{f[0], time.Duration(cpu), time.Duration(wall)})
		compiled += time.Duration(cpu)
	}
	slices.SortFunc(runs, func(a, b run) int { return cmp.Compare(b.cpu, a.cpu) })
	fmt.Printf("%s: compile CPU by package (one go build -toolexec run, total %s CPU):\n", name, ms(total))
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "package\tCPU\tshare\twall\t")
	for _, r := range runs {
		fmt.Fprintf(w, "%s\t%s\t%.0f%%\t%s\t\n", r.pkg, ms(r.cpu), 100*float64(r.cpu)/float64(total), ms(r.wall))
	}
	fmt.Fprintf(w, "(go command)\t%s\t%.0f%%\t\t\n", ms(total-compiled), 100*float64(total-compiled)/float64(total))
	w.Flush()
	fmt.Println()
	return nil
}

// toolexec runs a build tool (args: the tool's path and its arguments) as
// "go build -toolexec" asks, and for each compiler run appends a line
// "package<TAB>CPU ns<TAB>wall ns" to the file logPath. It returns the
// tool's exit code. Lines are short single writes to a file opened for
// appending, so the compiler runs that go starts in parallel do not mix them.
func toolexec(logPath string, args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "sizes -toolexec:", err)
		return 1
	}
	if pkg := compiledPackage(args); pkg != "" {
		cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		f, ferr := os.OpenFile(logPath, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if ferr == nil {
			_, ferr = fmt.Fprintf(f, "%s\t%d\t%d\n", pkg, cpu.Nanoseconds(), wall.Nanoseconds())
			ferr = cmp.Or(ferr, f.Close())
		}
		if ferr != nil {
			fmt.Fprintln(os.Stderr, "sizes -toolexec:", ferr)
			return 1
		}
	}
	return cmd.ProcessState.ExitCode()
}

// compiledPackage returns the package that a compiler run compiles (its -p
// flag), or "" if args are not a compilation (another tool, or the go
// command asking the compiler for its version).
func compiledPackage(args []string) string {
	if strings.TrimSuffix(filepath.Base(args[0]), ".exe") != "compile" {
		return ""
	}
	flags := args[1:]
	if len(flags) == 1 && strings.HasPrefix(flags[0], "@") {
		// a response file: one argument per line
		data, err := os.ReadFile(flags[0][1:])
		if err != nil {
			return ""
		}
		flags = strings.Split(string(data), "\n")
	}
	for i, f := range flags {
		if f == "-p" && i+1 < len(flags) {
			return flags[i+1]
		}
	}
	return ""
}

func symbolSizes(bin string) (map[string]int64, error) {
	out, err := output(nil, "go", "tool", "nm", "-size", bin)
	if err != nil {
		return nil, err
	}
	m := map[string]int64{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		n, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		m[symbolPackage(strings.Join(f[3:], " "))] += n
	}
	return m, nil
}

// symbolPackage returns the import path that a symbol name belongs to, such as
// "github.com/aws/smithy-go/middleware" for
// "github.com/aws/smithy-go/middleware.(*Stack).Add".
func symbolPackage(sym string) string {
	for _, prefix := range []string{"go:itab.", "type:.eq.", "type:", "go:"} {
		if strings.HasPrefix(sym, prefix) {
			if prefix == "type:" || prefix == "type:.eq." {
				sym = strings.TrimLeft(strings.TrimPrefix(sym, prefix), "*[]")
				break
			}
			return "(" + strings.TrimSuffix(prefix, ".") + ")"
		}
	}
	slash := strings.LastIndex(sym, "/")
	if dot := strings.Index(sym[slash+1:], "."); dot >= 0 {
		return sym[:slash+1+dot]
	}
	return sym
}

func sourceBytes(pkgs []string) (int64, error) {
	out, err := output(nil, "go", append([]string{"list", "-f", `{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}`}, pkgs...)...)
	if err != nil {
		return 0, err
	}
	var total int64
	for _, f := range strings.Fields(out) {
		st, err := os.Stat(f)
		if err != nil {
			return 0, err
		}
		total += st.Size()
	}
	return total, nil
}

func output(extraEnv []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), extraEnv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String(), nil
}

func timed(extraEnv []string, name string, args ...string) (wall, cpu time.Duration, err error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), extraEnv...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	wall = time.Since(start)
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
}

func env(key string) string {
	v, _ := output(nil, "go", "env", key)
	return strings.TrimSpace(v)
}

func numCPU() int {
	n, _ := output(nil, "nproc")
	i, _ := strconv.Atoi(strings.TrimSpace(n))
	return i
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ms(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }

func mib(n int64) float64 { return float64(n) / (1 << 20) }
