#!/bin/sh
# Soak run of the fault paths (not a test): 4 worker processes on the embedded PostgreSQL through a proxy
# that cuts connections at random and right after COMMIT, while random workers are SIGKILLed (and replaced)
# or SIGSTOPped past the heartbeat grace. Prints trials completed, retried, failed by a fault, lost (must
# be 0) and duplicated (must be 0). See SoakBenchmark.
#   search/bench/soak.sh [minutes=10] [seed=1]
set -e
cd "$(dirname "$0")/.."
mvn -B -q test-compile
CP=$(sh bench/classpath.sh)
java -cp "$CP" dev.schedtune.search.bench.SoakBenchmark "${1:-10}" "${2:-1}"
