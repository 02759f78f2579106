package dev.schedtune.dsl.presets;

import static dev.schedtune.dsl.presets.Params.baseLr;
import static dev.schedtune.dsl.presets.Params.bool;
import static dev.schedtune.dsl.presets.Params.choice;
import static dev.schedtune.dsl.presets.Params.integer;
import static dev.schedtune.dsl.presets.Params.integers;
import static dev.schedtune.dsl.presets.Params.number;
import static dev.schedtune.dsl.presets.Params.optionalInteger;
import static dev.schedtune.dsl.presets.Params.optionalNumber;
import static dev.schedtune.dsl.presets.Params.optionalSchedule;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.combinators.Join;
import dev.schedtune.dsl.combinators.Repeat;
import dev.schedtune.dsl.combinators.Shift;
import dev.schedtune.dsl.primitives.Constant;
import dev.schedtune.dsl.primitives.Cosine;
import dev.schedtune.dsl.primitives.Cyclic;
import dev.schedtune.dsl.primitives.ExponentialDecay;
import dev.schedtune.dsl.primitives.Interpolation;
import dev.schedtune.dsl.primitives.Linear;
import dev.schedtune.dsl.primitives.OneCycle;
import dev.schedtune.dsl.primitives.PiecewiseConstant;
import dev.schedtune.dsl.primitives.PiecewiseInterpolation;
import dev.schedtune.dsl.primitives.Polynomial;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's {@code torch.optim.lr_scheduler} schedulers (1.13 to 2.x) as presets. {@code base_lr} stands
 * for the optimizer's initial lr. Values are what the optimizer uses at each step, i.e. PyTorch's
 * recursive forms, which agree with the closed forms below to rounding.
 */
final class TorchKinds {
    private TorchKinds() {}

    static final PresetKind ONE_CYCLE_LR = PresetKind.set(
            "torch.OneCycleLR",
            "1-cycle policy: lr rises from max_lr/div_factor to max_lr at step pct_start*total_steps-1 (one step"
                    + " earlier than Optax), anneals to max_lr/div_factor/final_div_factor at total_steps-1 and"
                    + " keeps extrapolating the last phase after; momentum cycles inversely. PyTorch raises after"
                    + " step total_steps.",
            List.of(
                    number("max_lr", "> 0", "the peak learning rate"),
                    optionalInteger("total_steps", "> 0", "the cycle length in steps (or epochs * steps_per_epoch)"),
                    optionalInteger(
                            "epochs", "> 0", "with steps_per_epoch, the cycle length when total_steps is absent"),
                    optionalInteger(
                            "steps_per_epoch", "> 0", "with epochs, the cycle length when total_steps is absent"),
                    number("pct_start", 0.3, "in [0, 1]", "the fraction of the cycle spent increasing the lr"),
                    choice("anneal_strategy", "cos", List.of("cos", "linear"), "cosine or linear annealing"),
                    bool("cycle_momentum", true, "also cycle momentum (inversely to the lr)"),
                    number("base_momentum", 0.85, "any number", "the momentum at the lr peak"),
                    number("max_momentum", 0.95, "any number", "the momentum at the start and end of the cycle"),
                    number("div_factor", 25.0, "> 0", "initial lr = max_lr / div_factor"),
                    number("final_div_factor", 1e4, "> 0", "min lr = initial lr / final_div_factor"),
                    bool("three_phase", false, "a third phase annihilates the lr (fastai's schedule)")),
            List.of(ScheduleSet.LR, ScheduleSet.MOMENTUM),
            TorchKinds::oneCycle);

