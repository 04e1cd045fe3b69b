package types_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

// modelPath is the Smithy JSON AST the package was generated from.
const modelPath = "../../../model/outposts.json"

// The model types below keep only what the tests need. Members are kept in
// the order the model lists them, which encoding/json's maps would lose.

type smithyModel struct {
	Shapes map[string]*smithyShape `json:"shapes"`
}

type smithyShape struct {
	Type    string                     `json:"type"`
	Members orderedMembers             `json:"members"`
	Traits  map[string]json.RawMessage `json:"traits"`
}

type smithyMember struct {
	Name   string                     `json:"-"`
	Target string                     `json:"target"`
	Traits map[string]json.RawMessage `json:"traits"`
}

type orderedMembers []smithyMember

func (m *orderedMembers) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("members: want an object, got %v", tok)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		name, ok := tok.(string)
		if !ok {
			return fmt.Errorf("members: want a name, got %v", tok)
		}
		var mem smithyMember
		if err := dec.Decode(&mem); err != nil {
			return fmt.Errorf("member %s: %w", name, err)
		}
		mem.Name = name
		*m = append(*m, mem)
	}
	_, err = dec.Token()
	return err
}

// shapeName is the part of a shape ID after the '#'.
func shapeName(id string) string {
	return id[strings.IndexByte(id, '#')+1:]
}

var loadModel = sync.OnceValues(func() (*smithyModel, error) {
	data, err := os.ReadFile(modelPath)
	if err != nil {
		return nil, err
	}
	var m smithyModel
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return &m, nil
})

// model returns the parsed model, failing the test if it cannot be read.
func model(t testing.TB) *smithyModel {
	t.Helper()
	m, err := loadModel()
	if err != nil {
		t.Fatalf("reading the model: %v", err)
	}
	return m
}

// shapesOfType returns the IDs of the model's shapes of a given type.
func (m *smithyModel) shapesOfType(typ string) []string {
	var ids []string
	for id, s := range m.Shapes {
		if s.Type == typ {
			ids = append(ids, id)
		}
	}
	return ids
}
