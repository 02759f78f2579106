package dev.schedtune.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in options and study configs: {@code 90s}, {@code 10m}, {@code 1h30m},
 * {@code 500ms}, {@code 2.5m}, {@code 45} (seconds), {@code PT10M}.
 */
public final class Durations {
    // ms before m: otherwise "500ms" reads as 500 minutes followed by a stray "s"
    private static final Pattern PARTS = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private Durations() {}

    /**
     * Parses the value of {@code name} (an option such as {@code --timeout} or a config field), which must
     * be > 0.
     *
     * @throws IllegalArgumentException naming {@code name}, the text and the accepted forms
     */
    public static Duration parse(String text, String name) {
        Duration d = parseOrZero(text, name);
        if (d.isZero()) {
            throw new IllegalArgumentException(name + " (" + text + ") must be > 0");
        }
        return d;
    }

    /** Like {@link #parse} but allows zero. */
    public static Duration parseOrZero(String text, String name) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d = null;
        if (t.matches("\\d+(\\.\\d+)?")) {
            d = Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        } else if (t.startsWith("pt")) {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                d = null;
            }
        } else {
            Matcher m = PARTS.matcher(t);
            int end = 0;
            Duration sum = Duration.ZERO;
            while (m.find() && m.start() == end) {
                long unitMillis = switch (m.group(2)) {
                    case "h" -> 3_600_000;
                    case "m" -> 60_000;
                    case "s" -> 1000;
                    default -> 1;
                };
                sum = sum.plusMillis(Math.round(Double.parseDouble(m.group(1)) * unitMillis));
                end = m.end();
            }
            if (end == t.length() && end > 0) {
                d = sum;
            }
        }
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " (" + text
                    + ") is not a duration; write e.g. 500ms, 90s, 10m, 1h30m, 45 (seconds) or PT10M");
        }
        return d;
    }

    /** {@code 1h02m03s}, {@code 4m05s}, {@code 12s}, {@code 250ms}. */
    public static String format(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = Math.round(ms / 1000.0);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s / 60) % 60, s % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
