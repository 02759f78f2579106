package dev.schedtune.cli.tune;

/**
 * A trial cut short because the user stopped the run (Ctrl-C): recorded as FAIL with a reason starting
 * with {@value #REASON}, and not counted in the study's budget; {@code --resume} enqueues its parameters,
 * so they are trained again first.
 */
final class TrialInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How the fail reason of an interrupted trial starts (after the exception's class name). */
    static final String REASON = "interrupted";

    TrialInterruptedException(String detail) {
        super(REASON + " (Ctrl-C) " + detail);
    }
}
