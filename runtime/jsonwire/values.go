package jsonwire

import (
	"encoding/base64"
	"math"
	"math/big"
	"strconv"
	"time"
	"unsafe"

	"github.com/smithygo/smithygo/runtime/textfmt"
)

// Bool reads true or false.
func (d *Decoder) Bool() bool {
	if d.err != nil {
		return false
	}
	i := d.skipSpace()
	rest := d.s[i:]
	switch {
	case hasPrefix(rest, "true"):
		d.pos = i + 4
		return true
	case hasPrefix(rest, "false"):
		d.pos = i + 5
		return false
	}
	d.mismatch(i, "boolean")
	return false
}

// shorten keeps a number's text short in error messages (and copies it).
func shorten(s []byte) string {
	if len(s) > 40 {
		return string(s[:40]) + "..."
	}
	return string(s)
}

// number reads the next value, which must be a JSON number, and returns its
// text (aliasing the input) and offset.
func (d *Decoder) number(want string) (text []byte, at int, ok bool) {
	if d.err != nil {
		return nil, 0, false
	}
	i := d.skipSpace()
	s := d.s
	if i < len(s) && kinds[s[i]] == Number {
		end, ok := textfmt.ScanNumber(s, i)
		if !ok {
			d.syntaxErr(end, "invalid number")
			return nil, 0, false
		}
		d.pos = end
		return s[i:end], i, true
	}
	d.mismatch(i, want)
	return nil, 0, false
}

// intType is one of the integer types integer reads: an index into
// intTypes. Passing one small value rather than the type's bounds and name
// leaves the digit loop registers enough to keep its value in one.
type intType uint8

const (
	typeInt64 intType = iota
	typeInt32
	typeInt16
	typeInt8
)

// intTypes are the bounds and names of the intType values.
var intTypes = [...]struct {
	lo, hi int64
	name   string
}{
	typeInt64: {math.MinInt64, math.MaxInt64, "int64"},
	typeInt32: {math.MinInt32, math.MaxInt32, "int32"},
	typeInt16: {math.MinInt16, math.MaxInt16, "int16"},
	typeInt8:  {math.MinInt8, math.MaxInt8, "int8"},
}

// integer reads a JSON number that is an integer of type t. Any spelling
// of an integral value is accepted (10, 1e1, 10.0, 1.0E+1); a non-zero
// fraction or a value out of range is a TypeError.
func (d *Decoder) integer(t intType) int64 {
	// Fast path: up to 18 plain digits, which cannot overflow an int64,
	// right here (compact JSON) with at least 20 bytes of input left (a
	// sign, 18 digits and the byte after them): the digits are read
	// through unsafe.Add, without digitRun's slice of them, whose bounds
	// cost as much as reading a short number's digits.
	if s, i := d.s, d.pos; i >= 0 && len(s)-i >= 20 && d.err == nil {
		p := unsafe.Pointer(unsafe.SliceData(s))
		j := i
		neg := *(*byte)(unsafe.Add(p, i)) == '-'
		if neg {
			j++
		}
		var u uint64
		k := j
		for end := j + 18; k < end; k++ {
			c := *(*byte)(unsafe.Add(p, k)) - '0'
			if c > 9 {
				break
			}
			u = u*10 + uint64(c)
		}
		if k > j && (k == j+1 || *(*byte)(unsafe.Add(p, j)) != '0') && !continuesNumber[*(*byte)(unsafe.Add(p, k))] {
			v := int64(u)
			if neg {
				v = -v
			}
			if r := &intTypes[t]; v < r.lo || v > r.hi {
				d.typeErr(i, "number "+string(s[i:k])+" out of range for "+r.name)
				return 0
			}
			d.pos = k
			return v
		}
	}
	return d.integerNear(t)
}

