package jsonwire

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/smithygo/smithygo/runtime/textfmt"
	"github.com/smithygo/smithygo/runtime/utf8valid"
)

// Kind is the kind of a JSON value, as reported by [Decoder.Kind].
type Kind uint8

// The kinds of JSON values. Invalid is also what Kind reports at the end of
// the input, at a byte that cannot start a value, and after an error.
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Array
	Object
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
		return "string"
	case Array:
		return "array"
	case Object:
		return "object"
	}
	return "invalid"
}

// MaxDepth is how deeply arrays and objects may nest. Deeper input is a
// SyntaxError, so that hostile input cannot make generated code for
// recursive shapes exhaust the stack.
const MaxDepth = 10000

// SyntaxError reports input that is not well-formed JSON.
type SyntaxError struct {
	Offset int64  // byte offset in the input where the problem was found
	Msg    string // what was wrong, e.g. "invalid character 'x' looking for beginning of value"
}

// Error returns "jsonwire: offset N: " followed by Msg.
func (e *SyntaxError) Error() string {
	return "jsonwire: offset " + strconv.FormatInt(e.Offset, 10) + ": " + e.Msg
}

// TypeError reports a well-formed JSON value that does not fit what the
// caller asked for: a number where a string was expected, 1.5 for an
// integer, a malformed timestamp, and so on.
type TypeError struct {
	Offset int64  // byte offset in the input of the offending value
	Msg    string // what was wrong, e.g. "expected string, found number"
}

// Error returns "jsonwire: offset N: " followed by Msg.
func (e *TypeError) Error() string {
	return "jsonwire: offset " + strconv.FormatInt(e.Offset, 10) + ": " + e.Msg
}

// Decoder is a pull parser over one complete JSON document. The caller asks
// for the value it expects next; see the package documentation.
//
// The first error is kept (see [Decoder.Err]); after it, every method
// returns a zero value, false or nil and consumes nothing. A Decoder is not
// safe for concurrent use.
//
// A client's copy of the runtime (gen -runtime copy) keeps only the methods
// that the client calls.
//
//smithygo:closed
type Decoder struct {
	s     []byte // the input, never changed and never handed out: strings are copied (see keep)
	pos   int    // offset of the next unread byte
	err   error
	depth int  // open arrays and objects entered with Begin*
	first bool // just after '{' or '[': no comma expected before the next member

	keyBuf  []byte     // NextKey's result
	keyArr  [48]byte   // keyBuf's first memory: most member names fit
	strBuf  []byte     // unescaping scratch for stringBytes (String unescapes into arena)
	arena   []byte     // the current block of decoded strings, see keep
	used    int        // how much of arena is handed out
	kept    int        // how much of the blocks before arena was handed out
	blobs   []byte     // the block that Base64 decodes short values into, see blobSpace
	pools   *poolTable // a *listMem[T] or *mapMem[V] for each element type seen (see poolOf)
	newIns  int        // NewIn's calls, up to newInAlone
	scatter int        // how scattered the members' order is, see scatterLimit
	sized   *listMem   // the listMems whose blocks End may pass on (see spareTypes), linked by their sized

	slabs slabs // the Box methods' blocks
}

// NewDecoder returns a Decoder reading data, which must hold one complete
// JSON document and must not change while it is decoded. The Decoder keeps
// no reference to data once decoding is done: every string it returns is a
// copy, kept with the others in shared blocks (see keep), so data may be
// reused afterwards, for example given back with [ReleaseBody].
//
// An input of only whitespace (including an empty one) reads as null,
// because restJson1 services may send an empty body where the model has an
// output structure: BeginObject then returns false, as for null.
func NewDecoder(data []byte) *Decoder {
	if isBlank(data) {
		data = nullText
	}
	d := &Decoder{s: data}
	d.keyBuf = d.keyArr[:0]
	return d
}

// nullText is what a blank input reads as. It is never written to.
var nullText = []byte("null")

// NewDecoderString is NewDecoder for input in a string, which it copies.
func NewDecoderString(s string) *Decoder { return NewDecoder([]byte(s)) }

// maxSizeHint caps how much ReadBody allocates up front on the word of a
// Content-Length header; longer bodies still read fine, growing as they go.
const maxSizeHint = 64 << 20

// maxPooledBody is the largest buffer ReleaseBody keeps for reuse, so that
// one huge response does not stay in memory for good.
const maxPooledBody = 8 << 20

// bodies holds buffers given back by ReleaseBody (as *[]byte, which a Pool
// stores without allocating).
var bodies sync.Pool

// ReadBody reads r to EOF into a buffer for [NewDecoder], reusing one given
// back by [ReleaseBody] when there is one: decoding copies what it keeps, so
// a response body is garbage once decoded, and reusing its memory spares
// the allocation (the largest of a decode) and the garbage collector's work.
// sizeHint is the expected length (an HTTP response's ContentLength), or -1
// if unknown.
func ReadBody(r io.Reader, sizeHint int64) ([]byte, error) {
	hint := 512
	if sizeHint >= 0 {
		// One byte more than the hint lets the last Read see EOF
		// without growing the buffer.
		hint = int(min(sizeHint, maxSizeHint)) + 1
	}
	var buf []byte
	if p, ok := bodies.Get().(*[]byte); ok {
		buf = (*p)[:0]
	}
	if cap(buf) < hint {
		// Too small: dropped, not given back. Given back, it would be
		// what the next Get returns (a Pool hands out the last buffer put
		// first), and every larger body after it would miss the larger
		// buffer behind it and allocate anew: a client whose responses
		// vary in size would allocate for most of them.
		buf = make([]byte, 0, hint)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// ReleaseBody gives a buffer from ReadBody back for reuse. Nothing may use
// it afterwards: call it once the body's decoding is done.
func ReleaseBody(b []byte) {
	if b == nil || cap(b) > maxPooledBody {
		return
	}
	bodies.Put(&b)
}

// hasPrefix reports whether b begins with s, without converting either.
func hasPrefix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[:len(s)]) == s
}

func isBlank(s []byte) bool {
	for i := 0; i < len(s); i++ {
		if !whitespace[s[i]] {
			return false
		}
	}
	return true
}

// Err returns the first error the Decoder met, or nil: a *SyntaxError, a
// *TypeError or an error given to Fail.
func (d *Decoder) Err() error { return d.err }

// Fail records err as the Decoder's error unless it already has one, and
// so stops decoding: the way for a caller to report an error the Decoder
// cannot see (generated code uses RefuseNull and RefuseUnion for the ones
// it knows). A nil err is ignored.
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

// describe names the byte c for an error message.
func describe(c byte) string {
	if 0x20 <= c && c < 0x7f {
		return "'" + string(rune(c)) + "'"
	}
	return "byte 0x" + strconv.FormatUint(uint64(c), 16)
}

// mismatch records the error for finding something other than a want value
// at offset i: a TypeError if a valid value starts there, else a
// SyntaxError.
func (d *Decoder) mismatch(i int, want string) {
	if i >= len(d.s) {
		d.syntaxErr(i, "unexpected end of input, expected "+want)
		return
	}
	// Report a malformed value as such, not as one of the wrong kind.
	c := d.s[i]
	k := kinds[c]
	switch k {
	case Invalid:
		d.syntaxErr(i, "invalid character "+describe(c)+" looking for beginning of value")
		return
	case Number:
		if end, ok := textfmt.ScanNumber(d.s, i); !ok {
			d.syntaxErr(end, "invalid number")
			return
		}
	case String:
		if d.skipString(i+1) < 0 {
			return
		}
	case Bool, Null:
		word := "null"
		if c == 't' {
			word = "true"
		} else if c == 'f' {
			word = "false"
		}
		if !hasPrefix(d.s[i:], word) {
			d.syntaxErr(i, "invalid literal, expected "+word)
			return
		}
	}
	d.typeErr(i, "expected "+want+", found "+k.String())
}

