package dev.schedtune.dsl.combinators;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.primitives.Cosine;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A schedule restarted in cycles: warm restarts (SGDR), with growing periods, decaying peaks and a cycle
 * limit. Cycle {@code i} (0-based) lasts {@code period * periodMul^i} steps and starts at {@code S_i =
 * period * (periodMul^i - 1) / (periodMul - 1)} ({@code i * period} when {@code periodMul = 1}):
 *
 * <pre>
 *   u    = (t - S_i) / periodMul^i                          (the cycle's step, stretched onto [0, period))
 *   f(t) = base + (inner(u) - base) * decay^i               for i &lt; cycleLimit
 *        = afterLimit                                       for i &gt;= cycleLimit (default: base)
 * </pre>
 *
 * <p>With {@code inner = cosine(max, min, period)}, {@code base = min}: PyTorch's {@code
 * CosineAnnealingWarmRestarts(T_0, T_mult, eta_min)} (decay 1, no limit), timm's {@code cycle_mul},
 * {@code cycle_decay}, {@code cycle_limit} and Keras' {@code CosineDecayRestarts(t_mul, m_mul, alpha)}.
 * The cycle index is computed with logarithms and then corrected against the exact cycle starts, so it
 * does not slip at cycle boundaries.
 */
public final class Repeat extends Curve {
    /** Kind name in specs. */
    public static final String KIND = "repeat";

    private final Curve inner;
    private final double period;
    private final double periodMul;
    private final double decay;
    private final double decayBase;
    private final long cycleLimit;
    private final double afterLimit;
    private final double logMul;
    private final double invPeriod;
    /** The cycle limit as a double, +Infinity for none. */
    private final double limit;
    // SGDR fast path: a plain cosine inside is evaluated from copies of its constants, saving the
    // dependent load of the inner object on every call (the formula is Cosine.valueAtReal's)
    private final boolean plainCosine;
    private final double cosFrom;
    private final double cosTo;
    private final double cosSteps;
    private final double cosPiOverSteps;
    private final double cosMid;
    private final double cosHalfRange;
    private final boolean cosExtrapolate;
    /** Plain SGDR: equal cycles, no decay, no limit, a cycle within the cosine's span: the shortest path. */
    private final boolean sgdr;

    private Repeat(
            Curve inner,
            double period,
            double periodMul,
            double decay,
            double decayBase,
            long cycleLimit,
            double afterLimit) {
        this.inner = inner;
        this.period = Checks.positive("period", period);
        this.periodMul = Checks.atLeast("periodMul", periodMul, 1);
        this.decay = Checks.positive("decay", decay);
        this.decayBase = Checks.finite("decayBase", decayBase);
        this.cycleLimit = Checks.nonNegative("cycleLimit", cycleLimit);
        if (!Double.isNaN(afterLimit)) {
            Checks.finite("afterLimit", afterLimit);
        }
        this.afterLimit = afterLimit;
        this.logMul = Math.log(periodMul);
        this.invPeriod = 1 / period;
        this.limit = cycleLimit > 0 ? cycleLimit : Double.POSITIVE_INFINITY;
        Cosine c = inner instanceof Cosine ? (Cosine) inner : null;
        this.plainCosine = c != null && c.exponent() == 1 && c.kDecay() == 1;
        this.cosFrom = c == null ? 0 : c.from();
        this.cosTo = c == null ? 0 : c.to();
        this.cosSteps = c == null ? 1 : c.steps();
        this.cosPiOverSteps = Math.PI / cosSteps;
        this.cosHalfRange = 0.5 * (cosFrom - cosTo);
        this.cosMid = cosTo + cosHalfRange;
        this.cosExtrapolate = c != null && c.extrapolate();
        this.sgdr = plainCosine && periodMul == 1 && decay == 1 && cycleLimit == 0 && period <= cosSteps;
    }

    /** {@code inner} restarted every {@code period} steps: {@code inner(t mod period)}. */
    public static Repeat every(Schedule inner, double period) {
        return new Repeat(Curve.of(inner), period, 1, 1, 0, 0, Double.NaN);
    }

    /** This repetition with each cycle {@code periodMul} times longer than the previous (inner stretched). */
    public Repeat withPeriodMultiplier(double periodMul) {
        return new Repeat(inner, period, periodMul, decay, decayBase, cycleLimit, afterLimit);
    }

    /** This repetition with cycle {@code i} scaled towards {@code base} by {@code decay^i}. */
    public Repeat withDecay(double decay, double base) {
        return new Repeat(inner, period, periodMul, decay, base, cycleLimit, afterLimit);
    }

    /** This repetition stopping after {@code cycles} cycles (0 = never) and holding the decay base after. */
    public Repeat withCycleLimit(long cycles) {
        return new Repeat(inner, period, periodMul, decay, decayBase, cycles, Double.NaN);
    }

    /** This repetition stopping after {@code cycles} cycles and holding {@code afterLimit} after. */
    public Repeat withCycleLimit(long cycles, double afterLimit) {
        return new Repeat(inner, period, periodMul, decay, decayBase, cycles, Checks.finite("afterLimit", afterLimit));
    }

    public Schedule inner() {
        return Curve.unwrap(inner);
    }

    public double period() {
        return period;
    }

    public double periodMultiplier() {
        return periodMul;
    }

    public double decay() {
        return decay;
    }

    public double decayBase() {
        return decayBase;
    }

    /** The number of cycles before the value holds, or 0 for no limit. */
    public long cycleLimit() {
        return cycleLimit;
    }

