package dev.schedtune.trainers.data;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A task's data file cannot be used. The message names the file, and the line and column when the
 * problem is in one place ({@code digits.csv:17:3: 'x' is not a number}); so do {@link #file()},
 * {@link #line()} and {@link #column()}.
 */
public final class TaskDataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;

    TaskDataException(Path file, int line, int column, String problem) {
        super(location(file, line, column) + ": " + problem);
        this.file = file.toString();
        this.line = line;
        this.column = column;
    }

    TaskDataException(Path file, String problem, @Nullable Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file.toString();
        this.line = 0;
        this.column = 0;
    }

    private static String location(Path file, int line, int column) {
        return file + (line > 0 ? ":" + line : "") + (column > 0 ? ":" + column : "");
    }

    /** The file as given. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem is not on one line. */
    public int line() {
        return line;
    }

    /** The 1-based column (field number), or 0 when the problem is not in one field. */
    public int column() {
        return column;
    }
}
