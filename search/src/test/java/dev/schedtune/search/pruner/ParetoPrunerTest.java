package dev.schedtune.search.pruner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.TrialPrunedException;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import org.junit.jupiter.api.Test;

class ParetoPrunerTest {

    private static Study finishedStudy(Pruner pruner) {
        Study study = Study.builder("mo")
                .directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE)
                .pruner(pruner)
                .create();
        // four finished trials whose step-1 vectors are (loss, accuracy)
        double[][] atStep1 = {{0.2, 0.9}, {0.3, 0.8}, {0.25, 0.85}, {0.6, 0.4}};
        for (double[] v : atStep1) {
            Trial t = study.ask();
            t.report(0, 1, 0);
            t.report(1, v);
            study.tell(t, v);
        }
        return study;
    }

    @Test
    void prunesAVectorDominatedByAtLeastHalfTheFinishedTrials() {
        Study study = finishedStudy(ParetoPruner.create(0.5, 2, 0, 1, 1));
        Trial bad = study.ask();
        bad.report(1, 0.5, 0.5); // dominated by three of four
        assertThat(bad.shouldPrune()).isTrue();
        Trial tradeOff = study.ask();
        tradeOff.report(1, 0.1, 0.3); // best loss, worse accuracy: dominated by none
        assertThat(tradeOff.shouldPrune()).isFalse();
        Trial middling = study.ask();
        middling.report(1, 0.28, 0.82); // dominated by trials 0 and 2 only: 2 >= ceil(0.5 * 4)
        assertThat(middling.shouldPrune()).isTrue();
        Trial almost = study.ask();
        almost.report(1, 0.22, 0.88); // dominated by trial 0 only
        assertThat(almost.shouldPrune()).isFalse();
        Trial broken = study.ask();
        broken.report(1, Double.NaN, 0.9);
        assertThat(broken.shouldPrune()).isTrue();
    }

    @Test
    void respectsStartupWarmupAndMinimumTrials() {
        Study study = finishedStudy(ParetoPruner.create(0.5, 5, 0, 1, 1));
        Trial t = study.ask();
        t.report(1, 0.9, 0.1);
        assertThat(t.shouldPrune()).as("only 4 complete trials, 5 needed").isFalse();
        Study warm = finishedStudy(ParetoPruner.create(0.5, 1, 2, 1, 1));
        Trial w = warm.ask();
        w.report(1, 0.9, 0.1);
        assertThat(w.shouldPrune()).as("step 1 is in the warm-up").isFalse();
        Study few = finishedStudy(ParetoPruner.create(0.5, 1, 0, 1, 5));
        Trial f = few.ask();
        f.report(1, 0.9, 0.1);
        assertThat(f.shouldPrune()).as("only 4 trials reported at step 1").isFalse();
    }

    @Test
    void multiObjectiveStudiesCanPruneInsideOptimize() {
        Study study = Study.builder("mo-opt")
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .seed(3)
                .create();
        study.optimizeMulti(
                t -> {
                    double x = t.suggestFloat("x", 0, 1);
                    for (int step = 0; step < 5; step++) {
                        t.report(step, x + 1.0 / (step + 1), 1 - x + x * x);
                        if (t.shouldPrune()) {
                            throw new TrialPrunedException();
                        }
                    }
                    return new double[] {x, 1 - x + x * x};
                },
                TrialBudget.more(40));
        assertThat(study.trials(TrialState.PRUNED)).isNotEmpty();
        assertThat(study.trials(TrialState.COMPLETE)).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void singleObjectivePrunersRefuseMultiObjectiveStudiesAndBadArguments() {
        Study study = finishedStudy(MedianPruner.create());
        Trial t = study.ask();
        t.report(1, 0.5, 0.5);
        assertThatThrownBy(t::shouldPrune)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MedianPruner prunes single-objective studies")
                .hasMessageContaining("use ParetoPruner");
        assertThatThrownBy(() -> ParetoPruner.create(1.5, 1, 0, 1, 1))
                .hasMessage("fraction (1.5) must be in [0.0, 1.0]");
        assertThatThrownBy(() -> PercentilePruner.create(101)).hasMessage("percentile (101.0) must be in [0.0, 100.0]");
        assertThatThrownBy(() -> SuccessiveHalvingPruner.create(1, 1, 0, 0))
                .hasMessage("reductionFactor (1) must be >= 2");
        assertThatThrownBy(() -> HyperbandPruner.create(5, 2, 3, 0))
                .hasMessage("maxResource (2) must be >= minResource (5)");
        assertThatThrownBy(() -> ThresholdPruner.between(2, 1)).hasMessage("lower (2.0) must be <= upper (1.0)");
        assertThatThrownBy(() -> PatientPruner.create(-1, 0)).hasMessage("patience (-1) must be >= 0");
        assertThatThrownBy(() -> MedianPruner.create(5, 0, 0, 1)).hasMessage("intervalSteps (0) must be > 0");
    }
}
