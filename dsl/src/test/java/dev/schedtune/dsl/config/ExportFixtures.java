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

    /** Up to {@code count} specs of {@code kind} that build, generated from its parameter metadata. */
    public static java.util.List<dev.schedtune.dsl.spec.ScheduleSpec> buildableSpecs(
            dev.schedtune.dsl.spec.KindRegistry registry, dev.schedtune.dsl.spec.Kind kind, int count, int depth) {
        java.util.List<dev.schedtune.dsl.spec.ScheduleSpec> out = new java.util.ArrayList<>();
        for (long seed = 0; seed < 2000 && out.size() < count; seed++) {
            dev.schedtune.dsl.spec.ScheduleSpec spec =
                    new SpecGenerator(registry, seed * 31 + kind.name().hashCode()).spec(kind, depth);
            try {
                registry.build(spec);
                out.add(spec);
            } catch (IllegalArgumentException e) {
                // constraints between parameters; try another
            }
        }
        if (out.isEmpty()) {
            ExampleSpecs.of(kind.name()).ifPresent(out::add);
        }
        return out;
    }

    public static ScheduleSet buildSet(
            dev.schedtune.dsl.spec.KindRegistry registry, dev.schedtune.dsl.spec.ScheduleSpec spec) {
        return ConfigDocument.of(spec).buildSet(registry);
    }

    public static ScheduleSet yaml(String text) {
        return Configs.parse(text, ConfigFormat.YAML).buildSet(TestKinds.registry());
    }
}
