package dev.schedtune.search.pruner;

import static dev.schedtune.search.internal.Checks.checkNonNegative;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyView;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Optuna's {@code PatientPruner}: a trial that has not improved by more than {@code minDelta} over its last
 * {@code patience + 1} reports (compared with the best before them, NaNs ignored) is pruned — or, with a
 * wrapped pruner, handed to it for the decision. Single-objective.
 */
public final class PatientPruner implements Pruner {
    private final @Nullable Pruner wrapped;
    private final int patience;
    private final double minDelta;

    private PatientPruner(@Nullable Pruner wrapped, int patience, double minDelta) {
        this.wrapped = wrapped;
        this.patience = (int) checkNonNegative(patience, "patience");
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta (" + minDelta + ") must be >= 0 and finite");
        }
        this.minDelta = minDelta;
    }

    /** Prunes on its own when the trial stalls. */
    public static PatientPruner create(int patience, double minDelta) {
        return new PatientPruner(null, patience, minDelta);
    }

    /** Asks {@code wrapped} only about trials that stall. */
    public static PatientPruner wrapping(Pruner wrapped, int patience, double minDelta) {
        return new PatientPruner(wrapped, patience, minDelta);
    }

    @Override
    public boolean prune(StudyView study, FrozenTrial trial) {
        StudyDirection direction = PruneSteps.singleDirection(study, this);
        if (trial.lastStep() < 0) {
            return false;
        }
        List<Double> scores = new ArrayList<>();
        trial.intermediateValues().values().forEach(v -> scores.add(v.get(0)));
        if (scores.size() <= patience + 1) {
            return false;
        }
        int split = scores.size() - patience - 1;
        double before = best(scores.subList(0, split), direction);
        double after = best(scores.subList(split, scores.size()), direction);
        boolean stalled = direction == StudyDirection.MINIMIZE ? before + minDelta < after : before - minDelta > after;
        if (!stalled) {
            return false;
        }
        return wrapped == null || wrapped.prune(study, trial);
    }

    /** numpy's nanmin/nanmax: NaN only if all are NaN. */
    private static double best(List<Double> xs, StudyDirection direction) {
        double best = Double.NaN;
        for (double x : xs) {
            if (!Double.isNaN(x)
                    && (Double.isNaN(best) || (direction == StudyDirection.MINIMIZE ? x < best : x > best))) {
                best = x;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "PatientPruner(" + (wrapped == null ? "" : wrapped + ", ") + "patience=" + patience + ", minDelta="
                + minDelta + ")";
    }
}
