package dev.schedtune.search.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.trial.StudyDirection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamImportanceTest {

    @Test
    void findsTheParameterThatDrivesTheObjective() {
        Study s = Study.builder("imp").seed(1).create();
        s.optimize(
                t -> {
                    double x1 = t.suggestFloat("x1", -10, 10);
                    double x2 = t.suggestFloat("x2", -10, 10);
                    t.suggestFloat("fixed", 1, 1);
                    return x1 * x1 + x2 / 1000;
                },
                TrialBudget.more(300));
        Map<String, Double> imp = ParamImportance.pedAnova(s.trials(), StudyDirection.MINIMIZE);
        assertThat(imp.keySet()).containsExactly("x1", "x2", "fixed");
        assertThat(imp.get("x1")).isGreaterThan(0.85);
        assertThat(imp.get("fixed")).isZero();
        assertThat(imp.values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void handlesCategoricalLogAndIntegerParametersAndMaximisation() {
        Study s =
                Study.builder("imp2").direction(StudyDirection.MAXIMIZE).seed(2).create();
        s.optimize(
                t -> {
                    String opt = t.suggestCategorical("opt", "sgd", "adam", "rmsprop");
                    double lr = t.suggestFloatLog("lr", 1e-5, 1);
                    int layers = t.suggestIntLog("layers", 1, 64);
                    int noise = t.suggestInt("noise", 0, 9);
                    return (opt.equals("adam") ? 10 : 0) - Math.abs(Math.log10(lr) + 3) + layers * 1e-6 + noise * 1e-9;
                },
                TrialBudget.more(400));
        Map<String, Double> imp = ParamImportance.pedAnova(s.trials(), StudyDirection.MAXIMIZE);
        // both drivers lead; PED-ANOVA ranks lr first as the best trials pin it to a narrow band around 1e-3
        List<String> order = List.copyOf(imp.keySet());
        assertThat(order.subList(0, 2)).containsExactlyInAnyOrder("opt", "lr");
        for (String driver : List.of("opt", "lr")) {
            for (String bystander : List.of("layers", "noise")) {
                assertThat(imp.get(driver)).isGreaterThan(imp.get(bystander) * 3);
            }
        }
    }

    @Test
    void fewTrialsShareImportanceEquallyAndBadQuantilesAreRefused() {
        Study s = Study.builder("few").seed(3).create();
        s.optimize(t -> t.suggestFloat("a", 0, 1) + t.suggestFloat("b", 0, 1), TrialBudget.more(2));
        assertThat(ParamImportance.pedAnova(s.trials(), StudyDirection.MINIMIZE))
                .containsEntry("a", 0.5)
                .containsEntry("b", 0.5);
        assertThatThrownBy(() -> ParamImportance.pedAnova(s.trials(), StudyDirection.MINIMIZE, 0, t -> t.value()))
                .hasMessage("baselineQuantile (0.0) must be in (0, 1]");
    }
}
