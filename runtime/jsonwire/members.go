package jsonwire

import (
	"encoding/binary"
	"math/bits"
	"sync/atomic"
	"unsafe"
)

// Members is the list of a structure's member names, as they appear in
// JSON, that [Decoder.Member] looks names up in. Generated code declares
// one package-level Members for each structure (or body) it decodes:
//
//	var membersSite = jsonwire.Members{Names: []string{"SiteId", "AccountId"}}
//
// and the Decoder builds its lookup table from Names on first use, so a
// Members costs the program nothing at start-up. A Members is safe for
// concurrent use; its Names must not change after the first lookup.
type Members struct {
	// Names are the member names in the structure's order: Member returns
	// an index into it.
	Names []string

	// table is the *memberTable, loaded and stored atomically. It is not
	// an atomic.Pointer[memberTable]: generated packages declare Members
	// variables, and each would compile that generic type's methods again.
	table unsafe.Pointer
}

// memberTable finds a member from the bytes that follow the opening quote
// of its name in the input, as many as the shortest name held has with
// its closing quote and ':' (at least four, at most sixteen), by a
// multiplicative hash of them: one multiply and shift picks a slot, whose
// chain holds the few members (usually one) whose names begin that way,
// each then confirmed by one comparison of its whole name, closing quote
// and ':' with the input. The input's name is never scanned for its end.
// The same table finds an enum's values (see Enum), which end in a quote
// alone, and more often than names begin alike (POWER_5_KVA, POWER_10_KVA):
// hence as many bytes as every value has, not a fixed four.
type memberTable struct {
	slots   []uint16      // slot → 1 + index of the chain's first member, or 0
	entries []memberEntry // by index in Names
	// key0 and key1 mask the input's first and second eight bytes after
	// the quote to those the hash reads (see key).
	key0, key1 uint64
	mul        uint64
	shift      uint8 // 64 - log2(len(slots))
	loose      bool  // some names are not in the table (see quotedName)
	// short are the names shorter with their end than minKey (an enum's
	// "S3", a member "x"): the hash would read past them, into what
	// follows, which varies. index compares them one by one after a miss.
	short []uint16
	// after[k] is the index of the member that followed member k-1 (for
	// k = 0: that began an object) the last time a guess missed, at first
	// k: Member tries it before the hash, so that a service that writes
	// members in any fixed order, the model's or another (alphabetical is
	// common), is read with one comparison per member once it has been
	// seen. Goroutines share it; a stale guess costs only the hash lookup.
	after []atomic.Uint32
	// seen[k] says that after[k] was stored from the input, not only set
	// from the model's order: skipsTo follows only such links. A guess of
	// the model's order that keeps matching is never stored; it counts once
	// a member left out has moved it and the input moved it back.
	seen []atomic.Bool
}

type memberEntry struct {
	quoted []byte // the name followed by `":`, or nil for a name the table cannot hold
	// head is quoted's first eight bytes as a little-endian word, with
	// those past its end zero, and mask has ones for quoted's bytes among
	// them: an input word w begins with quoted (or, for a longer one, with
	// its first eight bytes) when w&mask == head. An entry the table does
	// not hold has mask 1 and head 2, which no word matches.
	head, mask uint64
	// tail and tailMask are the same for quoted's last eight bytes, at
	// tailAt (for a name of eight bytes or fewer: head and mask again, at
	// 0), so that one more load and compare confirms a name of up to
	// sixteen bytes. For a longer one, long is set, tail is quoted's
	// second eight bytes (tailAt 8: the words compared stay within the
	// first sixteen bytes, which matches reads without bounds checks) and
	// matchesTail confirms the rest.
	tail, tailMask uint64
	tailAt         uint8
	long           bool
	next           uint16 // 1 + index of the next member in the chain, or 0
}

