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

/** A schedule plus a constant: {@code f(t) = inner(t) + value}. */
public final class Offset extends Curve {
    /** Kind name in specs. */
    private static final Param VALUE = required("value", NUMBER, FINITE, "added to every value");

    /** The kind {@code offset(schedule, value)}. */
    public static final Kind KIND = Kind.schedule(
                    "offset", "schedule(t) + value", List.of(INNER, VALUE), a -> of(INNER.schedule(a), VALUE.number(a)))
            .withPython("""
            def _k_offset(schedule, value):
                return lambda x: schedule(x) + value
            """);

    private final Curve inner;
    private final double value;

    private Offset(Curve inner, double value) {
        this.inner = inner;
        this.value = Checks.finite("value", value);
    }

    /** {@code inner(t) + value}. */
    public static Offset of(Schedule inner, double value) {
        return new Offset(Curve.of(inner), value);
    }

    public Schedule inner() {
        return Curve.unwrap(inner);
    }

    public double value() {
        return value;
    }

    @Override
    public double valueAtReal(double position) {
        return inner.valueAtReal(position) + value;
    }

    @Override
    public double horizon() {
        return inner.horizon();
    }

    @Override
    protected void fill(double[] values, int from, int to) {
        fill(inner, values, from, to);
        for (int k = from; k < to; k++) {
            values[k] = values[k] + value;
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
                .put(VALUE, value)
                .build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Offset that && that.inner.equals(inner) && same(that.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, inner, value);
    }
}
