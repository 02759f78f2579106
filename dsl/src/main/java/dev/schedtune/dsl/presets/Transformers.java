package dev.schedtune.dsl.presets;

import static dev.schedtune.dsl.presets.PresetCall.call;

import java.util.Locale;
import java.util.Map;

/**
 * Hugging Face transformers' schedules ({@code transformers.optimization}), reproduced exactly. {@code
 * baseLr} is the optimizer's initial lr (HF multiplies it by a factor); the warmup starts at 0. Names
 * follow the public functions: {@code getCosineScheduleWithWarmup} is {@code
 * transformers.get_cosine_schedule_with_warmup}; {@link #getScheduler} mirrors {@code get_scheduler(name,
 * ...)}.
 */
public final class Transformers {
    private Transformers() {}

    /** The names {@code get_scheduler} accepts ({@code SchedulerType}, without the metric-driven plateau). */
    public enum SchedulerType {
        LINEAR,
        COSINE,
        COSINE_WITH_RESTARTS,
        POLYNOMIAL,
        CONSTANT,
        CONSTANT_WITH_WARMUP,
        INVERSE_SQRT,
        COSINE_WITH_MIN_LR,
        COSINE_WARMUP_WITH_MIN_LR,
        WARMUP_STABLE_DECAY;

        /** The name as transformers spells it ({@code "cosine_with_restarts"}). */
        public String typeName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The warmup and decay shapes of {@code get_wsd_schedule}. */
    public enum WsdShape {
        LINEAR("linear"),
        COSINE("cosine"),
        ONE_MINUS_SQRT("1-sqrt");

        private final String typeName;

        WsdShape(String typeName) {
            this.typeName = typeName;
        }

        /** The name as transformers spells it ({@code "1-sqrt"}). */
        public String typeName() {
            return typeName;
        }
    }

    /** {@code get_constant_schedule}. */
    public static Preset getConstantSchedule(double baseLr) {
        return call(TransformersKinds.CONSTANT).set("base_lr", baseLr).preset();
    }

    /** {@code get_constant_schedule_with_warmup(num_warmup_steps)}. */
    public static Preset getConstantScheduleWithWarmup(double baseLr, long numWarmupSteps) {
        return call(TransformersKinds.CONSTANT_WITH_WARMUP)
                .set("base_lr", baseLr)
                .set("num_warmup_steps", numWarmupSteps)
                .preset();
    }

    /** {@code get_linear_schedule_with_warmup(num_warmup_steps, num_training_steps)}. */
    public static Preset getLinearScheduleWithWarmup(double baseLr, long numWarmupSteps, long numTrainingSteps) {
        return call(TransformersKinds.LINEAR)
                .set("base_lr", baseLr)
                .set("num_warmup_steps", numWarmupSteps)
                .set("num_training_steps", numTrainingSteps)
                .preset();
    }

    /** {@code get_cosine_schedule_with_warmup(num_warmup_steps, num_training_steps)} (num_cycles 0.5). */
    public static Preset getCosineScheduleWithWarmup(double baseLr, long numWarmupSteps, long numTrainingSteps) {
        return getCosineScheduleWithWarmup(baseLr, numWarmupSteps, numTrainingSteps, 0.5);
    }

    /** {@code get_cosine_schedule_with_warmup(num_warmup_steps, num_training_steps, num_cycles)}. */
    public static Preset getCosineScheduleWithWarmup(
            double baseLr, long numWarmupSteps, long numTrainingSteps, double numCycles) {
        return call(TransformersKinds.COSINE)
                .set("base_lr", baseLr)
                .set("num_warmup_steps", numWarmupSteps)
                .set("num_training_steps", numTrainingSteps)
                .set("num_cycles", numCycles)
                .preset();
    }

