package dev.schedtune.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.spec.KindRegistry;
import org.junit.jupiter.api.Test;

/** Where the pieces of built-in schedules meet ({@code Curve.boundaries}), for plot markers. */
class CurveBoundariesTest {
    private static Curve spec(String yaml) {
        return (Curve) KindRegistry.builtIn()
                .build(Configs.parse(yaml, ConfigFormat.YAML).single().orElseThrow());
    }

    @Test
    void warmupThenJoinedPiecesShiftTheirInnerBoundaries() {
        Curve s = spec("""
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
        assertThat(s.boundaries(0, 1000)).containsExactly(100, 300, 400);
        assertThat(s.boundaries(0, 350)).containsExactly(100, 300);
    }

    @Test
    void oneCyclePhasesAndRestartCycles() {
        assertThat(spec("type: one_cycle\nmax_lr: 1\ntotal_steps: 1000\npct_start: 0.25")
                        .boundaries(0, 2000))
                .containsExactly(250, 1000);
        Curve restarts =
                spec("type: repeat\nperiod: 100\nperiod_mul: 2\nschedule: {type: cosine, from: 1, to: 0, steps: 100}");
        assertThat(restarts.boundaries(0, 1000)).containsExactly(100, 300, 700);
    }

    @Test
    void epochsScaleAndUnknownKindsAddNothing() {
        Curve s = spec(
                "type: epochs\nsteps_per_epoch: 50\nschedule: {type: piecewise_constant, boundaries: [2, 4], values: [1, 0.5, 0.1]}");
        assertThat(s.boundaries(0, 1000)).containsExactly(100, 200);
        assertThat(spec("type: inverse_sqrt\ninit: 1\ntimescale: 10").boundaries(0, 1000))
                .isEmpty();
    }
}
