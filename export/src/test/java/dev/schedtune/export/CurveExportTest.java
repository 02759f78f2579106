package dev.schedtune.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ExportFixtures;
import org.junit.jupiter.api.Test;

class CurveExportTest {
    @Test
    void csvHasAStepColumnThenOneColumnPerHyperparameter() {
        ScheduleSet set = ExportFixtures.oneCycle();
        String csv = CurveExport.csv(set, 3);
        assertThat(csv.split("\n"))
                .containsExactly(
                        "step,lr,momentum",
                        "0,0.0,0.95",
                        "1," + set.valueAt("lr", 1) + "," + set.valueAt("momentum", 1),
                        "2," + set.valueAt("lr", 2) + "," + set.valueAt("momentum", 2));
    }

    @Test
    void csvValuesReadBackToTheSameDoubles() {
        ScheduleSet set = ExportFixtures.warmupCosine();
        String[] rows = CurveExport.csv(set, 1000).split("\n");
        assertThat(rows).hasSize(1001);
        for (int step = 0; step < 1000; step++) {
            String[] cells = rows[step + 1].split(",");
            assertThat(Long.parseLong(cells[0])).isEqualTo(step);
            assertThat(Double.parseDouble(cells[1])).isEqualTo(set.valueAt("lr", step));
        }
    }

    @Test
    void jsonIsColumnOriented() {
        ScheduleSet set = ExportFixtures.oneCycle();
        String json = CurveExport.json(set, 2);
        assertThat(json)
                .isEqualTo("{\n  \"step\": [0, 1],\n  \"lr\": [0.0, " + set.valueAt("lr", 1)
                        + "],\n  \"momentum\": [0.95, " + set.valueAt("momentum", 1) + "]\n}\n");
    }

    @Test
    void stepsOutOfRangeAreNamed() {
        assertThatThrownBy(() -> CurveExport.csv(ExportFixtures.oneCycle(), 0))
                .hasMessage("steps (0) must be in [1, 10000000]");
    }

    @Test
    void lrComesFirstWhateverTheOrderOfTheSet() {
        ScheduleSet set = ScheduleSet.builder()
                .put("momentum", step -> 0.9)
                .put("lr", step -> 0.1)
                .put("weight_decay", step -> 0.01)
                .build();
        assertThat(CurveExport.csv(set, 1)).isEqualTo("step,lr,momentum,weight_decay\n0,0.1,0.9,0.01\n");
        assertThat(CurveExport.json(set, 1)).contains("\"step\": [0],\n  \"lr\": [0.1],\n  \"momentum\"");
    }
}
