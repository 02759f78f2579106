package dev.schedtune.dsl.primitives;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Polynomial decay from {@code from} to {@code to} over {@code steps} steps:
 *
 * <pre>
 *   d    = clamp(t - begin, 0, steps)             (without cycle)
 *   q    = (d / steps)^k                          (k = kDecay, timm's k_decay; 1 by default)
 *   f(t) = (from - to) * (1 - q)^power + to
 * </pre>
 *
 * <p>With {@code cycle} (Keras' {@code PolynomialDecay(cycle=True)}) the horizon grows instead of
 * clamping: {@code steps' = steps * max(1, ceil(d / steps))}, so the value jumps up at {@code steps + 1}
 * and decays again over the longer horizon. Optax's {@code polynomial_schedule(init, end, power,
 * transition_steps, transition_begin)}, PyTorch's {@code PolynomialLR} (to = 0) and Hugging Face's
 * {@code polynomial} (after warmup) are special cases.
 */
public final class Polynomial extends Curve {
    /** Kind name in specs. */
    public static final String KIND = "polynomial";

    private final double from;
    private final double to;
    private final double steps;
    private final double power;
    private final double begin;
    private final double kDecay;
    private final boolean cycle;

    private Polynomial(double from, double to, double steps, double power, double begin, double kDecay, boolean cycle) {
        this.from = Checks.finite("from", from);
        this.to = Checks.finite("to", to);
        this.steps = Checks.positive("steps", steps);
        this.power = Checks.positive("power", power);
        this.begin = Checks.nonNegative("begin", begin);
        this.kDecay = Checks.positive("kDecay", kDecay);
        this.cycle = cycle;
    }

    /** {@code (from - to) * (1 - t/steps)^power + to}, then {@code to}. */
    public static Polynomial of(double from, double to, double steps, double power) {
        return new Polynomial(from, to, steps, power, 0, 1, false);
    }

    /** Every parameter. */
    public static Polynomial of(
            double from, double to, double steps, double power, double begin, double kDecay, boolean cycle) {
        return new Polynomial(from, to, steps, power, begin, kDecay, cycle);
    }

    /** This decay holding {@code from} until step {@code begin}. */
    public Polynomial withBegin(double begin) {
        return new Polynomial(from, to, steps, power, begin, kDecay, cycle);
    }

    /** This decay with progress {@code (d/steps)^kDecay}. */
    public Polynomial withKDecay(double kDecay) {
        return new Polynomial(from, to, steps, power, begin, kDecay, cycle);
    }

    /** This decay with Keras' growing horizon ({@code cycle=True}). */
    public Polynomial cycled() {
        return new Polynomial(from, to, steps, power, begin, kDecay, true);
    }

    public double from() {
        return from;
    }

    public double to() {
        return to;
    }

    public double steps() {
        return steps;
    }

    public double power() {
        return power;
    }

    public double begin() {
        return begin;
    }

    public double kDecay() {
        return kDecay;
    }

    public boolean cycle() {
        return cycle;
    }

    @Override
    public double valueAtReal(double position) {
        double d = position - begin;
        if (d <= 0) {
            return from;
        }
        double horizon = steps;
        if (cycle) {
            horizon = steps * Math.max(1, Math.ceil(d / steps));
        } else if (d >= steps) {
            return to;
        }
        double q = kDecay == 1 ? d / horizon : Math.pow(d, kDecay) / Math.pow(horizon, kDecay);
        return (from - to) * Math.pow(1 - q, power) + to;
    }

    @Override
    public double horizon() {
        return cycle ? Double.POSITIVE_INFINITY : begin + steps;
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND)
                .put("from", from)
                .put("to", to)
                .put("steps", position(steps))
                .put("power", power);
        if (begin != 0) {
            b.put("begin", position(begin));
        }
        if (kDecay != 1) {
            b.put("k_decay", kDecay);
        }
        if (cycle) {
            b.put("cycle", true);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof Polynomial)) {
            return false;
        }
        Polynomial p = (Polynomial) o;
        return same(from, p.from)
                && same(to, p.to)
                && same(steps, p.steps)
                && same(power, p.power)
                && same(begin, p.begin)
                && same(kDecay, p.kDecay)
                && cycle == p.cycle;
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, from, to, steps, power, begin, kDecay, cycle);
    }
}
