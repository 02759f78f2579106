package dev.schedtune.dsl.combinators;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A schedule moved in time: {@code f(t) = inner(max(0, t - steps))}. A positive shift delays it (the
 * first value holds for {@code steps} steps); a negative one starts it {@code -steps} steps in.
 */
public final class Shift extends Curve {
    /** Kind name in specs. */
    public static final String KIND = "shift";

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
    protected ScheduleSpec describe(boolean lenient) {
        return ScheduleSpec.builder(KIND)
                .put("schedule", describe(inner, lenient))
                .put("steps", position(steps))
                .build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Shift && ((Shift) o).inner.equals(inner) && same(((Shift) o).steps, steps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, inner, steps);
    }
}
