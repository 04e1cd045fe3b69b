package jsonwire

import "unsafe"

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
// Elements are decoded in place into a block of memory the Decoder shares
// between the lists of one element type, one after the other, and Slice
// returns the list's part of the block as it is: the many short lists of a
// response (a handful of elements each) cost neither an allocation nor a
// copy each, only a share of a block (see listMem). A list that outgrows
// the room left in the block moves, once per doubling, to the end of the
// block or to a new one, as append would; so does a list whose end another
// list of the same type took while an element was being decoded (only
// recursive shapes nest lists of one type). A long list near the top of
// the document (a page of results) is sized once from the input instead:
// after 52 elements, the bytes they took and the bytes left predict how
// many follow, and the rest is decoded straight into a slice of that size,
// which Slice returns as it is when the guess was close (see sizeGuess).
//
// Every instantiation is compiled into the generated package once for each
// element type, so only NextIn's fast path, the calls into the code that
// works on the list's listState, and elems[T].do (allocating, copying and
// clearing elements) are generic; the rest is compiled once. When all of
// it was generic, it was three tenths of a generated client's machine code.
//
// The zero value is ready to use; a ListBuilder is meant for one list.
type ListBuilder[T any] struct {
	// win is the list: in the shared block, with capacity to the block's
	// end, or once own, a slice of its own. Its length is n.
	win []T
	mem *listMem // the Decoder's memory for lists of T; nil before the first element
	listPos
}

// listState is a ListBuilder seen without its element type: the same
// fields, with win's slice header as a rawSlice. It is what the code that
// does not need T works on (see ListBuilder.state).
type listState struct {
	win rawSlice
	mem *listMem
	listPos
}

// rawSlice is the header of a []T, for code that does not know T.
type rawSlice struct {
	ptr      unsafe.Pointer
	len, cap int
}

// at returns a pointer to element i of r, of elements of size bytes.
func (r rawSlice) at(i int, size uintptr) unsafe.Pointer {
	return unsafe.Add(r.ptr, uintptr(i)*size)
}

// from returns r[i:i], with the capacity to r's end. As in Go's slicing,
// with no capacity left the pointer stays r's: one past r's end could
// point into the next object in memory.
func (r rawSlice) from(i int, size uintptr) rawSlice {
	if i == r.cap {
		return rawSlice{r.ptr, 0, 0}
	}
	return rawSlice{r.at(i, size), 0, r.cap - i}
}

// listPos is the part of a ListBuilder that does not depend on T. The
// functions on it are not methods: a method of an embedded field would be
// promoted, and compiled again as a wrapper, for every element type.
type listPos struct {
	n     int    // elements added
	tag   uint64 // while shared: mem.taken just after this list took its last slot
	start int    // the offset of element base: the first, then the one at the last guess
	base  int    // the elements before start
	depth int    // the nesting depth of the list
	asked int    // the room asked for the list's own slice, once it left the shared block (0 before)
}

const (
	sizeAt   = 52 // elements seen before sizing a list from the input
	maxDepth = 3  // lists nested deeper are not sized from the input (see sizeGuess)

	smallElem     = 32      // input bytes an element takes below which predict leaves more room (see predict)
	minBlock      = 16      // elements in a type's first shared block
	maxBlockBytes = 4 << 10 // shared blocks stop doubling at this size (or minBlock elements): the last block's unused end is small
)

// NextIn adds a zero element and returns a pointer to it, to decode into:
// the element is in memory d shares between lists of T (see ListBuilder).
// The pointer is valid until the next call of NextIn or Slice.
func (b *ListBuilder[T]) NextIn(d *Decoder) *T {
	// Fast paths: a list sized from the input (a page) with room left, or
	// one in a shared block that no other list took memory from since its
	// last element, with room after it. A page's elements were each a
	// call of nextIn, whose own first test is the first of these: on a page
	// of enum values that call and its return were a tenth of the time.
	if len(b.win) < cap(b.win) {
		if b.asked > 0 {
			b.n++
			b.win = b.win[:b.n]
			return &b.win[b.n-1]
		}
		if m := b.mem; m != nil && b.tag == m.taken && b.n != sizeAt {
			m.used++
			m.taken++
			b.tag++
			b.n++
			b.win = b.win[:b.n]
			return &b.win[b.n-1]
		}
	}
	return b.nextIn(d)
}

