package dev.schedtune.dsl.combinators;

import static dev.schedtune.dsl.spec.Param.BOOLEAN;
import static dev.schedtune.dsl.spec.Param.INNER;
import static dev.schedtune.dsl.spec.Param.POSITIVE;
import static dev.schedtune.dsl.spec.Param.optional;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A schedule written in epochs, evaluated per optimizer step:
 *
 * <pre>
 *   f(t) = inner(t / stepsPerEpoch)          fractional epochs (smooth within an epoch)
 *   f(t) = inner(floor(t / stepsPerEpoch))   whole epochs (the value changes at epoch boundaries,
 *                                            like a scheduler stepped once per epoch)
 * </pre>
 *
 * <p>Every length inside {@code inner} (warmup steps, milestones, periods) then counts epochs, and may be
 * fractional ({@code 0.5} = half an epoch). This is the cure for the classic mistake of giving a
 * per-step scheduler a horizon in epochs.
 */
public final class Epochs extends Curve {
    /** Kind name in specs. */
    private static final Param STEPS_PER_EPOCH =
            required("steps_per_epoch", NUMBER, POSITIVE, "optimizer steps per epoch");

    private static final Param FRACTIONAL =
            optional("fractional", ParamType.BOOLEAN, true, BOOLEAN, "fractional (true) or whole epochs");

    /** The kind {@code epochs(schedule, steps_per_epoch, fractional)}. */
    public static final Kind KIND = Kind.schedule(
                    "epochs",
                    "a schedule written in epochs, evaluated per step",
                    List.of(INNER, STEPS_PER_EPOCH, FRACTIONAL),
                    a -> FRACTIONAL.bool(a)
                            ? fractional(INNER.schedule(a), STEPS_PER_EPOCH.number(a))
                            : whole(INNER.schedule(a), STEPS_PER_EPOCH.number(a)))
            .withPython("""
            def _k_epochs(schedule, steps_per_epoch, fractional=True):
                def f(x):
                    epoch = x / steps_per_epoch
                    return schedule(epoch if fractional else float(math.floor(epoch)))
                return f
            """);

    private final Curve inner;
    private final double stepsPerEpoch;
    private final boolean fractional;

    private Epochs(Curve inner, double stepsPerEpoch, boolean fractional) {
        this.inner = inner;
        this.stepsPerEpoch = Checks.positive("stepsPerEpoch", stepsPerEpoch);
        this.fractional = fractional;
    }

    /** {@code inner(t / stepsPerEpoch)}. */
    public static Epochs fractional(Schedule inner, double stepsPerEpoch) {
        return new Epochs(Curve.of(inner), stepsPerEpoch, true);
    }

    /** {@code inner(floor(t / stepsPerEpoch))}. */
    public static Epochs whole(Schedule inner, double stepsPerEpoch) {
        return new Epochs(Curve.of(inner), stepsPerEpoch, false);
    }

    public Schedule inner() {
        return Curve.unwrap(inner);
    }

    public double stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Whether the inner schedule sees fractional epochs (true) or whole epochs only. */
    public boolean isFractional() {
        return fractional;
    }

    @Override
    public double valueAtReal(double position) {
        double epoch = position / stepsPerEpoch;
        return inner.valueAtReal(fractional ? epoch : Math.floor(epoch));
    }

    @Override
    protected void fill(double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            double epoch = values[i] / stepsPerEpoch;
            values[i] = fractional ? epoch : Math.floor(epoch);
        }
        fill(inner, values, from, to);
    }

    @Override
    public double horizon() {
        return inner.horizon() * stepsPerEpoch;
    }

    @Override
    protected void mark(Boundaries found) {
        mark(inner, found.child(0, stepsPerEpoch, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND)
                .put(INNER, describe(inner, lenient))
                .put(STEPS_PER_EPOCH, position(stepsPerEpoch));
        if (!fractional) {
            b.put(FRACTIONAL, false);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Epochs
                && ((Epochs) o).inner.equals(inner)
                && same(((Epochs) o).stepsPerEpoch, stepsPerEpoch)
                && ((Epochs) o).fractional == fractional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, inner, stepsPerEpoch, fractional);
    }
}
