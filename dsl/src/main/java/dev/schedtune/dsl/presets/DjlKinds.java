package dev.schedtune.dsl.presets;

import static dev.schedtune.dsl.presets.Params.bool;
import static dev.schedtune.dsl.presets.Params.choice;
import static dev.schedtune.dsl.presets.Params.integer;
import static dev.schedtune.dsl.presets.Params.integers;
import static dev.schedtune.dsl.presets.Params.number;
import static dev.schedtune.dsl.presets.Params.optionalInteger;
import static dev.schedtune.dsl.presets.Params.optionalNumber;
import static dev.schedtune.dsl.presets.Params.optionalSchedule;
import static dev.schedtune.dsl.presets.Params.schedule;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.combinators.HoldAfter;
import dev.schedtune.dsl.combinators.Shift;
import dev.schedtune.dsl.combinators.Warmup;
import dev.schedtune.dsl.primitives.Constant;
import dev.schedtune.dsl.primitives.Cosine;
import dev.schedtune.dsl.primitives.Cyclic;
import dev.schedtune.dsl.primitives.ExponentialDecay;
import dev.schedtune.dsl.primitives.Linear;
import dev.schedtune.dsl.primitives.PiecewiseConstant;
import dev.schedtune.dsl.primitives.Polynomial;
import java.util.Arrays;
import java.util.List;

/**
 * DJL's trackers ({@code ai.djl.training.tracker}, 0.36.0) as presets, for users migrating from DJL.
 * Parameter names are the builders' setters in snake_case ({@code setBaseValue} -&gt; {@code base_value},
 * {@code optWarmUpSteps} -&gt; {@code warm_up_steps}).
 *
 * <p>DJL counts updates from 1 (the first update calls {@code getNewValue(1)}); our step 0 is the first
 * update, so a preset's value at step {@code s} is the tracker's {@code getNewValue(s + 1)}: each body is
 * the tracker's curve over DJL's count, advanced by one step. DJL computes in float; these presets in
 * double.
 */
final class DjlKinds {
    private DjlKinds() {}

    static final PresetKind FACTOR_TRACKER = PresetKind.schedule(
            "djl.FactorTracker",
            "base_value * factor^min(numUpdate, max_updates) (min_value sets max_updates ="
                    + " round(log(min_value / base_value) / log(factor)), so the floor is not exact).",
            List.of(
                    number("base_value", "any number", "the value at DJL's update 0"),
                    number("factor", "in (0, 1]", "the factor per update"),
                    optionalNumber("min_value", "< base_value", "stop decaying near this value (or max_updates)"),
                    optionalInteger("max_updates", ">= 0", "stop decaying after this many updates (or min_value)")),
            a -> {
                double base = a.number("base_value");
                double factor = Checks.inOpenClosedRange("factor", a.number("factor"), 0, 1);
                Double min = a.optionalNumber("min_value");
                Long maxUpdates = a.optionalInteger("max_updates");
                long m;
                if (min != null) {
                    Checks.require(
                            maxUpdates == null,
                            "max_updates and min_value: give only one (DJL: You can not set"
                                    + " both maxUpdates and a min value)");
                    if (!(min < base)) {
                        throw Checks.fail("min_value", min, "must be < base_value (" + base + ")");
                    }
                    Checks.require(factor < 1, "factor (1.0) must be < 1 with min_value: the value never reaches it");
                    // as DJL: Math.round(Math.log(min / base) / Math.log(factor)) on float arguments
                    m = Math.round(Math.log((float) (double) min / (float) base) / Math.log((float) factor));
                    Checks.require(m >= 0, "min_value (" + min + ") gives a negative number of updates");
                } else {
                    m = maxUpdates == null ? Integer.MAX_VALUE : Checks.nonNegative("max_updates", maxUpdates);
                }
                Curve decay = ExponentialDecay.of(base, factor);
                return advanced(m == Integer.MAX_VALUE ? decay : HoldAfter.of(decay, m));
            });

    static final PresetKind MULTI_FACTOR_TRACKER = PresetKind.schedule(
            "djl.MultiFactorTracker",
            "base_value * factor^(number of steps < numUpdate): in our 0-based steps the value drops AT each"
                    + " of steps, like PyTorch's MultiStepLR (DJL's numbering makes it look one update late).",
            List.of(
                    number("base_value", "any number", "the value before the first drop"),
                    integers(
                            "steps",
                            "two or more, increasing, >= 1",
                            "DJL's update counts after which the value drops"),
                    number("factor", 1.0, "<= 1", "the factor of each drop")),
            a -> {
                long[] steps = a.integers("steps");
                Checks.require(
                        steps.length > 1,
                        "steps (" + Arrays.toString(steps) + ") must have at least two elements (DJL: use"
                                + " FactorTracker for a constant interval)");
                Checks.eachAtLeast("steps", steps, 1, "");
                Checks.increasing("steps", steps);
                double factor = a.number("factor");
                if (!(factor <= 1)) {
                    throw Checks.fail("factor", factor, "must be <= 1");
                }
                double[] drops = new double[steps.length];
                for (int i = 0; i < steps.length; i++) {
                    drops[i] = steps[i] + 1; // DJL drops once numUpdate > steps[i]
                }
                return advanced(PiecewiseConstant.multiStep(a.number("base_value"), factor, drops));
            });

