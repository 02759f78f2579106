package dev.schedtune.dsl.combinators;

import static dev.schedtune.dsl.spec.Param.INNER;
import static dev.schedtune.dsl.spec.Param.NON_NEGATIVE;
import static dev.schedtune.dsl.spec.Param.required;
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
 * A schedule frozen after a step: {@code f(t) = inner(min(t, last))}. Applied at a schedule's horizon
 * it is the opt-in clamp that stops a cosine from rising again after {@code T_max}.
 */
public final class HoldAfter extends Curve {
    /** Kind name in specs. */
    private static final Param STEP = required("step", NUMBER, NON_NEGATIVE, "last step that moves");

    /** The kind {@code hold_after(schedule, step)}. */
    public static final Kind KIND = Kind.schedule(
                    "hold_after",
                    "schedule(min(t, step)): the value holds after step",
                    List.of(INNER, STEP),
                    a -> of(INNER.schedule(a), STEP.number(a)))
            .withPython("""
            def _k_hold_after(schedule, step):
                return lambda x: schedule(min(x, step))
            """);

    private final Curve inner;
    private final double last;

    private HoldAfter(Curve inner, double last) {
        this.inner = inner;
        this.last = Checks.nonNegative("step", last);
    }

    /** {@code inner(min(t, last))}. */
    public static HoldAfter of(Schedule inner, double last) {
        return new HoldAfter(Curve.of(inner), last);
    }

    /** Holds from {@code inner}'s horizon on. */
    public static HoldAfter atHorizon(Schedule inner) {
        double h = inner.horizon();
        Checks.require(
                Double.isFinite(h), "holdAfterHorizon needs a schedule with a finite horizon; " + inner + " has none");
        return new HoldAfter(Curve.of(inner), h);
    }

    public Schedule inner() {
        return Curve.unwrap(inner);
    }

    /** The step after which the value holds. */
    public double step() {
        return last;
    }

    @Override
    public double valueAtReal(double position) {
        return inner.valueAtReal(Math.min(position, last));
    }

    @Override
    public double horizon() {
        return last;
    }

    @Override
    protected void fill(double[] values, int from, int to) {
        for (int k = from; k < to; k++) {
            values[k] = Math.min(values[k], last);
        }
        fill(inner, values, from, to);
    }

    @Override
    protected void mark(Boundaries found) {
        found.add(last);
        mark(inner, found.child(0, 1, Double.NEGATIVE_INFINITY, last));
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        return ScheduleSpec.builder(KIND)
                .put(INNER, describe(inner, lenient))
                .put(STEP, position(last))
                .build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof HoldAfter that && that.inner.equals(inner) && same(that.last, last);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, inner, last);
    }
}
