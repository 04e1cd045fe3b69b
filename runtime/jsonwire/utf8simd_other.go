//go:build !amd64 || purego

package jsonwire

// validUTF8Long is validUTF8's check of text of at least minSIMDText
// bytes: the state machine, as for shorter text, where there is no
// vector version (utf8simd_amd64.go).
func validUTF8Long(p []byte) bool { return validUTF8States(p) }

// wideRunLong is wideRun for at least 32 bytes of input from i:
// wideRunWords, where there is no vector version.
func wideRunLong(s []byte, i int) (int, bool) { return wideRunWords(s, i) }

// useAVX2 is false where there is no vector version: scanString's call
// of shortRunAVX2 is compiled away.
const useAVX2 = false

// shortRunAVX2 is never called here (useAVX2 is false); it is declared for
// scanString to compile.
func shortRunAVX2(p, dst *byte) (n int, wide bool) { panic("jsonwire: shortRunAVX2 without AVX2") }
