package dev.schedtune.dsl.presets;

import static dev.schedtune.dsl.presets.PresetCall.call;

import dev.schedtune.dsl.Schedule;
import java.util.Locale;

/**
 * DJL's trackers ({@code ai.djl.training.tracker}), for users migrating from DJL: the same values in the
 * same training loop. DJL counts updates from 1; our step 0 is the first update, so a preset's value at
 * step {@code s} is the tracker's {@code getNewValue(s + 1)} (see PRESETS.md). DJL computes in float,
 * these presets in double (they agree to about 1e-6 of the schedule's scale).
 */
public final class Djl {
    private Djl() {}

    /** {@code WarmUpTracker.Mode}. */
    public enum WarmUpMode {
        LINEAR,
        CONSTANT
    }

    /** {@code CyclicalTracker.CyclicalMode}. */
    public enum CyclicalMode {
        TRIANGULAR,
        TRIANGULAR2,
        EXP_RANGE
    }

    /** {@code Tracker.factor().setBaseValue(b).setFactor(f)}: b * f^numUpdate. */
    public static Preset factorTracker(double baseValue, double factor) {
        return call(DjlKinds.FACTOR_TRACKER)
                .set("base_value", baseValue)
                .set("factor", factor)
                .preset();
    }

    /** As {@link #factorTracker(double, double)} with {@code optMinValue}. */
    public static Preset factorTrackerWithMinValue(double baseValue, double factor, double minValue) {
        return call(DjlKinds.FACTOR_TRACKER)
                .set("base_value", baseValue)
                .set("factor", factor)
                .set("min_value", minValue)
                .preset();
    }

    /** As {@link #factorTracker(double, double)} with {@code optMaxUpdates}. */
    public static Preset factorTrackerWithMaxUpdates(double baseValue, double factor, long maxUpdates) {
        return call(DjlKinds.FACTOR_TRACKER)
                .set("base_value", baseValue)
                .set("factor", factor)
                .set("max_updates", maxUpdates)
                .preset();
    }

    /** {@code Tracker.multiFactor().setBaseValue(b).setSteps(steps).optFactor(f)}. */
    public static Preset multiFactorTracker(double baseValue, double factor, long... steps) {
        return call(DjlKinds.MULTI_FACTOR_TRACKER)
                .set("base_value", baseValue)
                .set("steps", Torch.longs(steps))
                .set("factor", factor)
                .preset();
    }

    /** {@code Tracker.warmUp().setMainTracker(main).optWarmUpSteps(n)}: linear from 0. */
    public static Preset warmUpTracker(Schedule mainTracker, long warmUpSteps) {
        return warmUpTracker(mainTracker, warmUpSteps, 0.0, WarmUpMode.LINEAR);
    }

    /** {@code WarmUpTracker} with every option; {@code mainTracker} must be a djl.* preset. */
    public static Preset warmUpTracker(
            Schedule mainTracker, long warmUpSteps, double warmUpBeginValue, WarmUpMode warmUpMode) {
        return call(DjlKinds.WARM_UP_TRACKER)
                .set("main_tracker", mainTracker)
                .set("warm_up_steps", warmUpSteps)
                .set("warm_up_begin_value", warmUpBeginValue)
                .set("warm_up_mode", warmUpMode.name().toLowerCase(Locale.ROOT))
                .preset();
    }

    /** {@code Tracker.cosine().setBaseValue(b).setMaxUpdates(n)} (final value 0.01). */
    public static Preset cosineTracker(double baseValue, long maxUpdates) {
        return cosineTracker(baseValue, 0.01, maxUpdates);
    }

    /** {@code Tracker.cosine().setBaseValue(b).optFinalValue(f).setMaxUpdates(n)}. */
    public static Preset cosineTracker(double baseValue, double finalValue, long maxUpdates) {
        return call(DjlKinds.COSINE_TRACKER)
                .set("base_value", baseValue)
                .set("final_value", finalValue)
                .set("max_updates", maxUpdates)
                .preset();
    }

