package dev.schedtune.trainers.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.template.Template;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Numeric choices are stored as numbers, also when a baseline is enqueued with its template labels. */
class TrialSuggesterTest {
    @Test
    void anEnqueuedLabelOfANumericChoiceIsStoredAsItsNumber() {
        Template template =
                (Template) Configs.parse("""
                        type: template
                        schedule:
                          type: tune_choice
                          name: family
                          labels: [flat, steps]
                          options:
                            - type: constant
                              value: {type: tune_choice, name: lr, options: [0.1, 0.5]}
                            - type: exponential_decay
                              init: 0.1
                              decay_rate: 0.5
                              transition_steps: {type: tune_choice, name: every, options: [1, 2]}
                        """, ConfigFormat.YAML, "numeric").build(KindRegistry.builtIn());
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("family", "steps");
        labels.put("every", "2");
        labels.put("lr", "0.5");
        assertThat(TrialSuggester.stored(template.space(), labels))
                .containsEntry("family", "steps")
                .containsEntry("every", 2L)
                .containsEntry("lr", 0.5);
    }
}