// matches reports whether b, of at least 24 bytes, begins with the
// entry's quoted name, or for a long one with its first sixteen bytes;
// the caller confirms a long one with matchesTail (a call here would keep
// matches from being inlined).
func (e *memberEntry) matches(b []byte) bool {
	w := (*[24]byte)(b)
	return binary.LittleEndian.Uint64(w[:])&e.mask == e.head &&
		binary.LittleEndian.Uint64(w[e.tailAt&15:])&e.tailMask == e.tail
}

// matchesTail reports whether b has the rest of a quoted name longer than
// sixteen bytes after its first sixteen, comparing eight bytes at a time
// (names are short: a call of the runtime's general comparison would cost
// more than the comparison).
func (e *memberEntry) matchesTail(b []byte) bool {
	q := e.quoted
	n := len(q)
	if len(b) < n {
		return false
	}
	for i := 16; i < n-8; i += 8 {
		if binary.LittleEndian.Uint64(b[i:]) != binary.LittleEndian.Uint64(q[i:]) {
			return false
		}
	}
	return binary.LittleEndian.Uint64(b[n-8:]) == binary.LittleEndian.Uint64(q[n-8:])
}

// maxTableMembers bounds the members a table holds (its entries are
// uint16); names past it are found by the slow path, as escaped ones are.
const maxTableMembers = 1<<16 - 1

// tableMultipliers are the odd constants memberTable tries, in order, for
// the one that spreads a structure's names over the most slots.
var tableMultipliers = [...]uint64{0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb, 0xc2b2ae3d27d4eb4f, 0x165667b19e3779f9, 0xd6e8feb86659fd93, 0xff51afd7ed558ccd, 0xc4ceb9fe1a85ec53}

// key is what the table hashes of the input after a quote (rest, of at
// least 24 bytes): its first bytes, as many as key0 and key1 keep.
func (t *memberTable) key(rest []byte) uint64 {
	w := (*[24]byte)(rest)
	return binary.LittleEndian.Uint64(w[:])&t.key0 ^ bits.RotateLeft64(binary.LittleEndian.Uint64(w[8:])&t.key1, 31)
}

// build makes the table on first use. Two goroutines may both build it;
// they build the same table and either is kept.
func (m *Members) build() *memberTable {
	t := newMemberTable(m.Names, `":`)
	atomic.CompareAndSwapPointer(&m.table, nil, unsafe.Pointer(t))
	return (*memberTable)(atomic.LoadPointer(&m.table))
}

// quotedName is name as the input writes it after the opening quote, the
// name being followed by end (`":` after a member's name, `"` after an
// enum value), ok false for a name the fast path cannot see: one that
// needs escapes in JSON.
func quotedName(name, end string) (quoted string, ok bool) {
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return "", false
		}
	}
	return name + end, true
}

// minKey and maxKey bound how many bytes after the quote the table hashes.
const (
	minKey = 4
	maxKey = 16
)

