package endpointrules

import (
	"regexp"
	"testing"
)

// TestRegionPatternAgreesWithRegexp checks the small matcher against Go's
// regexp on every pattern of the table and on regions made to probe them.
func TestRegionPatternAgreesWithRegexp(t *testing.T) {
	regions := []string{"", "us-east-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "cn-north-1",
		"eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1", "eusc-fr-east-1", "mx-central-1", "us-east-", "us--1",
		"us-east-1a", "-us-east-1", "US-EAST-1", "us_east_1", "us-east_2-12", "xx-east-1", "us-east-1-", "ap-southeast-7",
		"il-central-1", "us-gov-west", "cn-north-x", "us-east-1\n", "aws-global", "eu-isoe-west-1x"}
	patterns := []string{`^a\d$`, `^(x|xy)\w+$`, `^a\w\d$`}
	for _, p := range partitionTable {
		patterns = append(patterns, p.regionRegex)
	}
	for _, pat := range patterns {
		rp, err := compileRegionPattern(pat)
		if err != nil {
			t.Fatalf("%s: %v", pat, err)
		}
		re := regexp.MustCompile(pat)
		for _, r := range append(regions, "a1", "xy_z", "xyz", "x", "ab1", "aa1") {
			if got, want := rp.match(r), re.MatchString(r); got != want {
				t.Errorf("%s on %q: %v, regexp says %v", pat, r, got, want)
			}
		}
	}
}

func TestRegionPatternRefusesWhatItCannotMatch(t *testing.T) {
	for _, pat := range []string{`us-east-1`, `^us.*$`, `^(us|eu`, `^[a-z]+$`, `^us?$`, `^(a|)$`, `^a\s$`} {
		if _, err := compileRegionPattern(pat); err == nil {
			t.Errorf("%s was accepted", pat)
		}
	}
}