    static final PresetKind WARM_UP_TRACKER = PresetKind.schedule(
            "djl.WarmUpTracker",
            "A warmup of warm_up_steps updates from warm_up_begin_value (linear to the main tracker's value at"
                    + " update 0, or constant), then main_tracker counted from the end of the warmup.",
            List.of(
                    schedule("main_tracker", "a djl.* tracker", "the tracker after the warmup"),
                    integer("warm_up_steps", 0, ">= 0", "updates of the warmup"),
                    number("warm_up_begin_value", 0.0, "any number", "the value at the start of the warmup"),
                    choice("warm_up_mode", "linear", List.of("linear", "constant"), "the warmup shape")),
            a -> {
                Curve main = trackerCurve("main_tracker", a.schedule("main_tracker"));
                long w = Checks.nonNegative("warm_up_steps", a.integer("warm_up_steps"));
                if (w == 0) {
                    return advanced(main);
                }
                Warmup.Shape shape =
                        a.string("warm_up_mode").equals("linear") ? Warmup.Shape.LINEAR : Warmup.Shape.CONSTANT;
                // DJL captures the main tracker's getNewValue(0) as the warmup target
                return advanced(Warmup.of(main, w, a.number("warm_up_begin_value"), shape, true)
                        .withTarget(main.valueAtReal(0)));
            });

    static final PresetKind COSINE_TRACKER = PresetKind.schedule(
            "djl.CosineTracker",
            "final_value + (base_value - final_value) / 2 * (1 + cos(pi numUpdate / max_updates)), then"
                    + " final_value.",
            List.of(
                    number("base_value", "> 0", "the value at DJL's update 0"),
                    number("final_value", 0.01, "< base_value", "the value from max_updates on"),
                    integer("max_updates", "> 0", "updates of the decay")),
            a -> {
                double base = Checks.positive("base_value", a.number("base_value"));
                double fin = a.number("final_value");
                if (!(base > fin)) {
                    throw Checks.fail("final_value", fin, "must be < base_value (" + base + ")");
                }
                return advanced(Cosine.of(base, fin, Checks.positive("max_updates", a.integer("max_updates"))));
            });

    static final PresetKind CYCLICAL_TRACKER = PresetKind.schedule(
            "djl.CyclicalTracker",
            "PyTorch's CyclicLR formula over DJL's update count: a triangle wave between base_value and"
                    + " max_value scaled per mode, or by scale_function of the cycle (or of DJL's numUpdate).",
            List.of(
                    number("base_value", 0.001, "> 0", "the lower bound"),
                    number("max_value", 0.006, ">= base_value", "the upper bound"),
                    integer("step_size_up", 2000, ">= 1", "updates in the increasing half"),
                    integer("step_size_down", 0, ">= 0 (0: step_size_up)", "updates in the decreasing half"),
                    choice(
                            "mode",
                            "triangular",
                            List.of("triangular", "triangular2", "exp_range"),
                            "the amplitude policy (ignored with scale_function)"),
                    number("gamma", 1.0, "in (0, 1]", "the exp_range base (gamma^numUpdate)"),
                    optionalSchedule(
                            "scale_function", "a schedule with values in [0, 1]", "a custom amplitude (replaces mode)"),
                    bool(
                            "scale_mode_cycle",
                            true,
                            "with scale_function: evaluate it at the 1-based cycle (true) or at DJL's numUpdate")),
            a -> {
                double base = Checks.positive("base_value", a.number("base_value"));
                double max = Checks.positive("max_value", a.number("max_value"));
                if (!(base <= max)) {
                    throw Checks.fail("max_value", max, "must be >= base_value (" + base + ")");
                }
                long up = Checks.atLeast("step_size_up", a.integer("step_size_up"), 1);
                long downGiven = Checks.nonNegative("step_size_down", a.integer("step_size_down"));
                long down = downGiven > 0 ? downGiven : up;
                Curve scale = a.optionalSchedule("scale_function");
                Cyclic wave;
                if (scale != null) {
                    wave = Cyclic.of(
                            base,
                            max,
                            up,
                            down,
                            scale,
                            a.bool("scale_mode_cycle") ? Cyclic.AmplitudeBy.CYCLE : Cyclic.AmplitudeBy.STEP);
                } else {
                    switch (a.string("mode")) {
                        case "triangular":
                            wave = Cyclic.triangular(base, max, up, down);
                            break;
                        case "triangular2":
                            wave = Cyclic.triangular2(base, max, up, down);
                            break;
                        default:
                            wave = Cyclic.expRange(
                                    base, max, up, down, Checks.inOpenClosedRange("gamma", a.number("gamma"), 0, 1));
                    }
                }
                return advanced(wave);
            });

