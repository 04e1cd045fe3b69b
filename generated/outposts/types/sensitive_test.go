package types_test

import (
	"sort"
	"testing"
)

// TestSensitiveMembers looks for @sensitive shapes and members. The Outposts
// model has none, so no type of this package redacts anything and there is
// nothing to check; if a later model adds one, this test fails so that
// redaction tests (fmt %v/%+v/%#v and log/slog) are written for it.
func TestSensitiveMembers(t *testing.T) {
	m := model(t)
	var found []string
	for id, s := range m.Shapes {
		if _, ok := s.Traits["smithy.api#sensitive"]; ok {
			found = append(found, id)
		}
		for _, mem := range s.Members {
			if _, ok := mem.Traits["smithy.api#sensitive"]; ok {
				found = append(found, id+"$"+mem.Name)
			}
		}
	}
	sort.Strings(found)
	if len(found) > 0 {
		t.Fatalf("the model now has @sensitive shapes or members %v: add tests that their values never reach fmt or slog output", found)
	}
	t.Skip("the model has no @sensitive shapes or members: nothing is redacted, nothing to check")
}
