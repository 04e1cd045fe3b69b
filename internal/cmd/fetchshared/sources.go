package main

import "strings"

// The upstream commits, as the SOURCE.md files in ../shared name them.
const (
	awsModelsCommit = "56c8953e87aeead95ae5e66a3ca6a355731db6ad" // aws/api-models-aws, 2025-04-02
	smithyCommit    = "0f7323128b0606a1b94b1ac482c94d3800a22708" // smithy-lang/smithy, 2026-08-13
	awsCAuthCommit  = "495329c2433034bd8fd53fc6ba9e0202d3fac876" // awslabs/aws-c-auth, 2026-08-18
)

// A source maps the files below a folder of ../shared to the files below a
// folder of an upstream repository at a commit. The folder also gets the
// repository's LICENSE and NOTICE.
type source struct {
	Local    string // folder in ../shared, with a trailing "/"
	Repo     string // GitHub owner/name
	Commit   string
	Upstream string // folder in the repository, "" for its root, else with a trailing "/"
}

// derived is the one file that is made rather than copied: every distinct
// @pattern of all the models of aws/api-models-aws at awsModelsCommit.
const derived = "testdata/aws-patterns/patterns.json"

var sources = []source{
	{"models/aws/", "aws/api-models-aws", awsModelsCommit, ""},
	{"models/aws-awsjson/", "aws/api-models-aws", awsModelsCommit, ""},
	{"testdata/aws-patterns/", "aws/api-models-aws", awsModelsCommit, ""}, // patterns.json is derived; LICENSE and NOTICE are copied
	{"testdata/protocol-tests/", "smithy-lang/smithy", smithyCommit, ""},
	{"testdata/trait-defs/", "smithy-lang/smithy", smithyCommit, ""},
	{"testdata/idl-loader/", "smithy-lang/smithy", smithyCommit, "smithy-model/src/test/resources/software/amazon/smithy/model/loader/"},
	{"testdata/jmespath-compliance/", "smithy-lang/smithy", smithyCommit, "smithy-jmespath-tests/src/main/resources/software/amazon/smithy/jmespath/tests/compliance/"},
	{"testdata/endpoints/", "smithy-lang/smithy", smithyCommit, "smithy-aws-endpoints/src/main/resources/software/amazon/smithy/rulesengine/aws/language/functions/partition/"},
	{"testdata/sigv4/", "awslabs/aws-c-auth", awsCAuthCommit, "tests/"},
}

// upstreamOf finds the source of a file of ../shared and its path upstream.
func upstreamOf(srcs []source, local string) (source, string, bool) {
	for _, s := range srcs {
		if rest, ok := strings.CutPrefix(local, s.Local); ok {
			return s, s.Upstream + rest, true
		}
	}
	return source{}, "", false
}
