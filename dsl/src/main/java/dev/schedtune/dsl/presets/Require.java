package dev.schedtune.dsl.presets;

/**
 * Checks of the anchors' own arguments, with messages that name the anchor's parameter, its value and
 * what is allowed ({@code "pct_start (1.5) must be in [0, 1]"}). Presets check their arguments with
 * these before building primitives, so a primitive's own check (which names the primitive's
 * parameters) never fires for an argument the anchor accepts.
 */
final class Require {
    private Require() {}

    static double positive(String name, double value) {
        if (!(value > 0)) {
            throw fail(name, value, "must be > 0");
        }
        return value;
    }

    static long positive(String name, long value) {
        if (value <= 0) {
            throw fail(name, value, "must be > 0");
        }
        return value;
    }

    static double nonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw fail(name, value, "must be >= 0");
        }
        return value;
    }

    static long nonNegative(String name, long value) {
        if (value < 0) {
            throw fail(name, value, "must be >= 0");
        }
        return value;
    }

    static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw fail(name, value, "must be >= " + min);
        }
        return value;
    }

    static double atLeast(String name, double value, double min) {
        if (!(value >= min)) {
            throw fail(name, value, "must be >= " + fmt(min));
        }
        return value;
    }

    static double inClosed(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw fail(name, value, "must be in [" + fmt(min) + ", " + fmt(max) + "]");
        }
        return value;
    }

    static double inOpenClosed(String name, double value, double min, double max) {
        if (!(value > min && value <= max)) {
            throw fail(name, value, "must be in (" + fmt(min) + ", " + fmt(max) + "]");
        }
        return value;
    }

    /** {@code values} sorted ascending (equal neighbours allowed). */
    static long[] nonDecreasing(String name, long[] values) {
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
    static long[] increasing(String name, long[] values) {
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

    /** Every element {@code >= min}. */
    static long[] eachAtLeast(String name, long[] values, long min, String why) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < min) {
                throw element(name, values, i, "must be >= " + min + why);
            }
        }
        return values;
    }

    /**
     * A bad element of a list argument: the message starts with the parameter's name and whole value, so
     * the config path points at the parameter ({@code $.milestones}), then names the element.
     */
    static IllegalArgumentException element(String name, long[] values, int i, String rule) {
        return new IllegalArgumentException(name + " (" + java.util.Arrays.toString(values) + "): " + name + "[" + i
                + "] (" + values[i] + ") " + rule);
    }

    static void that(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    static IllegalArgumentException fail(String name, Object value, String rule) {
        return new IllegalArgumentException(name + " (" + value + ") " + rule);
    }

    /** A bound as users write it: 0 and 1 rather than 0.0 and 1.0. */
    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static double[] toDoubles(long[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
