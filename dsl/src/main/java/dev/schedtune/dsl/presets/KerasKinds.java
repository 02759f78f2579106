package dev.schedtune.dsl.presets;

import static dev.schedtune.dsl.presets.Params.bool;
import static dev.schedtune.dsl.presets.Params.integers;
import static dev.schedtune.dsl.presets.Params.number;
import static dev.schedtune.dsl.presets.Params.numbers;
import static dev.schedtune.dsl.presets.Params.optionalNumber;
import static dev.schedtune.dsl.presets.Params.string;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.combinators.Repeat;
import dev.schedtune.dsl.combinators.Warmup;
import dev.schedtune.dsl.primitives.Cosine;
import dev.schedtune.dsl.primitives.ExponentialDecay;
import dev.schedtune.dsl.primitives.InverseTime;
import dev.schedtune.dsl.primitives.PiecewiseConstant;
import dev.schedtune.dsl.primitives.Polynomial;
import java.util.Arrays;
import java.util.List;

/**
 * Keras 3's {@code keras.optimizers.schedules} as presets; the step is the optimizer's 0-based {@code
 * iterations}. Keras computes in its floatx (float32 by default); these presets compute in double. The
 * {@code name} argument is kept in the spec and has no effect, as in Keras.
 */
final class KerasKinds {
    private KerasKinds() {}

    static final PresetKind EXPONENTIAL_DECAY = PresetKind.schedule(
            "keras.ExponentialDecay",
            "initial_learning_rate * decay_rate^(step / decay_steps) (floored with staircase); no floor.",
            List.of(
                    number("initial_learning_rate", "any number", "the lr at step 0"),
                    number("decay_steps", "> 0", "steps per factor of decay_rate"),
                    number("decay_rate", "> 0", "the factor per decay_steps"),
                    bool("staircase", false, "decay in whole decay_steps only"),
                    string("name", "ExponentialDecay", "the schedule's name (no effect)")),
            a -> {
                ExponentialDecay e = ExponentialDecay.of(
                        a.number("initial_learning_rate"),
                        Checks.positive("decay_rate", a.number("decay_rate")),
                        Checks.positive("decay_steps", a.number("decay_steps")));
                return a.bool("staircase") ? e.staircase() : e;
            });

    static final PresetKind PIECEWISE_CONSTANT_DECAY = PresetKind.schedule(
            "keras.PiecewiseConstantDecay",
            "values[0] for step <= boundaries[0], values[i] for boundaries[i-1] < step <= boundaries[i],"
                    + " values[-1] after: the value changes one step AFTER each boundary.",
            List.of(
                    integers("boundaries", "ascending steps, at least one", "the last step of each value"),
                    numbers("values", "one more than boundaries", "the values"),
                    string("name", "PiecewiseConstant", "the schedule's name (no effect)")),
            a -> {
                long[] b = Checks.nonDecreasing("boundaries", a.integers("boundaries"));
                double[] values = a.numbers("values");
                Checks.require(b.length >= 1, "boundaries ([]) must not be empty");
                Checks.require(
                        b.length == values.length - 1,
                        "values (" + Arrays.toString(values) + ") must have one element more than"
                                + " boundaries (" + b.length + " of them) (Keras: The length of boundaries should be 1"
                                + " less than the length of values)");
                double[] changes = new double[b.length];
                for (int i = 0; i < b.length; i++) {
                    // values[i + 1] from step boundaries[i] + 1 on (every step >= 0 when that is <= 0)
                    changes[i] = Math.max(0, b[i] + 1);
                }
                return PiecewiseConstant.of(changes, values);
            });

    static final PresetKind POLYNOMIAL_DECAY = PresetKind.schedule(
            "keras.PolynomialDecay",
            "(initial_learning_rate - end_learning_rate) * (1 - step / decay_steps)^power + end_learning_rate;"
                    + " held after decay_steps, or with cycle the horizon grows to the next multiple of"
                    + " decay_steps (the lr jumps up at decay_steps + 1).",
            List.of(
                    number("initial_learning_rate", "any number", "the lr at step 0"),
                    number("decay_steps", "> 0", "steps of the decay"),
                    number("end_learning_rate", 0.0001, "any number", "the final lr"),
                    number("power", 1.0, "> 0", "the power of the polynomial"),
                    bool("cycle", false, "grow the horizon instead of holding"),
                    string("name", "PolynomialDecay", "the schedule's name (no effect)")),
            a -> {
                Polynomial p = Polynomial.of(
                        a.number("initial_learning_rate"),
                        a.number("end_learning_rate"),
                        Checks.positive("decay_steps", a.number("decay_steps")),
                        Checks.positive("power", a.number("power")));
                return a.bool("cycle") ? p.cycled() : p;
            });

