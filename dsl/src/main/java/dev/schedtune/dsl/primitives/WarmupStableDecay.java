package dev.schedtune.dsl.primitives;

import static dev.schedtune.dsl.spec.Param.FINITE;
import static dev.schedtune.dsl.spec.Param.NON_NEGATIVE;
import static dev.schedtune.dsl.spec.Param.POSITIVE;
import static dev.schedtune.dsl.spec.Param.choice;
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
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Warmup-stable-decay (WSD, "trapezoidal"; Hugging Face's {@code warmup_stable_decay}): with {@code W},
 * {@code S}, {@code D} the warmup, stable and decay lengths,
 *
 * <pre>
 *   f(t) = init + (peak - init) * g(t / W)                 for t &lt; W
 *        = peak                                           for W &lt;= t &lt; W + S
 *        = end + (peak - end) * h((t - W - S) / D)         for W + S &lt;= t &lt; W + S + D
 *        = end                                            for t &gt;= W + S + D (from W + S on when D = 0)
 * </pre>
 *
 * with the shapes of {@link Shape}: warmup {@code g} linear {@code p}, cosine {@code (1 - cos(pi p))/2},
 * sqrt {@code 1 - sqrt(1 - p)}; decay {@code h} linear {@code 1 - p}, cosine {@code (1 + cos(2 pi c
 * p))/2} ({@code c = decayCycles}, 0.5 = a half wave), sqrt {@code 1 - sqrt(p)}.
 */
public final class WarmupStableDecay extends Curve {
    /** Kind name in specs. */
    private static final Param PEAK = required("peak", NUMBER, FINITE, "the stable value");

    private static final Param WARMUP_STEPS = required("warmup_steps", NUMBER, NON_NEGATIVE, "warmup length");
    private static final Param STABLE_STEPS = required("stable_steps", NUMBER, NON_NEGATIVE, "stable length");
    private static final Param DECAY_STEPS = required("decay_steps", NUMBER, NON_NEGATIVE, "decay length");
    private static final Param INIT = optional("init", NUMBER, 0.0, FINITE, "value at step 0");
    private static final Param END = optional("end", NUMBER, 0.0, FINITE, "value after the decay");
    private static final Param WARMUP_SHAPE = choice("warmup_shape", Shape.LINEAR, Shape.values(), "warmup curve");
    private static final Param DECAY_SHAPE = choice("decay_shape", Shape.LINEAR, Shape.values(), "decay curve");
    private static final Param DECAY_CYCLES =
            optional("decay_cycles", NUMBER, 0.5, POSITIVE, "cosine waves in the decay");

    /** The kind {@code warmup_stable_decay(peak, warmup_steps, stable_steps, decay_steps, ...)}. */
    public static final Kind KIND = Kind.schedule(
                    "warmup_stable_decay",
                    "warmup to peak, hold, decay to end (WSD)",
                    List.of(
                            PEAK,
                            WARMUP_STEPS,
                            STABLE_STEPS,
                            DECAY_STEPS,
                            INIT,
                            END,
                            WARMUP_SHAPE,
                            DECAY_SHAPE,
                            DECAY_CYCLES),
                    a -> builder(PEAK.number(a), WARMUP_STEPS.number(a), STABLE_STEPS.number(a), DECAY_STEPS.number(a))
                            .init(INIT.number(a))
                            .end(END.number(a))
                            .warmupShape(WARMUP_SHAPE.choice(a, Shape.class))
                            .decayShape(DECAY_SHAPE.choice(a, Shape.class))
                            .decayCycles(DECAY_CYCLES.number(a))
                            .build())
            .withPython("""
            def _k_warmup_stable_decay(peak, warmup_steps, stable_steps, decay_steps, init=0.0, end=0.0,
                                       warmup_shape="linear", decay_shape="linear", decay_cycles=0.5):
                def warm(p):
                    if warmup_shape == "linear":
                        return p
                    if warmup_shape == "cosine":
                        return 0.5 * (1.0 - math.cos(math.pi * p))
                    return 1.0 - math.sqrt(1.0 - p)

                def cool(p):
                    if decay_shape == "linear":
                        return 1.0 - p
                    if decay_shape == "cosine":
                        return 0.5 * (1.0 + math.cos(math.pi * decay_cycles * 2.0 * p))
                    return 1.0 - math.sqrt(p)

                def f(x):
                    t = max(0.0, x)
                    if t < warmup_steps:
                        return init + (peak - init) * warm(t / warmup_steps)
                    d = t - warmup_steps - stable_steps
                    if d < 0:
                        return peak
                    if d < decay_steps:
                        return end + (peak - end) * cool(d / decay_steps)
                    return end
                return f
            """);

    /** The warmup and decay shapes (Hugging Face's {@code linear}, {@code cosine}, {@code 1-sqrt}). */
    public enum Shape {
        /** Straight line. */
        LINEAR,
        /** Half cosine. */
        COSINE,
        /** Square root: fast at the start of the warmup, fast at the start of the decay. */
        SQRT;

        /** The lower-case name used in specs. */
        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }

        double warmup(double p) {
            switch (this) {
                case LINEAR:
                    return p;
                case COSINE:
                    return 0.5 * (1.0 - Math.cos(Math.PI * p));
                case SQRT:
                    return 1.0 - Math.sqrt(1.0 - p);
                default:
                    throw new AssertionError(this);
            }
        }

        double decay(double p, double cycles) {
            switch (this) {
                case LINEAR:
                    return 1.0 - p;
                case COSINE:
                    return 0.5 * (1.0 + Math.cos(Math.PI * cycles * 2.0 * p));
                case SQRT:
                    return 1.0 - Math.sqrt(p);
                default:
                    throw new AssertionError(this);
            }
        }
    }

    private final double peak;
    private final double warmupSteps;
    private final double stableSteps;
    private final double decaySteps;
    private final double init;
    private final double end;
    private final Shape warmupShape;
    private final Shape decayShape;
    private final double decayCycles;

    private WarmupStableDecay(Builder b) {
        this.peak = Checks.finite("peak", b.peak);
        this.warmupSteps = Checks.nonNegative("warmupSteps", b.warmupSteps);
        this.stableSteps = Checks.nonNegative("stableSteps", b.stableSteps);
        this.decaySteps = Checks.nonNegative("decaySteps", b.decaySteps);
        this.init = Checks.finite("init", b.init);
        this.end = Checks.finite("end", b.end);
        this.warmupShape = Checks.notNull("warmupShape", b.warmupShape);
        this.decayShape = Checks.notNull("decayShape", b.decayShape);
        this.decayCycles = Checks.positive("decayCycles", b.decayCycles);
    }

    /** Linear warmup from 0, stable at {@code peak}, linear decay to 0. */
    public static WarmupStableDecay of(double peak, double warmupSteps, double stableSteps, double decaySteps) {
        return builder(peak, warmupSteps, stableSteps, decaySteps).build();
    }

    /** Starts a WSD schedule: linear warmup from 0 and linear decay to 0 unless changed. */
    public static Builder builder(double peak, double warmupSteps, double stableSteps, double decaySteps) {
        return new Builder(peak, warmupSteps, stableSteps, decaySteps);
    }

    public double peak() {
        return peak;
    }

    public double warmupSteps() {
        return warmupSteps;
    }

    public double stableSteps() {
        return stableSteps;
    }

    public double decaySteps() {
        return decaySteps;
    }

    public double init() {
        return init;
    }

    public double end() {
        return end;
    }

    public Shape warmupShape() {
        return warmupShape;
    }

    public Shape decayShape() {
        return decayShape;
    }

    public double decayCycles() {
        return decayCycles;
    }

    @Override
    public double valueAtReal(double position) {
        double t = Math.max(0, position);
        if (t < warmupSteps) {
            return init + (peak - init) * warmupShape.warmup(t / warmupSteps);
        }
        double d = t - warmupSteps - stableSteps;
        if (d < 0) {
            return peak;
        }
        // d == 0 belongs to the decay (its first value is the peak) unless there is no decay: then the end
        // value starts at W + S, as in transformers' get_wsd_schedule

        if (d < decaySteps) {
            return end + (peak - end) * decayShape.decay(d / decaySteps, decayCycles);
        }
        return end;
    }

    @Override
    public double horizon() {
        return warmupSteps + stableSteps + decaySteps;
    }

    @Override
    protected void mark(Boundaries found) {
        found.add(warmupSteps);
        found.add(warmupSteps + stableSteps);
        found.add(warmupSteps + stableSteps + decaySteps);
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND)
                .put(PEAK, peak)
                .put(WARMUP_STEPS, position(warmupSteps))
                .put(STABLE_STEPS, position(stableSteps))
                .put(DECAY_STEPS, position(decaySteps))
                .put(INIT, init)
                .put(END, end)
                .put(WARMUP_SHAPE, warmupShape.specName())
                .put(DECAY_SHAPE, decayShape.specName());
        if (decayCycles != 0.5) {
            b.put(DECAY_CYCLES, decayCycles);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof WarmupStableDecay w
                && same(peak, w.peak)
                && same(warmupSteps, w.warmupSteps)
                && same(stableSteps, w.stableSteps)
                && same(decaySteps, w.decaySteps)
                && same(init, w.init)
                && same(end, w.end)
                && warmupShape == w.warmupShape
                && decayShape == w.decayShape
                && same(decayCycles, w.decayCycles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                KIND, peak, warmupSteps, stableSteps, decaySteps, init, end, warmupShape, decayShape, decayCycles);
    }

    /** Collects a WSD schedule's parameters. */
    public static final class Builder {
        private final double peak;
        private final double warmupSteps;
        private final double stableSteps;
        private final double decaySteps;
        private double init;
        private double end;
        private Shape warmupShape = Shape.LINEAR;
        private Shape decayShape = Shape.LINEAR;
        private double decayCycles = 0.5;

        private Builder(double peak, double warmupSteps, double stableSteps, double decaySteps) {
            this.peak = peak;
            this.warmupSteps = warmupSteps;
            this.stableSteps = stableSteps;
            this.decaySteps = decaySteps;
        }

        /** The value at step 0 (0). */
        public Builder init(double init) {
            this.init = init;
            return this;
        }

        /** The value after the decay (0). */
        public Builder end(double end) {
            this.end = end;
            return this;
        }

        /** The warmup shape (linear). */
        public Builder warmupShape(Shape shape) {
            this.warmupShape = shape;
            return this;
        }

        /** The decay shape (linear). */
        public Builder decayShape(Shape shape) {
            this.decayShape = shape;
            return this;
        }

        /** Cosine decay waves over the decay phase (0.5, Hugging Face's {@code num_cycles}). */
        public Builder decayCycles(double cycles) {
            this.decayCycles = cycles;
            return this;
        }

        public WarmupStableDecay build() {
            return new WarmupStableDecay(this);
        }
    }
}
