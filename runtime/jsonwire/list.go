package jsonwire

import (
	"unicode/utf8"
	"unsafe"
)

// ListBuilder collects the elements of a JSON array of unknown length into
// a slice of exactly that length, with less garbage than append. Use it as
//
//	var b jsonwire.ListBuilder[types.Item]
//	for d.NextElem() {
//		decodeItem(d, b.NextIn(d))
//	}
//	out.Items = b.Slice()
//
// The input is read once: a list is never scanned ahead to be counted.
//
// With NextIn, elements are decoded in place into a block of memory the
// Decoder shares between the lists of one element type, one after the
// other, and Slice returns the list's part of the block as it is: the many
// short lists of a response (a handful of elements each) cost neither an
// allocation nor a copy each, only a share of a block (see listMem). A list
// that outgrows the room left in the block moves, once per doubling, to
// the end of the block or to a new one, as append would; so does a list
// whose end another list of the same type took while an element was being
// decoded (only recursive shapes nest lists of one type). A long list near
// the top of the document (a page of results) is sized once from the
// input instead: after 52 elements, the bytes they took and the bytes left
// predict how many follow, and the rest is decoded straight into a slice
// of that size, which Slice returns as it is when the guess was close (see
// sizeFromInput).
//
// With Next, the first four elements go into an array inside the
// ListBuilder, which stays on the caller's stack as long as the pointers
// from Next do not escape, then into chunks of 16 doubling to 256; Slice
// copies them once into a slice of the exact length.
//
// The zero value is ready to use; a ListBuilder is meant for one list.
type ListBuilder[T any] struct {
	small [smallList]T
	n     int         // elements added
	win   []T         // NextIn, while shared: the elements, in mem's block, with capacity to the block's end
	tag   uint64      // NextIn, while shared: mem.taken just after this list took its last slot
	mem   *listMem[T] // NextIn: the Decoder's memory for lists of T
	cur   []T         // Next, or NextIn once sized: the chunk being filled; nil while small suffices
	full  [][]T       // earlier chunks, all full
	start int         // NextIn: the offset of the first element
	depth int         // NextIn: the nesting depth of the list
	own   bool        // NextIn: the list has left the shared block for cur and full
	sized bool        // cur was sized from the input by sizeFromInput
}

const (
	smallList = 4   // elements kept in the ListBuilder itself by Next
	minChunk  = 16  // the first chunk
	maxChunk  = 256 // chunks stop doubling here: the final copy, not the chunks, holds a long list
	// chunkClasses is the number of chunk sizes: 16, 32, 64, 128 and 256.
	chunkClasses = 5

	sizeAt   = smallList + minChunk + 2*minChunk // elements seen before sizing a list from the input
	maxDepth = 3                                 // lists nested deeper are not sized from the input (see sizeFromInput)

	minBlock      = 16      // elements in a type's first shared block
	maxBlockBytes = 4 << 10 // shared blocks stop doubling at this size (or minBlock elements): the last block's unused end is small
)

// Next adds a zero element and returns a pointer to it, to decode into.
// The pointer is valid until Slice is called.
func (b *ListBuilder[T]) Next() *T {
	if b.mem != nil && !b.own {
		b.leaveBlock()
	}
	if b.cur == nil && b.n < smallList {
		b.n++
		return &b.small[b.n-1]
	}
	return b.nextChunked()
}

func (b *ListBuilder[T]) nextChunked() *T {
	if len(b.cur) == cap(b.cur) {
		b.grow()
	}
	b.n++
	b.cur = b.cur[:len(b.cur)+1]
	return &b.cur[len(b.cur)-1]
}

