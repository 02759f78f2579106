package dev.schedtune.dsl.primitives;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Inverse square-root decay: {@code f(t) = init / sqrt((t + timescale) / timescale)} for {@code t >= 0}
 * ({@code init} at step 0, half of it at {@code t = 3 * timescale}). Hugging Face's {@code inverse_sqrt}
 * is this after a linear warmup of {@code num_warmup_steps} (prefix semantics).
 */
public final class InverseSqrt extends Curve {
    /** Kind name in specs. */
    public static final String KIND = "inverse_sqrt";

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
                .put("init", init)
                .put("timescale", position(timescale))
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
