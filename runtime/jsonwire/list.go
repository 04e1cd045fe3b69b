package jsonwire

// ListBuilder collects the elements of a JSON array of unknown length into
// a slice of exactly that length, with less garbage than append. Use it as
//
//	var b jsonwire.ListBuilder[types.Item]
//	for d.NextElem() {
//		decodeItem(d, b.NextIn(d))
//	}
//	out.Items = b.Slice()
//
// Elements are decoded in place: the first four into an array inside the
// ListBuilder, which stays on the caller's stack as long as the pointers
// from Next do not escape, then into chunks of 16 doubling to 256. Slice
// copies them once into a slice of the exact length. The input is read once:
// a list is never scanned ahead to be counted.
//
// With NextIn, the chunks come from the Decoder and go back to it when Slice
// is called, to be reused by the next list of the same element type in the
// same document: the many short lists of a response (a handful of elements
// each) then cost one exact allocation each. A long list near the top of
// the document (a page of results) is sized once from the input instead:
// after 48 elements, the bytes they took and the bytes left predict how many
// follow, and the rest is decoded straight into a slice of that size, which
// Slice returns as it is when the guess was close (see sizeFromInput). With
// Next, each chunk is a new allocation.
//
// The zero value is ready to use; a ListBuilder is meant for one list.
type ListBuilder[T any] struct {
	small [smallList]T
	n     int           // elements in small, or in full and cur once cur is set
	cur   []T           // the chunk being filled; nil while small suffices
	full  [][]T         // earlier chunks, all full
	pool  *chunkPool[T] // where chunks come from and go back to; nil: new ones
	start int           // with NextIn: the offset of the first element
	depth int           // with NextIn: the nesting depth of the list
	sized bool          // cur was sized from the input by sizeFromInput
}

const (
	smallList = 4   // elements kept in the ListBuilder itself
	minChunk  = 16  // the first chunk
	maxChunk  = 256 // chunks stop doubling here: the final copy, not the chunks, holds a long list
	// chunkClasses is the number of chunk sizes: 16, 32, 64, 128 and 256.
	chunkClasses = 5

	sizeAt   = smallList + minChunk + 2*minChunk // elements seen before sizing a list from the input: the first two chunks full
	maxDepth = 3                                 // lists nested deeper are not sized from the input (see sizeFromInput)
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

// NextIn is Next for a list being decoded by d: its chunks are d's, reused
// from earlier lists of the same element type and given back by Slice.
func (b *ListBuilder[T]) NextIn(d *Decoder) *T {
	if b.n == 0 {
		b.start, b.depth = d.pos, d.depth
	}
	if b.cur == nil && b.n < smallList {
		b.n++
		return &b.small[b.n-1]
	}
	if b.pool == nil {
		b.pool = poolOf[T](d)
	}
	if b.n == sizeAt && b.depth <= maxDepth {
		b.sizeFromInput(d)
	}
	return b.Next()
}

// sizeFromInput guesses the list's length from the input: the elements seen
// so far took d.pos-b.start bytes, and the list has at most the rest of the
// input left. It moves the elements into a slice of the guessed length (a
// little over, so that a close guess holds them all) and gives the chunks
// back. Only lists at most maxDepth deep are sized so: a page of results,
// whose elements are most of the input. A list followed by much else (two
// pages, say) is over-estimated; Slice then copies it to its exact length,
// which costs what the chunks would have. A list decoded with Next or
// nested deeper grows in chunks.
func (b *ListBuilder[T]) sizeFromInput(d *Decoder) {
	seen := d.pos - b.start
	if d.err != nil || seen <= 0 {
		return
	}
	rest := len(d.s) - d.pos
	guess := b.n + int(int64(rest)*int64(b.n)/int64(seen))
	guess += guess/16 + 16
	if guess <= 2*b.n {
		return // no better than growing in chunks
	}
	c := make([]T, 0, guess)
	for _, f := range b.full {
		c = append(c, f...)
		b.pool.put(f)
	}
	c = append(c, b.cur...)
	b.pool.put(b.cur)
	b.full, b.cur, b.sized = nil, c, true
}

func (b *ListBuilder[T]) grow() {
	size := minChunk
	if b.cur != nil {
		size = min(2*cap(b.cur), maxChunk)
		b.full = append(b.full, b.cur)
	}
	if b.sized {
		size = maxChunk // the guess was short: the rest grows in chunks
	}
	var c []T
	if b.pool != nil {
		c = b.pool.take(size)
	}
	if c == nil {
		c = make([]T, 0, size)
	}
	if b.cur == nil {
		c = append(c, b.small[:]...)
	}
	b.cur = c
}

// Len returns the number of elements added.
func (b *ListBuilder[T]) Len() int { return b.n }

// Slice returns the elements added, in order, in a new slice of their exact
// length (a list sized from the input may have up to an eighth more
// capacity). With no elements it returns an empty, non-nil slice: a JSON []
// is a list that is present but empty.
func (b *ListBuilder[T]) Slice() []T {
	if b.cur == nil {
		return append([]T{}, b.small[:b.n]...)
	}
	if b.sized && len(b.full) == 0 && cap(b.cur)-len(b.cur) <= len(b.cur)/8 {
		// The guess held the list with little to spare: keep it.
		out := b.cur
		b.cur = nil
		return out
	}
	out := make([]T, 0, b.n)
	for _, c := range b.full {
		out = append(out, c...)
	}
	out = append(out, b.cur...)
	if b.pool != nil {
		for _, c := range b.full {
			b.pool.put(c)
		}
		b.pool.put(b.cur)
	}
	b.full, b.cur = nil, nil
	return out
}

// chunkPool holds a Decoder's spare chunks of one element type, by size.
type chunkPool[T any] struct {
	free [chunkClasses][][]T
}

// poolOf returns d's chunk pool for elements of type T, making it on first
// use. A document has few element types, so a short search is enough.
func poolOf[T any](d *Decoder) *chunkPool[T] {
	for _, p := range d.pools {
		if p, ok := p.(*chunkPool[T]); ok {
			return p
		}
	}
	p := new(chunkPool[T])
	d.pools = append(d.pools, p)
	return p
}

func chunkClass(size int) int {
	c := 0
	for s := minChunk; s < size; s *= 2 {
		c++
	}
	return c
}

// take returns an empty spare chunk of capacity size, or nil.
func (p *chunkPool[T]) take(size int) []T {
	f := &p.free[chunkClass(size)]
	if n := len(*f); n > 0 {
		c := (*f)[n-1]
		*f = (*f)[:n-1]
		return c
	}
	return nil
}

// put keeps c for reuse, zeroed, since Next promises zero elements (and so
// that the pool holds no pointers into the decoded values). Only chunks of
// the sizes grow makes are kept, not a slice sizeFromInput made.
func (p *chunkPool[T]) put(c []T) {
	k := chunkClass(cap(c))
	if k >= chunkClasses || cap(c) != minChunk<<k {
		return
	}
	clear(c)
	p.free[k] = append(p.free[k], c[:0])
}
