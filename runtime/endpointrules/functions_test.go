package endpointrules

import (
	"reflect"
	"strings"
	"testing"
)

// Cases marked "spec" come from the examples in the Smithy rules engine
// specification (standard library and AWS library functions); cases marked
// "suite" restate inputs and outcomes of Smithy's rules-engine test models
// (smithy-rules-engine-tests and smithy-aws-endpoints' valid error files).

func TestIsValidHostLabel(t *testing.T) {
	long := strings.Repeat("a", 63)
	tests := []struct {
		in         string
		sub, plain bool // result with allowSubDomains true, false
	}{
		{"us-east-1", true, true},        // suite
		{"3aws4", true, true},            // suite: a leading digit is fine (RFC 1123)
		{"part1.part2", true, false},     // suite: dots only with subdomains
		{"part1 part2", false, false},    // suite
		{"", false, false},               // suite
		{"part1.", false, false},         // suite: empty last label
		{"part1..part2", false, false},   // suite
		{"part1.-part2", false, false},   // suite
		{"a", true, true},                // one character is a label
		{long, true, true},               // 63 is the limit
		{long + "a", false, false},       // 64 is too long
		{long + "." + long, true, false}, // the limit is per label
		{"-abc", false, false},           // no leading hyphen
		{"abc-", false, false},           // no trailing hyphen (RFC 952)
		{"a-b", true, true},              //
		{"UPPER", true, true},            // case is not restricted
		{"a_b", false, false},            // no underscore
		{".a", false, false},             // empty first label
		{"bücher", false, false},         // ASCII only
		{"a.b.c.d.e.f", true, false},     //
		{"192.168.1.1", true, false},     // digits are letters of a label
		{"abc.def-", false, false},       //
		{"x.-y", false, false},           //
		{"x-.y", false, false},           //
		{strings.Repeat("ab.", 50) + "c", true, false},
	}
	for _, tt := range tests {
		if got := IsValidHostLabel(tt.in, true); got != tt.sub {
			t.Errorf("IsValidHostLabel(%q, true) = %v, want %v", tt.in, got, tt.sub)
		}
		if got := IsValidHostLabel(tt.in, false); got != tt.plain {
			t.Errorf("IsValidHostLabel(%q, false) = %v, want %v", tt.in, got, tt.plain)
		}
	}
}

