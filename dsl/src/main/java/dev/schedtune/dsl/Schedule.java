package dev.schedtune.dsl;

import dev.schedtune.dsl.combinators.Clamp;
import dev.schedtune.dsl.combinators.Combine;
import dev.schedtune.dsl.combinators.Epochs;
import dev.schedtune.dsl.combinators.HoldAfter;
import dev.schedtune.dsl.combinators.Join;
import dev.schedtune.dsl.combinators.Offset;
import dev.schedtune.dsl.combinators.Repeat;
import dev.schedtune.dsl.combinators.Scale;
import dev.schedtune.dsl.combinators.Shift;
import dev.schedtune.dsl.combinators.Warmup;

/**
 * A hyperparameter value as a pure function of the optimizer step.
 *
 * <p>Step 0 is the value used for the first optimizer update. Implementations are immutable and
 * thread-safe, and {@link #valueAt(long)} neither allocates nor depends on earlier calls, so a
 * schedule may be sampled at any step in any order.
 *
 * <p>Every operation below is declared once, here, and returns a {@link Curve}: a composite of built-in
 * schedules keeps its {@link dev.schedtune.dsl.spec.Specified#spec() spec}, and one holding a lambda
 * still composes (its spec alone fails).
 *
 * <p>This is a functional interface: a lambda {@code step -> 0.1 / Math.sqrt(step + 1)} is a schedule,
 * and every combinator below works on it. Built-in schedules ({@link Curve}s, made by {@link
 * Schedules}) also evaluate at fractional positions ({@link #valueAtReal(double)}), know their {@link
 * #horizon()} and describe themselves as data ({@link dev.schedtune.dsl.spec.Specified#spec()}); a
 * lambda cannot be written to a config.
 *
 * <p>From Kotlin: {@code schedule[step]}, {@code schedule(step)}, {@code schedule * 0.5}, {@code a * b},
 * {@code a + b} (pointwise sum), {@code warmup.then(cosine)}.
 */
@FunctionalInterface
public interface Schedule {

    /** The value at {@code step} (0-based: step 0 drives the first optimizer update). */
    double valueAt(long step);

    /** Same as {@link #valueAt(long)}; reads as {@code schedule[step]} in Kotlin. */
    default double get(long step) {
        return valueAt(step);
    }

    /** Same as {@link #valueAt(long)}; reads as {@code schedule(step)} in Kotlin. */
    default double invoke(long step) {
        return valueAt(step);
    }

    /** {@link #valueAt(long)} for an {@code int} step, so {@code schedule[i]} works on Kotlin {@code Int}s. */
    default double get(int step) {
        return valueAt(step);
    }

    /** {@link #valueAt(long)} for an {@code int} step, so {@code schedule(i)} works on Kotlin {@code Int}s. */
    default double invoke(int step) {
        return valueAt(step);
    }

    /**
     * The value at a real-valued position, for fractional steps and epochs. Built-in schedules evaluate
     * their closed form at {@code position} (and agree with {@link #valueAt(long)} at whole numbers); the
     * default, used by lambdas, is {@code valueAt(floor(position))}.
     */
    default double valueAtReal(double position) {
        return valueAt((long) Math.floor(position));
    }

    /**
     * The step at which this schedule's shape ends: after it the value holds (a cosine decay clamped at
     * its floor) or the formula merely continues (an unclamped cosine that rises again). {@code
     * +Infinity} for schedules without one (constants, cycles, lambdas). Plots and {@link #then(Schedule)}
     * use it.
     */
    default double horizon() {
        return Double.POSITIVE_INFINITY;
    }

    /** Writes the values at steps {@code from, from + 1, ..., from + count - 1} into {@code out[0..count)}. */
    default void sample(long from, int count, double[] out) {
        Checks.require(
                count >= 0 && count <= out.length,
                "count (" + count + ") must be in [0, " + out.length + "] (the length of out)");
        for (int i = 0; i < count; i++) {
            out[i] = valueAt(from + i);
        }
    }

