package cbor

// MapBuilder collects the entries of a CBOR map into a Go map, as
// jsonwire's does (Add and Map), so that one generated decoder serves both
// formats. Use it as
//
//	var b cbor.MapBuilder[string]
//	for {
//		k, ok := d.NextKeyString()
//		if !ok {
//			break
//		}
//		b.Add(d, k, d.String())
//	}
//	out := b.Map()
//
// A definite-length map says how many entries it has, so the first Add
// makes the map with room for this entry and those after it (the count
// the Decoder has left for the map): the map never grows. BeginObject has
// checked that count against the input (every entry takes at least two
// bytes), so the room made up front is no more than what entries the
// input holds would take anyway. An indefinite-length map, which gives no
// count, is filled as it is read.
//
// The zero value is ready to use; a MapBuilder is meant for one map.
type MapBuilder[V any] struct {
	m map[string]V
}

// Add adds the entry k with value v: call it once the value is read, when
// the Decoder's count for the map is that of the entries after this one.
func (b *MapBuilder[V]) Add(d *Decoder, k string, v V) {
	if b.m == nil {
		n := 1
		if d.rem > 0 && d.err == nil {
			n += d.rem
		}
		b.m = make(map[string]V, n)
	}
	b.m[k] = v
}

// Map returns the entries added. With none it returns an empty, non-nil
// map: an empty CBOR map is a map that is present but empty.
func (b *MapBuilder[V]) Map() map[string]V {
	if b.m == nil {
		return map[string]V{}
	}
	return b.m
}
