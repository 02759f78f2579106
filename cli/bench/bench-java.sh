#!/usr/bin/env bash
# Compiles the cli module's test classes and runs one of its benchmark programs
# (cli/src/test/java/dev/schedtune/cli/bench) on that classpath, DJL offline. The benchmark scripts of this
# folder call it; from anywhere:
#   cli/bench/bench-java.sh CLASS [ARGS...]        # e.g. cli/bench/bench-java.sh PbtEvidenceBench --epochs 7
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mvn -B -q -pl cli -am test-compile dependency:build-classpath -Dmdep.outputFile="$root/cli/target/test-classpath.txt" \
    -Dmdep.includeScope=test -Dspotless.check.skip=true -Djacoco.skip=true > /dev/null
cp="cli/target/test-classes:cli/target/classes:$(cat cli/target/test-classpath.txt)"
uptime
exec java -Dai.djl.offline=true -cp "$cp" "dev.schedtune.cli.bench.$1" "${@:2}"