// whitespace marks the four JSON whitespace bytes.
var whitespace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// kinds maps the first byte of a value to its kind.
var kinds = [256]Kind{
	'{': Object, '[': Array, '"': String, 't': Bool, 'f': Bool, 'n': Null, '-': Number,
	'0': Number, '1': Number, '2': Number, '3': Number, '4': Number,
	'5': Number, '6': Number, '7': Number, '8': Number, '9': Number,
}

// plain marks the bytes that stand for themselves inside a string and need
// no further checks: printable ASCII other than '"' and '\'.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// skipSpace advances past whitespace and returns the new offset. Compact
// JSON has none, so the first byte is checked inline (every byte above ' '
// is not whitespace) and only whitespace pays for the loop.
func (d *Decoder) skipSpace() int {
	if i := d.pos; i < len(d.s) && d.s[i] > ' ' {
		return i
	}
	return d.skipSpaceLoop()
}

func (d *Decoder) skipSpaceLoop() int {
	d.pos = skipWhitespace(d.s, d.pos)
	return d.pos
}

// skipWhitespace returns the offset of the first byte of s from i on that
// is not whitespace, or len(s). It is small enough to inline: compact JSON
// pays one check, and only whitespace pays for the loop.
func skipWhitespace(s []byte, i int) int {
	if uint(i) < uint(len(s)) && whitespace[s[i]] {
		return skipWhitespaceRun(s, i)
	}
	return i
}

// skipWhitespaceRun is skipWhitespace's loop, small enough to inline where
// a run is short (the one space after a ':'); skipIndent is for the others.
func skipWhitespaceRun(s []byte, i int) int {
	for i < len(s) && whitespace[s[i]] {
		i++
	}
	return i
}

// skipIndent is skipWhitespaceRun for the runs between the lines of
// indented JSON: a newline and the next line's indent, whose spaces are
// passed over a word at a time (the word's first byte that is not a space
// is found exactly, by its bits). Any other run (tabs, blank lines) goes on
// a byte at a time from where the spaces stop.
func skipIndent(s []byte, i int) int {
	if i < len(s) && s[i] == '\n' {
		i++
	}
	for i+8 <= len(s) {
		x := binary.LittleEndian.Uint64(s[i:]) ^ 0x2020202020202020
		if x != 0 {
			i += bits.TrailingZeros64(x) >> 3
			if !whitespace[s[i]] {
				return i
			}
			break
		}
		i += 8
	}
	return skipWhitespaceRun(s, i)
}

// textRun returns the offset of the first byte at or after i that ends a
// run of string content needing no unescaping: '"', '\\', a control
// character, the start of invalid UTF-8, or len(s). It passes over ASCII
// eight bytes at a time (the generated decoders spend much of their time in
// member names and string values) and checks multi-byte UTF-8 as it goes.
func textRun(s []byte, i int) int {
	for {
		// Plain ASCII, a word at a time, up to the first byte that is not.
		for {
			if i+8 > len(s) {
				for i < len(s) && plain[s[i]] {
					i++
				}
				break
			}
			x := binary.LittleEndian.Uint64(s[i:])
			if m := notPlain(x); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		// Multi-byte sequences, one after the other, checked by the table
		// of well-formed sequences in the Unicode Standard (section 3.9):
		// no overlong forms, no surrogates, nothing past U+10FFFF, as
		// utf8.DecodeRune decides.
	multi:
		for i < len(s) {
			c := s[i]
			switch {
			case c < utf8.RuneSelf:
				break multi
			case 0xC2 <= c && c <= 0xDF:
				if i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
					i += 2
					continue
				}
			case 0xE0 <= c && c <= 0xEF:
				if i+2 < len(s) {
					lo, hi := byte(0x80), byte(0xBF)
					if c == 0xE0 {
						lo = 0xA0 // no overlong forms
					} else if c == 0xED {
						hi = 0x9F // no surrogates
					}
					if c1 := s[i+1]; lo <= c1 && c1 <= hi && s[i+2]&0xC0 == 0x80 {
						i += 3
						continue
					}
				}
			case 0xF0 <= c && c <= 0xF4:
				if i+3 < len(s) {
					lo, hi := byte(0x80), byte(0xBF)
					if c == 0xF0 {
						lo = 0x90 // no overlong forms
					} else if c == 0xF4 {
						hi = 0x8F // nothing past U+10FFFF
					}
					if c1 := s[i+1]; lo <= c1 && c1 <= hi && s[i+2]&0xC0 == 0x80 && s[i+3]&0xC0 == 0x80 {
						i += 4
						continue
					}
				}
			}
			return i // invalid UTF-8
		}
		if i >= len(s) || !plain[s[i]] {
			return i
		}
	}
}

// Eight bytes at a time: the high bit of each byte of stops(x) is set where
// the byte of x is '"', '\\' or a control character (below 0x20); bytes
// from 0x80 are never flagged. This is the "has a zero byte" trick
// (x-0x0101..)&^x&0x8080..: a borrow can only run upwards from a flagged
// byte, so bytes above the first flagged one may be flagged wrongly, but
// the lowest flag is always exact.
const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

func stops(x uint64) uint64 {
	q := x ^ (lowBits * '"')
	b := x ^ (lowBits * '\\')
	// q and b have the high bits of x, so &^x stands for &^q and &^b.
	return ((x - lowBits*0x20) | (q - lowBits) | (b - lowBits)) &^ x & highBits
}

// notPlain is stops(x) with bytes from 0x80 flagged too: those not in the
// plain table. ORing x in before the mask flags them and, as they borrow
// nothing, leaves the lowest flag exact.
func notPlain(x uint64) uint64 {
	q := x ^ (lowBits * '"')
	b := x ^ (lowBits * '\\')
	return ((x - lowBits*0x20) | (q - lowBits) | (b - lowBits) | x) & highBits
}

