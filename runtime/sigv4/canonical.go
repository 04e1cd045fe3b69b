package sigv4

import (
	"bytes"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// scratch holds the buffers of one signing. They are pooled so that, once
// warm, signing allocates only what it hands back to the caller.
type scratch struct {
	buf   []byte       // canonical request, then HMAC pad + string to sign, then header values
	hdrs  []hdr        // headers to sign, in no particular order
	names []byte       // their lowercase names, indexed by hdr.lo and hdr.hi
	order []int32      // indices into hdrs, sorted by name
	q     []byte       // encoded query names and values, indexed by pairs
	pairs []queryPair  // the query pairs, in query order
	qord  []int32      // indices into pairs, sorted by name then value
	sh    []byte       // signed header list (presigning)
	auth  []byte       // credential and expiry values (presigning)
	extra []queryParam // authentication parameters added to the query (presigning)
	stray bool         // req.Header spells a header the signer sets in a non-canonical way
}

// maxPooledBuf keeps an unusually large request from pinning its buffers
// in the pool forever.
const maxPooledBuf = 64 << 10

var scratchPool = sync.Pool{New: func() any {
	return &scratch{
		buf:   make([]byte, 0, 1024),
		hdrs:  make([]hdr, 0, 16),
		names: make([]byte, 0, 256),
		order: make([]int32, 0, 16),
	}
}}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func putScratch(sc *scratch) {
	if cap(sc.buf) > maxPooledBuf || cap(sc.q) > maxPooledBuf {
		return
	}
	// Drop the references to the request's strings before pooling.
	clear(sc.hdrs)
	sc.hdrs, sc.names, sc.order = sc.hdrs[:0], sc.names[:0], sc.order[:0]
	sc.extra = nil
	sc.stray = false
	scratchPool.Put(sc)
}

// hdrKind says where a header's value comes from.
type hdrKind uint8

const (
	kindLiteral hdrKind = iota // lit: Host and the X-Amz-* headers the signer sets
	kindValues                 // vals: an entry of req.Header
	kindDate                   // the X-Amz-Date being written
	kindLength                 // n: req.ContentLength
)

// hdr is one header to sign. name is lowercase for the signer's own
// headers and spelled as the req.Header key otherwise (keys need not be
// canonical); scratch.names[lo:hi] holds it lowercased, once, for sorting
// and writing.
type hdr struct {
	name   string
	vals   []string
	lit    string
	n      int64
	lo, hi int32
	kind   hdrKind
}

// addHeader appends h to the headers to sign.
func (sc *scratch) addHeader(h hdr) {
	h.lo = int32(len(sc.names))
	sc.names = appendLower(sc.names, h.name)
	h.hi = int32(len(sc.names))
	sc.hdrs = append(sc.hdrs, h)
}

// name returns the lowercase name of h.
func (sc *scratch) name(h *hdr) []byte { return sc.names[h.lo:h.hi] }

// skipSet selects the req.Header entries that collectHeaders leaves out
// because the signer provides or sets them itself.
type skipSet uint8

const (
	skipDate skipSet = 1 << iota
	skipToken
	skipSHA256
	skipAuth
)

// headerClass is what classifyHeader says about a header name.
type headerClass uint8

const (
	classSigned   headerClass = iota // an ordinary header: signed
	classExcluded                    // never signed (see the package comment)
	classDate
	classToken
	classSHA256
	classAuth
)

// classifyHeader reports how a header name, in any case, is treated. It
// switches on the length first so that an ordinary header costs one or two
// comparisons.
func classifyHeader(k string) headerClass {
	eq := strings.EqualFold
	switch len(k) {
	case 2:
		if eq(k, "te") {
			return classExcluded
		}
	case 4:
		if eq(k, "host") { // from req.Host or req.URL.Host instead
			return classExcluded
		}
	case 6:
		if eq(k, "expect") {
			return classExcluded
		}
	case 7:
		if eq(k, "trailer") || eq(k, "upgrade") {
			return classExcluded
		}
	case 10:
		if eq(k, "x-amz-date") {
			return classDate
		}
		if eq(k, "user-agent") || eq(k, "connection") || eq(k, "keep-alive") {
			return classExcluded
		}
	case 13:
		if eq(k, "authorization") {
			return classAuth
		}
	case 14:
		if eq(k, "content-length") { // from req.ContentLength instead
			return classExcluded
		}
	case 15:
		if eq(k, "x-amzn-trace-id") {
			return classExcluded
		}
	case 16:
		if eq(k, "proxy-connection") {
			return classExcluded
		}
	case 17:
		if eq(k, "transfer-encoding") {
			return classExcluded
		}
	case 19:
		if eq(k, "proxy-authorization") {
			return classExcluded
		}
	case 20:
		if eq(k, "x-amz-security-token") {
			return classToken
		}
		if eq(k, "x-amz-content-sha256") {
			return classSHA256
		}
	}
	return classSigned
}

// collectHeaders appends to sc.hdrs the entries of h to sign, leaving out
// excluded headers and those selected by skip. It notes in sc.stray when a
// header the signer sets is spelled in a non-canonical way, which would
// otherwise be sent next to the signer's own.
func collectHeaders(sc *scratch, h http.Header, skip skipSet) {
	for k, vs := range h {
		if len(vs) == 0 { // net/http sends nothing for it
			continue
		}
		var bit skipSet
		var canonical string
		switch classifyHeader(k) {
		case classExcluded:
			continue
		case classAuth:
			sc.stray = sc.stray || k != headerAuthorization
			continue
		case classDate:
			bit, canonical = skipDate, headerDate
		case classToken:
			bit, canonical = skipToken, headerSecurityToken
		case classSHA256:
			bit, canonical = skipSHA256, headerContentSHA256
		}
		if skip&bit != 0 {
			sc.stray = sc.stray || k != canonical
			continue
		}
		sc.addHeader(hdr{name: k, vals: vs, kind: kindValues})
	}
}

// removeStrayHeaders deletes the non-canonical spellings of the headers in
// set from h, once the canonical ones have been set.
func removeStrayHeaders(h http.Header, set skipSet) {
	for k := range h {
		var bit skipSet
		var canonical string
		switch classifyHeader(k) {
		case classDate:
			bit, canonical = skipDate, headerDate
		case classToken:
			bit, canonical = skipToken, headerSecurityToken
		case classSHA256:
			bit, canonical = skipSHA256, headerContentSHA256
		case classAuth:
			bit, canonical = skipAuth, headerAuthorization
		}
		if set&bit != 0 && k != canonical {
			delete(h, k)
		}
	}
}

// sortHeaders fills sc.order with the indices of sc.hdrs sorted by
// lowercase name. Sorting indices rather than the hdr structs avoids moving
// pointerful values around (and their GC write barriers). Two req.Header
// keys that differ only in case tie; they are ordered by spelling so that
// their merged value is at least deterministic.
func (sc *scratch) sortHeaders() {
	for i := range sc.hdrs {
		sc.order = append(sc.order, int32(i))
	}
	sort.Sort(headerOrder{sc})
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		b = append(b, lower(s[i]))
	}
	return b
}

