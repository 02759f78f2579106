package dev.schedtune.search.sampler.jmetal;

import dev.schedtune.search.trial.StudyView;

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
public final class Nsga2Sampler extends EvolutionarySampler<Nsga2Engine> {
    /** Trial system attribute holding the trial's generation (Optuna's key). */
    public static final String GENERATION_KEY = "nsga2:generation";

    static final String PARENTS_KEY_PREFIX = "schedtune:nsga2:parents:";

    private Nsga2Sampler(Builder b) {
        super(b);
    }

    /** NSGA-II with the defaults, drawing from the study's seed. */
    public static Nsga2Sampler create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    Nsga2Engine newEngine(StudyView study) {
        return new Nsga2Engine(this, study);
    }

    /** Settings of an {@link Nsga2Sampler}: those of {@link EvolutionaryBuilder}, population 50 by default. */
    public static final class Builder extends EvolutionaryBuilder<Builder> {
        private Builder() {
            super(50);
        }

        @Override
        Builder self() {
            return this;
        }

        public Nsga2Sampler build() {
            return new Nsga2Sampler(this);
        }
    }
}
