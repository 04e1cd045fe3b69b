package gogen

import (
	"strings"
	"testing"

	"github.com/smithygo/smithygo/internal/shapes"
)

// TestDefaultBreaksConstraints: NewPlan refuses a member whose @default
// breaks its own constraints, as Smithy does, naming the member and the
// constraint, and accepts one within them, and a zero outside a @range
// (Smithy warns: models converted from 1.0 have them).
func TestDefaultBreaksConstraints(t *testing.T) {
	for _, tc := range []struct {
		name, member, extra string
		want                string // in the error; "" for accepted
	}{
		{"range", `{"target": "smithy.api#Integer", "traits": {"smithy.api#default": 20, "smithy.api#range": {"min": 1, "max": 10}}}`, "", "above the member's @range maximum 10"},
		{"range below", `{"target": "smithy.api#Double", "traits": {"smithy.api#default": 0.5, "smithy.api#range": {"min": 1}}}`, "", "below the member's @range minimum 1"},
		{"target's range", `{"target": "a#Small", "traits": {"smithy.api#default": 7}}`, `"a#Small": {"type": "integer", "traits": {"smithy.api#range": {"max": 5}}}`, "above the member's @range maximum 5"},
		{"zero outside the range", `{"target": "smithy.api#Integer", "traits": {"smithy.api#default": 0, "smithy.api#range": {"min": 1}}}`, "", ""},
		{"within the range", `{"target": "smithy.api#Long", "traits": {"smithy.api#default": 10, "smithy.api#range": {"min": 1, "max": 10}}}`, "", ""},
		{"big within the range", `{"target": "smithy.api#BigDecimal", "traits": {"smithy.api#default": 2.25, "smithy.api#range": {"min": 2.2, "max": 2.3}}}`, "", ""},
		{"length", `{"target": "smithy.api#String", "traits": {"smithy.api#default": "ab", "smithy.api#length": {"min": 5}}}`, "", "has length 2"},
		{"length counts characters", `{"target": "smithy.api#String", "traits": {"smithy.api#default": "ééé", "smithy.api#length": {"max": 3}}}`, "", ""},
		{"blob length counts bytes", `{"target": "smithy.api#Blob", "traits": {"smithy.api#default": "YWJj", "smithy.api#length": {"max": 2}}}`, "", "has length 3"},
		{"empty list below its length", `{"target": "a#Names", "traits": {"smithy.api#default": []}}`, `"a#Names": {"type": "list", "member": {"target": "smithy.api#String"}, "traits": {"smithy.api#length": {"min": 1}}}`, "has length 0"},
		{"pattern", `{"target": "smithy.api#String", "traits": {"smithy.api#default": "abc", "smithy.api#pattern": "^[0-9]+$"}}`, "", "does not match the member's @pattern"},
		{"pattern matched", `{"target": "smithy.api#String", "traits": {"smithy.api#default": "123", "smithy.api#pattern": "^[0-9]+$"}}`, "", ""},
		{"enum", `{"target": "a#Color", "traits": {"smithy.api#default": "PURPLE"}}`, `"a#Color": {"type": "enum", "members": {"RED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "red"}}}}`, "is not one of the values of a#Color"},
		{"enum by its value", `{"target": "a#Color", "traits": {"smithy.api#default": "red"}}`, `"a#Color": {"type": "enum", "members": {"RED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "red"}}}}`, ""},
		{"intEnum", `{"target": "a#Level", "traits": {"smithy.api#default": 3}}`, `"a#Level": {"type": "intEnum", "members": {"LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}}}}`, "is not one of the values of a#Level"},
	} {
		extra := tc.extra
		if extra != "" {
			extra = ", " + extra
		}
		model := `{"smithy": "2.0", "shapes": {
		  "a#Svc": {"type": "service", "version": "1", "operations": [{"target": "a#Op"}], "traits": {"aws.protocols#restJson1": {}}},
		  "a#Op": {"type": "operation", "input": {"target": "a#In"}, "traits": {"smithy.api#http": {"method": "POST", "uri": "/op"}}},
		  "a#In": {"type": "structure", "members": {"field": ` + tc.member + `}, "traits": {"smithy.api#input": {}}}` + extra + `}}`
		m, err := shapes.Load(shapes.Source{Name: "m.json", Data: []byte(model)})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		svc, err := m.Service("")
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		_, err = NewPlan(svc, Config{ImportPath: "example.com/x"})
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v, want the default accepted", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "member field")):
			t.Errorf("%s: error %v, want one naming the member and saying %q", tc.name, err, tc.want)
		}
	}
}
