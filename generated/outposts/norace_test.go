//go:build !race

package outposts_test

// raceEnabled reports whether the race detector is on.
const raceEnabled = false
