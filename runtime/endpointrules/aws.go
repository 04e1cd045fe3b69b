package endpointrules

import (
	"strings"
	"sync"
)

// partition is one row of the AWS partitions table (partitions_data.go).
type partition struct {
	id          string
	regionRegex string   // RE2-compatible; matched against the whole region
	regions     []string // region ids that belong to the partition outright
	outputs     partitionOutputs
}

// partitionOutputs is what aws.partition returns for a partition.
type partitionOutputs struct {
	name                 string
	dnsSuffix            string
	dualStackDNSSuffix   string
	supportsFIPS         bool
	supportsDualStack    bool
	implicitGlobalRegion string
}

// PartitionResult is what aws.partition returns: the outputs of a
// partition.
type PartitionResult struct {
	// Name is the partition's name, such as "aws" or "aws-cn".
	Name string
	// DNSSuffix is the partition's DNS suffix, such as "amazonaws.com".
	DNSSuffix string
	// DualStackDNSSuffix is the DNS suffix of dual-stack endpoints.
	DualStackDNSSuffix string
	// SupportsFIPS reports whether the partition has FIPS endpoints.
	SupportsFIPS bool
	// SupportsDualStack reports whether the partition has dual-stack
	// endpoints.
	SupportsDualStack bool
	// ImplicitGlobalRegion is the region that global endpoints sign for.
	ImplicitGlobalRegion string
}

// partitionIndex is the partitions table prepared for lookups.
type partitionIndex struct {
	byRegion map[string]int // region id → partition
	regexes  []regionPattern
	results  []PartitionResult // the aws.partition result of each partition
	fallback int               // the "aws" partition
}

// newPartitionIndex prepares table for lookups. Partition returns pointers
// to the results, so it allocates nothing.
func newPartitionIndex(table []partition) *partitionIndex {
	idx := &partitionIndex{byRegion: make(map[string]int), fallback: -1}
	for i := range table {
		p := &table[i]
		for _, r := range p.regions {
			if _, dup := idx.byRegion[r]; !dup {
				idx.byRegion[r] = i
			}
		}
		// partitionsgen checks that every regex compiles, so a failure
		// here means partitions_data.go was edited by hand.
		re, err := compileRegionPattern(p.regionRegex)
		if err != nil {
			panic("endpointrules: partition " + p.id + ": " + err.Error() + ": " + p.regionRegex)
		}
		idx.regexes = append(idx.regexes, re)
		o := p.outputs
		idx.results = append(idx.results, PartitionResult{
			Name: o.name, DNSSuffix: o.dnsSuffix, DualStackDNSSuffix: o.dualStackDNSSuffix,
			SupportsFIPS: o.supportsFIPS, SupportsDualStack: o.supportsDualStack, ImplicitGlobalRegion: o.implicitGlobalRegion,
		})
		if p.id == "aws" {
			idx.fallback = i
		}
	}
	return idx
}

// defaultPartitions indexes partitionTable on first use, so that importing
// the package (every generated client does) compiles no regular
// expression, and neither does resolving with a rule set that never calls
// aws.partition.
var defaultPartitions = sync.OnceValue(func() *partitionIndex {
	return newPartitionIndex(partitionTable[:])
})

// lookup returns the index of region's partition: the partition that lists
// region explicitly; else the first whose regionRegex matches it; else the
// "aws" partition. So every region, even a made-up one, has a partition.
func (idx *partitionIndex) lookup(region string) int {
	if i, ok := idx.byRegion[region]; ok {
		return i
	}
	for i, re := range idx.regexes {
		if re.match(region) {
			return i
		}
	}
	return idx.fallback
}

// Partition is aws.partition: the outputs of region's partition (see
// lookup), or nil if the table has no "aws" partition to fall back to. The
// result is shared: callers must not modify it.
func Partition(region string) *PartitionResult {
	idx := defaultPartitions()
	i := idx.lookup(region)
	if i < 0 {
		return nil
	}
	return &idx.results[i]
}

// ARN is what aws.parseArn returns: the parts of an Amazon Resource Name.
type ARN struct {
	Partition string
	Service   string
	Region    string
	AccountID string
	// ResourceID is the resource split at every ':' and '/', keeping empty
	// parts, so "outpost:" gives ["outpost", ""].
	ResourceID []string
}

// ParseARN is aws.parseArn: it parses
// arn:partition:service:region:account-id:resource, or returns nil when s
// is not an ARN. The partition, service and resource must not be empty;
// region and account may be.
func ParseARN(s string) *ARN {
	rest, ok := strings.CutPrefix(s, "arn:")
	if !ok {
		return nil
	}
	f := strings.SplitN(rest, ":", 5)
	if len(f) != 5 || f[0] == "" || f[1] == "" || f[4] == "" {
		return nil
	}
	res := f[4]
	var ids []string
	start := 0
	for i := 0; i < len(res); i++ {
		if res[i] == ':' || res[i] == '/' {
			ids = append(ids, res[start:i])
			start = i + 1
		}
	}
	ids = append(ids, res[start:])
	return &ARN{Partition: f[0], Service: f[1], Region: f[2], AccountID: f[3], ResourceID: ids}
}

// IsVirtualHostableS3Bucket is aws.isVirtualHostableS3Bucket: it reports
// whether an S3 bucket name can be used as a host label (bucket.s3.…): 3
// to 63 characters of lower-case letters, digits and hyphens, starting and
// ending with a letter or digit. With
// allowSubDomains, dots are allowed too, but not next to another dot or a
// hyphen, and the name must not look like an IPv4 address (four groups of
// digits, whatever their values). The length limits apply to the whole
// name, as S3's bucket naming rules do, not to each label. Consecutive
// hyphens are allowed: S3 Express bucket names contain "--".
func IsVirtualHostableS3Bucket(s string, allowSubDomains bool) bool {
	if len(s) < 3 || len(s) > 63 || !isLowerAlnum(s[0]) || !isLowerAlnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		switch c := s[i]; {
		case isLowerAlnum(c):
		case c == '-':
			if s[i-1] == '.' {
				return false
			}
		case c == '.' && allowSubDomains:
			if s[i-1] == '.' || s[i-1] == '-' {
				return false
			}
		default:
			return false
		}
	}
	return !allowSubDomains || !looksLikeIPv4(s)
}

func isLowerAlnum(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// looksLikeIPv4 reports whether s is four dot-separated groups of digits.
func looksLikeIPv4(s string) bool {
	n := 0
	for part := range strings.SplitSeq(s, ".") {
		n++
		if part == "" {
			return false
		}
		for i := 0; i < len(part); i++ {
			if !isDigit(part[i]) {
				return false
			}
		}
	}
	return n == 4
}