    /** Starts a {@code CyclicalTracker} with DJL's defaults (0.001 to 0.006, 2000 updates up). */
    public static CyclicalBuilder cyclicalTracker() {
        return new CyclicalBuilder();
    }

    /** {@code LinearTracker.builder().setBaseValue(b).optSlope(s)}: unbounded. */
    public static Preset linearTracker(double baseValue, double slope) {
        return call(DjlKinds.LINEAR_TRACKER)
                .set("base_value", baseValue)
                .set("slope", slope)
                .preset();
    }

    /** {@code LinearTracker} with {@code optMaxValue} (slope > 0) or {@code optMinValue} (slope < 0). */
    public static Preset linearTrackerWithBound(double baseValue, double slope, double bound) {
        return call(DjlKinds.LINEAR_TRACKER)
                .set("base_value", baseValue)
                .set("slope", slope)
                .set(slope > 0 ? "max_value" : "min_value", bound)
                .preset();
    }

    /** {@code LinearTracker} with {@code optMaxUpdates}. */
    public static Preset linearTrackerWithMaxUpdates(double baseValue, double slope, long maxUpdates) {
        return call(DjlKinds.LINEAR_TRACKER)
                .set("base_value", baseValue)
                .set("slope", slope)
                .set("max_updates", maxUpdates)
                .preset();
    }

    /** {@code PolynomialDecayTracker} (power 1). */
    public static Preset polynomialDecayTracker(double baseValue, double endLearningRate, long decaySteps) {
        return polynomialDecayTracker(baseValue, endLearningRate, decaySteps, 1.0);
    }

    /** {@code PolynomialDecayTracker} with {@code optPower}. */
    public static Preset polynomialDecayTracker(
            double baseValue, double endLearningRate, long decaySteps, double power) {
        return call(DjlKinds.POLYNOMIAL_DECAY_TRACKER)
                .set("base_value", baseValue)
                .set("end_learning_rate", endLearningRate)
                .set("decay_steps", decaySteps)
                .set("power", power)
                .preset();
    }

    /** {@code Tracker.fixed(value)}. */
    public static Preset fixedTracker(double value) {
        return call(DjlKinds.FIXED_TRACKER).set("value", value).preset();
    }

    /** {@code CyclicalTracker.Builder}'s options; defaults are DJL's. */
    public static final class CyclicalBuilder extends PresetCall<CyclicalBuilder> {
        CyclicalBuilder() {
            super(DjlKinds.CYCLICAL_TRACKER);
        }

        /** {@code optBaseValue} (0.001). */
        public CyclicalBuilder baseValue(double baseValue) {
            return set("base_value", baseValue);
        }

        /** {@code optMaxValue} (0.006). */
        public CyclicalBuilder maxValue(double maxValue) {
            return set("max_value", maxValue);
        }

        /** {@code optStepSizeUp} (2000). */
        public CyclicalBuilder stepSizeUp(long stepSizeUp) {
            return set("step_size_up", stepSizeUp);
        }

        /** {@code optStepSizeDown} (0 = stepSizeUp). */
        public CyclicalBuilder stepSizeDown(long stepSizeDown) {
            return set("step_size_down", stepSizeDown);
        }

        /** {@code optMode} (TRIANGULAR). */
        public CyclicalBuilder mode(CyclicalMode mode) {
            return set("mode", mode.name().toLowerCase(Locale.ROOT));
        }

        /** {@code optGamma} (1). */
        public CyclicalBuilder gamma(double gamma) {
            return set("gamma", gamma);
        }

        /**
         * {@code optScaleFunction} and {@code optScaleModeCycle}: an amplitude schedule evaluated at the
         * 1-based cycle ({@code byCycle}) or at DJL's 1-based numUpdate.
         */
        public CyclicalBuilder scaleFunction(Schedule scaleFunction, boolean byCycle) {
            set("scale_function", scaleFunction);
            return set("scale_mode_cycle", byCycle);
        }

        public Preset build() {
            return preset();
        }
    }
}
