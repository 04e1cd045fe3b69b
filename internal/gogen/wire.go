package gogen

// wireFormat describes the runtime package that a protocol's document
// codec writes and reads: jsonwire for the JSON protocols, cbor for
// rpcv2Cbor. The two have the same Encoder and Decoder calls with the same
// meaning (runtime/cbor/doc.go lists where they differ, and why); this
// table holds those differences, so that one codec emitter serves both.
type wireFormat struct {
	// name is the format's name in generated docs ("JSON").
	name string
	// pkg is the package under templates/, copied to the client's
	// internal/ directory.
	pkg string
	// blob is the Encoder and Decoder method for a blob: base64 text in
	// JSON, a byte string in CBOR.
	blob string
	// enumTables: the Decoder has Enum and NextKeyEnum, which read an
	// enum's value, or a map key of an enum shape, against a table of its
	// values (a jsonwire.Enum) and return the model's string for a known
	// one rather than a copy. CBOR's strings are views of the input
	// already, and read with String and NextKeyString.
	enumTables bool
	// quotedKeys: the Encoder has QuotedKey, which takes a member name
	// already in its wire form, so that it is not escaped on every call.
	quotedKeys bool
	// memberTables: the Decoder has Member, which finds a structure's
	// members in a table of their names and skips unknown and null ones
	// (see decodeMembersLoop). Both formats have it now; the flag stays
	// for a format that does not.
	memberTables bool
	// documents: the format carries document values (rpcv2Cbor has none).
	documents bool
	// lengths: the Encoder has BeginArrayLen and BeginObjectLen, which
	// write a list's or map's length up front instead of moving the content
	// once it is counted.
	lengths bool
	// binary: bodies are bytes, which protocol tests give in base64.
	binary bool
	// newIn: the runtime has NewIn, which hands out the structures that
	// optional members point to from blocks shared within a document.
	newIn bool
	// emptyObject is an empty structure's document.
	emptyObject string
	// testHelper is the template, if any, that protocol tests need to
	// compare bodies of the format.
	testHelper string
}

var (
	jsonWire = wireFormat{name: "JSON", pkg: "jsonwire", blob: "Base64", enumTables: true, quotedKeys: true, memberTables: true, documents: true, newIn: true, emptyObject: "{}"}
	cborWire = wireFormat{name: "CBOR", pkg: "cbor", blob: "Blob", memberTables: true, lengths: true, binary: true, emptyObject: "\xa0", testHelper: "client/cbor_test.go"}
)

// wire is the format of the protocol's document bodies.
func (c *codec) wire() wireFormat { return wireOf(c.p.proto) }

// wireOf is the format of proto's document bodies.
func wireOf(proto protocol) wireFormat {
	if w := proto.json().wire; w != nil {
		return *w
	}
	return jsonWire
}
