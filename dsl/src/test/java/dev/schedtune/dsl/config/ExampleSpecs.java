package dev.schedtune.dsl.config;

import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-written specs for kinds whose constraints random generation rarely meets (nested presets that
 * must share a base_lr, kwargs documents, templates), so that every kind is still covered.
 */
final class ExampleSpecs {
    private ExampleSpecs() {}

    private static final Map<String, String> YAML =
            Map.of("torch.SequentialLR", """
            type: torch.SequentialLR
            schedulers:
              - {type: torch.LinearLR, base_lr: 0.1, start_factor: 0.1, total_iters: 10}
              - {type: torch.CosineAnnealingLR, base_lr: 0.1, T_max: 90}
            milestones: [10]
            """, "optax.join_schedules", """
            type: optax.join_schedules
            schedules:
              - {type: optax.linear_schedule, init_value: 0.0, end_value: 0.1, transition_steps: 20}
              - {type: optax.cosine_decay_schedule, init_value: 0.1, decay_steps: 80, alpha: 0.01}
            boundaries: [20]
            """, "optax.sgdr_schedule", """
            type: optax.sgdr_schedule
            cosine_kwargs:
              - {init_value: 0.0, peak_value: 0.1, warmup_steps: 10, decay_steps: 100}
              - {init_value: 0.0, peak_value: 0.05, warmup_steps: 5, decay_steps: 200, end_value: 0.001}
            """, "template", """
            type: template
            schedule:
              type: tune_choice
              name: family
              options:
                - type: one_cycle
                  max_lr: {type: tune_float, name: max_lr, low: 0.01, high: 1.0, log: true}
                  total_steps: 1000
                - type: cosine
                  from: {type: tune_float, name: peak, low: 0.01, high: 0.5}
                  to: 0.0
                  steps: {type: tune_int, name: steps, low: 100, high: 1000, step: 100}
            """);

    static Optional<ScheduleSpec> of(String kind) {
        String yaml = YAML.get(kind);
        return yaml == null
                ? Optional.empty()
                : Configs.parse(yaml, ConfigFormat.YAML).single();
    }
}
