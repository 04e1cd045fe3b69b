// Package textfmt writes and reads the text forms of numbers and timestamps
// that Smithy's JSON protocols use: JSON numbers (split into their decimal
// parts without rounding through a float), floats with NaN, Infinity and
// -Infinity spelled out, and timestamps in the epoch-seconds, date-time
// (RFC 3339) and http-date (IMF-fixdate) formats.
//
// It is shared by the jsonwire package, which writes and reads these values
// in JSON bodies, and the httpbind package, which writes and reads them in
// URI labels, query strings and headers: a value must come out byte for
// byte the same in either place, and one copy of the code keeps it so.
//
// The package uses only the standard library, because its source is copied
// into every generated client (as internal/textfmt, next to jsonwire and
// httpbind).
package textfmt

import (
	"math"
	"strconv"
	"time"
)

// FormatError reports a string that is not a valid value of a wire format
// such as "date-time" or "epoch-seconds".
type FormatError struct {
	Format string // the format expected, e.g. "date-time"
	Value  string // the text that is not of that format
}

// Error returns "invalid <format> <quoted value>", the value cut short if
// it is long.
func (e *FormatError) Error() string {
	v := e.Value
	if len(v) > 64 { // keep messages short even for hostile inputs
		v = v[:64] + "..."
	}
	return "invalid " + e.Format + " " + strconv.Quote(v)
}

// DecimalPrec is the precision, in bits, that a big decimal written as the
// JSON number text is read with: enough to give back its decimal digits
// (about 3.32 bits a digit) and 64 more, so that arithmetic on it keeps
// them. jsonwire's decoder reads numbers with it, and the generator the
// bigDecimal defaults it writes into clients, so that a default left out of
// a message is the value that sending it would have given.
func DecimalPrec(text string) uint {
	sig := 0
	for i := 0; i < len(text); i++ {
		if IsDigit(text[i]) {
			sig++
		} else if text[i] == 'e' || text[i] == 'E' {
			break
		}
	}
	return uint(float64(sig)*math.Log2(10)) + 64
}

// IsDigit reports whether c is an ASCII decimal digit.
func IsDigit(c byte) bool { return '0' <= c && c <= '9' }

// ScanNumber checks the JSON number grammar of RFC 8259 starting at s[i]:
//
//	-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
//
// It returns the offset just past the number and true, or the offset of the
// first offending byte and false. It does not look past the number: the
// caller decides what may follow it. It reads text in a string or in bytes.
func ScanNumber[S ~string | ~[]byte](s S, i int) (int, bool) {
	n := len(s)
	if i < n && s[i] == '-' {
		i++
	}
	if i >= n {
		return i, false
	}
	switch c := s[i]; {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		i++
		for i < n && IsDigit(s[i]) {
			i++
		}
	default:
		return i, false
	}
	if i < n && s[i] == '.' {
		i++
		if i >= n || !IsDigit(s[i]) {
			return i, false
		}
		for i < n && IsDigit(s[i]) {
			i++
		}
	}
	if i < n && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < n && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= n || !IsDigit(s[i]) {
			return i, false
		}
		for i < n && IsDigit(s[i]) {
			i++
		}
	}
	return i, true
}

// isNumber reports whether all of s is one JSON number.
func isNumber(s string) bool {
	end, ok := ScanNumber(s, 0)
	return ok && end == len(s)
}

// NumberParts is a grammatically valid JSON number split into its parts without
// converting it to binary, so that integers, big numbers and fractional
// epoch seconds are read exactly: the value is ±0.D × 10^Point, where D is
// the concatenation of the digits before and after the '.', i.e. the
// decimal point sits Point digits into D. [NumberParts.Digit] reads D.
type NumberParts struct {
	Neg   bool  // the number has a '-' sign
	Point int64 // position of the decimal point in D

	intd string // digits before '.'; "0" or without leading zeros
	frac string // digits after '.', possibly empty
}

// maxExp bounds exponents so that arithmetic on them cannot overflow; any
// exponent this large makes the value overflow or vanish anyway.
const maxExp = 1 << 40

