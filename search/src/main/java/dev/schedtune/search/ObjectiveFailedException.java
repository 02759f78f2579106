package dev.schedtune.search;

/**
 * Thrown by {@code optimize} when the objective threw an exception that is not in the options' catch set
 * (by default, any exception): the trial was recorded as FAIL with the exception as its reason, the other
 * workers finished their trials, and the study stopped. The objective's exception is the cause, with its
 * stack trace. {@link OptimizeOptions.Builder#catching} keeps a study going past such failures.
 */
public final class ObjectiveFailedException extends RuntimeException {
    private final int trialNumber;

    public ObjectiveFailedException(int trialNumber, Throwable cause) {
        super(
                "objective of trial " + trialNumber + " threw " + cause + " (the trial is recorded as FAIL;"
                        + " OptimizeOptions.builder().catching(...) lets a study go on past such exceptions)",
                cause);
        this.trialNumber = trialNumber;
    }

    public int trialNumber() {
        return trialNumber;
    }
}
