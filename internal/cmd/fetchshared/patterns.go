package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tidwall/gjson"
)

// collectPatterns returns every distinct smithy.api#pattern value of the
// Smithy JSON AST models below root, sorted: on shapes (apply statements
// included) and on their members. Not on list members or map keys and
// values: patterns.json leaves them out (omics has a map key pattern that
// it does not list; TestPatternsAsPatternsJSONHasThem checks the sample).
// Other JSON files (no "shapes" object) are ignored.
func collectPatterns(root string) ([]string, error) {
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".json") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		shapes := gjson.GetBytes(data, "shapes")
		if !shapes.IsObject() {
			return nil
		}
		shapes.ForEach(func(_, shape gjson.Result) bool {
			addPattern(seen, shape)
			shape.Get("members").ForEach(func(_, m gjson.Result) bool { addPattern(seen, m); return true })
			return true
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out, nil
}

// addPattern records the pattern trait of a shape or member, if it has one.
func addPattern(seen map[string]bool, shapeOrMember gjson.Result) {
	shapeOrMember.Get("traits").ForEach(func(id, v gjson.Result) bool {
		if id.String() == "smithy.api#pattern" && v.Type == gjson.String {
			seen[v.String()] = true
		}
		return true
	})
}

// encodePatterns writes the patterns as patterns.json has them: a JSON
// array with one string per line, unindented, with no final newline, and
// no HTML escaping.
func encodePatterns(patterns []string) ([]byte, error) {
	var out bytes.Buffer
	out.WriteString("[\n")
	for i, p := range patterns {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(p); err != nil {
			return nil, err
		}
		out.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
		if i < len(patterns)-1 {
			out.WriteString(",")
		}
		out.WriteString("\n")
	}
	out.WriteString("]")
	return out.Bytes(), nil
}
