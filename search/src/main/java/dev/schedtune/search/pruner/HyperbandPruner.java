package dev.schedtune.search.pruner;

import static dev.schedtune.search.internal.Checks.checkNonNegative;
import static dev.schedtune.search.internal.Checks.checkPositive;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyView;
import dev.schedtune.search.trial.TrialState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Hyperband, as Optuna's {@code HyperbandPruner}: {@code floor(log_eta(maxResource / minResource)) + 1}
 * brackets of {@link SuccessiveHalvingPruner}s with minimum early-stopping rates 0, 1, ...; a trial's bracket
 * is {@code crc32(studyName + "_" + number)} modulo the total budget, split in proportion to each bracket's
 * budget {@code ceil(nBrackets * eta^s / (s + 1))}; each bracket judges its trials against its own trials only.
 * {@code maxResource = 0} means "auto": the largest last step of the COMPLETE trials plus one.
 *
 * <p>Unlike Optuna, the sampler is not restricted to the bracket's trials.
 */
public final class HyperbandPruner implements Pruner {
    private final long minResource;
    private final long reductionFactor;
    private final int bootstrapCount;
    private final long maxResourceSetting;

    private volatile Brackets brackets;

    private static final class Brackets {
        final List<SuccessiveHalvingPruner> pruners = new ArrayList<>();
        final List<Long> budgets = new ArrayList<>();
        long total;
    }

    private HyperbandPruner(long minResource, long maxResource, long reductionFactor, int bootstrapCount) {
        this.minResource = checkPositive(minResource, "minResource");
        this.maxResourceSetting = checkNonNegative(maxResource, "maxResource");
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("reductionFactor (" + reductionFactor + ") must be >= 2");
        }
        this.reductionFactor = reductionFactor;
        this.bootstrapCount = (int) checkNonNegative(bootstrapCount, "bootstrapCount");
        if (bootstrapCount > 0 && maxResource == 0) {
            throw new IllegalArgumentException(
                    "bootstrapCount (" + bootstrapCount + ") > 0 needs an explicit maxResource");
        }
        if (maxResource != 0 && maxResource < minResource) {
            throw new IllegalArgumentException(
                    "maxResource (" + maxResource + ") must be >= minResource (" + minResource + ")");
        }
    }

    /** Optuna's defaults: minResource 1, maxResource auto, reduction factor 3, no bootstrap. */
    public static HyperbandPruner create() {
        return new HyperbandPruner(1, 0, 3, 0);
    }

    /** @param maxResource 0 for "auto" */
    public static HyperbandPruner create(long minResource, long maxResource, long reductionFactor, int bootstrapCount) {
        return new HyperbandPruner(minResource, maxResource, reductionFactor, bootstrapCount);
    }

    @Override
    public boolean prune(StudyView study, FrozenTrial trial) {
        PruneSteps.singleDirection(study, this);
        Brackets b = brackets;
        List<FrozenTrial> all = study.trials();
        if (b == null) {
            b = initialize(all);
            if (b == null) {
                return false;
            }
        }
        int bracket = bracketOf(b, study.name(), trial.number());
        List<FrozenTrial> mine = new ArrayList<>();
        for (FrozenTrial t : all) {
            if (bracketOf(b, study.name(), t.number()) == bracket) {
                mine.add(t);
            }
        }
        return b.pruners.get(bracket).prune(study, trial, mine);
    }

    private synchronized Brackets initialize(List<FrozenTrial> trials) {
        if (brackets != null) {
            return brackets;
        }
        long maxResource = maxResourceSetting;
        if (maxResource == 0) {
            long maxStep = -1;
            for (FrozenTrial t : trials) {
                if (t.state() == TrialState.COMPLETE) {
                    maxStep = Math.max(maxStep, t.lastStep());
                }
            }
            if (maxStep < 0) {
                return null;
            }
            maxResource = maxStep + 1;
        }
        int n = (int) Math.floor(Math.log((double) maxResource / minResource) / Math.log(reductionFactor)) + 1;
        Brackets b = new Brackets();
        for (int id = 0; id < n; id++) {
            int s = n - 1 - id;
            long budget = (long) Math.ceil(n * Math.pow(reductionFactor, s) / (s + 1));
            b.budgets.add(budget);
            b.total += budget;
            b.pruners.add(SuccessiveHalvingPruner.create(minResource, reductionFactor, id, bootstrapCount));
        }
        brackets = b;
        return b;
    }

    private static int bracketOf(Brackets b, String studyName, int number) {
        CRC32 crc = new CRC32();
        crc.update((studyName + "_" + number).getBytes(StandardCharsets.UTF_8));
        long n = crc.getValue() % b.total;
        for (int id = 0; id < b.budgets.size(); id++) {
            n -= b.budgets.get(id);
            if (n < 0) {
                return id;
            }
        }
        throw new IllegalStateException("bracket budgets do not add up");
    }

    @Override
    public String toString() {
        return "HyperbandPruner(minResource=" + minResource + ", maxResource="
                + (maxResourceSetting == 0 ? "auto" : maxResourceSetting) + ", reductionFactor=" + reductionFactor
                + ", bootstrapCount=" + bootstrapCount + ")";
    }
}
