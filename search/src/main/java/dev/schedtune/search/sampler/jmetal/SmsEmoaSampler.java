package dev.schedtune.search.sampler.jmetal;

import static dev.schedtune.search.internal.Checks.checkAtLeast;

import dev.schedtune.search.trial.StudyView;

/**
 * SMS-EMOA (Beume, Naujoks, Emmerich 2007), the steady-state S-metric selection EMOA, as an ask/tell
 * sampler on jMetal 6.6 components: parents drawn uniformly at random, {@code SBXCrossover} and {@code
 * PolynomialMutation} on parameters normalised to [0, 1], and survival by {@code
 * RankingAndDensityEstimatorReplacement} with fast non-dominated sorting, constraint-aware dominance and
 * a hypervolume-contribution density (exact, {@link dev.schedtune.search.analysis.Hypervolume}, on the
 * last front normalised to [0, 1] against the reference point, 2.0 per objective by default), removing the worst
 * individual one at a time.
 *
 * <p>Each complete trial enters the population as soon as the sampler sees it, and the individual
 * contributing least hypervolume to the worst front leaves: the population tracks the study one
 * evaluation at a time, which makes the most of small budgets (see search/BENCHMARKS.md for the
 * comparison with NSGA-II and MOTPE). Until {@code populationSize} trials are complete, parameters are
 * drawn at random. The population is a function of the complete trials, so a resumed study or another
 * worker rebuilds it from storage.
 *
 * <p>In a reproducible study, trials {@code [k b, (k+1) b)} ({@code b} = {@link Builder#batchSize}) breed
 * from the population of all complete trials before {@code k b}, inserted in number order.
 */
public final class SmsEmoaSampler extends EvolutionarySampler<SmsEmoaEngine> {
    final int startupTrials;
    final int batchSize;
    final double referencePoint;

    private SmsEmoaSampler(Builder b) {
        super(b);
        this.startupTrials = b.startupTrials < 0 ? b.populationSize : b.startupTrials;
        this.batchSize = b.batchSize;
        this.referencePoint = b.referencePoint;
    }

    public static SmsEmoaSampler create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    SmsEmoaEngine newEngine(StudyView study) {
        return new SmsEmoaEngine(this, study);
    }

    /**
     * Settings of an {@link SmsEmoaSampler}: those of {@link EvolutionaryBuilder} (population 20 by default: with
     * a budget of about 1,000 evaluations a small population spends them on more selection steps; measured in
     * search/BENCHMARKS.md; larger budgets and many objectives want larger populations), and its own.
     */
    public static final class Builder extends EvolutionaryBuilder<Builder> {
        private int startupTrials = -1;
        private int batchSize = 1;
        private double referencePoint = 2.0;

        private Builder() {
            super(20);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Complete trials drawn at random before breeding starts (default: the population size). */
        public Builder startupTrials(int startupTrials) {
            this.startupTrials = checkAtLeast(startupTrials, 2, "startupTrials");
            return this;
        }

        /** Trials bred from one population in a reproducible study (default 1). */
        public Builder batchSize(int batchSize) {
            this.batchSize = checkAtLeast(batchSize, 1, "batchSize");
            return this;
        }

        /**
         * Reference point per objective of the worst front normalised to [0, 1], for contributions
         * (default 2.0: far enough that the front's extreme points keep a large contribution).
         */
        public Builder referencePoint(double referencePoint) {
            if (!(referencePoint > 1) || Double.isInfinite(referencePoint)) {
                throw new IllegalArgumentException("referencePoint (" + referencePoint + ") must be > 1 and finite");
            }
            this.referencePoint = referencePoint;
            return this;
        }

        public SmsEmoaSampler build() {
            return new SmsEmoaSampler(this);
        }
    }
}
