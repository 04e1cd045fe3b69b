//go:build race

package jsonwire

// The race detector adds allocations of its own, so allocation counts are
// only checked without it.
func init() { raceEnabled = true }
