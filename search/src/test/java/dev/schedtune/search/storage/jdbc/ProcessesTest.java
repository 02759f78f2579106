package dev.schedtune.search.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.search.Study;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs sharing one SQLite file, and one killed with SIGKILL in the middle of a study. */
class ProcessesTest {
    @TempDir
    Path dir;

    private static Process spawn(Path db, String study, int trials, long workMillis) throws IOException {
        return spawn(db, study, trials, workMillis, "default");
    }

    private static Process spawn(Path db, String study, int trials, long workMillis, String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ChildWorker.class.getName(),
                        db.toString(),
                        study,
                        Integer.toString(trials),
                        Long.toString(workMillis),
                        mode)
                .redirectErrorStream(true)
                .start();
    }

    private static List<String> lines(Process p) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void threeProcessesShareAFreshFileWithoutLockErrorsAndTakeEachEnqueuedTrialOnce() throws Exception {
        Path db = dir.resolve("shared.db");
        try (JdbcStorage storage = SqliteStorage.open(db)) {
            Study study = Study.builder("shared").storage(storage).seed(5).create();
            for (int i = 0; i < 10; i++) {
                study.enqueueTrial(Map.of("x", i / 10.0));
            }
        }
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(spawn(db, "shared", 25, 2));
        }
        List<List<String>> outputs = new ArrayList<>();
        for (Process p : children) {
            outputs.add(lines(p));
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue())
                    .as(String.join("\n", outputs.get(outputs.size() - 1)))
                    .isZero();
        }
        for (List<String> out : outputs) {
            assertThat(out).noneMatch(l -> l.toLowerCase().contains("locked") || l.contains("Exception"));
            assertThat(out).filteredOn(l -> l.startsWith("TOLD")).hasSize(25);
        }
        try (JdbcStorage storage = SqliteStorage.open(db)) {
            List<FrozenTrial> trials = Study.load("shared", storage).trials();
            assertThat(trials).hasSize(75);
            Set<Object> fixed = new HashSet<>();
            for (int n = 0; n < trials.size(); n++) {
                FrozenTrial t = trials.get(n);
                assertThat(t.number()).isEqualTo(n);
                assertThat(t.state()).isEqualTo(TrialState.COMPLETE);
                if (n < 10) {
                    assertThat(fixed.add(t.params().get("x"))).isTrue();
                }
            }
            assertThat(fixed).hasSize(10);
        }
    }

    @Test
    void reproducibleModeGivesThreeProcessesExactlyTheTrialsOfOneThread() throws Exception {
        Study alone = Study.builder("rep")
                .seed(5)
                .reproducible(true)
                .sampler(new dev.schedtune.search.ReproducibleModeTest.FollowTheBest())
                .create();
        alone.optimize(
                t -> {
                    double x = t.suggestFloat("x", -5, 5);
                    return x * x;
                },
                dev.schedtune.search.TrialBudget.total(24));
        Path db = dir.resolve("rep.db");
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(spawn(db, "rep", 24, 1 + 2 * i, "reproducible"));
        }
        for (Process p : children) {
            List<String> out = lines(p);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join("\n", out)).isZero();
        }
        try (JdbcStorage storage = SqliteStorage.open(db)) {
            List<FrozenTrial> shared = Study.load("rep", storage).trials();
            assertThat(shared).hasSize(24);
            for (int n = 0; n < 24; n++) {
                assertThat(shared.get(n).params())
                        .as("trial %d", n)
                        .isEqualTo(alone.trials().get(n).params());
                assertThat(shared.get(n).values())
                        .isEqualTo(alone.trials().get(n).values());
            }
        }
    }

    @Test
    void aProcessKilledMidStudyLeavesAFileThatOpensAndHoldsEveryToldTrial() throws Exception {
        Path db = dir.resolve("killed.db");
        Process child = spawn(db, "killed", 100_000, 3);
        List<Integer> told = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null && told.size() < 40; line = r.readLine()) {
                if (line.startsWith("TOLD ")) {
                    told.add(Integer.parseInt(line.split(" ")[1]));
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(told).hasSizeGreaterThanOrEqualTo(40);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
        try (JdbcStorage storage = SqliteStorage.open(db)) {
            Study study = Study.builder("killed")
                    .storage(storage)
                    .heartbeat(java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(1))
                    .load();
            List<FrozenTrial> trials = study.trials();
            for (int n : told) {
                assertThat(trials.get(n).state()).isEqualTo(TrialState.COMPLETE);
                assertThat(trials.get(n).value())
                        .isEqualTo(Math.pow((Double) trials.get(n).params().get("x"), 2));
            }
            // the trial the kill interrupted (if any) stays RUNNING until the heartbeat grace (1 s) has passed
            assertThat(trials).allMatch(t -> t.state() == TrialState.RUNNING || t.state() == TrialState.COMPLETE);
            List<FrozenTrial> zombies = study.trials(TrialState.RUNNING);
            assertThat(zombies).hasSizeLessThanOrEqualTo(1);
            Thread.sleep(1500);
            // the study resumes, and the first trial it starts fails the dead worker's trial
            study.optimize(t -> t.suggestFloat("x", -5, 5), dev.schedtune.search.TrialBudget.more(5));
            assertThat(study.trials()).hasSize(trials.size() + 5);
            for (FrozenTrial z : zombies) {
                assertThat(study.trial(z.number()).state()).isEqualTo(TrialState.FAIL);
            }
            assertThat(study.trials(TrialState.RUNNING)).isEmpty();
        }
    }
}
