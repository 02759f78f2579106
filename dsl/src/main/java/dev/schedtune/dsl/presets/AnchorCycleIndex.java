package dev.schedtune.dsl.presets;

import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.combinators.Repeat;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A geometric {@link Repeat} whose cycle index is computed as timm and Keras compute it, in floating
 * point and without correction: {@code i = floor(log(1 - t / period * (1 - mul)) / log(mul))}.
 *
 * <p>At some cycle starts that logarithm lands just below the whole number (with {@code mul = 3} at step
 * 121: {@code log(243) / log(3) = 4.999999999999999}), so the anchors evaluate the previous cycle at its
 * very end for that one step (the floor value instead of the restart). The DSL's {@code Repeat} finds the
 * exact cycle; this wrapper reproduces the anchors. It is a stopgap until {@code Repeat} offers the
 * anchors' index as an option: everywhere the two indices agree it is the wrapped repeat itself.
 */
final class AnchorCycleIndex extends Curve {
    private final Repeat repeat;
    private final double logMul;

    private AnchorCycleIndex(Repeat repeat) {
        this.repeat = repeat;
        this.logMul = Math.log(repeat.periodMultiplier());
    }

    /** {@code repeat} with the anchors' floating-point cycle index (itself when its periods do not grow). */
    static Curve of(Repeat repeat) {
        return repeat.periodMultiplier() == 1 ? repeat : new AnchorCycleIndex(repeat);
    }

    @Override
    public double valueAtReal(double position) {
        double t = Math.max(0, position);
        double mul = repeat.periodMultiplier();
        double period = repeat.period();
        long anchor = (long) Math.floor(Math.log(1 - t / period * (1 - mul)) / logMul);
        long exact = repeat.cycleAt(t);
        if (anchor == exact || anchor < 0) {
            return repeat.valueAtReal(position);
        }
        long limit = repeat.cycleLimit();
        if (limit > 0 && anchor >= limit) {
            return repeat.afterLimit();
        }
        double grown = Math.pow(mul, anchor);
        double local = (t - (1 - grown) / (1 - mul) * period) / grown;
        double v = Curve.of(repeat.inner()).valueAtReal(local);
        double decay = repeat.decay();
        return decay == 1 ? v : repeat.decayBase() + (v - repeat.decayBase()) * Math.pow(decay, anchor);
    }

    @Override
    public double horizon() {
        return repeat.horizon();
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        return ScheduleSpec.builder("anchor_cycle_index")
                .put("schedule", describe(repeat, lenient))
                .build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof AnchorCycleIndex && ((AnchorCycleIndex) o).repeat.equals(repeat);
    }

    @Override
    public int hashCode() {
        return Objects.hash("anchor_cycle_index", repeat);
    }
}
