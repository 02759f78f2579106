package dev.schedtune.search.bench;

import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.storage.InMemoryStorage;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.jdbc.SqliteStorage;
import java.nio.file.Path;

/**
 * Trials per second of {@code optimize} with nJobs = 1 and nJobs = 2 on a CPU-bound objective (about
 * {@code work} million sine evaluations per trial), in memory or on SQLite. Prints both rates and their ratio.
 * With a negative {@code work} the objective sleeps {@code -work} ms instead: a check that the engine itself does
 * not serialise workers, which holds even on a machine whose CPUs are busy with other work.
 *
 * <p>Usage: {@code ThroughputBenchmark <memory|sqlite> <trials> <work>}
 */
public final class ThroughputBenchmark {
    private ThroughputBenchmark() {}

    static double burn(double x, int millions) throws InterruptedException {
        if (millions < 0) {
            Thread.sleep(-millions);
            return x;
        }
        double s = 0;
        for (int i = 0; i < millions * 1_000_000; i++) {
            s += Math.sin(x + i * 1e-6);
        }
        return s;
    }

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "memory";
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int work = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        System.out.println("# storage=" + kind + " trials=" + trials + " work=" + work + (work < 0 ? " (sleep ms)" : "M sin/trial") + " cpus="
                + Runtime.getRuntime().availableProcessors() + " load(start)=" + BenchSupport.load());
        rate(kind, Math.max(4, trials / 4), work, 2); // warm-up
        double one = rate(kind, trials, work, 1);
        double two = rate(kind, trials, work, 2);
        System.out.println("nJobs=1 " + BenchSupport.f(one * 10) + " trials/10s");
        System.out.println("nJobs=2 " + BenchSupport.f(two * 10) + " trials/10s");
        System.out.println("speed-up " + String.format(java.util.Locale.ROOT, "%.2f", two / one));
        System.out.println("# load(end)=" + BenchSupport.load());
    }

    private static double rate(String kind, int trials, int work, int nJobs) throws Exception {
        Path db = Path.of("target/bench-throughput.db");
        BenchSupport.deleteDb(db);
        try (Storage storage = kind.equals("memory") ? new InMemoryStorage() : SqliteStorage.open(db)) {
            Study study = Study.builder("throughput").storage(storage).seed(1).create();
            long t0 = System.nanoTime();
            study.optimize(t -> burn(t.suggestFloat("x", 0, 1), work), TrialBudget.more(trials), null, nJobs);
            return trials / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
