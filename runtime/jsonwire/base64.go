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
// lookup and an OR a character (and, past vectorHead characters, 32 at a
// time with AVX2: decodeLong); decodeLast takes the usual last group, and
// encoding/base64 whatever else is left (padding where it may not be,
// newlines, an invalid character), so the result and every error are its.

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
// characters read (a multiple of four); or it stops after vectorHead
// characters, for decodeGroups to go on with vectorBlocks.
func decodeQuads(dst, src []byte) (n, m int) {
	// The loops read and write through unsafe.Add, their conditions
	// keeping both within the slices: slicing at each step cost as much
	// as the lookups.
	ps, pd := unsafe.Pointer(unsafe.SliceData(src)), unsafe.Pointer(unsafe.SliceData(dst))
	t := quadTable // a variable, so that its address stays in a register
	// Two groups at a time, stored as one word: six bytes and two that
	// the next store overwrites, so dst needs two bytes of room past them.
	end := min(len(src), vectorHead)
	for m+8 <= end && n+8 <= len(dst) {
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
	if m == vectorHead && m < len(src) {
		return n, m // decodeGroups goes on from here
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

// decodeGroups is decodeQuads for a text of any length: past the first
// vectorHead characters, decodeLong goes on. Only texts that long pay for
// its call: decodeQuads stops there, making no call itself, which would
// cost it a stack frame and the spilling of its arguments.
func decodeGroups(dst, src []byte) (n, m int) {
	n, m = decodeQuads(dst, src)
	if m < vectorHead {
		return n, m
	}
	return decodeLong(dst, src, n, m)
}

// decodeLong is decodeGroups past vectorHead characters, n bytes written
// and m read: vectorBlocks takes what it can, then decodeQuads, as long as
// it stops at its head.
func decodeLong(dst, src []byte, n, m int) (int, int) {
	for {
		b, c := vectorBlocks(dst[n:], src[m:])
		n, m = n+b, m+c
		b, c = decodeQuads(dst[n:], src[m:])
		n, m = n+b, m+c
		if c < vectorHead {
			return n, m
		}
	}
}

// decodeLast decodes the k characters at s[at:], what decodeQuads left of
// a text whose groups are all whole (padded) or whose last is short
// (unpadded), into dst from n on, when they are the usual end of base64:
// nothing, or a last group of two or three alphabet characters, padded
// with '=' to four or not as padded says, whose bits past its bytes are
// zero. It returns n past the bytes written and true, or false for
// anything else, which encoding/base64 then decodes or refuses. It takes
// offsets rather than the slices they make: building those cost as much
// as the rest on a short blob.
func decodeLast(dst []byte, n int, s []byte, at, k int, padded bool) (int, bool) {
	switch {
	case k == 0:
		return n, true
	case padded:
		if k != 4 || s[at+3] != '=' {
			return n, false
		}
		k = 3
		if s[at+2] == '=' {
			k = 2
		}
	case k != 2 && k != 3:
		return n, false
	}
	t := quadTable
	a := t[0][s[at]] | t[1][s[at+1]]
	spare := uint32(0xffff) // the bits past one byte
	if k == 3 {
		a |= t[2][s[at+2]]
		spare = 0xff // past two
	}
	if a&(badQuad|spare) != 0 || len(dst)-n < k-1 {
		return n, false
	}
	dst[n] = byte(a >> 16)
	if k == 3 {
		dst[n+1] = byte(a >> 8)
	}
	return n + k - 1, true
}

// vectorHead is how many characters decodeQuads decodes a group at a time
// before it stops for vectorBlocks: a text no longer than that (most blobs
// in a document are) does not pay for the call and its constants, which
// cost about as much as the blocks save on a text under about a hundred
// characters.
const vectorHead = 128
