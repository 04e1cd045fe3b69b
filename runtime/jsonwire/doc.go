// Package jsonwire reads and writes the JSON bodies of AWS restJson1
// requests and responses without reflection.
//
// Generated code drives both halves directly from the model's shapes:
//
//   - An [Encoder] appends tokens to a byte slice and inserts commas itself,
//     so the generated serializer only says what comes next (Key, String,
//     BeginObject, ...).
//   - A [Decoder] is a pull parser over one complete JSON document. The
//     generated deserializer asks for exactly the kind of value the model
//     expects at each point (BeginObject/NextKey, BeginArray/NextElem,
//     String, Int32, DateTime, ...) and calls Skip for members it does not
//     know. Errors are sticky: after the first one every read returns a zero
//     value and every loop ends, so generated code needs to check
//     [Decoder.Err] only once, at the end.
//
// A server reads more strictly than a client, which must keep working when
// a service sends more than its model says. The Decoder has no mode for
// this: the generated server's request decoders call [Decoder.RefuseNull]
// (null in a list or map that is not @sparse), [Decoder.RefuseUnion] (a
// union value with no member, several or an unknown one) and
// [Decoder.DateTimeUTC] (a date-time with a numeric offset) where a
// client's decoders call Null, keep the unknown member and call DateTime,
// so the generator alone decides which side is strict.
//
// Decoding is built to allocate little and to read the input once:
// [Decoder.String] copies strings into blocks shared by the document's
// strings, the Box methods and [NewIn] hand out the values of optional
// members from shared blocks instead of allocating each, [ListBuilder]
// decodes list elements in place into shared blocks, and [MapBuilder]
// makes each map once, at its final size, instead of growing it.
//
// Strings are checked to be valid UTF-8 (invalid bytes become U+FFFD, as
// with encoding/json). Long strings, and text in scripts other than Latin,
// make that check and the search for a string's end most of the work, so
// on amd64 both read 32 bytes at a time with AVX2 where the processor has
// it: the check is utf8valid's, shared with cbor, and the search is
// scan_amd64.s (both chosen at start-up, utf8valid.AVX2; the build tag
// purego, or another architecture, keeps the portable code). These are
// the package's only files with a build constraint; copy mode copies them,
// and the assembly, under the same //go:build lines.
//
// The package uses only the standard library, textfmt (number and
// timestamp text, shared with the httpbind package so that bodies and HTTP
// bindings agree) and utf8valid, because its source is copied into every
// generated client.
package jsonwire
