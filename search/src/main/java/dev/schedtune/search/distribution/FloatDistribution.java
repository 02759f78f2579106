package dev.schedtune.search.distribution;

import static dev.schedtune.search.internal.Checks.checkFinite;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Real values in {@code [low, high]}: linear, log-scaled ({@code low > 0}) or on the grid
 * {@code low, low + step, ...} (the high end is lowered onto the grid, as Optuna does). Internal form: the
 * value itself.
 */
public final class FloatDistribution extends Distribution {
    private final double low;
    private final double high;
    private final boolean log;
    private final double step;

    private FloatDistribution(double low, double high, boolean log, double step) {
        this.low = low;
        this.high = high;
        this.log = log;
        this.step = step;
    }

    /** Uniform on {@code [low, high]}. */
    public static FloatDistribution of(double low, double high) {
        checkRange(low, high);
        return new FloatDistribution(low, high, false, 0);
    }

    /** Log-uniform on {@code [low, high]}, {@code 0 < low <= high}. */
    public static FloatDistribution log(double low, double high) {
        checkRange(low, high);
        if (!(low > 0)) {
            throw new IllegalArgumentException("low (" + low + ") must be > 0 for a log range");
        }
        return new FloatDistribution(low, high, true, 0);
    }

    /** Uniform on the grid {@code low, low + step, ...} up to {@code high} (lowered onto the grid). */
    public static FloatDistribution stepped(double low, double high, double step) {
        checkRange(low, high);
        if (!(step > 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("step (" + step + ") must be > 0 and finite");
        }
        return new FloatDistribution(low, adjustHigh(low, high, step), false, step);
    }

    private static void checkRange(double low, double high) {
        checkFinite(low, "low");
        checkFinite(high, "high");
        if (low > high) {
            throw new IllegalArgumentException("low (" + low + ") must be <= high (" + high + ")");
        }
    }

    /** Optuna's {@code _adjust_discrete_uniform_high}, in decimal arithmetic as there. */
    private static double adjustHigh(double low, double high, double step) {
        BigDecimal dLow = new BigDecimal(Double.toString(low));
        BigDecimal dRange = new BigDecimal(Double.toString(high)).subtract(dLow);
        BigDecimal dStep = new BigDecimal(Double.toString(step));
        if (dRange.remainder(dStep).signum() == 0) {
            return high;
        }
        return dRange.divideToIntegralValue(dStep).multiply(dStep).add(dLow).doubleValue();
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    public boolean isLog() {
        return log;
    }

    /** The grid step, or 0 for a continuous range. */
    public double step() {
        return step;
    }

    public boolean hasStep() {
        return step > 0;
    }

    /** Number of grid values of a stepped range. */
    private long gridSize() {
        return Math.round((high - low) / step) + 1;
    }

    @Override
    public double toInternal(@Nullable Object external) {
        if (!(external instanceof Number)) {
            throw new IllegalArgumentException(
                    "value " + external + " is not a number; expected a " + describe() + " value");
        }
        return ((Number) external).doubleValue();
    }

    @Override
    public Double toExternal(double internal) {
        return internal;
    }

    @Override
    public boolean contains(double internal) {
        if (!(internal >= low && internal <= high)) {
            return false;
        }
        if (step > 0) {
            double k = (internal - low) / step;
            return Math.abs(k - Math.rint(k)) < 1e-8;
        }
        return true;
    }

    @Override
    public boolean isSingle() {
        return low == high;
    }

    @Override
    public double fromUnit(double u) {
        double v = clampUnit(u);
        if (step > 0) {
            long k = Math.min(gridSize() - 1, (long) Math.floor(v * gridSize()));
            return Math.min(high, low + k * step);
        }
        if (log) {
            double x = Math.exp(Math.log(low) + v * (Math.log(high) - Math.log(low)));
            return Math.min(high, Math.max(low, x));
        }
        return Math.min(high, low + v * (high - low));
    }

    @Override
    public double toUnit(double internal) {
        if (isSingle()) {
            return 0.5;
        }
        if (step > 0) {
            double k = Math.rint((internal - low) / step);
            return (k + 0.5) / gridSize();
        }
        if (log) {
            return (Math.log(internal) - Math.log(low)) / (Math.log(high) - Math.log(low));
        }
        return (internal - low) / (high - low);
    }

    @Override
    public boolean isCompatibleWith(Distribution other) {
        return other instanceof FloatDistribution && ((FloatDistribution) other).log == log;
    }

    @Override
    public String describe() {
        return "float in [" + low + ", " + high + "]" + (log ? ", log" : "") + (step > 0 ? ", step " + step : "");
    }

    @Override
    String optunaName() {
        return "FloatDistribution";
    }

    @Override
    Map<String, @Nullable Object> attributes() {
        Map<String, @Nullable Object> a = new LinkedHashMap<>();
        a.put("step", step > 0 ? step : null);
        a.put("low", low);
        a.put("high", high);
        a.put("log", log);
        return a;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof FloatDistribution)) {
            return false;
        }
        FloatDistribution d = (FloatDistribution) o;
        return Double.compare(low, d.low) == 0
                && Double.compare(high, d.high) == 0
                && log == d.log
                && Double.compare(step, d.step) == 0;
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
