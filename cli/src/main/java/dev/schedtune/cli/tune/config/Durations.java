package dev.schedtune.cli.tune.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 45} (seconds), {@code PT10M}. */
public final class Durations {
    private static final Pattern PARTS = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|m|s|ms)");

    private Durations() {}

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Duration parse(String text) {
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
                double n = Double.parseDouble(m.group(1));
                long millis = Math.round(n
                        * switch (m.group(2)) {
                            case "h" -> 3_600_000;
                            case "m" -> 60_000;
                            case "s" -> 1000;
                            default -> 1;
                        });
                sum = sum.plusMillis(millis);
                end = m.end();
            }
            if (end == t.length() && end > 0) {
                d = sum;
            }
        }
        if (d == null) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration; write e.g. 90s, 10m, 1h30m, 45 (seconds) or PT10M");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("duration '" + text + "' must be > 0");
        }
        return d;
    }

    /** {@code 1h02m03s}, {@code 4m05s}, {@code 12s}. */
    public static String format(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s / 60) % 60, s % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
