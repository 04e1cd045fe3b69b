package ruleset

import "testing"

// outpostsRuleSet returns the Outposts model's rule set from the corpus,
// skipping when the models are absent.
func outpostsRuleSet(b *testing.B) *RuleSet {
	b.Helper()
	for _, sr := range loadCorpus(b) {
		if sr.name == "outposts" {
			rs, err := Parse(sr.ruleSet)
			if err != nil {
				b.Fatal(err)
			}
			return rs
		}
	}
	b.Skip("no outposts model in the corpus")
	return nil
}

// BenchmarkResolve resolves the Outposts rule set for typical parameters.
func BenchmarkResolve(b *testing.B) {
	rs := outpostsRuleSet(b)
	cases := []struct {
		name string
		p    Params
	}{
		{"Region", Params{"Region": "us-west-2"}},
		{"FIPS", Params{"Region": "us-gov-west-1", "UseFIPS": true}},
		{"FIPSDualStack", Params{"Region": "us-east-1", "UseFIPS": true, "UseDualStack": true}},
		{"RegexRegion", Params{"Region": "eu-central-9"}}, // found by regex, not listed
		{"CustomEndpoint", Params{"Region": "us-east-1", "Endpoint": "https://example.com"}},
		{"Error", Params{"Endpoint": "https://example.com", "UseFIPS": true}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			if _, err := rs.Resolve(c.p); err != nil && c.name != "Error" {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				_, _ = rs.Resolve(c.p)
			}
		})
	}
}

// BenchmarkParse measures compiling the Outposts rule set, which a client
// does once.
func BenchmarkParse(b *testing.B) {
	var raw []byte
	for _, sr := range loadCorpus(b) {
		if sr.name == "outposts" {
			raw = sr.ruleSet
		}
	}
	if raw == nil {
		b.Skip("no outposts model in the corpus")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(raw); err != nil {
			b.Fatal(err)
		}
	}
}
