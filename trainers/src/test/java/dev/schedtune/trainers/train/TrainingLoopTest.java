package dev.schedtune.trainers.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.Hyperparameters;
import dev.schedtune.trainers.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {
    /** Steps per epoch on the digits' training split (1,150 rows after the test and validation splits), batch 64. */
    private static final int DIGITS_STEPS = 18;

    static final ScheduleSet COSINE =
            ScheduleSet.of(step -> 0.05 * (1 + Math.cos(Math.PI * step / (5.0 * DIGITS_STEPS))));

    static TrainingPlan.Builder digitsMlp() {
        return TrainingPlan.builder(TaskSpec.digits(), ModelSpec.mlp(32), COSINE)
                .optimizer(OptimizerSpec.sgd(0.9))
                .epochs(5)
                .batchSize(64)
                .seed(11);
    }

    @Test
    void digitsMlpLearnsAndReportsEveryEpoch() {
        List<EpochReport> seen = new ArrayList<>();
        TrainingResult result = TrainingLoop.run(digitsMlp().build(), report -> {
            seen.add(report);
            return EpochListener.Decision.CONTINUE;
        });
        assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(result.epochs()).hasSize(5).isEqualTo(seen);
        assertThat(result.steps()).isEqualTo(5 * DIGITS_STEPS); // 1,150 training rows in batches of 64
        assertThat(result.finalAccuracy()).isGreaterThan(0.85);
        assertThat(result.finalValidationLoss()).isLessThan(seen.get(0).validationLoss());
        assertThat(result.testLoss()).isNaN(); // the test split is evaluated only when a plan asks for it
        assertThat(seen.get(4).trainLoss()).isLessThan(seen.get(0).trainLoss());
        assertThat(seen).extracting(EpochReport::epoch).containsExactly(1, 2, 3, 4, 5);
        assertThat(seen).extracting(EpochReport::seconds).isSorted();
        assertThat(result.seconds()).isGreaterThanOrEqualTo(seen.get(4).seconds());
        assertThat(result.setupSeconds()).isPositive();
        assertThat(result.engineStartSeconds()).isGreaterThanOrEqualTo(0);
        assertThat(seen.get(4).lr()).isEqualTo(COSINE.valueAt("lr", 5 * DIGITS_STEPS - 1));
    }

    @Test
    void aPlanThatAsksForItEndsWithOnePassOverTheTestSplit() {
        TrainingResult plain = TrainingLoop.run(digitsMlp().epochs(2).build());
        TrainingResult tested =
                TrainingLoop.run(digitsMlp().epochs(2).evaluateTest(true).build());
        // the same run (seeded), plus the test figures of its final weights
        assertThat(tested.epochs())
                .extracting(EpochReport::validationLoss)
                .isEqualTo(
                        plain.epochs().stream().map(EpochReport::validationLoss).toList());
        assertThat(tested.testAccuracy()).isBetween(0.5, 1.0);
        assertThat(tested.testLoss()).isPositive().isLessThan(3);
        assertThat(tested.testAccuracy()).isNotEqualTo(tested.finalAccuracy());
        TrainingPlan noTestSplit = TrainingPlan.builder(
                        TaskSpec.twoSpirals(200, 0.05, 1), ModelSpec.mlp(8), ScheduleSet.of(s -> 0.1))
                .epochs(1)
                .evaluateTest(true)
                .build();
        assertThatThrownBy(() -> TrainingLoop.run(noTestSplit))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no test split");
    }

    @Test
    void sameSeedSameRunOnOneThread() {
        TrainingResult a = TrainingLoop.run(digitsMlp().epochs(2).build());
        TrainingResult b = TrainingLoop.run(digitsMlp().epochs(2).build());
        TrainingResult c = TrainingLoop.run(digitsMlp().epochs(2).seed(12).build());
        for (int e = 0; e < 2; e++) {
            assertThat(a.epochs().get(e).trainLoss())
                    .isEqualTo(b.epochs().get(e).trainLoss());
            assertThat(a.epochs().get(e).validationLoss())
                    .isEqualTo(b.epochs().get(e).validationLoss());
            assertThat(a.epochs().get(e).validationAccuracy())
                    .isEqualTo(b.epochs().get(e).validationAccuracy());
        }
        assertThat(c.epochs().get(1).validationLoss())
                .isNotEqualTo(a.epochs().get(1).validationLoss());
    }

    @Test
    void hugeLearningRateDivergesAndStopsEarly() {
        TrainingPlan exploding = TrainingPlan.builder(
                        TaskSpec.teacherStudent(640, 8, 1, 16, 0.1, 0), ModelSpec.mlp(16), ScheduleSet.of(s -> 5.0))
                .epochs(5)
                .batchSize(32)
                .build();
        TrainingResult diverged = TrainingLoop.run(exploding);
        assertThat(diverged.status()).isEqualTo(TrainingStatus.DIVERGED);
        assertThat(diverged.divergedAtStep()).isBetween(0L, 15L);
        assertThat(diverged.epochs()).isEmpty();
        assertThat(diverged.steps()).isLessThan(16); // 512 training rows: 16 steps per epoch
        assertThat(diverged.finalValidationLoss()).isNaN();
        assertThat(diverged.message()).startsWith("diverged: training loss");
    }

    @Test
    void listenerCanStopTraining() {
        TrainingResult result = TrainingLoop.run(
                digitsMlp().build(),
                report -> report.epoch() == 2 ? EpochListener.Decision.STOP : EpochListener.Decision.CONTINUE);
        assertThat(result.status()).isEqualTo(TrainingStatus.STOPPED);
        assertThat(result.epochs()).hasSize(2);
        assertThat(result.steps()).isEqualTo(2 * DIGITS_STEPS);
    }

    @Test
    void badScheduleFailsBeforeAnyTraining() {
        List<Hyperparameters> used = new ArrayList<>();
        TrainingPlan plan = TrainingPlan.builder(
                        TaskSpec.digits(),
                        ModelSpec.mlp(8),
                        ScheduleSet.of("lr", s -> 0.1, "momentum", s -> s < 70 ? 0.9 : 1.02))
                .epochs(5)
                .build();
        assertThatThrownBy(() -> TrainingLoop.run(plan, EpochListener.NONE, used::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hyperparameter momentum is 1.02 at step 70; momentum must be in [0, 1)");
        assertThat(used).isEmpty();
    }

    @Test
    void everyStepTakesEveryHyperparameterFromTheSchedules() {
        ScheduleSet set = ScheduleSet.builder()
                .put("lr", s -> 0.01 + 0.001 * s)
                .put("momentum", s -> 0.8 + 0.001 * s)
                .put("weight_decay", s -> s % 2 == 0 ? 0.0 : 1e-4)
                .build();
        List<Hyperparameters> used = new ArrayList<>();
        TrainingLoop.run(
                TrainingPlan.builder(TaskSpec.twoSpirals(200, 0.05, 1), ModelSpec.mlp(16), set)
                        .epochs(3)
                        .batchSize(32)
                        .build(),
                EpochListener.NONE,
                used::add);
        assertThat(used).hasSize(3 * 5); // 160 training rows in batches of 32
        for (int t = 0; t < used.size(); t++) {
            assertThat(used.get(t).step()).isEqualTo(t);
            assertThat(used.get(t).lr()).isEqualTo(set.valueAt("lr", t));
            assertThat(used.get(t).momentum()).isEqualTo(set.valueAt("momentum", t));
            assertThat(used.get(t).weightDecay()).isEqualTo(set.valueAt("weight_decay", t));
        }
    }

    /** The DSL's one-cycle: its inverse momentum cycle is what the optimizer really uses, step by step. */
    @Test
    void oneCyclesInverseMomentumCycleReachesTheOptimizer() {
        int steps = 4 * DIGITS_STEPS;
        ScheduleSet oneCycle = dev.schedtune.dsl.Schedules.oneCycle(0.2, steps).asSet();
        List<Hyperparameters> used = new ArrayList<>();
        TrainingResult result = TrainingLoop.run(
                TrainingPlan.builder(TaskSpec.digits(), ModelSpec.mlp(32), oneCycle)
                        .optimizer(OptimizerSpec.sgd())
                        .epochs(4)
                        .build(),
                EpochListener.NONE,
                used::add);
        assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(used).hasSize(steps);
        // PyTorch's OneCycleLR defaults: momentum 0.95 at the start, 0.85 at the lr peak (30% in), back up at the end
        int peak = (int) Math.round(0.3 * steps) - 1;
        assertThat(used.get(0).momentum()).isEqualTo(0.95);
        assertThat(used.get(0).lr()).isCloseTo(0.2 / 25, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(used.get(peak).momentum()).isCloseTo(0.85, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(used.get(peak).lr()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(used.get(steps - 1).momentum()).isCloseTo(0.95, org.assertj.core.api.Assertions.within(1e-3));
        for (int t = 0; t < steps; t++) {
            assertThat(used.get(t).momentum()).isEqualTo(oneCycle.valueAt("momentum", t));
            assertThat(used.get(t).lr()).isEqualTo(oneCycle.valueAt("lr", t));
        }
        // the inverse cycle: the momentum is lowest exactly where the lr is highest
        int argMaxLr = 0;
        int argMinMomentum = 0;
        for (int t = 1; t < steps; t++) {
            argMaxLr = used.get(t).lr() > used.get(argMaxLr).lr() ? t : argMaxLr;
            argMinMomentum = used.get(t).momentum() < used.get(argMinMomentum).momentum() ? t : argMinMomentum;
        }
        assertThat(argMinMomentum).isEqualTo(argMaxLr);
    }

    @Test
    void regressionTaskTrainsWithMeanSquaredErrorAndNoAccuracy() {
        TrainingResult result = TrainingLoop.run(TrainingPlan.builder(
                        TaskSpec.teacherStudent(600, 8, 2, 16, 0.05, 3), ModelSpec.mlp(32), ScheduleSet.of(s -> 0.01))
                .optimizer(OptimizerSpec.adam())
                .epochs(6)
                .batchSize(32)
                .build());
        assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(result.finalAccuracy()).isNaN();
        assertThat(result.finalValidationLoss())
                .isLessThan(result.epochs().get(0).validationLoss() * 0.8);
    }

    @Test
    void digitsCnnTrains() {
        TrainingResult result = TrainingLoop.run(
                TrainingPlan.builder(TaskSpec.digits(), ModelSpec.digitsCnn(), ScheduleSet.of(s -> 0.003))
                        .optimizer(OptimizerSpec.adamW())
                        .epochs(3)
                        .batchSize(64)
                        .build());
        assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(result.finalAccuracy()).isGreaterThan(0.8);
    }

    @Test
    void cnnOnNonImageRowsIsAClearError() {
        TrainingPlan plan = TrainingPlan.builder(
                        TaskSpec.twoSpirals(100, 0.0, 0), ModelSpec.digitsCnn(), ScheduleSet.of(s -> 0.1))
                .build();
        assertThatThrownBy(() -> TrainingLoop.run(plan))
                .hasMessageContaining("a CNN needs image-shaped rows (channels x height x width)")
                .hasMessageContaining("feature shape [2]");
    }

    @Test
    void aSecondSessionInTheSameJvmIsRefusedWithAPointerToWorkers() {
        TrainingPlan plan = digitsMlp().epochs(1).build();
        try (TrainingSession first = TrainingSession.open(plan, plan.task().load())) {
            assertThat(first.steps()).isZero();
            assertThatThrownBy(() -> TrainingSession.open(plan, plan.task().load()))
                    .hasMessageContaining("another training session is running in this JVM")
                    .hasMessageContaining("WorkerPool");
        }
        assertThat(TrainingLoop.run(plan).status()).isEqualTo(TrainingStatus.COMPLETED);
    }
}
