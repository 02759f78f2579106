package dev.schedtune.search.trial;

/** Whether an objective is minimised or maximised. */
public enum StudyDirection {
    MINIMIZE,
    MAXIMIZE;

    /** Whether {@code a} is strictly better than {@code b} in this direction. */
    public boolean isBetter(double a, double b) {
        return this == MINIMIZE ? a < b : a > b;
    }

    /** The value to minimise: {@code v} for MINIMIZE, {@code -v} for MAXIMIZE. */
    public double toMinimized(double v) {
        return this == MINIMIZE ? v : -v;
    }

    /** The worst value in this direction: {@code +inf} for MINIMIZE, {@code -inf} for MAXIMIZE. */
    public double worst() {
        return this == MINIMIZE ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * Parses {@code minimize}/{@code maximize} (any case; {@code min}/{@code max} too).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static StudyDirection parse(String name) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "minimize":
            case "min":
                return MINIMIZE;
            case "maximize":
            case "max":
                return MAXIMIZE;
            default:
                throw new IllegalArgumentException("unknown direction '" + name + "'; allowed: minimize, maximize");
        }
    }
}
