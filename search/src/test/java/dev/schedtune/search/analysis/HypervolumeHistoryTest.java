package dev.schedtune.search.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HypervolumeHistoryTest {

    @Test
    void eachStepIsTheHypervolumeOfThePrefix() {
        Study s = Study.builder()
                .directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE)
                .seed(3)
                .create();
        s.optimizeMulti(
                t -> {
                    double x = t.suggestFloat("x", 0, 1);
                    double y = t.suggestFloat("y", 0, 1);
                    if (t.number() % 7 == 3) {
                        t.setConstraint("c", 1); // infeasible: ignored
                    }
                    return new double[] {x, y};
                },
                TrialBudget.total(60));
        double[] history = HypervolumeHistory.of(s.trials(), s.directions(), 1.0, 0.0);
        List<FrozenTrial> trials = s.trials();
        List<double[]> seen = new ArrayList<>();
        for (int k = 0; k < trials.size(); k++) {
            FrozenTrial t = trials.get(k);
            if (t.state() == TrialState.COMPLETE && t.isFeasible()) {
                // maximised y becomes -y; its reference 0 becomes 0
                seen.add(new double[] {t.values().get(0), -t.values().get(1)});
            }
            double expected = Hypervolume.compute(seen.toArray(new double[0][]), new double[] {1.0, 0.0});
            assertThat(history[k]).as("after trial %d", k).isCloseTo(expected, within(1e-12));
            if (k > 0) {
                assertThat(history[k]).isGreaterThanOrEqualTo(history[k - 1]);
            }
        }
        assertThat(history[59]).isGreaterThan(0.5);
    }

    @Test
    void referencePointMustMatchTheObjectives() {
        Study s = Study.builder()
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .create();
        assertThatThrownBy(() -> HypervolumeHistory.of(s.trials(), s.directions(), 1.0))
                .hasMessage("referencePoint has 1 coordinates; the study has 2 objectives");
        assertThatThrownBy(() -> HypervolumeHistory.of(s.trials(), s.directions(), 1.0, Double.NaN))
                .hasMessage("referencePoint[1] (NaN) must be finite");
    }
}
