package dev.schedtune.search.sampler.gp;

import static dev.schedtune.search.internal.Checks.checkAtLeast;

import dev.schedtune.search.distribution.Distribution;
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
 * Gaussian-process Bayesian optimisation for small budgets, after Optuna 4's {@code GPSampler}: a
 * Matérn-5/2 kernel with one length scale per parameter, fitted by maximum a posteriori with Optuna's
 * priors; log expected improvement for one objective, exact log expected hypervolume improvement for
 * several (one process per objective); constraints as a process each, multiplying the acquisition by the
 * probability of feasibility.
 *
 * <ul>
 *   <li><b>Conditional parameters</b> (define-by-run): modelled in the union search space, absent
 *       parameters as a distinct "absent" value in the kernel; the acquisition is maximised per branch
 *       (e.g. per schedule family, with its own parameters) and the best branch wins, so the parameters
 *       of every branch are chosen by the model. {@link Builder#unionSearchSpace(boolean) false} gives
 *       Optuna's behaviour: only the parameters every trial has are modelled, the rest is random.
 *   <li><b>Acquisition optimiser</b>: a jMetal genetic algorithm (SBX, polynomial mutation, binary
 *       tournament, (μ + λ) replacement) started from a random sample and the incumbents.
 *   <li><b>Startup</b>: until {@code nStartupTrials} trials have finished (counting every complete
 *       trial in the study, enqueued baselines included), parameters are sampled as by {@link
 *       RandomSampler}; enqueued trials are never modelled for (their values are fixed).
 *   <li><b>Running trials</b> (default mode): the processes are conditioned on them at their posterior
 *       means (a "kriging believer"), so parallel workers do not sample the same point. Pruned trials
 *       count with their last reported value for one objective and are ignored for several; failed
 *       trials are ignored.
 * </ul>
 *
 * <p>Randomness for trial {@code n} comes from the stream (seed, {@code n}, "gp/acquisition") and what
 * it conditions on from {@link StudyView#conditioningSet} with {@link Builder#batchSize}, so seeded
 * studies are reproducible as with the other samplers. The sampler holds no state between samples and
 * is thread-safe.
 */
public final class GpSampler implements Sampler {
    final int nStartupTrials;
    final boolean deterministicObjective;
    final boolean union;
    final boolean fantasizeRunning;
    final int batchSize;
    final AcquisitionOptimizer.Settings optimizer;
    private final @Nullable Long seed;
    private final RandomSampler startup;
    private final GpEngine engine = new GpEngine(this);

    private GpSampler(Builder b) {
        this.nStartupTrials = b.nStartupTrials;
        this.deterministicObjective = b.deterministicObjective;
        this.union = b.unionSearchSpace;
        this.fantasizeRunning = b.fantasizeRunning;
        this.batchSize = b.batchSize;
        this.optimizer = new AcquisitionOptimizer.Settings(
                b.populationSize, b.generations, b.preliminarySamples, b.branchesSearched);
        this.seed = b.seed;
        this.startup = b.seed == null
                ? RandomSampler.create()
                : RandomSampler.builder().seed(b.seed).build();
    }

    /** A sampler with the defaults, drawing from the study's seed. */
    public static GpSampler create() {
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

    private static boolean enqueued(FrozenTrial trial) {
        return trial.systemAttrs().containsKey(FrozenTrial.FIXED_PARAMS_KEY);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
        if (enqueued(trial)) {
            return Map.of();
        }
        GpEngine.Observations obs = engine.observations(study, trial);
        return engine.ready(obs) ? engine.searchSpace(obs) : Map.of();
    }

    @Override
    public Map<String, Double> sampleRelative(
            StudyView study, FrozenTrial trial, Map<String, Distribution> searchSpace) {
        if (searchSpace.isEmpty()) {
            return Map.of();
        }
        GpEngine.Observations obs = engine.observations(study, trial);
        return engine.ready(obs) ? engine.sample(study, trial, obs) : Map.of();
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        return startup.sampleIndependent(study, trial, name, distribution);
    }

    @Override
    public String toString() {
        return "GpSampler(nStartupTrials=" + nStartupTrials + (union ? "" : ", intersection")
                + (fantasizeRunning ? "" : ", ignoreRunning") + (deterministicObjective ? ", deterministic" : "")
                + (seed != null ? ", seed=" + seed : "") + ")";
    }

    /** Settings of a {@link GpSampler}. */
    public static final class Builder {
        private int nStartupTrials = 10;
        private boolean deterministicObjective = false;
        private boolean unionSearchSpace = true;
        private boolean fantasizeRunning = true;
        private int batchSize = 1;
        private int populationSize = 32;
        private int generations = 40;
        private int preliminarySamples = 256;
        private int branchesSearched = 3;
        private @Nullable Long seed;

        private Builder() {}

        /**
         * Finished trials needed before the model is used (default 10, Optuna's); every complete trial of
         * the study counts, enqueued ones included.
         */
        public Builder nStartupTrials(int n) {
            this.nStartupTrials = checkAtLeast(n, 0, "nStartupTrials");
            return this;
        }

        /** Whether objective values are exact (noise fixed at its minimum; default false). */
        public Builder deterministicObjective(boolean deterministic) {
            this.deterministicObjective = deterministic;
            return this;
        }

        /**
         * Whether to model the union of all parameters, conditional ones included (default true); false
         * models only the parameters every trial has, as Optuna's GPSampler, and samples the rest at
         * random.
         */
        public Builder unionSearchSpace(boolean union) {
            this.unionSearchSpace = union;
            return this;
        }

        /**
         * Whether running trials are taken into account at their posterior means (default true; only in
         * default mode, where running trials are visible).
         */
        public Builder fantasizeRunning(boolean fantasize) {
            this.fantasizeRunning = fantasize;
            return this;
        }

        /** Population of the acquisition optimiser's genetic algorithm (default 32). */
        public Builder populationSize(int size) {
            this.populationSize = checkAtLeast(size, 2, "populationSize");
            return this;
        }

        /** Generations of the genetic algorithm per branch searched (default 40; 0 keeps the best random candidate). */
        public Builder generations(int generations) {
            this.generations = checkAtLeast(generations, 0, "generations");
            return this;
        }

        /** Random candidates scored per branch before the genetic algorithm (default 256). */
        public Builder preliminarySamples(int n) {
            this.preliminarySamples = checkAtLeast(n, 1, "preliminarySamples");
            return this;
        }

        /** Branches (best by their random candidates) searched by the genetic algorithm (default 3). */
        public Builder branchesSearched(int n) {
            this.branchesSearched = checkAtLeast(n, 1, "branchesSearched");
            return this;
        }

        /**
         * In a reproducible study, trials {@code [k b, (k+1) b)} condition on exactly the trials before
         * {@code k b} (default 1). No effect in default mode.
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = checkAtLeast(batchSize, 1, "batchSize");
            return this;
        }

        /** Own seed instead of the study's (prefer {@code Study.builder().seed(n)}; a study given both refuses them if they differ). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public GpSampler build() {
            return new GpSampler(this);
        }
    }
}
