package dev.schedtune.dsl;

/**
 * Thrown by {@code spec()} when a schedule contains a user function (a lambda or a class that is not a
 * built-in kind): such schedules evaluate and compose like any other, but have no data form.
 */
public final class NotSpecifiedException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    public NotSpecifiedException(Object function) {
        super("schedule " + function + " is a user function, not a built-in kind, so it cannot be written as data;"
                + " build it from Schedules factories (or register a Kind for it) to export it");
    }
}
