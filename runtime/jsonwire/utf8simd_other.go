//go:build !amd64 || purego

package jsonwire

// validUTF8Long is validUTF8's check of text of at least minSIMDText
// bytes: the state machine, as for shorter text, where there is no
// vector version (utf8simd_amd64.go).
func validUTF8Long(p []byte) bool { return validUTF8States(p) }

// wideRunLong is wideRun for at least 32 bytes of input from i:
// wideRunWords, where there is no vector version.
func wideRunLong(s []byte, i int) (int, bool) { return wideRunWords(s, i) }

// shortRun is for vector instructions only (utf8simd_amd64.go): here it
// returns false.
func shortRun(s, a []byte, i, u int) (n int, wide, ok bool) { return 0, false, false }
