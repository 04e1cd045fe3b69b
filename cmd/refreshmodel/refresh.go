package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// refresh turns the upstream model into ours: it drops the upstream prose,
// applies our additions and returns the JSON to write. The upstream order of
// shapes, members and traits, and the text of every kept value, are
// preserved, so the same inputs always give the same bytes.
func refresh(upstreamFile string, upstream []byte, additionsFile string, additionsData []byte, notes io.Writer) ([]byte, error) {
	root, err := parseDocument(upstreamFile, upstream)
	if err != nil {
		return nil, err
	}
	if v := root.get("smithy"); v == nil || (v.str != "2.0" && v.str != "2") {
		return nil, fmt.Errorf("%s: smithy: want version \"2.0\", the JSON AST this tool writes", upstreamFile)
	}
	shapes := root.get("shapes")
	if shapes == nil || shapes.kind != objectNode {
		return nil, fmt.Errorf("%s: shapes: missing or not an object", upstreamFile)
	}
	for _, f := range shapes.fields {
		if f.val.kind != objectNode {
			return nil, fmt.Errorf("%s: %s: shape must be an object", upstreamFile, childPath("shapes", f.name))
		}
	}
	add, err := parseAdditions(additionsFile, additionsData)
	if err != nil {
		return nil, err
	}
	stripDocumentation(shapes)
	if err := add.apply(shapes, notes); err != nil {
		return nil, err
	}
	return root.encode(), nil
}

// writeFileAtomic replaces path with data. It writes a temporary file in the
// same directory and renames it over path, so a failed run never leaves a
// truncated model behind and readers see the old or the new file whole.
func writeFileAtomic(path string, data []byte) (err error) {
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
