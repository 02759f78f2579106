package dev.schedtune.dsl.primitives;

import static dev.schedtune.dsl.spec.Param.FINITE;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The same value at every step: {@code f(t) = value}. */
public final class Constant extends Curve {
    /** Kind name in specs. */
    private static final Param VALUE = required("value", NUMBER, FINITE, "the value");

    /** The kind {@code constant(value)}. */
    public static final Kind KIND = Kind.schedule(
                    "constant", "the same value at every step", List.of(VALUE), a -> of(VALUE.number(a)))
            .withPython("""
            def _k_constant(value):
                return lambda x: value
            """);

    private final double value;

    private Constant(double value) {
        this.value = value;
    }

    /** A constant {@code value} (finite). */
    public static Constant of(double value) {
        return new Constant(Checks.finite("value", value));
    }

    public double value() {
        return value;
    }

    @Override
    public double valueAtReal(double position) {
        return value;
    }

    @Override
    protected void fill(double[] values, int from, int to) {
        Arrays.fill(values, from, to, value);
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        return ScheduleSpec.builder(KIND).put(VALUE, value).build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Constant that && same(that.value, value);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }
}
