package dev.schedtune.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ExportFixtures;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in kind, with parameters generated from its metadata, exported to Python and run by the
 * machine's python3: the values agree with Java to 1e-12 at every step of the window.
 */
class PythonExportParityTest {
    private static final KindRegistry BUILT_IN = KindRegistry.builtIn();

    @Test
    void everyBuiltInKindRunsInPythonWithTheSameValues(@TempDir Path dir) throws Exception {
        ScheduleSet.Builder all = ScheduleSet.builder();
        List<String> covered = new ArrayList<>();
        for (Kind kind : BUILT_IN.kinds()) {
            if (kind.produces() == Kind.Produces.TEMPLATE) {
                covered.add(kind.name()); // a family, not a curve: its bound schedules are the kinds below
                continue;
            }
            List<ScheduleSpec> specs = ExportFixtures.buildableSpecs(BUILT_IN, kind, 6, 2);
            if (!specs.isEmpty()) {
                covered.add(kind.name());
            }
            for (int i = 0; i < specs.size(); i++) {
                ScheduleSet set = ExportFixtures.buildSet(BUILT_IN, specs.get(i));
                for (Map.Entry<String, dev.schedtune.dsl.Schedule> e :
                        set.asMap().entrySet()) {
                    all.put(kind.name().replaceAll("[^A-Za-z0-9_]", "_") + "_" + i + "_" + e.getKey(), e.getValue());
                }
            }
        }
        assertThat(covered).hasSameSizeAs(BUILT_IN.kinds());
        ScheduleSet set = all.build();
        String py = PytorchExport.builder().build().python(set);
        PythonRunner.assertSameCurve(dir, py, set, 700);
    }
}
