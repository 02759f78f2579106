package dev.schedtune.dsl.presets;

import static dev.schedtune.dsl.presets.Params.bool;
import static dev.schedtune.dsl.presets.Params.integer;
import static dev.schedtune.dsl.presets.Params.integers;
import static dev.schedtune.dsl.presets.Params.number;
import static dev.schedtune.dsl.presets.Params.optionalNumber;
import static dev.schedtune.dsl.presets.Params.requiredChoice;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.combinators.Join;
import dev.schedtune.dsl.combinators.Shift;
import dev.schedtune.dsl.primitives.Constant;
import dev.schedtune.dsl.primitives.Cosine;
import dev.schedtune.dsl.primitives.ExponentialDecay;
import dev.schedtune.dsl.primitives.Interpolation;
import dev.schedtune.dsl.primitives.Linear;
import dev.schedtune.dsl.primitives.PiecewiseConstant;
import dev.schedtune.dsl.primitives.PiecewiseInterpolation;
import dev.schedtune.dsl.primitives.Polynomial;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Optax's schedules ({@code optax/schedules/_schedule.py}, {@code _join.py}) as presets. Optax computes
 * in float32 unless {@code jax_enable_x64} is set; these presets compute in double, i.e. as Optax with
 * x64 (see PRESETS.md).
 */
final class OptaxKinds {
    private OptaxKinds() {}

    // parameters that several schedules share, under the same name and meaning
    private static final Param TRANSITION_INIT = number("init_value", "any number", "the value before the transition");
    private static final Param TRANSITION_END = number("end_value", "any number", "the value after the transition");
    private static final Param TRANSITION_STEPS =
            integer("transition_steps", "any whole number (<= 0: no transition)", "steps of the transition");
    private static final Param TRANSITION_BEGIN =
            integer("transition_begin", 0, "any whole number (< 0 counts as 0)", "steps before it starts");
    private static final Param CYCLE_STEPS = integer("transition_steps", "> 0", "T, the cycle length");
    private static final Param CYCLE_PEAK = number("peak_value", "any number", "the peak");
    private static final Param PCT_START =
            number("pct_start", 0.3, "pct_start * T >= 0", "fraction of T spent increasing");
    private static final Param DIV_FACTOR =
            number("div_factor", 25.0, "> 0", "initial value = peak_value / div_factor");
    private static final Param FINAL_DIV_FACTOR =
            number("final_div_factor", 1e4, "> 0", "final value = initial value / final_div_factor");

    static final PresetKind CONSTANT_SCHEDULE = PresetKind.schedule(
            "optax.constant_schedule",
            "The same value at every step.",
            List.of(number("value", "any number", "the value")),
            a -> Constant.of(a.number("value")));

    static final PresetKind LINEAR_SCHEDULE = PresetKind.schedule(
            "optax.linear_schedule",
            "init_value until transition_begin, then linear to end_value over transition_steps, then end_value"
                    + " (transition_steps <= 0: init_value for ever).",
            List.of(TRANSITION_INIT, TRANSITION_END, TRANSITION_STEPS, TRANSITION_BEGIN),
            a -> linear(
                    a.number("init_value"),
                    a.number("end_value"),
                    a.integer("transition_steps"),
                    a.integer("transition_begin")));

    static final PresetKind POLYNOMIAL_SCHEDULE = PresetKind.schedule(
            "optax.polynomial_schedule",
            "(init_value - end_value) * (1 - c / transition_steps)^power + end_value with c = clip(step -"
                    + " transition_begin, 0, transition_steps).",
            List.of(
                    TRANSITION_INIT,
                    TRANSITION_END,
                    number("power", "> 0", "the power of the polynomial"),
                    TRANSITION_STEPS,
                    TRANSITION_BEGIN),
            a -> polynomial(
                    a.number("init_value"),
                    a.number("end_value"),
                    a.number("power"),
                    a.integer("transition_steps"),
                    a.integer("transition_begin")));

    static final PresetKind WARMUP_CONSTANT_SCHEDULE = PresetKind.schedule(
            "optax.warmup_constant_schedule",
            "Linear warmup from init_value to peak_value over warmup_steps, then peak_value.",
            List.of(
                    number("init_value", "any number", "the value at step 0"),
                    number("peak_value", "any number", "the value after the warmup"),
                    integer("warmup_steps", "any whole number (<= 0: no warmup)", "steps of the warmup")),
            a -> linear(a.number("init_value"), a.number("peak_value"), a.integer("warmup_steps"), 0));