// NextIn is Next for a list being decoded by d: the element is in memory d
// shares between lists of T (see ListBuilder). The pointer is valid until
// the next call of NextIn or Slice.
func (b *ListBuilder[T]) NextIn(d *Decoder) *T {
	// Fast path: no other list took memory since this one's last element,
	// and the block has room after it.
	if m := b.mem; m != nil && b.tag == m.taken && len(b.win) < cap(b.win) && b.n != sizeAt {
		m.used++
		m.taken++
		b.tag++
		b.n++
		b.win = b.win[:b.n]
		return &b.win[b.n-1]
	}
	return b.nextIn(d)
}

func (b *ListBuilder[T]) nextIn(d *Decoder) *T {
	if b.own {
		return b.nextChunked()
	}
	m := b.mem
	if m == nil && b.n > 0 {
		return b.Next() // a list begun with Next goes on in Next's memory
	}
	if m == nil {
		b.start, b.depth = d.pos, d.depth
		m = memOf[T](d)
		b.mem, b.tag = m, m.taken
		b.win = m.block[m.used:m.used]
	}
	if b.n == sizeAt && b.depth <= maxDepth && b.sizeFromInput(d) {
		return b.nextChunked()
	}
	if b.tag != m.taken || len(b.win) == cap(b.win) {
		b.move()
	}
	m.used++
	m.taken++
	b.tag++
	b.n++
	b.win = b.win[:b.n]
	return &b.win[b.n-1]
}

// move copies the list to the end of the shared block, or to a new block
// when the room left there would not hold it and one more element: a new
// block is at least twice the list, so a growing list moves a number of
// times logarithmic in its length, as with append.
func (b *ListBuilder[T]) move() {
	m := b.mem
	if len(m.block)-m.used < b.n+1 {
		m.newBlock(2 * (b.n + 1))
	}
	w := m.block[m.used:]
	copy(w, b.win)
	clear(b.win) // the old copy holds nothing alive
	m.used += b.n
	m.taken += uint64(b.n)
	b.tag = m.taken
	b.win = w[:b.n]
}

// sizeFromInput guesses the list's length from the input: the elements seen
// so far took d.pos-b.start bytes, and the list has at most the rest of the
// input left. It moves the elements into a slice of the guessed length (a
// little over, so that a close guess holds them all), out of the shared
// block, and reports whether it did. Only lists at most maxDepth deep are
// sized so: a page of results, whose elements are most of the input. A list
// followed by much else (two pages, say) is over-estimated; Slice then
// copies it to its exact length. A list decoded with Next or nested deeper
// stays in the shared blocks.
func (b *ListBuilder[T]) sizeFromInput(d *Decoder) bool {
	seen := d.pos - b.start
	if d.err != nil || seen <= 0 {
		return false
	}
	rest := len(d.s) - d.pos
	guess := b.n + int(int64(rest)*int64(b.n)/int64(seen))
	guess += guess/16 + 16
	if guess <= 2*b.n {
		return false // no better than growing in the shared block
	}
	c := make([]T, 0, guess)
	c = append(c, b.win...)
	m := b.mem
	clear(b.win)
	if b.tag == m.taken {
		// The list is the block's last: give its room back.
		m.used -= b.n
		m.taken -= uint64(b.n)
	}
	b.win, b.cur, b.own, b.sized = nil, c, true, true
	return true
}

