package dev.schedtune.cli.tune;

import dev.schedtune.cli.tune.config.StudyConfig;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.template.Tunable;
import dev.schedtune.search.MultiObjective;
import dev.schedtune.search.Trial;
import dev.schedtune.search.TrialPrunedException;
import dev.schedtune.trainers.data.Dataset;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.data.TaskType;
import dev.schedtune.trainers.pool.WorkerCrashedException;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.train.EpochListener;
import dev.schedtune.trainers.train.EpochReport;
import dev.schedtune.trainers.train.TrainingPlan;
import dev.schedtune.trainers.train.TrainingResult;
import dev.schedtune.trainers.train.TrainingStatus;
import dev.schedtune.trainers.tuning.ScheduleTuning;
import dev.schedtune.trainers.tuning.TuningObjective;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One trial of a tuning study: the trial picks the training settings the study tunes (epochs, batch size)
 * and the template's parameters, the bound schedules are put on the step axis ({@link
 * dev.schedtune.cli.tune.config.ScheduleUnits}), a worker process trains them, and each checkpoint's
 * objectives are reported to the trial so the pruner can stop it. Returns the study's objectives; stores
 * what the report needs as user attributes (the trained schedule as a config, per-epoch curves, accuracy).
 */
final class TuneObjective implements MultiObjective {
    /** User attribute: the trained schedule set as a JSON schedule config (in optimizer steps). */
    static final String SCHEDULE_ATTR = "schedule";
    /** User attribute: the template's root choice (the family), when it has one. */
    static final String FAMILY_ATTR = "family";

    static final String STEPS_PER_EPOCH_ATTR = "steps_per_epoch";
    static final String PLANNED_EPOCHS_ATTR = "planned_epochs";
    static final String BATCH_SIZE_ATTR = "batch_size";
    static final String EPOCH_LOSS_ATTR = "epoch_validation_loss";
    static final String EPOCH_ACCURACY_ATTR = "epoch_accuracy";
    static final String EPOCH_SECONDS_ATTR = "epoch_seconds";
    /** With repeats: the final validation loss of each run. */
    static final String REPEAT_LOSSES_ATTR = "repeat_validation_losses";

    /**
     * The constraint every trial gets: validation loss minus {@value #CHANCE_FRACTION} times the chance
     * level (the loss of always predicting the training split's class frequencies, or its mean target). A
     * run that learned nothing (its network died, or its lr was far too low) is infeasible, so it is
     * never on the Pareto front however fast it was.
     */
    static final String CHANCE_CONSTRAINT = "below_chance";

    static final double CHANCE_FRACTION = 0.9;

    private static final Duration CRASH_GRACE = Duration.ofSeconds(2);

    private final StudyConfig config;
    private final Task task;
    private final WorkerPool pool;
    private final Interruption interruption;
    private final @Nullable String familyParameter;
    private final double chance;

    TuneObjective(StudyConfig config, Task task, WorkerPool pool, Interruption interruption) {
        this.config = config;
        this.task = task;
        this.pool = pool;
        this.interruption = interruption;
        this.familyParameter = familyParameter(config);
        this.chance = chanceLoss(task);
    }

