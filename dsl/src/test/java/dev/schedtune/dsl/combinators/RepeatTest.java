package dev.schedtune.dsl.combinators;

import static dev.schedtune.dsl.Schedules.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.primitives.Cosine;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatTest {
    @Test
    void theCosineFastPathGivesExactlyTheCosinesValues() {
        for (Cosine c : List.of(
                cosine(1e-3, 1e-5, 1000),
                cosine(1, 0, 7.5),
                cosine(0.1, 0.3, 10).extrapolated(),
                cosine(1, 0.1, 4))) {
            for (double period : new double[] {c.steps(), 3, 12.25}) {
                Repeat r = repeat(c, period);
                // the same repetition around a wrapper that hides the cosine takes the general path
                Schedule general = repeat(c.plus(0.0), period);
                for (long t = 0; t < 5000; t += 3) {
                    double local = t - Math.floor(t / period) * period;
                    assertThat(r.valueAt(t)).isEqualTo(c.valueAtReal(local)).isEqualTo(general.valueAt(t));
                }
            }
        }
    }

    @Test
    void cyclesWithMultipliersStartExactlyWherePyTorchRestarts() {
        Repeat r = repeat(linear(1, 0, 10), 10).withPeriodMultiplier(3);
        assertThat(r.cycleAt(9.999)).isZero();
        assertThat(r.cycleAt(10)).isEqualTo(1);
        assertThat(r.cycleAt(39.999)).isEqualTo(1);
        assertThat(r.cycleAt(40)).isEqualTo(2);
        assertThat(r.cycleAt(130)).isEqualTo(3);
        assertThat(r.valueAt(130)).isEqualTo(1.0);
        assertThat(r.valueAt(40 + 45)).isEqualTo(0.5);
    }

    @Test
    void theLimitHoldsTheAfterValue() {
        Repeat r = repeat(linear(1, 0, 10), 10).withDecay(0.5, 0).withCycleLimit(2, 0.01);
        assertThat(r.valueAt(10)).isEqualTo(0.5);
        assertThat(r.valueAt(20)).isEqualTo(0.01);
        assertThat(r.horizon()).isEqualTo(20);
    }
}
