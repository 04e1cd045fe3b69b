package jsonwire

// ListBuilder collects the elements of a JSON array of unknown length into
// a slice of exactly that length, with less garbage than append. Use it as
//
//	var b jsonwire.ListBuilder[types.Item]
//	for d.NextElem() {
//		decodeItem(d, b.Next())
//	}
//	out.Items = b.Slice()
//
// Elements are decoded in place: the first four into an array inside the
// ListBuilder, which stays on the caller's stack as long as the pointers
// from Next do not escape, then into heap chunks of 16 doubling to 256.
// Slice copies them once into a slice of the exact length. A list of up to
// four elements thus costs one exact allocation, and a list of 1,000 about
// twice its final size in total, where append allocates more than three
// times it and keeps up to a quarter unused.
//
// The zero value is ready to use; a ListBuilder is meant for one list.
type ListBuilder[T any] struct {
	small [smallList]T
	n     int   // elements in small, or in full and cur once cur is set
	cur   []T   // the heap chunk being filled; nil while small suffices
	full  [][]T // earlier heap chunks, all full
	exact bool  // cur was sized by NextIn to hold the whole list
}

const (
	smallList = 4   // elements kept in the ListBuilder itself
	minChunk  = 16  // the first heap chunk
	maxChunk  = 256 // chunks stop doubling here: the final copy, not the chunks, holds a long list
)

// Next adds a zero element and returns a pointer to it, to decode into.
// The pointer is valid until Slice is called.
func (b *ListBuilder[T]) Next() *T {
	if b.cur == nil && b.n < smallList {
		b.n++
		return &b.small[b.n-1]
	}
	if len(b.cur) == cap(b.cur) {
		b.grow()
	}
	b.n++
	b.cur = b.cur[:len(b.cur)+1]
	return &b.cur[len(b.cur)-1]
}

// NextIn is Next for a list being decoded by d, positioned at the element
// to be added. When the list outgrows the builder's own array, NextIn counts
// the elements left in d's array (without consuming them) and allocates
// the slice Slice returns once, at its exact length: a long list then costs
// its size and one quick scan, instead of twice its size.
func (b *ListBuilder[T]) NextIn(d *Decoder) *T {
	if b.cur == nil && b.n == smallList {
		if rest := d.countRest(); rest > 0 {
			b.cur = make([]T, smallList, smallList+rest)
			copy(b.cur, b.small[:])
			b.exact = true
		}
	}
	return b.Next()
}

func (b *ListBuilder[T]) grow() {
	if b.cur == nil {
		b.cur = make([]T, smallList, minChunk)
		copy(b.cur, b.small[:])
		return
	}
	b.full = append(b.full, b.cur)
	b.cur = make([]T, 0, min(2*cap(b.cur), maxChunk))
}

// Len returns the number of elements added.
func (b *ListBuilder[T]) Len() int { return b.n }

// Slice returns the elements added, in order, in a new slice of their exact
// length. With no elements it returns an empty, non-nil slice: a JSON [] is
// a list that is present but empty.
func (b *ListBuilder[T]) Slice() []T {
	if b.cur == nil {
		return append([]T{}, b.small[:b.n]...)
	}
	if b.exact && len(b.full) == 0 && len(b.cur) == cap(b.cur) {
		return b.cur
	}
	out := make([]T, 0, b.n)
	for _, c := range b.full {
		out = append(out, c...)
	}
	return append(out, b.cur...)
}
