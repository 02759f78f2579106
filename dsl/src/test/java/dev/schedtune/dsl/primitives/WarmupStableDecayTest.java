package dev.schedtune.dsl.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Where the stable phase meets the decay. transformers' {@code get_wsd_schedule} tests {@code step < W + S}
 * (peak), then {@code step < W + S + D} (decay), then returns the end value: with {@code D = 0} the end
 * value starts at {@code W + S}.
 */
class WarmupStableDecayTest {
    private static WarmupStableDecay noDecay(double w, double s) {
        return WarmupStableDecay.builder(1.0, w, s, 0).init(0.1).end(0.1).build();
    }

    @Test
    void withoutADecayPhaseTheEndValueStartsWhereTheStablePhaseEnds() {
        WarmupStableDecay wsd = noDecay(2, 3);
        // transformers' values for base_lr 1, W 2, S 3, D 0, min_lr_ratio 0.1
        double[] expected = {0.1, 0.55, 1.0, 1.0, 1.0, 0.1, 0.1, 0.1};
        double[] sampled = new double[expected.length];
        wsd.sample(0, expected.length, sampled);
        for (int t = 0; t < expected.length; t++) {
            assertThat(wsd.valueAt(t)).as("step %d", t).isEqualTo(expected[t]);
            assertThat(sampled[t]).as("sampled step %d", t).isEqualTo(expected[t]);
        }
        assertThat(wsd.valueAtReal(4.999)).isEqualTo(1.0);
        assertThat(noDecay(0, 0).valueAt(0)).isEqualTo(0.1);
        assertThat(noDecay(2, 0).valueAt(2)).isEqualTo(0.1);
    }

    @Test
    void withADecayPhaseTheDecayStartsAtThePeak() {
        for (WarmupStableDecay.Shape shape : WarmupStableDecay.Shape.values()) {
            WarmupStableDecay wsd = WarmupStableDecay.builder(0.7, 2, 3, 4)
                    .end(0.1)
                    .decayShape(shape)
                    .build();
            assertThat(wsd.valueAt(5)).as("%s", shape).isCloseTo(0.7, within(Math.ulp(0.7)));
            assertThat(wsd.valueAt(6)).as("%s", shape).isLessThan(0.7);
        }
    }
}
