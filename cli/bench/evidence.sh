#!/usr/bin/env bash
# Evidence that tuning pays (cli/BENCHMARKS.md): MOTPE against random search at the same budget, and the
# tuned Pareto schedules against common defaults at equal epochs with fresh seeds. From the repository root:
#   cli/bench/evidence.sh                                  # the built-in study, 80 trials, seeds 0,1,2
#   cli/bench/evidence.sh --trials 40 --seeds 0 --front 2  # a quick look
# Writes cli/bench/results/evidence.json and cli/bench/results/tpe-seed0/report.html (with the evidence).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mvn -B -q -pl cli -am test-compile dependency:build-classpath -Dmdep.outputFile="$root/cli/target/test-classpath.txt" \
    -Dmdep.includeScope=test -Dspotless.check.skip=true -Djacoco.skip=true > /dev/null
cp="cli/target/test-classes:cli/target/classes:$(cat cli/target/test-classpath.txt)"
exec java -Dai.djl.offline=true -cp "$cp" dev.schedtune.cli.bench.EvidenceBench "$@"