    static final PresetKind CYCLIC_LR = PresetKind.set(
            "torch.CyclicLR",
            "Cyclical learning rate (Smith 2017): a triangle wave between base_lr and max_lr whose amplitude"
                    + " is scaled per mode (triangular, triangular2, exp_range) or by scale_fn; momentum cycles"
                    + " inversely between max_momentum and base_momentum.",
            List.of(
                    number(
                            "base_lr",
                            "any number",
                            "the lower bound of the cycle (PyTorch writes it to the optimizer)"),
                    number("max_lr", "any number", "the upper bound of the cycle"),
                    number("step_size_up", 2000.0, "> 0", "steps in the increasing half of a cycle"),
                    optionalNumber("step_size_down", ">= 0", "steps in the decreasing half (absent: step_size_up)"),
                    choice(
                            "mode",
                            "triangular",
                            List.of("triangular", "triangular2", "exp_range"),
                            "amplitude 1, halved every cycle, or gamma^step (ignored when scale_fn is given)"),
                    number("gamma", 1.0, "> 0", "the exp_range amplitude base (gamma^step)"),
                    optionalSchedule(
                            "scale_fn",
                            "a schedule with values in [0, 1]",
                            "a custom amplitude, evaluated at the 1-based cycle number or at the step (scale_mode);"
                                    + " replaces mode"),
                    choice(
                            "scale_mode",
                            "cycle",
                            List.of("cycle", "iterations"),
                            "what scale_fn is a function of (only with scale_fn)"),
                    bool("cycle_momentum", true, "also cycle momentum (inversely to the lr)"),
                    number("base_momentum", 0.8, "any number", "the momentum where the lr peaks"),
                    number("max_momentum", 0.9, "any number", "the momentum where the lr is lowest")),
            List.of(ScheduleSet.LR, ScheduleSet.MOMENTUM),
            TorchKinds::cyclic);

    static final PresetKind COSINE_ANNEALING_LR = PresetKind.schedule(
            "torch.CosineAnnealingLR",
            "Cosine from base_lr down to eta_min at step T_max; not clamped: past T_max the cosine rises again"
                    + " (period 2*T_max), as in PyTorch.",
            List.of(
                    baseLr("CosineAnnealingLR"),
                    integer("T_max", "> 0", "steps of the half cosine"),
                    number("eta_min", 0.0, "any number", "the minimum lr")),
            a -> Cosine.of(a.number("base_lr"), a.number("eta_min"), Checks.positive("T_max", a.integer("T_max")))
                    .extrapolated());

    static final PresetKind COSINE_ANNEALING_WARM_RESTARTS = PresetKind.schedule(
            "torch.CosineAnnealingWarmRestarts",
            "SGDR: cosine from base_lr to eta_min over T_0 steps, restarted at base_lr, each period T_mult"
                    + " times longer; no peak decay.",
            List.of(
                    baseLr("CosineAnnealingWarmRestarts"),
                    integer("T_0", "> 0", "steps of the first cycle"),
                    integer("T_mult", 1, ">= 1", "each cycle is T_mult times longer than the previous"),
                    number("eta_min", 0.0, "any number", "the minimum lr")),
            a -> {
                long t0 = Checks.positive("T_0", a.integer("T_0"));
                long mult = Checks.atLeast("T_mult", a.integer("T_mult"), 1);
                Repeat r = Repeat.every(Cosine.of(a.number("base_lr"), a.number("eta_min"), t0), t0);
                return mult == 1 ? r : r.withPeriodMultiplier(mult);
            });

    static final PresetKind EXPONENTIAL_LR = PresetKind.schedule(
            "torch.ExponentialLR",
            "base_lr * gamma^step.",
            List.of(baseLr("ExponentialLR"), number("gamma", "> 0", "the decay per step")),
            a -> ExponentialDecay.of(a.number("base_lr"), Checks.positive("gamma", a.number("gamma"))));

    static final PresetKind STEP_LR = PresetKind.schedule(
            "torch.StepLR",
            "base_lr * gamma^floor(step / step_size): the lr drops at every multiple of step_size.",
            List.of(
                    baseLr("StepLR"),
                    integer("step_size", "> 0", "steps between drops"),
                    number("gamma", 0.1, "> 0", "the factor of each drop")),
            a -> ExponentialDecay.step(
                    a.number("base_lr"),
                    Checks.positive("gamma", a.number("gamma")),
                    Checks.positive("step_size", a.integer("step_size"))));

