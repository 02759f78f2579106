package dev.schedtune.trainers.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.djl.DjlRuntime;
import dev.schedtune.trainers.djl.ScheduleTracker;
import dev.schedtune.trainers.model.ModelSpec;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The baseline: the reference MLP work done the textbook DJL way (ArrayDataset with random sampling,
 * EasyTrain.fit, the basic listeners, DJL's SGD with momentum and a schedule as its lr tracker).
 */
public final class NaiveDjlBenchmark {
    private NaiveDjlBenchmark() {}

    public static void main(String[] args) throws Exception {
        int epochs = MlpBenchmark.intArg(args, "--epochs", 40);
        int repeats = MlpBenchmark.intArg(args, "--repeats", 3);
        DjlRuntime.start();
        Task task = MlpBenchmark.referenceTask(0);
        long steps = (long) epochs * (MlpBenchmark.ROWS / MlpBenchmark.BATCH);
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            try (NDManager manager = NDManager.newBaseManager();
                    Model model = Model.newInstance("naive")) {
                NDArray x = manager.create(
                        task.train().featureBuffer(), new Shape(task.train().size(), task.numFeatures()));
                float[] labels = new float[task.train().size()];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = task.train().label(i);
                }
                NDArray y = manager.create(FloatBuffer.wrap(labels), new Shape(labels.length));
                ArrayDataset data = new ArrayDataset.Builder()
                        .setData(x)
                        .optLabels(y)
                        .setSampling(MlpBenchmark.BATCH, true)
                        .build();
                model.setBlock(ModelSpec.mlp(64).build(task));
                DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(Optimizer.sgd()
                                .setLearningRateTracker(
                                        ScheduleTracker.of(step -> 0.05 * (1 + Math.cos(Math.PI * step / steps))))
                                .optMomentum(0.9f)
                                .build())
                        .addTrainingListeners(TrainingListener.Defaults.basic());
                try (Trainer trainer = model.newTrainer(config)) {
                    trainer.initialize(new Shape(1, task.numFeatures()));
                    long t0 = System.nanoTime();
                    EasyTrain.fit(trainer, epochs, data, null);
                    rates.add(steps / ((System.nanoTime() - t0) / 1e9));
                }
            }
        }
        System.out.println(String.format(
                Locale.ROOT,
                "{\"side\": \"djl-easytrain\", \"steps_per_s\": %.1f, \"all_steps_per_s\": %s}",
                rates.stream().mapToDouble(d -> d).max().orElse(Double.NaN),
                rates.stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).toList()));
    }
}
