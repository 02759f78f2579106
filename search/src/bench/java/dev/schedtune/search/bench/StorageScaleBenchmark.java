package dev.schedtune.search.bench;

import dev.schedtune.search.Objective;
import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.storage.InMemoryStorage;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.jdbc.EmbeddedPostgresServer;
import dev.schedtune.search.storage.jdbc.PostgresStorage;
import dev.schedtune.search.storage.jdbc.SqliteStorage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Per-trial storage overhead from the first trial to the last (default 100,000) on SQLite (or in memory), and
 * the time to load the finished study in a fresh storage.
 *
 * <p>The objective is trivial (two float parameters, random sampler), so a trial costs what ask + suggest +
 * tell cost: storage plus engine. Prints one line per block of trials: mean wall and CPU microseconds per
 * trial within the block; a flat curve means the cost does not grow with the study.
 *
 * <p>Usage: {@code StorageScaleBenchmark <sqlite|memory|postgres|postgresql://...> <trials> <block> [db file]
 * [params] [steps]}: {@code postgres} starts the tests' embedded PostgreSQL server (a fresh database); a
 * {@code postgresql://} URL uses that (empty) database. {@code params} float parameters (default 2) and
 * {@code steps} intermediate values (default 0) per trial make the trials heavier, for the heap figures.
 */
public final class StorageScaleBenchmark {
    private StorageScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "sqlite";
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int block = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        Path db = Path.of(args.length > 3 ? args[3] : "target/bench-scale.db");
        int params = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int steps = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        BenchSupport.deleteDb(db);
        String url = kind.equals("postgres")
                ? EmbeddedPostgresServer.newDatabase()
                : kind.startsWith("postgresql:") ? kind : null;
        System.out.println("# storage=" + kind + " trials=" + trials + " block=" + block + " params=" + params
                + " steps=" + steps + " load(start)=" + BenchSupport.load());
        System.out.println("# trials_so_far  wall_us_per_trial  cpu_us_per_trial");
        Storage storage = kind.equals("memory")
                ? new InMemoryStorage()
                : url != null ? PostgresStorage.open(url) : SqliteStorage.open(db);
        Objective objective = t -> {
            double sum = 0;
            for (int i = 0; i < params; i++) {
                sum += t.suggestFloat("x" + i, -1, 1);
            }
            for (int s = 0; s < steps; s++) {
                t.report(s, sum / (s + 1));
            }
            return sum;
        };
        Study study = Study.builder("scale")
                .storage(storage)
                .sampler(RandomSampler.create())
                .seed(1)
                .create();
        for (int done = 0; done < trials; done += block) {
            int n = Math.min(block, trials - done);
            long wall = System.nanoTime();
            long cpu = BenchSupport.cpuNanos();
            study.optimize(objective, TrialBudget.more(n));
            double wallUs = (System.nanoTime() - wall) / 1e3 / n;
            double cpuUs = (BenchSupport.cpuNanos() - cpu) / 1e3 / n;
            System.out.println((done + n) + " " + BenchSupport.f(wallUs) + " " + BenchSupport.f(cpuUs));
        }
        System.out.println("# heap after run (MB): " + BenchSupport.usedHeapMb());
        if (kind.equals("memory")) {
            return;
        }
        storage.close();
        study = null;
        storage = null;
        if (url == null) {
            System.out.println("# file size (MB): " + (Files.size(db) >> 20));
        }
        System.gc();
        long t0 = System.nanoTime();
        long c0 = BenchSupport.cpuNanos();
        try (Storage reopened = url != null ? PostgresStorage.open(url) : SqliteStorage.open(db)) {
            Study loaded = Study.load("scale", reopened);
            int size = loaded.trials().size();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.println("# load of " + size + " trials in a fresh storage (s): "
                    + String.format(java.util.Locale.ROOT, "%.2f", seconds) + " wall, "
                    + String.format(java.util.Locale.ROOT, "%.2f", (BenchSupport.cpuNanos() - c0) / 1e9) + " cpu");
            System.out.println("# heap after load (MB): " + BenchSupport.usedHeapMb());
            long t1 = System.nanoTime();
            long c1 = BenchSupport.cpuNanos();
            loaded.optimize(objective, TrialBudget.more(1000));
            System.out.println("# 1000 more trials after load, us/trial: "
                    + BenchSupport.f((System.nanoTime() - t1) / 1e3 / 1000) + " wall, "
                    + BenchSupport.f((BenchSupport.cpuNanos() - c1) / 1e3 / 1000) + " cpu");
        }
        System.out.println("# load(end)=" + BenchSupport.load());
    }
}
