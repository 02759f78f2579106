package dev.schedtune.trainers.pbt;

import static com.google.common.base.Preconditions.checkArgument;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.search.Study;
import dev.schedtune.search.pbt.MemberRecord;
import dev.schedtune.search.pbt.Population;
import dev.schedtune.search.pbt.PopulationBasedTraining;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.train.EpochListener;
import dev.schedtune.trainers.train.TrainingPlan;
import dev.schedtune.trainers.train.TrainingResult;
import dev.schedtune.trainers.train.TrainingStatus;
import dev.schedtune.trainers.tuning.TuningObjective;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Population-based training of a model on a task: binds {@link PopulationBasedTraining} settings (which
 * hyperparameters the population explores, over how many epochs) to what is trained. Each member's
 * interval trains from the checkpoint it copied (in a {@link WorkerPool}, one process per step, or in
 * this JVM), with its whole hyperparameter history as its schedules ({@link DiscoveredSchedule}), so a
 * member's weights always come from exactly the schedule its lineage reads.
 *
 * <pre>{@code
 * PbtTraining pbt = PbtTraining.builder(TaskSpec.fashionMnist(0), ModelSpec.referenceCnn(), settings)
 *         .objective(TuningObjective.ACCURACY)
 *         .checkpoints(dir.resolve(study.name()))
 *         .pool(pool)
 *         .build();
 * PbtTraining.Outcome outcome = pbt.run(study, pool.size(), step -> {});
 * Configs.write(outcome.schedule(), ConfigFormat.YAML);   // the discovered schedule
 * }</pre>
 *
 * <p>Same study seed, same population and interval: the same lineage, whatever the number of workers
 * (generations are synchronous, each step trains on one intra-op thread from an exact checkpoint). The
 * checkpoints of a study live in one folder, at most two per member while it runs and one at the end.
 */
public final class PbtTraining {
    /** Study system attribute: the discovered schedule as a JSON schedule config. */
    public static final String SCHEDULE_KEY = "pbt:schedule";
    /** Study system attribute: optimizer steps per epoch of the run. */
    public static final String STEPS_PER_EPOCH_KEY = "pbt:steps_per_epoch";

    private final TaskSpec task;
    private final ModelSpec model;
    private final OptimizerSpec optimizer;
    private final PopulationBasedTraining settings;
    private final int batchSize;
    private final TuningObjective objective;
    private final Path checkpoints;
    private final @Nullable WorkerPool pool;
    private final int crashRetries;

    private PbtTraining(Builder b) {
        this.task = b.task;
        this.model = b.model;
        this.optimizer = b.optimizer;
        this.settings = b.settings;
        this.batchSize = b.batchSize;
        this.objective = b.objective;
        this.checkpoints = Objects.requireNonNull(b.checkpoints, "checkpoints");
        this.pool = b.pool;
        this.crashRetries = b.crashRetries;
    }

    /** PBT of {@code model} on {@code task} exploring the hyperparameters of {@code settings}. */
    public static Builder builder(TaskSpec task, ModelSpec model, PopulationBasedTraining settings) {
        return new Builder(task, model, settings);
    }

    public PopulationBasedTraining settings() {
        return settings;
    }

    public TuningObjective objective() {
        return objective;
    }

    /** The folder holding the study's checkpoints. */
    public Path checkpoints() {
        return checkpoints;
    }

    /** Optimizer steps per epoch at this batch size on the task's training split. */
    public int stepsPerEpoch() {
        return Math.max(1, (task.load().train().size() + batchSize - 1) / batchSize);
    }

    /**
     * The population of {@code study} (created with its members if new, else the stored one).
     *
     * @throws IllegalArgumentException if the study's direction is not the objective's, or the study
     *     holds a population with other settings
     */
    public Population population(Study study) {
        checkArgument(
                study.directions().equals(List.of(objective.direction())),
                "study '%s' must %s (the objective %s); it has directions %s",
                study.name(),
                objective.direction().name().toLowerCase(Locale.ROOT),
                objective.configName(),
                study.directions());
        return settings.population(study);
    }