// SplitNumber splits s, which must be exactly one JSON number (as
// [ScanNumber] checks); the result is meaningless otherwise.
func SplitNumber(s string) NumberParts {
	var n NumberParts
	i := 0
	if s[0] == '-' {
		n.Neg = true
		i = 1
	}
	j := i
	for j < len(s) && IsDigit(s[j]) {
		j++
	}
	n.intd = s[i:j]
	if j < len(s) && s[j] == '.' {
		k := j + 1
		for k < len(s) && IsDigit(s[k]) {
			k++
		}
		n.frac = s[j+1 : k]
		j = k
	}
	var exp int64
	if j < len(s) { // exponent
		j++
		neg := false
		if s[j] == '+' || s[j] == '-' {
			neg = s[j] == '-'
			j++
		}
		for ; j < len(s); j++ {
			if exp < maxExp {
				exp = exp*10 + int64(s[j]-'0')
			}
		}
		if neg {
			exp = -exp
		}
	}
	n.Point = int64(len(n.intd)) + exp
	return n
}

// Digit returns digit k (from 0) of D, the number's digits without the
// point, or 0 outside them.
func (n *NumberParts) Digit(k int64) uint64 {
	if k < 0 {
		return 0
	}
	if k < int64(len(n.intd)) {
		return uint64(n.intd[k] - '0')
	}
	k -= int64(len(n.intd))
	if k < int64(len(n.frac)) {
		return uint64(n.frac[k] - '0')
	}
	return 0
}

// Integer returns the magnitude of the integer part, with ok false if it
// does not fit in a uint64.
func (n *NumberParts) Integer() (mag uint64, ok bool) {
	total := int64(len(n.intd) + len(n.frac))
	stop := min(n.Point, total)
	for k := int64(0); k < stop; k++ {
		d := n.Digit(k)
		if mag > (math.MaxUint64-d)/10 {
			return 0, false
		}
		mag = mag*10 + d
	}
	// Digits between the end of D and the decimal point are zeros.
	for k := stop; k < n.Point && mag != 0; k++ {
		if mag > math.MaxUint64/10 {
			return 0, false
		}
		mag *= 10
	}
	return mag, true
}

// HasFraction reports whether a non-zero digit follows the decimal point.
func (n *NumberParts) HasFraction() bool {
	total := int64(len(n.intd) + len(n.frac))
	for k := max(n.Point, 0); k < total; k++ {
		if n.Digit(k) != 0 {
			return true
		}
	}
	return false
}

// nanos returns the first nine digits after the decimal point as
// nanoseconds; later digits are truncated.
func (n *NumberParts) nanos() int64 {
	var ns int64
	for k := n.Point; k < n.Point+9; k++ {
		ns = ns*10 + int64(n.Digit(k))
	}
	return ns
}

// AppendFloat appends the JSON text of a finite float the way encoding/json
// does, so that values look familiar: the shortest representation that
// reads back as the same value, in exponent form only below 1e-6 or from
// 1e21 up, with a single-digit negative exponent ("1e-7", not "1e-07").
func AppendFloat(b []byte, f float64, bits int) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) ||
			bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// strconv writes at least two exponent digits.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// AppendFloatText appends f as text for headers, query strings and labels:
// NaN, Infinity and -Infinity by name, anything else as [AppendFloat].
func AppendFloatText(b []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, "NaN"...)
	case math.IsInf(f, 1):
		return append(b, "Infinity"...)
	case math.IsInf(f, -1):
		return append(b, "-Infinity"...)
	}
	return AppendFloat(b, f, bits)
}

// SpecialFloat returns the value named by "NaN", "Infinity" or "-Infinity",
// the spellings Smithy protocols use for non-finite numbers.
func SpecialFloat(s string) (float64, bool) {
	switch s {
	case "NaN":
		return math.NaN(), true
	case "Infinity":
		return math.Inf(1), true
	case "-Infinity":
		return math.Inf(-1), true
	}
	return 0, false
}

// ParseFloatText reads a float written by [AppendFloatText]. It accepts only
// the JSON number grammar and the three names, unlike strconv.ParseFloat,
// which would also take "inf", "0x1p3" or "1_0". Values beyond the range of
// the type are errors rather than infinities.
func ParseFloatText(s string, bits int) (float64, error) {
	if f, ok := SpecialFloat(s); ok {
		return f, nil
	}
	if !isNumber(s) {
		return 0, &FormatError{"number", s}
	}
	f, err := strconv.ParseFloat(s, bits)
	if err != nil {
		return 0, &FormatError{"float" + strconv.Itoa(bits) + " (out of range)", s}
	}
	return f, nil
}

// maxEpochSeconds bounds epoch-seconds values so that time.Unix cannot
// overflow its internal representation (about ±292 billion years).
const maxEpochSeconds = 1 << 62

