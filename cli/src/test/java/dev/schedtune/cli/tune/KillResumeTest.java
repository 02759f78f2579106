package dev.schedtune.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.Cli;
import dev.schedtune.cli.CliProcess;
import dev.schedtune.cli.report.StudyResults;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Retries;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.trainers.pool.WorkerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real {@code schedtune tune} process while its trials train, then {@code tune
 * --resume} once the heartbeat grace has passed: the lost trials are failed and their parameters run
 * again, and the budget is reached counting COMPLETE, PRUNED and FAIL trials whose parameters were not
 * re-run.
 */
class KillResumeTest {
    private static final Duration GRACE = Duration.ofSeconds(2);

    @Test
    void resumeAfterKill9RerunsTheLostTrialsAndFinishesTheBudget(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(
                dir.resolve("killed.yaml"),
                TinyStudy.yaml("killed", 6, 2, "").replace("low: 1, high: 3", "low: 8, high: 10"));
        Path out = dir.resolve("out");
        Process tune = new ProcessBuilder(CliProcess.command(
                        List.of("-D" + WorkerMain.WARM_UP_STEPS_PROPERTY + "=200"),
                        "tune",
                        "--config",
                        config.toString(),
                        "--out",
                        out.toString(),
                        "--progress",
                        "quiet",
                        "--heartbeat",
                        "250ms",
                        "--grace",
                        Durations.seconds(GRACE)))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("tune.log").toFile())
                .start();
        List<FrozenTrial> lost = awaitTraining(out, tune);
        tune.destroyForcibly(); // SIGKILL: no shutdown hook, its heartbeats just stop
        assertThat(tune.waitFor(60, TimeUnit.SECONDS)).isTrue();
        awaitGracePassed(out);

        String warmUp = System.setProperty(WorkerMain.WARM_UP_STEPS_PROPERTY, "200");
        Cli.Result resumed;
        try {
            resumed = Cli.run("tune", "--resume", "--config", config.toString(), "--out", out.toString());
        } finally {
            restore(warmUp);
        }
        assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
        List<FrozenTrial> after = trials(out);
        assertThat(after).noneMatch(t -> t.state() == TrialState.RUNNING || t.state() == TrialState.WAITING);
        StudyResults results = StudyResults.of(
                "killed", after, List.of(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE), List.of(), null);
        assertThat(results.done()).as(resumed.out()).isEqualTo(6);
        for (FrozenTrial t : lost) {
            FrozenTrial failed = after.get(t.number());
            assertThat(failed.state()).isEqualTo(TrialState.FAIL);
            assertThat(String.valueOf(failed.systemAttrs().get(FrozenTrial.FAIL_REASON_KEY)))
                    .startsWith("no heartbeat for longer than");
            FrozenTrial retry = after.stream()
                    .filter(r -> r.systemAttrs().get(Retries.RETRY_HISTORY_KEY) instanceof List<?> h
                            && h.contains((long) t.number()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("trial " + t.number() + " was not run again"));
            assertThat(retry.params()).containsAllEntriesOf(t.params());
            assertThat(retry.state()).isIn(TrialState.COMPLETE, TrialState.PRUNED);
        }
    }

    /** The RUNNING trials once at least one has reported a checkpoint (it is training). */
    private static List<FrozenTrial> awaitTraining(Path out, Process tune) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (tune.isAlive() && System.nanoTime() < deadline) {
            if (Files.exists(out.resolve("study.db"))) {
                List<FrozenTrial> running = trials(out).stream()
                        .filter(t -> t.state() == TrialState.RUNNING)
                        .toList();
                if (running.stream().anyMatch(t -> !t.intermediateValues().isEmpty())) {
                    return running;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no trial was training within 3 minutes");
    }

    /** Waits until the newest heartbeat in the file (UTC) is older than the grace period. */
    private static void awaitGracePassed(Path out) throws Exception {
        String newest;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("study.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(heartbeat) FROM trial_heartbeats")) {
            rs.next();
            newest = rs.getString(1);
        }
        LocalDateTime last =
                LocalDateTime.parse(newest.substring(0, 19), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        LocalDateTime stale = last.plus(GRACE).plusSeconds(2);
        while (LocalDateTime.now(ZoneOffset.UTC).isBefore(stale)) {
            Thread.sleep(50);
        }
    }

    private static void restore(String warmUp) {
        if (warmUp == null) {
            System.clearProperty(WorkerMain.WARM_UP_STEPS_PROPERTY);
        } else {
            System.setProperty(WorkerMain.WARM_UP_STEPS_PROPERTY, warmUp);
        }
    }

    private static List<FrozenTrial> trials(Path out) {
        try (Storage s = Storages.open(out.resolve("study.db").toString())) {
            return s.findStudy("killed")
                    .map(r -> (List<FrozenTrial>) new ArrayList<>(s.trials(r.studyId())))
                    .orElse(List.of());
        }
    }

    /** A duration as tune's options take it. */
    private static final class Durations {
        static String seconds(Duration d) {
            return d.toSeconds() + "s";
        }
    }
}
