package sigv4

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// refEncode is a deliberately plain RFC 3986 encoder to compare with.
func refEncode(s string, keepSlash bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~' || keepSlash && c == '/' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// refCanonicalURI normalises with a segment stack, the textbook way.
func refCanonicalURI(p string, normalize bool) string {
	if p == "" {
		return "/"
	}
	if !normalize {
		if p[0] != '/' {
			p = "/" + p
		}
		return refEncode(p, true)
	}
	segs := strings.Split(p, "/")
	var stack []string
	for _, s := range segs {
		switch s {
		case "", ".":
		case "..":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		default:
			stack = append(stack, refEncode(s, false))
		}
	}
	last := segs[len(segs)-1]
	out := "/" + strings.Join(stack, "/")
	if len(stack) > 0 && len(segs) > 1 && (last == "" || last == "." || last == "..") {
		out += "/"
	}
	return out
}

// refCanonicalQuery decodes with net/url and sorts the encoded pairs.
func refCanonicalQuery(raw string) (string, bool) {
	type pair struct{ k, v string }
	var pairs []pair
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		dk, err1 := url.QueryUnescape(k)
		dv, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return "", false
		}
		pairs = append(pairs, pair{refEncode(dk, false), refEncode(dv, false)})
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := strings.Compare(a.k, b.k); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	var out []string
	for _, p := range pairs {
		out = append(out, p.k+"="+p.v)
	}
	return strings.Join(out, "&"), true
}

func FuzzCanonicalURI(f *testing.F) {
	for _, s := range []string{"", "/", "//", "/a/b/", "/a//b/", "/./", "/a/..", "/../..", "a/./b/", "/a b/ሴ", "/x/.../y", "/%2e/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		for _, normalize := range []bool{true, false} {
			got := string(appendCanonicalURI(nil, p, Options{DisableNormalizePath: !normalize}))
			if want := refCanonicalURI(p, normalize); got != want {
				t.Fatalf("%q (normalize=%v): got %q, want %q", p, normalize, got, want)
			}
		}
	})
}

func FuzzCanonicalQuery(f *testing.F) {
	for _, s := range []string{"", "a=1&b=2", "b&a=", "a+b=%20&&x=%zz", "%E1%88%B4=1&ሴ=2", "a=%2", "k=v=w"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		sc := getScratch()
		got, err := appendCanonicalQuery(nil, sc, raw, false)
		putScratch(sc)
		want, ok := refCanonicalQuery(raw)
		if (err == nil) != ok {
			t.Fatalf("%q: err = %v, reference ok = %v", raw, err, ok)
		}
		if ok && string(got) != want {
			t.Fatalf("%q: got %q, want %q", raw, got, want)
		}
	})
}
