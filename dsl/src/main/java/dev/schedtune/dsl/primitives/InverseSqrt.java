package dev.schedtune.dsl.primitives;

import static dev.schedtune.dsl.spec.Param.FINITE;
import static dev.schedtune.dsl.spec.Param.POSITIVE;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Inverse square-root decay: {@code f(t) = init / sqrt((t + timescale) / timescale)} for {@code t >= 0}
 * ({@code init} at step 0, half of it at {@code t = 3 * timescale}). Hugging Face's {@code inverse_sqrt}
 * is this after a linear warmup of {@code num_warmup_steps} (prefix semantics).
 */
public final class InverseSqrt extends Curve {
    /** Kind name in specs. */
    private static final Param INIT = required("init", NUMBER, FINITE, "value at step 0");

    private static final Param TIMESCALE =
            required("timescale", NUMBER, POSITIVE, "steps over which the value falls by 1/sqrt(2)");

    /** The kind {@code inverse_sqrt(init, timescale)}. */
    public static final Kind KIND = Kind.schedule(
                    "inverse_sqrt",
                    "init / sqrt((t + timescale) / timescale)",
                    List.of(INIT, TIMESCALE),
                    a -> of(INIT.number(a), TIMESCALE.number(a)))
            .withPython("""
            def _k_inverse_sqrt(init, timescale):
                return lambda x: init / math.sqrt((max(0.0, x) + timescale) / timescale)
            """);

    private final double init;
    private final double timescale;

    private InverseSqrt(double init, double timescale) {
        this.init = Checks.finite("init", init);
        this.timescale = Checks.positive("timescale", timescale);
    }

    /** {@code init / sqrt((t + timescale) / timescale)}. */
    public static InverseSqrt of(double init, double timescale) {
        return new InverseSqrt(init, timescale);
    }

    public double init() {
        return init;
    }

    public double timescale() {
        return timescale;
    }

    @Override
    public double valueAtReal(double position) {
        return init / Math.sqrt((Math.max(0, position) + timescale) / timescale);
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        return ScheduleSpec.builder(KIND)
                .put(INIT, init)
                .put(TIMESCALE, position(timescale))
                .build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof InverseSqrt
                && same(((InverseSqrt) o).init, init)
                && same(((InverseSqrt) o).timescale, timescale);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, init, timescale);
    }
}
