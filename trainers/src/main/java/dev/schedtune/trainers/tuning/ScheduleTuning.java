package dev.schedtune.trainers.tuning;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.template.Template;
import dev.schedtune.search.MultiObjective;
import dev.schedtune.search.Objective;
import dev.schedtune.search.StudyDirection;
import dev.schedtune.search.Trial;
import dev.schedtune.search.TrialPrunedException;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.train.EpochListener;
import dev.schedtune.trainers.train.EpochReport;
import dev.schedtune.trainers.train.TrainingLoop;
import dev.schedtune.trainers.train.TrainingPlan;
import dev.schedtune.trainers.train.TrainingResult;
import dev.schedtune.trainers.train.TrainingStatus;
import dev.schedtune.trainers.train.WarmUp;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tunable schedule template bound to a training task: the objective of a study that searches for
 * the best schedule. For each trial it asks the trial for the template's active parameters ({@code
 * suggestFloat}/{@code suggestInt}/{@code suggestCategorical}, define-by-run), binds them to a schedule
 * set, trains it, reports every epoch's values to the trial (one per objective, so pruners work) and
 * stops the run as soon as {@link Trial#shouldPrune()} says so (the trial then ends PRUNED). It returns
 * the objectives asked for, in order, and stores accuracy, training loss, epochs, steps, timing and the
 * run's status as user attributes.
 *
 * <pre>{@code
 * ScheduleTuning tuning = ScheduleTuning.builder(TaskSpec.digits(), ModelSpec.mlp(64), template)
 *         .objectives(TuningObjective.VALIDATION_LOSS, TuningObjective.SECONDS)
 *         .epochs(10)
 *         .pool(pool)                       // parallel trials: one worker process per job
 *         .build();
 * Study study = Study.builder("schedules").directions(tuning.directions()).create();
 * study.optimizeMulti(tuning.asMultiObjective(), TrialBudget.trials(40), null, 2);
 * }</pre>
 *
 * <p>The {@link TuningObjective#SECONDS} objective is the training time of the trial (engine start and
 * set-up excluded; see {@code TrainingResult}); every worker, and this JVM before its first trial,
 * warms up the JIT first so that early trials are not penalised.
 *
 * <p>Without a pool, trials train in this JVM one at a time (DJL's autograd is process-global; trials
 * started concurrently wait their turn, so nJobs > 1 gains nothing there): give it a {@link WorkerPool}
 * for parallel trials. Every trial trains from the same initial weights (seed {@link
 * Builder#seed(long)}), so trials differ by their schedules only. A diverged trial fails, or completes
 * with a penalty ({@link DivergencePolicy}).
 */
public final class ScheduleTuning {
    /** User attribute keys stored on every trial. */
    public static final String ACCURACY_ATTR = "accuracy";

    public static final String TRAIN_LOSS_ATTR = "train_loss";
    public static final String VALIDATION_LOSS_ATTR = "validation_loss";
    public static final String SECONDS_ATTR = "seconds";
    public static final String EPOCHS_ATTR = "epochs";
    public static final String STEPS_ATTR = "steps";
    public static final String STATUS_ATTR = "training_status";
    public static final String ENGINE_START_ATTR = "engine_start_seconds";
    public static final String SETUP_SECONDS_ATTR = "setup_seconds";

    private static final int WARM_UP_STEPS = 1500;
    /** DJL's autograd is process-global: trials in this JVM train one at a time. */
    private static final java.util.concurrent.locks.ReentrantLock IN_PROCESS =
            new java.util.concurrent.locks.ReentrantLock();

    private final TaskSpec task;
    private final ModelSpec model;
    private final Template template;
    private final OptimizerSpec optimizer;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final ImmutableList<TuningObjective> objectives;
    private final DivergencePolicy divergence;
    private final @Nullable WorkerPool pool;
    private final boolean warmUp;

    private ScheduleTuning(Builder b) {
        this.task = b.task;
        this.model = b.model;
        this.template = b.template;
        this.optimizer = b.optimizer;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.objectives = b.objectives;
        this.divergence = b.divergence;
        this.pool = b.pool;
        this.warmUp = b.warmUp;
    }

    /** Tuning {@code template}'s parameters for {@code model} on {@code task}. */
    public static Builder builder(TaskSpec task, ModelSpec model, Template template) {
        return new Builder(task, model, template);
    }

    /** The objectives returned, in order. */
    public List<TuningObjective> objectives() {
        return objectives;
    }

    /** The study directions matching {@link #objectives()}. */
    public List<StudyDirection> directions() {
        return objectives.stream().map(TuningObjective::direction).toList();
    }

    public Template template() {
        return template;
    }

    /** This tuning as a single-objective study's objective (its first objective). */
    public Objective asObjective() {
        return trial -> evaluate(trial)[0];
    }

    /** This tuning as a multi-objective study's objective. */
    public MultiObjective asMultiObjective() {
        return this::evaluate;
    }

    /** The training plan for template values {@code values} (what a trial with these values trains). */
    public TrainingPlan plan(Map<String, ?> values) {
        ScheduleSet schedules = template.bindSet(values);
        return TrainingPlan.builder(task, model, schedules)
                .optimizer(optimizer)
                .epochs(epochs)
                .batchSize(batchSize)
                .seed(seed)
                .build();
    }

    /**
     * Runs one trial: suggests, trains, reports, and returns one value per objective.
     *
     * @throws TrialPrunedException when the study's pruner stopped the trial
     * @throws TrialDivergedException when training diverged and the policy is to fail
     * @throws IllegalArgumentException when the bound schedule is invalid for the run (for example an lr
     *     below 0 at some step)
     */
    public double[] evaluate(Trial trial) {
        TrainingPlan plan = plan(template.suggest(new TrialSuggester(trial)));
        if (pool == null && warmUp) {
            WarmUp.run(WARM_UP_STEPS);
        }
        boolean[] pruned = {false};
        EpochListener listener = report -> {
            trial.report(report.epoch(), values(report));
            if (trial.shouldPrune()) {
                pruned[0] = true;
                return EpochListener.Decision.STOP;
            }
            return EpochListener.Decision.CONTINUE;
        };
        TrainingResult result;
        if (pool != null) {
            result = pool.run(plan, listener);
        } else {
            IN_PROCESS.lock();
            try {
                result = TrainingLoop.run(plan, listener);
            } finally {
                IN_PROCESS.unlock();
            }
        }
        record(trial, result);
        if (pruned[0]) {
            throw new TrialPrunedException("pruned after epoch " + lastReported(result, trial));
        }
        if (result.status() == TrainingStatus.DIVERGED) {
            if (divergence.fails()) {
                throw new TrialDivergedException(result.message());
            }
            double[] out = new double[objectives.size()];
            for (int i = 0; i < out.length; i++) {
                TuningObjective o = objectives.get(i);
                out[i] = o == TuningObjective.VALIDATION_LOSS
                        ? divergence.lossPenalty()
                        : o == TuningObjective.ACCURACY ? divergence.accuracyPenalty() : result.seconds();
            }
            return out;
        }
        double[] out = new double[objectives.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = objectives.get(i).of(result);
        }
        return out;
    }

    private static int lastReported(TrainingResult result, Trial trial) {
        return trial.snapshot().intermediateValues().keySet().stream()
                .mapToInt(Long::intValue)
                .max()
                .orElse(result.epochs().size());
    }

    private double[] values(EpochReport report) {
        double[] v = new double[objectives.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = objectives.get(i).of(report);
        }
        return v;
    }

    private static void record(Trial trial, TrainingResult result) {
        if (!result.epochs().isEmpty()) {
            EpochReport last = result.epochs().get(result.epochs().size() - 1);
            if (!Double.isNaN(last.validationAccuracy())) {
                trial.setUserAttr(ACCURACY_ATTR, last.validationAccuracy());
            }
            trial.setUserAttr(TRAIN_LOSS_ATTR, finiteOrNull(last.trainLoss()));
            trial.setUserAttr(VALIDATION_LOSS_ATTR, finiteOrNull(last.validationLoss()));
        }
        trial.setUserAttr(SECONDS_ATTR, result.seconds());
        trial.setUserAttr(EPOCHS_ATTR, result.epochs().size());
        trial.setUserAttr(STEPS_ATTR, result.steps());
        trial.setUserAttr(STATUS_ATTR, result.status().name().toLowerCase(java.util.Locale.ROOT));
        trial.setUserAttr(ENGINE_START_ATTR, result.engineStartSeconds());
        trial.setUserAttr(SETUP_SECONDS_ATTR, result.setupSeconds());
    }

    private static @Nullable Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Picks the first option of every choice and the lower end of every range. */
    private static final class LowestSuggester implements dev.schedtune.dsl.template.Suggester {
        @Override
        public double suggestFloat(String name, double low, double high, double step, boolean log) {
            return low;
        }

        @Override
        public long suggestInt(String name, long low, long high, long step, boolean log) {
            return low;
        }

        @Override
        public String suggestCategorical(String name, List<String> labels) {
            return labels.get(0);
        }
    }

    /** Settings of a tuning objective. */
    public static final class Builder {
        private final TaskSpec task;
        private final ModelSpec model;
        private final Template template;
        private OptimizerSpec optimizer = OptimizerSpec.sgd(0.9);
        private int epochs = 10;
        private int batchSize = 64;
        private long seed;
        private ImmutableList<TuningObjective> objectives =
                ImmutableList.of(TuningObjective.VALIDATION_LOSS, TuningObjective.SECONDS);
        private DivergencePolicy divergence = DivergencePolicy.fail();
        private @Nullable WorkerPool pool;
        private boolean warmUp = true;

        private Builder(TaskSpec task, ModelSpec model, Template template) {
            this.task = Objects.requireNonNull(task, "task");
            this.model = Objects.requireNonNull(model, "model");
            this.template = Objects.requireNonNull(template, "template");
        }

        public Builder optimizer(OptimizerSpec optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        public Builder epochs(int epochs) {
            checkArgument(epochs >= 1, "epochs (%s) must be >= 1", epochs);
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            checkArgument(batchSize >= 1, "batchSize (%s) must be >= 1", batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** The weight-initialisation and shuffling seed of every trial (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The objectives, in the order the study's directions list them (default: validation loss, seconds). */
        public Builder objectives(TuningObjective first, TuningObjective... rest) {
            ImmutableList<TuningObjective> all = ImmutableList.<TuningObjective>builder()
                    .add(first)
                    .add(rest)
                    .build();
            checkArgument(all.stream().distinct().count() == all.size(), "objectives %s repeat one", all);
            this.objectives = all;
            return this;
        }

        /** What a diverged trial becomes (default: FAIL). */
        public Builder divergence(DivergencePolicy policy) {
            this.divergence = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Train trials in these worker processes (needed for parallel trials). */
        public Builder pool(@Nullable WorkerPool pool) {
            this.pool = pool;
            return this;
        }

        /**
         * Whether trials in this JVM first run a short warm-up training once (default true), so the
         * first trial's seconds are not inflated by JIT compilation. Workers always warm up.
         */
        public Builder warmUp(boolean warmUp) {
            this.warmUp = warmUp;
            return this;
        }

        /**
         * The tuning objective. Checks up front that the objectives suit the task, that the pool can take
         * the task, and that the template's schedules drive only hyperparameters the optimizer has (by
         * binding the first option of every choice and the lower end of every range).
         */
        public ScheduleTuning build() {
            boolean regression = task.kind().equals(TaskSpec.TEACHER_STUDENT)
                    || task.kind().equals(TaskSpec.CSV)
                            && "regression".equals(task.params().get("type"));
            checkArgument(
                    !(regression && objectives.contains(TuningObjective.ACCURACY)),
                    "objective accuracy needs a classification task; %s is a regression task",
                    task);
            checkArgument(
                    pool == null || task.isPortable(),
                    "an in-memory task cannot be sent to worker processes; describe it as data (a CSV file)");
            ScheduleSet sample = template.bindSet(template.suggest(new LowestSuggester()));
            for (String name : sample.names()) {
                checkArgument(
                        optimizer.schedulableNames().contains(name),
                        "the template's schedules drive '%s', which %s does not have; it takes: %s",
                        name,
                        optimizer.kind().configName(),
                        optimizer.schedulableNames());
            }
            return new ScheduleTuning(this);
        }
    }
}
