package bench

// The DynamoDB and SQS clients that the awsJson benchmarks compare with
// aws-sdk-go-v2 are generated from the official models in ../shared into
// internal/ and committed, as the main module commits generated/: a benchmark
// then measures code that is in the repository, "make check-generated" sees
// when the generator's output changes, and "make bench-check" builds without
// running the generator. "make generate" runs these lines (go -C ..: the
// generator is a package of the main module, which this module only
// replaces). -skip-missing leaves the committed clients alone without ../shared;
// -drop-docs keeps AWS's documentation prose out of them (facts only).
//
// internal/runtimeimport/outposts is the Outposts client of ../generated/outposts
// generated with "-runtime import" (it imports github.com/smithygo/smithygo/runtime/...
// rather than copying it under its internal/), for cmd/sizes to compare the
// binary size and compile time of both modes. Its model is the repository's own,
// so it needs no -skip-missing; it is never tested here, so -no-tests.

//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -model ../shared/models/aws-awsjson/dynamodb -out bench/internal/dynamodb
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -model ../shared/models/aws-awsjson/sqs -out bench/internal/sqs
//go:generate go -C .. run ./cmd/gen -runtime import -no-tests -model model/outposts.json -out bench/internal/runtimeimport/outposts

// internal/crossmodel holds clients of seventeen more official models, nine
// restJson1 and eight awsJson, for the cross-model benchmark
// (models_bench_test.go), which decodes every list operation of each against
// aws-sdk-go-v2's client of the same service: models this repository's
// decoders were not tuned on. They import the runtime ("-runtime import") rather
// than each carrying a copy of it, and have no tests of their own
// ("-no-tests"): TestDecodeModelsAgree is theirs.

//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws/xray -out bench/internal/crossmodel/xray
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws/location -out bench/internal/crossmodel/location
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws/emr-serverless -out bench/internal/crossmodel/emrserverless
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws/pipes -out bench/internal/crossmodel/pipes
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws-awsjson/ecr -out bench/internal/crossmodel/ecr
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws-awsjson/cloudwatch-logs -out bench/internal/crossmodel/cloudwatchlogs
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws-awsjson/sfn -out bench/internal/crossmodel/sfn
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws-awsjson/kinesis -out bench/internal/crossmodel/kinesis
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws/dataexchange -out bench/internal/crossmodel/dataexchange
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws/internetmonitor -out bench/internal/crossmodel/internetmonitor
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws/neptune-graph -out bench/internal/crossmodel/neptunegraph
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws/appconfig -out bench/internal/crossmodel/appconfig
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws/ram -out bench/internal/crossmodel/ram
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws-awsjson/cognito-identity-provider -out bench/internal/crossmodel/cognitoidentityprovider
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws-awsjson/transfer -out bench/internal/crossmodel/transfer
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws-awsjson/kms -out bench/internal/crossmodel/kms
//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws-awsjson/secrets-manager -out bench/internal/crossmodel/secretsmanager

// Glacier is generated alongside them for TestErrorsAgree and
// TestBoundOutputsAgree only (not the benchmark): most of its outputs are
// bound to headers, a status code or a payload, and its errors carry
// "code" and "type" members.

//go:generate go -C .. run ./cmd/gen -skip-missing -drop-docs -runtime import -no-tests -model ../shared/models/aws/glacier -out bench/internal/crossmodel/glacier