// quoteRun returns the offset of the first '"', '\\' or control character
// at or after i, or len(s), passing over everything else (invalid UTF-8
// included) eight bytes at a time.
func quoteRun(s []byte, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if m := stops(binary.LittleEndian.Uint64(s[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for i < len(s) && !stringStop[s[i]] {
		i++
	}
	return i
}

// wideRun is quoteRun that also reports whether the bytes it passes over
// include any from 0x80 on, which must be checked for valid UTF-8 before
// they are used as they are (see unquote). With 32 bytes or more left, it
// is wideRunLong, which where the processor has vector instructions reads
// 32 bytes at a time.
func wideRun(s []byte, i int) (int, bool) {
	if i >= 0 && len(s)-i >= 32 {
		return wideRunLong(s, i)
	}
	return wideRunWords(s, i)
}

// wideRunWords is wideRun eight bytes at a time.
func wideRunWords(s []byte, i int) (int, bool) {
	var acc uint64 // the bytes passed over, ORed
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64(s[i:])
		if m := stops(x); m != 0 {
			acc |= x & (m&-m - 1) // the bytes before the stop
			return i + bits.TrailingZeros64(m)/8, acc&highBits != 0
		}
		acc |= x
	}
	for ; i < len(s) && !stringStop[s[i]]; i++ {
		acc |= uint64(s[i])
	}
	return i, acc&highBits != 0
}

// Kind reports the kind of the next value without consuming anything. It
// returns Invalid at the end of the input, at a byte that cannot start a
// value, and after an error. The kind is a guess from the first byte: the
// value may still turn out malformed when read.
func (d *Decoder) Kind() Kind {
	if d.err != nil {
		return Invalid
	}
	i := d.skipSpace()
	if i >= len(d.s) {
		return Invalid
	}
	return kinds[d.s[i]]
}

// Null consumes the next value and returns true if it is null; otherwise it
// consumes nothing and returns false.
func (d *Decoder) Null() bool {
	// Inline fast path: a value that starts with anything but 'n' or
	// whitespace is not null (and after an error, Null is false anyway).
	if uint(d.pos) < uint(len(d.s)) && notNull[d.s[d.pos]] {
		return false
	}
	return d.null()
}

// notNull marks the bytes that cannot start null or whitespace before it.
var notNull = func() (t [256]bool) {
	for c := range t {
		t[c] = c > ' ' && c != 'n'
	}
	return t
}()

func (d *Decoder) null() bool {
	if d.err != nil {
		return false
	}
	i := d.skipSpace()
	if hasPrefix(d.s[i:], "null") {
		d.pos = i + 4
		return true
	}
	return false
}

// literal consumes word (true, false or null) at offset i, or records a
// SyntaxError.
func (d *Decoder) literal(i int, word string) bool {
	if hasPrefix(d.s[i:], word) {
		d.pos = i + len(word)
		return true
	}
	d.syntaxErr(i, "invalid literal, expected "+word)
	return false
}

// begin consumes open ('{' or '[') and returns true, or consumes null and
// returns false.
func (d *Decoder) begin(open byte, want string) bool {
	if d.err != nil {
		return false
	}
	i := d.skipSpace()
	if i < len(d.s) {
		switch d.s[i] {
		case open:
			if d.depth >= MaxDepth {
				d.syntaxErr(i, "exceeded max depth of "+strconv.Itoa(MaxDepth))
				return false
			}
			d.depth++
			d.first = true
			d.pos = i + 1
			return true
		case 'n':
			d.literal(i, "null")
			return false
		}
	}
	d.mismatch(i, want)
	return false
}

// BeginObject consumes '{' and returns true, or consumes null and returns
// false. Anything else is an error. After true, call NextKey until it
// returns false.
func (d *Decoder) BeginObject() bool { return d.beginHere('{') || d.begin('{', "object") }

// BeginArray consumes '[' and returns true, or consumes null and returns
// false. Anything else is an error. After true, call NextElem until it
// returns false.
func (d *Decoder) BeginArray() bool { return d.beginHere('[') || d.begin('[', "array") }

// beginHere is the inlined fast path of BeginObject and BeginArray:
// compact JSON, with the open bracket right here. Anything else (space,
// null, an error, the depth limit) is begin's.
func (d *Decoder) beginHere(open byte) bool {
	if s, i := d.s, d.pos; d.err == nil && uint(i) < uint(len(s)) && s[i] == open && d.depth < MaxDepth {
		d.depth++
		d.first = true
		d.pos = i + 1
		return true
	}
	return false
}

// NextKey returns the next member name of the current object, unescaped,
// and true, leaving the Decoder before the member's value, which the caller
// must read or Skip. At the end of the object it consumes '}' and returns
// nil and false. The name aliases the input or memory of the Decoder, valid
// until the next call: switch on string(name) to match it without copying
// or allocating. Use NextKeyString for a name to keep, such as a map key.
func (d *Decoder) NextKey() ([]byte, bool) {
	// Fast path, without nextMember's call: compact JSON, where '}' or
	// the name (with nothing to unescape) follows '{' or ',', and ':'
	// follows the name.
	if s, i := d.s, d.pos; d.err == nil && uint(i) < uint(len(s)) {
		c := s[i]
		if c == '}' {
			d.first = false
			d.pos = i + 1
			d.depth--
			return nil, false
		}
		if !d.first {
			if c != ',' {
				i = len(s) // not compact: nextMember reads it
			}
			i++
		}
		// A name of up to seven plain bytes (a union's member, a short
		// key) ends within the word after its quote: textRun's call and
		// loop cost several times the word's test.
		if i+9 <= len(s) && s[i] == '"' {
			j := i + 1
			if m := notPlain(binary.LittleEndian.Uint64(s[j:])); m != 0 {
				j += bits.TrailingZeros64(m) >> 3
			} else {
				j += 8
			}
			if j >= len(s) || s[j] != '"' {
				j = textRun(s, j)
			}
			if j+1 < len(s) && s[j] == '"' && s[j+1] == ':' {
				d.first = false
				d.pos = j + 2
				return s[i+1 : j : j], true
			}
		}
	}
	start, end, esc, ok := d.nextMember()
	if !ok {
		return nil, false
	}
	if esc {
		return d.keyBuf, true
	}
	return d.s[start:end:end], true
}

// NextKeyString is NextKey returning the name as a string that stays valid:
// map keys and union member names, copied into the Decoder's shared blocks.
func (d *Decoder) NextKeyString() (string, bool) {
	// Fast path: compact JSON, where the name follows '{' or ',' and ':'
	// follows the name, and a short plain name, which scanString keeps
	// without a second pass; then '}', and then (spacedKeyString) the
	// same after space. Anything else, including a name scanString kept
	// but not followed by ':', is read again by nextMember.
	if s, p, u := d.s, d.pos, d.used; d.err == nil && p+1 < len(s) {
		if d.first && s[p] == '"' || !d.first && s[p] == ',' && s[p+1] == '"' {
			i := p
			if !d.first {
				i++
			}
			if v, done, j, _ := d.scanString(i); done && j+1 < len(s) && s[j+1] == ':' {
				d.first = false
				d.pos = j + 2
				return v, true
			}
			d.pos, d.used = p, u
		} else if s[p] == '}' {
			d.first = false
			d.pos = p + 1
			d.depth--
			return "", false
		} else if v, ok := d.spacedKeyString(); ok {
			return v, true
		}
	}
	start, end, esc, ok := d.nextMember()
	if !ok {
		return "", false
	}
	if esc {
		return d.keep(d.keyBuf), true
	}
	return d.keep(d.s[start:end]), true
}

// spacedKeyString is NextKeyString's fast path for indented JSON, or JSON
// with a space after each ',' and ':'. It returns false, the Decoder as it
// was, for anything else.
func (d *Decoder) spacedKeyString() (string, bool) {
	s, p, u := d.s, d.pos, d.used
	i := p
	if !d.first {
		if s[i] != ',' {
			return "", false
		}
		i++
	}
	if i = skipIndent(s, i); i+1 >= len(s) || s[i] != '"' {
		return "", false
	}
	if v, done, j, _ := d.scanString(i); done && j+1 < len(s) && s[j+1] == ':' {
		d.first = false
		d.pos = j + 2
		if j+2 < len(s) && s[j+2] == ' ' {
			d.pos++ // ": ", as indenting encoders write it
		}
		return v, true
	}
	d.pos, d.used = p, u
	return "", false
}

// nextMember moves to the next member of an object and past its ':'. The
// name is d.s[start:end] when esc is false, else (it had escapes or invalid
// UTF-8) it has been unescaped into d.keyBuf.
func (d *Decoder) nextMember() (start, end int, esc, ok bool) {
	if d.err != nil {
		return 0, 0, false, false
	}
	i := d.skipSpace()
	s := d.s
	if i >= len(s) {
		d.syntaxErr(i, "unexpected end of input in object")
		return 0, 0, false, false
	}
	if d.first {
		d.first = false
		if s[i] == '}' {
			d.pos = i + 1
			d.depth--
			return 0, 0, false, false
		}
	} else {
		switch s[i] {
		case ',':
			i = skipIndent(s, i+1) // indented JSON's next line, if any
			d.pos = i
		case '}':
			d.pos = i + 1
			d.depth--
			return 0, 0, false, false
		default:
			d.syntaxErr(i, "invalid character "+describe(s[i])+" after object member value")
			return 0, 0, false, false
		}
	}
	if i >= len(s) || s[i] != '"' {
		if i >= len(s) {
			d.syntaxErr(i, "unexpected end of input in object")
		} else {
			d.syntaxErr(i, "invalid character "+describe(s[i])+" looking for beginning of object key string")
		}
		return 0, 0, false, false
	}
	i++
	start = i
	i = textRun(s, i)
	if i < len(s) && s[i] == '"' {
		end = i
		i++
	} else {
		b, ok := d.unquote(d.keyBuf[:0], start, i, false)
		if !ok {
			return 0, 0, false, false
		}
		d.keyBuf = b
		esc = true
		i = d.pos
	}
	for i < len(s) && whitespace[s[i]] {
		i++
	}
	if i >= len(s) || s[i] != ':' {
		if i >= len(s) {
			d.syntaxErr(i, "unexpected end of input after object key")
		} else {
			d.syntaxErr(i, "invalid character "+describe(s[i])+" after object key")
		}
		return 0, 0, false, false
	}
	d.pos = i + 1
	if i+1 < len(s) && s[i+1] == ' ' {
		d.pos++ // ": ", as indenting encoders write it
	}
	return start, end, esc, true
}

// NextElem reports whether the current array has another element, leaving
// the Decoder before it; the caller must read or Skip it. At the end of the
// array it consumes ']' and returns false.
func (d *Decoder) NextElem() bool {
	// Inline fast path: compact JSON, with ',' next (every element but the
	// first).
	if s, i := d.s, d.pos; d.err == nil && uint(i) < uint(len(s)) && s[i] == ',' && !d.first {
		i++
		if i < len(s) && whitespace[s[i]] {
			i = skipIndent(s, i) // indented JSON: the element's own fast path then reads it
		}
		d.pos = i
		return true
	}
	return d.nextElem()
}

// nextElem is NextElem's general path: space before the next byte, the end
// of the input, malformed input, and after an error.
func (d *Decoder) nextElem() bool {
	if d.err != nil {
		return false
	}
	s, i := d.s, d.pos
	if i < len(s) && whitespace[s[i]] {
		i = skipIndent(s, i) // indented JSON's first and last lines
		d.pos = i
	}
	if i >= len(s) {
		d.syntaxErr(i, "unexpected end of input in array")
		return false
	}
	if d.first {
		d.first = false
		if s[i] == ']' {
			d.pos = i + 1
			d.depth--
			return false
		}
		return true
	}
	switch s[i] {
	case ',':
		d.pos = skipWhitespace(s, i+1)
		return true
	case ']':
		d.pos = i + 1
		d.depth--
		return false
	}
	d.syntaxErr(i, "invalid character "+describe(s[i])+" after array element")
	return false
}

// String reads a JSON string, unescaped, as a copy kept in blocks shared
// with the Decoder's other strings (see keep). Invalid UTF-8 and unpaired
// surrogate escapes become U+FFFD, as with encoding/json.
func (d *Decoder) String() string {
	// Fast path, without stringBytes' call: a string right here (compact
	// JSON), most often with nothing to unescape.
	s, i := d.s, d.pos
	if d.err != nil || i < 0 || i >= len(s) || s[i] != '"' {
		return d.stringAnywhere()
	}
	// scanString's AVX2 step, written out: String is what most strings
	// are read with, and the call, the input read again and the four
	// results returned cost about a fifth of reading a short string.
	if a, u, p := d.arena, d.used, i+1; utf8valid.AVX2 && p+32 <= len(s) && u >= 0 && u+32 <= len(a) {
		ps := (*byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(s)), p))
		pa := (*byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(a)), u))
		n, w := shortRunAVX2(ps, pa)
		if n < 32 && !w && *(*byte)(unsafe.Add(unsafe.Pointer(ps), n)) == '"' {
			d.pos = p + n + 1
			d.used = u + n
			return unsafe.String(pa, n)
		}
		j := p + n
		if n == 32 {
			if w {
				return d.wideString(p)
			}
			var wide bool
			j, wide = wideRun(s, j)
			w = w || wide
		}
		return d.stringAt(i, j, w)
	}
	v, done, j, wide := d.scanString(i)
	if done {
		return v
	}
	return d.stringAt(i, j, wide)
}

