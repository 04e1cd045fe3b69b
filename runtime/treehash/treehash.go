// Package treehash computes the checksums Amazon Glacier requires of the
// bodies it stores (UploadArchive, UploadMultipartPart): the SHA-256 tree
// hash of the body (X-Amz-Sha256-Tree-Hash), which Glacier checks the data
// it keeps against, and the SHA-256 of the body (X-Amz-Content-Sha256).
// Only clients of Glacier import it.
//
// The tree hash, as Glacier's documentation defines it: the body is cut into
// chunks of 1 MiB (the last one may be shorter), each chunk is hashed with
// SHA-256, and then, level by level, each pair of adjacent hashes is
// replaced by the SHA-256 of the two concatenated (left then right), an odd
// hash at the end of a level going up as it is, until one hash is left. A
// body of at most 1 MiB has the tree hash of its one chunk, its SHA-256; so
// does an empty body.
package treehash

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/smithygo/smithygo/runtime/call"
)

// treeChunkSize is the size of the chunks the tree hash is built on: 1 MiB.
const treeChunkSize = 1 << 20

// The headers Glacier reads the checksums from, in net/http's canonical
// form.
const (
	treeHashHeader          = "X-Amz-Sha256-Tree-Hash"
	treeContentSHA256Header = "X-Amz-Content-Sha256"
)

// TreeHashes reads src to its end and returns the SHA-256 tree hash of what
// it read and its SHA-256, both in lowercase hex. It holds one hash per
// level of the tree (about 32 bytes per doubling of the size), not the
// chunks' hashes, so a body of any size is hashed in constant memory.
func TreeHashes(src io.Reader) (tree, linear string, err error) {
	all, chunk := sha256.New(), sha256.New()
	both := io.MultiWriter(all, chunk)
	buf := make([]byte, 32<<10)
	// pending holds the roots of the complete subtrees built so far, left
	// to right, each with its height; two of one height are joined at once,
	// so heights strictly decrease along it.
	type subtree struct {
		height int
		sum    [sha256.Size]byte
	}
	var pending []subtree
	join := func(left, right [sha256.Size]byte) (sum [sha256.Size]byte) {
		h := sha256.New()
		h.Write(left[:])
		h.Write(right[:])
		h.Sum(sum[:0])
		return sum
	}
	for chunks := 0; ; chunks++ {
		n, err := io.CopyBuffer(both, io.LimitReader(src, treeChunkSize), buf)
		if err != nil {
			return "", "", err
		}
		if n == 0 && chunks > 0 {
			break // the end, at a chunk boundary (an empty body is one empty chunk)
		}
		t := subtree{}
		chunk.Sum(t.sum[:0])
		chunk.Reset()
		pending = append(pending, t)
		for k := len(pending); k >= 2 && pending[k-2].height == pending[k-1].height; k = len(pending) {
			pending[k-2] = subtree{height: pending[k-2].height + 1, sum: join(pending[k-2].sum, pending[k-1].sum)}
			pending = pending[:k-1]
		}
		if n < treeChunkSize {
			break // a short chunk is the last one
		}
	}
	// What is left are subtrees of decreasing height: at each level of the
	// definition, the rightmost one is the odd hash that goes up as it is
	// until it meets its left neighbour's level, so they are joined from the
	// right.
	root := pending[len(pending)-1].sum
	for i := len(pending) - 2; i >= 0; i-- {
		root = join(pending[i].sum, root)
	}
	return hex.EncodeToString(root[:]), hex.EncodeToString(all.Sum(nil)), nil
}

// SetTreeHashHeaders gives a Glacier upload its checksums when the body
// can be read twice (a stream that is an io.Seeker, read from where the
// caller left it and rewound there, or a body in memory), from one reading
// of it: X-Amz-Sha256-Tree-Hash unless the request already has one (the
// caller's own, which is kept; not an empty one), and X-Amz-Content-Sha256, which the request
// path then signs the request with instead of hashing the body again. A
// stream that cannot be rewound gets neither: the checksums go before the
// body, and computing them would mean holding all of it in memory. It is
// sent as it is (signed as UNSIGNED-PAYLOAD).
func SetTreeHashHeaders(r *call.Request) error {
	var src io.Reader
	var seeker io.Seeker
	var start int64
	switch {
	case r.Stream == nil:
		src = bytes.NewReader(r.Body)
	default:
		sk, ok := r.Stream.(io.Seeker)
		if !ok {
			return nil
		}
		var err error
		if start, err = sk.Seek(0, io.SeekCurrent); err != nil {
			return fmt.Errorf("finding the request body's position: %w", err)
		}
		src, seeker = r.Stream, sk
	}
	var tree, linear string
	if v := r.Header[treeHashHeader]; len(v) > 0 && v[0] != "" {
		// The caller's tree hash: only the body's SHA-256 is needed. An
		// empty one (a checksum member set to "") is none: Glacier would
		// refuse it, so it is computed as if the member were unset.
		h := sha256.New()
		if _, err := io.Copy(h, src); err != nil {
			return fmt.Errorf("hashing the request body: %w", err)
		}
		linear = hex.EncodeToString(h.Sum(nil))
	} else {
		var err error
		if tree, linear, err = TreeHashes(src); err != nil {
			return fmt.Errorf("computing the request body's tree hash: %w", err)
		}
		r.Header[treeHashHeader] = []string{tree}
	}
	if seeker != nil {
		if _, err := seeker.Seek(start, io.SeekStart); err != nil {
			return fmt.Errorf("rewinding the request body: %w", err)
		}
	}
	r.Header[treeContentSHA256Header] = []string{linear}
	return nil
}
