package dev.schedtune.trainers.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.schedtune.dsl.Schedule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTrackerTest {
    private final Schedule schedule = step -> 0.1 + step;

    @Test
    void djlUpdateNumberNMapsToScheduleStepNMinusOne() {
        ScheduleTracker tracker = ScheduleTracker.of(schedule);
        assertThat(tracker.getNewValue(1)).isEqualTo(0.1f);
        assertThat(tracker.getNewValue(2)).isEqualTo(1.1f);
        assertThat(tracker.getNewValue(100)).isEqualTo(99.1f);
        // WarmUpTracker reads its main tracker at 0 for the target value: that is step 0 as well
        assertThat(tracker.getNewValue(0)).isEqualTo(0.1f);
        assertThat(tracker.getNewValue("any-parameter", 3)).isEqualTo(2.1f);
        assertThat(ScheduleTracker.stepOf(1)).isZero();
    }

    /**
     * Real DJL training with DJL's own SGD: the tracker is called once per parameter array per step
     * with 1-based update numbers, and the first update uses the schedule's step 0.
     */
    @Test
    void djlSgdAsksEveryParameterOncePerStepAndStartsAtScheduleStepZero() throws Exception {
        DjlRuntime.start();
        ScheduleTracker tracker = ScheduleTracker.of(step -> 0.05 / (1 + step));
        List<Integer> updateNumbers = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        Tracker recording = numUpdate -> {
            updateNumbers.add(numUpdate);
            float v = tracker.getNewValue(numUpdate);
            values.add(v);
            return v;
        };
        int rows = 64;
        int batch = 16;
        int epochs = 3;
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("tracker-test")) {
            DjlRuntime.seed(7);
            NDArray x = manager.randomNormal(new Shape(rows, 3));
            NDArray y = x.sum(new int[] {1}).gt(0).toType(ai.djl.ndarray.types.DataType.INT64, false);
            ArrayDataset data = new ArrayDataset.Builder()
                    .setData(x)
                    .optLabels(y)
                    .setSampling(batch, false)
                    .build();
            model.setBlock(new SequentialBlock()
                    .add(Linear.builder().setUnits(8).build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(2).build()));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(
                            Optimizer.sgd().setLearningRateTracker(recording).build())
                    .addTrainingListeners(TrainingListener.Defaults.basic());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 3));
                EasyTrain.fit(trainer, epochs, data, null);
            }
        }
        int steps = epochs * rows / batch;
        int parameterArrays = 4;
        assertThat(updateNumbers).hasSize(steps * parameterArrays);
        for (int i = 0; i < updateNumbers.size(); i++) {
            assertThat(updateNumbers.get(i)).isEqualTo(i / parameterArrays + 1);
        }
        assertThat(values.get(0)).isEqualTo(0.05f);
        assertThat(values.get(values.size() - 1)).isEqualTo((float) (0.05 / steps));
    }
}
