package dev.schedtune.dsl.presets;

import static dev.schedtune.dsl.presets.PresetCall.call;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * PyTorch's {@code torch.optim.lr_scheduler} schedulers, reproduced exactly (see PRESETS.md). {@code
 * baseLr} is the optimizer's initial lr, which PyTorch reads from the optimizer. Each factory returns a
 * {@link Preset} (or a {@link ScheduleSet} of presets for the schedulers that also cycle momentum) whose
 * spec is the PyTorch call, e.g. {@code torch.CosineAnnealingLR(base_lr=0.1, T_max=100)}.
 *
 * <pre>{@code
 * ScheduleSet oneCycle = Torch.oneCycleLR(0.3, 97);                  // lr and momentum
 * ScheduleSet custom = Torch.oneCycleLRBuilder(0.3).epochs(4).stepsPerEpoch(25).threePhase(true).build();
 * Preset cosine = Torch.cosineAnnealingLR(0.1, 100);
 * }</pre>
 */
public final class Torch {
    private Torch() {}

    /** {@code OneCycleLR}'s {@code anneal_strategy}. */
    public enum AnnealStrategy {
        /** Cosine annealing ({@code 'cos'}, the default). */
        COS,
        /** Linear annealing ({@code 'linear'}). */
        LINEAR
    }

    /** {@code CyclicLR}'s {@code mode}. */
    public enum CyclicMode {
        /** Constant amplitude. */
        TRIANGULAR,
        /** The amplitude halves every cycle. */
        TRIANGULAR2,
        /** Amplitude {@code gamma^step}. */
        EXP_RANGE
    }

    /** {@code CyclicLR}'s {@code scale_mode}: what a custom {@code scale_fn} is a function of. */
    public enum ScaleMode {
        /** The 1-based cycle number. */
        CYCLE,
        /** The step. */
        ITERATIONS
    }

    /** {@code OneCycleLR(max_lr, total_steps)} with PyTorch's defaults: lr and momentum. */
    public static ScheduleSet oneCycleLR(double maxLr, long totalSteps) {
        return oneCycleLRBuilder(maxLr).totalSteps(totalSteps).build();
    }

    /** Starts a {@code OneCycleLR}; give {@code totalSteps}, or {@code epochs} and {@code stepsPerEpoch}. */
    public static OneCycleLRBuilder oneCycleLRBuilder(double maxLr) {
        return new OneCycleLRBuilder(maxLr);
    }

    /** {@code CyclicLR(base_lr, max_lr, step_size_up)} with PyTorch's defaults: lr and momentum. */
    public static ScheduleSet cyclicLR(double baseLr, double maxLr, double stepSizeUp) {
        return cyclicLRBuilder(baseLr, maxLr).stepSizeUp(stepSizeUp).build();
    }

    /** Starts a {@code CyclicLR} between {@code baseLr} and {@code maxLr}. */
    public static CyclicLRBuilder cyclicLRBuilder(double baseLr, double maxLr) {
        return new CyclicLRBuilder(baseLr, maxLr);
    }

    /** {@code CosineAnnealingLR(T_max)}: not clamped, it rises again after {@code tMax} as in PyTorch. */
    public static Preset cosineAnnealingLR(double baseLr, long tMax) {
        return call(TorchKinds.COSINE_ANNEALING_LR)
                .set("base_lr", baseLr)
                .set("T_max", tMax)
                .preset();
    }

    /** {@code CosineAnnealingLR(T_max, eta_min)}. */
    public static Preset cosineAnnealingLR(double baseLr, long tMax, double etaMin) {
        return call(TorchKinds.COSINE_ANNEALING_LR)
                .set("base_lr", baseLr)
                .set("T_max", tMax)
                .set("eta_min", etaMin)
                .preset();
    }

    /** {@code CosineAnnealingWarmRestarts(T_0)}. */
    public static Preset cosineAnnealingWarmRestarts(double baseLr, long t0) {
        return cosineAnnealingWarmRestarts(baseLr, t0, 1, 0);
    }

    /** {@code CosineAnnealingWarmRestarts(T_0, T_mult, eta_min)}. */
    public static Preset cosineAnnealingWarmRestarts(double baseLr, long t0, long tMult, double etaMin) {
        return call(TorchKinds.COSINE_ANNEALING_WARM_RESTARTS)
                .set("base_lr", baseLr)
                .set("T_0", t0)
                .set("T_mult", tMult)
                .set("eta_min", etaMin)
                .preset();
    }

