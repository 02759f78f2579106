package dev.schedtune.search.bench;

import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.storage.InMemoryStorage;
import dev.schedtune.search.storage.Storage;
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
 * <p>Usage: {@code StorageScaleBenchmark <sqlite|memory> <trials> <block> [db file]}
 */
public final class StorageScaleBenchmark {
    private StorageScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "sqlite";
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int block = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        Path db = Path.of(args.length > 3 ? args[3] : "target/bench-scale.db");
        BenchSupport.deleteDb(db);
        System.out.println("# storage=" + kind + " trials=" + trials + " block=" + block + " load(start)="
                + BenchSupport.load());
        System.out.println("# trials_so_far  wall_us_per_trial  cpu_us_per_trial");
        Storage storage = kind.equals("memory") ? new InMemoryStorage() : SqliteStorage.open(db);
        Study study = Study.builder("scale")
                .storage(storage)
                .sampler(RandomSampler.create())
                .seed(1)
                .create();
        for (int done = 0; done < trials; done += block) {
            int n = Math.min(block, trials - done);
            long wall = System.nanoTime();
            long cpu = BenchSupport.cpuNanos();
            study.optimize(t -> t.suggestFloat("x", -1, 1) + t.suggestFloat("y", -1, 1), TrialBudget.more(n));
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
        System.out.println("# file size (MB): " + (Files.size(db) >> 20));
        long t0 = System.nanoTime();
        long c0 = BenchSupport.cpuNanos();
        try (Storage reopened = SqliteStorage.open(db)) {
            Study loaded = Study.load("scale", reopened);
            int size = loaded.trials().size();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.println("# load of " + size + " trials in a fresh storage (s): "
                    + String.format(java.util.Locale.ROOT, "%.2f", seconds) + " wall, "
                    + String.format(java.util.Locale.ROOT, "%.2f", (BenchSupport.cpuNanos() - c0) / 1e9) + " cpu");
            System.out.println("# heap after load (MB): " + BenchSupport.usedHeapMb());
            long t1 = System.nanoTime();
            long c1 = BenchSupport.cpuNanos();
            loaded.optimize(t -> t.suggestFloat("x", -1, 1) + t.suggestFloat("y", -1, 1), TrialBudget.more(1000));
            System.out.println("# 1000 more trials after load, us/trial: "
                    + BenchSupport.f((System.nanoTime() - t1) / 1e3 / 1000) + " wall, "
                    + BenchSupport.f((BenchSupport.cpuNanos() - c1) / 1e3 / 1000) + " cpu");
        }
        System.out.println("# load(end)=" + BenchSupport.load());
    }
}
