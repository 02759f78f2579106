package dev.schedtune.dsl.combinators;

import static dev.schedtune.dsl.spec.Param.INNER;
import static dev.schedtune.dsl.spec.Param.optional;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A schedule's values kept in {@code [min, max]}: {@code f(t) = min(max(inner(t), min), max)}. Either
 * bound may be absent (infinite): a floor ({@code min} only) or a ceiling ({@code max} only).
 */
public final class Clamp extends Curve {
    /** Kind name in specs. */
    private static final Param MIN = optional("min", NUMBER, null, "<= max", "lower bound (none if absent)");

    private static final Param MAX = optional("max", NUMBER, null, ">= min", "upper bound (none if absent)");

    /** The kind {@code clamp(schedule, min, max)}. */
    public static final Kind KIND = Kind.schedule(
                    "clamp",
                    "values kept in [min, max]",
                    List.of(INNER, MIN, MAX),
                    a -> of(
                            INNER.schedule(a),
                            MIN.number(a, Double.NEGATIVE_INFINITY),
                            MAX.number(a, Double.POSITIVE_INFINITY)))
            .withPython("""
            def _k_clamp(schedule, min=None, max=None):
                low = -math.inf if min is None else min
                high = math.inf if max is None else max

                def f(x):
                    v = schedule(x)
                    return low if v < low else (high if v > high else v)
                return f
            """);

    private final Curve inner;
    private final double min;
    private final double max;

    private Clamp(Curve inner, double min, double max) {
        Checks.require(!Double.isNaN(min), "min (NaN) must be a number or -Infinity");
        Checks.require(!Double.isNaN(max), "max (NaN) must be a number or +Infinity");
        Checks.require(min != Double.POSITIVE_INFINITY, "min (Infinity) must be < Infinity");
        Checks.require(max != Double.NEGATIVE_INFINITY, "max (-Infinity) must be > -Infinity");
        Checks.require(min <= max, "min (" + min + ") must be <= max (" + max + ")");
        this.inner = inner;
        this.min = min;
        this.max = max;
    }

    /** Values kept in {@code [min, max]}. */
    public static Clamp of(Schedule inner, double min, double max) {
        return new Clamp(Curve.of(inner), min, max);
    }

    /** Values below {@code min} become {@code min}. */
    public static Clamp floor(Schedule inner, double min) {
        return new Clamp(Curve.of(inner), Checks.finite("min", min), Double.POSITIVE_INFINITY);
    }

    /** Values above {@code max} become {@code max}. */
    public static Clamp ceiling(Schedule inner, double max) {
        return new Clamp(Curve.of(inner), Double.NEGATIVE_INFINITY, Checks.finite("max", max));
    }

    public Schedule inner() {
        return Curve.unwrap(inner);
    }

    /** The lower bound, or -Infinity. */
    public double min() {
        return min;
    }

    /** The upper bound, or +Infinity. */
    public double max() {
        return max;
    }

    @Override
    public double valueAtReal(double position) {
        double v = inner.valueAtReal(position);
        return v < min ? min : (v > max ? max : v);
    }

    @Override
    public double horizon() {
        return inner.horizon();
    }

    @Override
    protected void fill(double[] values, int from, int to) {
        fill(inner, values, from, to);
        for (int k = from; k < to; k++) {
            double v = values[k];
            values[k] = v < min ? min : (v > max ? max : v);
        }
    }

    @Override
    protected void mark(Boundaries found) {
        mark(inner, found);
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND).put(INNER, describe(inner, lenient));
        if (min != Double.NEGATIVE_INFINITY) {
            b.put(MIN, min);
        }
        if (max != Double.POSITIVE_INFINITY) {
            b.put(MAX, max);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Clamp
                && ((Clamp) o).inner.equals(inner)
                && same(((Clamp) o).min, min)
                && same(((Clamp) o).max, max);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, inner, min, max);
    }
}