// integerNear is integer near the end of the input, after space, or for
// anything but plain digits.
func (d *Decoder) integerNear(t intType) int64 {
	if d.err != nil {
		return 0
	}
	// Fast path: up to 18 plain digits cannot overflow an int64.
	i := d.skipSpace()
	s := d.s
	j := i
	if j < len(s) && s[j] == '-' {
		j++
	}
	u, k := digitRun(s, j, 18)
	v := int64(u)
	if k > j && (s[j] != '0' || k == j+1) && (k == len(s) || !continuesNumber[s[k]]) {
		if j > i {
			v = -v
		}
		if r := &intTypes[t]; v < r.lo || v > r.hi {
			d.typeErr(i, "number "+string(s[i:k])+" out of range for "+r.name)
			return 0
		}
		d.pos = k
		return v
	}
	return d.integerSlow(t)
}

// integerSlow is integer for any number but plain digits.
func (d *Decoder) integerSlow(t intType) int64 {
	r := &intTypes[t]
	text, at, ok := d.number("number")
	if !ok {
		return 0
	}
	n := textfmt.SplitNumber(string(text))
	if n.HasFraction() {
		d.typeErr(at, "number "+shorten(text)+" is not an integer")
		return 0
	}
	mag, ok := n.Integer()
	if n.Neg {
		if ok && mag <= uint64(-(r.lo+1))+1 {
			return -int64(mag) // wraps correctly for math.MinInt64
		}
	} else if ok && mag <= uint64(r.hi) {
		return int64(mag)
	}
	d.typeErr(at, "number "+shorten(text)+" out of range for "+r.name)
	return 0
}

// digitRun reads the run of decimal digits at s[i:], at most n of them,
// and returns their value (which wraps past 19 digits: callers that allow
// more refuse the result) and the offset after the last one read. Bounding
// the run once, on a slice of its own, leaves the loop one bounds check
// and one comparison per digit: the loops it replaced checked the end of
// the input, the count and both ends of '0'..'9' at every digit.
func digitRun(s []byte, i, n int) (uint64, int) {
	t := s[i:min(len(s), i+n)]
	var v uint64
	k := 0
	for ; k < len(t); k++ {
		c := t[k] - '0'
		if c > 9 {
			break
		}
		v = v*10 + uint64(c)
	}
	return v, i + k
}

// pow10 holds the powers of ten that uint64 holds.
var pow10 = [20]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

// continuesNumber marks the bytes that may follow a run of digits within a
// JSON number, sending integer to its slow path.
var continuesNumber = [256]bool{
	'.': true, 'e': true, 'E': true,
	'0': true, '1': true, '2': true, '3': true, '4': true,
	'5': true, '6': true, '7': true, '8': true, '9': true,
}

// Int64 reads a JSON number that is an integer within the range of int64.
// A fraction (1.5) or a value out of range (1e400) is a TypeError; any
// spelling of an integer (1e2, 100.0) is accepted.
func (d *Decoder) Int64() int64 { return d.integer(typeInt64) }

// Int32 is Int64 for the range of int32.
func (d *Decoder) Int32() int32 { return int32(d.integer(typeInt32)) }

// Int16 is Int64 for the range of int16.
func (d *Decoder) Int16() int16 { return int16(d.integer(typeInt16)) }

// Int8 is Int64 for the range of int8.
func (d *Decoder) Int8() int8 { return int8(d.integer(typeInt8)) }

// float reads a number, or one of the strings "NaN", "Infinity" and
// "-Infinity" that Smithy's JSON protocols use for non-finite values.
func (d *Decoder) float(bits int) float64 {
	if d.err != nil {
		return 0
	}
	i := d.skipSpace()
	if i < len(d.s) && d.s[i] == '"' {
		s, _ := d.stringBytes()
		if f, ok := textfmt.SpecialFloat(string(s)); ok {
			return f
		}
		d.typeErr(i, "expected number, found string")
		return 0
	}
	if f, end, ok := fastFloat(d.s, i, bits); ok {
		d.pos = end
		return f
	}
	text, at, ok := d.number("number")
	if !ok {
		return 0
	}
	f, err := strconv.ParseFloat(string(text), bits)
	if err != nil {
		d.typeErr(at, "number "+shorten(text)+" out of range for float"+strconv.Itoa(bits))
		return 0
	}
	return f
}

