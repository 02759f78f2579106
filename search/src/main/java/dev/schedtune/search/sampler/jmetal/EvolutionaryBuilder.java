package dev.schedtune.search.sampler.jmetal;

import static dev.schedtune.search.internal.Checks.checkAtLeast;
import static dev.schedtune.search.internal.Checks.checkNonNegative;
import static dev.schedtune.search.internal.Checks.checkProbability;

import org.jspecify.annotations.Nullable;

/**
 * The settings the evolutionary samplers share: population size, SBX crossover, polynomial mutation,
 * categorical swapping and an own seed. Each sampler's {@code Builder} adds its own.
 *
 * @param <B> the sampler's builder, returned by every setter
 */
public abstract sealed class EvolutionaryBuilder<B extends EvolutionaryBuilder<B>>
        permits Nsga2Sampler.Builder, SmsEmoaSampler.Builder {
    int populationSize;
    double crossoverProbability = 0.9;
    double crossoverEta = 20;
    /** NaN for 1 / number of parameters. */
    double mutationProbability = Double.NaN;

    double mutationEta = 20;
    double swappingProbability = 0.5;

    @Nullable
    Long seed;

    EvolutionaryBuilder(int populationSize) {
        this.populationSize = populationSize;
    }

    abstract B self();

    /** Individuals kept: parents per generation (NSGA-II, default 50 as Optuna) or the population (SMS-EMOA, default 20). */
    public B populationSize(int populationSize) {
        this.populationSize = checkAtLeast(populationSize, 2, "populationSize");
        return self();
    }

    /** Probability that two parents are crossed rather than one copied (default 0.9). */
    public B crossoverProbability(double p) {
        this.crossoverProbability = checkProbability(p, "crossoverProbability");
        return self();
    }

    /** SBX distribution index η_c (default 20; larger keeps children nearer their parents). */
    public B crossoverDistributionIndex(double eta) {
        this.crossoverEta = checkNonNegative(eta, "crossoverDistributionIndex");
        return self();
    }

    /** Probability that a gene mutates (default 1 / number of parameters). */
    public B mutationProbability(double p) {
        this.mutationProbability = checkProbability(p, "mutationProbability");
        return self();
    }

    /** Polynomial-mutation distribution index η_m (default 20). */
    public B mutationDistributionIndex(double eta) {
        this.mutationEta = checkNonNegative(eta, "mutationDistributionIndex");
        return self();
    }

    /** Probability that a categorical gene comes from the second parent in a crossover (default 0.5). */
    public B swappingProbability(double p) {
        this.swappingProbability = checkProbability(p, "swappingProbability");
        return self();
    }

    /**
     * Own seed instead of the study's (prefer {@code Study.builder().seed(n)}; a study given both refuses them
     * if they differ).
     */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    Breeding breeding() {
        return new Breeding(crossoverProbability, crossoverEta, mutationProbability, mutationEta, swappingProbability);
    }
}
