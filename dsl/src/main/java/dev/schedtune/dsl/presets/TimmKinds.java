package dev.schedtune.dsl.presets;

import static dev.schedtune.dsl.presets.Params.baseLr;
import static dev.schedtune.dsl.presets.Params.bool;
import static dev.schedtune.dsl.presets.Params.integer;
import static dev.schedtune.dsl.presets.Params.integers;
import static dev.schedtune.dsl.presets.Params.number;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.combinators.Combine;
import dev.schedtune.dsl.combinators.Repeat;
import dev.schedtune.dsl.combinators.Repeat.CycleIndex;
import dev.schedtune.dsl.combinators.Warmup;
import dev.schedtune.dsl.primitives.Constant;
import dev.schedtune.dsl.primitives.Cosine;
import dev.schedtune.dsl.primitives.ExponentialDecay;
import dev.schedtune.dsl.primitives.PiecewiseConstant;
import dev.schedtune.dsl.primitives.Polynomial;
import dev.schedtune.dsl.primitives.Tanh;
import dev.schedtune.dsl.spec.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * timm's schedulers ({@code timm/scheduler/*.py}) as presets: the value at step {@code t} is {@code
 * _get_lr(t)}, the lr timm sets when stepped with {@code t} ({@code step(epoch)} or {@code
 * step_update(num_updates)}). {@code base_lr} is the optimizer's initial lr. Noise ({@code noise_range_t},
 * ...) is not offered.
 */
final class TimmKinds {
    private TimmKinds() {}

    private static List<Param> cycleParams(String anchor, List<Param> shape, boolean kDecay) {
        List<Param> p = new ArrayList<>();
        p.add(baseLr(anchor));
        p.add(integer("t_initial", "> 0", "steps of the first cycle"));
        p.addAll(shape);
        p.add(number("lr_min", 0.0, ">= 0", "the lr at the end of every cycle and after the last"));
        p.add(number("cycle_mul", 1.0, ">= 1", "each cycle is cycle_mul times longer than the previous"));
        p.add(number("cycle_decay", 1.0, ">= 0", "cycle i peaks at base_lr * cycle_decay^i"));
        p.add(integer("cycle_limit", 1, "any whole number (<= 0: lr_min at once)", "the number of cycles"));
        p.add(integer("warmup_t", 0, ">= 0", "steps of the linear warmup"));
        p.add(number("warmup_lr_init", 0.0, ">= 0", "the lr at step 0 of the warmup"));
        p.add(bool(
                "warmup_prefix",
                false,
                "true: the cycles start after the warmup; false: the warmup covers their first steps"));
        if (kDecay) {
            p.add(number("k_decay", 1.0, "> 0", "progress is (t_curr / t_i)^k_decay"));
        }
        return p;
    }

    static final PresetKind COSINE_LR_SCHEDULER = PresetKind.schedule(
            "timm.CosineLRScheduler",
            "Cosine cycles from base_lr * cycle_decay^i to lr_min (SGDR with cycle_mul, cycle_decay,"
                    + " cycle_limit and k_decay), after a linear warmup; lr_min after the last cycle.",
            cycleParams("CosineLRScheduler", List.of(), true),
            a -> cycles(a, Shape.COSINE));

    static final PresetKind TANH_LR_SCHEDULER = PresetKind.schedule(
            "timm.TanhLRScheduler",
            "Hyperbolic-tangent decay cycles from base_lr * cycle_decay^i to lr_min (lb, ub bound the tanh"
                    + " argument), after a linear warmup; without warmup_prefix the warmup ramps to the"
                    + " scheduler's value at warmup_t.",
            cycleParams(
                    "TanhLRScheduler",
                    List.of(
                            number("lb", -7.0, "< ub", "the tanh argument at the start of a cycle"),
                            number("ub", 3.0, "> lb", "the tanh argument at the end of a cycle")),
                    false),
            a -> cycles(a, Shape.TANH));

    static final PresetKind POLY_LR_SCHEDULER = PresetKind.schedule(
            "timm.PolyLRScheduler",
            "Polynomial decay cycles lr_min + (base_lr * cycle_decay^i - lr_min) * (1 - t^k/t_i^k)^power,"
                    + " after a linear warmup.",
            cycleParams("PolyLRScheduler", List.of(number("power", 0.5, "> 0", "the power of the polynomial")), true),
            a -> cycles(a, Shape.POLY));

    static final PresetKind STEP_LR_SCHEDULER = PresetKind.schedule(
            "timm.StepLRScheduler",
            "base_lr * decay_rate^floor(t / decay_t), after a linear warmup (warmup_prefix defaults to true).",
            List.of(
                    baseLr("StepLRScheduler"),
                    number("decay_t", "> 0", "steps between drops (may be fractional)"),
                    number("decay_rate", 1.0, "> 0", "the factor of each drop"),
                    integer("warmup_t", 0, ">= 0", "steps of the linear warmup"),
                    number("warmup_lr_init", 0.0, "any number", "the lr at step 0 of the warmup"),
                    bool("warmup_prefix", true, "true: the decay starts after the warmup")),
            a -> warmup(
                    a,
                    ExponentialDecay.step(
                            a.number("base_lr"),
                            Checks.positive("decay_rate", a.number("decay_rate")),
                            Checks.positive("decay_t", a.number("decay_t"))),
                    false));