// EpochFromNumber converts a valid JSON number of seconds since the Unix
// epoch to a UTC time. It reads the decimal text rather than a float64, so
// "1515531081.123" is exactly 123 milliseconds past the second; digits past
// nanoseconds are truncated.
func EpochFromNumber(s string) (time.Time, bool) {
	n := SplitNumber(s)
	sec, ok := n.Integer()
	if !ok || sec > maxEpochSeconds {
		return time.Time{}, false
	}
	ns := n.nanos()
	if n.Neg {
		return time.Unix(-int64(sec), -ns).UTC(), true
	}
	return time.Unix(int64(sec), ns).UTC(), true
}

// ParseEpochSeconds reads an epoch-seconds timestamp such as "1576540098"
// or "1576540098.123" (any JSON number).
func ParseEpochSeconds(s string) (time.Time, error) {
	if isNumber(s) {
		if t, ok := EpochFromNumber(s); ok {
			return t, nil
		}
	}
	return time.Time{}, &FormatError{"epoch-seconds", s}
}

// AppendEpochSeconds appends t as seconds since the Unix epoch: an integer
// when t has no sub-second part, else with up to three fractional digits
// (milliseconds, truncated, trailing zeros trimmed), e.g. 946845296.123.
func AppendEpochSeconds(b []byte, t time.Time) []byte {
	sec := t.Unix()
	ms := int64(t.Nanosecond() / 1e6)
	if ms == 0 {
		return strconv.AppendInt(b, sec, 10)
	}
	if sec < 0 {
		// t.Unix() rounds down: -1.5 s is second -2 plus 500 ms.
		b = append(b, '-')
		sec = -(sec + 1)
		ms = 1000 - ms
		b = strconv.AppendInt(b, sec, 10)
	} else {
		b = strconv.AppendInt(b, sec, 10)
	}
	b = append(b, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	return b
}

// append2 appends v (0-99) as two digits.
func append2(b []byte, v int) []byte {
	return append(b, byte('0'+v/10), byte('0'+v%10))
}

// AppendDateTime appends t in UTC as an RFC 3339 date-time with a fraction
// only when there are milliseconds (truncated, trailing zeros trimmed):
// 2019-12-16T23:48:18Z, 2019-12-16T23:48:18.12Z.
func AppendDateTime(b []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		// Not representable in RFC 3339; keep the value rather than lose it.
		return t.AppendFormat(b, "2006-01-02T15:04:05.999Z07:00")
	}
	hour, minute, sec := t.Clock()
	b = append2(b, year/100)
	b = append2(b, year%100)
	b = append(b, '-')
	b = append2(b, int(month))
	b = append(b, '-')
	b = append2(b, day)
	b = append(b, 'T')
	b = append2(b, hour)
	b = append(b, ':')
	b = append2(b, minute)
	b = append(b, ':')
	b = append2(b, sec)
	if ms := t.Nanosecond() / 1e6; ms != 0 {
		b = append(b, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
	}
	return append(b, 'Z')
}

// digits parses s[i:i+n] as a decimal number, or returns -1.
func digits(s string, i, n int) int {
	if i+n > len(s) {
		return -1
	}
	v := 0
	for _, c := range []byte(s[i : i+n]) {
		if !IsDigit(c) {
			return -1
		}
		v = v*10 + int(c-'0')
	}
	return v
}

// daysIn returns the number of days in month m (1-12) of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// fraction reads the digits of a fractional second starting at s[i] (just
// after the '.') and returns nanoseconds (extra digits truncated) and the
// offset after the digits; at least one digit is required.
func fraction(s string, i int) (ns, end int, ok bool) {
	start := i
	for i < len(s) && IsDigit(s[i]) {
		if i-start < 9 {
			ns = ns*10 + int(s[i]-'0')
		}
		i++
	}
	if i == start {
		return 0, i, false
	}
	for k := i - start; k < 9; k++ {
		ns *= 10
	}
	return ns, i, true
}

// ParseDateTime reads an RFC 3339 date-time, YYYY-MM-DDTHH:MM:SS, an
// optional fraction of any length (truncated to nanoseconds) and Z or a
// ±HH:MM offset, and returns it in UTC. As RFC 3339 section 5.6 allows, 't'
// and 'z' may be lower case. Everything else that ISO 8601 would allow,
// such as a missing offset, a space for 'T' or a leap second (:60, which
// time.Time cannot hold), is an error.
func ParseDateTime(s string) (time.Time, error) { return parseDateTime(s, true) }

// ParseDateTimeUTC is ParseDateTime for a server reading a request: it
// also refuses a numeric offset (even +00:00), since Smithy's date-time
// format is RFC 3339 in UTC, written with Z. Clients use the lenient
// ParseDateTime, because a service may send offsets all the same.
func ParseDateTimeUTC(s string) (time.Time, error) { return parseDateTime(s, false) }

// parseDateTime is ParseDateTime, refusing numeric offsets unless offsets.
func parseDateTime(s string, offsets bool) (time.Time, error) {
	bad := func() (time.Time, error) { return time.Time{}, &FormatError{"date-time", s} }
	if len(s) < len("2006-01-02T15:04:05Z") ||
		s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':' {
		return bad()
	}
	year, month, day := digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2)
	hour, minute, sec := digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2)
	if year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) ||
		hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return bad()
	}
	i := 19
	ns := 0
	if s[i] == '.' {
		var ok bool
		if ns, i, ok = fraction(s, i+1); !ok || i >= len(s) {
			return bad()
		}
	}
	offset := 0
	switch s[i] {
	case 'Z', 'z':
		i++
	case '+', '-':
		if !offsets {
			return time.Time{}, &FormatError{"date-time in UTC (ending in Z)", s}
		}
		oh, om := digits(s, i+1, 2), digits(s, i+4, 2)
		if i+6 > len(s) || s[i+3] != ':' || oh < 0 || oh > 23 || om < 0 || om > 59 {
			return bad()
		}
		offset = (oh*60 + om) * 60
		if s[i] == '-' {
			offset = -offset
		}
		i += 6
	default:
		return bad()
	}
	if i != len(s) {
		return bad()
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, ns, time.UTC)
	if offset != 0 {
		t = t.Add(-time.Duration(offset) * time.Second)
	}
	return t, nil
}

