package dev.schedtune.trainers.tuning;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.template.Suggester;
import dev.schedtune.dsl.template.Template;
import dev.schedtune.dsl.template.Tunable;
import dev.schedtune.search.MultiObjective;
import dev.schedtune.search.Objective;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.TrialPrunedException;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.pool.WorkerCrashedException;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.train.EpochListener;
import dev.schedtune.trainers.train.EpochReport;
import dev.schedtune.trainers.train.TrainingLoop;
import dev.schedtune.trainers.train.TrainingPlan;
import dev.schedtune.trainers.train.TrainingResult;
import dev.schedtune.trainers.train.TrainingStatus;
import dev.schedtune.trainers.train.WarmUp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A tunable schedule template bound to a training task: the objective of a study that searches for the
 * best schedule, used by the library and by {@code schedtune tune} alike. For each trial it takes the
 * training settings the study tunes (epochs, batch size; {@link IntSetting}) and the template's active
 * parameters from the trial (define-by-run), binds them to a schedule set on the step axis ({@link
 * ScheduleUnits}), trains it — in a {@link WorkerPool} or in this JVM —, reports its objectives at
 * checkpoints so the study's pruner can stop it, and returns the objectives asked for, in order. What
 * the trial trained and how it went is stored as a {@link TrialRecord}.
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
 * <p>Checkpoints: with fixed epochs a trial reports after every epoch (step = the epoch); when the study
 * tunes the epochs it reports at 25, 50, 75 and 100 % of its run (step = the percentage), so trials of
 * different lengths are compared at the same point of their schedules.
 *
 * <p>Repeats ({@link Builder#repeats(int)}): each trial trains {@code r} times, run {@code k} with seed
 * {@code seed + k} on the validation split of {@code split_seed + k}; its objectives are the means, so
 * no schedule wins by one lucky seed, and so is the per-epoch validation loss it records. Only the first run
 * reports to the pruner: the trial's intermediate values are that run's.
 *
 * <p>Baselines ({@link Builder#baselines(List)}): a trial enqueued with the user attribute {@code
 * baseline} (see {@link #enqueueBaselines}) trains that baseline's schedule instead of the template's.
 *
 * <p>The {@link TuningObjective#SECONDS} objective is the training time of the trial (engine start and
 * set-up excluded; see {@code TrainingResult}); every worker, and this JVM before its first trial, warms
 * up the JIT first so that early trials are not penalised. Without a pool, trials train in this JVM one
 * at a time (DJL's autograd is process-global). A diverged trial fails, or completes with a penalty
 * ({@link DivergencePolicy}).
 */
public final class ScheduleTuning {
    /**
     * The constraint a trial gets with {@link Builder#belowChance(boolean)}: validation loss minus
     * {@value #CHANCE_FRACTION} times the chance level (the loss of always predicting the training split's
     * class frequencies, or its mean target). A run that learned nothing is infeasible, so it is never on
     * the Pareto front however fast it was.
     */
    public static final String CHANCE_CONSTRAINT = "below_chance";

    static final double CHANCE_FRACTION = 0.9;

    /**
     * Confirmation seeds start this far above the training seed: the search uses {@code seed} to {@code
     * seed + repeats - 1} (repeats are at most 20), so they never meet.
     */
    static final long CONFIRMATION_SEED_OFFSET = 1_000_003;

    private static final int WARM_UP_STEPS = 1500;
    private static final Duration CRASH_GRACE = Duration.ofSeconds(2);
    /** DJL's autograd is process-global: trials in this JVM train one at a time. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final TaskSpec task;
    private final ModelSpec model;
    private final Template template;
    private final OptimizerSpec optimizer;
    private final ScheduleUnits units;
    private final IntSetting epochs;
    private final IntSetting batchSize;
    private final long seed;
    private final int repeats;
    private final ImmutableList<TuningObjective> objectives;
    private final DivergencePolicy divergence;
    private final @Nullable WorkerPool pool;
    private final boolean warmUp;
    private final boolean belowChance;
    private final StopSignal stop;
    private final TrialTimeLimit timeLimit;
    private final ImmutableList<Baseline> baselines;
    private final @Nullable String familyParameter;
    private volatile double chance = Double.NaN;

    private ScheduleTuning(Builder b) {
        this.task = b.task;
        this.model = b.model;
        this.template = b.template;
        this.optimizer = b.optimizer;
        this.units = b.units;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.repeats = b.repeats;
        this.objectives = b.objectives;
        this.divergence = b.divergence;
        this.pool = b.pool;
        this.warmUp = b.warmUp;
        this.belowChance = b.belowChance;
        this.stop = b.stop;
        this.timeLimit = new TrialTimeLimit(b.trialTimeout);
        this.baselines = b.baselines;
        this.familyParameter = familyParameterOf(template);
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

    public TaskSpec task() {
        return task;
    }

    public IntSetting epochs() {
        return epochs;
    }

    public IntSetting batchSize() {
        return batchSize;
    }

    /** The baselines a study of this tuning trains next to its search (in order). */
    public List<Baseline> baselines() {
        return baselines;
    }

    /**
     * The template's first unconditional choice between whole schedules, if it has one: a trial's
     * "family", stored with the trial and shown in tables.
     */
    public @Nullable String familyParameter() {
        return familyParameter;
    }

    /** The family parameter of {@code template} (see {@link #familyParameter()}), or null. */
    public static @Nullable String familyParameterOf(Template template) {
        Optional<Tunable> root = template.space().stream()
                .filter(t -> t.type() == Tunable.Type.CHOICE && t.conditions().isEmpty())
                .filter(t -> t.options().stream().anyMatch(o -> o instanceof ScheduleSpec))
                .findFirst();
        return root.map(Tunable::name).orElse(null);
    }

    /** This tuning as a single-objective study's objective (its first objective). */
    public Objective asObjective() {
        return trial -> evaluate(trial)[0];
    }

    /** This tuning as a multi-objective study's objective. */
    public MultiObjective asMultiObjective() {
        return this::evaluate;
    }

    /**
     * The training plan for template values {@code values} with fixed epochs and batch size (what a trial
     * with these values trains).
     *
     * @throws IllegalStateException when the epochs or the batch size are tuned (use {@link #plan(Map, int,
     *     int)})
     */
    public TrainingPlan plan(Map<String, ?> values) {
        if (epochs.isTuned() || batchSize.isTuned()) {
            throw new IllegalStateException("epochs or batch size are tuned: give them, plan(values, epochs, batch)");
        }
        return plan(values, (int) epochs.low(), (int) batchSize.low());
    }

    /** The training plan for template values {@code values}, {@code epochs} epochs and this batch size. */
    public TrainingPlan plan(Map<String, ?> values, int epochs, int batchSize) {
        int spe = stepsPerEpoch(batchSize);
        return planOf(task, units.toSteps(template.bindSet(values), spe, epochs), epochs, batchSize, seed);
    }

    private TrainingPlan planOf(TaskSpec on, ScheduleSet schedules, int epochs, int batchSize, long seed) {
        return TrainingPlan.builder(on, model, schedules)
                .optimizer(optimizer)
                .epochs(epochs)
                .batchSize(batchSize)
                .seed(seed)
                .build();
    }

    /** Optimizer steps per epoch at {@code batchSize} on the task's training split. */
    public int stepsPerEpoch(int batchSize) {
        return Math.max(1, (task.load().train().size() + batchSize - 1) / batchSize);
    }

    /**
     * Runs one trial: takes its settings and schedule, trains, reports, and returns one value per
     * objective.
     *
     * @throws TrialPrunedException when the study's pruner stopped the trial
     * @throws TrialDivergedException when training diverged and the policy is to fail
     * @throws TrialInterruptedException when the {@link StopSignal} stopped it
     * @throws IllegalArgumentException when the bound schedule is invalid for the run (for example an lr
     *     below 0 at some step)
     */
    public double[] evaluate(Trial trial) {
        if (stop.isSet()) {
            throw new TrialInterruptedException("before training started");
        }
        int trialEpochs = (int) epochs.value(trial);
        int trialBatch = (int) batchSize.value(trial);
        int spe = stepsPerEpoch(trialBatch);
        TrialRecord.Builder planned = TrialRecord.builder();
        ScheduleSet schedules;
        Object baselineName = trial.userAttrs().get(TrialRecord.BASELINE);
        if (baselineName != null) {
            Baseline baseline = baselines.stream()
                    .filter(b -> b.name().equals(baselineName.toString()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("trial " + trial.number() + " is baseline '"
                            + baselineName + "', which this tuning does not have; it has: "
                            + baselines.stream().map(Baseline::name).toList()));
            schedules = baseline.schedules(spe, trialEpochs);
            planned.family(baseline.name());
            if (placedInSpace(trial)) {
                // the sampler sees the baseline as the point of the space it was fitted to (BaselineFit)
                template.suggest(new TrialSuggester(trial, template.space()));
            }
        } else {
            Map<String, Object> values = template.suggest(new TrialSuggester(trial, template.space()));
            schedules = units.toSteps(template.bindSet(values), spe, trialEpochs);
            if (familyParameter != null && values.get(familyParameter) != null) {
                planned.family(String.valueOf(values.get(familyParameter)));
            }
        }
        planned.schedule(Configs.write(schedules, ConfigFormat.JSON))
                .stepsPerEpoch(spe)
                .plannedEpochs(trialEpochs)
                .batchSize(trialBatch)
                .build()
                .writeTo(trial);
        if (pool == null && warmUp) {
            WarmUp.run(WARM_UP_STEPS);
        }

        Checkpoints checkpoints =
                epochs.isTuned() ? Checkpoints.atProgress(trialEpochs) : Checkpoints.perEpoch(trialEpochs);
        boolean[] pruned = {false};
        EpochListener first = report -> {
            if (stop.isSet()) {
                return EpochListener.Decision.STOP;
            }
            long step = checkpoints.stepAfter(report.epoch());
            if (step >= 0) {
                trial.report(step, values(report));
                // a baseline is the reference the tuned schedules are judged against: never pruned
                if (report.epoch() < trialEpochs && baselineName == null && trial.shouldPrune()) {
                    pruned[0] = true;
                    return EpochListener.Decision.STOP;
                }
            }
            return EpochListener.Decision.CONTINUE;
        };
        EpochListener others = report -> stop.isSet() ? EpochListener.Decision.STOP : EpochListener.Decision.CONTINUE;
        List<TrainingResult> runs = new ArrayList<>();
        Duration limit = timeLimit.next(trial.study().trials(TrialState.COMPLETE));
        for (int r = 0; r < repeats; r++) {
            TrainingPlan plan = planOf(repeatTask(r), schedules, trialEpochs, trialBatch, seed + r);
            TrainingResult result = train(plan, r == 0 ? first : others, trialEpochs, limit);
            runs.add(result);
            if (r == 0) {
                record(result).writeTo(trial);
            }
            if (pruned[0] || result.status() != TrainingStatus.COMPLETED) {
                break;
            }
        }
        TrainingResult last = runs.get(runs.size() - 1);
        String ofRuns = repeats > 1 ? " (run " + runs.size() + " of " + repeats + ")" : "";
        if (stop.isSet() && last.status() == TrainingStatus.STOPPED && !pruned[0]) {
            throw new TrialInterruptedException("after epoch " + last.epochs().size() + " of " + trialEpochs + ofRuns);
        }
        if (pruned[0]) {
            constrain(trial, meanLoss(runs));
            throw new TrialPrunedException("pruned after epoch " + last.epochs().size() + " of " + trialEpochs);
        }
        if (last.status() == TrainingStatus.DIVERGED) {
            if (divergence.fails()) {
                throw new TrialDivergedException(last.message() + ofRuns);
            }
            constrain(trial, divergence.lossPenalty());
            double[] out = new double[objectives.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (objectives.get(i)) {
                    case VALIDATION_LOSS -> divergence.lossPenalty();
                    case ACCURACY -> divergence.accuracyPenalty();
                    case SECONDS -> last.seconds();
                };
            }
            return out;
        }
        double loss = meanLoss(runs);
        double accuracy = runs.stream()
                .mapToDouble(TrainingResult::finalAccuracy)
                .average()
                .orElse(Double.NaN);
        double seconds =
                runs.stream().mapToDouble(TrainingResult::seconds).average().orElse(Double.NaN);
        if (repeats > 1) {
            // the trial's numbers, and its per-epoch validation loss, are the means over its runs (its
            // intermediate values stay the first run's: the pruner decided on them as they came)
            TrialRecord.builder()
                    .repeatLosses(runs.stream()
                            .map(TrainingResult::finalValidationLoss)
                            .toList())
                    .epochLosses(meanPerEpoch(runs))
                    .validationLoss(loss)
                    .seconds(seconds)
                    .accuracy(accuracy)
                    .build()
                    .writeTo(trial);
        }
        constrain(trial, loss);
        double[] out = new double[objectives.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (objectives.get(i)) {
                case VALIDATION_LOSS -> loss;
                case SECONDS -> seconds;
                case ACCURACY -> accuracy;
            };
        }
        return out;
    }

    /** The task of repeat {@code r}: the configured split for the first, another split seed for the others. */
    TaskSpec repeatTask(int r) {
        if (r == 0) {
            return task;
        }
        Object fraction = task.params().get("validation_fraction");
        Object splitSeed = task.params().get("split_seed");
        if (!(fraction instanceof Number) || !(splitSeed instanceof Number)) {
            return task; // a task with its own validation file: only the weights' seed changes
        }
        return task.withValidationSplit(((Number) fraction).doubleValue(), ((Number) splitSeed).longValue() + r);
    }

    private TrainingResult train(TrainingPlan plan, EpochListener listener, int trialEpochs, @Nullable Duration limit) {
        if (pool == null) {
            IN_PROCESS.lock();
            try {
                return TrainingLoop.run(plan, listener);
            } finally {
                IN_PROCESS.unlock();
            }
        }
        int[] seen = {0};
        try {
            return pool.run(
                    plan,
                    report -> {
                        seen[0]++;
                        return listener.onEpoch(report);
                    },
                    limit);
        } catch (WorkerCrashedException e) {
            // Ctrl-C in a terminal reaches the workers too, and one may die before we hear of it
            if (stop.await(CRASH_GRACE)) {
                throw new TrialInterruptedException("during epoch " + (seen[0] + 1) + " of " + trialEpochs);
            }
            throw e;
        }
    }

    /** Per epoch, the mean of the runs' validation losses (the runs all completed: they have the same epochs). */
    static List<Double> meanPerEpoch(List<TrainingResult> runs) {
        int epochs = runs.stream().mapToInt(r -> r.epochs().size()).min().orElse(0);
        List<Double> means = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            double sum = 0;
            for (TrainingResult r : runs) {
                sum += r.epochs().get(e).validationLoss();
            }
            means.add(sum / runs.size());
        }
        return means;
    }

    /** The mean of the runs' last validation losses (NaN if one has none). */
    private static double meanLoss(List<TrainingResult> runs) {
        double sum = 0;
        for (TrainingResult r : runs) {
            if (r.epochs().isEmpty()) {
                return Double.NaN;
            }
            sum += r.epochs().get(r.epochs().size() - 1).validationLoss();
        }
        return sum / runs.size();
    }

    private void constrain(Trial trial, double loss) {
        if (!belowChance || !Double.isFinite(loss)) {
            return;
        }
        double level = chance;
        if (Double.isNaN(level)) {
            level = ChanceLevel.loss(task.load());
            chance = level;
        }
        if (Double.isFinite(level)) {
            trial.setConstraint(CHANCE_CONSTRAINT, loss - CHANCE_FRACTION * level);
        }
    }

    private double[] values(EpochReport report) {
        double[] v = new double[objectives.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = objectives.get(i).of(report);
        }
        return v;
    }

    private static TrialRecord record(TrainingResult result) {
        List<EpochReport> epochs = result.epochs();
        TrialRecord.Builder b = TrialRecord.builder();
        if (!epochs.isEmpty()) {
            EpochReport last = epochs.get(epochs.size() - 1);
            b.accuracy(last.validationAccuracy()).trainLoss(last.trainLoss()).validationLoss(last.validationLoss());
        }
        return b.epochLosses(epochs.stream().map(EpochReport::validationLoss).toList())
                .epochAccuracies(
                        epochs.stream().map(EpochReport::validationAccuracy).toList())
                .epochSeconds(epochs.stream().map(EpochReport::seconds).toList())
                .seconds(result.seconds())
                .epochs(epochs.size())
                .steps(result.steps())
                .status(result.status().name().toLowerCase(Locale.ROOT))
                .engineStartSeconds(result.engineStartSeconds())
                .setupSeconds(result.setupSeconds())
                .build();
    }

    // ---- baselines and confirmation ------------------------------------------------------------------

    /**
     * The training seeds of a confirmation with {@code count} runs: fresh, never one the search used
     * ({@code seed} to {@code seed + repeats - 1}).
     */
    public List<Long> confirmationSeeds(int count) {
        checkArgument(count >= 1, "confirmation seeds (%s) must be >= 1", count);
        List<Long> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            out.add(seed + CONFIRMATION_SEED_OFFSET + k);
        }
        return out;
    }

    /** The training seeds the search uses: {@code seed} to {@code seed + repeats - 1}. */
    public List<Long> searchSeeds() {
        List<Long> out = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            out.add(seed + r);
        }
        return out;
    }

    /**
     * The plan that re-trains a finished trial with training seed {@code seed} on the search's first
     * split, ending with a test-split evaluation.
     *
     * @throws IllegalArgumentException when the trial recorded no schedule or length
     */
    public TrainingPlan confirmationPlan(TrialRecord trial, long seed) {
        String schedule =
                trial.schedule().orElseThrow(() -> new IllegalArgumentException("the trial recorded no schedule"));
        int trialEpochs = trial.plannedEpochs()
                .orElseThrow(() -> new IllegalArgumentException("the trial recorded no planned epochs"));
        int trialBatch =
                trial.batchSize().orElseThrow(() -> new IllegalArgumentException("the trial recorded no batch size"));
        ScheduleSet schedules = Configs.parse(schedule, ConfigFormat.JSON, "the trial's schedule")
                .buildSet(KindRegistry.builtIn());
        return planOf(task, schedules, trialEpochs, trialBatch, seed).toBuilder()
                .evaluateTest(true)
                .build();
    }

    /** Whether a baseline trial was enqueued with template parameters (a fit, or a retry's copy). */
    private boolean placedInSpace(Trial trial) {
        Object fixed = trial.snapshot().systemAttrs().get(FrozenTrial.FIXED_PARAMS_KEY);
        if (!(fixed instanceof Map<?, ?> m)) {
            return false;
        }
        return template.space().stream().anyMatch(t -> m.containsKey(t.name()));
    }

    /**
     * Enqueues one trial per baseline that has no trial in {@code study} yet (in any state), in order, so
     * they run as the study's next trials; returns how many it enqueued. Call it from the one process that
     * creates (or resumes) the study, not from every worker. A baseline runs the most epochs the study
     * allows (the upper end of a tuned range) and the smallest batch size. A baseline that is a point of
     * the template's space ({@link BaselineFit}: a constant lr for a template with a constant family, say)
     * is enqueued with those template parameters too, so that the sampler learns from it.
     */
    public int enqueueBaselines(Study study) {
        java.util.Set<String> present = new java.util.HashSet<>();
        for (FrozenTrial t : study.trials()) {
            TrialRecord.from(t).baseline().ifPresent(present::add);
        }
        int added = 0;
        for (Baseline b : baselines) {
            if (present.contains(b.name())) {
                continue;
            }
            Map<String, Object> params = new java.util.LinkedHashMap<>();
            if (epochs.isTuned()) {
                params.put(epochs.name(), epochs.high());
            }
            if (batchSize.isTuned()) {
                params.put(batchSize.name(), batchSize.low());
            }
            Map<String, Object> attrs = TrialRecord.enqueued(b.name(), null);
            BaselineFit.of(template, units, b, stepsPerEpoch((int) batchSize.low()), (int) epochs.high())
                    .ifPresent(fit -> {
                        params.putAll(TrialSuggester.stored(template.space(), fit.params()));
                        attrs.put(TrialRecord.BASELINE_FIT, fit.distance());
                    });
            study.enqueueTrial(params, attrs, false);
            added++;
        }
        return added;
    }

    /**
     * Re-trains each of {@code trials} with {@code seeds} fresh seeds ({@link #confirmationSeeds}) on the
     * search's first split and evaluates it on the test split, in the pool's workers at once (or here, one
     * run at a time). Each trial's {@link Confirmation} is stored with the study as soon as all its runs are
     * done, and passed to {@code onDone}; trials already confirmed with these seeds are skipped (a resumed
     * run does not repeat them). Stops early, storing nothing partial, when the {@link StopSignal} is set.
     *
     * @return the confirmations of {@code trials}, old and new, in the order given
     * @throws IllegalArgumentException when the task has no test split
     */
    public List<Confirmation> confirm(
            Study study, List<FrozenTrial> trials, int seeds, java.util.function.Consumer<Confirmation> onDone) {
        if (task.load().test().isEmpty()) {
            throw new IllegalArgumentException("task " + task.kind() + " has no test split to confirm on"
                    + " (give it test_fraction, or test_path for a CSV task)");
        }
        return new Confirmer(this, study, confirmationSeeds(seeds), onDone).run(trials);
    }

    /** Trains {@code plan} here or in the pool (as trials do), without reporting. */
    TrainingResult trainPlain(TrainingPlan plan) {
        return train(
                plan,
                report -> stop.isSet() ? EpochListener.Decision.STOP : EpochListener.Decision.CONTINUE,
                plan.epochs(),
                timeLimit.fixed());
    }

    StopSignal stopSignal() {
        return stop;
    }

    /** Runs that can train at once: the pool's workers, or 1 in this JVM. */
    int parallelism() {
        return pool == null ? 1 : pool.size();
    }

    /** Settings of a tuning objective. */
    public static final class Builder {
        private final TaskSpec task;
        private final ModelSpec model;
        private final Template template;
        private OptimizerSpec optimizer = OptimizerSpec.sgd(0.9);
        private ScheduleUnits units = ScheduleUnits.STEPS;
        private IntSetting epochs = IntSetting.fixed("epochs", 10);
        private IntSetting batchSize = IntSetting.fixed("batch_size", 64);
        private long seed;
        private int repeats = 1;
        private ImmutableList<TuningObjective> objectives =
                ImmutableList.of(TuningObjective.VALIDATION_LOSS, TuningObjective.SECONDS);
        private DivergencePolicy divergence = DivergencePolicy.fail();
        private @Nullable WorkerPool pool;
        private boolean warmUp = true;
        private boolean belowChance;
        private StopSignal stop = StopSignal.NEVER;
        private @Nullable Duration trialTimeout;
        private ImmutableList<Baseline> baselines = ImmutableList.of();

        private Builder(TaskSpec task, ModelSpec model, Template template) {
            this.task = Objects.requireNonNull(task, "task");
            this.model = Objects.requireNonNull(model, "model");
            this.template = Objects.requireNonNull(template, "template");
        }

        public Builder optimizer(OptimizerSpec optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /** What the template's lengths mean (default {@link ScheduleUnits#STEPS}: optimizer steps). */
        public Builder units(ScheduleUnits units) {
            this.units = Objects.requireNonNull(units, "units");
            return this;
        }

        public Builder epochs(int epochs) {
            checkArgument(epochs >= 1, "epochs (%s) must be >= 1", epochs);
            this.epochs = IntSetting.fixed("epochs", epochs);
            return this;
        }

        /** Epochs per trial, fixed or tuned by the study (default 10). */
        public Builder epochs(IntSetting epochs) {
            checkArgument(epochs.low() >= 1, "epochs (%s) must be >= 1", epochs.low());
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            checkArgument(batchSize >= 1, "batchSize (%s) must be >= 1", batchSize);
            this.batchSize = IntSetting.fixed("batch_size", batchSize);
            return this;
        }

        /** Rows per step, fixed or tuned by the study (default 64). */
        public Builder batchSize(IntSetting batchSize) {
            checkArgument(batchSize.low() >= 1, "batchSize (%s) must be >= 1", batchSize.low());
            this.batchSize = batchSize;
            return this;
        }

        /** The weight-initialisation and shuffling seed of every trial (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Training runs per trial, each with its own seed and validation split (default 1, at most 20). */
        public Builder repeats(int repeats) {
            checkArgument(repeats >= 1 && repeats <= 20, "repeats (%s) must be in [1, 20]", repeats);
            this.repeats = repeats;
            return this;
        }

        /** The objectives, in the order the study's directions list them (default: validation loss, seconds). */
        public Builder objectives(TuningObjective first, TuningObjective... rest) {
            return objectives(ImmutableList.<TuningObjective>builder()
                    .add(first)
                    .add(rest)
                    .build());
        }

        /** The objectives, in the order the study's directions list them. */
        public Builder objectives(List<TuningObjective> objectives) {
            ImmutableList<TuningObjective> all = ImmutableList.copyOf(objectives);
            checkArgument(!all.isEmpty(), "objectives must not be empty");
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
         * Whether every trial gets the constraint {@value ScheduleTuning#CHANCE_CONSTRAINT} (default false):
         * a run whose validation loss is not clearly below the chance level is infeasible.
         */
        public Builder belowChance(boolean belowChance) {
            this.belowChance = belowChance;
            return this;
        }

        /** Stops trials when set (default: never). */
        /**
         * How long one training run in the pool may take before its worker is killed and the trial fails
         * "timed out after ..." (null, the default: {@value TrialTimeLimit#FACTOR} times the median complete
         * trial, at least 10 minutes; 1 hour before any trial completed).
         */
        public Builder trialTimeout(@Nullable Duration trialTimeout) {
            checkArgument(
                    trialTimeout == null || (!trialTimeout.isNegative() && !trialTimeout.isZero()),
                    "trialTimeout (%s) must be > 0",
                    trialTimeout);
            this.trialTimeout = trialTimeout;
            return this;
        }

        public Builder stopSignal(StopSignal stop) {
            this.stop = Objects.requireNonNull(stop, "stop");
            return this;
        }

        /** The baselines trials may train (see {@link ScheduleTuning#baselines()}); names must differ. */
        public Builder baselines(List<Baseline> baselines) {
            ImmutableList<Baseline> all = ImmutableList.copyOf(baselines);
            checkArgument(
                    all.stream().map(Baseline::name).distinct().count() == all.size(),
                    "baseline names %s repeat one",
                    all.stream().map(Baseline::name).toList());
            this.baselines = all;
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
            ScheduleSet sample;
            try {
                sample = template.bindSet(template.suggest(new LowestSuggester()));
            } catch (IllegalArgumentException e) {
                // the lowest values may be invalid where others are fine; trials will report real errors
                return new ScheduleTuning(this);
            }
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

    /** Picks the first option of every choice and the lower end of every range. */
    private static final class LowestSuggester implements Suggester {
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
}
