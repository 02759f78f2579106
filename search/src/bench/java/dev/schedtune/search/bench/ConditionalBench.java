package dev.schedtune.search.bench;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.Study;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.search.analysis.Hypervolume;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Samplers on {@link TuningProblem}, the stand-in for the built-in tuning study: a seeded two-objective
 * study of TRIALS trials run by WORKERS threads in default mode; the objective sleeps
 * {@code SLEEP × seconds} milliseconds so that workers overlap as real trials do. Prints, per seed, the
 * hypervolume (normalised as {@link TuningProblem#normalised}, reference point 1.1) of the feasible
 * complete trials numbered below each checkpoint, then the mean ± standard error per checkpoint.
 *
 * <p>Usage: {@code ConditionalBench SAMPLER TRIALS WORKERS SLEEP BASELINES CHECKPOINTS SEED...}, e.g.
 * {@code ConditionalBench gp 80 2 2 0 40,80 0 1 2 3 4 5 6 7 8 9}. SAMPLER as in {@link SamplerBench};
 * BASELINES 1 enqueues four textbook schedules (one per family, 6 epochs) first, as the built-in study
 * enqueues its baselines; they count in the budget.
 */
public final class ConditionalBench {
    private ConditionalBench() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        String sampler = args[0];
        int trials = Integer.parseInt(args[1]);
        int workers = Integer.parseInt(args[2]);
        double sleep = Double.parseDouble(args[3]);
        boolean baselines = Integer.parseInt(args[4]) != 0;
        String[] cps = args[5].split(",");
        int[] checkpoints = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
            checkpoints[i] = Integer.parseInt(cps[i]);
        }
        System.out.printf(
                "# sampler=%s trials=%d workers=%d sleep=%s baselines=%s load(start)=%s%n",
                sampler, trials, workers, sleep, baselines, BenchSupport.load());
        List<double[]> results = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            long seed = Long.parseLong(args[i]);
            long cpu0 = processCpuNanos();
            long wall0 = System.nanoTime();
            Study study = run(sampler, trials, workers, sleep, baselines, seed);
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            double[] hv = new double[checkpoints.length];
            StringBuilder line = new StringBuilder(String.format("seed %d", seed));
            for (int c = 0; c < checkpoints.length; c++) {
                hv[c] = hypervolume(study, checkpoints[c]);
                line.append(String.format(" hv@%d %.4f", checkpoints[c], hv[c]));
            }
            line.append(String.format(" wall %.1fs cpu %.1fs", wall, cpu));
            System.out.println(line);
            results.add(hv);
        }
        for (int c = 0; c < checkpoints.length; c++) {
            double mean = 0;
            for (double[] r : results) {
                mean += r[c];
            }
            mean /= results.size();
            double var = 0;
            for (double[] r : results) {
                var += (r[c] - mean) * (r[c] - mean);
            }
            double se = Math.sqrt(var / (results.size() - 1) / results.size());
            System.out.printf(
                    "summary %s hv@%d mean %.4f se %.4f n %d%n", sampler, checkpoints[c], mean, se, results.size());
        }
        System.out.println("# load(end)=" + BenchSupport.load());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static Study run(String sampler, int trials, int workers, double sleep, boolean baselines, long seed) {
        Study study = Study.builder()
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .sampler(SamplerBench.sampler(sampler))
                .seed(seed)
                .create();
        if (baselines) {
            for (Map<String, Object> b : baselines()) {
                study.enqueueTrial(b);
            }
        }
        study.optimizeMulti(
                t -> {
                    double[] v = TuningProblem.evaluate(t, seed);
                    if (sleep > 0) {
                        try {
                            Thread.sleep((long) (sleep * v[1]));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return v;
                },
                TrialBudget.total(trials),
                null,
                workers);
        return study;
    }

    /** Textbook schedules, one per family, at 6 epochs. */
    static List<Map<String, Object>> baselines() {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(params("constant", "lr", 0.05));
        Map<String, Object> oneCycle = params("one_cycle", "max_lr", 0.1);
        oneCycle.put("pct_start", 0.3);
        out.add(oneCycle);
        Map<String, Object> cosine = params("warmup_cosine", "peak_lr", 0.1);
        cosine.put("warmup", 0.1);
        cosine.put("period", 1.0);
        cosine.put("period_mul", 1L);
        cosine.put("restart_decay", 1.0);
        out.add(cosine);
        Map<String, Object> exp = params("exp_decay", "init_lr", 0.1);
        exp.put("final_ratio", 0.01);
        out.add(exp);
        return out;
    }

    private static Map<String, Object> params(String family, String lrName, double lr) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("epochs", 6L);
        p.put("family", family);
        p.put(lrName, lr);
        return p;
    }

    /** Hypervolume of the complete trials numbered below {@code limit}, normalised. */
    static double hypervolume(Study study, int limit) {
        List<double[]> points = new ArrayList<>();
        for (FrozenTrial t : study.trials()) {
            if (t.number() < limit && t.state() == TrialState.COMPLETE && t.values() != null) {
                points.add(TuningProblem.normalised(t.values().toArray()));
            }
        }
        return Hypervolume.compute(points.toArray(new double[0][]), new double[] {1.1, 1.1});
    }
}
