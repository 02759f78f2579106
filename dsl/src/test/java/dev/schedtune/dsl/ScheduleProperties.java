package dev.schedtune.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.schedtune.dsl.primitives.Interpolation;
import dev.schedtune.dsl.primitives.OneCycle;
import dev.schedtune.dsl.primitives.WarmupStableDecay;
import dev.schedtune.dsl.spec.KindRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

class ScheduleProperties {
    @Provide
    Arbitrary<Curve> schedules() {
        return ScheduleArbitraries.schedules(2);
    }

    @Provide
    Arbitrary<Curve> primitives() {
        return ScheduleArbitraries.primitives();
    }

    @Property(tries = 300)
    void valuesAreFinite(@ForAll("schedules") Curve s, @ForAll @LongRange(min = 0, max = 1_000_000) long step) {
        assertThat(s.valueAt(step)).as("%s at %d", s, step).isFinite();
        assertThat(s.valueAtReal(step + 0.5)).as("%s at %d.5", s, step).isFinite();
    }

    @Property(tries = 200)
    void rebuildsFromItsSpec(@ForAll("schedules") Curve s) {
        Object rebuilt = KindRegistry.builtIn().build(s.spec());
        assertThat(rebuilt).isEqualTo(s);
        assertThat(rebuilt.hashCode()).isEqualTo(s.hashCode());
        Schedule r = (Schedule) rebuilt;
        for (long t = 0; t < 500; t += 7) {
            assertThat(r.valueAt(t)).isEqualTo(s.valueAt(t));
        }
    }

    @Property(tries = 150)
    void randomAccessEqualsSequentialAccess(@ForAll("schedules") Curve s, @ForAll Random random) {
        int n = 700;
        double[] sequential = new double[n];
        for (int t = 0; t < n; t++) {
            sequential[t] = s.valueAt(t);
        }
        List<Integer> order = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            order.add(t);
        }
        Collections.shuffle(order, random);
        for (int t : order) {
            assertThat(s.valueAt(t)).isEqualTo(sequential[t]);
        }
        double[] bulk = s.sample(0, n);
        for (int t = 0; t < n; t++) {
            assertThat(bulk[t]).as("%s at %d", s, t).isCloseTo(sequential[t], within(1e-12));
        }
    }

    @Property(tries = 300)
    void decayingPrimitivesAreMonotoneAndBounded(
            @ForAll @DoubleRange(min = 0, max = 1) double a,
            @ForAll @DoubleRange(min = 0, max = 1) double b,
            @ForAll @DoubleRange(min = 1, max = 300) double steps,
            @ForAll @DoubleRange(min = 0.2, max = 4) double power) {
        double from = Math.max(a, b);
        double to = Math.min(a, b);
        List<Schedule> decays = List.of(
                Schedules.linear(from, to, steps),
                Schedules.cosine(from, to, steps),
                Schedules.cosine(from, to, steps, power),
                Schedules.cosine(from, to, steps).withKDecay(power),
                Schedules.polynomial(from, to, steps, power),
                Schedules.tanh(from, to, steps),
                Schedules.exponentialDecay(from, 0.97).withEndValue(to),
                Schedules.inverseSqrt(from, steps),
                Schedules.inverseTime(from, steps, power),
                Schedules.warmupStableDecayBuilder(from, 0, steps, steps)
                        .end(to)
                        .decayShape(WarmupStableDecay.Shape.SQRT)
                        .build());
        // monotone and bounded up to rounding: a few ulps of the start value
        double ulps = 4 * Math.ulp(from);
        for (Schedule s : decays) {
            double previous = s.valueAt(0);
            for (long t = 0; t <= 2 * steps + 2; t++) {
                double v = s.valueAt(t);
                assertThat(v)
                        .as("%s at %d", s, t)
                        .isLessThanOrEqualTo(previous + ulps)
                        .isBetween(Math.min(to, 0) - ulps, from + ulps);
                previous = v;
            }
        }
    }

    @Property(tries = 200)
    void warmupsAndJoinsOfMatchingPiecesAreContinuous(
            @ForAll @DoubleRange(min = 1e-4, max = 1) @Scale(6) double peak,
            @ForAll @DoubleRange(min = 1, max = 500) double w,
            @ForAll @DoubleRange(min = 1, max = 500) double d) {
        double eps = 1e-7;
        Schedule warm = Schedules.warmup(Schedules.cosine(peak, 0, d), w);
        assertThat(warm.valueAtReal(w - eps)).isCloseTo(warm.valueAtReal(w), within(peak / w * 2 * eps + 1e-12));
        Schedule joined = Schedules.linear(0, peak, w).then(Schedules.cosine(peak, peak / 10, d));
        assertThat(joined.valueAtReal(w - eps)).isCloseTo(joined.valueAtReal(w), within(peak / w * 2 * eps + 1e-12));
        Schedule wsd = Schedules.warmupStableDecayBuilder(peak, w, d, d)
                .warmupShape(WarmupStableDecay.Shape.COSINE)
                .decayShape(WarmupStableDecay.Shape.COSINE)
                .build();
        for (double knot : new double[] {w, w + d, w + 2 * d}) {
            assertThat(wsd.valueAtReal(knot - eps)).isCloseTo(wsd.valueAtReal(knot), within(peak * 1e-6));
        }
    }

    @Property(tries = 200)
    void oneCycleIsContinuousAndBetweenItsExtremes(
            @ForAll @DoubleRange(min = 1e-4, max = 1) @Scale(6) double maxLr,
            @ForAll @DoubleRange(min = 20, max = 5000) double total,
            @ForAll @DoubleRange(min = 0.05, max = 0.45) double pct,
            @ForAll boolean threePhase,
            @ForAll boolean linear) {
        OneCycle lr = OneCycle.builder(maxLr, total)
                .pctStart(pct)
                .threePhase(threePhase)
                .anneal(linear ? Interpolation.LINEAR : Interpolation.COSINE)
                .build();
        double min = maxLr / 25 / 1e4;
        for (Schedule s : List.of(lr, lr.momentum())) {
            double lo = s == lr ? min : 0.85;
            double hi = s == lr ? maxLr : 0.95;
            for (double knot : lr.phaseEnds()) {
                if (knot > 0) {
                    assertThat(s.valueAtReal(knot - 1e-7)).isCloseTo(s.valueAtReal(knot), within(hi * 1e-6));
                }
            }
            for (long t = 0; t <= total + 5; t++) {
                assertThat(s.valueAt(t)).isBetween(lo - 1e-15, hi + 1e-15);
            }
        }
    }

    @Property(tries = 200)
    void cyclesStayBetweenTheirLowAndHigh(
            @ForAll @DoubleRange(min = 0, max = 1) double low,
            @ForAll @DoubleRange(min = 0, max = 1) double span,
            @ForAll @DoubleRange(min = 1, max = 100) double up,
            @ForAll @DoubleRange(min = 0.5, max = 1) double gamma) {
        double high = low + span;
        for (Schedule s : List.of(
                Schedules.cyclicTriangular(low, high, up, up * 2),
                Schedules.cyclicTriangular2(low, high, up, up),
                Schedules.cyclicExpRange(low, high, up, up, gamma),
                Schedules.cyclicExponentialDecayPerStep(low, high, 2 * up, gamma),
                Schedules.cyclicExponentialDecayPerCycle(low, high, 2 * up, gamma))) {
            for (long t = 0; t < 1000; t++) {
                assertThat(s.valueAt(t)).as("%s at %d", s, t).isBetween(low - 1e-12, high + 1e-12);
            }
        }
    }
}
