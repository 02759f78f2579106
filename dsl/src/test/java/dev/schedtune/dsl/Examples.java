package dev.schedtune.dsl;

import static dev.schedtune.dsl.Schedules.*;

import dev.schedtune.dsl.combinators.Repeat;
import dev.schedtune.dsl.combinators.Warmup;
import dev.schedtune.dsl.primitives.Cosine;
import dev.schedtune.dsl.primitives.Cyclic;
import dev.schedtune.dsl.primitives.CyclicExponentialDecay;
import dev.schedtune.dsl.primitives.ExponentialDecay;
import dev.schedtune.dsl.primitives.Interpolation;
import dev.schedtune.dsl.primitives.InverseTime;
import dev.schedtune.dsl.primitives.Linear;
import dev.schedtune.dsl.primitives.Noam;
import dev.schedtune.dsl.primitives.PiecewiseInterpolation;
import dev.schedtune.dsl.primitives.Polynomial;
import dev.schedtune.dsl.primitives.Tanh;
import dev.schedtune.dsl.primitives.WarmupStableDecay;
import java.util.ArrayList;
import java.util.List;

/** One or more instances of every built-in kind and option, shared by the catalogue tests. */
public final class Examples {
    private Examples() {}

    public static List<Curve> all() {
        List<Curve> s = new ArrayList<>();
        s.add(constant(0.1));
        s.add(linear(0.0, 1.0, 10));
        s.add(linear(1.0, 0.0, 7.5, 2));
        s.add(Linear.of(0.04, 1.0, 2.0, 0, true));
        s.add(cosine(1.0, 0.1, 4));
        s.add(cosine(1.0, 0.1, 4, 2));
        s.add(Cosine.of(1.0, 0.0, 4, 1, 2, false));
        s.add(cosine(1.0, 0.1, 4).extrapolated());
        s.add(exponentialDecay(1.0, 0.9));
        s.add(exponentialDecay(1.0, 0.5, 2).withBegin(1).staircase().withEndValue(0.2));
        s.add(exponentialDecayContinuous(2.0, 0.01));
        s.add(ExponentialDecay.of(1.0, 1.5).withEndValue(3));
        s.add(stepDecay(1.0, 0.5, 3));
        s.add(multiStep(1.0, 0.1, 2, 5));
        s.add(multiStep(1.0, 0.1, 2, 2, 5));
        s.add(piecewiseConstant(new double[] {2, 4}, new double[] {1, 0.5, 0.1}));
        s.add(piecewiseInterpolate(new double[] {0, 2, 4}, new double[] {1, 0.5, 0.05}, Interpolation.COSINE));
        s.add(PiecewiseInterpolation.of(
                new double[] {0, 1.5, 8.25}, new double[] {0.1, 1, 1e-3}, Interpolation.LINEAR, true));
        s.add(piecewiseInterpolate(new double[] {0, 10}, new double[] {1, 0.01}, Interpolation.EXPONENTIAL));
        s.add(polynomial(1.0, 0.1, 4, 2));
        s.add(Polynomial.of(1.0, 0.1, 4, 2, 1, 1, false));
        s.add(Polynomial.of(1.0, 0.1, 4, 2, 0, 1, true));
        s.add(Polynomial.of(1.0, 0.0, 4, 0.5, 0, 2, false));
        s.add(inverseSqrt(1.0, 3));
        s.add(inverseTime(1.0, 2, 0.5));
        s.add(InverseTime.of(1.0, 2, 0.5, true));
        s.add(tanh(1.0, 0.0, 4));
        s.add(Tanh.of(1.0, 0.1, 4, -5, 5));
        s.add(cyclicTriangular(0.1, 1.0, 3, 3));
        s.add(cyclicTriangular2(0.1, 1.0, 2, 2));
        s.add(cyclicExpRange(0.1, 1.0, 2, 2, 0.9));
        s.add(cyclicTriangular(0.1, 1.0, 2, 4).withValues(0.9, 0.8));
        s.add(cyclic(0.1, 1.0, 2, 2, linear(1, 0.5, 10), Cyclic.AmplitudeBy.STEP));
        s.add(cyclicExponentialDecayPerStep(0.1, 1.0, 4, 0.9));
        s.add(cyclicExponentialDecayPerCycle(0.1, 1.0, 4, 0.5));
        s.add(cyclicExponentialDecayRestarted(0.01, 1.0, 5));
        s.add(CyclicExponentialDecay.of(0.0, 1.0, 6, CyclicExponentialDecay.Shape.COSINE, 0.5, 0.99, 0.8));
        s.add(CyclicExponentialDecay.perStep(0.0, 1.0, 6, 0.95).withUpFraction(0.25));
        s.add(oneCycle(1.0, 10));
        s.add(oneCycleBuilder(1.0, 10).phaseOffset(-1).extrapolate(true).build());
        s.add(oneCycleBuilder(1.0, 10).threePhase(true).phaseOffset(-1).build().momentum());
        s.add(oneCycleBuilder(1.0, 10)
                .anneal(Interpolation.LINEAR)
                .pctStart(0.25)
                .build());
        s.add(cosineWarmRestarts(1.0, 0.1, 2));
        s.add(cosineWarmRestarts(1.0, 0.0, 2, 2, 0.5, 3));
        s.add(warmupStableDecay(1.0, 3, 4, 3));
        s.add(warmupStableDecayBuilder(1.0, 3, 4, 3)
                .init(0.1)
                .end(0.01)
                .warmupShape(WarmupStableDecay.Shape.COSINE)
                .decayShape(WarmupStableDecay.Shape.SQRT)
                .build());
        s.add(warmupStableDecayBuilder(1.0, 0, 4, 6)
                .decayShape(WarmupStableDecay.Shape.COSINE)
                .decayCycles(1)
                .build());
        s.add(Noam.of(512, 4, 2));
        // combinators
        s.add(warmup(cosine(1.0, 0.1, 7), 3));
        s.add(warmup(cosine(1.0, 0.1, 7), 3, 0.01, Warmup.Shape.COSINE));
        s.add(warmup(exponentialDecay(1.0, 0.9), 4, 0.01, Warmup.Shape.EXPONENTIAL));
        s.add(warmupOverlay(cosine(1.0, 0.1, 4), 2, 0.01, Warmup.Shape.LINEAR));
        s.add(Warmup.of(constant(1.0), 5, 1.0 / 3, Warmup.Shape.CONSTANT, true).withTarget(1.0));
        s.add(join(List.of(constant(0.5), linear(1, 0, 4)), 3));
        s.add(linear(0, 1, 3).then(cosine(1, 0.1, 5)).then(constant(0.1)));
        s.add(sequence(List.of(linear(0, 1, 3), cosine(1, 0, 4), constant(0.05)), 3, 4));
        s.add(repeat(linear(1, 0, 5), 5));
        s.add(repeat(linear(1, 0, 5), 5, 0.5));
        s.add(Repeat.every(cosine(1, 0.1, 2), 2).withPeriodMultiplier(1.5).withCycleLimit(4, 0.05));
        s.add(cosine(1, 0, 10).times(0.5));
        s.add(cosine(1, 0, 10).plus(1e-3));
        s.add(cosine(1, 0, 10).shift(3));
        s.add(cosine(1, 0, 10).shift(-2.5));
        s.add(cosine(1, 0, 10).extrapolated().clamp(0.2, 0.8));
        s.add(linear(1, -1, 10).floor(0.1));
        s.add(linear(0, 2, 10).ceiling(1));
        s.add(cosine(1, 0.1, 4).extrapolated().holdAfter(4));
        s.add(min(constant(0.5), linear(0, 1, 4)));
        s.add(max(constant(0.5), linear(0, 1, 4)));
        s.add(product(constant(0.5), cosine(1, 0, 4), constant(2)));
        s.add(sum(constant(0.5), cosine(1, 0, 4)));
        s.add(cosine(1, 0, 3).inEpochs(4));
        s.add(multiStep(1, 0.1, 1, 2).inWholeEpochs(3.5));
        s.add(linear(0, 1, 2).then(cosineWarmRestarts(1, 0.1, 4)).floor(0.2));
        s.add(warmup(cosine(1, 0.1, 700), 0));
        s.add(join(List.of(linear(0, 1, 10), cosineWarmRestarts(1, 0.01, 500, 1, 0.7, 4), constant(0.01)), 10, 1510));
        s.add(cosine(1, 0, 3).extrapolated().withExponent(1.5).inEpochs(400));
        return s;
    }
}
