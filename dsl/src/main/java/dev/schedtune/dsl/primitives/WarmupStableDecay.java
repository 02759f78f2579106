package dev.schedtune.dsl.primitives;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.ScheduleSpec;
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
    public static final String KIND = "warmup_stable_decay";

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
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND)
                .put("peak", peak)
                .put("warmup_steps", position(warmupSteps))
                .put("stable_steps", position(stableSteps))
                .put("decay_steps", position(decaySteps))
                .put("init", init)
                .put("end", end)
                .put("warmup_shape", warmupShape.specName())
                .put("decay_shape", decayShape.specName());
        if (decayCycles != 0.5) {
            b.put("decay_cycles", decayCycles);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof WarmupStableDecay)) {
            return false;
        }
        WarmupStableDecay w = (WarmupStableDecay) o;
        return same(peak, w.peak)
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
