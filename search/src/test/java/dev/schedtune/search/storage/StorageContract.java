package dev.schedtune.search.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.CategoricalDistribution;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.distribution.IntDistribution;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.TrialState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link Storage} contract, run against every implementation. */
public abstract class StorageContract {
    protected Storage storage;

    protected abstract Storage newStorage() throws Exception;

    /** A second storage on the same data (another "process"), or null if the implementation has none. */
    protected Storage reopen() throws Exception {
        return null;
    }

    @BeforeEach
    void open() throws Exception {
        storage = newStorage();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static final List<StudyDirection> MIN_MAX = List.of(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE);

    @Test
    void studiesAreCreatedFoundListedAndDeleted() {
        StudyRecord a = storage.createStudy("a", MIN_MAX, Map.of("schedtune:seed", 7L));
        StudyRecord b = storage.createStudy("b", List.of(StudyDirection.MINIMIZE), Map.of());
        assertThat(storage.findStudy("a")).contains(a);
        assertThat(storage.findStudy("zz")).isEmpty();
        assertThat(storage.studies()).containsExactly(a, b);
        assertThat(storage.studySystemAttrs(a.studyId())).containsEntry("schedtune:seed", 7L);
        assertThatThrownBy(() -> storage.createStudy("a", MIN_MAX, Map.of())).isInstanceOf(StudyExistsException.class);
        storage.createTrial(a.studyId(), TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), Map.of());
        storage.deleteStudy("a");
        assertThat(storage.studies()).containsExactly(b);
        assertThatThrownBy(() -> storage.deleteStudy("a")).isInstanceOf(StudyNotFoundException.class);
    }

    @Test
    void studyAttributesAreUpsertedAndSetIfAbsentIsFirstWriterWins() {
        long id = storage.createStudy("s", MIN_MAX, Map.of()).studyId();
        storage.setStudyUserAttr(id, "k", 1L);
        storage.setStudyUserAttr(id, "k", List.of("x", 2.5));
        storage.setStudyUserAttr(id, "n", null);
        assertThat(storage.studyUserAttrs(id))
                .containsEntry("k", List.of("x", 2.5))
                .containsEntry("n", null);
        assertThat(storage.setStudySystemAttrIfAbsent(id, "g", "first")).isEqualTo("first");
        assertThat(storage.setStudySystemAttrIfAbsent(id, "g", "second")).isEqualTo("first");
        storage.setStudySystemAttr(id, "g", "third");
        assertThat(storage.studySystemAttrs(id)).containsEntry("g", "third");
    }

