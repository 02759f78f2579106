package dev.schedtune.dsl.primitives;

import static dev.schedtune.dsl.spec.Param.POSITIVE;
import static dev.schedtune.dsl.spec.Param.optional;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Transformer's schedule ("Attention Is All You Need", section 5.3; OpenNMT's and tensor2tensor's
 * {@code noam}): a linear warmup, then inverse square-root decay. With {@code n = t + 1}, the number of
 * the update step {@code t} drives,
 *
 * <pre>
 *   f(t) = factor * modelSize^-0.5 * min(n^-0.5, n * warmupSteps^-1.5)
 * </pre>
 *
 * <p>It peaks at {@code n = warmupSteps} with {@code factor / sqrt(modelSize * warmupSteps)}.
 */
public final class Noam extends Curve {
    private static final Param MODEL_SIZE = required("model_size", NUMBER, POSITIVE, "the model width d_model");
    private static final Param WARMUP_STEPS =
            required("warmup_steps", NUMBER, POSITIVE, "the update number at which the warmup peaks");
    private static final Param FACTOR = optional("factor", NUMBER, 1.0, POSITIVE, "a factor on every value");

    /** The kind {@code noam(model_size, warmup_steps, factor)}. */
    public static final Kind KIND = Kind.schedule(
                    "noam",
                    "factor * model_size^-0.5 * min(n^-0.5, n * warmup_steps^-1.5), n = t + 1 (Transformer)",
                    List.of(MODEL_SIZE, WARMUP_STEPS, FACTOR),
                    a -> of(MODEL_SIZE.number(a), WARMUP_STEPS.number(a), FACTOR.number(a)))
            .withPython("""
            def _k_noam(model_size, warmup_steps, factor=1.0):
                scale = factor * _pow(model_size, -0.5)
                ramp = _pow(warmup_steps, -1.5)

                def f(x):
                    n = max(0.0, x) + 1
                    return scale * min(_pow(n, -0.5), n * ramp)
                return f
            """);

    private final double modelSize;
    private final double warmupSteps;
    private final double factor;
    private final double scale;
    private final double ramp;

    private Noam(double modelSize, double warmupSteps, double factor) {
        this.modelSize = Checks.positive("modelSize", modelSize);
        this.warmupSteps = Checks.positive("warmupSteps", warmupSteps);
        this.factor = Checks.positive("factor", factor);
        this.scale = factor * Math.pow(modelSize, -0.5);
        this.ramp = Math.pow(warmupSteps, -1.5);
    }

    /** {@code factor * modelSize^-0.5 * min(n^-0.5, n * warmupSteps^-1.5)} with {@code n = t + 1}. */
    public static Noam of(double modelSize, double warmupSteps, double factor) {
        return new Noam(modelSize, warmupSteps, factor);
    }

    public double modelSize() {
        return modelSize;
    }

    public double warmupSteps() {
        return warmupSteps;
    }

    public double factor() {
        return factor;
    }

    @Override
    public double valueAtReal(double position) {
        double n = Math.max(0, position) + 1;
        return scale * Math.min(Math.pow(n, -0.5), n * ramp);
    }

    @Override
    protected void mark(Boundaries found) {
        found.add(warmupSteps - 1);
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND)
                .put(MODEL_SIZE, position(modelSize))
                .put(WARMUP_STEPS, position(warmupSteps));
        if (factor != 1) {
            b.put(FACTOR, factor);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Noam that
                && same(modelSize, that.modelSize)
                && same(warmupSteps, that.warmupSteps)
                && same(factor, that.factor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, modelSize, warmupSteps, factor);
    }
}
