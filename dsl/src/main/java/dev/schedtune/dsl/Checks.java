package dev.schedtune.dsl;

import org.jspecify.annotations.Nullable;

/**
 * Argument checks whose messages name the parameter, its value and what is allowed, in the style of
 * Guava's {@code MathPreconditions}: {@code "steps (-1.0) must be > 0"}. NaN fails every numeric check
 * and infinities fail every check that asks for a finite number. Every built-in schedule validates its
 * arguments with these, eagerly, when it is built; user-defined kinds may use them too.
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
        if (!(value >= min)) {
            throw fail(name, value, "must be >= " + min);
        }
        return finite(name, value);
    }

    /** {@code value}, if in the closed interval {@code [min, max]}. */
    public static double inClosedRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw fail(name, value, "must be in [" + min + ", " + max + "]");
        }
        return value;
    }

    /** {@code value}, if in the half-open interval {@code (min, max]}. */
    public static double inOpenClosedRange(String name, double value, double min, double max) {
        if (!(value > min && value <= max)) {
            throw fail(name, value, "must be in (" + min + ", " + max + "]");
        }
        return value;
    }

    /** {@code value}, if {@code > 0}. */
    public static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must be > 0");
        }
        return value;
    }

    /** {@code value}, if {@code >= 0}. */
    public static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must be >= 0");
        }
        return value;
    }

    /** Every element finite and the sequence non-decreasing; returns a copy. */
    public static double[] nonDecreasing(String name, double[] values) {
        double[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            finite(name + "[" + i + "]", copy[i]);
            if (i > 0 && copy[i] < copy[i - 1]) {
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

    private static IllegalArgumentException fail(String name, double value, String rule) {
        return new IllegalArgumentException(name + " (" + value + ") " + rule);
    }
}
