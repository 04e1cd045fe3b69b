package shapes

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/tidwall/gjson"
)

// traitDefsJSON holds the trait definitions of every namespace the generator
// knows (smithy.api, aws.*, smithy.rules, smithy.waiters, smithy.test, ...)
// and the shapes they refer to, so that a model can apply those traits
// without loading their definitions. It is written by
// internal/cmd/traitdefsgen ("make traitdefs") from the official IDL files:
// a Smithy JSON AST document, one shape per line, sorted by shape ID, with
// mixins flattened and documentation and other prose left out. Only the
// facts a loader checks remain: shape types, members and their targets,
// required, defaults, enum values, constraints, and the trait trait's
// selector.
//
//go:embed traitdefs.json
var traitDefsJSON string

// knownDefs is the index of traitDefsJSON, built on first use: finding a
// shape costs a map lookup, and only the shapes a model uses are parsed.
type knownDefs struct {
	raw     map[ID]string       // shape ID → its JSON AST object
	traits  map[ID]bool         // the shapes with the trait trait
	prelude map[string]bool     // smithy.api shapes a relative ID can name (not @private)
	byNS    map[string][]string // namespace → its trait names, sorted
}

var (
	knownOnce sync.Once
	known     *knownDefs
)

// embeddedDefs returns the index of the embedded definitions.
func embeddedDefs() *knownDefs {
	knownOnce.Do(func() { known = indexDefs(traitDefsJSON) })
	return known
}

// indexDefs reads the line format that traitdefsgen writes: after the
// opening line, each line is `"ns#Name":{...}` with a trailing comma on all
// but the last shape. Splitting lines is much cheaper than parsing the
// whole document, which matters because every load needs the index.
func indexDefs(doc string) *knownDefs {
	k := &knownDefs{raw: map[ID]string{}, traits: map[ID]bool{}, prelude: map[string]bool{}, byNS: map[string][]string{}}
	for line := range strings.Lines(doc) {
		line = strings.TrimRight(line, ",\r\n")
		if !strings.HasPrefix(line, `"`) {
			continue
		}
		key, obj, ok := strings.Cut(line, `":`)
		if !ok {
			continue
		}
		id, err := ParseID(key[1:])
		if err != nil {
			continue
		}
		k.raw[id] = obj
		isTrait := strings.Contains(obj, `"smithy.api#trait":`)
		if isTrait {
			k.traits[id] = true
			k.byNS[id.Namespace] = append(k.byNS[id.Namespace], id.Name) // lines are sorted
		}
		if id.Namespace == "smithy.api" && !strings.Contains(obj, `"smithy.api#private":`) {
			k.prelude[id.Name] = true
		}
	}
	return k
}

// shape returns the embedded JSON AST object of id.
func (k *knownDefs) shape(id ID) (gjson.Result, bool) {
	raw, ok := k.raw[id]
	if !ok {
		return gjson.Result{}, false
	}
	return gjson.Parse(raw), true
}

// isPreludeName reports whether a relative shape ID can name the prelude
// shape smithy.api#name.
func isPreludeName(name string) bool { return embeddedDefs().prelude[name] }
