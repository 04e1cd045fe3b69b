package cbor

import (
	"math"
	"math/big"
	"strconv"
	"time"
	"unsafe"
)

// Tags with a meaning to Smithy (RFC 8949 section 3.4).
const (
	tagEpoch     = 1 // epoch-based date/time: an integer or float of seconds
	tagPosBignum = 2 // unsigned bignum: a byte string
	tagNegBignum = 3 // negative bignum: -1 minus the byte string's value
	tagDecimal   = 4 // decimal fraction: [exponent, mantissa]
	noTag        = math.MaxUint64
)

// Bounds on decimal fractions, far beyond any real quantity (float64 ends
// near 1e308), so that hostile input cannot make reading a number, or
// writing it back as decimal digits (which takes time quadratic in its
// size), take seconds.
const (
	maxDecimalExp      = 10_000
	maxDecimalMantBits = 332_193 // 100,000 decimal digits
)

// content skips the tags at offset i and returns the offset of the tagged
// data item and the innermost tag's number (noTag if none). Smithy gives
// meaning to one tag at most; outer ones are ignored, as RFC 8949 allows
// for tags a decoder does not know.
func (d *Decoder) content(i int) (at int, tag uint64) {
	tag = noTag
	for i < len(d.s) && d.s[i]>>5 == majorTag && d.s[i]&31 != aiIndefinite {
		n, _, next, ok := d.peekHead(i)
		if !ok {
			break
		}
		tag, i = n, next
	}
	return i, tag
}

// Bool reads false or true.
func (d *Decoder) Bool() bool {
	if d.err != nil {
		return false
	}
	at, _ := d.content(d.pos)
	if at < len(d.s) {
		switch d.s[at] {
		case byteFalse:
			d.pos = at + 1
			return false
		case byteTrue:
			d.pos = at + 1
			return true
		}
	}
	d.mismatch(d.pos, "boolean")
	return false
}

// floatAt decodes the half-, single- or double-precision float at offset i,
// whose initial byte the caller has checked, and returns it with the offset
// after it, or ok false at the end of the input.
func (d *Decoder) floatAt(i int) (f float64, next int, ok bool) {
	_, ai, arg, next, ok := d.head(i)
	if !ok {
		return 0, 0, false
	}
	switch ai {
	case 25:
		return halfToFloat(uint16(arg)), next, true
	case 26:
		return float64(math.Float32frombits(uint32(arg))), next, true
	}
	return math.Float64frombits(arg), next, true
}

// halfToFloat converts an IEEE 754 half-precision float (RFC 8949
// appendix D) to a float64, exactly.
func halfToFloat(h uint16) float64 {
	exp, mant := int(h>>10&0x1f), float64(h&0x3ff)
	var f float64
	switch exp {
	case 0: // zero or subnormal
		f = math.Ldexp(mant, -24)
	case 31:
		if mant != 0 {
			return math.NaN()
		}
		f = math.Inf(1)
	default:
		f = math.Ldexp(mant+1024, exp-25)
	}
	if h&0x8000 != 0 {
		f = -f
	}
	return f
}

// isFloat reports whether c is the initial byte of a float.
func isFloat(c byte) bool { return c >= byteFloat16 && c <= byteFloat64 }

// integer reads an integer in [lo, hi]: major type 0 or 1, a bignum that
// fits, or a float with an integral value. A fraction or a value out of
// range is a TypeError.
func (d *Decoder) integer(lo, hi int64, typ string) int64 {
	if d.err != nil {
		return 0
	}
	// Fast path: the integers -24 to 23 are one byte; unsigned ones up to
	// 65535 three at most.
	if i, s := d.pos, d.s; i < len(s) {
		switch c := s[i]; {
		case c < 24 && int64(c) <= hi:
			d.pos = i + 1
			return int64(c)
		case c >= 0x20 && c < 0x38 && -1-int64(c-0x20) >= lo:
			d.pos = i + 1
			return -1 - int64(c-0x20)
		case c == 0x18 && i+1 < len(s) && int64(s[i+1]) <= hi:
			d.pos = i + 2
			return int64(s[i+1])
		case c == 0x19 && i+2 < len(s) && int64(s[i+1])<<8|int64(s[i+2]) <= hi:
			d.pos = i + 3
			return int64(s[i+1])<<8 | int64(s[i+2])
		}
	}
	return d.integerSlow(lo, hi, typ)
}

