#!/usr/bin/env bash
# Runs every example with the command examples/README.md shows (each `mvn ... compile -Dexample=...` line of
# its code blocks), from the repository root, as a user would after cloning; fails on the first that fails
# or prints nothing. Run by `mvn -B verify` (module consumer-test) and on its own.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t commands < <(grep -E '^mvn .*compile .*-Dexample=' examples/README.md)
examples=$(grep -c '^| \[`' examples/README.md)
if ((${#commands[@]} < examples)); then
  echo "run-examples: examples/README.md lists $examples examples but shows ${#commands[@]} commands" >&2
  exit 1
fi
passed=0
for cmd in "${commands[@]}"; do
  echo "run-examples: $cmd"
  log=$(mktemp)
  if ! bash -c "$cmd" > "$log" 2>&1; then
    cat "$log" >&2
    echo "run-examples: FAILED: $cmd" >&2
    exit 1
  fi
  if [[ ! -s "$log" ]]; then
    echo "run-examples: printed nothing: $cmd" >&2
    exit 1
  fi
  tail -n 3 "$log"
  rm -f "$log"
  passed=$((passed + 1))
done
echo "run-examples: $passed passed, 0 failed"