func TestParseURL(t *testing.T) {
	tests := []struct {
		in   string
		ok   bool
		want URL
	}{
		// spec
		{"https://example.com", true, URL{"https", "example.com", "", "/", false}},
		{"https://example.com:8443?foo=bar&faz=baz", false, URL{}},
		{"http://example.com:80/foo/bar", true, URL{"http", "example.com:80", "/foo/bar", "/foo/bar/", false}},
		{"https://127.0.0.1", true, URL{"https", "127.0.0.1", "", "/", true}},
		{"https://[fe80::1]", true, URL{"https", "[fe80::1]", "", "/", true}},
		// suite
		{"https://authority.com/custom-path", true, URL{"https", "authority.com", "/custom-path", "/custom-path/", false}},
		{"https://authority.com/", true, URL{"https", "authority.com", "/", "/", false}},
		{"https://authority.com:8000/port", true, URL{"https", "authority.com:8000", "/port", "/port/", false}},
		{"acbd://example.com", false, URL{}},
		{"http://99_ab.com", true, URL{"http", "99_ab.com", "", "/", false}},
		{"http://99_ab-.com", true, URL{"http", "99_ab-.com", "", "/", false}},
		{"http://abc.com:a/foo", false, URL{}},
		{"http://192.168.1.1/foo/", true, URL{"http", "192.168.1.1", "/foo/", "/foo/", true}},
		{"http://192.168.1.1:1234/foo/", true, URL{"http", "192.168.1.1:1234", "/foo/", "/foo/", true}},
		{"https://[2001:db8:85a3:8d3:1319:8a2e:370:7348]:443", true,
			URL{"https", "[2001:db8:85a3:8d3:1319:8a2e:370:7348]:443", "", "/", true}},
		{"https://999.999.abc.blah", true, URL{"https", "999.999.abc.blah", "", "/", false}},
		{"https://example.com/path?query1=foo", false, URL{}},
		// more
		{"https://example.com/path?", false, URL{}}, // an empty query is a query
		{"https://example.com?", false, URL{}},
		{"https://example.com/a#frag?x", true, URL{"https", "example.com", "/a", "/a/", false}},
		{"https://user:pw@example.com/p", true, URL{"https", "example.com", "/p", "/p/", false}},
		{"HTTPS://Example.com", true, URL{"https", "Example.com", "", "/", false}},
		{"https://256.1.1.1", true, URL{"https", "256.1.1.1", "", "/", false}},
		{"https://1.2.3", true, URL{"https", "1.2.3", "", "/", false}},
		{"https://1.2.3.4.5", true, URL{"https", "1.2.3.4.5", "", "/", false}},
		{"https://1.2.3.4:443", true, URL{"https", "1.2.3.4:443", "", "/", true}},
		{"https://[::1]:8443/x", true, URL{"https", "[::1]:8443", "/x", "/x/", true}},
		{"https://[not-ip]", false, URL{}},
		{"https://[1.2.3.4]", false, URL{}}, // brackets are for IPv6
		{"https://[::1]x", false, URL{}},
		{"https://[::1", false, URL{}},
		{"https://", false, URL{}},
		{"https:///path", false, URL{}},
		{"https://:443", false, URL{}},
		{"https://exa mple.com", false, URL{}},
		{"example.com", false, URL{}},
		{"https:/example.com", false, URL{}},
		{"", false, URL{}},
		{"https://example.com:", true, URL{"https", "example.com:", "", "/", false}},
		{"https://example.com/a/b%2Fc", true, URL{"https", "example.com", "/a/b%2Fc", "/a/b%2Fc/", false}},
	}
	for _, tt := range tests {
		u := ParseURL(tt.in)
		var got URL
		if u != nil {
			got = *u
		}
		if ok := u != nil; ok != tt.ok || got != tt.want {
			t.Errorf("parseURL(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSubstring(t *testing.T) {
	tests := []struct {
		in          string
		start, stop int
		reverse     bool
		want        string
		ok          bool
	}{
		// suite
		{"abcdefg", 0, 4, false, "abcd", true},
		{"abcd", 0, 4, false, "abcd", true},
		{"abc", 0, 4, false, "", false},
		{"", 0, 4, false, "", false},
		{"\ufdfd", 0, 4, false, "", false},
		{"\u007fabcdef", 0, 4, false, "\u007fabc", true},
		{"abcdefg", 0, 4, true, "defg", true},
		{"defg", 0, 4, true, "defg", true},
		{"abc", 0, 4, true, "", false},
		{"\ufdfd", 0, 4, true, "", false},
		{"defg", 1, 3, false, "ef", true},
		{"def", 1, 3, false, "ef", true},
		{"ab", 1, 3, false, "", false},
		// more
		{"abcdefg", 1, 3, true, "ef", true},
		{"abcdefg", 3, 3, false, "", false}, // start must be before stop
		{"abcdefg", 4, 2, false, "", false},
		{"abcdefg", -1, 2, false, "", false},
		{"abcdéfg", 0, 2, false, "", false}, // non-ASCII anywhere, even past stop
		{"us-east-1", 0, 2, false, "us", true},
	}
	for _, tt := range tests {
		got, ok := Substring(tt.in, tt.start, tt.stop, tt.reverse)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Substring(%q, %d, %d, %v) = %q, %v; want %q, %v", tt.in, tt.start, tt.stop, tt.reverse, got, ok, tt.want, tt.ok)
		}
	}
}

func TestURIEncode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abcXYZ019-_.~", "abcXYZ019-_.~"},
		// spec: every one of these printable characters is encoded
		{"/:,?#[]{}|@! $&'()*+;=%<>\"^`\\", "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C"},
		{"a b", "a%20b"},
		{"é", "%C3%A9"},
		{"😹", "%F0%9F%98%B9"},
		{"\x00\x7f", "%00%7F"},
		{"arn:aws:s3:::bucket/key", "arn%3Aaws%3As3%3A%3A%3Abucket%2Fkey"},
	}
	for _, tt := range tests {
		if got := URIEncode(tt.in); got != tt.want {
			t.Errorf("URIEncode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		in, delim string
		limit     int
		want      []string
	}{
		// spec
		{"a--b--c", "--", 0, []string{"a", "b", "c"}},
		{"a--b--c", "--", 2, []string{"a", "b--c"}},
		{"a--b--c", "--", 1, []string{"a--b--c"}},
		{"", "--", 0, []string{""}},
		{"--", "--", 0, []string{"", ""}},
		{"----", "--", 0, []string{"", "", ""}},
		{"--b--", "--", 0, []string{"", "b", ""}},
		{"--x-s3--azid--suffix", "--", 0, []string{"", "x-s3", "azid", "suffix"}},
		{"--x-s3--azid--suffix", "--", 2, []string{"", "x-s3--azid--suffix"}},
		{"abc", "x", 0, []string{"abc"}},
		{"mybucket", "--", 1, []string{"mybucket"}},
		// more
		{"a.b.c", ".", 10, []string{"a", "b", "c"}},
		{"a", "", 0, nil},   // empty delimiter: no value
		{"a", ".", -1, nil}, // negative limit: no value
	}
	for _, tt := range tests {
		got, ok := Split(tt.in, tt.delim, tt.limit)
		if ok != (tt.want != nil) || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q, %q, %d) = %q, %v; want %q", tt.in, tt.delim, tt.limit, got, ok, tt.want)
		}
	}
}

