// Command partitionsgen writes runtime/endpointrules/partitions_data.go,
// the AWS partitions table that the endpoint rules function aws.partition
// reads, from Smithy's partitions.json.
//
// Generated clients carry runtime/endpointrules verbatim and must not read
// files at run time, so the table is compiled in as Go values. Run it from
// the repository root after updating the JSON:
//
//	go run ./internal/cmd/partitionsgen
//
// The flags -in and -out override the default paths. The package's test
// fails when the committed file differs from what this command writes.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Default paths, relative to the repository root.
const (
	defaultIn  = "../shared/testdata/endpoints/partitions.json"
	defaultOut = "runtime/endpointrules/partitions_data.go"
)

func main() {
	in := flag.String("in", defaultIn, "partitions.json to read")
	out := flag.String("out", defaultOut, "Go file to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "partitionsgen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	src, err := generate(data)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	return os.WriteFile(out, src, 0o644)
}

// The JSON form. Decoding is strict (unknown fields are errors) so that a
// new field in a future partitions.json, such as a per-region override,
// stops the generator instead of being silently dropped.
type partitionsFile struct {
	Version    string          `json:"version"`
	Partitions []partitionJSON `json:"partitions"`
}

type partitionJSON struct {
	ID          string                `json:"id"`
	RegionRegex string                `json:"regionRegex"`
	Regions     map[string]regionJSON `json:"regions"`
	Outputs     outputsJSON           `json:"outputs"`
}

type regionJSON struct {
	Description string `json:"description"`
}

type outputsJSON struct {
	Name                 string `json:"name"`
	DNSSuffix            string `json:"dnsSuffix"`
	DualStackDNSSuffix   string `json:"dualStackDnsSuffix"`
	SupportsFIPS         bool   `json:"supportsFIPS"`
	SupportsDualStack    bool   `json:"supportsDualStack"`
	ImplicitGlobalRegion string `json:"implicitGlobalRegion"`
}

// modelEraOverrides put back the partition data that the models' endpoint
// tests were written against, where the partitions table has changed since.
//
// The models (model/ and ../shared/models/aws, published 2025-04-02) expect
// the four ISO partitions to have no dual-stack endpoints: supportsDualStack
// false and dualStackDnsSuffix equal to dnsSuffix, as in smithy-lang/smithy's
// partitions.json at commit 5b4c3b14750718b750a10f846546619816706a7a. The
// newer table in ../shared gives them dual-stack suffixes, and with it 160
// of the models' endpoint test cases (4 of Outposts') fail. A client must
// agree with the endpoint rules and tests it is generated from, so the
// table is pinned to the models' era for these partitions: asking for
// dual-stack in an ISO region gives the rules' error rather than an
// endpoint. Drop an entry when the models are refreshed.
var modelEraOverrides = map[string]func(*outputsJSON){
	"aws-iso":   withoutDualStack,
	"aws-iso-b": withoutDualStack,
	"aws-iso-e": withoutDualStack,
	"aws-iso-f": withoutDualStack,
}

func withoutDualStack(o *outputsJSON) {
	o.SupportsDualStack = false
	o.DualStackDNSSuffix = o.DNSSuffix
}

// header is the first line of the output. It deliberately is not the
// standard "Code generated ... DO NOT EDIT." line, which the repository's
// output writer treats specially.
const header = "// This file holds the AWS partitions table, written by internal/cmd/partitionsgen from ../shared/testdata/endpoints/partitions.json\n" +
	"// with the model-era overrides listed there (the ISO partitions have no dual-stack endpoints).\n"

// generate returns the gofmt'd Go source of partitions_data.go for the
// JSON data, after checking it: ids are unique and non-empty, every
// regionRegex is a valid regular expression, and there is an "aws"
// partition, which aws.partition falls back to. (Clients match the regexes
// with endpointrules' small regionPattern, not Go's regexp; its
// TestRegionPatternAgreesWithRegexp compiles every regex of the table.)
func generate(data []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f partitionsFile
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	if len(f.Partitions) == 0 {
		return nil, errors.New("no partitions")
	}
	for i := range f.Partitions {
		if fix, ok := modelEraOverrides[f.Partitions[i].ID]; ok {
			fix(&f.Partitions[i].Outputs)
		}
	}
	seen := map[string]bool{}
	for _, p := range f.Partitions {
		if p.ID == "" {
			return nil, errors.New("a partition has no id")
		}
		if seen[p.ID] {
			return nil, fmt.Errorf("duplicate partition %q", p.ID)
		}
		seen[p.ID] = true
		if _, err := regexp.Compile(p.RegionRegex); err != nil {
			return nil, fmt.Errorf("partition %q: regionRegex: %w", p.ID, err)
		}
		if p.Outputs.Name == "" {
			return nil, fmt.Errorf("partition %q: outputs has no name", p.ID)
		}
	}
	if !seen["aws"] {
		return nil, errors.New(`no "aws" partition, which aws.partition falls back to`)
	}

	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString("// Regenerate it with `go run ./internal/cmd/partitionsgen` rather than editing it.\n\n")
	b.WriteString("package endpointrules\n\n")
	b.WriteString("// partitionTable lists the AWS partitions in the order aws.partition tries\n// their region regexes.\n")
	b.WriteString("var partitionTable = [...]partition{\n")
	for _, p := range f.Partitions {
		regions := make([]string, 0, len(p.Regions))
		for r := range p.Regions {
			regions = append(regions, r)
		}
		sort.Strings(regions)
		o := p.Outputs
		fmt.Fprintf(&b, "{\nid: %s,\nregionRegex: %s,\n", strconv.Quote(p.ID), goString(p.RegionRegex))
		if len(regions) > 0 {
			// One region a line, so that a new region is a one-line diff.
			b.WriteString("regions: []string{\n")
			for _, r := range regions {
				b.WriteString(strconv.Quote(r) + ",\n")
			}
			b.WriteString("},\n")
		}
		fmt.Fprintf(&b, "outputs: partitionOutputs{\nname: %s,\ndnsSuffix: %s,\ndualStackDNSSuffix: %s,\n",
			strconv.Quote(o.Name), strconv.Quote(o.DNSSuffix), strconv.Quote(o.DualStackDNSSuffix))
		fmt.Fprintf(&b, "supportsFIPS: %t,\nsupportsDualStack: %t,\nimplicitGlobalRegion: %s,\n},\n},\n",
			o.SupportsFIPS, o.SupportsDualStack, strconv.Quote(o.ImplicitGlobalRegion))
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

// goString quotes s as a raw string when it can, since regexes full of
// backslashes read badly as interpreted strings.
func goString(s string) string {
	if strings.ContainsAny(s, "`\r") || !strconv.CanBackquote(s) {
		return strconv.Quote(s)
	}
	return "`" + s + "`"
}
