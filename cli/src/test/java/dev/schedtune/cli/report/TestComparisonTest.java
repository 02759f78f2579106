package dev.schedtune.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.trainers.tuning.Confirmation;
import dev.schedtune.trainers.tuning.TrialRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestComparisonTest {
    private static final List<Long> SEEDS = List.of(1L, 2L, 3L);
    private static final double[] SECONDS = {10, 10, 10};

    /**
     * A baseline (trial 0: validation loss 0.30 in 10 s) and a tuned trial (trial 1: 0.35 in {@code
     * tunedSeconds}; on the front when faster than the baseline), with these test-split confirmations.
     */
    private static TestComparison comparison(double tunedSeconds, Map<Integer, Confirmation> confirmations) {
        List<StudyDirection> directions = List.of(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE);
        Study study = Study.builder("verdict").directions(directions).create();
        Trial baseline = study.ask();
        TrialRecord.enqueued("constant lr 0.1", null).forEach(baseline::setUserAttr);
        study.tell(baseline, 0.30, 10.0);
        Trial tuned = study.ask();
        study.tell(tuned, 0.35, tunedSeconds);
        StudyResults results =
                StudyResults.of("verdict", study.trials(), directions, List.of("validation_loss", "seconds"), null);
        return TestComparison.of(results.withConfirmations(confirmations));
    }

    private static String verdict(double[] baselineAccuracy, double[] tunedAccuracy, double[] tunedLoss) {
        return comparison(
                        5.0,
                        Map.of(
                                0,
                                        Confirmation.of(
                                                0, 6, SEEDS, new double[] {0.3, 0.3, 0.3}, baselineAccuracy, SECONDS),
                                1, Confirmation.of(1, 6, SEEDS, tunedLoss, tunedAccuracy, SECONDS)))
                .verdict();
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
        TestComparison c = comparison( // the tuned trial is dominated: not on the front
                20.0,
                Map.of(
                        0,
                        Confirmation.of(
                                0, 6, SEEDS, new double[] {0.3, 0.3, 0.3}, new double[] {0.9, 0.9, 0.9}, SECONDS)));
        assertThat(c.verdict()).contains("no searched schedule is on the Pareto front");
        assertThat(c.byAccuracy()).isTrue();
    }
}
