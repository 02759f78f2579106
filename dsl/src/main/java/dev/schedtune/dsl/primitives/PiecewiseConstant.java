package dev.schedtune.dsl.primitives;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A step function: {@code values[k]} where {@code k} is the number of boundaries {@code <= t}, so the
 * value changes <em>at</em> each boundary (as PyTorch's {@code MultiStepLR} and Optax's {@code
 * piecewise_constant_schedule}; Keras changes one step later, timm one step earlier: shift the
 * boundaries by one to reproduce them).
 *
 * <pre>
 *   f(t) = values[0]   for t &lt; boundaries[0]
 *        = values[k]   for boundaries[k-1] &lt;= t &lt; boundaries[k]
 *        = values[n]   for t &gt;= boundaries[n-1]
 * </pre>
 *
 * <p>Boundaries are non-decreasing; a repeated boundary skips a value (PyTorch counts a repeated
 * milestone twice).
 */
public final class PiecewiseConstant extends Curve {
    /** Kind name in specs. */
    public static final String KIND = "piecewise_constant";

    private final double[] boundaries;
    private final double[] values;

    private PiecewiseConstant(double[] boundaries, double[] values) {
        this.boundaries = Checks.nonDecreasing("boundaries", boundaries);
        this.values = Checks.allFinite("values", values);
        Checks.require(
                values.length == boundaries.length + 1,
                "values (" + values.length + " of them) must have one more element than boundaries ("
                        + boundaries.length + ")");
        for (int i = 0; i < boundaries.length; i++) {
            Checks.nonNegative("boundaries[" + i + "]", boundaries[i]);
        }
    }

    /** {@code values[k]} after the k-th boundary; {@code values.length == boundaries.length + 1}. */
    public static PiecewiseConstant of(double[] boundaries, double[] values) {
        return new PiecewiseConstant(boundaries, values);
    }

    /**
     * Optax's {@code piecewise_constant_schedule(init, {boundary: scale})}: {@code init} times the product
     * of the scales of every boundary {@code <= t}.
     */
    public static PiecewiseConstant scaled(double init, double[] boundaries, double[] scales) {
        Checks.require(
                boundaries.length == scales.length,
                "scales (" + scales.length + " of them) must match boundaries (" + boundaries.length + ")");
        double[] values = new double[boundaries.length + 1];
        values[0] = Checks.finite("init", init);
        for (int i = 0; i < scales.length; i++) {
            values[i + 1] = values[i] * Checks.finite("scales[" + i + "]", scales[i]);
        }
        return new PiecewiseConstant(boundaries, values);
    }

    /** PyTorch's {@code MultiStepLR}: {@code init * gamma^(number of milestones <= t)}. */
    public static PiecewiseConstant multiStep(double init, double gamma, double... milestones) {
        Checks.finite("init", init);
        Checks.finite("gamma", gamma);
        double[] sorted = milestones.clone();
        Arrays.sort(sorted);
        double[] values = new double[sorted.length + 1];
        for (int k = 0; k < values.length; k++) {
            values[k] = init * Math.pow(gamma, k);
        }
        return new PiecewiseConstant(sorted, values);
    }

    /** The boundaries (a copy). */
    public double[] boundaries() {
        return boundaries.clone();
    }

    /** The values (a copy). */
    public double[] values() {
        return values.clone();
    }

    @Override
    public double valueAtReal(double position) {
        return values[countAtOrBelow(boundaries, position)];
    }

    static int segment(double[] sorted, double x) {
        return countAtOrBelow(sorted, x);
    }

    @Override
    public double horizon() {
        return boundaries.length == 0 ? Double.POSITIVE_INFINITY : boundaries[boundaries.length - 1];
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        return ScheduleSpec.builder(KIND)
                .put("boundaries", positions(boundaries))
                .put("values", values)
                .build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PiecewiseConstant
                && Arrays.equals(((PiecewiseConstant) o).boundaries, boundaries)
                && Arrays.equals(((PiecewiseConstant) o).values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, Arrays.hashCode(boundaries), Arrays.hashCode(values));
    }
}
