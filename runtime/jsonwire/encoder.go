package jsonwire

import (
	"encoding/base64"
	"iter"
	"math"
	"math/big"
	"math/bits"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/smithygo/smithygo/runtime/textfmt"
)

// Encoder appends JSON to a byte slice. It writes the commas between values
// and members itself: generated code states only the structure (BeginObject,
// Key, a value, ..., EndObject). It does not check that the calls form a
// valid document; generated code gets that right by construction.
//
// A client's copy of the runtime (gen -runtime copy) keeps only the methods
// that the client calls.
//
//smithygo:closed
type Encoder struct {
	buf       []byte
	needComma bool // a value or member precedes at the current level
}

// NewEncoder returns an Encoder appending to buf, which may be nil.
func NewEncoder(buf []byte) *Encoder {
	return &Encoder{buf: buf}
}

// Bytes returns the buffer with everything written so far.
func (e *Encoder) Bytes() []byte { return e.buf }

// value starts a value: a comma first if one precedes it at this level.
// It is inlined into every value method, and they into every generated
// encoder; the append is kept out of line (comma) so that each of those
// hundreds of call sites compiles a test and a call, not a slice growth.
func (e *Encoder) value() {
	if e.needComma {
		e.comma()
	}
	e.needComma = true
}

// comma appends ','.
//
//go:noinline
func (e *Encoder) comma() {
	e.buf = append(e.buf, ',')
}

// BeginObject writes '{'.
func (e *Encoder) BeginObject() {
	e.value()
	e.buf = append(e.buf, '{')
	e.needComma = false
}

// EndObject writes '}'.
func (e *Encoder) EndObject() {
	e.buf = append(e.buf, '}')
	e.needComma = true
}

// BeginArray writes '['.
func (e *Encoder) BeginArray() {
	e.value()
	e.buf = append(e.buf, '[')
	e.needComma = false
}

// EndArray writes ']'.
func (e *Encoder) EndArray() {
	e.buf = append(e.buf, ']')
	e.needComma = true
}

// Key writes a member name and ':'; the member's value must follow.
func (e *Encoder) Key(name string) {
	e.value()
	e.buf = appendString(e.buf, name)
	e.buf = append(e.buf, ':')
	e.needComma = false
}

// QuotedKey is Key for a member name that is already a JSON string literal,
// quotes included, such as `"InstanceType"`: generated encoders know their
// member names, so they need not be escaped on every call. It is not
// inlined: a generated encoder calls it once per member, and inlined its
// two appends would be compiled again at every one of those calls, which
// made encoders several times larger (and slower to compile) for a call's
// worth of time.
//
//go:noinline
func (e *Encoder) QuotedKey(quoted string) {
	e.value()
	e.buf = append(e.buf, quoted...)
	e.buf = append(e.buf, ':')
	e.needComma = false
}

// String writes s as a JSON string, escaping '"', '\' and control
// characters (as \n, \r, \t, \b, \f or \u00XX). Unlike encoding/json it
// leaves <, > and & alone: the output is not embedded in HTML. Invalid UTF-8
// is written as U+FFFD.
func (e *Encoder) String(s string) {
	e.value()
	e.buf = appendString(e.buf, s)
}

const hexDigits = "0123456789abcdef"

