package gogen

import (
	"testing"

	"github.com/smithygo/smithygo/internal/shapes"
)

// Which operations are sent without authentication, where the service
// signs with SigV4 and its @auth list, or an operation's, is empty.
func TestAnonymousOperations(t *testing.T) {
	for _, tc := range []struct {
		name, svcTraits string
		opTraits        map[string]string
		want            map[string]bool
	}{
		{"service @auth([])", `"aws.auth#sigv4": {"name": "s"}, "smithy.api#auth": []`,
			map[string]string{"A": ``, "B": `"smithy.api#auth": ["aws.auth#sigv4"]`},
			map[string]bool{"A": true, "B": false}},
		{"operation @auth([]) and @optionalAuth", `"aws.auth#sigv4": {"name": "s"}`,
			map[string]string{"A": `"smithy.api#auth": []`, "B": `"smithy.api#optionalAuth": {}`, "C": ``},
			map[string]bool{"A": true, "B": true, "C": false}},
		{"bearer service @auth([])", `"smithy.api#httpBearerAuth": {}, "smithy.api#auth": []`,
			map[string]string{"A": ``, "B": `"smithy.api#auth": ["smithy.api#httpBearerAuth"]`},
			map[string]bool{"A": true, "B": false}},
		{"no auth at all", ``,
			map[string]string{"A": `"smithy.api#auth": []`, "B": ``},
			map[string]bool{"A": false, "B": false}},
	} {
		shapesJSON := `"example.a#Svc": {"type": "service", "version": "1", "operations": [`
		first := true
		for name := range tc.opTraits {
			if !first {
				shapesJSON += ","
			}
			first = false
			shapesJSON += `{"target": "example.a#` + name + `"}`
		}
		shapesJSON += `], "traits": {"aws.protocols#restJson1": {}`
		if tc.svcTraits != "" {
			shapesJSON += "," + tc.svcTraits
		}
		shapesJSON += "}}"
		for name, traits := range tc.opTraits {
			http := `"smithy.api#http": {"method": "POST", "uri": "/` + name + `"}`
			if traits != "" {
				traits = "," + traits
			}
			shapesJSON += `, "example.a#` + name + `": {"type": "operation", "traits": {` + http + traits + `}}`
		}
		m, err := shapes.Load(shapes.Source{Name: "m.json", Data: []byte(`{"smithy": "2.0", "shapes": {` + shapesJSON + `}}`)})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		svc, err := m.Service("")
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		p, err := NewPlan(svc, Config{ImportPath: "example.com/x"})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for _, op := range svc.Operations {
			if got, want := p.isAnonymous(op), tc.want[op.ID.Name]; got != want {
				t.Errorf("%s: operation %s anonymous = %v, want %v", tc.name, op.ID.Name, got, want)
			}
		}
	}
}