    static final PresetKind MULTI_STEP_LR_SCHEDULER = PresetKind.schedule(
            "timm.MultiStepLRScheduler",
            "base_lr * decay_rate^bisect_right(decay_t, t + 1): the lr drops one step BEFORE each milestone"
                    + " (timm 1.0.x), after a linear warmup (warmup_prefix defaults to true).",
            List.of(
                    baseLr("MultiStepLRScheduler"),
                    integers("decay_t", "steps, ascending", "the milestones"),
                    number("decay_rate", 1.0, "any number", "the factor of each drop"),
                    integer("warmup_t", 0, ">= 0", "steps of the linear warmup"),
                    number("warmup_lr_init", 0.0, "any number", "the lr at step 0 of the warmup"),
                    bool("warmup_prefix", true, "true: the milestones count from the end of the warmup")),
            a -> {
                long[] decayT = Checks.nonDecreasing("decay_t", a.integers("decay_t"));
                double base = a.number("base_lr");
                double rate = a.number("decay_rate");
                double[] boundaries = new double[decayT.length];
                double[] values = new double[decayT.length + 1];
                values[0] = base;
                for (int i = 0; i < decayT.length; i++) {
                    // bisect_right(decay_t, t + 1) counts milestones m <= t + 1, i.e. m - 1 <= t
                    boundaries[i] = Math.max(0, decayT[i] - 1);
                    values[i + 1] = base * Math.pow(rate, i + 1);
                }
                return warmup(a, PiecewiseConstant.of(boundaries, values), false);
            });

    static List<PresetKind> all() {
        return List.of(
                COSINE_LR_SCHEDULER, TANH_LR_SCHEDULER, POLY_LR_SCHEDULER, STEP_LR_SCHEDULER, MULTI_STEP_LR_SCHEDULER);
    }

    // ---- compositions -------------------------------------------------------------------------------

    private enum Shape {
        COSINE,
        TANH,
        POLY
    }

    /**
     * timm's cycle arithmetic (shared by the cosine, tanh and poly schedulers): cycle {@code i} runs from
     * {@code base_lr * cycle_decay^i} down to {@code lr_min}. As {@code lr_min + (peak_i - lr_min) * s} =
     * {@code peak_i * s + lr_min * (1 - s)}, it is the sum of a decaying repetition of the shape from
     * {@code base_lr} to 0 and a plain repetition of the shape from 0 to {@code lr_min}.
     */
    private static Curve cycles(Args a, Shape shape) {
        double base = a.number("base_lr");
        long t0 = Checks.positive("t_initial", a.integer("t_initial"));
        double lrMin = Checks.nonNegative("lr_min", a.number("lr_min"));
        double mul = Checks.atLeast("cycle_mul", a.number("cycle_mul"), 1);
        double decay = Checks.nonNegative("cycle_decay", a.number("cycle_decay"));
        long limit = a.integer("cycle_limit");
        Curve main;
        if (limit <= 0) {
            // timm: i < cycle_limit never holds
            main = Constant.of(lrMin);
        } else if (decay == 1 || lrMin == 0) {
            main = repeat(shapeOf(a, shape, base, lrMin, t0), t0, mul, decay, limit, lrMin);
        } else {
            main = Combine.sum(
                    repeat(shapeOf(a, shape, base, 0, t0), t0, mul, decay, limit, 0),
                    repeat(shapeOf(a, shape, 0, lrMin, t0), t0, mul, 1, limit, lrMin));
        }
        Checks.nonNegative("warmup_lr_init", a.number("warmup_lr_init"));
        return warmup(a, main, shape == Shape.TANH);
    }

    private static Curve repeat(Curve shape, long t0, double mul, double decay, long limit, double after) {
        Repeat r = Repeat.every(shape, t0);
        if (mul != 1) {
            r = r.withPeriodMultiplier(mul);
        }
        if (decay != 1) {
            r = r.withDecay(decay, 0);
        }
        // timm finds the cycle with the floating-point closed form (t // t_initial when cycle_mul is 1, exact
        // for whole steps): at some cycle starts it stays at the end of the previous cycle, and so do we
        return r.withCycleLimit(limit, after).withCycleIndex(mul == 1 ? CycleIndex.EXACT : CycleIndex.FLOAT);
    }

    private static Curve shapeOf(Args a, Shape shape, double from, double to, long t0) {
        switch (shape) {
            case COSINE: {
                double k = Checks.positive("k_decay", a.number("k_decay"));
                Cosine c = Cosine.of(from, to, t0);
                return k == 1 ? c : c.withKDecay(k);
            }
            case TANH: {
                double lb = a.number("lb");
                double ub = a.number("ub");
                if (!(lb < ub)) {
                    throw Checks.fail("lb", lb, "must be < ub (" + ub + ")");
                }
                return Tanh.of(from, to, t0, lb, ub);
            }
            default: {
                double k = Checks.positive("k_decay", a.number("k_decay"));
                Polynomial p = Polynomial.of(from, to, t0, Checks.positive("power", a.number("power")));
                return k == 1 ? p : p.withKDecay(k);
            }
        }
    }

    /**
     * timm's linear warmup from {@code warmup_lr_init}: to {@code base_lr} in front of the main curve
     * ({@code warmup_prefix}) or over its first steps; the tanh scheduler without prefix ramps to the
     * main curve's value at {@code warmup_t} instead, so it does not jump.
     */
    private static Curve warmup(Args a, Curve main, boolean towardMainAtEnd) {
        long w = Checks.nonNegative("warmup_t", a.integer("warmup_t"));
        if (w == 0) {
            return main;
        }
        boolean prefix = a.bool("warmup_prefix");
        double init = a.number("warmup_lr_init");
        double target = towardMainAtEnd && !prefix ? main.valueAtReal(w) : a.number("base_lr");
        return Warmup.of(main, w, init, Warmup.Shape.LINEAR, prefix).withTarget(target);
    }
}
