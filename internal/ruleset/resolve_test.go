package ruleset

import (
	"errors"
	rt "github.com/smithygo/smithygo/runtime/endpointrules"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// resolveURL resolves p and returns the URL, or "error: <message>" so that
// tables can expect either.
func resolveURL(t *testing.T, rs *RuleSet, p Params) string {
	t.Helper()
	ep, err := rs.Resolve(p)
	if err != nil {
		return "error: " + err.Error()
	}
	return ep.URL
}

// treeRules checks that a tree whose conditions hold is terminal.
const treeRules = `{
  "version": "1.0",
  "parameters": {
    "A": {"type": "Boolean", "required": true, "default": false, "documentation": "d"},
    "B": {"type": "Boolean", "required": true, "default": false, "documentation": "d"}
  },
  "rules": [
    {"type": "tree", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "A"}, true]}], "rules": [
      {"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "B"}, true]}],
       "endpoint": {"url": "https://a-and-b.example.com"}}
    ]},
    {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://fallback.example.com"}}
  ]
}`

func TestTreeIsTerminal(t *testing.T) {
	rs := MustParse(treeRules)
	if got := resolveURL(t, rs, Params{"A": true, "B": true}); got != "https://a-and-b.example.com" {
		t.Errorf("A and B: %s", got)
	}
	if got := resolveURL(t, rs, Params{"A": false}); got != "https://fallback.example.com" {
		t.Errorf("not A: %s", got)
	}
	// A holds, so the tree is selected; B does not, so no child matches:
	// resolution fails instead of reaching the fallback.
	if _, err := rs.Resolve(Params{"A": true}); !errors.Is(err, ErrNoMatch) {
		t.Errorf("A without B: err = %v, want ErrNoMatch", err)
	}
}

func TestRulesExhausted(t *testing.T) {
	rs := MustParse(`{"version": "1.0", "parameters": {"R": {"type": "string"}}, "rules": [
		{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "R"}]}], "endpoint": {"url": "https://{R}"}}
	]}`)
	if got := resolveURL(t, rs, Params{"R": "x"}); got != "https://x" {
		t.Errorf("got %s", got)
	}
	_, err := rs.Resolve(nil)
	if !errors.Is(err, ErrNoMatch) {
		t.Errorf("err = %v, want ErrNoMatch", err)
	}
	var re *RuleError
	if errors.As(err, &re) {
		t.Error("running out of rules is not a rule's error")
	}
}

// assignRules exercises assign, template shorthand, error templates and
// most functions.
const assignRules = `{
  "version": "1.1",
  "parameters": {
    "Region": {"type": "string", "builtIn": "AWS::Region", "documentation": "d"},
    "Endpoint": {"type": "string", "builtIn": "SDK::Endpoint", "documentation": "d"},
    "Bucket": {"type": "string", "documentation": "d"},
    "Case": {"type": "string", "documentation": "d"},
    "Flag": {"type": "boolean", "documentation": "d"},
    "List": {"type": "stringArray", "required": true, "default": ["first", "second"], "documentation": "d"}
  },
  "rules": [
    {"type": "tree", "conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}], "rules": [
      {"type": "endpoint", "conditions": [
          {"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "url"},
          {"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "url"}, "isIp"]}, true]}
        ],
        "endpoint": {"url": "{url#scheme}://{url#authority}{url#normalizedPath}ip"}},
      {"type": "endpoint", "conditions": [{"fn": "parseURL", "argv": ["{Endpoint}"], "assign": "url"}],
        "endpoint": {"url": "{url#scheme}://{url#authority}{url#path}"}},
      {"type": "error", "conditions": [], "error": "Invalid endpoint: {Endpoint}"}
    ]},
    {"type": "tree", "conditions": [{"fn": "stringEquals", "argv": [{"ref": "Case"}, "arn"]}, {"fn": "isSet", "argv": [{"ref": "Bucket"}]}], "rules": [
      {"type": "tree", "conditions": [{"fn": "aws.parseArn", "argv": [{"ref": "Bucket"}], "assign": "arn"}], "rules": [
        {"type": "tree", "conditions": [{"fn": "getAttr", "argv": [{"ref": "arn"}, "resourceId[1]"], "assign": "id"}], "rules": [
          {"type": "error", "conditions": [{"fn": "stringEquals", "argv": [{"ref": "id"}, ""]}], "error": "empty id"},
          {"type": "endpoint", "conditions": [],
           "endpoint": {"url": "https://{id}-{arn#accountId}.{arn#region}.example.com/{arn#resourceId[-1]}"}}
        ]},
        {"type": "error", "conditions": [], "error": "no id in {arn#service} ARN"}
      ]},
      {"type": "error", "conditions": [], "error": "not an ARN: {Bucket}"}
    ]},
    {"type": "tree", "conditions": [{"fn": "stringEquals", "argv": ["{Case}", "functions"]}], "rules": [
      {"type": "error", "conditions": [
          {"fn": "ite", "argv": [{"fn": "coalesce", "argv": [{"ref": "Flag"}, true]}, "-on", "-off"], "assign": "suffix"},
          {"fn": "split", "argv": ["a--b--c", "--", 2], "assign": "parts"},
          {"fn": "uriEncode", "argv": ["{Region}"], "assign": "encoded"},
          {"fn": "substring", "argv": [{"ref": "Region"}, 0, 2, false], "assign": "prefix"},
          {"fn": "substring", "argv": [{"ref": "Region"}, 0, 1, true], "assign": "last"},
          {"fn": "isValidHostLabel", "argv": [{"ref": "encoded"}, false]},
          {"fn": "not", "argv": [{"fn": "isValidHostLabel", "argv": ["{encoded}.", true]}]},
          {"fn": "aws.isVirtualHostableS3Bucket", "argv": ["{prefix}-bucket", false]},
          {"fn": "aws.partition", "argv": ["{Region}"], "assign": "p"}
        ],
        "error": "flag{suffix} parts={parts#[0]},{parts#[1]} list={List#[0]}/{List#[-1]} enc={encoded} prefix={prefix} last={last} p={p#name}/{p#dnsSuffix} {{literal}}"}
    ]},
    {"type": "endpoint", "conditions": [
        {"fn": "isSet", "argv": [{"ref": "Region"}]},
        {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "PartitionResult"}
      ],
      "endpoint": {
        "url": "https://svc.{Region}.{PartitionResult#dnsSuffix}",
        "headers": {"x-amz-region": ["{Region}", "static"]},
        "properties": {
          "authSchemes": [
            {"name": "sigv4a", "signingName": "svc", "signingRegionSet": ["*"]},
            {"name": "sigv4", "signingName": "svc", "signingRegion": "{Region}", "disableDoubleEncoding": true}
          ],
          "meta": {"partition": "{PartitionResult#name}", "fips": false, "n": 3, "nested": [["{Region}"]]}
        }
      }},
    {"type": "error", "conditions": [], "error": {"ref": "Case"}}
  ]
}`

func TestResolve(t *testing.T) {
	rs := MustParse(assignRules)
	tests := []struct {
		name string
		p    Params
		want string
	}{
		{"custom endpoint", Params{"Endpoint": "https://example.com/base"}, "https://example.com/base"},
		{"custom endpoint without path", Params{"Endpoint": "https://example.com"}, "https://example.com"},
		{"custom IP endpoint", Params{"Endpoint": "http://10.0.0.1:8080"}, "http://10.0.0.1:8080/ip"},
		{"invalid endpoint", Params{"Endpoint": "https://example.com?q"}, "error: Invalid endpoint: https://example.com?q"},
		{"arn", Params{"Case": "arn", "Bucket": "arn:aws:s3:us-east-2:123:outpost/op-1/bucket/b"}, "https://op-1-123.us-east-2.example.com/b"},
		{"arn without id", Params{"Case": "arn", "Bucket": "arn:aws:s3:us-east-2:123:outpost"}, "error: no id in s3 ARN"},
		{"arn with empty id", Params{"Case": "arn", "Bucket": "arn:aws:s3:us-east-2:123:outpost:"}, "error: empty id"},
		{"not an arn", Params{"Case": "arn", "Bucket": "bucket"}, "error: not an ARN: bucket"},
		{"functions", Params{"Case": "functions", "Region": "cn-north-1"},
			"error: flag-on parts=a,b--c list=first/second enc=cn-north-1 prefix=cn last=1 p=aws-cn/amazonaws.com.cn {literal}"},
		{"functions with set false", Params{"Case": "functions", "Region": "us-west-2", "Flag": false, "List": []string{"x"}},
			"error: flag-off parts=a,b--c list=x/x enc=us-west-2 prefix=us last=2 p=aws/amazonaws.com {literal}"},
		// substring fails on non-ASCII input, and the tree is terminal.
		{"functions need ASCII", Params{"Case": "functions", "Region": "é-1"}, "error: " + ErrNoMatch.Error()},
		{"region", Params{"Region": "eu-west-1"}, "https://svc.eu-west-1.amazonaws.com"},
		{"error from a reference", Params{"Case": "no region"}, "error: no region"},
	}
	for _, tt := range tests {
		if got := resolveURL(t, rs, tt.p); got != tt.want {
			t.Errorf("%s: got  %s\nwant %s", tt.name, got, tt.want)
		}
	}

	ep, err := rs.Resolve(Params{"Region": "us-gov-west-1"})
	if err != nil {
		t.Fatal(err)
	}
	wantHeaders := map[string][]string{"x-amz-region": {"us-gov-west-1", "static"}}
	if !reflect.DeepEqual(ep.Headers, wantHeaders) {
		t.Errorf("headers = %v, want %v", ep.Headers, wantHeaders)
	}
	wantProps := map[string]any{
		"authSchemes": []any{
			map[string]any{"name": "sigv4a", "signingName": "svc", "signingRegionSet": []any{"*"}},
			map[string]any{"name": "sigv4", "signingName": "svc", "signingRegion": "us-gov-west-1", "disableDoubleEncoding": true},
		},
		"meta": map[string]any{"partition": "aws-us-gov", "fips": false, "n": float64(3), "nested": []any{[]any{"us-gov-west-1"}}},
	}
	if !reflect.DeepEqual(ep.Properties, wantProps) {
		t.Errorf("properties = %#v\nwant %#v", ep.Properties, wantProps)
	}
	wantSchemes := []rt.AuthScheme{
		{Name: "sigv4a", SigningName: "svc", SigningRegionSet: []string{"*"}},
		{Name: "sigv4", SigningName: "svc", SigningRegion: "us-gov-west-1", DisableDoubleEncoding: true},
	}
	if got := ep.AuthSchemes(); !reflect.DeepEqual(got, wantSchemes) {
		t.Errorf("AuthSchemes() = %+v, want %+v", got, wantSchemes)
	}

	// Each Resolve builds fresh properties, so changing one result does
	// not change the next.
	ep.Properties["meta"].(map[string]any)["partition"] = "changed"
	ep.Properties["authSchemes"].([]any)[0] = nil
	ep2, _ := rs.Resolve(Params{"Region": "us-gov-west-1"})
	if !reflect.DeepEqual(ep2.Properties, wantProps) {
		t.Errorf("properties changed by a caller leaked into the next Resolve: %v", ep2.Properties)
	}
}

func TestRuleErrorMessageIsExact(t *testing.T) {
	rs := MustParse(`{"version": "1.0", "parameters": {"R": {"type": "string", "required": true}}, "rules": [
		{"type": "error", "conditions": [], "error": "Invalid Configuration: region {R} is {{not}} valid"}
	]}`)
	_, err := rs.Resolve(Params{"R": "xx"})
	var re *RuleError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v (%T), want *RuleError", err, err)
	}
	if want := "Invalid Configuration: region xx is {not} valid"; err.Error() != want || re.Message != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
}

