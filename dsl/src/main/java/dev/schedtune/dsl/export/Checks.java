package dev.schedtune.dsl.export;

/** Argument checks with messages that name the parameter, its value and what is allowed. */
final class Checks {
    private Checks() {}

    static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must be > 0");
        }
        return value;
    }

    static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " (" + value + ") must be >= " + min);
        }
        return value;
    }
}
