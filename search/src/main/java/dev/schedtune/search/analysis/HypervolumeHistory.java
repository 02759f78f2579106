package dev.schedtune.search.analysis;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.util.ArrayList;
import java.util.List;

/**
 * The hypervolume of a study's Pareto front after each trial, as Optuna's {@code
 * plot_hypervolume_history}: the front of the feasible COMPLETE trials among the first {@code k}
 * trials, against a reference point given in the objectives' own directions (a maximised objective's
 * reference is a lower bound).
 */
public final class HypervolumeHistory {
    private HypervolumeHistory() {}

    /**
     * Element {@code k} is the hypervolume of the front of {@code trials[0..k]} (the trials in the given
     * order). The front is kept incrementally and its hypervolume recomputed only when it changes.
     *
     * @throws IllegalArgumentException if the reference point's length differs from the number of
     *     directions or a coordinate is not finite
     */
    public static double[] of(List<FrozenTrial> trials, List<StudyDirection> directions, double... referencePoint) {
        if (referencePoint.length != directions.size()) {
            throw new IllegalArgumentException("referencePoint has " + referencePoint.length
                    + " coordinates; the study has " + directions.size() + " objectives");
        }
        double[] ref = new double[referencePoint.length];
        for (int i = 0; i < ref.length; i++) {
            if (!Double.isFinite(referencePoint[i])) {
                throw new IllegalArgumentException(
                        "referencePoint[" + i + "] (" + referencePoint[i] + ") must be finite");
            }
            ref[i] = directions.get(i).toMinimized(referencePoint[i]);
        }
        double[] history = new double[trials.size()];
        List<double[]> front = new ArrayList<>();
        double current = 0;
        for (int k = 0; k < trials.size(); k++) {
            FrozenTrial t = trials.get(k);
            if (t.state() == TrialState.COMPLETE && t.values() != null && t.isFeasible()) {
                double[] p = Pareto.minimized(t.values(), directions);
                boolean covered = false;
                for (double[] q : front) {
                    if (Hypervolume.weaklyDominates(q, p)) {
                        covered = true;
                        break;
                    }
                }
                if (!covered) {
                    front.removeIf(q -> Hypervolume.weaklyDominates(p, q));
                    front.add(p);
                    current = Hypervolume.computeUnchecked(front.toArray(new double[0][]), ref);
                }
            }
            history[k] = current;
        }
        return history;
    }
}
