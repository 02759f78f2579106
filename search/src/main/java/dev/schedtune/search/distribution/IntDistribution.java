package dev.schedtune.search.distribution;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Integers in {@code [low, high]}: on the grid {@code low, low + step, ...} (the high end lowered onto the
 * grid, as Optuna does) or log-scaled ({@code low >= 1}, step 1). Internal form: the value as a double.
 */
public final class IntDistribution extends Distribution {
    private final long low;
    private final long high;
    private final boolean log;
    private final long step;

    private IntDistribution(long low, long high, boolean log, long step) {
        this.low = low;
        this.high = high;
        this.log = log;
        this.step = step;
    }

    /** Every integer in {@code [low, high]}. */
    public static IntDistribution of(long low, long high) {
        return stepped(low, high, 1);
    }

    /** Integers in {@code [low, high]}, {@code 1 <= low}, uniform in log space. */
    public static IntDistribution log(long low, long high) {
        checkRange(low, high);
        if (low < 1) {
            throw new IllegalArgumentException("low (" + low + ") must be >= 1 for a log range");
        }
        return new IntDistribution(low, high, true, 1);
    }

    /** The integers {@code low, low + step, ...} up to {@code high} (lowered onto the grid). */
    public static IntDistribution stepped(long low, long high, long step) {
        checkRange(low, high);
        if (step < 1) {
            throw new IllegalArgumentException("step (" + step + ") must be >= 1");
        }
        long adjusted = low + Math.floorDiv(high - low, step) * step;
        return new IntDistribution(low, adjusted, false, step);
    }

    private static void checkRange(long low, long high) {
        if (low > high) {
            throw new IllegalArgumentException("low (" + low + ") must be <= high (" + high + ")");
        }
    }

    public long low() {
        return low;
    }

    public long high() {
        return high;
    }

    public boolean isLog() {
        return log;
    }

    public long step() {
        return step;
    }

    private long gridSize() {
        return (high - low) / step + 1;
    }

    @Override
    public double toInternal(@Nullable Object external) {
        if (external instanceof Long || external instanceof Integer || external instanceof Short) {
            return ((Number) external).longValue();
        }
        if (external instanceof Number) {
            double d = ((Number) external).doubleValue();
            if (d == Math.rint(d)) {
                return d;
            }
        }
        throw new IllegalArgumentException(
                "value " + external + " is not an integer; expected a " + describe() + " value");
    }

    @Override
    public Long toExternal(double internal) {
        return Math.round(internal);
    }

    @Override
    public boolean contains(double internal) {
        if (!(internal >= low && internal <= high) || internal != Math.rint(internal)) {
            return false;
        }
        return (Math.round(internal) - low) % step == 0;
    }

    @Override
    public boolean isSingle() {
        return low == high;
    }

    @Override
    public double fromUnit(double u) {
        double v = clampUnit(u);
        if (log) {
            // Optuna's rule: uniform in [log(low - 0.5), log(high + 0.5)], then rounded
            double lo = Math.log(low - 0.5);
            double hi = Math.log(high + 0.5);
            long x = Math.round(Math.exp(lo + v * (hi - lo)));
            return Math.min(high, Math.max(low, x));
        }
        long k = Math.min(gridSize() - 1, (long) Math.floor(v * gridSize()));
        return low + k * step;
    }

    @Override
    public double toUnit(double internal) {
        if (isSingle()) {
            return 0.5;
        }
        if (log) {
            double lo = Math.log(low - 0.5);
            double hi = Math.log(high + 0.5);
            return (Math.log(internal) - lo) / (hi - lo);
        }
        double k = Math.rint((internal - low) / step);
        return (k + 0.5) / gridSize();
    }

    @Override
    public boolean isCompatibleWith(Distribution other) {
        return other instanceof IntDistribution && ((IntDistribution) other).log == log;
    }

    @Override
    public String describe() {
        return "int in [" + low + ", " + high + "]" + (log ? ", log" : "") + (step > 1 ? ", step " + step : "");
    }

    @Override
    String optunaName() {
        return "IntDistribution";
    }

    @Override
    Map<String, @Nullable Object> attributes() {
        Map<String, @Nullable Object> a = new LinkedHashMap<>();
        a.put("log", log);
        a.put("step", step);
        a.put("low", low);
        a.put("high", high);
        return a;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof IntDistribution)) {
            return false;
        }
        IntDistribution d = (IntDistribution) o;
        return low == d.low && high == d.high && log == d.log && step == d.step;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(low, high, log, step);
    }

    @Override
    public String toString() {
        return describe();
    }
}
