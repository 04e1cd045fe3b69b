package cbor

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/smithygo/smithygo/runtime/utf8valid"
)

// Kind is the kind of a CBOR data item, as reported by [Decoder.Kind].
type Kind uint8

// The kinds of data items. The first seven are those of jsonwire, so that
// code written against one package reads the same against the other; Bytes
// and Simple exist only in CBOR. Invalid is also what Kind reports at the
// end of the input, at a byte that cannot start a data item (a break or a
// reserved initial byte), and after an error.
const (
	Invalid Kind = iota
	Null         // null or undefined
	Bool         // false or true
	Number       // an integer, a float, or a tag 1, 2, 3 or 4 number
	String       // a text string
	Array        // an array
	Object       // a map
	Bytes        // a byte string
	Simple       // a simple value other than false, true, null and undefined
)

// String returns the kind's name as used in error messages.
func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "text string"
	case Array:
		return "array"
	case Object:
		return "map"
	case Bytes:
		return "byte string"
	case Simple:
		return "simple value"
	}
	return "invalid"
}

// MaxDepth is how deeply arrays and maps may nest. Deeper input is a
// SyntaxError, so that hostile input cannot make generated code for
// recursive shapes exhaust the stack.
const MaxDepth = 10000

// SyntaxError reports input that is not well-formed CBOR: truncated, a
// reserved initial byte, a break outside an indefinite-length item, a length
// longer than the input left, nesting deeper than MaxDepth, and so on.
type SyntaxError struct {
	Offset int64  // byte offset in the input where the problem was found
	Msg    string // what was wrong, e.g. "unexpected end of input in text string"
}

// Error returns "cbor: offset N: " followed by Msg.
func (e *SyntaxError) Error() string {
	return "cbor: offset " + strconv.FormatInt(e.Offset, 10) + ": " + e.Msg
}

// TypeError reports a well-formed data item that does not fit what the
// caller asked for: a text string where an integer was expected, 300 for an
// int8, 1.5 for an integer, a map key that is not a text string, and so on.
type TypeError struct {
	Offset int64  // byte offset in the input of the offending data item
	Msg    string // what was wrong, e.g. "expected text string, found number"
}

// Error returns "cbor: offset N: " followed by Msg.
func (e *TypeError) Error() string {
	return "cbor: offset " + strconv.FormatInt(e.Offset, 10) + ": " + e.Msg
}

// The major types of RFC 8949 section 3.1.
const (
	majorUint   = 0
	majorNegInt = 1
	majorBytes  = 2
	majorText   = 3
	majorArray  = 4
	majorMap    = 5
	majorTag    = 6
	majorSimple = 7 // simple values and floats
)

// Initial bytes with a meaning of their own.
const (
	byteFalse     = 0xf4
	byteTrue      = 0xf5
	byteNull      = 0xf6
	byteUndefined = 0xf7
	byteFloat16   = 0xf9
	byteFloat32   = 0xfa
	byteFloat64   = 0xfb
	byteBreak     = 0xff
	aiIndefinite  = 31
)

// indefinite is the count of an open indefinite-length container.
const indefinite = -1

// Decoder is a pull parser over one complete CBOR data item (RFC 8949). The
// caller asks for the value it expects next; see the package documentation.
//
// The first error is kept (see [Decoder.Err]); after it, every method
// returns a zero value, false or nil and consumes nothing. A Decoder is not
// safe for concurrent use.
type Decoder struct {
	s   string // the input; definite-length strings are substrings of it
	pos int    // offset of the next unread byte
	err error

	// rem is what is left of the innermost container entered with Begin*:
	// elements of an array, pairs of a map, or indefinite. outer holds the
	// rem of each enclosing container, so len(outer) is the depth.
	rem      int
	outer    []int
	outerArr [16]int // outer's first memory: most documents nest less

	keyBuf []byte   // NextKey's result
	keyArr [48]byte // keyBuf's first memory: most member names fit
	strBuf []byte   // scratch for indefinite-length strings

	strings  slab[string]
	bools    slab[bool]
	int8s    slab[int8]
	int16s   slab[int16]
	int32s   slab[int32]
	int64s   slab[int64]
	float32s slab[float32]
	float64s slab[float64]
	times    slab[time.Time]
}

