package dev.schedtune.dsl.primitives;

import static dev.schedtune.dsl.spec.Param.BOOLEAN;
import static dev.schedtune.dsl.spec.Param.FINITE;
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
 * Cosine annealing from {@code from} to {@code to} over {@code steps} steps:
 *
 * <pre>
 *   p    = (t / steps)^k                        (k = kDecay, 1 by default; timm's k_decay)
 *   c    = ((1 + cos(pi * p)) / 2)^exponent     (Optax's exponent, 1 by default)
 *   f(t) = to + (from - to) * c                 for 0 &lt;= p &lt; 1
 *        = to                                   for p &gt;= 1, unless extrapolate
 * </pre>
 *
 * <p>Optax's {@code cosine_decay_schedule(init, decay_steps, alpha, exponent)} is {@code from = init},
 * {@code to = alpha * init}. PyTorch's {@code CosineAnnealingLR} and Hugging Face's {@code cosine} do not
 * clamp: the curve rises again after {@code steps}; {@link #extrapolated()} gives that behaviour.
 */
public final class Cosine extends Curve {
    /** Kind name in specs. */
    private static final Param FROM = required("from", NUMBER, FINITE, "value at the start");

    private static final Param TO = required("to", NUMBER, FINITE, "value at the end (the floor)");
    private static final Param STEPS = required("steps", NUMBER, POSITIVE, "length of the decay in steps");
    private static final Param EXPONENT = optional("exponent", NUMBER, 1.0, POSITIVE, "power of the half-wave (Optax)");
    private static final Param K_DECAY = optional("k_decay", NUMBER, 1.0, POSITIVE, "progress exponent (timm)");
    private static final Param EXTRAPOLATE = optional(
            "extrapolate",
            ParamType.BOOLEAN,
            false,
            BOOLEAN,
            "continue the wave past 'steps' (PyTorch) instead of holding 'to'");

    /** The kind {@code cosine(from, to, steps, exponent, k_decay, extrapolate)}. */
    public static final Kind KIND = Kind.schedule(
                    "cosine",
                    "cosine annealing from 'from' to 'to' over 'steps' steps",
                    List.of(FROM, TO, STEPS, EXPONENT, K_DECAY, EXTRAPOLATE),
                    a -> of(
                            FROM.number(a),
                            TO.number(a),
                            STEPS.number(a),
                            EXPONENT.number(a),
                            K_DECAY.number(a),
                            EXTRAPOLATE.bool(a)))
            .withPython("""
            def _k_cosine(**a):
                start, end, steps = a["from"], a["to"], a["steps"]
                exponent, k_decay = a.get("exponent", 1.0), a.get("k_decay", 1.0)
                extrapolate = a.get("extrapolate", False)
                pi_over_steps = math.pi / steps
                steps_to_k = _pow(steps, k_decay)

                def f(x):
                    if x <= 0:
                        return start
                    if x >= steps and not extrapolate:
                        return end
                    if k_decay == 1:
                        angle = x * pi_over_steps
                    else:
                        angle = math.pi * (_pow(x, k_decay) / steps_to_k)
                    c = 0.5 * (1 + math.cos(angle))
                    if exponent != 1:
                        c = _pow(c, exponent)
                    return end + (start - end) * c
                return f
            """);

    private final double from;
    private final double to;
    private final double steps;
    private final double exponent;
    private final double kDecay;
    private final boolean extrapolate;
    private final double piOverSteps;
    private final double stepsToK;
    private final double mid;
    private final double halfRange;

    private Cosine(double from, double to, double steps, double exponent, double kDecay, boolean extrapolate) {
        this.from = Checks.finite("from", from);
        this.to = Checks.finite("to", to);
        this.steps = Checks.positive("steps", steps);
        this.exponent = Checks.positive("exponent", exponent);
        this.kDecay = Checks.positive("kDecay", kDecay);
        this.extrapolate = extrapolate;
        this.piOverSteps = Math.PI / steps;
        this.stepsToK = Math.pow(steps, kDecay);
        this.halfRange = 0.5 * (from - to);
        this.mid = to + halfRange;
    }

    /** From {@code from} at step 0 down (or up) to {@code to} at step {@code steps}, then {@code to}. */
    public static Cosine of(double from, double to, double steps) {
        return new Cosine(from, to, steps, 1, 1, false);
    }

    /** As {@link #of(double, double, double)} with the half-wave raised to {@code exponent}. */
    public static Cosine of(double from, double to, double steps, double exponent) {
        return new Cosine(from, to, steps, exponent, 1, false);
    }

    /** Every parameter. */
    public static Cosine of(double from, double to, double steps, double exponent, double kDecay, boolean extrapolate) {
        return new Cosine(from, to, steps, exponent, kDecay, extrapolate);
    }

    /** This curve with the half-wave raised to {@code exponent} (Optax). */
    public Cosine withExponent(double exponent) {
        return new Cosine(from, to, steps, exponent, kDecay, extrapolate);
    }

    /** This curve with progress {@code (t/steps)^kDecay} (timm's {@code k_decay}). */
    public Cosine withKDecay(double kDecay) {
        return new Cosine(from, to, steps, exponent, kDecay, extrapolate);
    }

    /** This curve continued past {@code steps} by the same formula (PyTorch, Hugging Face). */
    public Cosine extrapolated() {
        return new Cosine(from, to, steps, exponent, kDecay, true);
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

    public double exponent() {
        return exponent;
    }

    public double kDecay() {
        return kDecay;
    }

    public boolean extrapolate() {
        return extrapolate;
    }

    @Override
    public double valueAtReal(double position) {
        if (position <= 0) {
            return from;
        }
        if (position >= steps && !extrapolate) {
            return to;
        }
        if (kDecay == 1 && exponent == 1) {
            return wave(reduce(position, steps), mid, halfRange, piOverSteps);
        }
        double angle = kDecay == 1 ? angle(position) : Math.PI * (Math.pow(position, kDecay) / stepsToK);
        if (exponent == 1) {
            return mid + halfRange * Math.cos(angle);
        }
        return to + (from - to) * Math.pow(0.5 * (1 + Math.cos(angle)), exponent);
    }

    /**
     * The plain cosine at a position {@code x} in {@code (0, steps]}: {@code to + (from - to) * (1 +
     * cos(pi x / steps)) / 2} with the constants folded ({@code mid = (from + to) / 2}, {@code halfRange =
     * (from - to) / 2}, {@code piOverSteps = pi / steps}). The one kernel of every plain cosine:
     * {@code Repeat}'s warm restarts call it with their own copies of the constants.
     */
    public static double wave(double x, double mid, double halfRange, double piOverSteps) {
        return mid + halfRange * Math.cos(x * piOverSteps);
    }

    /** A position past the end reduced modulo {@code 2 * steps} (exactly), where the wave repeats. */
    public static double reduce(double x, double steps) {
        return x > steps ? x % (2 * steps) : x;
    }

    /** {@code pi * position / steps}, reduced modulo 2 pi (exactly, on the position) past the end. */
    private double angle(double position) {
        return reduce(position, steps) * piOverSteps;
    }

    @Override
    public double horizon() {
        return steps;
    }

    /** Angle-addition block: exact cos/sin at the start of each block of this many steps. */
    private static final int BLOCK = 128;

    @Override
    protected void fill(double[] values, int begin, int end) {
        if (kDecay != 1 || end - begin < 4 * BLOCK) {
            for (int i = begin; i < end; i++) {
                values[i] = valueAtReal(values[i]);
            }
            return;
        }
        double[] cosK = new double[BLOCK];
        double[] sinK = new double[BLOCK];
        double tableDelta = Double.NaN;
        for (int j = begin; j < end; j += BLOCK) {
            int stop = Math.min(j + BLOCK, end);
            double first = values[j];
            double last = values[stop - 1];
            double delta = stop - j > 1 ? (last - first) / (stop - 1 - j) : 0;
            // angle addition needs positions in arithmetic progression inside the curve's domain
            boolean smooth =
                    first > 0 && (extrapolate || last < steps) && delta > 0 && evenlySpaced(values, j, stop, delta);
            if (!smooth) {
                for (int i = j; i < stop; i++) {
                    values[i] = valueAtReal(values[i]);
                }
                continue;
            }
            if (delta != tableDelta) {
                double w = piOverSteps * delta;
                for (int k = 0; k < BLOCK; k++) {
                    cosK[k] = Math.cos(k * w);
                    sinK[k] = Math.sin(k * w);
                }
                tableDelta = delta;
            }
            double a = angle(first);
            double ca = Math.cos(a);
            double sa = Math.sin(a);
            if (exponent == 1) {
                double hc = halfRange * ca;
                double hs = halfRange * sa;
                int n = stop - j;
                for (int k = 0; k < n; k++) {
                    values[j + k] = mid + (hc * cosK[k] - hs * sinK[k]);
                }
            } else {
                for (int k = 0, i = j; i < stop; k++, i++) {
                    values[i] = to + (from - to) * Math.pow(0.5 * (1 + (ca * cosK[k] - sa * sinK[k])), exponent);
                }
            }
        }
    }

    private static boolean evenlySpaced(double[] positions, int from, int to, double delta) {
        double first = positions[from];
        double tolerance = 1e-9 * delta;
        for (int i = from + 1; i < to; i++) {
            if (Math.abs(positions[i] - (first + (i - from) * delta)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void mark(Boundaries found) {
        if (!extrapolate) {
            found.add(steps);
        }
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b =
                ScheduleSpec.builder(KIND).put(FROM, from).put(TO, to).put(STEPS, position(steps));
        if (exponent != 1) {
            b.put(EXPONENT, exponent);
        }
        if (kDecay != 1) {
            b.put(K_DECAY, kDecay);
        }
        if (extrapolate) {
            b.put(EXTRAPOLATE, true);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Cosine c
                && same(from, c.from)
                && same(to, c.to)
                && same(steps, c.steps)
                && same(exponent, c.exponent)
                && same(kDecay, c.kDecay)
                && extrapolate == c.extrapolate;
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, from, to, steps, exponent, kDecay, extrapolate);
    }
}