// nextIn is NextIn's slow path (and StringList's), for an element that
// neither of their fast paths hands out.
func (b *ListBuilder[T]) nextIn(d *Decoder) *T {
	first := b.mem == nil
	if first {
		b.mem = memOf[T](d)
	}
	return (*T)(nextSlot(b.state(), d, first))
}

// state returns b as its listState: the two types have the same layout
// (a slice header is a rawSlice).
func (b *ListBuilder[T]) state() *listState {
	return (*listState)(unsafe.Pointer(b))
}

// nextSlot is NextIn's slow path, for a list of any element type: it adds
// a zero element to the list s and returns a pointer to it, moving the
// list first where it has no room after its end. first is true for the
// list's first element.
func nextSlot(s *listState, d *Decoder, first bool) unsafe.Pointer {
	m := s.mem
	switch {
	case s.asked > 0:
		if s.win.len == s.win.cap {
			regrowList(s, d)
		}
		return s.push(m.size)
	case first:
		beginList(&s.listPos, d, &m.blockUse)
		s.win = m.block.from(m.used, m.size)
	case s.n == sizeAt:
		if guess := sizeGuess(&s.listPos, d); guess > 0 {
			own := m.alloc(s.n, guess, false)
			m.move(own.ptr, s.win.ptr, s.n, true) // the old copy holds nothing alive
			leaveBlock(&s.listPos, &m.blockUse)
			d.noteSized(m)
			s.win, s.asked = own, guess
			return nextSlot(s, d, false)
		}
	}
	if s.tag != m.taken || s.win.len == s.win.cap {
		moveList(s, moveRoom(&s.listPos, d))
	}
	m.used++
	m.taken++
	s.tag++
	return s.push(m.size)
}

// push adds the element after the list's end, which has room for it, and
// returns a pointer to it.
func (s *listState) push(size uintptr) unsafe.Pointer {
	s.n++
	s.win.len = s.n
	return s.win.at(s.n-1, size)
}

// regrowList gives a list sized from the input, which its guess did not
// hold, a new slice sized by a new guess (see regrowLen).
func regrowList(s *listState, d *Decoder) {
	s.asked = regrowLen(&s.listPos, d)
	w := s.mem.alloc(s.n, s.asked, false)
	s.mem.move(w.ptr, s.win.ptr, s.n, false)
	s.win = w
}

// moveList copies the list to the end of the shared block, or to a new
// block when the room left there would not hold it and one more element:
// a new block has room for at least room elements (moveRoom), so a growing
// list moves a number of times logarithmic in its length, as with append.
func moveList(s *listState, room int) {
	m := s.mem
	if m.block.len-m.used < s.n+1 {
		// The type's first block may be one another Decoder ended with
		// (see spareTypes).
		if n := blockLen(m.block.len, room, int(m.size)); m.block.len > 0 || !m.takeSpare(n) {
			m.block = m.alloc(n, n, true)
		}
		m.used = 0
	}
	w := m.block.from(m.used, m.size)
	m.move(w.ptr, s.win.ptr, s.n, true) // the old copy holds nothing alive
	m.used += s.n
	m.taken += uint64(s.n)
	s.tag = m.taken
	w.len = s.n
	s.win = w
}

// Slice returns the elements added, in order, in a slice of their exact
// length (a list sized from the input may have room past its end: up to
// a quarter of its length more than was asked for it, and what the runtime
// rounded that up to). With no elements it returns an empty, non-nil
// slice: a JSON [] is a list that is present but empty.
func (b *ListBuilder[T]) Slice() []T {
	r := listSlice(b.state())
	return *(*[]T)(unsafe.Pointer(&r))
}

// listSlice is Slice for a list of any element type.
func listSlice(s *listState) rawSlice {
	switch {
	case s.n == 0:
		return rawSlice{unsafe.Pointer(&zeroSized), 0, 0}
	case s.asked == 0:
		// Capacity ends with the list, so that appending to it never
		// writes over the next list in the block.
		return rawSlice{s.win.ptr, s.n, s.n}
	case s.asked-s.n <= s.n/4:
		// The guess held the list with little to spare: keep it. A copy
		// would allocate the list again to give back what append, too,
		// leaves unused (up to as much again as the list).
		return s.win
	}
	out := s.mem.alloc(s.n, s.n, true)
	s.mem.move(out.ptr, s.win.ptr, s.n, false)
	return out
}