    /** {@link #run(Population, int, Consumer)} on {@link #population(Study) the study's population}. */
    public Outcome run(Study study, int threads, Consumer<MemberRecord> listener) {
        return run(population(study), threads, listener);
    }

    /**
     * Trains {@code population} to its end, {@code threads} steps at a time (more than the pool's size
     * is no use), together with any other process running the same study; returns when it is complete
     * or {@link Population#stop() stopped}. {@code listener} hears of every step this process records.
     * When complete, the discovered schedule is stored with the study ({@value #SCHEDULE_KEY}).
     *
     * @throws IllegalStateException if every member of a generation failed
     */
    public Outcome run(Population population, int threads, Consumer<MemberRecord> listener) {
        return run(population, threads, listener, EpochListener.NONE);
    }

    /** {@link #run(Population, int, Consumer)}, with every epoch of every step heard too. */
    Outcome run(Population population, int threads, Consumer<MemberRecord> listener, EpochListener epochs) {
        int spe = stepsPerEpoch();
        MemberTraining trainer = new MemberTraining(this, spe, epochs);
        population.run(trainer, threads, listener);
        Outcome outcome = outcome(population, spe);
        outcome.schedule().ifPresent(s -> {
            Study study = population.study();
            study.setSystemAttr(STEPS_PER_EPOCH_KEY, (long) spe);
            study.setSystemAttr(SCHEDULE_KEY, Configs.write(s, ConfigFormat.JSON));
        });
        return outcome;
    }

    private static Outcome outcome(Population population, int spe) {
        List<MemberRecord> lineage = population.lineage();
        ScheduleSet schedule = lineage.isEmpty() ? null : DiscoveredSchedule.ofLineage(lineage, spe);
        return new Outcome(population.records(), lineage, schedule);
    }

    /** The plan that trains {@code schedules} from scratch over the whole run with {@code seed}. */
    public TrainingPlan plan(ScheduleSet schedules, long seed) {
        return TrainingPlan.builder(task, model, schedules)
                .optimizer(optimizer)
                .epochs(settings.epochs())
                .batchSize(batchSize)
                .seed(seed)
                .build();
    }

    /**
     * The replay check of a finished run: the final best member's checkpoint and the discovered schedule
     * retrained from scratch with each of {@code seeds} (fresh ones: not the study's), all evaluated on
     * the task's test split, in the pool if there is one.
     *
     * @throws IllegalArgumentException if the run did not finish or the task has no test split
     */
    public ReplayCheck replay(Outcome outcome, List<Long> seeds) {
        checkArgument(!outcome.lineage().isEmpty(), "the PBT run did not finish: it has no lineage to replay");
        checkArgument(!seeds.isEmpty(), "the replay check needs at least one seed");
        MemberRecord best = outcome.lineage().get(outcome.lineage().size() - 1);
        ScheduleSet schedule = outcome.schedule().orElseThrow();
        MemberTraining trainer = new MemberTraining(this, stepsPerEpoch(), EpochListener.NONE);
        String checkpoint =
                best.checkpoint().orElseThrow(() -> new IllegalArgumentException("the best member left no checkpoint"));
        TrainingResult member = trainer.train(
                plan(schedule, 0).toBuilder()
                        .resumeFrom(trainer.file(checkpoint))
                        .evaluateTest(true)
                        .build(),
                "the test evaluation of member " + best.member());
        double[] accuracies = new double[seeds.size()];
        double[] losses = new double[seeds.size()];
        for (int i = 0; i < seeds.size(); i++) {
            TrainingResult r = trainer.train(
                    plan(schedule, seeds.get(i)).toBuilder().evaluateTest(true).build(),
                    "the replay with seed " + seeds.get(i));
            accuracies[i] = r.status() == TrainingStatus.COMPLETED ? r.testAccuracy() : Double.NaN;
            losses[i] = r.status() == TrainingStatus.COMPLETED ? r.testLoss() : Double.NaN;
        }
        return new ReplayCheck(member.testAccuracy(), member.testLoss(), seeds, accuracies, losses);
    }

