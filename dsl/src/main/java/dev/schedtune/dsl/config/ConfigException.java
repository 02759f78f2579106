package dev.schedtune.dsl.config;

import org.jspecify.annotations.Nullable;

/**
 * A config that cannot be read or built. The message is one line for a person: where ({@code
 * lr.yaml:4:12}), which value ({@code $.schedules.lr.max_lr}), and what is wrong and allowed.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String source;
    private final int line;
    private final int column;
    private final @Nullable String path;
    private final String problem;

    ConfigException(@Nullable String source, int line, int column, @Nullable String path, String problem) {
        this(source, line, column, path, problem, null);
    }

    ConfigException(
            @Nullable String source,
            int line,
            int column,
            @Nullable String path,
            String problem,
            @Nullable Throwable cause) {
        super(format(source, line, column, path, problem), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.path = path;
        this.problem = problem;
    }

    private static String format(@Nullable String source, int line, int column, @Nullable String path, String problem) {
        StringBuilder b = new StringBuilder();
        if (source != null) {
            b.append(source);
        }
        if (line > 0) {
            b.append(source != null ? ":" : "line ").append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        if (b.length() > 0) {
            b.append(": ");
        }
        if (path != null) {
            b.append(path).append(": ");
        }
        return b.append(problem).toString();
    }

    /** The file or other source name, when known. */
    public @Nullable String source() {
        return source;
    }

    /** 1-based line of the offending text, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the offending text, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** JSONPath-like location of the bad value ({@code $.schedules.lr.max_lr}), or null for syntax errors. */
    public @Nullable String path() {
        return path;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