    static final PresetKind MULTI_STEP_LR = PresetKind.schedule(
            "torch.MultiStepLR",
            "base_lr * gamma^(number of milestones <= step): the lr drops AT each milestone (a milestone"
                    + " listed twice drops twice).",
            List.of(
                    baseLr("MultiStepLR"),
                    integers("milestones", "steps >= 0, any order", "the steps at which the lr drops"),
                    number("gamma", 0.1, "any number", "the factor of each drop")),
            a -> {
                long[] m = Checks.eachAtLeast("milestones", a.integers("milestones"), 0, "");
                return PiecewiseConstant.multiStep(
                        a.number("base_lr"),
                        a.number("gamma"),
                        Arrays.stream(m).asDoubleStream().toArray());
            });

    static final PresetKind POLYNOMIAL_LR = PresetKind.schedule(
            "torch.PolynomialLR",
            "base_lr * (1 - min(step, total_iters) / total_iters)^power: reaches 0 at total_iters and stays.",
            List.of(
                    baseLr("PolynomialLR"),
                    integer("total_iters", 5, ">= 0", "steps of the decay (0: the lr stays base_lr)"),
                    number("power", 1.0, "> 0", "the power of the polynomial")),
            a -> {
                double base = a.number("base_lr");
                long total = Checks.nonNegative("total_iters", a.integer("total_iters"));
                double power = Checks.positive("power", a.number("power"));
                // total_iters = 0: PyTorch's recursive form never changes the lr
                return total == 0 ? Constant.of(base) : Polynomial.of(base, 0, total, power);
            });

    static final PresetKind LINEAR_LR = PresetKind.schedule(
            "torch.LinearLR",
            "base_lr times a factor moving linearly from start_factor to end_factor over total_iters steps,"
                    + " then end_factor.",
            List.of(
                    baseLr("LinearLR"),
                    number("start_factor", 1.0 / 3, "in (0, 1]", "the factor at step 0"),
                    number("end_factor", 1.0, "in [0, 1]", "the factor from total_iters on"),
                    integer("total_iters", 5, ">= 0", "steps of the ramp (0: PyTorch keeps start_factor for ever)")),
            a -> {
                double base = a.number("base_lr");
                double start = Checks.inOpenClosedRange("start_factor", a.number("start_factor"), 0, 1);
                double end = Checks.inClosedRange("end_factor", a.number("end_factor"), 0, 1);
                long total = Checks.nonNegative("total_iters", a.integer("total_iters"));
                // total_iters = 0: PyTorch applies start_factor at step 0 and never moves again
                return total == 0 ? Constant.of(base * start) : Linear.of(base * start, base * end, total);
            });

    static final PresetKind CONSTANT_LR = PresetKind.schedule(
            "torch.ConstantLR",
            "base_lr * factor until step total_iters, then base_lr.",
            List.of(
                    baseLr("ConstantLR"),
                    number("factor", 1.0 / 3, "in [0, 1]", "the factor before total_iters"),
                    integer(
                            "total_iters",
                            5,
                            ">= 0",
                            "steps at the reduced lr (0: PyTorch keeps the factor for ever)")),
            a -> {
                double base = a.number("base_lr");
                double factor = Checks.inClosedRange("factor", a.number("factor"), 0, 1);
                long total = Checks.nonNegative("total_iters", a.integer("total_iters"));
                // total_iters = 0: PyTorch applies the factor at step 0 and never undoes it
                return total == 0
                        ? Constant.of(base * factor)
                        : PiecewiseConstant.of(new double[] {total}, new double[] {base * factor, base});
            });

