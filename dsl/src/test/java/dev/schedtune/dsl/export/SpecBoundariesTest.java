package dev.schedtune.dsl.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.spec.ScheduleSpec;
import org.junit.jupiter.api.Test;

class SpecBoundariesTest {
    private static ScheduleSpec spec(String yaml) {
        return Configs.parse(yaml, ConfigFormat.YAML).single().orElseThrow();
    }

    @Test
    void warmupThenJoinedPiecesShiftTheirInnerBoundaries() {
        ScheduleSpec s = spec("""
                type: warmup
                steps: 100
                schedule:
                  type: join
                  boundaries: [300]
                  schedules:
                    - {type: cosine, from: 1, to: 0.1, steps: 200}
                    - {type: constant, value: 0.1}
                """);
        // warmup end, the cosine's end (100 + 200), the join boundary (100 + 300)
        assertThat(SpecBoundaries.of(s, 1000)).containsExactly(100, 300, 400);
        assertThat(SpecBoundaries.of(s, 350)).containsExactly(100, 300);
    }

    @Test
    void oneCyclePhasesAndRestartCycles() {
        assertThat(SpecBoundaries.of(spec("type: one_cycle\nmax_lr: 1\ntotal_steps: 1000\npct_start: 0.25"), 2000))
                .containsExactly(250, 1000);
        ScheduleSpec restarts =
                spec("type: repeat\nperiod: 100\nperiod_mul: 2\nschedule: {type: cosine, from: 1, to: 0, steps: 100}");
        assertThat(SpecBoundaries.of(restarts, 1000)).containsExactly(100, 300, 700);
    }

    @Test
    void epochsScaleAndUnknownKindsAddNothing() {
        ScheduleSpec s = spec(
                "type: epochs\nsteps_per_epoch: 50\nschedule: {type: piecewise_constant, boundaries: [2, 4], values: [1, 0.5, 0.1]}");
        assertThat(SpecBoundaries.of(s, 1000)).containsExactly(100, 200);
        assertThat(SpecBoundaries.of(spec("type: inverse_sqrt\ninit: 1\ntimescale: 10"), 1000))
                .isEmpty();
    }
}
