package httproute

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
)

// Label is the value of one label of the matched pattern, percent-decoded.
type Label struct {
	// Name is the label's name as written in the pattern, without braces
	// or the greedy "+".
	Name string
	// Value is the decoded value: one path segment for a label, one or
	// more segments joined by "/" for a greedy label.
	Value string
}

// MatchStatus says how a request matched the table.
type MatchStatus uint8

const (
	// NotFound means no pattern matches the path and query: the protocol's
	// UnknownOperationException, HTTP 404.
	NotFound MatchStatus = iota
	// Found means a pattern of the request's method matches.
	Found
	// MethodNotAllowed means patterns match the path and query, but only
	// for other methods: HTTP 405.
	MethodNotAllowed
)

// String returns the name of the status.
func (s MatchStatus) String() string {
	switch s {
	case NotFound:
		return "NotFound"
	case Found:
		return "Found"
	case MethodNotAllowed:
		return "MethodNotAllowed"
	}
	return fmt.Sprintf("MatchStatus(%d)", uint8(s))
}

// segKind is the kind of one pattern segment, ordered from the most
// specific to the least.
type segKind uint8

const (
	segLiteral segKind = iota
	segLabel
	segGreedy
)

// segment is one path segment of a pattern. lit is the decoded literal;
// name is the label's name.
type segment struct {
	kind segKind
	lit  string
	name string
}

// queryLit is one literal query requirement: the key must be present and,
// when hasValue, have the value value (both decoded).
type queryLit struct {
	key, value string
	hasValue   bool
}

// route is one added pattern.
type route struct {
	method   string
	pattern  string
	id       int
	segs     []segment
	greedy   int // index of the greedy segment in segs, or -1
	query    []queryLit
	literals int // number of literal segments
	labels   int // number of labels, greedy included
	order    int // insertion order, the last tie-break
}

// Table routes requests to the patterns added to it. The zero value is an
// empty table. Add must not be called concurrently with anything else;
// once the table is complete, Match may be called from many goroutines.
type Table struct {
	routes []*route // most specific first (see compareRoutes)

	// byFirst indexes routes (by position in routes) on their first
	// segment when it is a literal: a request can only match those whose
	// literal is its own first segment, and the others. With the 33
	// Outposts routes, that skips most of the table.
	byFirst map[string][]int
	others  []int // routes without a literal first segment
}

// Add adds the pattern uriPattern (as in a Smithy @http trait) for method,
// to be reported by Match as id. It returns an error if the method or
// pattern is invalid, or if another pattern of the same method matches
// exactly the same requests (the same literals, the labels in the same
// places and the same query requirements), since no request could then
// say which of the two it wants. A pattern with a trailing slash is the
// same as without it.
func (t *Table) Add(method, uriPattern string, id int) error {
	if !isToken(method) {
		return fmt.Errorf("httproute: pattern %q: invalid method %q", uriPattern, method)
	}
	r, err := parsePattern(uriPattern)
	if err != nil {
		return fmt.Errorf("httproute: pattern %q: %w", uriPattern, err)
	}
	r.method, r.id, r.order = method, id, len(t.routes)
	for _, o := range t.routes {
		if o.method == method && sameRequests(o, r) {
			return fmt.Errorf("httproute: %s %q conflicts with %s %q: they match the same requests",
				method, uriPattern, o.method, o.pattern)
		}
	}
	t.routes = append(t.routes, r)
	slices.SortStableFunc(t.routes, compareRoutes)
	t.byFirst, t.others = map[string][]int{}, nil
	for i, r := range t.routes {
		if len(r.segs) > 0 && r.segs[0].kind == segLiteral {
			t.byFirst[r.segs[0].lit] = append(t.byFirst[r.segs[0].lit], i)
		} else {
			t.others = append(t.others, i)
		}
	}
	return nil
}

