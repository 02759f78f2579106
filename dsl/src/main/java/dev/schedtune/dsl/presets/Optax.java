package dev.schedtune.dsl.presets;

import static dev.schedtune.dsl.presets.PresetCall.call;

import dev.schedtune.dsl.Schedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Optax's schedules ({@code optax.schedules}), reproduced exactly in double precision (Optax with {@code
 * jax_enable_x64}; see PRESETS.md). Each factory returns a {@link Preset} whose spec is the Optax call,
 * e.g. {@code optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=1.0, warmup_steps=3,
 * decay_steps=10)}.
 */
public final class Optax {
    private Optax() {}

    /** {@code piecewise_interpolate_schedule}'s {@code interpolate_type}. */
    public enum InterpolateType {
        /** {@code 'linear'}. */
        LINEAR,
        /** {@code 'cosine'}. */
        COSINE
    }

    /** {@code constant_schedule(value)}. */
    public static Preset constantSchedule(double value) {
        return call(OptaxKinds.CONSTANT_SCHEDULE).set("value", value).preset();
    }

    /** {@code linear_schedule(init_value, end_value, transition_steps)}. */
    public static Preset linearSchedule(double initValue, double endValue, long transitionSteps) {
        return linearSchedule(initValue, endValue, transitionSteps, 0);
    }

    /** {@code linear_schedule(init_value, end_value, transition_steps, transition_begin)}. */
    public static Preset linearSchedule(double initValue, double endValue, long transitionSteps, long transitionBegin) {
        return call(OptaxKinds.LINEAR_SCHEDULE)
                .set("init_value", initValue)
                .set("end_value", endValue)
                .set("transition_steps", transitionSteps)
                .set("transition_begin", transitionBegin)
                .preset();
    }

    /** {@code polynomial_schedule(init_value, end_value, power, transition_steps)}. */
    public static Preset polynomialSchedule(double initValue, double endValue, double power, long transitionSteps) {
        return polynomialSchedule(initValue, endValue, power, transitionSteps, 0);
    }

    /** {@code polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin)}. */
    public static Preset polynomialSchedule(
            double initValue, double endValue, double power, long transitionSteps, long transitionBegin) {
        return call(OptaxKinds.POLYNOMIAL_SCHEDULE)
                .set("init_value", initValue)
                .set("end_value", endValue)
                .set("power", power)
                .set("transition_steps", transitionSteps)
                .set("transition_begin", transitionBegin)
                .preset();
    }

    /** {@code warmup_constant_schedule(init_value, peak_value, warmup_steps)}. */
    public static Preset warmupConstantSchedule(double initValue, double peakValue, long warmupSteps) {
        return call(OptaxKinds.WARMUP_CONSTANT_SCHEDULE)
                .set("init_value", initValue)
                .set("peak_value", peakValue)
                .set("warmup_steps", warmupSteps)
                .preset();
    }

    /** {@code warmup_cosine_decay_schedule(init, peak, warmup_steps, decay_steps)}: decay_steps counts the warmup. */
    public static Preset warmupCosineDecaySchedule(
            double initValue, double peakValue, long warmupSteps, long decaySteps) {
        return warmupCosineDecaySchedule(initValue, peakValue, warmupSteps, decaySteps, 0.0, 1.0);
    }

    /** {@code warmup_cosine_decay_schedule(init, peak, warmup_steps, decay_steps, end_value)}. */
    public static Preset warmupCosineDecaySchedule(
            double initValue, double peakValue, long warmupSteps, long decaySteps, double endValue) {
        return warmupCosineDecaySchedule(initValue, peakValue, warmupSteps, decaySteps, endValue, 1.0);
    }

    /** {@code warmup_cosine_decay_schedule(init, peak, warmup_steps, decay_steps, end_value, exponent)}. */
    public static Preset warmupCosineDecaySchedule(
            double initValue, double peakValue, long warmupSteps, long decaySteps, double endValue, double exponent) {
        return call(OptaxKinds.WARMUP_COSINE_DECAY_SCHEDULE)
                .set("init_value", initValue)
                .set("peak_value", peakValue)
                .set("warmup_steps", warmupSteps)
                .set("decay_steps", decaySteps)
                .set("end_value", endValue)
                .set("exponent", exponent)
                .preset();
    }

