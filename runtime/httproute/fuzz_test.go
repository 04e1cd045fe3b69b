package httproute

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// fuzzTable is the Outposts table plus patterns with greedy labels and
// query literals, so that the fuzzer reaches every kind of segment.
func fuzzTable(tb testing.TB) *Table {
	table, routes := outpostsTable(tb)
	for i, p := range []string{"/a/{b+}/c", "/{Bucket}/{Key+}", "/q/{x}?type=a&flag", "/%7E/{y}"} {
		if err := table.Add("GET", p, len(routes)+i); err != nil {
			tb.Fatal(err)
		}
	}
	return table
}

func (t *Table) routeByID(id int) *route {
	for _, r := range t.routes {
		if r.id == id {
			return r
		}
	}
	return nil
}

// rebuild writes a path for r with the given label values, escaped the way
// a client escapes a non-greedy label.
func rebuild(r *route, labels []Label) string {
	var b strings.Builder
	k := 0
	for _, s := range r.segs {
		b.WriteByte('/')
		if s.kind == segLiteral {
			b.WriteString(url.PathEscape(s.lit))
			continue
		}
		b.WriteString(url.PathEscape(labels[k].Value))
		k++
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}

// FuzzMatch checks that Match never panics and that what it reports is
// consistent: labels only when found, as many as the pattern has, and a
// non-greedy match found again when its labels are written back into the
// pattern (so a label value can never have come from another route's
// segments).
func FuzzMatch(f *testing.F) {
	table := fuzzTable(f)
	for _, s := range [][3]string{
		{"GET", "/outposts/op-1/capacity/ct-1/blockingInstances", ""},
		{"GET", "/tags/arn%3Aaws%2Fx", ""},
		{"GET", "/outposts/%2F..%2F/instanceTypes", ""},
		{"GET", "/a/x/y/c", ""},
		{"GET", "/q/z", "flag&type=a"},
		{"PUT", "/outposts/", ""},
		{"GET", "//", ""},
		{"GET", "/%", "%"},
		{"GET", "/~/%7e", ""},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, method, path, query string) {
		id, labels, status := table.Match(method, path, query)
		if status != Found {
			if labels != nil || id != 0 {
				t.Fatalf("%v with id %d and labels %q", status, id, labels)
			}
			return
		}
		r := table.routeByID(id)
		if r == nil || r.method != method {
			t.Fatalf("found id %d, which is not a %s route", id, method)
		}
		if len(labels) != r.labels {
			t.Fatalf("%d labels for %q, which has %d", len(labels), r.pattern, r.labels)
		}
		if r.greedy >= 0 {
			return
		}
		p := rebuild(r, labels)
		id2, labels2, status2 := table.Match(method, p, query)
		if status2 != Found || id2 != id || !reflect.DeepEqual(labels, labels2) {
			t.Fatalf("%s %q matched %q with %q; rebuilt as %q it gives %v %d %q",
				method, path, r.pattern, labels, p, status2, id2, labels2)
		}
	})
}

// FuzzAdd checks that Add never panics, and that a pattern it accepts is
// matched by a request built from it, with each label's value back.
func FuzzAdd(f *testing.F) {
	for _, p := range []string{
		"/", "/a", "/a/{b}", "/{a}/{b+}/c", "/a?x=1&y", "/a%20b/{c}", "/a/", "/{x+}",
		"/a//b", "/{a}{b}", "/a?", "/a?{x}", "/a%zz",
	} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, pattern string) {
		var table Table
		if err := table.Add("GET", pattern, 7); err != nil {
			return
		}
		r := table.routes[0]
		var path strings.Builder
		var want []Label
		for _, s := range r.segs {
			path.WriteByte('/')
			switch s.kind {
			case segLiteral:
				path.WriteString(url.PathEscape(s.lit))
			case segLabel:
				path.WriteString("v%2F1")
				want = append(want, Label{s.name, "v/1"})
			case segGreedy:
				path.WriteString("g/h")
				want = append(want, Label{s.name, "g/h"})
			}
		}
		p := path.String()
		if p == "" {
			p = "/"
		}
		var q url.Values = map[string][]string{}
		for _, lit := range r.query {
			q[lit.key] = []string{lit.value}
		}
		id, labels, status := table.Match("GET", p, q.Encode())
		if status != Found || id != 7 || !reflect.DeepEqual(labels, want) {
			t.Fatalf("pattern %q, request %q?%s: got %v %d %q, want Found 7 %q", pattern, p, q.Encode(), status, id, labels, want)
		}
	})
}
