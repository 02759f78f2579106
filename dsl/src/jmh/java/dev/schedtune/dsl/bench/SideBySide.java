package dev.schedtune.dsl.bench;

import ai.djl.training.tracker.Tracker;
import dev.schedtune.dsl.Schedule;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Our composite and DJL's tracker measured side by side in one run, interleaved round by round, in
 * thread CPU time: on a loaded machine (other builds sharing the cores) wall-clock JMH scores of two
 * benchmarks run minutes apart drift apart, while interleaved CPU-time rounds see the same conditions.
 * Prints ns per call (best and median of the rounds), the ratio, bytes allocated per call, and the
 * bulk sampling rate of a 1,000,000-step curve.
 */
public final class SideBySide {
    private static volatile double sink;

    private SideBySide() {}

    // each loop in its own method, compiled on its own profile, as a training loop's call site would be
    private static double runOurs(Schedule schedule, int steps, int reps) {
        double s = 0;
        for (int rep = 0; rep < reps; rep++) {
            for (int i = 0; i < steps; i++) {
                s += schedule.valueAt(i);
            }
        }
        return s;
    }

    private static float runDjl(Tracker tracker, int steps, int reps) {
        float f = 0;
        for (int rep = 0; rep < reps; rep++) {
            for (int i = 0; i < steps; i++) {
                f += tracker.getNewValue(i);
            }
        }
        return f;
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int steps = CompositeBenchmark.STEPS;
        Schedule ours = CompositeBenchmark.composite(steps);
        Tracker djl = CompositeBenchmark.djl(steps);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int reps = 20;
        double[] o = new double[rounds];
        double[] d = new double[rounds];
        long ourBytes = 0;
        long djlBytes = 0;
        for (int r = 0; r < rounds; r++) {
            long a0 = mx.getThreadAllocatedBytes(id);
            long t0 = mx.getCurrentThreadCpuTime();
            double s = runOurs(ours, steps, reps);
            long t1 = mx.getCurrentThreadCpuTime();
            long a1 = mx.getThreadAllocatedBytes(id);
            float f = runDjl(djl, steps, reps);
            long t2 = mx.getCurrentThreadCpuTime();
            long a2 = mx.getThreadAllocatedBytes(id);
            sink = s + f;
            o[r] = (t1 - t0) / ((double) reps * steps);
            d[r] = (t2 - t1) / ((double) reps * steps);
            if (r >= rounds / 2) { // after warmup
                ourBytes += a1 - a0;
                djlBytes += a2 - a1;
            }
        }
        double calls = (double) (rounds - rounds / 2) * reps * steps;
        Arrays.sort(o);
        Arrays.sort(d);
        System.out.printf(
                "per call   schedtune composite: best %.2f ns, median %.2f ns, %.4f B/call%n",
                o[0], o[rounds / 2], ourBytes / calls);
        System.out.printf(
                "per call   DJL WarmUp(Cosine):  best %.2f ns, median %.2f ns, %.4f B/call%n",
                d[0], d[rounds / 2], djlBytes / calls);
        System.out.printf("ratio schedtune/DJL: best %.2f, median %.2f%n", o[0] / d[0], o[rounds / 2] / d[rounds / 2]);

        int n = SampleBenchmark.N;
        Schedule big = CompositeBenchmark.composite(n);
        double[] out = new double[n];
        double[] per = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            big.sample(0, n, out);
            long t1 = mx.getCurrentThreadCpuTime();
            sink = out[n / 2];
            per[r] = (t1 - t0) / (double) n;
        }
        Arrays.sort(per);
        System.out.printf(
                "sampling 1,000,000 steps: best %.2f ns/step (%.0f M steps/s), median %.2f ns/step (%.0f M steps/s)%n",
                per[0], 1e3 / per[0], per[rounds / 2], 1e3 / per[rounds / 2]);
    }
}
