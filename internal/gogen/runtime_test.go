package gogen

import (
	"maps"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/smithygo/smithygo/internal/shapes"
)

// runtimeModel is a one-operation restJson1 service; the cases add one
// feature each through the placeholders.
const runtimeModel = `$version: "2"
namespace example.rt

use aws.protocols#restJson1

@restJson1
SERVICE_TRAITS
service Svc { version: "1", operations: [PutThing] }

OPERATION_TRAITS
@http(method: "POST", uri: "/things/{Id}")
operation PutThing {
    input := {
        @required
        @httpLabel
        Id: String
        Name: NAME_TARGET
        Size: SIZE_TARGET
    }
    output := { Name: String }
}

@pattern("^[a-z]+$")
string Lower

@range(min: 1, max: 100)
bigInteger SmallBig
`

// The runtime packages a model's client copies are those its features
// need: the base every restJson1 client uses, plus one or more per feature.
func TestRuntimeFollowsTheModel(t *testing.T) {
	base := []string{"call", "httpbind", "jsonwire", "retry", "textfmt", "utf8valid", "validation"}
	for _, tc := range []struct {
		name                                            string
		serviceTraits, opTraits, nameTarget, sizeTarget string
		extra                                           []string
	}{
		{name: "minimal"},
		{name: "sigv4", serviceTraits: `@aws.auth#sigv4(name: "rt")`, extra: []string{"awsconfig", "credentials", "sigv4", "sigv4auth"}},
		{name: "pattern", nameTarget: "Lower", extra: []string{"ecmaregex"}},
		{name: "big range", sizeTarget: "SmallBig", extra: []string{"bigrange"}},
		{name: "compression", opTraits: `@requestCompression(encodings: ["gzip"])`, extra: []string{"bodygzip"}},
		{name: "checksum", opTraits: `@httpChecksumRequired`, extra: []string{"contentmd5"}},
		{name: "rules", serviceTraits: `@smithy.rules#endpointRuleSet({version: "1.0", parameters: {Endpoint: {type: "string", builtIn: "SDK::Endpoint", required: false}}, rules: [{type: "endpoint", conditions: [{fn: "isSet", argv: [{ref: "Endpoint"}]}], endpoint: {url: {ref: "Endpoint"}}}, {type: "error", conditions: [], error: "no endpoint"}]})`, extra: []string{"endpointrules"}},
		{name: "waiter", opTraits: `@smithy.waiters#waitable(Done: {acceptors: [{state: "success", matcher: {success: true}}]})`, extra: []string{"waiter"}},
		{name: "waiter on output", opTraits: `@smithy.waiters#waitable(Named: {acceptors: [{state: "success", matcher: {output: {path: "Name", expected: "x", comparator: "stringEquals"}}}]})`, extra: []string{"jmespath", "waiter"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			orEmpty := func(s, def string) string {
				if s == "" {
					return def
				}
				return s
			}
			src := strings.NewReplacer("SERVICE_TRAITS", tc.serviceTraits, "OPERATION_TRAITS", tc.opTraits,
				"NAME_TARGET", orEmpty(tc.nameTarget, "String"), "SIZE_TARGET", orEmpty(tc.sizeTarget, "Integer")).Replace(runtimeModel)
			m, err := shapes.Load(shapes.Source{Name: "rt.smithy", Data: []byte(src)})
			if err != nil {
				t.Fatal(err)
			}
			svc, err := m.Service("example.rt#Svc")
			if err != nil {
				t.Fatal(err)
			}
			files, err := Generate(svc, Config{ImportPath: "example.com/rt"})
			if err != nil {
				t.Fatal(err)
			}
			copied := map[string]bool{}
			for name, src := range files {
				if origin, ok := CopiedFrom(src); ok && strings.HasPrefix(origin, "runtime/") {
					copied[path.Base(path.Dir(origin))] = true
				} else if strings.HasPrefix(name, "internal/") {
					t.Errorf("%s is not a copy of a runtime file", name)
				}
			}
			want := slices.Sorted(slices.Values(append(slices.Clone(base), tc.extra...)))
			if got := slices.Sorted(maps.Keys(copied)); !slices.Equal(got, want) {
				t.Errorf("runtime packages copied: %v\nwant: %v", got, want)
			}
			// The package doc speaks only of what the package has.
			doc := string(files["api_gen.go"])
			if strings.Contains(doc, "WaitUntil") != slices.Contains(tc.extra, "waiter") {
				t.Errorf("the package doc's mention of WaitUntil does not follow the model's waiters")
			}
			if strings.Contains(doc, "Options{Region") != slices.Contains(tc.extra, "sigv4") {
				t.Errorf("the package doc's mention of Region does not follow the model's signing")
			}
		})
	}
}
