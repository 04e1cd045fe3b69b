package httproute

import "testing"

// BenchmarkMatch routes typical requests through a table of the 33
// Outposts operations plus seven more patterns (40 in all, greedy labels
// and query literals among them), the size of a real service.
func BenchmarkMatch(b *testing.B) {
	table := fuzzTable(b)
	for _, extra := range []string{"/x/{a}/y", "/x/{a}/z?k=v", "/long/path/with/many/literal/segments"} {
		if err := table.Add("POST", extra, -1); err != nil {
			b.Fatal(err)
		}
	}
	if n := len(table.routes); n != 40 {
		b.Fatalf("%d routes, want 40", n)
	}
	for _, c := range []struct {
		name, method, path, query string
		want                      MatchStatus
	}{
		{"static", "GET", "/outposts", "MaxResults=10", Found},
		{"one-label", "GET", "/outposts/op-0123456789abcdef0", "", Found},
		{"two-labels-deep", "GET", "/outposts/op-0123456789abcdef0/capacity/cap-0123456789abcdef0/blockingInstances", "", Found},
		{"escaped-label", "GET", "/tags/arn%3Aaws%3Aoutposts%3Aus-west-2%3A111122223333%3Aoutpost%2Fop-1", "", Found},
		{"greedy", "GET", "/bucket/some/deep/key", "", Found},
		{"not-found", "GET", "/nope", "", NotFound},
		{"method-not-allowed", "PUT", "/outposts/op-1", "", MethodNotAllowed},
	} {
		b.Run(c.name, func(b *testing.B) {
			if _, _, s := table.Match(c.method, c.path, c.query); s != c.want {
				b.Fatalf("%s %s: %v, want %v", c.method, c.path, s, c.want)
			}
			b.ReportAllocs()
			for b.Loop() {
				table.Match(c.method, c.path, c.query)
			}
		})
	}
}
