package jsonwire

import "testing"

// TestUncleared checks that uncleared gives at least the bytes asked for,
// as many as make would give room for (the size class), and that all of
// them are the memory's: under -race, whose pointer checks refuse a slice
// past the end of its allocation, unsafe.Slice panics otherwise.
func TestUncleared(t *testing.T) {
	for n := 1; n < 1<<17; n += 1 + n/7 {
		b := uncleared(n)
		room := cap(append([]byte(nil), make([]byte, n)...))
		if len(b) < n || len(b) != cap(b) || len(b) != room {
			t.Fatalf("uncleared(%d): len %d, cap %d; make's room %d", n, len(b), cap(b), room)
		}
		for i := range b {
			b[i] = byte(i)
		}
		if b[len(b)-1] != byte(len(b)-1) || b[0] != 0 {
			t.Fatalf("uncleared(%d): bytes not kept", n)
		}
	}
}
