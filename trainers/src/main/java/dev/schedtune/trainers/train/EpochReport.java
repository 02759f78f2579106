package dev.schedtune.trainers.train;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One epoch's results. Immutable. */
public final class EpochReport {
    private final int epoch;
    private final long steps;
    private final double trainLoss;
    private final double validationLoss;
    private final double validationAccuracy;
    private final double seconds;
    private final double lr;

    public EpochReport(
            int epoch,
            long steps,
            double trainLoss,
            double validationLoss,
            double validationAccuracy,
            double seconds,
            double lr) {
        this.epoch = epoch;
        this.steps = steps;
        this.trainLoss = trainLoss;
        this.validationLoss = validationLoss;
        this.validationAccuracy = validationAccuracy;
        this.seconds = seconds;
        this.lr = lr;
    }

    /** The epoch, counting from 1. */
    public int epoch() {
        return epoch;
    }

    /** Optimizer steps done so far in the run. */
    public long steps() {
        return steps;
    }

    /** Mean training loss over the epoch's steps (as the weights were when each batch was seen). */
    public double trainLoss() {
        return trainLoss;
    }

    /** Mean loss on the validation split after the epoch. */
    public double validationLoss() {
        return validationLoss;
    }

    /** Fraction of validation rows classified correctly; NaN for regression. */
    public double validationAccuracy() {
        return validationAccuracy;
    }

    /** Wall-clock seconds of training so far, from the run's first step (set-up excluded). */
    public double seconds() {
        return seconds;
    }

    /** The learning rate of the epoch's last step. */
    public double lr() {
        return lr;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof EpochReport)) {
            return false;
        }
        EpochReport r = (EpochReport) o;
        return epoch == r.epoch
                && steps == r.steps
                && Double.compare(trainLoss, r.trainLoss) == 0
                && Double.compare(validationLoss, r.validationLoss) == 0
                && Double.compare(validationAccuracy, r.validationAccuracy) == 0
                && Double.compare(seconds, r.seconds) == 0
                && Double.compare(lr, r.lr) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(epoch, steps, trainLoss, validationLoss, validationAccuracy, seconds, lr);
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "epoch %d (%d steps, %.3fs): train loss %.5f, validation loss %.5f%s, lr %.4g",
                epoch,
                steps,
                seconds,
                trainLoss,
                validationLoss,
                Double.isNaN(validationAccuracy)
                        ? ""
                        : String.format(java.util.Locale.ROOT, ", accuracy %.4f", validationAccuracy),
                lr);
    }
}
