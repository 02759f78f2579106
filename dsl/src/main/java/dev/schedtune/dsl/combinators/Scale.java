package dev.schedtune.dsl.combinators;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A schedule times a constant: {@code f(t) = factor * inner(t)} (e.g. a base lr times a factor schedule). */
public final class Scale extends Curve {
    /** Kind name in specs. */
    public static final String KIND = "scale";

    private final Curve inner;
    private final double factor;

    private Scale(Curve inner, double factor) {
        this.inner = inner;
        this.factor = Checks.finite("factor", factor);
    }

    /** {@code factor * inner(t)}. */
    public static Scale of(Schedule inner, double factor) {
        return new Scale(Curve.of(inner), factor);
    }

    public Schedule inner() {
        return Curve.unwrap(inner);
    }

    public double factor() {
        return factor;
    }

    @Override
    public double valueAtReal(double position) {
        return factor * inner.valueAtReal(position);
    }

    @Override
    public double horizon() {
        return inner.horizon();
    }

    @Override
    protected void fill(double[] values, int from, int to) {
        fill(inner, values, from, to);
        for (int k = from; k < to; k++) {
            values[k] = factor * values[k];
        }
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        return ScheduleSpec.builder(KIND)
                .put("schedule", describe(inner, lenient))
                .put("factor", factor)
                .build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Scale && ((Scale) o).inner.equals(inner) && same(((Scale) o).factor, factor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, inner, factor);
    }
}
