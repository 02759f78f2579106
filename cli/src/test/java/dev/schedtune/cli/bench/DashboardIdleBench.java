package dev.schedtune.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schedtune.cli.report.SyntheticStudy;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.storage.jdbc.JdbcStorage;
import dev.schedtune.search.storage.jdbc.SqliteStorage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code schedtune dashboard} costs while browsers watch a large study that does not change (run by
 * {@code cli/bench/dashboard-idle.sh}; not a test). The dashboard runs as its own process with the
 * launcher's JVM flags; {@code --pollers} threads here each do what a study page does (ask for changes since
 * its version every 2 s); the figure is the dashboard process's CPU time (user + system, from the OS)
 * over {@code --seconds} of wall time, as a share of one core, after a warm-up. Then one trial is added,
 * and the CPU and wall time the dashboard took to publish the new version are measured too.
 *
 * <p>Arguments: {@code --trials N} (10,000), {@code --pollers P} (10), {@code --seconds S} (60), {@code --db
 * FILE} (cli/target/bench/dashboard-N.db, made on first use and kept).
 */
public final class DashboardIdleBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STUDY = "bench";
    private static final long POLL_MILLIS = 2000;

    private DashboardIdleBench() {}

    public static void main(String[] args) throws Exception {
        int trials = 10_000;
        int pollers = 10;
        int seconds = 60;
        Path db = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[i + 1]);
                case "--pollers" -> pollers = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--db" -> db = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (db == null) {
            db = Path.of("cli", "target", "bench", "dashboard-" + trials + ".db");
        }
        if (!Files.exists(db)) {
            make(db, trials);
        }
        System.out.printf(Locale.ROOT, "study: %d trials in %s (%.1f MB)%n", trials, db, Files.size(db) / 1e6);
        // the run adds a trial: to a copy, so the next run measures the same study
        Path run = db.resolveSibling(db.getFileName().toString().replace(".db", "-run.db"));
        Files.copy(db, run, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Process server = startServer(run);
        try {
            URI base = baseUrl(server);
            URI api = base.resolve("/api/study/" + URLEncoder.encode(STUDY, StandardCharsets.UTF_8));
            // HTTP/1.1 with keep-alive, as a browser talks to the dashboard
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30))
                    .build();
            // the first look at the study: the dashboard reads it and computes its data (a page asked for
            // meanwhile says so and loads itself again)
            long t0 = System.nanoTime();
            JsonNode first = JSON.readTree(get(http, api + "?since=-1"));
            while (!first.path("status").asText().equals("ok")) {
                Thread.sleep(200);
                first = JSON.readTree(get(http, api + "?since=-1"));
            }
            double firstData = (System.nanoTime() - t0) / 1e9;
            long version = first.path("version").asLong();
            double cpuFirst = cpuSeconds(server);
            long t1 = System.nanoTime();
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(base.resolve("/study/" + STUDY))
                            .timeout(Duration.ofMinutes(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.printf(
                    Locale.ROOT,
                    "first look: data ready after %.1f s (dashboard CPU %.1f s, with start-up); the page: HTTP %d,"
                            + " %.1f MB, %.1f s%n",
                    firstData,
                    cpuFirst,
                    page.statusCode(),
                    page.body().length() / 1e6,
                    (System.nanoTime() - t1) / 1e9);

            measure(http, api, version, server, pollers, seconds);
            measure(http, api, version, server, 1, seconds);

            // one more trial: how long and how much CPU until the pollers' next answer carries it
            double cpuBefore;
            long t2;
            try (JdbcStorage writer = SqliteStorage.open(run)) {
                Study study = Study.load(STUDY, writer);
                Trial t = study.ask();
                t.suggestInt("epochs", 3, 20);
                cpuBefore = cpuSeconds(server);
                t2 = System.nanoTime();
                study.tell(t, 0.5, 1.0);
            }
            JsonNode changed;
            do {
                Thread.sleep(100);
                changed = JSON.readTree(get(http, api + "?since=" + version));
            } while (changed.path("version").asLong() == version);
            double wall = (System.nanoTime() - t2) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "one new trial: seen after %.2f s wall, %.2f s of dashboard CPU (reading, computing the data"
                            + " of %d trials, comparing); the change sent to a page: %.1f kB%n",
                    wall,
                    cpuSeconds(server) - cpuBefore,
                    trials + 1,
                    changed.path("update").toString().length() / 1e3);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    /** P pollers for S seconds after a 10 s warm-up; prints the dashboard's CPU share of one core. */
    private static void measure(HttpClient http, URI api, long version, Process server, int pollers, int seconds)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong requests = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < pollers; p++) {
            long offset = p * POLL_MILLIS / pollers;
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(offset);
                    while (!stop.get()) {
                        String answer = get(http, api + "?since=" + version);
                        requests.incrementAndGet();
                        bytes.addAndGet(answer.length());
                        Thread.sleep(POLL_MILLIS);
                    }
                } catch (Exception e) {
                    if (!stop.get()) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        Thread.sleep(10_000);
        long r0 = requests.get();
        double cpu0 = cpuSeconds(server);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double cpu = cpuSeconds(server) - cpu0;
        double wall = (System.nanoTime() - t0) / 1e9;
        long r = requests.get() - r0;
        stop.set(true);
        for (Thread t : threads) {
            t.join(5000);
        }
        System.out.printf(
                Locale.ROOT,
                "%2d pollers, nothing changing: %.3f s CPU in %.1f s = %.2f %% of one core (%d requests, %.0f per s,"
                        + " %.1f bytes per answer)%n",
                pollers,
                cpu,
                wall,
                100 * cpu / wall,
                r,
                r / wall,
                bytes.get() / (double) Math.max(1, requests.get()));
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofMinutes(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + ": HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static double cpuSeconds(Process p) {
        return p.info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
    }

    private static Process startServer(Path db) throws Exception {
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xss8m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.schedtune.cli.Main",
                "dashboard",
                "--storage",
                db.toString(),
                "--port",
                "0");
        return new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static URI baseUrl(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.trim().startsWith("http://")) {
                return URI.create(line.trim());
            }
        }
        throw new IllegalStateException("the dashboard printed no address");
    }

    private static void make(Path db, int trials) throws Exception {
        Files.createDirectories(db.toAbsolutePath().getParent());
        Path tmp = db.resolveSibling(db.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        long t0 = System.nanoTime();
        try (JdbcStorage s = SqliteStorage.open(tmp)) {
            SyntheticStudy.create(s, STUDY, "family", "init_lr", "cyclic", trials);
        }
        for (String suffix : List.of("-wal", "-shm")) {
            Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + suffix));
        }
        Files.move(tmp, db);
        System.out.printf(Locale.ROOT, "made %s in %.0f s%n", db, (System.nanoTime() - t0) / 1e9);
    }
}