    /** A summary says what the trials say, without reading them (databases aggregate in SQL). */
    @Test
    void aSummaryCountsTheTrialsAndKeepsTheCompleteOnesValuesAndConstraints() {
        long id = storage.createStudy("sum", MIN_MAX, Map.of()).studyId();
        TrialState[] ends = {
            TrialState.COMPLETE, TrialState.FAIL, TrialState.COMPLETE, TrialState.PRUNED, TrialState.COMPLETE, null
        };
        for (int n = 0; n < ends.length; n++) {
            storage.createTrial(id, TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), Map.of());
            if (n == 2) {
                storage.setTrialSystemAttr(id, n, FrozenTrial.CONSTRAINTS_KEY, List.of(0.5, -1.0));
            }
            if (ends[n] != null) {
                storage.finishTrial(
                        id,
                        n,
                        ends[n],
                        ends[n] == TrialState.COMPLETE ? ImmutableDoubleArray.of(n, Double.POSITIVE_INFINITY) : null,
                        Map.of());
            }
        }
        storage.createTrial(id, TrialState.WAITING, Integer.MAX_VALUE, Map.of(), Map.of());
        StudySummary summary = storage.summary(id);
        assertThat(summary).isEqualTo(StudySummary.of(storage.trials(id)));
        assertThat(summary.count(TrialState.COMPLETE)).isEqualTo(3);
        assertThat(summary.count(TrialState.RUNNING)).isEqualTo(1);
        assertThat(summary.count(TrialState.WAITING)).isEqualTo(1);
        assertThat(summary.total()).isEqualTo(7);
        assertThat(summary.complete()).extracting(FrozenTrial::number).containsExactly(0, 2, 4);
        assertThat(summary.complete().get(1).values().toArray()).containsExactly(2.0, Double.POSITIVE_INFINITY);
        assertThat(summary.complete().get(1).systemAttrs())
                .containsEntry(FrozenTrial.CONSTRAINTS_KEY, List.of(0.5, -1.0));
    }

    @Test
    void aTrialRoundTripsEverythingItHolds() throws Exception {
        long id = storage.createStudy("s", MIN_MAX, Map.of()).studyId();
        FrozenTrial t = storage.createTrial(id, TrialState.RUNNING, Integer.MAX_VALUE, Map.of("u", "v"), Map.of())
                .orElseThrow();
        assertThat(t.number()).isZero();
        assertThat(t.datetimeStart()).isNotNull();
        storage.setTrialParam(id, 0, "lr", 0.01, FloatDistribution.log(1e-4, 1));
        storage.setTrialParam(id, 0, "layers", 3, IntDistribution.of(1, 8));
        storage.setTrialParam(id, 0, "opt", 1, CategoricalDistribution.of(Arrays.asList("sgd", "adam", null)));
        storage.setTrialIntermediateValue(id, 0, 0, ImmutableDoubleArray.of(1.5, Double.NaN));
        storage.setTrialIntermediateValue(id, 0, 1, ImmutableDoubleArray.of(Double.POSITIVE_INFINITY, -2));
        storage.setTrialIntermediateValue(id, 0, 1, ImmutableDoubleArray.of(99, 99));
        storage.setTrialUserAttr(id, 0, "curve", List.of(1.0, 2.0));
        storage.setTrialSystemAttr(id, 0, "constraints", List.of(-1.0));
        FrozenTrial done =
                storage.finishTrial(id, 0, TrialState.COMPLETE, ImmutableDoubleArray.of(0.5, 3), Map.of("why", "done"));
        assertThat(done.state()).isEqualTo(TrialState.COMPLETE);
        assertThat(done.datetimeComplete()).isNotNull();
        FrozenTrial read = storage.trials(id).get(0);
        assertThat(read).isEqualTo(done);
        assertThat(read.params())
                .containsEntry("lr", 0.01)
                .containsEntry("layers", 3L)
                .containsEntry("opt", "adam");
        assertThat(read.values().toArray()).containsExactly(0.5, 3.0);
        assertThat(read.intermediateValues().get(0L).get(0)).isEqualTo(1.5);
        assertThat(read.intermediateValues().get(0L).get(1)).isNaN();
        assertThat(read.intermediateValues().get(1L).toArray()).containsExactly(Double.POSITIVE_INFINITY, -2.0);
        assertThat(read.userAttrs()).containsEntry("u", "v").containsEntry("curve", List.of(1.0, 2.0));
        assertThat(read.systemAttrs()).containsEntry("why", "done");
        assertThat(read.isFeasible()).isTrue();
        if (reopenable()) {
            try (Storage other = reopenQuietly()) {
                assertThat(other.trials(id).get(0)).isEqualTo(done);
            }
        }
    }

    @Test
    void finishedTrialsCannotChange() {
        long id = storage.createStudy("s", MIN_MAX, Map.of()).studyId();
        storage.createTrial(id, TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), Map.of());
        storage.finishTrial(id, 0, TrialState.FAIL, null, Map.of());
        assertThatThrownBy(() -> storage.setTrialParam(id, 0, "x", 0.5, FloatDistribution.of(0, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("trial 0 of study")
                .hasMessageContaining("is FAIL");
        assertThatThrownBy(
                        () -> storage.finishTrial(id, 0, TrialState.COMPLETE, ImmutableDoubleArray.of(1, 2), Map.of()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> storage.setTrialUserAttr(id, 0, "k", 1L)).isInstanceOf(IllegalStateException.class);
        assertThat(storage.trials(id).get(0).state()).isEqualTo(TrialState.FAIL);
        assertThat(storage.trials(id).get(0).params()).isEmpty();
    }

    @Test
    void numberLimitsAndWaitingTrials() {
        long id = storage.createStudy("s", MIN_MAX, Map.of()).studyId();
        FrozenTrial w = storage.createTrial(
                        id, TrialState.WAITING, Integer.MAX_VALUE, Map.of(), Map.of("fixed_params", Map.of("x", 1L)))
                .orElseThrow();
        assertThat(w.datetimeStart()).isNull();
        assertThat(storage.createTrial(id, TrialState.RUNNING, 1, Map.of(), Map.of()))
                .isEmpty();
        assertThat(storage.createTrial(id, TrialState.RUNNING, 2, Map.of(), Map.of()))
                .isPresent();
        FrozenTrial claimed = storage.claimWaitingTrial(id).orElseThrow();
        assertThat(claimed.number()).isZero();
        assertThat(claimed.state()).isEqualTo(TrialState.RUNNING);
        assertThat(claimed.systemAttrs()).containsEntry("fixed_params", Map.of("x", 1L));
        assertThat(storage.claimWaitingTrial(id)).isEmpty();
        StudyTrials trials = storage.trials(id);
        assertThat(trials.count(TrialState.RUNNING)).isEqualTo(2);
        assertThat(trials.count(TrialState.WAITING)).isZero();
    }

    @Test
    void concurrentWorkersGetDenseUniqueNumbersAndEachWaitingTrialOnce() throws Exception {
        long id = storage.createStudy("s", MIN_MAX, Map.of()).studyId();
        for (int i = 0; i < 20; i++) {
            storage.createTrial(id, TrialState.WAITING, Integer.MAX_VALUE, Map.of(), Map.of());
        }
        List<Storage> workers = new ArrayList<>();
        workers.add(storage);
        Storage other = reopenQuietly();
        if (other != null) {
            workers.add(other);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Set<Integer> claimed = ConcurrentHashMap.newKeySet();
        Set<Integer> created = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Storage s = workers.get(w % workers.size());
            futures.add(pool.submit(() -> {
                for (int k = 0; k < 15; k++) {
                    s.claimWaitingTrial(id)
                            .ifPresentOrElse(
                                    t -> assertThat(claimed.add(t.number())).isTrue(), () -> {
                                        FrozenTrial t = s.createTrial(
                                                        id, TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), Map.of())
                                                .orElseThrow();
                                        assertThat(created.add(t.number())).isTrue();
                                    });
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(claimed).hasSize(20);
        assertThat(created).hasSize(40);
        StudyTrials trials = storage.trials(id);
        assertThat(trials).hasSize(60);
        for (int n = 0; n < 60; n++) {
            assertThat(trials.get(n).number()).isEqualTo(n);
            assertThat(trials.get(n).state()).isEqualTo(TrialState.RUNNING);
        }
        if (other != null) {
            assertThat(other.trials(id)).hasSize(60);
            other.close();
        }
    }

    @Test
    void anotherWorkersChangesAreSeenIncrementally() throws Exception {
        Storage other = reopenQuietly();
        if (other == null) {
            return;
        }
        try (other) {
            long id = storage.createStudy("s", MIN_MAX, Map.of()).studyId();
            storage.createTrial(id, TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), Map.of());
            assertThat(other.trials(id)).hasSize(1);
            assertThat(other.trials(id).get(0).state()).isEqualTo(TrialState.RUNNING);
            storage.setTrialParam(id, 0, "x", 0.25, FloatDistribution.of(0, 1));
            assertThat(other.trials(id).get(0).params()).containsEntry("x", 0.25);
            storage.finishTrial(id, 0, TrialState.COMPLETE, ImmutableDoubleArray.of(1, 2), Map.of());
            other.createTrial(id, TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), Map.of());
            StudyTrials seen = other.trials(id);
            assertThat(seen.get(0).state()).isEqualTo(TrialState.COMPLETE);
            assertThat(seen.get(0)).isEqualTo(storage.trials(id).get(0));
            assertThat(storage.trials(id)).hasSize(2);
            assertThat(storage.trials(id).get(1).number()).isEqualTo(1);
        }
    }

    @Test
    void staleTrialsFailOnceAndFreshOnesStay() throws Exception {
        long id = storage.createStudy("s", MIN_MAX, Map.of()).studyId();
        storage.createTrial(id, TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), Map.of());
        storage.createTrial(id, TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), Map.of());
        storage.createTrial(id, TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), Map.of());
        storage.createTrial(id, TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), Map.of(), true);
        storage.createTrial(id, TrialState.WAITING, Integer.MAX_VALUE, Map.of(), Map.of());
        storage.claimWaitingTrial(id, true);
        storage.recordHeartbeat(id, 0);
        storage.recordHeartbeat(id, 1);
        Thread.sleep(400);
        storage.recordHeartbeat(id, 1);
        List<FrozenTrial> failed = storage.failStaleTrials(id, Duration.ofMillis(200));
        // 0 beat long ago, 3 and 4 got their only beat with their creation / claim; 2 never beat: left alone
        assertThat(failed).extracting(FrozenTrial::number).containsExactly(0, 3, 4);
        assertThat(failed.get(0).state()).isEqualTo(TrialState.FAIL);
        assertThat(failed.get(0).systemAttrs()).containsKey(FrozenTrial.FAIL_REASON_KEY);
        assertThat(storage.failStaleTrials(id, Duration.ofMinutes(10))).isEmpty();
        assertThat(storage.trials(id).get(0).state()).isEqualTo(TrialState.FAIL);
        assertThat(storage.trials(id).get(1).state()).isEqualTo(TrialState.RUNNING);
        assertThat(storage.trials(id).get(2).state()).isEqualTo(TrialState.RUNNING);
    }

    @Test
    void aDeadWorkersTrialIsRetriedOnceWithItsParametersInTheTransactionThatFailsIt() throws Exception {
        long id = storage.createStudy("s", MIN_MAX, Map.of()).studyId();
        storage.createTrial(id, TrialState.RUNNING, Integer.MAX_VALUE, Map.of("who", "w1"), Map.of("k", 1L), true);
        storage.setTrialParam(id, 0, "x", 0.25, FloatDistribution.of(0, 1));
        storage.setTrialParam(id, 0, "c", 1, CategoricalDistribution.of(List.of("a", "b")));
        storage.setTrialSystemAttr(id, 0, FrozenTrial.CONSTRAINTS_KEY, List.of(1.0));
        Thread.sleep(300);
        Storage other = reopenQuietly();
        Storage noticing = other != null ? other : storage;
        List<FrozenTrial> failed = noticing.failStaleTrials(id, Duration.ofMillis(100), 1);
        assertThat(failed).extracting(FrozenTrial::number).containsExactly(0);
        StudyTrials trials = storage.trials(id);
        assertThat(trials).hasSize(2);
        assertThat(trials.get(0).state()).isEqualTo(TrialState.FAIL);
        FrozenTrial retry = trials.get(1);
        assertThat(retry.state()).isEqualTo(TrialState.WAITING);
        assertThat(retry.userAttrs()).containsEntry("who", "w1");
        assertThat(retry.systemAttrs())
                .containsEntry("k", 1L)
                .containsEntry(Retries.FAILED_TRIAL_KEY, 0L)
                .containsEntry(Retries.RETRY_HISTORY_KEY, List.of(0L))
                .containsEntry(FrozenTrial.FIXED_PARAMS_KEY, Map.of("x", 0.25, "c", "b"))
                .doesNotContainKeys(FrozenTrial.FAIL_REASON_KEY, FrozenTrial.CONSTRAINTS_KEY);
        // the retry's worker dies too: with at most one retry, the series ends here
        FrozenTrial claimed = storage.claimWaitingTrial(id, true).orElseThrow();
        assertThat(claimed.number()).isEqualTo(1);
        Thread.sleep(300);
        assertThat(noticing.failStaleTrials(id, Duration.ofMillis(100), 1))
                .extracting(FrozenTrial::number)
                .containsExactly(1);
        assertThat(storage.trials(id)).hasSize(2);
        assertThat(storage.trials(id).get(1).state()).isEqualTo(TrialState.FAIL);
        if (other != null) {
            other.close();
        }
    }

    @Test
    void aBudgetGrowsByTheRetriesSoTheStudyStillEndsWithItsNumberOfTrials() throws Exception {
        long id = storage.createStudy("s", MIN_MAX, Map.of()).studyId();
        storage.createTrial(id, TrialState.RUNNING, 3, Map.of(), Map.of(), true);
        storage.createTrial(id, TrialState.RUNNING, 3, Map.of(), Map.of());
        Thread.sleep(300);
        assertThat(storage.failStaleTrials(id, Duration.ofMillis(100), 1)).hasSize(1);
        // trial 0 failed and came back as trial 2 (enqueued); one more fresh trial fits in a budget of 3
        assertThat(storage.claimWaitingTrial(id).orElseThrow().number()).isEqualTo(2);
        assertThat(storage.createTrial(id, TrialState.RUNNING, 3, Map.of(), Map.of()))
                .get()
                .extracting(FrozenTrial::number)
                .isEqualTo(3);
        assertThat(storage.createTrial(id, TrialState.RUNNING, 3, Map.of(), Map.of()))
                .isEmpty();
        assertThat(storage.studySystemAttrs(id)).containsEntry(Retries.RETRIES_KEY, 1L);
    }

    @Test
    void writingToATrialAnotherWorkerFailedSaysSoAndTheSnapshotShowsIt() throws Exception {
        long id = storage.createStudy("s", MIN_MAX, Map.of()).studyId();
        storage.createTrial(id, TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), Map.of(), true);
        Thread.sleep(300);
        Storage other = reopenQuietly();
        Storage noticing = other != null ? other : storage;
        assertThat(noticing.failStaleTrials(id, Duration.ofMillis(100), 0)).hasSize(1);
        assertThatThrownBy(() -> storage.setTrialParam(id, 0, "x", 0.5, FloatDistribution.of(0, 1)))
                .isInstanceOfSatisfying(TrialNotRunningException.class, e -> {
                    assertThat(e.number()).isZero();
                    assertThat(e.state()).isEqualTo("FAIL");
                })
                .hasMessageContaining("trial 0 of study")
                .hasMessageContaining("is FAIL");
        assertThat(storage.trials(id).get(0).state()).isEqualTo(TrialState.FAIL);
        assertThatThrownBy(
                        () -> storage.finishTrial(id, 0, TrialState.COMPLETE, ImmutableDoubleArray.of(1, 2), Map.of()))
                .isInstanceOf(TrialNotRunningException.class);
        if (other != null) {
            other.close();
        }
    }

    private boolean reopenable() throws Exception {
        Storage s = reopen();
        if (s != null) {
            s.close();
        }
        return s != null;
    }

    private Storage reopenQuietly() throws Exception {
        return reopen();
    }
}
