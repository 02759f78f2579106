package dev.schedtune.trainers.bench;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.Schedules;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.optim.ScheduledOptimizer;
import java.util.Locale;

/**
 * The cost of the schedule itself per training step: evaluating every hyperparameter of the step
 * (one-cycle's lr and momentum, and a warmup-cosine lr) as the optimizer does, once per step. Compare
 * with a training step (tens of microseconds): it should be invisible.
 */
public final class ScheduleCostBenchmark {
    private ScheduleCostBenchmark() {}

    public static void main(String[] args) {
        long steps = 2_000_000;
        ScheduleSet oneCycle = Schedules.oneCycle(0.1, steps).asSet();
        Schedule warmupCosine = Schedules.warmup(Schedules.cosine(0.1, 0.0, steps), steps / 20);
        ScheduledOptimizer optimizer = ScheduledOptimizer.create(OptimizerSpec.sgd(), oneCycle);
        double sink = 0;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (long s = 0; s < steps; s++) {
                sink += oneCycle.valueAt("lr", s) + oneCycle.valueAt("momentum", s);
            }
            long t1 = System.nanoTime();
            for (long s = 0; s < steps; s++) {
                sink += warmupCosine.valueAt(s);
            }
            long t2 = System.nanoTime();
            for (long s = 0; s < steps; s++) {
                sink += optimizer.valuesAt(s).lr();
            }
            long t3 = System.nanoTime();
            if (round == 4) {
                System.out.println(String.format(
                        Locale.ROOT,
                        "{\"one_cycle_lr_and_momentum_ns_per_step\": %.1f, \"warmup_cosine_ns_per_step\": %.1f,"
                                + " \"optimizer_all_hyperparameters_ns_per_step\": %.1f, \"sink\": %.3g}",
                        (t1 - t0) / (double) steps,
                        (t2 - t1) / (double) steps,
                        (t3 - t2) / (double) steps,
                        sink));
            }
        }
    }
}
