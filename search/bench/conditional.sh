#!/bin/sh
# Samplers on the stand-in for the built-in tuning study (TuningProblem: conditional, mixed, two
# objectives): hypervolume at 40 and 80 trials, 2 workers, 10 seeds, mean ± standard error per sampler.
#   search/bench/conditional.sh [samplers="gp tpe random nsga2 gp:union=0 gp:believe=0"] [trials=80] [workers=2] [baselines=0]
# Writes one block per sampler (per-seed lines and "summary" lines) to stdout.
set -e
cd "$(dirname "$0")/.."
samplers="${1:-gp tpe random nsga2 gp:union=0 gp:believe=0}"
trials="${2:-80}"
workers="${3:-2}"
baselines="${4:-0}"
mvn -B -q test-compile -Dspotless.check.skip=true
CP=$(sh bench/classpath.sh)
for s in $samplers; do
  # the objective sleeps 2 ms per simulated training second (about 30-160 ms a trial), so workers overlap
  java -Xmx1g -cp "$CP" dev.schedtune.search.bench.ConditionalBench "$s" "$trials" "$workers" 2 "$baselines" 40,"$trials" \
    0 1 2 3 4 5 6 7 8 9
done
