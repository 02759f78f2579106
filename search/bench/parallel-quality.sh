#!/bin/sh
# NSGA-II with 1 worker vs W workers (separate storage objects sharing only the database): hypervolume.
#   search/bench/parallel-quality.sh [sqlite|postgres] [problem=ZDT1] [trials=1000] [population=50] [workers=4] [seeds=1 2 3 4 5]
set -e
cd "$(dirname "$0")/.."
kind="${1:-sqlite}"
problem="${2:-ZDT1}"
trials="${3:-1000}"
population="${4:-50}"
workers="${5:-4}"
shift 5 2>/dev/null || shift $#
seeds="${*:-1 2 3 4 5}"
mvn -B -q test-compile
CP=$(sh bench/classpath.sh)
# shellcheck disable=SC2086
java -Xmx1g -cp "$CP" dev.schedtune.search.bench.ParallelQualityBenchmark "$kind" "$problem" "$trials" "$population" "$workers" $seeds