// stringAt is String for the string whose opening quote is at s[i], given
// what wideRun(s, i+1) returns, j and wide.
func (d *Decoder) stringAt(i, j int, wide bool) string {
	s := d.s
	if j < len(s) && s[j] == '"' && (!wide || utf8valid.Valid(s[i+1:j])) {
		d.pos = j + 1
		return d.keep(s[i+1 : j])
	}
	return d.unquoteKept(i+1, j, wide)
}

// wideString is String for a string whose content begins at s[p] with 32
// bytes without a stop and not all ASCII: text in another script, most
// likely, whose end is found, whose UTF-8 is checked and which is copied
// to the free end of the current block of strings in one pass
// (utf8valid.CopyRun), instead of three; where the block has no room for
// it, its end is found and it is checked in one (utf8valid.ValidRun), and
// then it is copied.
func (d *Decoder) wideString(p int) string {
	s, a, u := d.s, d.arena, d.used
	if uint(u) <= uint(len(a)) {
		n, ok := utf8valid.CopyRun(s[p:], a[u:])
		if q := p + n; ok && q < len(s) && s[q] == '"' && n > 0 {
			d.pos = q + 1
			d.used = u + n
			return unsafe.String(&a[u], n)
		}
	}
	n, ok := utf8valid.ValidRun(s[p:])
	return d.stringAt(p-1, p+n, !ok) // s[p:p+n] is checked when ok
}

// stringAnywhere is String for a string not right at d.pos (after
// whitespace), or for no string at all.
func (d *Decoder) stringAnywhere() string {
	b, ok := d.stringBytes()
	if !ok {
		return ""
	}
	return d.keep(b)
}

// scanString begins String's work on the string whose opening quote is at
// s[i], i+1 < len(s): it returns what wideRun(s, i+1) returns, the offset
// of the first '"', '\\' or control character of the content and whether
// bytes from 0x80 on come before it, unless the string is short and plain,
// which it keeps itself and returns with true. Short and plain is the
// commonest kind of string (names, identifiers, enum values): up to
// thirty-one bytes of ASCII with nothing to unescape. For those it reads
// the words after the quote, two or four, and stores them whole at the
// free end of the Decoder's block of strings, of which the string then
// takes the first bytes: the bytes stored past them are in the free part
// of the block, which the next strings overwrite, so that no string handed
// out ever changes (see keep). Any other string costs no more than
// wideRun: the words read are not read again.
//
// The words are read and stored through unsafe.Add, without bounds
// checks: i+17 <= len(s) (i+33 for four words, and for AVX2's 32 bytes)
// and d.used+16 <= len(d.arena) (d.used+32) keep them within the input
// and the block.
//
// With AVX2 (shortRunAVX2, called here rather than through a function
// that checks its bounds, which is too large to inline: a call less per
// string), the 32 bytes after the quote are read, searched and stored in
// one step instead, whatever the string's length: the word
// steps branch on where the string ends, which in a run of names of
// varying length the processor mispredicts (a quarter fewer mispredicted
// branches on a page of Outposts in callgrind's simulation).
func (d *Decoder) scanString(i int) (v string, done bool, j int, wide bool) {
	s := d.s
	if a, u, p := d.arena, d.used, i+1; utf8valid.AVX2 && p >= 0 && p+32 <= len(s) && u >= 0 && u+32 <= len(a) {
		ps := (*byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(s)), p))
		pa := (*byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(a)), u))
		n, w := shortRunAVX2(ps, pa)
		j = p + n
		if n == 32 {
			j, wide = wideRun(s, j)
			return "", false, j, wide || w
		}
		if w || *(*byte)(unsafe.Add(unsafe.Pointer(ps), n)) != '"' {
			return "", false, j, w
		}
		d.pos = j + 1
		d.used = u + n
		return unsafe.String(pa, n), true, j, false
	}
	if i < 0 || i+17 > len(s) {
		j, wide = wideRun(s, i+1)
		return "", false, j, wide
	}
	ps := unsafe.Add(unsafe.Pointer(unsafe.SliceData(s)), i+1)
	x0 := binary.LittleEndian.Uint64((*[8]byte)(ps)[:])
	var x1 uint64
	n := 0
	if m := stops(x0); m != 0 {
		n = bits.TrailingZeros64(m) >> 3
		x0 &= m&-m - 1 // the bytes before the stop (the rest is not stored)
	} else {
		x1 = binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(ps, 8))[:])
		m := stops(x1)
		if m == 0 {
			return d.scanLonger(i, x0, x1)
		}
		n = 8 + bits.TrailingZeros64(m)>>3
		x1 &= m&-m - 1
	}
	j, wide = i+1+n, (x0|x1)&highBits != 0
	if wide || s[j] != '"' {
		return "", false, j, wide
	}
	a, u := d.arena, d.used
	if u < 0 || u+16 > len(a) {
		return "", false, j, false // keep starts a new block
	}
	d.pos = j + 1
	if n == 0 {
		return "", true, j, false
	}
	pa := unsafe.Add(unsafe.Pointer(unsafe.SliceData(a)), u)
	binary.LittleEndian.PutUint64((*[8]byte)(pa)[:], x0)
	binary.LittleEndian.PutUint64((*[8]byte)(unsafe.Add(pa, 8))[:], x1)
	d.used = u + n
	return unsafe.String((*byte)(pa), n), true, j, false
}

