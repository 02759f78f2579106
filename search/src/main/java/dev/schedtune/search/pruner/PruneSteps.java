package dev.schedtune.search.pruner;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyView;
import java.util.Arrays;

/** Step bookkeeping shared by pruners, as in Optuna's {@code pruners/_percentile.py}. */
final class PruneSteps {
    private PruneSteps() {}

    /**
     * Whether {@code step} is the first reported step at or after the latest pruning checkpoint
     * ({@code warmup + k * interval}), so that a trial is judged once per interval.
     */
    static boolean isFirstInInterval(FrozenTrial trial, long step, long warmup, long interval) {
        long nearestLower = Math.floorDiv(step - warmup, interval) * interval + warmup;
        long secondLast = -1;
        for (long s : trial.intermediateValues().keySet()) {
            if (s > secondLast && s != step) {
                secondLast = s;
            }
        }
        return secondLast < nearestLower;
    }

    /** The best value of objective {@code objective} over the trial's reports, NaN if all are NaN. */
    static double bestOverSteps(FrozenTrial trial, StudyDirection direction, int objective) {
        double best = Double.NaN;
        for (ImmutableDoubleArray v : trial.intermediateValues().values()) {
            double x = v.get(objective);
            if (!Double.isNaN(x) && (Double.isNaN(best) || direction.isBetter(x, best))) {
                best = x;
            }
        }
        return best;
    }

    /**
     * The direction of a single-objective study.
     *
     * @throws IllegalStateException for a multi-objective study, pointing to {@link ParetoPruner}
     */
    static StudyDirection singleDirection(StudyView study, Pruner pruner) {
        if (study.isMultiObjective()) {
            throw new IllegalStateException(pruner.getClass().getSimpleName() + " prunes single-objective studies;"
                    + " study '" + study.name() + "' has " + study.directions().size()
                    + " objectives (use ParetoPruner)");
        }
        return study.directions().get(0);
    }

    /** numpy's {@code nanpercentile} with linear interpolation; NaN for no finite-or-infinite values. */
    static double nanPercentile(double[] values, int n, double percentile) {
        double[] xs = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(values[i])) {
                xs[m++] = values[i];
            }
        }
        if (m == 0) {
            return Double.NaN;
        }
        Arrays.sort(xs, 0, m);
        double rank = percentile / 100.0 * (m - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(m - 1, lo + 1);
        double frac = rank - lo;
        if (frac == 0 || xs[lo] == xs[hi]) {
            return xs[lo];
        }
        return xs[lo] + (xs[hi] - xs[lo]) * frac;
    }
}