// exactPow10 holds the powers of ten that float64 represents exactly.
var exactPow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// fastFloat reads the number at s[i] when it is plain decimal, an integer
// part and an optional fraction with no exponent, of at most 19 digits
// whose value as an integer m is at most 2^53, with at most 22 of them in
// the fraction: the way services write most floating-point values. Its
// value m/10^k is then one division of two float64 values that hold their
// operands exactly, which IEEE 754 rounds correctly (Clinger's fast path,
// which strconv takes too, after much more work to get there), and for
// bits 64 that is the result. For bits 32 the float64 is rounded again,
// to float32, which gives the correctly rounded float32 of m/10^k unless
// the float64 landed exactly halfway between two float32 values while m/
// 10^k itself did not: there the second rounding may go the wrong way, so
// such a value, like every other input, is left to strconv (ok false).
// It returns the value, the offset after the number, and ok.
func fastFloat(s []byte, i, bits int) (float64, int, bool) {
	j := i
	neg := j < len(s) && s[j] == '-'
	if neg {
		j++
	}
	if j >= len(s) || !textfmt.IsDigit(s[j]) {
		return 0, 0, false
	}
	start := j
	var m uint64
	if s[j] == '0' {
		j++ // a leading zero is the whole integer part
	} else {
		// Twenty digits at most: one more than are kept, so that a
		// longer run leaves a digit next and is refused below.
		m, j = digitRun(s, j, 20)
	}
	k := 0
	if j < len(s) && s[j] == '.' {
		j++
		f := j
		var frac uint64
		frac, j = digitRun(s, f, 23)
		k = j - f
		m = m*pow10[min(k, 19)] + frac
		if k == 0 {
			return 0, 0, false // "1." is not a number
		}
	}
	// Digits: at most 19 (and 22 in the fraction), so that m has not
	// wrapped; nothing that continues a number (an exponent, or digits
	// after a leading zero) follows.
	if j-start-min(k, 1) > 19 || k > 22 || m > 1<<53 || j < len(s) && continuesNumber[s[j]] {
		return 0, 0, false
	}
	f := float64(m) / exactPow10[k]
	if bits == 32 && f != 0 {
		// Halfway between two float32 values: the 29 bits of the
		// float64's fraction that float32 drops are 1 and 28 zeros (m/
		// 10^k is at least 1e-22, within float32's normal range, where
		// float32 keeps 23 bits of the fraction).
		if math.Float64bits(f)&(1<<29-1) == 1<<28 {
			return 0, 0, false
		}
		f = float64(float32(f))
	}
	if neg {
		f = -f
	}
	return f, j, true
}

// Float64 reads a JSON number, or the string "NaN", "Infinity" or
// "-Infinity". A number beyond the float64 range is a TypeError.
func (d *Decoder) Float64() float64 { return d.float(64) }

// Float32 is Float64 for float32, rounding to the nearest float32.
func (d *Decoder) Float32() float32 { return float32(d.float(32)) }

// maxBigDigits bounds the integer digits BigInt builds, so that a short
// input like 1e1000000000 cannot demand gigabytes.
const maxBigDigits = 100_000

// BigInt reads a JSON number that is an integer of any size (any spelling
// of an integer, as for Int64, up to 100,000 digits).
func (d *Decoder) BigInt() *big.Int {
	text, at, ok := d.number("number")
	if !ok {
		return nil
	}
	n := textfmt.SplitNumber(string(text))
	if n.HasFraction() {
		d.typeErr(at, "number "+shorten(text)+" is not an integer")
		return nil
	}
	z := new(big.Int)
	if mag, ok := n.Integer(); ok {
		z.SetUint64(mag)
	} else {
		if n.Point > maxBigDigits {
			d.typeErr(at, "number "+shorten(text)+" is too large")
			return nil
		}
		buf := make([]byte, n.Point)
		for k := range buf {
			buf[k] = '0' + byte(n.Digit(int64(k)))
		}
		z.SetString(string(buf), 10)
	}
	if n.Neg {
		z.Neg(z)
	}
	return z
}