// parsePattern parses a URI pattern. Literals are decoded, so that "%20"
// in a pattern matches a space in the request however it is escaped.
func parsePattern(p string) (*route, error) {
	r := &route{pattern: p, greedy: -1}
	if !strings.HasPrefix(p, "/") {
		return nil, errors.New(`must start with "/"`)
	}
	if strings.ContainsAny(p, "#") {
		return nil, errors.New("must not contain a fragment")
	}
	path, query, hasQuery := strings.Cut(p, "?")
	if hasQuery {
		if query == "" {
			return nil, errors.New(`must not end with "?"`)
		}
		if err := r.parseQuery(query); err != nil {
			return nil, err
		}
	}
	if strings.Contains(path, "//") {
		return nil, errors.New(`must not contain an empty segment ("//")`)
	}
	path = strings.TrimSuffix(path[1:], "/")
	if path == "" {
		return r, nil
	}
	names := map[string]bool{}
	for seg := range strings.SplitSeq(path, "/") {
		if seg == "" {
			return nil, errors.New(`must not contain an empty segment ("//")`)
		}
		if !strings.ContainsAny(seg, "{}") {
			if seg == "." || seg == ".." {
				return nil, fmt.Errorf("must not contain the dot segment %q", seg)
			}
			lit, err := url.PathUnescape(seg)
			if err != nil {
				return nil, fmt.Errorf("segment %q: invalid percent-encoding", seg)
			}
			r.segs = append(r.segs, segment{kind: segLiteral, lit: lit})
			r.literals++
			continue
		}
		name, open := strings.CutPrefix(seg, "{")
		name, closed := strings.CutSuffix(name, "}")
		if !open || !closed {
			return nil, fmt.Errorf("segment %q: a label must be a whole segment", seg)
		}
		kind := segLabel
		if n, greedy := strings.CutSuffix(name, "+"); greedy {
			if r.greedy >= 0 {
				return nil, errors.New("must not have more than one greedy label")
			}
			name, kind, r.greedy = n, segGreedy, len(r.segs)
		}
		if !isLabelName(name) {
			return nil, fmt.Errorf("segment %q: a label name must be letters, digits and _", seg)
		}
		if key := strings.ToLower(name); names[key] {
			return nil, fmt.Errorf("label %q appears more than once", name)
		} else {
			names[key] = true
		}
		r.segs = append(r.segs, segment{kind: kind, name: name})
		r.labels++
	}
	return r, nil
}

// parseQuery parses the literal query part of a pattern.
func (r *route) parseQuery(q string) error {
	for part := range strings.SplitSeq(q, "&") {
		if strings.ContainsAny(part, "{}") {
			return fmt.Errorf("query %q: labels are not allowed in the query", part)
		}
		k, v, hasValue := strings.Cut(part, "=")
		key, err1 := url.QueryUnescape(k)
		value, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("query %q: invalid percent-encoding", part)
		}
		if key == "" {
			return fmt.Errorf("query %q: empty key", part)
		}
		for _, o := range r.query {
			if o.key == key {
				return fmt.Errorf("query key %q appears more than once", key)
			}
		}
		r.query = append(r.query, queryLit{key, value, hasValue})
	}
	// Sorted so that sameRequests can compare two routes' requirements
	// pairwise.
	slices.SortFunc(r.query, func(a, b queryLit) int { return strings.Compare(a.key, b.key) })
	return nil
}

// sameRequests reports whether a and b match exactly the same requests.
func sameRequests(a, b *route) bool {
	return slices.EqualFunc(a.segs, b.segs, func(x, y segment) bool {
		return x.kind == y.kind && x.lit == y.lit
	}) && slices.Equal(a.query, b.query)
}

// compareRoutes orders routes from the most specific to the least, which
// is the order Match tries them in:
//
//  1. more literal path segments first ("/a/b" before "/a/{x}");
//  2. more literal query requirements first ("/a?x" before "/a");
//  3. patterns without a greedy label before those with one
//     ("/a/{b}" before "/a/{b+}");
//  4. segment by segment from the left, a literal before a label before a
//     greedy label ("/a/{x}/c" before "/{y}/b/c");
//  5. more segments first;
//  6. the order of Add.
func compareRoutes(a, b *route) int {
	if a.literals != b.literals {
		return b.literals - a.literals
	}
	if len(a.query) != len(b.query) {
		return len(b.query) - len(a.query)
	}
	if ag, bg := a.greedy >= 0, b.greedy >= 0; ag != bg {
		if ag {
			return 1
		}
		return -1
	}
	for i := range min(len(a.segs), len(b.segs)) {
		if a.segs[i].kind != b.segs[i].kind {
			return int(a.segs[i].kind) - int(b.segs[i].kind)
		}
	}
	if len(a.segs) != len(b.segs) {
		return len(b.segs) - len(a.segs)
	}
	return a.order - b.order
}

// maxStackSegments is how many path segments Match splits without
// allocating. Longer paths still work; they cost one allocation.
const maxStackSegments = 32

// span is one segment of the request path: path[start:end].
type span struct{ start, end int }