// NewDecoder returns a Decoder reading data, which must hold one complete
// CBOR data item. The Decoder makes one string copy of data up front, so the
// caller may reuse data afterwards and String can return substrings of the
// copy without allocating.
//
// An empty input reads as null, because a service may send an empty body
// where the model has an output structure: BeginObject then returns false,
// as for null.
func NewDecoder(data []byte) *Decoder {
	return NewDecoderString(string(data))
}

// NewDecoderString is NewDecoder for input that is already a string, such as
// a response body read by jsonwire.ReadAll; it does not copy s.
func NewDecoderString(s string) *Decoder {
	if s == "" {
		s = "\xf6"
	}
	d := &Decoder{s: s}
	d.keyBuf = d.keyArr[:0]
	d.outer = d.outerArr[:0]
	return d
}

// Err returns the first error the Decoder met, or nil: a *SyntaxError, a
// *TypeError or an error given to Fail.
func (d *Decoder) Err() error { return d.err }

// Fail records err as the Decoder's error unless it already has one, and
// so stops decoding. Generated code uses it for errors the Decoder cannot
// see, such as a union with two members set. A nil err is ignored.
func (d *Decoder) Fail(err error) {
	if d.err == nil && err != nil {
		d.err = err
	}
}

// Offset returns the byte offset of the next unread byte, for error
// messages of the caller's own (see Fail).
func (d *Decoder) Offset() int64 { return int64(d.pos) }

func (d *Decoder) syntaxErr(at int, msg string) {
	if d.err == nil {
		d.err = &SyntaxError{Offset: int64(at), Msg: msg}
	}
}

func (d *Decoder) typeErr(at int, msg string) {
	if d.err == nil {
		d.err = &TypeError{Offset: int64(at), Msg: msg}
	}
}

func hexByte(c byte) string {
	const digits = "0123456789abcdef"
	return "0x" + string([]byte{digits[c>>4], digits[c&15]})
}

// argSize is the number of argument bytes after an initial byte, by its
// additional information (its low five bits); -1 marks the reserved values
// 28 to 30, and 31 (indefinite length or break) has none.
var argSize = [32]int8{24: 1, 25: 2, 26: 4, 27: 8, 28: -1, 29: -1, 30: -1}

// head decodes the head of the data item at offset i: its major type, its
// additional information, its argument (0 for indefinite length), and the
// offset just past the head. On truncated input or a reserved additional
// information it records a SyntaxError and returns ok false.
func (d *Decoder) head(i int) (major, ai byte, arg uint64, next int, ok bool) {
	s := d.s
	if i >= len(s) {
		d.syntaxErr(i, "unexpected end of input, expected a data item")
		return 0, 0, 0, 0, false
	}
	c := s[i]
	major, ai = c>>5, c&31
	switch n := argSize[ai]; n {
	case 0:
		if ai < 24 {
			arg = uint64(ai)
		}
		return major, ai, arg, i + 1, true
	case -1:
		d.syntaxErr(i, "reserved initial byte "+hexByte(c))
		return 0, 0, 0, 0, false
	default:
		if int(n) > len(s)-i-1 {
			d.syntaxErr(i, "unexpected end of input in the head of a data item")
			return 0, 0, 0, 0, false
		}
		for _, b := range []byte(s[i+1 : i+1+int(n)]) {
			arg = arg<<8 | uint64(b)
		}
		return major, ai, arg, i + 1 + int(n), true
	}
}

// kinds maps an initial byte to its kind; tags, reserved bytes and ill-formed
// ones map to Invalid and are looked at closer by Kind.
var kinds = func() (t [256]Kind) {
	for c := range 256 {
		major, ai := c>>5, c&31
		if ai >= 28 && ai <= 30 {
			continue
		}
		switch major {
		case majorUint, majorNegInt:
			if ai != aiIndefinite {
				t[c] = Number
			}
		case majorBytes:
			t[c] = Bytes
		case majorText:
			t[c] = String
		case majorArray:
			t[c] = Array
		case majorMap:
			t[c] = Object
		case majorSimple:
			switch c {
			case byteFalse, byteTrue:
				t[c] = Bool
			case byteNull, byteUndefined:
				t[c] = Null
			case byteFloat16, byteFloat32, byteFloat64:
				t[c] = Number
			case byteBreak:
			default:
				t[c] = Simple
			}
		}
	}
	return t
}()

