package dev.schedtune.search.pruner;

import static dev.schedtune.search.internal.Checks.checkNonNegative;
import static dev.schedtune.search.internal.Checks.checkPositive;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyView;

/**
 * Optuna's {@code ThresholdPruner}: prunes when the latest intermediate value is NaN, below {@code lower} or
 * above {@code upper} (after {@code nWarmupSteps}, once per {@code intervalSteps}). Single-objective.
 */
public final class ThresholdPruner implements Pruner {
    private final double lower;
    private final double upper;
    private final long nWarmupSteps;
    private final long intervalSteps;

    private ThresholdPruner(double lower, double upper, long nWarmupSteps, long intervalSteps) {
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            throw new IllegalArgumentException("lower (" + lower + ") and upper (" + upper + ") must not be NaN");
        }
        if (lower > upper) {
            throw new IllegalArgumentException("lower (" + lower + ") must be <= upper (" + upper + ")");
        }
        this.lower = lower;
        this.upper = upper;
        this.nWarmupSteps = checkNonNegative(nWarmupSteps, "nWarmupSteps");
        this.intervalSteps = checkPositive(intervalSteps, "intervalSteps");
    }

    /** Prunes values outside {@code [lower, upper]} (use infinities for one-sided bounds). */
    public static ThresholdPruner between(double lower, double upper) {
        return new ThresholdPruner(lower, upper, 0, 1);
    }

    public static ThresholdPruner create(double lower, double upper, long nWarmupSteps, long intervalSteps) {
        return new ThresholdPruner(lower, upper, nWarmupSteps, intervalSteps);
    }

    public static ThresholdPruner above(double upper) {
        return new ThresholdPruner(Double.NEGATIVE_INFINITY, upper, 0, 1);
    }

    public static ThresholdPruner below(double lower) {
        return new ThresholdPruner(lower, Double.POSITIVE_INFINITY, 0, 1);
    }

    @Override
    public boolean prune(StudyView study, FrozenTrial trial) {
        PruneSteps.singleDirection(study, this);
        long step = trial.lastStep();
        if (step < 0
                || step < nWarmupSteps
                || !PruneSteps.isFirstInInterval(trial, step, nWarmupSteps, intervalSteps)) {
            return false;
        }
        double v = trial.intermediateValues().get(step).get(0);
        return Double.isNaN(v) || v < lower || v > upper;
    }

    @Override
    public String toString() {
        return "ThresholdPruner(lower=" + lower + ", upper=" + upper + ", nWarmupSteps=" + nWarmupSteps
                + ", intervalSteps=" + intervalSteps + ")";
    }
}
