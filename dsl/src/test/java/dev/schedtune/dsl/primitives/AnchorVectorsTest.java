package dev.schedtune.dsl.primitives;

import static dev.schedtune.dsl.Schedules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.combinators.Warmup;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The primitives and combinators reproduce the anchor libraries' published vectors (reference
 * material, section 4: executed with torch 2.11, transformers 5.17, timm 1.0.29, optax 0.2.8; printed
 * to 6 decimals, hence the tolerance). The presets built on top are tested against full-precision
 * vectors by the presets module; this test pins the formulas the presets rely on.
 */
class AnchorVectorsTest {
    private static void assertValues(Schedule s, double... expected) {
        for (int t = 0; t < expected.length; t++) {
            assertThat(s.valueAt(t)).as("%s at step %d", s, t).isCloseTo(expected[t], within(6e-7));
        }
    }

    @Test
    void torchOneCycle() {
        OneCycle c = oneCycleBuilder(1.0, 10).phaseOffset(-1).extrapolate(true).build();
        assertValues(c, 0.04, 0.52, 1.0, 0.950485, 0.811746, 0.611262, 0.388742, 0.188258, 0.049519, 4e-06, 0.049519);
        assertValues(
                c.momentum(),
                0.95,
                0.9,
                0.85,
                0.854952,
                0.868826,
                0.888874,
                0.911126,
                0.931174,
                0.945048,
                0.95,
                0.945048);
        OneCycle three = oneCycleBuilder(1.0, 10)
                .phaseOffset(-1)
                .extrapolate(true)
                .threePhase(true)
                .build();
        assertValues(three, 0.04, 0.52, 1.0, 0.52, 0.04, 0.036181, 0.026182, 0.013822, 0.003823, 4e-06, 0.003823);
        assertValues(three.momentum(), 0.95, 0.9, 0.85, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95);
        OneCycle linear = oneCycleBuilder(1.0, 10)
                .phaseOffset(-1)
                .extrapolate(true)
                .anneal(Interpolation.LINEAR)
                .build();
        assertThat(linear.valueAt(8)).isCloseTo(0.142861, within(6e-7));
        assertThat(linear.valueAt(9)).isCloseTo(4e-06, within(6e-7));
        assertThat(linear.valueAt(10)).isCloseTo(-0.142853, within(6e-7));
    }

    @Test
    void optaxOneCycles() {
        assertValues(
                oneCycle(1.0, 10),
                .04,
                .28,
                .76,
                1,
                .950485,
                .811746,
                .611262,
                .388742,
                .188258,
                .049519,
                4e-06,
                4e-06);
        assertValues(
                piecewiseInterpolate(
                        new double[] {0, 3, 8, 10}, new double[] {.04, 1, .04, 4e-6}, Interpolation.LINEAR),
                .04,
                .36,
                .68,
                1,
                .808,
                .616,
                .424,
                .232,
                .04,
                .020002,
                4e-06,
                4e-06);
    }

    @Test
    void torchCyclic() {
        assertValues(cyclicTriangular(0.1, 1, 3, 3), 0.1, 0.4, 0.7, 1.0, 0.7, 0.4, 0.1, 0.4);
        assertValues(cyclicTriangular2(0.1, 1, 2, 2), 0.1, 0.55, 1.0, 0.55, 0.1, 0.325, 0.55, 0.325, 0.1, 0.2125);
        assertValues(
                cyclicExpRange(0.1, 1, 2, 2, 0.9),
                0.1,
                0.505,
                0.829,
                0.42805,
                0.1,
                0.365721,
                0.578297,
                0.315234,
                0.1,
                0.274339,
                0.413811,
                0.241215,
                0.1);
        assertValues(cyclicTriangular(0.1, 1, 2, 4), 0.1, 0.55, 1.0, 0.775, 0.55, 0.325, 0.1);
        assertValues(cyclicTriangular(0.1, 1, 3, 3).withValues(0.9, 0.8), 0.9, 0.866667, 0.833333, 0.8, 0.833333);
    }

    @Test
    void torchCosineAndRestarts() {
        assertValues(
                cosine(1, 0.1, 4).extrapolated(), 1.0, 0.868198, 0.55, 0.231802, 0.1, 0.231802, 0.55, 0.868198, 1.0);
        assertValues(
                repeat(cosine(1, 0.1, 2), 2).withPeriodMultiplier(2),
                1.0,
                0.55,
                1.0,
                0.868198,
                0.55,
                0.231802,
                1.0,
                0.965746,
                0.868198,
                0.722208,
                0.55,
                0.377792,
                0.231802,
                0.134254,
                1.0);
    }

