package dev.schedtune.search.bench;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.OptimizeOptions;
import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.search.storage.Retries;
import dev.schedtune.search.storage.jdbc.CuttingProxy;
import dev.schedtune.search.storage.jdbc.EmbeddedPostgresServer;
import dev.schedtune.search.storage.jdbc.JdbcStorage;
import dev.schedtune.search.storage.jdbc.PostgresStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Soak run of the fault paths together: {@value #WORKERS} worker processes ({@link SoakWorker}) on the
 * embedded PostgreSQL through a {@link CuttingProxy} that cuts connections at random and right after COMMIT,
 * while this supervisor SIGKILLs a random worker (and starts another) or SIGSTOPs one for longer than the
 * heartbeat grace (then SIGCONTs it) every few seconds. At the end the faults stop, the study's stale trials
 * are failed and their queued retries run, and the stored study is checked against what the workers said
 * they stored.
 *
 * <p>Figures: trials completed; retried (trials failed by a fault whose parameters were enqueued again);
 * failed by a fault; <b>lost</b> (a result a worker was told was stored but is not, a RUNNING trial left
 * over, or a fault-failed trial whose parameters never ran again; must be 0); <b>duplicated</b> (a trial
 * two workers both stored, or a retry series with more than one COMPLETE trial; must be 0).
 *
 * <p>Arguments: minutes (default 10), seed (default 1). Run with {@code search/bench/soak.sh}.
 */
public final class SoakBenchmark {
    static final int WORKERS = 4;
    static final Duration BEAT = Duration.ofMillis(500);
    static final Duration GRACE = Duration.ofSeconds(3);

    private SoakBenchmark() {}

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Random random = new Random(seed);
        String url = EmbeddedPostgresServer.newDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        Path logs = Files.createTempDirectory("schedtune-soak-");
        int kills = 0;
        int stops = 0;
        int started = 0;
        int exited = 0;
        List<Process> workers = new ArrayList<>();
        try (CuttingProxy proxy = CuttingProxy.start(EmbeddedPostgresServer.port(), seed);
                JdbcStorage direct = PostgresStorage.open(url)) {
            Study.builder("soak")
                    .storage(direct)
                    .seed(seed)
                    .heartbeat(BEAT, GRACE)
                    .maxRetries(1000)
                    .create()
                    .close();
            String via = "postgresql://" + EmbeddedPostgresServer.USER + ":" + EmbeddedPostgresServer.PASSWORD
                    + "@localhost:" + proxy.port() + "/" + database + "?sslmode=disable";
            proxy.cut(0.02, 0.002);
            for (int w = 0; w < WORKERS; w++) {
                workers.add(start(via, logs, started++));
            }
            long end = System.nanoTime() + (long) (minutes * 60e9);
            while (System.nanoTime() < end) {
                Thread.sleep(2000 + random.nextInt(4000));
                for (int w = 0; w < WORKERS; w++) {
                    if (!workers.get(w).isAlive()) {
                        exited++;
                        System.out.println("worker exited by itself with " + workers.get(w).exitValue());
                        workers.set(w, start(via, logs, started++));
                    }
                }
                int w = random.nextInt(WORKERS);
                Process victim = workers.get(w);
                if (random.nextBoolean()) {
                    victim.destroyForcibly();
                    victim.waitFor(30, TimeUnit.SECONDS);
                    kills++;
                    workers.set(w, start(via, logs, started++));
                } else {
                    signal("STOP", victim);
                    Thread.sleep(GRACE.toMillis() + 1000 + random.nextInt(3000));
                    signal("CONT", victim);
                    stops++;
                }
            }
            proxy.cut(0, 0);
            for (Process p : workers) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            System.out.printf(
                    "faults: %d SIGKILL, %d SIGSTOP (%d ms and more), %d workers started, %d exited by themselves;"
                            + " proxy: %d commits, %d cut right after COMMIT, %d cut at random%n",
                    kills,
                    stops,
                    GRACE.toMillis() + 1000,
                    started,
                    exited,
                    proxy.commits(),
                    proxy.commitsCut(),
                    proxy.randomCuts());
            // the last workers were killed too: fail their trials once the grace has passed, run the retries
            Thread.sleep(GRACE.toMillis() + 1000);
            try (Study study = Study.load("soak", direct)) {
                study.failStaleTrials();
                long waiting = study.trials().stream()
                        .filter(t -> t.state() == TrialState.WAITING)
                        .count();
                if (waiting > 0) {
                    study.optimize(
                            t -> {
                                double x = t.suggestFloat("x", -1, 1);
                                return x * x;
                            },
                            OptimizeOptions.builder()
                                    .budget(TrialBudget.more((int) waiting))
                                    .build());
                }
            }
            report(direct, logs);
        } finally {
            for (Process p : workers) {
                p.destroyForcibly();
            }
        }
    }

    private static Process start(String url, Path logs, int n) throws IOException {
        Path log = logs.resolve("worker-" + n + ".log");
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SoakWorker.class.getName(),
                        url,
                        "soak")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void signal(String signal, Process p) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                .inheritIO()
                .start()
                .waitFor(10, TimeUnit.SECONDS);
    }

    private static void report(JdbcStorage direct, Path logs) throws IOException {
        List<FrozenTrial> trials;
        try (Study study = Study.load("soak", direct)) {
            trials = study.trials();
        }
        // what the workers were told they stored: trial number -> values, and who stored each
        Map<Integer, List<String>> told = new HashMap<>();
        List<Path> files;
        try (var list = Files.list(logs)) {
            files = list.sorted().toList();
        }
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                String[] p = line.split(" ");
                if (p.length == 4 && p[0].equals("TOLD")) { // a worker killed mid-line leaves a partial one
                    told.computeIfAbsent(Integer.parseInt(p[1]), k -> new ArrayList<>())
                            .add(p[2] + " " + p[3]);
                }
            }
        }
        int complete = 0;
        int failedByFault = 0;
        int failedOther = 0;
        int leftRunning = 0;
        int lostTold = 0;
        int duplicated = 0;
        Set<Long> rerun = new HashSet<>();
        Map<Long, Integer> completeBySeries = new HashMap<>();
        for (FrozenTrial t : trials) {
            switch (t.state()) {
                case COMPLETE -> complete++;
                case FAIL -> {
                    Object reason = t.systemAttrs().get(FrozenTrial.FAIL_REASON_KEY);
                    if (String.valueOf(reason).startsWith("no heartbeat")) {
                        failedByFault++;
                    } else {
                        failedOther++;
                        System.out.println("trial " + t.number() + " FAIL: " + reason);
                    }
                }
                case RUNNING, WAITING -> leftRunning++;
                default -> {}
            }
            if (t.systemAttrs().get(Retries.RETRY_HISTORY_KEY) instanceof List<?> history) {
                history.forEach(h -> rerun.add(((Number) h).longValue()));
            }
            if (t.state() == TrialState.COMPLETE) {
                Object first = t.systemAttrs().get(Retries.FAILED_TRIAL_KEY);
                if (first instanceof Number n) {
                    completeBySeries.merge(n.longValue(), 1, Integer::sum);
                }
            }
            List<String> said = told.getOrDefault(t.number(), List.of());
            if (said.size() > 1) {
                duplicated++;
            }
            for (String s : said) {
                if (s.startsWith("COMPLETE")
                        && (t.state() != TrialState.COMPLETE || !s.equals("COMPLETE " + t.value()))) {
                    lostTold++;
                }
            }
        }
        int notRerun = 0;
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.FAIL
                    && String.valueOf(t.systemAttrs().get(FrozenTrial.FAIL_REASON_KEY))
                            .startsWith("no heartbeat")
                    && !rerun.contains((long) t.number())) {
                notRerun++;
            }
        }
        long seriesTwice =
                completeBySeries.values().stream().filter(c -> c > 1).count();
        int lost = lostTold + leftRunning + notRerun;
        System.out.printf(
                "trials: %d; completed %d; failed by a fault %d (all re-run: %s); retried %d; other failures %d%n",
                trials.size(),
                complete,
                failedByFault,
                notRerun == 0 ? "yes" : "no, " + notRerun + " not",
                rerun.size(),
                failedOther);
        System.out.printf(
                "lost %d (told but not stored %d, left RUNNING/WAITING %d, not re-run %d);"
                        + " duplicated %d (stored by two workers %d, retry series complete twice %d)%n",
                lost,
                lostTold,
                leftRunning,
                notRerun,
                duplicated + seriesTwice,
                duplicated,
                seriesTwice);
        System.out.println("worker logs: " + logs);
    }
}
