package dev.schedtune.cli.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.search.Storages;
import dev.schedtune.search.problem.BenchmarkProblem;
import dev.schedtune.search.storage.Retries;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.jdbc.EmbeddedPostgresServer;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.TrialState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code schedtune worker} processes on one study: on a real PostgreSQL server (started by the tests)
 * and on a SQLite file. Short heartbeats and grace periods keep the crash tests quick.
 */
class WorkerProcessesTest {
    private static final Duration LONG = Duration.ofMinutes(3);
    /** The crash tests' heartbeat grace period ({@code --grace 2s}). */
    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private static Map<String, String> env(String url) {
        return Map.of("SCHEDTUNE_STORAGE", url);
    }

    private static StudyTrials trials(String url, String study) {
        try (Storage s = Storages.open(url)) {
            return s.trials(s.findStudy(study).orElseThrow().studyId());
        }
    }

    /** Each trial's stored values are the benchmark's values at its stored parameters: no tell was lost or mixed up. */
    private static void assertValuesMatchParams(List<FrozenTrial> trials, BenchmarkProblem p) {
        for (FrozenTrial t : trials) {
            if (t.state() != TrialState.COMPLETE) {
                continue;
            }
            double[] x = new double[p.variables()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (Double) t.params().get("x" + i);
            }
            assertThat(t.values().toArray()).as("trial %d", t.number()).containsExactly(p.evaluate(x));
        }
    }

    /**
     * Arguments for a study with a short heartbeat. The crash tests use a 2 s grace period; the others a
     * longer one, so that a worker JVM stalled by a loaded build machine is not mistaken for a dead one.
     */
    private static List<String> common(String study, String... more) {
        List<String> args = new ArrayList<>(List.of("--study", study, "--heartbeat", "200ms", "--grace", "2s"));
        args.addAll(List.of(more));
        return args;
    }

