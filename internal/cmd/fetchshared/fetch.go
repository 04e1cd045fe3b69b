package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// entry is one line of the manifest: a file of ../shared and its digest.
type entry struct {
	Sum  string // lower-case hex SHA-256
	Path string // "/"-separated, relative to ../shared
}

func readManifest(path string) ([]entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []entry
	s := bufio.NewScanner(f)
	for n := 1; s.Scan(); n++ {
		sum, file, ok := strings.Cut(s.Text(), "  ")
		if !ok || len(sum) != 64 || file == "" {
			return nil, fmt.Errorf("%s:%d: want \"SHA256  PATH\", as sha256sum prints it", path, n)
		}
		out = append(out, entry{Sum: sum, Path: file})
	}
	return out, s.Err()
}

// writeManifest digests every data file below dir that some source maps
// upstream (not the SOURCE.md, LICENSE and NOTICE files, which are not data).
func writeManifest(dir, manifest string) error {
	var lines []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch d.Name() {
		case "SOURCE.md", "LICENSE", "NOTICE", ".gitattributes":
			return nil
		}
		if _, _, ok := upstreamOf(sources, rel); !ok {
			return nil
		}
		sum, err := fileSum(path)
		if err != nil {
			return err
		}
		lines = append(lines, sum+"  "+rel+"\n")
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(lines)
	return os.WriteFile(manifest, []byte(strings.Join(lines, "")), 0o644)
}

type fetchConfig struct {
	Dest, Manifest, GitHub string
	Sources                []source
	Log                    io.Writer
}

// fetch checks out each upstream repository at its commit (only the files
// needed, except aws/api-models-aws when patterns.json is wanted, which needs
// every model), stages the files of the manifest, verifies them, and only
// then copies them into cfg.Dest.
func fetch(cfg fetchConfig) error {
	entries, err := readManifest(cfg.Manifest)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "fetchshared-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	stage := filepath.Join(work, "stage")

	// What each repository@commit must provide.
	type need struct {
		src   source
		paths []string
		all   bool
	}
	needs := map[string]*need{}
	key := func(s source) string { return s.Repo + "@" + s.Commit }
	for _, s := range cfg.Sources {
		if needs[key(s)] == nil {
			needs[key(s)] = &need{src: s}
		}
	}
	for _, e := range entries {
		s, up, ok := upstreamOf(cfg.Sources, e.Path)
		if !ok {
			return fmt.Errorf("%s: no upstream source for %s", cfg.Manifest, e.Path)
		}
		if e.Path == derived {
			needs[key(s)].all = true
			continue
		}
		needs[key(s)].paths = append(needs[key(s)].paths, up)
	}
	checkouts := map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(needs)) {
		n := needs[k]
		dir := filepath.Join(work, strings.ReplaceAll(k, "/", "_"))
		fmt.Fprintf(cfg.Log, "fetching %s (%d files%s)\n", k, len(n.paths), map[bool]string{true: ", every model", false: ""}[n.all])
		if err := checkout(cfg.GitHub+"/"+n.src.Repo, n.src.Commit, dir, n.paths, n.all); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		checkouts[k] = dir
	}
	for _, e := range entries {
		s, up, _ := upstreamOf(cfg.Sources, e.Path)
		to := filepath.Join(stage, filepath.FromSlash(e.Path))
		if e.Path == derived {
			patterns, err := collectPatterns(checkouts[key(s)])
			if err != nil {
				return err
			}
			data, err := encodePatterns(patterns)
			if err != nil {
				return err
			}
			if err := writeFile(to, data); err != nil {
				return err
			}
			continue
		}
		if err := copyFile(filepath.Join(checkouts[key(s)], filepath.FromSlash(up)), to); err != nil {
			return err
		}
	}
	for _, s := range cfg.Sources {
		for _, name := range []string{"LICENSE", "NOTICE"} {
			from := filepath.Join(checkouts[key(s)], name)
			if _, err := os.Stat(from); err == nil {
				if err := copyFile(from, filepath.Join(stage, filepath.FromSlash(s.Local), name)); err != nil {
					return err
				}
			}
		}
	}
	var bad []string
	for _, e := range entries {
		sum, err := fileSum(filepath.Join(stage, filepath.FromSlash(e.Path)))
		if err != nil {
			return err
		}
		if sum != e.Sum {
			bad = append(bad, e.Path)
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("%d files differ from %s, nothing written: %s", len(bad), cfg.Manifest, strings.Join(bad[:min(len(bad), 10)], ", "))
	}
	return filepath.WalkDir(stage, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(stage, path)
		if err != nil {
			return err
		}
		return copyFile(path, filepath.Join(cfg.Dest, rel))
	})
}

// checkout fetches one commit of a repository, without its history, and
// checks out the given paths, or everything when all is set. With paths only,
// the fetch leaves out file contents, which git then fetches for the paths
// checked out: the smithy repository is large and we need a few hundred files.
func checkout(url, commit, dir string, paths []string, all bool) error {
	fetchArgs := []string{"fetch", "--quiet", "--depth", "1"}
	if !all {
		fetchArgs = append(fetchArgs, "--filter=blob:none")
	}
	steps := [][]string{
		{"init", "--quiet"},
		append(fetchArgs, url, commit),
	}
	if all {
		steps = append(steps, []string{"checkout", "--quiet", "FETCH_HEAD"})
	} else {
		steps = append(steps, append([]string{"checkout", "--quiet", "FETCH_HEAD", "--"}, paths...))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, args := range steps {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %s: %v\n%s", args[0], err, out)
		}
	}
	if !all {
		// The licence files, where the repository has them: one at a
		// time, since a path that does not exist fails the checkout.
		for _, name := range []string{"LICENSE", "NOTICE"} {
			cmd := exec.Command("git", "checkout", "--quiet", "FETCH_HEAD", "--", name)
			cmd.Dir = dir
			_ = cmd.Run()
		}
	}
	return nil
}

func fileSum(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("upstream has no %s", from)
	}
	if err != nil {
		return err
	}
	return writeFile(to, data)
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}
