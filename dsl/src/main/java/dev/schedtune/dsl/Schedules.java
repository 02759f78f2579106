package dev.schedtune.dsl;

import dev.schedtune.dsl.combinators.Combine;
import dev.schedtune.dsl.combinators.Join;
import dev.schedtune.dsl.combinators.Repeat;
import dev.schedtune.dsl.combinators.Warmup;
import dev.schedtune.dsl.primitives.Constant;
import dev.schedtune.dsl.primitives.Cosine;
import dev.schedtune.dsl.primitives.Cyclic;
import dev.schedtune.dsl.primitives.CyclicExponentialDecay;
import dev.schedtune.dsl.primitives.ExponentialDecay;
import dev.schedtune.dsl.primitives.Interpolation;
import dev.schedtune.dsl.primitives.InverseSqrt;
import dev.schedtune.dsl.primitives.InverseTime;
import dev.schedtune.dsl.primitives.Linear;
import dev.schedtune.dsl.primitives.OneCycle;
import dev.schedtune.dsl.primitives.PiecewiseConstant;
import dev.schedtune.dsl.primitives.PiecewiseInterpolation;
import dev.schedtune.dsl.primitives.Polynomial;
import dev.schedtune.dsl.primitives.Tanh;
import dev.schedtune.dsl.primitives.WarmupStableDecay;
import java.util.List;

/**
 * Every primitive and combinator of the DSL in one place, for {@code import static
 * dev.schedtune.dsl.Schedules.*}. Each factory validates its arguments eagerly (an {@link
 * IllegalArgumentException} names the parameter, its value and the allowed range) and returns an
 * immutable {@link Curve}; the classes' Javadoc gives the closed forms. Lengths and positions are in
 * steps (real numbers: fractional boundaries are allowed); use {@link Schedule#inEpochs(double)} to
 * count in epochs. Operations on one schedule ({@code times}, {@code then}, {@code floor}, {@code
 * repeat}, {@code withWarmup}, {@code inEpochs}, ...) are its fluent methods, declared once on {@link
 * Schedule}; this class holds the primitives and the combinators of several schedules.
 *
 * <pre>{@code
 * Schedule lr = linear(0, 3e-4, 1_000)
 *         .then(cosine(3e-4, 3e-5, 9_000))
 *         .floor(3e-5);
 * }</pre>
 */
public final class Schedules {
    private Schedules() {}

    // ---- primitives

    /** {@code value} at every step. */
    public static Constant constant(double value) {
        return Constant.of(value);
    }

    /** A line from {@code from} to {@code to} over {@code steps} steps, then {@code to}. */
    public static Linear linear(double from, double to, double steps) {
        return Linear.of(from, to, steps);
    }

    /** A line from {@code from} (held until {@code begin}) to {@code to} at {@code begin + steps}. */
    public static Linear linear(double from, double to, double steps, double begin) {
        return Linear.of(from, to, steps, begin);
    }

    /** Cosine annealing from {@code from} to {@code to} over {@code steps} steps, then {@code to}. */
    public static Cosine cosine(double from, double to, double steps) {
        return Cosine.of(from, to, steps);
    }

    /** Cosine annealing with the half-wave raised to {@code exponent} (Optax's {@code exponent}). */
    public static Cosine cosine(double from, double to, double steps, double exponent) {
        return Cosine.of(from, to, steps, exponent);
    }

    /** {@code init * decayRate^t}. */
    public static ExponentialDecay exponentialDecay(double init, double decayRate) {
        return ExponentialDecay.of(init, decayRate);
    }

    /** {@code init * decayRate^(t / transitionSteps)}; see {@link ExponentialDecay} for begin, staircase, end. */
    public static ExponentialDecay exponentialDecay(double init, double decayRate, double transitionSteps) {
        return ExponentialDecay.of(init, decayRate, transitionSteps);
    }

    /** {@code init * exp(-decayConstant * t)}. */
    public static ExponentialDecay exponentialDecayContinuous(double init, double decayConstant) {
        return ExponentialDecay.continuous(init, decayConstant);
    }

