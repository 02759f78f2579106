package dev.schedtune.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.storage.InMemoryStorage;
import dev.schedtune.search.storage.Retries;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.TrialState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What happens to trials whose worker died, and to workers whose trials were declared dead. */
class DeadWorkerTest {
    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final Duration GRACE = Duration.ofMillis(300);

    @Test
    void aWorkerWhoseTrialAnotherWorkerFailedDropsItsResultAndGoesOn() {
        Storage storage = new InMemoryStorage();
        Study study = Study.builder("stalled").storage(storage).seed(3).create();
        long id = storage.findStudy("stalled").orElseThrow().studyId();
        study.optimize(
                t -> {
                    double x = t.suggestFloat("x", 0, 1);
                    if (t.number() == 2) {
                        // meanwhile another worker's heartbeat check declares this trial dead
                        storage.finishTrial(id, 2, TrialState.FAIL, null, Map.of());
                        t.suggestFloat("y", 0, 1); // the next write finds out
                    }
                    return x;
                },
                TrialBudget.total(5));
        assertThat(study.trials())
                .extracting(FrozenTrial::state)
                .containsExactly(
                        TrialState.COMPLETE,
                        TrialState.COMPLETE,
                        TrialState.FAIL,
                        TrialState.COMPLETE,
                        TrialState.COMPLETE);
    }

    @Test
    void aTrialToldAfterAnotherWorkerFailedItIsDiscardedWithoutStoppingTheStudy() {
        Storage storage = new InMemoryStorage();
        Study study = Study.builder("late").storage(storage).create();
        long id = storage.findStudy("late").orElseThrow().studyId();
        study.optimize(
                t -> {
                    if (t.number() == 0) {
                        storage.finishTrial(id, 0, TrialState.FAIL, null, Map.of());
                    }
                    return 1.0;
                },
                TrialBudget.total(3));
        assertThat(study.trial(0).state()).isEqualTo(TrialState.FAIL);
        assertThat(study.trials(TrialState.COMPLETE)).hasSize(2);
    }

    @Test
    void anAskTellClientThatDiedHasItsParametersRerunByTheNextAsk() throws Exception {
        Storage storage = new InMemoryStorage();
        Study first =
                Study.builder("at").storage(storage).heartbeat(INTERVAL, GRACE).create();
        long id = storage.findStudy("at").orElseThrow().studyId();
        // a client that asked, suggested and died: its trial beat once and never again
        int dead = storage.createTrial(id, TrialState.RUNNING, Integer.MAX_VALUE, Map.of("note", "a"), Map.of(), true)
                .orElseThrow()
                .number();
        storage.setTrialParam(id, dead, "lr", 0.125, FloatDistribution.of(0, 1));
        Thread.sleep(GRACE.toMillis() + 200);
        Study second = Study.builder("at").storage(storage).load(); // heartbeat and retries come from storage
        assertThat(second.heartbeatGrace()).isEqualTo(GRACE);
        assertThat(second.maxRetries()).isEqualTo(1);
        Trial retry = second.ask();
        assertThat(storage.trials(id).get(dead).state()).isEqualTo(TrialState.FAIL);
        assertThat(retry.number()).isNotEqualTo(dead);
        assertThat(retry.suggestFloat("lr", 0, 1)).isEqualTo(0.125);
        FrozenTrial told = second.tell(retry, 0.5);
        assertThat(told.systemAttrs()).containsEntry(Retries.FAILED_TRIAL_KEY, (long) dead);
        assertThat(told.userAttrs()).containsEntry("note", "a");
        assertThat(first.trials()).hasSize(2);
    }