    /** {@code get_cosine_with_hard_restarts_schedule_with_warmup(..., num_cycles)}. */
    public static Preset getCosineWithHardRestartsScheduleWithWarmup(
            double baseLr, long numWarmupSteps, long numTrainingSteps, long numCycles) {
        return call(TransformersKinds.COSINE_WITH_HARD_RESTARTS)
                .set("base_lr", baseLr)
                .set("num_warmup_steps", numWarmupSteps)
                .set("num_training_steps", numTrainingSteps)
                .set("num_cycles", numCycles)
                .preset();
    }

    /** {@code get_polynomial_decay_schedule_with_warmup(...)} (lr_end 1e-7, power 1). */
    public static Preset getPolynomialDecayScheduleWithWarmup(
            double baseLr, long numWarmupSteps, long numTrainingSteps) {
        return getPolynomialDecayScheduleWithWarmup(baseLr, numWarmupSteps, numTrainingSteps, 1e-7, 1.0);
    }

    /** {@code get_polynomial_decay_schedule_with_warmup(..., lr_end, power)}. */
    public static Preset getPolynomialDecayScheduleWithWarmup(
            double baseLr, long numWarmupSteps, long numTrainingSteps, double lrEnd, double power) {
        return call(TransformersKinds.POLYNOMIAL)
                .set("base_lr", baseLr)
                .set("num_warmup_steps", numWarmupSteps)
                .set("num_training_steps", numTrainingSteps)
                .set("lr_end", lrEnd)
                .set("power", power)
                .preset();
    }

    /** {@code get_inverse_sqrt_schedule(num_warmup_steps)} (timescale = num_warmup_steps, or 10000). */
    public static Preset getInverseSqrtSchedule(double baseLr, long numWarmupSteps) {
        return call(TransformersKinds.INVERSE_SQRT)
                .set("base_lr", baseLr)
                .set("num_warmup_steps", numWarmupSteps)
                .preset();
    }

    /** {@code get_inverse_sqrt_schedule(num_warmup_steps, timescale)}. */
    public static Preset getInverseSqrtSchedule(double baseLr, long numWarmupSteps, long timescale) {
        return call(TransformersKinds.INVERSE_SQRT)
                .set("base_lr", baseLr)
                .set("num_warmup_steps", numWarmupSteps)
                .set("timescale", timescale)
                .preset();
    }

    /** Starts {@code get_cosine_with_min_lr_schedule_with_warmup}; give {@code minLr} or {@code minLrRate}. */
    public static CosineWithMinLrBuilder getCosineWithMinLrScheduleWithWarmupBuilder(
            double baseLr, long numWarmupSteps, long numTrainingSteps) {
        return new CosineWithMinLrBuilder(
                TransformersKinds.COSINE_WITH_MIN_LR, baseLr, numWarmupSteps, numTrainingSteps);
    }

    /**
     * Starts {@code get_cosine_with_min_lr_schedule_with_warmup_lr_rate} (the {@code
     * cosine_warmup_with_min_lr} type, one step ahead of the plain one); give {@code minLr} or {@code
     * minLrRate}, optionally {@code warmupLrRate}.
     */
    public static CosineWithMinLrBuilder getCosineWithMinLrScheduleWithWarmupLrRateBuilder(
            double baseLr, long numWarmupSteps, long numTrainingSteps) {
        return new CosineWithMinLrBuilder(
                TransformersKinds.COSINE_WARMUP_WITH_MIN_LR, baseLr, numWarmupSteps, numTrainingSteps);
    }

    /** Starts {@code get_wsd_schedule}; give {@code numStableSteps} or {@code numTrainingSteps}. */
    public static WsdBuilder getWsdScheduleBuilder(double baseLr, long numWarmupSteps, long numDecaySteps) {
        return new WsdBuilder(baseLr, numWarmupSteps, numDecaySteps);
    }

    /** Starts {@code get_scheduler(name, ...)}, dispatching to the function of that type as transformers does. */
    public static GetSchedulerBuilder getScheduler(SchedulerType name, double baseLr) {
        return new GetSchedulerBuilder(name, baseLr);
    }

