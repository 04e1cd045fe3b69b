package gogen

import (
	"strings"
	"testing"

	"github.com/smithygo/smithygo/internal/shapes"
)

// TestUnknownUnionMemberDocNamesTheWireFormat: UnknownUnionMember.Value
// holds the member's bytes as they came, so its doc names the format the
// protocol's bodies are in: CBOR for rpcv2Cbor, JSON otherwise.
func TestUnknownUnionMemberDocNamesTheWireFormat(t *testing.T) {
	for trait, format := range map[string]string{
		"@smithy.protocols#rpcv2Cbor": "CBOR",
		"@smithy.protocols#rpcv2Json": "JSON",
		"@aws.protocols#awsJson1_0":   "JSON",
		"@aws.protocols#restJson1":    "JSON",
	} {
		src := `$version: "2"
namespace example.u
` + trait + `
service Svc { version: "1", operations: [Op] }
@http(method: "POST", uri: "/op")
operation Op { output := { choice: Choice } }
union Choice { a: String, b: Integer }
`
		m, err := shapes.Load(shapes.Source{Name: "u.smithy", Data: []byte(src)})
		if err != nil {
			t.Fatal(err)
		}
		svc, err := m.Service("example.u#Svc")
		if err != nil {
			t.Fatal(err)
		}
		files, err := Generate(svc, Config{ImportPath: "example.com/u"})
		if err != nil {
			t.Fatalf("%s: %v", trait, err)
		}
		var all strings.Builder
		for _, src := range files {
			all.Write(src)
		}
		for _, want := range []string{"Value its raw " + format + ".", "// Value is the member's value as raw " + format + "."} {
			if !strings.Contains(all.String(), want) {
				t.Errorf("%s: no %q in the generated code", trait, want)
			}
		}
	}
}
