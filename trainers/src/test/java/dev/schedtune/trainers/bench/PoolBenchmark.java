package dev.schedtune.trainers.bench;

import dev.schedtune.dsl.Schedules;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.train.TrainingPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Does nJobs = 2 use both cores? Runs the same batch of digits trials (MLP, 10 epochs each) through a
 * pool of 1 worker and a pool of 2 workers (fed by 2 threads), after the workers are up and warm, and
 * prints trials/s, the speed-up, and the cores used (the workers' CPU time over wall time; JIT and GC
 * threads count too).
 */
public final class PoolBenchmark {
    private PoolBenchmark() {}

    public static void main(String[] args) throws Exception {
        int trials = MlpBenchmark.intArg(args, "--trials", 32);
        StringBuilder out = new StringBuilder("{");
        double[] rates = new double[3];
        for (int workers = 1; workers <= 2; workers++) {
            try (WorkerPool pool = WorkerPool.builder()
                    .workers(workers)
                    .shutdownGrace(Duration.ofSeconds(10))
                    .build()) {
                run(pool, workers, 4 * workers); // start the workers and let their JIT settle
                List<Long> pids = pool.workerPids();
                double cpuBefore = cpuSeconds(pids);
                long t0 = System.nanoTime();
                run(pool, workers, trials);
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = cpuSeconds(pids) - cpuBefore;
                rates[workers] = trials / wall;
                out.append(String.format(
                        Locale.ROOT,
                        "\"workers_%d\": {\"trials_per_s\": %.2f, \"wall_s\": %.2f, \"cores_used\": %.2f}, ",
                        workers,
                        trials / wall,
                        wall,
                        cpu / wall));
            }
        }
        out.append(String.format(Locale.ROOT, "\"speedup_2_vs_1\": %.2f}", rates[2] / rates[1]));
        System.out.println(out);
    }

    private static void run(WorkerPool pool, int threads, int trials) throws Exception {
        ExecutorService exec = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int i = 0; i < trials; i++) {
                long seed = i;
                jobs.add(exec.submit(() -> pool.run(TrainingPlan.builder(
                                TaskSpec.digits(),
                                ModelSpec.mlp(64),
                                Schedules.oneCycle(0.2, 230).asSet())
                        .optimizer(OptimizerSpec.sgd())
                        .epochs(10)
                        .seed(seed)
                        .build())));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            exec.shutdown();
        }
    }

    private static double cpuSeconds(List<Long> pids) {
        double total = 0;
        for (long pid : pids) {
            total += ProcessHandle.of(pid)
                    .flatMap(h -> h.info().totalCpuDuration())
                    .map(d -> d.toNanos() / 1e9)
                    .orElse(Double.NaN);
        }
        return total;
    }
}
