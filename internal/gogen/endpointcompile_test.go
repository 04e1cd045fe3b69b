package gogen_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/internal/gogen"
	"github.com/smithygo/smithygo/internal/ruleset"
	"github.com/smithygo/smithygo/internal/shapes"
)

// ruleSetCase is a file of testdata/endpointrules: a rule set and the
// parameters to resolve it with.
type ruleSetCase struct {
	Documentation string          `json:"documentation"`
	RuleSet       json.RawMessage `json:"ruleSet"`
	Cases         []struct {
		Name   string         `json:"name"`
		Params map[string]any `json:"params"`
	} `json:"cases"`
}

// TestCompiledRulesAgreeWithInterpreter checks the endpoint rule compiler
// against the reference interpreter (internal/ruleset) on rule sets that
// use what the AWS models do not: for each file of testdata/endpointrules,
// the interpreter resolves every case, its results become the service's
// smithy.rules#endpointTests, and the generated client's own
// TestEndpointRules must reproduce them: URL, headers, properties or the
// exact error.
func TestCompiledRulesAgreeWithInterpreter(t *testing.T) {
	if testing.Short() {
		t.Skip("building and testing generated packages is skipped in -short mode")
	}
	files, err := filepath.Glob("testdata/endpointrules/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no rule sets in testdata/endpointrules (%v)", err)
	}
	dir := t.TempDir()
	write := func(rel string, data []byte) { writeFile(t, dir, rel, data) }
	write("go.mod", []byte("module example.com/rules\n\ngo 1.26\n"))
	total := 0
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var rc ruleSetCase
		if err := json.Unmarshal(data, &rc); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		model := ruleSetModel(t, file, &rc)
		m, err := shapes.Load(shapes.Source{Name: file, Data: model})
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		svc, err := m.Service("example.rules#RulesService")
		if err != nil {
			t.Fatal(err)
		}
		out, err := gogen.Generate(svc, gogen.Config{ImportPath: "example.com/rules/" + name, Tests: true})
		if err != nil {
			t.Fatalf("%s: generating: %v", file, err)
		}
		for n, src := range out {
			write(name+"/"+n, src)
		}
		total += len(rc.Cases)
	}
	cmd := goCommand(dir, "test", "-trimpath", "-run", "^TestEndpointRules$", "-v", "./...")
	var outb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &outb, &outb
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("go test: %v", err)
	}
	passed := strings.Count(outb.String(), "    --- PASS: TestEndpointRules/")
	if err != nil || passed != total {
		t.Fatalf("go test of the generated resolvers: %d of %d cases passed (%v)\n%s", passed, total, err, outb.String())
	}
	t.Logf("%d cases in %d rule sets agree", passed, len(files))
}

// ruleSetModel builds a one-operation restJson1 service carrying rc's rule
// set and, as its endpoint tests, what the interpreter resolves each case
// to.
func ruleSetModel(t *testing.T, file string, rc *ruleSetCase) []byte {
	t.Helper()
	rs, err := ruleset.Parse(rc.RuleSet)
	if err != nil {
		t.Fatalf("%s: the interpreter refuses the rule set: %v", file, err)
	}
	var tests []map[string]any
	for _, c := range rc.Cases {
		params := ruleset.Params{}
		for k, v := range c.Params {
			if list, ok := v.([]any); ok { // stringArray parameters
				ss := make([]string, len(list))
				for i, s := range list {
					ss[i], _ = s.(string)
				}
				v = ss
			}
			params[k] = v
		}
		expect := map[string]any{}
		ep, err := rs.Resolve(params)
		if err != nil {
			expect["error"] = err.Error()
		} else {
			e := map[string]any{"url": ep.URL}
			if len(ep.Headers) > 0 {
				e["headers"] = ep.Headers
			}
			if len(ep.Properties) > 0 {
				e["properties"] = ep.Properties
			}
			expect["endpoint"] = e
		}
		t.Logf("%s: %s: %v", filepath.Base(file), c.Name, expect)
		tests = append(tests, map[string]any{"documentation": c.Name, "params": c.Params, "expect": expect})
	}
	model := map[string]any{
		"smithy": "2.0",
		"shapes": map[string]any{
			"example.rules#RulesService": map[string]any{
				"type":       "service",
				"version":    "2024-01-01",
				"operations": []any{map[string]any{"target": "example.rules#Ping"}},
				"traits": map[string]any{
					"aws.protocols#restJson1":      map[string]any{},
					"aws.auth#sigv4":               map[string]any{"name": "svc"},
					"smithy.rules#endpointRuleSet": rc.RuleSet,
					"smithy.rules#endpointTests":   map[string]any{"version": "1.0", "testCases": tests},
				},
			},
			"example.rules#Ping": map[string]any{
				"type":   "operation",
				"traits": map[string]any{"smithy.api#http": map[string]any{"method": "GET", "uri": "/ping"}},
			},
		},
	}
	out, err := json.Marshal(model)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
