package dev.schedtune.search;

/**
 * Thrown by an objective to stop a trial that {@link Trial#shouldPrune()} condemned; the trial is recorded as
 * PRUNED (with its last intermediate values as its values, as Optuna does).
 */
public class TrialPrunedException extends RuntimeException {
    public TrialPrunedException() {
        super("trial pruned");
    }

    public TrialPrunedException(String message) {
        super(message);
    }
}
