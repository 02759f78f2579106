package dev.schedtune.cli;

/** The process exit codes of every subcommand. */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;
    /** Something went wrong that is not the user's input (a bug, an exhausted resource). */
    public static final int FAILURE = 1;
    /** Bad input: an option, a config file or a value in it. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {}
}