    /** {@code ExponentialLR(gamma)}. */
    public static Preset exponentialLR(double baseLr, double gamma) {
        return call(TorchKinds.EXPONENTIAL_LR)
                .set("base_lr", baseLr)
                .set("gamma", gamma)
                .preset();
    }

    /** {@code StepLR(step_size)} (gamma 0.1). */
    public static Preset stepLR(double baseLr, long stepSize) {
        return stepLR(baseLr, stepSize, 0.1);
    }

    /** {@code StepLR(step_size, gamma)}. */
    public static Preset stepLR(double baseLr, long stepSize, double gamma) {
        return call(TorchKinds.STEP_LR)
                .set("base_lr", baseLr)
                .set("step_size", stepSize)
                .set("gamma", gamma)
                .preset();
    }

    /** {@code MultiStepLR(milestones)} (gamma 0.1). */
    public static Preset multiStepLR(double baseLr, long... milestones) {
        return multiStepLR(baseLr, milestones, 0.1);
    }

    /** {@code MultiStepLR(milestones, gamma)}. */
    public static Preset multiStepLR(double baseLr, long[] milestones, double gamma) {
        return call(TorchKinds.MULTI_STEP_LR)
                .set("base_lr", baseLr)
                .set("milestones", longs(milestones))
                .set("gamma", gamma)
                .preset();
    }

    /** {@code PolynomialLR()} (total_iters 5, power 1). */
    public static Preset polynomialLR(double baseLr) {
        return polynomialLR(baseLr, 5, 1.0);
    }

    /** {@code PolynomialLR(total_iters, power)}. */
    public static Preset polynomialLR(double baseLr, long totalIters, double power) {
        return call(TorchKinds.POLYNOMIAL_LR)
                .set("base_lr", baseLr)
                .set("total_iters", totalIters)
                .set("power", power)
                .preset();
    }

    /** {@code LinearLR()} (1/3 to 1 over 5 steps). */
    public static Preset linearLR(double baseLr) {
        return linearLR(baseLr, 1.0 / 3, 1.0, 5);
    }

    /** {@code LinearLR(start_factor, end_factor, total_iters)}. */
    public static Preset linearLR(double baseLr, double startFactor, double endFactor, long totalIters) {
        return call(TorchKinds.LINEAR_LR)
                .set("base_lr", baseLr)
                .set("start_factor", startFactor)
                .set("end_factor", endFactor)
                .set("total_iters", totalIters)
                .preset();
    }

    /** {@code ConstantLR()} (1/3 for 5 steps). */
    public static Preset constantLR(double baseLr) {
        return constantLR(baseLr, 1.0 / 3, 5);
    }

    /** {@code ConstantLR(factor, total_iters)}. */
    public static Preset constantLR(double baseLr, double factor, long totalIters) {
        return call(TorchKinds.CONSTANT_LR)
                .set("base_lr", baseLr)
                .set("factor", factor)
                .set("total_iters", totalIters)
                .preset();
    }

    /** {@code SequentialLR(schedulers, milestones)}: each scheduler restarts from its own step 0. */
    public static Preset sequentialLR(List<? extends Schedule> schedulers, long... milestones) {
        return call(TorchKinds.SEQUENTIAL_LR)
                .set("schedulers", List.copyOf(schedulers))
                .set("milestones", longs(milestones))
                .preset();
    }