    static final PresetKind SEQUENTIAL_LR = PresetKind.schedule(
            "torch.SequentialLR",
            "schedulers[i] from milestones[i-1] on, each seeing the step relative to its own start (as PyTorch"
                    + " restarts it at the milestone).",
            List.of(
                    Param.required(
                            "schedulers",
                            ParamType.SCHEDULE_LIST,
                            "one or more schedules",
                            "the schedules in order (each with the same base_lr, as they share the optimizer)"),
                    integers(
                            "milestones",
                            "one fewer than schedulers; steps >= 1, ascending",
                            "the steps at which the next schedule starts")),
            a -> {
                List<Curve> schedulers = a.schedules("schedulers");
                long[] milestones = a.integers("milestones");
                Checks.require(!schedulers.isEmpty(), "schedulers ([]) must not be empty");
                Checks.require(
                        milestones.length == schedulers.size() - 1,
                        "milestones (" + Arrays.toString(milestones) + ") must have one element fewer than"
                                + " schedulers (" + schedulers.size() + " of them)");
                Checks.eachAtLeast(
                        "milestones",
                        milestones,
                        1,
                        ": with a milestone at step 0 PyTorch never restarts the next scheduler (it continues from"
                                + " the first one's lr, one step late)");
                Checks.nonDecreasing("milestones", milestones);
                return schedulers.size() == 1
                        ? schedulers.get(0)
                        : Join.of(
                                schedulers,
                                Arrays.stream(milestones).asDoubleStream().toArray());
            });

    static List<PresetKind> all() {
        return List.of(
                ONE_CYCLE_LR,
                CYCLIC_LR,
                COSINE_ANNEALING_LR,
                COSINE_ANNEALING_WARM_RESTARTS,
                EXPONENTIAL_LR,
                STEP_LR,
                MULTI_STEP_LR,
                POLYNOMIAL_LR,
                LINEAR_LR,
                CONSTANT_LR,
                SEQUENTIAL_LR);
    }

    // ---- compositions -------------------------------------------------------------------------------

    private static Map<String, Curve> oneCycle(Args a) {
        double maxLr = Checks.positive("max_lr", a.number("max_lr"));
        long total = totalSteps(a);
        double pct = Checks.inClosedRange("pct_start", a.number("pct_start"), 0, 1);
        double div = Checks.positive("div_factor", a.number("div_factor"));
        double finalDiv = Checks.positive("final_div_factor", a.number("final_div_factor"));
        boolean threePhase = a.bool("three_phase");
        Interpolation anneal = a.string("anneal_strategy").equals("cos") ? Interpolation.COSINE : Interpolation.LINEAR;
        double baseM = a.number("base_momentum");
        double maxM = a.number("max_momentum");
        double initial = maxLr / div;
        double min = initial / finalDiv;
        // PyTorch's phase ends: float(pct_start * total_steps) - 1, 2 * ... - 2, total_steps - 1
        double end1 = pct * total - 1;
        double end2 = 2 * pct * total - 2;
        double last = total - 1;
        if (end1 == 0) {
            throw Checks.fail(
                    "pct_start",
                    pct,
                    "must not make pct_start * total_steps (" + total + ") equal 1: PyTorch's first phase would be"
                            + " zero steps long and it divides by zero");
        }
        if (threePhase && end2 >= last && end1 > 0) {
            throw Checks.fail(
                    "pct_start",
                    pct,
                    "is too large for three_phase with total_steps " + total + ": the second phase would end at"
                            + " step " + end2 + ", not before the last (" + last + "), and PyTorch's third phase"
                            + " would run backwards; use pct_start < (total_steps + 1) / (2 * total_steps)");
        }
        Map<String, Curve> out = new LinkedHashMap<>();
        Curve lr;
        Curve momentum;
        if (end1 < 0) {
            // pct_start * total_steps < 1: PyTorch skips the first phase (and, with three phases, the second):
            // the last phase runs from its predecessor's (negative) end, so step 0 is already inside it
            double from = threePhase ? end2 : end1;
            double fromLr = threePhase ? initial : maxLr;
            double fromM = threePhase ? maxM : baseM;
            lr = phaseFrom(from, last, fromLr, min, anneal);
            momentum = phaseFrom(from, last, fromM, maxM, anneal);
        } else if (end1 == last) {
            // pct_start = 1: only the rising phase is ever used (PyTorch divides by zero at total_steps)
            lr = PiecewiseInterpolation.of(new double[] {0, last}, new double[] {initial, maxLr}, anneal, true);
            momentum = PiecewiseInterpolation.of(new double[] {0, last}, new double[] {maxM, baseM}, anneal, true);
        } else {
            OneCycle.Builder b = OneCycle.builder(maxLr, total)
                    .pctStart(pct)
                    .divFactor(div)
                    .finalDivFactor(finalDiv)
                    .threePhase(threePhase)
                    .anneal(anneal)
                    .momentum(baseM, maxM)
                    .phaseOffset(-1)
                    .extrapolate(true);
            OneCycle cycle = b.build();
            lr = cycle.lr();
            momentum = cycle.momentum();
        }
        out.put(ScheduleSet.LR, lr);
        if (a.bool("cycle_momentum")) {
            out.put(ScheduleSet.MOMENTUM, momentum);
        }
        return out;
    }