// Match returns the pattern that matches the request, given its method,
// its path as sent (for a net/http server, r.URL.EscapedPath(), never the
// decoded r.URL.Path) and its raw query.
//
// Of the patterns whose path and query requirements match, the most
// specific one of the request's method wins: the first in the order of
// compareRoutes. Matching compares the sent segments with the decoded
// literals of the pattern and requires every label to be non-empty; an
// escaped "/" ("%2F") never separates segments. When no pattern of the
// request's method matches, the path is tried once more without a
// trailing slash, so "/outposts/" finds "/outposts". Segments "." and
// ".." are not removed: they are ordinary values, since a Smithy client
// sends a label value ".." unescaped ("." is an unreserved character), and
// cannot reach other routes because matching never goes back up a
// segment. The labels of the
// winner are then percent-decoded ("+" stays "+" in a path); a greedy
// label's value keeps the slashes between its segments.
//
// Match does not allocate except for the returned labels (one slice, plus
// one string per label whose value contains an escape), and does not panic
// on any input.
func (t *Table) Match(method, rawPath, rawQuery string) (id int, labels []Label, status MatchStatus) {
	if rawPath == "" {
		rawPath = "/"
	}
	if rawPath[0] != '/' {
		return 0, nil, NotFound
	}
	var stack [maxStackSegments]span
	spans := splitPath(stack[:0], rawPath)
	r, status := t.find(method, rawPath, spans, rawQuery)
	if status != Found && len(spans) > 0 && rawPath[len(rawPath)-1] == '/' {
		trimmed := spans[:len(spans)-1]
		if r2, s2 := t.find(method, rawPath, trimmed, rawQuery); s2 == Found {
			r, status, spans = r2, s2, trimmed
		} else if s2 == MethodNotAllowed {
			status = s2
		}
	}
	if status != Found {
		return 0, nil, status
	}
	return r.id, r.labelValues(rawPath, spans), Found
}

// Allowed returns the methods of the patterns that match the path and
// query, sorted and joined by ", ": the Allow header that a 405 response
// must carry (RFC 9110, section 15.5.6). A path with a trailing slash also
// counts the patterns that match it without, as Match does.
func (t *Table) Allowed(rawPath, rawQuery string) string {
	if rawPath == "" {
		rawPath = "/"
	}
	if rawPath[0] != '/' {
		return ""
	}
	var stack [maxStackSegments]span
	spans := splitPath(stack[:0], rawPath)
	// Not slices.Contains and slices.Sort: each generic would be compiled
	// again in every client that copies the runtime.
	var methods []string
	collect := func(spans []span) {
	routes:
		for _, r := range t.routes {
			for _, m := range methods {
				if m == r.method {
					continue routes
				}
			}
			if r.matchPath(rawPath, spans) && r.matchQuery(rawQuery) {
				methods = append(methods, r.method)
			}
		}
	}
	collect(spans)
	if len(spans) > 0 && rawPath[len(rawPath)-1] == '/' {
		collect(spans[:len(spans)-1])
	}
	sort.Strings(methods)
	return strings.Join(methods, ", ")
}

// splitPath appends the segments of p, which starts with "/", to dst:
// none for "/", otherwise one per "/" (so "/a/" is "a" and "").
func splitPath(dst []span, p string) []span {
	if p == "/" {
		return dst
	}
	start := 1
	for i := 1; i < len(p); i++ {
		if p[i] == '/' {
			dst = append(dst, span{start, i})
			start = i + 1
		}
	}
	return append(dst, span{start, len(p)})
}

// find returns the most specific route of method matching the request, or
// why there is none. It tries the routes in the order of t.routes, but only
// those that can match the request's first segment.
func (t *Table) find(method, path string, spans []span, rawQuery string) (*route, MatchStatus) {
	var lits []int
	if len(spans) > 0 {
		first := path[spans[0].start:spans[0].end]
		if strings.IndexByte(first, '%') >= 0 {
			// The index holds decoded literals; an escaped first segment
			// (rare) is compared with every route instead.
			return t.scan(method, path, spans, rawQuery, nil, true)
		}
		lits = t.byFirst[first]
	}
	return t.scan(method, path, spans, rawQuery, lits, false)
}

// scan tries every route when all is set, otherwise the routes lits and
// t.others, merged in the order of t.routes.
func (t *Table) scan(method, path string, spans []span, rawQuery string, lits []int, all bool) (*route, MatchStatus) {
	status := NotFound
	i, j, k := 0, 0, 0
	for {
		var r *route
		switch {
		case all:
			if k == len(t.routes) {
				return nil, status
			}
			r = t.routes[k]
			k++
		case i < len(lits) && (j == len(t.others) || lits[i] < t.others[j]):
			r = t.routes[lits[i]]
			i++
		case j < len(t.others):
			r = t.routes[t.others[j]]
			j++
		default:
			return nil, status
		}
		if status == MethodNotAllowed && r.method != method {
			continue // already known; only a route of method can change the outcome
		}
		if !r.matchPath(path, spans) || !r.matchQuery(rawQuery) {
			continue
		}
		if r.method == method {
			return r, Found
		}
		status = MethodNotAllowed
	}
}

// greedyLen returns how many request segments the greedy label takes, or
// 0 if the request has too few segments for the pattern.
func (r *route) greedyLen(n int) int {
	if g := n - (len(r.segs) - 1); g >= 1 {
		return g
	}
	return 0
}