// Kind reports the kind of the next data item without consuming anything.
// A tagged item has the kind of its content, except that the numeric tags
// 1 (epoch time), 2 and 3 (bignums) and 4 (decimal fraction) are Number.
// Kind returns Invalid at the end of the input, at a byte that cannot start
// a data item, and after an error. The kind is a guess from the first
// bytes: the item may still turn out malformed when read.
func (d *Decoder) Kind() Kind {
	if d.err != nil {
		return Invalid
	}
	i := d.pos
	for i < len(d.s) {
		c := d.s[i]
		if c>>5 != majorTag {
			return kinds[c]
		}
		tag, _, next, ok := d.peekHead(i)
		if !ok || c&31 == aiIndefinite {
			return Invalid
		}
		if tag >= 1 && tag <= 4 {
			return Number
		}
		i = next
	}
	return Invalid
}

// peekHead is head without recording errors, for Kind.
func (d *Decoder) peekHead(i int) (arg uint64, ai byte, next int, ok bool) {
	err := d.err
	_, ai, arg, next, ok = d.head(i)
	d.err = err
	return arg, ai, next, ok
}

// describe names the data item at offset i for an error message. Kind
// calls whatever tags 1 to 4 hold a number, as the decoders that read those
// tags expect; so that "expected a timestamp, found ..." does not name what
// was expected, the tags are named here with what they hold ("tag 1
// holding a text string"). Tags the decoders read past are left out, as
// Kind leaves them.
func (d *Decoder) describe(i int) string {
	var tags string
	for n := 0; i < len(d.s) && d.s[i]>>5 == majorTag && d.s[i]&31 != aiIndefinite; {
		tag, _, next, ok := d.peekHead(i)
		if !ok {
			break
		}
		if tag >= 1 && tag <= 4 {
			// A few are enough to say what the item is; hostile input
			// may nest any number.
			if n++; n <= 3 {
				tags += "tag " + strconv.FormatUint(tag, 10) + " holding "
			}
		}
		i = next
	}
	what := d.describeUntagged(i)
	if tags == "" {
		return what
	}
	switch what[0] {
	case 'a', 'e', 'i':
		return tags + "an " + what
	}
	return tags + "a " + what
}

// describeUntagged names the data item at offset i, which is not a tag
// (or is one that is not well-formed).
func (d *Decoder) describeUntagged(i int) string {
	if i >= len(d.s) {
		return "end of input"
	}
	save := d.pos
	d.pos = i
	k := d.Kind()
	d.pos = save
	if k == Invalid {
		if d.s[i] == byteBreak {
			return "break"
		}
		return "initial byte " + hexByte(d.s[i])
	}
	return k.String()
}

// mismatch records the error for finding something other than a want value
// at offset i: a TypeError if a well-formed data item starts there, else a
// SyntaxError.
func (d *Decoder) mismatch(i int, want string) {
	if d.err != nil {
		return
	}
	if i >= len(d.s) {
		d.syntaxErr(i, "unexpected end of input, expected "+want)
		return
	}
	// Report a malformed item as such, not as one of the wrong kind.
	save := d.pos
	d.pos = i
	d.Skip()
	d.pos = save
	if d.err == nil {
		d.typeErr(i, "expected "+want+", found "+d.describe(i))
	}
}

// Null consumes the next data item and returns true if it is null or
// undefined (tagged or not); otherwise it consumes nothing and returns
// false.
func (d *Decoder) Null() bool {
	if i := d.pos; i < len(d.s) && d.err == nil {
		if c := d.s[i]; c == byteNull || c == byteUndefined {
			d.pos = i + 1
			return true
		} else if c>>5 == majorTag {
			return d.nullSlow(i)
		}
	}
	return false
}

// nullSlow is Null for the tagged item at offset i.
func (d *Decoder) nullSlow(i int) bool {
	i, _ = d.content(i)
	if i < len(d.s) && (d.s[i] == byteNull || d.s[i] == byteUndefined) {
		d.pos = i + 1
		return true
	}
	return false
}

// skipTags returns the offset of the first byte at or after i that is not
// part of a tag head, leaving tags for the caller to ignore. It stops at
// malformed bytes, which the caller's own reading then reports.
func (d *Decoder) skipTags(i int) int {
	for i < len(d.s) && d.s[i]>>5 == majorTag && d.s[i]&31 != aiIndefinite {
		_, _, next, ok := d.peekHead(i)
		if !ok {
			return i
		}
		i = next
	}
	return i
}

