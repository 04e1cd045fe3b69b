package treehash

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/runtime/call"
)

const mib = 1 << 20

// pattern returns n bytes that differ from chunk to chunk (byte i is i mod
// 251), so that a tree joined in the wrong order hashes differently.
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i % 251)
	}
	return b
}

// definitionTreeHash is the tree hash as Glacier's documentation defines
// it, computed level by level with every hash of a level at hand: the
// chunks' SHA-256s, then each pair of adjacent hashes joined, an odd one at
// the end of a level going up as it is.
func definitionTreeHash(b []byte) string {
	var level [][sha256.Size]byte
	for i := 0; i < len(b) || i == 0; i += mib {
		level = append(level, sha256.Sum256(b[i:min(i+mib, len(b))]))
	}
	for len(level) > 1 {
		var next [][sha256.Size]byte
		for i := 0; i+1 < len(level); i += 2 {
			next = append(next, sha256.Sum256(append(level[i][:], level[i+1][:]...)))
		}
		if len(level)%2 == 1 {
			next = append(next, level[len(level)-1])
		}
		level = next
	}
	return hex.EncodeToString(level[0][:])
}

// TestTreeHashes checks the tree hash against the definition at the sizes
// where chunking matters, and against values computed outside Go (Python's
// hashlib, with the same definition), so that an error common to both Go
// versions would show.
func TestTreeHashes(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
		want string // the tree hash; "" where only the definition is checked
	}{
		{"empty", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"11 bytes", 11, "78a6273103d17c39a0b6126e226cec70e33337f4bc6a38067401b54a33e78ead"},
		{"1 MiB - 1", mib - 1, ""},
		{"exactly 1 MiB", mib, "631b84027d6b9e52b539c4e8373622d23032dfadc64d60af87339c9037e4f769"},
		{"1 MiB + 1", mib + 1, "a9c574ce937d2371daf87cdd0e75396b096d7f74a66c764e4c656bd12b2e7bf9"},
		{"2 MiB", 2 * mib, "bf4dff263ae686b64403208c35a3767e38453d6477e841947588d13d04e1d816"},
		{"3 MiB + 5", 3*mib + 5, "c9e0c11a00161b193e0a1b3692ec553d4033a887f2086a7cadd4cd722d87f09f"},
		{"5 MiB", 5 * mib, ""},
		{"7 MiB", 7 * mib, "8bfce57c6a4076b3e930e725fbaa00beeffff0f0d9a6491a89a53baa73b4810d"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := pattern(tc.n)
			// A reader that returns little at a time, as a network stream does:
			// the chunks must still be cut at 1 MiB.
			tree, linear, err := TreeHashes(&trickle{b: b})
			if err != nil {
				t.Fatal(err)
			}
			if def := definitionTreeHash(b); tree != def {
				t.Errorf("tree hash %s, the definition gives %s", tree, def)
			}
			if tc.want != "" && tree != tc.want {
				t.Errorf("tree hash %s, want %s", tree, tc.want)
			}
			sum := sha256.Sum256(b)
			if want := hex.EncodeToString(sum[:]); linear != want {
				t.Errorf("SHA-256 %s, want %s", linear, want)
			}
			if tc.n <= mib && tree != linear {
				t.Errorf("a body of one chunk has tree hash %s, not its SHA-256 %s", tree, linear)
			}
		})
	}
}

// trickle reads at most 1000 bytes at a time.
type trickle struct{ b []byte }

func (r *trickle) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 1000)], r.b)
	r.b = r.b[n:]
	return n, nil
}

// helloWorld is the SHA-256, and so the tree hash, of "hello world": the
// value the GlacierChecksums protocol test expects in both headers.
const helloWorld = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"

func TestSetTreeHashHeadersRewindsTheStream(t *testing.T) {
	s := strings.NewReader("..hello world")
	if _, err := s.Seek(2, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	r := call.NewRequest("POST")
	r.Stream = s
	if err := SetTreeHashHeaders(r); err != nil {
		t.Fatal(err)
	}
	if got := r.Header.Get("X-Amz-Sha256-Tree-Hash"); got != helloWorld {
		t.Errorf("X-Amz-Sha256-Tree-Hash %s, want %s", got, helloWorld)
	}
	if got := r.Header.Get("X-Amz-Content-Sha256"); got != helloWorld {
		t.Errorf("X-Amz-Content-Sha256 %s, want %s", got, helloWorld)
	}
	if rest, _ := io.ReadAll(s); string(rest) != "hello world" {
		t.Errorf("the stream was not rewound to where the caller left it: %q remains", rest)
	}
}

func TestSetTreeHashHeadersKeepsTheCallersTreeHash(t *testing.T) {
	r := call.NewRequest("POST")
	r.Stream = bytes.NewReader([]byte("hello world"))
	r.Header["X-Amz-Sha256-Tree-Hash"] = []string{"mine"}
	if err := SetTreeHashHeaders(r); err != nil {
		t.Fatal(err)
	}
	if got := r.Header["X-Amz-Sha256-Tree-Hash"]; len(got) != 1 || got[0] != "mine" {
		t.Errorf("X-Amz-Sha256-Tree-Hash %q, want the caller's [mine]", got)
	}
	if got := r.Header.Get("X-Amz-Content-Sha256"); got != helloWorld {
		t.Errorf("X-Amz-Content-Sha256 %s, want %s", got, helloWorld)
	}
}

// TestSetTreeHashHeadersComputesOverAnEmptyTreeHash: a checksum member set
// to "" (X-Amz-Sha256-Tree-Hash with an empty value) is not the caller's
// tree hash, which Glacier would refuse: the body's is sent, as when the
// member is unset (and as aws-sdk-go-v2 does; found by bench's
// TestRequestsAgree on UploadArchive).
func TestSetTreeHashHeadersComputesOverAnEmptyTreeHash(t *testing.T) {
	r := call.NewRequest("POST")
	r.Stream = bytes.NewReader([]byte("hello world"))
	r.Header["X-Amz-Sha256-Tree-Hash"] = []string{""}
	if err := SetTreeHashHeaders(r); err != nil {
		t.Fatal(err)
	}
	if got := r.Header["X-Amz-Sha256-Tree-Hash"]; len(got) != 1 || got[0] != helloWorld {
		t.Errorf("X-Amz-Sha256-Tree-Hash %q, want the body's [%s]", got, helloWorld)
	}
	if got := r.Header.Get("X-Amz-Content-Sha256"); got != helloWorld {
		t.Errorf("X-Amz-Content-Sha256 %s, want %s", got, helloWorld)
	}
}

func TestSetTreeHashHeadersLeavesAnUnseekableStream(t *testing.T) {
	r := call.NewRequest("POST")
	src := io.MultiReader(strings.NewReader("hello world"))
	r.Stream = src
	if err := SetTreeHashHeaders(r); err != nil {
		t.Fatal(err)
	}
	if len(r.Header) != 0 {
		t.Errorf("headers %v, want none: the stream cannot be read twice", r.Header)
	}
	if rest, _ := io.ReadAll(src); string(rest) != "hello world" {
		t.Errorf("the stream was read: %q remains", rest)
	}
}

func TestSetTreeHashHeadersOfABodyInMemory(t *testing.T) {
	r := call.NewRequest("POST")
	if err := SetTreeHashHeaders(r); err != nil {
		t.Fatal(err)
	}
	const empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	if r.Header.Get("X-Amz-Sha256-Tree-Hash") != empty || r.Header.Get("X-Amz-Content-Sha256") != empty {
		t.Errorf("an empty body: headers %v, want both %s", r.Header, empty)
	}
}