// BigFloat reads a JSON number with enough precision to give back the same
// decimal digits when written with Encoder.BigFloat: the precision grows
// with the number of significant digits (at least 64 bits).
func (d *Decoder) BigFloat() *big.Float {
	text, at, ok := d.number("number")
	if !ok {
		return nil
	}
	z, _, err := big.ParseFloat(string(text), 10, textfmt.DecimalPrec(string(text)), big.ToNearestEven)
	if err != nil || z.IsInf() {
		d.typeErr(at, "number "+shorten(text)+" out of range")
		return nil
	}
	return z
}

var (
	base64Std = base64.StdEncoding.Strict()
	base64Raw = base64.RawStdEncoding.Strict()
)

// Base64 reads a string of standard base64 (RFC 4648 section 4) and returns
// the decoded bytes. Padding may be left out, but if present it must be
// complete; non-zero trailing bits are an error. Short values are decoded
// into blocks shared with the other blobs of this Decoder, as strings are
// (see keep), because a page of many small blobs would otherwise cost an
// allocation each; every slice's capacity ends where its bytes do, so
// appending to one never writes into another.
func (d *Decoder) Base64() []byte {
	if d.err != nil {
		return nil
	}
	i := d.skipSpace()
	if b, ok := d.base64InPlace(i); ok {
		return b
	}
	s, ok := d.stringBytes()
	if !ok {
		return nil
	}
	if len(s) == 0 {
		return []byte{}
	}
	enc := base64Std
	if len(s)%4 != 0 {
		enc = base64Raw
	}
	size := enc.DecodedLen(len(s))
	shared := size <= maxArena/4
	var b []byte
	if shared {
		b = d.blobSpace(size)
	} else {
		b = make([]byte, size) // a long value gets its own memory
	}
	n, m := decodeGroups(b, s)
	if end, ok := decodeLast(b, n, s, m, len(s)-m, enc == base64Std); ok {
		n = end
	} else {
		rest, err := enc.Decode(b[n:], s[m:])
		if err != nil {
			d.typeErr(i, "invalid base64 string")
			return nil
		}
		n += rest
	}
	if shared {
		d.blobs = d.blobs[:len(d.blobs)+n]
	}
	return b[:n:n]
}

// base64InPlace is Base64's fast path, for a string at s[i] of base64 as
// services write it (whole groups of alphabet characters, then a last
// group as decodeLast takes it, then the closing quote) that fits in the
// free end of the current block of blobs: it decodes the string as it
// reads it, rather than scanning it for its end first, and ok false leaves
// the Decoder as it was for the general path.
func (d *Decoder) base64InPlace(i int) (b []byte, ok bool) {
	s := d.s
	if i < 0 || i >= len(s) || s[i] != '"' {
		return nil, false
	}
	free := d.blobs[len(d.blobs):cap(d.blobs)]
	n, m := decodeQuads(free, s[i+1:])
	if m == vectorHead {
		n, m = decodeLong(free, s[i+1:], n, m) // decodeGroups, its call saved
	}
	end := i + 1 + m
	// The closing quote is next, or after a padded last group, or after a
	// short one (the likeliest first); anything else (a stop before the
	// quote, no room left) goes the general way. decodeLast confirms that
	// the k bytes before the quote are base64, so it is the first quote.
	var k int
	switch {
	case end < len(s) && s[end] == '"':
		k = 0
	case end+4 < len(s) && s[end+4] == '"' && s[end+3] == '=':
		k = 4
	case end+2 < len(s) && s[end+2] == '"':
		k = 2
	case end+3 < len(s) && s[end+3] == '"':
		k = 3
	default:
		return nil, false
	}
	n, ok = decodeLast(free, n, s, end, k, k == 4)
	if !ok {
		return nil, false
	}
	d.pos = end + k + 1
	if n == 0 {
		return []byte{}, true
	}
	d.blobs = d.blobs[:len(d.blobs)+n]
	return free[:n:n], true
}

