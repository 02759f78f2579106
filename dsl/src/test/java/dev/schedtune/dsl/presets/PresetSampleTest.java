package dev.schedtune.dsl.presets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.spec.KindRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bulk sampling of every reference case: a preset samples through its body's segment-wise fill, which
 * decides every branch (piece, cycle, slip) as {@code valueAt} does, so the sampled curve equals the
 * pointwise one up to the last bits of the cosines' angle addition, and still matches the anchor.
 */
class PresetSampleTest {
    private static final KindRegistry REGISTRY = KindRegistry.builtIn();

    @TestFactory
    Stream<DynamicTest> sampledPresetsEqualTheirPointwiseValues() {
        return ReferenceCase.all().stream()
                .map(c -> dynamicTest(c.file, () -> {
                    Object built = REGISTRY.build(c.spec());
                    for (String name : c.values.keySet()) {
                        Preset preset =
                                (Preset) (built instanceof ScheduleSet ? ((ScheduleSet) built).get(name) : built);
                        double[] anchor = c.values.get(name);
                        int count = anchor.length + 20;
                        for (int from : new int[] {0, 1, 7}) {
                            double[] bulk = preset.sample(from, count);
                            // the preset's bulk path is its body's, not a point-by-point loop
                            assertThat(bulk).isEqualTo(preset.body().sample(from, count));
                            assertClose(c, name, preset, from, bulk);
                            for (int i = 0; from + i < anchor.length; i++) {
                                double diff = Math.abs(bulk[i] - anchor[from + i]);
                                assertThat(diff)
                                        .as(
                                                "%s sampled from %d, step %d: anchor %s",
                                                name, from, from + i, anchor[from + i])
                                        .isLessThanOrEqualTo(
                                                c.tolerance(anchor[from + i], ReferenceCase.scale(anchor)));
                            }
                        }
                    }
                }));
    }

    private static void assertClose(ReferenceCase c, String name, Schedule s, int from, double[] bulk) {
        double scale = Double.MIN_NORMAL;
        double[] pointwise = new double[bulk.length];
        for (int i = 0; i < bulk.length; i++) {
            pointwise[i] = s.valueAt(from + i);
            scale = Math.max(scale, Math.abs(pointwise[i]));
        }
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < bulk.length; i++) {
            if (!(Math.abs(bulk[i] - pointwise[i]) <= 1e-13 * scale)) {
                bad.add(String.format("step %d: sampled %.17g, valueAt %.17g", from + i, bulk[i], pointwise[i]));
            }
        }
        assertThat(bad).as("%s of %s sampled from %d", name, c.file, from).isEmpty();
    }
}