// appendCanonicalHeaders appends the canonical headers block: one
// "name:value\n" line per header, the values of one name joined with ','.
// sc.sortHeaders must have been called. date is the X-Amz-Date value.
func appendCanonicalHeaders(b []byte, sc *scratch, date []byte) []byte {
	var prev []byte
	for k, i := range sc.order {
		h := &sc.hdrs[i]
		name := sc.name(h)
		if k > 0 && bytes.Equal(prev, name) {
			// Same name spelled differently in req.Header: one header.
			b = append(b, ',')
		} else {
			if k > 0 {
				b = append(b, '\n')
			}
			b = append(b, name...)
			b = append(b, ':')
		}
		prev = name
		switch h.kind {
		case kindLiteral:
			b = appendTrimmed(b, h.lit)
		case kindDate:
			b = append(b, date...)
		case kindLength:
			b = strconv.AppendInt(b, h.n, 10)
		case kindValues:
			for j, v := range h.vals {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendTrimmed(b, v)
			}
		}
	}
	if len(sc.order) > 0 {
		b = append(b, '\n')
	}
	return b
}

// appendSignedHeaders appends the ';'-separated lowercase names of the
// sorted headers, each once.
func appendSignedHeaders(b []byte, sc *scratch) []byte {
	var prev []byte
	for k, i := range sc.order {
		name := sc.name(&sc.hdrs[i])
		if k > 0 {
			if bytes.Equal(prev, name) {
				continue
			}
			b = append(b, ';')
		}
		b = append(b, name...)
		prev = name
	}
	return b
}

// isSpace reports the whitespace trimmed from and collapsed inside header
// values. CR and LF count because net/http sends each as a space (it
// rewrites them so a value cannot inject a header); tab counts because
// HTTP treats it as optional whitespace like a space.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// appendTrimmed appends v without leading or trailing whitespace and with
// every inner run of whitespace replaced by one space.
func appendTrimmed(b []byte, v string) []byte {
	if isClean(v) {
		return append(b, v...)
	}
	start := len(b)
	space := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		if isSpace(c) {
			space = true
			continue
		}
		if space && len(b) > start {
			b = append(b, ' ')
		}
		space = false
		b = append(b, c)
	}
	return b
}

