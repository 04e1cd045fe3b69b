package ecmaregex

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// modelsDir holds the AWS Smithy JSON models, relative to this package.
const modelsDir = "../../../shared/models/aws"

const patternTrait = "smithy.api#pattern"

// smithyMember is a member of a shape in a Smithy JSON AST model.
type smithyMember struct {
	Traits map[string]json.RawMessage `json:"traits"`
}

// smithyModel is the part of a Smithy JSON AST model that carries traits:
// shapes, structure and union members, and the implicit members of lists
// (member) and maps (key, value).
type smithyModel struct {
	Shapes map[string]struct {
		Traits  map[string]json.RawMessage `json:"traits"`
		Members map[string]smithyMember    `json:"members"`
		Member  *smithyMember              `json:"member"`
		Key     *smithyMember              `json:"key"`
		Value   *smithyMember              `json:"value"`
	} `json:"shapes"`
}

// corpusPatterns returns every distinct @pattern value in the models, each
// with one place it came from.
func corpusPatterns(t *testing.T) map[string]string {
	t.Helper()
	if _, err := os.Stat(modelsDir); err != nil {
		t.Skipf("AWS models not available at %s (%v); the corpus test needs the shared models checkout", modelsDir, err)
	}
	patterns := map[string]string{}
	collect := func(traits map[string]json.RawMessage, where string) {
		raw, ok := traits[patternTrait]
		if !ok {
			return
		}
		var p string
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Errorf("%s: %s is not a string: %v", where, patternTrait, err)
			return
		}
		if _, seen := patterns[p]; !seen {
			patterns[p] = where
		}
	}
	err := filepath.WalkDir(modelsDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var m smithyModel
		if err := json.Unmarshal(data, &m); err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		for id, shape := range m.Shapes {
			collect(shape.Traits, path+": "+id)
			for name, member := range shape.Members {
				collect(member.Traits, path+": "+id+"$"+name)
			}
			for name, member := range map[string]*smithyMember{"member": shape.Member, "key": shape.Key, "value": shape.Value} {
				if member != nil {
					collect(member.Traits, path+": "+id+"$"+name)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return patterns
}

// TestCorpusCompiles requires every @pattern of the AWS models to compile.
func TestCorpusCompiles(t *testing.T) {
	patterns := corpusPatterns(t)
	if len(patterns) == 0 {
		t.Fatalf("no %s traits found under %s", patternTrait, modelsDir)
	}
	keys := make([]string, 0, len(patterns))
	for p := range patterns {
		keys = append(keys, p)
	}
	sort.Strings(keys)
	failed := 0
	for _, p := range keys {
		re, err := Compile(p)
		if err != nil {
			failed++
			t.Errorf("%s: %v", patterns[p], err)
			continue
		}
		// Exercise the compiled program too: the result does not matter
		// here, only that matching works on ordinary and odd inputs.
		for _, s := range []string{"", "a", "arn:aws:iam::123456789012:role/x", "é日\u00a0\n", strings.Repeat("x", 300)} {
			re.MatchString(s)
		}
	}
	t.Logf("%d distinct %s values, %d compiled", len(keys), patternTrait, len(keys)-failed)
}
