package dev.schedtune.cli;

/**
 * Bad input from the user (an option value out of range, a file that cannot be written): the CLI prints
 * the message and exits with {@link ExitCodes#BAD_INPUT}. The message names the option or field, the
 * value and what is allowed.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