// minBlobs is the first block of blobs: smaller than keep's first, because
// most documents have no blob or one small one (a DynamoDB item, a KMS key).
const minBlobs = 256

// blobSpace returns room for size bytes at the end of the current block of
// blobs, starting a new block (doubling from minBlobs to maxArena, as keep's
// do) when the current one has too little left. The room becomes used when
// Base64 extends d.blobs over what it decoded.
func (d *Decoder) blobSpace(size int) []byte {
	if cap(d.blobs)-len(d.blobs) < size {
		d.blobs = make([]byte, 0, max(size, min(2*cap(d.blobs), maxArena), minBlobs))
	}
	return d.blobs[len(d.blobs) : len(d.blobs)+size]
}

// EpochSeconds reads a timestamp in the epoch-seconds format: a JSON number
// of seconds since 1970-01-01T00:00:00Z. The decimal text is read exactly,
// so 1515531081.123 is 123 milliseconds past the second, with no
// floating-point error; digits past nanoseconds are truncated. The result
// is in UTC.
func (d *Decoder) EpochSeconds() time.Time {
	if d.err != nil {
		return time.Time{}
	}
	// Fast path: up to 18 digits, then optionally '.' and up to 9 digits,
	// as services write them; anything else takes the general path.
	i := d.skipSpace()
	s := d.s
	usec, k := digitRun(s, i, 18)
	sec := int64(usec)
	if k > i && (s[i] != '0' || k == i+1) {
		var ns int64
		if k < len(s) && s[k] == '.' {
			f := k + 1
			var frac uint64
			frac, k = digitRun(s, f, 9)
			ns = int64(frac) * int64(pow10[9-(k-f)])
			if k == f {
				k = -1 // "1." is not a number
			}
		}
		if k >= 0 && (k == len(s) || !continuesNumber[s[k]]) {
			d.pos = k
			return time.Unix(sec, ns).UTC()
		}
	}
	text, at, ok := d.number("number (epoch-seconds timestamp)")
	if !ok {
		return time.Time{}
	}
	t, ok := textfmt.EpochFromNumber(string(text))
	if !ok {
		d.typeErr(at, "epoch-seconds timestamp "+shorten(text)+" out of range")
	}
	return t
}

// DateTime reads a timestamp in the date-time format: an RFC 3339 string
// such as "2019-12-16T23:48:18Z", with an optional fraction of any length
// (truncated to nanoseconds) and Z or a numeric offset; lower-case t and z
// are accepted, as RFC 3339 allows. The result is in UTC.
func (d *Decoder) DateTime() time.Time {
	return d.timeString(textfmt.ParseDateTime)
}

// DateTimeUTC is DateTime for a server reading a request: a numeric
// offset, even +00:00, is a TypeError, since Smithy's date-time is UTC
// written with Z (see strict.go).
func (d *Decoder) DateTimeUTC() time.Time {
	return d.timeString(textfmt.ParseDateTimeUTC)
}

// HTTPDate reads a timestamp in the http-date format: an IMF-fixdate string
// such as "Mon, 16 Dec 2019 23:48:18 GMT", optionally with fractional
// seconds. The result is in UTC.
func (d *Decoder) HTTPDate() time.Time {
	return d.timeString(textfmt.ParseHTTPDate)
}

func (d *Decoder) timeString(parse func(string) (time.Time, error)) time.Time {
	if d.err != nil {
		return time.Time{}
	}
	i := d.skipSpace()
	s, ok := d.stringBytes()
	if !ok {
		return time.Time{}
	}
	t, err := parse(string(s))
	if err != nil {
		d.typeErr(i, err.Error())
		return time.Time{}
	}
	return t
}