// zeroSized is where an empty slice that is not nil points.
var zeroSized struct{}

// moveRoom is the room a list moving to a new block asks for: twice its
// length, as append grows; or, for a list that will be sized from the
// input at sizeAt elements (a page of results, see sizeGuess) and that the
// input says will get there, room for sizeAt and one more (blockLen's
// fitClass may take one away), so that it moves once on its way there
// rather than at every doubling: blocks stop doubling at maxBlockBytes,
// and a page of 88-byte elements otherwise moved through blocks of 16, 32,
// 46 and 94 of them, 16 KB left as garbage for each page. Like sizeGuess,
// it takes what follows the list for more of it, and asks too much for a
// list followed by much else; the block is shared, and the rest of it
// holds the next lists of the type.
func moveRoom(p *listPos, d *Decoder) int {
	room := 2 * (p.n + 1)
	if room <= sizeAt && p.depth <= maxDepth && listLen(p, d) >= sizeAt {
		return sizeAt + 1
	}
	return room
}

// beginList notes where a list starts, at its first element.
func beginList(p *listPos, d *Decoder, u *blockUse) {
	p.start, p.depth, p.tag = d.pos, d.depth, u.taken
}

// sizeGuess guesses the list's length from the input, at its sizeAt'th
// element (see predict), or returns 0 when the list is to stay in the
// shared block: one nested deeper than maxDepth (only a page of results,
// whose elements are most of the input, is worth a slice of its own), or
// one whose guess is no better than growing in the block. A list followed
// by much else (two pages, say) is over-estimated; Slice then copies it to
// its exact length.
func sizeGuess(p *listPos, d *Decoder) int {
	if p.depth > maxDepth || d.err != nil {
		return 0
	}
	guess := predict(p, d)
	if guess <= 2*p.n {
		return 0
	}
	return guess
}

// regrowLen is the capacity for a list sized from the input that its
// guess did not hold: a new guess, from the elements since the last (a
// page's first elements may not be like the rest: the newer ones say more
// about those to come), and at least an eighth more, so that however
// often a list regrows, the copies add up to at most eight times its
// length. Growing by doubling instead (append) would leave a list that was
// guessed a little short with up to twice the room it needs.
func regrowLen(p *listPos, d *Decoder) int {
	return max(predict(p, d), p.n+p.n/8+1)
}

// predict returns a capacity for the list a little over its guessed
// length: the elements since start took d.pos-p.start bytes, and the list
// has at most the rest of the input left. It moves start to here, for the
// next guess. The room to spare is a sixteenth, or an eighth for elements
// of under smallElem bytes of input (short strings, enum values, numbers),
// whose sizes vary the most for their length: a word of 1 to 23 characters
// takes 4 to 26 bytes, the mean of sizeAt of them is off by 6% (one
// standard deviation), and over pages of 8,000 such words at random, a
// sixteenth to spare falls short for one in six, an eighth for one in
// fifty. A guess that falls short moves the list when it is nearly whole,
// allocating it twice: for 7,944 strings, the list's 127 KB again, a third
// of what the page allocated.
func predict(p *listPos, d *Decoder) int {
	seen, k := d.pos-p.start, p.n-p.base
	guess := listLen(p, d)
	p.start, p.base = d.pos, p.n
	if guess <= 0 {
		return 0
	}
	if seen < smallElem*k {
		return guess + guess/8 + 16
	}
	return guess + guess/16 + 16
}

// listLen guesses the list's length from the input: the elements since
// start took d.pos-p.start bytes, and the list has at most the rest of the
// input left. It returns 0 when there is nothing to go by.
func listLen(p *listPos, d *Decoder) int {
	seen, k := d.pos-p.start, p.n-p.base
	rest := len(d.s) - d.pos
	if seen <= 0 || k <= 0 || rest < 0 {
		return 0
	}
	return p.n + atRate(k, seen, rest)
}

// atRate returns how many of something rest bytes of input hold if they
// hold it as seen bytes (seen > 0) held k: the guess that sizes a page
// (listLen), a large map (bigMapSize) and the last block of strings
// (forRest), in 64 bits so that a large input does not overflow it.
func atRate(k, seen, rest int) int { return int(int64(rest) * int64(k) / int64(seen)) }

