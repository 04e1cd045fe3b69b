//go:build !amd64 || purego

package utf8valid

// AVX2 is false where there is no vector code: code testing it compiles
// away.
const AVX2 = false

// validLong is Valid's check of text of at least minVectorText bytes: the
// state machine, as for shorter text, where there is no vector version
// (vector_amd64.go).
func validLong(p []byte) bool { return validStates(p) }

// validRunLong is ValidRun's search and check one after the other, where
// there is no vector version (vector_amd64.go).
func validRunLong(p []byte) (int, bool) { return validRunStates(p) }

// CopyRun copies nothing where there is no vector version: callers test
// AVX2 first (see vector_amd64.go).
func CopyRun(p, dst []byte) (n int, ok bool) { return 0, false }
