package shapes

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestDigestPaths(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, data string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	hexOf := func(s string) string { sum := sha256.Sum256([]byte(s)); return hex.EncodeToString(sum[:]) }
	write("m/a.smithy", "$version: \"2\"\n")
	write("m/sub/b.json", "{}")
	write("m/notes.txt", "not a model file")
	write("m/.hidden/c.json", "{}")

	got, err := DigestPaths(filepath.Join(dir, "m/a.smithy"), filepath.Join(dir, "m"))
	if err != nil {
		t.Fatal(err)
	}
	if got[0].SHA256 != hexOf("$version: \"2\"\n") || got[0].Files != 1 {
		t.Errorf("file digest = %+v, want the sha256 of its bytes", got[0])
	}
	// The directory's digest is that of the sha256sum listing of the files
	// the loader reads: not notes.txt, not the hidden directory.
	listing := fmt.Sprintf("%s  a.smithy\n%s  sub/b.json\n", hexOf("$version: \"2\"\n"), hexOf("{}"))
	if got[1].SHA256 != hexOf(listing) || got[1].Files != 2 {
		t.Errorf("directory digest = %+v, want %s over 2 files", got[1], hexOf(listing))
	}
	if s := got[1].String(); s != filepath.ToSlash(filepath.Join(dir, "m"))+"/ sha256:"+hexOf(listing)+" (2 files)" {
		t.Errorf("String() = %q", s)
	}

	before := got[1].SHA256
	write("m/sub/b.json", "{ }")
	again, err := DigestPaths(filepath.Join(dir, "m"))
	if err != nil {
		t.Fatal(err)
	}
	if again[0].SHA256 == before {
		t.Error("changing a file below the directory left its digest unchanged")
	}
	if _, err := DigestPaths(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("a missing path gave no error")
	}
}

// DropDocumentation leaves no documentation trait on any shape or member,
// and only that trait is dropped.
func TestDropDocumentation(t *testing.T) {
	const model = `$version: "2"
namespace a

/// A thing.
@length(min: 1)
string Name

/// A structure.
structure S {
    /// A member.
    @required
    name: Name
}
`
	for _, drop := range []bool{false, true} {
		m, err := Options{DropDocumentation: drop}.Load(Source{Name: "a.smithy", Data: []byte(model)})
		if err != nil {
			t.Fatal(err)
		}
		docs := 0
		for s := range m.Shapes() {
			if s.ID.Namespace != "a" {
				continue
			}
			if s.Traits.Documentation() != "" {
				docs++
			}
			for _, mem := range s.Members {
				if mem.Traits.Documentation() != "" {
					docs++
				}
				if !mem.Traits.Required() {
					t.Errorf("drop=%v: %s lost @required", drop, mem.Name)
				}
			}
			if s.ID.Name == "Name" && !s.Traits.Has(TraitLength) {
				t.Errorf("drop=%v: Name lost @length", drop)
			}
		}
		if want := map[bool]int{false: 3, true: 0}[drop]; docs != want {
			t.Errorf("drop=%v: %d documentation traits, want %d", drop, docs, want)
		}
	}
}
