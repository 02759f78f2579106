package dev.schedtune.dsl.combinators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedules;
import dev.schedtune.dsl.combinators.Repeat.CycleIndex;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Bulk sampling decides every cycle as {@code valueAt} does, for every way of counting, fractional periods
 * and positions that are themselves fractional (a repetition written in epochs): the inner line jumps by
 * its whole height at a restart, so a position put in the wrong cycle shows as a difference of ~1.
 */
class RepeatProperties {
    @Property(tries = 300)
    void samplingPutsEveryPositionInTheCycleValueAtFinds(
            @ForAll @DoubleRange(min = 0.05, max = 60) double period,
            @ForAll @DoubleRange(min = 0.2, max = 9) double stepsPerEpoch,
            @ForAll @IntRange(min = 0, max = 4) int counting,
            @ForAll @IntRange(min = 0, max = 300) int from) {
        Repeat r = Repeat.every(Schedules.linear(1, 0, period), period);
        switch (counting) {
            case 0 -> {}
            case 1 -> r = r.withCycleIndex(CycleIndex.FLOAT);
            case 2 -> r = r.withPeriodMultiplier(1.5);
            case 3 -> r = r.withPeriodMultiplier(1.5).withCycleIndex(CycleIndex.FLOAT);
            default -> r = Repeat.overSpan(Schedules.linear(1, 0, period / 7), period, 7);
        }
        for (Curve s :
                new Curve[] {r, r.inEpochs(stepsPerEpoch), r.withDecay(0.9, 0.1).withCycleLimit(40)}) {
            double[] bulk = s.sample(from, 3000);
            for (int i = 0; i < bulk.length; i++) {
                assertThat(bulk[i]).as("%s at %d", s, from + i).isCloseTo(s.valueAt(from + i), within(1e-12));
            }
        }
    }
}
