package dev.schedtune.trainers.lrfind;

import static com.google.common.base.Preconditions.checkArgument;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.train.TrainingSession;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Leslie Smith's learning-rate range test, as fastai's {@code lr_find}: a fresh model trains for
 * {@code steps} steps while the learning rate rises exponentially from {@code minLr} to {@code maxLr}
 * ({@code lr_t = minLr · (maxLr/minLr)^(t/(steps−1))}); the loss of every step is recorded and smoothed
 * with a bias-corrected exponential moving average ({@code avg = β·avg + (1−β)·loss}, smoothed {@code =
 * avg/(1−β^(t+1))}); the sweep stops early once the smoothed loss exceeds {@code divergenceFactor}
 * times its best so far, or the loss is not finite. The suggestion follows a {@link SuggestionRule}
 * (default {@link SuggestionRule#MINIMUM_DIV_10}).
 *
 * <p>Defaults: 1e-7 to 10 over 100 steps, β = 0.98, divergence factor 4, SGD with momentum 0.9, batch 64,
 * seed 0. Runs in this JVM (it needs every step's loss).
 */
public final class LrFinder {
    private final TaskSpec task;
    private final ModelSpec model;
    private final OptimizerSpec optimizer;
    private final double minLr;
    private final double maxLr;
    private final int steps;
    private final int batchSize;
    private final long seed;
    private final double smoothing;
    private final double divergenceFactor;
    private final SuggestionRule rule;

    private LrFinder(Builder b) {
        this.task = b.task;
        this.model = b.model;
        this.optimizer = b.optimizer;
        this.minLr = b.minLr;
        this.maxLr = b.maxLr;
        this.steps = b.steps;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.smoothing = b.smoothing;
        this.divergenceFactor = b.divergenceFactor;
        this.rule = b.rule;
    }

    /** A range test of {@code model} on {@code task}. */
    public static Builder builder(TaskSpec task, ModelSpec model) {
        return new Builder(task, model);
    }

    /** The learning rate the sweep uses at 0-based step {@code t}. */
    public double lrAt(long t) {
        return minLr * Math.pow(maxLr / minLr, (double) t / (steps - 1));
    }

    /** Runs the sweep. */
    public LrFindResult run() {
        Task loaded = task.load();
        Schedule lr = this::lrAt;
        ScheduleSet schedules = ScheduleSet.of(lr);
        optimizer.validate(schedules, steps);
        double[] lrs = new double[steps];
        double[] losses = new double[steps];
        double[] smoothed = new double[steps];
        int[] recorded = {0};
        boolean[] diverged = {false};
        double[] state = {0, Double.POSITIVE_INFINITY}; // running average, best smoothed loss
        try (TrainingSession session = TrainingSession.open(loaded, model, optimizer, schedules, batchSize, seed)) {
            boolean more = true;
            while (more && recorded[0] < steps && !diverged[0]) {
                TrainingSession.EpochOutcome outcome = session.trainEpoch((step, loss) -> {
                    int i = recorded[0];
                    lrs[i] = lrAt(step);
                    losses[i] = loss;
                    if (!Double.isFinite(loss)) {
                        smoothed[i] = loss;
                        recorded[0]++;
                        diverged[0] = true;
                        return false;
                    }
                    state[0] = smoothing * state[0] + (1 - smoothing) * loss;
                    smoothed[i] = state[0] / (1 - Math.pow(smoothing, i + 1));
                    recorded[0]++;
                    if (i > 0 && smoothed[i] > divergenceFactor * state[1]) {
                        diverged[0] = true;
                        return false;
                    }
                    state[1] = Math.min(state[1], smoothed[i]);
                    return recorded[0] < steps;
                });
                if (outcome.diverged()) {
                    diverged[0] = true;
                }
                more = outcome.steps() > 0;
            }
        }
        int n = recorded[0];
        return suggest(Arrays.copyOf(lrs, n), Arrays.copyOf(losses, n), Arrays.copyOf(smoothed, n), diverged[0]);
    }

    private LrFindResult suggest(double[] lrs, double[] losses, double[] smoothed, boolean diverged) {
        int usable = 0;
        while (usable < smoothed.length && Double.isFinite(smoothed[usable])) {
            usable++;
        }
        if (usable < 5) {
            return new LrFindResult(
                    lrs,
                    losses,
                    smoothed,
                    rule,
                    Double.NaN,
                    Double.NaN,
                    diverged,
                    String.format(
                            Locale.ROOT,
                            "no suggestion: the loss diverged after %d steps; lower minLr (now %.3g)",
                            usable,
                            minLr));
        }
        int argMin = 0;
        for (int i = 1; i < usable; i++) {
            if (smoothed[i] < smoothed[argMin]) {
                argMin = i;
            }
        }
        double minimumOverTen = lrs[argMin] / 10;
        // as fastai: the first tenth of the sweep is left out, where the bias-corrected average still
        // follows single noisy losses and its slope means little
        int skip = usable / 10;
        int end = Math.min(usable - 1, Math.max(skip + 1, argMin));
        int steepestAt = skip;
        double steepestSlope = Double.POSITIVE_INFINITY;
        for (int i = skip; i < end; i++) {
            double slope = (smoothed[i + 1] - smoothed[i]) / (Math.log(lrs[i + 1]) - Math.log(lrs[i]));
            if (slope < steepestSlope) {
                steepestSlope = slope;
                steepestAt = i;
            }
        }
        double steepest = lrs[steepestAt];
        double chosen = rule == SuggestionRule.STEEPEST ? steepest : minimumOverTen;
        String message = String.format(
                Locale.ROOT,
                "%d steps, lr %.3g to %.3g%s; smoothed loss lowest (%.4g) at lr %.3g, falls fastest at lr %.3g;"
                        + " suggested max lr %.3g (%s)",
                lrs.length,
                lrs[0],
                lrs[lrs.length - 1],
                diverged ? ", stopped when the loss diverged" : "",
                smoothed[argMin],
                lrs[argMin],
                steepest,
                chosen,
                rule == SuggestionRule.STEEPEST ? "steepest descent" : "minimum / 10");
        return new LrFindResult(lrs, losses, smoothed, rule, minimumOverTen, steepest, diverged, message);
    }

    /** Settings of a range test; every setter validates at once. */
    public static final class Builder {
        private final TaskSpec task;
        private final ModelSpec model;
        private OptimizerSpec optimizer = OptimizerSpec.sgd(0.9);
        private double minLr = 1e-7;
        private double maxLr = 10;
        private int steps = 100;
        private int batchSize = 64;
        private long seed;
        private double smoothing = 0.98;
        private double divergenceFactor = 4;
        private SuggestionRule rule = SuggestionRule.MINIMUM_DIV_10;

        private Builder(TaskSpec task, ModelSpec model) {
            this.task = Objects.requireNonNull(task, "task");
            this.model = Objects.requireNonNull(model, "model");
        }

        /** The optimizer (its lr is swept; momentum, betas and weight decay stay constant). */
        public Builder optimizer(OptimizerSpec optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /** The sweep's range: {@code 0 < minLr < maxLr}. */
        public Builder range(double minLr, double maxLr) {
            checkArgument(minLr > 0 && Double.isFinite(minLr), "minLr (%s) must be > 0", minLr);
            checkArgument(maxLr > minLr && Double.isFinite(maxLr), "maxLr (%s) must be > minLr (%s)", maxLr, minLr);
            this.minLr = minLr;
            this.maxLr = maxLr;
            return this;
        }

        /** Steps of the sweep (>= 5); the training split is passed over as often as needed. */
        public Builder steps(int steps) {
            checkArgument(steps >= 5, "steps (%s) must be >= 5", steps);
            this.steps = steps;
            return this;
        }

        public Builder batchSize(int batchSize) {
            checkArgument(batchSize >= 1, "batchSize (%s) must be >= 1", batchSize);
            this.batchSize = batchSize;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** β of the loss's moving average, in [0, 1) (0: no smoothing). */
        public Builder smoothing(double beta) {
            checkArgument(beta >= 0 && beta < 1, "smoothing (%s) must be in [0, 1)", beta);
            this.smoothing = beta;
            return this;
        }

        /** Stop once the smoothed loss exceeds this many times its best (> 1). */
        public Builder divergenceFactor(double factor) {
            checkArgument(factor > 1 && Double.isFinite(factor), "divergenceFactor (%s) must be > 1", factor);
            this.divergenceFactor = factor;
            return this;
        }

        public Builder rule(SuggestionRule rule) {
            this.rule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        public LrFinder build() {
            return new LrFinder(this);
        }
    }
}
