package dev.schedtune.search.pruner;

import static dev.schedtune.search.internal.Checks.checkInClosedRange;
import static dev.schedtune.search.internal.Checks.checkNonNegative;
import static dev.schedtune.search.internal.Checks.checkPositive;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.analysis.Pareto;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.StudyView;
import dev.schedtune.search.trial.TrialState;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-objective pruning, which Optuna lacks. Trials report one value per objective
 * ({@code trial.report(step, loss, seconds)}).
 *
 * <p><b>Rule.</b> Let {@code s} be the trial's latest reported step and {@code v} its vector there. Among the
 * COMPLETE trials that reported a vector without NaN at step {@code s}, let {@code N} be their number and
 * {@code D} the number whose vector <em>dominates</em> {@code v} (no worse in every objective, strictly
 * better in one, in each objective's direction). The trial is pruned iff {@code N >= nMinTrials} and
 * {@code D >= ceil(fraction * N)} (and {@code D >= 1}). A vector containing NaN is pruned. As with the
 * median pruner, nothing is pruned before {@code nStartupTrials} COMPLETE trials, before step
 * {@code nWarmupSteps}, or between checkpoints every {@code intervalSteps} steps.
 *
 * <p>With the default {@code fraction = 0.5} a trial is stopped when at least half of the finished trials were
 * better in every objective at the same point of training — for one objective, when its value is worse than
 * the median's (strictly worse than at least half the others), so it agrees with the median pruner up to ties
 * and up to using the latest value instead of the best so far.
 *
 * <p><b>Judged by outcomes</b> ({@link #judgedByOutcomes()}). Comparing trials at the same point of training
 * favours schedules that decay early: a one-cycle or warm-restart schedule is at its high-lr phase halfway
 * through and looks bad there, although it finishes best (the short-horizon bias, Wu et al., 2018). So this
 * variant also asks what the trials that finished best looked like at the same point: it stops a trial only
 * if, besides the rule above, its vector at step {@code s} is dominated by the step-{@code s} vector of
 * <em>every</em> trial now on the Pareto front (of those that reported at {@code s}). A trial no worse at
 * {@code s} than some eventual front trial was may still end on the front, and runs on.
 */
public final class ParetoPruner implements Pruner {
    private final double fraction;
    private final int nStartupTrials;
    private final long nWarmupSteps;
    private final long intervalSteps;
    private final int nMinTrials;
    private final boolean byOutcomes;

    private ParetoPruner(
            double fraction,
            int nStartupTrials,
            long nWarmupSteps,
            long intervalSteps,
            int nMinTrials,
            boolean byOutcomes) {
        this.fraction = checkInClosedRange(fraction, 0, 1, "fraction");
        this.nStartupTrials = (int) checkNonNegative(nStartupTrials, "nStartupTrials");
        this.nWarmupSteps = checkNonNegative(nWarmupSteps, "nWarmupSteps");
        this.intervalSteps = checkPositive(intervalSteps, "intervalSteps");
        this.nMinTrials = (int) checkPositive(nMinTrials, "nMinTrials");
        this.byOutcomes = byOutcomes;
    }

    /** Fraction 0.5, 5 startup trials, no warm-up, every step, at least 1 trial at the step. */
    public static ParetoPruner create() {
        return new ParetoPruner(0.5, 5, 0, 1, 1, false);
    }

    public static ParetoPruner create(
            double fraction, int nStartupTrials, long nWarmupSteps, long intervalSteps, int nMinTrials) {
        return new ParetoPruner(fraction, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials, false);
    }

    /** This pruner, also judging trials by what the front's trials looked like at the same step. */
    public ParetoPruner judgedByOutcomes() {
        return new ParetoPruner(fraction, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials, true);
    }

    /** Whether trials are also judged by the front's trajectories (see the class documentation). */
    public boolean isJudgedByOutcomes() {
        return byOutcomes;
    }

    @Override
    public boolean prune(StudyView study, FrozenTrial trial) {
        StudyTrials trials = study.trials();
        if (trials.count(TrialState.COMPLETE) < Math.max(1, nStartupTrials)) {
            return false;
        }
        long step = trial.lastStep();
        if (step < 0
                || step < nWarmupSteps
                || !PruneSteps.isFirstInInterval(trial, step, nWarmupSteps, intervalSteps)) {
            return false;
        }
        ImmutableDoubleArray mine = trial.intermediateValues().get(step);
        if (mine == null) {
            return false;
        }
        if (hasNaN(mine)) {
            return true;
        }
        List<StudyDirection> directions = study.directions();
        int n = 0;
        int dominating = 0;
        for (FrozenTrial t : trials) {
            if (t.state() != TrialState.COMPLETE || t.number() == trial.number()) {
                continue;
            }
            ImmutableDoubleArray other = t.intermediateValues().get(step);
            if (other == null || hasNaN(other)) {
                continue;
            }
            n++;
            if (dominates(other, mine, directions)) {
                dominating++;
            }
        }
        if (n < nMinTrials) {
            return false;
        }
        boolean dominated = dominating >= 1 && dominating >= Math.ceil(fraction * n);
        return dominated && (!byOutcomes || worseThanEveryFrontTrial(trials, directions, step, mine));
    }

    /** Whether every trial now on the Pareto front dominated {@code mine} when it was at {@code step}. */
    private static boolean worseThanEveryFrontTrial(
            StudyTrials trials, List<StudyDirection> directions, long step, ImmutableDoubleArray mine) {
        List<FrozenTrial> complete = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE) {
                complete.add(t);
            }
        }
        for (FrozenTrial best : Pareto.bestTrials(complete, directions)) {
            ImmutableDoubleArray then = best.intermediateValues().get(step);
            if (then != null && !hasNaN(then) && !dominates(then, mine, directions)) {
                return false;
            }
        }
        return true;
    }

    static boolean dominates(ImmutableDoubleArray a, ImmutableDoubleArray b, List<StudyDirection> directions) {
        boolean strictly = false;
        for (int i = 0; i < directions.size(); i++) {
            double x = directions.get(i).toMinimized(a.get(i));
            double y = directions.get(i).toMinimized(b.get(i));
            if (x > y) {
                return false;
            }
            if (x < y) {
                strictly = true;
            }
        }
        return strictly;
    }

    private static boolean hasNaN(ImmutableDoubleArray v) {
        for (int i = 0; i < v.length(); i++) {
            if (Double.isNaN(v.get(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ParetoPruner(fraction=" + fraction + ", nStartupTrials=" + nStartupTrials + ", nWarmupSteps="
                + nWarmupSteps + ", intervalSteps=" + intervalSteps + ", nMinTrials=" + nMinTrials
                + (byOutcomes ? ", judgedByOutcomes" : "") + ")";
    }
}
