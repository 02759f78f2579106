package dev.schedtune.trainers.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.djl.NativeMemory;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;

/**
 * 300 short trials in one JVM leave no DJL array behind, and the resident set outside the Java heap
 * stops growing (the early trials warm up the JIT and the allocator).
 */
class NativeMemoryTest {
    @Test
    void anOpenSessionHoldsTheSameArraysAfterMoreSteps() {
        // the CNN's steps make parameter views (split, reshape, permute) and free layer outputs early;
        // all of it must go with the step, not stay with the session
        try (TrainingSession session = TrainingSession.open(
                TaskSpec.digits().load(),
                ModelSpec.digitsCnn(),
                OptimizerSpec.sgd(0.9),
                ScheduleSet.of(s -> 0.01),
                64,
                0)) {
            session.trainEpoch();
            session.evaluate();
            int open = NativeMemory.openArrays();
            for (int e = 0; e < 3; e++) {
                session.trainEpoch();
                session.evaluate();
            }
            assertThat(NativeMemory.openArrays()).isEqualTo(open);
        }
    }

    @Test
    void threeHundredTrialsFreeAllNativeMemory() {
        TaskSpec task = TaskSpec.twoSpirals(64, 0.05, 5);
        int baseline = NativeMemory.openArrays();
        // the minimum over a window ignores allocator spikes (which only ever add); a leak lifts it
        long minEarly = Long.MAX_VALUE;
        long minLate = Long.MAX_VALUE;
        for (int trial = 0; trial < 300; trial++) {
            OptimizerSpec optimizer =
                    trial % 2 == 0 ? OptimizerSpec.sgd(0.9).withNesterov(trial % 4 == 0) : OptimizerSpec.adamW();
            TrainingResult result =
                    TrainingLoop.run(TrainingPlan.builder(task, ModelSpec.mlp(8), ScheduleSet.of(s -> 0.01 + 0.001 * s))
                            .optimizer(optimizer)
                            .epochs(2)
                            .batchSize(16)
                            .seed(trial)
                            .build());
            assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
            assertThat(NativeMemory.openArrays())
                    .as("open DJL arrays after trial %s", trial)
                    .isEqualTo(baseline);
            if (trial >= 200 && trial % 5 == 4) {
                long resident = residentOutsideJavaHeap();
                if (trial < 230) {
                    minEarly = Math.min(minEarly, resident);
                } else if (trial >= 270) {
                    minLate = Math.min(minLate, resident);
                }
            }
        }
        // 70 trials apart; measured: flat within 0.2 MB once the JIT and allocator have warmed up
        // (a step of ~20 MB comes with late JIT compilation somewhere in the first 250 trials). A leak of
        // 64 KB per trial, a few small tensors per step, would lift it by 4.5 MB.
        assertThat(minLate - minEarly).isLessThan(3L << 20);
    }

    /** Resident bytes minus the Java heap's committed bytes, after a collection. */
    private static long residentOutsideJavaHeap() {
        System.gc();
        long heap = java.lang.management.ManagementFactory.getMemoryMXBean()
                .getHeapMemoryUsage()
                .getCommitted();
        return NativeMemory.residentBytes() - heap;
    }
}
