#!/bin/sh
# Per-trial storage overhead from 1 to N trials on SQLite (flat curve) and the load time of the finished study.
#   search/bench/storage-scale.sh [trials=100000] [block=5000]
set -e
cd "$(dirname "$0")/.."
mvn -B -q test-compile
CP=$(sh bench/classpath.sh)
java -Xmx2g -cp "$CP" dev.schedtune.search.bench.StorageScaleBenchmark sqlite "${1:-100000}" "${2:-5000}" target/bench-scale.db
