package dev.schedtune.trainers.lrfind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.schedtune.dsl.Schedules;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.train.TrainingLoop;
import dev.schedtune.trainers.train.TrainingPlan;
import dev.schedtune.trainers.train.TrainingResult;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LrFinderTest {
    private static LrFinder.Builder digits() {
        return LrFinder.builder(TaskSpec.digits(), ModelSpec.mlp(32))
                .range(1e-5, 1e3)
                .steps(100)
                .seed(1);
    }

    @Test
    void sweepsExponentiallyStopsAtDivergenceAndSmoothsAsDocumented() {
        LrFindResult result = digits().build().run();
        double[] lrs = result.lrs();
        double[] losses = result.losses();
        double[] smoothed = result.smoothedLosses();
        assertThat(result.diverged()).isTrue();
        assertThat(result.size()).isLessThan(100).isGreaterThan(30);
        assertThat(lrs[0]).isEqualTo(1e-5);
        for (int i = 1; i < lrs.length; i++) {
            assertThat(lrs[i] / lrs[i - 1]).isCloseTo(Math.pow(1e8, 1 / 99.0), within(1e-9));
        }
        double avg = 0;
        for (int i = 0; i < losses.length; i++) {
            avg = 0.98 * avg + 0.02 * losses[i];
            assertThat(smoothed[i]).isCloseTo(avg / (1 - Math.pow(0.98, i + 1)), within(1e-9));
        }
        // the first loss is chance level on 10 classes, ln 10; the curve falls well below it before blowing up
        assertThat(losses[0]).isCloseTo(Math.log(10), within(0.7));
        double lowest = Arrays.stream(smoothed).min().orElseThrow();
        assertThat(lowest).isLessThan(smoothed[0]);
        assertThat(Arrays.stream(losses).min().orElseThrow()).isLessThan(losses[0] * 0.6);
        assertThat(smoothed[smoothed.length - 1]).isGreaterThan(4 * lowest);
        assertThat(result.message()).contains("suggested max lr").contains("minimum / 10");
    }

    @Test
    void bothRulesGiveUsableSuggestions() {
        LrFindResult result = digits().rule(SuggestionRule.STEEPEST).build().run();
        assertThat(result.rule()).isEqualTo(SuggestionRule.STEEPEST);
        double steepest = result.suggestion();
        double minimumOverTen = result.suggestion(SuggestionRule.MINIMUM_DIV_10);
        assertThat(steepest).isBetween(1e-5, 1e3);
        assertThat(minimumOverTen).isBetween(1e-6, 1e2);
        assertThat(steepest).isLessThan(minimumOverTen * 10); // the loss falls fastest before its minimum
        // not in the first tenth of the sweep, and where the smoothed loss does fall
        double[] lrs = result.lrs();
        double[] smoothed = result.smoothedLosses();
        int at = Arrays.binarySearch(lrs, steepest);
        assertThat(at).isGreaterThanOrEqualTo(lrs.length / 10);
        assertThat(smoothed[at + 1]).isLessThan(smoothed[at]);
        // a one-cycle run with the suggested maximum trains the digits well
        TrainingResult trained = TrainingLoop.run(TrainingPlan.builder(
                        TaskSpec.digits(),
                        ModelSpec.mlp(32),
                        Schedules.oneCycle(minimumOverTen, 5 * 23).asSet())
                .optimizer(OptimizerSpec.sgd())
                .epochs(5)
                .build());
        assertThat(trained.finalAccuracy()).isGreaterThan(0.9);
    }

    @Test
    void tooSmallARangeStillReportsTheCurve() {
        LrFindResult flat = LrFinder.builder(TaskSpec.twoSpirals(200, 0.05, 0), ModelSpec.mlp(8))
                .range(1e-6, 1e-5)
                .steps(20)
                .build()
                .run();
        assertThat(flat.size()).isEqualTo(20);
        assertThat(flat.diverged()).isFalse();
        assertThat(flat.suggestion()).isBetween(1e-7, 1e-5);
    }

    @Test
    void badSettingsAreRejectedUpFront() {
        LrFinder.Builder b = LrFinder.builder(TaskSpec.digits(), ModelSpec.mlp(8));
        assertThatThrownBy(() -> b.range(0, 1)).hasMessage("minLr (0.0) must be > 0");
        assertThatThrownBy(() -> b.range(1, 0.1)).hasMessage("maxLr (0.1) must be > minLr (1.0)");
        assertThatThrownBy(() -> b.steps(2)).hasMessage("steps (2) must be >= 5");
        assertThatThrownBy(() -> b.smoothing(1)).hasMessage("smoothing (1.0) must be in [0, 1)");
        assertThatThrownBy(() -> b.divergenceFactor(1)).hasMessage("divergenceFactor (1.0) must be > 1");
    }
}
