package dev.schedtune.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.storage.InMemoryStorage;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyExistsException;
import dev.schedtune.search.storage.StudyNotFoundException;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyTest {

    private static double quadratic(Trial t) {
        double x = t.suggestFloat("x", -10, 10);
        int n = t.suggestInt("n", 0, 5);
        String c = t.suggestCategorical("c", "a", "b");
        return (x - 2) * (x - 2) + n + (c.equals("a") ? 0 : 1);
    }

    @Test
    void optimizeRunsTheBudgetAndFindsAGoodTrial() {
        Study study = Study.builder("q").seed(1).create();
        study.optimize(StudyTest::quadratic, TrialBudget.more(200));
        assertThat(study.trials()).hasSize(200).allMatch(t -> t.state() == TrialState.COMPLETE);
        assertThat(study.bestValue()).isLessThan(0.5);
        FrozenTrial best = study.bestTrial();
        assertThat(best.params()).containsKeys("x", "n", "c");
        assertThat(best.params().get("n")).isEqualTo(0L);
        assertThat(best.params().get("c")).isEqualTo("a");
        assertThat(best.distributions().get("x").describe()).isEqualTo("float in [-10.0, 10.0]");
        assertThat(best.datetimeStart()).isNotNull();
        assertThat(best.duration()).isNotNull();
        for (int i = 0; i < 200; i++) {
            assertThat(study.trials().get(i).number()).isEqualTo(i);
        }
    }

    @Test
    void askAndTellWithNumbersAndStates() {
        Study study = Study.builder("at")
                .directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE)
                .create();
        Trial a = study.ask();
        double x = a.suggestFloat("x", 0, 1);
        study.tell(a, x, 1 - x);
        Trial b = study.ask();
        b.report(0, 0.5, 0.5);
        b.report(1, 0.4, 0.6);
        b.report(1, 99, 99); // a second report of a step is ignored, as in Optuna
        FrozenTrial pruned = study.tell(b.number(), TrialState.PRUNED);
        assertThat(pruned.state()).isEqualTo(TrialState.PRUNED);
        assertThat(pruned.values().toArray()).containsExactly(0.4, 0.6);
        Trial c = study.ask();
        FrozenTrial failed = study.fail(c.number(), "out of memory");
        assertThat(failed.systemAttrs()).containsEntry(FrozenTrial.FAIL_REASON_KEY, "out of memory");
        assertThat(study.trials())
                .extracting(FrozenTrial::state)
                .containsExactly(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL);
    }

    @Test
    void nanAndInfiniteValuesFailWithTheReasonAndTheStudyGoesOn() {
        Study study = Study.builder("nan").create();
        AtomicInteger calls = new AtomicInteger();
        study.optimize(
                t -> {
                    int i = calls.getAndIncrement();
                    return i == 0 ? Double.NaN : i == 1 ? Double.POSITIVE_INFINITY : i;
                },
                TrialBudget.more(3));
        List<FrozenTrial> trials = study.trials();
        assertThat(trials.get(0).state()).isEqualTo(TrialState.FAIL);
        assertThat(trials.get(0).systemAttrs().get(FrozenTrial.FAIL_REASON_KEY)).isEqualTo("objective value is NaN");
        assertThat(trials.get(1).systemAttrs().get(FrozenTrial.FAIL_REASON_KEY))
                .isEqualTo("objective value is Infinity");
        assertThat(trials.get(2).state()).isEqualTo(TrialState.COMPLETE);
        assertThat(study.bestValue()).isEqualTo(2);
    }

    @Test
    void aThrowingObjectiveIsRecordedAsFailAndThenPropagatesByDefault() {
        Study study = Study.builder("loud").create();
        assertThatThrownBy(() -> study.optimize(
                        t -> {
                            if (t.number() == 1) {
                                throw new IllegalStateException("index 3 out of bounds in my objective");
                            }
                            return t.suggestFloat("x", 0, 1);
                        },
                        TrialBudget.more(10)))
                .isInstanceOf(ObjectiveFailedException.class)
                .hasMessageContaining("trial 1")
                .hasMessageContaining("catching(")
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("index 3 out of bounds in my objective");
        assertThat(study.trials()).extracting(FrozenTrial::state).containsExactly(TrialState.COMPLETE, TrialState.FAIL);
        assertThat(study.trials().get(1).systemAttrs().get(FrozenTrial.FAIL_REASON_KEY))
                .isEqualTo("java.lang.IllegalStateException: index 3 out of bounds in my objective");
    }

    @Test
    void aTrialFailedExceptionFailsTheTrialAndTheStudyGoesOnWithoutOptingIn() {
        Study study = Study.builder("declared").create();
        study.optimize(
                t -> {
                    if (t.number() == 0) {
                        throw new TrialFailedException("diverged at step 12");
                    }
                    return 1;
                },
                TrialBudget.more(3));
        assertThat(study.trials())
                .extracting(FrozenTrial::state)
                .containsExactly(TrialState.FAIL, TrialState.COMPLETE, TrialState.COMPLETE);
        assertThat(study.trials().get(0).systemAttrs().get(FrozenTrial.FAIL_REASON_KEY))
                .isEqualTo("dev.schedtune.search.TrialFailedException: diverged at step 12");
    }

    @Test
    void aCaughtExceptionFailsTheTrialWithItsMessageAndTheStudyContinues() {
        Study study = Study.builder("throw").create();
        AtomicInteger calls = new AtomicInteger();
        study.optimize(
                t -> {
                    if (calls.getAndIncrement() % 2 == 0) {
                        throw new IOException("disk full at epoch 3");
                    }
                    return t.suggestFloat("x", 0, 1);
                },
                OptimizeOptions.builder()
                        .budget(TrialBudget.more(6))
                        .catching(IOException.class)
                        .build());
        assertThat(study.trials(TrialState.FAIL)).hasSize(3);
        assertThat(study.trials(TrialState.COMPLETE)).hasSize(3);
        assertThat(study.trials().get(0).systemAttrs().get(FrozenTrial.FAIL_REASON_KEY))
                .isEqualTo("java.io.IOException: disk full at epoch 3");
    }

    @Test
    void anExceptionOutsideTheCatchSetFailsTheTrialAndStopsTheStudy() {
        Study study = Study.builder("stop").create();
        OptimizeOptions options = OptimizeOptions.builder()
                .budget(TrialBudget.more(10))
                .catching(IOException.class)
                .build();
        assertThatThrownBy(() -> study.optimize(
                        t -> {
                            if (t.number() == 2) {
                                throw new IllegalStateException("bug");
                            }
                            return 1;
                        },
                        options))
                .isInstanceOf(ObjectiveFailedException.class)
                .hasMessageContaining("trial 2")
                .hasRootCauseMessage("bug");
        assertThat(study.trials()).hasSize(3);
        assertThat(study.trials().get(2).state()).isEqualTo(TrialState.FAIL);
    }

    @Test
    void prunedObjectivesAreRecordedPrunedWithTheirLastReport() {
        Study study = Study.builder("prune").create();
        study.optimize(
                t -> {
                    t.report(0, 3.0);
                    t.report(1, 2.0);
                    throw new TrialPrunedException();
                },
                TrialBudget.more(1));
        FrozenTrial t = study.trials().get(0);
        assertThat(t.state()).isEqualTo(TrialState.PRUNED);
        assertThat(t.value()).isEqualTo(2.0);
        assertThat(t.intermediateValues()).hasSize(2);
    }

    @Test
    void badInputNamesTheParameterOrTrial() {
        Study study = Study.builder("bad").create();
        Trial t = study.ask();
        assertThatThrownBy(() -> t.suggestFloat("lr", 1, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'lr': low (1.0) must be <= high (0.5)");
        assertThatThrownBy(() -> t.suggestFloatLog("lr", 0, 1))
                .hasMessage("parameter 'lr': low (0.0) must be > 0 for a log range");
        assertThatThrownBy(() -> t.suggestCategorical("opt", List.of()))
                .hasMessage("parameter 'opt': choices must not be empty");
        t.suggestFloat("x", 0, 1);
        assertThatThrownBy(() -> t.suggestFloat("x", 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'x' of trial 0 was suggested as float in [0.0, 1.0]; it cannot be re-suggested"
                        + " as float in [0.0, 2.0]");
        assertThat(t.suggestFloat("x", 0, 1)).isEqualTo(t.params().get("x"));
        assertThatThrownBy(() -> t.report(0, 1, 2))
                .hasMessage("trial 0 reported 2 values at step 0 but the study has 1 objectives");
        assertThatThrownBy(() -> study.tell(t, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trial 0 of study 'bad' was told 2 values but the study has 1 objectives [MINIMIZE]");
        study.tell(t, 1);
        assertThatThrownBy(() -> study.tell(t, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("trial 0 of study 'bad' is COMPLETE; it was already told");
        assertThatThrownBy(() -> t.suggestInt("late", 0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("trial 0 of study 'bad' is finished (COMPLETE)");
        assertThatThrownBy(() -> study.tell(7, 1)).hasMessage("study 'bad' has no trial 7 (it has 1 trials)");
        assertThatThrownBy(() -> study.tell(0, TrialState.COMPLETE))
                .hasMessageContaining("tell COMPLETE with its values");
        Trial u = study.ask();
        assertThatThrownBy(() -> u.suggestInt("x", 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'x' is float in [0.0, 1.0] in earlier trials of study 'bad'; it cannot become"
                        + " int in [0, 1]");
        assertThatThrownBy(() -> Study.builder("d").directions("minimize", "upward"))
                .hasMessage("unknown direction 'upward'; allowed: minimize, maximize");
        assertThatThrownBy(() -> u.setUserAttr("k", new Object())).hasMessageContaining("user attr 'k'");
        assertThatThrownBy(() -> u.setConstraint("c", Double.NaN)).hasMessage("constraint 'c' of trial 1 is NaN");
    }

    @Test
    void enqueuedTrialsRunFirstWithTheirParameters() {
        Study study = Study.builder("enq").create();
        study.enqueueTrial(Map.of("x", 0.25, "c", "b"));
        assertThat(study.enqueueTrial(Map.of("x", 0.25, "c", "b"), Map.of(), true))
                .isEmpty();
        List<Object> seen = new ArrayList<>();
        study.optimize(
                t -> {
                    seen.add(t.suggestFloat("x", 0, 1));
                    seen.add(t.suggestCategorical("c", "a", "b"));
                    return 0;
                },
                TrialBudget.more(2));
        assertThat(seen.subList(0, 2)).containsExactly(0.25, "b");
        assertThat(study.trials().get(0).systemAttrs()).containsKey(FrozenTrial.FIXED_PARAMS_KEY);
        assertThat(study.trials()).hasSize(2);
    }

    @Test
    void budgetsAreExplicitOnResume() {
        Storage storage = new InMemoryStorage();
        Study first = Study.builder("resume").storage(storage).seed(3).create();
        first.optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.more(5));
        assertThatThrownBy(() -> Study.builder("resume").storage(storage).create())
                .isInstanceOf(StudyExistsException.class);
        Study again = Study.builder("resume").storage(storage).load();
        assertThat(again.seed()).isEqualTo(3);
        again.optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.total(8));
        assertThat(again.trials()).hasSize(8);
        again.optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.total(8));
        assertThat(again.trials()).hasSize(8);
        again.optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.more(2));
        assertThat(again.trials()).hasSize(10);
        assertThatThrownBy(
                        () -> Study.builder("resume").storage(storage).seed(4).load())
                .hasMessage("study 'resume' was created with schedtune:seed = 3, not 4");
        assertThatThrownBy(() -> Study.builder("resume")
                        .storage(storage)
                        .direction(StudyDirection.MAXIMIZE)
                        .load())
                .hasMessage("study 'resume' has directions [MINIMIZE], not [MAXIMIZE]");
        assertThatThrownBy(() -> Study.builder("nope").storage(storage).load())
                .isInstanceOf(StudyNotFoundException.class)
                .hasMessage("no study named 'nope'; existing studies: resume");
    }

    @Test
    void theSameSeedGivesTheSameTrialsWithOneOrFourThreads() {
        List<Map<String, Object>> one = paramsOf(run(11, 1));
        List<Map<String, Object>> four = paramsOf(run(11, 4));
        List<Map<String, Object>> other = paramsOf(run(12, 1));
        assertThat(four).isEqualTo(one);
        assertThat(other).isNotEqualTo(one);
    }

    private static Study run(long seed, int nJobs) {
        Study s = Study.builder("seeded")
                .seed(seed)
                .sampler(RandomSampler.create())
                .create();
        s.optimize(StudyTest::quadratic, TrialBudget.total(60), null, nJobs);
        assertThat(s.trials()).hasSize(60);
        return s;
    }

    private static List<Map<String, Object>> paramsOf(Study s) {
        List<Map<String, Object>> out = new ArrayList<>();
        s.trials().forEach(t -> out.add(Map.copyOf(t.params())));
        return out;
    }

    @Test
    void aResumedStudyContinuesItsRandomStreamsInsteadOfReplayingThem() {
        Storage storage = new InMemoryStorage();
        Study s = Study.builder("cont").storage(storage).seed(5).create();
        s.optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.more(3));
        Study r = Study.load("cont", storage);
        r.optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.more(3));
        List<Object> xs = new ArrayList<>();
        r.trials().forEach(t -> xs.add(t.params().get("x")));
        assertThat(xs).doesNotHaveDuplicates();
        Study fresh = Study.builder("fresh").seed(5).create();
        fresh.optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.more(6));
        List<Object> ys = new ArrayList<>();
        fresh.trials().forEach(t -> ys.add(t.params().get("x")));
        assertThat(xs).isEqualTo(ys);
    }

    @Test
    void bestTrialsArePreferablyFeasibleParetoTrials() {
        Study study = Study.builder("mo")
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .create();
        double[][] points = {{1, 5}, {2, 2}, {5, 1}, {3, 3}, {0, 0}};
        double[] violations = {0, 0, 0, 0, 1};
        for (int i = 0; i < points.length; i++) {
            Trial t = study.ask();
            t.setConstraint("budget", violations[i]);
            study.tell(t, points[i]);
        }
        assertThat(study.bestTrials()).extracting(FrozenTrial::number).containsExactly(0, 1, 2);
        assertThat(study.trials().get(4).isFeasible()).isFalse();
        assertThat(study.trials().get(4).constraints().toArray()).containsExactly(1.0);
        assertThatThrownBy(study::bestTrial).hasMessageContaining("use bestTrials()");

        Study allBad = Study.builder("bad").create();
        for (double v : new double[] {3, 1, 2}) {
            Trial t = allBad.ask();
            t.setConstraint("c", v);
            allBad.tell(t, v * 10);
        }
        assertThat(allBad.bestTrial().number()).isEqualTo(1);
        assertThat(allBad.bestTrials()).extracting(FrozenTrial::number).containsExactly(1);
    }

    @Test
    void callbacksSeeEveryTrialAndCanStopTheStudy() {
        Study study = Study.builder("cb").create();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        study.optimize(
                t -> t.suggestFloat("x", 0, 1),
                OptimizeOptions.builder()
                        .callback((s, t) -> {
                            seen.add(t.number());
                            if (seen.size() == 4) {
                                s.stop();
                            }
                        })
                        .build());
        assertThat(seen).containsExactly(0, 1, 2, 3);
        assertThat(study.trials()).hasSize(4);
    }

    @Test
    void aTimeoutStopsStartingTrials() {
        Study study = Study.builder("time").create();
        study.optimize(
                t -> {
                    Thread.sleep(20);
                    return 0;
                },
                TrialBudget.unlimited(),
                Duration.ofMillis(150),
                2);
        assertThat(study.trials().size()).isBetween(2, 40);
        assertThat(study.trials()).allMatch(t -> t.state() == TrialState.COMPLETE);
    }

    @Test
    void userAttrsOfStudiesAndTrials() {
        Study study = Study.builder("attrs").create();
        study.setUserAttr("owner", "ana");
        Trial t = study.ask();
        t.setUserAttr("curve", new double[] {1, 2});
        t.setUserAttr("meta", Map.of("epochs", 3));
        study.tell(t, 0);
        assertThat(study.userAttrs()).containsEntry("owner", "ana");
        FrozenTrial f = study.trials().get(0);
        assertThat(f.userAttrs().get("curve")).isEqualTo(List.of(1.0, 2.0));
        assertThat(f.userAttrs().get("meta")).isEqualTo(Map.of("epochs", 3L));
    }

    @Test
    void singleObjectiveOptimizeRefusesMultiObjectiveStudies() {
        Study study = Study.builder("mo2").directions("minimize", "maximize").create();
        assertThatThrownBy(() -> study.optimize(t -> 1, TrialBudget.more(1))).hasMessageContaining("use optimizeMulti");
        study.optimizeMulti(t -> new double[] {1, 2}, TrialBudget.more(2));
        assertThat(study.bestTrials()).hasSize(2);
    }

    @Test
    void aSamplersOwnSeedBecomesTheStudysSeedAndADifferentStudySeedIsRefused() {
        Study s = Study.builder("own")
                .sampler(RandomSampler.builder().seed(7).build())
                .create();
        assertThat(s.seed()).isEqualTo(7);
        assertThat(s.systemAttrs()).containsEntry(Study.SEED_KEY, 7L);
        assertThatThrownBy(() -> Study.builder("both")
                        .sampler(RandomSampler.builder().seed(7).build())
                        .seed(8)
                        .create())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed 8")
                .hasMessageContaining("own seed 7");
        assertThat(Study.builder("same")
                        .sampler(RandomSampler.builder().seed(7).build())
                        .seed(7)
                        .create()
                        .seed())
                .isEqualTo(7);
    }

    @Test
    void objectiveNamesAreStoredUnderOptunasKeyAndCheckedOnLoad() {
        Storage storage = new InMemoryStorage();
        Study s = Study.builder("named")
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .objectiveNames("loss", "seconds")
                .storage(storage)
                .create();
        assertThat(s.objectiveNames()).containsExactly("loss", "seconds");
        assertThat(s.systemAttrs()).containsEntry("study:metric_names", List.of("loss", "seconds"));
        assertThat(Study.load("named", storage).objectiveNames()).containsExactly("loss", "seconds");
        assertThatThrownBy(() -> Study.builder("named")
                        .objectiveNames("loss", "memory")
                        .storage(storage)
                        .load())
                .hasMessageContaining("study:metric_names");
        assertThatThrownBy(() -> Study.builder("count").objectiveNames("a", "b").create())
                .hasMessageContaining("1 objectives")
                .hasMessageContaining("2 objective names");
        assertThat(Study.builder("none").create().objectiveNames()).isEmpty();
    }

    @Test
    void aStudyClosesTheStorageItOpenedButNotOneItWasGiven(@TempDir Path dir) {
        String db = dir.resolve("owned.db").toString();
        Study owned = Study.builder("closed").storage(db).create();
        try (owned) {
            owned.optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.more(2));
            assertThat(owned.trials().get(0).valueList()).hasSize(1);
            assertThat(owned.trials().get(0).valueList().get(0))
                    .isEqualTo(owned.trials().get(0).value());
        }
        assertThatThrownBy(owned::trials).isInstanceOf(IllegalStateException.class);

        InMemoryStorage shared = new InMemoryStorage();
        try (Study s = Study.builder("given").storage(shared).create()) {
            s.optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.more(1));
        }
        assertThat(shared.studies()).hasSize(1);
    }
}
