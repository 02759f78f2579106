package dev.schedtune.trainers.bench;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.trainers.data.Dataset;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.djl.DjlRuntime;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.train.TrainingSession;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Our side of the reference CNN benchmark (bench/torch_fashion_cnn.py is PyTorch's): the first {@code
 * --rows} real Fashion-MNIST training images (read straight from the IDX files of Debian's
 * dataset-fashion-mnist, pixels / 255), {@link ModelSpec#referenceCnn()} (conv 16, conv 32, dense 64,
 * dense 10; 105,866 parameters), batch 128, SGD momentum 0.9, a new (cosine) lr every step, the data
 * shuffled every epoch, through {@link TrainingSession} (the loop the workers use). Only training steps
 * are timed. Prints one JSON line: steps/s and steps per CPU-second (this thread) of the best run.
 */
public final class FashionCnnBenchmark {
    static final Path IMAGES = Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
    static final Path LABELS = Path.of("/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz");
    static final int BATCH = 128;
    private static final int PIXELS = 28 * 28;

    private FashionCnnBenchmark() {}

    public static void main(String[] args) {
        int rows = MlpBenchmark.intArg(args, "--rows", 12800);
        int epochs = MlpBenchmark.intArg(args, "--epochs", 1);
        int repeats = MlpBenchmark.intArg(args, "--repeats", 3);
        DjlRuntime.start();
        Task task = task(rows);
        long steps = (long) epochs * ((rows + BATCH - 1) / BATCH);
        ScheduleSet schedules = ScheduleSet.of(step -> 0.05 * (1 + Math.cos(Math.PI * step / steps)));
        List<Double> rates = new ArrayList<>();
        List<Double> cpuRates = new ArrayList<>();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double finalLoss = Double.NaN;
        for (int r = 0; r < repeats; r++) {
            try (TrainingSession session =
                    TrainingSession.open(task, ModelSpec.referenceCnn(), OptimizerSpec.sgd(0.9), schedules, BATCH, r)) {
                long t0 = System.nanoTime();
                long c0 = cpu.getCurrentThreadCpuTime();
                for (int e = 0; e < epochs; e++) {
                    finalLoss = session.trainEpoch().trainLoss();
                }
                rates.add(session.steps() / ((System.nanoTime() - t0) / 1e9));
                cpuRates.add(session.steps() / ((cpu.getCurrentThreadCpuTime() - c0) / 1e9));
            }
        }
        System.out.println(String.format(
                Locale.ROOT,
                "{\"side\": \"schedtune-djl\", \"threads\": %d, \"steps_per_s\": %.2f, \"all_steps_per_s\": %s,"
                        + " \"steps_per_cpu_s\": %.2f, \"final_epoch_loss\": %.4f}",
                DjlRuntime.intraOpThreads(),
                rates.stream().mapToDouble(d -> d).max().orElse(Double.NaN),
                rates.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList(),
                cpuRates.stream().mapToDouble(d -> d).max().orElse(Double.NaN),
                finalLoss));
    }

    /** The first {@code rows} training images as the training split, the next 1,024 as validation. */
    static Task task(int rows) {
        int total = rows + 1024;
        byte[] pixels = idx(IMAGES, 3, total * PIXELS);
        byte[] labels = idx(LABELS, 1, total);
        float[] x = new float[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (pixels[i] & 0xff) / 255f;
        }
        int[] y = new int[total];
        for (int i = 0; i < total; i++) {
            y[i] = labels[i];
        }
        Dataset all = Dataset.classification(x, PIXELS, y, 10);
        int[] train = new int[rows];
        int[] valid = new int[total - rows];
        for (int i = 0; i < total; i++) {
            if (i < rows) {
                train[i] = i;
            } else {
                valid[i - rows] = i;
            }
        }
        return Task.of("fashion-mnist-head", all.rows(train), all.rows(valid), List.of(), List.of(1L, 28L, 28L));
    }

    /**
     * The first {@code count} bytes of an unsigned-byte IDX file: magic {@code 0x00 0x00 0x08 ndim}, then
     * {@code ndim} big-endian int32 sizes, then the values.
     */
    static byte[] idx(Path file, int ndim, int count) {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
            int magic = in.readInt();
            if (magic != (0x0800 | ndim)) {
                throw new IllegalStateException(
                        String.format(Locale.ROOT, "%s: magic 0x%08x, expected 0x%08x", file, magic, 0x0800 | ndim));
            }
            long available = 1;
            for (int d = 0; d < ndim; d++) {
                available *= in.readInt();
            }
            if (available < count) {
                throw new IllegalStateException(file + " holds " + available + " values, " + count + " wanted");
            }
            byte[] out = new byte[count];
            in.readFully(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