    private static final List<Param> WARMUP_COSINE_PARAMS = List.of(
            number("init_value", "any number", "the value at step 0"),
            number("peak_value", "any number", "the value at the end of the warmup"),
            integer("warmup_steps", "any whole number (<= 0: no warmup)", "steps of the linear warmup"),
            integer("decay_steps", "> warmup_steps", "the total length, warmup INCLUDED"),
            number("end_value", 0.0, "any number", "the value at decay_steps and after"),
            number("exponent", 1.0, "> 0", "the half-cosine is raised to this power"));

    static final PresetKind WARMUP_COSINE_DECAY_SCHEDULE = PresetKind.schedule(
            "optax.warmup_cosine_decay_schedule",
            "Linear warmup to peak_value over warmup_steps, then cosine decay to end_value at decay_steps"
                    + " (decay_steps counts the warmup), then end_value.",
            WARMUP_COSINE_PARAMS,
            OptaxKinds::warmupCosine);

    static final PresetKind EXPONENTIAL_DECAY = PresetKind.schedule(
            "optax.exponential_decay",
            "init_value until transition_begin, then init_value * decay_rate^((step - transition_begin) /"
                    + " transition_steps) (floored with staircase), clipped at end_value.",
            List.of(
                    number("init_value", "any number", "the value before the decay"),
                    integer("transition_steps", "any whole number (<= 0: constant init_value)", "steps per factor"),
                    number("decay_rate", ">= 0 (0: constant init_value)", "the factor per transition_steps"),
                    TRANSITION_BEGIN,
                    bool("staircase", false, "decay in whole transitions only"),
                    optionalNumber(
                            "end_value",
                            "any number",
                            "a floor when decaying (decay_rate < 1), a ceiling when growing")),
            OptaxKinds::exponentialDecay);

    static final PresetKind WARMUP_EXPONENTIAL_DECAY_SCHEDULE = PresetKind.schedule(
            "optax.warmup_exponential_decay_schedule",
            "Linear warmup to peak_value over warmup_steps, then exponential_decay from peak_value.",
            List.of(
                    number("init_value", "any number", "the value at step 0"),
                    number("peak_value", "any number", "the value at the end of the warmup"),
                    integer("warmup_steps", "any whole number (<= 0: no warmup)", "steps of the linear warmup"),
                    integer("transition_steps", "any whole number (<= 0: constant peak_value)", "steps per factor"),
                    number("decay_rate", ">= 0", "the factor per transition_steps"),
                    integer(
                            "transition_begin",
                            0,
                            "any whole number (< 0 counts as 0)",
                            "steps after the warmup" + " before the decay starts"),
                    bool("staircase", false, "decay in whole transitions only"),
                    optionalNumber("end_value", "any number", "the floor (or ceiling) of the decay")),
            a -> join(
                    linear(a.number("init_value"), a.number("peak_value"), a.integer("warmup_steps"), 0),
                    exponentialDecay(
                            a.number("peak_value"),
                            a.integer("transition_steps"),
                            a.number("decay_rate"),
                            a.integer("transition_begin"),
                            a.bool("staircase"),
                            a.optionalNumber("end_value")),
                    a.integer("warmup_steps")));

    static final PresetKind COSINE_DECAY_SCHEDULE = PresetKind.schedule(
            "optax.cosine_decay_schedule",
            "init_value * ((1 - alpha) * (0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)))^exponent"
                    + " + alpha): clamped after decay_steps.",
            List.of(
                    number("init_value", "any number", "the value at step 0"),
                    integer("decay_steps", "> 0", "steps of the decay"),
                    number("alpha", 0.0, "any number", "the final value as a fraction of init_value"),
                    number("exponent", 1.0, "> 0", "the half-cosine is raised to this power")),
            a -> {
                double init = a.number("init_value");
                long steps = Checks.positive("decay_steps", a.integer("decay_steps"));
                double exponent = Checks.positive("exponent", a.number("exponent"));
                return Cosine.of(init, init * a.number("alpha"), steps, exponent);
            });

