//go:build amd64 && !purego

package jsonwire

import "github.com/smithygo/smithygo/runtime/utf8valid"

// vectorBlocks decodes, with AVX2, blocks of 32 characters of src into
// 24 bytes of dst each, until one holds a byte outside the alphabet or
// src or dst runs short, and returns the bytes written and the characters
// read. Each block's store writes 32 bytes, so dst must have eight bytes
// of room past the last block's 24.
func vectorBlocks(dst, src []byte) (n, m int) {
	if blocks := min(len(src)/32, (len(dst)-8)/24); utf8valid.AVX2 && blocks > 0 {
		done := decodeBlocksAVX2(&dst[0], &src[0], blocks)
		return 24 * done, 32 * done
	}
	return 0, 0
}

// decodeBlocksAVX2 decodes up to blocks blocks of 32 base64 characters at
// src into 24 bytes each at dst (storing 32), stopping before a block
// that holds a byte outside the alphabet, and returns the blocks decoded
// (base64_amd64.s). The caller checks that src has blocks*32 bytes and
// dst blocks*24+8.
//
//go:noescape
func decodeBlocksAVX2(dst, src *byte, blocks int) int