func TestParams(t *testing.T) {
	rs := MustParse(`{"version": "1.0", "parameters": {
		"S": {"type": "String", "required": true},
		"B": {"type": "Boolean", "required": true, "default": true},
		"L": {"type": "stringArray"},
		"O": {"type": "string"}
	}, "rules": [
		{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "L"}]}, {"fn": "getAttr", "argv": [{"ref": "L"}, "[1]"], "assign": "second"}],
		 "endpoint": {"url": "https://{S}/{second}"}},
		{"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "B"}, true]}, {"fn": "isSet", "argv": [{"ref": "O"}]}],
		 "endpoint": {"url": "https://{S}/{O}"}},
		{"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "B"}, true]}], "endpoint": {"url": "https://{S}/default-b"}},
		{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{S}/b-false"}}
	]}`)
	tests := []struct {
		p    Params
		want string
	}{
		{Params{"S": "s"}, "https://s/default-b"},
		{Params{"S": "s", "B": nil}, "https://s/default-b"}, // nil is unset, so the default applies
		{Params{"S": "s", "B": false}, "https://s/b-false"},
		{Params{"S": "s", "O": "o"}, "https://s/o"},
		{Params{"S": "s", "O": nil}, "https://s/default-b"},
		{Params{"S": "s", "L": []string{"a", "b"}}, "https://s/b"},
		{Params{"S": "s", "L": []any{"a", "c"}}, "https://s/c"},
		{Params{"S": "s", "L": []string{"a"}}, "https://s/default-b"}, // [1] is unset: the condition fails
		{Params{}, `error: endpointrules: required parameter "S" is not set`},
		{Params{"S": 1}, `error: endpointrules: parameter "S" is declared string but has a value of type int`},
		{Params{"S": "s", "B": "true"}, `error: endpointrules: parameter "B" is declared boolean but has a value of type string`},
		{Params{"S": "s", "L": []any{"a", 1}}, `error: endpointrules: parameter "L" is declared stringArray but has a value of type []interface {}`},
		{Params{"S": "s", "Nope": "x", "Also": 1}, `error: endpointrules: unknown parameter(s) "Also", "Nope"`},
	}
	for _, tt := range tests {
		if got := resolveURL(t, rs, tt.p); got != tt.want {
			t.Errorf("Resolve(%v) = %s, want %s", tt.p, got, tt.want)
		}
	}

	want := []Param{
		{Name: "B", Type: Bool, Required: true, Default: true, Used: true},
		{Name: "L", Type: StringArray, Used: true},
		{Name: "O", Type: String, Used: true},
		{Name: "S", Type: String, Required: true, Used: true},
	}
	for i, p := range rs.Params {
		p.def = value{}
		if !reflect.DeepEqual(*p, want[i]) {
			t.Errorf("Params[%d] = %+v, want %+v", i, *p, want[i])
		}
	}
	if rs.Version != "1.0" {
		t.Errorf("Version = %q", rs.Version)
	}
}

