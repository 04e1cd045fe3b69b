package httpbind

// raceEnabled is set by race_test.go when testing with -race.
var raceEnabled bool