    /** {@code init * gamma^floor(t / stepSize)} (PyTorch's {@code StepLR}). */
    public static ExponentialDecay stepDecay(double init, double gamma, double stepSize) {
        return ExponentialDecay.step(init, gamma, stepSize);
    }

    /** {@code init * gamma^(number of milestones <= t)} (PyTorch's {@code MultiStepLR}). */
    public static PiecewiseConstant multiStep(double init, double gamma, double... milestones) {
        return PiecewiseConstant.multiStep(init, gamma, milestones);
    }

    /** {@code values[k]} where {@code k} is the number of boundaries {@code <= t}. */
    public static PiecewiseConstant piecewiseConstant(double[] boundaries, double[] values) {
        return PiecewiseConstant.of(boundaries, values);
    }

    /** Values at knots, interpolated in between, held outside. */
    public static PiecewiseInterpolation piecewiseInterpolate(
            double[] knots, double[] values, Interpolation interpolation) {
        return PiecewiseInterpolation.of(knots, values, interpolation);
    }

    /** {@code (from - to) * (1 - t/steps)^power + to}, then {@code to}. */
    public static Polynomial polynomial(double from, double to, double steps, double power) {
        return Polynomial.of(from, to, steps, power);
    }

    /** {@code init / sqrt((t + timescale) / timescale)}. */
    public static InverseSqrt inverseSqrt(double init, double timescale) {
        return InverseSqrt.of(init, timescale);
    }

    /** {@code init / (1 + decayRate * t / decaySteps)}. */
    public static InverseTime inverseTime(double init, double decaySteps, double decayRate) {
        return InverseTime.of(init, decaySteps, decayRate);
    }

    /** timm's tanh decay from {@code from} to {@code to} over {@code steps} steps. */
    public static Tanh tanh(double from, double to, double steps) {
        return Tanh.of(from, to, steps);
    }

    /** CLR triangle between {@code low} and {@code high} (PyTorch's {@code triangular}). */
    public static Cyclic cyclicTriangular(double low, double high, double stepSizeUp, double stepSizeDown) {
        return Cyclic.triangular(low, high, stepSizeUp, stepSizeDown);
    }

    /** CLR triangle whose amplitude halves every cycle (PyTorch's {@code triangular2}). */
    public static Cyclic cyclicTriangular2(double low, double high, double stepSizeUp, double stepSizeDown) {
        return Cyclic.triangular2(low, high, stepSizeUp, stepSizeDown);
    }

    /** CLR triangle with amplitude {@code gamma^t} (PyTorch's {@code exp_range}). */
    public static Cyclic cyclicExpRange(double low, double high, double stepSizeUp, double stepSizeDown, double gamma) {
        return Cyclic.expRange(low, high, stepSizeUp, stepSizeDown, gamma);
    }

    /** CLR triangle with a custom amplitude schedule of the cycle number or the step. */
    public static Cyclic cyclic(
            double low,
            double high,
            double stepSizeUp,
            double stepSizeDown,
            Schedule amplitude,
            Cyclic.AmplitudeBy amplitudeBy) {
        return Cyclic.of(low, high, stepSizeUp, stepSizeDown, amplitude, amplitudeBy);
    }

    /** Cyclic exponential decay: triangle cycles whose amplitude decays by {@code stepDecay} per step. */
    public static CyclicExponentialDecay cyclicExponentialDecayPerStep(
            double low, double high, double period, double stepDecay) {
        return CyclicExponentialDecay.perStep(low, high, period, stepDecay);
    }

    /** Cyclic exponential decay: triangle cycles whose amplitude decays by {@code cycleDecay} per cycle. */
    public static CyclicExponentialDecay cyclicExponentialDecayPerCycle(
            double low, double high, double period, double cycleDecay) {
        return CyclicExponentialDecay.perCycle(low, high, period, cycleDecay);
    }

    /** Cyclic exponential decay: geometric decay from {@code high} to {@code low}, restarted every period. */
    public static CyclicExponentialDecay cyclicExponentialDecayRestarted(double low, double high, double period) {
        return CyclicExponentialDecay.restarted(low, high, period);
    }

