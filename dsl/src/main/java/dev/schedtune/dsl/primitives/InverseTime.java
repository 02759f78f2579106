package dev.schedtune.dsl.primitives;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Inverse time decay (Keras' {@code InverseTimeDecay}):
 *
 * <pre>
 *   p    = t / decaySteps        (floor(p) with staircase)
 *   f(t) = init / (1 + decayRate * p)
 * </pre>
 */
public final class InverseTime extends Curve {
    /** Kind name in specs. */
    public static final String KIND = "inverse_time";

    private final double init;
    private final double decaySteps;
    private final double decayRate;
    private final boolean staircase;

    private InverseTime(double init, double decaySteps, double decayRate, boolean staircase) {
        this.init = Checks.finite("init", init);
        this.decaySteps = Checks.positive("decaySteps", decaySteps);
        this.decayRate = Checks.nonNegative("decayRate", decayRate);
        this.staircase = staircase;
    }

    /** {@code init / (1 + decayRate * t / decaySteps)}. */
    public static InverseTime of(double init, double decaySteps, double decayRate) {
        return new InverseTime(init, decaySteps, decayRate, false);
    }

    /** As {@link #of}, with the option of whole decay steps only. */
    public static InverseTime of(double init, double decaySteps, double decayRate, boolean staircase) {
        return new InverseTime(init, decaySteps, decayRate, staircase);
    }

    public double init() {
        return init;
    }

    public double decaySteps() {
        return decaySteps;
    }

    public double decayRate() {
        return decayRate;
    }

    public boolean isStaircase() {
        return staircase;
    }

    @Override
    public double valueAtReal(double position) {
        double p = Math.max(0, position) / decaySteps;
        if (staircase) {
            p = Math.floor(p);
        }
        return init / (1 + decayRate * p);
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND)
                .put("init", init)
                .put("decay_steps", position(decaySteps))
                .put("decay_rate", decayRate);
        if (staircase) {
            b.put("staircase", true);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof InverseTime)) {
            return false;
        }
        InverseTime i = (InverseTime) o;
        return same(init, i.init)
                && same(decaySteps, i.decaySteps)
                && same(decayRate, i.decayRate)
                && staircase == i.staircase;
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, init, decaySteps, decayRate, staircase);
    }
}