    /** The values at steps {@code from .. from + count - 1} in a new array. */
    default double[] sample(long from, int count) {
        Checks.nonNegative("count", count);
        double[] out = new double[count];
        sample(from, count, out);
        return out;
    }

    /** This schedule times {@code factor}; reads as {@code schedule * 0.5} in Kotlin. */
    default Curve times(double factor) {
        return Scale.of(this, factor);
    }

    /** The pointwise product of this schedule and {@code other}; {@code a * b} in Kotlin. */
    default Curve times(Schedule other) {
        return Combine.product(this, other);
    }

    /** This schedule plus a constant {@code offset}; {@code schedule + 1e-5} in Kotlin. */
    default Curve plus(double offset) {
        return Offset.of(this, offset);
    }

    /** The pointwise sum of this schedule and {@code other}; {@code a + b} in Kotlin. */
    default Curve plus(Schedule other) {
        return Combine.sum(this, other);
    }

    /** The pointwise minimum of this schedule and {@code other}. */
    default Curve min(Schedule other) {
        return Combine.min(this, other);
    }

    /** The pointwise maximum of this schedule and {@code other}. */
    default Curve max(Schedule other) {
        return Combine.max(this, other);
    }

    /**
     * This schedule before step {@code boundary}, then {@code next}, which sees {@code step - boundary}
     * (as Optax {@code join_schedules} and PyTorch {@code SequentialLR}).
     */
    default Curve then(double boundary, Schedule next) {
        return Join.of(this, boundary, next);
    }

    /** This schedule until its {@link #horizon()}, then {@code next} (which starts from its own step 0). */
    default Curve then(Schedule next) {
        double h = horizon();
        Checks.require(
                Double.isFinite(h),
                "then(next) needs a schedule with a finite horizon; " + this
                        + " has none: give the boundary with then(boundary, next)");
        return Join.of(this, h, next);
    }

    /** Values below {@code min} become {@code min} and values above {@code max} become {@code max}. */
    default Curve clamp(double min, double max) {
        return Clamp.of(this, min, max);
    }

    /** Values below {@code min} become {@code min}. */
    default Curve floor(double min) {
        return Clamp.floor(this, min);
    }

    /** Values above {@code max} become {@code max}. */
    default Curve ceiling(double max) {
        return Clamp.ceiling(this, max);
    }

    /** This schedule delayed by {@code steps}: its value at {@code max(0, step - steps)}. */
    default Curve shift(double steps) {
        return Shift.of(this, steps);
    }

    /** This schedule's value at {@code min(step, last)}: the value holds after step {@code last}. */
    default Curve holdAfter(double last) {
        return HoldAfter.of(this, last);
    }

    /**
     * Holds the value reached at the {@link #horizon()} from then on: the opt-in cure for a cosine that
     * rises again after {@code T_max}.
     */
    default Curve holdAfterHorizon() {
        return HoldAfter.atHorizon(this);
    }

    /** This schedule restarted every {@code period} steps (each repetition sees {@code step mod period}). */
    default Curve repeat(double period) {
        return Repeat.every(this, period);
    }

    /**
     * This schedule after a linear warmup of {@code steps} steps from 0 to its first value; the schedule
     * then starts from its own step 0 (prefix semantics).
     */
    default Curve withWarmup(double steps) {
        return Warmup.linear(this, steps, 0.0);
    }

    /** As {@link #withWarmup(double)}, starting the warmup at {@code startValue}. */
    default Curve withWarmup(double steps, double startValue) {
        return Warmup.linear(this, steps, startValue);
    }

    /**
     * Reads this schedule's argument as epochs: the result at step {@code s} is this schedule at the
     * fractional epoch {@code s / stepsPerEpoch}.
     */
    default Curve inEpochs(double stepsPerEpoch) {
        return Epochs.fractional(this, stepsPerEpoch);
    }

    /** As {@link #inEpochs(double)}, but the value changes only at whole epochs ({@code floor(s / stepsPerEpoch)}). */
    default Curve inWholeEpochs(double stepsPerEpoch) {
        return Epochs.whole(this, stepsPerEpoch);
    }
}
