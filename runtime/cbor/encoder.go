package cbor

import (
	"iter"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/smithygo/smithygo/runtime/utf8valid"
)

// Encoder appends CBOR to a byte slice, with the same calls as jsonwire's
// Encoder: generated code states only the structure (BeginObject, Key, a
// value, ..., EndObject). It writes every array and map with a definite
// length, counting the entries itself: Begin* reserves the head and End*
// fills in the count (moving the content if the count needs a longer head
// than was reserved, which BeginArrayLen and BeginObjectLen avoid for
// lists and maps whose length is known). It does not check that the calls
// form a valid item; generated code gets that right by construction.
//
// Integers and lengths take the shortest head (RFC 8949's preferred
// serialization); floats take the precision of their Smithy type.
type Encoder struct {
	buf []byte
	// The innermost open container: where its head starts, how many
	// entries it has so far, and whether it is an array (whose values
	// count) or a map (whose keys count).
	start, count int
	inArray      bool
	outer        []frame  // the enclosing containers
	outerArr     [8]frame // outer's first memory: most requests nest less
}

// frame is an enclosing container's state, saved while an inner one is open.
type frame struct {
	start, count int
	inArray      bool
}

// NewEncoder returns an Encoder appending to buf, which may be nil.
func NewEncoder(buf []byte) *Encoder {
	e := &Encoder{buf: buf}
	e.outer = e.outerArr[:0]
	return e
}

// Bytes returns the buffer with everything written so far.
func (e *Encoder) Bytes() []byte { return e.buf }

// appendHead appends the shortest head of a data item of major type major
// with argument arg.
func appendHead(b []byte, major byte, arg uint64) []byte {
	m := major << 5
	switch {
	case arg < 24:
		return append(b, m|byte(arg))
	case arg <= math.MaxUint8:
		return append(b, m|24, byte(arg))
	case arg <= math.MaxUint16:
		return append(b, m|25, byte(arg>>8), byte(arg))
	case arg <= math.MaxUint32:
		return append(b, m|26, byte(arg>>24), byte(arg>>16), byte(arg>>8), byte(arg))
	}
	return append(b, m|27, byte(arg>>56), byte(arg>>48), byte(arg>>40), byte(arg>>32),
		byte(arg>>24), byte(arg>>16), byte(arg>>8), byte(arg))
}

// headLen is the length of the shortest head for argument arg.
func headLen(arg uint64) int {
	switch {
	case arg < 24:
		return 1
	case arg <= math.MaxUint8:
		return 2
	case arg <= math.MaxUint16:
		return 3
	case arg <= math.MaxUint32:
		return 5
	}
	return 9
}

// value counts a value in the innermost container if it is an array.
func (e *Encoder) value() {
	if e.inArray {
		e.count++
	}
}

// begin opens a container of major type major, reserving the head for n
// entries.
func (e *Encoder) begin(major byte, n int) {
	e.value()
	e.outer = append(e.outer, frame{e.start, e.count, e.inArray})
	e.start, e.count, e.inArray = len(e.buf), 0, major == majorArray
	e.buf = appendHead(e.buf, major, uint64(max(n, 0)))
}

// end closes the innermost container, writing its real count into its head.
func (e *Encoder) end() {
	if len(e.outer) == 0 {
		return // no container open: nothing to end
	}
	major := e.buf[e.start] >> 5
	have := 1 // the reserved head's length
	if ai := e.buf[e.start] & 31; ai >= 24 {
		have += 1 << (ai - 24)
	}
	want := headLen(uint64(e.count))
	if want != have {
		// Move the content to fit the head the count needs.
		content := len(e.buf) - e.start - have
		e.buf = append(e.buf, make([]byte, max(want-have, 0))...)
		copy(e.buf[e.start+want:], e.buf[e.start+have:e.start+have+content])
		e.buf = e.buf[:e.start+want+content]
	}
	appendHead(e.buf[e.start:e.start:e.start+want], major, uint64(e.count))
	f := e.outer[len(e.outer)-1]
	e.outer = e.outer[:len(e.outer)-1]
	e.start, e.count, e.inArray = f.start, f.count, f.inArray
}

// BeginObject starts a map; Key and a value follow for each entry, then
// EndObject.
func (e *Encoder) BeginObject() { e.begin(majorMap, 0) }

// BeginObjectLen is BeginObject for a map expected to have n entries (a
// Go map's len): the head is written for n at once. A different number of
// entries is still written correctly.
func (e *Encoder) BeginObjectLen(n int) { e.begin(majorMap, n) }

