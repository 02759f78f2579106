package dev.schedtune.trainers.bench;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.trainers.data.Dataset;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.djl.DjlRuntime;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.train.TrainingSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Our side of the reference MLP benchmark (see bench/torch_mlp.py for PyTorch's): 8,192 x 32 Gaussian
 * inputs, labels from a random linear teacher, batch 128, a 32-64-2 ReLU MLP, cross-entropy, SGD with
 * momentum 0.9, a new learning rate every step (cosine), 40 epochs, data shuffled every epoch. Prints
 * one JSON line with the best steps/s of {@code --repeats} runs (each in a fresh session).
 */
public final class MlpBenchmark {
    static final int ROWS = 8192;
    static final int FEATURES = 32;
    static final int BATCH = 128;

    private MlpBenchmark() {}

    public static void main(String[] args) {
        int epochs = intArg(args, "--epochs", 40);
        int repeats = intArg(args, "--repeats", 3);
        DjlRuntime.start();
        Task task = referenceTask(0);
        long steps = (long) epochs * (ROWS / BATCH);
        ScheduleSet schedules = ScheduleSet.of(step -> 0.05 * (1 + Math.cos(Math.PI * step / steps)));
        List<Double> rates = new ArrayList<>();
        List<Double> cpuRates = new ArrayList<>();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double finalLoss = Double.NaN;
        for (int r = 0; r < repeats; r++) {
            try (TrainingSession session =
                    TrainingSession.open(task, ModelSpec.mlp(64), OptimizerSpec.sgd(0.9), schedules, BATCH, r)) {
                long t0 = System.nanoTime();
                long c0 = cpu.getCurrentThreadCpuTime();
                for (int e = 0; e < epochs; e++) {
                    finalLoss = session.trainEpoch().trainLoss();
                }
                rates.add(session.steps() / ((System.nanoTime() - t0) / 1e9));
                cpuRates.add(session.steps() / ((cpu.getCurrentThreadCpuTime() - c0) / 1e9));
            }
        }
        double best = rates.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
        System.out.println(String.format(
                Locale.ROOT,
                "{\"side\": \"schedtune-djl\", \"threads\": %d, \"steps_per_s\": %.1f, \"all_steps_per_s\": %s,"
                        + " \"steps_per_cpu_s\": %.1f, \"final_epoch_loss\": %.5f}",
                DjlRuntime.intraOpThreads(),
                best,
                rates.stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).toList(),
                cpuRates.stream().mapToDouble(d -> d).max().orElse(Double.NaN),
                finalLoss));
    }

    /** The reference data: Gaussian inputs, labels argmax(x · W) of a Gaussian 32 x 2 teacher W. */
    static Task referenceTask(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] teacher = new double[FEATURES * 2];
        for (int i = 0; i < teacher.length; i++) {
            teacher[i] = random.nextGaussian();
        }
        int rows = ROWS + 256;
        float[] x = new float[rows * FEATURES];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            double a = 0;
            double b = 0;
            for (int j = 0; j < FEATURES; j++) {
                float v = (float) random.nextGaussian();
                x[i * FEATURES + j] = v;
                a += v * teacher[2 * j];
                b += v * teacher[2 * j + 1];
            }
            y[i] = a >= b ? 0 : 1;
        }
        Dataset all = Dataset.classification(x, FEATURES, y, 2);
        int[] train = new int[ROWS];
        int[] valid = new int[rows - ROWS];
        for (int i = 0; i < rows; i++) {
            if (i < ROWS) {
                train[i] = i;
            } else {
                valid[i - ROWS] = i;
            }
        }
        return Task.of("reference-mlp", all.rows(train), all.rows(valid), List.of());
    }

    static int intArg(String[] args, String name, int dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return dflt;
    }
}
