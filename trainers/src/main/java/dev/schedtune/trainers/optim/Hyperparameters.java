package dev.schedtune.trainers.optim;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The hyperparameter values an optimizer used for one step. Fields an optimizer does not have read as
 * NaN (momentum for Adam, betas for SGD).
 */
public final class Hyperparameters {
    private final long step;
    private final double lr;
    private final double momentum;
    private final double beta1;
    private final double beta2;
    private final double weightDecay;

    Hyperparameters(long step, double lr, double momentum, double beta1, double beta2, double weightDecay) {
        this.step = step;
        this.lr = lr;
        this.momentum = momentum;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.weightDecay = weightDecay;
    }

    /** The 0-based optimizer step these values drove. */
    public long step() {
        return step;
    }

    public double lr() {
        return lr;
    }

    /** SGD momentum, or NaN for Adam. */
    public double momentum() {
        return momentum;
    }

    /** Adam's β1, or NaN for SGD. */
    public double beta1() {
        return beta1;
    }

    /** Adam's β2, or NaN for SGD. */
    public double beta2() {
        return beta2;
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** The value of hyperparameter {@code name} (a {@code ScheduleSet} name such as {@code "lr"}). */
    public double get(String name) {
        switch (name) {
            case "lr":
                return lr;
            case "momentum":
                return momentum;
            case "beta1":
                return beta1;
            case "beta2":
                return beta2;
            case "weight_decay":
                return weightDecay;
            default:
                throw new IllegalArgumentException(
                        "hyperparameter '" + name + "' is unknown; known: lr, momentum, beta1, beta2, weight_decay");
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof Hyperparameters)) {
            return false;
        }
        Hyperparameters h = (Hyperparameters) o;
        return step == h.step
                && Double.compare(lr, h.lr) == 0
                && Double.compare(momentum, h.momentum) == 0
                && Double.compare(beta1, h.beta1) == 0
                && Double.compare(beta2, h.beta2) == 0
                && Double.compare(weightDecay, h.weightDecay) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, lr, momentum, beta1, beta2, weightDecay);
    }

    @Override
    public String toString() {
        return "step " + step + ": lr=" + lr + (Double.isNaN(momentum) ? "" : ", momentum=" + momentum)
                + (Double.isNaN(beta1) ? "" : ", beta1=" + beta1 + ", beta2=" + beta2) + ", weight_decay="
                + weightDecay;
    }
}