// TestCoalesceIsLazy checks that coalesce stops at the first set value and
// that ite evaluates only the chosen branch: the other branch here would
// fail the rule set if evaluated (an unset template), but must not matter.
func TestCoalesceAndIte(t *testing.T) {
	rs := MustParse(`{"version": "1.1", "parameters": {
		"A": {"type": "string"}, "B": {"type": "string"}, "F": {"type": "boolean"}
	}, "rules": [
		{"type": "endpoint", "conditions": [
			{"fn": "coalesce", "argv": [{"ref": "A"}, {"ref": "B"}, "default"], "assign": "v"},
			{"fn": "ite", "argv": [{"fn": "coalesce", "argv": [{"ref": "F"}, false]}, "{A}", "plain"], "assign": "w"}
		 ], "endpoint": {"url": "https://{v}/{w}"}}
	]}`)
	tests := []struct {
		p    Params
		want string
	}{
		{Params{}, "https://default/plain"},
		{Params{"B": "b"}, "https://b/plain"},
		{Params{"A": "a", "B": "b"}, "https://a/plain"},
		{Params{"A": "", "B": "b"}, "https://" + "/plain"}, // "" is a value
		{Params{"A": "a", "F": true}, "https://a/a"},
		{Params{"F": true}, "error: " + ErrNoMatch.Error()}, // ite chose the unset branch
	}
	for _, tt := range tests {
		if got := resolveURL(t, rs, tt.p); got != tt.want {
			t.Errorf("Resolve(%v) = %s, want %s", tt.p, got, tt.want)
		}
	}
	// coalesce returns a set false rather than skipping it.
	rs = MustParse(`{"version": "1.1", "parameters": {"F": {"type": "boolean"}}, "rules": [
		{"type": "endpoint", "conditions": [{"fn": "not", "argv": [{"fn": "coalesce", "argv": [{"ref": "F"}, true]}]}], "endpoint": {"url": "https://false"}},
		{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://true"}}
	]}`)
	if got := resolveURL(t, rs, Params{"F": false}); got != "https://false" {
		t.Errorf("coalesce(false, true) did not give false: %s", got)
	}
	if got := resolveURL(t, rs, Params{}); got != "https://true" {
		t.Errorf("coalesce(unset, true): %s", got)
	}
}