func TestParseARN(t *testing.T) {
	tests := []struct {
		in   string
		ok   bool
		want ARN
	}{
		// spec
		{"arn:aws:sns:us-west-2:012345678910:example-sns-topic-name", true,
			ARN{"aws", "sns", "us-west-2", "012345678910", []string{"example-sns-topic-name"}}},
		{"11111111-2222-3333-4444-555555555555", false, ARN{}},
		{"arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE", true,
			ARN{"aws", "ec2", "us-east-1", "012345678910", []string{"vpc", "vpc-0e9801d129EXAMPLE"}}},
		{"arn:aws:iam::012345678910:user/johndoe", true, ARN{"aws", "iam", "", "012345678910", []string{"user", "johndoe"}}},
		{"arn:aws:s3:::bucket_name", true, ARN{"aws", "s3", "", "", []string{"bucket_name"}}},
		// suite
		{"arn:aws:s3:us-east-2:012345678:outpost:op-1234", true, ARN{"aws", "s3", "us-east-2", "012345678", []string{"outpost", "op-1234"}}},
		{"arn:aws:s3:us-east-2:012345678:outpost", true, ARN{"aws", "s3", "us-east-2", "012345678", []string{"outpost"}}},
		{"arn:aws:s3:us-east-2:012345678:outpost::", true, ARN{"aws", "s3", "us-east-2", "012345678", []string{"outpost", "", ""}}},
		{"arn:aws:s3:us-east-2:012345678:outpost:", true, ARN{"aws", "s3", "us-east-2", "012345678", []string{"outpost", ""}}},
		{"asdf", false, ARN{}},
		{"arn:aws:s3:us-west-2:123456789012:", false, ARN{}}, // no resource
		{"arn:aws::us-west-2:123456789012:resource-id", false, ARN{}},
		{"arn::s3:us-west-2:123456789012:resource-id", false, ARN{}},
		{"arn:aws:s3::123456789012:resource-id", true, ARN{"aws", "s3", "", "123456789012", []string{"resource-id"}}},
		{"arn:aws:s3:us-east-1::resource-id", true, ARN{"aws", "s3", "us-east-1", "", []string{"resource-id"}}},
		{"arn:aws:s3:us-east-1:abcd:resource-id", true, ARN{"aws", "s3", "us-east-1", "abcd", []string{"resource-id"}}},
		{"arn:aws:s3:us-east-1:123456789012:resource-id/resource-1:resource-2", true,
			ARN{"aws", "s3", "us-east-1", "123456789012", []string{"resource-id", "resource-1", "resource-2"}}},
		// more
		{"arn:aws:s3:us-east-1:123", false, ARN{}}, // five parts
		{"ARN:aws:s3:::b", false, ARN{}},
		{"arn:aws:s3:::/", true, ARN{"aws", "s3", "", "", []string{"", ""}}},
		{"", false, ARN{}},
	}
	for _, tt := range tests {
		a := ParseARN(tt.in)
		var got ARN
		if a != nil {
			got = *a
		}
		if ok := a != nil; ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseARN(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIsVirtualHostableS3Bucket(t *testing.T) {
	a63 := strings.Repeat("a", 63)
	tests := []struct {
		in         string
		sub, plain bool // with allowSubDomains true, false
	}{
		// suite
		{"bucket-name", true, true},
		{"bucket-with-number-1", true, true},
		{"bucket--with-multiple-dash", true, true},
		{"BucketName", false, false},
		{"bucket_name", false, false},
		{"bucket.name", true, false},
		{"bucket.name.multiple.dots1", true, false},
		{"-bucket-name", false, false},
		{"bucket-name-", false, false},
		{"aa", false, false},
		{a63, true, true},
		{a63 + "a", false, false},
		{".bucket-name", false, false},
		{"bucket-name.", false, false},
		{"192.168.5.4", false, false},
		{"bucket-.name", false, false},
		{"bucket.-name", false, false},
		{"bucket..name", false, false},
		// more
		{"abc", true, true},
		{"999.999.999.999", false, false}, // formatted like an IP address, if not a valid one
		{"192.168.1.word", true, false},
		{"123", true, true},
		{"a.b", true, false}, // length counts the whole name
		{"abc#def", false, false},
		{"--x-s3", false, false},
		{"mybucket--usw2-az1--x-s3", true, true},
	}
	for _, tt := range tests {
		if got := IsVirtualHostableS3Bucket(tt.in, true); got != tt.sub {
			t.Errorf("IsVirtualHostableS3Bucket(%q, true) = %v, want %v", tt.in, got, tt.sub)
		}
		if got := IsVirtualHostableS3Bucket(tt.in, false); got != tt.plain {
			t.Errorf("IsVirtualHostableS3Bucket(%q, false) = %v, want %v", tt.in, got, tt.plain)
		}
	}
}

func TestPartition(t *testing.T) {
	idx := defaultPartitions()
	tests := []struct{ region, want string }{
		{"us-east-2", "aws"},        // suite: listed
		{"mars-global", "aws"},      // suite: no regex matches, fall back to aws
		{"us-east-10", "aws"},       // suite: the aws regex
		{"cn-north-5", "aws-cn"},    // suite: the aws-cn regex
		{"aws-cn-global", "aws-cn"}, // suite: listed, no regex would match
		{"aws-global", "aws"},       //
		{"us-gov-west-1", "aws-us-gov"},
		{"us-gov-east-9", "aws-us-gov"}, // the aws regex must not claim gov regions
		{"us-iso-east-1", "aws-iso"},
		{"us-isob-east-1", "aws-iso-b"},
		{"us-isof-south-1", "aws-iso-f"},
		{"eu-isoe-west-1", "aws-iso-e"},
		{"eusc-de-east-1", "aws-eusc"},
		{"", "aws"},
		{"US-EAST-1", "aws"}, // no match at all: the fallback, not a case-insensitive match
	}
	for _, tt := range tests {
		if got := partitionTable[idx.lookup(tt.region)].id; got != tt.want {
			t.Errorf("partition of %q = %q, want %q", tt.region, got, tt.want)
		}
	}
	// The result is the partition's outputs.
	want := PartitionResult{Name: "aws-cn", DNSSuffix: "amazonaws.com.cn", DualStackDNSSuffix: "api.amazonwebservices.com.cn",
		SupportsFIPS: true, SupportsDualStack: true, ImplicitGlobalRegion: "cn-northwest-1"}
	if got := Partition("cn-north-1"); got == nil || *got != want {
		t.Errorf("Partition(cn-north-1) = %+v, want %+v", got, want)
	}
}

// TestPartitionTable checks the generated table itself: every regex
// compiles in Go and matches the regions its partition lists (other than
// the "-global" pseudo-regions), and there is an aws partition to fall
// back to.
func TestPartitionTable(t *testing.T) {
	idx := newPartitionIndex(partitionTable[:])
	if idx.fallback < 0 {
		t.Fatal("no aws partition")
	}
	for i, p := range partitionTable {
		for _, r := range p.regions {
			if strings.HasSuffix(r, "-global") {
				continue
			}
			if !idx.regexes[i].match(r) {
				t.Errorf("partition %s lists %s, which its regex %s does not match", p.id, r, p.regionRegex)
			}
		}
	}
}

func TestIndex(t *testing.T) {
	list := []string{"a", "b", "c"}
	tests := []struct {
		i    int
		want string
		ok   bool
	}{
		{0, "a", true}, {2, "c", true}, {3, "", false},
		{-1, "c", true}, {-3, "a", true}, {-4, "", false}, // 1.1: from the end
	}
	for _, tt := range tests {
		if got, ok := Index(list, tt.i); got != tt.want || ok != tt.ok {
			t.Errorf("Index(%q, %d) = %q, %v; want %q, %v", list, tt.i, got, ok, tt.want, tt.ok)
		}
	}
}
