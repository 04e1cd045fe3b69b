//go:build !race

package endpointrules

// raceEnabled reports whether the race detector is on. It makes sync.Pool
// drop items at random, so allocation counts mean nothing then.
const raceEnabled = false