// isClean reports whether appendTrimmed would leave v unchanged, which is
// the usual case, so that v can be copied in one go.
func isClean(v string) bool {
	if v == "" {
		return true
	}
	if isSpace(v[0]) || isSpace(v[len(v)-1]) {
		return false
	}
	prevSpace := false
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case '\t', '\n', '\r':
			return false
		default:
			prevSpace = false
		}
	}
	return true
}

// requestPath returns the path as net/http will send it: the opaque URL
// when set (without the "//host" of the "//host/path" form, which net/http
// sends as an absolute URL), otherwise the escaped path, which is
// req.URL.RawPath when that is a valid encoding of req.URL.Path.
func requestPath(req *http.Request) string {
	u := req.URL
	if p := u.Opaque; p != "" {
		if strings.HasPrefix(p, "//") {
			if i := strings.IndexByte(p[2:], '/'); i >= 0 {
				return p[2+i:]
			}
			return ""
		}
		return p
	}
	return u.EscapedPath()
}

// appendCanonicalURI appends the canonical URI of the sent path p: made
// absolute, normalised unless opts.DisableNormalizePath, and encoded once
// more unless opts.DisableURIPathEscaping.
func appendCanonicalURI(b []byte, p string, opts Options) []byte {
	escape := !opts.DisableURIPathEscaping
	if p == "" {
		return append(b, '/')
	}
	if opts.DisableNormalizePath || !needsNormalizing(p) {
		if p[0] != '/' {
			b = append(b, '/')
		}
		return appendEncoded(b, p, escape, true)
	}
	// Remove empty, "." and ".." segments, writing the kept segments
	// straight into b: ".." truncates b back to its last '/', which cannot
	// be inside a segment. A path ending in an empty, "." or ".." segment
	// keeps its trailing slash, as in RFC 3986 ("/a/b/.." is "/a/").
	start := len(b)
	trailing := false
	for more := true; more; {
		var seg string
		seg, p, more = strings.Cut(p, "/")
		switch seg {
		case "", ".":
			trailing = true
		case "..":
			trailing = true
			if i := bytes.LastIndexByte(b[start:], '/'); i >= 0 {
				b = b[:start+i]
			}
		default:
			trailing = false
			b = append(b, '/')
			b = appendEncoded(b, seg, escape, false)
		}
	}
	if len(b) == start || trailing {
		b = append(b, '/')
	}
	return b
}

// needsNormalizing reports whether p is relative or has an empty, "." or
// ".." segment, so that the common clean path skips the segment loop.
func needsNormalizing(p string) bool {
	if p[0] != '/' {
		return true
	}
	for i := 0; i < len(p); i++ {
		if p[i] != '/' {
			continue
		}
		rest := p[i+1:]
		if strings.HasPrefix(rest, "/") ||
			rest == "." || strings.HasPrefix(rest, "./") ||
			rest == ".." || strings.HasPrefix(rest, "../") {
			return true
		}
	}
	return false
}