    static final PresetKind PIECEWISE_CONSTANT_SCHEDULE = PresetKind.schedule(
            "optax.piecewise_constant_schedule",
            "init_value times the product of the scales of every boundary <= step (the value changes AT the"
                    + " boundary).",
            List.of(
                    number("init_value", "any number", "the value before the first boundary"),
                    Param.optional(
                            "boundaries_and_scales",
                            ParamType.NUMBER_MAP,
                            null,
                            "{step: scale} with scales >= 0",
                            "the factor applied from each step on")),
            a -> {
                TreeMap<Long, Double> b = boundaries(a, true);
                return PiecewiseConstant.scaled(a.number("init_value"), steps(b), scales(b));
            });

    static final PresetKind PIECEWISE_INTERPOLATE_SCHEDULE = PresetKind.schedule(
            "optax.piecewise_interpolate_schedule",
            "Interpolates (linear or cosine) between init_value at step 0 and the running products of the"
                    + " scales at each boundary; holds the last value after.",
            List.of(
                    requiredChoice("interpolate_type", List.of("linear", "cosine"), "how to interpolate"),
                    number("init_value", "any number", "the value at step 0"),
                    Param.optional(
                            "boundaries_and_scales",
                            ParamType.NUMBER_MAP,
                            null,
                            "{step >= 0: scale >= 0}",
                            "the knots, as factors of the previous knot's value")),
            a -> {
                TreeMap<Long, Double> b = boundaries(a, false);
                return PiecewiseInterpolation.scaled(
                        interpolation(a.string("interpolate_type")), a.number("init_value"), steps(b), scales(b));
            });

    static final PresetKind LINEAR_ONECYCLE_SCHEDULE = PresetKind.schedule(
            "optax.linear_onecycle_schedule",
            "Three linear phases: peak_value/div_factor up to peak_value at int(pct_start*T), back down at"
                    + " int(pct_final*T), then to peak_value/div_factor/final_div_factor at T; held after.",
            List.of(
                    CYCLE_STEPS,
                    CYCLE_PEAK,
                    PCT_START,
                    number("pct_final", 0.85, "pct_final * T >= 0", "fraction of T by which the lr is back down"),
                    DIV_FACTOR,
                    FINAL_DIV_FACTOR),
            a -> {
                long t = Checks.positive("transition_steps", a.integer("transition_steps"));
                double div = Checks.positive("div_factor", a.number("div_factor"));
                double finalDiv = Checks.positive("final_div_factor", a.number("final_div_factor"));
                Map<Long, Double> knots = new LinkedHashMap<>(); // a Python dict literal: later keys overwrite
                knots.put(truncate("pct_start", a.number("pct_start"), t), div);
                knots.put(truncate("pct_final", a.number("pct_final"), t), 1.0 / div);
                knots.put(t, 1.0 / finalDiv);
                TreeMap<Long, Double> sorted = new TreeMap<>(knots);
                return PiecewiseInterpolation.scaled(
                        Interpolation.LINEAR, a.number("peak_value") / div, steps(sorted), scales(sorted));
            });

    static final PresetKind COSINE_ONECYCLE_SCHEDULE = PresetKind.schedule(
            "optax.cosine_onecycle_schedule",
            "Cosine up from peak_value/div_factor to peak_value at int(pct_start*T) (one step later than"
                    + " PyTorch's OneCycleLR), then down to peak_value/div_factor/final_div_factor at T; held after.",
            List.of(CYCLE_STEPS, CYCLE_PEAK, PCT_START, DIV_FACTOR, FINAL_DIV_FACTOR),
            a -> {
                long t = Checks.positive("transition_steps", a.integer("transition_steps"));
                double div = Checks.positive("div_factor", a.number("div_factor"));
                double finalDiv = Checks.positive("final_div_factor", a.number("final_div_factor"));
                Map<Long, Double> knots = new LinkedHashMap<>();
                knots.put(truncate("pct_start", a.number("pct_start"), t), div);
                knots.put(t, 1.0 / (div * finalDiv));
                TreeMap<Long, Double> sorted = new TreeMap<>(knots);
                return PiecewiseInterpolation.scaled(
                        Interpolation.COSINE, a.number("peak_value") / div, steps(sorted), scales(sorted));
            });

