package dev.schedtune.dsl.config;

import dev.schedtune.dsl.ScheduleSet;

/** Schedule sets built from the test kinds, for export tests in other packages. */
public final class ExportFixtures {
    private ExportFixtures() {}

    public static ScheduleSet oneCycle() {
        return yaml("type: test.OneCycle\nmax_lr: 0.3\ntotal_steps: 1000\n");
    }

    public static ScheduleSet warmupCosine() {
        return yaml("""
                type: join
                boundaries: [100]
                schedules:
                  - {type: linear, init_value: 0, end_value: 0.2, transition_steps: 100}
                  - {type: cosine, init_value: 0.2, decay_steps: 900, alpha: 0.005}
                """);
    }

    public static dev.schedtune.dsl.spec.KindRegistry registry() {
        return TestKinds.registry();
    }

    public static ScheduleSet yaml(String text) {
        return Configs.parse(text, ConfigFormat.YAML).buildSet(TestKinds.registry());
    }
}
