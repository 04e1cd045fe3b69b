// Package cbor reads and writes the CBOR (RFC 8949) bodies of Smithy
// rpcv2Cbor requests and responses without reflection.
//
// It is jsonwire's twin: the same [Decoder] and [Encoder] calls with the
// same meaning, so that one codec emitter can write both protocols' code
// (issue 13, "one codec design, not four"). Generated code drives both
// halves directly from the model's shapes:
//
//   - An [Encoder] appends data items to a byte slice. Generated code states
//     only the structure (BeginObject, Key, a value, ..., EndObject); the
//     Encoder counts the entries and writes every array and map with a
//     definite length in the shortest head.
//   - A [Decoder] is a pull parser over one complete data item. Generated
//     code asks for exactly the kind of value the model expects at each
//     point (BeginObject/NextKeyString, BeginArray/NextElem, String, Int32,
//     EpochSeconds, ...) and calls Skip for members it does not know, of
//     any nesting. Errors are sticky: after the first one every read
//     returns a zero value and every loop ends, so generated code checks
//     [Decoder.Err] once, at the end.
//
// # Wire forms
//
// The Encoder writes, and the Decoder reads, each Smithy type as rpcv2Cbor
// says:
//
//	boolean                   false, true (major type 7)
//	byte, short, integer, long  major type 0 or 1, shortest head
//	float, double             single- and double-precision floats (NaN, ±Infinity included)
//	bigInteger                major 0 or 1 when it fits 64 bits, else tag 2 or 3 (bignum)
//	bigDecimal                tag 4, [exponent, mantissa] (mantissa a bignum beyond 64 bits)
//	string, enum              text string
//	blob                      byte string
//	timestamp                 tag 1 around a double of epoch seconds (any timestampFormat)
//	list, set                 array
//	map, structure, union     map with text-string keys
//	null (sparse, absent)     null
//
// The Decoder accepts more than the Encoder writes, as the protocol asks:
// definite and indefinite lengths for strings, arrays and maps; any head
// size; half-precision floats; integers where floats are expected and
// integral floats or fitting bignums where integers are; undefined as
// null; untagged numbers as timestamps; and tags it does not know, which
// it reads past. An empty input reads as null, as in jsonwire.
//
// # Where the API differs from jsonwire, and why
//
// Everything not listed here has jsonwire's name, signature and meaning:
// NewDecoder, NewDecoderString, Err, Fail, Offset, Kind, Null,
// BeginObject, BeginArray, NextKey, NextKeyString, NextElem, String, Bool,
// Int8 to Int64, Float32, Float64, BigInt, BigFloat, EpochSeconds, Skip,
// Raw, End, the servers' RefuseNull and RefuseUnion, the Box methods,
// [ListBuilder] (Next, NextIn, Len, Slice) and
// [MapBuilder] (Add, Map) on the decoding side; NewEncoder, Bytes,
// BeginObject, EndObject, BeginArray, EndArray, Key, String, Bool, Int,
// Uint, Float, Null, Raw, BigInt, BigFloat and EpochSeconds on the
// encoding side; SyntaxError and TypeError (Offset, Msg) for errors,
// which read "cbor: offset N: ...".
// So a codec emitter needs, per protocol, an import path and this short
// table:
//
//   - Blobs: [Decoder.Blob] and [Encoder.Blob] read and write byte strings
//     where jsonwire's Base64 methods read and write base64 text. Naming
//     them Base64 here would be a lie; the emitter picks the name by
//     protocol (or jsonwire could gain Blob as an alias of Base64).
//   - Timestamps: only EpochSeconds. rpcv2Cbor sends every timestamp as tag
//     1 whatever its timestampFormat trait says, so the emitter passes
//     "epoch-seconds" for every member instead of the trait's format, and
//     there is no DateTime or HTTPDate here.
//   - Keys: the Encoder has Key but not QuotedKey. QuotedKey saves
//     jsonwire from escaping a known name on every call; a CBOR key is its
//     length and its bytes, with nothing to escape or to save.
//   - Lengths: [Encoder.BeginArrayLen] and [Encoder.BeginObjectLen] are
//     optional. They write the head for a length known up front (len(v) of
//     a list or map), which saves moving the content when a container of
//     24 entries or more was begun without it. The plain Begin calls work
//     for every container, so the JSON shape of the emitter serves
//     unchanged; any count is still written right.
//   - Kinds: [Kind] has jsonwire's seven kinds, with the same names, and
//     Bytes and Simple besides. Null covers undefined as well.
//   - Floats: NaN and the infinities are floats on the wire, not the
//     strings "NaN" and "Infinity" of the JSON protocols; nothing changes
//     for generated code.
//   - Documents: rpcv2Cbor has none (its trait definition warns against
//     them). Raw and Encoder.Raw remain, for unknown union members, and
//     carry the member's CBOR bytes as they came.
//   - Reading the body: there is no ReadAll. jsonwire.ReadAll reads any
//     body into a string without a copy and has nothing to do with JSON;
//     NewDecoderString takes its result as it is.
//
// # How the Decoder is fast
//
// The design is the fast JSON decoder's (issue 15): one pass over the
// input, no second scan, tight loops, and names matched without building
// strings. [NewDecoder] copies the input into one string up front (or
// [NewDecoderString] takes a string as it is); definite-length text strings
// and map keys, the common case, are substrings of it, checked for UTF-8
// (ASCII first, without a branch per byte) and never copied, so generated
// code switches on the key directly. Moving to the next element or entry
// of a definite-length container only counts down its length. The Box
// methods hand out pointers carved from shared blocks instead of allocating
// one value per optional member. And where jsonwire's ListBuilder has to
// count a long list's elements before sizing it, a definite-length array
// says how many it has: NextIn sizes the slice once, at the first element,
// and elements are decoded in place.
//
// # Bounds on hostile input
//
// The Decoder never panics, whatever the bytes (the fuzz tests check it
// against a plain reference of RFC 8949 Appendix C's well-formedness
// check). Lengths from the wire are checked against the input left before
// anything is sized by them: a string longer than the input is truncated
// input; an array of n elements needs n bytes left, a map of n pairs 2n.
// ListBuilder.NextIn sizes a slice by the count only when the slice is no
// larger in bytes than the input left, and otherwise grows with the
// elements actually read, so memory is bounded by the input whatever a
// head claims. Arrays and maps nest at most [MaxDepth] deep, in Skip too,
// which needs no recursion. Decimal fractions are bounded (exponents within
// ±10,000, mantissas of 100,000 digits), so that no short input makes
// reading a number, or writing it back, take seconds.
//
// # Speed
//
// BenchmarkCatalog1000 decodes a 1,000-item ListCatalogItems-like output
// (strings, a float, an integer, lists of integers and strings, nested
// structures) from CBOR with this package and the same data from JSON with
// jsonwire, with the same generated-style code into the same structs
// (go test -run '^$' -bench Catalog1000 -benchmem -count 12, on a shared
// 2-CPU machine; ns/op is the median of the twelve runs, the fastest in
// brackets):
//
//	          input bytes  ns/op              B/op     allocs/op
//	cbor          216,037  574,894 (542,113)  351,842  3,036
//	jsonwire      273,542  995,182 (932,693)  351,688  3,037
//	cbor/json        0.79     0.58    (0.58)     1.00   1.00
//
// The allocations are the decoded values themselves, the same for both;
// the time saved is in parsing, where CBOR's lengths spare the scanning
// for quotes, commas and whitespace that JSON needs.
//
// Text strings are checked to be valid UTF-8 with utf8valid, jsonwire's
// check too (32 bytes at a time with AVX2 where the processor has it), so
// that text in other scripts costs little more than ASCII.
//
// The package uses only the standard library and utf8valid (which copy
// mode copies into this package), because its source is copied into every
// generated client that speaks rpcv2Cbor.
package cbor