    static final PresetKind INVERSE_TIME_DECAY = PresetKind.schedule(
            "keras.InverseTimeDecay",
            "initial_learning_rate / (1 + decay_rate * step / decay_steps) (floored with staircase).",
            List.of(
                    number("initial_learning_rate", "any number", "the lr at step 0"),
                    number("decay_steps", "> 0", "the time unit"),
                    number("decay_rate", ">= 0", "the rate"),
                    bool("staircase", false, "decay in whole decay_steps only"),
                    string("name", "InverseTimeDecay", "the schedule's name (no effect)")),
            a -> InverseTime.of(
                    a.number("initial_learning_rate"),
                    Checks.positive("decay_steps", a.number("decay_steps")),
                    Checks.nonNegative("decay_rate", a.number("decay_rate")),
                    a.bool("staircase")));

    static final PresetKind COSINE_DECAY = PresetKind.schedule(
            "keras.CosineDecay",
            "Cosine from initial_learning_rate (or, after a linear warmup to warmup_target over warmup_steps,"
                    + " from warmup_target) down to alpha times that over decay_steps (warmup EXCLUDED), then held.",
            List.of(
                    number("initial_learning_rate", "any number", "the lr at step 0"),
                    number("decay_steps", "> 0", "steps of the cosine, after the warmup"),
                    number("alpha", 0.0, "any number", "the final lr as a fraction of the decay's start"),
                    string("name", "CosineDecay", "the schedule's name (no effect)"),
                    optionalNumber(
                            "warmup_target", "any number", "the lr at the end of the warmup (absent: no warmup)"),
                    number("warmup_steps", 0.0, ">= 0", "steps of the linear warmup")),
            a -> {
                double init = a.number("initial_learning_rate");
                double decaySteps = Checks.positive("decay_steps", a.number("decay_steps"));
                double alpha = a.number("alpha");
                Double target = a.optionalNumber("warmup_target");
                if (target == null) {
                    return Cosine.of(init, init * alpha, decaySteps);
                }
                double w = Checks.nonNegative("warmup_steps", a.number("warmup_steps"));
                Curve decay = Cosine.of(target, target * alpha, decaySteps);
                return w == 0
                        ? decay
                        : Warmup.of(decay, w, init, Warmup.Shape.LINEAR, true).withTarget(target);
            });

    static final PresetKind COSINE_DECAY_RESTARTS = PresetKind.schedule(
            "keras.CosineDecayRestarts",
            "SGDR: cosine cycles from initial_learning_rate to alpha * initial_learning_rate, the i-th t_mul^i"
                    + " times longer and its amplitude above the floor scaled by m_mul^i; no cycle limit.",
            List.of(
                    number("initial_learning_rate", "any number", "the lr at step 0"),
                    number("first_decay_steps", "> 0", "steps of the first cycle"),
                    number("t_mul", 2.0, ">= 1", "each cycle is t_mul times longer than the previous"),
                    number("m_mul", 1.0, ">= 0", "each cycle's amplitude is m_mul times the previous"),
                    number("alpha", 0.0, "any number", "the floor as a fraction of initial_learning_rate"),
                    string("name", "SGDRDecay", "the schedule's name (no effect)")),
            a -> {
                double init = a.number("initial_learning_rate");
                double first = Checks.positive("first_decay_steps", a.number("first_decay_steps"));
                double tMul = Checks.atLeast("t_mul", a.number("t_mul"), 1);
                double mMul = Checks.nonNegative("m_mul", a.number("m_mul"));
                double floor = init * a.number("alpha");
                // Keras finds the cycle with the floating-point closed form (floor(t / first_decay_steps) when
                // t_mul is 1): at some cycle starts it stays at the end of the previous cycle, and so do we
                Repeat r = Repeat.every(Cosine.of(init, floor, first), first).withCycleIndex(Repeat.CycleIndex.FLOAT);
                if (tMul != 1) {
                    r = r.withPeriodMultiplier(tMul);
                }
                return mMul == 1 ? r : r.withDecay(mMul, floor);
            });

    static List<PresetKind> all() {
        return List.of(
                EXPONENTIAL_DECAY,
                PIECEWISE_CONSTANT_DECAY,
                POLYNOMIAL_DECAY,
                INVERSE_TIME_DECAY,
                COSINE_DECAY,
                COSINE_DECAY_RESTARTS);
    }
}
