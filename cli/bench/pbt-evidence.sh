#!/usr/bin/env bash
# Does the schedule population-based training discovers transfer, and is it as good as a tuned one? The
# evidence of the issue on PBT (cli/BENCHMARKS.md); a benchmark, not a test: about 45 minutes on 2 idle
# cores with the defaults. From the repository root:
#   cli/bench/pbt-evidence.sh                          # members of 7 and of 25 epochs
#   cli/bench/pbt-evidence.sh --epochs 7 --baselines "torch OneCycleLR (max_lr 0.1);constant lr 0.1"
# Options (defaults): --out cli/bench/results/pbt, --jobs 2, --epochs 7,25 (one part per member length),
#   --population 8, --subset 20000 (the evidence study's task: 16,000 images to train on, 4,000 to
#   validate on), --baselines all (or the common baselines to run, by name, separated by ";").
# A part whose PBT run or training runs finished is kept when the script runs again (delete its files to
# redo it).
exec "$(dirname "${BASH_SOURCE[0]}")/bench-java.sh" PbtEvidenceBench "$@"
