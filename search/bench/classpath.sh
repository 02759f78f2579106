#!/bin/sh
# Prints the classpath of the compiled module (main + test + benchmark classes + dependencies).
# Run from the repository root after `mvn -B -q test-compile -pl search`.
set -e
cd "$(dirname "$0")/.."
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
echo "target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
