#!/usr/bin/env bash
# Which sampler for the built-in study? Hypervolume of each sampler's Pareto front on the search module's
# benchmark problems at the small budgets of a tuning study (60 and 100 evaluations), mean of 5 seeds,
# reference point 1.1 (search/src/bench/.../SamplerBench, the samplers' own benchmark at 1,000 evaluations).
# From the repository root:  cli/bench/sampler-choice.sh   (SAMPLERS="gp" cli/bench/sampler-choice.sh for a subset)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mvn -B -q -pl search -am test-compile dependency:build-classpath -Dmdep.outputFile="$root/search/target/test-classpath.txt" \
    -Dmdep.includeScope=test -Dspotless.check.skip=true -Djacoco.skip=true > /dev/null
cp="search/target/test-classes:search/target/classes:$(cat search/target/test-classpath.txt)"
printf '| evaluations | sampler | ZDT1 | ZDT2 | ZDT3 | DTLZ2 |\n|---|---|---|---|---|---|\n'
for n in 60 100; do
  for s in ${SAMPLERS:-tpe smsemoa nsga2 random gp}; do
    row="| $n | $s |"
    for p in ZDT1 ZDT2 ZDT3 DTLZ2; do
      hv=$(java -cp "$cp" dev.schedtune.search.bench.SamplerBench quality "$s" "$p" "$n" 0 1 2 3 4 \
        | grep '^{' | sed -E 's/.*"hv":([0-9.eE+-]+).*/\1/' | awk '{ s += $1; n++ } END { printf "%.3f", s / n }')
      row="$row $hv |"
    done
    echo "$row"
  done
done
