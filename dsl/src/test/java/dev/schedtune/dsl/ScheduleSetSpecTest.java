package dev.schedtune.dsl;

import static dev.schedtune.dsl.Schedules.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleSetSpecTest {
    @Test
    void setsRebuildFromTheirSpecs() {
        List<ScheduleSet> sets = List.of(
                oneCycle(0.1, 100).asSet(),
                oneCycleBuilder(0.1, 100).threePhase(true).build().asSet(ScheduleSet.BETA1),
                cyclicTriangular2(1e-3, 6e-3, 20, 20).withMomentum(0.8, 0.9, ScheduleSet.MOMENTUM),
                ScheduleSet.builder()
                        .put(ScheduleSet.LR, warmup(cosine(1e-3, 0, 90), 10))
                        .put(ScheduleSet.WEIGHT_DECAY, linear(0.01, 0.1, 100))
                        .build());
        for (ScheduleSet set : sets) {
            ScheduleSpec spec = set.spec();
            Object rebuilt = KindRegistry.builtIn().build(spec);
            assertThat(rebuilt).as("%s", spec).isEqualTo(set);
            assertThat(((ScheduleSet) rebuilt).spec()).isEqualTo(spec);
        }
        assertThat(oneCycle(0.1, 100).asSet().spec().kind()).isEqualTo("one_cycle_set");
    }

    @Test
    void oneCycleDrivesLrAndTheInverseMomentum() {
        ScheduleSet set = oneCycle(1.0, 10).asSet();
        assertThat(set.names()).containsExactly("lr", "momentum");
        assertThat(set.valueAt("lr", 3)).isEqualTo(1.0);
        assertThat(set.valueAt("momentum", 3)).isEqualTo(0.85);
        double[] out = new double[2];
        set.valuesAt(0, out);
        assertThat(out).containsExactly(0.04, 0.95);
        assertThat(set.valuesAt(10)).containsEntry("lr", 4e-6).containsEntry("momentum", 0.95);
    }

    @Test
    void cyclicMomentumIsTheInverseWave() {
        ScheduleSet set = cyclicTriangular(0.1, 1.0, 2, 2).withMomentum(0.8, 0.9, "momentum");
        assertThat(set.valueAt("momentum", 0)).isEqualTo(0.9);
        assertThat(set.valueAt("momentum", 2)).isEqualTo(0.8);
        assertThat(set.times("lr", 2).valueAt("lr", 2)).isEqualTo(2.0);
    }
}
