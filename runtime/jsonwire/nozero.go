package jsonwire

import (
	"strings"
	"unsafe"
)

// uncleared returns new memory of at least n bytes, not cleared, as a
// slice of all of it (the size class the runtime rounds n up to). make
// clears what it allocates, and for the blocks strings are copied into
// that was as much work as the copying: a twentieth of decoding a page of
// long strings, every byte written twice. The bytes of a block are
// written before anything reads them (a string handed out covers only
// bytes stored), so the clearing bought nothing. strings.Builder's Grow
// allocates without clearing, for the same reason; its memory is taken
// here by way of the string it would make, after one byte written, so
// that the string has the memory's address. Nothing else refers to it:
// the Builder is dropped.
func uncleared(n int) []byte {
	var b strings.Builder
	b.Grow(n)
	size := b.Cap()
	b.WriteByte(0)
	return unsafe.Slice(unsafe.StringData(b.String()), size)
}
