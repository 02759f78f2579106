package dev.schedtune.dsl.spec;

import static dev.schedtune.dsl.spec.Param.choice;
import static dev.schedtune.dsl.spec.Param.optional;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.BOOLEAN;
import static dev.schedtune.dsl.spec.ParamType.INTEGER;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;
import static dev.schedtune.dsl.spec.ParamType.NUMBER_LIST;
import static dev.schedtune.dsl.spec.ParamType.SCHEDULE;
import static dev.schedtune.dsl.spec.ParamType.STRING;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.combinators.Repeat;
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
import java.util.ArrayList;
import java.util.List;

/** The primitive families as kinds; parameter names match the specs the classes write. */
final class CurveKinds {
    private CurveKinds() {}

    static final String FINITE = "a finite number";
    static final String POSITIVE = "> 0";
    static final String NON_NEGATIVE = ">= 0";

    static List<Kind> kinds() {
        List<Kind> k = new ArrayList<>();
        k.add(Kind.schedule(
                Constant.KIND,
                "the same value at every step",
                List.of(required("value", NUMBER, FINITE, "the value")),
                a -> Constant.of(new Args(a).number("value"))));
        k.add(Kind.schedule(
                Linear.KIND,
                "a straight line from 'from' to 'to' over 'steps' steps, then 'to'",
                List.of(
                        required("from", NUMBER, FINITE, "value at the start"),
                        required("to", NUMBER, FINITE, "value at the end"),
                        required("steps", NUMBER, POSITIVE, "length of the ramp in steps"),
                        optional("begin", NUMBER, 0L, NON_NEGATIVE, "step at which the ramp starts"),
                        optional("extrapolate", BOOLEAN, false, "true or false", "continue the line past its end")),
                a -> {
                    Args r = new Args(a);
                    return Linear.of(
                            r.number("from"),
                            r.number("to"),
                            r.number("steps"),
                            r.number("begin"),
                            r.bool("extrapolate"));
                }));
        k.add(Kind.schedule(
                Cosine.KIND,
                "cosine annealing from 'from' to 'to' over 'steps' steps",
                List.of(
                        required("from", NUMBER, FINITE, "value at the start"),
                        required("to", NUMBER, FINITE, "value at the end (the floor)"),
                        required("steps", NUMBER, POSITIVE, "length of the decay in steps"),
                        optional("exponent", NUMBER, 1.0, POSITIVE, "power of the half-wave (Optax)"),
                        optional("k_decay", NUMBER, 1.0, POSITIVE, "progress exponent (timm)"),
                        optional(
                                "extrapolate",
                                BOOLEAN,
                                false,
                                "true or false",
                                "continue the wave past 'steps' (PyTorch) instead of holding 'to'")),
                a -> {
                    Args r = new Args(a);
                    return Cosine.of(
                            r.number("from"),
                            r.number("to"),
                            r.number("steps"),
                            r.number("exponent"),
                            r.number("k_decay"),
                            r.bool("extrapolate"));
                }));
        k.add(Kind.schedule(
                ExponentialDecay.KIND,
                "init * decay_rate^((t - transition_begin) / transition_steps), or init * exp(-decay_constant * p)",
                List.of(
                        required("init", NUMBER, FINITE, "initial value"),
                        optional("decay_rate", NUMBER, null, POSITIVE, "factor per transition (or decay_constant)"),
                        optional(
                                "decay_constant", NUMBER, null, FINITE, "rate constant k of exp(-k p) (or decay_rate)"),
                        optional("transition_steps", NUMBER, 1L, POSITIVE, "steps per transition"),
                        optional("transition_begin", NUMBER, 0L, NON_NEGATIVE, "steps before the decay starts"),
                        optional("staircase", BOOLEAN, false, "true or false", "whole transitions only"),
                        optional("end_value", NUMBER, null, FINITE, "floor (decay) or ceiling (growth)")),
                a -> {
                    Args r = new Args(a);
                    if (r.has("decay_rate") == r.has("decay_constant")) {
                        throw new IllegalArgumentException("give exactly one of decay_rate and decay_constant"
                                + (r.has("decay_rate") ? " (both are given)" : " (neither is given)"));
                    }
                    ExponentialDecay e = r.has("decay_rate")
                            ? ExponentialDecay.of(r.number("init"), r.number("decay_rate"))
                            : ExponentialDecay.continuous(r.number("init"), r.number("decay_constant"));
                    e = e.withTransitionSteps(r.number("transition_steps")).withBegin(r.number("transition_begin"));
                    if (r.bool("staircase")) {
                        e = e.staircase();
                    }
                    return r.has("end_value") ? e.withEndValue(r.number("end_value")) : e;
                }));
        k.add(Kind.schedule(
                "step_decay",
                "init * gamma^floor(t / step_size) (PyTorch StepLR); written back as exponential_decay",
                List.of(
                        required("init", NUMBER, FINITE, "initial value"),
                        required("gamma", NUMBER, POSITIVE, "factor per step_size steps"),
                        required("step_size", NUMBER, POSITIVE, "steps between drops")),
                a -> {
                    Args r = new Args(a);
                    return ExponentialDecay.step(r.number("init"), r.number("gamma"), r.number("step_size"));
                }));
        k.add(Kind.schedule(
                "multi_step",
                "init * gamma^(number of milestones <= t) (PyTorch MultiStepLR); written back as piecewise_constant",
                List.of(
                        required("init", NUMBER, FINITE, "initial value"),
                        required("gamma", NUMBER, FINITE, "factor at each milestone"),
                        required("milestones", NUMBER_LIST, NON_NEGATIVE, "steps at which the value drops")),
                a -> {
                    Args r = new Args(a);
                    return PiecewiseConstant.multiStep(r.number("init"), r.number("gamma"), r.numbers("milestones"));
                }));
        k.add(Kind.schedule(
                PiecewiseConstant.KIND,
                "values[k] where k is the number of boundaries <= t",
                List.of(
                        required("boundaries", NUMBER_LIST, "non-decreasing, >= 0", "steps where the value changes"),
                        required("values", NUMBER_LIST, "one more than boundaries", "the values")),
                a -> {
                    Args r = new Args(a);
                    return PiecewiseConstant.of(r.numbers("boundaries"), r.numbers("values"));
                }));
        k.add(Kind.schedule(
                PiecewiseInterpolation.KIND,
                "values at knots, interpolated in between, held outside",
                List.of(
                        required("knots", NUMBER_LIST, "non-decreasing, >= 0", "knot positions in steps"),
                        required("values", NUMBER_LIST, "as many as knots", "values at the knots"),
                        choice("interpolation", "linear", names(Interpolation.values()), "the curve between knots"),
                        optional("extrapolate", BOOLEAN, false, "true or false", "continue the last segment")),
                a -> {
                    Args r = new Args(a);
                    return PiecewiseInterpolation.of(
                            r.numbers("knots"),
                            r.numbers("values"),
                            r.choice("interpolation", Interpolation.class),
                            r.bool("extrapolate"));
                }));
        k.add(Kind.schedule(
                Polynomial.KIND,
                "(from - to) * (1 - t/steps)^power + to",
                List.of(
                        required("from", NUMBER, FINITE, "value at the start"),
                        required("to", NUMBER, FINITE, "value at the end"),
                        required("steps", NUMBER, POSITIVE, "length of the decay"),
                        optional("power", NUMBER, 1.0, POSITIVE, "exponent"),
                        optional("begin", NUMBER, 0L, NON_NEGATIVE, "steps before the decay starts"),
                        optional("k_decay", NUMBER, 1.0, POSITIVE, "progress exponent (timm)"),
                        optional("cycle", BOOLEAN, false, "true or false", "Keras' growing horizon")),
                a -> {
                    Args r = new Args(a);
                    return Polynomial.of(
                            r.number("from"),
                            r.number("to"),
                            r.number("steps"),
                            r.number("power"),
                            r.number("begin"),
                            r.number("k_decay"),
                            r.bool("cycle"));
                }));
        k.add(Kind.schedule(
                InverseSqrt.KIND,
                "init / sqrt((t + timescale) / timescale)",
                List.of(
                        required("init", NUMBER, FINITE, "value at step 0"),
                        required("timescale", NUMBER, POSITIVE, "steps over which the value falls by 1/sqrt(2)")),
                a -> InverseSqrt.of(new Args(a).number("init"), new Args(a).number("timescale"))));
        k.add(Kind.schedule(
                InverseTime.KIND,
                "init / (1 + decay_rate * t / decay_steps)",
                List.of(
                        required("init", NUMBER, FINITE, "value at step 0"),
                        required("decay_steps", NUMBER, POSITIVE, "steps per unit of decay"),
                        required("decay_rate", NUMBER, NON_NEGATIVE, "rate"),
                        optional("staircase", BOOLEAN, false, "true or false", "whole decay steps only")),
                a -> {
                    Args r = new Args(a);
                    return InverseTime.of(
                            r.number("init"), r.number("decay_steps"), r.number("decay_rate"), r.bool("staircase"));
                }));
        k.add(Kind.schedule(
                Tanh.KIND,
                "to + (from - to)/2 * (1 - tanh(lower (1 - r) + upper r)), r = t/steps",
                List.of(
                        required("from", NUMBER, FINITE, "value at the start"),
                        required("to", NUMBER, FINITE, "value at the end"),
                        required("steps", NUMBER, POSITIVE, "length of the decay"),
                        optional("lower", NUMBER, -7.0, "< upper", "tanh argument at the start"),
                        optional("upper", NUMBER, 3.0, "> lower", "tanh argument at the end")),
                a -> {
                    Args r = new Args(a);
                    return Tanh.of(
                            r.number("from"), r.number("to"), r.number("steps"), r.number("lower"), r.number("upper"));
                }));
        k.add(Kind.schedule(
                Cyclic.KIND, "cyclical learning rate (CLR triangle wave)", cyclicParams(), CurveKinds::cyclic));
        List<Param> setParams = new ArrayList<>(cyclicParams());
        setParams.add(optional("base_momentum", NUMBER, 0.8, FINITE, "momentum where the lr peaks"));
        setParams.add(optional("max_momentum", NUMBER, 0.9, FINITE, "momentum where the lr is lowest"));
        setParams.add(optional("momentum_name", STRING, ScheduleSet.MOMENTUM, "an identifier", "e.g. beta1 for Adam"));
        k.add(Kind.scheduleSet(
                Cyclic.SET_KIND, "cyclical learning rate with PyTorch's inverse momentum cycle", setParams, a -> {
                    Args r = new Args(a);
                    return cyclic(a)
                            .withMomentum(
                                    r.number("base_momentum"), r.number("max_momentum"), r.string("momentum_name"));
                }));
        k.add(Kind.schedule(
                CyclicExponentialDecay.KIND,
                "cyclic exponential decay: cycles whose peak decays per step and/or per cycle",
                List.of(
                        required("low", NUMBER, FINITE, "the floor of every cycle"),
                        required("high", NUMBER, FINITE, "the first peak"),
                        required("period", NUMBER, POSITIVE, "cycle length in steps"),
                        choice("shape", "triangle", names(CyclicExponentialDecay.Shape.values()), "wave in a cycle"),
                        optional("up_fraction", NUMBER, 0.5, "in (0, 1]", "where the triangle peaks"),
                        optional("step_decay", NUMBER, 1.0, "in (0, 1]", "amplitude factor per step"),
                        optional("cycle_decay", NUMBER, 1.0, "in (0, 1]", "amplitude factor per cycle")),
                a -> {
                    Args r = new Args(a);
                    return CyclicExponentialDecay.of(
                            r.number("low"),
                            r.number("high"),
                            r.number("period"),
                            r.choice("shape", CyclicExponentialDecay.Shape.class),
                            r.number("up_fraction"),
                            r.number("step_decay"),
                            r.number("cycle_decay"));
                }));
        List<Param> oneCycle = oneCycleParams();
        List<Param> oneCycleLr = new ArrayList<>(oneCycle);
        oneCycleLr.add(choice("output", "lr", names(OneCycle.Output.values()), "which curve: lr or momentum"));
        k.add(Kind.schedule(OneCycle.KIND, "the 1-cycle policy (learning rate or momentum)", oneCycleLr, a -> {
            OneCycle c = oneCycle(a).build();
            return new Args(a).choice("output", OneCycle.Output.class) == OneCycle.Output.LR ? c : c.momentum();
        }));
        List<Param> oneCycleSet = new ArrayList<>(oneCycle);
        oneCycleSet.add(
                optional("momentum_name", STRING, ScheduleSet.MOMENTUM, "an identifier", "e.g. beta1 for Adam"));
        k.add(Kind.scheduleSet(
                OneCycle.SET_KIND,
                "the 1-cycle learning rate with its inverse momentum cycle",
                oneCycleSet,
                a -> oneCycle(a).build().asSet(new Args(a).string("momentum_name"))));
        k.add(Kind.schedule(
                "cosine_warm_restarts",
                "cosine from max to min restarted in cycles (SGDR); written back as repeat(cosine)",
                List.of(
                        required("max", NUMBER, FINITE, "the first peak"),
                        optional("min", NUMBER, 0.0, FINITE, "the floor"),
                        required("period", NUMBER, POSITIVE, "first cycle length in steps"),
                        optional("period_mul", NUMBER, 1.0, ">= 1", "cycle length multiplier"),
                        optional("cycle_decay", NUMBER, 1.0, POSITIVE, "peak factor per cycle"),
                        optional("cycle_limit", INTEGER, 0L, ">= 0 (0 = no limit)", "cycles before holding min"),
                        optional("k_decay", NUMBER, 1.0, POSITIVE, "progress exponent (timm)")),
                a -> {
                    Args r = new Args(a);
                    double min = r.number("min");
                    return Repeat.every(
                                    Cosine.of(r.number("max"), min, r.number("period"))
                                            .withKDecay(r.number("k_decay")),
                                    r.number("period"))
                            .withPeriodMultiplier(r.number("period_mul"))
                            .withDecay(r.number("cycle_decay"), min)
                            .withCycleLimit(r.integer("cycle_limit"));
                }));
        k.add(Kind.schedule(
                WarmupStableDecay.KIND,
                "warmup to peak, hold, decay to end (WSD)",
                List.of(
                        required("peak", NUMBER, FINITE, "the stable value"),
                        required("warmup_steps", NUMBER, NON_NEGATIVE, "warmup length"),
                        required("stable_steps", NUMBER, NON_NEGATIVE, "stable length"),
                        required("decay_steps", NUMBER, NON_NEGATIVE, "decay length"),
                        optional("init", NUMBER, 0.0, FINITE, "value at step 0"),
                        optional("end", NUMBER, 0.0, FINITE, "value after the decay"),
                        choice("warmup_shape", "linear", names(WarmupStableDecay.Shape.values()), "warmup curve"),
                        choice("decay_shape", "linear", names(WarmupStableDecay.Shape.values()), "decay curve"),
                        optional("decay_cycles", NUMBER, 0.5, POSITIVE, "cosine waves in the decay")),
                a -> {
                    Args r = new Args(a);
                    return WarmupStableDecay.builder(
                                    r.number("peak"),
                                    r.number("warmup_steps"),
                                    r.number("stable_steps"),
                                    r.number("decay_steps"))
                            .init(r.number("init"))
                            .end(r.number("end"))
                            .warmupShape(r.choice("warmup_shape", WarmupStableDecay.Shape.class))
                            .decayShape(r.choice("decay_shape", WarmupStableDecay.Shape.class))
                            .decayCycles(r.number("decay_cycles"))
                            .build();
                }));
        return k;
    }

