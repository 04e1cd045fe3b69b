package shapes

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// authIDs writes scheme IDs by name for comparison.
func authIDs(ids []ID) string {
	var names []string
	for _, id := range ids {
		names = append(names, id.String())
	}
	return "[" + strings.Join(names, " ") + "]"
}

// The spec's example of every combination of @auth on services and
// operations (authentication-traits, "auth trait"), written in the IDL.
const authCombinations = `$version: "2"
namespace smithy.example

@httpBasicAuth
@httpDigestAuth
@httpBearerAuth
service ServiceWithNoAuthTrait {
    version: "2020-01-29"
    operations: [OperationA, OperationB]
}

operation OperationA {}

@auth([httpDigestAuth])
operation OperationB {}

@httpBasicAuth
@httpDigestAuth
@httpBearerAuth
@auth([httpBasicAuth, httpDigestAuth])
service ServiceWithAuthTrait {
    version: "2020-01-29"
    operations: [OperationC, OperationD, OperationE]
}

operation OperationC {}

@auth([httpBearerAuth])
operation OperationD {}

@auth([])
operation OperationE {}
`

func TestOperationAuthFollowsTheSpec(t *testing.T) {
	m := mustLoadIDL(t, authCombinations)
	const (
		basic  = "smithy.api#httpBasicAuth"
		bearer = "smithy.api#httpBearerAuth"
		digest = "smithy.api#httpDigestAuth"
	)
	for _, tc := range []struct {
		service, op string
		want        []string
	}{
		// No @auth anywhere: every scheme on the service, by shape ID.
		{"ServiceWithNoAuthTrait", "OperationA", []string{basic, bearer, digest}},
		{"ServiceWithNoAuthTrait", "OperationB", []string{digest}},
		{"ServiceWithAuthTrait", "OperationC", []string{basic, digest}},
		{"ServiceWithAuthTrait", "OperationD", []string{bearer}},
		{"ServiceWithAuthTrait", "OperationE", []string{}},
	} {
		sv, err := m.Service("smithy.example#" + tc.service)
		if err != nil {
			t.Fatal(err)
		}
		got := sv.OperationAuth(shape(t, m, "smithy.example#"+tc.op))
		want := []ID{}
		for _, w := range tc.want {
			id, err := ParseID(w)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, id)
		}
		if !slices.Equal(got, want) || got == nil {
			t.Errorf("%s %s: auth %s, want %s", tc.service, tc.op, authIDs(got), authIDs(want))
		}
	}
}

// A trait of the model's own marked @authDefinition is an auth scheme; a
// trait that is not one is left out, and so is aws.auth#sigv4's ordering
// against it: shape ID order.
func TestCustomAuthSchemes(t *testing.T) {
	m := mustLoad(t, `{"smithy":"2.0","shapes":{
	  "a#Svc":{"type":"service","traits":{"a#token":{},"a#plain":{},"aws.auth#sigv4":{"name":"svc"}}},
	  "a#token":{"type":"structure","traits":{"smithy.api#trait":{"selector":"service"},"smithy.api#authDefinition":{}}},
	  "a#plain":{"type":"structure","traits":{"smithy.api#trait":{"selector":"service"}}}}}`)
	sv, err := m.Service("")
	if err != nil {
		t.Fatal(err)
	}
	checkServiceAuth(t, sv, "[a#token aws.auth#sigv4]", "[a#token aws.auth#sigv4]")
}

// checkServiceAuth compares the service's AuthTraits and AuthSchemes,
// written by authIDs.
func checkServiceAuth(t *testing.T, sv *Service, traits, schemes string) {
	t.Helper()
	if got := authIDs(sv.AuthTraits); got != traits {
		t.Errorf("AuthTraits = %s, want %s", got, traits)
	}
	if got := authIDs(sv.AuthSchemes); got != schemes {
		t.Errorf("AuthSchemes = %s, want %s", got, schemes)
	}
}

// AuthTraits are all the schemes on the service, whatever its @auth says.
func TestAuthTraitsBeyondTheAuthList(t *testing.T) {
	m := mustLoadIDL(t, authCombinations)
	sv, err := m.Service("smithy.example#ServiceWithAuthTrait")
	if err != nil {
		t.Fatal(err)
	}
	checkServiceAuth(t, sv, "[smithy.api#httpBasicAuth smithy.api#httpBearerAuth smithy.api#httpDigestAuth]",
		"[smithy.api#httpBasicAuth smithy.api#httpDigestAuth]")
}

func TestAuthNamingAnUnappliedScheme(t *testing.T) {
	for _, tc := range []struct{ auth, where, want string }{
		{`"smithy.api#httpBasicAuth"`, "service", `a#Svc: shapes["a#Svc"].traits["smithy.api#auth"][0]: @auth names smithy.api#httpBasicAuth, which is not an auth scheme applied to service a#Svc (it has smithy.api#httpBearerAuth)`},
		{`"smithy.api#httpBearerAuth","smithy.api#httpBasicAuth"`, "operation", `a#Op: shapes["a#Op"].traits["smithy.api#auth"][1]: @auth names smithy.api#httpBasicAuth`},
		{`"smithy.api#httpBearerAuth","smithy.api#httpBearerAuth"`, "operation", `[1]: @auth names smithy.api#httpBearerAuth twice`},
	} {
		svcTraits, opTraits := `"smithy.api#httpBearerAuth":{}`, `"smithy.api#readonly":{}`
		if tc.where == "service" {
			svcTraits += `,"smithy.api#auth":[` + tc.auth + `]`
		} else {
			opTraits = `"smithy.api#auth":[` + tc.auth + `]`
		}
		m := mustLoad(t, fmt.Sprintf(`{"smithy":"2.0","shapes":{
		  "a#Svc":{"type":"service","operations":[{"target":"a#Op"}],"traits":{%s}},
		  "a#Op":{"type":"operation","traits":{%s}}}}`, svcTraits, opTraits))
		_, err := m.Service("")
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "m0.json: ") {
			t.Errorf("@auth([%s]) on the %s: error %v, want one naming m0.json and %q", tc.auth, tc.where, err, tc.want)
		}
	}
}

func TestAPIKeyAuthTrait(t *testing.T) {
	m := mustLoadIDL(t, `$version: "2"
namespace a
@httpApiKeyAuth(name: "Authorization", in: "header", scheme: "ApiKey")
service Svc {}
`)
	got, ok := shape(t, m, "a#Svc").Traits.APIKeyAuth()
	if want := (APIKeyAuth{Name: "Authorization", In: "header", Scheme: "ApiKey"}); !ok || got != want {
		t.Errorf("APIKeyAuth() = %+v, %v; want %+v", got, ok, want)
	}
}

// The API key's scheme goes before it in a header; the spec forbids it
// for a key in the query.
func TestAPIKeySchemeOnlyInAHeader(t *testing.T) {
	_, err := loadIDL(t, `$version: "2"
namespace a
@httpApiKeyAuth(name: "k", in: "query", scheme: "Key")
service Svc {}
`)
	if err == nil || !strings.Contains(err.Error(), `m0.smithy:3:1: a#Svc: trait smithy.api#httpApiKeyAuth: scheme can only be set when in is "header"`) {
		t.Errorf("error %v, want one at the trait saying scheme needs in: header", err)
	}
}
