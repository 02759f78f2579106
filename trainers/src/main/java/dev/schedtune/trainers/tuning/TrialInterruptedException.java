package dev.schedtune.trainers.tuning;

import dev.schedtune.search.TrialFailedException;

/**
 * A trial cut short because the run was stopped ({@link StopSignal}; Ctrl-C in {@code schedtune tune}):
 * recorded as FAIL with a reason holding this class's name and {@value #REASON}, and not counted in the
 * study's budget; {@code schedtune tune --resume} enqueues its parameters, so they are trained again first.
 */
public final class TrialInterruptedException extends TrialFailedException {
    private static final long serialVersionUID = 1L;

    /** How the fail reason of an interrupted trial starts (after the exception's class name). */
    public static final String REASON = "interrupted";

    public TrialInterruptedException(String detail) {
        super(REASON + " (Ctrl-C) " + detail);
    }
}
