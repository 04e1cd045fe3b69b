package endpointrules

import (
	"net/netip"
	"strings"
)

// function describes a library function: its arity (maxArgs < 0 for
// variadic) and implementation.
type function struct {
	minArgs, maxArgs int
	impl             func(st *state, args []expr) value
}

// lookupFunction binds a function name. A switch rather than a map keeps
// importing the package free of initialization work.
func lookupFunction(name string) (function, bool) {
	switch name {
	case "isSet":
		return function{1, 1, fnIsSet}, true
	case "not":
		return function{1, 1, fnNot}, true
	case "booleanEquals":
		return function{2, 2, fnBooleanEquals}, true
	case "stringEquals":
		return function{2, 2, fnStringEquals}, true
	case "getAttr":
		// Compiled specially (see compiler.call); impl is unused.
		return function{2, 2, nil}, true
	case "isValidHostLabel":
		return function{2, 2, fnIsValidHostLabel}, true
	case "parseURL":
		return function{1, 1, fnParseURL}, true
	case "substring":
		return function{4, 4, fnSubstring}, true
	case "uriEncode":
		return function{1, 1, fnURIEncode}, true
	case "coalesce":
		return function{2, -1, fnCoalesce}, true
	case "ite":
		return function{3, 3, fnIte}, true
	case "split":
		return function{3, 3, fnSplit}, true
	case "aws.partition":
		return function{1, 1, fnPartition}, true
	case "aws.parseArn":
		return function{1, 1, fnParseArn}, true
	case "aws.isVirtualHostableS3Bucket":
		return function{2, 2, fnIsVirtualHostableS3Bucket}, true
	}
	return function{}, false
}

// The fn* functions evaluate their arguments. A valid rule set always
// passes arguments of the declared types (Smithy type-checks rule sets and
// requires isSet before an optional value is used), so for other values
// these simply return false or unset instead of failing.

func fnIsSet(st *state, args []expr) value {
	return boolValue(args[0].eval(st).kind != kindUnset)
}

func fnNot(st *state, args []expr) value {
	v := args[0].eval(st)
	if v.kind != kindBool {
		return value{}
	}
	return boolValue(!v.b)
}

func fnBooleanEquals(st *state, args []expr) value {
	a, b := args[0].eval(st), args[1].eval(st)
	return boolValue(a.kind == kindBool && b.kind == kindBool && a.b == b.b)
}

func fnStringEquals(st *state, args []expr) value {
	a, b := args[0].eval(st), args[1].eval(st)
	return boolValue(a.kind == kindString && b.kind == kindString && a.s == b.s)
}

func fnIsValidHostLabel(st *state, args []expr) value {
	s, allow := args[0].eval(st), args[1].eval(st)
	return boolValue(s.kind == kindString && isValidHostLabel(s.s, allow.kind == kindBool && allow.b))
}

func fnParseURL(st *state, args []expr) value {
	s := args[0].eval(st)
	if s.kind != kindString {
		return value{}
	}
	u, ok := parseURL(s.s)
	if !ok {
		return value{}
	}
	return u.record()
}

func fnSubstring(st *state, args []expr) value {
	s, start, stop, rev := args[0].eval(st), args[1].eval(st), args[2].eval(st), args[3].eval(st)
	if s.kind != kindString || start.kind != kindInt || stop.kind != kindInt || rev.kind != kindBool {
		return value{}
	}
	sub, ok := substring(s.s, start.i, stop.i, rev.b)
	if !ok {
		return value{}
	}
	return stringValue(sub)
}

func fnURIEncode(st *state, args []expr) value {
	s := args[0].eval(st)
	if s.kind != kindString {
		return value{}
	}
	return stringValue(uriEncode(s.s))
}

// fnCoalesce returns the first argument that is set, evaluating no further;
// if all but the last are unset it returns the last, set or not. A set
// false counts: coalesce looks for a value, not a truthy one.
func fnCoalesce(st *state, args []expr) value {
	for _, a := range args[:len(args)-1] {
		if v := a.eval(st); v.kind != kindUnset {
			return v
		}
	}
	return args[len(args)-1].eval(st)
}

// fnIte evaluates only the branch it returns. A condition that is not a
// bool (which type checking rules out) gives unset.
func fnIte(st *state, args []expr) value {
	c := args[0].eval(st)
	if c.kind != kindBool {
		return value{}
	}
	if c.b {
		return args[1].eval(st)
	}
	return args[2].eval(st)
}

func fnSplit(st *state, args []expr) value {
	s, d, n := args[0].eval(st), args[1].eval(st), args[2].eval(st)
	if s.kind != kindString || d.kind != kindString || n.kind != kindInt {
		return value{}
	}
	parts, ok := split(s.s, d.s, n.i)
	if !ok {
		return value{}
	}
	return stringsValue(parts)
}

// isValidHostLabel reports whether s is an RFC 1123 host label, or with
// allowSubDomains a dot-separated sequence of them (so empty labels, as in
// "a..b" or "a.", are invalid).
func isValidHostLabel(s string, allowSubDomains bool) bool {
	if !allowSubDomains {
		return isHostLabel(s)
	}
	for {
		label, rest, more := strings.Cut(s, ".")
		if !isHostLabel(label) {
			return false
		}
		if !more {
			return true
		}
		s = rest
	}
}

