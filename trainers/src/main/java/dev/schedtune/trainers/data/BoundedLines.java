package dev.schedtune.trainers.data;

import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * The lines of a text, each at most {@link #MAX_CHARS} long: a line longer than that (a file with no line
 * breaks, a binary file) is refused with its line number instead of filling the memory of every worker
 * that reads it. Ends of line are {@code \n}, {@code \r\n} or {@code \r}.
 */
final class BoundedLines {
    /** The longest line a task file may have: 1 MiB of characters, thousands of columns. */
    static final int MAX_CHARS = 1 << 20;

    private final Reader in;
    private final char[] buf = new char[8192];
    private int pos;
    private int end;
    private boolean lastWasCr;

    BoundedLines(Reader in) {
        this.in = in;
    }

    /**
     * The next line without its end, or null at the end of the text.
     *
     * @throws LineTooLongException if the line has more than {@link #MAX_CHARS} characters
     */
    @Nullable
    String next() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return line == null ? null : line.toString();
                }
            }
            if (line == null) {
                if (lastWasCr && buf[pos] == '\n') {
                    pos++; // the \n of a \r\n
                    lastWasCr = false;
                    continue;
                }
                line = new StringBuilder();
            }
            lastWasCr = false;
            int start = pos;
            while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            if (line.length() + (pos - start) > MAX_CHARS) {
                throw new LineTooLongException();
            }
            line.append(buf, start, pos - start);
            if (pos < end) {
                lastWasCr = buf[pos] == '\r';
                pos++;
                return line.toString();
            }
        }
    }

    /** A line longer than {@link #MAX_CHARS}. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException() {
            super("longer than " + MAX_CHARS + " characters");
        }
    }
}
