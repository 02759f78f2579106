package dev.schedtune.search.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Trial times on PostgreSQL between Optuna and schedtune in one time zone that is not the server's (the
 * sessions run in UTC): {@code TZ=Asia/Kolkata} (UTC+5:30) for Debian's Optuna and for a schedtune JVM. Each
 * must read the other's trial start as the moment it happened, not hours off (the rule: trial times are the
 * writer's local wall time, as Optuna writes them; docs/operations.md).
 */
class OptunaTimeZoneTest {
    private static final Map<String, String> KOLKATA = Map.of("TZ", "Asia/Kolkata");
    /** Stored times keep whole seconds at worst (no clock of another zone is this close). */
    private static final Duration ROUNDING = Duration.ofSeconds(1);

    @Test
    void optunaAndSchedtuneInKolkataReadEachOthersTrialTimes() throws Exception {
        PythonOptuna.assumePostgresAvailable();
        String url = EmbeddedPostgresServer.newDatabase();
        String optunaUrl = url.replaceFirst("^postgresql://", "postgresql+psycopg2://");
        Instant optunaFrom = Instant.now().minus(ROUNDING);
        PythonOptuna.Result wrote = PythonOptuna.run(
                KOLKATA,
                "import sys, optuna\n"
                        + "optuna.logging.set_verbosity(optuna.logging.WARNING)\n"
                        + "s = optuna.create_study(study_name='optuna-side', storage=sys.argv[1])\n"
                        + "s.optimize(lambda t: t.suggest_float('x', 0, 1), n_trials=1)\n",
                optunaUrl);
        assertThat(wrote.exitCode()).as(wrote.stderr()).isZero();
        Instant optunaTo = Instant.now().plus(ROUNDING);

        Instant oursFrom = Instant.now().minus(ROUNDING);
        String ours = runInKolkata(url);
        Instant oursTo = Instant.now().plus(ROUNDING);
        long start = Long.parseLong(ours.lines()
                .filter(l -> l.startsWith("START 0 "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(ours))
                .substring("START 0 ".length()));
        // a time read in the wrong zone lands hours outside the span in which Optuna ran
        assertThat(Instant.ofEpochMilli(start))
                .as("Optuna's trial start as schedtune reads it")
                .isBetween(optunaFrom, optunaTo);

        PythonOptuna.Result read = PythonOptuna.run(
                KOLKATA,
                "import sys, optuna, datetime\n"
                        + "t = optuna.load_study(study_name='schedtune-side', storage=sys.argv[1]).trials[0]\n"
                        + "print(t.datetime_start.timestamp())\n",
                optunaUrl);
        assertThat(read.exitCode()).as(read.stderr()).isZero();
        // Optuna's naive local datetime, taken as Kolkata time, must fall in the span our writer ran
        assertThat(Instant.ofEpochMilli(
                        Math.round(Double.parseDouble(read.stdout().trim()) * 1000)))
                .as("schedtune's trial start as Optuna reads it")
                .isBetween(oursFrom, oursTo);
    }

    private static String runInKolkata(String url) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        TrialTimes.class.getName(),
                        url,
                        "optuna-side",
                        "schedtune-side")
                .redirectErrorStream(true);
        pb.environment().putAll(KOLKATA);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
