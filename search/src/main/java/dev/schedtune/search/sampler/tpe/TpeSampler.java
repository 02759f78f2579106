package dev.schedtune.search.sampler.tpe;

import static dev.schedtune.search.internal.Checks.checkAtLeast;
import static dev.schedtune.search.internal.Checks.checkPositive;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.sampler.EngineCache;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.sampler.Sampler;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.RandomStreams;
import dev.schedtune.search.trial.StudyView;
import dev.schedtune.search.trial.TrialState;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The Tree-structured Parzen Estimator, and on a study with several objectives MOTPE (multi-objective TPE):
 * one sampler for both, as Optuna's {@code TPESampler}, whose semantics and defaults it has (as of Optuna
 * 3.1). After {@code nStartupTrials} random trials, the finished trials are split into the best
 * {@code gamma(n)} and the rest; each group gets a Parzen estimator ({@code l} and {@code g}), and the
 * value chosen is the one of {@code nEiCandidates} samples of {@code l} that maximises {@code l(x)/g(x)}.
 *
 * <ul>
 *   <li>Univariate by default (one estimator per parameter, sampled when the objective suggests it, so
 *       conditional parameters work); {@link Builder#multivariate} samples the intersection search space
 *       jointly, {@link Builder#group} each group of parameters that always appear together.
 *   <li>Multi-objective (MOTPE): the good set is whole non-domination levels, the boundary level cut by
 *       greedy hypervolume subset selection, and good observations are weighted by their hypervolume
 *       contributions (Optuna 3.1's rule).
 *   <li>Constraints (feasible iff all ≤ 0): feasible trials rank before infeasible ones, infeasible ones
 *       by total violation.
 *   <li>{@link Builder#constantLiar}: running trials count as bad observations, so parallel workers do
 *       not all sample the same region (single objective, as in Optuna).
 * </ul>
 *
 * <p>Randomness for trial {@code n} comes from streams keyed by (seed, {@code n}, parameter), and what
 * trial {@code n} conditions on is the study's {@link StudyView#conditioningSet} with {@link
 * Builder#batchSize} (in reproducible mode: exactly the trials before its batch), so seeded studies are
 * reproducible, also with several workers in reproducible mode.
 *
 * <p>Cost: the sampler keeps its observations incrementally (sorted columns per parameter, the score
 * order, non-domination levels), reading only trials that changed since the previous sample; a sample
 * then costs O(n) per parameter, not a re-sort or an O(n²) ranking of the whole study.
 */
public final class TpeSampler implements Sampler {
    /** Number of trials in the good group for {@code n} finished trials. */
    @FunctionalInterface
    public interface Gamma {
        int nBelow(int nFinished);

        /** Optuna's default: {@code min(ceil(0.1 n), 25)}. */
        static Gamma optunaDefault() {
            return n -> Math.min((int) Math.ceil(0.1 * n), 25);
        }

        /** Hyperopt's: {@code min(ceil(0.25 sqrt(n)), 25)}. */
        static Gamma hyperopt() {
            return n -> Math.min((int) Math.ceil(0.25 * Math.sqrt(n)), 25);
        }
    }

    /** Weights of {@code n} observations, oldest first. */
    @FunctionalInterface
    public interface Weights {
        double[] weights(int n);

        /**
         * Optuna's default: 1 for the newest 25, a linear ramp from {@code 1/n} to 1 for the older
         * ones.
         */
        static Weights optunaDefault() {
            return TpeSampler::defaultWeights;
        }
    }

    static double[] defaultWeights(int n) {
        double[] w = new double[n];
        if (n < 25) {
            Arrays.fill(w, 1.0);
            return w;
        }
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++) {
            // numpy.linspace(1/n, 1, ramp)
            w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + i * (1.0 - 1.0 / n) / (ramp - 1);
        }
        Arrays.fill(w, ramp, n, 1.0);
        return w;
    }

    final int nStartupTrials;
    final int nEiCandidates;
    final Gamma gamma;
    final Weights weights;
    final TpeParameters parameters;
    final boolean group;
    final boolean constantLiar;
    final int batchSize;
    private final @Nullable Long seed;
    private final RandomSampler startup;
    private final EngineCache<TpeEngine> engines = EngineCache.of(study -> new TpeEngine(this, study));

    private TpeSampler(Builder b) {
        this.nStartupTrials = b.nStartupTrials;
        this.nEiCandidates = b.nEiCandidates;
        this.gamma = b.gamma;
        this.weights = b.weights;
        this.parameters = new TpeParameters(
                b.considerPrior, b.priorWeight, b.considerMagicClip, b.considerEndpoints, b.multivariate);
        this.group = b.group;
        this.constantLiar = b.constantLiar;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.startup = b.seed == null
                ? RandomSampler.create()
                : RandomSampler.builder().seed(b.seed).build();
    }

    /** A sampler with Optuna's defaults drawing from the study's seed. */
    public static TpeSampler create() {
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

    double startupValue(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        return startup.sampleIndependent(study, trial, name, distribution);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
        if (!parameters.multivariate()) {
            return Map.of();
        }
        return engines.apply(study, e -> e.relativeSearchSpace(study, trial));
    }

    @Override
    public Map<String, Double> sampleRelative(
            StudyView study, FrozenTrial trial, Map<String, Distribution> searchSpace) {
        if (searchSpace.isEmpty()) {
            return Map.of();
        }
        return engines.apply(study, e -> e.sampleRelative(study, trial, searchSpace));
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        return engines.apply(study, e -> e.sampleIndependent(study, trial, name, distribution));
    }

    @Override
    public void afterTrial(
            StudyView study, FrozenTrial trial, TrialState state, @Nullable ImmutableDoubleArray values) {
        TpeEngine e = engines.peek(study.name());
        if (e != null) {
            e.forget(trial.number());
        }
    }

    @Override
    public String toString() {
        return "TpeSampler(nStartupTrials=" + nStartupTrials + ", nEiCandidates=" + nEiCandidates
                + (parameters.multivariate() ? ", multivariate" + (group ? ", group" : "") : "")
                + (constantLiar ? ", constantLiar" : "") + (seed != null ? ", seed=" + seed : "") + ")";
    }

    /** Settings of a {@link TpeSampler}; defaults are Optuna 3.1's. */
    public static final class Builder {
        private int nStartupTrials = 10;
        private int nEiCandidates = 24;
        private Gamma gamma = Gamma.optunaDefault();
        private Weights weights = Weights.optunaDefault();
        private boolean considerPrior = true;
        private double priorWeight = 1.0;
        private boolean considerMagicClip = true;
        private boolean considerEndpoints = false;
        private boolean multivariate = false;
        private boolean group = false;
        private boolean constantLiar = false;
        private int batchSize = 1;
        private @Nullable Long seed;

        private Builder() {}

        /** Random trials before the model is used (default 10). */
        public Builder nStartupTrials(int n) {
            this.nStartupTrials = checkAtLeast(n, 0, "nStartupTrials");
            return this;
        }

        /** Samples of the good estimator scored per parameter (default 24). */
        public Builder nEiCandidates(int n) {
            this.nEiCandidates = checkAtLeast(n, 1, "nEiCandidates");
            return this;
        }

        public Builder gamma(Gamma gamma) {
            this.gamma = gamma;
            return this;
        }

        public Builder weights(Weights weights) {
            this.weights = weights;
            return this;
        }

        /** Whether each estimator has a prior kernel spanning the range (default true). */
        public Builder considerPrior(boolean considerPrior) {
            this.considerPrior = considerPrior;
            return this;
        }

        /** Weight of the prior kernel (default 1.0). */
        public Builder priorWeight(double priorWeight) {
            this.priorWeight = checkPositive(priorWeight, "priorWeight");
            return this;
        }

        /** Whether bandwidths are at least range / min(100, 1 + kernels) (default true). */
        public Builder considerMagicClip(boolean considerMagicClip) {
            this.considerMagicClip = considerMagicClip;
            return this;
        }

        /** Whether the range's ends count as neighbours of the outermost kernels (default false). */
        public Builder considerEndpoints(boolean considerEndpoints) {
            this.considerEndpoints = considerEndpoints;
            return this;
        }

        /** Joint sampling of the intersection search space (default false). */
        public Builder multivariate(boolean multivariate) {
            this.multivariate = multivariate;
            return this;
        }

        /** Joint sampling per group of parameters that always occur together; implies multivariate. */
        public Builder group(boolean group) {
            this.group = group;
            if (group) {
                this.multivariate = true;
            }
            return this;
        }

        /** Running trials count as bad observations (single objective; default false). */
        public Builder constantLiar(boolean constantLiar) {
            this.constantLiar = constantLiar;
            return this;
        }

        /**
         * In a reproducible study, trials {@code [k b, (k+1) b)} condition on exactly the trials before
         * {@code k b} (default 1: each trial waits for all earlier ones, as a sequential run). Larger
         * batches let {@code nJobs} workers sample a batch in parallel, still reproducibly. No effect in
         * default mode.
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

        public TpeSampler build() {
            return new TpeSampler(this);
        }
    }
}
