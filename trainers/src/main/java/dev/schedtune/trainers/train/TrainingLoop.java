package dev.schedtune.trainers.train;

import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.djl.DjlRuntime;
import dev.schedtune.trainers.optim.HyperparameterRecorder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link TrainingPlan} in this JVM: every step takes every hyperparameter from the plan's
 * schedules; every epoch ends with a validation pass reported to an {@link EpochListener}; the run stops
 * early when the loss becomes NaN or infinite (status {@link TrainingStatus#DIVERGED}) or when the
 * listener says so ({@link TrainingStatus#STOPPED}).
 *
 * <p>Before any training, the schedules are checked at every step of the run (lr >= 0, momentum and
 * betas in [0, 1), weight decay >= 0), so a bad schedule fails with a clear error and costs nothing.
 *
 * <p>A plan that resumes a checkpoint ({@link TrainingPlan#resumeFrom()}) trains the epochs after the
 * checkpoint's and reports them with their global numbers; a plan with {@link TrainingPlan#saveTo()}
 * saves the run's end there when it completes (not when it diverges or is stopped).
 *
 * <p>Runs in one JVM must be sequential; for parallel runs use {@code
 * dev.schedtune.trainers.pool.WorkerPool}.
 */
public final class TrainingLoop {
    private TrainingLoop() {}

    /** Runs {@code plan} to the end (or divergence). */
    public static TrainingResult run(TrainingPlan plan) {
        return run(plan, EpochListener.NONE, null);
    }

    /** Runs {@code plan}, reporting each epoch to {@code listener}. */
    public static TrainingResult run(TrainingPlan plan, EpochListener listener) {
        return run(plan, listener, null);
    }

    /**
     * Runs {@code plan}, reporting each epoch to {@code listener} and, if not null, the hyperparameters
     * of every step to {@code recorder}.
     *
     * @throws IllegalArgumentException if the task cannot be loaded, the model does not suit the task, or a
     *     schedule leaves its range at some step of the run (all before training starts)
     */
    public static TrainingResult run(
            TrainingPlan plan, EpochListener listener, @Nullable HyperparameterRecorder recorder) {
        long engineStart = System.nanoTime();
        DjlRuntime.start();
        double engineSeconds = (System.nanoTime() - engineStart) / 1e9;
        long start = System.nanoTime();
        Task task = plan.task().load();
        if (plan.evaluatesTest() && task.test().isEmpty()) {
            throw new IllegalArgumentException("the plan asks for a test evaluation but task " + task.name()
                    + " has no test split (give it test_fraction, or test_path for a CSV task)");
        }
        plan.optimizer().validate(plan.schedules(), plan.totalSteps(task));
        Checkpoint resumed = null;
        if (plan.resumeFrom().isPresent()) {
            Path file = plan.resumeFrom().get();
            resumed = Checkpoint.read(file);
            boolean evaluateOnly = resumed.epochs() == plan.epochs() && plan.evaluatesTest();
            if (resumed.epochs() >= plan.epochs() && !evaluateOnly) {
                throw new IllegalArgumentException("epochs (" + plan.epochs() + ") must be > the epochs of checkpoint "
                        + file + " (" + resumed.epochs() + "): a resumed plan counts the whole run's epochs (equal"
                        + " epochs with evaluateTest only evaluate the checkpoint on the test split)");
            }
            if (resumed.steps() != (long) resumed.epochs() * plan.stepsPerEpoch(task)) {
                throw new CheckpointException(
                        file,
                        "saved after " + resumed.steps() + " steps in " + resumed.epochs() + " epochs; this run has "
                                + plan.stepsPerEpoch(task) + " steps per epoch (another batch size or task?)");
            }
        }
        List<EpochReport> epochs = new ArrayList<>();
        try (TrainingSession session = TrainingSession.open(plan, task)) {
            if (resumed != null) {
                session.restore(resumed, plan.resumeFrom().get());
            }
            int firstEpoch = resumed == null ? 1 : resumed.epochs() + 1;
            if (firstEpoch > plan.epochs()) {
                // a checkpoint of the whole run: its test-split evaluation only
                TrainingSession.Evaluation test = session.evaluateTest();
                return new TrainingResult(
                                TrainingStatus.COMPLETED,
                                epochs,
                                session.steps(),
                                0,
                                seconds(start),
                                engineSeconds,
                                -1,
                                "evaluated checkpoint " + plan.resumeFrom().get() + " on the test split")
                        .withTest(test.loss(), test.accuracy());
            }
            session.setRecorder(recorder);
            double setupSeconds = seconds(start);
            start = System.nanoTime();
            for (int epoch = firstEpoch; epoch <= plan.epochs(); epoch++) {
                TrainingSession.EpochOutcome outcome = session.trainEpoch();
                if (outcome.diverged()) {
                    return new TrainingResult(
                            TrainingStatus.DIVERGED,
                            epochs,
                            session.steps(),
                            seconds(start),
                            setupSeconds,
                            engineSeconds,
                            outcome.divergedAtStep(),
                            String.format(
                                    Locale.ROOT,
                                    "diverged: training loss %s at step %d (epoch %d); lr there %.4g",
                                    outcome.trainLoss(),
                                    outcome.divergedAtStep(),
                                    epoch,
                                    plan.schedules().valueAt("lr", outcome.divergedAtStep())));
                }
                TrainingSession.Evaluation eval = session.evaluate();
                long lastStep = session.steps() - 1;
                EpochReport report = new EpochReport(
                        epoch,
                        session.steps(),
                        outcome.trainLoss(),
                        eval.loss(),
                        eval.accuracy(),
                        seconds(start),
                        plan.schedules().valueAt("lr", lastStep));
                if (!Double.isFinite(eval.loss())) {
                    epochs.add(report);
                    return new TrainingResult(
                            TrainingStatus.DIVERGED,
                            epochs,
                            session.steps(),
                            seconds(start),
                            setupSeconds,
                            engineSeconds,
                            lastStep,
                            "diverged: validation loss " + eval.loss() + " after epoch " + epoch);
                }
                epochs.add(report);
                if (listener.onEpoch(report) == EpochListener.Decision.STOP) {
                    return new TrainingResult(
                            TrainingStatus.STOPPED,
                            epochs,
                            session.steps(),
                            seconds(start),
                            setupSeconds,
                            engineSeconds,
                            -1,
                            "stopped by the epoch listener after epoch " + epoch);
                }
            }
            EpochReport last = epochs.get(epochs.size() - 1);
            TrainingResult done = new TrainingResult(
                    TrainingStatus.COMPLETED,
                    epochs,
                    session.steps(),
                    seconds(start),
                    setupSeconds,
                    engineSeconds,
                    -1,
                    String.format(
                            Locale.ROOT,
                            "completed %d epochs: validation loss %.5f%s",
                            plan.epochs(),
                            last.validationLoss(),
                            Double.isNaN(last.validationAccuracy())
                                    ? ""
                                    : String.format(Locale.ROOT, ", accuracy %.4f", last.validationAccuracy())));
            if (plan.saveTo().isPresent()) {
                Path file = plan.saveTo().get();
                session.checkpoint(plan.epochs()).write(file);
                done = done.withCheckpoint(file.toString());
            }
            if (!plan.evaluatesTest()) {
                return done;
            }
            TrainingSession.Evaluation test = session.evaluateTest();
            return done.withTest(test.loss(), test.accuracy());
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
