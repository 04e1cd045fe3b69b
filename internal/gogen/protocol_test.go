package gogen

import (
	"strings"
	"testing"

	"github.com/smithygo/smithygo/internal/shapes"
)

// serviceWith loads a one-operation service carrying the given traits.
func serviceWith(t *testing.T, traits string) *shapes.Service {
	t.Helper()
	src := `$version: "2"
namespace example.p
` + traits + `
service Svc { version: "1", operations: [Op] }
operation Op {}
`
	m, err := shapes.Load(shapes.Source{Name: "p.smithy", Data: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := m.Service("example.p#Svc")
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

func TestProtocolOf(t *testing.T) {
	for _, tc := range []struct {
		traits string
		want   string // the protocol's trait, or an error's substrings after "error:"
	}{
		{"@aws.protocols#restJson1", "aws.protocols#restJson1"},
		{"@aws.protocols#awsJson1_0", "aws.protocols#awsJson1_0"},
		{"@aws.protocols#awsJson1_1", "aws.protocols#awsJson1_1"},
		{"@smithy.protocols#rpcv2Json", "smithy.protocols#rpcv2Json"},
		{"@smithy.protocols#rpcv2Cbor", "smithy.protocols#rpcv2Cbor"},
		// A service that offers several gets the first the table prefers.
		{"@smithy.protocols#rpcv2Cbor\n@aws.protocols#awsJson1_0", "aws.protocols#awsJson1_0"},
		{"@smithy.protocols#rpcv2Json\n@aws.protocols#restJson1", "aws.protocols#restJson1"},
		{"@smithy.protocols#rpcv2Cbor\n@smithy.protocols#rpcv2Json", "smithy.protocols#rpcv2Json"},
		{"@aws.protocols#awsQuery", "error:protocol aws.protocols#awsQuery is not supported yet; supported: aws.protocols#restJson1, aws.protocols#awsJson1_0, aws.protocols#awsJson1_1, smithy.protocols#rpcv2Json, smithy.protocols#rpcv2Cbor"},
		{"", "error:the service has no protocol trait"},
	} {
		svc := serviceWith(t, tc.traits)
		p, err := protocolOf(svc.Shape)
		if want, isErr := strings.CutPrefix(tc.want, "error:"); isErr {
			if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "example.p#Svc") {
				t.Errorf("%q: error %v, want one naming the service and saying %q", tc.traits, err, want)
			}
			continue
		}
		if err != nil || p.traitID() != tc.want {
			t.Errorf("%q: protocol %v, %v; want %s", tc.traits, p, err, tc.want)
		}
	}
}

// TestRequestLine checks the method and URI each protocol reports, which
// docs and retry safety use and the RPC serializers write.
func TestRequestLine(t *testing.T) {
	svc := serviceWith(t, "@smithy.protocols#rpcv2Json")
	op := svc.Operations[0]
	for _, tc := range []struct {
		p            protocol
		method, path string
	}{
		{awsJSON{trait: traitAWSJSON10}, "POST", "/"},
		{rpcv2JSON{}, "POST", "/service/Svc/operation/Op"},
		{rpcv2CBOR{}, "POST", "/service/Svc/operation/Op"},
	} {
		method, path, ok := tc.p.requestLine(svc.Shape, op)
		if !ok || method != tc.method || path != tc.path {
			t.Errorf("%s: %s %s (%v), want %s %s", tc.p.traitID(), method, path, ok, tc.method, tc.path)
		}
	}
	if _, _, ok := (restJSON1{}).requestLine(svc.Shape, op); ok {
		t.Error("restJson1 reports a request line for an operation without @http")
	}
}

// TestPackageDocNamesTheProtocol: the package doc says which protocol the
// client speaks and, for a service that offers several, which others the
// model offers and by what order the one spoken was chosen.
func TestPackageDocNamesTheProtocol(t *testing.T) {
	for _, tc := range []struct {
		traits string
		want   string
	}{
		{"@smithy.protocols#rpcv2Cbor", "It speaks the smithy.protocols#rpcv2Cbor protocol.\n"},
		{"@smithy.protocols#rpcv2Cbor\n@aws.protocols#awsJson1_0", "It speaks the aws.protocols#awsJson1_0 protocol. The model also offers smithy.protocols#rpcv2Cbor; smithygo speaks the first a service offers of restJson1, awsJson1_0, awsJson1_1, rpcv2Json and rpcv2Cbor.\n"},
		// Protocols the generator does not implement are offered too;
		// awsQueryCompatible modifies a protocol and is not one.
		{"@aws.protocols#awsQuery\n@aws.protocols#awsQueryCompatible\n@smithy.protocols#rpcv2Json\n@xmlNamespace(uri: \"urn:x\")", "It speaks the smithy.protocols#rpcv2Json protocol. The model also offers aws.protocols#awsQuery; "},
	} {
		files, err := Generate(serviceWith(t, tc.traits), Config{ImportPath: "example.com/p"})
		if err != nil {
			t.Fatalf("%q: %v", tc.traits, err)
		}
		doc, _, _ := strings.Cut(string(files["api_gen.go"]), "package ")
		doc = strings.Join(strings.Fields(strings.ReplaceAll(doc, "//", "")), " ")
		want := strings.TrimSpace(tc.want)
		if !strings.Contains(doc, want) || (strings.HasSuffix(tc.want, "\n") && !strings.Contains(doc, want+" Create")) {
			t.Errorf("%q: package doc\n%s\nwant it to say %q", tc.traits, doc, want)
		}
	}
}
