package dev.schedtune.search.bench;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.search.analysis.Hypervolume;
import dev.schedtune.search.problem.BenchmarkProblem;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.sampler.Sampler;
import dev.schedtune.search.sampler.SamplerTesting;
import dev.schedtune.search.sampler.gp.GpSampler;
import dev.schedtune.search.sampler.jmetal.Nsga2Sampler;
import dev.schedtune.search.sampler.jmetal.SmsEmoaSampler;
import dev.schedtune.search.sampler.tpe.TpeSampler;
import dev.schedtune.search.storage.InMemoryStorage;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.jdbc.SqliteStorage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JVM side of search/bench/bench.py: runs our samplers on the benchmark problems and prints one JSON
 * object per line. Not a test: the script runs it with {@code java -cp ...} next to Optuna.
 *
 * <pre>
 * quality  SAMPLER PROBLEM TRIALS SEED...         hypervolume (ref 1.1) and Pareto front per seed
 * overhead SAMPLER STORAGE TRIALS WARMUPS        ms per trial (ask + suggest + tell, objective excluded)
 * scaling  SAMPLER STORAGE TRIALS WINDOW         ms per trial for each window of WINDOW trials
 * </pre>
 *
 * SAMPLER: random, tpe, nsga2, smsemoa, gp, optionally with settings (see {@link #sampler}). STORAGE: memory, sqlite (a WAL file, synchronous=NORMAL, our
 * default) or sqlite-full (synchronous=FULL). PROBLEM: ZDT1, ZDT2, ZDT3, DTLZ2.
 */
public final class SamplerBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SamplerBench() {}

    public static void main(String[] args) throws IOException {
        Locale.setDefault(Locale.ROOT);
        switch (args[0]) {
            case "quality" -> quality(args);
            case "overhead" -> overhead(args);
            case "scaling" -> scaling(args);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /**
     * A sampler by name, with optional settings: {@code smsemoa:pop=30,ref=1.1}, {@code nsga2:pop=40,etac=15},
     * {@code tpe:multivariate=1},
     * {@code gp:union=0,believe=0,gens=20,pop=32,prelim=256,branches=3,startup=10}.
     */
    static Sampler sampler(String spec) {
        String name = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        Map<String, Double> o = new HashMap<>();
        if (spec.contains(":")) {
            for (String kv : spec.substring(spec.indexOf(':') + 1).split(",")) {
                String[] f = kv.split("=");
                o.put(f[0], Double.parseDouble(f[1]));
            }
        }
        switch (name) {
            case "random":
                return RandomSampler.create();
            case "tpe": {
                TpeSampler.Builder b = TpeSampler.builder();
                if (o.containsKey("multivariate")) {
                    b.multivariate(o.get("multivariate") != 0);
                }
                return b.build();
            }
            case "gp": {
                GpSampler.Builder b = GpSampler.builder();
                if (o.containsKey("union")) {
                    b.unionSearchSpace(o.get("union") != 0);
                }
                if (o.containsKey("believe")) {
                    b.fantasizeRunning(o.get("believe") != 0);
                }
                if (o.containsKey("gens")) {
                    b.generations(o.get("gens").intValue());
                }
                if (o.containsKey("pop")) {
                    b.populationSize(o.get("pop").intValue());
                }
                if (o.containsKey("prelim")) {
                    b.preliminarySamples(o.get("prelim").intValue());
                }
                if (o.containsKey("branches")) {
                    b.branchesSearched(o.get("branches").intValue());
                }
                if (o.containsKey("startup")) {
                    b.nStartupTrials(o.get("startup").intValue());
                }
                return b.build();
            }
            case "nsga2": {
                Nsga2Sampler.Builder b = Nsga2Sampler.builder();
                if (o.containsKey("pop")) {
                    b.populationSize(o.get("pop").intValue());
                }
                if (o.containsKey("etac")) {
                    b.crossoverDistributionIndex(o.get("etac"));
                }
                if (o.containsKey("etam")) {
                    b.mutationDistributionIndex(o.get("etam"));
                }
                return b.build();
            }
            case "smsemoa": {
                SmsEmoaSampler.Builder b = SmsEmoaSampler.builder();
                if (o.containsKey("pop")) {
                    b.populationSize(o.get("pop").intValue());
                }
                if (o.containsKey("ref")) {
                    b.referencePoint(o.get("ref"));
                }
                return b.build();
            }
            default:
                throw new IllegalArgumentException("unknown sampler " + spec);
        }
    }

    private static void quality(String[] args) {
        String samplerName = args[1];
        BenchmarkProblem problem = BenchmarkProblem.valueOf(args[2]);
        int trials = Integer.parseInt(args[3]);
        for (int i = 4; i < args.length; i++) {
            long seed = Long.parseLong(args[i]);
            Study study = SamplerTesting.run(sampler(samplerName), problem, trials, seed);
            List<double[]> front = new ArrayList<>();
            for (FrozenTrial t : study.bestTrials()) {
                front.add(t.values().toArray());
            }
            double[] ref = new double[problem.objectives()];
            Arrays.fill(ref, 1.1);
            double hv = Hypervolume.compute(front.toArray(new double[0][]), ref);
            StringBuilder points = new StringBuilder("[");
            for (double[] p : front) {
                points.append(points.length() > 1 ? "," : "").append(Arrays.toString(p));
            }
            points.append(']');
            System.out.printf(
                    "{\"kind\":\"quality\",\"sampler\":\"%s\",\"problem\":\"%s\",\"seed\":%d,\"hv\":%.17g,\"front\":%s}%n",
                    samplerName, problem, seed, hv, points);
        }
    }

    /** Wall-clock and CPU nanoseconds spent in ask, suggest and tell, per trial. */
    private record Timing(long[] wall, long[] cpu) {}

    private static Timing runTimed(String samplerName, String storageName, int trials, Path dir, int index)
            throws IOException {
        Storage storage = storage(storageName, dir.resolve("bench-" + index + ".db"));
        try {
            Study study = Study.builder("bench-" + index)
                    .directions(SamplerTesting.minimize(2))
                    .sampler(sampler(samplerName))
                    .storage(storage)
                    .seed(index)
                    .create();
            long[] wall = new long[trials];
            long[] cpu = new long[trials];
            double[] x = new double[BenchmarkProblem.ZDT1.variables()];
            for (int n = 0; n < trials; n++) {
                long w0 = System.nanoTime();
                long c0 = THREADS.getCurrentThreadCpuTime();
                Trial t = study.ask();
                for (int i = 0; i < x.length; i++) {
                    x[i] = t.suggestFloat("x" + i, 0, 1);
                }
                long w1 = System.nanoTime();
                long c1 = THREADS.getCurrentThreadCpuTime();
                double[] values = BenchmarkProblem.ZDT1.evaluate(x);
                long w2 = System.nanoTime();
                long c2 = THREADS.getCurrentThreadCpuTime();
                FrozenTrial done = study.tell(t, values);
                wall[n] = (w1 - w0) + (System.nanoTime() - w2);
                cpu[n] = (c1 - c0) + (THREADS.getCurrentThreadCpuTime() - c2);
                if (done.state() != TrialState.COMPLETE) {
                    throw new IllegalStateException("trial " + n + " ended " + done.state());
                }
            }
            return new Timing(wall, cpu);
        } finally {
            storage.close();
        }
    }

    private static Storage storage(String name, Path file) {
        return switch (name) {
            case "memory" -> new InMemoryStorage();
            case "sqlite" -> SqliteStorage.open(file);
            case "sqlite-full" -> SqliteStorage.durable(file);
            default -> throw new IllegalArgumentException("unknown storage " + name);
        };
    }

    private static double meanMillis(long[] nanos, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += nanos[i];
        }
        return sum / 1e6 / (to - from);
    }

    private static void overhead(String[] args) throws IOException {
        String samplerName = args[1];
        String storageName = args[2];
        int trials = Integer.parseInt(args[3]);
        int warmups = Integer.parseInt(args[4]);
        Path dir = Files.createTempDirectory("schedtune-bench");
        double cold = Double.NaN;
        for (int w = 0; w < warmups; w++) {
            Timing t = runTimed(samplerName, storageName, trials, dir, 1000 + w);
            if (w == 0) {
                cold = meanMillis(t.wall(), 0, trials);
            }
        }
        Timing t = runTimed(samplerName, storageName, trials, dir, 0);
        System.out.printf(
                "{\"kind\":\"overhead\",\"sampler\":\"%s\",\"storage\":\"%s\",\"trials\":%d,\"ms\":%.6f,\"cpu_ms\":%.6f,\"cold_ms\":%.6f}%n",
                samplerName,
                storageName,
                trials,
                meanMillis(t.wall(), 0, trials),
                meanMillis(t.cpu(), 0, trials),
                cold);
        deleteAll(dir);
    }

    private static void scaling(String[] args) throws IOException {
        String samplerName = args[1];
        String storageName = args[2];
        int trials = Integer.parseInt(args[3]);
        int window = Integer.parseInt(args[4]);
        Path dir = Files.createTempDirectory("schedtune-bench");
        // One warm-up study so the first window does not measure the JIT compiler.
        runTimed(samplerName, storageName, Math.min(trials, 2000), dir, 1000);
        Timing t = runTimed(samplerName, storageName, trials, dir, 0);
        StringBuilder curve = new StringBuilder("[");
        for (int from = 0; from < trials; from += window) {
            int to = Math.min(trials, from + window);
            curve.append(from > 0 ? "," : "")
                    .append(String.format(
                            "[%d,%.6f,%.6f]", to, meanMillis(t.wall(), from, to), meanMillis(t.cpu(), from, to)));
        }
        curve.append(']');
        System.out.printf(
                "{\"kind\":\"scaling\",\"sampler\":\"%s\",\"storage\":\"%s\",\"trials\":%d,\"curve\":%s}%n",
                samplerName, storageName, trials, curve);
        deleteAll(dir);
    }

    private static void deleteAll(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
