// Command sizes builds three tiny programs that call GetCapacityTask, one with
// the generated client (bench/sizeprogs/smithygo), one with aws-sdk-go-v2
// (bench/sizeprogs/awssdk) and a standard-library-only twin
// (bench/sizeprogs/stdlib: an unsigned net/http GET and an encoding/json
// decode), and reports:
//
//   - the size of each stripped binary (go build -trimpath -ldflags='-s -w')
//     and its growth over the twin;
//   - which packages of each client make up that growth (symbol sizes from
//     go tool nm on an unstripped build);
//   - the time to compile each client's own packages with a warm dependency
//     cache: a build cache that holds the standard library, smithy-go and the
//     aws-sdk-go-v2 core, but none of the client's packages, which is what a
//     build sees after the client is regenerated or upgraded. Each repetition
//     starts from a copy of that cache and runs "go build <client packages>"
//     (compile only); then "go build" of the program (the main package and the
//     link). A fully cached "go build" of the same packages is the go
//     command's own overhead, reported for reference.
//
// Run it from bench/: go run ./cmd/sizes [-reps 5].
package main

import (
	"bytes"
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
}

var warmCache *string

var progs = []prog{
	{"stdlib", ""},
	{"awssdk", "github.com/aws/aws-sdk-go-v2/service/outposts"},
	{"smithygo", "github.com/smithygo/smithygo/generated/outposts"},
}

func main() {
	reps := flag.Int("reps", 5, "repetitions of each compile-time measurement (the median is reported)")
	skipCompile := flag.Bool("no-compile", false, "report sizes only")
	warmCache = flag.String("warm-cache", "", "the build cache that holds the dependencies, kept between runs (default: <user cache dir>/smithygo-bench/gocache-deps)")
	flag.Parse()
	if err := run(*reps, *skipCompile); err != nil {
		fmt.Fprintln(os.Stderr, "sizes:", err)
		os.Exit(1)
	}
}

func run(reps int, skipCompile bool) error {
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
	gOurs, gAWS := sizes["smithygo"]-base, sizes["awssdk"]-base
	fmt.Printf("growth smithygo / awssdk = %.2f (target <= 0.33)\n\n", float64(gOurs)/float64(gAWS))

	// Where the growth is: symbol sizes by package, unstripped builds.
	for _, p := range progs[1:] {
		bin := filepath.Join(tmp, p.name+"-syms")
		if _, err := output(nil, "go", "build", "-trimpath", "-o", bin, "./sizeprogs/"+p.name); err != nil {
			return err
		}
		byPkg, err := symbolSizes(bin)
		if err != nil {
			return err
		}
		twin, err := func() (map[string]int64, error) {
			tb := filepath.Join(tmp, "stdlib-syms")
			if _, err := os.Stat(tb); err != nil {
				if _, err := output(nil, "go", "build", "-trimpath", "-o", tb, "./sizeprogs/stdlib"); err != nil {
					return nil, err
				}
			}
			return symbolSizes(tb)
		}()
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

	// Compile times with a warm dependency cache.
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
			case strings.HasPrefix(pkg, "github.com/smithygo/smithygo/bench/"):
			default:
				deps = append(deps, pkg)
			}
		}
	}
	stdList, err := output(nil, "go", "list", "-deps", "-f", "{{if .Standard}}{{.ImportPath}}{{end}}", "./sizeprogs/awssdk", "./sizeprogs/smithygo")
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
	fmt.Printf("Warming the dependency cache %s with %d packages (standard library, smithy-go, aws-sdk-go-v2 core)...\n", warm, len(deps))
	if _, err := output([]string{"GOCACHE=" + warm}, "go", append([]string{"build"}, deps...)...); err != nil {
		return err
	}

	fmt.Printf("Compile times, median of %d (wall; user+sys CPU of go and the compiler):\n", reps)
	w = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "client\tpackages\tGo source\tcompile client pkgs (wall)\t(CPU)\tthen main + link (wall)\tcached no-op build (wall)\t")
	for _, p := range progs[1:] {
		pkgs := clientPkgs[p.name]
		var compileWall, compileCPU, linkWall, noop []time.Duration
		for r := range reps {
			cache := filepath.Join(tmp, fmt.Sprintf("cache-%s-%d", p.name, r))
			if _, err := output(nil, "cp", "-a", warm, cache); err != nil {
				return err
			}
			envv := []string{"GOCACHE=" + cache}
			wall, cpu, err := timed(envv, "go", append([]string{"build"}, pkgs...)...)
			if err != nil {
				return err
			}
			compileWall, compileCPU = append(compileWall, wall), append(compileCPU, cpu)
			wall, _, err = timed(envv, "go", "build", "-o", filepath.Join(tmp, fmt.Sprintf("linked-%s-%d", p.name, r)), "./sizeprogs/"+p.name)
			if err != nil {
				return err
			}
			linkWall = append(linkWall, wall)
			wall, _, err = timed(envv, "go", append([]string{"build"}, pkgs...)...)
			if err != nil {
				return err
			}
			noop = append(noop, wall)
			os.RemoveAll(cache)
		}
		src, err := sourceBytes(pkgs)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s\t%d\t%.1f MiB\t%s\t%s\t%s\t%s\t\n", p.name, len(pkgs), mib(src),
			ms(median(compileWall)), ms(median(compileCPU)), ms(median(linkWall)), ms(median(noop)))
	}
	w.Flush()
	return nil
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