// begin enters the array or map (major) at the current offset and returns
// true, or consumes null or undefined and returns false. Anything else is
// an error.
func (d *Decoder) begin(major byte, want string) bool {
	i := d.pos
	if i >= len(d.s) || d.err != nil {
		d.mismatch(i, want)
		return false
	}
	// Fast path: a definite length of up to 23, in the initial byte, that
	// the input left can back.
	if c := d.s[i]; c>>5 == major && c&31 < 24 && len(d.outer) < MaxDepth {
		n := int(c & 31)
		if major == majorMap {
			n *= 2
		}
		if n <= len(d.s)-i-1 {
			d.outer = append(d.outer, d.rem)
			d.rem = int(c & 31)
			d.pos = i + 1
			return true
		}
	}
	return d.beginSlow(i, major, want)
}

// beginSlow is begin for all but short definite-length containers.
func (d *Decoder) beginSlow(i int, major byte, want string) bool {
	switch c := d.s[i]; {
	case c>>5 == major:
	case c == byteNull || c == byteUndefined:
		d.pos = i + 1
		return false
	case c>>5 == majorTag:
		// A tag on a container means nothing to Smithy: read past it.
		if j := d.skipTags(i); j > i && j < len(d.s) && d.s[j]>>5 == major {
			i = j
			break
		}
		fallthrough
	default:
		d.mismatch(i, want)
		return false
	}
	_, ai, n, next, ok := d.head(i)
	if !ok {
		return false
	}
	if len(d.outer) >= MaxDepth {
		d.syntaxErr(i, "exceeded max depth of "+strconv.Itoa(MaxDepth))
		return false
	}
	rem := indefinite
	if ai != aiIndefinite {
		// Every element takes at least a byte, a pair two: a longer
		// count is a lie, caught here before anything is sized by it.
		left := uint64(len(d.s) - next)
		if major == majorMap {
			left /= 2
		}
		if n > left {
			d.syntaxErr(i, want+" of "+strconv.FormatUint(n, 10)+" entries is longer than the input left")
			return false
		}
		rem = int(n)
	}
	d.outer = append(d.outer, d.rem)
	d.rem = rem
	d.pos = next
	return true
}

// BeginObject enters a map (of definite or indefinite length) and returns
// true, or consumes null (or undefined) and returns false. Anything else
// is an error. After true, call NextKey until it returns false.
func (d *Decoder) BeginObject() bool { return d.begin(majorMap, "map") }

// BeginArray enters an array (of definite or indefinite length) and
// returns true, or consumes null (or undefined) and returns false.
// Anything else is an error. After true, call NextElem until it returns
// false.
func (d *Decoder) BeginArray() bool { return d.begin(majorArray, "array") }

// end leaves the innermost container.
func (d *Decoder) end() {
	if n := len(d.outer); n > 0 {
		d.rem = d.outer[n-1]
		d.outer = d.outer[:n-1]
	}
}

// more reports whether the innermost container has another entry, other
// than by counting down a positive rem (which its callers do inline), and
// leaves the container when it has none.
func (d *Decoder) more(what string) bool {
	if d.rem == 0 {
		d.end()
		return false
	}
	i := d.pos
	if i >= len(d.s) {
		d.syntaxErr(i, "unexpected end of input in "+what)
		return false
	}
	if d.s[i] == byteBreak {
		d.pos = i + 1
		d.end()
		return false
	}
	return true
}

// NextElem reports whether the current array has another element, leaving
// the Decoder before it; the caller must read or Skip it. At the end of the
// array it consumes the break, if any, and returns false.
func (d *Decoder) NextElem() bool {
	if d.err != nil {
		return false
	}
	if d.rem > 0 {
		d.rem--
		return true
	}
	return d.more("array")
}

// NextKey returns the next key of the current map and true, leaving the
// Decoder before the entry's value, which the caller must read or Skip. At
// the end of the map it consumes the break, if any, and returns nil and
// false. Keys must be text strings (Smithy's maps and structures have no
// other kind). The key aliases memory of the Decoder that the next NextKey
// call overwrites; switch on string(key) to match it without allocating.
// Use NextKeyString for a key to keep.
func (d *Decoder) NextKey() ([]byte, bool) {
	k, ok := d.NextKeyString()
	if !ok {
		return nil, false
	}
	d.keyBuf = append(d.keyBuf[:0], k...)
	return d.keyBuf, true
}