// scanLonger is scanString for a string whose first sixteen bytes, x0 and
// x1, hold no stop: it reads two more words, for strings of sixteen to
// thirty-one bytes (identifiers and names often are), and otherwise
// leaves the rest to wideRun.
func (d *Decoder) scanLonger(i int, x0, x1 uint64) (v string, done bool, j int, wide bool) {
	s := d.s
	if i < 0 || i+33 > len(s) {
		j, wide = wideRun(s, i+17)
		return "", false, j, wide || (x0|x1)&highBits != 0
	}
	ps := unsafe.Add(unsafe.Pointer(unsafe.SliceData(s)), i+17)
	x2 := binary.LittleEndian.Uint64((*[8]byte)(ps)[:])
	var x3 uint64
	n := 16
	if m := stops(x2); m != 0 {
		n += bits.TrailingZeros64(m) >> 3
		x2 &= m&-m - 1
	} else {
		x3 = binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(ps, 8))[:])
		m := stops(x3)
		if m == 0 {
			j, wide = wideRun(s, i+33)
			return "", false, j, wide || (x0|x1|x2|x3)&highBits != 0
		}
		n += 8 + bits.TrailingZeros64(m)>>3
		x3 &= m&-m - 1
	}
	j, wide = i+1+n, (x0|x1|x2|x3)&highBits != 0
	if wide || s[j] != '"' {
		return "", false, j, wide
	}
	a, u := d.arena, d.used
	if u < 0 || u+32 > len(a) {
		return "", false, j, false // keep starts a new block
	}
	d.pos = j + 1
	pa := unsafe.Add(unsafe.Pointer(unsafe.SliceData(a)), u)
	binary.LittleEndian.PutUint64((*[8]byte)(pa)[:], x0)
	binary.LittleEndian.PutUint64((*[8]byte)(unsafe.Add(pa, 8))[:], x1)
	binary.LittleEndian.PutUint64((*[8]byte)(unsafe.Add(pa, 16))[:], x2)
	binary.LittleEndian.PutUint64((*[8]byte)(unsafe.Add(pa, 24))[:], x3)
	d.used = u + n
	return unsafe.String((*byte)(pa), n), true, j, false
}

// stringBytes reads a JSON string and returns its unescaped content, which
// aliases the input or the Decoder's scratch memory until the next call.
func (d *Decoder) stringBytes() ([]byte, bool) {
	if d.err != nil {
		return nil, false
	}
	i := d.skipSpace()
	s := d.s
	if i >= len(s) || s[i] != '"' {
		d.mismatch(i, "string")
		return nil, false
	}
	i++
	start := i
	i, wide := wideRun(s, i)
	if i < len(s) && s[i] == '"' && (!wide || utf8valid.Valid(s[start:i])) {
		d.pos = i + 1
		return s[start:i], true
	}
	b, ok := d.unquote(d.strBuf[:0], start, i, wide)
	if !ok {
		return nil, false
	}
	d.strBuf = b
	return b, true
}

// Decoded strings are kept in shared blocks rather than one allocation
// each. The bytes of a block are written once, just before the string over
// them is made, and never again, so the strings never change: this is how
// strings.Builder makes its String, done here by hand so that keeping a
// string stores no pointer into the Decoder (Builder.Write stores its
// buffer back every time, which costs a write barrier whenever the garbage
// collector is marking). Blocks double from 1 KB to 16 KB, so that little
// is left unused in the last.
const (
	minArena = 1 << 10
	maxArena = 16 << 10
)

// minUnquoteRoom is the room unquoteKept wants at the end of the current
// block before it unescapes a string there rather than in a new block.
const minUnquoteRoom = 256

