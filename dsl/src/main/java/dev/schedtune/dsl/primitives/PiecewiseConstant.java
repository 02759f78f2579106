package dev.schedtune.dsl.primitives;

import static dev.schedtune.dsl.spec.Param.FINITE;
import static dev.schedtune.dsl.spec.Param.NON_NEGATIVE;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;
import static dev.schedtune.dsl.spec.ParamType.NUMBER_LIST;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.Arrays;
import java.util.List;
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
    private static final Param BOUNDARIES =
            required("boundaries", NUMBER_LIST, "non-decreasing, >= 0", "steps where the value changes");

    private static final Param VALUES = required("values", NUMBER_LIST, "one more than boundaries", "the values");
    private static final Param INIT = required("init", NUMBER, FINITE, "initial value");
    private static final Param GAMMA = required("gamma", NUMBER, FINITE, "factor at each milestone");
    private static final Param MILESTONES =
            required("milestones", NUMBER_LIST, NON_NEGATIVE, "steps at which the value drops");

    /** The kind {@code piecewise_constant(boundaries, values)}. */
    public static final Kind KIND = Kind.schedule(
                    "piecewise_constant",
                    "values[k] where k is the number of boundaries <= t",
                    List.of(BOUNDARIES, VALUES),
                    a -> of(BOUNDARIES.numbers(a), VALUES.numbers(a)))
            .withPython("""
            def _k_piecewise_constant(boundaries, values):
                return lambda x: values[_count_at_or_below(boundaries, x)]
            """);

    /** The kind {@code multi_step(init, gamma, milestones)} (PyTorch's MultiStepLR), written back as piecewise_constant. */
    public static final Kind MULTI_STEP_KIND = Kind.schedule(
            "multi_step",
            "init * gamma^(number of milestones <= t) (PyTorch MultiStepLR); written back as piecewise_constant",
            List.of(INIT, GAMMA, MILESTONES),
            a -> multiStep(INIT.number(a), GAMMA.number(a), MILESTONES.numbers(a)));

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
    protected void mark(Boundaries found) {
        for (double b : boundaries) {
            found.add(b);
        }
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        return ScheduleSpec.builder(KIND)
                .put(BOUNDARIES, positions(boundaries))
                .put(VALUES, values)
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
