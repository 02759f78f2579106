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
 * NSGA-II (Deb et al. 2002) as a generational ask/tell sampler built on jMetal 6.6 components: binary
 * tournament ({@code NaryTournamentSelection}) on rank then crowding distance, {@code SBXCrossover} and
 * {@code PolynomialMutation} on parameters normalised to [0, 1], survival by {@code
 * RankingAndDensityEstimatorReplacement} (fast non-dominated sorting, crowding distance, constraint-aware
 * dominance). Generation 0 is random.
 *
 * <p>Generations are assembled from the study's trials, as Optuna does: a trial's generation is stored
 * in its system attribute {@value #GENERATION_KEY}; once generation {@code g} has {@code
 * populationSize} COMPLETE trials, the parents of {@code g+1} are selected from the parents of {@code g}
 * and the complete trials of generations {@code g} and {@code g-1} (so a straggler of the previous
 * generation still competes), and stored in the study system attribute {@code
 * "schedtune:nsga2:parents:<g+1>"} by the first worker that gets there; every other worker and every
 * resumed study reads the same list. Running, failed and pruned trials never block a generation.
 *
 * <p>In a reproducible study, generation {@code g} is exactly trials {@code [g·P, (g+1)·P)} by number
 * and its parents are a function of the trials before it, so the same seed gives the same trials whatever
 * the number of workers (a trial of generation {@code g} waits until generation {@code g-1} is
 * finished).
 *
 * <p>Defaults: population 50, crossover probability 0.9 (Optuna's), SBX and polynomial-mutation
 * distribution indices 20 (Optuna's SBX default for several objectives), mutation probability 1 / number
 * of parameters (Optuna's), swapping probability 0.5 for categorical genes.
 */
public final class Nsga2Sampler implements Sampler {
    /** Trial system attribute holding the trial's generation (Optuna's key). */
    public static final String GENERATION_KEY = "nsga2:generation";

    static final String PARENTS_KEY_PREFIX = "schedtune:nsga2:parents:";

    final int populationSize;
    final Breeding breeding;
    private final @Nullable Long seed;
    private final RandomSampler random;
    private final EngineCache<Nsga2Engine> engines = EngineCache.of(study -> new Nsga2Engine(this, study));

    private Nsga2Sampler(Builder b) {
        this.populationSize = b.populationSize;
        this.breeding = new Breeding(
                b.crossoverProbability, b.crossoverEta, b.mutationProbability, b.mutationEta, b.swappingProbability);
        this.seed = b.seed;
        this.random = b.seed == null
                ? RandomSampler.create()
                : RandomSampler.builder().seed(b.seed).build();
    }

    /** NSGA-II with the defaults, drawing from the study's seed. */
    public static Nsga2Sampler create() {
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
        return "Nsga2Sampler(populationSize=" + populationSize + (seed != null ? ", seed=" + seed : "") + ")";
    }

    /** Settings of an {@link Nsga2Sampler}. */
    public static final class Builder {
        private int populationSize = 50;
        private double crossoverProbability = 0.9;
        private double crossoverEta = 20;
        private double mutationProbability = Double.NaN;
        private double mutationEta = 20;
        private double swappingProbability = 0.5;
        private @Nullable Long seed;

        private Builder() {}

        /** Trials per generation and parents kept (default 50, as Optuna). */
        public Builder populationSize(int populationSize) {
            this.populationSize = checkAtLeast(populationSize, 2, "populationSize");
            return this;
        }

        /** Probability that two parents are crossed rather than one copied (default 0.9). */
        public Builder crossoverProbability(double p) {
            this.crossoverProbability = checkProbability(p, "crossoverProbability");
            return this;
        }

        /** SBX distribution index η_c (default 20; larger keeps children nearer their parents). */
        public Builder crossoverDistributionIndex(double eta) {
            this.crossoverEta = checkNonNegative(eta, "crossoverDistributionIndex");
            return this;
        }

        /** Probability that a gene mutates (default 1 / number of parameters). */
        public Builder mutationProbability(double p) {
            this.mutationProbability = checkProbability(p, "mutationProbability");
            return this;
        }

        /** Polynomial-mutation distribution index η_m (default 20). */
        public Builder mutationDistributionIndex(double eta) {
            this.mutationEta = checkNonNegative(eta, "mutationDistributionIndex");
            return this;
        }

        /** Probability that a categorical gene comes from the second parent in a crossover (default 0.5). */
        public Builder swappingProbability(double p) {
            this.swappingProbability = checkProbability(p, "swappingProbability");
            return this;
        }

        /** Own seed instead of the study's (prefer {@code Study.builder().seed(n)}; a study given both refuses them if they differ). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Nsga2Sampler build() {
            return new Nsga2Sampler(this);
        }
    }
}