// unquoteKept is String for a string with escapes (or invalid UTF-8): the
// content starts at offset start, and s[start:i] and wide are as unquote
// takes them. It
// unescapes straight into the free end of the Decoder's current block of
// strings, so that the result needs no second copy; a string that outgrows
// the block ends up in memory of its own, which unquote's appends made and
// nothing else refers to.
func (d *Decoder) unquoteKept(start, i int, wide bool) string {
	if len(d.arena)-d.used < minUnquoteRoom {
		d.newArena(0)
	}
	b, ok := d.unquote(d.arena[d.used:d.used:len(d.arena)], start, i, wide)
	if !ok || len(b) == 0 {
		return ""
	}
	// b is at the free end of the current block, which may be a new one
	// (see roomFor), unless it outgrew a block and has memory of its own.
	// That memory was sized for the string as the input writes it, and
	// what unescaping saved is left over at its end: when that is more
	// than the current block has free, it becomes the block the next
	// strings go to. On pages of long text with an escape every few words
	// it was a seventh of what the strings held.
	if d.used < len(d.arena) && unsafe.SliceData(b) == &d.arena[d.used] {
		d.used += len(b)
	} else if free := b[len(b):cap(b)]; len(free) > len(d.arena)-d.used {
		d.kept += d.used
		d.arena, d.used = free, 0
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// newArena starts a new block of strings, with room for at least need
// bytes: twice the last block, from minArena up to maxArena; or, past the
// doublings, room for the strings the rest of the input holds (forRest),
// when that is less: the last block of a large document was on average
// half unused, 8 KB of each page. Past the doublings means a block of
// maxArena is due or as much is stored already: a block sized by forRest
// that fills before the input ends (the strings at the end were longer)
// is followed by another sized so, not by one twice its size, which left
// up to 8 KB unused at the end of a page. Such a block may be as small as
// minUnquoteRoom.
//
// A block has all the room of the memory the runtime allocates for it,
// which it rounds up to a size class (by up to an eighth): that room costs
// nothing more, and it is all a block sized for the rest has to spare.
func (d *Decoder) newArena(need int) {
	size := min(max(2*len(d.arena), minArena), maxArena)
	if size == maxArena || d.kept+d.used >= maxArena {
		size = min(maxArena, max(d.forRest(d.kept+d.used), minUnquoteRoom))
	}
	d.kept += d.used
	d.arena = uncleared(max(size, need))
	d.used = 0
}

// forRest returns how much of something the rest of the input holds if it
// holds it at the rate the input so far held n: the size for the last of
// the blocks a large document fills, which at a fixed size was on average
// half unused. It adds no margin: a block so sized falls short about half
// the time, by little, and that costs one more block sized the same way
// for what is left then (a few hundred bytes), where a margin of an eighth
// cost a larger size class every time (ListOrders' pages: 2 KB). Past the
// end or before the start it returns the largest int.
func (d *Decoder) forRest(n int) int {
	if d.pos <= 0 || d.pos >= len(d.s) {
		return math.MaxInt
	}
	rest := atRate(n, d.pos, len(d.s)-d.pos)
	return rest
}

// keep returns a copy of b as a string from the Decoder's blocks.
func (d *Decoder) keep(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > maxArena/4 {
		return string(b) // a long string gets its own memory
	}
	if len(d.arena)-d.used < len(b) {
		d.newArena(len(b))
	}
	n := copy(d.arena[d.used:], b)
	s := unsafe.String(&d.arena[d.used], n)
	d.used += n
	return s
}

// unquote appends to b the unescaped content of the string whose content
// starts at offset start, given that s[start:i] holds no '"', '\\' or
// control character (wide says whether it may hold bytes from 0x80 on,
// not yet checked as UTF-8), and moves past the closing quote. On a syntax
// error it records it and returns false.
//
// It copies eight bytes at a time, storing each word whole and then
// counting only the bytes before the first '"', '\\' or control
// character, and so passes over non-ASCII text without stopping: in rich
// text a character from 0x80 on comes every few bytes, and stopping at
// each (to check it) cost a mispredicted branch or two every time. Instead
// it notes whether any went by, and checks the whole result once at the
// end: it is valid UTF-8 exactly when every run copied as is was (what
// escapes give are whole characters), and then it is what unquoteExact
// would have made. Otherwise, and near the end of the input, where words
// do not fit, unquoteExact does the string again, replacing bad bytes.
func (d *Decoder) unquote(b []byte, start, i int, wide bool) ([]byte, bool) {
	s := d.s
	base := len(b)
	for cap(b)-len(b) < i-start+16 {
		b = d.roomFor(b, start) // at most twice
	}
	b = append(b, s[start:i]...)
	var high uint64 // the bytes copied as is, ORed: their high bits say whether any was from 0x80 on
	if wide {
		high = highBits
	}
	for i+8 <= len(s) {
		// Room for a word, and for what an escape within it gives.
		if cap(b)-len(b) < 16 {
			b = d.roomFor(b, i)
		}
		var n int
		i, n, high = unquoteRun(s, b[:cap(b)], i, len(b), high)
		b = b[:n]
		if i+8 > len(s) || cap(b)-n < 16 {
			continue
		}
		// unquoteRun stopped at a byte it leaves to here: the closing
		// quote, an escape other than the common ones, or a control
		// character.
		switch c := s[i]; {
		case c == '"':
			if high&highBits != 0 && !utf8valid.Valid(b[base:]) {
				return d.unquoteExact(b[:base], start)
			}
			d.pos = i + 1
			return b, true
		case c == '\\' && i+1 < len(s) && s[i+1] == 'u':
			var ok bool
			if b, i, ok = d.unicodeEscape(b, i); !ok {
				return nil, false
			}
		case c == '\\':
			var ok bool
			if b, i, ok = d.escape(b, i); !ok {
				return nil, false
			}
		default:
			d.syntaxErr(i, "invalid control character "+describe(c)+" in string")
			return nil, false
		}
	}
	if high&highBits != 0 {
		// Near the end of the input, with bytes from 0x80 on copied: they
		// are checked now, up to a character the last word may have cut
		// off, which unquoteExact reads again with the rest. Doing the
		// whole string again there instead cost a long string at the end
		// of a document (a page's NextToken) all of the fast path's work.
		k := len(b) - cutRune(b[base:])
		if !utf8valid.Valid(b[base:k]) {
			return d.unquoteExact(b[:base], start)
		}
		i -= len(b) - k // the cut-off bytes were copied as they are
		b = b[:k]
	}
	return d.unquoteExact(b, i)
}

// cutRune returns how many bytes at the end of p are the beginning of a
// character that p does not hold all of.
func cutRune(p []byte) int {
	for t := 1; t <= min(utf8.UTFMax-1, len(p)); t++ {
		if utf8.RuneStart(p[len(p)-t]) {
			if utf8.FullRune(p[len(p)-t:]) {
				return 0
			}
			return t
		}
	}
	return 0
}

// unquoteRun is unquote's inner loop: it copies s from offset i to dst
// from offset n, a word at a time, with the common escapes and \u escapes
// unescaped (a surrogate pair's two as one character), while eight bytes of s
// and sixteen of dst are left, and returns the offsets it got to and high
// (see unquote) with the bytes it copied as they are ORed in. It stops at
// anything else: the closing quote, another escape, a control character.
// It calls nothing, so that the compiler keeps its variables in
// registers; in unquote, with its calls for the rarer cases, they were
// spilled to the stack and reloaded on every word.
//
// The words are read and written through unsafe.Add, without bounds
// checks: the loop's condition keeps [i, i+8) within s and [n, n+16)
// within dst (i and n only grow, from values checked not to be negative),
// and the checks of s[i:] and dst[n:], with the pointer masking that
// slicing to a possibly empty slice costs, were a third of the loop's
// instructions. So are the escapes: their bytes and what they give are
// within the same bounds (or, for the bytes after the word, checked
// against len(s) first), and the stop itself is read from the word.
func unquoteRun(s, dst []byte, i, n int, high uint64) (int, int, uint64) {
	if i < 0 || n < 0 {
		return i, n, high
	}
	ps, pd := unsafe.Pointer(unsafe.SliceData(s)), unsafe.Pointer(unsafe.SliceData(dst))
	ls, ld := len(s), len(dst)
	for i+8 <= ls && n+16 <= ld {
		if utf8valid.AVX2 && i+32 <= ls && n+32 <= ld {
			// 32 bytes at a time, escapes included, up to what the loop
			// below does a word at a time: the last bytes, the end, an
			// invalid escape or a lone surrogate's. In text with
			// an escape every dozen bytes or so, whether a word held one
			// was a branch mispredicted every other word, where whether
			// 32 bytes do is seldom in doubt: on a page of such text,
			// about a sixth fewer instructions and mispredicted branches.
			var wide bool
			i, n, wide = unquoteRunAVX2(s, dst, i, n)
			if wide {
				high |= highBits
			}
			if i+8 > ls || n+16 > ld {
				break
			}
		}
		x := binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(ps, i))[:])
		binary.LittleEndian.PutUint64((*[8]byte)(unsafe.Add(pd, n))[:], x)
		m := stops(x)
		if m == 0 {
			high |= x
			i += 8
			n += 8
			continue
		}
		high |= x & (m&-m - 1) // the bytes before the stop
		// The stop is byte k of the word, taken from the word itself:
		// i+k < i+8 <= len(s), and from here on n+k+4 < n+16 <= len(dst),
		// room for what an escape gives.
		at := bits.TrailingZeros64(m) &^ 7
		k := at >> 3
		i += k
		n += k
		if byte(x>>at) != '\\' || i+1 >= ls {
			break
		}
		e := *(*byte)(unsafe.Add(ps, i+1))
		if c := unescapes[e]; c != 0 {
			// The common escapes: the word's store left room.
			*(*byte)(unsafe.Add(pd, n)) = c
			i += 2
			n++
			continue
		}
		// \u and a character, or a surrogate pair, here too: room for
		// its four bytes is there. hex4 and encodeRune, written out.
		if e != 'u' || i+6 > ls {
			break
		}
		h := (*[4]byte)(unsafe.Add(ps, i+2))
		h0, h1, h2, h3 := hexValues[h[0]], hexValues[h[1]], hexValues[h[2]], hexValues[h[3]]
		if (h0|h1|h2|h3)&0xF0 != 0 {
			break
		}
		r := uint32(h0)<<12 | uint32(h1)<<8 | uint32(h2)<<4 | uint32(h3)
		var w uint32
		size := 3
		switch {
		case r < 0x80:
			w, size = r, 1
		case r < 0x800:
			w, size = 0xC0|r>>6|(0x80|r&0x3F)<<8, 2
		case 0xD800 <= r && r < 0xE000:
			// A high surrogate escaped with its low one, as encoders
			// write characters past U+FFFF: the pair, here too. Anything
			// else (a lone or reversed surrogate) is unicodeEscape's.
			if r >= 0xDC00 || i+12 > ls {
				return i, n, high
			}
			l := (*[6]byte)(unsafe.Add(ps, i+6))
			l0, l1, l2, l3 := hexValues[l[2]], hexValues[l[3]], hexValues[l[4]], hexValues[l[5]]
			r2 := uint32(l0)<<12 | uint32(l1)<<8 | uint32(l2)<<4 | uint32(l3)
			if l[0] != '\\' || l[1] != 'u' || (l0|l1|l2|l3)&0xF0 != 0 || r2 < 0xDC00 || r2 >= 0xE000 {
				return i, n, high
			}
			r = 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00)
			w = 0xF0 | r>>18 | (0x80|r>>12&0x3F)<<8 | (0x80|r>>6&0x3F)<<16 | (0x80|r&0x3F)<<24
			size = 4
			i += 6 // the low surrogate's escape; the high one's is passed below
		default:
			w = 0xE0 | r>>12 | (0x80|r>>6&0x3F)<<8 | (0x80|r&0x3F)<<16
		}
		binary.LittleEndian.PutUint32((*[4]byte)(unsafe.Add(pd, n))[:], w)
		i += 6
		n += size
	}
	return i, n, high
}

