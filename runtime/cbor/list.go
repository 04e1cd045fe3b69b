package cbor

import "unsafe"

// ListBuilder collects the elements of a CBOR array into a slice of exactly
// their number, as jsonwire's does (NextIn and Slice). Use it as
//
//	var b cbor.ListBuilder[types.Item]
//	for d.NextElem() {
//		decodeItem(d, b.NextIn(d))
//	}
//	out.Items = b.Slice()
//
// A definite-length array says how many elements it has, so NextIn sizes
// the slice once, at the first element, and decodes every element in
// place: no second scan and no copy. The count is trusted only as far as
// the input backs it: BeginArray has checked that it is no more than the
// bytes left (every element takes at least one), and NextIn allocates up
// front only when the slice is no larger in bytes than the input left;
// otherwise, and for indefinite-length arrays, elements go into the
// builder's own array of four and then heap chunks of 16 doubling to 256,
// copied once by Slice, so memory grows only with elements actually read.
//
// The zero value is ready to use; a ListBuilder is meant for one list.
type ListBuilder[T any] struct {
	small [smallList]T
	n     int   // elements added
	cur   []T   // the heap chunk being filled; nil while small suffices
	full  [][]T // earlier heap chunks, all full
	exact bool  // cur was sized by NextIn to hold the whole list
	asked bool  // NextIn has looked at the array's length
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
// to be added (after NextElem). At the first element of a definite-length
// array it allocates the slice Slice returns, at the array's length, within
// the bounds given in the type's documentation.
func (b *ListBuilder[T]) NextIn(d *Decoder) *T {
	if !b.asked {
		b.asked = true
		if b.cur == nil && d.rem >= 0 && d.err == nil {
			n := d.rem + 1 // this element and those after it
			var zero T
			if uint64(n)*uint64(unsafe.Sizeof(zero)) <= uint64(len(d.s)-d.pos) {
				b.cur = make([]T, b.n, b.n+n)
				copy(b.cur, b.small[:b.n])
				b.exact = true
			}
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

// Slice returns the elements added, in order, in a slice of their exact
// length (its capacity is larger only if a sized array had nulls that were
// left out). With no elements it returns an empty, non-nil slice: an empty
// array is a list that is present but empty.
func (b *ListBuilder[T]) Slice() []T {
	if b.cur == nil {
		return append([]T{}, b.small[:b.n]...)
	}
	if b.exact && len(b.full) == 0 {
		return b.cur
	}
	out := make([]T, 0, b.n)
	for _, c := range b.full {
		out = append(out, c...)
	}
	return append(out, b.cur...)
}

// StringList reads an array of text strings as a client's decoder reads a
// dense list of them: a null element, which a dense list should not hold,
// is read as "" in its place (so that the elements after it keep their
// positions), and null in place of the array is a nil slice. It is the loop of NextElem, String and
// ListBuilder.NextIn in one call, as jsonwire's StringList is, so that
// generated code pays a call a list rather than three an element.
func (d *Decoder) StringList() []string {
	if !d.BeginArray() {
		return nil
	}
	var b ListBuilder[string]
	for d.NextElem() {
		if d.Null() {
			b.NextIn(d) // a zero element, in the null's place
			continue
		}
		*b.NextIn(d) = d.String()
	}
	return b.Slice()
}
