// Package httpbind implements the parts of AWS restJson1 requests and
// responses that live outside the body: URI labels, query strings and
// headers, and the text forms of timestamps, floats and booleans in them,
// following Smithy's HTTP binding traits (httpLabel, httpQuery,
// httpQueryParams, httpHeader, httpPrefixHeaders).
//
// The package uses only the standard library and textfmt, because its source
// is copied into every generated client. Timestamp and float text comes from
// textfmt, which the jsonwire package uses too, so both write a value the
// same way.
package httpbind

import (
	"strconv"
	"strings"
	"time"

	"github.com/smithygo/smithygo/runtime/textfmt"
)

// unreserved marks RFC 3986's unreserved characters, the only bytes that
// labels and query components leave as they are: A-Z a-z 0-9 - . _ ~.
var unreserved = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
		t[c+'a'-'A'] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['-'], t['.'], t['_'], t['~'] = true, true, true, true
	return t
}()

const upperHex = "0123456789ABCDEF"

// escape percent-encodes every byte of s for which keep is false, with
// upper-case hex digits, and returns s itself when nothing needs encoding.
func escape(s string, keep *[256]bool) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !keep[s[i]] {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		if c := s[i]; keep[c] {
			b = append(b, c)
		} else {
			b = append(b, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return string(b)
}

// unreservedOrSlash is unreserved plus '/', for greedy labels.
var unreservedOrSlash = func() (t [256]bool) {
	t = unreserved
	t['/'] = true
	return t
}()

// EscapePath percent-encodes a URI label value: every byte except
// A-Za-z0-9-._~ becomes %XX (upper-case hex; a space is %20, and non-ASCII
// text is encoded byte by byte as UTF-8). A greedy label ({name+}) keeps
// '/' as it is, so that its value spans path segments.
func EscapePath(s string, greedy bool) string {
	if greedy {
		return escape(s, &unreservedOrSlash)
	}
	return escape(s, &unreserved)
}

// EscapeQuery percent-encodes a query parameter name or value the same way
// as a non-greedy label: '/' is encoded too, and a space is always %20,
// never '+', which some servers would read as a literal plus.
func EscapeQuery(s string) string {
	return escape(s, &unreserved)
}

// literalSafe marks the bytes a query literal from a URI pattern may keep:
// unreserved characters, sub-delimiters other than '&', and ':', '@', '/'
// and '?' (RFC 3986's query production).
var literalSafe = func() (t [256]bool) {
	t = unreserved
	for _, c := range []byte("!$'()*+,;=:@/?") {
		t[c] = true
	}
	return t
}()

// escapeLiteral keeps a query literal as written where it is already valid
// in a query, including %XX escapes, and encodes anything else.
func escapeLiteral(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := literalSafe[c] || (c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]))
		if ok {
			if b != nil {
				b = append(b, c)
			}
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(s)+8), s[:i]...)
		}
		b = append(b, '%', upperHex[c>>4], upperHex[c&15])
	}
	if b == nil {
		return s
	}
	return string(b)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// unescapeLiteral decodes the %XX escapes of a literal's name, so that Has
