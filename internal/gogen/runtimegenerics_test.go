package gogen

import (
	"bufio"
	"bytes"
	"fmt"
	"maps"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// maxStdGenerics bounds the functions of the standard library's generics
// that the copied runtime, copied whole, compiles: instantiations of
// generic functions and methods (slices.SortFunc and the sort it calls,
// sync.OnceValue's closures, atomic.Pointer's methods). Copy mode compiles
// the runtime again in every generated client, and with it each of these:
// an instantiation is compiled in the package that makes it, not linked
// from the standard library's. A standard type whose internals are generic
// costs every client all of them: one sync.Map (internal/sync.HashTrieMap
// and its atomic.Pointers) added 134 functions to the Outposts client's
// runtime and a seventh to its compile time, where what replaced it cost
// four, and takes this count from 118 to 219. The bound is
// the count when it was set (118) and a tenth more, for the standard
// library's own changes: raise it only knowing that cost.
const maxStdGenerics = 130

// TestCopiedRuntimeStdGenerics copies the whole runtime, as a client that
// used every name would, builds each merged package and lists the
// standard library's generic functions compiled into it (go tool nm's
// text symbols with type arguments, outside the client's module), which
// must number at most maxStdGenerics.
func TestCopiedRuntimeStdGenerics(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the copied runtime")
	}
	rs, err := loadRuntimeSource()
	if err != nil {
		t.Fatal(err)
	}
	const module = "example.com/svc"
	out, _ := copiedRuntime(t, rs, module+"/internal", func() bool { return true })
	dir := t.TempDir()
	writeModule(t, dir, module, out)

	got := map[string]int{}
	for _, g := range slices.Sorted(maps.Keys(rs.owner)) {
		archive := filepath.Join(dir, g+".a")
		if msg, err := goCommand(dir, "build", "-o", archive, "./internal/"+g).CombinedOutput(); err != nil {
			t.Fatalf("go build ./internal/%s: %v\n%s", g, err, msg)
		}
		nm, err := exec.Command("go", "tool", "nm", archive).Output()
		if err != nil {
			t.Fatalf("go tool nm %s: %v", archive, err)
		}
		for name := range stdInstantiations(nm, module) {
			got[name]++
		}
	}
	total := 0
	for _, n := range got {
		total += n
	}
	if total == 0 {
		t.Fatal("no standard generic found in the copied runtime: the test no longer reads go tool nm's output")
	}
	if total > maxStdGenerics {
		var list strings.Builder
		for _, name := range slices.Sorted(maps.Keys(got)) {
			fmt.Fprintf(&list, "\n\t%3d %s", got[name], name)
		}
		t.Errorf("the copied runtime compiles %d functions of standard generics, more than maxStdGenerics (%d): each client compiles them again. By generic:%s", total, maxStdGenerics, list.String())
	}
	t.Logf("%d functions of standard generics in the copied runtime", total)
}

// stdInstantiations yields, once per symbol, the generic name (type
// arguments removed) of each function in go tool nm's output that is an
// instantiation of a standard library generic: a text symbol (T) with
// type arguments, not of module and not a compiler-made helper (type:).
func stdInstantiations(nm []byte, module string) func(func(string) bool) {
	return func(yield func(string) bool) {
		sc := bufio.NewScanner(bytes.NewReader(nm))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			// "archive(member):  addr T name", where name may hold spaces.
			_, rest, ok := strings.Cut(sc.Text(), " T ")
			if !ok {
				continue
			}
			name := strings.TrimSpace(rest)
			if !strings.Contains(name, "[") || strings.HasPrefix(name, module) || strings.HasPrefix(name, "type:") || strings.HasPrefix(name, "go.shape.") {
				continue
			}
			if !yield(withoutTypeArgs(name)) {
				return
			}
		}
	}
}

// withoutTypeArgs removes each bracketed list of type arguments from
// name, nested ones included: "slices.Grow[go.shape.[]uint8,go.shape.uint8]"
// is "slices.Grow".
func withoutTypeArgs(name string) string {
	var b strings.Builder
	depth := 0
	for _, r := range name {
		switch {
		case r == '[':
			depth++
		case r == ']' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
