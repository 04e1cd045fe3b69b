//go:build !amd64 || purego

package jsonwire

// wideRunLong is wideRun for at least 32 bytes of input from i:
// wideRunWords, where there is no vector version.
func wideRunLong(s []byte, i int) (int, bool) { return wideRunWords(s, i) }

// shortRunAVX2 is never called here (utf8valid.AVX2 is a false constant);
// it is declared for scanString to compile.
func shortRunAVX2(p, dst *byte) (n int, wide bool) { panic("jsonwire: shortRunAVX2 without AVX2") }

// unquoteRunAVX2 is never called here (utf8valid.AVX2 is a false
// constant); it is declared for unquoteRun to compile.
func unquoteRunAVX2(s, dst []byte, i, n int) (int, int, bool) {
	panic("jsonwire: unquoteRunAVX2 without AVX2")
}
