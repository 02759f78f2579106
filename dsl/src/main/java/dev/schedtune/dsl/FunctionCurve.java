package dev.schedtune.dsl;

import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.Specified;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A user function inside a composite: evaluated as {@code valueAtReal}, equal only to itself. */
final class FunctionCurve extends Curve {
    private final Schedule function;

    FunctionCurve(Schedule function) {
        this.function = function;
    }

    Schedule function() {
        return function;
    }

    @Override
    public double valueAtReal(double position) {
        return function.valueAtReal(position);
    }

    @Override
    public double horizon() {
        return function.horizon();
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        if (function instanceof Specified specified) {
            return specified.spec();
        }
        if (!lenient) {
            throw new NotSpecifiedException(function);
        }
        return ScheduleSpec.of("function", Map.of("of", String.valueOf(function)));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof FunctionCurve f && f.function.equals(function);
    }

    @Override
    public int hashCode() {
        return function.hashCode();
    }
}
