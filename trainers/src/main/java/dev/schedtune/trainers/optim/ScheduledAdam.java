package dev.schedtune.trainers.optim;

import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.schedtune.dsl.ScheduleSet;

/**
 * Adam and AdamW with scheduled learning rate, β1, β2 and weight decay, following {@code
 * torch.optim.Adam} / {@code AdamW} exactly, bias corrections included ({@code 1 − β1^t} with the β1 of
 * step t, as PyTorch computes them when {@code OneCycleLR} cycles β1).
 *
 * <p>Each update is one fused PyTorch kernel per parameter (DJL's {@code adamUpdate}), which computes
 * {@code w −= c·m / (√v + ε')}; PyTorch's {@code lr/(1 − β1^t) · m / (√v/√(1 − β2^t) + ε)} is the
 * same with {@code c = lr·√(1 − β2^t)/(1 − β1^t)} and {@code ε' = ε·√(1 − β2^t)}.
 */
final class ScheduledAdam extends ScheduledOptimizer {

    ScheduledAdam(OptimizerSpec spec, ScheduleSet schedules) {
        super(spec, schedules);
    }

    @Override
    void apply(State state, PtNDArray weight, PtNDArray grad, float gradScale) {
        PtNDArray m = state.first;
        PtNDArray v = state.second;
        if (m == null || v == null) {
            m = (PtNDArray) weight.zerosLike();
            v = (PtNDArray) weight.zerosLike();
            state.first = m;
            state.second = v;
        }
        double t = currentStep() + 1;
        double bc1 = 1 - Math.pow(beta1, t);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, t));
        JniUtils.adamUpdate(
                weight,
                grad,
                m,
                v,
                (float) lr,
                (float) (lr * sqrtBc2 / bc1),
                (float) weightDecay,
                gradScale,
                -1f,
                (float) beta1,
                (float) beta2,
                (float) (spec.epsilon() * sqrtBc2),
                spec.kind() == OptimizerSpec.Kind.ADAMW);
        JniUtils.zeroGrad(weight);
    }
}
