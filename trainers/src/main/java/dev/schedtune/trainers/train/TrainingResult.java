package dev.schedtune.trainers.train;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a training run: how it ended, every epoch's results, and its timing. Immutable.
 *
 * <p>Timing: {@link #seconds()} is the wall-clock time of training, from the first step to the end of
 * the last epoch's validation. Set-up (loading the task, building the model, uploading the data) is
 * reported in {@link #setupSeconds()}, and starting the DJL engine in {@link #engineStartSeconds()} (0
 * when the engine was already running); neither is part of {@link #seconds()}, so trials compare on the
 * cost of their training alone (a JVM's first trial also loads the task and classes).
 */
public final class TrainingResult {
    private final TrainingStatus status;
    private final ImmutableList<EpochReport> epochs;
    private final long steps;
    private final double seconds;
    private final double setupSeconds;
    private final double engineStartSeconds;
    private final long divergedAtStep;
    private final String message;
    private final double testLoss;
    private final double testAccuracy;
    private final @Nullable String checkpoint;

    public TrainingResult(
            TrainingStatus status,
            List<EpochReport> epochs,
            long steps,
            double seconds,
            double setupSeconds,
            double engineStartSeconds,
            long divergedAtStep,
            String message) {
        this(
                status,
                epochs,
                steps,
                seconds,
                setupSeconds,
                engineStartSeconds,
                divergedAtStep,
                message,
                Double.NaN,
                Double.NaN,
                null);
    }

    private TrainingResult(
            TrainingStatus status,
            List<EpochReport> epochs,
            long steps,
            double seconds,
            double setupSeconds,
            double engineStartSeconds,
            long divergedAtStep,
            String message,
            double testLoss,
            double testAccuracy,
            @Nullable String checkpoint) {
        this.status = status;
        this.epochs = ImmutableList.copyOf(epochs);
        this.steps = steps;
        this.seconds = seconds;
        this.setupSeconds = setupSeconds;
        this.engineStartSeconds = engineStartSeconds;
        this.divergedAtStep = divergedAtStep;
        this.message = message;
        this.testLoss = testLoss;
        this.testAccuracy = testAccuracy;
        this.checkpoint = checkpoint;
    }

    /** This result with the final weights' loss and accuracy on the task's test split. */
    public TrainingResult withTest(double loss, double accuracy) {
        return new TrainingResult(
                status,
                epochs,
                steps,
                seconds,
                setupSeconds,
                engineStartSeconds,
                divergedAtStep,
                message,
                loss,
                accuracy,
                checkpoint);
    }

    /** This result with the path of the checkpoint its run saved at its end. */
    public TrainingResult withCheckpoint(String path) {
        return new TrainingResult(
                status,
                epochs,
                steps,
                seconds,
                setupSeconds,
                engineStartSeconds,
                divergedAtStep,
                message,
                testLoss,
                testAccuracy,
                path);
    }

    /** The checkpoint file the run saved at its end ({@link TrainingPlan#saveTo()}), if it saved one. */
    public java.util.Optional<String> checkpoint() {
        return java.util.Optional.ofNullable(checkpoint);
    }

    /**
     * The final weights' mean loss on the test split, when the plan asked for it ({@link
     * TrainingPlan#evaluatesTest()}) and the run completed; else NaN.
     */
    public double testLoss() {
        return testLoss;
    }

    /** The final weights' accuracy on the test split (NaN: not evaluated, or regression). */
    public double testAccuracy() {
        return testAccuracy;
    }

    public TrainingStatus status() {
        return status;
    }

    /** Whether the loss became NaN or infinite. */
    public boolean diverged() {
        return status == TrainingStatus.DIVERGED;
    }

    /** Every finished epoch's results, in order. */
    public List<EpochReport> epochs() {
        return epochs;
    }

    /** Optimizer steps done. */
    public long steps() {
        return steps;
    }

    /** Wall-clock seconds of training (all epochs, validation included); set-up and engine start excluded. */
    public double seconds() {
        return seconds;
    }

    /** Seconds spent before the first step: loading the task, building the model, uploading the data. */
    public double setupSeconds() {
        return setupSeconds;
    }

    /** Seconds this run spent starting the DJL engine (0 when it was running already). */
    public double engineStartSeconds() {
        return engineStartSeconds;
    }

    /** The step whose loss was NaN or infinite, or -1. */
    public long divergedAtStep() {
        return divergedAtStep;
    }

    /** A one-line account of how the run ended. */
    public String message() {
        return message;
    }

    /** The last epoch's validation loss (NaN if no epoch finished or the run diverged). */
    public double finalValidationLoss() {
        return status == TrainingStatus.DIVERGED || epochs.isEmpty()
                ? Double.NaN
                : epochs.get(epochs.size() - 1).validationLoss();
    }

    /** The lowest validation loss of any epoch (NaN if none). */
    public double bestValidationLoss() {
        return epochs.stream()
                .mapToDouble(EpochReport::validationLoss)
                .filter(Double::isFinite)
                .min()
                .orElse(Double.NaN);
    }

    /** The last epoch's validation accuracy (NaN for regression, if no epoch finished, or if diverged). */
    public double finalAccuracy() {
        return status == TrainingStatus.DIVERGED || epochs.isEmpty()
                ? Double.NaN
                : epochs.get(epochs.size() - 1).validationAccuracy();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof TrainingResult)) {
            return false;
        }
        TrainingResult r = (TrainingResult) o;
        return status == r.status
                && epochs.equals(r.epochs)
                && steps == r.steps
                && Double.compare(seconds, r.seconds) == 0
                && Double.compare(setupSeconds, r.setupSeconds) == 0
                && Double.compare(engineStartSeconds, r.engineStartSeconds) == 0
                && divergedAtStep == r.divergedAtStep
                && message.equals(r.message)
                && Double.compare(testLoss, r.testLoss) == 0
                && Double.compare(testAccuracy, r.testAccuracy) == 0
                && Objects.equals(checkpoint, r.checkpoint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, epochs, steps, seconds, divergedAtStep);
    }

    @Override
    public String toString() {
        return status + " after " + epochs.size() + " epochs, " + steps + " steps, "
                + String.format(java.util.Locale.ROOT, "%.3f", seconds) + "s: " + message;
    }
}
