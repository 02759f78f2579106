package dev.schedtune.trainers.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.train.TrainingLoop;
import dev.schedtune.trainers.train.TrainingResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Baselines run as enqueued trials, once; confirmations use fresh seeds and the test split. */
class BaselinesAndConfirmationTest {
    private static Map<String, Object> config(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void baselineExpressionsAreFilledFromTheRunsLength() {
        ScheduleSet oneCycle = Baseline.common().get(2).schedules(10, 4);
        // torch.OneCycleLR over total_steps = 40: the peak (max_lr 0.1) one step before 30 % of the run
        assertThat(oneCycle.valueAt("lr", 11)).isCloseTo(0.1, within(1e-12));
        assertThat(oneCycle.names()).contains("lr", "momentum");
        ScheduleSet multiStep = Baseline.common().get(4).schedules(10, 4);
        assertThat(multiStep.valueAt("lr", 19)).isEqualTo(0.1);
        assertThat(multiStep.valueAt("lr", 20)).isCloseTo(0.01, within(1e-15));
        assertThat(multiStep.valueAt("lr", 30)).isCloseTo(0.001, within(1e-15));
        ScheduleSet exponential = Baseline.common().get(5).schedules(10, 4);
        assertThat(exponential.valueAt("lr", 9)).isEqualTo(0.1);
        assertThat(exponential.valueAt("lr", 10)).isCloseTo(0.08, within(1e-15));
        ScheduleSet cosine = Baseline.common().get(3).schedules(10, 4);
        assertThat(cosine.valueAt("lr", 4)).isCloseTo(0.1, within(1e-12)); // warmup: 4 steps of 40
        assertThat(Baseline.common())
                .extracting(Baseline::name)
                .doesNotHaveDuplicates()
                .hasSize(6);
        // a number times a name, rounded to whole steps
        Baseline custom = Baseline.of(
                "linear",
                config(
                        "type",
                        "optax.linear_schedule",
                        "init_value",
                        0.2,
                        "end_value",
                        0.0,
                        "transition_steps",
                        "0.5 * total_steps"));
        assertThat(custom.schedules(3, 3).valueAt("lr", 5)).isCloseTo(0.0, within(1e-12)); // 4.5 -> 5 steps
        assertThatThrownBy(
                        () -> Baseline.of("bad", config("type", "no_such_kind")).schedules(10, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseline 'bad'")
                .hasMessageContaining("no_such_kind");
    }

    private static ScheduleTuning tuning(int repeats) {
        return ScheduleTuning.builder(TaskSpec.digits(), ModelSpec.mlp(16), ScheduleTuningTest.families())
                .epochs(IntSetting.range("epochs", 1, 2, 1, false))
                .batchSize(128)
                .repeats(repeats)
                .baselines(List.of(Baseline.common().get(0), Baseline.common().get(2)))
                .build();
    }

    @Test
    void baselinesAreEnqueuedOnceAndRunFirstAtTheLongestRun() {
        ScheduleTuning tuning = tuning(1);
        Study study = Study.builder("baselines")
                .directions(tuning.directions())
                .sampler(RandomSampler.builder().seed(1).build())
                .create();
        assertThat(tuning.enqueueBaselines(study)).isEqualTo(2);
        assertThat(tuning.enqueueBaselines(study)).isZero(); // resumed: nothing twice
        study.optimizeMulti(tuning.asMultiObjective(), TrialBudget.total(4));
        assertThat(tuning.enqueueBaselines(study)).isZero();
        List<FrozenTrial> trials = study.trials();
        assertThat(trials).hasSize(4).allMatch(t -> t.state() == TrialState.COMPLETE);
        TrialRecord first = TrialRecord.from(trials.get(0));
        TrialRecord second = TrialRecord.from(trials.get(1));
        assertThat(first.baseline()).contains("constant lr 0.1");
        assertThat(second.baseline()).contains("torch OneCycleLR (max_lr 0.1)");
        assertThat(first.family()).contains("constant lr 0.1");
        // a cosine over 54 epochs is within 10 % of constant over the 2 epochs run: the sampler sees the
        // constant baseline as that point of the space (BaselineFit)
        assertThat(trials.get(0).params()).containsEntry("epochs", 2L).containsEntry("family", "cosine");
        assertThat((double) trials.get(0).params().get("peak_lr")).isBetween(0.1, 0.11);
        assertThat((double) trials.get(0).userAttrs().get(TrialRecord.BASELINE_FIT))
                .isLessThan(BaselineFit.TOLERANCE);
        assertThat(first.plannedEpochs()).hasValue(2);
        assertThat(first.schedule()).get().asString().contains("transformers.get_constant_schedule");
        assertThat(TrialRecord.from(trials.get(2)).isBaseline()).isFalse();
        assertThat(trials.get(2).params()).containsKey("family");
    }

    @Test
    void confirmationRetrainsWithFreshSeedsOnTheTestSplitAndIsStoredOnce() {
        ScheduleTuning tuning = tuning(2);
        assertThat(tuning.searchSeeds()).containsExactly(0L, 1L);
        List<Long> seeds = tuning.confirmationSeeds(3);
        assertThat(seeds)
                .hasSize(3)
                .doesNotContainAnyElementsOf(tuning.searchSeeds())
                .doesNotHaveDuplicates();

        Study study = Study.builder("confirm")
                .directions(tuning.directions())
                .sampler(RandomSampler.builder().seed(2).build())
                .create();
        tuning.enqueueBaselines(study);
        study.optimizeMulti(tuning.asMultiObjective(), TrialBudget.total(3));
        List<FrozenTrial> done = study.trials(TrialState.COMPLETE);
        // a trial trained twice records the mean of its runs per epoch, as its value is the mean of their ends
        for (FrozenTrial t : done) {
            TrialRecord record = TrialRecord.from(t);
            List<Double> ends =
                    record.repeatLosses().stream().map(v -> (double) v).toList();
            assertThat(ends).hasSize(2);
            assertThat(record.epochLosses()).hasSize(record.epochs().getAsInt());
            assertThat(record.epochLosses().get(record.epochLosses().size() - 1))
                    .isCloseTo((ends.get(0) + ends.get(1)) / 2, within(1e-12));
        }
        List<Confirmation> seen = new java.util.ArrayList<>();
        List<Confirmation> confirmed = tuning.confirm(study, done.subList(0, 2), 2, seen::add);
        assertThat(confirmed).hasSize(2).isEqualTo(seen);
        Confirmation c = confirmed.get(0);
        assertThat(c.seeds()).containsExactlyElementsOf(tuning.confirmationSeeds(2));
        assertThat(c.epochs())
                .isEqualTo(TrialRecord.from(done.get(0)).plannedEpochs().getAsInt());
        assertThat(c.testAccuracies()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(c.testAccuracies()[i]).isBetween(0.5, 1.0);
            assertThat(c.testLosses()[i]).isBetween(0.0, 3.0);
        }
        // the run is what the trial's schedule gives with that seed, judged on the test split
        TrainingResult direct = TrainingLoop.run(tuning.confirmationPlan(TrialRecord.from(done.get(0)), seeds.get(0)));
        assertThat(direct.testAccuracy()).isEqualTo(c.testAccuracies()[0]);
        assertThat(direct.testLoss()).isEqualTo(c.testLosses()[0]);
        assertThat(tuning.confirmationPlan(TrialRecord.from(done.get(0)), 7).seed())
                .isEqualTo(7);
        assertThat(tuning.confirmationPlan(TrialRecord.from(done.get(0)), 7).evaluatesTest())
                .isTrue();

        // stored with the study, read back equal, and not run again
        Map<Integer, Confirmation> stored = Confirmation.read(study.systemAttrs());
        assertThat(stored).containsOnlyKeys(done.get(0).number(), done.get(1).number());
        assertThat(stored.get(c.trial())).isEqualTo(c);
        List<Confirmation> again = tuning.confirm(study, done.subList(0, 2), 2, x -> {
            throw new AssertionError("confirmed twice: " + x);
        });
        assertThat(again).isEqualTo(confirmed);
    }

    @Test
    void statsAndTheStandardErrorOfADifference() {
        Confirmation.Stats a = Confirmation.Stats.of(new double[] {0.80, 0.82, 0.84});
        assertThat(a.mean()).isCloseTo(0.82, within(1e-12));
        assertThat(a.sd()).isCloseTo(0.02, within(1e-12));
        assertThat(a.standardError()).isCloseTo(0.02 / Math.sqrt(3), within(1e-12));
        Confirmation.Stats b = Confirmation.Stats.of(new double[] {0.78, Double.NaN, 0.80});
        assertThat(b.n()).isEqualTo(2);
        double[] d = a.minus(b);
        assertThat(d[0]).isCloseTo(0.03, within(1e-12));
        assertThat(d[1]).isCloseTo(Math.sqrt(0.02 * 0.02 / 3 + 0.0002 / 2), within(1e-12));
        assertThat(Confirmation.Stats.of(new double[] {0.5}).sd()).isNaN();
    }

    @Test
    void aTaskWithoutATestSplitCannotBeConfirmed() {
        ScheduleTuning noTest = ScheduleTuning.builder(
                        TaskSpec.twoSpirals(200, 0.05, 0), ModelSpec.mlp(8), ScheduleTuningTest.families())
                .epochs(1)
                .build();
        Study study = Study.builder("none").directions(noTest.directions()).create();
        assertThatThrownBy(() -> noTest.confirm(study, List.of(), 2, c -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no test split")
                .hasMessageContaining("test_fraction");
    }

    @Test
    void aBaselineIsNeverPrunedEvenByAPrunerThatStopsEverything() {
        ScheduleTuning tuning = tuning(1);
        Study study = Study.builder("no-pruned-baselines")
                .directions(tuning.directions())
                .sampler(RandomSampler.builder().seed(2).build())
                .pruner((view, trial) -> true)
                .create();
        tuning.enqueueBaselines(study);
        study.optimizeMulti(tuning.asMultiObjective(), TrialBudget.total(3));
        List<FrozenTrial> trials = study.trials();
        assertThat(trials.subList(0, 2)).allMatch(t -> t.state() == TrialState.COMPLETE);
        assertThat(trials.get(2).state()).isEqualTo(TrialState.PRUNED); // the pruner does stop searched trials
    }
}
