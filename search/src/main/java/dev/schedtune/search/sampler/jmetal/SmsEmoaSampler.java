package dev.schedtune.search.sampler.jmetal;

import static dev.schedtune.search.internal.Checks.checkAtLeast;
import static dev.schedtune.search.internal.Checks.checkNonNegative;
import static dev.schedtune.search.internal.Checks.checkProbability;

import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.sampler.EngineCache;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.sampler.Sampler;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.RandomStreams;
import dev.schedtune.search.trial.StudyView;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

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
public final class SmsEmoaSampler implements Sampler {
    final int populationSize;
    final int startupTrials;
    final int batchSize;
    final double referencePoint;
    final Breeding breeding;
    private final @Nullable Long seed;
    private final RandomSampler random;
    private final EngineCache<SmsEmoaEngine> engines = EngineCache.of(study -> new SmsEmoaEngine(this, study));

    private SmsEmoaSampler(Builder b) {
        this.populationSize = b.populationSize;
        this.startupTrials = b.startupTrials < 0 ? b.populationSize : b.startupTrials;
        this.batchSize = b.batchSize;
        this.referencePoint = b.referencePoint;
        this.breeding = new Breeding(
                b.crossoverProbability, b.crossoverEta, b.mutationProbability, b.mutationEta, b.swappingProbability);
        this.seed = b.seed;
        this.random = b.seed == null
                ? RandomSampler.create()
                : RandomSampler.builder().seed(b.seed).build();
    }

    public static SmsEmoaSampler create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public OptionalLong ownSeed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    SplittableRandom random(StudyView study, int trialNumber, String key) {
        return seed != null ? RandomStreams.of(seed).stream(trialNumber, key) : study.random(trialNumber, key);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
        return engines.apply(study, e -> e.assign(study, trial).genome.space);
    }

    @Override
    public Map<String, Double> sampleRelative(
            StudyView study, FrozenTrial trial, Map<String, Distribution> searchSpace) {
        if (searchSpace.isEmpty()) {
            return Map.of();
        }
        return engines.apply(study, e -> e.offspring(study, trial, searchSpace));
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        return random.sampleIndependent(study, trial, name, distribution);
    }

    @Override
    public String toString() {
        return "SmsEmoaSampler(populationSize=" + populationSize + (seed != null ? ", seed=" + seed : "") + ")";
    }

    /** Settings of an {@link SmsEmoaSampler}. */
    public static final class Builder {
        private int populationSize = 20;
        private int startupTrials = -1;
        private int batchSize = 1;
        private double referencePoint = 2.0;
        private double crossoverProbability = 0.9;
        private double crossoverEta = 20;
        private double mutationProbability = Double.NaN;
        private double mutationEta = 20;
        private double swappingProbability = 0.5;
        private @Nullable Long seed;

        private Builder() {}

        /**
         * Individuals kept (default 20: with a budget of about 1,000 evaluations a small population
         * spends them on more selection steps; measured in search/BENCHMARKS.md). Larger budgets and
         * many objectives want larger populations.
         */
        public Builder populationSize(int populationSize) {
            this.populationSize = checkAtLeast(populationSize, 2, "populationSize");
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

        public Builder crossoverProbability(double p) {
            this.crossoverProbability = checkProbability(p, "crossoverProbability");
            return this;
        }

        public Builder crossoverDistributionIndex(double eta) {
            this.crossoverEta = checkNonNegative(eta, "crossoverDistributionIndex");
            return this;
        }

        public Builder mutationProbability(double p) {
            this.mutationProbability = checkProbability(p, "mutationProbability");
            return this;
        }

        public Builder mutationDistributionIndex(double eta) {
            this.mutationEta = checkNonNegative(eta, "mutationDistributionIndex");
            return this;
        }

        public Builder swappingProbability(double p) {
            this.swappingProbability = checkProbability(p, "swappingProbability");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public SmsEmoaSampler build() {
            return new SmsEmoaSampler(this);
        }
    }
}