    /** The validation loss of the best constant prediction learned from the training split. */
    static double chanceLoss(Task task) {
        Dataset train = task.train();
        Dataset validation = task.validation();
        if (validation.size() == 0 || train.size() == 0) {
            return Double.NaN;
        }
        if (train.type() == TaskType.CLASSIFICATION) {
            double[] counts = new double[train.numOutputs()];
            for (int i = 0; i < train.size(); i++) {
                counts[train.label(i)]++;
            }
            double loss = 0;
            for (int i = 0; i < validation.size(); i++) {
                // a class never seen in training: the constant predictor gives it a tiny probability
                loss -= Math.log(Math.max(counts[validation.label(i)], 1e-3) / train.size());
            }
            return loss / validation.size();
        }
        int k = train.numOutputs();
        double[] mean = new double[k];
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < k; j++) {
                mean[j] += train.target(i, j) / (double) train.size();
            }
        }
        double sum = 0;
        for (int i = 0; i < validation.size(); i++) {
            for (int j = 0; j < k; j++) {
                double d = validation.target(i, j) - mean[j];
                sum += d * d;
            }
        }
        return sum / ((double) validation.size() * k);
    }

    /** The template's first unconditional choice between whole schedules, if any: the "family" of a trial. */
    static @Nullable String familyParameter(StudyConfig config) {
        Optional<Tunable> root = config.template().space().stream()
                .filter(t -> t.type() == Tunable.Type.CHOICE && t.conditions().isEmpty())
                .filter(t -> t.options().stream().anyMatch(o -> o instanceof ScheduleSpec))
                .findFirst();
        return root.map(Tunable::name).orElse(null);
    }

    @Override
    public double[] evaluate(Trial trial) {
        if (interruption.isInterrupted()) {
            throw new TrialInterruptedException("before training started");
        }
        int epochs = (int) config.epochs().value(trial);
        int batchSize = (int) config.batchSize().value(trial);
        Map<String, Object> values = config.template().suggest(new TrialSuggester(trial));
        int stepsPerEpoch = Math.max(1, (task.train().size() + batchSize - 1) / batchSize);
        ScheduleSet schedules = config.units().toSteps(config.template().bindSet(values), stepsPerEpoch, epochs);
        if (familyParameter != null && values.get(familyParameter) != null) {
            trial.setUserAttr(FAMILY_ATTR, String.valueOf(values.get(familyParameter)));
        }
        trial.setUserAttr(SCHEDULE_ATTR, Configs.write(schedules, ConfigFormat.JSON));
        trial.setUserAttr(STEPS_PER_EPOCH_ATTR, stepsPerEpoch);
        trial.setUserAttr(PLANNED_EPOCHS_ATTR, epochs);
        trial.setUserAttr(BATCH_SIZE_ATTR, batchSize);
        Checkpoints checkpoints =
                config.epochs().isTuned() ? Checkpoints.atProgress(epochs) : Checkpoints.perEpoch(epochs);
        boolean[] pruned = {false};
        EpochListener first = report -> {
            if (interruption.isInterrupted()) {
                return EpochListener.Decision.STOP;
            }
            long step = checkpoints.stepAfter(report.epoch());
            if (step >= 0) {
                trial.report(step, objectives(report));
                if (report.epoch() < epochs && trial.shouldPrune()) {
                    pruned[0] = true;
                    return EpochListener.Decision.STOP;
                }
            }
            return EpochListener.Decision.CONTINUE;
        };
        // repeat r trains with seed + r on split seed + r; only the first reports to the pruner
        EpochListener others =
                report -> interruption.isInterrupted() ? EpochListener.Decision.STOP : EpochListener.Decision.CONTINUE;
        List<TrainingResult> runs = new ArrayList<>();
        for (int r = 0; r < config.repeats(); r++) {
            TrainingPlan plan = TrainingPlan.builder(repeatTask(r), config.model(), schedules)
                    .optimizer(config.optimizer())
                    .epochs(epochs)
                    .batchSize(batchSize)
                    .seed(config.trainingSeed() + r)
                    .build();
            TrainingResult result = train(plan, r == 0 ? first : others, epochs);
            runs.add(result);
            if (r == 0) {
                record(trial, result);
            }
            if (pruned[0] || result.status() != TrainingStatus.COMPLETED) {
                break;
            }
        }
        TrainingResult last = runs.get(runs.size() - 1);
        if (interruption.isInterrupted() && last.status() == TrainingStatus.STOPPED && !pruned[0]) {
            throw new TrialInterruptedException("after epoch " + last.epochs().size() + " of " + epochs
                    + (config.repeats() > 1 ? " (run " + runs.size() + " of " + config.repeats() + ")" : ""));
        }
        if (pruned[0]) {
            constrain(trial, meanLoss(runs));
            throw new TrialPrunedException("pruned after epoch " + last.epochs().size() + " of " + epochs);
        }
        if (last.status() == TrainingStatus.DIVERGED) {
            if (config.divergence().fails()) {
                throw new TrainingDivergedException(last.message()
                        + (config.repeats() > 1 ? " (run " + runs.size() + " of " + config.repeats() + ")" : ""));
            }
            constrain(trial, config.divergence().lossPenalty());
            double[] out = new double[config.objectives().size()];
            for (int i = 0; i < out.length; i++) {
                TuningObjective o = config.objectives().get(i);
                out[i] = o == TuningObjective.VALIDATION_LOSS
                        ? config.divergence().lossPenalty()
                        : o == TuningObjective.ACCURACY ? config.divergence().accuracyPenalty() : last.seconds();
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
        if (config.repeats() > 1) {
            // the trial's numbers are the means over its runs; the per-epoch curves are the first run's
            trial.setUserAttr(
                    REPEAT_LOSSES_ATTR,
                    runs.stream().map(TrainingResult::finalValidationLoss).toList());
            trial.setUserAttr(ScheduleTuning.VALIDATION_LOSS_ATTR, loss);
            trial.setUserAttr(ScheduleTuning.SECONDS_ATTR, seconds);
            if (Double.isFinite(accuracy)) {
                trial.setUserAttr(ScheduleTuning.ACCURACY_ATTR, accuracy);
            }
        }
        constrain(trial, loss);
        double[] out = new double[config.objectives().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (config.objectives().get(i)) {
                case VALIDATION_LOSS -> loss;
                case SECONDS -> seconds;
                case ACCURACY -> accuracy;
            };
        }
        return out;
    }

    /** The task of repeat {@code r}: the configured split for the first, another split seed for the others. */
    private TaskSpec repeatTask(int r) {
        if (r == 0) {
            return config.task();
        }
        Object fraction = config.task().params().get("validation_fraction");
        Object seed = config.task().params().get("split_seed");
        if (!(fraction instanceof Number) || !(seed instanceof Number)) {
            return config.task(); // a task with its own validation file: only the weights' seed changes
        }
        return config.task().withValidationSplit(((Number) fraction).doubleValue(), ((Number) seed).longValue() + r);
    }

    private TrainingResult train(TrainingPlan plan, EpochListener listener, int epochs) {
        int[] seen = {0};
        try {
            return pool.run(plan, report -> {
                seen[0]++;
                return listener.onEpoch(report);
            });
        } catch (WorkerCrashedException e) {
            // Ctrl-C in a terminal reaches the workers too, and one may die before we hear of it
            if (interruption.awaitInterrupted(CRASH_GRACE)) {
                throw new TrialInterruptedException("during epoch " + (seen[0] + 1) + " of " + epochs);
            }
            throw e;
        }
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
        if (Double.isFinite(chance) && Double.isFinite(loss)) {
            trial.setConstraint(CHANCE_CONSTRAINT, loss - CHANCE_FRACTION * chance);
        }
    }

    private double[] objectives(EpochReport report) {
        double[] v = new double[config.objectives().size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (config.objectives().get(i)) {
                case VALIDATION_LOSS -> report.validationLoss();
                case SECONDS -> report.seconds();
                case ACCURACY -> report.validationAccuracy();
            };
        }
        return v;
    }

    private static void record(Trial trial, TrainingResult result) {
        List<EpochReport> epochs = result.epochs();
        if (!epochs.isEmpty()) {
            EpochReport last = epochs.get(epochs.size() - 1);
            if (Double.isFinite(last.validationAccuracy())) {
                trial.setUserAttr(ScheduleTuning.ACCURACY_ATTR, last.validationAccuracy());
            }
            trial.setUserAttr(ScheduleTuning.TRAIN_LOSS_ATTR, finiteOrNull(last.trainLoss()));
            trial.setUserAttr(ScheduleTuning.VALIDATION_LOSS_ATTR, finiteOrNull(last.validationLoss()));
        }
        trial.setUserAttr(
                EPOCH_LOSS_ATTR,
                epochs.stream().map(r -> finiteOrNull(r.validationLoss())).toList());
        trial.setUserAttr(
                EPOCH_ACCURACY_ATTR,
                epochs.stream().map(r -> finiteOrNull(r.validationAccuracy())).toList());
        trial.setUserAttr(
                EPOCH_SECONDS_ATTR,
                epochs.stream().map(r -> finiteOrNull(r.seconds())).toList());
        trial.setUserAttr(ScheduleTuning.SECONDS_ATTR, result.seconds());
        trial.setUserAttr(ScheduleTuning.EPOCHS_ATTR, epochs.size());
        trial.setUserAttr(ScheduleTuning.STEPS_ATTR, result.steps());
        trial.setUserAttr(ScheduleTuning.STATUS_ATTR, result.status().name().toLowerCase(Locale.ROOT));
    }

    private static @Nullable Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Training diverged and the study fails such trials. */
    static final class TrainingDivergedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TrainingDivergedException(String message) {
            super("diverged: " + message);
        }
    }
}
