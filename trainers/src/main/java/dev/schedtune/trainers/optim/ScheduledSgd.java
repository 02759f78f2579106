package dev.schedtune.trainers.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.schedtune.dsl.ScheduleSet;
import org.jspecify.annotations.Nullable;

/**
 * SGD with scheduled learning rate, momentum and weight decay, following {@code torch.optim.SGD}
 * exactly (momentum buffer {@code b = μ·b + (1 − τ)·d}, step {@code w −= lr·b}, or {@code w −= lr·(d +
 * μ·b)} with Nesterov).
 *
 * <p>Classical momentum runs as one fused PyTorch kernel per parameter (DJL's {@code sgdUpdate}). That
 * kernel keeps MXNet's form {@code v = m·v + lr·d; w −= v}, which equals PyTorch's rule when the buffer
 * is stored as {@code v = lr_t·b} and the kernel gets {@code m = μ_t·lr_t / lr_(t−1)}; this class keeps
 * that bookkeeping, so a learning rate that changes every step still gives PyTorch's trajectory. Steps
 * whose learning rate is below 1e-30 (where {@code lr·b} would underflow) and Nesterov steps use plain
 * tensor operations instead.
 */
final class ScheduledSgd extends ScheduledOptimizer {
    /** Below this learning rate the scaled buffer {@code lr·b} could lose precision in float32. */
    private static final double MIN_FUSED_LR = 1e-30;

    ScheduledSgd(OptimizerSpec spec, ScheduleSet schedules) {
        super(spec, schedules);
    }

    @Override
    void apply(State state, PtNDArray weight, PtNDArray grad, float gradScale) {
        double mu = momentum;
        if (mu == 0) {
            // PyTorch skips the buffer entirely when momentum is 0
            fusedKernel(weight, grad, null, lr, gradScale, 0);
        } else if (!spec.nesterov() && lr >= MIN_FUSED_LR) {
            fused(state, weight, grad, gradScale, mu);
        } else {
            exact(state, weight, grad, gradScale, mu);
        }
        JniUtils.zeroGrad(weight);
    }

    private void fused(State state, PtNDArray weight, PtNDArray grad, float gradScale, double mu) {
        PtNDArray buffer = state.first;
        double m;
        double gradFactor;
        if (buffer == null) {
            buffer = (PtNDArray) weight.zerosLike();
            state.first = buffer;
            // first step: b = d, no dampening; the kernel skips its buffer when m is 0, so pass 1
            // (the buffer is zero, so m has no other effect)
            m = 1;
            gradFactor = lr;
        } else {
            m = mu * lr / state.scale;
            gradFactor = lr * (1 - spec.dampening());
        }
        fusedKernel(weight, grad, buffer, gradFactor, gradScale, m);
        state.scale = lr;
    }

    /**
     * The kernel computes {@code d = (g·rescale + wd·w)·factor} (then {@code v = m·v + d; w −= v}); with
     * {@code rescale} 1 it skips one multiplication, so the gradient scale moves into {@code factor} and
     * {@code wd}: {@code (g + (wd/s)·w)·(factor·s) = (g·s + wd·w)·factor}.
     */
    private void fusedKernel(
            PtNDArray weight, PtNDArray grad, @Nullable PtNDArray buffer, double factor, float gradScale, double m) {
        JniUtils.sgdUpdate(
                weight, grad, buffer, (float) (factor * gradScale), (float) (weightDecay / gradScale), 1f, -1f, (float)
                        m);
    }

    /** PyTorch's rule with plain tensor operations, the buffer stored unscaled. */
    private void exact(State state, PtNDArray weight, PtNDArray grad, float gradScale, double mu) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDArray d = grad.mul(gradScale)) {
            if (weightDecay != 0) {
                try (NDArray decay = weight.mul((float) weightDecay)) {
                    d.addi(decay);
                }
            }
            PtNDArray buffer = state.first;
            if (buffer == null) {
                buffer = (PtNDArray) weight.zerosLike();
                state.first = buffer;
                buffer.addi(d);
            } else {
                if (state.scale != 1) {
                    buffer.muli((float) (1 / state.scale));
                }
                buffer.muli((float) mu);
                try (NDArray damped = d.mul((float) (1 - spec.dampening()))) {
                    buffer.addi(damped);
                }
            }
            state.scale = 1;
            if (lr != 0) {
                if (spec.nesterov()) {
                    try (NDArray look = buffer.mul((float) mu)) {
                        d.addi(look);
                    }
                    try (NDArray step = d.mul((float) lr)) {
                        weight.subi(step);
                    }
                } else {
                    try (NDArray step = buffer.mul((float) lr)) {
                        weight.subi(step);
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }
}