    /** {@code exponential_decay(init_value, transition_steps, decay_rate)}. */
    public static Preset exponentialDecay(double initValue, long transitionSteps, double decayRate) {
        return exponentialDecayBuilder(initValue, transitionSteps, decayRate).build();
    }

    /** Starts an {@code exponential_decay} with optional transition_begin, staircase and end_value. */
    public static ExponentialDecayBuilder exponentialDecayBuilder(
            double initValue, long transitionSteps, double decayRate) {
        return new ExponentialDecayBuilder(OptaxKinds.EXPONENTIAL_DECAY)
                .set("init_value", initValue)
                .set("transition_steps", transitionSteps)
                .set("decay_rate", decayRate);
    }

    /** Starts a {@code warmup_exponential_decay_schedule}: a linear warmup, then {@code exponential_decay}. */
    public static ExponentialDecayBuilder warmupExponentialDecayScheduleBuilder(
            double initValue, double peakValue, long warmupSteps, long transitionSteps, double decayRate) {
        return new ExponentialDecayBuilder(OptaxKinds.WARMUP_EXPONENTIAL_DECAY_SCHEDULE)
                .set("init_value", initValue)
                .set("peak_value", peakValue)
                .set("warmup_steps", warmupSteps)
                .set("transition_steps", transitionSteps)
                .set("decay_rate", decayRate);
    }

    /** {@code cosine_decay_schedule(init_value, decay_steps)}. */
    public static Preset cosineDecaySchedule(double initValue, long decaySteps) {
        return cosineDecaySchedule(initValue, decaySteps, 0.0, 1.0);
    }

    /** {@code cosine_decay_schedule(init_value, decay_steps, alpha)}. */
    public static Preset cosineDecaySchedule(double initValue, long decaySteps, double alpha) {
        return cosineDecaySchedule(initValue, decaySteps, alpha, 1.0);
    }

    /** {@code cosine_decay_schedule(init_value, decay_steps, alpha, exponent)}. */
    public static Preset cosineDecaySchedule(double initValue, long decaySteps, double alpha, double exponent) {
        return call(OptaxKinds.COSINE_DECAY_SCHEDULE)
                .set("init_value", initValue)
                .set("decay_steps", decaySteps)
                .set("alpha", alpha)
                .set("exponent", exponent)
                .preset();
    }

    /** {@code piecewise_constant_schedule(init_value, {step: scale, ...})}. */
    public static Preset piecewiseConstantSchedule(double initValue, Map<Long, Double> boundariesAndScales) {
        return call(OptaxKinds.PIECEWISE_CONSTANT_SCHEDULE)
                .set("init_value", initValue)
                .set("boundaries_and_scales", keysAsText(boundariesAndScales))
                .preset();
    }

    /** {@code piecewise_interpolate_schedule(interpolate_type, init_value, {step: scale, ...})}. */
    public static Preset piecewiseInterpolateSchedule(
            InterpolateType type, double initValue, Map<Long, Double> boundariesAndScales) {
        return call(OptaxKinds.PIECEWISE_INTERPOLATE_SCHEDULE)
                .set("interpolate_type", type)
                .set("init_value", initValue)
                .set("boundaries_and_scales", keysAsText(boundariesAndScales))
                .preset();
    }

    /** {@code linear_onecycle_schedule(transition_steps, peak_value)} with Optax's defaults. */
    public static Preset linearOnecycleSchedule(long transitionSteps, double peakValue) {
        return linearOnecycleScheduleBuilder(transitionSteps, peakValue).build();
    }

    /** Starts a {@code linear_onecycle_schedule}. */
    public static OnecycleBuilder linearOnecycleScheduleBuilder(long transitionSteps, double peakValue) {
        return new OnecycleBuilder(OptaxKinds.LINEAR_ONECYCLE_SCHEDULE)
                .set("transition_steps", transitionSteps)
                .set("peak_value", peakValue);
    }

    /** {@code cosine_onecycle_schedule(transition_steps, peak_value)}: peaks at int(0.3 T), one step after PyTorch. */
    public static Preset cosineOnecycleSchedule(long transitionSteps, double peakValue) {
        return cosineOnecycleScheduleBuilder(transitionSteps, peakValue).build();
    }

