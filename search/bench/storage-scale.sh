#!/bin/sh
# Per-trial storage overhead from 1 to N trials (flat curve), heap, and the load time of the finished study.
#   search/bench/storage-scale.sh [trials=100000] [block=5000]                       # SQLite
#   search/bench/storage-scale.sh postgres [trials=100000] [block=5000]              # the tests' embedded PostgreSQL
#   search/bench/storage-scale.sh postgresql://user:pw@host/db [trials] [block]      # your (empty) database
#   PARAMS=6 STEPS=10 search/bench/storage-scale.sh ...                              # heavier trials (heap figures)
set -e
cd "$(dirname "$0")/.."
kind=sqlite
case "${1:-}" in
  sqlite|memory|postgres|postgresql:*) kind="$1"; shift ;;
esac
mvn -B -q test-compile
CP=$(sh bench/classpath.sh)
java -Xmx2g -cp "$CP" dev.schedtune.search.bench.StorageScaleBenchmark "$kind" "${1:-100000}" "${2:-5000}" \
  target/bench-scale.db "${PARAMS:-2}" "${STEPS:-0}"
