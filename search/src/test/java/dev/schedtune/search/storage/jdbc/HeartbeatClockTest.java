package dev.schedtune.search.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeats across the two daylight-saving changes of New York, on SQLite: when clocks spring forward a
 * live trial must not look an hour old, and when they fall back a dead one must not look an hour younger.
 */
class HeartbeatClockTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @TempDir
    Path dir;

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private JdbcStorage open(MovableClock clock) throws Exception {
        return new JdbcStorage(
                new SqliteDialect(NEW_YORK, clock),
                new SingleConnectionSource(DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("dst.db"))),
                "dst.db",
                Duration.ofSeconds(10),
                "test");
    }

    private static List<FrozenTrial> staleAfter(
            JdbcStorage s, MovableClock clock, Instant beat, Instant check, Duration grace) {
        clock.set(beat);
        long study = s.createStudy("s" + beat.toEpochMilli(), List.of(StudyDirection.MINIMIZE), Map.of())
                .studyId();
        s.createTrial(study, TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), Map.of(), true);
        clock.set(check);
        return s.failStaleTrials(study, grace);
    }

    /**
     * A worker whose cache has not read the trials of another (dead) worker fails them: it must read them
     * first instead of refusing the gap in trial numbers.
     */
    @Test
    void aWorkerFailsStaleTrialsItHasNotReadYet() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2024-06-01T12:00:00Z"));
        try (JdbcStorage dead = open(clock);
                JdbcStorage alive = open(clock)) {
            long study = dead.createStudy("late", List.of(StudyDirection.MINIMIZE), Map.of())
                    .studyId();
            assertThat(alive.trials(study)).isEmpty();
            // trial 0 has no heartbeat (a worker without them): it is left alone, so the failed ones follow a gap
            for (int i = 0; i < 3; i++) {
                dead.createTrial(study, TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), Map.of(), i > 0);
            }
            clock.set(Instant.parse("2024-06-01T12:05:00Z"));
            assertThat(alive.failStaleTrials(study, Duration.ofMinutes(1)))
                    .extracting(FrozenTrial::number)
                    .containsExactly(1, 2);
            assertThat(alive.trials(study))
                    .extracting(FrozenTrial::state)
                    .containsExactly(TrialState.RUNNING, TrialState.FAIL, TrialState.FAIL);
        }
    }

    @Test
    void springForwardFailsNoLiveTrial() throws Exception {
        MovableClock clock = new MovableClock(Instant.EPOCH);
        try (JdbcStorage s = open(clock)) {
            // 01:59:50 EST, then 15 s later it is 03:00:05 EDT
            Instant beat = Instant.parse("2024-03-10T06:59:50Z");
            assertThat(staleAfter(s, clock, beat, beat.plusSeconds(15), Duration.ofSeconds(60)))
                    .isEmpty();
        }
    }

    @Test
    void fallBackStillFailsADeadTrial() throws Exception {
        MovableClock clock = new MovableClock(Instant.EPOCH);
        try (JdbcStorage s = open(clock)) {
            // 01:50 EDT, then 62 minutes later it is 01:52 EST
            Instant beat = Instant.parse("2024-11-03T05:50:00Z");
            assertThat(staleAfter(s, clock, beat, beat.plus(Duration.ofMinutes(62)), Duration.ofMinutes(60)))
                    .hasSize(1);
        }
    }
}
