package dev.schedtune.trainers.train;

/** How a training run ended. */
public enum TrainingStatus {
    /** Every planned epoch ran. */
    COMPLETED,
    /** The loss became NaN or infinite; training stopped at once. */
    DIVERGED,
    /** An {@link EpochListener} asked to stop (for example a pruner). */
    STOPPED
}