// appendString appends s quoted and escaped.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0 // s[start:i] still to be copied
	for i := 0; i < len(s); {
		// Eight plain bytes at a time, to the first that is not: most
		// strings are ASCII with nothing to escape (notPlain's lowest
		// flag is exact).
		for i+8 <= len(s) {
			x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			if m := notPlain(x); m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if plain[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, s[start:i]...)
				b = append(b, "\uFFFD"...)
				i++
				start = i
				continue
			}
			i += size
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Bool writes true or false.
func (e *Encoder) Bool(v bool) {
	e.value()
	if v {
		e.buf = append(e.buf, "true"...)
	} else {
		e.buf = append(e.buf, "false"...)
	}
}

// Int writes an integer.
func (e *Encoder) Int(v int64) {
	e.value()
	e.buf = strconv.AppendInt(e.buf, v, 10)
}

// Uint writes an unsigned integer.
func (e *Encoder) Uint(v uint64) {
	e.value()
	e.buf = strconv.AppendUint(e.buf, v, 10)
}

// Float writes a float32 (bits 32) or float64 (bits 64) value. NaN and the
// infinities, which JSON numbers cannot express, are written as the strings
// "NaN", "Infinity" and "-Infinity", as Smithy's JSON protocols require.
// Other values are written like encoding/json: the shortest text that reads
// back as the same value, with an exponent only below 1e-6 or from 1e21 up.
func (e *Encoder) Float(v float64, bits int) {
	e.value()
	if math.IsNaN(v) || math.IsInf(v, 0) {
		e.buf = append(e.buf, '"')
		e.buf = textfmt.AppendFloatText(e.buf, v, bits)
		e.buf = append(e.buf, '"')
		return
	}
	e.buf = textfmt.AppendFloat(e.buf, v, bits)
}

// Null writes null.
func (e *Encoder) Null() {
	e.value()
	e.buf = append(e.buf, "null"...)
}

// Base64 writes b as a string in standard base64 with padding.
func (e *Encoder) Base64(b []byte) {
	e.value()
	e.buf = append(e.buf, '"')
	e.buf = base64.StdEncoding.AppendEncode(e.buf, b)
	e.buf = append(e.buf, '"')
}

// Raw writes json, which must be one complete JSON value (a document
// member's text), as it is; an empty json writes null.
func (e *Encoder) Raw(json []byte) {
	e.value()
	if len(json) == 0 {
		e.buf = append(e.buf, "null"...)
		return
	}
	e.buf = append(e.buf, json...)
}

// BigInt writes v as a JSON number; nil writes null.
func (e *Encoder) BigInt(v *big.Int) {
	e.value()
	if v == nil {
		e.buf = append(e.buf, "null"...)
		return
	}
	e.buf = v.Append(e.buf, 10)
}

// BigFloat writes v as a JSON number in plain decimal notation, with the
// fewest digits that read back as v at its precision (see
// Decoder.BigFloat). An exponent is used only for magnitudes beyond about
// 1e±30, where plain notation would be mostly zeros. nil writes null; the
// infinities are written as the strings "Infinity" and "-Infinity".
func (e *Encoder) BigFloat(v *big.Float) {
	e.value()
	switch {
	case v == nil:
		e.buf = append(e.buf, "null"...)
		return
	case v.IsInf():
		if v.Sign() > 0 {
			e.buf = append(e.buf, `"Infinity"`...)
		} else {
			e.buf = append(e.buf, `"-Infinity"`...)
		}
		return
	}
	// MantExp's binary exponent: 2^100 is about 1e30.
	if exp := v.MantExp(nil); v.Sign() == 0 || (-100 <= exp && exp <= 100) {
		e.buf = v.Append(e.buf, 'f', -1)
		return
	}
	e.buf = v.Append(e.buf, 'e', -1) // "1.5e+100": valid JSON
}

// EpochSeconds writes t as a number of seconds since the Unix epoch: an
// integer when t has no sub-second part, else with up to three fractional
// digits (milliseconds, truncated), e.g. 946845296.123.
func (e *Encoder) EpochSeconds(t time.Time) {
	e.value()
	e.buf = textfmt.AppendEpochSeconds(e.buf, t)
}

// DateTime writes t as an RFC 3339 string in UTC with a fraction only when
// there are milliseconds (truncated): "2019-12-16T23:48:18Z",
// "2019-12-16T23:48:18.123Z".
func (e *Encoder) DateTime(t time.Time) {
	e.value()
	e.buf = append(e.buf, '"')
	e.buf = textfmt.AppendDateTime(e.buf, t)
	e.buf = append(e.buf, '"')
}

// HTTPDate writes t as an IMF-fixdate string in GMT, without fractional
// seconds: "Mon, 16 Dec 2019 23:48:18 GMT".
func (e *Encoder) HTTPDate(t time.Time) {
	e.value()
	e.buf = append(e.buf, '"')
	e.buf = textfmt.AppendHTTPDate(e.buf, t)
	e.buf = append(e.buf, '"')
}

// SortedKeys yields the keys of m in order, so that a map's members go out
// in the same order on every call and a request's bytes do not depend on
// map iteration. Up to eight keys are sorted in memory on the stack (request
// maps are mostly small: attributes, tags), so that encoding a map costs no
// allocation, which slices.Sorted(maps.Keys(m)) does several times.
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
