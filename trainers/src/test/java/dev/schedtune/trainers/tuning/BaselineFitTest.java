package dev.schedtune.trainers.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.template.Template;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BaselineFitTest {
    /** The built-in study's families (cli default-study.yaml), lengths in run units. */
    static final String FAMILIES = """
            type: template
            schedule:
              type: tune_choice
              name: family
              labels: [constant, one_cycle, warmup_cosine, exp_decay]
              options:
                - type: constant
                  value: {type: tune_float, name: lr, low: 0.005, high: 0.3, log: true}
                - type: one_cycle_set
                  max_lr: {type: tune_float, name: max_lr, low: 0.01, high: 0.4, log: true}
                  pct_start: {type: tune_float, name: pct_start, low: 0.1, high: 0.5}
                  total_steps: 1
                - type: warmup
                  steps: {type: tune_float, name: warmup, low: 0.0, high: 0.3}
                  schedule:
                    type: cosine
                    from: {type: tune_float, name: peak_lr, low: 0.01, high: 0.4, log: true}
                    to: 0.0
                    steps: 1
                - type: exponential_decay
                  init: {type: tune_float, name: init_lr, low: 0.01, high: 0.4, log: true}
                  decay_rate: {type: tune_float, name: final_ratio, low: 0.001, high: 0.5, log: true}
            """;

    static Template families() {
        return (Template) Configs.parse(FAMILIES, ConfigFormat.YAML, "families").build(KindRegistry.builtIn());
    }

    private static Optional<BaselineFit.Fit> fit(String name) {
        Baseline b = Baseline.common().stream()
                .filter(x -> x.name().equals(name))
                .findFirst()
                .orElseThrow();
        return BaselineFit.of(families(), ScheduleUnits.RUN, b, 38, 6);
    }

    @Test
    void theCommonDefaultsArePointsOfTheBuiltInFamilies() {
        BaselineFit.Fit constant = fit("constant lr 0.1").orElseThrow();
        assertThat(constant.params()).containsEntry("family", "constant");
        assertThat((double) constant.params().get("lr")).isCloseTo(0.1, within(1e-4));
        assertThat(constant.distance()).isLessThan(1e-3);

        BaselineFit.Fit oneCycle = fit("torch OneCycleLR (max_lr 0.1)").orElseThrow();
        assertThat(oneCycle.params()).containsEntry("family", "one_cycle");
        assertThat((double) oneCycle.params().get("max_lr")).isCloseTo(0.1, within(1e-3));
        assertThat((double) oneCycle.params().get("pct_start")).isCloseTo(0.3, within(0.01));
        assertThat(oneCycle.distance()).isLessThan(0.02);

        BaselineFit.Fit cosine = fit("HF cosine, 10 % warmup (peak 0.1)").orElseThrow();
        assertThat(cosine.params()).containsEntry("family", "warmup_cosine");
        assertThat((double) cosine.params().get("peak_lr")).isCloseTo(0.1, within(2e-3));
        // the template's cosine spans the whole run after its warmup, Hugging Face's only the rest of it:
        // a shorter warmup is the closest point
        assertThat((double) cosine.params().get("warmup")).isBetween(0.05, 0.1);
        assertThat(cosine.distance()).isLessThan(BaselineFit.TOLERANCE);

        // StepLR's staircase against the smooth decay through the same points: close, not equal
        BaselineFit.Fit exponential = fit("exponential 0.8/epoch from 0.1").orElseThrow();
        assertThat(exponential.params()).containsEntry("family", "exp_decay");
        assertThat(exponential.distance()).isBetween(0.01, BaselineFit.TOLERANCE);
    }

    @Test
    void aStaircaseNoFamilyDrawsIsNoPointOfTheSpace() {
        assertThat(fit("torch MultiStepLR (0.1, x0.1 at 50 % and 75 %)")).isEmpty();
    }

    @Test
    void aBaselineOutsideTheRangesIsNoPointEither() {
        Baseline high = Baseline.of("constant lr 2", Map.of("type", "constant", "value", 2.0));
        assertThat(BaselineFit.of(families(), ScheduleUnits.RUN, high, 38, 6)).isEmpty();
    }
}
