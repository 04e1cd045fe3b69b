#!/usr/bin/env bash
# Runs the side-by-side benchmarks COUNT times (default 16) and the binary-size
# and compile-time report, and writes results/: bench.txt (raw go test
# output), benchstat.txt, sizes.txt, sizes-bench.txt (its figures as benchmark
# lines) and table.md (from bench.txt and sizes-bench.txt).
#
#   ./run.sh                       # what "make bench" runs
#   COUNT=6 BENCHTIME=500ms ./run.sh
#
# The test binary is built once and run COUNT times with -test.count=1, so the
# runs of all implementations are interleaved over the whole run and any
# background load on the machine falls on all of them alike (the same as
# "go test -bench . -count=COUNT", in a different order).
set -euo pipefail
cd "$(dirname "$0")"
COUNT=${COUNT:-16}
BENCHTIME=${BENCHTIME:-1s}
BENCH=${BENCH:-.}
mkdir -p results
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go test -c -o "$tmp/bench.test" .
: > results/bench.txt
for i in $(seq 1 "$COUNT"); do
	echo "run $i of $COUNT" >&2
	"$tmp/bench.test" -test.run '^$' -test.bench "$BENCH" -test.benchtime "$BENCHTIME" -test.count 1 | tee -a results/bench.txt | grep '^Benchmark' >&2
done

go tool benchstat -col '/impl@(awssdk smithygo floor)' results/bench.txt > results/benchstat.txt
# The sizes report also writes its growths and compile times as benchmark
# lines (sizes-bench.txt), so that the table has rows for them.
tables=(results/bench.txt)
if [ -z "${NO_SIZES:-}" ]; then
	go run ./cmd/sizes -bench-out results/sizes-bench.txt | tee results/sizes.txt
	tables+=(results/sizes-bench.txt)
fi
go run ./cmd/benchtable "${tables[@]}" > results/table.md
cat results/table.md
