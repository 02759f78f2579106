#!/usr/bin/python3
"""Records Optuna's pruning decisions on a fixed scenario, as reference data for PrunersMatchOptunaTest.

Run with Debian's python3-optuna 3.1.0:
    /usr/bin/python3 search/scripts/pruner_reference.py \
        search/src/test/resources/dev/schedtune/search/pruner/optuna-pruner-decisions.json

Scenario: 30 trials run one after another; trial n reports value(n, step) at steps 0..11 and asks
should_prune() after each report; a pruned trial is told PRUNED, the others COMPLETE with their last value.
"""
import json
import math
import sys

import optuna
from optuna.pruners import (HyperbandPruner, MedianPruner, PatientPruner, PercentilePruner,
                            SuccessiveHalvingPruner, ThresholdPruner)

optuna.logging.set_verbosity(optuna.logging.ERROR)
N_TRIALS, N_STEPS = 30, 12


def value(n, step):
    # a deterministic family of noisy learning curves; trial 7 diverges (NaN from step 5)
    if n == 7 and step >= 5:
        return float("nan")
    return round(1.0 / (1 + step) + 0.3 * math.sin(n * 1.3 + step * 0.7) + (n % 5) * 0.1, 12)


CASES = {
    "median": lambda: MedianPruner(),
    "median-warmup": lambda: MedianPruner(n_startup_trials=2, n_warmup_steps=3, interval_steps=2),
    "percentile-25": lambda: PercentilePruner(25.0),
    "percentile-75-min3": lambda: PercentilePruner(75.0, n_min_trials=3),
    "sha-auto": lambda: SuccessiveHalvingPruner(),
    "sha-1-3-1": lambda: SuccessiveHalvingPruner(min_resource=1, reduction_factor=3, min_early_stopping_rate=1),
    "sha-bootstrap": lambda: SuccessiveHalvingPruner(min_resource=2, reduction_factor=2, bootstrap_count=2),
    "hyperband-1-12-3": lambda: HyperbandPruner(min_resource=1, max_resource=12, reduction_factor=3),
    "hyperband-auto": lambda: HyperbandPruner(),
    "threshold": lambda: ThresholdPruner(lower=0.0, upper=1.2, n_warmup_steps=2),
    "patient-2": lambda: PatientPruner(None, patience=2, min_delta=0.0),
    "patient-median": lambda: PatientPruner(MedianPruner(), patience=1, min_delta=0.05),
}

out = {"optuna": optuna.__version__, "trials": N_TRIALS, "steps": N_STEPS, "cases": {}}
for name, make in CASES.items():
    for direction in ("minimize", "maximize"):
        study = optuna.create_study(study_name="pruned", direction=direction, pruner=make())
        decisions = []
        for n in range(N_TRIALS):
            trial = study.ask()
            pruned_at = None
            for step in range(N_STEPS):
                trial.report(value(n, step), step)
                if trial.should_prune():
                    pruned_at = step
                    break
            if pruned_at is None:
                v = value(n, N_STEPS - 1)
                study.tell(trial, v if math.isfinite(v) else 1e9)
            else:
                study.tell(trial, state=optuna.trial.TrialState.PRUNED)
            decisions.append(pruned_at)
        out["cases"][name + "/" + direction] = decisions

with open(sys.argv[1], "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
