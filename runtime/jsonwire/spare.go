package jsonwire

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

// Spare blocks. A page of results is decoded into the shared block of its
// element type until it is sized from the input, at sizeAt elements, and
// then moves to a slice of its own (see ListBuilder). When no other list
// of the type took part of the block before it, the block then holds
// nothing, and is garbage once the document is decoded: the next page
// would allocate the same blocks again (for ListOrders' 72-byte elements,
// 5 KB of the 510 KB a 256 KB page allocates).
//
// So End hands such a block on, through a sync.Pool for its element type,
// to the next Decoder that decodes lists of the type: it is all zeros (a
// list that moves clears what it leaves) and nothing refers to it. Like
// the pooled response bodies (ReleaseBody), a spare is memory a decode
// would otherwise free at once, and the pool lets the garbage collector
// take it back when it is not used.

// spareTypes holds the pool of spare blocks (of *spareBlock) of each
// element type that has had a list sized from the input: an open-addressed
// table keyed by the type's typeKey, whose slots are claimed with
// compare-and-swap and never given back (a program has a fixed set of
// element types, and few have pages). A type past its room gets no spares.
// It is not a sync.Map, whose generic internals every generated package
// that copies the runtime would compile again (134 functions, 130 ms).
var spareTypes spareTable

// spareTable is the type of spareTypes.
type spareTable [spareSlots]struct {
	typ  unsafe.Pointer // the element type's typeKey, or nil while the slot is free
	pool sync.Pool
}

const (
	spareBits  = 6
	spareSlots = 1 << spareBits
)

// spareBlock holds a listMem's block between two Decoders.
type spareBlock struct {
	block rawSlice // a []T of zeros, with len == cap
}

// spareSlot is what a listMem keeps for spare blocks.
type spareSlot struct {
	typ   unsafe.Pointer // typeKey of the element type
	sized *listMem       // the next listMem in Decoder.sized, lastSized at the end; nil while not in it
}

// lastSized ends the list of Decoder.sized, so that a listMem is in the
// list exactly when its sized is not nil.
var lastSized listMem

// noteSized records that a list of m's type left m's block for a slice of
// its own, so that End looks at the block: it may hold nothing now.
func (d *Decoder) noteSized(m *listMem) {
	if m.sized == nil {
		m.sized = d.sized
		if m.sized == nil {
			m.sized = &lastSized
		}
		d.sized = m
	}
}

// giveSpares passes on the blocks of the listMems noted by noteSized that
// hold nothing (see spareTypes). It is called once decoding is done, and
// the listMems give their blocks up, so that nothing more is decoded into
// a block another Decoder may have taken.
func (d *Decoder) giveSpares() {
	for m := d.sized; m != nil && m != &lastSized; {
		next := m.sized
		m.sized = nil
		if m.used == 0 && m.block.len > 0 {
			if p := spareTypes.pool(m.typ, true); p != nil {
				p.Put(&spareBlock{m.block})
				m.block = rawSlice{}
			}
		}
		m = next
	}
	d.sized = nil
}

// takeSpare makes a spare block of m's type, if there is one with room for
// n elements, m's block, and reports whether it did.
func (m *listMem) takeSpare(n int) bool {
	p := spareTypes.pool(m.typ, false)
	if p == nil {
		return false
	}
	h, _ := p.Get().(*spareBlock)
	if h == nil || h.block.len < n {
		return false // a block too small is dropped: blocks are made at least as large as asked
	}
	m.block = h.block
	return true
}

// pool returns the pool of spare blocks of the element type typ: nil if it
// has none and add is false, or if the table is full.
func (t *spareTable) pool(typ unsafe.Pointer, add bool) *sync.Pool {
	h := typeHash(typ, spareBits)
	for range spareSlots {
		e := &t[h]
		switch k := atomic.LoadPointer(&e.typ); {
		case k == typ:
			return &e.pool
		case k == nil:
			if !add {
				return nil
			}
			if atomic.CompareAndSwapPointer(&e.typ, nil, typ) || atomic.LoadPointer(&e.typ) == typ {
				return &e.pool
			}
		}
		h = (h + 1) & (spareSlots - 1)
	}
	return nil
}