// compares names rather than spellings.
func unescapeLiteral(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// Query builds an encoded query string, keeping parameters in the order
// they were added: first the literals of the URI pattern, then httpQuery
// members, then httpQueryParams maps (skipping names Has reports). The zero
// value is an empty query.
//
// A client's copy of the runtime (gen -runtime copy) keeps only the methods
// that the client calls.
//
//smithygo:closed
type Query struct {
	buf  []byte
	keys []string // names added, unescaped, for Has
}

func (q *Query) sep() {
	if len(q.buf) > 0 {
		q.buf = append(q.buf, '&')
	}
}

// Add appends the parameter key=value, both percent-encoded with
// EscapeQuery. An empty value gives "key=". Adding a key again appends
// another parameter, which is how lists are sent.
func (q *Query) Add(key, value string) {
	q.sep()
	q.buf = append(q.buf, EscapeQuery(key)...)
	q.buf = append(q.buf, '=')
	q.buf = append(q.buf, EscapeQuery(value)...)
	q.keys = append(q.keys, key)
}

// AddLiteral appends a parameter written literally in the operation's URI
// pattern, such as "type=x" or "flag" (from /path?type=x&flag). It is
// already in its final form and kept as written, percent-encoding only what
// is not allowed in a query; a literal without '=' stays without one.
func (q *Query) AddLiteral(raw string) {
	q.sep()
	name := raw
	if i := strings.IndexByte(raw, '='); i >= 0 {
		name = raw[:i]
		q.buf = append(q.buf, escapeLiteral(name)...)
		q.buf = append(q.buf, '=')
		q.buf = append(q.buf, escapeLiteral(raw[i+1:])...)
	} else {
		q.buf = append(q.buf, escapeLiteral(raw)...)
	}
	q.keys = append(q.keys, unescapeLiteral(name))
}

// Has reports whether a parameter named key was added, by Add or
// AddLiteral. Generated code uses it to let httpQuery members and literals
// win over entries of an httpQueryParams map with the same name.
func (q *Query) Has(key string) bool {
	for _, k := range q.keys {
		if k == key {
			return true
		}
	}
	return false
}

// Encode returns the query string without the leading '?', or "" if
// nothing was added.
func (q *Query) Encode() string { return string(q.buf) }

// QuoteHeaderItem formats one item of a list-valued header. An item that
// contains ',' or '"', is empty, or starts or ends with a space or tab is
// sent as a quoted string, with '"' and '\' escaped by '\', so that
// SplitHeaderList gives it back unchanged; any other item is sent as it is.
func QuoteHeaderItem(s string) string {
	if s != "" && !strings.ContainsAny(s, `,"`) && !isOWS(s[0]) && !isOWS(s[len(s)-1]) {
		return s
	}
	b := make([]byte, 0, len(s)+4)
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(append(b, '"'))
}

// JoinHeaderList joins items that are already formatted (with
// QuoteHeaderItem, or timestamps and numbers as text) into one header value
// separated by ", ".
func JoinHeaderList(items []string) string {
	return strings.Join(items, ", ")
}

func isOWS(c byte) bool { return c == ' ' || c == '\t' }

func trimOWS(s string) string {
	for len(s) > 0 && isOWS(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isOWS(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// SplitHeaderList splits a list-valued header into its items: at commas
// outside quoted strings, trimming spaces and tabs around each item, and
// unquoting quoted items (a '\' escapes the next character). As RFC 9110
// section 5.6.1 requires, empty unquoted items are ignored, so "a, , b" is
// [a b] and a blank value is nil; a quoted empty item ("") is kept. To
// read several header lines of one name, split each and concatenate.
func SplitHeaderList(v string) []string {
	var items []string
	for i := 0; i <= len(v); {
		for i < len(v) && isOWS(v[i]) {
			i++
		}
		if i < len(v) && v[i] == '"' {
			var b strings.Builder
			i++
			for i < len(v) && v[i] != '"' {
				if v[i] == '\\' && i+1 < len(v) {
					i++
				}
				b.WriteByte(v[i])
				i++
			}
			i++ // the closing quote, if there is one
			// Text between the closing quote and the next comma is not
			// allowed; keep it rather than lose it.
			rest := ""
			if i < len(v) {
				end := strings.IndexByte(v[i:], ',')
				if end < 0 {
					end = len(v) - i
				}
				rest = trimOWS(v[i : i+end])
				i += end
			}
			items = append(items, b.String()+rest)
		} else {
			end := strings.IndexByte(v[i:], ',')
			if end < 0 {
				end = len(v) - i
			}
			if item := trimOWS(v[i : i+end]); item != "" {
				items = append(items, item)
			}
			i += end
		}
		i++ // the comma
	}
	return items
}

// SplitHTTPDateList splits a header holding a list of http-date
// timestamps, whose items contain a comma of their own: "Mon, 16 Dec 2019
// 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT" splits at every second
// comma. If the value contains quoted strings, it is split as
// SplitHeaderList does instead. A blank value gives nil.
func SplitHTTPDateList(v string) []string {
	if strings.IndexByte(v, '"') >= 0 {
		return SplitHeaderList(v)
	}
	var items []string
	start, commas := 0, 0
	for i := 0; i < len(v); i++ {
		if v[i] == ',' {
			if commas++; commas%2 == 0 {
				items = append(items, trimOWS(v[start:i]))
				start = i + 1
			}
		}
	}
	if last := trimOWS(v[start:]); last != "" || len(items) > 0 {
		items = append(items, last)
	}
	return items
}

// FormatHTTPDate formats t as an IMF-fixdate in GMT without fractional
// seconds: "Mon, 16 Dec 2019 23:48:18 GMT".
func FormatHTTPDate(t time.Time) string {
	return string(textfmt.AppendHTTPDate(make([]byte, 0, 29), t))
}

// FormatDateTime formats t as an RFC 3339 date-time in UTC with a fraction
// only when there are milliseconds (truncated): "2019-12-16T23:48:18Z",
// "2019-12-16T23:48:18.123Z".
func FormatDateTime(t time.Time) string {
	return string(textfmt.AppendDateTime(make([]byte, 0, 24), t))
}

// FormatEpochSeconds formats t as seconds since the Unix epoch:
// "1576540098", or "1576540098.123" with milliseconds (truncated).
func FormatEpochSeconds(t time.Time) string {
	return string(textfmt.AppendEpochSeconds(make([]byte, 0, 24), t))
}

// FormatFloat formats a float32 (bits 32) or float64 (bits 64) value: NaN,
// Infinity and -Infinity by name, anything else as the shortest text that
// reads back as the same value ("1.1" for float32(1.1)), with an exponent
// only below 1e-6 or from 1e21 up.
func FormatFloat(v float64, bits int) string {
	return string(textfmt.AppendFloatText(make([]byte, 0, 24), v, bits))
}

// ParseFloat parses a float written as a JSON number or as NaN, Infinity
// or -Infinity, for a float32 (bits 32) or float64 (bits 64). Unlike
// strconv.ParseFloat it refuses other spellings ("inf", "0x42", "1_0",
// "+1") and values out of range.
func ParseFloat(s string, bits int) (float64, error) { return textfmt.ParseFloatText(s, bits) }

// ParseBool parses exactly "true" or "false"; "True", "1", "yes" and the
// like are errors.
func ParseBool(s string) (bool, error) {
	switch s {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, &textfmt.FormatError{Format: "boolean", Value: s}
}

// ParseInt parses an integer for a byte, short, integer or long (bits 8,
// 16, 32 or 64): an optional '-' and decimal digits, in range. Unlike
// strconv.ParseInt it refuses a '+' sign; like it, it refuses fractions and
// exponents.
func ParseInt(s string, bits int) (int64, error) {
	if s == "" || s[0] == '+' {
		return 0, &textfmt.FormatError{Format: "integer", Value: s}
	}
	v, err := strconv.ParseInt(s, 10, bits)
	if err != nil {
		return 0, &textfmt.FormatError{Format: "int" + strconv.Itoa(bits), Value: s}
	}
	return v, nil
}
