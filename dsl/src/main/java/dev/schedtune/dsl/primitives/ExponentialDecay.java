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
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Exponential decay, as Optax's {@code exponential_decay}:
 *
 * <pre>
 *   d    = t - begin
 *   p    = d / transitionSteps              (floor(p) with staircase)
 *   v(t) = init                             if d &lt;= 0
 *        = init * rate^p                    with a decay rate (or init * exp(-k * p) with a decay constant k)
 *   f(t) = max(v, endValue) if rate &lt; 1 (k &gt; 0), min(v, endValue) otherwise, when endValue is set
 * </pre>
 *
 * <p>PyTorch's {@code ExponentialLR(gamma)} is {@code of(init, gamma)}; {@code StepLR(step_size, gamma)}
 * is {@code of(init, gamma, step_size).staircase()}; Keras' {@code ExponentialDecay} has no begin and no
 * end value.
 */
public final class ExponentialDecay extends Curve {
    /** Kind name in specs. */
    private static final Param INIT = required("init", NUMBER, FINITE, "initial value");

    private static final Param DECAY_RATE =
            optional("decay_rate", NUMBER, null, POSITIVE, "factor per transition (or decay_constant)");
    private static final Param DECAY_CONSTANT =
            optional("decay_constant", NUMBER, null, FINITE, "rate constant k of exp(-k p) (or decay_rate)");
    private static final Param TRANSITION_STEPS =
            optional("transition_steps", NUMBER, 1L, POSITIVE, "steps per transition");
    private static final Param TRANSITION_BEGIN =
            optional("transition_begin", NUMBER, 0L, NON_NEGATIVE, "steps before the decay starts");
    private static final Param STAIRCASE =
            optional("staircase", ParamType.BOOLEAN, false, BOOLEAN, "whole transitions only");
    private static final Param END_VALUE =
            optional("end_value", NUMBER, null, FINITE, "floor (decay) or ceiling (growth)");
    private static final Param GAMMA = required("gamma", NUMBER, POSITIVE, "factor per step_size steps");
    private static final Param STEP_SIZE = required("step_size", NUMBER, POSITIVE, "steps between drops");

    /** The kind {@code exponential_decay(init, decay_rate | decay_constant, transition_steps, ...)}. */
    public static final Kind KIND = Kind.schedule(
                    "exponential_decay",
                    "init * decay_rate^((t - transition_begin) / transition_steps), or init * exp(-decay_constant * p)",
                    List.of(INIT, DECAY_RATE, DECAY_CONSTANT, TRANSITION_STEPS, TRANSITION_BEGIN, STAIRCASE, END_VALUE),
                    ExponentialDecay::read)
            .withPython("""
            def _k_exponential_decay(init, decay_rate=None, decay_constant=None, transition_steps=1,
                                     transition_begin=0, staircase=False, end_value=None):
                by_constant = decay_rate is None
                decays = decay_constant > 0 if by_constant else decay_rate < 1

                def f(x):
                    d = x - transition_begin
                    if d <= 0:
                        v = init
                    else:
                        p = d / transition_steps
                        if staircase:
                            p = float(math.floor(p))
                        v = init * _exp(-decay_constant * p) if by_constant else init * _pow(decay_rate, p)
                    if end_value is not None:
                        v = max(v, end_value) if decays else min(v, end_value)
                    return v
                return f
            """);

    /** The kind {@code step_decay(init, gamma, step_size)} (PyTorch's StepLR), written back as exponential_decay. */
    public static final Kind STEP_KIND = Kind.schedule(
            "step_decay",
            "init * gamma^floor(t / step_size) (PyTorch StepLR); written back as exponential_decay",
            List.of(INIT, GAMMA, STEP_SIZE),
            a -> step(INIT.number(a), GAMMA.number(a), STEP_SIZE.number(a)));

    private static ExponentialDecay read(Map<String, Object> a) {
        if (DECAY_RATE.isGiven(a) == DECAY_CONSTANT.isGiven(a)) {
            throw new IllegalArgumentException("give exactly one of decay_rate and decay_constant"
                    + (DECAY_RATE.isGiven(a) ? " (both are given)" : " (neither is given)"));
        }
        ExponentialDecay e = DECAY_RATE.isGiven(a)
                ? of(INIT.number(a), DECAY_RATE.number(a))
                : continuous(INIT.number(a), DECAY_CONSTANT.number(a));
        e = e.withTransitionSteps(TRANSITION_STEPS.number(a)).withBegin(TRANSITION_BEGIN.number(a));
        if (STAIRCASE.bool(a)) {
            e = e.staircase();
        }
        return END_VALUE.isGiven(a) ? e.withEndValue(END_VALUE.number(a)) : e;
    }

    private final double init;
    private final double rate;
    private final double constant;
    private final boolean byConstant;
    private final double transitionSteps;
    private final double begin;
    private final boolean staircase;
    private final double endValue;