    /** Starts a {@code cosine_onecycle_schedule} (its builder has no {@code pctFinal}). */
    public static OnecycleBuilder cosineOnecycleScheduleBuilder(long transitionSteps, double peakValue) {
        return new OnecycleBuilder(OptaxKinds.COSINE_ONECYCLE_SCHEDULE)
                .set("transition_steps", transitionSteps)
                .set("peak_value", peakValue);
    }

    /** {@code join_schedules(schedules, boundaries)}: each piece sees the step minus its boundary. */
    public static Preset joinSchedules(List<? extends Schedule> schedules, long... boundaries) {
        return call(OptaxKinds.JOIN_SCHEDULES)
                .set("schedules", List.copyOf(schedules))
                .set("boundaries", Torch.longs(boundaries))
                .preset();
    }

    /** {@code sgdr_schedule(cosine_kwargs)}: one {@code warmup_cosine_decay_schedule} per element (see {@link #cosineKwargs}). */
    public static Preset sgdrSchedule(List<Map<String, Object>> cosineKwargs) {
        return call(OptaxKinds.SGDR_SCHEDULE)
                .set("cosine_kwargs", List.copyOf(cosineKwargs))
                .preset();
    }

    /** One element of {@code sgdr_schedule}'s {@code cosine_kwargs} (end_value 0, exponent 1). */
    public static Map<String, Object> cosineKwargs(
            double initValue, double peakValue, long warmupSteps, long decaySteps) {
        return cosineKwargs(initValue, peakValue, warmupSteps, decaySteps, 0.0, 1.0);
    }

    /** One element of {@code sgdr_schedule}'s {@code cosine_kwargs}. */
    public static Map<String, Object> cosineKwargs(
            double initValue, double peakValue, long warmupSteps, long decaySteps, double endValue, double exponent) {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("init_value", initValue);
        kw.put("peak_value", peakValue);
        kw.put("warmup_steps", warmupSteps);
        kw.put("decay_steps", decaySteps);
        kw.put("end_value", endValue);
        kw.put("exponent", exponent);
        return Map.copyOf(kw);
    }

    private static Map<String, Double> keysAsText(Map<Long, Double> boundariesAndScales) {
        Map<String, Double> out = new LinkedHashMap<>();
        boundariesAndScales.forEach((step, scale) -> out.put(Long.toString(step), scale));
        return out;
    }

    /** The optional arguments of {@code exponential_decay} and {@code warmup_exponential_decay_schedule}. */
    public static final class ExponentialDecayBuilder extends PresetCall<ExponentialDecayBuilder> {
        ExponentialDecayBuilder(PresetKind kind) {
            super(kind);
        }

        /** {@code transition_begin} (0): steps (after the warmup, if any) before the decay starts. */
        public ExponentialDecayBuilder transitionBegin(long transitionBegin) {
            return set("transition_begin", transitionBegin);
        }

        /** {@code staircase} (false). */
        public ExponentialDecayBuilder staircase(boolean staircase) {
            return set("staircase", staircase);
        }

        /** {@code end_value} (none): a floor when decaying, a ceiling when growing. */
        public ExponentialDecayBuilder endValue(double endValue) {
            return set("end_value", endValue);
        }

        public Preset build() {
            return preset();
        }
    }

    /** The optional arguments of Optax's one-cycle schedules. */
    public static final class OnecycleBuilder extends PresetCall<OnecycleBuilder> {
        OnecycleBuilder(PresetKind kind) {
            super(kind);
        }

        /** {@code pct_start} (0.3). */
        public OnecycleBuilder pctStart(double pctStart) {
            return set("pct_start", pctStart);
        }

        /** {@code pct_final} (0.85; linear_onecycle_schedule only). */
        public OnecycleBuilder pctFinal(double pctFinal) {
            return set("pct_final", pctFinal);
        }

        /** {@code div_factor} (25). */
        public OnecycleBuilder divFactor(double divFactor) {
            return set("div_factor", divFactor);
        }

        /** {@code final_div_factor} (1e4). */
        public OnecycleBuilder finalDivFactor(double finalDivFactor) {
            return set("final_div_factor", finalDivFactor);
        }

        public Preset build() {
            return preset();
        }
    }
}