// newMemberTable builds the table of names, each of which the input
// writes as '"', the name and end.
func newMemberTable(names []string, end string) *memberTable {
	t := &memberTable{entries: make([]memberEntry, len(names)), after: make([]atomic.Uint32, len(names)+1), seen: make([]atomic.Bool, len(names)+1)}
	for k := range t.after {
		t.after[k].Store(uint32(k))
	}
	for i := range t.entries {
		t.entries[i].head, t.entries[i].mask = 2, 1
	}
	var held []int // the indexes in names of the names the table holds
	keyLen := maxKey
	for i, name := range names {
		q, ok := quotedName(name, end)
		if !ok || i >= maxTableMembers {
			t.loose = true
			continue
		}
		var head [8]byte
		n := copy(head[:], q)
		t.entries[i].quoted = []byte(q)
		t.entries[i].head = binary.LittleEndian.Uint64(head[:])
		t.entries[i].mask = ^uint64(0) >> (64 - 8*n)
		e := &t.entries[i]
		e.tail, e.tailMask = e.head, e.mask
		if len(q) > 8 {
			e.tailAt = uint8(len(q) - 8)
			e.long = len(q) > 16
			if e.long {
				e.tailAt = 8
			}
			e.tail, e.tailMask = binary.LittleEndian.Uint64([]byte(q[e.tailAt:])), ^uint64(0)
		}
		if len(q) < minKey {
			t.short = append(t.short, uint16(i))
			continue
		}
		held = append(held, i)
		keyLen = min(keyLen, len(q))
	}
	t.key0 = ^uint64(0) >> (64 - 8*min(keyLen, 8))
	if keyLen > 8 {
		t.key1 = ^uint64(0) >> (64 - 8*(keyLen-8))
	}
	keys := make([]uint64, len(held))
	for k, i := range held {
		var b [24]byte
		copy(b[:], t.entries[i].quoted)
		keys[k] = t.key(b[:])
	}
	// At least twice as many slots as names, so that most chains are one
	// member long.
	bits := uint8(1)
	for 1<<bits < 2*len(held) && bits < 16 {
		bits++
	}
	t.shift = 64 - bits
	t.slots = make([]uint16, 1<<bits)
	// Keep the multiplier that puts the fewest different keys into a slot
	// already taken (names sharing a key share a slot whatever it is).
	best := -1
	for _, mul := range tableMultipliers {
		clear(t.slots)
		collisions := 0
		for k, w := range keys {
			h := w * mul >> t.shift
			switch {
			case t.slots[h] == 0:
				t.slots[h] = uint16(k + 1)
			case keys[t.slots[h]-1] != w:
				collisions++
			}
		}
		if best < 0 || collisions < best {
			best, t.mul = collisions, mul
		}
		if collisions == 0 {
			break
		}
	}
	// Chain each slot's members in the structure's order.
	clear(t.slots)
	last := make([]int, len(t.slots))
	for k, i := range held {
		h := keys[k] * t.mul >> t.shift
		if t.slots[h] == 0 {
			t.slots[h] = uint16(i + 1)
		} else {
			t.entries[last[h]].next = uint16(i + 1)
		}
		last[h] = i
	}
	return t
}

// confirm records that the guess after member prev was stored from the
// input (see skipsTo). It stores only the first time: a store is an atomic
// exchange. Matching guesses are not confirmed: that would cost every
// member a load, more than it saves.
func (t *memberTable) confirm(prev int) {
	if seen := &t.seen[uint(prev+1)]; !seen.Load() {
		seen.Store(true)
	}
}

// skipsTo reports whether member i is one or two places after member g,
// the guess after member prev, in the order the input has shown, so that
// the guess missed because g (and perhaps the member after it) was left
// out, as services leave out members without a value: the guess is then
// kept, since g is still the likeliest next time. Storing i instead would
// make the guess after every left-out member a member further on, which
// misses whenever the nearer one is there; and a store is an atomic
// exchange, which costs more than these loads. Only links the input has
// shown count (seen): the model's order, which the guesses start from, may
// not be the service's, and a guess kept on its word could stay wrong.
func (t *memberTable) skipsTo(prev int, g, i uint32) bool {
	n := uint32(len(t.entries))
	if g >= n || !t.seen[uint(prev+1)].Load() || !t.seen[g+1].Load() {
		return false
	}
	h := t.after[g+1].Load()
	return h == i || h < n && t.seen[h+1].Load() && t.after[h+1].Load() == i
}

// find returns the index of the member named key (unescaped), or -1: the
// slow path, for names the table cannot hold or the input escapes, and for
// members m does not name.
func (m *Members) find(key []byte) int {
	for i, name := range m.Names {
		if name == string(key) {
			return i
		}
	}
	return -1
}

