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

/** A schedule times a constant: {@code f(t) = factor * inner(t)} (e.g. a base lr times a factor schedule). */
public final class Scale extends Curve {
    /** Kind name in specs. */
    private static final Param FACTOR = required("factor", NUMBER, FINITE, "the factor");

    /** The kind {@code scale(schedule, factor)}. */
    public static final Kind KIND = Kind.schedule(
                    "scale",
                    "factor * schedule(t)",
                    List.of(INNER, FACTOR),
                    a -> of(INNER.schedule(a), FACTOR.number(a)))
            .withPython("""
            def _k_scale(schedule, factor):
                return lambda x: factor * schedule(x)
            """);

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
    protected void mark(Boundaries found) {
        mark(inner, found);
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        return ScheduleSpec.builder(KIND)
                .put(INNER, describe(inner, lenient))
                .put(FACTOR, factor)
                .build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Scale that && that.inner.equals(inner) && same(that.factor, factor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, inner, factor);
    }
}