    static final PresetKind JOIN_SCHEDULES = PresetKind.schedule(
            "optax.join_schedules",
            "schedules[i] from boundaries[i-1] on, each seeing the step minus its boundary.",
            List.of(
                    Param.required("schedules", ParamType.SCHEDULE_LIST, "one or more schedules", "the pieces"),
                    integers(
                            "boundaries",
                            "one fewer than schedules; steps >= 0, ascending",
                            "the steps at which the next piece starts")),
            a -> {
                List<Curve> schedules = a.schedules("schedules");
                long[] boundaries = a.integers("boundaries");
                Checks.require(!schedules.isEmpty(), "schedules ([]) must not be empty");
                Checks.require(
                        boundaries.length == schedules.size() - 1,
                        "boundaries (" + Arrays.toString(boundaries) + ") must have one element fewer than"
                                + " schedules (" + schedules.size() + " of them)");
                Checks.eachAtLeast("boundaries", boundaries, 0, "");
                Checks.nonDecreasing("boundaries", boundaries);
                return schedules.size() == 1
                        ? schedules.get(0)
                        : Join.of(
                                schedules,
                                Arrays.stream(boundaries).asDoubleStream().toArray());
            });

    static final PresetKind SGDR_SCHEDULE = PresetKind.schedule(
                    "optax.sgdr_schedule",
                    "Warm restarts: one warmup_cosine_decay_schedule per element of cosine_kwargs, each starting where"
                            + " the previous one's decay_steps end.",
                    List.of(Param.required(
                            "cosine_kwargs",
                            ParamType.DOCUMENT_LIST,
                            "one or more documents of optax.warmup_cosine_decay_schedule arguments",
                            "the cycles: init_value, peak_value, warmup_steps, decay_steps[, end_value, exponent]")),
                    OptaxKinds::sgdr)
            .withDocumentsOf("cosine_kwargs", WARMUP_COSINE_DECAY_SCHEDULE);

    static List<PresetKind> all() {
        return List.of(
                CONSTANT_SCHEDULE,
                LINEAR_SCHEDULE,
                POLYNOMIAL_SCHEDULE,
                WARMUP_CONSTANT_SCHEDULE,
                WARMUP_COSINE_DECAY_SCHEDULE,
                EXPONENTIAL_DECAY,
                WARMUP_EXPONENTIAL_DECAY_SCHEDULE,
                COSINE_DECAY_SCHEDULE,
                PIECEWISE_CONSTANT_SCHEDULE,
                PIECEWISE_INTERPOLATE_SCHEDULE,
                LINEAR_ONECYCLE_SCHEDULE,
                COSINE_ONECYCLE_SCHEDULE,
                JOIN_SCHEDULES,
                SGDR_SCHEDULE);
    }

    // ---- compositions -------------------------------------------------------------------------------

    static Curve linear(double init, double end, long transitionSteps, long transitionBegin) {
        if (transitionSteps <= 0) {
            return Constant.of(init);
        }
        return Linear.of(init, end, transitionSteps, Math.max(0, transitionBegin));
    }

    static Curve polynomial(double init, double end, double power, long transitionSteps, long transitionBegin) {
        Checks.positive("power", power);
        if (transitionSteps <= 0) {
            return Constant.of(init);
        }
        Polynomial p = Polynomial.of(init, end, transitionSteps, power);
        return transitionBegin > 0 ? p.withBegin(transitionBegin) : p;
    }

    /** {@code first} before {@code boundary}, then {@code next} at {@code step - boundary} (any boundary). */
    static Curve join(Curve first, Curve next, long boundary) {
        if (boundary <= 0) {
            // every step >= 0 is past the boundary: Optax evaluates next(step - boundary)
            return boundary == 0 ? next : Shift.of(next, boundary);
        }
        return Join.of(first, boundary, next);
    }

    private static Curve warmupCosine(Args a) {
        return warmupCosine(
                a.number("init_value"),
                a.number("peak_value"),
                a.integer("warmup_steps"),
                a.integer("decay_steps"),
                a.number("end_value"),
                a.number("exponent"));
    }

    static Curve warmupCosine(
            double init, double peak, long warmupSteps, long decaySteps, double endValue, double exponent) {
        if (decaySteps - warmupSteps <= 0) {
            throw Checks.fail(
                    "decay_steps",
                    decaySteps,
                    "must be > warmup_steps (" + warmupSteps + "): decay_steps is the total length, warmup"
                            + " included, and Optax's cosine part lasts decay_steps - warmup_steps steps");
        }
        double alpha = peak == 0.0 ? 0.0 : endValue / peak;
        Curve cosine = Cosine.of(peak, peak * alpha, decaySteps - warmupSteps, Checks.positive("exponent", exponent));
        return join(linear(init, peak, warmupSteps, 0), cosine, warmupSteps);
    }

