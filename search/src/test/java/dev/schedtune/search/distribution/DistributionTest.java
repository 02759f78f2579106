package dev.schedtune.search.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void rejectsInvertedEmptyAndNonPositiveLogRangesWithTheValues() {
        assertThatThrownBy(() -> FloatDistribution.of(2, 1)).hasMessage("low (2.0) must be <= high (1.0)");
        assertThatThrownBy(() -> FloatDistribution.log(0, 1)).hasMessage("low (0.0) must be > 0 for a log range");
        assertThatThrownBy(() -> FloatDistribution.log(-1, 1)).hasMessageContaining("low (-1.0) must be > 0");
        assertThatThrownBy(() -> FloatDistribution.of(Double.NaN, 1)).hasMessage("low (NaN) must be finite");
        assertThatThrownBy(() -> FloatDistribution.stepped(0, 1, 0)).hasMessage("step (0.0) must be > 0 and finite");
        assertThatThrownBy(() -> IntDistribution.of(5, 4)).hasMessage("low (5) must be <= high (4)");
        assertThatThrownBy(() -> IntDistribution.log(0, 4)).hasMessage("low (0) must be >= 1 for a log range");
        assertThatThrownBy(() -> IntDistribution.stepped(0, 4, 0)).hasMessage("step (0) must be >= 1");
        assertThatThrownBy(() -> CategoricalDistribution.of(List.of())).hasMessage("choices must not be empty");
        assertThatThrownBy(() -> CategoricalDistribution.of(List.of("a", "a")))
                .hasMessageContaining("choice 1 (a) is a duplicate");
        assertThatThrownBy(() -> CategoricalDistribution.of(List.of(1.0, Double.NaN)))
                .hasMessageContaining("choice 1 (NaN) must be finite");
        assertThatThrownBy(() -> CategoricalDistribution.of(List.of(new Object())))
                .hasMessageContaining("has no JSON form");
    }

    @Test
    void lowersTheHighEndOntoTheStepGridAsOptunaDoes() {
        // Optuna: FloatDistribution(0, 1, step=0.3).high == 0.9; IntDistribution(1, 10, step=4).high == 9
        assertThat(FloatDistribution.stepped(0, 1, 0.3).high()).isEqualTo(0.9);
        assertThat(FloatDistribution.stepped(0, 1, 0.25).high()).isEqualTo(1.0);
        assertThat(IntDistribution.stepped(1, 10, 4).high()).isEqualTo(9);
    }

    @Test
    void writesAndReadsOptunasDistributionJson() {
        // exactly what Optuna 3.1 wrote to trial_params.distribution_json (see /tmp probe in the storage test)
        String f = "{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": -1.0,"
                + " \"high\": 1.0, \"log\": false}}";
        String i = "{\"name\": \"IntDistribution\", \"attributes\": {\"log\": false, \"step\": 2, \"low\": 1,"
                + " \"high\": 9}}";
        String c = "{\"name\": \"CategoricalDistribution\", \"attributes\": {\"choices\": [\"a\", 1, 2.5, null,"
                + " true]}}";
        assertThat(Distribution.fromJson(f)).isEqualTo(FloatDistribution.of(-1, 1));
        assertThat(Distribution.fromJson(i)).isEqualTo(IntDistribution.stepped(1, 9, 2));
        assertThat(Distribution.fromJson(c))
                .isEqualTo(CategoricalDistribution.of(Arrays.asList("a", 1, 2.5, null, true)));
        assertThat(FloatDistribution.of(-1, 1).toJson())
                .isEqualTo(f.replace(": ", ":").replace(", ", ","));
        for (Distribution d : List.of(
                FloatDistribution.log(1e-3, 1),
                FloatDistribution.stepped(0, 1, 0.25),
                IntDistribution.log(1, 1000),
                IntDistribution.stepped(-4, 8, 3),
                CategoricalDistribution.of(Arrays.asList("x", 3L, null, false)))) {
            assertThat(Distribution.fromJson(d.toJson())).isEqualTo(d);
        }
        assertThat(Distribution.fromJson(
                        "{\"name\": \"LogUniformDistribution\", \"attributes\": {\"low\": 0.1, \"high\": 2.0}}"))
                .isEqualTo(FloatDistribution.log(0.1, 2));
        assertThatThrownBy(() -> Distribution.fromJson("{\"name\": \"Beta\", \"attributes\": {}}"))
                .hasMessageContaining("unknown distribution Beta");
    }

    @Test
    void categoricalChoicesAreKeptInNormalForm() {
        CategoricalDistribution d = CategoricalDistribution.of(Arrays.asList(1, 2.5f, "s", null, Thread.State.NEW));
        assertThat(d.choices()).containsExactly(1L, 2.5, "s", null, "NEW");
        assertThat(d.toInternal(1)).isEqualTo(0);
        assertThat(d.toInternal(1L)).isEqualTo(0);
        assertThat(d.toInternal(null)).isEqualTo(3);
        assertThat(d.toExternal(4)).isEqualTo("NEW");
        assertThatThrownBy(() -> d.toInternal("t")).hasMessageContaining("not one of the choices");
    }

    @Property
    void fromUnitStaysInsideAndToUnitInvertsIt(@ForAll @DoubleRange(min = 0, max = 1) double u) {
        for (Distribution d : List.of(
                FloatDistribution.of(-3, 7),
                FloatDistribution.log(1e-5, 10),
                FloatDistribution.stepped(0.5, 3, 0.25),
                IntDistribution.of(-5, 5),
                IntDistribution.log(1, 1024),
                IntDistribution.stepped(0, 100, 7),
                CategoricalDistribution.of(List.of("a", "b", "c")))) {
            double x = d.fromUnit(u);
            assertThat(d.contains(x)).as("%s contains %s", d, x).isTrue();
            assertThat(d.fromUnit(d.toUnit(x)))
                    .as("%s round trip of %s", d, x)
                    .isCloseTo(x, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(x))));
        }
    }

    @Test
    void discreteRangesGiveEveryValueAnEqualCell() {
        IntDistribution d = IntDistribution.stepped(0, 9, 3); // 0 3 6 9
        int[] counts = new int[10];
        for (int k = 0; k < 4000; k++) {
            counts[(int) d.fromUnit((k + 0.5) / 4000)]++;
        }
        assertThat(counts[0]).isEqualTo(1000);
        assertThat(counts[3]).isEqualTo(1000);
        assertThat(counts[6]).isEqualTo(1000);
        assertThat(counts[9]).isEqualTo(1000);
        assertThat(d.fromUnit(1.0)).isEqualTo(9);
    }
}
