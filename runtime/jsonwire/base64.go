package jsonwire

import (
	"encoding/binary"
	"unsafe"
)

// Base64's fast path. encoding/base64 decodes a character at a time, with a
// branch for padding and newlines at each, about a dozen instructions a
// character; blobs can be most of a document (DynamoDB's binary attributes),
// where that was a fifth of the decoding time. decodeQuads takes the run of
// whole groups of four alphabet characters that begins the text, which is
// all of it but the last group in the base64 services write, with a table
// lookup and an OR a character; encoding/base64 decodes whatever is left
// (the last group, padding, newlines, an invalid character), so the result
// and every error are its.

// quadBits[k][c] is the six bits base64 character c stands for, shifted to
// their place as character k of a group of four (18, 12, 6 or 0 bits up),
// so that a group's 24 bits are its four lookups ORed; for a byte that is
// not in the standard alphabet (padding too) it is badQuad, whose bits
// above the 24 mark the group.
var quadBits = func() (t [4][256]uint32) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for k := range t {
		for c := range t[k] {
			t[k][c] = badQuad
		}
		for v := range len(alphabet) {
			t[k][alphabet[v]] = uint32(v) << (18 - 6*k)
		}
	}
	return t
}()

const badQuad = 0xff << 24

// quadTable is &quadBits. decodeQuads loads it rather than taking the
// address, which the compiler otherwise works out again for each of the
// four tables at every step of the loop.
var quadTable = &quadBits

// decodeQuads decodes the groups of four alphabet characters that begin
// src into dst, as many as there are before the first byte outside the
// alphabet and as fit in dst, and returns the bytes written and the
// characters read (a multiple of four).
func decodeQuads(dst, src []byte) (n, m int) {
	// The loop reads and writes through unsafe.Add, its conditions keeping
	// both within the slices: slicing at each step cost as much as the
	// lookups.
	ps, pd := unsafe.Pointer(unsafe.SliceData(src)), unsafe.Pointer(unsafe.SliceData(dst))
	t := quadTable // a variable, so that its address stays in a register
	// Two groups at a time, stored as one word: six bytes and two that
	// the next store overwrites, so dst needs two bytes of room past them.
	for m+8 <= len(src) && n+8 <= len(dst) {
		q := (*[8]byte)(unsafe.Add(ps, m))
		a := t[0][q[0]] | t[1][q[1]] | t[2][q[2]] | t[3][q[3]]
		b := t[0][q[4]] | t[1][q[5]] | t[2][q[6]] | t[3][q[7]]
		if (a|b)&badQuad != 0 {
			break
		}
		binary.BigEndian.PutUint64((*[8]byte)(unsafe.Add(pd, n))[:], uint64(a)<<40|uint64(b)<<16)
		n += 6
		m += 8
	}
	for m+4 <= len(src) && n+3 <= len(dst) {
		q := (*[4]byte)(unsafe.Add(ps, m))
		a := t[0][q[0]] | t[1][q[1]] | t[2][q[2]] | t[3][q[3]]
		if a&badQuad != 0 {
			break
		}
		d := (*[3]byte)(unsafe.Add(pd, n))
		d[0], d[1], d[2] = byte(a>>16), byte(a>>8), byte(a)
		n += 3
		m += 4
	}
	return n, m
}

// decodeLast decodes rest, what decodeQuads left of a text whose groups
// are all whole (padded) or whose last is short (unpadded), when it is
// the usual end of base64: nothing, or a last group of two or three
// alphabet characters, padded with '=' to four or not as padded says,
// whose bits past its bytes are zero. It returns the bytes written to dst
// and true, or false for anything else, which encoding/base64 then
// decodes or refuses.
func decodeLast(dst, rest []byte, padded bool) (int, bool) {
	k := len(rest)
	if padded && k == 4 && rest[3] == '=' {
		k = 3
		if rest[2] == '=' {
			k = 2
		}
	} else if padded || k == 4 {
		return 0, k == 0
	}
	t := &quadBits
	switch k {
	case 2:
		a := t[0][rest[0]] | t[1][rest[1]]
		if a&(badQuad|0xffff) != 0 || len(dst) < 1 {
			return 0, false
		}
		dst[0] = byte(a >> 16)
		return 1, true
	case 3:
		a := t[0][rest[0]] | t[1][rest[1]] | t[2][rest[2]]
		if a&(badQuad|0xff) != 0 || len(dst) < 2 {
			return 0, false
		}
		dst[0], dst[1] = byte(a>>16), byte(a>>8)
		return 2, true
	}
	return 0, k == 0
}
