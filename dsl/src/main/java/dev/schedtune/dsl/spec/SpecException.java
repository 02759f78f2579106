package dev.schedtune.dsl.spec;

/**
 * Bad data where a schedule was expected: names the path of the offending value ({@code
 * $.schedules.lr.pieces[1].max_lr}), and the message says the value and what is allowed.
 */
public final class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    public SpecException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    public SpecException(String path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
        this.problem = problem;
    }

    /** Where the bad value is, as a JSONPath-like string starting with {@code $}. */
    public String path() {
        return path;
    }

    /** The message without the path. */
    public String problem() {
        return problem;
    }
}
