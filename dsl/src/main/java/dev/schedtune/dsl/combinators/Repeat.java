package dev.schedtune.dsl.combinators;

import static dev.schedtune.dsl.spec.Param.FINITE;
import static dev.schedtune.dsl.spec.Param.INNER;
import static dev.schedtune.dsl.spec.Param.POSITIVE;
import static dev.schedtune.dsl.spec.Param.choice;
import static dev.schedtune.dsl.spec.Param.optional;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.INTEGER;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.primitives.Cosine;
import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *
 * <p>How the cycle {@code i} of a step is found is explicit, because the anchors differ in their last
 * bits and a restart one step early or late is a jump of the whole amplitude:
 *
 * <ul>
 *   <li>{@link CycleIndex#EXACT} (the default): the last cycle start at or before the step, so restarts
 *       land where the cycle lengths add up to (PyTorch's integer arithmetic);
 *   <li>{@link CycleIndex#FLOAT}: the closed form as timm and Keras evaluate it in floating point;
 *   <li>{@link #overSpan a repetition over a span}: {@code cycles} equal cycles in {@code span} steps,
 *       located in progress units as transformers' hard restarts do.
 * </ul>
 */
public final class Repeat extends Curve {
    /** Kind name in specs. */
    private static final Param PERIOD =
            optional("period", NUMBER, null, "> 0 (or span and cycles)", "first cycle length");

    private static final Param SPAN = optional(
            "span",
            NUMBER,
            null,
            "> 0, with cycles, instead of period",
            "steps holding 'cycles' equal cycles, counted in progress units (transformers)");
    private static final Param CYCLES =
            optional("cycles", NUMBER, null, "> 0, with span", "the number of cycles in span");
    private static final Param PERIOD_MUL = optional("period_mul", NUMBER, 1.0, ">= 1", "cycle length multiplier");
    private static final Param CYCLE_INDEX = choice(
            "cycle_index",
            CycleIndex.EXACT,
            CycleIndex.values(),
            "exact, or float: the cycle found as timm and Keras compute it");
    private static final Param DECAY = optional("decay", NUMBER, 1.0, POSITIVE, "factor per cycle, towards decay_base");
    private static final Param DECAY_BASE =
            optional("decay_base", NUMBER, 0.0, FINITE, "value the decay shrinks towards");
    private static final Param CYCLE_LIMIT =
            optional("cycle_limit", INTEGER, 0L, ">= 0 (0 = no limit)", "cycles before holding");
    private static final Param AFTER_LIMIT =
            optional("after_limit", NUMBER, null, FINITE, "value after the limit (default decay_base)");

    /** The kind {@code repeat(schedule, period | span and cycles, period_mul, cycle_index, decay, ...)}. */
    public static final Kind KIND = Kind.schedule(
                    "repeat",
                    "a schedule restarted in cycles (period multiplier, decay per cycle, cycle limit)",
                    List.of(
                            INNER,
                            PERIOD,
                            SPAN,
                            CYCLES,
                            PERIOD_MUL,
                            CYCLE_INDEX,
                            DECAY,
                            DECAY_BASE,
                            CYCLE_LIMIT,
                            AFTER_LIMIT),
                    Repeat::read)
            .withPython("""
            def _k_repeat(schedule, period=None, span=None, cycles=None, period_mul=1.0, cycle_index="exact",
                          decay=1.0, decay_base=0.0, cycle_limit=0, after_limit=None):
                over_span = span is not None
                if over_span:
                    period = span / cycles
                inv_period = 1 / period
                log_mul = math.log(period_mul)
                after = decay_base if after_limit is None else after_limit
                uniform = period_mul == 1
                exact = cycle_index == "exact"

                def cycle_start(i):
                    if uniform:
                        return i * period
                    return period * (_pow(period_mul, i) - 1) / (period_mul - 1)

                def cycle_of(t):
                    if over_span:
                        return int(math.floor(cycles * (t / span)))
                    if uniform and exact:
                        c = math.floor(t * inv_period)
                        local = t - c * period
                        if local < 0:
                            c -= 1
                        elif local >= period:
                            c += 1
                        return int(c)
                    if uniform:
                        return int(math.floor(t / period))
                    if not exact:
                        return int(math.floor(math.log(1 - t / period * (1 - period_mul)) / log_mul))
                    if t <= 0:
                        return 0
                    i = int(math.floor(math.log1p(t / period * (period_mul - 1)) / log_mul))
                    while cycle_start(i + 1) <= t:
                        i += 1
                    while i > 0 and cycle_start(i) > t:
                        i -= 1
                    return i

                def local(t, i):
                    if over_span:
                        return (cycles * (t / span) - i) * period
                    if uniform:
                        return t - float(i) * period
                    grown = _pow(period_mul, i)
                    if exact:
                        return (t - cycle_start(i)) / grown
                    return (t - (1 - grown) / (1 - period_mul) * period) / grown

                def f(x):
                    t = max(0.0, x)
                    i = cycle_of(t)
                    if cycle_limit > 0 and i >= cycle_limit:
                        return after
                    v = schedule(local(t, i))
                    return v if decay == 1 else decay_base + (v - decay_base) * _pow(decay, i)
                return f
            """);

    private static final Param MAX = required("max", NUMBER, FINITE, "the first peak");
    private static final Param MIN = optional("min", NUMBER, 0.0, FINITE, "the floor");
    private static final Param FIRST_PERIOD = required("period", NUMBER, POSITIVE, "first cycle length in steps");
    private static final Param CYCLE_DECAY = optional("cycle_decay", NUMBER, 1.0, POSITIVE, "peak factor per cycle");
    private static final Param LIMIT =
            optional("cycle_limit", INTEGER, 0L, ">= 0 (0 = no limit)", "cycles before holding min");
    private static final Param K_DECAY = optional("k_decay", NUMBER, 1.0, POSITIVE, "progress exponent (timm)");

    /** The kind {@code cosine_warm_restarts(max, min, period, ...)} (SGDR), written back as repeat(cosine). */
    public static final Kind WARM_RESTARTS_KIND = Kind.schedule(
            "cosine_warm_restarts",
            "cosine from max to min restarted in cycles (SGDR); written back as repeat(cosine)",
            List.of(MAX, MIN, FIRST_PERIOD, PERIOD_MUL, CYCLE_DECAY, LIMIT, K_DECAY),
            a -> {
                double min = MIN.number(a);
                double period = FIRST_PERIOD.number(a);
                return every(Cosine.of(MAX.number(a), min, period).withKDecay(K_DECAY.number(a)), period)
                        .withPeriodMultiplier(PERIOD_MUL.number(a))
                        .withDecay(CYCLE_DECAY.number(a), min)
                        .withCycleLimit(LIMIT.integer(a));
            });

    private static Repeat read(Map<String, Object> a) {
        Repeat repeat = byPeriodOrSpan(a)
                .withPeriodMultiplier(PERIOD_MUL.number(a))
                .withCycleIndex(CYCLE_INDEX.choice(a, CycleIndex.class))
                .withDecay(DECAY.number(a), DECAY_BASE.number(a));
        return AFTER_LIMIT.isGiven(a)
                ? repeat.withCycleLimit(CYCLE_LIMIT.integer(a), AFTER_LIMIT.number(a))
                : repeat.withCycleLimit(CYCLE_LIMIT.integer(a));
    }

    /** A repetition by period, or over a span: exactly one of the two forms. */
    private static Repeat byPeriodOrSpan(Map<String, Object> a) {
        if (!SPAN.isGiven(a) && !CYCLES.isGiven(a)) {
            Checks.require(PERIOD.isGiven(a), "period is required (or span and cycles)");
            return every(INNER.schedule(a), PERIOD.number(a));
        }
        Checks.require(
                !PERIOD.isGiven(a),
                "period (" + PERIOD.number(a, Double.NaN) + ") must be left out when span and cycles are given");
        Checks.require(SPAN.isGiven(a), "span is required with cycles");
        Checks.require(CYCLES.isGiven(a), "cycles is required with span");
        return overSpan(INNER.schedule(a), SPAN.number(a), CYCLES.number(a));
    }

    /** How a repetition by period finds the cycle of a step. */
    public enum CycleIndex {
        /**
         * The last cycle start at or before the step: the logarithm's estimate is corrected against the
         * cycle starts, so no restart slips.
         */
        EXACT,
        /**
         * timm's and Keras' closed form in floating point, uncorrected: {@code i = floor(log(1 - t / period
         * * (1 - periodMul)) / log(periodMul))} ({@code floor(t / period)} for {@code periodMul = 1}) and
         * the cycle's step {@code (t - (1 - periodMul^i) / (1 - periodMul) * period) / periodMul^i}. At some
         * cycle starts the quotient lands just below the whole number ({@code log(243) / log(3) =
         * 4.999999999999999}) and the step is evaluated at the very end of the previous cycle, as those
         * libraries do.
         */
        FLOAT;

        /** The lower-case name used in specs. */
        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The options of a repetition, checked when made; changed copies come from the {@code with*} methods. */
    private record Options(
            double period,
            double periodMul,
            double decay,
            double decayBase,
            long cycleLimit,
            @Nullable Double afterLimit,
            CycleIndex cycleIndex,
            @Nullable Span span) {
        Options {
            Checks.positive("period", period);
            Checks.atLeast("periodMul", periodMul, 1.0);
            Checks.positive("decay", decay);
            Checks.finite("decayBase", decayBase);
            Checks.nonNegative("cycleLimit", cycleLimit);
            if (afterLimit != null) {
                Checks.finite("afterLimit", afterLimit);
            }
            Checks.notNull("cycleIndex", cycleIndex);
            if (span != null) {
                Checks.require(
                        periodMul == 1,
                        "periodMul (" + periodMul + ") must be 1 for a repetition over a span (its cycles are equal)");
                Checks.require(
                        cycleIndex == CycleIndex.EXACT,
                        "cycleIndex (" + cycleIndex.specName() + ") must be exact for a repetition over a span (it is"
                                + " counted in progress units)");
            }
        }

        static Options every(double period) {
            return new Options(period, 1, 1, 0, 0, null, CycleIndex.EXACT, null);
        }

        Options periodMul(double mul) {
            return new Options(period, mul, decay, decayBase, cycleLimit, afterLimit, cycleIndex, span);
        }

        Options decay(double factor, double base) {
            return new Options(period, periodMul, factor, base, cycleLimit, afterLimit, cycleIndex, span);
        }

        Options limit(long cycles, @Nullable Double after) {
            return new Options(period, periodMul, decay, decayBase, cycles, after, cycleIndex, span);
        }

        Options index(CycleIndex index) {
            return new Options(period, periodMul, decay, decayBase, cycleLimit, afterLimit, index, span);
        }

        /** How this repetition finds the cycle of a step. */
        Clock clock() {
            if (span != null) {
                return span;
            }
            boolean exact = cycleIndex == CycleIndex.EXACT;
            return periodMul == 1 ? new Uniform(period, 1 / period, exact) : new Geometric(period, periodMul, exact);
        }
    }

    /** Where a position {@code t >= 0} falls: the 0-based cycle that holds it, and the cycle's own step. */
    private sealed interface Clock permits Uniform, Geometric, Span {
        long cycleOf(double t);

        /** The inner schedule's position for {@code t} in cycle {@code c}. */
        double local(double t, long c);

        /** The step at which cycle {@code i} starts. */
        double start(long i);
    }

    /** Equal cycles: exact (the last start at or before the step) or the anchors' {@code floor(t / period)}. */
    private record Uniform(double period, double inverse, boolean exact) implements Clock {
        @Override
        public long cycleOf(double t) {
            return exact ? (long) exactCycle(t, period, inverse) : (long) Math.floor(t / period);
        }

        /** Multiplies by the inverse (no division), then corrects the rare off-by-one. */
        static double exactCycle(double t, double period, double inverse) {
            double c = Math.floor(t * inverse);
            double local = t - c * period;
            if (local < 0) {
                c -= 1;
            } else if (local >= period) {
                c += 1;
            }
            return c;
        }

        @Override
        public double local(double t, long c) {
            return t - (double) c * period;
        }

        @Override
        public double start(long i) {
            return i * period;
        }
    }

    /** Cycles {@code mul} times longer each, found exactly or by timm's and Keras' float formula. */
    private record Geometric(double period, double mul, double logMul, boolean exact) implements Clock {
        Geometric(double period, double mul, boolean exact) {
            this(period, mul, Math.log(mul), exact);
        }

        @Override
        public long cycleOf(double t) {
            if (!exact) {
                // timm: math.log(1 - t / t_initial * (1 - cycle_mul), cycle_mul), i.e. log(x) / log(mul)
                return (long) Math.floor(Math.log(1 - t / period * (1 - mul)) / logMul);
            }
            if (t <= 0) {
                return 0;
            }
            long i = (long) Math.floor(Math.log1p(t / period * (mul - 1)) / logMul);
            while (start(i + 1) <= t) {
                i++;
            }
            while (i > 0 && start(i) > t) {
                i--;
            }
            return i;
        }

        @Override
        public double local(double t, long c) {
            if (exact) {
                return (t - start(c)) / Math.pow(mul, c);
            }
            double grown = Math.pow(mul, c);
            return (t - (1 - grown) / (1 - mul) * period) / grown;
        }

        @Override
        public double start(long i) {
            return period * (Math.pow(mul, i) - 1) / (mul - 1);
        }
    }

    /** {@code cycles} equal cycles in {@code length} steps, counted in progress units (transformers). */
    private record Span(double length, double cycles) implements Clock {
        @Override
        public long cycleOf(double t) {
            return (long) Math.floor(cycles * (t / length));
        }

        @Override
        public double local(double t, long c) {
            return (cycles * (t / length) - c) * (length / cycles);
        }

        @Override
        public double start(long i) {
            return i * length / cycles;
        }
    }

    private final Curve inner;
    private final Options options;
    private final Clock clock;
    // copies of what every call reads, so the hot paths load no other object
    private final double period;
    private final double invPeriod;
    private final boolean uniformExact;
    private final double decay;
    private final double decayBase;
    /** The cycle limit as a double, +Infinity for none. */
    private final double limit;
    /** A plain cosine inside (exponent 1, k_decay 1), evaluated by {@link Cosine#wave} from copies of its constants. */
    private final @Nullable Cosine cosine;

    private final double cosFrom;
    private final double cosSteps;
    private final double cosMid;
    private final double cosHalfRange;
    private final double cosPiOverSteps;
    /** Plain SGDR: equal cycles, no decay, no limit, a cycle within the cosine's span: the shortest path. */
    private final boolean sgdr;

    private Repeat(Curve inner, Options options) {
        this.inner = inner;
        this.options = options;
        this.clock = options.clock();
        this.period = options.period();
        this.invPeriod = 1 / period;
        this.uniformExact = clock instanceof Uniform u && u.exact();
        this.decay = options.decay();
        this.decayBase = options.decayBase();
        this.limit = options.cycleLimit() > 0 ? options.cycleLimit() : Double.POSITIVE_INFINITY;
        this.cosine = inner instanceof Cosine c && c.exponent() == 1 && c.kDecay() == 1 ? c : null;
        double from = cosine == null ? 0 : cosine.from();
        this.cosFrom = from;
        double to = cosine == null ? 0 : cosine.to();
        this.cosHalfRange = 0.5 * (from - to);
        this.cosMid = to + cosHalfRange;
        this.cosSteps = cosine == null ? 1 : cosine.steps();
        this.cosPiOverSteps = Math.PI / cosSteps;
        this.sgdr = cosine != null && uniformExact && decay == 1 && options.cycleLimit() == 0 && period <= cosSteps;
    }

    /** {@code inner} restarted every {@code period} steps: {@code inner(t mod period)}. */
    public static Repeat every(Schedule inner, double period) {
        return new Repeat(Curve.of(inner), Options.every(period));
    }

    /**
     * {@code cycles} equal cycles of {@code inner} in {@code span} steps (and on, past the span), located
     * as transformers' hard restarts do: with {@code y = cycles * (t / span)}, the cycle is {@code floor(y)}
     * and {@code inner} sees {@code (y - floor(y)) * span / cycles}. Where {@code span / cycles} is not
     * exact in binary this is the count the progress gives: 14 cycles in 18 steps restart at step 9
     * ({@code 14 * (9 / 18) = 7}), where a period of {@code 18 / 14 = 1.2857142857142858} steps puts step 9
     * at the end of cycle 6.
     */
    public static Repeat overSpan(Schedule inner, double span, double cycles) {
        Checks.positive("span", span);
        Checks.positive("cycles", cycles);
        return new Repeat(
                Curve.of(inner),
                new Options(span / cycles, 1, 1, 0, 0, null, CycleIndex.EXACT, new Span(span, cycles)));
    }

    /** This repetition with each cycle {@code periodMul} times longer than the previous (inner stretched). */
    public Repeat withPeriodMultiplier(double periodMul) {
        return new Repeat(inner, options.periodMul(periodMul));
    }

    /** This repetition with cycle {@code i} scaled towards {@code base} by {@code decay^i}. */
    public Repeat withDecay(double decay, double base) {
        return new Repeat(inner, options.decay(decay, base));
    }

    /** This repetition stopping after {@code cycles} cycles (0 = never) and holding the decay base after. */
    public Repeat withCycleLimit(long cycles) {
        return new Repeat(inner, options.limit(cycles, null));
    }

    /** This repetition stopping after {@code cycles} cycles and holding {@code afterLimit} after. */
    public Repeat withCycleLimit(long cycles, double afterLimit) {
        return new Repeat(inner, options.limit(cycles, Checks.finite("afterLimit", afterLimit)));
    }

    /** This repetition finding the cycle of a step as {@code index} says ({@link CycleIndex#EXACT} by default). */
    public Repeat withCycleIndex(CycleIndex index) {
        return new Repeat(inner, options.index(index));
    }

    public Schedule inner() {
        return Curve.unwrap(inner);
    }

    /** The length of the first cycle ({@code span / cycles} for a repetition over a span). */
    public double period() {
        return period;
    }

    public double periodMultiplier() {
        return options.periodMul();
    }

    public double decay() {
        return decay;
    }

    public double decayBase() {
        return decayBase;
    }

    /** The number of cycles before the value holds, or 0 for no limit. */
    public long cycleLimit() {
        return options.cycleLimit();
    }

    /** The value after the cycle limit. */
    public double afterLimit() {
        Double after = options.afterLimit();
        return after == null ? decayBase : after;
    }

    public CycleIndex cycleIndex() {
        return options.cycleIndex();
    }

    /** Whether the cycles are counted over a span ({@link #overSpan}) rather than by period. */
    public boolean isOverSpan() {
        return options.span() != null;
    }

    /** The span of a repetition {@link #overSpan over a span}; NaN otherwise. */
    public double span() {
        Span span = options.span();
        return span == null ? Double.NaN : span.length();
    }

    /** The number of cycles in the span of a repetition {@link #overSpan over a span}; NaN otherwise. */
    public double cycles() {
        Span span = options.span();
        return span == null ? Double.NaN : span.cycles();
    }

    /** The step at which cycle {@code i} (0-based) starts. */
    public double cycleStart(long i) {
        return clock.start(i);
    }

    /** The 0-based cycle holding position {@code t}, as this repetition counts it. */
    public long cycleAt(double t) {
        return clock.cycleOf(t > 0 ? t : 0);
    }

    @Override
    public double valueAtReal(double position) {
        // small, so that a join inlines it; each path is its own method
        double t = position > 0 ? position : 0;
        if (sgdr) {
            return sgdr(t);
        }
        return uniformExact ? uniform(t) : counted(t);
    }

    /** {@link #uniform} for plain SGDR, with the branches that cannot be taken left out. */
    private double sgdr(double t) {
        double local = t - Math.floor(t * invPeriod) * period;
        if (local < 0 || local >= period) { // the product rounded across a restart: count exactly
            local = t - Uniform.exactCycle(t, period, invPeriod) * period;
        }
        return local <= 0 ? cosFrom : Cosine.wave(local, cosMid, cosHalfRange, cosPiOverSteps);
    }

    /** Equal cycles counted exactly. */
    private double uniform(double t) {
        double c = Uniform.exactCycle(t, period, invPeriod);
        if (c >= limit) {
            return afterLimit();
        }
        double local = t - c * period;
        return decayed(cosine != null ? cosine(local) : inner.valueAtReal(local), (long) c);
    }

    /** Any other counting: growing cycles, the anchors' float formula, a span. */
    private double counted(double t) {
        long i = clock.cycleOf(t);
        if (i >= limit) {
            return afterLimit();
        }
        return decayed(inner.valueAtReal(clock.local(t, i)), i);
    }

    /** {@code Cosine.valueAtReal} of the inner plain cosine, from the copied constants. */
    private double cosine(double x) {
        if (x <= 0) {
            return cosFrom;
        }
        if (x >= cosSteps && !cosine.extrapolate()) {
            return cosine.to();
        }
        return Cosine.wave(Cosine.reduce(x, cosSteps), cosMid, cosHalfRange, cosPiOverSteps);
    }

    private double decayed(double v, long i) {
        return decay == 1 ? v : decayBase + (v - decayBase) * Math.pow(decay, i);
    }

    @Override
    protected void fill(double[] values, int from, int to) {
        int i = from;
        while (i < to) {
            double t = values[i] > 0 ? values[i] : 0;
            long cycle = clock.cycleOf(t);
            if (cycle >= limit) {
                Arrays.fill(values, i, to, afterLimit());
                return;
            }
            int end = uniformExact ? uniformRun(values, i, to, cycle) : run(values, i, to, cycle);
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

    /**
     * The run of positions from {@code i} in {@code cycle}, turned into the cycle's local positions;
     * returns where the run ends.
     */
    private int run(double[] values, int i, int to, long cycle) {
        int end = i;
        while (end < to) {
            double u = values[end] > 0 ? values[end] : 0;
            if (end > i && clock.cycleOf(u) != cycle) {
                break;
            }
            values[end] = clock.local(u, cycle);
            end++;
        }
        return end;
    }

    /**
     * {@link #run} for equal cycles counted exactly, the common case. Positions well inside the cycle,
     * {@code (c + d) p <= u <= (c + 1 - d) p} up to a relative margin {@code d = 1e-12} (thousands of
     * times the rounding error of {@code u / p}), are in cycle {@code c} by any rounding: they are found
     * by bisection and shifted in one loop; only the positions next to the cycle's ends are counted as
     * {@link #valueAtReal} counts them.
     */
    private int uniformRun(double[] values, int i, int to, long cycle) {
        double start = cycle * period;
        double margin = 1e-12 * period;
        double low = start * (1 + 1e-12) + margin;
        double high = (cycle + 1) * period * (1 - 1e-12) - margin;
        int end = i;
        while (end < to && !(values[end] >= low)) {
            double u = values[end] > 0 ? values[end] : 0;
            if (end > i && clock.cycleOf(u) != cycle) {
                return end;
            }
            values[end++] = u - start;
        }
        int inside = firstAtOrAbove(values, end, to, high);
        for (int k = end; k < inside; k++) {
            values[k] -= start;
        }
        end = inside;
        while (end < to && clock.cycleOf(values[end]) == cycle) {
            values[end] -= start;
            end++;
        }
        return end;
    }

    @Override
    public double horizon() {
        return options.cycleLimit() > 0 ? cycleStart(options.cycleLimit()) : Double.POSITIVE_INFINITY;
    }

    @Override
    protected void mark(Boundaries found) {
        double start = 0;
        double length = period;
        for (int i = 0; i < Boundaries.MAX && found.reaches(start); i++) {
            if (i > 0) {
                found.add(start);
            }
            start += length;
            length *= options.periodMul();
        }
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND).put(INNER, describe(inner, lenient));
        Span span = options.span();
        if (span != null) {
            b.put(SPAN, position(span.length())).put(CYCLES, position(span.cycles()));
        } else {
            b.put(PERIOD, position(period));
        }
        if (options.periodMul() != 1) {
            b.put(PERIOD_MUL, options.periodMul());
        }
        if (options.cycleIndex() != CycleIndex.EXACT) {
            b.put(CYCLE_INDEX, options.cycleIndex().specName());
        }
        if (decay != 1) {
            b.put(DECAY, decay);
        }
        if (decayBase != 0) {
            b.put(DECAY_BASE, decayBase);
        }
        if (options.cycleLimit() != 0) {
            b.put(CYCLE_LIMIT, options.cycleLimit());
        }
        if (options.afterLimit() != null) {
            b.put(AFTER_LIMIT, options.afterLimit());
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Repeat r && inner.equals(r.inner) && options.equals(r.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, inner, options);
    }
}