// leaveBlock gives the list's room in the shared block back, if it is still the
// block's last, as the list moves to a slice of its own.
func leaveBlock(p *listPos, u *blockUse) {
	if p.tag == u.taken {
		u.used -= p.n
		u.taken -= uint64(p.n)
	}
}

// listMem is a Decoder's memory for lists of one element type: the shared
// block that lists are decoded into, one after the other.
type listMem struct {
	block rawSlice // a []T with len == cap; block[used:] is zero and free
	blockUse
	// objs is the block NewIn hands single values out of, apart from
	// block: a list must end the block it grows in.
	objs    rawSlice // a []T with len == cap; objs[objUsed:] is zero and free
	objUsed int
	elem    elemOps // how to make and move Ts
	size    uintptr // a T's
	spareSlot
}

// elemOps is the code for an element type T that a listMem needs, to make
// and move values of T (see elems): besides NextIn's fast path and a few
// lines that call it and convert its results, the only code of lists and
// NewIn compiled for each element type. The rest, compiled once, was
// generic before, and three tenths of a generated client's machine code.
type elemOps interface {
	do(op elemOp, dst, src unsafe.Pointer, n, c int) rawSlice
}

// elemOp is what an elemOps is asked to do.
type elemOp uint8

const (
	// allocExact returns a new []T of n zero elements with room for c.
	allocExact elemOp = iota
	// allocRoom returns a new []T of n zero elements with room for at
	// least c: all the room of the memory the runtime allocates for c
	// elements, which it rounds up to a size class, or past 32 KB to whole
	// pages (up to 8 KB more). A list sized from the input that outgrows
	// its guess is copied whole to a new slice; the rounding's room, which
	// costs nothing, spares that for a list that outgrows the guess by
	// only a few elements.
	allocRoom
	// copyElems copies n elements from src to dst.
	copyElems
	// moveElems copies n elements from src to dst and clears those of src.
	moveElems
)

// elems is the elemOps of T.
type elems[T any] struct{}

// do does op for T. It is not inlined, so that the methods the compiler
// adds for elems[T] to meet elemOps are only calls of it.
//
//go:noinline
func (elems[T]) do(op elemOp, dst, src unsafe.Pointer, n, c int) rawSlice {
	var w []T
	switch op {
	case allocExact:
		w = make([]T, n, c)
	case allocRoom:
		w = append([]T(nil), make([]T, max(n, c))...)[:n] // append rounds up the room
	default:
		from := unsafe.Slice((*T)(src), n)
		copy(unsafe.Slice((*T)(dst), n), from)
		if op == moveElems {
			clear(from)
		}
	}
	return *(*rawSlice)(unsafe.Pointer(&w))
}

// alloc returns a new []T of n zero elements with room for exactly c if
// exact, or for at least c (see allocRoom).
func (m *listMem) alloc(n, c int, exact bool) rawSlice {
	op := allocRoom
	if exact {
		op = allocExact
	}
	return m.elem.do(op, nil, nil, n, c)
}

// move copies n elements from src to dst, and clears those of src if
// clearSrc.
func (m *listMem) move(dst, src unsafe.Pointer, n int, clearSrc bool) {
	op := copyElems
	if clearSrc {
		op = moveElems
	}
	m.elem.do(op, dst, src, n, 0)
}

// blockUse is the list block's part of a listMem.
type blockUse struct {
	used  int    // elements of block handed out
	taken uint64 // elements handed out over all blocks: a list that finds it unchanged still ends the block
}

// blockLen returns the length of a new shared block, after one of length
// cur, for a list that needs at least n elements of size bytes. Blocks
// double from minBlock elements to maxBlockBytes (at least minBlock
// elements), so that small documents waste little and large ones allocate
// rarely; the room left in the old block is given up.
func blockLen(cur, n, size int) int {
	limit := max(minBlock, maxBlockBytes/max(size, 1))
	return fitClass(max(min(max(2*cur, minBlock), limit), n), size)
}

// fitClass returns n, or a little less when n values of size bytes would
// take a power of two bytes over 512: the runtime puts an 8-byte header
// before such an object when it holds pointers, which would move it to the
// next size class, about a sixth larger.
func fitClass(n, size int) int {
	if size > 0 && n*size > 512 {
		n = max((n*size-8)/size, 1)
	}
	return n
}

