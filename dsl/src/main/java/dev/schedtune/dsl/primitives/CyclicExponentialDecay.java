package dev.schedtune.dsl.primitives;

import static dev.schedtune.dsl.spec.Param.FINITE;
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
 * Cyclic Exponential Decay (CED): cycles of {@code period} steps between {@code low} and a peak that
 * decays exponentially, per step and/or per cycle. It gathers the definitions in use (see the module
 * README): CLR's {@code exp_range} (amplitude {@code gamma^t}), a per-cycle decay of the amplitude
 * ({@code triangular2} is {@code cycleDecay = 0.5}), restarts with geometric peak decay, and an
 * exponential decay restarted each cycle.
 *
 * <pre>
 *   i    = floor(t / period)                         (0-based cycle)
 *   u    = t / period - i                            (position in the cycle, in [0, 1))
 *   A(t) = stepDecay^t * cycleDecay^i                (amplitude)
 *   TRIANGLE:     f = low + (high - low) * A(t) * tri(u),  tri rises 0 -&gt; 1 on [0, upFraction],
 *                                                          falls 1 -&gt; 0 on [upFraction, 1)
 *   COSINE:       f = low + (high - low) * A(t) * (1 + cos(pi * u)) / 2
 *   EXPONENTIAL:  f = peak_i * (low / peak_i)^u,   peak_i = low + (high - low) * A(i * period)
 *                 (geometric decay from the cycle's peak to low, restarted each cycle; low &gt; 0)
 * </pre>
 */
public final class CyclicExponentialDecay extends Curve {
    /** Kind name in specs. */
    private static final Param LOW = required("low", NUMBER, FINITE, "the floor of every cycle");

    private static final Param HIGH = required("high", NUMBER, FINITE, "the first peak");
    private static final Param PERIOD = required("period", NUMBER, POSITIVE, "cycle length in steps");
    private static final Param SHAPE = choice("shape", Shape.TRIANGLE, Shape.values(), "wave in a cycle");
    private static final Param UP_FRACTION =
            optional("up_fraction", NUMBER, 0.5, "in (0, 1]", "where the triangle peaks");
    private static final Param STEP_DECAY =
            optional("step_decay", NUMBER, 1.0, "in (0, 1]", "amplitude factor per step");
    private static final Param CYCLE_DECAY =
            optional("cycle_decay", NUMBER, 1.0, "in (0, 1]", "amplitude factor per cycle");

    /** The kind {@code cyclic_exponential_decay(low, high, period, shape, up_fraction, step_decay, cycle_decay)}. */
    public static final Kind KIND = Kind.schedule(
                    "cyclic_exponential_decay",
                    "cyclic exponential decay: cycles whose peak decays per step and/or per cycle",
                    List.of(LOW, HIGH, PERIOD, SHAPE, UP_FRACTION, STEP_DECAY, CYCLE_DECAY),
                    a -> of(
                            LOW.number(a),
                            HIGH.number(a),
                            PERIOD.number(a),
                            SHAPE.choice(a, Shape.class),
                            UP_FRACTION.number(a),
                            STEP_DECAY.number(a),
                            CYCLE_DECAY.number(a)))
            .withPython("""
            def _k_cyclic_exponential_decay(low, high, period, shape="triangle", up_fraction=0.5, step_decay=1.0,
                                            cycle_decay=1.0):
                def amplitude(t, cycle):
                    a = 1
                    if step_decay != 1:
                        a = _pow(step_decay, t)
                    if cycle_decay != 1:
                        a *= _pow(cycle_decay, cycle)
                    return a

                def f(x):
                    t = max(0.0, x)
                    i = float(math.floor(t / period))
                    u = t / period - i
                    if shape == "triangle":
                        w = u / up_fraction if u <= up_fraction else (1 - u) / (1 - up_fraction)
                        return low + (high - low) * amplitude(t, i) * w
                    if shape == "cosine":
                        return low + (high - low) * amplitude(t, i) * (0.5 * (1 + math.cos(math.pi * u)))
                    peak = low + (high - low) * amplitude(i * period, i)
                    return peak if u == 0 else peak * _pow(low / peak, u)
                return f
            """);

    /** The wave inside one cycle. */
    public enum Shape {
        /** CLR's triangle: up from {@code low}, then down. */
        TRIANGLE,
        /** A half cosine from the peak down to {@code low} (restarts). */
        COSINE,
        /** A geometric decay from the peak to {@code low}, restarted each cycle. */
        EXPONENTIAL;

        /** The lower-case name used in specs. */
        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final double low;
    private final double high;
    private final double period;
    private final Shape shape;
    private final double upFraction;
    private final double stepDecay;
    private final double cycleDecay;

    private CyclicExponentialDecay(
            double low,
            double high,
            double period,
            Shape shape,
            double upFraction,
            double stepDecay,
            double cycleDecay) {
        this.low = Checks.finite("low", low);
        this.high = Checks.finite("high", high);
        this.period = Checks.positive("period", period);
        this.shape = Checks.notNull("shape", shape);
        this.upFraction = Checks.inOpenClosedRange("upFraction", upFraction, 0.0, 1.0);
        this.stepDecay = Checks.inOpenClosedRange("stepDecay", stepDecay, 0.0, 1.0);
        this.cycleDecay = Checks.inOpenClosedRange("cycleDecay", cycleDecay, 0.0, 1.0);
        if (shape == Shape.EXPONENTIAL) {
            Checks.positive("low", low);
            Checks.require(high > low, "high (" + high + ") must be > low (" + low + ") for the exponential shape");
        }
    }

    /** Triangle cycles (up for half the period) whose amplitude decays by {@code stepDecay} per step. */
    public static CyclicExponentialDecay perStep(double low, double high, double period, double stepDecay) {
        return new CyclicExponentialDecay(low, high, period, Shape.TRIANGLE, 0.5, stepDecay, 1);
    }

    /** Triangle cycles whose amplitude decays by {@code cycleDecay} per cycle. */
    public static CyclicExponentialDecay perCycle(double low, double high, double period, double cycleDecay) {
        return new CyclicExponentialDecay(low, high, period, Shape.TRIANGLE, 0.5, 1, cycleDecay);
    }

    /** Geometric decay from {@code high} to {@code low} restarted every {@code period} steps. */
    public static CyclicExponentialDecay restarted(double low, double high, double period) {
        return new CyclicExponentialDecay(low, high, period, Shape.EXPONENTIAL, 0.5, 1, 1);
    }

    /** Every parameter. */
    public static CyclicExponentialDecay of(
            double low,
            double high,
            double period,
            Shape shape,
            double upFraction,
            double stepDecay,
            double cycleDecay) {
        return new CyclicExponentialDecay(low, high, period, shape, upFraction, stepDecay, cycleDecay);
    }

    /** This schedule with another wave. */
    public CyclicExponentialDecay withShape(Shape shape) {
        return new CyclicExponentialDecay(low, high, period, shape, upFraction, stepDecay, cycleDecay);
    }

    /** This schedule with the triangle peaking at {@code upFraction} of the period. */
    public CyclicExponentialDecay withUpFraction(double upFraction) {
        return new CyclicExponentialDecay(low, high, period, shape, upFraction, stepDecay, cycleDecay);
    }

    /** This schedule with a per-step amplitude decay. */
    public CyclicExponentialDecay withStepDecay(double stepDecay) {
        return new CyclicExponentialDecay(low, high, period, shape, upFraction, stepDecay, cycleDecay);
    }

    /** This schedule with a per-cycle amplitude decay. */
    public CyclicExponentialDecay withCycleDecay(double cycleDecay) {
        return new CyclicExponentialDecay(low, high, period, shape, upFraction, stepDecay, cycleDecay);
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    public double period() {
        return period;
    }

    public Shape shape() {
        return shape;
    }

    public double upFraction() {
        return upFraction;
    }

    public double stepDecay() {
        return stepDecay;
    }

    public double cycleDecay() {
        return cycleDecay;
    }

    private double amplitude(double t, double cycle) {
        double a = 1;
        if (stepDecay != 1) {
            a = Math.pow(stepDecay, t);
        }
        if (cycleDecay != 1) {
            a *= Math.pow(cycleDecay, cycle);
        }
        return a;
    }

    @Override
    public double valueAtReal(double position) {
        double t = Math.max(0, position);
        double i = Math.floor(t / period);
        double u = t / period - i;
        switch (shape) {
            case TRIANGLE: {
                double w = u <= upFraction ? u / upFraction : (1 - u) / (1 - upFraction);
                return low + (high - low) * amplitude(t, i) * w;
            }
            case COSINE:
                return low + (high - low) * amplitude(t, i) * (0.5 * (1 + Math.cos(Math.PI * u)));
            case EXPONENTIAL: {
                double peak = low + (high - low) * amplitude(i * period, i);
                return u == 0 ? peak : peak * Math.pow(low / peak, u);
            }
            default:
                throw new AssertionError(shape);
        }
    }

    @Override
    protected void mark(Boundaries found) {
        for (int i = 1; i < Boundaries.MAX && found.reaches(i * period); i++) {
            found.add(i * period);
        }
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND)
                .put(LOW, low)
                .put(HIGH, high)
                .put(PERIOD, position(period))
                .put(SHAPE, shape.specName())
                .put(UP_FRACTION, upFraction);
        return b.put(STEP_DECAY, stepDecay).put(CYCLE_DECAY, cycleDecay).build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CyclicExponentialDecay c
                && same(low, c.low)
                && same(high, c.high)
                && same(period, c.period)
                && shape == c.shape
                && same(upFraction, c.upFraction)
                && same(stepDecay, c.stepDecay)
                && same(cycleDecay, c.cycleDecay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, low, high, period, shape, upFraction, stepDecay, cycleDecay);
    }
}
