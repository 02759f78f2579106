package dev.schedtune.search.pbt;

import com.google.common.collect.ImmutableMap;
import dev.schedtune.search.Study;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.internal.Checks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of a population-based training run (Jaderberg et al., 2017), as Ray Tune's {@code
 * PopulationBasedTraining} has them: a population of {@link #population()} members trains {@link
 * #epochs()} epochs each; after every {@link #interval()} epochs (a generation) the members are ranked
 * by the study's objective, the bottom {@link #quantile()} copy the weights of a random member of the top
 * {@link #quantile()} (exploit) and change the copied hyperparameters (explore): each is resampled from
 * its distribution with probability {@link #resampleProbability()}, else multiplied by 0.8 or 1.2 (and
 * clipped to its range). Members that failed a step always copy.
 *
 * <p>Generations are synchronous: a generation's exploit waits for all its members, so the decisions
 * depend only on the seed and the scores, and the same seed gives the same lineage whatever the number of
 * workers. Bind the settings to a study with {@link #population(Study)}.
 */
public final class PopulationBasedTraining {
    private final int population;
    private final int epochs;
    private final int interval;
    private final double quantile;
    private final double resampleProbability;
    private final double lowFactor;
    private final double highFactor;
    private final ImmutableMap<String, FloatDistribution> hyperparameters;
    private final Duration claimGrace;
    private final Duration pollInterval;
    private final int maxAttempts;

    private PopulationBasedTraining(Builder b) {
        this.population = b.population;
        this.epochs = b.epochs;
        this.interval = b.interval;
        this.quantile = b.quantile;
        this.resampleProbability = b.resampleProbability;
        this.lowFactor = b.lowFactor;
        this.highFactor = b.highFactor;
        this.hyperparameters = ImmutableMap.copyOf(b.hyperparameters);
        this.claimGrace = b.claimGrace;
        this.pollInterval = b.pollInterval;
        this.maxAttempts = b.maxAttempts;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds these settings to {@code study} (its storage holds the population); see {@link Population}. */
    public Population population(Study study) {
        return new Population(this, study);
    }

    public int population() {
        return population;
    }

    /** Epochs each member trains in all. */
    public int epochs() {
        return epochs;
    }

    /** Epochs per generation (the last generation may be shorter). */
    public int interval() {
        return interval;
    }

    /** Number of generations: {@code ceil(epochs / interval)}. */
    public int generations() {
        return (epochs + interval - 1) / interval;
    }

    /** Fraction of the population that copies (and that is copied); Ray's {@code quantile_fraction}. */
    public double quantile() {
        return quantile;
    }

    /** Probability that an explored value is resampled rather than perturbed; Ray's {@code resample_probability}. */
    public double resampleProbability() {
        return resampleProbability;
    }

    public double lowFactor() {
        return lowFactor;
    }

    public double highFactor() {
        return highFactor;
    }

    /** The hyperparameters and the ranges they are sampled from and clipped to, in order. */
    public Map<String, FloatDistribution> hyperparameters() {
        return hyperparameters;
    }

    /** How long a step's claim lives without its worker renewing it before another worker takes it over. */
    public Duration claimGrace() {
        return claimGrace;
    }

    /** How often an idle worker looks at the population again. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** Tries of one step (a worker that dies costs one) before it counts as failed. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Members that copy at each exploit: {@code ceil(population · quantile)}, at most half the population. */
    int copies() {
        int k = (int) Math.ceil(population * quantile);
        return Math.min(k, population / 2);
    }

    /** The settings that must agree between workers sharing a population, as stored with the study. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("population", (long) population);
        m.put("epochs", (long) epochs);
        m.put("interval", (long) interval);
        m.put("quantile", quantile);
        m.put("resample_probability", resampleProbability);
        m.put("perturbation_factors", java.util.List.of(lowFactor, highFactor));
        Map<String, Object> hp = new LinkedHashMap<>();
        hyperparameters.forEach((k, v) -> hp.put(k, v.describe()));
        m.put("hyperparameters", hp);
        return m;
    }

    @Override
    public boolean equals(@org.jspecify.annotations.Nullable Object o) {
        return o instanceof PopulationBasedTraining && toJson().equals(((PopulationBasedTraining) o).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "PopulationBasedTraining" + toJson();
    }

    /** Collects the settings; {@link #build()} checks that they fit together. */
    public static final class Builder {
        private int population = 8;
        private int epochs = 8;
        private int interval = 1;
        private double quantile = 0.25;
        private double resampleProbability = 0.25;
        private double lowFactor = 0.8;
        private double highFactor = 1.2;
        private final Map<String, FloatDistribution> hyperparameters = new LinkedHashMap<>();
        private Duration claimGrace = Duration.ofMinutes(2);
        private Duration pollInterval = Duration.ofMillis(200);
        private int maxAttempts = 3;

        private Builder() {}

        /** Members trained side by side; >= 2 (default 8). */
        public Builder population(int population) {
            if (population < 2) {
                throw new IllegalArgumentException("population (" + population + ") must be >= 2");
            }
            this.population = population;
            return this;
        }

        /** Epochs each member trains; >= 1 (default 8). */
        public Builder epochs(int epochs) {
            Checks.checkPositive(epochs, "epochs");
            this.epochs = epochs;
            return this;
        }

        /** Epochs between exploits; >= 1 (default 1). */
        public Builder interval(int interval) {
            Checks.checkPositive(interval, "interval");
            this.interval = interval;
            return this;
        }

        /** Fraction that copies and is copied, in (0, 0.5] (default 0.25). */
        public Builder quantile(double quantile) {
            if (!(quantile > 0 && quantile <= 0.5)) {
                throw new IllegalArgumentException("quantile (" + quantile + ") must be in (0, 0.5]");
            }
            this.quantile = quantile;
            return this;
        }

        /** Probability of resampling an explored value, in [0, 1] (default 0.25). */
        public Builder resampleProbability(double p) {
            Checks.checkInClosedRange(p, 0, 1, "resampleProbability");
            this.resampleProbability = p;
            return this;
        }

        /** The factors a perturbed value is multiplied by, one of them at random (default 0.8 and 1.2). */
        public Builder perturbationFactors(double low, double high) {
            Checks.checkPositive(low, "low perturbation factor");
            Checks.checkPositive(high, "high perturbation factor");
            this.lowFactor = low;
            this.highFactor = high;
            return this;
        }

        /** A hyperparameter the population explores, sampled from and clipped to {@code distribution}. */
        public Builder hyperparameter(String name, FloatDistribution distribution) {
            Checks.checkName(name, "hyperparameter name");
            Objects.requireNonNull(distribution, "distribution");
            if (distribution.hasStep()) {
                throw new IllegalArgumentException(
                        "hyperparameter '" + name + "' has a stepped distribution; PBT perturbs continuous values");
            }
            hyperparameters.put(name, distribution);
            return this;
        }

        /** How long a claim lives without renewal before another worker retries the step (default 2 min). */
        public Builder claimGrace(Duration grace) {
            if (grace.isNegative() || grace.isZero()) {
                throw new IllegalArgumentException("claimGrace (" + grace + ") must be > 0");
            }
            this.claimGrace = grace;
            return this;
        }

        /** How often an idle worker looks at the population again (default 200 ms). */
        public Builder pollInterval(Duration poll) {
            if (poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("pollInterval (" + poll + ") must be > 0");
            }
            this.pollInterval = poll;
            return this;
        }

        /** Tries of a step whose worker died, >= 1 (default 3). */
        public Builder maxAttempts(int attempts) {
            Checks.checkPositive(attempts, "maxAttempts");
            this.maxAttempts = attempts;
            return this;
        }

        public PopulationBasedTraining build() {
            if (hyperparameters.isEmpty()) {
                throw new IllegalArgumentException("PBT needs at least one hyperparameter to explore (e.g. lr)");
            }
            return new PopulationBasedTraining(this);
        }
    }
}
