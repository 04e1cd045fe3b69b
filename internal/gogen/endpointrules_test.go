package gogen

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/smithygo/smithygo/internal/ruleset"
)

// compileRules compiles a rule set's rules the way emitEndpoints does and
// returns the Go source of the function body, or the error.
func compileRules(t *testing.T, doc string) (string, error) {
	t.Helper()
	rs, err := ruleset.Parse([]byte(doc))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	rc := newRuleCompiler("x/endpointrules", rs)
	var rulesErr error
	fn := jen.Func().Id("f").Params().BlockFunc(func(g *jen.Group) {
		_, rulesErr = rc.rules(g, rs.Rules)
	})
	if rulesErr != nil {
		return "", rulesErr
	}
	return fmt.Sprintf("%#v", fn), nil
}

func TestRuleCompilerFunctions(t *testing.T) {
	src, err := compileRules(t, `{"version": "1.1", "parameters": {
		"Region": {"type": "string"}, "Bucket": {"type": "string"}, "Flag": {"type": "boolean"},
		"List": {"type": "stringArray", "required": true, "default": ["a", "b"]}
	}, "rules": [
		{"type": "tree", "conditions": [{"fn": "isSet", "argv": [{"ref": "Bucket"}]}], "rules": [
			{"type": "tree", "conditions": [{"fn": "aws.parseArn", "argv": [{"ref": "Bucket"}], "assign": "arn"}], "rules": [
				{"type": "endpoint", "conditions": [
					{"fn": "getAttr", "argv": [{"ref": "arn"}, "resourceId[1]"], "assign": "id"},
					{"fn": "getAttr", "argv": [{"ref": "arn"}, "resourceId[-1]"], "assign": "last"}],
				 "endpoint": {"url": "https://{id}.{arn#region}/{last}", "properties": {"n": 3}}}
			]},
			{"type": "error", "conditions": [], "error": "not an ARN: {Bucket}"}
		]},
		{"type": "error", "conditions": [
			{"fn": "ite", "argv": [{"fn": "coalesce", "argv": [{"ref": "Flag"}, true]}, "-on", "-off"], "assign": "suffix"},
			{"fn": "substring", "argv": [{"ref": "Region"}, 0, 2, false], "assign": "prefix"},
			{"fn": "uriEncode", "argv": ["{Region}"], "assign": "enc"},
			{"fn": "not", "argv": [{"fn": "isValidHostLabel", "argv": ["{enc}.", true]}]}
		], "error": "{suffix} {prefix} {enc}"}
	]}`)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`if arn := endpointrules.ParseARN(*bucket); arn != nil {`,
		`if len(arn.ResourceID) > 1 {`,
		`id := arn.ResourceID[1]`,
		`last := arn.ResourceID[len(arn.ResourceID)-1]`,
		`"n": 3.0`,
		`endpointrules.Ite(endpointrules.Or(flag, true), "-on", "-off")`,
		`if prefix, ok := endpointrules.Substring(*region, 0, 2, false); ok {`,
		`!endpointrules.IsValidHostLabel(enc+".", true)`,
	} {
		if !strings.Contains(src, want) {
			t.Errorf("generated code lacks %s\n%s", want, src)
		}
	}
}

// TestRuleCompilerRefuses checks that what the compiler cannot type gives
// an error naming the rule's JSON path.
func TestRuleCompilerRefuses(t *testing.T) {
	_, err := compileRules(t, `{"version": "1.0", "parameters": {"R": {"type": "string"}}, "rules": [
		{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{R}"}}
	]}`)
	if err == nil || !strings.Contains(err.Error(), "rules[0].endpoint.url") {
		t.Errorf("err = %v, want one naming rules[0].endpoint.url", err)
	}
	_, err = compileRules(t, `{"version": "1.0", "parameters": {"R": {"type": "string", "required": true}}, "rules": [
		{"type": "endpoint", "conditions": [{"fn": "stringEquals", "argv": [{"fn": "getAttr", "argv": [{"fn": "parseURL", "argv": [{"ref": "R"}]}, "scheme"]}, "https"]}],
		 "endpoint": {"url": "https://{R}"}}
	]}`)
	if err == nil || !strings.Contains(err.Error(), "rules[0].conditions[0]") {
		t.Errorf("err = %v, want one naming rules[0].conditions[0]", err)
	}
}
