package dev.schedtune.trainers.train;

import static com.google.common.base.Preconditions.checkArgument;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything one training run needs: task, model, optimizer, the schedules driving its hyperparameters,
 * epochs, batch size and seed. Immutable; build with {@link #builder(TaskSpec, ModelSpec, ScheduleSet)}.
 *
 * <p>Defaults: SGD with momentum 0.9 (a {@code momentum} schedule overrides it), 10 epochs, batch size
 * 64, seed 0. One epoch is one shuffled pass over the training split in batches of {@code batchSize}
 * rows (the last batch may be smaller), so a run has {@code epochs · ceil(rows / batchSize)} steps.
 *
 * <p>A plan may continue a saved run ({@link Builder#resumeFrom(Path)}) and save its own end ({@link
 * Builder#saveTo(Path)}): then it trains the epochs after the checkpoint's up to {@link #epochs()}, in the
 * run's global numbering (epochs, steps and the schedules' step argument all count from the start of
 * the whole run), which is how population-based training moves a run from process to process.
 */
public final class TrainingPlan {
    private final TaskSpec task;
    private final ModelSpec model;
    private final OptimizerSpec optimizer;
    private final ScheduleSet schedules;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final boolean evaluateTest;
    private final @Nullable Path resumeFrom;
    private final @Nullable Path saveTo;

    private TrainingPlan(Builder b) {
        this.task = b.task;
        this.model = b.model;
        this.optimizer = b.optimizer;
        this.schedules = b.schedules;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.evaluateTest = b.evaluateTest;
        this.resumeFrom = b.resumeFrom;
        this.saveTo = b.saveTo;
    }

    /** Starts a plan training {@code model} on {@code task} with hyperparameters from {@code schedules}. */
    public static Builder builder(TaskSpec task, ModelSpec model, ScheduleSet schedules) {
        return new Builder(task, model, schedules);
    }

    /** A builder holding this plan's values. */
    public Builder toBuilder() {
        return new Builder(task, model, schedules)
                .optimizer(optimizer)
                .epochs(epochs)
                .batchSize(batchSize)
                .seed(seed)
                .evaluateTest(evaluateTest)
                .resumeFrom(resumeFrom)
                .saveTo(saveTo);
    }

    public TaskSpec task() {
        return task;
    }

    public ModelSpec model() {
        return model;
    }

    public OptimizerSpec optimizer() {
        return optimizer;
    }

    public ScheduleSet schedules() {
        return schedules;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public long seed() {
        return seed;
    }

    /** Whether a completed run ends with a pass over the task's test split ({@link TrainingResult#testLoss()}). */
    public boolean evaluatesTest() {
        return evaluateTest;
    }

    /** The checkpoint this run continues, if any (else it starts from weights drawn with its seed). */
    public Optional<Path> resumeFrom() {
        return Optional.ofNullable(resumeFrom);
    }

    /** Where the run's end is saved as a checkpoint when it completes, if anywhere. */
    public Optional<Path> saveTo() {
        return Optional.ofNullable(saveTo);
    }

    /** Optimizer steps per epoch on {@code task}'s training split. */
    public int stepsPerEpoch(Task task) {
        return Math.max(1, (task.train().size() + batchSize - 1) / batchSize);
    }

    /** Optimizer steps of the whole run on {@code task}. */
    public long totalSteps(Task task) {
        return (long) epochs * stepsPerEpoch(task);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof TrainingPlan)) {
            return false;
        }
        TrainingPlan p = (TrainingPlan) o;
        return task.equals(p.task)
                && model.equals(p.model)
                && optimizer.equals(p.optimizer)
                && schedules.equals(p.schedules)
                && epochs == p.epochs
                && batchSize == p.batchSize
                && seed == p.seed
                && evaluateTest == p.evaluateTest
                && Objects.equals(resumeFrom, p.resumeFrom)
                && Objects.equals(saveTo, p.saveTo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                task, model, optimizer, schedules, epochs, batchSize, seed, evaluateTest, resumeFrom, saveTo);
    }

    @Override
    public String toString() {
        return "TrainingPlan{task=" + task + ", model=" + model + ", optimizer=" + optimizer + ", schedules="
                + schedules.names() + ", epochs=" + epochs + ", batchSize=" + batchSize + ", seed=" + seed
                + (evaluateTest ? ", evaluateTest" : "")
                + (resumeFrom == null ? "" : ", resumeFrom=" + resumeFrom)
                + (saveTo == null ? "" : ", saveTo=" + saveTo) + "}";
    }

    /** Collects a plan's values; {@link #build()} checks them. */
    public static final class Builder {
        private final TaskSpec task;
        private final ModelSpec model;
        private final ScheduleSet schedules;
        private OptimizerSpec optimizer = OptimizerSpec.sgd(0.9);
        private int epochs = 10;
        private int batchSize = 64;
        private long seed;
        private boolean evaluateTest;
        private @Nullable Path resumeFrom;
        private @Nullable Path saveTo;

        private Builder(TaskSpec task, ModelSpec model, ScheduleSet schedules) {
            this.task = Objects.requireNonNull(task, "task");
            this.model = Objects.requireNonNull(model, "model");
            this.schedules = Objects.requireNonNull(schedules, "schedules");
        }

        public Builder optimizer(OptimizerSpec optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /** Passes over the training split; >= 1. */
        public Builder epochs(int epochs) {
            checkArgument(epochs >= 1, "epochs (%s) must be >= 1", epochs);
            this.epochs = epochs;
            return this;
        }

        /** Rows per optimizer step; >= 1. */
        public Builder batchSize(int batchSize) {
            checkArgument(batchSize >= 1, "batchSize (%s) must be >= 1", batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** Seeds weight initialisation and shuffling; equal seeds give equal runs on one thread. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Whether a completed run ends with one pass over the task's test split (default false). Studies
         * never search on it: only the confirmation of their results, after the search, asks for it.
         */
        public Builder evaluateTest(boolean evaluateTest) {
            this.evaluateTest = evaluateTest;
            return this;
        }

        /**
         * Continues the run saved in {@code checkpoint} (null: start afresh): the weights, optimizer state,
         * step counter and shuffling come from the file, and the run trains the epochs after the
         * checkpoint's up to {@link #epochs(int)}, which then counts the whole run's epochs. A missing,
         * damaged or mismatched file fails the run with a {@link CheckpointException}.
         */
        public Builder resumeFrom(@Nullable Path checkpoint) {
            this.resumeFrom = checkpoint;
            return this;
        }

        /** Saves the run's end to {@code checkpoint} when it completes (null: nowhere); replaced atomically. */
        public Builder saveTo(@Nullable Path checkpoint) {
            this.saveTo = checkpoint;
            return this;
        }

        /**
         * The plan. The schedule set is checked against the optimizer here (names); value ranges are
         * checked at every step of the run before training starts.
         */
        public TrainingPlan build() {
            for (String name : schedules.names()) {
                checkArgument(
                        optimizer.schedulableNames().contains(name),
                        "the schedule set drives '%s', which %s does not have; it takes: %s",
                        name,
                        optimizer.kind().configName(),
                        optimizer.schedulableNames());
            }
            checkArgument(
                    schedules.contains(ScheduleSet.LR),
                    "the schedule set must drive 'lr'; it drives %s",
                    schedules.names());
            return new TrainingPlan(this);
        }
    }
}
