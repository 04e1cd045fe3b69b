package jsonwire

import "slices"

// MapBuilder collects the members of a JSON object into a Go map that is
// made at its final size rather than grown. Use it as
//
//	var b jsonwire.MapBuilder[string]
//	for {
//		k, ok := d.NextKeyString()
//		if !ok {
//			break
//		}
//		b.Add(d, k, d.String())
//	}
//	out := b.Map()
//
// A JSON object does not say how many members it has, and a map filled as
// they are read grows by doubling: each growth allocates the table again
// and moves every entry into it, which for a map of ten entries or more
// costs more than decoding them, and leaves the old tables as garbage.
// Counting the members first would read the object twice. Most maps are
// small, and a map of up to smallMap entries never grows (its first table
// holds that many): the builder fills one directly. At the entry after
// that, it moves them to memory the Decoder keeps for entries of V, which
// every map of V in the document reuses, appends the rest there, and Map
// makes the map with room for them all and fills it in member order, so
// that a repeated name keeps its last value, as when the map is filled
// directly. A map that reaches bigMap entries is made then, with room for
// twice as many, and filled directly from there on: the memory kept for
// entries stays small, and a map that large has grown past most of its
// doublings; or, for a map near the top of the document (one that is the
// page of results), with room for as many as the input left to read
// predicts, as ListBuilder sizes a page: a map of thousands of entries
// would otherwise still grow several times, and past a thousand entries
// Go's map grows by splitting its tables, moving every entry again. In a
// document under smallDocument, the map is filled
// directly whatever its size: there are too few maps to pay for the
// memory kept.
//
// A map of V may hold maps of V (only recursive shapes do): the inner
// builder adds its entries after the outer one's and takes them away
// again before the outer adds its next, so the Decoder's memory is a stack
// of the maps being built. Values are added once decoded, never decoded in
// place, because a nested map may move that memory.
//
// The zero value is ready to use; a MapBuilder is meant for one map.
type MapBuilder[V any] struct {
	m     map[string]V // the map while it is small, or once made early (big)
	big   bool         // m was made at bigMap entries
	mem   *mapMem[V]   // the Decoder's memory for entries of V; nil until the map outgrows smallMap
	start int          // the offset of the map's first entry in mem.entries
	n     int          // entries in mem.entries
	first int          // the input offset at the first Add: the end of the first entry
}

const (
	// smallMap is the number of entries a map holds without growing:
	// Go's maps keep up to eight in their first table.
	smallMap = 8
	// bigMap is the number of entries at which a MapBuilder makes its map.
	bigMap = 256
)

// mapEntry is one member of an object being collected by a MapBuilder.
type mapEntry[V any] struct {
	k string
	v V
}

// mapMem is a Decoder's memory for the entries of maps of V: a stack of
// the maps being built, innermost last.
type mapMem[V any] struct {
	entries []mapEntry[V]
}

// Add adds the member k with value v.
func (b *MapBuilder[V]) Add(d *Decoder, k string, v V) {
	switch {
	case b.m != nil && (b.big || len(b.m) < smallMap || len(d.s) < smallDocument):
		b.m[k] = v
		return
	case b.m == nil && b.mem == nil:
		b.m = make(map[string]V, smallMap)
		b.m[k] = v
		b.first = d.pos
		return
	case b.n == bigMap:
		b.m, b.big = b.made(bigMapSize(b.n, b.first, d)), true
		b.m[k] = v
		return
	}
	if b.m != nil {
		b.spill(d)
	}
	m := b.mem
	if end := b.start + b.n; len(m.entries) != end {
		// A nested map of V left entries behind: it stopped at an error
		// without calling Map. They are not wanted.
		m.entries = m.entries[:end]
	}
	m.entries = append(m.entries, mapEntry[V]{k, v})
	b.n++
}

// spill moves the entries of the small map to the Decoder's memory. They
// have distinct names, so their order does not matter: entries added after
// them still come later.
func (b *MapBuilder[V]) spill(d *Decoder) {
	b.mem = mapMemOf[V](d)
	b.start = len(b.mem.entries)
	// Room for twice the small map's entries at once, rather than
	// append's doublings from one.
	b.mem.entries = slices.Grow(b.mem.entries, 2*smallMap)
	for k, v := range b.m {
		b.mem.entries = append(b.mem.entries, mapEntry[V]{k, v})
	}
	b.n = len(b.m)
	b.m = nil
}

// Map returns the entries added as a map. With no entries it returns an
// empty, non-nil map: a JSON {} is a map that is present but empty.
func (b *MapBuilder[V]) Map() map[string]V {
	switch {
	case b.m != nil:
		return b.m
	case b.n == 0:
		return map[string]V{}
	}
	return b.made(b.n)
}

// made makes the map with room for size entries, fills it with the
// entries in the Decoder's memory and takes them off its stack. The
// memory keeps its copies until the next map of V overwrites them: they
// refer to nothing the map does not, and the Decoder is dropped with the
// document.
func (b *MapBuilder[V]) made(size int) map[string]V {
	m := b.mem
	end := b.start + b.n
	es := m.entries[b.start:end:end]
	out := make(map[string]V, size)
	for i := range es {
		out[es[i].k] = es[i].v
	}
	m.entries = m.entries[:b.start]
	return out
}

// bigMapSize is the room a MapBuilder makes its map with at bigMap
// entries, n entries having been added and one more decoded since the
// first ended at offset first: twice n, or for a map at most maxDepth deep
// (a page of results), a guess from the input, as predict makes for a
// list: the entries after the first took d.pos-first bytes, and the map
// has at most the rest of the input left.
func bigMapSize(n, first int, d *Decoder) int {
	seen, rest := d.pos-first, len(d.s)-d.pos
	if d.depth > maxDepth || seen <= 0 || rest < 0 {
		return 2 * n
	}
	guess := n + 1 + atRate(n, seen, rest)
	return max(guess+guess/16, 2*n)
}

// mapMemOf returns d's memory for entries of V, making it on first use.
func mapMemOf[V any](d *Decoder) *mapMem[V] { return poolOf[mapMem[V]](d) }
