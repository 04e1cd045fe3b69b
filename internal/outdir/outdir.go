// Package outdir writes a generated package to disk without ever leaving it
// half-written or touching files the generator does not own.
package outdir

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Write makes dir hold exactly the generated files: it writes the files that
// changed, and removes files that an earlier run generated (their first line
// is generatedLine) but this run did not. Files without that line, such as
// hand-written tests, are never touched.
//
// All new contents are first written to temporary files next to their
// destinations; only when every one of them is written are they renamed into
// place, so a failure leaves the previous output as it was.
func Write(dir string, files map[string][]byte, generatedLine string) error {
	names := make([]string, 0, len(files))
	for name := range files {
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			return fmt.Errorf("refusing to write %q outside %s", name, dir)
		}
		names = append(names, name)
	}
	slices.Sort(names)

	type staged struct{ tmp, dst string }
	var stage []staged
	cleanup := func() {
		for _, s := range stage {
			os.Remove(s.tmp)
		}
	}
	for _, name := range names {
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, files[name]) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			cleanup()
			return err
		}
		f, err := os.CreateTemp(filepath.Dir(dst), ".gen-*.tmp")
		if err != nil {
			cleanup()
			return err
		}
		stage = append(stage, staged{f.Name(), dst})
		_, werr := f.Write(files[name])
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr == nil {
			werr = os.Chmod(f.Name(), 0o644)
		}
		if werr != nil {
			cleanup()
			return fmt.Errorf("writing %s: %w", dst, werr)
		}
	}

	stale, err := staleFiles(dir, files, generatedLine)
	if err != nil {
		cleanup()
		return err
	}
	for i, s := range stage {
		if err := os.Rename(s.tmp, s.dst); err != nil {
			for _, rest := range stage[i:] {
				os.Remove(rest.tmp)
			}
			return fmt.Errorf("replacing %s: %w", s.dst, err)
		}
	}
	for _, path := range stale {
		if err := os.Remove(path); err != nil {
			return err
		}
	}
	removeEmptyDirs(dir, stale)
	return nil
}

// staleFiles lists generated Go (and assembly) files under dir that are
// not in files.
func staleFiles(dir string, files map[string][]byte, generatedLine string) ([]string, error) {
	var stale []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && path == dir {
			return fs.SkipAll
		}
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, ".s") {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		if _, ok := files[filepath.ToSlash(rel)]; ok {
			return nil
		}
		generated, err := startsWith(path, generatedLine)
		if err != nil {
			return err
		}
		if generated {
			stale = append(stale, path)
		}
		return nil
	})
	return stale, err
}

func startsWith(path, line string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 4096), 1<<20)
	return s.Scan() && s.Text() == line, nil
}

// removeEmptyDirs removes the directories that stale-file removal left
// empty (for instance internal/ecmaregex when a model no longer has
// patterns), up to but not including dir.
func removeEmptyDirs(dir string, removed []string) {
	for _, path := range removed {
		for d := filepath.Dir(path); d != dir && strings.HasPrefix(d, dir); d = filepath.Dir(d) {
			if os.Remove(d) != nil { // fails unless the directory is empty
				break
			}
		}
	}
}
