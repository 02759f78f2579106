#!/usr/bin/env bash
# Side-by-side speed benchmarks of the trainers module against PyTorch eager (Debian's python3-torch 1.13),
# in one run on the same machine. Usage (from the repository root or anywhere):
#   trainers/bench/run.sh [rounds]      # rounds of alternating runs per side (default 3)
# Prints each side's JSON lines, the ratios, and the machine load (uptime) before and after.
# Needs only Debian's python3-torch (/usr/bin/python3) and, for the reference CNN, dataset-fashion-mnist.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-3}"
PY=/usr/bin/python3   # Debian's python with torch 1.13 (NOT the python3 on PATH)
export DJL_OFFLINE=true
JAVA_OPTS=(-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1)

echo "load before: $(uptime)"
mvn -B -q test-compile dependency:build-classpath -pl trainers -am \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="trainers/target/test-classes:trainers/target/classes:$(cat trainers/target/bench-classpath.txt)"
run_java() { java "${JAVA_OPTS[@]}" -cp "$CP" "$@" 2>/dev/null | tail -1; }

best() { # best value of key $1 over JSON lines on stdin
    "$PY" -c 'import json,sys; print(max(json.loads(l)[sys.argv[1]] for l in sys.stdin if l.strip()))' "$1"
}

echo "== reference MLP (8192x32, batch 128, 32-64-2 ReLU, SGD momentum 0.9, new lr every step, 40 epochs)"
: > /tmp/schedtune-bench-mlp-ours.txt; : > /tmp/schedtune-bench-mlp-torch.txt
for ((r = 1; r <= ROUNDS; r++)); do
    run_java dev.schedtune.trainers.bench.MlpBenchmark --repeats 5 | tee -a /tmp/schedtune-bench-mlp-ours.txt
    "$PY" trainers/bench/torch_mlp.py --repeats 3 | tee -a /tmp/schedtune-bench-mlp-torch.txt
done
OURS=$(best steps_per_s < /tmp/schedtune-bench-mlp-ours.txt)
TORCH=$(best steps_per_s < /tmp/schedtune-bench-mlp-torch.txt)
OURS_CPU=$(best steps_per_cpu_s < /tmp/schedtune-bench-mlp-ours.txt)
TORCH_CPU=$(best steps_per_cpu_s < /tmp/schedtune-bench-mlp-torch.txt)
echo "MLP steps/s: schedtune $OURS, PyTorch eager $TORCH, ratio $("$PY" -c "print(round($OURS/$TORCH, 2))")"
NAIVE_LINE=$(run_java dev.schedtune.trainers.bench.NaiveDjlBenchmark --repeats 3)
echo "$NAIVE_LINE"
NAIVE=$(echo "$NAIVE_LINE" | best steps_per_s)
echo "MLP steps/s of the textbook DJL loop (EasyTrain): $NAIVE; schedtune is $("$PY" -c "print(round($OURS/$NAIVE, 1))")x faster"
echo "MLP steps per CPU-second: schedtune $OURS_CPU, PyTorch eager $TORCH_CPU, ratio $("$PY" -c "print(round($OURS_CPU/$TORCH_CPU, 2))")"

echo "== digits CNN (1,438 training rows, batch 64, SGD momentum 0.9, new lr every step, validation every epoch, 20 epochs)"
: > /tmp/schedtune-bench-cnn-ours.txt; : > /tmp/schedtune-bench-cnn-torch.txt
for ((r = 1; r <= ROUNDS; r++)); do
    run_java dev.schedtune.trainers.bench.DigitsCnnBenchmark --repeats 3 | tee -a /tmp/schedtune-bench-cnn-ours.txt
    "$PY" trainers/bench/torch_digits_cnn.py --repeats 3 | tee -a /tmp/schedtune-bench-cnn-torch.txt
done
OURS=$(best epochs_per_s < /tmp/schedtune-bench-cnn-ours.txt)
TORCH=$(best epochs_per_s < /tmp/schedtune-bench-cnn-torch.txt)
echo "CNN epochs/s: schedtune $OURS, PyTorch eager $TORCH, ratio $("$PY" -c "print(round($OURS/$TORCH, 2))")"
"$PY" -c 'import json, sys
runs = [json.loads(line) for f in sys.argv[1:] for line in open(f).read().splitlines() if line.strip()]
splits = {(d["train_rows"], d["split_check"]) for d in runs}
print("digits split: the same on both sides" if len(splits) == 1 else "digits split DIFFERS: %s" % splits)' \
    /tmp/schedtune-bench-cnn-ours.txt /tmp/schedtune-bench-cnn-torch.txt

echo "== reference CNN on Fashion-MNIST 28x28 (conv 16, conv 32, dense 64, dense 10; first 12,800 training images, batch 128, SGD momentum 0.9, new lr every step, 100 steps)"
if [ ! -r /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
    echo "skipped: needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)"
else
    : > /tmp/schedtune-bench-fashion-ours.txt; : > /tmp/schedtune-bench-fashion-torch.txt
    for ((r = 1; r <= ROUNDS; r++)); do
        run_java dev.schedtune.trainers.bench.FashionCnnBenchmark --repeats 2 | tee -a /tmp/schedtune-bench-fashion-ours.txt
        "$PY" trainers/bench/torch_fashion_cnn.py --repeats 2 | tee -a /tmp/schedtune-bench-fashion-torch.txt
    done
    OURS=$(best steps_per_s < /tmp/schedtune-bench-fashion-ours.txt)
    TORCH=$(best steps_per_s < /tmp/schedtune-bench-fashion-torch.txt)
    OURS_CPU=$(best steps_per_cpu_s < /tmp/schedtune-bench-fashion-ours.txt)
    TORCH_CPU=$(best steps_per_cpu_s < /tmp/schedtune-bench-fashion-torch.txt)
    echo "reference CNN steps/s: schedtune $OURS, PyTorch eager $TORCH, ratio $("$PY" -c "print(round($OURS/$TORCH, 2))")"
    echo "reference CNN steps per CPU-second: schedtune $OURS_CPU, PyTorch eager $TORCH_CPU, ratio $("$PY" -c "print(round($OURS_CPU/$TORCH_CPU, 2))")"
fi

echo "== cost of the schedule itself per step"
run_java dev.schedtune.trainers.bench.ScheduleCostBenchmark

echo "== worker pool: 32 digits trials (MLP 64, 10 epochs) with 1 worker, then with 2 workers"
run_java dev.schedtune.trainers.bench.PoolBenchmark --trials 32

echo "load after: $(uptime)"
