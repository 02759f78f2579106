package dev.schedtune.dsl.combinators;

import static dev.schedtune.dsl.Schedules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.combinators.Repeat.CycleIndex;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.primitives.Cosine;
import dev.schedtune.dsl.spec.KindRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void theFloatCycleIndexStaysInThePreviousCycleWhereTimmAndKerasDo() {
        // cycles of 1, 3, 9, 27, 81 steps: cycle 5 starts at 121, but log(243) / log(3) = 4.999999999999999
        Repeat exact = repeat(cosine(1, 0, 1), 1).withPeriodMultiplier(3);
        Repeat float_ = exact.withCycleIndex(CycleIndex.FLOAT);
        assertThat(exact.cycleAt(121)).isEqualTo(5);
        assertThat(exact.valueAt(121)).isEqualTo(1.0);
        assertThat(float_.cycleAt(121)).isEqualTo(4);
        assertThat(float_.valueAt(121)).isEqualTo(0.0); // the end of cycle 4, as timm computes it
        assertThat(float_.valueAt(122)).isEqualTo(exact.valueAt(122));
        // with one multiplier the float index is floor(t / period), which differs from the exact count for
        // fractional periods: 33 / 1.1 = 29.999999999999996 although 30 * 1.1 = 33 (Keras' first_decay_steps)
        Repeat fractional = repeat(linear(1, 0, 1.1), 1.1);
        assertThat(fractional.cycleAt(33)).isEqualTo(30);
        assertThat(fractional.valueAt(33)).isEqualTo(1.0);
        assertThat(fractional.withCycleIndex(CycleIndex.FLOAT).cycleAt(33)).isEqualTo(29);
        assertThat(fractional.withCycleIndex(CycleIndex.FLOAT).valueAt(33)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void aRepetitionOverASpanCountsInProgressUnits() {
        // 14 cycles in 18 steps: step 9 is progress 1/2, i.e. the start of cycle 7 (transformers restarts there)
        Repeat overSpan = Repeat.overSpan(cosine(1, 0, 18.0 / 14), 18, 14);
        Repeat byPeriod = repeat(cosine(1, 0, 18.0 / 14), 18.0 / 14);
        assertThat(overSpan.cycleAt(9)).isEqualTo(7);
        assertThat(overSpan.valueAt(9)).isEqualTo(1.0);
        assertThat(byPeriod.cycleAt(9)).isEqualTo(6);
        assertThat(overSpan.period()).isEqualTo(18.0 / 14);
        assertThat(overSpan.spec().toString()).contains("span=18, cycles=14").doesNotContain("period");
        assertThat(KindRegistry.builtIn().build(overSpan.spec())).isEqualTo(overSpan);
        assertThatThrownBy(() -> overSpan.withPeriodMultiplier(2))
                .hasMessageStartingWith("periodMul (2.0) must be 1 for a repetition over a span");
        assertThatThrownBy(() -> overSpan.withCycleIndex(CycleIndex.FLOAT))
                .hasMessageStartingWith("cycleIndex (float) must be exact for a repetition over a span");
    }

    @Test
    void theCountingIsPartOfTheDataForm() {
        KindRegistry registry = KindRegistry.builtIn();
        Repeat r = repeat(cosine(1, 0, 10), 10).withPeriodMultiplier(1.5).withCycleIndex(CycleIndex.FLOAT);
        assertThat(r.spec().args()).containsEntry("cycle_index", "float");
        assertThat(registry.build(r.spec())).isEqualTo(r).isNotEqualTo(r.withCycleIndex(CycleIndex.EXACT));
        assertThat(repeat(cosine(1, 0, 10), 10).spec().args()).doesNotContainKey("cycle_index");
    }

    /**
     * The float index against timm's own expression, {@code math.floor(math.log(1 - t / t_initial * (1 -
     * cycle_mul), cycle_mul))}, evaluated by the machine's Python at every whole step next to a cycle start
     * of the first 100,000 cycles below 2^50: the steps where timm and Keras slip are the steps where we do.
     */
    @Test
    void theFloatCycleIndexAgreesWithPythonsNearEveryCycleStart(@TempDir Path dir) throws Exception {
        double[] muls = {1.01, 1.1, 1.5, 2, 2.5, 3, 7};
        long[] periods = {1, 3, 7, 10, 100};
        List<long[]> cases = new ArrayList<>(); // {mul index, period, step}
        for (int m = 0; m < muls.length; m++) {
            for (long period : periods) {
                double start = 0;
                double length = period;
                for (int i = 1; i <= 100_000 && start < 0x1p50; i++) {
                    start += length;
                    length *= muls[m];
                    for (long t = (long) Math.floor(start) - 1; t <= (long) Math.ceil(start) + 1; t++) {
                        cases.add(new long[] {m, period, t});
                    }
                }
            }
        }
        StringBuilder input = new StringBuilder();
        for (long[] c : cases) {
            input.append(c[0]).append(' ').append(c[1]).append(' ').append(c[2]).append('\n');
        }
        Path steps = dir.resolve("steps.txt");
        Files.writeString(steps, input);
        StringBuilder py = new StringBuilder("import math, sys\nmuls = [");
        for (double mul : muls) {
            py.append(Double.toString(mul)).append(", ");
        }
        py.append("]\nfor line in open(sys.argv[1]):\n    m, p, t = (int(x) for x in line.split())\n")
                .append("    print(math.floor(math.log(1 - t / p * (1 - muls[m]), muls[m])))\n");
        Path script = dir.resolve("timm_index.py");
        Files.writeString(script, py);
        Process p = new ProcessBuilder("/usr/bin/python3", "-I", script.toString(), steps.toString())
                .redirectErrorStream(true)
                .start();
        List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).hasSameSizeAs(cases);
        int slips = 0;
        for (int k = 0; k < cases.size(); k++) {
            long[] c = cases.get(k);
            Repeat exact = repeat(linear(1, 0, c[1]), c[1]).withPeriodMultiplier(muls[(int) c[0]]);
            long index = exact.withCycleIndex(CycleIndex.FLOAT).cycleAt(c[2]);
            assertThat(index)
                    .as("cycle_mul %s, t_initial %d, step %d", muls[(int) c[0]], c[1], c[2])
                    .isEqualTo(Long.parseLong(out.get(k)));
            if (index != exact.cycleAt(c[2])) {
                slips++;
            }
        }
        assertThat(slips).as("steps where the float index slips").isPositive();
    }

    @Test
    void aConfigGivesAPeriodOrASpanAndCycles() {
        String cosine = "schedule: {type: cosine, from: 1, to: 0, steps: 2}\n";
        assertThat(config("type: repeat\n" + cosine + "span: 18\ncycles: 14\n"))
                .isEqualTo(Repeat.overSpan(cosine(1, 0, 2), 18, 14));
        assertThat(config("type: repeat\n" + cosine + "period: 3\nperiod_mul: 2\ncycle_index: float\n"))
                .isEqualTo(repeat(cosine(1, 0, 2), 3).withPeriodMultiplier(2).withCycleIndex(CycleIndex.FLOAT));
        assertThatThrownBy(() -> config("type: repeat\n" + cosine))
                .hasMessageContaining("$.period: period is required (or span and cycles)");
        assertThatThrownBy(() -> config("type: repeat\n" + cosine + "span: 18\n"))
                .hasMessageContaining("$.cycles: cycles is required with span");
        assertThatThrownBy(() -> config("type: repeat\n" + cosine + "period: 3\nspan: 18\ncycles: 14\n"))
                .hasMessageContaining("$.period: period (3.0) must be left out when span and cycles are given");
        assertThatThrownBy(() -> config("type: repeat\n" + cosine + "span: 18\ncycles: 14\ncycle_index: float\n"))
                .hasMessageContaining("$.cycle_index: cycle_index (float) must be exact for a repetition over a span");
        assertThatThrownBy(() -> config("type: repeat\n" + cosine + "span: 18\ncycles: 0\n"))
                .hasMessageContaining("$.cycles: cycles (0.0) must be > 0");
    }

    private static Object config(String yaml) {
        return Configs.parse(yaml, ConfigFormat.YAML)
                .buildSet(KindRegistry.builtIn())
                .get(ScheduleSet.LR);
    }
}