// TestAssignFalseFails checks that a condition fails when its value is
// false even though it is assigned.
func TestAssignFalseFails(t *testing.T) {
	rs := MustParse(`{"version": "1.0", "parameters": {"R": {"type": "string", "required": true}}, "rules": [
		{"type": "endpoint", "conditions": [{"fn": "isValidHostLabel", "argv": [{"ref": "R"}, false], "assign": "ok"}], "endpoint": {"url": "https://{R}"}},
		{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://fallback"}}
	]}`)
	if got := resolveURL(t, rs, Params{"R": "bad label"}); got != "https://fallback" {
		t.Errorf("got %s", got)
	}
	if got := resolveURL(t, rs, Params{"R": "good"}); got != "https://good" {
		t.Errorf("got %s", got)
	}
}

func TestParseErrors(t *testing.T) {
	wrap := func(params, rules string) string {
		return `{"version": "1.0", "parameters": {` + params + `}, "rules": [` + rules + `]}`
	}
	const p = `"R": {"type": "string"}`
	tests := []struct {
		doc, want string
	}{
		{`{`, "decoding rule set"},
		{`{"version": "1.0", "parameters": {}, "rules": []} {}`, "data after the JSON value"},
		{wrap(p, ``), "rule set has no rules"},
		{wrap(p, `{"type": "endpoint", "conditions": [{"fn": "noSuchFn", "argv": []}], "endpoint": {"url": "x"}}`),
			`rules[0].conditions[0]: unknown function "noSuchFn"`},
		{wrap(p, `{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"fn": "aws.nope", "argv": []}]}], "endpoint": {"url": "x"}}`),
			`unknown function "aws.nope"`},
		{wrap(p, `{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": []}], "endpoint": {"url": "x"}}`),
			`function "isSet" takes 1 arguments, got 0`},
		{wrap(p, `{"type": "endpoint", "conditions": [{"fn": "coalesce", "argv": [true]}], "endpoint": {"url": "x"}}`),
			`function "coalesce" takes at least 2 arguments, got 1`},
		{wrap(p, `{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Nope"}]}], "endpoint": {"url": "x"}}`),
			`reference to "Nope"`},
		{wrap(p, `{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Nope}"}}`), `reference to "Nope"`},
		{wrap(p, `{"type": "tree", "conditions": [{"fn": "aws.partition", "argv": ["x"], "assign": "pr"}], "rules": [
			  {"type": "endpoint", "conditions": [], "endpoint": {"url": "{pr#name}"}}]},
			  {"type": "endpoint", "conditions": [], "endpoint": {"url": "{pr#name}"}}`),
			`rules[1].endpoint.url: reference to "pr"`}, // out of scope in a sibling
		{wrap(p, `{"type": "endpoint", "conditions": [{"fn": "aws.partition", "argv": ["x"], "assign": "R"}], "endpoint": {"url": "x"}}`),
			`assign "R" shadows`},
		{wrap(p, `{"type": "tree", "conditions": [{"fn": "aws.partition", "argv": ["x"], "assign": "v"}], "rules": [
			  {"type": "endpoint", "conditions": [{"fn": "aws.partition", "argv": ["y"], "assign": "v"}], "endpoint": {"url": "x"}}]}`),
			`assign "v" shadows`},
		{wrap(p, `{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "v"}]}, {"fn": "aws.partition", "argv": ["x"], "assign": "v"}], "endpoint": {"url": "x"}}`),
			`reference to "v"`}, // used before it is assigned
		{wrap(p, `{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{R"}}`), "unmatched {"},
		{wrap(p, `{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://R}"}}`), "unmatched }"},
		{wrap(p, `{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{}"}}`), "empty template placeholder"},
		{wrap(p, `{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{R#}"}}`), "empty getAttr path"},
		{wrap(p, `{"type": "endpoint", "conditions": [{"fn": "getAttr", "argv": [{"ref": "R"}, {"ref": "R"}]}], "endpoint": {"url": "x"}}`),
			"getAttr path must be a literal string"},
		{wrap(p, `{"type": "endpoint", "conditions": [{"fn": "getAttr", "argv": [{"ref": "R"}, "a[x]"]}], "endpoint": {"url": "x"}}`),
			"bad index"},
		{wrap(p, `{"type": "endpoint", "conditions": [{"fn": "substring", "argv": [{"ref": "R"}, 0.5, 2, false]}], "endpoint": {"url": "x"}}`),
			"0.5 is not an integer"},
		{wrap(p, `{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [null]}], "endpoint": {"url": "x"}}`), "null"},
		{wrap(p, `{"type": "nope", "conditions": []}`), `unknown rule type "nope"`},
		{wrap(p, `{"type": "endpoint", "conditions": []}`), "endpoint rule has no endpoint"},
		{wrap(p, `{"type": "endpoint", "conditions": [], "endpoint": {}}`), "endpoint has no url"},
		{wrap(p, `{"type": "error", "conditions": []}`), "error rule has no error"},
		{wrap(p, `{"type": "tree", "conditions": [], "rules": []}`), "tree rule has no rules"},
		{wrap(`"R": {"type": "integer"}`, `{"type": "error", "conditions": [], "error": "e"}`), `parameter "R": unknown type "integer"`},
		{wrap(`"R": {"type": "boolean", "default": "yes"}`, `{"type": "error", "conditions": [], "error": "e"}`), `parameter "R": default yes is not a boolean`},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.doc))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%s)\nerr = %v\nwant it to contain %q", tt.doc, err, tt.want)
		}
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParse did not panic on an invalid rule set")
		}
	}()
	MustParse(`{"rules": []}`)
}

// TestConcurrentResolve resolves from many goroutines at once; run it with
// -race. Pooled state must never be shared between calls.
func TestConcurrentResolve(t *testing.T) {
	rs := MustParse(assignRules)
	regions := []string{"us-east-1", "cn-north-1", "us-gov-west-1", "eu-central-2", "ap-south-1"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				r := regions[(g+i)%len(regions)]
				ep, err := rs.Resolve(Params{"Region": r})
				if err != nil {
					t.Error(err)
					return
				}
				if !strings.HasPrefix(ep.URL, "https://svc."+r+".") || ep.Headers["x-amz-region"][0] != r {
					t.Errorf("Resolve(%s) = %+v", r, ep)
					return
				}
				msg := resolveURL(t, rs, Params{"Case": "functions", "Region": r})
				if !strings.Contains(msg, "enc="+r+" ") {
					t.Errorf("Resolve(functions, %s) = %s", r, msg)
					return
				}
			}
		}()
	}
	wg.Wait()
}
