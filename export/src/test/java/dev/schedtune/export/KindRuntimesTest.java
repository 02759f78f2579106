package dev.schedtune.export;

import static dev.schedtune.dsl.Schedules.cosine;
import static dev.schedtune.dsl.Schedules.repeat;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.combinators.Repeat;
import dev.schedtune.dsl.combinators.Repeat.CycleIndex;
import dev.schedtune.dsl.primitives.WarmupStableDecay;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Python runtimes of kinds whose edges the generated parameters of PythonExportParityTest rarely reach. */
class KindRuntimesTest {
    @Test
    void bothCountingsRunInPythonWithTheSameValues(@TempDir Path dir) throws Exception {
        ScheduleSet set = ScheduleSet.builder()
                .put(
                        "timm",
                        repeat(cosine(1, 0.1, 1), 1).withPeriodMultiplier(3).withCycleIndex(CycleIndex.FLOAT))
                .put(
                        "keras",
                        repeat(cosine(1, 0.1, 1.1), 1.1)
                                .withCycleIndex(CycleIndex.FLOAT)
                                .withDecay(0.9, 0.1))
                .put("transformers", Repeat.overSpan(cosine(1, 0, 18.0 / 14), 18, 14))
                .put(
                        "exact",
                        repeat(cosine(1, 0, 1.5), 1.5).withPeriodMultiplier(2.5).withCycleLimit(5))
                .build();
        PythonRunner.assertSameCurve(dir, PytorchExport.builder().build().python(set), set, 400);
    }

    @Test
    void thePythonRuntimeAgreesAtTheEndOfTheStablePhase(@TempDir Path dir) throws Exception {
        ScheduleSet set = ScheduleSet.builder()
                .put(
                        "no_decay",
                        WarmupStableDecay.builder(1.0, 2, 3, 0)
                                .init(0.1)
                                .end(0.1)
                                .build())
                .put(
                        "no_warmup_no_stable",
                        WarmupStableDecay.builder(1.0, 0, 0, 0)
                                .init(0.1)
                                .end(0.1)
                                .build())
                .put(
                        "with_decay",
                        WarmupStableDecay.builder(1.0, 2, 3, 4).end(0.1).build())
                .build();
        PythonRunner.assertSameCurve(dir, PytorchExport.builder().build().python(set), set, 12);
    }
}
