package dev.schedtune.trainers.optim;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.trainers.djl.DjlRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scheduled optimizer inside DJL's own Trainer and EasyTrain: DJL's 1-based update count maps to
 * schedule step count − 1, every step's hyperparameters are evaluated once (not once per parameter),
 * and a one-cycle style inverse momentum cycle is what the optimizer really uses at each step.
 */
class ScheduledOptimizerInDjlTrainerTest {
    static final int STEPS = 40;

    // one-cycle: lr rises 0.01 -> 0.1 then falls, momentum falls 0.95 -> 0.85 then rises
    static final Schedule LR =
            t -> t < STEPS / 2 ? 0.01 + 0.09 * t / (STEPS / 2.0) : 0.1 - 0.099 * (t - STEPS / 2.0) / (STEPS / 2.0);
    static final Schedule MOMENTUM =
            t -> t < STEPS / 2 ? 0.95 - 0.10 * t / (STEPS / 2.0) : 0.85 + 0.10 * (t - STEPS / 2.0) / (STEPS / 2.0);

    @Test
    void djlTrainerDrivesTheScheduledOptimizerStepByStep() throws Exception {
        DjlRuntime.start();
        ScheduledOptimizer optimizer =
                ScheduledOptimizer.create(OptimizerSpec.sgd(), ScheduleSet.of("lr", LR, "momentum", MOMENTUM));
        List<Hyperparameters> used = new ArrayList<>();
        optimizer.setRecorder(used::add);
        float firstLoss;
        float lastLoss;
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("scheduled-optimizer")) {
            DjlRuntime.seed(3);
            NDArray x = manager.randomNormal(new Shape(80, 4));
            NDArray y = x.sum(new int[] {1}).gt(0).toType(DataType.INT64, false);
            ArrayDataset data = new ArrayDataset.Builder()
                    .setData(x)
                    .optLabels(y)
                    .setSampling(20, false)
                    .build();
            model.setBlock(new SequentialBlock()
                    .add(Linear.builder().setUnits(16).build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(2).build()));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer)
                    .addTrainingListeners(TrainingListener.Defaults.basic());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 4));
                EasyTrain.fit(trainer, 1, data, null);
                firstLoss = trainer.getTrainingResult().getTrainLoss();
                EasyTrain.fit(trainer, STEPS / 4 - 1, data, null);
                lastLoss = trainer.getTrainingResult().getTrainLoss();
            }
        }
        assertThat(used).hasSize(STEPS);
        for (int t = 0; t < STEPS; t++) {
            assertThat(used.get(t).step()).isEqualTo(t);
            assertThat(used.get(t).lr()).isEqualTo(LR.valueAt(t));
            assertThat(used.get(t).momentum()).isEqualTo(MOMENTUM.valueAt(t));
        }
        // the inverse cycle really reached the optimizer: lowest momentum where lr peaks
        assertThat(used.get(0).momentum()).isEqualTo(0.95);
        assertThat(used.get(STEPS / 2).momentum()).isEqualTo(0.85, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(lastLoss).isLessThan(firstLoss);
    }
}
