package dev.schedtune.trainers.bench;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.trainers.data.Dataset;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.djl.DjlRuntime;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.train.TrainingSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Our side of the digits CNN benchmark (bench/torch_digits_cnn.py is PyTorch's): the small CNN (8 then
 * 16 3x3 filters, ReLU, 2x2 max-pooling, dense 10) on the 1,438 training digits, batch 64, SGD momentum
 * 0.9 with a new cosine lr every step, validation after every epoch. Prints epochs/s (best of repeats),
 * the training rows and a checksum of the split (PyTorch's side prints the same two for its own split).
 */
public final class DigitsCnnBenchmark {
    private DigitsCnnBenchmark() {}

    public static void main(String[] args) {
        int epochs = MlpBenchmark.intArg(args, "--epochs", 20);
        int repeats = MlpBenchmark.intArg(args, "--repeats", 3);
        DjlRuntime.start();
        // no test split: torch_digits_cnn.py splits the 1,797 digits in two, as the task did before it had one
        Task task = TaskSpec.of(TaskSpec.DIGITS, java.util.Map.of("test_fraction", 0.0))
                .load();
        long steps = (long) epochs * 23;
        ScheduleSet schedules = ScheduleSet.of(step -> 0.05 * (1 + Math.cos(Math.PI * step / steps)));
        List<Double> rates = new ArrayList<>();
        double accuracy = Double.NaN;
        for (int r = 0; r < repeats; r++) {
            try (TrainingSession session =
                    TrainingSession.open(task, ModelSpec.digitsCnn(), OptimizerSpec.sgd(0.9), schedules, 64, r)) {
                long t0 = System.nanoTime();
                for (int e = 0; e < epochs; e++) {
                    session.trainEpoch();
                    accuracy = session.evaluate().accuracy();
                }
                rates.add(epochs / ((System.nanoTime() - t0) / 1e9));
            }
        }
        System.out.println(String.format(
                Locale.ROOT,
                "{\"side\": \"schedtune-djl\", \"epochs_per_s\": %.2f, \"all_epochs_per_s\": %s, \"final_accuracy\": %.4f,"
                        + " \"train_rows\": %d, \"split_check\": %d}",
                rates.stream().mapToDouble(d -> d).max().orElse(Double.NaN),
                rates.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList(),
                accuracy,
                task.train().size(),
                splitCheck(task.validation())));
    }

    /** Sum of (i + 1) * label over the validation rows in order (torch_digits_cnn.py computes the same). */
    static long splitCheck(Dataset validation) {
        long sum = 0;
        for (int i = 0; i < validation.size(); i++) {
            sum += (i + 1L) * validation.label(i);
        }
        return sum;
    }
}
