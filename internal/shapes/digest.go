package shapes

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// PathDigest is the SHA-256 of what one model path stands for, so that a
// generated file can say exactly which model made it.
type PathDigest struct {
	Path   string // as given, "/"-separated
	Files  int    // model files it stands for: 1 for a file
	SHA256 string // lower-case hex
}

// String is "PATH sha256:HEX", with the file count for a directory.
func (d PathDigest) String() string {
	if d.Files == 1 && !strings.HasSuffix(d.Path, "/") {
		return fmt.Sprintf("%s sha256:%s", d.Path, d.SHA256)
	}
	noun := "files"
	if d.Files == 1 {
		noun = "file"
	}
	return fmt.Sprintf("%s sha256:%s (%d %s)", d.Path, d.SHA256, d.Files, noun)
}

// DigestPaths digests each model path the way LoadFiles reads it. A file's
// digest is the SHA-256 of its bytes, what sha256sum prints. A directory's
// is the SHA-256 of the sha256sum listing of its model files ("HEX  REL\n"
// per file, REL relative to the directory, in the order LoadFiles reads
// them), so that renaming, adding or changing any file changes it.
func DigestPaths(paths ...string) ([]PathDigest, error) {
	out := make([]PathDigest, 0, len(paths))
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, &Error{File: p, Msg: err.Error()}
		}
		if !info.IsDir() {
			sum, err := fileSHA256(p)
			if err != nil {
				return nil, err
			}
			out = append(out, PathDigest{Path: filepath.ToSlash(p), Files: 1, SHA256: sum})
			continue
		}
		files, err := expandPaths(p)
		if err != nil {
			return nil, err
		}
		listing := sha256.New()
		for _, f := range files {
			sum, err := fileSHA256(f)
			if err != nil {
				return nil, err
			}
			rel, err := filepath.Rel(p, f)
			if err != nil {
				return nil, &Error{File: f, Msg: err.Error()}
			}
			fmt.Fprintf(listing, "%s  %s\n", sum, filepath.ToSlash(rel))
		}
		out = append(out, PathDigest{
			Path:   strings.TrimSuffix(filepath.ToSlash(p), "/") + "/",
			Files:  len(files),
			SHA256: hex.EncodeToString(listing.Sum(nil)),
		})
	}
	return out, nil
}

func fileSHA256(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", &Error{File: path, Msg: err.Error()}
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}