    private ExponentialDecay(
            double init,
            double rate,
            double constant,
            boolean byConstant,
            double transitionSteps,
            double begin,
            boolean staircase,
            double endValue) {
        this.init = Checks.finite("init", init);
        this.byConstant = byConstant;
        if (byConstant) {
            this.constant = Checks.finite("decayConstant", constant);
            this.rate = Double.NaN;
        } else {
            this.rate = Checks.positive("decayRate", rate);
            this.constant = Double.NaN;
        }
        this.transitionSteps = Checks.positive("transitionSteps", transitionSteps);
        this.begin = Checks.nonNegative("transitionBegin", begin);
        this.staircase = staircase;
        if (!Double.isNaN(endValue)) {
            Checks.finite("endValue", endValue);
        }
        this.endValue = endValue;
    }

    /** {@code init * decayRate^t}: the rate applies per step (PyTorch's {@code ExponentialLR}). */
    public static ExponentialDecay of(double init, double decayRate) {
        return new ExponentialDecay(init, decayRate, Double.NaN, false, 1, 0, false, Double.NaN);
    }

    /** {@code init * decayRate^(t / transitionSteps)}. */
    public static ExponentialDecay of(double init, double decayRate, double transitionSteps) {
        return new ExponentialDecay(init, decayRate, Double.NaN, false, transitionSteps, 0, false, Double.NaN);
    }

    /** {@code init * exp(-decayConstant * t)}: continuous decay with a rate constant. */
    public static ExponentialDecay continuous(double init, double decayConstant) {
        return new ExponentialDecay(init, Double.NaN, decayConstant, true, 1, 0, false, Double.NaN);
    }

    /** {@code init * gamma^floor(t / stepSize)}: PyTorch's {@code StepLR}. */
    public static ExponentialDecay step(double init, double gamma, double stepSize) {
        return of(init, gamma, stepSize).staircase();
    }

    /** This decay with whole transitions only: the exponent is {@code floor(d / transitionSteps)}. */
    public ExponentialDecay staircase() {
        return new ExponentialDecay(init, rate, constant, byConstant, transitionSteps, begin, true, endValue);
    }

    /** This decay holding {@code init} until step {@code transitionBegin}. */
    public ExponentialDecay withBegin(double transitionBegin) {
        return new ExponentialDecay(
                init, rate, constant, byConstant, transitionSteps, transitionBegin, staircase, endValue);
    }

    /** This decay with the exponent counted in units of {@code transitionSteps} steps. */
    public ExponentialDecay withTransitionSteps(double transitionSteps) {
        return new ExponentialDecay(init, rate, constant, byConstant, transitionSteps, begin, staircase, endValue);
    }

    /** This decay clamped at {@code endValue} (a floor when decaying, a ceiling when growing). */
    public ExponentialDecay withEndValue(double endValue) {
        return new ExponentialDecay(
                init,
                rate,
                constant,
                byConstant,
                transitionSteps,
                begin,
                staircase,
                Checks.finite("endValue", endValue));
    }

    public double init() {
        return init;
    }

    /** The decay rate per transition, or NaN when built with a decay constant. */
    public double decayRate() {
        return rate;
    }

    /** The decay constant k, or NaN when built with a decay rate. */
    public double decayConstant() {
        return constant;
    }

    public double transitionSteps() {
        return transitionSteps;
    }

    public double transitionBegin() {
        return begin;
    }

    public boolean isStaircase() {
        return staircase;
    }

    /** The clamp value, or NaN when there is none. */
    public double endValue() {
        return endValue;
    }

    private boolean decays() {
        return byConstant ? constant > 0 : rate < 1;
    }

    @Override
    public double valueAtReal(double position) {
        double d = position - begin;
        double v;
        if (d <= 0) {
            v = init;
        } else {
            double p = d / transitionSteps;
            if (staircase) {
                p = Math.floor(p);
            }
            v = byConstant ? init * Math.exp(-constant * p) : init * Math.pow(rate, p);
        }
        if (endValue == endValue) {
            v = decays() ? Math.max(v, endValue) : Math.min(v, endValue);
        }
        return v;
    }

    /** Where the end value is first reached, when it is; otherwise +Infinity. */
    @Override
    public double horizon() {
        if (Double.isNaN(endValue) || init == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double logRate = byConstant ? -constant : Math.log(rate);
        double ratio = endValue / init;
        if (!(ratio > 0) || logRate == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double p = Math.log(ratio) / logRate;
        if (!(p > 0) || !Double.isFinite(p)) {
            return Double.POSITIVE_INFINITY;
        }
        return begin + transitionSteps * (staircase ? Math.ceil(p) : p);
    }

    @Override
    protected void mark(Boundaries found) {
        found.add(begin);
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND).put(INIT, init);
        if (byConstant) {
            b.put(DECAY_CONSTANT, constant);
        } else {
            b.put(DECAY_RATE, rate);
        }
        if (transitionSteps != 1) {
            b.put(TRANSITION_STEPS, position(transitionSteps));
        }
        if (begin != 0) {
            b.put(TRANSITION_BEGIN, position(begin));
        }
        if (staircase) {
            b.put(STAIRCASE, true);
        }
        if (!Double.isNaN(endValue)) {
            b.put(END_VALUE, endValue);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ExponentialDecay e
                && same(init, e.init)
                && same(rate, e.rate)
                && same(constant, e.constant)
                && byConstant == e.byConstant
                && same(transitionSteps, e.transitionSteps)
                && same(begin, e.begin)
                && staircase == e.staircase
                && same(endValue, e.endValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, init, rate, constant, transitionSteps, begin, staircase, endValue);
    }
}