// smallDocument is the size of input below which NewIn and MapBuilder do
// not use the Decoder's shared memory at all: it pays off over many
// values, which only a larger document holds, and a small response (one
// item of a few attributes, say) would pay a block, and the memory for its
// type, for each of a handful of values of many types.
const smallDocument = 4 << 10

// newInAlone is how many values NewIn allocates one by one for a Decoder
// before it uses shared blocks: a small response (one call's output with a
// few optional structures) would otherwise pay a block of minBlock values,
// and the memory for its type, for each of them.
const newInAlone = 8

// NewIn returns a pointer to a new zero T, as new(T) does, from blocks of
// T shared with the other values NewIn hands out for this Decoder: the way
// generated code allocates an optional structure member before decoding
// into it, so that a page of many such members costs one allocation per
// block rather than one each. The blocks double from firstObjBlock values
// to maxBlockBytes; a block stays in memory while any value in it is
// reachable, and all come from the same document. The first newInAlone
// values of a Decoder, and all those of a document under smallDocument,
// are allocated each on its own.
func NewIn[T any](d *Decoder) *T {
	if d.newIns < newInAlone || len(d.s) < smallDocument {
		d.newIns++
		return new(T)
	}
	return (*T)(newObj(memOf[T](d)))
}

// newObj is NewIn's part that does not need T: a pointer to the next free
// value of m's block of them, in a new block if it is used up.
func newObj(m *listMem) unsafe.Pointer {
	if m.objUsed == m.objs.len {
		n := objBlockLen(m.objs.len, int(m.size))
		m.objs = m.alloc(n, n, true)
		m.objUsed = 0
	}
	m.objUsed++
	return m.objs.at(m.objUsed-1, m.size)
}

// firstObjBlock is the length of NewIn's first block for a type: a
// document may have only a few values of one type past newInAlone (a
// union's member types, each its own), and a block of minBlock for each
// would be mostly unused.
const firstObjBlock = 4

// objBlockLen returns the length of NewIn's next block of values of size
// bytes after one of length cur: firstObjBlock, then doubling to the size
// list blocks stop at.
func objBlockLen(cur, size int) int {
	if cur == 0 {
		return firstObjBlock
	}
	return fitClass(min(2*cur, max(minBlock, maxBlockBytes/max(size, 1))), size)
}

// memOf returns d's memory for lists of T, making it on first use.
func memOf[T any](d *Decoder) *listMem {
	typ := typeKey[T]()
	if p := d.pooled(typ); p != nil {
		return (*listMem)(p)
	}
	var zero T
	return d.listMemOf(typ, elems[T]{}, unsafe.Sizeof(zero))
}

// listMemOf is memOf past the first slot searched: typ is typeKey[T], elem
// and size T's.
func (d *Decoder) listMemOf(typ unsafe.Pointer, elem elemOps, size uintptr) *listMem {
	if p := d.pool(typ); p != nil {
		return (*listMem)(p)
	}
	m := &listMem{elem: elem, size: size}
	m.typ = typ
	d.addPool(typ, unsafe.Pointer(m))
	return m
}

// poolOf returns d's memory of type P (a listMem or a mapMem of one
// element type), making it on first use. It is called for every value
// NewIn hands out and every list and map built in blocks, and a document
// with unions has a memory for each member's type (DynamoDB's
// AttributeValue: ten): a search of them all, a type assertion each, was
// a twelfth of a DynamoDB Query page's instructions. The memories are
// found instead by their type's descriptor, hashed into d.pools.
//
// Only the descriptor, the first probe and new(P) need P: the rest is in
// poolTable's methods, compiled once rather than for every element type a
// client has (a tenth of a generated package's generic code was poolOf).
func poolOf[P any](d *Decoder) *P {
	typ := typeKey[P]()
	if p := d.pooled(typ); p != nil {
		return (*P)(p)
	}
	if p := d.pool(typ); p != nil {
		return (*P)(p)
	}
	p := new(P)
	d.addPool(typ, unsafe.Pointer(p))
	return p
}

