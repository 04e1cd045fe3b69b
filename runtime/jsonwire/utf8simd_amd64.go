//go:build amd64 && !purego

package jsonwire

// useAVX2 says whether the processor and the operating system support
// AVX2, which validUTF8Long, wideRunLong and scanString use.
var useAVX2 = haveAVX2()

// validUTF8Long is validUTF8's check of text of at least minSIMDText
// bytes: 32 bytes at a time with AVX2 where there is AVX2. The last bytes,
// fewer than 32, are checked from a copy padded with zeros (ASCII), which
// also rejects a character cut off by the end.
func validUTF8Long(p []byte) bool {
	if !useAVX2 {
		return validUTF8States(p)
	}
	n := len(p) &^ 31
	var tail [32]byte
	copy(tail[:], p[n:])
	return validUTF8AVX2(p[:n], &tail)
}

// validUTF8AVX2 reports whether p, whose length is a multiple of 32,
// followed by tail is valid UTF-8 (utf8simd_amd64.s).
//
//go:noescape
func validUTF8AVX2(p []byte, tail *[32]byte) bool

// haveAVX2 asks the processor (CPUID) and the operating system (XGETBV)
// whether AVX2 can be used.
func haveAVX2() bool

// wideRunLong is wideRun for at least 32 bytes of input from i: it passes
// over 32 bytes at a time with AVX2 where there is AVX2, and leaves the
// last bytes, fewer than 32, to wideRunWords.
func wideRunLong(s []byte, i int) (int, bool) {
	if !useAVX2 {
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
// a byte from 0x80 on comes before it (utf8simd_amd64.s).
//
//go:noescape
func stopRunAVX2(p []byte) (n int, wide bool)

// shortRunAVX2 reads the 32 bytes at p and stores them at dst: it returns
// the offset of the first '"', '\\' or control character among them (32 if
// none) and whether a byte from 0x80 on comes before it
// (utf8simd_amd64.s). The caller checks that the 32 bytes at each are
// there, and that useAVX2 is true.
//
//go:noescape
func shortRunAVX2(p, dst *byte) (n int, wide bool)