// isHostLabel reports whether s is one RFC 1123 label: 1 to 63 ASCII
// letters, digits and hyphens, starting and ending with a letter or digit
// (RFC 1123 section 2.1 allows a leading digit; RFC 952 forbids a trailing
// hyphen).
func isHostLabel(s string) bool {
	if len(s) == 0 || len(s) > 63 || !isAlnum(s[0]) || !isAlnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if !isAlnum(s[i]) && s[i] != '-' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// urlParts is the URL structure that parseURL returns.
type urlParts struct {
	scheme, authority, path, normalizedPath string
	isIP                                    bool
}

var urlKeys = []string{"scheme", "authority", "path", "normalizedPath", "isIp"}

// record converts u to a record value with a single allocation.
func (u urlParts) record() value {
	r := &struct {
		rec  record
		vals [5]value
	}{}
	r.vals = [5]value{
		stringValue(u.scheme), stringValue(u.authority), stringValue(u.path),
		stringValue(u.normalizedPath), boolValue(u.isIP),
	}
	r.rec = record{keys: urlKeys, vals: r.vals[:]}
	return recordValue(&r.rec)
}

// parseURL splits an endpoint URL of the form scheme://authority[path].
// Only http and https are accepted (an endpoint has no other use, and the
// reference test suite expects other schemes to be rejected). It fails on
// any query, even an empty one, as the spec requires; on an empty host;
// on a port that is not decimal digits; on an invalid IPv6 literal; and on
// spaces or control characters. A fragment is dropped. Host names are not
// otherwise validated.
//
// path is the path exactly as written, "" when there is none (so that
// "{url#authority}{url#path}" reproduces the input); normalizedPath is the
// same with a leading and trailing "/" ensured, and "/" for an empty path.
// authority is host[:port] as written, without any userinfo. isIp is true
// for a bracketed IPv6 literal or a dotted-quad IPv4 address.
func parseURL(s string) (urlParts, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] == 0x7f {
			return urlParts{}, false
		}
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return urlParts{}, false
	}
	scheme = strings.ToLower(scheme)
	if scheme != "http" && scheme != "https" {
		return urlParts{}, false
	}
	rest, _, _ = strings.Cut(rest, "#")
	if strings.IndexByte(rest, '?') >= 0 {
		return urlParts{}, false
	}
	authority, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		authority = authority[i+1:]
	}
	var host, port string
	var hasPort, isIP bool
	if strings.HasPrefix(authority, "[") {
		end := strings.IndexByte(authority, ']')
		if end < 0 {
			return urlParts{}, false
		}
		addr, err := netip.ParseAddr(authority[1:end])
		if err != nil || !addr.Is6() {
			return urlParts{}, false
		}
		host, isIP = authority[:end+1], true
		after := authority[end+1:]
		if after != "" {
			if after[0] != ':' {
				return urlParts{}, false
			}
			port, hasPort = after[1:], true
		}
	} else {
		host, port, hasPort = strings.Cut(authority, ":")
		isIP = isIPv4(host)
	}
	if host == "" {
		return urlParts{}, false
	}
	if hasPort {
		for i := 0; i < len(port); i++ {
			if !isDigit(port[i]) {
				return urlParts{}, false
			}
		}
	}
	normalized := path
	if strings.TrimSpace(path) == "" {
		normalized = "/"
	} else {
		if normalized[0] != '/' {
			normalized = "/" + normalized
		}
		if normalized[len(normalized)-1] != '/' {
			normalized += "/"
		}
	}
	return urlParts{scheme: scheme, authority: authority, path: path, normalizedPath: normalized, isIP: isIP}, true
}

// isIPv4 reports whether s is four dot-separated decimal numbers from 0 to
// 255.
func isIPv4(s string) bool {
	n := 0
	for part := range strings.SplitSeq(s, ".") {
		n++
		if n > 4 || part == "" || len(part) > 3 {
			return false
		}
		v := 0
		for i := 0; i < len(part); i++ {
			if !isDigit(part[i]) {
				return false
			}
			v = v*10 + int(part[i]-'0')
		}
		if v > 255 {
			return false
		}
	}
	return n == 4
}

// substring returns s[start:stop], or with reverse the same span counted
// from the end of s. It fails when s holds any non-ASCII character (the
// indexes are meant as character positions), when start >= stop, or when s
// is too short; so a result always has stop-start characters.
func substring(s string, start, stop int, reverse bool) (string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return "", false
		}
	}
	if start < 0 || start >= stop || stop > len(s) {
		return "", false
	}
	if reverse {
		start, stop = len(s)-stop, len(s)-start
	}
	return s[start:stop], true
}

// uriEncode percent-encodes every byte of s except RFC 3986's unreserved
// characters (A-Z a-z 0-9 - _ . ~), with upper-case hex digits; non-ASCII
// characters are encoded byte by byte as UTF-8.
func uriEncode(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !isUnreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(b)
}

func isUnreserved(c byte) bool {
	return isAlnum(c) || c == '-' || c == '_' || c == '.' || c == '~'
}

// split divides s at each occurrence of delim. limit 0 splits at every
// occurrence; limit n > 0 gives at most n parts, the last holding the rest.
// An empty s gives one empty part. An empty delimiter or a negative limit,
// which the spec forbids, fails.
func split(s, delim string, limit int) ([]string, bool) {
	if delim == "" || limit < 0 {
		return nil, false
	}
	if limit == 0 {
		return strings.Split(s, delim), true
	}
	return strings.SplitN(s, delim, limit), true
}