    /** The value after the cycle limit. */
    public double afterLimit() {
        return Double.isNaN(afterLimit) ? decayBase : afterLimit;
    }

    /** The step at which cycle {@code i} (0-based) starts. */
    public double cycleStart(long i) {
        if (periodMul == 1) {
            return i * period;
        }
        return period * (Math.pow(periodMul, i) - 1) / (periodMul - 1);
    }

    /** The 0-based cycle holding position {@code t}. */
    public long cycleAt(double t) {
        if (t <= 0) {
            return 0;
        }
        if (periodMul == 1) {
            return (long) Math.floor(t / period);
        }
        long i = (long) Math.floor(Math.log1p(t / period * (periodMul - 1)) / logMul);
        while (cycleStart(i + 1) <= t) {
            i++;
        }
        while (i > 0 && cycleStart(i) > t) {
            i--;
        }
        return i;
    }

    @Override
    public double valueAtReal(double position) {
        double t = position > 0 ? position : 0;
        if (sgdr) {
            // the general path below, with the branches that cannot be taken left out
            double c = Math.floor(t * invPeriod);
            double local = t - c * period;
            if (local < 0) {
                local = t - (c - 1) * period;
            } else if (local >= period) {
                local = t - (c + 1) * period;
            }
            return local <= 0 ? cosFrom : cosMid + cosHalfRange * Math.cos(local * cosPiOverSteps);
        }
        if (periodMul != 1) {
            return stretched(t);
        }
        // multiply by the inverse (no division on the hot path), then correct the rare off-by-one
        double c = Math.floor(t * invPeriod);
        double local = t - c * period;
        if (local < 0) {
            c -= 1;
            local = t - c * period;
        } else if (local >= period) {
            c += 1;
            local = t - c * period;
        }
        if (c >= limit) {
            return afterLimit();
        }
        double v = plainCosine ? cosine(local) : inner.valueAtReal(local);
        return decay == 1 ? v : decayBase + (v - decayBase) * Math.pow(decay, c);
    }

    /** {@code Cosine.valueAtReal} of the inner cosine, from the copied constants. */
    private double cosine(double x) {
        if (x <= 0) {
            return cosFrom;
        }
        if (x >= cosSteps && !cosExtrapolate) {
            return cosTo;
        }
        return cosMid + cosHalfRange * Math.cos((x > cosSteps ? x % (2 * cosSteps) : x) * cosPiOverSteps);
    }

    private double stretched(double t) {
        long i = cycleAt(t);
        if (i >= limit) {
            return afterLimit();
        }
        double v = inner.valueAtReal((t - cycleStart(i)) / Math.pow(periodMul, i));
        return decay == 1 ? v : decayBase + (v - decayBase) * Math.pow(decay, i);
    }

    @Override
    protected void fill(double[] values, int from, int to) {
        int i = from;
        while (i < to) {
            double t = values[i] > 0 ? values[i] : 0;
            long cycle = cycleOf(t);
            if (cycle >= limit) {
                java.util.Arrays.fill(values, i, to, afterLimit());
                return;
            }
            // the run of positions in the same cycle, turned into the cycle's local positions
            int end = i;
            while (end < to) {
                double u = values[end] > 0 ? values[end] : 0;
                if (end > i && cycleOf(u) != cycle) {
                    break;
                }
                values[end] = local(u, cycle);
                end++;
            }
            fill(inner, values, i, end);
            if (decay != 1) {
                double f = Math.pow(decay, cycle);
                for (int k = i; k < end; k++) {
                    values[k] = decayBase + (values[k] - decayBase) * f;
                }
            }
            i = end;
        }
    }

    /** The 0-based cycle of {@code t >= 0}, exactly as {@link #valueAtReal} finds it. */
    private long cycleOf(double t) {
        if (periodMul != 1) {
            return cycleAt(t);
        }
        double c = Math.floor(t * invPeriod);
        double local = t - c * period;
        if (local < 0) {
            c -= 1;
        } else if (local >= period) {
            c += 1;
        }
        return (long) c;
    }

    /** The inner schedule's position for {@code t} in cycle {@code c}, exactly as {@link #valueAtReal}. */
    private double local(double t, long c) {
        if (periodMul != 1) {
            return (t - cycleStart(c)) / Math.pow(periodMul, c);
        }
        return t - (double) c * period;
    }

    @Override
    public double horizon() {
        return cycleLimit > 0 ? cycleStart(cycleLimit) : Double.POSITIVE_INFINITY;
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND)
                .put("schedule", describe(inner, lenient))
                .put("period", position(period));
        if (periodMul != 1) {
            b.put("period_mul", periodMul);
        }
        if (decay != 1) {
            b.put("decay", decay);
        }
        if (decayBase != 0) {
            b.put("decay_base", decayBase);
        }
        if (cycleLimit != 0) {
            b.put("cycle_limit", cycleLimit);
        }
        if (!Double.isNaN(afterLimit)) {
            b.put("after_limit", afterLimit);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof Repeat)) {
            return false;
        }
        Repeat r = (Repeat) o;
        return inner.equals(r.inner)
                && same(period, r.period)
                && same(periodMul, r.periodMul)
                && same(decay, r.decay)
                && same(decayBase, r.decayBase)
                && cycleLimit == r.cycleLimit
                && same(afterLimit, r.afterLimit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, inner, period, periodMul, decay, decayBase, cycleLimit, afterLimit);
    }
}