    /** The phase PyTorch anneals from position {@code from} (< 0) to {@code last}, continued after. */
    private static Curve phaseFrom(double from, double last, double start, double end, Interpolation anneal) {
        PiecewiseInterpolation phase =
                PiecewiseInterpolation.of(new double[] {0, last - from}, new double[] {start, end}, anneal, true);
        return Shift.of(phase, from);
    }

    private static long totalSteps(Args a) {
        Long total = a.optionalInteger("total_steps");
        if (total != null) {
            return Checks.positive("total_steps", total);
        }
        Long epochs = a.optionalInteger("epochs");
        Long perEpoch = a.optionalInteger("steps_per_epoch");
        if (epochs == null || perEpoch == null) {
            throw new IllegalArgumentException("total_steps is required unless both epochs and steps_per_epoch are"
                    + " given (PyTorch: You must define either total_steps OR (epochs AND steps_per_epoch))");
        }
        return Checks.positive("epochs", epochs) * Checks.positive("steps_per_epoch", perEpoch);
    }

    private static Map<String, Curve> cyclic(Args a) {
        double low = a.number("base_lr");
        double high = a.number("max_lr");
        double up = Checks.positive("step_size_up", a.number("step_size_up"));
        Double downGiven = a.optionalNumber("step_size_down");
        double down = downGiven == null ? up : Checks.nonNegative("step_size_down", downGiven);
        Curve scaleFn = a.optionalSchedule("scale_fn");
        Cyclic wave;
        if (scaleFn != null) {
            Cyclic.AmplitudeBy by =
                    a.string("scale_mode").equals("cycle") ? Cyclic.AmplitudeBy.CYCLE : Cyclic.AmplitudeBy.STEP;
            wave = Cyclic.of(low, high, up, down, scaleFn, by);
        } else {
            switch (a.string("mode")) {
                case "triangular":
                    wave = Cyclic.triangular(low, high, up, down);
                    break;
                case "triangular2":
                    wave = Cyclic.triangular2(low, high, up, down);
                    break;
                default:
                    wave = Cyclic.expRange(low, high, up, down, Checks.positive("gamma", a.number("gamma")));
            }
        }
        Map<String, Curve> out = new LinkedHashMap<>();
        out.put(ScheduleSet.LR, wave);
        if (a.bool("cycle_momentum")) {
            out.put(ScheduleSet.MOMENTUM, wave.withValues(a.number("max_momentum"), a.number("base_momentum")));
        }
        return out;
    }
}
