#!/usr/bin/env bash
# The short-horizon bias of pruning on the built-in study (cli/BENCHMARKS.md): the study runs without a
# pruner, then the Pareto pruner's decisions (plain, and judged by outcomes) are replayed on it: trials it
# would have stopped, how many of the final Pareto front, training time saved. From the repository root:
#   cli/bench/pruner-replay.sh [OUT_DIR] [SEEDS]      # default cli/bench/results/pruner-replay 0,1,2
# A study that ran before (OUT_DIR/seedN/study.db) is replayed again without training.
exec "$(dirname "${BASH_SOURCE[0]}")/bench-java.sh" PrunerReplayBench "${1:-cli/bench/results/pruner-replay}" "${2:-0,1,2}"
