//go:build amd64 && !purego

package utf8valid

import "unsafe"

// AVX2 says whether the processor and the operating system support AVX2,
// which validLong uses, as do the decoders' own vector loops: one check,
// made at start-up, for all of them. Where there is no vector code
// (vector_other.go) it is a constant false, so that code testing it
// compiles away.
var AVX2 = haveAVX2()

// validLong is Valid's check of text of at least minVectorText bytes: 32
// bytes at a time with AVX2 where there is AVX2. The last bytes, fewer
// than 32, are checked from a copy padded with zeros (ASCII), which also
// rejects a character cut off by the end.
func validLong(p []byte) bool {
	if !AVX2 {
		return validStates(p)
	}
	n := len(p) &^ 31
	var tail [32]byte
	copy(tail[:], p[n:])
	_, ok := vectorAVX2(p[:n], &tail, false, nil)
	return ok
}

// vectorAVX2 checks p, whose length is a multiple of 32, followed by tail
// as UTF-8: all of it, or with run, the text before the first '"', '\\' or
// byte below 0x20, which tail has, and returns that text's length; with
// run and dst, it stores p's blocks at dst as it reads them
// (vector_amd64.s).
//
//go:noescape
func vectorAVX2(p []byte, tail *[32]byte, run bool, dst *byte) (n int, ok bool)

// haveAVX2 asks the processor (CPUID) and the operating system (XGETBV)
// whether AVX2 can be used.
func haveAVX2() bool

// quotes is what validRunLong pads the last bytes of p with.
var quotes = [32]byte{'"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"',
	'"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"'}

// validRunLong is ValidRun's vector version, where there is AVX2: the last
// bytes of p, fewer than 32, are searched and checked from a copy padded
// with '"', which ends the run there.
func validRunLong(p []byte) (int, bool) {
	if !AVX2 {
		return validRunStates(p)
	}
	n := len(p) &^ 31
	tail := quotes
	copy(tail[:], p[n:])
	return vectorAVX2(p[:n], &tail, true, nil)
}

// CopyRun is ValidRun over the first m bytes of p, m being the most whole
// blocks of 32 bytes that both p and dst hold, that also copies them to
// dst as it reads them: n and ok are what ValidRun returns for p[:m] had a
// '"' followed it, and dst[:n] holds p[:n]. A caller that finds p[n] to
// be '"' (n < len(p)) has read a string's content and copied it in one
// pass, where ValidRun and a copy would read it twice. Only where AVX2 is
// true; elsewhere it returns 0 and false.
func CopyRun(p, dst []byte) (n int, ok bool) {
	m := min(len(p), len(dst)) &^ 31
	if !AVX2 || m == 0 {
		return 0, false
	}
	return vectorAVX2(p[:m], &quotes, true, unsafe.SliceData(dst))
}