    private static List<String> patient(String study, String... more) {
        List<String> args = new ArrayList<>(List.of("--study", study, "--heartbeat", "500ms", "--grace", "20s"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void fourWorkerProcessesRunFiftyTrialsEachOnOnePostgresStudy() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        List<WorkerProcess> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // the same command everywhere: the first worker creates the study, the others join it
            workers.add(WorkerProcess.start(
                    env(url),
                    patient(
                                    "four",
                                    "--benchmark",
                                    "zdt1",
                                    "--sampler",
                                    "nsga2",
                                    "--population",
                                    "20",
                                    "--budget",
                                    "200",
                                    "--trials",
                                    "50",
                                    "--work",
                                    "10ms",
                                    "--seed",
                                    "7")
                            .toArray(String[]::new)));
        }
        Map<Integer, Integer> ranBy = new HashMap<>();
        for (int i = 0; i < workers.size(); i++) {
            WorkerProcess w = workers.get(i);
            assertThat(w.await(LONG)).as(w.output()).isZero();
            assertThat(w.output()).doesNotContain("Exception", "error");
            List<int[]> mine = w.reportedTrials();
            assertThat(mine).as(w.output()).hasSize(50).allMatch(t -> t[1] == 1);
            for (int[] t : mine) {
                assertThat(ranBy.put(t[0], i)).as("trial %d ran twice", t[0]).isNull();
            }
        }
        StudyTrials trials = trials(url, "four");
        assertThat(trials).hasSize(200);
        assertThat(trials.count(TrialState.COMPLETE)).isEqualTo(200);
        assertThat(ranBy.keySet()).hasSize(200);
        for (int n = 0; n < 200; n++) {
            assertThat(trials.get(n).number()).isEqualTo(n);
            assertThat(ranBy).containsKey(n);
        }
        assertValuesMatchParams(trials, BenchmarkProblem.ZDT1);
        // the generations were assembled from storage: every trial knows its generation
        assertThat(trials).allMatch(t -> t.systemAttrs().containsKey("nsga2:generation"));
    }

    @Test
    void aWorkerKilledMidTrialHasItsTrialFailedAfterTheGraceAndRerunAndTheBudgetIsStillMet() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        String[] args = common("killed", "--benchmark", "sphere", "--budget", "30", "--work", "300ms", "--seed", "3")
                .toArray(String[]::new);
        WorkerProcess victim = WorkerProcess.start(env(url), args);
        assertThat(victim.awaitLines(l -> l.startsWith("trial "), 2, LONG))
                .as(victim.output())
                .isTrue();
        List<WorkerProcess> others = List.of(WorkerProcess.start(env(url), args), WorkerProcess.start(env(url), args));
        for (WorkerProcess w : others) {
            assertThat(w.awaitLines(l -> l.startsWith("worker "), 1, LONG))
                    .as(w.output())
                    .isTrue();
        }
        // kill the victim while it surely runs a trial: every worker has one running
        awaitRunning(url, "killed", 3);
        victim.kill();
        List<int[]> victimReported = victim.reportedTrials();
        for (WorkerProcess w : others) {
            assertThat(w.await(LONG)).as(w.output()).isZero();
        }
        StudyTrials trials = trials(url, "killed");
        List<FrozenTrial> failed = new ArrayList<>();
        trials.forEach(t -> {
            if (t.state() == TrialState.FAIL) {
                failed.add(t);
            }
        });
        assertThat(failed).hasSize(1);
        FrozenTrial dead = failed.get(0);
        assertThat(dead.systemAttrs().get(FrozenTrial.FAIL_REASON_KEY).toString())
                .startsWith("no heartbeat for longer than PT2S");
        // its parameters ran again, and the study still has its full budget of COMPLETE trials
        assertThat(trials.count(TrialState.COMPLETE)).isEqualTo(30);
        List<FrozenTrial> retries = new ArrayList<>();
        trials.forEach(t -> {
            if (Long.valueOf(dead.number()).equals(t.systemAttrs().get(Retries.FAILED_TRIAL_KEY))) {
                retries.add(t);
            }
        });
        assertThat(retries).hasSize(1);
        assertThat(retries.get(0).state()).isEqualTo(TrialState.COMPLETE);
        // the parameters the victim had chosen run again (killed between two suggestions, the retry
        // chooses the rest afresh)
        assertThat(retries.get(0).params()).containsAllEntriesOf(dead.params());
        // everything the victim reported before it died is stored as it reported it
        for (int[] t : victimReported) {
            assertThat(trials.get(t[0]).state()).isEqualTo(TrialState.COMPLETE);
        }
        assertValuesMatchParams(trials, BenchmarkProblem.SPHERE);
        // failed no earlier than the grace period after its last heartbeat (times from the database's clock)
        try (Connection c = connect(url);
                PreparedStatement ps = c.prepareStatement("SELECT h.heartbeat, t.datetime_complete FROM trials t"
                        + " JOIN trial_heartbeats h ON h.trial_id = t.trial_id WHERE t.trial_id = ?")) {
            ps.setLong(1, dead.trialId());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                LocalDateTime last = rs.getObject(1, LocalDateTime.class);
                LocalDateTime failedAt = rs.getObject(2, LocalDateTime.class);
                // the grace period is a rule of the protocol (never fail a trial whose worker may live), not a speed
                assertThat(failedAt).isAfterOrEqualTo(last.plus(GRACE));
            }
        }
    }

    @Test
    void allWorkersKilledThenRestartedResumeTheStudyWhereItStopped() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        String[] args = common(
                        "resume",
                        "--benchmark",
                        "zdt2",
                        "--sampler",
                        "tpe",
                        "--budget",
                        "40",
                        "--work",
                        "300ms",
                        "--seed",
                        "5")
                .toArray(String[]::new);
        List<WorkerProcess> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(WorkerProcess.start(env(url), args));
            // each worker is in the study before the next starts
            assertThat(first.get(i).awaitLines(l -> l.startsWith("worker "), 1, LONG))
                    .as(first.get(i).output())
                    .isTrue();
        }
        awaitRunning(url, "resume", 3);
        List<int[]> reported = new ArrayList<>();
        for (WorkerProcess w : first) {
            w.kill();
            reported.addAll(w.reportedTrials());
        }
        StudyTrials atKill = trials(url, "resume");
        assertThat(atKill.count(TrialState.RUNNING)).isBetween(1, 3);
        assertThat(atKill.size()).isLessThan(40);
        List<WorkerProcess> second = List.of(WorkerProcess.start(env(url), args), WorkerProcess.start(env(url), args));
        for (WorkerProcess w : second) {
            assertThat(w.await(LONG)).as(w.output()).isZero();
            assertThat(w.output()).doesNotContain("created study");
        }
        StudyTrials trials = trials(url, "resume");
        assertThat(trials.count(TrialState.COMPLETE)).isEqualTo(40);
        assertThat(trials.count(TrialState.RUNNING) + trials.count(TrialState.WAITING))
                .isZero();
        for (int n = 0; n < trials.size(); n++) {
            assertThat(trials.get(n).number()).isEqualTo(n);
        }
        // the trials told before the kill were kept; the interrupted ones failed and ran again
        for (int[] t : reported) {
            assertThat(trials.get(t[0]).state()).isEqualTo(TrialState.COMPLETE);
        }
        Set<Long> retried = new HashSet<>();
        trials.forEach(t -> {
            Object f = t.systemAttrs().get(Retries.FAILED_TRIAL_KEY);
            if (f != null && t.state() == TrialState.COMPLETE) {
                retried.add((Long) f);
            }
        });
        for (int n = 0; n < atKill.size(); n++) {
            if (atKill.get(n).state() == TrialState.RUNNING) {
                assertThat(trials.get(n).state()).isEqualTo(TrialState.FAIL);
                assertThat(retried).contains((long) n);
            }
        }
        assertValuesMatchParams(trials, BenchmarkProblem.ZDT2);
    }

    @Test
    void fourProcessesOnOneSqliteFileNeverSayDatabaseIsLocked() throws Exception {
        String url = dir.resolve("shared.db").toString();
        List<WorkerProcess> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            workers.add(WorkerProcess.start(
                    "--storage",
                    url,
                    "--study",
                    "local",
                    "--benchmark",
                    "dtlz2",
                    "--sampler",
                    "random",
                    "--budget",
                    "200",
                    "--trials",
                    "50",
                    "--work",
                    "2ms",
                    "--seed",
                    "9",
                    "--jobs",
                    i % 2 == 0 ? "1" : "2"));
        }
        Set<Integer> seen = new HashSet<>();
        for (WorkerProcess w : workers) {
            assertThat(w.await(LONG)).as(w.output()).isZero();
            assertThat(w.output().toLowerCase(Locale.ROOT)).doesNotContain("locked", "busy", "exception");
            for (int[] t : w.reportedTrials()) {
                assertThat(seen.add(t[0])).isTrue();
            }
        }
        StudyTrials trials = trials(url, "local");
        assertThat(trials).hasSize(200);
        assertThat(trials.count(TrialState.COMPLETE)).isEqualTo(200);
        assertThat(seen).hasSize(200);
        assertValuesMatchParams(trials, BenchmarkProblem.DTLZ2);
    }

    @Test
    void aSeededReproducibleStudyGetsTheSameParametersFromThreeProcessesAsFromOne() throws Exception {
        String alone = EmbeddedPostgresServer.newDatabase();
        String shared = EmbeddedPostgresServer.newDatabase();
        String[] args = patient(
                        "rep",
                        "--benchmark",
                        "zdt1",
                        "--sampler",
                        "nsga2",
                        "--population",
                        "8",
                        "--budget",
                        "32",
                        "--seed",
                        "42",
                        "--reproducible")
                .toArray(String[]::new);
        WorkerProcess one = WorkerProcess.start(env(alone), args);
        assertThat(one.await(LONG)).as(one.output()).isZero();
        List<WorkerProcess> three = new ArrayList<>();
        for (String jobs : List.of("1", "2", "3")) {
            List<String> a = new ArrayList<>(List.of(args));
            a.addAll(List.of("--jobs", jobs));
            three.add(WorkerProcess.start(env(shared), a.toArray(String[]::new)));
        }
        for (WorkerProcess w : three) {
            assertThat(w.await(LONG)).as(w.output()).isZero();
        }
        StudyTrials a = trials(alone, "rep");
        StudyTrials b = trials(shared, "rep");
        assertThat(a).hasSize(32);
        assertThat(b)
                .as(() -> failReasons(b) + "\n"
                        + three.stream().map(WorkerProcess::output).toList())
                .hasSize(32);
        for (int n = 0; n < 32; n++) {
            assertThat(b.get(n).params()).as("trial %d", n).isEqualTo(a.get(n).params());
            assertThat(b.get(n).values()).isEqualTo(a.get(n).values());
        }
    }

    private static String failReasons(StudyTrials trials) {
        StringBuilder b = new StringBuilder();
        trials.forEach(t -> {
            if (t.state() == TrialState.FAIL) {
                b.append("trial ")
                        .append(t.number())
                        .append(": ")
                        .append(t.systemAttrs())
                        .append('\n');
            }
        });
        return b.toString();
    }

    /** Waits until the study has {@code n} RUNNING trials (each worker is inside a trial). */
    private static void awaitRunning(String url, String study, int n) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        try (Storage s = Storages.open(url)) {
            long id = s.findStudy(study).orElseThrow().studyId();
            while (s.trials(id).count(TrialState.RUNNING) < n) {
                StudyTrials t = s.trials(id);
                if (System.nanoTime() > deadline || t.count(TrialState.COMPLETE) > 25) {
                    throw new AssertionError("the study never had " + n + " running trials: " + t);
                }
                Thread.sleep(20);
            }
        }
    }

    private static Connection connect(String url) throws SQLException {
        String jdbc = "jdbc:postgresql://localhost:" + EmbeddedPostgresServer.port() + "/"
                + url.substring(url.lastIndexOf('/') + 1);
        return DriverManager.getConnection(jdbc, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }
}