// NextKeyString is NextKey returning the key as a string that stays valid:
// map keys and union member names, and structure member names to switch on.
// Definite-length keys of valid UTF-8 are substrings of the input and cost
// no allocation.
func (d *Decoder) NextKeyString() (string, bool) {
	if d.rem > 0 && d.err == nil {
		d.rem--
	} else if d.err != nil || !d.more("map") {
		return "", false
	}
	s, i := d.s, d.pos
	if i < len(s) {
		if n := int(s[i]) - 0x60; n >= 0 && n < 24 && n < len(s)-i {
			k := s[i+1 : i+1+n]
			if ascii(k) {
				d.pos = i + 1 + n
				return k, true
			}
		}
	}
	k := d.textSlow(i, "text string map key")
	return k, d.err == nil
}

// ascii reports whether s is all ASCII, the common case of a key or a
// short string, which then needs no further UTF-8 check. It ORs the bytes
// rather than testing each: no branch per byte, and small enough to inline.
// Text that is not goes to utf8valid, which checks it with vector
// instructions where it can.
func ascii(s string) bool {
	var or byte
	for i := 0; i < len(s); i++ {
		or |= s[i]
	}
	return or < utf8.RuneSelf
}

// String reads a text string. A definite-length string of valid UTF-8 is
// returned as a substring of the Decoder's copy of the input, without
// allocating; an indefinite-length one is joined into a new string. Invalid
// UTF-8 becomes U+FFFD, one per bad byte, as with jsonwire. Tags before the
// string are ignored.
func (d *Decoder) String() string {
	if d.err != nil {
		return ""
	}
	s, i := d.s, d.pos
	if i < len(s) {
		// Short strings have their length in the initial byte, longer ones
		// up to 255 bytes in the next.
		start, n := i+1, -1
		if c := s[i]; c >= 0x60 && c < 0x78 {
			n = int(c - 0x60)
		} else if c == 0x78 && i+1 < len(s) {
			start, n = i+2, int(s[i+1])
		}
		if n >= 0 && n <= len(s)-start {
			v := s[start : start+n]
			if ascii(v) || utf8valid.ValidString(v) {
				d.pos = start + n
				return v
			}
		}
	}
	return d.textSlow(i, "text string")
}

// textSlow reads the text string at offset i (past any tags) in any form,
// replacing invalid UTF-8.
func (d *Decoder) textSlow(i int, want string) string {
	i = d.skipTags(i)
	b, ok := d.stringAt(i, majorText, want, true)
	if !ok {
		return ""
	}
	if utf8valid.ValidString(b) {
		return b
	}
	return replaceInvalidUTF8(b)
}

// replaceInvalidUTF8 replaces each byte of s that is not part of valid
// UTF-8 with U+FFFD.
func replaceInvalidUTF8(s string) string {
	out := make([]byte, 0, len(s)+8)
	for _, r := range s {
		out = utf8.AppendRune(out, r) // ranging yields U+FFFD for each bad byte
	}
	return string(out)
}

// stringAt reads the byte or text string (major) at offset i and returns
// its content: a substring of the input if it has a definite length, else
// (if join) its chunks joined into a new string. Anything else is an
// error.
func (d *Decoder) stringAt(i int, major byte, want string, join bool) (string, bool) {
	if i >= len(d.s) || d.s[i]>>5 != major {
		d.mismatch(i, want)
		return "", false
	}
	_, ai, n, next, ok := d.head(i)
	if !ok {
		return "", false
	}
	if ai != aiIndefinite {
		if n > uint64(len(d.s)-next) {
			d.syntaxErr(i, "unexpected end of input in "+want+" of "+strconv.FormatUint(n, 10)+" bytes")
			return "", false
		}
		end := next + int(n)
		d.pos = end
		return d.s[next:end], true
	}
	// An indefinite-length string: definite-length chunks of the same
	// major type, then a break. The chunks are joined in strBuf, whose
	// size is bounded by the input's.
	buf := d.strBuf[:0]
	j := next
	for {
		if j >= len(d.s) {
			d.syntaxErr(j, "unexpected end of input in indefinite-length "+want)
			return "", false
		}
		if d.s[j] == byteBreak {
			d.pos = j + 1
			if !join {
				return "", true
			}
			d.strBuf = buf
			return string(buf), true
		}
		m, ai, n, next, ok := d.head(j)
		if !ok {
			return "", false
		}
		if m != major || ai == aiIndefinite {
			d.syntaxErr(j, "invalid chunk in indefinite-length "+want+": each must be a definite-length string of the same type")
			return "", false
		}
		if n > uint64(len(d.s)-next) {
			d.syntaxErr(j, "unexpected end of input in a chunk of "+strconv.FormatUint(n, 10)+" bytes")
			return "", false
		}
		if join {
			buf = append(buf, d.s[next:next+int(n)]...)
		}
		j = next + int(n)
	}
}

