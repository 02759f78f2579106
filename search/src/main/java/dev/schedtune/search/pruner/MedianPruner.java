package dev.schedtune.search.pruner;

/** Optuna's {@code MedianPruner}: the {@link PercentilePruner} at the 50th percentile. */
public final class MedianPruner extends PercentilePruner {
    private MedianPruner(int nStartupTrials, long nWarmupSteps, long intervalSteps, int nMinTrials) {
        super(50, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
    }

    /** Optuna's defaults: 5 startup trials, no warm-up, every step, at least 1 trial at the step. */
    public static MedianPruner create() {
        return new MedianPruner(5, 0, 1, 1);
    }

    public static MedianPruner create(int nStartupTrials, long nWarmupSteps, long intervalSteps, int nMinTrials) {
        return new MedianPruner(nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
    }
}