// Member moves to the next member of the current object that m names and
// whose value is not null, leaving the Decoder before that value, and
// returns the member's index in m.Names; the caller must read the value.
// Members m does not name are skipped, as are null values (null leaves a
// member unset). At the end of the object it consumes '}' and returns -1,
// as it does after an error.
//
// prev is the index Member last returned for this object, or -1 before
// its first member: the member that followed it last time (at first, the
// next in m.Names) is tried first, since services write an object's
// members in the same order every time. Generated decoders loop so:
//
//	for i := d.Member(&membersSite, -1); i >= 0; i = d.Member(&membersSite, i) {
//		switch i {
//		case 0:
//			v.SiteId = d.BoxString(d.String())
//		...
//
// A name with nothing to unescape, in compact JSON or after the space
// indenting encoders write (a newline and an indent, or ", "), is found
// by the four bytes after its quote and one comparison (see memberTable);
// any other (escaped, or with space before its ':') is read by NextKey
// and compared with each name.
func (d *Decoder) Member(m *Members, prev int) int {
	// The fast path: the name that followed prev last time (or '}') next,
	// and a value that is not null. Compact JSON is tested first; the
	// space between tokens is looked for only where it is not. The input's
	// words are read through unsafe.Add, as unquoteRun reads them: p+25 <=
	// len(s) keeps both within s (tailAt is at most 15).
	t := (*memberTable)(atomic.LoadPointer(&m.table))
	tried := false // the guess after prev did not match: member need not try it again
	if s, p := d.s, d.pos; t != nil && d.err == nil && uint(prev+1) < uint(len(t.after)) && uint(p) < uint(len(s)) {
		c := s[p]
		if !d.first {
			if c != ',' {
				if c != '}' && whitespace[c] {
					p = skipIndent(s, p) // indented JSON's last line
					if p >= len(s) {
						return d.member(t, m, prev, false)
					}
					c = s[p]
				}
				if c != '}' {
					return d.member(t, m, prev, false)
				}
				d.pos = p + 1
				d.depth--
				return -1
			}
			p++
		}
		if p+25 <= len(s) {
			ps := unsafe.Pointer(unsafe.SliceData(s))
			c := *(*byte)(unsafe.Add(ps, p))
			if c != '"' && whitespace[c] {
				// Indented JSON, or a space after each ',': passed over
				// here, so that such names are read by this path too.
				p = skipIndent(s, p)
				if p+25 > len(s) {
					return d.member(t, m, prev, false)
				}
				c = s[p]
			}
			if k := t.after[prev+1].Load(); k < uint32(len(t.entries)) && c == '"' {
				tried = true
				e := &t.entries[k]
				w0 := binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(ps, p+1))[:])
				w1 := binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(ps, p+1+int(e.tailAt&15)))[:])
				if w0&e.mask == e.head && w1&e.tailMask == e.tail && (!e.long || e.matchesTail(s[p+1:])) {
					d.first = false
					q := p + 1 + len(e.quoted)
					if uint(q) < uint(len(s)) && notNull[s[q]] {
						d.pos = q // Null's own first test, on q
						return int(k)
					}
					if uint(q) < uint(len(s)) && s[q] == ' ' {
						q++ // ": ", as indenting encoders write it
					}
					d.pos = q
					if !d.Null() {
						return int(k)
					}
					prev = int(k) // a null value: on to the next member
					tried = false
				} else {
					return d.memberMiss(t, m, prev, p, k)
				}
			}
		}
	}
	return d.member(t, m, prev, tried)
}

// scatterLimit and scatterSpan govern how memberMiss finds a name that is
// not the guess after the previous member. As long as the names it is
// asked about are mostly one or two places after the guess in the order
// seen before (a member left out), following finds them for less than the
// table's hash; but a document whose objects each have their members in an
// order of their own (as an encoder writes them that iterates over a hash
// map) makes every guess a miss, following's comparisons wasted and each
// new guess stored for nothing. The Decoder's scatter counts up when
// following misses and the hash finds the name, and down, to zero, when
// following finds it. It counts only the misses of guesses the input has
// shown, not those of the model's order, which a service that writes
// another order misses at first, until the guesses are learned. At
// scatterLimit, the next scatterSpan misses are looked up by the hash
// alone, guessing and storing nothing, after which following is tried
// again. In a document with a third of its members left out at random,
// following finds two in three, and scatter stays near zero.
const (
	scatterLimit = 16
	scatterSpan  = 256
)