    private static Curve exponentialDecay(Args a) {
        return exponentialDecay(
                a.number("init_value"),
                a.integer("transition_steps"),
                a.number("decay_rate"),
                a.integer("transition_begin"),
                a.bool("staircase"),
                a.optionalNumber("end_value"));
    }

    static Curve exponentialDecay(
            double init,
            long transitionSteps,
            double decayRate,
            long transitionBegin,
            boolean staircase,
            @org.jspecify.annotations.Nullable Double endValue) {
        Checks.nonNegative("decay_rate", decayRate);
        if (transitionSteps <= 0 || decayRate == 0) {
            return Constant.of(init);
        }
        ExponentialDecay e = ExponentialDecay.of(init, decayRate, transitionSteps);
        if (transitionBegin > 0) {
            e = e.withBegin(transitionBegin);
        }
        if (staircase) {
            e = e.staircase();
        }
        if (endValue != null) {
            e = e.withEndValue(endValue);
        }
        return e;
    }

    private static Interpolation interpolation(String type) {
        return type.equals("linear") ? Interpolation.LINEAR : Interpolation.COSINE;
    }

    /** int(pct * transition_steps), as Python truncates, checked to be a step >= 0. */
    private static long truncate(String name, double pct, long transitionSteps) {
        long step = (long) (pct * transitionSteps);
        if (step < 0) {
            throw Checks.fail(name, pct, "must not be negative: int(" + name + " * transition_steps) is step " + step);
        }
        return step;
    }

    /** boundaries_and_scales as sorted steps; keys must be whole numbers, scales >= 0. */
    private static TreeMap<Long, Double> boundaries(Args a, boolean negativeMeansZero) {
        TreeMap<Long, Double> out = new TreeMap<>();
        for (Map.Entry<String, Double> e : a.numberMap("boundaries_and_scales").entrySet()) {
            long step;
            try {
                step = Long.parseLong(e.getKey().trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("boundaries_and_scales key '" + e.getKey()
                        + "' must be a whole number (the step at which the scale applies)");
            }
            double scale = e.getValue();
            if (!(scale >= 0)) {
                throw new IllegalArgumentException("boundaries_and_scales: the scale at step " + step + " (" + scale
                        + ") must be >= 0 (Optax expects non-negative scale factors)");
            }
            if (step < 0) {
                if (!negativeMeansZero) {
                    throw new IllegalArgumentException(
                            "boundaries_and_scales key (" + step + ") must be >= 0 for piecewise_interpolate_schedule");
                }
                // every step >= 0 is at or past a negative boundary: the same as boundary 0
                step = 0;
            }
            Double previous = out.put(step, out.containsKey(step) ? out.get(step) * scale : scale);
            if (previous != null && !negativeMeansZero) {
                throw new IllegalArgumentException("boundaries_and_scales has step " + step + " twice");
            }
        }
        return out;
    }

    private static double[] steps(TreeMap<Long, Double> map) {
        return map.keySet().stream().mapToDouble(Long::doubleValue).toArray();
    }

    private static double[] scales(TreeMap<Long, Double> map) {
        return map.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Curve sgdr(Args a) {
        List<Map<String, Object>> cycles = a.documents("cosine_kwargs");
        Checks.require(!cycles.isEmpty(), "cosine_kwargs ([]) must not be empty");
        List<Curve> pieces = new ArrayList<>();
        double[] boundaries = new double[cycles.size() - 1];
        long step = 0;
        for (int i = 0; i < cycles.size(); i++) {
            Preset cycle;
            try {
                cycle = WARMUP_COSINE_DECAY_SCHEDULE.preset(cycles.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "cosine_kwargs: element " + i + " (optax.warmup_cosine_decay_schedule): " + e.getMessage(), e);
            }
            pieces.add(cycle.body());
            long decaySteps = ((Number) cycles.get(i).get("decay_steps")).longValue();
            step += decaySteps;
            if (i < boundaries.length) {
                boundaries[i] = step;
            }
        }
        return pieces.size() == 1 ? pieces.get(0) : Join.of(pieces, boundaries);
    }
}
