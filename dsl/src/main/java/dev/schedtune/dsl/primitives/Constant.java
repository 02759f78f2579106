package dev.schedtune.dsl.primitives;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.ScheduleSpec;
import org.jspecify.annotations.Nullable;

/** The same value at every step: {@code f(t) = value}. */
public final class Constant extends Curve {
    /** Kind name in specs. */
    public static final String KIND = "constant";

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
        java.util.Arrays.fill(values, from, to, value);
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        return ScheduleSpec.builder(KIND).put("value", value).build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Constant && same(((Constant) o).value, value);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }
}