// EndObject ends the map, writing its number of entries into its head.
func (e *Encoder) EndObject() { e.end() }

// BeginArray starts an array; its elements follow, then EndArray.
func (e *Encoder) BeginArray() { e.begin(majorArray, 0) }

// BeginArrayLen is BeginArray for an array expected to have n elements (a
// slice's len): the head is written for n at once. A different number of
// elements is still written correctly.
func (e *Encoder) BeginArrayLen(n int) { e.begin(majorArray, n) }

// EndArray ends the array, writing its number of elements into its head.
func (e *Encoder) EndArray() { e.end() }

// Key writes a map key, a text string; the entry's value must follow.
func (e *Encoder) Key(name string) {
	e.count++
	e.buf = appendText(e.buf, name)
}

// appendText appends s as a text string, invalid UTF-8 replaced by U+FFFD
// (one per bad byte, as jsonwire does), since a text string must be UTF-8.
func appendText(b []byte, s string) []byte {
	if !utf8valid.ValidString(s) {
		s = replaceInvalidUTF8(s)
	}
	b = appendHead(b, majorText, uint64(len(s)))
	return append(b, s...)
}

// String writes s as a text string. Invalid UTF-8 is written as U+FFFD.
func (e *Encoder) String(s string) {
	e.value()
	e.buf = appendText(e.buf, s)
}

// Bool writes false or true.
func (e *Encoder) Bool(v bool) {
	e.value()
	if v {
		e.buf = append(e.buf, byteTrue)
	} else {
		e.buf = append(e.buf, byteFalse)
	}
}

// Int writes an integer in the shortest form.
func (e *Encoder) Int(v int64) {
	e.value()
	if v < 0 {
		e.buf = appendHead(e.buf, majorNegInt, uint64(-1-v))
		return
	}
	e.buf = appendHead(e.buf, majorUint, uint64(v))
}

// Uint writes an unsigned integer in the shortest form.
func (e *Encoder) Uint(v uint64) {
	e.value()
	e.buf = appendHead(e.buf, majorUint, v)
}

// Float writes a float32 (bits 32) as a single-precision float and a
// float64 (bits 64) as a double-precision one, as Smithy's float and double
// types say; NaN and the infinities included. NaN is written as the
// canonical quiet NaN (0x7fc00000 or 0x7ff8000000000000) whatever its
// payload, so that equal requests are equal bytes.
func (e *Encoder) Float(v float64, bits int) {
	e.value()
	if bits == 32 {
		u := math.Float32bits(float32(v))
		if v != v {
			u = 0x7fc00000
		}
		e.buf = append(e.buf, byteFloat32, byte(u>>24), byte(u>>16), byte(u>>8), byte(u))
		return
	}
	u := math.Float64bits(v)
	if v != v {
		u = 0x7ff8000000000000
	}
	e.buf = append(e.buf, byteFloat64, byte(u>>56), byte(u>>48), byte(u>>40), byte(u>>32),
		byte(u>>24), byte(u>>16), byte(u>>8), byte(u))
}

// Null writes null.
func (e *Encoder) Null() {
	e.value()
	e.buf = append(e.buf, byteNull)
}

// Blob writes b as a byte string: the CBOR form of a Smithy blob, where
// jsonwire's Base64 writes the JSON one. A nil b writes an empty string.
func (e *Encoder) Blob(b []byte) {
	e.value()
	e.buf = appendHead(e.buf, majorBytes, uint64(len(b)))
	e.buf = append(e.buf, b...)
}

// Raw writes raw, which must be one complete CBOR data item (an unknown
// union member's value as Decoder.Raw returned it), as it is; an empty raw
// writes null.
func (e *Encoder) Raw(raw []byte) {
	e.value()
	if len(raw) == 0 {
		e.buf = append(e.buf, byteNull)
		return
	}
	e.buf = append(e.buf, raw...)
}

// BigInt writes v as an integer: in major type 0 or 1 when it fits in 64
// bits (RFC 8949 section 3.4.3's preferred serialization), else as a
// bignum, tag 2 or 3 around its magnitude's bytes. nil writes null.
func (e *Encoder) BigInt(v *big.Int) {
	e.value()
	e.buf = appendBigInt(e.buf, v)
}

