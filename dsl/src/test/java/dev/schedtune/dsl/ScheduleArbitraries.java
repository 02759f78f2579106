package dev.schedtune.dsl;

import dev.schedtune.dsl.combinators.Warmup;
import dev.schedtune.dsl.primitives.Cyclic;
import dev.schedtune.dsl.primitives.CyclicExponentialDecay;
import dev.schedtune.dsl.primitives.Interpolation;
import dev.schedtune.dsl.primitives.OneCycle;
import dev.schedtune.dsl.primitives.WarmupStableDecay;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random valid schedules for property tests: every primitive, and trees of combinators over them. */
public final class ScheduleArbitraries {
    private ScheduleArbitraries() {}

    static Arbitrary<Double> value() {
        return Arbitraries.doubles().between(-1, 1).ofScale(4);
    }

    static Arbitrary<Double> positiveValue() {
        return Arbitraries.doubles().between(1e-4, 1).ofScale(5);
    }

    static Arbitrary<Double> length() {
        return Arbitraries.doubles().between(1, 200).ofScale(1);
    }

    static Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0.05, 1).ofScale(2);
    }

    /** Every primitive family, with random valid parameters. */
    public static Arbitrary<Curve> primitives() {
        return Arbitraries.oneOf(List.of(
                value().map(Schedules::constant),
                Combinators.combine(
                                value(),
                                value(),
                                length(),
                                Arbitraries.doubles().between(0, 50).ofScale(0))
                        .as(Schedules::linear),
                Combinators.combine(
                                value(),
                                value(),
                                length(),
                                Arbitraries.doubles().between(0.5, 3).ofScale(1))
                        .as(Schedules::cosine),
                Combinators.combine(
                                positiveValue(),
                                Arbitraries.doubles().between(0.5, 1).ofScale(3),
                                length())
                        .as(Schedules::exponentialDecay),
                Combinators.combine(positiveValue(), fraction(), length()).as(Schedules::stepDecay),
                Combinators.combine(
                                value(),
                                value(),
                                length(),
                                Arbitraries.doubles().between(0.3, 4).ofScale(1))
                        .as(Schedules::polynomial),
                Combinators.combine(positiveValue(), length()).as(Schedules::inverseSqrt),
                Combinators.combine(positiveValue(), length(), fraction()).as(Schedules::inverseTime),
                Combinators.combine(value(), value(), length()).as(Schedules::tanh),
                Combinators.combine(value(), value(), length(), length())
                        .as((lo, hi, up, down) -> (Curve) Schedules.cyclicTriangular2(lo, hi, up, down)),
                Combinators.combine(
                                value(),
                                value(),
                                length(),
                                Arbitraries.doubles().between(0.9, 1).ofScale(4))
                        .as((lo, hi, up, g) -> (Curve) Schedules.cyclicExpRange(lo, hi, up, up, g)),
                Combinators.combine(
                                positiveValue(),
                                length(),
                                Arbitraries.of(CyclicExponentialDecay.Shape.class),
                                fraction(),
                                Arbitraries.doubles().between(0.99, 1).ofScale(4))
                        .as((lo, period, shape, cycleDecay, stepDecay) -> (Curve)
                                CyclicExponentialDecay.of(lo, lo + 1, period, shape, 0.5, stepDecay, cycleDecay)),
                Combinators.combine(
                                positiveValue(),
                                length(),
                                Arbitraries.doubles().between(0.1, 0.5).ofScale(2),
                                Arbitraries.of(true, false),
                                Arbitraries.of(Interpolation.LINEAR, Interpolation.COSINE))
                        .as((max, total, pct, three, anneal) -> (Curve) OneCycle.builder(max, total + 10)
                                .pctStart(pct)
                                .threePhase(three)
                                .anneal(anneal)
                                .build()),
                Combinators.combine(
                                value(), length(), length(), length(), Arbitraries.of(WarmupStableDecay.Shape.class))
                        .as((peak, w, st, d, shape) -> (Curve) Schedules.warmupStableDecayBuilder(peak, w, st, d)
                                .warmupShape(shape)
                                .decayShape(shape)
                                .build()),
                Combinators.combine(
                                value(),
                                value(),
                                length(),
                                Arbitraries.doubles().between(1, 3).ofScale(1))
                        .as((hi, lo, p, mul) -> (Curve) Schedules.cosineWarmRestarts(hi, lo, p, mul, 0.7, 5)),
                Combinators.combine(value(), value(), length()).as((from, to, steps) ->
                        (Curve) Schedules.cosine(from, to, steps).extrapolated()),
                Combinators.combine(value(), value(), length()).as((lo, hi, up) ->
                        (Curve) Cyclic.of(lo, hi, up, up, Schedules.linear(1, 0.5, 10), Cyclic.AmplitudeBy.STEP))));
    }

    /** Random schedules: primitives and combinators over them, up to {@code depth} levels. */
    public static Arbitrary<Curve> schedules(int depth) {
        if (depth == 0) {
            return primitives();
        }
        Arbitrary<Curve> inner = schedules(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, primitives()),
                net.jqwik.api.Tuple.of(
                        1,
                        Combinators.combine(
                                        inner,
                                        length(),
                                        value(),
                                        Arbitraries.of(Warmup.Shape.LINEAR, Warmup.Shape.COSINE))
                                .as((s, steps, start, shape) -> (Curve) Schedules.warmup(s, steps, start, shape))),
                net.jqwik.api.Tuple.of(
                        1, Combinators.combine(inner, inner, length()).as((a, b, boundary) ->
                                (Curve) Schedules.join(List.of(a, b), boundary))),
                net.jqwik.api.Tuple.of(
                        1, Combinators.combine(inner, length(), fraction()).as((s, period, decay) ->
                                (Curve) Schedules.repeat(s, period, decay))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(inner, value()).as((s, f) -> s.times(f))),
                net.jqwik.api.Tuple.of(
                        1,
                        Combinators.combine(inner, value(), value())
                                .as((s, a, b) -> s.clamp(Math.min(a, b), Math.max(a, b)))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(inner, length()).as((s, d) -> s.shift(d))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(inner, inner).as((a, b) -> (Curve) Schedules.min(a, b))),
                net.jqwik.api.Tuple.of(
                        1, Combinators.combine(inner, inner).as((a, b) -> (Curve) Schedules.product(a, b))),
                net.jqwik.api.Tuple.of(
                        1,
                        Combinators.combine(
                                        inner,
                                        Arbitraries.doubles().between(1, 50).ofScale(1))
                                .as((s, spe) -> s.inEpochs(spe))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(inner, length()).as((s, h) -> s.holdAfter(h))));
    }
}