// memberMiss is Member's path when g, the guess after prev, is not the
// name whose quote is at p (p+25 <= len(s)), as when the service left g
// out: the name is looked up in the table at once, without reading the
// ',' and the space again as member would. Anything else (a name the
// table does not hold, a null value) goes on to member.
func (d *Decoder) memberMiss(t *memberTable, m *Members, prev, p int, g uint32) int {
	s := d.s
	rest := s[p+1:]
	var i int
	switch {
	case d.scatter < 0:
		// Scattered: the table's hash alone, guessing nothing.
		d.scatter++
		if i = t.index(rest); i < 0 {
			return d.memberUnknown(t, m, prev, p)
		}
	default:
		if i = t.following(rest, prev, g); i >= 0 {
			d.scatter = max(d.scatter-1, 0)
			break
		}
		learned := t.seen[uint(prev+1)].Load()
		if i = t.lookup(rest, prev, g); i < 0 {
			return d.memberUnknown(t, m, prev, p)
		}
		if learned {
			if d.scatter++; d.scatter == scatterLimit {
				d.scatter = -scatterSpan
			}
		}
	}
	d.first = false
	q := p + 1 + len(t.entries[i].quoted)
	if uint(q) < uint(len(s)) && notNull[s[q]] {
		d.pos = q // Null's own first test, on q, as in Member
		return i
	}
	d.pos = skipWhitespace(s, q)
	if !d.Null() {
		return i
	}
	return d.member(t, m, i, false)
}

// lookup returns the index of the member whose quoted name rest (of at
// least 24 bytes) begins with, or -1, by the table's hash; g is the guess
// after prev that did not match, which is replaced by the member found
// unless skipsTo says to keep it.
func (t *memberTable) lookup(rest []byte, prev int, g uint32) int {
	i := t.index(rest)
	if i >= 0 && !t.skipsTo(prev, g, uint32(i)) {
		t.replace(prev, g, uint32(i))
	}
	return i
}

// replace makes i the guess after prev in place of g. Where g is the
// member after i, g was guessed because i was left out, and the input has
// now shown i after prev: the order prev, i, g, with members left out, is
// the input's, and the link from i to g counts as seen (skipsTo), so that
// the next object that leaves i out keeps i as the guess. Without it, a
// link the input never moved (from a member to the last, whose absence
// ends the object without a miss) would never count, and the guess after
// prev would swap between i and g with every object that left i out.
func (t *memberTable) replace(prev int, g, i uint32) {
	t.after[uint(prev+1)].Store(i)
	t.confirm(prev)
	if i < uint32(len(t.entries)) && t.after[i+1].Load() == g {
		t.confirm(int(i))
	}
}

// following returns the index of the member whose quoted name rest (of at
// least 24 bytes) begins with when that is one of the two members that
// followed g, the guess after prev that did not match, in the order the
// input has shown (or the model's), or -1. A service that leaves out
// members without a value leaves out g as often as not, and the member
// after it is then next: two comparisons find it for less than the
// table's hash. As lookup would, it keeps the guess g when skipsTo would
// (the links followed were seen in the input), or else replaces it.
func (t *memberTable) following(rest []byte, prev int, g uint32) int {
	n := uint32(len(t.entries))
	h := t.after[g+1].Load() // the member after g
	c := h
	for step := range 2 {
		if c >= n {
			return -1
		}
		if e := &t.entries[c]; e.matches(rest) && (!e.long || e.matchesTail(rest)) {
			// skipsTo(prev, g, c), knowing that c is h (step 0) or the
			// member after h (step 1).
			keep := t.seen[uint(prev+1)].Load() && t.seen[g+1].Load() && (step == 0 || t.seen[h+1].Load())
			if !keep {
				t.replace(prev, g, c)
			}
			return int(c)
		}
		c = t.after[c+1].Load()
	}
	return -1
}

