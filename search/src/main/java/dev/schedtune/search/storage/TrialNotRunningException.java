package dev.schedtune.search.storage;

import org.jspecify.annotations.Nullable;

/**
 * A write to a trial that is no longer RUNNING: it was told already, or another worker marked it FAIL
 * because its heartbeat stopped (this worker stalled or lost the database for longer than the grace
 * period). The message names the trial, its study and its state.
 */
public final class TrialNotRunningException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int number;
    private final String state;

    /** With a message of the caller's own (naming the trial, its study and state). */
    public TrialNotRunningException(int number, String state, String message) {
        super(message);
        this.number = number;
        this.state = state;
    }

    /** The exception for a write to trial {@code number} of {@code study}, which is in {@code state}. */
    public static TrialNotRunningException of(int number, String study, String state) {
        return new TrialNotRunningException(
                number,
                state,
                "trial " + number + " of study " + study + " is " + state + "; only a RUNNING trial can be changed");
    }

    /** The trial's number. */
    public int number() {
        return number;
    }

    /** The trial's state in storage ({@code COMPLETE}, {@code PRUNED}, {@code FAIL}, or {@code missing}). */
    public String state() {
        return state;
    }

    /** The first {@code TrialNotRunningException} in {@code t}'s cause chain, or null. */
    public static @Nullable TrialNotRunningException in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TrialNotRunningException) {
                return (TrialNotRunningException) c;
            }
        }
        return null;
    }
}
