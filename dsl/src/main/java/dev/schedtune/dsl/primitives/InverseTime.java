package dev.schedtune.dsl.primitives;

import static dev.schedtune.dsl.spec.Param.BOOLEAN;
import static dev.schedtune.dsl.spec.Param.FINITE;
import static dev.schedtune.dsl.spec.Param.NON_NEGATIVE;
import static dev.schedtune.dsl.spec.Param.POSITIVE;
import static dev.schedtune.dsl.spec.Param.optional;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
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
    private static final Param INIT = required("init", NUMBER, FINITE, "value at step 0");

    private static final Param DECAY_STEPS = required("decay_steps", NUMBER, POSITIVE, "steps per unit of decay");
    private static final Param DECAY_RATE = required("decay_rate", NUMBER, NON_NEGATIVE, "rate");
    private static final Param STAIRCASE =
            optional("staircase", ParamType.BOOLEAN, false, BOOLEAN, "whole decay steps only");

    /** The kind {@code inverse_time(init, decay_steps, decay_rate, staircase)}. */
    public static final Kind KIND = Kind.schedule(
                    "inverse_time",
                    "init / (1 + decay_rate * t / decay_steps)",
                    List.of(INIT, DECAY_STEPS, DECAY_RATE, STAIRCASE),
                    a -> of(INIT.number(a), DECAY_STEPS.number(a), DECAY_RATE.number(a), STAIRCASE.bool(a)))
            .withPython("""
            def _k_inverse_time(init, decay_steps, decay_rate, staircase=False):
                def f(x):
                    p = max(0.0, x) / decay_steps
                    if staircase:
                        p = float(math.floor(p))
                    return init / (1 + decay_rate * p)
                return f
            """);

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
                .put(INIT, init)
                .put(DECAY_STEPS, position(decaySteps))
                .put(DECAY_RATE, decayRate);
        if (staircase) {
            b.put(STAIRCASE, true);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof InverseTime i
                && same(init, i.init)
                && same(decaySteps, i.decaySteps)
                && same(decayRate, i.decayRate)
                && staircase == i.staircase;
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, init, decaySteps, decayRate, staircase);
    }
}