// uriUnreserved marks the RFC 3986 uriUnreserved characters, the only bytes
// SigV4 leaves unencoded (besides '/' in paths).
var uriUnreserved = func() (t [256]bool) {
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

const hexUpper = "0123456789ABCDEF"

// appendEncoded appends s, percent-encoding (with uppercase hex) every byte
// that is not unreserved, and not '/' when keepSlash, unless escape is
// false, in which case s is appended as is.
func appendEncoded(b []byte, s string, escape, keepSlash bool) []byte {
	i := 0
	if escape {
		for i < len(s) && (uriUnreserved[s[i]] || keepSlash && s[i] == '/') {
			i++
		}
	} else {
		i = len(s)
	}
	b = append(b, s[:i]...) // the usual case: all of s
	for ; i < len(s); i++ {
		c := s[i]
		if uriUnreserved[c] || keepSlash && c == '/' {
			b = append(b, c)
		} else {
			b = append(b, '%', hexUpper[c>>4], hexUpper[c&15])
		}
	}
	return b
}

// appendQueryDecoded appends the wire-form query component s decoded ('+'
// as space, like net/url) and re-encoded the SigV4 way, in one pass and
// without an intermediate string.
func appendQueryDecoded(b []byte, s string) ([]byte, error) {
	i := 0
	for i < len(s) && uriUnreserved[s[i]] {
		i++
	}
	b = append(b, s[:i]...) // the usual case: all of s
	for ; i < len(s); i++ {
		c := s[i]
		switch c {
		case '%':
			if i+2 >= len(s) || !isHexDigit(s[i+1]) || !isHexDigit(s[i+2]) {
				return b, errBadEscape
			}
			c = hexValue(s[i+1])<<4 | hexValue(s[i+2])
			i += 2
		case '+':
			c = ' '
		}
		if uriUnreserved[c] {
			b = append(b, c)
		} else {
			b = append(b, '%', hexUpper[c>>4], hexUpper[c&15])
		}
	}
	return b, nil
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexValue(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// queryPair locates one encoded pair in scratch.q: the name is
// q[start:sep] and the value q[sep:end].
type queryPair struct{ start, sep, end int }

// queryParam is an authentication parameter added when presigning, not yet
// encoded.
type queryParam struct{ name, value string }

// isAuthParam reports whether name is a query parameter that presigning
// sets; earlier values of these are dropped rather than signed.
func isAuthParam(name string) bool {
	switch name {
	case "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
		"X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature":
		return true
	}
	return false
}

// appendCanonicalQuery appends the canonical query string of the wire-form
// query raw plus sc.extra: every pair re-encoded, "name=value" even when
// the '=' is missing, sorted by encoded name then value, joined with '&'.
// When presign is set, authentication parameters already in raw are
// dropped.
func appendCanonicalQuery(b []byte, sc *scratch, raw string, presign bool) ([]byte, error) {
	if raw == "" && len(sc.extra) == 0 {
		return b, nil
	}
	q, pairs := sc.q[:0], sc.pairs[:0]
	var err error
	for raw != "" {
		var part, name, value string
		part, raw, _ = strings.Cut(raw, "&")
		if part == "" {
			continue
		}
		name, value, _ = strings.Cut(part, "=")
		if presign && isAuthParam(name) {
			continue
		}
		start := len(q)
		if q, err = appendQueryDecoded(q, name); err != nil {
			break
		}
		sep := len(q)
		if q, err = appendQueryDecoded(q, value); err != nil {
			break
		}
		pairs = append(pairs, queryPair{start, sep, len(q)})
	}
	for _, p := range sc.extra {
		start := len(q)
		q = appendEncoded(q, p.name, true, false)
		sep := len(q)
		q = appendEncoded(q, p.value, true, false)
		pairs = append(pairs, queryPair{start, sep, len(q)})
	}
	sc.q, sc.pairs = q, pairs
	if err != nil {
		return b, err
	}
	// Indices are sorted, as for headers (see headerOrder).
	ord := sc.qord[:0]
	for i := range pairs {
		ord = append(ord, int32(i))
	}
	sc.qord = ord
	sort.Sort(queryOrder{sc})
	for k, i := range ord {
		p := &pairs[i]
		if k > 0 {
			b = append(b, '&')
		}
		b = append(b, q[p.start:p.sep]...)
		b = append(b, '=')
		b = append(b, q[p.sep:p.end]...)
	}
	return b, nil
}

// headerOrder sorts sc.order by lowercase header name, then by spelling.
// The sorts here use sort.Sort rather than slices.SortFunc: the generic
// sort would be compiled again, a dozen functions, into every client that
// carries a copy of this package, and the sort package's is compiled once
// with the standard library. Both hold only a *scratch, so that passing
// them as a sort.Interface allocates nothing.
type headerOrder struct{ sc *scratch }

func (o headerOrder) Len() int { return len(o.sc.order) }

func (o headerOrder) Swap(i, j int) { o.sc.order[i], o.sc.order[j] = o.sc.order[j], o.sc.order[i] }

func (o headerOrder) Less(i, j int) bool {
	sc := o.sc
	a, b := &sc.hdrs[sc.order[i]], &sc.hdrs[sc.order[j]]
	if c := bytes.Compare(sc.name(a), sc.name(b)); c != 0 {
		return c < 0
	}
	return a.name < b.name
}

// queryOrder sorts sc.qord by encoded query parameter name, then value.
type queryOrder struct{ sc *scratch }

func (o queryOrder) Len() int { return len(o.sc.qord) }

func (o queryOrder) Swap(i, j int) { o.sc.qord[i], o.sc.qord[j] = o.sc.qord[j], o.sc.qord[i] }

func (o queryOrder) Less(i, j int) bool {
	q := o.sc.q
	x, y := &o.sc.pairs[o.sc.qord[i]], &o.sc.pairs[o.sc.qord[j]]
	if c := bytes.Compare(q[x.start:x.sep], q[y.start:y.sep]); c != 0 {
		return c < 0
	}
	return bytes.Compare(q[x.sep:x.end], q[y.sep:y.end]) < 0
}