    /** 1-cycle learning rate with PyTorch's defaults; {@link OneCycle#momentum()} gives the momentum. */
    public static OneCycle oneCycle(double maxLr, double totalSteps) {
        return OneCycle.of(maxLr, totalSteps);
    }

    /** A 1-cycle builder (pct_start, div factors, three phases, anneal, momentum, PyTorch's phase offset). */
    public static OneCycle.Builder oneCycleBuilder(double maxLr, double totalSteps) {
        return OneCycle.builder(maxLr, totalSteps);
    }

    /** Cosine from {@code max} to {@code min} restarted every {@code period} steps (SGDR). */
    public static Repeat cosineWarmRestarts(double max, double min, double period) {
        return Repeat.every(Cosine.of(max, min, period), period);
    }

    /**
     * Cosine warm restarts with period multiplier, per-cycle peak decay towards {@code min}, and a cycle
     * limit (0 = none) after which the value is {@code min} (timm's {@code CosineLRScheduler}).
     */
    public static Repeat cosineWarmRestarts(
            double max, double min, double period, double periodMul, double cycleDecay, long cycleLimit) {
        return Repeat.every(Cosine.of(max, min, period), period)
                .withPeriodMultiplier(periodMul)
                .withDecay(cycleDecay, min)
                .withCycleLimit(cycleLimit);
    }

    /** Warmup-stable-decay with linear warmup from 0 and linear decay to 0. */
    public static WarmupStableDecay warmupStableDecay(
            double peak, double warmupSteps, double stableSteps, double decaySteps) {
        return WarmupStableDecay.of(peak, warmupSteps, stableSteps, decaySteps);
    }

    /** A warmup-stable-decay builder (init, end, shapes). */
    public static WarmupStableDecay.Builder warmupStableDecayBuilder(
            double peak, double warmupSteps, double stableSteps, double decaySteps) {
        return WarmupStableDecay.builder(peak, warmupSteps, stableSteps, decaySteps);
    }

    // ---- combinators

    /** A linear warmup from 0 over {@code steps} steps to {@code main}'s first value, then {@code main}. */
    public static Warmup warmup(Schedule main, double steps) {
        return Warmup.linear(main, steps, 0);
    }

    /** A warmup of {@code shape} from {@code start}, in front of {@code main} (prefix). */
    public static Warmup warmup(Schedule main, double steps, double start, Warmup.Shape shape) {
        return Warmup.of(main, steps, start, shape, true);
    }

    /** A warmup of {@code shape} from {@code start} replacing {@code main}'s first steps (overlay). */
    public static Warmup warmupOverlay(Schedule main, double steps, double start, Warmup.Shape shape) {
        return Warmup.of(main, steps, start, shape, false);
    }

    /** {@code schedules[i]} from {@code boundaries[i-1]} on, each seeing steps from its own start. */
    public static Join join(List<? extends Schedule> schedules, double... boundaries) {
        return Join.of(schedules, boundaries);
    }

    /** Schedules in sequence, each running for its length ({@code lengths.length == schedules.size() - 1}). */
    public static Join sequence(List<? extends Schedule> schedules, double... lengths) {
        return Join.sequence(schedules, lengths);
    }

    /** {@code schedule} restarted every {@code period} steps. */
    public static Repeat repeat(Schedule schedule, double period) {
        return Repeat.every(schedule, period);
    }

    /** {@code schedule} restarted every {@code period} steps, repetition {@code i} scaled by {@code decay^i}. */
    public static Repeat repeat(Schedule schedule, double period, double decay) {
        return Repeat.every(schedule, period).withDecay(decay, 0);
    }

    /** The pointwise minimum. */
    public static Combine min(Schedule... schedules) {
        return Combine.min(schedules);
    }

    /** The pointwise maximum. */
    public static Combine max(Schedule... schedules) {
        return Combine.max(schedules);
    }

    /** The pointwise product. */
    public static Combine product(Schedule... schedules) {
        return Combine.product(schedules);
    }

    /** The pointwise sum. */
    public static Combine sum(Schedule... schedules) {
        return Combine.sum(schedules);
    }

    /** {@code schedule} as a curve (a lambda wrapped), for curve-only operations. */
    public static Curve curve(Schedule schedule) {
        return Curve.of(schedule);
    }
}