// Skip consumes the next data item of any kind, checking that it is
// well-formed (RFC 8949 section 5.3.1): unknown members, tags and simple
// values all pass. It does not recurse, so nesting costs no stack, but it
// counts towards MaxDepth.
func (d *Decoder) Skip() {
	if d.err != nil {
		return
	}
	s := d.s
	// stack holds the open containers: a positive count of items (a map's
	// pairs counted as two) left in a definite-length one, or one of the
	// markers below for an indefinite-length one.
	const (
		indefArray  = -1
		indefMapKey = -2 // a key, or the break, is next
		indefMapVal = -3 // a value is next
	)
	// The stack grows in outer's spare memory, past the open containers.
	stack := d.outer[len(d.outer):len(d.outer)]
	i := d.pos
	tagged := false // a tag head was read and its content is due
	for {
		major, ai, arg, next, ok := d.head(i)
		if !ok {
			return
		}
		at := i
		i = next
		switch major {
		case majorUint, majorNegInt:
			if ai == aiIndefinite {
				d.syntaxErr(at, "initial byte "+hexByte(s[at])+" is not well-formed: integers have no indefinite length")
				return
			}
		case majorBytes, majorText:
			if ai != aiIndefinite {
				if arg > uint64(len(s)-i) {
					d.syntaxErr(at, "unexpected end of input in a string of "+strconv.FormatUint(arg, 10)+" bytes")
					return
				}
				i += int(arg)
				break
			}
			save := d.pos
			if _, ok := d.stringAt(at, major, "string", false); !ok {
				return
			}
			i, d.pos = d.pos, save // stringAt moved pos past the string
		case majorArray, majorMap:
			if len(d.outer)+len(stack) >= MaxDepth {
				d.syntaxErr(at, "exceeded max depth of "+strconv.Itoa(MaxDepth))
				return
			}
			if ai == aiIndefinite {
				if major == majorArray {
					stack = append(stack, indefArray)
				} else {
					stack = append(stack, indefMapKey)
				}
				tagged = false
				continue
			}
			left := uint64(len(s) - i)
			if major == majorMap {
				left /= 2
			}
			if arg > left {
				d.syntaxErr(at, "container of "+strconv.FormatUint(arg, 10)+" entries is longer than the input left")
				return
			}
			if arg > 0 {
				n := int(arg)
				if major == majorMap {
					n *= 2
				}
				stack = append(stack, n)
				tagged = false
				continue
			}
		case majorTag:
			if ai == aiIndefinite {
				d.syntaxErr(at, "initial byte 0xdf is not well-formed: tags have no indefinite length")
				return
			}
			tagged = true
			continue
		case majorSimple:
			switch {
			case ai == aiIndefinite:
				// A break closes the innermost indefinite-length
				// container, if that is what is open.
				n := len(stack)
				if tagged || n == 0 || (stack[n-1] != indefArray && stack[n-1] != indefMapKey) {
					d.syntaxErr(at, "unexpected break")
					return
				}
				stack = stack[:n-1]
			case ai == 24 && arg < 32:
				d.syntaxErr(at, "simple value "+strconv.FormatUint(arg, 10)+" in two bytes is not well-formed")
				return
			}
		}
		tagged = false
		// An item ended at i: count it in the open containers.
		for {
			n := len(stack)
			if n == 0 {
				d.pos = i
				return
			}
			top := &stack[n-1]
			switch {
			case *top > 1:
				*top--
			case *top == 1:
				stack = stack[:n-1]
				continue // the container ended: an item of its parent
			case *top == indefMapKey:
				*top = indefMapVal
			case *top == indefMapVal:
				*top = indefMapKey
			}
			break
		}
	}
}

// Raw returns a copy of the next data item's exact encoding, tags included,
// and consumes it: what generated code keeps of an unknown union member.
func (d *Decoder) Raw() []byte {
	if d.err != nil {
		return nil
	}
	start := d.pos
	d.Skip()
	if d.err != nil {
		return nil
	}
	return []byte(d.s[start:d.pos])
}

// End checks that nothing follows the data item read, and records a
// SyntaxError otherwise.
func (d *Decoder) End() {
	if d.err != nil {
		return
	}
	if d.pos < len(d.s) {
		d.syntaxErr(d.pos, "unexpected "+d.describe(d.pos)+" after the top-level data item")
	}
}
