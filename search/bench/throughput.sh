#!/bin/sh
# nJobs=2 vs nJobs=1 trials per second on a CPU-bound objective (needs 2 idle cores to show ~2x).
#   search/bench/throughput.sh [memory|sqlite] [trials=40] [work=2]
set -e
cd "$(dirname "$0")/.."
mvn -B -q test-compile
CP=$(sh bench/classpath.sh)
java -cp "$CP" dev.schedtune.search.bench.ThroughputBenchmark "${1:-memory}" "${2:-40}" "${3:-2}"