    static List<Long> longs(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** {@code OneCycleLR}'s optional keyword arguments; defaults are PyTorch's. */
    public static final class OneCycleLRBuilder extends PresetCall<OneCycleLRBuilder> {
        OneCycleLRBuilder(double maxLr) {
            super(TorchKinds.ONE_CYCLE_LR);
            set("max_lr", maxLr);
        }

        /** {@code total_steps}: the cycle length in steps. */
        public OneCycleLRBuilder totalSteps(long totalSteps) {
            return set("total_steps", totalSteps);
        }

        /** {@code epochs}: with {@link #stepsPerEpoch}, the cycle length when total_steps is not given. */
        public OneCycleLRBuilder epochs(long epochs) {
            return set("epochs", epochs);
        }

        /** {@code steps_per_epoch}. */
        public OneCycleLRBuilder stepsPerEpoch(long stepsPerEpoch) {
            return set("steps_per_epoch", stepsPerEpoch);
        }

        /** {@code pct_start} (0.3): the fraction of the cycle spent increasing the lr. */
        public OneCycleLRBuilder pctStart(double pctStart) {
            return set("pct_start", pctStart);
        }

        /** {@code anneal_strategy} (cos). */
        public OneCycleLRBuilder annealStrategy(AnnealStrategy strategy) {
            return set("anneal_strategy", strategy.name().toLowerCase(Locale.ROOT));
        }

        /** {@code cycle_momentum} (true). */
        public OneCycleLRBuilder cycleMomentum(boolean cycleMomentum) {
            return set("cycle_momentum", cycleMomentum);
        }

        /** {@code base_momentum} (0.85): the momentum at the lr peak. */
        public OneCycleLRBuilder baseMomentum(double baseMomentum) {
            return set("base_momentum", baseMomentum);
        }

        /** {@code max_momentum} (0.95). */
        public OneCycleLRBuilder maxMomentum(double maxMomentum) {
            return set("max_momentum", maxMomentum);
        }

        /** {@code div_factor} (25): initial lr = max_lr / div_factor. */
        public OneCycleLRBuilder divFactor(double divFactor) {
            return set("div_factor", divFactor);
        }

        /** {@code final_div_factor} (1e4): min lr = initial lr / final_div_factor. */
        public OneCycleLRBuilder finalDivFactor(double finalDivFactor) {
            return set("final_div_factor", finalDivFactor);
        }

        /** {@code three_phase} (false). */
        public OneCycleLRBuilder threePhase(boolean threePhase) {
            return set("three_phase", threePhase);
        }

        /** The lr and (unless {@code cycleMomentum(false)}) momentum schedules. */
        public ScheduleSet build() {
            return presetSet();
        }

        /** The lr schedule alone ({@code torch.OneCycleLR.lr}). */
        public Preset lr() {
            return member(ScheduleSet.LR);
        }

        /** The momentum schedule alone ({@code torch.OneCycleLR.momentum}); for Adam it drives beta1. */
        public Preset momentum() {
            return member(ScheduleSet.MOMENTUM);
        }
    }

    /** {@code CyclicLR}'s optional keyword arguments; defaults are PyTorch's. */
    public static final class CyclicLRBuilder extends PresetCall<CyclicLRBuilder> {
        CyclicLRBuilder(double baseLr, double maxLr) {
            super(TorchKinds.CYCLIC_LR);
            set("base_lr", baseLr);
            set("max_lr", maxLr);
        }

        /** {@code step_size_up} (2000). */
        public CyclicLRBuilder stepSizeUp(double stepSizeUp) {
            return set("step_size_up", stepSizeUp);
        }

        /** {@code step_size_down} (= step_size_up). */
        public CyclicLRBuilder stepSizeDown(double stepSizeDown) {
            return set("step_size_down", stepSizeDown);
        }

        /** {@code mode} (triangular). */
        public CyclicLRBuilder mode(CyclicMode mode) {
            return set("mode", mode.name().toLowerCase(Locale.ROOT));
        }

        /** {@code gamma} (1.0), the base of exp_range's {@code gamma^step}. */
        public CyclicLRBuilder gamma(double gamma) {
            return set("gamma", gamma);
        }

        /**
         * {@code scale_fn} and {@code scale_mode}: a custom amplitude schedule, evaluated at the 1-based cycle
         * number or at the step; it replaces {@code mode}. Build it from schedtune's schedules to keep the
         * preset exportable (a lambda works but cannot be written to a config).
         */
        public CyclicLRBuilder scaleFn(Schedule scaleFn, ScaleMode scaleMode) {
            set("scale_fn", scaleFn);
            return set("scale_mode", scaleMode.name().toLowerCase(Locale.ROOT));
        }

        /** {@code cycle_momentum} (true). */
        public CyclicLRBuilder cycleMomentum(boolean cycleMomentum) {
            return set("cycle_momentum", cycleMomentum);
        }

        /** {@code base_momentum} (0.8): the momentum where the lr peaks. */
        public CyclicLRBuilder baseMomentum(double baseMomentum) {
            return set("base_momentum", baseMomentum);
        }

        /** {@code max_momentum} (0.9). */
        public CyclicLRBuilder maxMomentum(double maxMomentum) {
            return set("max_momentum", maxMomentum);
        }

        /** The lr and (unless {@code cycleMomentum(false)}) momentum schedules. */
        public ScheduleSet build() {
            return presetSet();
        }

        /** The lr schedule alone ({@code torch.CyclicLR.lr}). */
        public Preset lr() {
            return member(ScheduleSet.LR);
        }

        /** The momentum schedule alone ({@code torch.CyclicLR.momentum}). */
        public Preset momentum() {
            return member(ScheduleSet.MOMENTUM);
        }
    }
}
