package cbor

import (
	"sync/atomic"
	"unsafe"
)

// Members is the list of a structure's member names, as they appear in a
// CBOR map, that [Decoder.Member] looks names up in: the same design as
// jsonwire's Members, so that generated decoders of both formats are one
// loop and a switch on a member's index. Generated code declares one
// package-level Members for each structure it decodes:
//
//	var membersSite = cbor.Members{Names: []string{"SiteId", "AccountId"}}
//
// and the Decoder builds its lookup table from Names on first use. A
// Members is safe for concurrent use; its Names must not change after the
// first lookup.
type Members struct {
	// Names are the member names in the structure's order: Member returns
	// an index into it.
	Names []string

	// table is the *memberTable, loaded and stored atomically. It is not
	// an atomic.Pointer[memberTable]: generated packages declare Members
	// variables, and each would compile that generic type's methods again.
	table unsafe.Pointer
}

// memberTable finds a member by name. A CBOR name comes with its length,
// so reading it is no scan; what the table spares is comparing it with
// every name: the name that followed the previous member last time is
// tried first, then a map.
type memberTable struct {
	index map[string]int
	// after[k] is the index of the member that followed member k-1 (for
	// k = 0: that began a map) the last time a guess missed, at first k:
	// services write a structure's members in one order every time.
	// Goroutines share it; a stale guess costs only the map lookup.
	after []atomic.Uint32
}

// build makes the table on first use. Two goroutines may both build it;
// they build the same table and either is kept.
func (m *Members) build() *memberTable {
	t := &memberTable{index: make(map[string]int, len(m.Names)), after: make([]atomic.Uint32, len(m.Names)+1)}
	for i, name := range m.Names {
		if _, dup := t.index[name]; !dup {
			t.index[name] = i
		}
	}
	for k := range t.after {
		t.after[k].Store(uint32(k))
	}
	atomic.CompareAndSwapPointer(&m.table, nil, unsafe.Pointer(t))
	return (*memberTable)(atomic.LoadPointer(&m.table))
}

// Member moves to the next member of the current map that m names and
// whose value is not null (or undefined), leaving the Decoder before that
// value, and returns the member's index in m.Names; the caller must read
// the value. Members m does not name are skipped, as are null values (null
// leaves a member unset). At the end of the map, and after an error, it
// returns -1.
//
// prev is the index Member last returned for this map, or -1 before its
// first member. Generated decoders loop so:
//
//	for i := d.Member(&membersSite, -1); i >= 0; i = d.Member(&membersSite, i) {
//		switch i {
//		case 0:
//			v.SiteId = d.BoxString(d.String())
//		...
func (d *Decoder) Member(m *Members, prev int) int {
	t := (*memberTable)(atomic.LoadPointer(&m.table))
	if t == nil {
		t = m.build()
	}
	for {
		key, ok := d.NextKeyString()
		if !ok {
			return -1
		}
		guess := &t.after[uint(prev+1)]
		i := int(guess.Load())
		if i >= len(m.Names) || m.Names[i] != key {
			var known bool
			if i, known = t.index[key]; !known {
				d.Skip()
				continue
			}
			guess.Store(uint32(i))
		}
		prev = i
		if d.Null() {
			continue
		}
		return i
	}
}
