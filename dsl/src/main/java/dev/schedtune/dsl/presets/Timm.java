package dev.schedtune.dsl.presets;

/**
 * timm's schedulers ({@code timm.scheduler}), reproduced exactly: the value at step {@code t} is what
 * timm sets when stepped with {@code t} ({@code step(epoch)} or {@code step_update(num_updates)}). {@code
 * baseLr} is the optimizer's initial lr. Each factory returns a {@link Preset} whose spec is the timm
 * call, e.g. {@code timm.CosineLRScheduler(base_lr=0.1, t_initial=100, warmup_t=5)}.
 */
public final class Timm {
    private Timm() {}

    /** {@code CosineLRScheduler(t_initial)}: one cosine from baseLr to 0, then 0. */
    public static Preset cosineLRScheduler(double baseLr, long tInitial) {
        return cosineLRSchedulerBuilder(baseLr, tInitial).build();
    }

    /** Starts a {@code CosineLRScheduler}. */
    public static CyclesBuilder cosineLRSchedulerBuilder(double baseLr, long tInitial) {
        return new CyclesBuilder(TimmKinds.COSINE_LR_SCHEDULER, baseLr, tInitial);
    }

    /** {@code TanhLRScheduler(t_initial)}. */
    public static Preset tanhLRScheduler(double baseLr, long tInitial) {
        return tanhLRSchedulerBuilder(baseLr, tInitial).build();
    }

    /** Starts a {@code TanhLRScheduler} (its builder also takes {@code lb}, {@code ub}; no k_decay). */
    public static CyclesBuilder tanhLRSchedulerBuilder(double baseLr, long tInitial) {
        return new CyclesBuilder(TimmKinds.TANH_LR_SCHEDULER, baseLr, tInitial);
    }

    /** {@code PolyLRScheduler(t_initial)} (power 0.5). */
    public static Preset polyLRScheduler(double baseLr, long tInitial) {
        return polyLRSchedulerBuilder(baseLr, tInitial).build();
    }

    /** Starts a {@code PolyLRScheduler} (its builder also takes {@code power}). */
    public static CyclesBuilder polyLRSchedulerBuilder(double baseLr, long tInitial) {
        return new CyclesBuilder(TimmKinds.POLY_LR_SCHEDULER, baseLr, tInitial);
    }

    /** {@code StepLRScheduler(decay_t, decay_rate)}. */
    public static Preset stepLRScheduler(double baseLr, double decayT, double decayRate) {
        return stepLRSchedulerBuilder(baseLr, decayT, decayRate).build();
    }

    /** Starts a {@code StepLRScheduler} (for its warmup). */
    public static StepBuilder stepLRSchedulerBuilder(double baseLr, double decayT, double decayRate) {
        return new StepBuilder(TimmKinds.STEP_LR_SCHEDULER, baseLr)
                .set("decay_t", decayT)
                .set("decay_rate", decayRate);
    }

    /** {@code MultiStepLRScheduler(decay_t, decay_rate)}: drops one step before each milestone. */
    public static Preset multiStepLRScheduler(double baseLr, double decayRate, long... decayT) {
        return multiStepLRSchedulerBuilder(baseLr, decayRate, decayT).build();
    }

    /** Starts a {@code MultiStepLRScheduler} (for its warmup). */
    public static StepBuilder multiStepLRSchedulerBuilder(double baseLr, double decayRate, long... decayT) {
        return new StepBuilder(TimmKinds.MULTI_STEP_LR_SCHEDULER, baseLr)
                .set("decay_t", Torch.longs(decayT))
                .set("decay_rate", decayRate);
    }

    /** The keyword arguments of the cycle schedulers (cosine, tanh, poly); defaults are timm's. */
    public static final class CyclesBuilder extends PresetCall<CyclesBuilder> {
        CyclesBuilder(PresetKind kind, double baseLr, long tInitial) {
            super(kind);
            set("base_lr", baseLr);
            set("t_initial", tInitial);
        }

        /** {@code lr_min} (0). */
        public CyclesBuilder lrMin(double lrMin) {
            return set("lr_min", lrMin);
        }

        /** {@code cycle_mul} (1): each cycle this many times longer. */
        public CyclesBuilder cycleMul(double cycleMul) {
            return set("cycle_mul", cycleMul);
        }

        /** {@code cycle_decay} (1): cycle i peaks at baseLr * cycle_decay^i. */
        public CyclesBuilder cycleDecay(double cycleDecay) {
            return set("cycle_decay", cycleDecay);
        }

        /** {@code cycle_limit} (1): the number of cycles before lr_min for good. */
        public CyclesBuilder cycleLimit(long cycleLimit) {
            return set("cycle_limit", cycleLimit);
        }

        /** {@code warmup_t} (0). */
        public CyclesBuilder warmupT(long warmupT) {
            return set("warmup_t", warmupT);
        }

        /** {@code warmup_lr_init} (0). */
        public CyclesBuilder warmupLrInit(double warmupLrInit) {
            return set("warmup_lr_init", warmupLrInit);
        }

        /** {@code warmup_prefix} (false): whether the cycles start after the warmup. */
        public CyclesBuilder warmupPrefix(boolean warmupPrefix) {
            return set("warmup_prefix", warmupPrefix);
        }

        /** {@code k_decay} (1; cosine and poly). */
        public CyclesBuilder kDecay(double kDecay) {
            return set("k_decay", kDecay);
        }

        /** {@code power} (0.5; poly only). */
        public CyclesBuilder power(double power) {
            return set("power", power);
        }

        /** {@code lb} (-7; tanh only). */
        public CyclesBuilder lb(double lb) {
            return set("lb", lb);
        }

        /** {@code ub} (3; tanh only). */
        public CyclesBuilder ub(double ub) {
            return set("ub", ub);
        }

        public Preset build() {
            return preset();
        }
    }

    /** The warmup arguments of the step schedulers (warmup_prefix defaults to true there). */
    public static final class StepBuilder extends PresetCall<StepBuilder> {
        StepBuilder(PresetKind kind, double baseLr) {
            super(kind);
            set("base_lr", baseLr);
        }

        /** {@code warmup_t} (0). */
        public StepBuilder warmupT(long warmupT) {
            return set("warmup_t", warmupT);
        }

        /** {@code warmup_lr_init} (0). */
        public StepBuilder warmupLrInit(double warmupLrInit) {
            return set("warmup_lr_init", warmupLrInit);
        }

        /** {@code warmup_prefix} (true). */
        public StepBuilder warmupPrefix(boolean warmupPrefix) {
            return set("warmup_prefix", warmupPrefix);
        }

        public Preset build() {
            return preset();
        }
    }
}