// unquoteExact is unquote a character (or an escape) at a time, checking
// each multi-byte character and replacing each byte that does not begin
// one with U+FFFD, for the last bytes of the input and for text that is
// not valid UTF-8.
func (d *Decoder) unquoteExact(b []byte, i int) ([]byte, bool) {
	s := d.s
	for {
		j := textRun(s, i)
		b = append(b, s[i:j]...)
		i = j
		if i >= len(s) {
			d.syntaxErr(i, "unexpected end of input in string")
			return nil, false
		}
		switch c := s[i]; {
		case c == '"':
			d.pos = i + 1
			return b, true
		case c == '\\':
			var ok bool
			if b, i, ok = d.escape(b, i); !ok {
				return nil, false
			}
		case c < 0x20:
			d.syntaxErr(i, "invalid control character "+describe(c)+" in string")
			return nil, false
		default: // non-ASCII that textRun did not pass: invalid UTF-8
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, "\uFFFD"...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
		}
	}
}

// escape appends to b what the escape at s[i] (a backslash) stands for and
// returns the offset after it; false after a syntax error, which it
// records.
func (d *Decoder) escape(b []byte, i int) ([]byte, int, bool) {
	s := d.s
	if i+1 >= len(s) {
		d.syntaxErr(i+1, "unexpected end of input in string escape")
		return nil, i, false
	}
	e := s[i+1]
	if r := unescapes[e]; r != 0 {
		return append(b, r), i + 2, true
	}
	if e == 'u' {
		return d.unicodeEscape(b, i)
	}
	d.syntaxErr(i, "invalid escape character "+describe(e)+" in string")
	return nil, i, false
}

// unicodeEscape appends to b the character of the \u escape at s[i] (and of
// the escape after it, for a surrogate pair) and returns the offset after
// it; false after a syntax error, which it records.
func (d *Decoder) unicodeEscape(b []byte, i int) ([]byte, int, bool) {
	s := d.s
	r := hex4(s, i+2)
	if r < 0 {
		d.syntaxErr(i, `invalid \u escape in string`)
		return nil, i, false
	}
	i += 6
	if 0xD800 <= r && r < 0xE000 {
		// A surrogate: valid only as a high one followed by an
		// escaped low one. Anything else becomes U+FFFD and the
		// following escape, if any, is read on its own.
		r2 := -1
		if r < 0xDC00 && i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
			r2 = hex4(s, i+2)
		}
		if 0xDC00 <= r2 && r2 < 0xE000 {
			r = 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00)
			i += 6
		} else {
			r = utf8.RuneError
		}
	}
	w, size := encodeRune(r)
	if cap(b)-len(b) < 4 {
		b = slices.Grow(b, 4)
	}
	n := len(b)
	binary.LittleEndian.PutUint32(b[n:n+4], w)
	return b[:n+size], i, true
}

// roomFor returns b moved to new memory with room for the rest of the
// string whose content goes on at offset i, and sixteen bytes more for the
// words unquoteRun stores whole: unescaping makes no string longer, so
// unquote never needs more. What is left is found by closingQuote (an
// unterminated string has the rest of the input). A string begun in the
// free end of the current block of strings (unquoteKept's) that outgrew
// it goes on at the start of a new block, as keep starts one for a string
// that does not fit, unless it is long, as keep counts long: then its
// memory is its own, and the block stays the current one. Making a new
// block for it instead left the old block's free end unused, and the new
// block's to the strings after it. Growing by append's doublings instead,
// a long string was copied a dozen times over, and garbage four times its
// length was left behind (a page of 20 KB strings with escapes allocated
// four times the page).
func (d *Decoder) roomFor(b []byte, i int) []byte {
	need := len(b) + max(closingQuote(d.s, i)-i, 0) + 16
	if d.used > 0 && d.used < len(d.arena) && unsafe.SliceData(b) == &d.arena[d.used] && need <= maxArena/4 {
		d.newArena(need)
		return d.arena[:copy(d.arena, b)]
	}
	nb := uncleared(need)
	return nb[:copy(nb, b)]
}

// closingQuote returns the offset in s of the quote that ends the string
// whose content goes on at i, at the start of a character or an escape,
// or len(s) if none does. It looks only for quotes, with the runtime's
// vector search, and tells an escaped one by the backslashes before it:
// a quote after an odd run of them is escaped. Stopping at every escape
// instead, as the scan for a string's first stop does, cost as much as
// unquoting the string itself on a page of text with an escape every
// sixteen bytes. Control characters are not looked for: a string with one
// is an error, which unquote reports.
func closingQuote(s []byte, i int) int {
	for i >= 0 && i < len(s) {
		k := bytes.IndexByte(s[i:], '"')
		if k < 0 {
			break
		}
		q := i + k
		b := q
		for b > i && s[b-1] == '\\' {
			b--
		}
		if (q-b)%2 == 0 {
			return q
		}
		i = q + 1
	}
	return len(s)
}

// encodeRune returns the UTF-8 encoding of r, a valid code point, as the
// bytes of a little-endian word, and its length: utf8.AppendRune, written
// out so that the caller stores it at once.
func encodeRune(r int) (uint32, int) {
	switch {
	case r < 0x80:
		return uint32(r), 1
	case r < 0x800:
		return uint32(0xC0|r>>6) | uint32(0x80|r&0x3F)<<8, 2
	case r < 0x10000:
		return uint32(0xE0|r>>12) | uint32(0x80|r>>6&0x3F)<<8 | uint32(0x80|r&0x3F)<<16, 3
	}
	return uint32(0xF0|r>>18) | uint32(0x80|r>>12&0x3F)<<8 | uint32(0x80|r>>6&0x3F)<<16 | uint32(0x80|r&0x3F)<<24, 4
}

