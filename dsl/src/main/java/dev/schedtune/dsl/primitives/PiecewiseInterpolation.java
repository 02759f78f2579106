package dev.schedtune.dsl.primitives;

import static dev.schedtune.dsl.spec.Param.BOOLEAN;
import static dev.schedtune.dsl.spec.Param.choice;
import static dev.schedtune.dsl.spec.Param.optional;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.NUMBER_LIST;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Values at knots, interpolated linearly, along a cosine or geometrically in between:
 *
 * <pre>
 *   f(t) = values[0]                                           for t &lt; knots[0]
 *        = interpolate(values[j], values[j+1], pct)            for knots[j] &lt;= t &lt; knots[j+1],
 *          pct = (t - knots[j]) / (knots[j+1] - knots[j])
 *        = values[n-1]                                         for t &gt;= knots[n-1]  (or the last
 *                                                              segment continued, with extrapolate)
 * </pre>
 *
 * <p>Knots are real positions (PyTorch's {@code OneCycleLR} ends its first phase at {@code pct_start *
 * total_steps - 1}, often fractional). Optax's {@code piecewise_interpolate_schedule(type, init,
 * {b: scale})} is {@link #scaled}: knot 0 holds {@code init} and each knot the running product.
 */
public final class PiecewiseInterpolation extends Curve {
    /** Kind name in specs. */
    private static final Param KNOTS =
            required("knots", NUMBER_LIST, "non-decreasing, >= 0", "knot positions in steps");

    private static final Param VALUES = required("values", NUMBER_LIST, "as many as knots", "values at the knots");
    private static final Param INTERPOLATION =
            choice("interpolation", Interpolation.LINEAR, Interpolation.values(), "the curve between knots");
    private static final Param EXTRAPOLATE =
            optional("extrapolate", ParamType.BOOLEAN, false, BOOLEAN, "continue the last segment");

    /** The kind {@code piecewise_interpolate(knots, values, interpolation, extrapolate)}. */
    public static final Kind KIND = Kind.schedule(
                    "piecewise_interpolate",
                    "values at knots, interpolated in between, held outside",
                    List.of(KNOTS, VALUES, INTERPOLATION, EXTRAPOLATE),
                    a -> of(
                            KNOTS.numbers(a),
                            VALUES.numbers(a),
                            INTERPOLATION.choice(a, Interpolation.class),
                            EXTRAPOLATE.bool(a)))
            .withPython("""
            def _k_piecewise_interpolate(knots, values, interpolation="linear", extrapolate=False):
                return lambda x: _knots_at(knots, values, interpolation, extrapolate, x)
            """);

    private final Knots knots;

    private PiecewiseInterpolation(Knots knots) {
        this.knots = knots;
    }

    /** {@code values[j]} at {@code knots[j]}, interpolated between; held outside. */
    public static PiecewiseInterpolation of(double[] knots, double[] values, Interpolation interpolation) {
        return of(knots, values, interpolation, false);
    }

    /** As {@link #of(double[], double[], Interpolation)}; {@code extrapolate} continues the last segment. */
    public static PiecewiseInterpolation of(
            double[] knots, double[] values, Interpolation interpolation, boolean extrapolate) {
        Checks.notNull("interpolation", interpolation);
        for (int i = 0; i < knots.length; i++) {
            Checks.nonNegative("knots[" + i + "]", knots[i]);
        }
        return new PiecewiseInterpolation(new Knots("knots", knots, "values", values, interpolation, extrapolate));
    }

    /**
     * Optax's {@code piecewise_interpolate_schedule(interpolate_type, init_value, boundaries_and_scales)}:
     * {@code init} at step 0, and at each boundary the previous value times its scale.
     */
    public static PiecewiseInterpolation scaled(
            Interpolation interpolation, double init, double[] boundaries, double[] scales) {
        Checks.require(
                boundaries.length == scales.length,
                "scales (" + scales.length + " of them) must match boundaries (" + boundaries.length + ")");
        double[] sortedIdx = boundaries.clone();
        Integer[] order = new Integer[boundaries.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(boundaries[a], boundaries[b]));
        double[] knots = new double[boundaries.length + 1];
        double[] values = new double[boundaries.length + 1];
        values[0] = Checks.finite("init", init);
        for (int i = 0; i < order.length; i++) {
            knots[i + 1] = sortedIdx[order[i]];
            values[i + 1] = values[i] * Checks.finite("scales[" + order[i] + "]", scales[order[i]]);
        }
        return of(knots, values, interpolation, false);
    }

    /** The knot positions (a copy). */
    public double[] knots() {
        return knots.positions.clone();
    }

    /** The knot values (a copy). */
    public double[] values() {
        return knots.values.clone();
    }

    public Interpolation interpolation() {
        return knots.interpolation;
    }

    public boolean extrapolate() {
        return knots.extrapolate;
    }

    @Override
    public double valueAtReal(double position) {
        return knots.at(position);
    }

    @Override
    public double horizon() {
        return knots.last();
    }

    @Override
    protected void mark(Boundaries found) {
        for (double k : knots.positions) {
            found.add(k);
        }
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND)
                .put(KNOTS, positions(knots.positions))
                .put(VALUES, knots.values)
                .put(INTERPOLATION, knots.interpolation.specName());
        if (knots.extrapolate) {
            b.put(EXTRAPOLATE, true);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PiecewiseInterpolation that && that.knots.equals(knots);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, knots);
    }
}
