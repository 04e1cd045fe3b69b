package endpointrules

import (
	"net/netip"
	"strings"
)

// A valid rule set passes arguments of the declared types (the generator
// type-checks it), so these functions take Go types; what the rules engine
// calls "no value" is a nil pointer or a false ok.

// IsValidHostLabel is the rules engine's isValidHostLabel: it reports
// whether s is an RFC 1123 host label, or with allowSubDomains a
// dot-separated sequence of them (so empty labels, as in "a..b" or "a.",
// are invalid).
func IsValidHostLabel(s string, allowSubDomains bool) bool {
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

// URL is what parseURL returns: the parts of an endpoint URL.
type URL struct {
	// Scheme is "http" or "https", lower-cased.
	Scheme string
	// Authority is host[:port] as written, without any userinfo.
	Authority string
	// Path is the path exactly as written, "" when there is none.
	Path string
	// NormalizedPath is Path with a leading and trailing "/" ensured, and
	// "/" for an empty path.
	NormalizedPath string
	// IsIP is true for a bracketed IPv6 literal or a dotted-quad IPv4
	// address.
	IsIP bool
}

// ParseURL is the rules engine's parseURL: it splits an endpoint URL of the
// form scheme://authority[path], or returns nil when s is not one. Only
// http and https are accepted (an endpoint has no other use, and the
// reference test suite expects other schemes to be rejected). It fails on
// any query, even an empty one, as the spec requires; on an empty host; on
// a port that is not decimal digits; on an invalid IPv6 literal; and on
// spaces or control characters. A fragment is dropped. Host names are not
// otherwise validated. Path keeps the path as written so that
// "{url#authority}{url#path}" reproduces the input.
func ParseURL(s string) *URL {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] == 0x7f {
			return nil
		}
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return nil
	}
	scheme = strings.ToLower(scheme)
	if scheme != "http" && scheme != "https" {
		return nil
	}
	rest, _, _ = strings.Cut(rest, "#")
	if strings.IndexByte(rest, '?') >= 0 {
		return nil
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
			return nil
		}
		addr, err := netip.ParseAddr(authority[1:end])
		if err != nil || !addr.Is6() {
			return nil
		}
		host, isIP = authority[:end+1], true
		after := authority[end+1:]
		if after != "" {
			if after[0] != ':' {
				return nil
			}
			port, hasPort = after[1:], true
		}
	} else {
		host, port, hasPort = strings.Cut(authority, ":")
		isIP = isIPv4(host)
	}
	if host == "" {
		return nil
	}
	if hasPort {
		for i := 0; i < len(port); i++ {
			if !isDigit(port[i]) {
				return nil
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
	return &URL{Scheme: scheme, Authority: authority, Path: path, NormalizedPath: normalized, IsIP: isIP}
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

// Substring is the rules engine's substring: it returns s[start:stop], or
// with reverse the same span counted from the end of s. It fails when s holds any non-ASCII character (the
// indexes are meant as character positions), when start >= stop, or when s
// is too short; so a result always has stop-start characters.
func Substring(s string, start, stop int, reverse bool) (string, bool) {
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

// URIEncode is the rules engine's uriEncode: it percent-encodes every byte
// of s except RFC 3986's unreserved characters (A-Z a-z 0-9 - _ . ~), with
// upper-case hex digits; non-ASCII characters are encoded byte by byte as
// UTF-8.
func URIEncode(s string) string {
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

// Split is the rules engine's split: it divides s at each occurrence of
// delim. limit 0 splits at every
// occurrence; limit n > 0 gives at most n parts, the last holding the rest.
// An empty s gives one empty part. An empty delimiter or a negative limit,
// which the spec forbids, fails.
func Split(s, delim string, limit int) ([]string, bool) {
	if delim == "" || limit < 0 {
		return nil, false
	}
	if limit == 0 {
		return strings.Split(s, delim), true
	}
	return strings.SplitN(s, delim, limit), true
}

// Index is getAttr's [i] on a list: the element at i, counting from the
// end when i is negative (rules engine 1.1); ok is false when i is out of
// range.
func Index(list []string, i int) (elem string, ok bool) {
	if i < 0 {
		i += len(list)
	}
	if i < 0 || i >= len(list) {
		return "", false
	}
	return list[i], true
}

// Ite is the rules engine's ite for branches that always have a value:
// a if c, else b. Both are already evaluated, which is harmless because
// rules-engine expressions have no side effects.
func Ite[T any](c bool, a, b T) T {
	if c {
		return a
	}
	return b
}
