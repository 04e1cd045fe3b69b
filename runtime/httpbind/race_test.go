//go:build race

package httpbind

// The race detector adds allocations of its own, so allocation counts are
// only checked without it.
func init() { raceEnabled = true }
