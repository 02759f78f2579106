package dev.schedtune.search.bench;

import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.storage.InMemoryStorage;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.jdbc.SqliteStorage;
import java.nio.file.Path;

/**
 * Per-trial overhead of ask + suggest (2 floats) + tell with the random sampler, the workload of Optuna's
 * storage benchmark, in memory and on SQLite. Warms up with {@code trials} trials in a throw-away study, then
 * measures {@code trials} trials. Prints {@code <storage> <wall ms/trial> <cpu ms/trial>}.
 *
 * <p>Usage: {@code OverheadBenchmark <memory|sqlite> <trials> [db file]}
 */
public final class OverheadBenchmark {
    private OverheadBenchmark() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int trials = Integer.parseInt(args[1]);
        Path db = Path.of(args.length > 2 ? args[2] : "target/bench-overhead.db");
        run(kind, trials, db, "warmup");
        double[] r = run(kind, trials, db, "measured");
        System.out.println(kind + " " + r[0] + " " + r[1]);
    }

    private static double[] run(String kind, int trials, Path db, String name) throws Exception {
        BenchSupport.deleteDb(db);
        try (Storage storage = kind.equals("memory") ? new InMemoryStorage() : SqliteStorage.open(db)) {
            Study study = Study.builder(name)
                    .storage(storage)
                    .sampler(RandomSampler.create())
                    .seed(1)
                    .create();
            long wall = System.nanoTime();
            long cpu = BenchSupport.cpuNanos();
            for (int i = 0; i < trials; i++) {
                Trial t = study.ask();
                double x = t.suggestFloat("x", -10, 10);
                double y = t.suggestFloat("y", -10, 10);
                study.tell(t, x * x + y * y);
            }
            return new double[] {
                (System.nanoTime() - wall) / 1e6 / trials, (BenchSupport.cpuNanos() - cpu) / 1e6 / trials
            };
        }
    }
}