// unescapes maps the byte after a backslash to what the escape stands for,
// for the escapes of one byte; 0 for 'u' and for bytes that cannot follow.
var unescapes = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// hexValues maps a hex digit to its value and every other byte to 0xFF.
var hexValues = func() (t [256]byte) {
	for c := range t {
		switch {
		case '0' <= c && c <= '9':
			t[c] = byte(c - '0')
		case 'a' <= c && c <= 'f':
			t[c] = byte(c - 'a' + 10)
		case 'A' <= c && c <= 'F':
			t[c] = byte(c - 'A' + 10)
		default:
			t[c] = 0xFF
		}
	}
	return t
}()

// hex4 returns the value of the four hex digits at s[i:], or -1.
func hex4(s []byte, i int) int {
	if i < 0 || i+4 > len(s) {
		return -1
	}
	a, b, c, d := hexValues[s[i]], hexValues[s[i+1]], hexValues[s[i+2]], hexValues[s[i+3]]
	if (a|b|c|d)&0xF0 != 0 {
		return -1
	}
	return int(a)<<12 | int(b)<<8 | int(c)<<4 | int(d)
}

// Skip consumes the next value of any kind, checking that it is well-formed.
// It does not recurse, so nesting costs no stack, but it counts towards
// MaxDepth.
func (d *Decoder) Skip() {
	if d.err != nil {
		return
	}
	i := d.skipSpace()
	if i < len(d.s) && d.s[i] == '"' {
		// A string, the commonest value skipped, without the containers'
		// stack.
		if i = d.skipString(i + 1); i >= 0 {
			d.pos = i
		}
		return
	}
	d.skipAny(i)
}

// skipAny is Skip for a value of any kind that starts at i, after any
// whitespace.
func (d *Decoder) skipAny(i int) {
	s := d.s
	// The open containers, in memory of skipAny's own up to skipStackDepth
	// deep (a deeper value costs an allocation): memory kept in the
	// Decoder would make the Decoder's contents escape, so that a Decoder
	// on the stack (ValidJSON's) would be moved to the heap.
	var local [skipStackDepth]byte
	stack := local[:0]
	for {
		// A value starts at i (after optional whitespace).
		for i < len(s) && whitespace[s[i]] {
			i++
		}
		if i >= len(s) {
			d.syntaxErr(i, "unexpected end of input, expected a value")
			return
		}
		switch c := s[i]; c {
		case '{', '[':
			if d.depth+len(stack) >= MaxDepth {
				d.syntaxErr(i, "exceeded max depth of "+strconv.Itoa(MaxDepth))
				return
			}
			i++
			for i < len(s) && whitespace[s[i]] {
				i++
			}
			if i < len(s) && s[i] == c+2 { // '{'+2 is '}', '['+2 is ']'
				i++
				break
			}
			stack = append(stack, c)
			if c == '{' {
				if i = d.skipName(i); i < 0 {
					return
				}
			}
			continue
		case '"':
			if i = d.skipString(i + 1); i < 0 {
				return
			}
		case 't':
			if !d.literal(i, "true") {
				return
			}
			i += 4
		case 'f':
			if !d.literal(i, "false") {
				return
			}
			i += 5
		case 'n':
			if !d.literal(i, "null") {
				return
			}
			i += 4
		default:
			end, ok := textfmt.ScanNumber(s, i)
			if !ok {
				if end == i {
					d.syntaxErr(i, "invalid character "+describe(c)+" looking for beginning of value")
				} else {
					d.syntaxErr(end, "invalid number")
				}
				return
			}
			i = end
		}
		// A value ended at i: close containers until another value is due.
	next:
		for {
			if len(stack) == 0 {
				d.pos = i
				return
			}
			for i < len(s) && whitespace[s[i]] {
				i++
			}
			if i >= len(s) {
				d.syntaxErr(i, "unexpected end of input")
				return
			}
			top := stack[len(stack)-1]
			switch s[i] {
			case ',':
				i++
				if top == '{' {
					if i = d.skipName(i); i < 0 {
						return
					}
				}
				break next
			case top + 2:
				i++
				stack = stack[:len(stack)-1]
			default:
				if top == '{' {
					d.syntaxErr(i, "invalid character "+describe(s[i])+" after object member value")
				} else {
					d.syntaxErr(i, "invalid character "+describe(s[i])+" after array element")
				}
				return
			}
		}
	}
}

// skipName skips whitespace, an object member name and its ':' from offset
// i and returns the offset after the ':', or -1 after recording an error.
func (d *Decoder) skipName(i int) int {
	s := d.s
	for i < len(s) && whitespace[s[i]] {
		i++
	}
	if i >= len(s) || s[i] != '"' {
		if i >= len(s) {
			d.syntaxErr(i, "unexpected end of input in object")
		} else {
			d.syntaxErr(i, "invalid character "+describe(s[i])+" looking for beginning of object key string")
		}
		return -1
	}
	if i = d.skipString(i + 1); i < 0 {
		return -1
	}
	for i < len(s) && whitespace[s[i]] {
		i++
	}
	if i >= len(s) || s[i] != ':' {
		if i >= len(s) {
			d.syntaxErr(i, "unexpected end of input after object key")
		} else {
			d.syntaxErr(i, "invalid character "+describe(s[i])+" after object key")
		}
		return -1
	}
	return i + 1
}

// stringStop marks the bytes where skipString must look closer.
var stringStop = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'] = true
	t['\\'] = true
	return t
}()

// skipString checks the string whose content starts at offset i and returns
// the offset after its closing quote, or -1 after recording an error. Like
// encoding/json it does not insist on valid UTF-8, which String replaces.
func (d *Decoder) skipString(i int) int {
	s := d.s
	for {
		i = quoteRun(s, i)
		if i >= len(s) {
			d.syntaxErr(i, "unexpected end of input in string")
			return -1
		}
		switch c := s[i]; c {
		case '"':
			return i + 1
		case '\\':
			if i+1 >= len(s) {
				d.syntaxErr(i+1, "unexpected end of input in string escape")
				return -1
			}
			switch e := s[i+1]; e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if hex4(s, i+2) < 0 {
					d.syntaxErr(i, `invalid \u escape in string`)
					return -1
				}
				i += 6
			default:
				d.syntaxErr(i, "invalid escape character "+describe(e)+" in string")
				return -1
			}
		default:
			d.syntaxErr(i, "invalid control character "+describe(c)+" in string")
			return -1
		}
	}
}

// Raw returns a copy of the next value's exact JSON text, for document
// members, and consumes it.
func (d *Decoder) Raw() []byte {
	if d.err != nil {
		return nil
	}
	start := d.skipSpace()
	d.Skip()
	if d.err != nil {
		return nil
	}
	return append([]byte(nil), d.s[start:d.pos]...)
}

// End checks that only whitespace follows the value read, and records a
// SyntaxError otherwise. It ends the decoding: the Decoder must not read
// more afterwards.
func (d *Decoder) End() {
	if d.onlySpaceLeft() {
		d.giveSpares()
	}
}

// onlySpaceLeft checks that only whitespace follows the value read, and
// records a SyntaxError otherwise; it reports whether d has no error.
func (d *Decoder) onlySpaceLeft() bool {
	if d.err != nil {
		return false
	}
	if i := d.skipSpace(); i < len(d.s) {
		d.syntaxErr(i, "invalid character "+describe(d.s[i])+" after top-level value")
		return false
	}
	return true
}

// skipStackDepth is how deep skipAny follows containers in memory of its
// own.
const skipStackDepth = 64

// ValidJSON returns the syntax error of data as one JSON value, with only
// whitespace around it, or nil: what the Decoder reports reading it (Skip),
// so that a document the client sends is one it would read back. An empty
// data is valid: a nil document is written as null. A value nested up to
// skipStackDepth deep is checked without allocating.
func ValidJSON(data []byte) error {
	if len(data) == 0 {
		return nil
	}
	d := Decoder{s: data}
	d.Skip()
	d.onlySpaceLeft()
	return d.err
}
