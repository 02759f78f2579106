package dev.schedtune.dsl.presets;

import static dev.schedtune.dsl.presets.PresetCall.call;

import java.util.Arrays;
import java.util.List;

/**
 * Keras 3's learning-rate schedules ({@code keras.optimizers.schedules}), reproduced exactly in double
 * precision (Keras with floatx float64; see PRESETS.md). The step is the optimizer's 0-based {@code
 * iterations}. Each factory returns a {@link Preset} whose spec is the Keras call, e.g. {@code
 * keras.CosineDecay(initial_learning_rate=0.1, decay_steps=1000)}.
 */
public final class Keras {
    private Keras() {}

    /** {@code ExponentialDecay(initial_learning_rate, decay_steps, decay_rate)}. */
    public static Preset exponentialDecay(double initialLearningRate, double decaySteps, double decayRate) {
        return exponentialDecay(initialLearningRate, decaySteps, decayRate, false);
    }

    /** {@code ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, staircase)}. */
    public static Preset exponentialDecay(
            double initialLearningRate, double decaySteps, double decayRate, boolean staircase) {
        return call(KerasKinds.EXPONENTIAL_DECAY)
                .set("initial_learning_rate", initialLearningRate)
                .set("decay_steps", decaySteps)
                .set("decay_rate", decayRate)
                .set("staircase", staircase)
                .preset();
    }

    /** {@code PiecewiseConstantDecay(boundaries, values)}: values[i+1] from step boundaries[i] + 1. */
    public static Preset piecewiseConstantDecay(long[] boundaries, double[] values) {
        return call(KerasKinds.PIECEWISE_CONSTANT_DECAY)
                .set("boundaries", Torch.longs(boundaries))
                .set("values", doubles(values))
                .preset();
    }

    /** {@code PolynomialDecay(initial_learning_rate, decay_steps)} (end 1e-4, power 1, no cycle). */
    public static Preset polynomialDecay(double initialLearningRate, double decaySteps) {
        return polynomialDecay(initialLearningRate, decaySteps, 0.0001, 1.0, false);
    }

    /** {@code PolynomialDecay(initial_learning_rate, decay_steps, end_learning_rate, power, cycle)}. */
    public static Preset polynomialDecay(
            double initialLearningRate, double decaySteps, double endLearningRate, double power, boolean cycle) {
        return call(KerasKinds.POLYNOMIAL_DECAY)
                .set("initial_learning_rate", initialLearningRate)
                .set("decay_steps", decaySteps)
                .set("end_learning_rate", endLearningRate)
                .set("power", power)
                .set("cycle", cycle)
                .preset();
    }

    /** {@code InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate)}. */
    public static Preset inverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate) {
        return inverseTimeDecay(initialLearningRate, decaySteps, decayRate, false);
    }

    /** {@code InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate, staircase)}. */
    public static Preset inverseTimeDecay(
            double initialLearningRate, double decaySteps, double decayRate, boolean staircase) {
        return call(KerasKinds.INVERSE_TIME_DECAY)
                .set("initial_learning_rate", initialLearningRate)
                .set("decay_steps", decaySteps)
                .set("decay_rate", decayRate)
                .set("staircase", staircase)
                .preset();
    }

    /** {@code CosineDecay(initial_learning_rate, decay_steps)}. */
    public static Preset cosineDecay(double initialLearningRate, double decaySteps) {
        return cosineDecay(initialLearningRate, decaySteps, 0.0);
    }

    /** {@code CosineDecay(initial_learning_rate, decay_steps, alpha)}. */
    public static Preset cosineDecay(double initialLearningRate, double decaySteps, double alpha) {
        return call(KerasKinds.COSINE_DECAY)
                .set("initial_learning_rate", initialLearningRate)
                .set("decay_steps", decaySteps)
                .set("alpha", alpha)
                .preset();
    }

    /**
     * {@code CosineDecay(initial_learning_rate, decay_steps, alpha, warmup_target=..., warmup_steps=...)}: a
     * linear warmup to {@code warmupTarget}, then the cosine over {@code decaySteps} more steps.
     */
    public static Preset cosineDecay(
            double initialLearningRate, double decaySteps, double alpha, double warmupTarget, double warmupSteps) {
        return call(KerasKinds.COSINE_DECAY)
                .set("initial_learning_rate", initialLearningRate)
                .set("decay_steps", decaySteps)
                .set("alpha", alpha)
                .set("warmup_target", warmupTarget)
                .set("warmup_steps", warmupSteps)
                .preset();
    }

    /** {@code CosineDecayRestarts(initial_learning_rate, first_decay_steps)} (t_mul 2, m_mul 1, alpha 0). */
    public static Preset cosineDecayRestarts(double initialLearningRate, double firstDecaySteps) {
        return cosineDecayRestarts(initialLearningRate, firstDecaySteps, 2.0, 1.0, 0.0);
    }

    /** {@code CosineDecayRestarts(initial_learning_rate, first_decay_steps, t_mul, m_mul, alpha)}. */
    public static Preset cosineDecayRestarts(
            double initialLearningRate, double firstDecaySteps, double tMul, double mMul, double alpha) {
        return call(KerasKinds.COSINE_DECAY_RESTARTS)
                .set("initial_learning_rate", initialLearningRate)
                .set("first_decay_steps", firstDecaySteps)
                .set("t_mul", tMul)
                .set("m_mul", mMul)
                .set("alpha", alpha)
                .preset();
    }

    private static List<Double> doubles(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
