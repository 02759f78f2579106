package dev.schedtune.dsl.template;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Placeholders to put in a spec where a value is to be tuned. Each is itself a small spec ({@code
 * tune_float}, {@code tune_int}, {@code tune_choice}), so a template is plain data that configs can
 * write and read:
 *
 * <pre>{@code
 * ScheduleSpec cosine = ScheduleSpec.builder("cosine")
 *         .put("from", Tune.logUniform("peak_lr", 1e-4, 1e-1))
 *         .put("to", 0.0)
 *         .put("steps", 9_000)
 *         .build();
 * Template t = Template.of(ScheduleSpec.builder("warmup")
 *         .put("schedule", cosine)
 *         .put("steps", Tune.integer("warmup_steps", 0, 2_000, 100))
 *         .build());
 * }</pre>
 *
 * <p>Without a name, a parameter is named after its path in the template ({@code schedule.from}).
 */
public final class Tune {
    /** Kind of a float range placeholder: {@code name}, {@code low}, {@code high}, {@code log}, {@code step}. */
    public static final String FLOAT = "tune_float";
    /** Kind of an integer range placeholder: {@code name}, {@code low}, {@code high}, {@code log}, {@code step}. */
    public static final String INT = "tune_int";
    /** Kind of a categorical placeholder: {@code name}, {@code options}, optional {@code labels}. */
    public static final String CHOICE = "tune_choice";

    private Tune() {}

    /** Whether {@code value} is a placeholder spec. */
    public static boolean isPlaceholder(Object value) {
        return value instanceof ScheduleSpec && isPlaceholderKind(((ScheduleSpec) value).kind());
    }

    static boolean isPlaceholderKind(String kind) {
        return kind.equals(FLOAT) || kind.equals(INT) || kind.equals(CHOICE);
    }

    /** A float drawn uniformly from {@code [low, high]}. */
    public static ScheduleSpec uniform(String name, double low, double high) {
        return floatRange(name, low, high, false, 0);
    }

    /** A float drawn uniformly from {@code [low, high]}, named after its path. */
    public static ScheduleSpec uniform(double low, double high) {
        return floatRange(null, low, high, false, 0);
    }

    /** A float on the grid {@code low, low + step, ..., high}. */
    public static ScheduleSpec uniform(String name, double low, double high, double step) {
        return floatRange(name, low, high, false, Checks.positive("step", step));
    }

    /** A float drawn log-uniformly from {@code [low, high]} ({@code low > 0}). */
    public static ScheduleSpec logUniform(String name, double low, double high) {
        return floatRange(name, low, high, true, 0);
    }

    /** A float drawn log-uniformly, named after its path. */
    public static ScheduleSpec logUniform(double low, double high) {
        return floatRange(null, low, high, true, 0);
    }

    /** An integer in {@code [low, high]}. */
    public static ScheduleSpec integer(String name, long low, long high) {
        return intRange(name, low, high, false, 1);
    }

    /** An integer on the grid {@code low, low + step, ..., <= high}. */
    public static ScheduleSpec integer(String name, long low, long high, long step) {
        return intRange(name, low, high, false, step);
    }

    /** An integer in {@code [low, high]} drawn on a log scale ({@code low > 0}). */
    public static ScheduleSpec logInteger(String name, long low, long high) {
        return intRange(name, low, high, true, 1);
    }

    // int overloads: Kotlin passes an Int where a Long is expected only as a literal, not as a variable

    /** {@link #integer(String, long, long)} with {@code int} bounds. */
    public static ScheduleSpec integer(String name, int low, int high) {
        return integer(name, (long) low, (long) high);
    }

    /** {@link #integer(String, long, long, long)} with {@code int} bounds. */
    public static ScheduleSpec integer(String name, int low, int high, int step) {
        return integer(name, (long) low, (long) high, (long) step);
    }

    /** {@link #logInteger(String, long, long)} with {@code int} bounds. */
    public static ScheduleSpec logInteger(String name, int low, int high) {
        return logInteger(name, (long) low, (long) high);
    }

    /**
     * One of {@code options}: numbers, strings, booleans or whole schedule specs (which may hold further
     * placeholders, active only when chosen). Labels are the scalar values as text and the specs' kinds.
     */
    public static ScheduleSpec choice(String name, Object... options) {
        return choice(name, Arrays.asList(options));
    }

    /** One of {@code options}. */
    public static ScheduleSpec choice(String name, List<?> options) {
        return ScheduleSpec.builder(CHOICE)
                .put("name", name)
                .put("options", List.copyOf(options))
                .build();
    }

    /** One of the values of {@code labelled}, chosen by its key (the label). */
    public static ScheduleSpec choice(String name, Map<String, ?> labelled) {
        return ScheduleSpec.builder(CHOICE)
                .put("name", name)
                .put("options", new ArrayList<>(labelled.values()))
                .put("labels", new ArrayList<>(labelled.keySet()))
                .build();
    }

    private static ScheduleSpec floatRange(@Nullable String name, double low, double high, boolean log, double step) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(FLOAT);
        if (name != null) {
            b.put("name", name);
        }
        b.put("low", low).put("high", high);
        if (log) {
            b.put("log", true);
        }
        if (step > 0) {
            b.put("step", step);
        }
        ScheduleSpec spec = b.build();
        Tunable.parse(spec, name == null ? "value" : name, "$");
        return spec;
    }

    private static ScheduleSpec intRange(String name, long low, long high, boolean log, long step) {
        ScheduleSpec.Builder b =
                ScheduleSpec.builder(INT).put("name", name).put("low", low).put("high", high);
        if (log) {
            b.put("log", true);
        }
        if (step != 1) {
            b.put("step", step);
        }
        ScheduleSpec spec = b.build();
        Tunable.parse(spec, name, "$");
        return spec;
    }
}