const (
	weekdays = "SunMonTueWedThuFriSat"
	months   = "JanFebMarAprMayJunJulAugSepOctNovDec"
)

// AppendHTTPDate appends t as an IMF-fixdate (RFC 9110 section 5.6.7) in
// GMT, without fractional seconds: Mon, 16 Dec 2019 23:48:18 GMT.
func AppendHTTPDate(b []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(b, "Mon, 02 Jan 2006 15:04:05 GMT")
	}
	hour, minute, sec := t.Clock()
	wd := int(t.Weekday())
	b = append(b, weekdays[wd*3:wd*3+3]...)
	b = append(b, ',', ' ')
	b = append2(b, day)
	b = append(b, ' ')
	b = append(b, months[(month-1)*3:(month-1)*3+3]...)
	b = append(b, ' ')
	b = append2(b, year/100)
	b = append2(b, year%100)
	b = append(b, ' ')
	b = append2(b, hour)
	b = append(b, ':')
	b = append2(b, minute)
	b = append(b, ':')
	b = append2(b, sec)
	return append(b, " GMT"...)
}

// nameIndex returns the index of the three-letter name s[i:i+3] in list, a
// concatenation of three-letter names, or -1.
func nameIndex(list, s string, i int) int {
	if i+3 > len(s) {
		return -1
	}
	for k := 0; k+3 <= len(list); k += 3 {
		if list[k:k+3] == s[i:i+3] {
			return k / 3
		}
	}
	return -1
}

// ParseHTTPDate reads an IMF-fixdate, "Mon, 16 Dec 2019 23:48:18 GMT". It
// also accepts fractional seconds ("23:48:18.123 GMT"), which the Smithy
// protocol tests treat as an http-date. Names are case-sensitive, as the
// grammar says; the day name must be a valid one but is not checked against
// the date.
func ParseHTTPDate(s string) (time.Time, error) {
	bad := func() (time.Time, error) { return time.Time{}, &FormatError{"http-date", s} }
	// Mon, 02 Jan 2006 15:04:05 GMT
	// 0123456789012345678901234567
	if len(s) < len("Mon, 02 Jan 2006 15:04:05 GMT") || nameIndex(weekdays, s, 0) < 0 ||
		s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' || s[22] != ':' {
		return bad()
	}
	day, month, year := digits(s, 5, 2), nameIndex(months, s, 8)+1, digits(s, 12, 4)
	hour, minute, sec := digits(s, 17, 2), digits(s, 20, 2), digits(s, 23, 2)
	if year < 0 || month < 1 || day < 1 || day > daysIn(year, month) ||
		hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return bad()
	}
	i := 25
	ns := 0
	if s[i] == '.' {
		var ok bool
		if ns, i, ok = fraction(s, i+1); !ok {
			return bad()
		}
	}
	if s[i:] != " GMT" {
		return bad()
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, ns, time.UTC), nil
}
