package dev.schedtune.search.bench;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.Study;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.search.analysis.Hypervolume;
import dev.schedtune.search.problem.BenchmarkProblem;
import dev.schedtune.search.sampler.jmetal.Nsga2Sampler;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.jdbc.EmbeddedPostgresServer;
import dev.schedtune.search.storage.jdbc.PostgresStorage;
import dev.schedtune.search.storage.jdbc.SqliteStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Is NSGA-II run by several workers as good as by one? Each worker is a separate storage object (its own
 * connection and cache) with its own sampler object, so workers share nothing but the database, as worker
 * processes on different machines do; generations are assembled from storage. Default (not reproducible)
 * mode, so workers interleave freely; the objective sleeps 0-2 ms at random to make them.
 *
 * <p>Prints, per seed, the hypervolume (reference point 1.1 per objective, as the sampler benchmark) of the
 * final Pareto front with 1 worker and with W workers, and the means.
 *
 * <p>Usage: {@code ParallelQualityBenchmark <sqlite|postgres|postgresql://...> <problem> <trials> <population>
 * <workers> <seed>...}
 */
public final class ParallelQualityBenchmark {
    private ParallelQualityBenchmark() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        String kind = args[0];
        BenchmarkProblem problem = BenchmarkProblem.valueOf(args[1].toUpperCase(Locale.ROOT));
        int trials = Integer.parseInt(args[2]);
        int population = Integer.parseInt(args[3]);
        int workers = Integer.parseInt(args[4]);
        System.out.println("# storage=" + kind + " problem=" + problem + " trials=" + trials + " population="
                + population + " workers=" + workers + " load(start)=" + BenchSupport.load());
        System.out.println("# seed  hv_1_worker  hv_" + workers + "_workers");
        double sum1 = 0;
        double sumW = 0;
        int n = 0;
        for (int i = 5; i < args.length; i++) {
            long seed = Long.parseLong(args[i]);
            double one = run(kind, problem, trials, population, 1, seed);
            double many = run(kind, problem, trials, population, workers, seed);
            System.out.printf("%d %.4f %.4f%n", seed, one, many);
            sum1 += one;
            sumW += many;
            n++;
        }
        System.out.printf("# mean %.4f %.4f (ratio %.3f)%n", sum1 / n, sumW / n, (sumW / n) / (sum1 / n));
        System.out.println("# load(end)=" + BenchSupport.load());
    }

    private static double run(String kind, BenchmarkProblem problem, int trials, int population, int workers, long seed)
            throws Exception {
        String where = location(kind, seed, workers);
        List<Storage> storages = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        String name = "nsga2-" + seed + "-" + workers;
        try {
            Storage first = open(where);
            storages.add(first);
            Study.builder(name)
                    .storage(first)
                    .directions(Collections.nCopies(problem.objectives(), StudyDirection.MINIMIZE))
                    .seed(seed)
                    .create();
            for (int w = 0; w < workers; w++) {
                Storage s = w == 0 ? first : open(where);
                if (w > 0) {
                    storages.add(s);
                }
                Study study = Study.builder(name)
                        .storage(s)
                        .sampler(Nsga2Sampler.builder().populationSize(population).build())
                        .load();
                Thread t = new Thread(() -> {
                    try {
                        study.optimizeMulti(
                                trial -> {
                                    double[] x = new double[problem.variables()];
                                    for (int i = 0; i < x.length; i++) {
                                        x[i] = trial.suggestFloat("x" + i, 0, 1);
                                    }
                                    Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                                    return problem.evaluate(x);
                                },
                                TrialBudget.total(trials));
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            if (!errors.isEmpty()) {
                throw new IllegalStateException("a worker failed", errors.get(0));
            }
            Study done = Study.load(name, first);
            if (done.trials(TrialState.COMPLETE).size() != trials) {
                throw new IllegalStateException("expected " + trials + " complete trials");
            }
            List<double[]> front = new ArrayList<>();
            for (FrozenTrial t : done.bestTrials()) {
                front.add(t.values().toArray());
            }
            double[] ref = new double[problem.objectives()];
            Arrays.fill(ref, 1.1);
            return Hypervolume.compute(front.toArray(new double[0][]), ref);
        } finally {
            for (Storage s : storages) {
                s.close();
            }
        }
    }

    private static String location(String kind, long seed, int workers) throws Exception {
        if (kind.equals("sqlite")) {
            Path db = Path.of("target", "bench-parallel-" + seed + "-" + workers + ".db");
            BenchSupport.deleteDb(db);
            Files.createDirectories(db.getParent());
            return db.toString();
        }
        if (kind.equals("postgres")) {
            return EmbeddedPostgresServer.newDatabase();
        }
        return kind;
    }

    private static Storage open(String where) {
        return where.startsWith("postgres") ? PostgresStorage.open(where) : SqliteStorage.open(Path.of(where));
    }
}
