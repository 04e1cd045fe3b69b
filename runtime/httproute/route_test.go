package httproute

import (
	"encoding/json"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// outpostsRoute is the @http trait of one operation of the Outposts model.
type outpostsRoute struct {
	name, method, uri string
}

// outpostsRoutes reads the @http traits of model/outposts.json, which is
// part of this repository.
func outpostsRoutes(tb testing.TB) []outpostsRoute {
	tb.Helper()
	data, err := os.ReadFile("../../model/outposts.json")
	if err != nil {
		tb.Fatal(err)
	}
	var m struct {
		Shapes map[string]struct {
			Traits map[string]json.RawMessage `json:"traits"`
		} `json:"shapes"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		tb.Fatal(err)
	}
	var routes []outpostsRoute
	for id, s := range m.Shapes {
		raw, ok := s.Traits["smithy.api#http"]
		if !ok {
			continue
		}
		var h struct{ Method, URI string }
		if err := json.Unmarshal(raw, &h); err != nil {
			tb.Fatal(err)
		}
		_, name, _ := strings.Cut(id, "#")
		routes = append(routes, outpostsRoute{name, h.Method, h.URI})
	}
	slices.SortFunc(routes, func(a, b outpostsRoute) int { return strings.Compare(a.name, b.name) })
	if len(routes) != 33 {
		tb.Fatalf("found %d @http operations in the Outposts model, want 33", len(routes))
	}
	return routes
}

// outpostsTable returns the table of the Outposts operations, each added
// with its index in routes as the id.
func outpostsTable(tb testing.TB) (*Table, []outpostsRoute) {
	tb.Helper()
	routes := outpostsRoutes(tb)
	var t Table
	for i, r := range routes {
		if err := t.Add(r.method, r.uri, i); err != nil {
			tb.Fatal(err)
		}
	}
	return &t, routes
}

// labelValue is what TestOutposts puts in each label: an ARN-like value
// with every character that must be escaped in a path segment, so that
// matching must keep "%2F" inside the label and decode it afterwards.
func labelValue(name string) string { return "arn:aws:x/" + name + " %2F..%2F?#&=+ü" }

// fill builds the request path of pattern with labelValue in each label.
func fill(pattern string) (path string, want []Label) {
	path, _, _ = strings.Cut(pattern, "?")
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if name, ok := strings.CutPrefix(s, "{"); ok {
			name = strings.TrimSuffix(name, "}")
			v := labelValue(name)
			segs[i] = url.PathEscape(v)
			want = append(want, Label{name, v})
		}
	}
	return strings.Join(segs, "/"), want
}

func TestOutposts(t *testing.T) {
	table, routes := outpostsTable(t)
	for i, r := range routes {
		path, want := fill(r.uri)
		id, labels, status := table.Match(r.method, path, "")
		if status != Found || id != i || !reflect.DeepEqual(labels, want) {
			t.Errorf("%s %s (%s): got id %d labels %q status %v, want id %d labels %q Found",
				r.method, path, r.name, id, labels, status, i, want)
		}
	}
}

// match is a request and the outcome Match should report for it.
type match struct {
	method, path, query string
	status              MatchStatus
	op                  string  // operation name or pattern, when Found
	labels              []Label // when Found
}

func checkMatches(t *testing.T, table *Table, name func(int) string, cases []match) {
	t.Helper()
	for _, c := range cases {
		id, labels, status := table.Match(c.method, c.path, c.query)
		if status != c.status {
			t.Errorf("%s %s?%s: status %v, want %v", c.method, c.path, c.query, status, c.status)
			continue
		}
		if status != Found {
			if id != 0 || labels != nil {
				t.Errorf("%s %s?%s: %v with id %d and labels %q", c.method, c.path, c.query, status, id, labels)
			}
			continue
		}
		if got := name(id); got != c.op || !reflect.DeepEqual(labels, c.labels) {
			t.Errorf("%s %s?%s: got %s %q, want %s %q", c.method, c.path, c.query, got, labels, c.op, c.labels)
		}
	}
}

func TestOutpostsEdges(t *testing.T) {
	table, routes := outpostsTable(t)
	name := func(id int) string { return routes[id].name }
	l := func(kv ...string) []Label {
		var ls []Label
		for i := 0; i < len(kv); i += 2 {
			ls = append(ls, Label{kv[i], kv[i+1]})
		}
		return ls
	}
	checkMatches(t, table, name, []match{
		{"GET", "/outposts", "", Found, "ListOutposts", nil},
		{"GET", "/outposts", "MaxResults=5&NextToken=x", Found, "ListOutposts", nil},
		{"POST", "/outposts", "", Found, "CreateOutpost", nil},
		{"GET", "/outposts/op-1", "", Found, "GetOutpost", l("OutpostId", "op-1")},
		{"PATCH", "/outposts/op-1", "", Found, "UpdateOutpost", l("OutpostId", "op-1")},
		{"GET", "/outposts/op-1/capacity/ct-1/blockingInstances", "", Found, "ListBlockingInstancesForCapacityTask",
			l("OutpostIdentifier", "op-1", "CapacityTaskId", "ct-1")},
		// An escaped slash stays in its label, and so does a dot segment
		// written with escaped slashes: neither reaches another route.
		{"GET", "/tags/arn:aws:outposts:us-west-2:111122223333:outpost%2Fop-1", "", Found, "ListTagsForResource",
			l("ResourceArn", "arn:aws:outposts:us-west-2:111122223333:outpost/op-1")},
		{"GET", "/outposts/%2F..%2Fsites", "", Found, "GetOutpost", l("OutpostId", "/../sites")},
		{"GET", "/outposts/..%2F..%2Fsites%2Fs-1/instanceTypes", "", Found, "GetOutpostInstanceTypes",
			l("OutpostId", "../../sites/s-1")},
		// Dot segments are values like any other, never path operations.
		{"GET", "/outposts/..", "", Found, "GetOutpost", l("OutpostId", "..")},
		{"GET", "/outposts/../instanceTypes", "", Found, "GetOutpostInstanceTypes", l("OutpostId", "..")},
		{"GET", "/outposts/./..", "", NotFound, "", nil},
		// Unescaped, the same slash separates segments: no ListTags pattern
		// has two segments after /tags.
		{"GET", "/tags/arn:aws:outposts:us-west-2:111122223333:outpost/op-1", "", NotFound, "", nil},
		// Literals compare decoded; labels decode with "+" kept.
		{"GET", "/%6Futposts/a+b%20c", "", Found, "GetOutpost", l("OutpostId", "a+b c")},
		// Trailing slashes.
		{"GET", "/outposts/", "", Found, "ListOutposts", nil},
		{"GET", "/outposts/op-1/", "", Found, "GetOutpost", l("OutpostId", "op-1")},
		{"GET", "/outposts//", "", NotFound, "", nil},
		{"DELETE", "/sites/", "", MethodNotAllowed, "", nil},
		// Empty labels never match.
		{"GET", "/outposts//instanceTypes", "", NotFound, "", nil},
		{"POST", "/outposts//capacity", "", NotFound, "", nil},
		// Double slashes.
		{"GET", "//outposts", "", NotFound, "", nil},
		{"GET", "/outposts//op-1", "", NotFound, "", nil},
		// Unknown paths and methods.
		{"GET", "/", "", NotFound, "", nil},
		{"GET", "", "", NotFound, "", nil},
		{"GET", "*", "", NotFound, "", nil},
		{"GET", "/nope", "", NotFound, "", nil},
		{"GET", "/outposts/op-1/capacity/ct-1/blockingInstances/x", "", NotFound, "", nil},
		{"PUT", "/outposts", "", MethodNotAllowed, "", nil},
		{"DELETE", "/orders/o-1/cancel", "", MethodNotAllowed, "", nil},
		{"get", "/outposts", "", MethodNotAllowed, "", nil},
		// Invalid escapes match no label or literal.
		{"GET", "/outposts/op%zz", "", NotFound, "", nil},
		{"GET", "/outposts/op%2", "", NotFound, "", nil},
		{"GET", "/outpost%", "", NotFound, "", nil},
	})
}

// patternTable adds patterns, each for GET unless it starts with a method
// and a space; the id is the index.
func patternTable(t *testing.T, patterns ...string) (*Table, func(int) string) {
	t.Helper()
	var table Table
	for i, p := range patterns {
		method := "GET"
		if m, rest, ok := strings.Cut(p, " "); ok {
			method, p = m, rest
		}
		if err := table.Add(method, p, i); err != nil {
			t.Fatal(err)
		}
	}
	return &table, func(id int) string { return patterns[id] }
}

func TestGreedy(t *testing.T) {
	table, name := patternTable(t,
		"/a/{b+}/c",
		"/{Bucket}",
		"/{Bucket}/{Key+}",
		"/{Bucket}/{Key}",
		"/{Bucket}/{Key+}?tagging",
		"/x/{Y}/{Z+}",
	)
	checkMatches(t, table, name, []match{
		{"GET", "/a/x/c", "", Found, "/a/{b+}/c", []Label{{"b", "x"}}},
		{"GET", "/a/x/y/c", "", Found, "/a/{b+}/c", []Label{{"b", "x/y"}}},
		{"GET", "/a/x/c/c", "", Found, "/a/{b+}/c", []Label{{"b", "x/c"}}},
		{"GET", "/a/x%2Fy/c", "", Found, "/a/{b+}/c", []Label{{"b", "x/y"}}},
		{"GET", "/a/x//y/c", "", Found, "/a/{b+}/c", []Label{{"b", "x//y"}}},
		// The greedy label needs at least one segment: "/a/c" is a bucket
		// and a key.
		{"GET", "/a/c", "", Found, "/{Bucket}/{Key}", []Label{{"Bucket", "a"}, {"Key", "c"}}},
		{"GET", "/a//c", "", Found, "/{Bucket}/{Key+}", []Label{{"Bucket", "a"}, {"Key", "/c"}}},
		{"GET", "/b", "", Found, "/{Bucket}", []Label{{"Bucket", "b"}}},
		{"GET", "/b/k", "", Found, "/{Bucket}/{Key}", []Label{{"Bucket", "b"}, {"Key", "k"}}},
		{"GET", "/b/k/l", "", Found, "/{Bucket}/{Key+}", []Label{{"Bucket", "b"}, {"Key", "k/l"}}},
		{"GET", "/b/k/l/", "", Found, "/{Bucket}/{Key+}", []Label{{"Bucket", "b"}, {"Key", "k/l/"}}},
		{"GET", "/b/k", "tagging", Found, "/{Bucket}/{Key+}?tagging", []Label{{"Bucket", "b"}, {"Key", "k"}}},
		{"GET", "/x/y/z", "", Found, "/x/{Y}/{Z+}", []Label{{"Y", "y"}, {"Z", "z"}}},
		{"GET", "/x/y", "", Found, "/{Bucket}/{Key}", []Label{{"Bucket", "x"}, {"Key", "y"}}},
	})
}

func TestQueryLiterals(t *testing.T) {
	table, name := patternTable(t,
		"/q?type=a",
		"/q?type=b&flag",
		"/q?flag",
		"/q",
		"POST /p?op=x y",
		"/e?k=",
	)
	checkMatches(t, table, name, []match{
		{"GET", "/q", "", Found, "/q", nil},
		{"GET", "/q", "type=c", Found, "/q", nil},
		{"GET", "/q", "type=a", Found, "/q?type=a", nil},
		{"GET", "/q", "x=1&type=%61", Found, "/q?type=a", nil},
		{"GET", "/q", "type=b", Found, "/q", nil},
		{"GET", "/q", "type=b&flag", Found, "/q?type=b&flag", nil},
		{"GET", "/q", "flag=anything&type=b", Found, "/q?type=b&flag", nil},
		{"GET", "/q", "flag", Found, "/q?flag", nil},
		{"GET", "/q", "flag=", Found, "/q?flag", nil},
		{"GET", "/q", "flags", Found, "/q", nil},
		{"GET", "/q/", "flag", Found, "/q?flag", nil},
		{"POST", "/p", "op=x+y", Found, "POST /p?op=x y", nil},
		{"POST", "/p", "op=x%20y", Found, "POST /p?op=x y", nil},
		{"POST", "/p", "op=xy", NotFound, "", nil},
		{"GET", "/p", "op=x+y", MethodNotAllowed, "", nil},
		{"GET", "/e", "k", Found, "/e?k=", nil},
		{"GET", "/e", "k=", Found, "/e?k=", nil},
		{"GET", "/e", "k=v", NotFound, "", nil},
	})
}

func TestSpecificity(t *testing.T) {
	table, name := patternTable(t,
		"/{x}/b/c",
		"/a/{y}/c",
		"/a/b/{z}",
		"/{p}/{q}/{r}",
		"PUT /a/b/c",
	)
	checkMatches(t, table, name, []match{
		{"GET", "/a/b/c", "", Found, "/a/b/{z}", []Label{{"z", "c"}}},
		{"GET", "/a/x/c", "", Found, "/a/{y}/c", []Label{{"y", "x"}}},
		{"GET", "/x/b/c", "", Found, "/{x}/b/c", []Label{{"x", "x"}}},
		{"GET", "/x/y/z", "", Found, "/{p}/{q}/{r}", []Label{{"p", "x"}, {"q", "y"}, {"r", "z"}}},
		{"PUT", "/a/b/c", "", Found, "PUT /a/b/c", nil},
		{"PUT", "/a/b/d", "", MethodNotAllowed, "", nil},
	})
}

// TestProtocolTestPatterns uses patterns and requests of the restJson1
// protocol tests: every reserved character in a label, a greedy label
// after labels, literals that look like regular expressions, and literal
// query parts.
func TestProtocolTestPatterns(t *testing.T) {
	table, name := patternTable(t,
		"/HttpRequestWithLabels/{string}/{short}/{integer}/{long}/{float}/{double}/{boolean}/{timestamp}",
		"/HttpRequestWithGreedyLabelInPath/foo/{foo}/baz/{baz+}",
		"/ReDosLiteral/{str}/(a+)+",
		"/ConstantQueryString/{hello}?foo=bar&hello",
		"/ConstantAndVariableQueryString?foo=bar",
	)
	checkMatches(t, table, name, []match{
		{"GET", "/HttpRequestWithLabels/%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9/1/2/3/4.1/5.1/true/2019-12-16T23%3A48%3A18Z", "",
			Found, "/HttpRequestWithLabels/{string}/{short}/{integer}/{long}/{float}/{double}/{boolean}/{timestamp}",
			[]Label{{"string", " %:/?#[]@!$&'()*+,;=😹"}, {"short", "1"}, {"integer", "2"}, {"long", "3"},
				{"float", "4.1"}, {"double", "5.1"}, {"boolean", "true"}, {"timestamp", "2019-12-16T23:48:18Z"}}},
		{"GET", "/HttpRequestWithGreedyLabelInPath/foo/hello%2Fescape/baz/there/guy", "",
			Found, "/HttpRequestWithGreedyLabelInPath/foo/{foo}/baz/{baz+}",
			[]Label{{"foo", "hello/escape"}, {"baz", "there/guy"}}},
		{"GET", "/ReDosLiteral/abc/(a+)+", "", Found, "/ReDosLiteral/{str}/(a+)+", []Label{{"str", "abc"}}},
		{"GET", "/ReDosLiteral/abc/aa", "", NotFound, "", nil},
		{"GET", "/ConstantQueryString/hi", "foo=bar&hello", Found, "/ConstantQueryString/{hello}?foo=bar&hello",
			[]Label{{"hello", "hi"}}},
		{"GET", "/ConstantQueryString/hi", "foo=bar", NotFound, "", nil},
		{"GET", "/ConstantAndVariableQueryString", "foo=bar&baz=bam&maybeSet=yes", Found,
			"/ConstantAndVariableQueryString?foo=bar", nil},
	})
}

func TestAddErrors(t *testing.T) {
	for _, c := range []struct{ method, pattern, want string }{
		{"GET", "", `must start with "/"`},
		{"GET", "a/b", `must start with "/"`},
		{"GET", "/a#b", "fragment"},
		{"GET", "/a?", `must not end with "?"`},
		{"GET", "/a//b", "empty segment"},
		{"GET", "//", "empty segment"},
		{"GET", "/a/./b", "dot segment"},
		{"GET", "/a/..", "dot segment"},
		{"GET", "/a%zz", "percent-encoding"},
		{"GET", "/a{b}", "whole segment"},
		{"GET", "/{b}c", "whole segment"},
		{"GET", "/{}", "label name"},
		{"GET", "/{+}", "label name"},
		{"GET", "/{a-b}", "label name"},
		{"GET", "/{a++}", "label name"},
		{"GET", "/{a}/{A}", "more than once"},
		{"GET", "/{a+}/{b+}", "more than one greedy"},
		{"GET", "/a?{b}", "labels are not allowed"},
		{"GET", "/a?=b", "empty key"},
		{"GET", "/a?x&x=1", "more than once"},
		{"GET", "/a?x=%zz", "percent-encoding"},
		{"", "/a", "invalid method"},
		{"GE T", "/a", "invalid method"},
	} {
		var table Table
		err := table.Add(c.method, c.pattern, 0)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Add(%q, %q) = %v, want an error containing %q", c.method, c.pattern, err, c.want)
		}
	}
}

func TestConflicts(t *testing.T) {
	for _, c := range []struct {
		a, b     string
		conflict bool
	}{
		{"GET /a/{x}", "GET /a/{y}", true},
		{"GET /a/{x}", "POST /a/{y}", false},
		{"GET /a", "GET /a/", true},
		{"GET /a%20b", "GET /a b", true},
		{"GET /{x+}", "GET /{y+}", true},
		{"GET /{x+}", "GET /{y}", false},
		{"GET /a?x=1&y", "GET /a?y&x=1", true},
		{"GET /a?x=1", "GET /a?x=2", false},
		{"GET /a?x", "GET /a?x=", false},
		{"GET /a?x", "GET /a", false},
		{"GET /{x}/b", "GET /a/{y}", false},
	} {
		var table Table
		am, ap, _ := strings.Cut(c.a, " ")
		bm, bp, _ := strings.Cut(c.b, " ")
		if err := table.Add(am, ap, 0); err != nil {
			t.Fatal(err)
		}
		err := table.Add(bm, bp, 1)
		if got := err != nil; got != c.conflict {
			t.Errorf("%s then %s: error %v, want conflict %v", c.a, c.b, err, c.conflict)
		} else if err != nil && !strings.Contains(err.Error(), "conflicts with") {
			t.Errorf("%s then %s: error %v does not say which pattern conflicts", c.a, c.b, err)
		}
	}
}

// TestMatchAllocations checks the promise of Match's documentation: one
// allocation for the labels, none without labels or without a match.
func TestMatchAllocations(t *testing.T) {
	table, _ := outpostsTable(t)
	for _, c := range []struct {
		method, path string
		want         float64
	}{
		{"GET", "/outposts", 0},
		{"GET", "/outposts/op-1/capacity/ct-1/blockingInstances", 1},
		{"GET", "/catalog/item/ci%2D1", 2}, // the slice and the decoded value
		{"GET", "/nope/nope", 0},
		{"PUT", "/outposts", 0},
	} {
		if got := testing.AllocsPerRun(100, func() { table.Match(c.method, c.path, "") }); got != c.want {
			t.Errorf("%s %s: %v allocations, want %v", c.method, c.path, got, c.want)
		}
	}
}

func TestLongPath(t *testing.T) {
	table, name := patternTable(t, "/a/{b+}/c")
	long := "/a/" + strings.Repeat("x/", 2*maxStackSegments) + "c"
	checkMatches(t, table, name, []match{
		{"GET", long, "", Found, "/a/{b+}/c", []Label{{"b", strings.Repeat("x/", 2*maxStackSegments-1) + "x"}}},
	})
}

func TestMatchStatusString(t *testing.T) {
	for s, want := range map[MatchStatus]string{NotFound: "NotFound", Found: "Found", MethodNotAllowed: "MethodNotAllowed", 7: "MatchStatus(7)"} {
		if got := s.String(); got != want {
			t.Errorf("%d: %q, want %q", s, got, want)
		}
	}
}

func TestAllowed(t *testing.T) {
	table, _ := outpostsTable(t)
	for _, c := range []struct{ path, query, want string }{
		{"/outposts", "", "GET, POST"},
		{"/outposts/", "", "GET, POST"},
		{"/outposts/op-1", "", "DELETE, GET, PATCH"},
		{"/orders/o-1/cancel", "", "POST"},
		{"/nope", "", ""},
		{"", "", ""},
		{"*", "", ""},
	} {
		if got := table.Allowed(c.path, c.query); got != c.want {
			t.Errorf("Allowed(%q, %q) = %q, want %q", c.path, c.query, got, c.want)
		}
	}
	// Whatever Allowed lists matches, and a method it leaves out does not.
	for _, path := range []string{"/outposts", "/outposts/op-1", "/sites/", "/sites/s-1/rackPhysicalProperties", "/catalog/items", "/tags/arn"} {
		allowed := strings.Split(table.Allowed(path, ""), ", ")
		for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"} {
			_, _, status := table.Match(m, path, "")
			if (status == Found) != slices.Contains(allowed, m) {
				t.Errorf("%s %s: Match says %v, Allowed lists %q", m, path, status, allowed)
			}
		}
	}
}
