package dev.schedtune.trainers.optim;

/** Receives the hyperparameters an optimizer used, once per step, before the update is applied. */
@FunctionalInterface
public interface HyperparameterRecorder {
    /** Called once per optimizer step with the values that step uses. */
    void onStep(Hyperparameters used);
}
