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
	svc := loadService(t, echoModel)
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

// nestedModel has an echo output with nested structures, lists and maps.
const nestedModel = `$version: "2"
namespace t

use aws.protocols#restJson1

@restJson1
service S { operations: [Nested] }

@http(method: "POST", uri: "/1")
operation Nested { output := {
    @jsonName("I") inner: Inner
    @httpHeader("X-H") header: String
} }

structure Inner {
    @required r: String
    @jsonName("D") dense: DenseMap
    sparse: SparseMap
    docs: DocMap
    list: InnerList
    u: U
    doc: Document
}

map DenseMap { key: String, value: Inner }
@sparse map SparseMap { key: String, value: String }
map DocMap { key: String, value: Document }
list InnerList { member: Inner }
union U { a: String, b: Inner }
`

// TestBodyTable checks the shapes reencode adds nulls by: the nested
// structure's members by @jsonName (documents never null), the dense
// map's null entry (not a sparse map's or a map of documents'), and the
// shapes reached through lists, maps and unions, once each.
func TestBodyTable(t *testing.T) {
	svc := loadService(t, nestedModel)
	bt := newBodyTable("restJson1")
	top, ok := bt.top(svc.Operations[0].Output)
	if !ok {
		t.Fatal("the output is no structure")
	}
	e := bt.entries[top]
	if !slices.Equal(e.nullable, []string{"I"}) || len(e.members) != 1 {
		t.Fatalf("top: %+v", e)
	}
	inner := bt.entries[e.members["I"]]
	if inner.kind != "structure" || !slices.Equal(inner.nullable, []string{"r", "D", "sparse", "docs", "list", "u"}) {
		t.Errorf("inner: %+v", inner)
	}
	dense, sparse, docs := bt.entries[inner.members["D"]], bt.entries[inner.members["sparse"]], bt.entries[inner.members["docs"]]
	if !dense.nullEntry || sparse.nullEntry || docs.nullEntry {
		t.Errorf("null entries: dense %v, sparse %v, documents %v; want only dense", dense.nullEntry, sparse.nullEntry, docs.nullEntry)
	}
	if dense.elem != e.members["I"] || bt.entries[inner.members["list"]].elem != e.members["I"] || bt.entries[inner.members["u"]].members["b"] != e.members["I"] {
		t.Errorf("Inner is not one entry: %+v", bt.entries)
	}
	if u := bt.entries[inner.members["u"]]; u.kind != "union" || !slices.Equal(u.nullable, []string{"a", "b"}) {
		t.Errorf("union: %+v", u)
	}
	if _, ok := inner.members["doc"]; ok || sparse.elem != -1 {
		t.Errorf("simple shapes have entries: %+v", bt.entries)
	}
}

// loadService loads the service of a one-service model.
func loadService(t *testing.T, src string) *shapes.Service {
	t.Helper()
	model, err := shapes.Load(shapes.Source{Name: "model.smithy", Data: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := model.Service("")
	if err != nil {
		t.Fatal(err)
	}
	return svc
}