// leaveBlock moves a list begun with NextIn out of the shared block into a
// chunk of its own, for Next, which does not use the Decoder's memory.
func (b *ListBuilder[T]) leaveBlock() {
	c := make([]T, len(b.win), max(2*len(b.win), minChunk))
	copy(c, b.win)
	clear(b.win)
	if b.tag == b.mem.taken {
		b.mem.used -= b.n // the list was the block's last: give its room back
		b.mem.taken -= uint64(b.n)
	}
	b.win, b.cur, b.own = nil, c, true
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
	if b.mem != nil {
		c = b.mem.take(size)
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

// Slice returns the elements added, in order, in a slice of their exact
// length (a list sized from the input may have up to an eighth more
// capacity). With no elements it returns an empty, non-nil slice: a JSON []
// is a list that is present but empty.
func (b *ListBuilder[T]) Slice() []T {
	if b.n == 0 {
		return []T{}
	}
	if b.mem != nil && !b.own {
		// Capacity ends with the list, so that appending to it never
		// writes over the next list in the block.
		return b.win[:b.n:b.n]
	}
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
	if b.mem != nil {
		for _, c := range b.full {
			b.mem.put(c)
		}
		b.mem.put(b.cur)
	}
	b.full, b.cur = nil, nil
	return out
}

// listMem is a Decoder's memory for lists of one element type: the shared
// block that short lists are decoded into, one after the other, and the
// spare chunks of lists sized from the input, by size.
type listMem[T any] struct {
	block []T    // len == cap; block[used:] is zero and free
	used  int    // elements of block handed out
	taken uint64 // elements handed out over all blocks: a list that finds it unchanged still ends the block
	free  [chunkClasses][][]T
}

// newBlock starts a new shared block with room for at least n elements.
// Blocks double from minBlock elements to maxBlockBytes (at least minBlock
// elements), so that small documents waste little and large ones allocate
// rarely; the room left in the old block is given up.
func (m *listMem[T]) newBlock(n int) {
	var zero T
	limit := max(minBlock, maxBlockBytes/max(int(unsafe.Sizeof(zero)), 1))
	size := min(max(2*len(m.block), minBlock), limit)
	m.block = make([]T, fitClass[T](max(size, n)))
	m.used = 0
}

// fitClass returns n, or a little less when n values of T would take a
// power of two bytes over 512: the runtime puts an 8-byte header before such
// an object when it holds pointers, which would move it to the next size
// class, about a sixth larger.
func fitClass[T any](n int) int {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if size > 0 && n*size > 512 {
		n = max((n*size-8)/size, 1)
	}
	return n
}

// memOf returns d's memory for lists of T, making it on first use. A
// document has few element types, so a short search is enough.
func memOf[T any](d *Decoder) *listMem[T] {
	for _, p := range d.pools {
		if p, ok := p.(*listMem[T]); ok {
			return p
		}
	}
	p := new(listMem[T])
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
func (m *listMem[T]) take(size int) []T {
	f := &m.free[chunkClass(size)]
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
func (m *listMem[T]) put(c []T) {
	k := chunkClass(cap(c))
	if k >= chunkClasses || cap(c) != minChunk<<k {
		return
	}
	clear(c)
	m.free[k] = append(m.free[k], c[:0])
}

// StringList reads an array of strings as a client's decoder reads a dense
// list of them: null elements are skipped, and null in place of the array
// is a nil slice. It is the loop of NextElem, String and ListBuilder.NextIn
// in one call, so that generated code pays a call a list rather than three
// an element, and strings with nothing to unescape are read inline; the
// slice is in the Decoder's shared blocks, as NextIn's lists are.
func (d *Decoder) StringList() []string {
	if !d.BeginArray() {
		return nil
	}
	var b ListBuilder[string]
	for d.NextElem() {
		s, i := d.s, d.pos
		if i >= len(s) || s[i] != '"' {
			if d.Null() {
				continue
			}
			*b.NextIn(d) = d.String()
			continue
		}
		// NextIn's fast path, written out: generic methods are not inlined.
		var p *string
		if m := b.mem; m != nil && b.tag == m.taken && len(b.win) < cap(b.win) && b.n != sizeAt {
			m.used++
			m.taken++
			b.tag++
			b.n++
			b.win = b.win[:b.n]
			p = &b.win[b.n-1]
		} else {
			p = b.nextIn(d)
		}
		if j, wide := wideRun(s, i+1); j < len(s) && s[j] == '"' && (!wide || utf8.Valid(s[i+1:j])) {
			d.pos = j + 1
			*p = d.keep(s[i+1 : j])
			continue
		}
		*p = d.String()
	}
	return b.Slice()
}
