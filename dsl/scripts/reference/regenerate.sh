#!/usr/bin/env bash
# Regenerates every reference vector under dsl/src/test/resources/reference/ (see PRESETS.md).
# torch: executed with Debian's python3-torch; transformers: HF lambdas run through real torch LambdaLR;
# optax/timm/keras: transcribed sources (not installable here); djl: executed ai.djl:api 0.36.0.
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3   # NOT the pyenv python3 on PATH: only /usr/bin/python3 has torch
for s in torch_vectors.py noam_vectors.py transformers_vectors.py optax_vectors.py timm_vectors.py keras_vectors.py; do
  echo "== $s"; "$PY" "$s"
done
M2="${M2_REPO:-$HOME/.m2/repository}"
DJL="$M2/ai/djl/api/0.36.0/api-0.36.0.jar"
SLF4J="$M2/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar"
[ -f "$DJL" ] || mvn -B -q dependency:get -Dartifact=ai.djl:api:0.36.0
[ -f "$SLF4J" ] || mvn -B -q dependency:get -Dartifact=org.slf4j:slf4j-api:2.0.17
echo "== DjlVectors.java"
java -cp "$DJL:$SLF4J" DjlVectors.java ../../src/test/resources/reference/djl 2>/dev/null
echo "done: $(find ../../src/test/resources/reference -name '*.json' | wc -l) cases"
