package dev.schedtune.search;

/**
 * Thrown by {@code optimize} when the objective threw an exception that is not in the options' catch set:
 * the trial was recorded as FAIL, the other workers finished their trials, and the study stopped.
 */
public final class ObjectiveFailedException extends RuntimeException {
    private final int trialNumber;

    public ObjectiveFailedException(int trialNumber, Throwable cause) {
        super("objective of trial " + trialNumber + " threw " + cause, cause);
        this.trialNumber = trialNumber;
    }

    public int trialNumber() {
        return trialNumber;
    }
}
