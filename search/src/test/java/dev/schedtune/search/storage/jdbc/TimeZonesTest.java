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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two worker processes on one SQLite file, one with {@code TZ=UTC} and one with {@code TZ=America/New_York},
 * running trials longer than the heartbeat grace period (1 s): each sees the other's heartbeats as fresh, so
 * no live trial is failed.
 */
class TimeZonesTest {
    @TempDir
    Path dir;

    private static Process spawn(Path db, String zone) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ChildWorker.class.getName(),
                        db.toString(),
                        "zones",
                        "3",
                        "2500")
                .redirectErrorStream(true);
        pb.environment().put("TZ", zone);
        return pb.start();
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
    void workersInTwoTimeZonesFailNoLiveTrial() throws Exception {
        Path db = dir.resolve("zones.db");
        SqliteStorage.open(db).close(); // the schema, before both children race to create the study
        Process utc = spawn(db, "UTC");
        Process newYork = spawn(db, "America/New_York");
        List<String> outUtc = lines(utc);
        List<String> outNewYork = lines(newYork);
        assertThat(utc.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(newYork.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String both = String.join("\n", outUtc) + "\n---\n" + String.join("\n", outNewYork);
        assertThat(utc.exitValue()).as(both).isZero();
        assertThat(newYork.exitValue()).as(both).isZero();
        try (JdbcStorage storage = SqliteStorage.open(db)) {
            List<FrozenTrial> trials = Study.load("zones", storage).trials();
            assertThat(trials).as(both).hasSize(6).allMatch(t -> t.state() == TrialState.COMPLETE);
        }
    }
}
