package dev.schedtune.trainers.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.dsl.ScheduleSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizerSpecTest {
    @Test
    void negativeLearningRateIsReportedWithItsStepBeforeTraining() {
        ScheduleSet lrGoesNegative = ScheduleSet.of(step -> step < 6 ? 0.1 : -0.5);
        assertThatThrownBy(() -> OptimizerSpec.sgd(0.9).validate(lrGoesNegative, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hyperparameter lr is -0.5 at step 6; lr must be >= 0");
    }

    @Test
    void momentumOfOneOrMoreIsRejected() {
        ScheduleSet set = ScheduleSet.of("lr", step -> 0.1, "momentum", step -> step < 3 ? 0.9 : 1.0);
        assertThatThrownBy(() -> OptimizerSpec.sgd().validate(set, 10))
                .hasMessage("hyperparameter momentum is 1.0 at step 3; momentum must be in [0, 1)");
        assertThatThrownBy(() -> OptimizerSpec.sgd(1.0)).hasMessage("momentum (1.0) must be in [0.0, 1.0)");
        assertThatThrownBy(() -> OptimizerSpec.adam().withBetas(0.9, -0.1))
                .hasMessage("beta2 (-0.1) must be in [0.0, 1.0)");
    }

    @Test
    void nanIsOutOfRange() {
        assertThatThrownBy(() -> OptimizerSpec.adam().validate(ScheduleSet.of(step -> Double.NaN), 1))
                .hasMessage("hyperparameter lr is NaN at step 0; lr must be >= 0");
        assertThatThrownBy(() -> OptimizerSpec.sgd().withWeightDecay(Double.NaN))
                .hasMessage("weight_decay (NaN) must be >= 0");
    }

    @Test
    void scheduleNamesMustSuitTheOptimizer() {
        assertThatThrownBy(() -> OptimizerSpec.sgd().validate(ScheduleSet.of("lr", s -> 0.1, "beta1", s -> 0.9), 1))
                .hasMessage(
                        "the schedule set drives 'beta1', which sgd does not have; it takes: [lr, momentum, weight_decay]");
        assertThatThrownBy(() -> OptimizerSpec.sgd().validate(ScheduleSet.of("momentum", s -> 0.9), 1))
                .hasMessage("the schedule set must drive 'lr'; it drives [momentum]");
        assertThatThrownBy(() -> OptimizerSpec.adam()
                        .validate(
                                ScheduleSet.builder()
                                        .put("lr", s -> 0.1)
                                        .put("momentum", s -> 0.9)
                                        .put("beta1", s -> 0.9)
                                        .build(),
                                1))
                .hasMessageContaining("drives both 'momentum' and 'beta1'");
    }

    @Test
    void adamTakesAMomentumScheduleAsBeta1LikeOneCycle() {
        ScheduledOptimizer adam = ScheduledOptimizer.create(
                OptimizerSpec.adam(), ScheduleSet.of("lr", s -> 0.01, "momentum", s -> 0.85 + 0.01 * s));
        assertThat(adam.valuesAt(3).beta1()).isEqualTo(0.88, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(adam.valuesAt(3).beta2()).isEqualTo(0.999);
        assertThat(adam.valuesAt(3).momentum()).isNaN();
    }

    @Test
    void nesterovNeedsMomentumAndNoDampening() {
        assertThatThrownBy(() -> OptimizerSpec.sgd().withNesterov(true).validate(ScheduleSet.of(s -> 0.1), 5))
                .hasMessageContaining(
                        "Nesterov momentum needs momentum > 0 and dampening 0, but at step 0 momentum is 0.0");
    }

    @Test
    void configFormRoundTrips() {
        OptimizerSpec sgd = OptimizerSpec.sgd(0.9).withNesterov(true).withWeightDecay(1e-4);
        assertThat(OptimizerSpec.of("sgd", sgd.params())).isEqualTo(sgd);
        OptimizerSpec adamW = OptimizerSpec.adamW().withBetas(0.8, 0.99);
        assertThat(OptimizerSpec.of("AdamW", adamW.params())).isEqualTo(adamW);
        assertThatThrownBy(() -> OptimizerSpec.of("rmsprop", Map.of()))
                .hasMessage("optimizer 'rmsprop' is unknown; known: sgd, adam, adamw");
        assertThatThrownBy(() -> OptimizerSpec.of("sgd", Map.of("beta1", 0.9)))
                .hasMessage("optimizer sgd has no parameter 'beta1'");
        assertThatThrownBy(() -> OptimizerSpec.of("adam", Map.of("betas", 0.9)))
                .hasMessage("optimizer parameter 'betas' is unknown; adam takes: beta1, beta2, epsilon, weight_decay");
        assertThat(OptimizerSpec.adamW().weightDecay()).isEqualTo(0.01);
    }

    @Test
    void theOptimizerAlsoGuardsEachStepWhenNotValidatedUpFront() {
        ScheduledOptimizer sgd = ScheduledOptimizer.create(OptimizerSpec.sgd(), ScheduleSet.of(s -> s < 2 ? 0.1 : -1));
        dev.schedtune.trainers.djl.DjlRuntime.start();
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray w = m.ones(new ai.djl.ndarray.types.Shape(2));
            ai.djl.ndarray.NDArray g = m.ones(new ai.djl.ndarray.types.Shape(2));
            sgd.update(0, java.util.List.of(w), java.util.List.of(g), 1f);
            assertThat(w.toFloatArray()).containsExactly(0.9f, 0.9f);
            assertThatThrownBy(() -> sgd.update(2, java.util.List.of(w), java.util.List.of(g), 1f))
                    .hasMessage("hyperparameter lr is -1.0 at step 2; lr must be >= 0");
        }
    }
}
