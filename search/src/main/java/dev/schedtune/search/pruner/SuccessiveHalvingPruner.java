package dev.schedtune.search.pruner;

import static dev.schedtune.search.internal.Checks.checkNonNegative;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyView;
import dev.schedtune.search.trial.TrialState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Asynchronous successive halving (ASHA), as Optuna's {@code SuccessiveHalvingPruner}. Rung {@code k} is
 * reached at step {@code minResource * reductionFactor^(minEarlyStoppingRate + k)}; there the trial records
 * its value as system attribute {@code completed_rung_k} and goes on only if the value is among the best
 * {@code 1 / reductionFactor} of all values recorded at that rung (the first {@code reductionFactor - 1}
 * trials: only if it is the best). {@code minResource = 0} means "auto": the largest last step of the COMPLETE
 * trials divided by 100 (at least 1), estimated once the first trial completes. Single-objective.
 */
public final class SuccessiveHalvingPruner implements Pruner {
    private volatile long minResource;
    private final long reductionFactor;
    private final long minEarlyStoppingRate;
    private final int bootstrapCount;

    private SuccessiveHalvingPruner(
            long minResource, long reductionFactor, long minEarlyStoppingRate, int bootstrapCount) {
        this.minResource = checkNonNegative(minResource, "minResource");
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("reductionFactor (" + reductionFactor + ") must be >= 2");
        }
        this.reductionFactor = reductionFactor;
        this.minEarlyStoppingRate = checkNonNegative(minEarlyStoppingRate, "minEarlyStoppingRate");
        this.bootstrapCount = (int) checkNonNegative(bootstrapCount, "bootstrapCount");
        if (bootstrapCount > 0 && minResource == 0) {
            throw new IllegalArgumentException(
                    "bootstrapCount (" + bootstrapCount + ") > 0 needs an explicit minResource");
        }
    }

    /** Optuna's defaults: minResource auto, reduction factor 4, min early-stopping rate 0, no bootstrap. */
    public static SuccessiveHalvingPruner create() {
        return new SuccessiveHalvingPruner(0, 4, 0, 0);
    }

    /** @param minResource 0 for "auto" */
    public static SuccessiveHalvingPruner create(
            long minResource, long reductionFactor, long minEarlyStoppingRate, int bootstrapCount) {
        return new SuccessiveHalvingPruner(minResource, reductionFactor, minEarlyStoppingRate, bootstrapCount);
    }

    @Override
    public boolean prune(StudyView study, FrozenTrial trial) {
        return prune(study, trial, study.trials());
    }

    /** Prunes against {@code trials} only (Hyperband passes one bracket's trials). */
    boolean prune(StudyView study, FrozenTrial trial, List<FrozenTrial> trials) {
        StudyDirection direction = PruneSteps.singleDirection(study, this);
        long step = trial.lastStep();
        if (step < 0) {
            return false;
        }
        int rung = 0;
        while (trial.systemAttrs().containsKey(rungKey(rung))) {
            rung++;
        }
        ImmutableDoubleArray last = trial.intermediateValues().get(step);
        double value = last.get(0);
        while (true) {
            if (minResource == 0) {
                long estimate = estimateMinResource(trials);
                if (estimate == 0) {
                    return false;
                }
                minResource = estimate;
            }
            double promotionStep = minResource * Math.pow(reductionFactor, minEarlyStoppingRate + rung);
            if (step < promotionStep) {
                return false;
            }
            if (Double.isNaN(value)) {
                return true;
            }
            String key = rungKey(rung);
            study.setTrialSystemAttr(trial.number(), key, value);
            List<Double> competing = new ArrayList<>();
            for (FrozenTrial t : trials) {
                Object v = t.systemAttrs().get(key);
                if (v instanceof Number && t.number() != trial.number()) {
                    competing.add(((Number) v).doubleValue());
                }
            }
            competing.add(value);
            if (competing.size() <= bootstrapCount) {
                return true;
            }
            if (!isPromotable(value, competing, direction)) {
                return true;
            }
            rung++;
        }
    }

    private boolean isPromotable(double value, List<Double> competing, StudyDirection direction) {
        int promotable = (int) (competing.size() / reductionFactor) - 1;
        if (promotable == -1) {
            // trials cannot be paused, so the first (reductionFactor - 1) trials go on only if best so far
            promotable = 0;
        }
        Collections.sort(competing);
        if (direction == StudyDirection.MAXIMIZE) {
            return value >= competing.get(competing.size() - 1 - promotable);
        }
        return value <= competing.get(promotable);
    }

    private static long estimateMinResource(List<FrozenTrial> trials) {
        long maxStep = -1;
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE) {
                maxStep = Math.max(maxStep, t.lastStep());
            }
        }
        return maxStep < 0 ? 0 : Math.max(maxStep / 100, 1);
    }

    static String rungKey(int rung) {
        return "completed_rung_" + rung;
    }

    @Override
    public String toString() {
        return "SuccessiveHalvingPruner(minResource=" + (minResource == 0 ? "auto" : minResource) + ", reductionFactor="
                + reductionFactor + ", minEarlyStoppingRate=" + minEarlyStoppingRate + ", bootstrapCount="
                + bootstrapCount + ")";
    }
}
