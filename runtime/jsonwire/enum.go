package jsonwire

import (
	"encoding/binary"
	"math/bits"
	"sync/atomic"
	"unsafe"
)

// Enum is the list of an enum's values that [Decoder.Enum] reads values
// against. Generated code declares one package-level Enum for each enum
// shape it decodes:
//
//	var enumPowerPhase = jsonwire.Enum{Values: []string{"SINGLE_PHASE", "THREE_PHASE"}}
//
// and the Decoder builds its lookup table from Values on first use, as it
// does for [Members]. An Enum is safe for concurrent use; its Values must
// not change after the first lookup.
type Enum struct {
	// Values are the values the model gives the enum.
	Values []string

	table unsafe.Pointer // *memberTable, as Members.table
}

// build makes the table on first use (see Members.build).
func (e *Enum) build() *memberTable {
	t := newMemberTable(e.Values, `"`)
	atomic.CompareAndSwapPointer(&e.table, nil, unsafe.Pointer(t))
	return (*memberTable)(atomic.LoadPointer(&e.table))
}

// Enum reads a JSON string, as String does, for a value of the enum e. A
// value among e.Values is that string of e.Values, so that a page of
// values holds no copies of them; any other (an enum's values grow: a
// service may send one this client does not know) is a copy, as String
// makes.
//
// A value right here in compact JSON is found without reading it first:
// the four bytes after its quote pick it in the table that Member uses for
// names, and one comparison of the value and its closing quote with the
// input confirms it. Reading it as String does and then looking it up
// would cost about twice as much, and copy it to compare it.
func (d *Decoder) Enum(e *Enum) string {
	// The table's index, written out: Enum is called for every value, and
	// the call with its results cost a third of finding one.
	t := (*memberTable)(atomic.LoadPointer(&e.table))
	if s, p := d.s, d.pos; t != nil && d.err == nil && p >= 0 && p+25 <= len(s) && s[p] == '"' {
		w := (*[24]byte)(s[p+1:])
		w0, w1 := binary.LittleEndian.Uint64(w[:]), binary.LittleEndian.Uint64(w[8:])
		for k := t.slots[(w0&t.key0^bits.RotateLeft64(w1&t.key1, 31))*t.mul>>t.shift]; k != 0; {
			en := &t.entries[k-1]
			if w0&en.mask == en.head && binary.LittleEndian.Uint64(w[en.tailAt&15:])&en.tailMask == en.tail && (!en.long || en.matchesTail(s[p+1:])) {
				d.pos = p + 1 + len(en.quoted)
				return e.Values[k-1]
			}
			k = en.next
		}
	}
	return d.enumValue(e, t)
}

// enumValue is Enum's general path: a value with space before it, near the
// end of the input, escaped, not among e.Values, or one the table cannot
// hold, with t the table, or nil before it is built. The value is read
// with String; if it is one of e.Values, the copy String made is given
// back to the block of strings.
func (d *Decoder) enumValue(e *Enum, t *memberTable) string {
	if t == nil {
		t = e.build()
	}
	v := d.String()
	if d.err != nil {
		return ""
	}
	if i := t.indexValue(e.Values, v); i >= 0 {
		d.giveBack(v)
		return e.Values[i]
	}
	return v
}

// indexValue returns the index of v among values, the names t holds
// quoted with `"`, or -1.
func (t *memberTable) indexValue(values []string, v string) int {
	var buf [64]byte
	if len(v)+1+24 <= len(buf) {
		// The table compares the input's words after a quote: give it v
		// and its closing quote as the input would have them.
		n := copy(buf[:], v)
		buf[n] = '"'
		// A name matched is v only if it is as long: v may hold a '"'
		// (escaped in the input), which ends a shorter name here.
		if i := t.index(buf[:]); i >= 0 && len(values[i]) == len(v) {
			return i
		}
		if !t.loose {
			return -1
		}
	}
	for i, name := range values {
		if name == v {
			return i
		}
	}
	return -1
}

// giveBack returns to the block of strings the room of v, the string that
// keep or String handed out last, when v is there: it is no longer wanted,
// and since it was never passed on, the next string may overwrite it.
func (d *Decoder) giveBack(v string) {
	if u := d.used - len(v); len(v) > 0 && u >= 0 && unsafe.StringData(v) == &d.arena[u] {
		d.used = u
	}
}
