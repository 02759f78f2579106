package dev.schedtune.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.schedtune.trainers.data.TaskType;

/**
 * The task's loss, with its gradient with respect to the model output written in closed form, so
 * autograd only has to run through the model. Both heads work on batch sums; the caller scales the
 * parameter gradients by {@link #gradFactor()} / rows (which the optimizer folds into its kernel).
 */
abstract class LossHead {
    static LossHead of(TaskType type, int outputs) {
        return type == TaskType.CLASSIFICATION ? new SoftmaxCrossEntropy() : new MeanSquaredError(outputs);
    }

    /**
     * Returns G with {@code G · gradFactor() / rows} the gradient of the batch's mean loss with respect
     * to {@code out}, and adds the batch's summed loss (before {@link #normalizer()}) to
     * {@code lossSum}. Runs with autograd off.
     */
    abstract NDArray headAndLoss(NDArray out, NDArray target, NDArray lossSum);

    /** The batch's summed loss (before {@link #normalizer()}). */
    abstract NDArray lossSum(NDArray out, NDArray target);

    /** Scales the head gradient per row (1 for cross-entropy, 2/k for the mean squared error over k outputs). */
    abstract float gradFactor();

    /** Summed loss / (rows · normalizer) is the mean loss (1 for cross-entropy, k for k outputs). */
    abstract double normalizer();

    /**
     * Softmax cross-entropy with one-hot targets: loss {@code −Σ y·log softmax(z)}; its gradient with
     * respect to the logits is {@code softmax(z) − y} per row, exactly what PyTorch's {@code
     * CrossEntropyLoss} backward produces.
     */
    static final class SoftmaxCrossEntropy extends LossHead {
        @Override
        NDArray headAndLoss(NDArray out, NDArray target, NDArray lossSum) {
            // straight to the engine: NDArray.logSoftmax would first ask the new array for its data type
            NDArray logp = JniUtils.logSoftmax((PtNDArray) out, 1, DataType.FLOAT32);
            lossSum.subi(logp.mul(target).sum());
            return logp.exp().subi(target);
        }

        @Override
        NDArray lossSum(NDArray out, NDArray target) {
            return out.logSoftmax(1).mul(target).sum().neg();
        }

        @Override
        float gradFactor() {
            return 1f;
        }

        @Override
        double normalizer() {
            return 1;
        }
    }

    /** Mean squared error over all outputs ({@code torch.nn.MSELoss()}): gradient {@code 2(z − y)/k} per row. */
    static final class MeanSquaredError extends LossHead {
        private final int outputs;

        MeanSquaredError(int outputs) {
            this.outputs = outputs;
        }

        @Override
        NDArray headAndLoss(NDArray out, NDArray target, NDArray lossSum) {
            NDArray diff = out.sub(target);
            lossSum.addi(diff.square().sum());
            return diff;
        }

        @Override
        NDArray lossSum(NDArray out, NDArray target) {
            return out.sub(target).square().sum();
        }

        @Override
        float gradFactor() {
            return 2f / outputs;
        }

        @Override
        double normalizer() {
            return outputs;
        }
    }
}
