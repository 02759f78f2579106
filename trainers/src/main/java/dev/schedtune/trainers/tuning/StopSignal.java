package dev.schedtune.trainers.tuning;

import java.time.Duration;

/**
 * Whether the run that owns a tuning objective asked it to stop (Ctrl-C in {@code schedtune tune}). A
 * trial that sees it before training throws {@link TrialInterruptedException}; one that sees it during
 * training stops after the current epoch and throws it too, so the trial is recorded as interrupted
 * rather than failed. Implementations must be thread-safe.
 */
public interface StopSignal {
    /** A signal that is never set. */
    StopSignal NEVER = () -> false;

    /** Whether the run is stopping. */
    boolean isSet();

    /**
     * Waits up to {@code timeout} for the signal; whether it is set. A worker process that died may have
     * been killed by the same Ctrl-C that has not reached this process's handler yet.
     */
    default boolean await(Duration timeout) {
        return isSet();
    }
}