    /** The arguments of the two cosine-with-minimum-lr functions. */
    public static final class CosineWithMinLrBuilder extends PresetCall<CosineWithMinLrBuilder> {
        CosineWithMinLrBuilder(PresetKind kind, double baseLr, long numWarmupSteps, long numTrainingSteps) {
            super(kind);
            set("base_lr", baseLr);
            set("num_warmup_steps", numWarmupSteps);
            set("num_training_steps", numTrainingSteps);
        }

        /** {@code num_cycles} (0.5). */
        public CosineWithMinLrBuilder numCycles(double numCycles) {
            return set("num_cycles", numCycles);
        }

        /** {@code min_lr}: the minimum lr (or {@link #minLrRate}). */
        public CosineWithMinLrBuilder minLr(double minLr) {
            return set("min_lr", minLr);
        }

        /** {@code min_lr_rate}: the minimum lr as a fraction of base_lr (or {@link #minLr}). */
        public CosineWithMinLrBuilder minLrRate(double minLrRate) {
            return set("min_lr_rate", minLrRate);
        }

        /** {@code warmup_lr_rate} (the {@code _lr_rate} variant only). */
        public CosineWithMinLrBuilder warmupLrRate(double warmupLrRate) {
            return set("warmup_lr_rate", warmupLrRate);
        }

        public Preset build() {
            return preset();
        }
    }

    /** The arguments of {@code get_wsd_schedule}. */
    public static final class WsdBuilder extends PresetCall<WsdBuilder> {
        WsdBuilder(double baseLr, long numWarmupSteps, long numDecaySteps) {
            super(TransformersKinds.WSD);
            set("base_lr", baseLr);
            set("num_warmup_steps", numWarmupSteps);
            set("num_decay_steps", numDecaySteps);
        }

        /** {@code num_training_steps}: the stable phase is what the warmup and decay leave of it. */
        public WsdBuilder numTrainingSteps(long numTrainingSteps) {
            return set("num_training_steps", numTrainingSteps);
        }

        /** {@code num_stable_steps} (wins over num_training_steps). */
        public WsdBuilder numStableSteps(long numStableSteps) {
            return set("num_stable_steps", numStableSteps);
        }

        /** {@code warmup_type} (linear). */
        public WsdBuilder warmupType(WsdShape type) {
            return set("warmup_type", type.typeName());
        }

        /** {@code decay_type} (cosine). */
        public WsdBuilder decayType(WsdShape type) {
            return set("decay_type", type.typeName());
        }

        /** {@code min_lr_ratio} (0). */
        public WsdBuilder minLrRatio(double minLrRatio) {
            return set("min_lr_ratio", minLrRatio);
        }

        /** {@code num_cycles} (0.5) of the cosine decay. */
        public WsdBuilder numCycles(double numCycles) {
            return set("num_cycles", numCycles);
        }

        public Preset build() {
            return preset();
        }
    }

    /** The arguments of {@code get_scheduler}. */
    public static final class GetSchedulerBuilder extends PresetCall<GetSchedulerBuilder> {
        GetSchedulerBuilder(SchedulerType name, double baseLr) {
            super(TransformersKinds.GET_SCHEDULER);
            set("name", name.typeName());
            set("base_lr", baseLr);
        }

        /** {@code num_warmup_steps} (required by every type but constant). */
        public GetSchedulerBuilder numWarmupSteps(long numWarmupSteps) {
            return set("num_warmup_steps", numWarmupSteps);
        }

        /** {@code num_training_steps}. */
        public GetSchedulerBuilder numTrainingSteps(long numTrainingSteps) {
            return set("num_training_steps", numTrainingSteps);
        }

        /** {@code scheduler_specific_kwargs}, e.g. {@code Map.of("num_cycles", 2)}. */
        public GetSchedulerBuilder schedulerSpecificKwargs(Map<String, ?> kwargs) {
            return set("scheduler_specific_kwargs", Map.copyOf(kwargs));
        }

        public Preset build() {
            return preset();
        }
    }
}
