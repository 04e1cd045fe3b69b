package modelgen

import (
	"slices"
	"testing"

	"github.com/smithygo/smithygo/internal/shapes"
)

// echoModel has outputs of every body kind echoBodyMembers tells apart.
const echoModel = `$version: "2"
namespace t

use aws.protocols#restJson1

@restJson1
service S { operations: [Plain, Struct, Union, Doc, Bytes] }

@http(method: "POST", uri: "/1")
operation Plain { output := {
    @jsonName("a b") named: String
    plain: Integer
    doc: Document
    @httpHeader("X-H") header: String
    @httpResponseCode code: Integer
} }

@http(method: "POST", uri: "/2")
operation Struct { output := { @httpPayload body: Body, @httpHeader("X-H") header: String } }

@http(method: "POST", uri: "/3")
operation Union { output := { @httpPayload body: U } }

@http(method: "POST", uri: "/4")
operation Doc { output := { @httpPayload body: Document } }

@http(method: "POST", uri: "/5")
operation Bytes { output := { @httpPayload body: Blob } }

structure Body { @jsonName("J") inner: String, d: Document, n: Long }

union U { a: String, b: Integer }
`

// TestEchoBodyMembers checks the keys an echo reply may give as null, and
// which bodies are structures (reencode adds an unknown member to them).
func TestEchoBodyMembers(t *testing.T) {
	model, err := shapes.Load(shapes.Source{Name: "echo.smithy", Data: []byte(echoModel)})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := model.Service("")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		keys []string
		ok   bool
	}{
		"Plain":  {[]string{"a b", "plain"}, true}, // the @jsonName; no document, header or status
		"Struct": {[]string{"J", "n"}, true},       // the payload's members
		"Union":  {nil, false},
		"Doc":    {nil, false},
		"Bytes":  {nil, false},
	}
	for _, op := range svc.Operations {
		w := want[op.ID.Name]
		keys, ok := echoBodyMembers(op.Output, "restJson1")
		if ok != w.ok || !slices.Equal(keys, w.keys) {
			t.Errorf("%s: %q, %v; want %q, %v", op.ID.Name, keys, ok, w.keys, w.ok)
		}
	}
	// The RPC protocols bind nothing and ignore @jsonName: every member
	// but documents is a key, by its name.
	for _, op := range svc.Operations {
		if op.ID.Name != "Plain" {
			continue
		}
		if keys, ok := echoBodyMembers(op.Output, "rpcv2Json"); !ok || !slices.Equal(keys, []string{"named", "plain", "header", "code"}) {
			t.Errorf("rpcv2Json: %q, %v", keys, ok)
		}
	}
}
