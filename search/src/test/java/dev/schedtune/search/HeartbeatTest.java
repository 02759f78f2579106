package dev.schedtune.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.schedtune.search.storage.InMemoryStorage;
import dev.schedtune.search.storage.Retries;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatTest {
    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final Duration GRACE = Duration.ofMillis(400);

    /** A RUNNING trial whose worker beat once and died. */
    private static int zombie(Storage storage, Study study) {
        long id = storage.findStudy(study.name()).orElseThrow().studyId();
        int n = storage.createTrial(id, TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), Map.of())
                .orElseThrow()
                .number();
        storage.recordHeartbeat(id, n);
        return n;
    }

    @Test
    void aTrialWhoseWorkerDiedFailsAfterTheGracePeriodWhileLiveTrialsKeepBeating() throws Exception {
        Storage storage = new InMemoryStorage();
        Study alive =
                Study.builder("hb").storage(storage).heartbeat(INTERVAL, GRACE).create();
        Trial running = alive.ask(); // an ask/tell client: beaten by alive's heartbeat thread
        int dead = zombie(storage, alive);
        Study other =
                Study.builder("hb").storage(storage).heartbeat(INTERVAL, GRACE).load();
        Thread.sleep(GRACE.toMillis() + 300);
        Trial next = other.ask();
        assertThat(other.trial(dead).state()).isEqualTo(TrialState.FAIL);
        assertThat(other.trial(dead)
                        .systemAttrs()
                        .get(FrozenTrial.FAIL_REASON_KEY)
                        .toString())
                .startsWith("no heartbeat for longer than");
        assertThat(other.trial(running.number()).state()).isEqualTo(TrialState.RUNNING);
        alive.tell(running, 1);
        other.tell(next, 2);
    }

    @Test
    void aReproducibleBatchWaitingForADeadTrialGoesOnOnceItFails() {
        Storage storage = new InMemoryStorage();
        Study study = Study.builder("rep-hb")
                .storage(storage)
                .seed(1)
                .reproducible(true)
                .sampler(new ReproducibleModeTest.FollowTheBest())
                .heartbeat(INTERVAL, GRACE)
                .create();
        int dead = zombie(storage, study);
        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> study.optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.total(8), null, 2));
        assertThat(study.trial(dead).state()).isEqualTo(TrialState.FAIL);
        // the dead trial was enqueued again and took its place in the budget: 8 trials ran to their end
        assertThat(study.trials(TrialState.COMPLETE)).hasSize(8);
        assertThat(study.trials(TrialState.COMPLETE))
                .filteredOn(t -> Long.valueOf(dead).equals(t.systemAttrs().get(Retries.FAILED_TRIAL_KEY)))
                .hasSize(1);
    }

    @Test
    void theGraceMustExceedTheInterval() {
        assertThatThrownBy(() -> Study.builder("x").heartbeat(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("heartbeat grace (PT1S) must be longer than the interval (PT2S)");
        assertThatThrownBy(() -> Study.builder("x").heartbeat(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("heartbeat interval (PT0S) must be > 0");
    }
}
