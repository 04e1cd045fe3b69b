//go:build amd64 && !purego

package jsonwire

import "github.com/smithygo/smithygo/runtime/utf8valid"

// wideRunLong is wideRun for at least 32 bytes of input from i: it passes
// over 32 bytes at a time with AVX2 where there is AVX2, and leaves the
// last bytes, fewer than 32, to wideRunWords.
func wideRunLong(s []byte, i int) (int, bool) {
	if !utf8valid.AVX2 {
		return wideRunWords(s, i)
	}
	end := i + (len(s)-i)&^31
	n, wide := stopRunAVX2(s[i:end])
	if i+n < end {
		return i + n, wide
	}
	j, w := wideRunWords(s, end)
	return j, wide || w
}

// stopRunAVX2 returns the offset of the first '"', '\\' or control
// character of p, whose length is a multiple of 32, or len(p), and whether
// a byte from 0x80 on comes before it (scan_amd64.s).
//
//go:noescape
func stopRunAVX2(p []byte) (n int, wide bool)

// shortRunAVX2 reads the 32 bytes at p and stores them at dst: it returns
// the offset of the first '"', '\\' or control character among them (32 if
// none) and whether a byte from 0x80 on comes before it
// (scan_amd64.s). The caller checks that the 32 bytes at each are
// there, and that utf8valid.AVX2 is true.
//
//go:noescape
func shortRunAVX2(p, dst *byte) (n int, wide bool)

// unquoteRunAVX2 is unquoteRun's loop 32 bytes at a time: it copies s from
// i to dst from n, unescaping the one-byte escapes, the \u escapes and
// surrogate pairs of them, while 32 bytes of s and of dst are left, and
// returns the offsets it got to, at the first byte it leaves to unquoteRun
// (a '"', a control character, a lone surrogate's escape or an invalid
// one) or near the end, and whether a byte from 0x80 on was copied as it
// is (scan_amd64.s). i and n must not be negative, and utf8valid.AVX2 must
// be true.
//
//go:noescape
func unquoteRunAVX2(s, dst []byte, i, n int) (int, int, bool)