    static final PresetKind LINEAR_TRACKER = PresetKind.schedule(
            "djl.LinearTracker",
            "base_value + min(numUpdate, max_updates) * slope (max_value / min_value set max_updates ="
                    + " round(distance / slope), so the bound is not exact).",
            List.of(
                    number("base_value", "any number", "the value at DJL's update 0"),
                    number("slope", "!= 0", "the change per update"),
                    optionalNumber("max_value", "> base_value, slope > 0", "stop increasing near this value"),
                    optionalNumber("min_value", "< base_value, slope < 0", "stop decreasing near this value"),
                    optionalInteger("max_updates", ">= 0", "stop changing after this many updates")),
            a -> {
                double base = a.number("base_value");
                double slope = a.number("slope");
                Checks.require(slope != 0, "slope (0.0) must not be 0 (DJL: You must set a slope)");
                Double max = a.optionalNumber("max_value");
                Double min = a.optionalNumber("min_value");
                Long given = a.optionalInteger("max_updates");
                Checks.require(
                        min == null || max == null,
                        "max_value and min_value: give only one (DJL: You can not"
                                + " set both a max value and a min value)");
                long m;
                if (max != null) {
                    Checks.require(given == null, "max_updates and max_value: give only one");
                    Checks.require(slope > 0, "slope (" + slope + ") must be > 0 with max_value");
                    if (!(max > base)) {
                        throw Checks.fail("max_value", max, "must be > base_value (" + base + ")");
                    }
                    // as DJL: Math.round(float) of the float quotient
                    m = Math.round(((float) (double) max - (float) base) / (float) slope);
                } else if (min != null) {
                    Checks.require(given == null, "max_updates and min_value: give only one");
                    Checks.require(slope < 0, "slope (" + slope + ") must be < 0 with min_value");
                    if (!(min < base)) {
                        throw Checks.fail("min_value", min, "must be < base_value (" + base + ")");
                    }
                    m = -Math.round(((float) base - (float) (double) min) / (float) slope);
                } else {
                    m = given == null ? Integer.MAX_VALUE : Checks.nonNegative("max_updates", given);
                }
                return advanced(m == 0 ? Constant.of(base) : Linear.of(base, base + m * slope, m));
            });

    static final PresetKind POLYNOMIAL_DECAY_TRACKER = PresetKind.schedule(
            "djl.PolynomialDecayTracker",
            "(base_value - end_learning_rate) * (1 - min(numUpdate, decay_steps) / decay_steps)^power +"
                    + " end_learning_rate.",
            List.of(
                    number("base_value", "any number", "the value at DJL's update 0"),
                    number("end_learning_rate", "any number", "the value from decay_steps on"),
                    integer("decay_steps", "> 0", "updates of the decay"),
                    number("power", 1.0, "> 0", "the power of the polynomial")),
            a -> advanced(Polynomial.of(
                    a.number("base_value"),
                    a.number("end_learning_rate"),
                    Checks.positive("decay_steps", a.integer("decay_steps")),
                    Checks.positive("power", a.number("power")))));

    static final PresetKind FIXED_TRACKER = PresetKind.schedule(
            "djl.FixedTracker",
            "The same value at every update (Tracker.fixed).",
            List.of(number("value", "any number", "the value")),
            a -> advanced(Constant.of(a.number("value"))));

    static List<PresetKind> all() {
        return List.of(
                FACTOR_TRACKER,
                MULTI_FACTOR_TRACKER,
                WARM_UP_TRACKER,
                COSINE_TRACKER,
                CYCLICAL_TRACKER,
                LINEAR_TRACKER,
                POLYNOMIAL_DECAY_TRACKER,
                FIXED_TRACKER);
    }

    /** A tracker's curve over DJL's 1-based update count, as a schedule over our 0-based steps. */
    private static Curve advanced(Curve overUpdates) {
        return Shift.of(overUpdates, -1);
    }

    /** The curve over DJL's update count of a djl.* preset (its body before the one-step advance). */
    private static Curve trackerCurve(String param, Curve tracker) {
        if (tracker instanceof Preset && ((Preset) tracker).kind().startsWith("djl.")) {
            Curve body = ((Preset) tracker).body();
            if (body instanceof Shift) {
                return Curve.of(((Shift) body).inner());
            }
        }
        throw new IllegalArgumentException(param + " (" + tracker + ") must be a DJL tracker preset (djl.*): its"
                + " value at DJL's update 0 is the warmup's target");
    }
}