// The Box methods hand out pointers to values of one type from shared
// blocks, so that decoding many optional (pointer) members costs one
// allocation per block instead of one per value. A block stays in memory
// while any pointer into it is reachable; blocks are small, and all values
// in one come from the same document.
//
// The Decoder's blocks are plain fields, one pair for each type, and box
// is a generic function rather than a method of a generic slab type: every
// generated package refers to Decoder, and would compile the methods of
// the Decoder's generic field types again, while box is compiled only where
// it is called, in the Box methods, which are not inlined for that reason.
type slabs struct {
	strings  []string
	bools    []bool
	int8s    []int8
	int16s   []int16
	int32s   []int32
	int64s   []int64
	float32s []float32
	float64s []float64
	times    []time.Time
	// used holds, for each block above (indexed by the usedX constants),
	// how many of its values have been handed out: an index, so that
	// handing one out stores no pointer (see keep).
	used [usedCount]int
}

// The indexes into slabs.used, one for each block.
const (
	usedStrings = iota
	usedBools
	usedInt8s
	usedInt16s
	usedInt32s
	usedInt64s
	usedFloat32s
	usedFloat64s
	usedTimes
	usedCount
)

// box stores v in the next free value of *block, starting a new block when
// it is full, and returns a pointer to it.
func box[T any](block *[]T, used *int, v T) *T {
	if *used == len(*block) {
		// Grow the blocks so that small documents waste little and large
		// ones allocate rarely, up to 512 values and, as the list blocks
		// (blockLen), maxBlockBytes: the last block of a large document
		// is on average half unused, and blocks of 512 strings or times
		// left 4 and 6 KB of each page so. (size is v's, not a zero T's:
		// box must stay inlinable, and that costs less.)
		size := int(unsafe.Sizeof(v))
		*block = make([]T, fitClass(min(max(2*len(*block), 8), 512, maxBlockBytes/size), size))
		*used = 0
	}
	p := &(*block)[*used]
	*used++
	*p = v
	return p
}

// BoxString returns a pointer to a copy of v, allocated in blocks shared
// with other boxed strings of this Decoder: the way to fill an optional
// member, as in out.Name = d.BoxString(d.String()).
//
//go:noinline
func (d *Decoder) BoxString(v string) *string {
	return box(&d.slabs.strings, &d.slabs.used[usedStrings], v)
}

// BoxBool is BoxString for bool.
//
//go:noinline
func (d *Decoder) BoxBool(v bool) *bool { return box(&d.slabs.bools, &d.slabs.used[usedBools], v) }

// BoxInt8 is BoxString for int8.
//
//go:noinline
func (d *Decoder) BoxInt8(v int8) *int8 { return box(&d.slabs.int8s, &d.slabs.used[usedInt8s], v) }

// BoxInt16 is BoxString for int16.
//
//go:noinline
func (d *Decoder) BoxInt16(v int16) *int16 { return box(&d.slabs.int16s, &d.slabs.used[usedInt16s], v) }

// BoxInt32 is BoxString for int32.
//
//go:noinline
func (d *Decoder) BoxInt32(v int32) *int32 { return box(&d.slabs.int32s, &d.slabs.used[usedInt32s], v) }

// BoxInt64 is BoxString for int64.
//
//go:noinline
func (d *Decoder) BoxInt64(v int64) *int64 { return box(&d.slabs.int64s, &d.slabs.used[usedInt64s], v) }

// BoxFloat32 is BoxString for float32.
//
//go:noinline
func (d *Decoder) BoxFloat32(v float32) *float32 {
	return box(&d.slabs.float32s, &d.slabs.used[usedFloat32s], v)
}

// BoxFloat64 is BoxString for float64.
//
//go:noinline
func (d *Decoder) BoxFloat64(v float64) *float64 {
	return box(&d.slabs.float64s, &d.slabs.used[usedFloat64s], v)
}

// BoxTime is BoxString for time.Time.
//
//go:noinline
func (d *Decoder) BoxTime(v time.Time) *time.Time {
	return box(&d.slabs.times, &d.slabs.used[usedTimes], v)
}
