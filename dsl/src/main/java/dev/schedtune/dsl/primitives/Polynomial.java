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
import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
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
    private static final Param FROM = required("from", NUMBER, FINITE, "value at the start");

    private static final Param TO = required("to", NUMBER, FINITE, "value at the end");
    private static final Param STEPS = required("steps", NUMBER, POSITIVE, "length of the decay");
    private static final Param POWER = optional("power", NUMBER, 1.0, POSITIVE, "exponent");
    private static final Param BEGIN = optional("begin", NUMBER, 0L, NON_NEGATIVE, "steps before the decay starts");
    private static final Param K_DECAY = optional("k_decay", NUMBER, 1.0, POSITIVE, "progress exponent (timm)");
    private static final Param CYCLE = optional("cycle", ParamType.BOOLEAN, false, BOOLEAN, "Keras' growing horizon");

    /** The kind {@code polynomial(from, to, steps, power, begin, k_decay, cycle)}. */
    public static final Kind KIND = Kind.schedule(
                    "polynomial",
                    "(from - to) * (1 - t/steps)^power + to",
                    List.of(FROM, TO, STEPS, POWER, BEGIN, K_DECAY, CYCLE),
                    a -> of(
                            FROM.number(a),
                            TO.number(a),
                            STEPS.number(a),
                            POWER.number(a),
                            BEGIN.number(a),
                            K_DECAY.number(a),
                            CYCLE.bool(a)))
            .withPython("""
            def _k_polynomial(**a):
                start, end, steps = a["from"], a["to"], a["steps"]
                power, begin = a.get("power", 1.0), a.get("begin", 0)
                k_decay, cycle = a.get("k_decay", 1.0), a.get("cycle", False)

                def f(x):
                    d = max(0.0, x - begin)
                    horizon = steps
                    if cycle:
                        horizon = steps * max(1.0, float(math.ceil(d / steps)))
                    elif d >= steps:
                        return end
                    if k_decay == 1:
                        q = d / horizon
                    else:
                        q = _pow(d, k_decay) / _pow(horizon, k_decay)
                    return (start - end) * _pow(1 - q, power) + end
                return f
            """);

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
    protected void mark(Boundaries found) {
        if (!cycle) {
            found.add(begin);
            found.add(begin + steps);
        }
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND)
                .put(FROM, from)
                .put(TO, to)
                .put(STEPS, position(steps))
                .put(POWER, power);
        if (begin != 0) {
            b.put(BEGIN, position(begin));
        }
        if (kDecay != 1) {
            b.put(K_DECAY, kDecay);
        }
        if (cycle) {
            b.put(CYCLE, true);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Polynomial p
                && same(from, p.from)
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
