package dev.schedtune.dsl;

import static dev.schedtune.dsl.Schedules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.schedtune.dsl.combinators.Warmup;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.primitives.Interpolation;
import dev.schedtune.dsl.primitives.OneCycle;
import dev.schedtune.dsl.primitives.Polynomial;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.template.Template;
import dev.schedtune.dsl.template.Tune;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of README.md, with the values the README shows (printed there as floats). */
class ReadmeExamplesTest {
    private static void is(double actual, double shown) {
        assertThat(actual).isCloseTo(shown, within(Math.abs(shown) * 1e-6 + 1e-15));
    }

    @Test
    void model() {
        Schedule lr = linear(0, 3e-4, 1_000)
                .then(cosineWarmRestarts(3e-4, 3e-5, 10_000))
                .floor(3e-5);
        is(lr.valueAt(500), 1.5e-4);
        assertThat(lr.sample(0, 100_000)).hasSize(100_000);
        assertThat(((Curve) lr).spec().kind()).isEqualTo("clamp");
    }

    @Test
    void exportAConfigAndReadItBack(@TempDir Path dir) throws Exception {
        Schedule lr = linear(0, 3e-4, 1_000)
                .then(cosineWarmRestarts(3e-4, 3e-5, 10_000))
                .floor(3e-5);
        Path file = dir.resolve("lr.yaml");
        Files.writeString(file, Configs.write(lr, ConfigFormat.YAML));
        assertThat(Files.readString(file)).startsWith("schedtune: 1\ntype: clamp\n");
        Schedule back = Configs.load(file).get("lr");
        assertThat(back).isEqualTo(lr);
        for (long step : new long[] {0, 500, 1_000, 7_777, 50_000}) {
            assertThat(back.valueAt(step)).isEqualTo(lr.valueAt(step));
        }
    }

    @Test
    void templatePaths() {
        Template t = Template.from(warmup(cosine(1e-3, 0, 900), 100));
        assertThat(t.paths().keySet())
                .startsWith("$.schedule", "$.schedule.from", "$.schedule.to", "$.schedule.steps")
                .contains("$.steps");
        assertThat(t.paths()).containsEntry("$.steps", 100L);
        // every listed path is one with() takes
        for (String path : t.paths().keySet()) {
            assertThat(t.with(path, t.paths().get(path))).isEqualTo(t);
        }
    }

    @Test
    void primitives() {
        is(constant(1e-3).valueAt(1000), 0.001);
        is(linear(0, 1e-3, 100).valueAt(50), 5.0E-4);
        is(linear(0, 1e-3, 100).valueAt(200), 0.001);
        is(cosine(1e-3, 1e-5, 1000).valueAt(500), 5.05E-4);
        is(cosine(1e-3, 1e-5, 1000).valueAt(2000), 1.0E-5);
        is(cosine(1e-3, 1e-5, 1000).extrapolated().valueAt(2000), 0.001);
        is(exponentialDecay(1e-3, 0.5, 1000).valueAt(2000), 2.5E-4);
        is(
                exponentialDecay(1e-3, 0.5, 1000)
                        .staircase()
                        .withBegin(500)
                        .withEndValue(2e-4)
                        .valueAt(1499),
                0.001);
        is(exponentialDecayContinuous(1e-3, 1e-3).valueAt(693), 5.000736E-4);
        is(stepDecay(0.1, 0.1, 30).valueAt(30), 0.01);
        is(multiStep(0.1, 0.1, 30, 80).valueAt(80), 0.001);
        is(
                piecewiseConstant(new double[] {1000, 2000}, new double[] {1e-3, 5e-4, 1e-4})
                        .valueAt(1000),
                5.0E-4);
        is(
                piecewiseInterpolate(new double[] {0, 100, 1000}, new double[] {0, 1e-3, 1e-5}, Interpolation.COSINE)
                        .valueAt(550),
                5.05E-4);
        is(polynomial(1e-3, 1e-5, 1000, 2).valueAt(500), 2.575E-4);
        is(Polynomial.of(1e-3, 1e-5, 1000, 2).cycled().valueAt(1001), 2.5700525E-4);
        is(inverseSqrt(1e-3, 1000).valueAt(3000), 5.0E-4);
        is(inverseTime(1e-3, 1000, 1).valueAt(3000), 2.5E-4);
        is(tanh(1e-3, 1e-5, 1000).valueAt(500), 9.821936E-4);
        is(cyclicTriangular(1e-4, 1e-3, 200, 200).valueAt(200), 0.001);
        is(cyclicTriangular2(1e-4, 1e-3, 200, 200).valueAt(600), 5.5E-4);
        is(cyclicExpRange(1e-4, 1e-3, 200, 200, 0.999).valueAt(600), 5.937822E-4);
        is(cyclicExponentialDecayPerStep(1e-4, 1e-3, 400, 0.999).valueAt(600), 5.937822E-4);
        is(cyclicExponentialDecayPerCycle(1e-4, 1e-3, 400, 0.5).valueAt(1000), 3.25E-4);
        is(cyclicExponentialDecayRestarted(1e-5, 1e-3, 500).valueAt(250), 1.0E-4);
        OneCycle oc = oneCycle(1e-2, 1000);
        is(oc.valueAt(300), 0.01);
        is(oc.momentum().valueAt(300), 0.85);
        is(oneCycleBuilder(1e-2, 1000).phaseOffset(-1).extrapolate(true).build().valueAt(299), 0.01);
        assertThat(oc.asSet().names()).containsExactly("lr", "momentum");
        is(cosineWarmRestarts(1e-3, 1e-5, 1000).valueAt(1000), 0.001);
        is(cosineWarmRestarts(1e-3, 1e-5, 1000, 2, 0.5, 3).valueAt(3000), 2.575E-4);
        is(warmupStableDecay(1e-3, 100, 800, 100).valueAt(50), 5.0E-4);
        is(warmupStableDecay(1e-3, 100, 800, 100).valueAt(950), 5.0E-4);
    }

