package dev.schedtune.dsl;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Argument checks whose messages name the parameter, its value and what is allowed, in the style of
 * Guava's {@code MathPreconditions}: {@code "steps (-1.0) must be > 0"}. NaN fails every numeric check
 * and infinities fail every check that asks for a finite number. A bound is printed as it is passed: a
 * whole-number bound ({@code long}) as {@code 1}, a real one as {@code 1.0}, so anchor presets read
 * {@code "pct_start (1.5) must be in [0, 1]"} as the anchor's docs write it. Every built-in schedule, preset
 * and plot validates its arguments with these, eagerly; user-defined kinds may use them too.
 */
public final class Checks {
    private Checks() {}

    /** {@code value}, if finite. */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw fail(name, value, "must be a finite number");
        }
        return value;
    }

    /** {@code value}, if finite and {@code > 0}. */
    public static double positive(String name, double value) {
        if (!(value > 0)) {
            throw fail(name, value, "must be > 0");
        }
        return finite(name, value);
    }

    /** {@code value}, if finite and {@code >= 0}. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw fail(name, value, "must be >= 0");
        }
        return finite(name, value);
    }

    /** {@code value}, if finite and {@code >= min}. */
    public static double atLeast(String name, double value, double min) {
        return atLeast(name, value, min, String.valueOf(min));
    }

    /** {@code value}, if finite and {@code >= min} (a whole-number bound, printed as one). */
    public static double atLeast(String name, double value, long min) {
        return atLeast(name, value, min, String.valueOf(min));
    }

    private static double atLeast(String name, double value, double min, String shown) {
        if (!(value >= min)) {
            throw fail(name, value, "must be >= " + shown);
        }
        return finite(name, value);
    }

    /** {@code value}, if in the closed interval {@code [min, max]}. */
    public static double inClosedRange(String name, double value, double min, double max) {
        return inRange(name, value, min, max, true, "[" + min + ", " + max + "]");
    }

    /** {@code value}, if in the closed interval {@code [min, max]} of whole-number bounds. */
    public static double inClosedRange(String name, double value, long min, long max) {
        return inRange(name, value, min, max, true, "[" + min + ", " + max + "]");
    }

    /** {@code value}, if in the half-open interval {@code (min, max]}. */
    public static double inOpenClosedRange(String name, double value, double min, double max) {
        return inRange(name, value, min, max, false, "(" + min + ", " + max + "]");
    }

    /** {@code value}, if in the half-open interval {@code (min, max]} of whole-number bounds. */
    public static double inOpenClosedRange(String name, double value, long min, long max) {
        return inRange(name, value, min, max, false, "(" + min + ", " + max + "]");
    }

    private static double inRange(String name, double value, double min, double max, boolean closed, String shown) {
        if (!((closed ? value >= min : value > min) && value <= max)) {
            throw fail(name, value, "must be in " + shown);
        }
        return value;
    }

    /** {@code value}, if {@code > 0}. */
    public static long positive(String name, long value) {
        if (value <= 0) {
            throw fail(name, value, "must be > 0");
        }
        return value;
    }

    /** {@code value}, if {@code >= 0}. */
    public static long nonNegative(String name, long value) {
        if (value < 0) {
            throw fail(name, value, "must be >= 0");
        }
        return value;
    }

    /** {@code value}, if {@code >= min}. */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw fail(name, value, "must be >= " + min);
        }
        return value;
    }

    /** {@code value}, if {@code >= min}. */
    public static int atLeast(String name, int value, int min) {
        return (int) atLeast(name, (long) value, (long) min);
    }

    /** Every element finite and the sequence non-decreasing; returns a copy. */
    public static double[] nonDecreasing(String name, double[] values) {
        double[] copy = allFinite(name, values);
        for (int i = 1; i < copy.length; i++) {
            if (copy[i] < copy[i - 1]) {
                throw new IllegalArgumentException(name + "[" + i + "] (" + copy[i] + ") must be >= " + name + "["
                        + (i - 1) + "] (" + copy[i - 1] + "): " + name + " must be non-decreasing");
            }
        }
        return copy;
    }

    /** Every element finite; returns a copy. */
    public static double[] allFinite(String name, double[] values) {
        double[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            finite(name + "[" + i + "]", copy[i]);
        }
        return copy;
    }

    /** {@code values} sorted ascending (equal neighbours allowed). */
    public static long[] nonDecreasing(String name, long[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[i - 1]) {
                throw element(
                        name,
                        values,
                        i,
                        "must be >= " + name + "[" + (i - 1) + "] (" + values[i - 1] + "): " + name
                                + " must be sorted ascending");
            }
        }
        return values;
    }

    /** {@code values} strictly increasing. */
    public static long[] increasing(String name, long[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] <= values[i - 1]) {
                throw element(
                        name,
                        values,
                        i,
                        "must be > " + name + "[" + (i - 1) + "] (" + values[i - 1] + "): " + name
                                + " must be increasing");
            }
        }
        return values;
    }

    /** Every element {@code >= min}; {@code why} is appended to the message. */
    public static long[] eachAtLeast(String name, long[] values, long min, String why) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < min) {
                throw element(name, values, i, "must be >= " + min + why);
            }
        }
        return values;
    }

    /**
     * A bad element of a list argument: the message starts with the parameter's name and whole value, so
     * a config path points at the parameter ({@code $.milestones}), then names the element.
     */
    private static IllegalArgumentException element(String name, long[] values, int i, String rule) {
        return new IllegalArgumentException(
                name + " (" + Arrays.toString(values) + "): " + name + "[" + i + "] (" + values[i] + ") " + rule);
    }

    /** Throws {@link IllegalArgumentException} with {@code message} unless {@code condition} holds. */
    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** {@code value}, if not null. */
    public static <T> T notNull(String name, @Nullable T value) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    /** The failure {@code "name (value) rule"}, for checks that compare two arguments. */
    public static IllegalArgumentException fail(String name, Object value, String rule) {
        return new IllegalArgumentException(name + " (" + value + ") " + rule);
    }
}