// index returns the index of the name that rest (of at least 24 bytes)
// begins with, quoted (followed by the table's end), or -1.
func (t *memberTable) index(rest []byte) int {
	for k := t.slots[t.key(rest)*t.mul>>t.shift]; k != 0; {
		e := &t.entries[k-1]
		if e.matches(rest) && (!e.long || e.matchesTail(rest)) {
			return int(k - 1)
		}
		k = e.next
	}
	return t.indexShort(rest)
}

// indexShort is index for the names too short to hash (see short).
func (t *memberTable) indexShort(rest []byte) int {
	for _, i := range t.short {
		if t.entries[i].matches(rest) {
			return int(i)
		}
	}
	return -1
}

// skipUnknown skips the member whose name's quote is at p, and returns
// true, when the name is one t does not hold and t holds every name of its
// Members: the name is written without escapes and followed by ':' at
// once, as the table's entries are, so that the table's not finding it
// says that no member has it. Its value is then skipped without NextKey's
// reading the name again and find's comparing it with every name: a
// service that has added members since the model was taken writes them in
// every object. Otherwise (a name that may be escaped, or have space
// before its ':') it returns false, and member's slow path reads it.
func (d *Decoder) skipUnknown(t *memberTable, p int) bool {
	s := d.s
	if t.loose {
		return false
	}
	j := quoteRun(s, p+1)
	if j+1 >= len(s) || s[j] != '"' || s[j+1] != ':' {
		return false
	}
	d.first = false
	d.pos = j + 2
	d.Skip()
	return true
}

// memberUnknown is memberMiss's path for a name the table does not hold,
// whose quote is at p: skipped at once if skipUnknown can, and on to
// member either way.
func (d *Decoder) memberUnknown(t *memberTable, m *Members, prev, p int) int {
	if d.skipUnknown(t, p) {
		return d.member(t, m, prev, false)
	}
	return d.member(t, m, prev, true)
}

// member is Member's general path: any name, however written, and null
// values, with t the table, or nil before it is built. tried says that
// Member found the guess after prev not to be the next name.
func (d *Decoder) member(t *memberTable, m *Members, prev int, tried bool) int {
	if t == nil {
		t = m.build()
	}
	for {
		// Space around the ',' and after the ':' is passed over here, so
		// that indented JSON is read by the table too, and its values by
		// their fast paths.
		s, p := d.s, d.pos
		p = skipWhitespace(s, p)
		if !d.first && p < len(s) {
			if s[p] != ',' {
				if s[p] == '}' && d.err == nil {
					d.pos = p + 1
					d.depth--
					return -1
				}
				p = len(s) // not compact: the slow path reads it
			}
			p++ // past the ','
			p = skipWhitespace(s, p)
		}
		i := -1
		if d.err == nil && p+25 <= len(s) && s[p] == '"' {
			rest := s[p+1:]
			guess := &t.after[uint(prev+1)]
			if g := guess.Load(); !tried && g < uint32(len(t.entries)) && t.entries[g].matches(rest) && (!t.entries[g].long || t.entries[g].matchesTail(rest)) {
				i = int(g)
			} else {
				i = t.lookup(rest, prev, g)
			}
			if i >= 0 {
				d.first = false
				d.pos = skipWhitespace(s, p+1+len(t.entries[i].quoted))
			} else if d.skipUnknown(t, p) {
				tried = false
				continue
			}
		}
		tried = false // the next name, if any, is another
		if i < 0 {
			key, ok := d.NextKey()
			if !ok {
				return -1
			}
			if i = m.find(key); i < 0 {
				d.Skip()
				continue
			}
		}
		prev = i
		if d.Null() {
			continue
		}
		return i
	}
}