    @Test
    void torchStepFamilies() {
        assertValues(stepDecay(1, 0.5, 3), 1, 1, 1, .5, .5, .5, .25, .25);
        assertValues(multiStep(1, 0.1, 2, 5), 1, 1, .1, .1, .1, .01, .01);
        assertValues(polynomial(1, 0, 4, 2), 1, .5625, .25, .0625, 0, 0, 0);
        assertValues(linear(1.0 / 3, 1, 5), .333333, .466667, .6, .733333, .866667, 1, 1);
        assertValues(
                join(List.of(linear(0.1, 1, 3), exponentialDecay(1, 0.5)), 3),
                0.1,
                0.4,
                0.7,
                1.0,
                0.5,
                0.25,
                0.125,
                0.0625);
    }

    @Test
    void huggingFaceFamilies() {
        assertValues(
                warmup(linear(1, 0, 7), 3),
                0,
                .333333,
                .666667,
                1,
                .857143,
                .714286,
                .571429,
                .428571,
                .285714,
                .142857,
                0,
                0,
                0);
        assertValues(
                warmup(cosine(1, 0, 7).extrapolated(), 3),
                0,
                .333333,
                .666667,
                1,
                .950484,
                .811745,
                .61126,
                .38874,
                .188255,
                .049516,
                0,
                .049516,
                .188255);
        assertValues(
                warmup(inverseSqrt(1, 3), 3),
                0,
                .333333,
                .666667,
                1,
                .866025,
                .774597,
                .707107,
                .654654,
                .612372,
                .57735,
                .547723,
                .522233,
                .5);
        assertValues(
                warmupStableDecayBuilder(1, 3, 4, 3)
                        .decayShape(WarmupStableDecay.Shape.COSINE)
                        .build(),
                0,
                .333333,
                .666667,
                1,
                1,
                1,
                1,
                1,
                .75,
                .25,
                0,
                0,
                0);
    }

    @Test
    void timmFamilies() {
        assertValues(warmupOverlay(cosine(1, .1, 4), 2, .01, Warmup.Shape.LINEAR), .01, .505, .55, .231802, .1, .1, .1);
        assertValues(
                warmup(cosine(1, .1, 4), 2, .01, Warmup.Shape.LINEAR), .01, .505, 1, .868198, .55, .231802, .1, .1);
        assertValues(
                cosineWarmRestarts(1, 0, 2, 2, 0.5, 3),
                1,
                .5,
                .5,
                .426777,
                .25,
                .073223,
                .25,
                .240485,
                .213388,
                .172835,
                .125,
                .077165,
                .036612,
                .009515,
                0,
                0);
        assertValues(cosine(1, 0, 4).withKDecay(2), 1, .990393, .853553, .402455, 0, 0);
        assertValues(tanh(1, 0, 4), .999999, .999877, .982014, .268941, 0, 0);
        assertValues(polynomial(1, 0, 4, 0.5), 1, .866025, .707107, .5, 0, 0);
    }

    @Test
    void optaxFamilies() {
        assertValues(
                warmup(cosine(1, .1, 7), 3),
                0,
                .333333,
                .666667,
                1,
                .955436,
                .83057,
                .650134,
                .449865,
                .26943,
                .144564,
                .1,
                .1,
                .1);
        assertValues(cosine(1, .1, 4, 2), 1, .755698, .325, .119302, .1, .1, .1);
        assertValues(
                exponentialDecay(1, .5, 2).withBegin(1).staircase().withEndValue(.2),
                1,
                1,
                1,
                .5,
                .5,
                .25,
                .25,
                .2,
                .2);
        assertValues(exponentialDecay(1, .5, 2).withBegin(1), 1, 1, .707107, .5, .353553, .25, .176777, .125, .088388);
        assertValues(polynomial(1, .1, 4, 2).withBegin(1), 1, 1, .60625, .325, .15625, .1, .1, .1);
        assertValues(PiecewiseConstant.scaled(1, new double[] {2, 4}, new double[] {.5, .1}), 1, 1, .5, .5, .05, .05);
        assertValues(
                PiecewiseInterpolation.scaled(Interpolation.COSINE, 1, new double[] {2, 4}, new double[] {.5, .1}),
                1,
                .75,
                .5,
                .275,
                .05,
                .05,
                .05);
        Schedule cycle = warmup(cosine(1, .1, 3), 1);
        assertValues(join(List.of(cycle, cycle), 4), 0, 1, .775, .325, 0, 1, .775, .325, .1, .1);
        assertValues(join(List.of(constant(.5), linear(1, 0, 4)), 3), .5, .5, .5, 1, .75, .5, .25, 0, 0);
    }

    @Test
    void kerasFamilies() {
        assertValues(
                Polynomial.of(1, .1, 4, 2).cycled(),
                1,
                .60625,
                .325,
                .15625,
                .1,
                .226562,
                .15625,
                .114063,
                .1,
                .15625,
                .125);
        assertValues(inverseTime(1, 2, .5), 1, .8, .666667, .571429, .5);
        assertValues(piecewiseConstant(new double[] {3, 5}, new double[] {1, .5, .1}), 1, 1, 1, .5, .5, .1, .1);
    }
}
