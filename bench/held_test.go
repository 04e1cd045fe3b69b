package bench

import (
	"reflect"
	"runtime"
	"strconv"
	"sync"
	"testing"
)

// heldBytes is the memory a decoded value holds: the bytes of every string,
// slice, pointer target and map reachable from it, counted once each. It is
// the least any decoder must allocate to produce that value (strings and
// pointer targets at their exact sizes, as if packed into shared blocks;
// equal strings once, since strings cannot change and may share memory,
// which pointer targets, since they can, may not; slices at their lengths;
// maps as Go makes them at an exact size hint), so that heldBytes over
// aws-sdk-go-v2's allocated bytes says how far under its bytes the Go
// types themselves allow a decoder to go.
func heldBytes(v any) int64 {
	h := held{seen: map[uintptr]bool{}, texts: map[string]bool{}}
	h.value(reflect.ValueOf(v))
	return h.n
}

type held struct {
	n     int64
	seen  map[uintptr]bool // pointer targets counted
	texts map[string]bool  // strings counted
}

func (h *held) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if t := v.String(); !h.texts[t] {
			h.texts[t] = true
			h.n += int64(len(t))
		}
	case reflect.Pointer:
		if v.IsNil() || h.seen[v.Pointer()] {
			return
		}
		h.seen[v.Pointer()] = true
		h.n += int64(v.Type().Elem().Size())
		h.value(v.Elem())
	case reflect.Interface:
		if !v.IsNil() {
			h.value(v.Elem())
		}
	case reflect.Slice:
		if v.IsNil() {
			return
		}
		h.n += int64(v.Len()) * int64(v.Type().Elem().Size())
		for i := range v.Len() {
			h.value(v.Index(i))
		}
	case reflect.Array:
		for i := range v.Len() {
			h.value(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			h.value(v.Field(i))
		}
	case reflect.Map:
		if v.IsNil() {
			return
		}
		h.n += mapBytes(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			h.value(it.Key())
			h.value(it.Value())
		}
	}
}

// mapBytes is what Go allocates for a map of type t made with room for n
// entries and filled with n, measured once for each type and size.
func mapBytes(t reflect.Type, n int) int64 {
	k := mapSize{t, n}
	if b, ok := mapSizes.Load(k); ok {
		return b.(int64)
	}
	keys := make([]reflect.Value, n)
	for i := range keys {
		keys[i] = reflect.New(t.Key()).Elem()
		keys[i].SetString("k" + strconv.Itoa(i))
	}
	zero := reflect.Zero(t.Elem())
	b := int64(-1)
	for range 3 { // the least of three, in case something else allocated meanwhile
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		m := reflect.MakeMapWithSize(t, n)
		for _, key := range keys {
			m.SetMapIndex(key, zero)
		}
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(m.Interface())
		if d := int64(after.TotalAlloc - before.TotalAlloc); b < 0 || d < b {
			b = d
		}
	}
	mapSizes.Store(k, b)
	return b
}

type mapSize struct {
	t reflect.Type
	n int
}

var mapSizes sync.Map // mapSize -> int64

// TestHeldBytes checks heldBytes on values whose memory is known: that it
// counts each kind of memory, counts a shared pointer target once, and
// takes a small map at the size Go gives one (a header and one group of
// eight slots, whatever it holds).
func TestHeldBytes(t *testing.T) {
	s := "abcd"
	type item struct {
		Name *string
		Tags map[string]string
		List []int64
	}
	s2 := "abcd" // the same text as s, elsewhere: counted once
	v := []item{{Name: &s, List: []int64{1, 2, 3}}, {Name: &s}, {Name: &s2}}
	want := int64(3*reflect.TypeFor[item]().Size()) + 2*16 + 4 + 3*8
	if got := heldBytes(v); got != want {
		t.Errorf("heldBytes = %d, want %d", got, want)
	}
	one := mapBytes(reflect.TypeFor[map[string]string](), 1)
	eight := mapBytes(reflect.TypeFor[map[string]string](), 8)
	if one < 8*32 || one != eight {
		t.Errorf("a map[string]string of 1 entry is %d bytes, of 8 %d: want the same, at least one group of eight 32-byte slots", one, eight)
	}
	if big := mapBytes(reflect.TypeFor[map[string]string](), 2000); big < 2000*32 {
		t.Errorf("a map[string]string of 2000 entries is %d bytes, less than its entries", big)
	}
	v[1].Tags = map[string]string{"key": "value", "other": "abcd"}
	if got := heldBytes(v); got != want+one+3+5+5 {
		t.Errorf("with a map, heldBytes = %d, want %d", got, want+one+3+5+5)
	}
}