func (d *Decoder) integerSlow(lo, hi int64, typ string) int64 {
	start := d.pos
	at, tag := d.content(start)
	if tag == tagPosBignum || tag == tagNegBignum {
		z, ok := d.bignum(at, tag)
		if !ok {
			return 0
		}
		if !z.IsInt64() || z.Int64() < lo || z.Int64() > hi {
			d.typeErr(start, "integer "+shorten(z.String())+" out of range for "+typ)
			return 0
		}
		return z.Int64()
	}
	if at < len(d.s) {
		c := d.s[at]
		major, ai := c>>5, c&31
		switch {
		case (major == majorUint || major == majorNegInt) && ai != aiIndefinite:
			_, _, arg, next, ok := d.head(at)
			if !ok {
				return 0
			}
			if major == majorUint && arg <= uint64(hi) {
				d.pos = next
				return int64(arg)
			}
			if major == majorNegInt && arg <= uint64(-(lo+1)) {
				d.pos = next
				return -1 - int64(arg)
			}
			text := strconv.FormatUint(arg, 10)
			if major == majorNegInt {
				text = new(big.Int).Sub(big.NewInt(-1), new(big.Int).SetUint64(arg)).String()
			}
			d.typeErr(start, "integer "+text+" out of range for "+typ)
			return 0
		case isFloat(c):
			f, next, ok := d.floatAt(at)
			if !ok {
				return 0
			}
			switch {
			case f != math.Trunc(f): // also NaN and the infinities
				d.typeErr(start, "number "+formatFloat(f)+" is not an integer")
				return 0
			case f < -(1<<63) || f >= 1<<63 || int64(f) < lo || int64(f) > hi:
				d.typeErr(start, "number "+formatFloat(f)+" out of range for "+typ)
				return 0
			}
			d.pos = next
			return int64(f)
		}
	}
	d.mismatch(start, "integer")
	return 0
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// shorten keeps a number's text short in error messages.
func shorten(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// Int64 reads an integer within the range of int64. Besides major types 0
// and 1, a bignum (tag 2 or 3) or a float with an integral value is read if
// it is in range; a fraction (1.5) or a value out of range is a TypeError.
func (d *Decoder) Int64() int64 { return d.integer(math.MinInt64, math.MaxInt64, "int64") }

// Int32 is Int64 for the range of int32.
func (d *Decoder) Int32() int32 { return int32(d.integer(math.MinInt32, math.MaxInt32, "int32")) }

// Int16 is Int64 for the range of int16.
func (d *Decoder) Int16() int16 { return int16(d.integer(math.MinInt16, math.MaxInt16, "int16")) }

// Int8 is Int64 for the range of int8.
func (d *Decoder) Int8() int8 { return int8(d.integer(math.MinInt8, math.MaxInt8, "int8")) }

// float reads a half-, single- or double-precision float, or an integer.
func (d *Decoder) float(bits int) float64 {
	if d.err != nil {
		return 0
	}
	if i := d.pos; i+8 < len(d.s) {
		// Fast path: the float the member's type calls for.
		s := d.s
		switch s[i] {
		case byteFloat64:
			if bits == 32 {
				break // may be out of range
			}
			d.pos = i + 9
			return math.Float64frombits(uint64(s[i+1])<<56 | uint64(s[i+2])<<48 | uint64(s[i+3])<<40 | uint64(s[i+4])<<32 |
				uint64(s[i+5])<<24 | uint64(s[i+6])<<16 | uint64(s[i+7])<<8 | uint64(s[i+8]))
		case byteFloat32:
			d.pos = i + 5
			return float64(math.Float32frombits(uint32(s[i+1])<<24 | uint32(s[i+2])<<16 | uint32(s[i+3])<<8 | uint32(s[i+4])))
		}
	}
	return d.floatSlow(bits)
}

func (d *Decoder) floatSlow(bits int) float64 {
	start := d.pos
	at, tag := d.content(start)
	if tag == tagPosBignum || tag == tagNegBignum {
		z, ok := d.bignum(at, tag)
		if !ok {
			return 0
		}
		f, _ := new(big.Float).SetInt(z).Float64()
		return d.checkFloat(start, f, bits)
	}
	if at < len(d.s) {
		c := d.s[at]
		major, ai := c>>5, c&31
		switch {
		case isFloat(c):
			f, next, ok := d.floatAt(at)
			if !ok {
				return 0
			}
			d.pos = next
			return d.checkFloat(start, f, bits)
		case (major == majorUint || major == majorNegInt) && ai != aiIndefinite:
			_, _, arg, next, ok := d.head(at)
			if !ok {
				return 0
			}
			d.pos = next
			f := float64(arg)
			if major == majorNegInt {
				f = -1 - f
			}
			return f
		}
	}
	d.mismatch(start, "number")
	return 0
}

// checkFloat returns f, or records a TypeError if bits is 32 and f is
// finite but beyond the range of float32.
func (d *Decoder) checkFloat(at int, f float64, bits int) float64 {
	if bits == 32 && !math.IsInf(f, 0) && math.IsInf(float64(float32(f)), 0) {
		d.typeErr(at, "number "+formatFloat(f)+" out of range for float"+strconv.Itoa(bits))
		return 0
	}
	return f
}

// Float64 reads a float of any precision (half-precision included, with
// its infinities and NaNs), or an integer, or a bignum, as a float64.
func (d *Decoder) Float64() float64 { return d.float(64) }

// Float32 is Float64 for float32, rounding to the nearest float32. A finite
// value beyond float32's range is a TypeError.
func (d *Decoder) Float32() float32 { return float32(d.float(32)) }

// bignum reads the byte string of a tag 2 or 3 bignum at offset at.
func (d *Decoder) bignum(at int, tag uint64) (*big.Int, bool) {
	b, ok := d.stringAt(at, majorBytes, "byte string (bignum)", true)
	if !ok {
		return nil, false
	}
	z := new(big.Int).SetBytes([]byte(b))
	if tag == tagNegBignum {
		z.Neg(z).Sub(z, big.NewInt(1))
	}
	return z, true
}

// BigInt reads an integer of any size: major type 0 or 1, or a bignum (tag
// 2 or 3). Its size is bounded by the input's.
func (d *Decoder) BigInt() *big.Int {
	if d.err != nil {
		return nil
	}
	start := d.pos
	at, tag := d.content(start)
	if tag == tagPosBignum || tag == tagNegBignum {
		z, _ := d.bignum(at, tag)
		return z
	}
	if at < len(d.s) {
		if c := d.s[at]; c>>5 <= majorNegInt && c&31 != aiIndefinite {
			_, _, arg, next, ok := d.head(at)
			if !ok {
				return nil
			}
			d.pos = next
			z := new(big.Int).SetUint64(arg)
			if c>>5 == majorNegInt {
				z.Neg(z).Sub(z, big.NewInt(1))
			}
			return z
		}
	}
	d.mismatch(start, "integer")
	return nil
}

// BigFloat reads a decimal fraction (tag 4: [exponent, mantissa], the
// mantissa an integer or a bignum), an integer, a bignum or a float, with
// enough precision to give back the same decimal digits when written with
// Encoder.BigFloat: the mantissa's bits plus 64. NaN is a TypeError, as
// big.Float has none.
func (d *Decoder) BigFloat() *big.Float {
	if d.err != nil {
		return nil
	}
	start := d.pos
	at, tag := d.content(start)
	switch {
	case tag == tagDecimal:
		return d.decimal(start, at)
	case tag == tagPosBignum || tag == tagNegBignum:
		z, ok := d.bignum(at, tag)
		if !ok {
			return nil
		}
		return new(big.Float).SetPrec(uint(max(z.BitLen(), 64))).SetInt(z)
	case at < len(d.s) && isFloat(d.s[at]):
		f, next, ok := d.floatAt(at)
		if !ok {
			return nil
		}
		if math.IsNaN(f) {
			d.typeErr(start, "NaN is not a big decimal")
			return nil
		}
		d.pos = next
		return big.NewFloat(f)
	}
	d.pos = at
	z := d.BigInt()
	if z == nil {
		return nil
	}
	return new(big.Float).SetPrec(uint(max(z.BitLen(), 64))).SetInt(z)
}

// decimal reads the array of a tag 4 decimal fraction at offset at; start
// is where its tags began.
func (d *Decoder) decimal(start, at int) *big.Float {
	bad := func() *big.Float {
		d.typeErr(start, "a decimal fraction (tag 4) must be an array of an integer exponent and an integer or bignum mantissa")
		return nil
	}
	if at >= len(d.s) || d.s[at]>>5 != majorArray {
		d.Skip()
		return bad()
	}
	d.pos = at
	d.BeginArray()
	if !d.NextElem() {
		return bad()
	}
	at, tag := d.content(d.pos)
	if tag != noTag || at >= len(d.s) || d.s[at]>>5 > majorNegInt {
		return bad()
	}
	exp := d.Int64()
	if !d.NextElem() {
		return bad()
	}
	mant := d.BigInt()
	if d.err != nil {
		return nil
	}
	if d.NextElem() {
		return bad()
	}
	if d.err != nil {
		return nil
	}
	if exp < -maxDecimalExp || exp > maxDecimalExp {
		d.typeErr(start, "decimal fraction exponent "+strconv.FormatInt(exp, 10)+" out of range")
		return nil
	}
	if mant.BitLen() > maxDecimalMantBits {
		d.typeErr(start, "decimal fraction mantissa of more than 100,000 digits")
		return nil
	}
	// big.Float scales by a power of ten exactly enough at this precision,
	// by repeated squaring; the text is the simplest way to ask for that.
	prec := uint(mant.BitLen()) + 64
	z, _, err := big.ParseFloat(mant.String()+"e"+strconv.FormatInt(exp, 10), 10, prec, big.ToNearestEven)
	if err != nil || z.IsInf() || z.Sign() != mant.Sign() { // overflow or underflow
		d.typeErr(start, "decimal fraction out of range")
		return nil
	}
	return z
}

// Blob reads a byte string, of definite or indefinite length, and returns
// its bytes in a new slice (empty but not nil for an empty string): the
// CBOR form of a Smithy blob, where jsonwire's Base64 reads the JSON one.
func (d *Decoder) Blob() []byte {
	if d.err != nil {
		return nil
	}
	at, _ := d.content(d.pos)
	b, ok := d.stringAt(at, majorBytes, "byte string", true)
	if !ok {
		return nil
	}
	return []byte(b)
}

// maxEpochSeconds bounds epoch seconds so that time.Unix cannot overflow
// its internal representation (about ±292 billion years): the bound
// jsonwire's timestamps have too.
const maxEpochSeconds = 1 << 62

// EpochSeconds reads a timestamp: tag 1 around an integer or a float of
// seconds since 1970-01-01T00:00:00Z, which is how rpcv2Cbor sends every
// timestamp whatever its timestampFormat trait says. An untagged number is
// read the same way. A float reads as the shortest decimal that converts
// to it (as strconv formats it), digits past nanoseconds truncated: that is
// the decimal value a peer meant, 946845296.123 for the double nearest it,
// where converting the double's binary value would give 946845296.122999906.
// The result is in UTC.
func (d *Decoder) EpochSeconds() time.Time {
	if d.err != nil {
		return time.Time{}
	}
	start := d.pos
	at, _ := d.content(start)
	if at < len(d.s) {
		c := d.s[at]
		major, ai := c>>5, c&31
		switch {
		case (major == majorUint || major == majorNegInt) && ai != aiIndefinite:
			_, _, arg, next, ok := d.head(at)
			if !ok {
				return time.Time{}
			}
			if arg > maxEpochSeconds {
				d.typeErr(start, "epoch-seconds timestamp out of range")
				return time.Time{}
			}
			d.pos = next
			if major == majorNegInt {
				return time.Unix(-1-int64(arg), 0).UTC()
			}
			return time.Unix(int64(arg), 0).UTC()
		case isFloat(c):
			f, next, ok := d.floatAt(at)
			if !ok {
				return time.Time{}
			}
			if !(math.Abs(f) <= maxEpochSeconds) { // also NaN
				d.typeErr(start, "epoch-seconds timestamp "+formatFloat(f)+" out of range")
				return time.Time{}
			}
			d.pos = next
			return epochFromFloat(f)
		}
	}
	d.mismatch(start, "number (epoch-seconds timestamp)")
	return time.Time{}
}

// epochFromFloat converts seconds since the epoch, a float no larger in
// magnitude than maxEpochSeconds, to a time via its shortest decimal.
func epochFromFloat(f float64) time.Time {
	if math.Abs(f) >= 1<<52 {
		// An integer, which the shortest decimal would round
		// (2^62 is 4611686018427388000 to strconv).
		return time.Unix(int64(f), 0).UTC()
	}
	var buf [48]byte
	text := strconv.AppendFloat(buf[:0], f, 'f', -1, 64) // at most 16 integer digits
	neg := text[0] == '-'
	if neg {
		text = text[1:]
	}
	var sec, ns int64
	i := 0
	for ; i < len(text) && text[i] != '.'; i++ {
		sec = sec*10 + int64(text[i]-'0')
	}
	scale := int64(1e9)
	for i++; i < len(text) && scale > 1; i++ {
		scale /= 10
		ns += int64(text[i]-'0') * scale
	}
	if neg {
		return time.Unix(-sec, -ns).UTC()
	}
	return time.Unix(sec, ns).UTC()
}

// slab hands out pointers to values of one type from shared blocks, so
// that decoding many optional (pointer) members costs one allocation per
// block instead of one per value. A block stays in memory while any pointer
// into it is reachable; blocks are small, and all values in one come from
// the same document.
type slab[T any] struct {
	block []T
	used  int // block[:used] is handed out; an index, not a reslice, so that taking a value writes no pointer
}

// maxSlabBytes is the size slab blocks stop doubling at.
const maxSlabBytes = 4 << 10

func (s *slab[T]) box(v T) *T {
	if s.used == len(s.block) {
		// Grow the blocks so that small documents waste little and large
		// ones allocate rarely, up to 512 values or maxSlabBytes: the last
		// block of a large document is on average half unused, and blocks
		// of 512 strings or times left 4 and 6 KB of each page so (as
		// jsonwire's, which stop at the same size).
		s.block = make([]T, min(max(2*len(s.block), 8), 512, maxSlabBytes/int(unsafe.Sizeof(v))))
		s.used = 0
	}
	p := &s.block[s.used]
	*p = v
	s.used++
	return p
}

// BoxString returns a pointer to a copy of v, allocated in blocks shared
// with other boxed strings of this Decoder: the way to fill an optional
// member, as in out.Name = d.BoxString(d.String()).
func (d *Decoder) BoxString(v string) *string { return d.strings.box(v) }

// BoxBool is BoxString for bool.
func (d *Decoder) BoxBool(v bool) *bool { return d.bools.box(v) }

// BoxInt8 is BoxString for int8.
func (d *Decoder) BoxInt8(v int8) *int8 { return d.int8s.box(v) }

// BoxInt16 is BoxString for int16.
func (d *Decoder) BoxInt16(v int16) *int16 { return d.int16s.box(v) }

// BoxInt32 is BoxString for int32.
func (d *Decoder) BoxInt32(v int32) *int32 { return d.int32s.box(v) }

// BoxInt64 is BoxString for int64.
func (d *Decoder) BoxInt64(v int64) *int64 { return d.int64s.box(v) }

// BoxFloat32 is BoxString for float32.
func (d *Decoder) BoxFloat32(v float32) *float32 { return d.float32s.box(v) }

// BoxFloat64 is BoxString for float64.
func (d *Decoder) BoxFloat64(v float64) *float64 { return d.float64s.box(v) }

// BoxTime is BoxString for time.Time.
func (d *Decoder) BoxTime(v time.Time) *time.Time { return d.times.box(v) }