    TaskSpec task() {
        return task;
    }

    @Nullable
    WorkerPool pool() {
        return pool;
    }

    int crashRetries() {
        return crashRetries;
    }

    /** What a finished (or stopped) run left: every step, and the final best member's lineage and schedule. */
    public static final class Outcome {
        private final List<MemberRecord> records;
        private final List<MemberRecord> lineage;
        private final @Nullable ScheduleSet schedule;

        Outcome(List<MemberRecord> records, List<MemberRecord> lineage, @Nullable ScheduleSet schedule) {
            this.records = List.copyOf(records);
            this.lineage = List.copyOf(lineage);
            this.schedule = schedule;
        }

        /** Every step recorded, by generation then member. */
        public List<MemberRecord> records() {
            return records;
        }

        /** The final best member's steps, generation by generation (empty unless the run finished). */
        public List<MemberRecord> lineage() {
            return lineage;
        }

        /** The discovered schedule: the lineage's hyperparameters, in optimizer steps. */
        public Optional<ScheduleSet> schedule() {
            return Optional.ofNullable(schedule);
        }
    }

    /** Collects the settings; {@link #build()} checks them against the optimizer. */
    public static final class Builder {
        private final TaskSpec task;
        private final ModelSpec model;
        private final PopulationBasedTraining settings;
        private OptimizerSpec optimizer = OptimizerSpec.sgd(0.9);
        private int batchSize = 64;
        private TuningObjective objective = TuningObjective.VALIDATION_LOSS;
        private @Nullable Path checkpoints;
        private @Nullable WorkerPool pool;
        private int crashRetries = 2;

        private Builder(TaskSpec task, ModelSpec model, PopulationBasedTraining settings) {
            this.task = Objects.requireNonNull(task, "task");
            this.model = Objects.requireNonNull(model, "model");
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** The optimizer (default SGD, momentum 0.9); the explored hyperparameters must be its own. */
        public Builder optimizer(OptimizerSpec optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /** Rows per optimizer step; >= 1 (default 64). */
        public Builder batchSize(int batchSize) {
            checkArgument(batchSize >= 1, "batchSize (%s) must be >= 1", batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** What ranks the members: validation loss (default) or accuracy. */
        public Builder objective(TuningObjective objective) {
            checkArgument(
                    objective != TuningObjective.SECONDS,
                    "objective (seconds) cannot rank a population; use validation_loss or accuracy");
            this.objective = objective;
            return this;
        }

        /** The study's checkpoint folder (created if missing); required. */
        public Builder checkpoints(Path folder) {
            this.checkpoints = Objects.requireNonNull(folder, "checkpoints");
            return this;
        }

        /** Trains steps in these worker processes (null: in this JVM, one step at a time). */
        public Builder pool(@Nullable WorkerPool pool) {
            this.pool = pool;
            return this;
        }

        /** Times a step is retried when its worker process dies (default 2), before the member fails. */
        public Builder crashRetries(int retries) {
            checkArgument(retries >= 0, "crashRetries (%s) must be >= 0", retries);
            this.crashRetries = retries;
            return this;
        }

        public PbtTraining build() {
            checkArgument(checkpoints != null, "a PBT run needs a checkpoint folder (checkpoints(path))");
            for (String name : settings.hyperparameters().keySet()) {
                checkArgument(
                        optimizer.schedulableNames().contains(name),
                        "hyperparameter '%s' is not one %s has; it takes: %s",
                        name,
                        optimizer.kind().configName(),
                        optimizer.schedulableNames());
            }
            checkArgument(
                    settings.hyperparameters().containsKey(ScheduleSet.LR),
                    "PBT must explore 'lr'; it explores %s",
                    settings.hyperparameters().keySet());
            return new PbtTraining(this);
        }
    }
}