func appendBigInt(b []byte, v *big.Int) []byte {
	if v == nil {
		return append(b, byteNull)
	}
	if v.Sign() >= 0 {
		if v.IsUint64() {
			return appendHead(b, majorUint, v.Uint64())
		}
		b = appendHead(b, majorTag, tagPosBignum)
		return appendBytes(b, v.Bytes())
	}
	// A negative n is written as -1-n, which is |n|-1.
	m := new(big.Int).Neg(v)
	m.Sub(m, big.NewInt(1))
	if m.IsUint64() {
		return appendHead(b, majorNegInt, m.Uint64())
	}
	b = appendHead(b, majorTag, tagNegBignum)
	return appendBytes(b, m.Bytes())
}

func appendBytes(b, content []byte) []byte {
	b = appendHead(b, majorBytes, uint64(len(content)))
	return append(b, content...)
}

// BigFloat writes v as a decimal fraction, tag 4 around [exponent,
// mantissa], with the fewest decimal digits that read back as v at its
// precision (see Decoder.BigFloat): 1.5 is 4([-1, 15]). A mantissa beyond
// 64 bits is a bignum. nil writes null; the infinities, which a decimal
// fraction cannot hold, are written as double-precision infinities.
func (e *Encoder) BigFloat(v *big.Float) {
	e.value()
	switch {
	case v == nil:
		e.buf = append(e.buf, byteNull)
		return
	case v.IsInf():
		e.buf = append(e.buf, byteFloat64, 0x7f, 0xf0, 0, 0, 0, 0, 0, 0)
		if v.Sign() < 0 {
			e.buf[len(e.buf)-8] = 0xff
		}
		return
	}
	// Text 'e' gives "-d.ddde±x": the digits, and the exponent of the first.
	text := v.Text('e', -1)
	mant, exp, _ := strings.Cut(text, "e")
	neg := strings.HasPrefix(mant, "-")
	mant = strings.TrimPrefix(mant, "-")
	x, _ := strconv.ParseInt(exp, 10, 64)
	if whole, frac, ok := strings.Cut(mant, "."); ok {
		mant = whole + frac
		x -= int64(len(frac))
	}
	m, _ := new(big.Int).SetString(mant, 10)
	if neg {
		m.Neg(m)
	}
	e.buf = appendHead(e.buf, majorTag, tagDecimal)
	e.buf = append(e.buf, majorArray<<5|2)
	if x < 0 {
		e.buf = appendHead(e.buf, majorNegInt, uint64(-1-x))
	} else {
		e.buf = appendHead(e.buf, majorUint, uint64(x))
	}
	e.buf = appendBigInt(e.buf, m)
}

// maxExactSeconds bounds the times whose milliseconds a double holds exactly.
const maxExactSeconds = 1 << 53 / 1000

// EpochSeconds writes t as rpcv2Cbor writes every timestamp: tag 1 around
// a double-precision float of seconds since the Unix epoch, to the
// millisecond (truncated, as jsonwire's EpochSeconds does). The float is
// the one nearest the decimal value, which Decoder.EpochSeconds reads back
// exactly.
func (e *Encoder) EpochSeconds(t time.Time) {
	e.value()
	var f float64
	if sec := t.Unix(); -maxExactSeconds < sec && sec < maxExactSeconds {
		ms := t.UnixMilli()    // rounded down, before 1970 too
		f = float64(ms) / 1000 // one rounding, of an exact quotient
	} else {
		// Beyond 2^53 ms (some 285,000 years) a double holds no exact
		// milliseconds, and UnixMilli would overflow before 292 million.
		f = float64(sec) + float64(t.Nanosecond()/1e6)/1000
	}
	e.buf = append(e.buf, majorTag<<5|tagEpoch)
	u := math.Float64bits(f)
	e.buf = append(e.buf, byteFloat64, byte(u>>56), byte(u>>48), byte(u>>40), byte(u>>32),
		byte(u>>24), byte(u>>16), byte(u>>8), byte(u))
}

// SortedKeys yields the keys of m in order, so that a map's entries go out
// in the same order on every call. It is jsonwire.SortedKeys, which the
// codec emitter calls by the same name on either wire package: up to eight
// keys are sorted on the stack, so a small map costs no allocation.
func SortedKeys[M ~map[K]V, K ~string, V any](m M) iter.Seq[K] {
	return func(yield func(K) bool) {
		var small [8]string
		keys := small[:0]
		for k := range m {
			keys = append(keys, string(k))
		}
		// sort.Strings, not slices.Sort: this function is compiled into
		// each generated package that uses it, and slices.Sort's twelve
		// functions with it, while sort.Strings' were compiled once, with
		// the standard library.
		sort.Strings(keys)
		for _, k := range keys {
			if !yield(K(k)) {
				return
			}
		}
	}
}
