package dev.schedtune.dsl.combinators;

import static dev.schedtune.dsl.spec.Param.FINITE;
import static dev.schedtune.dsl.spec.Param.INNER;
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
 * A schedule moved in time: {@code f(t) = inner(max(0, t - steps))}. A positive shift delays it (the
 * first value holds for {@code steps} steps); a negative one starts it {@code -steps} steps in.
 */
public final class Shift extends Curve {
    /** Kind name in specs. */
    private static final Param STEPS = required("steps", NUMBER, FINITE, "the delay in steps");

    /** The kind {@code shift(schedule, steps)}. */
    public static final Kind KIND = Kind.schedule(
                    "shift",
                    "schedule(max(0, t - steps)): delayed (or advanced, if negative)",
                    List.of(INNER, STEPS),
                    a -> of(INNER.schedule(a), STEPS.number(a)))
            .withPython("""
            def _k_shift(schedule, steps):
                return lambda x: schedule(max(0.0, x - steps))
            """);

    private final Curve inner;
    private final double steps;

    private Shift(Curve inner, double steps) {
        this.inner = inner;
        this.steps = Checks.finite("steps", steps);
    }

    /** {@code inner(max(0, t - steps))}. */
    public static Shift of(Schedule inner, double steps) {
        return new Shift(Curve.of(inner), steps);
    }

    public Schedule inner() {
        return Curve.unwrap(inner);
    }

    public double steps() {
        return steps;
    }

    @Override
    public double valueAtReal(double position) {
        return inner.valueAtReal(Math.max(0, position - steps));
    }

    @Override
    public double horizon() {
        return Math.max(0, inner.horizon() + steps);
    }

    @Override
    protected void fill(double[] values, int from, int to) {
        for (int k = from; k < to; k++) {
            values[k] = Math.max(0, values[k] - steps);
        }
        fill(inner, values, from, to);
    }

    @Override
    protected void mark(Boundaries found) {
        found.add(steps);
        mark(inner, found.child(steps, 1, steps, Double.POSITIVE_INFINITY));
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        return ScheduleSpec.builder(KIND)
                .put(INNER, describe(inner, lenient))
                .put(STEPS, position(steps))
                .build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Shift that && that.inner.equals(inner) && same(that.steps, steps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, inner, steps);
    }
}
