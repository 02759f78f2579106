package dev.schedtune.search.internal;

/** Precondition helpers whose messages name the value, e.g. {@code "low (NaN) must be finite"}. */
public final class Checks {
    private Checks() {}

    public static double checkFinite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " (" + value + ") must be finite");
        }
        return value;
    }

    public static double checkPositive(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " (" + value + ") must be > 0 and finite");
        }
        return value;
    }

    public static double checkNonNegative(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " (" + value + ") must be >= 0 and finite");
        }
        return value;
    }

    public static long checkPositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must be > 0");
        }
        return value;
    }

    public static long checkNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must be >= 0");
        }
        return value;
    }

    public static int checkAtLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " (" + value + ") must be >= " + min);
        }
        return value;
    }

    /** {@code p}, if in [0, 1]. */
    public static double checkProbability(double p, String name) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " (" + p + ") must be in [0, 1]");
        }
        return p;
    }

    public static double checkInClosedRange(double value, double low, double high, String name) {
        if (!(value >= low && value <= high)) {
            throw new IllegalArgumentException(name + " (" + value + ") must be in [" + low + ", " + high + "]");
        }
        return value;
    }

    public static String checkName(String name, String what) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return name;
    }
}