    @Test
    void loadingWithAnotherHeartbeatThanTheStudysIsAnError() {
        Storage storage = new InMemoryStorage();
        Study.builder("hb").storage(storage).heartbeat(INTERVAL, GRACE).create();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Study.builder("hb")
                        .storage(storage)
                        .heartbeat(INTERVAL, Duration.ofSeconds(9))
                        .load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "study 'hb' was created with schedtune:heartbeat = {interval_ms=50, grace_ms=300}");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Study.builder("hb").storage(storage).maxRetries(-1))
                .hasMessage("maxRetries (-1) must be >= 0");
    }

    /**
     * The race that used to leave a reproducible study waiting forever: a worker found no enqueued trial,
     * another process enqueued one, and the worker created the next trial, whose batch then waits for the
     * enqueued one. The worker's optimize loop now runs the enqueued trial itself on an extra thread.
     */
    @Test
    void aReproducibleWorkerRunsAnEnqueuedTrialItsBatchWaitsFor() {
        InMemoryStorage real = new InMemoryStorage();
        EnqueueBetweenClaimAndCreate storage = new EnqueueBetweenClaimAndCreate(real, 7);
        Study study = Study.builder("race")
                .storage(storage)
                .seed(11)
                .reproducible(true)
                .sampler(new ReproducibleModeTest.FollowTheBest())
                .create();
        assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> study.optimize(t -> Math.abs(t.suggestFloat("x", 0, 1) - 0.5), TrialBudget.total(10)));
        List<FrozenTrial> trials = study.trials();
        assertThat(trials).hasSize(10);
        assertThat(trials).allMatch(t -> t.state() == TrialState.COMPLETE);
        assertThat(trials.get(7).params()).containsEntry("x", 0.5);
        assertThat(trials.get(7).systemAttrs()).containsKey(FrozenTrial.FIXED_PARAMS_KEY);
    }

    /** A real storage, where "another process" enqueues a trial right after the claim of trial {@code at} finds none. */
    private static final class EnqueueBetweenClaimAndCreate implements Storage {
        private final Storage d;
        private final int at;
        private final AtomicBoolean done = new AtomicBoolean();

        EnqueueBetweenClaimAndCreate(Storage delegate, int at) {
            this.d = delegate;
            this.at = at;
        }

        @Override
        public Optional<FrozenTrial> claimWaitingTrial(long studyId, boolean heartbeat) {
            Optional<FrozenTrial> claimed = d.claimWaitingTrial(studyId, heartbeat);
            if (claimed.isEmpty() && d.trials(studyId).size() == at && done.compareAndSet(false, true)) {
                d.createTrial(
                        studyId,
                        TrialState.WAITING,
                        Integer.MAX_VALUE,
                        Map.of(),
                        Map.of(FrozenTrial.FIXED_PARAMS_KEY, Map.of("x", 0.5)));
            }
            return claimed;
        }

        @Override
        public StudyRecord createStudy(
                String name, List<StudyDirection> directions, Map<String, @Nullable Object> systemAttrs) {
            return d.createStudy(name, directions, systemAttrs);
        }

        @Override
        public Optional<StudyRecord> findStudy(String name) {
            return d.findStudy(name);
        }

        @Override
        public List<StudyRecord> studies() {
            return d.studies();
        }

        @Override
        public void deleteStudy(String name) {
            d.deleteStudy(name);
        }

        @Override
        public Map<String, @Nullable Object> studyUserAttrs(long studyId) {
            return d.studyUserAttrs(studyId);
        }

        @Override
        public Map<String, @Nullable Object> studySystemAttrs(long studyId) {
            return d.studySystemAttrs(studyId);
        }

        @Override
        public void setStudyUserAttr(long studyId, String key, @Nullable Object value) {
            d.setStudyUserAttr(studyId, key, value);
        }

        @Override
        public void setStudySystemAttr(long studyId, String key, @Nullable Object value) {
            d.setStudySystemAttr(studyId, key, value);
        }

        @Override
        public @Nullable Object setStudySystemAttrIfAbsent(long studyId, String key, @Nullable Object value) {
            return d.setStudySystemAttrIfAbsent(studyId, key, value);
        }

        @Override
        public Optional<FrozenTrial> createTrial(
                long studyId,
                TrialState state,
                int numberLimit,
                Map<String, @Nullable Object> userAttrs,
                Map<String, @Nullable Object> systemAttrs,
                boolean heartbeat) {
            return d.createTrial(studyId, state, numberLimit, userAttrs, systemAttrs, heartbeat);
        }

        @Override
        public void setTrialParam(long studyId, int number, String name, double internal, Distribution distribution) {
            d.setTrialParam(studyId, number, name, internal, distribution);
        }

        @Override
        public void setTrialIntermediateValue(long studyId, int number, long step, ImmutableDoubleArray values) {
            d.setTrialIntermediateValue(studyId, number, step, values);
        }

        @Override
        public void setTrialUserAttr(long studyId, int number, String key, @Nullable Object value) {
            d.setTrialUserAttr(studyId, number, key, value);
        }

        @Override
        public void setTrialSystemAttr(long studyId, int number, String key, @Nullable Object value) {
            d.setTrialSystemAttr(studyId, number, key, value);
        }

        @Override
        public FrozenTrial finishTrial(
                long studyId,
                int number,
                TrialState state,
                @Nullable ImmutableDoubleArray values,
                Map<String, @Nullable Object> systemAttrs) {
            return d.finishTrial(studyId, number, state, values, systemAttrs);
        }

        @Override
        public StudyTrials trials(long studyId) {
            return d.trials(studyId);
        }

        @Override
        public void recordHeartbeat(long studyId, int number) {
            d.recordHeartbeat(studyId, number);
        }

        @Override
        public List<FrozenTrial> failStaleTrials(long studyId, Duration grace, int maxRetries) {
            return d.failStaleTrials(studyId, grace, maxRetries);
        }

        @Override
        public void close() {
            d.close();
        }
    }
}
