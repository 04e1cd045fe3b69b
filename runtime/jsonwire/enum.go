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

	// table and keys are *memberTable, as Members.table: of the values as
	// values (each ended by '"') and as map keys (by `":`), each built on
	// first use.
	table, keys unsafe.Pointer
}

// build makes the table of values on first use (see Members.build).
func (e *Enum) build() *memberTable { return buildTable(&e.table, e.Values, `"`) }

// buildKeys makes the table of keys on first use.
func (e *Enum) buildKeys() *memberTable { return buildTable(&e.keys, e.Values, `":`) }

// buildTable makes the table of names, each ended by end, and stores it
// at p unless another goroutine did first (they build the same table).
func buildTable(p *unsafe.Pointer, names []string, end string) *memberTable {
	atomic.CompareAndSwapPointer(p, nil, unsafe.Pointer(newMemberTable(names, end)))
	return (*memberTable)(atomic.LoadPointer(p))
}

// Enum reads a JSON string, as String does, for a value of the enum e. A
// value among e.Values is that string of e.Values, so that a page of
// values holds no copies of them; any other (an enum's values grow: a
// service may send one this client does not know) is a copy, as String
// makes.
//
// A value right here in compact JSON is found without reading it first:
// the bytes after its quote (as many as the enum's shortest value has)
// pick it in the kind of table Member uses for names, and one comparison
// of the value and its closing quote with the input confirms it. Reading
// it as String does and then looking it up would cost about twice as
// much, and copy it to compare it.
func (d *Decoder) Enum(e *Enum) string {
	// The table's index, written out: Enum is called for every value, and
	// the call with its results cost a third of finding one.
	t := (*memberTable)(atomic.LoadPointer(&e.table))
	if s, p := d.s, d.pos; t != nil && d.err == nil && p >= 0 && p+25 <= len(s) && s[p] == '"' {
		// The words are read through unsafe.Add, as Member reads them:
		// p+25 <= len(s) keeps the 24 bytes after the quote within s.
		w := unsafe.Add(unsafe.Pointer(unsafe.SliceData(s)), p+1)
		w0, w1 := binary.LittleEndian.Uint64((*[8]byte)(w)[:]), binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(w, 8))[:])
		for k := t.slots[(w0&t.key0^bits.RotateLeft64(w1&t.key1, 31))*t.mul>>t.shift]; k != 0; {
			en := &t.entries[k-1]
			if w0&en.mask == en.head && binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(w, en.tailAt&15))[:])&en.tailMask == en.tail && (!en.long || en.matchesTail(s[p+1:])) {
				d.pos = p + 1 + len(en.quoted)
				return e.Values[k-1]
			}
			k = en.next
		}
		if i := t.indexShort(s[p+1:]); i >= 0 {
			d.pos = p + 1 + len(t.entries[i].quoted)
			return e.Values[i]
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

// NextKeyEnum is NextKeyString for a map whose keys are values of the
// enum e: a key among e.Values is that string of e.Values, so that the
// maps of a page hold no copies of their keys; any other is a copy.
//
// A key right after '{' or ',' (or the space of indented JSON) is found
// as Enum finds a value, by the table of e's values each followed by `":`.
func (d *Decoder) NextKeyEnum(e *Enum) (string, bool) {
	t := (*memberTable)(atomic.LoadPointer(&e.keys))
	if s, p := d.s, d.pos; t != nil && d.err == nil && p >= 0 && p+1 < len(s) {
		i := p
		if !d.first {
			switch s[i] {
			case ',':
				i++
			case '}':
				d.pos = p + 1
				d.depth--
				return "", false
			}
		}
		if (d.first || i > p) && whitespace[s[i]] {
			i = skipIndent(s, i)
		}
		if (d.first || i > p) && i+25 <= len(s) && s[i] == '"' {
			if k := t.index(s[i+1:]); k >= 0 {
				d.first = false
				q := i + 1 + len(t.entries[k].quoted)
				if q < len(s) && s[q] == ' ' {
					q++ // ": ", as indenting encoders write it
				}
				d.pos = q
				return e.Values[k], true
			}
		}
	}
	return d.enumKey(e, t)
}

// enumKey is NextKeyEnum's general path, with t the table of keys, or nil
// before it is built: the key is read with NextKeyString, and if it is one
// of e.Values, the copy NextKeyString made is given back.
func (d *Decoder) enumKey(e *Enum, t *memberTable) (string, bool) {
	if t == nil {
		e.buildKeys()
	}
	k, ok := d.NextKeyString()
	if !ok {
		return "", false
	}
	values := (*memberTable)(atomic.LoadPointer(&e.table))
	if values == nil {
		values = e.build()
	}
	if i := values.indexValue(e.Values, k); i >= 0 {
		d.giveBack(k)
		return e.Values[i], true
	}
	return k, true
}
