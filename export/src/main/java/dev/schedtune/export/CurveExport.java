package dev.schedtune.export;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A schedule set sampled at steps {@code 0 .. steps - 1}, as CSV or JSON. Values print in Java's
 * shortest round-tripping form ({@code 1.0E-4}), which Python's {@code float()}, pandas and
 * spreadsheets read back to the same double.
 */
public final class CurveExport {
    /** Most steps an export writes (a 10-million-line CSV is already 200 MB). */
    public static final long MAX_STEPS = 10_000_000L;

    private CurveExport() {}

    /**
     * CSV with a header {@code step,lr,...}: one column per hyperparameter ({@code lr} first, then the
     * others in the set's order), one row per step.
     */
    public static void csv(ScheduleSet set, long steps, Appendable out) {
        check(steps);
        List<String> names = columns(set);
        List<Schedule> schedules = new ArrayList<>();
        names.forEach(n -> schedules.add(set.get(n)));
        try {
            out.append("step");
            for (String name : names) {
                out.append(',').append(name);
            }
            out.append('\n');
            StringBuilder row = new StringBuilder(64);
            for (long step = 0; step < steps; step++) {
                row.setLength(0);
                row.append(step);
                for (Schedule s : schedules) {
                    row.append(',').append(s.valueAt(step));
                }
                out.append(row).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #csv(ScheduleSet, long, Appendable)} as a string. */
    public static String csv(ScheduleSet set, long steps) {
        StringBuilder b = new StringBuilder();
        csv(set, steps, b);
        return b.toString();
    }

    /**
     * JSON by columns, ready for {@code pandas.DataFrame(json.load(f))}: {@code {"step": [0, 1, ...],
     * "lr": [...], "momentum": [...]}}.
     */
    public static void json(ScheduleSet set, long steps, Appendable out) {
        check(steps);
        try {
            out.append("{\n  \"step\": [");
            for (long step = 0; step < steps; step++) {
                out.append(step == 0 ? "" : ", ").append(Long.toString(step));
            }
            out.append(']');
            for (String name : columns(set)) {
                Schedule s = set.get(name);
                out.append(",\n  \"").append(name).append("\": [");
                for (long step = 0; step < steps; step++) {
                    double v = s.valueAt(step);
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException(
                                name + " at step " + step + " is " + v + ", which JSON cannot represent");
                    }
                    out.append(step == 0 ? "" : ", ").append(Double.toString(v));
                }
                out.append(']');
            }
            out.append("\n}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #json(ScheduleSet, long, Appendable)} as a string. */
    public static String json(ScheduleSet set, long steps) {
        StringBuilder b = new StringBuilder();
        json(set, steps, b);
        return b.toString();
    }

    /** The column order: {@code lr} first (when scheduled), then the others in the set's order. */
    static List<String> columns(ScheduleSet set) {
        List<String> names = new ArrayList<>();
        if (set.contains(ScheduleSet.LR)) {
            names.add(ScheduleSet.LR);
        }
        set.names().stream().filter(n -> !n.equals(ScheduleSet.LR)).forEach(names::add);
        return names;
    }

    private static void check(long steps) {
        if (steps <= 0 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps (" + steps + ") must be in [1, " + MAX_STEPS + "]");
        }
    }
}
