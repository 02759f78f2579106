package dev.schedtune.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.search.Study;
import dev.schedtune.search.StudyDirection;
import dev.schedtune.search.Trial;
import dev.schedtune.trainers.tuning.Confirmation;
import dev.schedtune.trainers.tuning.TrialRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestComparisonTest {
    /** A baseline (trial 0, slow) and a tuned trial (trial 1, fast), both on the front, confirmed as given. */
    private static String verdict(double[] baselineAccuracy, double[] tunedAccuracy, double[] tunedLoss) {
        Study study = Study.builder("verdict")
                .directions(List.of(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE))
                .create();
        Trial baseline = study.ask();
        TrialRecord.enqueued("constant lr 0.1", null).forEach(baseline::setUserAttr);
        study.tell(baseline, 0.30, 10.0);
        Trial tuned = study.ask();
        study.tell(tuned, 0.35, 5.0);
        List<Long> seeds = List.of(1L, 2L, 3L);
        double[] seconds = {10, 10, 10};
        StudyResults results = StudyResults.of(
                        "verdict",
                        study.trials(),
                        List.of(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE),
                        List.of("validation_loss", "seconds"),
                        null)
                .withConfirmations(Map.of(
                        0, Confirmation.of(0, 6, seeds, new double[] {0.30, 0.30, 0.30}, baselineAccuracy, seconds),
                        1, Confirmation.of(1, 6, seeds, tunedLoss, tunedAccuracy, seconds)));
        return TestComparison.of(results).verdict();
    }

    @Test
    void aTunedScheduleFarBehindIsSaidToBeBehindNotWithin() {
        String v =
                verdict(new double[] {0.90, 0.91, 0.90}, new double[] {0.80, 0.81, 0.80}, new double[] {0.5, 0.5, 0.5});
        assertThat(v).startsWith("not shown on this run").contains("behind by more than 2 standard errors");
    }

    @Test
    void aTieIsWithinTwoStandardErrors() {
        String v = verdict(
                new double[] {0.90, 0.91, 0.90}, new double[] {0.905, 0.90, 0.91}, new double[] {0.3, 0.3, 0.3});
        assertThat(v).startsWith("not shown on this run").contains("within 2 standard errors");
    }

    @Test
    void aClearGainWithALowerLossIsABetterModel() {
        String v =
                verdict(new double[] {0.80, 0.81, 0.80}, new double[] {0.90, 0.91, 0.90}, new double[] {0.2, 0.2, 0.2});
        assertThat(v).startsWith("tuning pays: a better model");
    }

    @Test
    void onlyBaselinesOnTheFrontAreStillRankedByAccuracy() {
        Study study = Study.builder("baselines-only")
                .directions(List.of(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE))
                .create();
        Trial baseline = study.ask();
        TrialRecord.enqueued("constant lr 0.1", null).forEach(baseline::setUserAttr);
        study.tell(baseline, 0.30, 1.0);
        Trial tuned = study.ask();
        study.tell(tuned, 0.35, 5.0); // dominated: not on the front
        List<Long> seeds = List.of(1L, 2L);
        StudyResults results = StudyResults.of(
                        "baselines-only",
                        study.trials(),
                        List.of(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE),
                        List.of("validation_loss", "seconds"),
                        null)
                .withConfirmations(Map.of(
                        0,
                        Confirmation.of(
                                0, 6, seeds, new double[] {0.3, 0.3}, new double[] {0.9, 0.9}, new double[] {1, 1})));
        TestComparison c = TestComparison.of(results);
        assertThat(c.verdict()).contains("no searched schedule is on the Pareto front");
        assertThat(c.byAccuracy()).isTrue();
    }
}