    private static List<Param> cyclicParams() {
        return List.of(
                required("low", NUMBER, FINITE, "the bottom of the wave (base_lr)"),
                required("high", NUMBER, FINITE, "the top of the wave (max_lr)"),
                required("step_size_up", NUMBER, POSITIVE, "steps from low to high"),
                optional("step_size_down", NUMBER, null, NON_NEGATIVE, "steps from high to low (default: up)"),
                optional(
                        "amplitude",
                        SCHEDULE,
                        null,
                        "a schedule",
                        "amplitude factor as a function of the 1-based cycle or of the step (default 1)"),
                choice("amplitude_by", "cycle", names(Cyclic.AmplitudeBy.values()), "argument of the amplitude"));
    }

    private static Cyclic cyclic(java.util.Map<String, Object> a) {
        Args r = new Args(a);
        double up = r.number("step_size_up");
        return Cyclic.of(
                r.number("low"),
                r.number("high"),
                up,
                r.number("step_size_down", up),
                r.scheduleOrNull("amplitude"),
                r.choice("amplitude_by", Cyclic.AmplitudeBy.class));
    }

    private static List<Param> oneCycleParams() {
        return List.of(
                required("max_lr", NUMBER, FINITE, "the peak learning rate"),
                required("total_steps", NUMBER, POSITIVE, "length of the cycle"),
                optional("pct_start", NUMBER, 0.3, "in [0, 1]", "fraction of the cycle spent increasing"),
                optional("div_factor", NUMBER, 25.0, POSITIVE, "initial lr = max_lr / div_factor"),
                optional("final_div_factor", NUMBER, 1e4, POSITIVE, "min lr = initial lr / final_div_factor"),
                optional("three_phase", BOOLEAN, false, "true or false", "up, down to initial, annihilate"),
                choice("anneal", "cosine", names(Interpolation.values()), "annealing shape"),
                optional("base_momentum", NUMBER, 0.85, FINITE, "momentum at the lr peak"),
                optional("max_momentum", NUMBER, 0.95, FINITE, "momentum at the start and end"),
                optional("phase_offset", NUMBER, 0L, FINITE, "shift of every phase end (PyTorch: -1)"),
                optional("extrapolate", BOOLEAN, false, "true or false", "continue the last phase past its end"));
    }

    private static OneCycle.Builder oneCycle(java.util.Map<String, Object> a) {
        Args r = new Args(a);
        return OneCycle.builder(r.number("max_lr"), r.number("total_steps"))
                .pctStart(r.number("pct_start"))
                .divFactor(r.number("div_factor"))
                .finalDivFactor(r.number("final_div_factor"))
                .threePhase(r.bool("three_phase"))
                .anneal(r.choice("anneal", Interpolation.class))
                .momentum(r.number("base_momentum"), r.number("max_momentum"))
                .phaseOffset(r.number("phase_offset"))
                .extrapolate(r.bool("extrapolate"));
    }

    static List<String> names(Enum<?>[] values) {
        List<String> out = new ArrayList<>();
        for (Enum<?> v : values) {
            out.add(v.name().toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }
}
