package dev.schedtune.dsl.presets;

import static dev.schedtune.dsl.presets.Params.baseLr;
import static dev.schedtune.dsl.presets.Params.choice;
import static dev.schedtune.dsl.presets.Params.integer;
import static dev.schedtune.dsl.presets.Params.number;
import static dev.schedtune.dsl.presets.Params.optionalInteger;
import static dev.schedtune.dsl.presets.Params.optionalNumber;
import static dev.schedtune.dsl.presets.Params.requiredChoice;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.combinators.Clamp;
import dev.schedtune.dsl.combinators.Join;
import dev.schedtune.dsl.combinators.Repeat;
import dev.schedtune.dsl.combinators.Shift;
import dev.schedtune.dsl.combinators.Warmup;
import dev.schedtune.dsl.primitives.Constant;
import dev.schedtune.dsl.primitives.Cosine;
import dev.schedtune.dsl.primitives.InverseSqrt;
import dev.schedtune.dsl.primitives.Linear;
import dev.schedtune.dsl.primitives.Polynomial;
import dev.schedtune.dsl.primitives.WarmupStableDecay;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Hugging Face transformers' {@code get_*_schedule*} functions ({@code src/transformers/optimization.py})
 * and {@code get_scheduler(name, ...)} as presets. Every HF schedule is a {@code LambdaLR}: the lr is
 * {@code base_lr} (the optimizer's initial lr) times a factor, and the warmup starts at 0.
 */
final class TransformersKinds {
    private TransformersKinds() {}

    private static final String W = "num_warmup_steps";
    private static final String N = "num_training_steps";

    private static Param warmup() {
        return integer(W, ">= 0", "steps of the linear warmup from 0 to base_lr");
    }

    private static Param training() {
        return integer(N, ">= 0", "the total number of training steps, warmup included");
    }

    static final PresetKind CONSTANT = PresetKind.schedule(
            "transformers.get_constant_schedule",
            "base_lr at every step.",
            List.of(baseLr("get_constant_schedule")),
            a -> Constant.of(a.number("base_lr")));

    static final PresetKind CONSTANT_WITH_WARMUP = PresetKind.schedule(
            "transformers.get_constant_schedule_with_warmup",
            "Linear warmup from 0 to base_lr over num_warmup_steps, then base_lr.",
            List.of(baseLr("get_constant_schedule_with_warmup"), warmup()),
            a -> withWarmup(a, Constant.of(a.number("base_lr"))));

    static final PresetKind LINEAR = PresetKind.schedule(
            "transformers.get_linear_schedule_with_warmup",
            "Linear warmup from 0 to base_lr, then linear decay to 0 at num_training_steps, then 0.",
            List.of(baseLr("get_linear_schedule_with_warmup"), warmup(), training()),
            a -> {
                double base = a.number("base_lr");
                long d = decaySteps(a);
                return withWarmup(a, d >= 1 ? Linear.of(base, 0, d) : Constant.of(0));
            });

    static final PresetKind COSINE = PresetKind.schedule(
            "transformers.get_cosine_schedule_with_warmup",
            "Linear warmup from 0, then base_lr * 0.5 * (1 + cos(2 pi num_cycles progress)); not clamped after"
                    + " num_training_steps (the cosine rises again, as in transformers).",
            List.of(
                    baseLr("get_cosine_schedule_with_warmup"),
                    warmup(),
                    training(),
                    number("num_cycles", 0.5, "any number", "the number of cosine waves (0.5: a half cosine to 0)")),
            a -> withWarmup(a, cosine(a.number("base_lr"), 0, a.number("num_cycles"), Math.max(1, decaySteps(a)))));

    static final PresetKind COSINE_WITH_HARD_RESTARTS = PresetKind.schedule(
            "transformers.get_cosine_with_hard_restarts_schedule_with_warmup",
            "Linear warmup from 0, then num_cycles equal cosine cycles from base_lr to 0 (hard restarts, no"
                    + " decay) until num_training_steps, then 0.",
            List.of(
                    baseLr("get_cosine_with_hard_restarts_schedule_with_warmup"),
                    warmup(),
                    training(),
                    integer("num_cycles", 1, ">= 0", "the number of hard restarts")),
            a -> {
                double base = a.number("base_lr");
                long cycles = Checks.nonNegative("num_cycles", a.integer("num_cycles"));
                long d = Math.max(1, decaySteps(a));
                // transformers: 0.5 * (1 + cos(pi * ((num_cycles * progress) % 1))), the cycle counted in
                // progress units
                Curve restarts = cycles == 0
                        ? Constant.of(base)
                        : Repeat.overSpan(Cosine.of(base, 0, (double) d / cycles), d, cycles);
                return withWarmup(a, Join.of(restarts, d, Constant.of(0)));
            });

    static final PresetKind POLYNOMIAL = PresetKind.schedule(
            "transformers.get_polynomial_decay_schedule_with_warmup",
            "Linear warmup from 0, then (base_lr - lr_end) * (1 - progress)^power + lr_end until"
                    + " num_training_steps, then lr_end.",
            List.of(
                    baseLr("get_polynomial_decay_schedule_with_warmup"),
                    warmup(),
                    training(),
                    number("lr_end", 1e-7, "< base_lr", "the final lr"),
                    number("power", 1.0, "> 0", "the power of the polynomial")),
            a -> {
                double base = a.number("base_lr");
                double end = a.number("lr_end");
                if (!(base > end)) {
                    throw Checks.fail(
                            "lr_end",
                            end,
                            "must be < base_lr (" + base + ") (transformers: lr_end must be smaller"
                                    + " than initial lr)");
                }
                double power = Checks.positive("power", a.number("power"));
                long w = a.integer(W);
                long n = a.integer(N);
                if (n == w) {
                    throw Checks.fail(
                            N,
                            n,
                            "must differ from num_warmup_steps: transformers divides by"
                                    + " num_training_steps - num_warmup_steps = 0 at step " + n);
                }
                return withWarmup(a, n > w ? Polynomial.of(base, end, n - w, power) : Constant.of(end));
            });

    static final PresetKind INVERSE_SQRT = PresetKind.schedule(
            "transformers.get_inverse_sqrt_schedule",
            "Linear warmup from 0, then base_lr / sqrt((step - num_warmup_steps + timescale) / timescale).",
            List.of(
                    baseLr("get_inverse_sqrt_schedule"),
                    warmup(),
                    optionalInteger("timescale", "> 0", "the time scale (absent: num_warmup_steps, or 10000 if 0)")),
            a -> {
                long w = Checks.nonNegative(W, a.integer(W));
                Long given = a.optionalInteger("timescale");
                long timescale = given != null ? Checks.positive("timescale", given) : (w != 0 ? w : 10_000);
                return withWarmup(a, InverseSqrt.of(a.number("base_lr"), timescale));
            });

    static final PresetKind COSINE_WITH_MIN_LR = PresetKind.schedule(
            "transformers.get_cosine_with_min_lr_schedule_with_warmup",
            "Linear warmup from 0, then a cosine from base_lr to the minimum lr (min_lr, or min_lr_rate *"
                    + " base_lr); not clamped after num_training_steps.",
            List.of(
                    baseLr("get_cosine_with_min_lr_schedule_with_warmup"),
                    warmup(),
                    training(),
                    number("num_cycles", 0.5, "any number", "the number of cosine waves"),
                    optionalNumber("min_lr", "any number; or min_lr_rate", "the minimum lr"),
                    optionalNumber("min_lr_rate", "any number; or min_lr", "the minimum lr as a fraction of base_lr")),
            a -> {
                double base = a.number("base_lr");
                double m = minLrRate(a, base);
                return withWarmup(
                        a, floorAtZero(cosine(base, base * m, a.number("num_cycles"), Math.max(1, decaySteps(a))), m));
            });

    static final PresetKind COSINE_WARMUP_WITH_MIN_LR = PresetKind.schedule(
            "transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate",
            "The 'cosine_warmup_with_min_lr' type: like cosine_with_min_lr but one step ahead (the warmup"
                    + " starts at base_lr/num_warmup_steps, the peak is at num_warmup_steps-1), optionally warming"
                    + " up from warmup_lr_rate * base_lr.",
            List.of(
                    baseLr("get_cosine_with_min_lr_schedule_with_warmup_lr_rate"),
                    warmup(),
                    training(),
                    number("num_cycles", 0.5, "any number", "the number of cosine waves"),
                    optionalNumber("min_lr", "any number; or min_lr_rate", "the minimum lr"),
                    optionalNumber("min_lr_rate", "any number; or min_lr", "the minimum lr as a fraction of base_lr"),
                    optionalNumber(
                            "warmup_lr_rate",
                            "any number",
                            "the warmup's first lr as a fraction of base_lr (absent: 1/num_warmup_steps)")),
            TransformersKinds::cosineWarmupWithMinLr);

    static final PresetKind WSD = PresetKind.schedule(
            "transformers.get_wsd_schedule",
            "Warmup-stable-decay: warmup (linear, cosine or 1-sqrt) from min_lr_ratio * base_lr to base_lr,"
                    + " base_lr for num_stable_steps, decay (linear, cosine or 1-sqrt) back to min_lr_ratio *"
                    + " base_lr over num_decay_steps, then min_lr_ratio * base_lr.",
            List.of(
                    baseLr("get_wsd_schedule"),
                    warmup(),
                    integer("num_decay_steps", ">= 0", "steps of the decay"),
                    optionalInteger(N, ">= 0", "with no num_stable_steps: stable = this - warmup - decay"),
                    optionalInteger("num_stable_steps", ">= 0", "steps at base_lr (wins over num_training_steps)"),
                    choice("warmup_type", "linear", List.of("linear", "cosine", "1-sqrt"), "the warmup shape"),
                    choice("decay_type", "cosine", List.of("linear", "cosine", "1-sqrt"), "the decay shape"),
                    number("min_lr_ratio", 0.0, ">= 0", "the start and end lr as a fraction of base_lr"),
                    number("num_cycles", 0.5, "> 0", "cosine waves of the cosine decay (0.5: a half cosine)")),
            TransformersKinds::wsd);

    /** The names {@code get_scheduler} accepts, with the function each one calls. */
    private static final Map<String, PresetKind> BY_NAME = byName();

    static final PresetKind GET_SCHEDULER = PresetKind.schedule(
            "transformers.get_scheduler",
            "Hugging Face's unified entry point: the schedule of type 'name' (SchedulerType), called as"
                    + " transformers calls it (constant ignores the warmup; constant_with_warmup and inverse_sqrt"
                    + " take only num_warmup_steps; extra arguments go in scheduler_specific_kwargs).",
            List.of(
                    requiredChoice("name", List.copyOf(BY_NAME.keySet()), "the SchedulerType"),
                    baseLr("get_scheduler"),
                    optionalInteger(W, ">= 0", "steps of the warmup (required by every type but constant)"),
                    optionalInteger(N, ">= 0", "total steps (required by linear, cosine, ... )"),
                    Param.optional(
                            "scheduler_specific_kwargs",
                            ParamType.DOCUMENT,
                            null,
                            "arguments of the chosen function",
                            "extra keyword arguments, e.g. {num_cycles: 2}")),
            TransformersKinds::getScheduler);

    static List<PresetKind> all() {
        return List.of(
                LINEAR,
                COSINE,
                COSINE_WITH_HARD_RESTARTS,
                POLYNOMIAL,
                CONSTANT,
                CONSTANT_WITH_WARMUP,
                INVERSE_SQRT,
                COSINE_WITH_MIN_LR,
                COSINE_WARMUP_WITH_MIN_LR,
                WSD,
                GET_SCHEDULER);
    }

    private static Map<String, PresetKind> byName() {
        Map<String, PresetKind> m = new LinkedHashMap<>();
        m.put("linear", LINEAR);
        m.put("cosine", COSINE);
        m.put("cosine_with_restarts", COSINE_WITH_HARD_RESTARTS);
        m.put("polynomial", POLYNOMIAL);
        m.put("constant", CONSTANT);
        m.put("constant_with_warmup", CONSTANT_WITH_WARMUP);
        m.put("inverse_sqrt", INVERSE_SQRT);
        m.put("cosine_with_min_lr", COSINE_WITH_MIN_LR);
        m.put("cosine_warmup_with_min_lr", COSINE_WARMUP_WITH_MIN_LR);
        m.put("warmup_stable_decay", WSD);
        return m;
    }

    // ---- compositions -------------------------------------------------------------------------------

    /** {@code main} after HF's warmup: {@code base_lr * step / num_warmup_steps} for the first steps (prefix). */
    private static Curve withWarmup(Args a, Curve main) {
        long w = Checks.nonNegative(W, a.integer(W));
        return w == 0
                ? main
                : Warmup.of(main, w, 0.0, Warmup.Shape.LINEAR, true).withTarget(a.number("base_lr"));
    }

    /** {@code max(1, num_training_steps - num_warmup_steps)} before the max: the decay length. */
    private static long decaySteps(Args a) {
        Checks.nonNegative(W, a.integer(W));
        return Checks.nonNegative(N, a.integer(N)) - a.integer(W);
    }

    /** {@code to + (from - to) * 0.5 * (1 + cos(2 pi cycles u / d))}, unclamped (periodic). */
    private static Curve cosine(double from, double to, double cycles, long d) {
        if (cycles == 0) {
            return Constant.of(from);
        }
        // cos is even, so a negative number of cycles is the same wave
        return Cosine.of(from, to, d / (2 * Math.abs(cycles))).extrapolated();
    }

    /** transformers' {@code max(0, factor)}: only a negative minimum can take the factor below 0. */
    private static Curve floorAtZero(Curve c, double minRate) {
        return minRate < 0 ? Clamp.floor(c, 0) : c;
    }

    private static double minLrRate(Args a, double base) {
        Double minLr = a.optionalNumber("min_lr");
        Double rate = a.optionalNumber("min_lr_rate");
        if (minLr != null && rate != null) {
            throw new IllegalArgumentException("min_lr (" + minLr + ") and min_lr_rate (" + rate
                    + "): give only one (transformers: Only one of min_lr or min_lr_rate should be set)");
        }
        if (minLr != null) {
            if (!(base > 0)) {
                throw Checks.fail("min_lr", minLr, "needs base_lr > 0 (transformers divides it by the initial lr)");
            }
            return minLr / base;
        }
        if (rate == null) {
            throw new IllegalArgumentException("min_lr_rate is required, or min_lr (transformers: One of min_lr or"
                    + " min_lr_rate should be set)");
        }
        return rate;
    }

    private static Curve cosineWarmupWithMinLr(Args a) {
        double base = a.number("base_lr");
        double m = minLrRate(a, base);
        long w = Checks.nonNegative(W, a.integer(W));
        long d = Math.max(1, Checks.nonNegative(N, a.integer(N)) - w);
        // this variant is one step ahead: the decay at step s uses progress (s - W + 1) / d
        Curve decay = Shift.of(floorAtZero(cosine(base, base * m, a.number("num_cycles"), d), m), -1);
        if (w == 0) {
            return decay;
        }
        Double rate = a.optionalNumber("warmup_lr_rate");
        Curve warm = rate == null
                // (s + 1) / max(1, W): the line from 0 to base_lr over W steps, one step ahead
                ? Shift.of(Linear.of(0, base, w), -1)
                // r + (1 - r) * s / max(1, W - 1)
                : Linear.of(base * rate, base, Math.max(1, w - 1));
        return Join.of(warm, w, decay);
    }

    private static Curve wsd(Args a) {
        double base = a.number("base_lr");
        long w = Checks.nonNegative(W, a.integer(W));
        long d = Checks.nonNegative("num_decay_steps", a.integer("num_decay_steps"));
        Long stable = a.optionalInteger("num_stable_steps");
        Long total = a.optionalInteger(N);
        long s;
        if (stable != null) {
            s = Checks.nonNegative("num_stable_steps", stable);
        } else if (total != null) {
            s = total - w - d;
            if (s < 0) {
                throw Checks.fail(
                        N,
                        total,
                        "must be >= num_warmup_steps + num_decay_steps (" + (w + d) + "): the stable phase would"
                                + " be " + s + " steps long");
            }
        } else {
            throw new IllegalArgumentException("num_stable_steps is required, or num_training_steps (transformers:"
                    + " Either num_training_steps or num_stable_steps must be specified)");
        }
        double m = Checks.nonNegative("min_lr_ratio", a.number("min_lr_ratio"));
        return WarmupStableDecay.builder(base, w, s, d)
                .init(base * m)
                .end(base * m)
                .warmupShape(shape(a.string("warmup_type")))
                .decayShape(shape(a.string("decay_type")))
                .decayCycles(Checks.positive("num_cycles", a.number("num_cycles")))
                .build();
    }

    private static WarmupStableDecay.Shape shape(String type) {
        switch (type) {
            case "linear":
                return WarmupStableDecay.Shape.LINEAR;
            case "cosine":
                return WarmupStableDecay.Shape.COSINE;
            default:
                return WarmupStableDecay.Shape.SQRT;
        }
    }

    private static Curve getScheduler(Args a) {
        String name = a.string("name");
        PresetKind target = BY_NAME.get(name);
        if (target == null) {
            throw new IllegalArgumentException("name ('" + name + "') must be one of " + BY_NAME.keySet());
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("base_lr", a.number("base_lr"));
        if (!name.equals("constant")) {
            @Nullable Long w = a.optionalInteger(W);
            if (w == null) {
                throw new IllegalArgumentException(W + " is required by get_scheduler('" + name + "') (transformers: "
                        + name + " requires" + " `num_warmup_steps`)");
            }
            args.put(W, w);
            if (!name.equals("constant_with_warmup") && !name.equals("inverse_sqrt")) {
                @Nullable Long n = a.optionalInteger(N);
                if (n != null) {
                    args.put(N, n);
                } else if (!name.equals("warmup_stable_decay")) {
                    throw new IllegalArgumentException(N + " is required by get_scheduler('" + name
                            + "') (transformers: " + name + " requires" + " `num_training_steps`)");
                }
                for (Map.Entry<String, Object> e :
                        a.document("scheduler_specific_kwargs").entrySet()) {
                    if (args.containsKey(e.getKey())) {
                        throw new IllegalArgumentException("scheduler_specific_kwargs: " + e.getKey()
                                + " is given twice (transformers: got multiple values for argument)");
                    }
                    args.put(e.getKey(), e.getValue());
                }
            }
        }
        try {
            return target.preset(args).body();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "scheduler_specific_kwargs: for get_scheduler('" + name + "'): " + e.getMessage(), e);
        }
    }
}
