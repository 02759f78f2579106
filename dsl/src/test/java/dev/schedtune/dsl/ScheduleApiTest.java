package dev.schedtune.dsl;

import static dev.schedtune.dsl.Schedules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.dsl.combinators.Join;
import dev.schedtune.dsl.primitives.ExponentialDecay;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default methods of Schedule on lambdas and their covariant Curve versions on built-ins. */
class ScheduleApiTest {
    private final Schedule user = step -> 1.0 / (step + 1);

    @Test
    void lambdasGetEveryCombinator() {
        assertThat(user.valueAtReal(2.7)).isEqualTo(user.valueAt(2));
        assertThat(user.horizon()).isInfinite();
        assertThat(user.times(2).valueAt(0)).isEqualTo(2.0);
        assertThat(user.times(constant(3)).valueAt(1)).isEqualTo(1.5);
        assertThat(user.plus(1).valueAt(0)).isEqualTo(2.0);
        assertThat(user.plus(constant(1)).valueAt(1)).isEqualTo(1.5);
        assertThat(user.min(constant(0.3)).valueAt(0)).isEqualTo(0.3);
        assertThat(user.max(constant(0.3)).valueAt(9)).isEqualTo(0.3);
        assertThat(user.then(2, constant(7)).valueAt(2)).isEqualTo(7.0);
        assertThat(user.clamp(0.2, 0.6).valueAt(0)).isEqualTo(0.6);
        assertThat(user.floor(0.2).valueAt(9)).isEqualTo(0.2);
        assertThat(user.ceiling(0.6).valueAt(0)).isEqualTo(0.6);
        assertThat(user.shift(3).valueAt(4)).isEqualTo(0.5);
        assertThat(user.holdAfter(1).valueAt(9)).isEqualTo(0.5);
        assertThat(user.repeat(2).valueAt(3)).isEqualTo(0.5);
        assertThat(user.withWarmup(2).valueAt(1)).isEqualTo(0.5);
        assertThat(user.withWarmup(2, 1).valueAt(1)).isEqualTo(1.0);
        assertThat(user.inEpochs(10).valueAt(25)).isEqualTo(1.0 / 3);
        assertThat(user.inWholeEpochs(10).valueAt(25)).isEqualTo(1.0 / 3);
        assertThat(user.sample(0, 3)).containsExactly(1.0, 0.5, 1.0 / 3);
        assertThatThrownBy(user::holdAfterHorizon).hasMessageContaining("finite horizon");
        assertThatThrownBy(() -> user.sample(0, 5, new double[3]))
                .hasMessage("count (5) must be in [0, 3] (the length of out)");
        assertThat(user.get(3)).isEqualTo(0.25);
        assertThat(user.invoke(3)).isEqualTo(0.25);
        assertThat(user.get(3L)).isEqualTo(0.25);
    }

    @Test
    void combinatorsOfCurvesAreCurvesWithSpecs() {
        Curve c = cosine(1, 0, 10);
        List<Curve> derived = List.of(
                c.times(2),
                c.times(constant(2)),
                c.plus(1),
                c.plus(constant(1)),
                c.min(constant(0.5)),
                c.max(constant(0.5)),
                c.then(5, constant(0)),
                c.then(constant(0)),
                c.clamp(0.1, 0.9),
                c.floor(0.1),
                c.ceiling(0.9),
                c.shift(2),
                c.holdAfter(5),
                c.holdAfterHorizon(),
                c.repeat(10),
                c.withWarmup(3),
                c.withWarmup(3, 0.1),
                c.inEpochs(4),
                c.inWholeEpochs(4));
        for (Curve d : derived) {
            assertThat(KindRegistry().build(d.spec())).isEqualTo(d);
        }
    }

    private static dev.schedtune.dsl.spec.KindRegistry KindRegistry() {
        return dev.schedtune.dsl.spec.KindRegistry.builtIn();
    }

    @Test
    void horizonsAddUpThroughCombinators() {
        assertThat(linear(0, 1, 10).then(cosine(1, 0, 90)).horizon()).isEqualTo(100);
        assertThat(warmup(cosine(1, 0, 90), 10).horizon()).isEqualTo(100);
        assertThat(warmupOverlay(cosine(1, 0, 90), 10, 0, dev.schedtune.dsl.combinators.Warmup.Shape.LINEAR)
                        .horizon())
                .isEqualTo(90);
        assertThat(cosine(1, 0, 90).inEpochs(10).horizon()).isEqualTo(900);
        assertThat(cosine(1, 0, 90).shift(10).horizon()).isEqualTo(100);
        assertThat(min(constant(1), linear(0, 1, 10)).horizon()).isEqualTo(10);
        assertThat(max(constant(1), constant(2)).horizon()).isInfinite();
        assertThat(repeat(cosine(1, 0, 10), 10).horizon()).isInfinite();
        assertThat(cosineWarmRestarts(1, 0, 10, 2, 1, 3).horizon()).isEqualTo(70);
        assertThat(oneCycleBuilder(1, 100).phaseOffset(-1).build().horizon()).isEqualTo(99);
        assertThat(ExponentialDecay.of(1, 0.5).withEndValue(0.125).horizon()).isEqualTo(3);
        assertThat(ExponentialDecay.of(1, 0.5, 10).staircase().withEndValue(0.2).horizon())
                .isEqualTo(30);
        assertThat(ExponentialDecay.continuous(1, Math.log(2))
                        .withEndValue(0.25)
                        .horizon())
                .isCloseTo(2, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(ExponentialDecay.of(1, 0.5).horizon()).isInfinite();
        assertThat(piecewiseConstant(new double[] {5, 9}, new double[] {1, 2, 3})
                        .horizon())
                .isEqualTo(9);
    }

    @Test
    void joinsFlattenWhenChained() {
        Curve chained = linear(0, 1, 3).then(cosine(1, 0, 5)).then(constant(0));
        assertThat(chained).isInstanceOf(Join.class);
        assertThat(((Join) chained).schedules()).hasSize(3);
        assertThat(((Join) chained).boundaries()).containsExactly(3, 8);
        // a boundary before the inner's last one does not flatten (the inner's tail is cut)
        Curve cut = linear(0, 1, 3).then(cosine(1, 0, 5)).then(2, constant(9));
        assertThat(((Join) cut).schedules()).hasSize(2);
        assertThat(cut.valueAt(2)).isEqualTo(9.0);
    }

    @Test
    void largeJoinsUseBinarySearch() {
        List<Schedule> pieces = new java.util.ArrayList<>();
        double[] bounds = new double[19];
        for (int i = 0; i < 20; i++) {
            pieces.add(constant(i));
            if (i > 0) {
                bounds[i - 1] = 10 * i;
            }
        }
        Join j = join(pieces, bounds);
        for (int t = 0; t < 250; t++) {
            assertThat(j.valueAt(t)).isEqualTo(Math.min(19, t / 10));
        }
        assertThat(j.sample(0, 250)[199]).isEqualTo(19.0);
    }
}
