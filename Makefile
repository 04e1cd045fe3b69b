# The README's two commands: "make generate" and "make test".
GO ?= go
STATICCHECK = $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2
ACTIONLINT = $(GO) run github.com/rhysd/actionlint/cmd/actionlint@v1.7.12

.PHONY: generate test lint vet fmt-check workflows corpus check-generated model golden fuzz partitions traitdefs conformance bench bench-check fuzz-models

# Regenerate everything under generated/ from model/, the protocol-test
# clients, and bench/internal's DynamoDB and SQS clients (bench/generate.go).
# Only the packages that hold go:generate lines are named:
# "go generate ./..." reads every file of every package it listed before
# running, and fails on a generated file that the generator has just
# removed as stale.
generate:
	$(GO) generate ./generated ./internal/protocoltest
	cd bench && $(GO) generate .

# Everything CI checks about the code: formatting, vet, staticcheck and the tests.
test: fmt-check vet lint workflows
	$(GO) test ./...

# The GitHub workflows: actionlint, and every action pinned by a full commit SHA.
workflows:
	$(ACTIONLINT)
	@unpinned=$$(grep -nE '^[[:space:]-]*uses:' .github/workflows/*.yml | grep -vE 'uses: [^@ ]+@[0-9a-f]{40}( |$$)' || true); \
	if [ -n "$$unpinned" ]; then echo "pin these actions by their full commit SHA:"; echo "$$unpinned"; exit 1; fi

fmt-check:
	@out=$$(gofmt -l . ); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

lint:
	$(STATICCHECK) ./...

# Generate every model in ../shared/models/aws into a temporary module, build
# and vet it, run each model's endpoint test cases, and print one row per model.
corpus:
	$(GO) run ./internal/cmd/corpus

# Fail if generated/, internal/protocoltest/ or bench/internal/ differs from what the generator writes.
check-generated: generate
	git diff --exit-code -- generated/ internal/protocoltest/ bench/internal/
	@test -z "$$(git status --porcelain -- generated/ internal/protocoltest/ bench/internal/)" || { git status --porcelain -- generated/ internal/protocoltest/ bench/internal/; exit 1; }

# Rebuild model/outposts.json from a newer official model, keeping our additions:
#   make model UPSTREAM=path/to/outposts-2019-12-03.json
model:
	@test -n "$(UPSTREAM)" || { echo "usage: make model UPSTREAM=path/to/official.json"; exit 2; }
	$(GO) run ./cmd/refreshmodel -upstream $(UPSTREAM) -additions model/outposts.additions.json -out model/outposts.json

# Rewrite the golden files after an intended change to the generator's output.
golden:
	$(GO) test ./internal/gogen/ -update

# Fuzz the model loader (FUZZTIME=10m for a long run; FUZZ=FuzzParseIDL for the IDL reader).
FUZZTIME ?= 60s
FUZZ ?= FuzzLoad
fuzz:
	$(GO) test ./internal/shapes/ -run '^$$' -fuzz '^$(FUZZ)$$' -fuzztime $(FUZZTIME)

# Generate N random valid Smithy models (internal/modelgen) from a random
# seed (SEED=... repeats a run), generate, vet and test a Go client for each,
# and print each failing model's seed. FEATURES picks feature families
# ("all", or "all,-Unions"); by default those of the committed sample.
N ?= 1000
fuzz-models:
	$(GO) test ./internal/modelgen -run '^TestRandomModels$$' -count=1 -timeout 0 -v -args -models=$(N) $(if $(SEED),-seed=$(SEED)) $(if $(FEATURES),-features=$(FEATURES)) $(if $(PROTOCOL),-protocol=$(PROTOCOL))

# Run the official restJson1, awsJson1_0, awsJson1_1 and rpcv2Json protocol tests (generated into
# internal/protocoltest by make generate) and print pass/skip/fail per file.
conformance:
	$(GO) run ./internal/cmd/conformance

# Rebuild runtime/endpointrules/partitions_data.go from ../shared.
partitions:
	$(GO) run ./internal/cmd/partitionsgen

# Rebuild internal/shapes/traitdefs.json, the trait definitions the model
# loader embeds, from the official IDL files in ../shared.
traitdefs:
	$(GO) run ./internal/cmd/traitdefsgen

# Side-by-side benchmarks of the generated Outposts client and aws-sdk-go-v2,
# the floor, Validate() and the generator (16 interleaved runs, benchstat),
# then binary sizes and compile times; results in bench/results/ (see
# bench/README.md). Takes about 15 minutes.
bench:
	cd bench && ./run.sh

# Runs bench/'s tests and every benchmark in it once, for CI: checks they run, times nothing.
bench-check:
	cd bench && $(GO) vet ./... && $(GO) test -bench . -benchtime=1x && $(GO) test ./cmd/...
	$(GO) test ./internal/gen -run '^$$' -bench . -benchtime=1x
