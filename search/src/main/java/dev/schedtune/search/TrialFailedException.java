package dev.schedtune.search;

/**
 * Thrown by an objective to record its trial as FAIL and let the study go on, whatever
 * {@link OptimizeOptions.Builder#catching} says: the trial failed for a reason the objective understands (its
 * training diverged, it was interrupted), as a NaN value does, not because of a bug. The fail reason is this
 * exception's class name and message. Any other exception fails the trial and then stops {@code optimize}.
 */
public class TrialFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrialFailedException(String message) {
        super(message);
    }
}
