#!/usr/bin/env bash
# Does tuning pay on Fashion-MNIST? The evidence of the issue "Tuning that pays" (cli/BENCHMARKS.md); a
# benchmark, not a test: about 3 hours on 2 idle cores. From the repository root:
#   cli/bench/fashion-evidence.sh                                   # everything, defaults below
#   cli/bench/fashion-evidence.sh --parts samplers --sampler-seeds 0,1   # one part, fewer seeds
# Options (defaults): --out cli/bench/results/fashion, --jobs 2,
#   --parts samplers,study,retrain,torch,report
#   --samplers default,random --sampler-seeds 0,1,2,3,4          (d) the built-in study, sampler vs random
#                                                                  (also: gp, tpe-multivariate, or any --sampler type)
#   --study-subset 20000 --study-epochs 2-8 --study-trials 40      the evidence study (its front: the tuned schedules)
#   --picks 2 --retrain-seeds 100,101,102                          re-training on 59,000 images, DJL and PyTorch
#   --torch-baselines all                                          or best: in PyTorch only the best DJL baseline
#                                                                  at each epoch count (and the exported schedules)
# A part that finished is kept when the script runs again (delete its folder to redo it).
exec "$(dirname "${BASH_SOURCE[0]}")/bench-java.sh" FashionEvidenceBench "$@"