// matchPath reports whether the request path matches r's segments.
func (r *route) matchPath(path string, spans []span) bool {
	if r.greedy < 0 {
		if len(spans) != len(r.segs) {
			return false
		}
		for i := range r.segs {
			if !r.segs[i].matches(path[spans[i].start:spans[i].end]) {
				return false
			}
		}
		return true
	}
	gl := r.greedyLen(len(spans))
	if gl == 0 {
		return false
	}
	for i := range r.segs {
		switch {
		case i < r.greedy:
			if !r.segs[i].matches(path[spans[i].start:spans[i].end]) {
				return false
			}
		case i == r.greedy:
			// The greedy label's segments may be empty ("a//b"), but its
			// value may not, and it must be a valid escape like any label.
			v := path[spans[i].start:spans[i+gl-1].end]
			if v == "" || !validEscapes(v) {
				return false
			}
		default:
			s := spans[i+gl-1]
			if !r.segs[i].matches(path[s.start:s.end]) {
				return false
			}
		}
	}
	return true
}

// matches reports whether the sent segment raw fills a literal or label
// segment.
func (s *segment) matches(raw string) bool {
	if s.kind == segLiteral {
		return decodedEquals(raw, s.lit, false)
	}
	return raw != "" && validEscapes(raw)
}

// matchQuery reports whether the raw query meets every literal
// requirement of r.
func (r *route) matchQuery(rawQuery string) bool {
	for i := range r.query {
		q := &r.query[i]
		found := false
		for rest := rawQuery; rest != "" && !found; {
			var part string
			part, rest, _ = strings.Cut(rest, "&")
			k, v, _ := strings.Cut(part, "=")
			found = decodedEquals(k, q.key, true) && (!q.hasValue || decodedEquals(v, q.value, true))
		}
		if !found {
			return false
		}
	}
	return true
}

// labelValues returns the decoded labels of r for a path that matched it.
func (r *route) labelValues(path string, spans []span) []Label {
	if r.labels == 0 {
		return nil
	}
	labels := make([]Label, 0, r.labels)
	gl := 1
	if r.greedy >= 0 {
		gl = r.greedyLen(len(spans))
	}
	for i := range r.segs {
		var raw string
		switch {
		case r.greedy < 0 || i < r.greedy:
			raw = path[spans[i].start:spans[i].end]
		case i == r.greedy:
			raw = path[spans[i].start:spans[i+gl-1].end]
		default:
			raw = path[spans[i+gl-1].start:spans[i+gl-1].end]
		}
		if r.segs[i].kind == segLiteral {
			continue
		}
		labels = append(labels, Label{Name: r.segs[i].name, Value: unescape(raw)})
	}
	return labels
}

// decodedEquals reports whether the percent-encoded raw decodes to want,
// without building the decoded string. In a query ("+" means space) when
// query is set. An invalid escape never equals anything.
func decodedEquals(raw, want string, query bool) bool {
	j := 0
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '%':
			if i+2 >= len(raw) || !isHex(raw[i+1]) || !isHex(raw[i+2]) {
				return false
			}
			c = unhex(raw[i+1])<<4 | unhex(raw[i+2])
			i += 2
		case c == '+' && query:
			c = ' '
		}
		if j >= len(want) || want[j] != c {
			return false
		}
		j++
	}
	return j == len(want)
}

// validEscapes reports whether every "%" in raw starts a valid escape.
func validEscapes(raw string) bool {
	for i := strings.IndexByte(raw, '%'); i >= 0; {
		if i+2 >= len(raw) || !isHex(raw[i+1]) || !isHex(raw[i+2]) {
			return false
		}
		next := strings.IndexByte(raw[i+3:], '%')
		if next < 0 {
			break
		}
		i += 3 + next
	}
	return true
}

// unescape percent-decodes a path value whose escapes are known to be
// valid; "+" is kept, as in a path. Without escapes it returns raw itself.
func unescape(raw string) string {
	n := strings.Count(raw, "%")
	if n == 0 {
		return raw
	}
	// A Builder hands its buffer over as the string: one allocation.
	var b strings.Builder
	b.Grow(len(raw) - 2*n)
	for i := 0; i < len(raw); i++ {
		if raw[i] == '%' && i+2 < len(raw) {
			b.WriteByte(unhex(raw[i+1])<<4 | unhex(raw[i+2]))
			i += 2
			continue
		}
		b.WriteByte(raw[i])
	}
	return b.String()
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

// isLabelName reports whether s is a valid label name: [A-Za-z0-9_]+.
func isLabelName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// isToken reports whether s is an HTTP token (RFC 9110), as a method is.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			continue
		}
		if !strings.ContainsRune("!#$%&'*+-.^_`|~", rune(c)) {
			return false
		}
	}
	return true
}