    @Test
    void combinators() {
        is(warmup(cosine(1e-3, 1e-5, 900), 100).valueAt(50), 5.0E-4);
        is(
                warmupOverlay(cosine(1e-3, 1e-5, 1000), 100, 1e-5, Warmup.Shape.LINEAR)
                        .valueAt(100),
                9.75773E-4);
        is(join(List.of(constant(1e-3), exponentialDecay(1e-3, 0.99)), 500).valueAt(600), 3.6603233E-4);
        is(linear(0, 1e-3, 100).then(cosine(1e-3, 1e-5, 900)).valueAt(1000), 1.0E-5);
        is(repeat(linear(1e-3, 1e-5, 100), 100, 0.5).valueAt(200), 2.5E-4);
        is(cosine(1, 0, 1000).times(3e-4).valueAt(500), 1.5E-4);
        is(cosine(1e-3, 0, 1000).shift(100).valueAt(600), 5.0E-4);
        is(cosine(1e-3, 0, 1000).extrapolated().floor(1e-5).valueAt(1500), 5.0E-4);
        is(cosine(1e-3, 0, 1000).extrapolated().holdAfterHorizon().valueAt(1500), 0.0);
        is(min(constant(5e-4), linear(0, 1e-3, 100)).valueAt(75), 5.0E-4);
        is(multiStep(0.1, 0.1, 30, 60).inWholeEpochs(500).valueAt(15_000), 0.01);
        is(cosine(0.1, 0, 90).inEpochs(500).valueAt(22_500), 0.05);
    }

    @Test
    void sets() {
        ScheduleSet set = ScheduleSet.builder()
                .put(ScheduleSet.LR, warmup(cosine(1e-3, 0, 9_000), 1_000))
                .put(ScheduleSet.WEIGHT_DECAY, linear(0.01, 0.1, 10_000))
                .build();
        is(set.valueAt("lr", 1_000), 0.001);
        double[] now = new double[2];
        set.valuesAt(1_000, now);
        is(now[1], 0.019);
    }

    @Test
    void templates() {
        Template t = Template.from(linear(0, 1e-3, 100).then(cosine(1e-3, 0, 900)))
                .with("$.schedules[0].to", Tune.logUniform("peak", 1e-4, 1e-2))
                .with("$.schedules[1].from", Tune.logUniform("peak", 1e-4, 1e-2))
                .with("$.schedules[1].exponent", Tune.uniform("exponent", 0.5, 2));
        assertThat(t.space().toString())
                .isEqualTo("[peak: float in [1.0E-4, 0.01], log, exponent: float in [0.5, 2.0]]");
        Schedule s = t.bindSchedule(Map.of("peak", 3e-3, "exponent", 1.0));
        is(s.valueAt(100), 3e-3);
    }

    @Test
    void theReadmeListsEveryCoreKind() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Kind kind : KindRegistry.builtIn().kinds()) {
            if (!kind.name().contains(".")) {
                assertThat(readme).as("README mentions `%s`", kind.name()).contains("`" + kind.name() + "`");
            }
        }
    }
}
