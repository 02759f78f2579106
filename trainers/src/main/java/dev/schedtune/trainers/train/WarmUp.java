package dev.schedtune.trainers.train;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.djl.DjlRuntime;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the training code paths until the JIT has compiled them, so that the first real trial of a JVM
 * is not several times slower than later ones (which would bias a wall-clock objective against the
 * first trials of a study). Workers warm up before their first job.
 */
public final class WarmUp {
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private WarmUp() {}

    /**
     * Trains a small MLP on a synthetic task for about {@code steps} steps with SGD (momentum), then
     * Nesterov, then Adam, and evaluates it. Once per JVM; later calls return at once.
     *
     * @return the seconds it took (0 when already done)
     */
    public static double run(int steps) {
        if (!DONE.compareAndSet(false, true)) {
            return 0;
        }
        DjlRuntime.start();
        long start = System.nanoTime();
        TaskSpec task = TaskSpec.blobs(1280, 16, 4, 1.0, 0);
        OptimizerSpec[] optimizers = {
            OptimizerSpec.sgd(0.9), OptimizerSpec.sgd(0.9).withNesterov(true), OptimizerSpec.adamW()
        };
        int epochs = Math.max(1, steps / optimizers.length / 16);
        for (OptimizerSpec optimizer : optimizers) {
            TrainingLoop.run(TrainingPlan.builder(task, ModelSpec.mlp(32), ScheduleSet.of(step -> 0.01))
                    .optimizer(optimizer)
                    .epochs(epochs)
                    .batchSize(64)
                    .build());
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