// typeKey returns the descriptor of *T's type: the key of d.pools. The
// memory for lists of T is keyed by T, that of maps of V by mapMem[V],
// which is never an element's type.
func typeKey[T any]() unsafe.Pointer {
	var key any = (*T)(nil)
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&key))[0]
}

// pooled returns d's memory under typ when it is in the first slot
// searched, as it is but for a collision, or nil: the lookup inlined where
// memories are asked for (see pool).
func (d *Decoder) pooled(typ unsafe.Pointer) unsafe.Pointer {
	if t := d.pools; t != nil {
		if e := &t.slots[typeHash(typ, poolBits)]; e.typ == typ {
			return e.mem
		}
	}
	return nil
}

// pool returns d's memory under typ, or nil: the search pooled begins.
func (d *Decoder) pool(typ unsafe.Pointer) unsafe.Pointer {
	if d.pools == nil {
		return nil
	}
	return d.pools.find(typ)
}

// addPool keeps mem, a memory pool did not find, under typ.
func (d *Decoder) addPool(typ, mem unsafe.Pointer) {
	if d.pools == nil {
		d.pools = new(poolTable)
	}
	d.pools.add(typ, mem)
}

// poolTable is a Decoder's memories by element type (see poolOf): an
// open-addressed table keyed by the descriptor of the memory's pointer
// type, with those past its room in more.
type poolTable struct {
	slots [poolSlots]poolEntry
	used  int         // slots taken; one stays free
	more  []poolEntry // the memories past poolSlots-1
}

// poolEntry is a memory of poolTable: mem is a *P whose type's descriptor
// is typ, or typ is nil for a free slot.
type poolEntry struct {
	typ unsafe.Pointer
	mem unsafe.Pointer
}

const (
	poolBits  = 4
	poolSlots = 1 << poolBits
)

// typeHash is the slot where a search for the type descriptor typ starts,
// in a table of 1<<bits slots (poolTable, spareTable).
func typeHash(typ unsafe.Pointer, bits uint) uint {
	return uint(uint64(uintptr(typ)) * 0x9e3779b97f4a7c15 >> (64 - bits))
}

// find returns the memory whose type's descriptor is typ, or nil.
func (t *poolTable) find(typ unsafe.Pointer) unsafe.Pointer {
	h := typeHash(typ, poolBits)
probe:
	for range poolSlots {
		switch e := &t.slots[h]; e.typ {
		case typ:
			return e.mem
		case nil:
			break probe // typ would be here, or past the slots in more
		}
		h = (h + 1) & (poolSlots - 1)
	}
	for _, e := range t.more {
		if e.typ == typ {
			return e.mem
		}
	}
	return nil
}

// add keeps mem, a memory find did not find, under typ.
func (t *poolTable) add(typ, mem unsafe.Pointer) {
	if t.used < poolSlots-1 {
		h := typeHash(typ, poolBits)
		for t.slots[h].typ != nil {
			h = (h + 1) & (poolSlots - 1)
		}
		t.slots[h] = poolEntry{typ, mem}
		t.used++
		return
	}
	t.more = append(t.more, poolEntry{typ, mem})
}

// poolCount reports how many memories d has made (for tests).
func (d *Decoder) poolCount() int {
	if d.pools == nil {
		return 0
	}
	return d.pools.used + len(d.pools.more)
}

// StringList reads an array of strings as a client's decoder reads a dense
// list of them: a null element, which a dense list should not hold, is
// read as "" in its place (so that the elements after it keep their
// positions), and null in place of the array is a nil slice. It is the loop of NextElem, String and ListBuilder.NextIn
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
				b.NextIn(d) // a zero element, in the null's place
				continue
			}
			*b.NextIn(d) = d.String()
			continue
		}
		// NextIn's fast path, written out: generic methods are not inlined.
		var p *string
		if m := b.mem; len(b.win) < cap(b.win) && (b.asked > 0 || m != nil && b.tag == m.taken && b.n != sizeAt) {
			if b.asked == 0 {
				m.used++
				m.taken++
				b.tag++
			}
			b.n++
			b.win = b.win[:b.n]
			p = &b.win[b.n-1]
		} else {
			p = b.nextIn(d)
		}
		v, done, j, wide := d.scanString(i)
		if done {
			*p = v
			continue
		}
		*p = d.stringAt(i, j, wide) // from where scanString stopped, not read again
	}
	return b.Slice()
}
