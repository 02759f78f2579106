package dev.schedtune.search.pruner;

import static dev.schedtune.search.internal.Checks.checkInClosedRange;
import static dev.schedtune.search.internal.Checks.checkNonNegative;
import static dev.schedtune.search.internal.Checks.checkPositive;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.StudyView;
import dev.schedtune.search.trial.TrialState;

/**
 * Optuna's {@code PercentilePruner}: prunes a trial whose best intermediate value so far is worse than the
 * given percentile of the COMPLETE trials' values at the same step. Nothing is pruned before
 * {@code nStartupTrials} trials are COMPLETE, before step {@code nWarmupSteps}, between checkpoints every
 * {@code intervalSteps} steps, or when fewer than {@code nMinTrials} trials reported at the step. A trial
 * whose reports are all NaN is pruned. Single-objective studies only (see {@link ParetoPruner}).
 */
public class PercentilePruner implements Pruner {
    private final double percentile;
    private final int nStartupTrials;
    private final long nWarmupSteps;
    private final long intervalSteps;
    private final int nMinTrials;

    PercentilePruner(double percentile, int nStartupTrials, long nWarmupSteps, long intervalSteps, int nMinTrials) {
        this.percentile = checkInClosedRange(percentile, 0, 100, "percentile");
        this.nStartupTrials = (int) checkNonNegative(nStartupTrials, "nStartupTrials");
        this.nWarmupSteps = checkNonNegative(nWarmupSteps, "nWarmupSteps");
        this.intervalSteps = checkPositive(intervalSteps, "intervalSteps");
        this.nMinTrials = (int) checkPositive(nMinTrials, "nMinTrials");
    }

    /** Optuna's defaults: 5 startup trials, no warm-up, every step, at least 1 trial at the step. */
    public static PercentilePruner create(double percentile) {
        return new PercentilePruner(percentile, 5, 0, 1, 1);
    }

    public static PercentilePruner create(
            double percentile, int nStartupTrials, long nWarmupSteps, long intervalSteps, int nMinTrials) {
        return new PercentilePruner(percentile, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
    }

    @Override
    public boolean prune(StudyView study, FrozenTrial trial) {
        StudyDirection direction = PruneSteps.singleDirection(study, this);
        StudyTrials trials = study.trials();
        int complete = trials.count(TrialState.COMPLETE);
        if (complete == 0 || complete < nStartupTrials) {
            return false;
        }
        long step = trial.lastStep();
        if (step < 0 || step < nWarmupSteps) {
            return false;
        }
        if (!PruneSteps.isFirstInInterval(trial, step, nWarmupSteps, intervalSteps)) {
            return false;
        }
        double best = PruneSteps.bestOverSteps(trial, direction, 0);
        if (Double.isNaN(best)) {
            return true;
        }
        double[] values = new double[complete];
        int n = 0;
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE) {
                ImmutableDoubleArray v = t.intermediateValues().get(step);
                if (v != null) {
                    values[n++] = v.get(0);
                }
            }
        }
        if (n < nMinTrials) {
            return false;
        }
        double p = PruneSteps.nanPercentile(
                values, n, direction == StudyDirection.MAXIMIZE ? 100 - percentile : percentile);
        if (Double.isNaN(p)) {
            return false;
        }
        return direction == StudyDirection.MAXIMIZE ? best < p : best > p;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(percentile=" + percentile + ", nStartupTrials=" + nStartupTrials
                + ", nWarmupSteps=" + nWarmupSteps + ", intervalSteps=" + intervalSteps + ", nMinTrials="
                + nMinTrials + ")";
    }
}
