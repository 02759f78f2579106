package dev.schedtune.trainers.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.trainers.Reference;
import dev.schedtune.trainers.data.Dataset;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole training step (forward, closed-form cross-entropy gradient, autograd through the model, fused
 * scheduled SGD) against PyTorch training the same network from the same weights on the same data with
 * the same lr and momentum schedules (src/test/python/make_reference.py, full batch, so the batch order
 * does not matter): a 4-5-3 MLP, and a CNN of the reference CNN's form initialised by PyTorch's rule.
 */
class TrainingSessionReferenceTest {
    private static final JsonNode REF = Reference.load("session_fullbatch.json");
    private static final JsonNode CNN = Reference.load("session_cnn.json");

    @Test
    void fullBatchTrainingMatchesPyTorchStepByStep() {
        int steps = REF.get("steps").asInt();
        float[] x = Reference.floats(REF.get("x"));
        int[] y = new int[REF.get("y").size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = REF.get("y").get(i).asInt();
        }
        Dataset data = Dataset.classification(x, 4, y, 3);
        Task task = Task.of("reference", data, data, List.of());
        Schedule lr =
                t -> t < 3 ? 0.3 * t / 3 : 0.01 + 0.5 * (0.3 - 0.01) * (1 + Math.cos(Math.PI * (t - 3) / (steps - 3)));
        Schedule momentum = t -> {
            double half = steps / 2.0;
            return 0.95 - 0.10 * (t < half ? t / half : (steps - t) / half);
        };
        List<Double> losses = new ArrayList<>();
        List<float[]> initial = new ArrayList<>();
        REF.get("init").forEach(a -> initial.add(Reference.floats(a)));
        try (TrainingSession session = TrainingSession.open(
                task,
                ModelSpec.mlp(5),
                OptimizerSpec.sgd(),
                ScheduleSet.of("lr", lr, "momentum", momentum),
                24,
                0,
                initial)) {
            int k = 0;
            for (Pair<String, Parameter> p : session.block().getParameters()) {
                assertThat(p.getValue().getArray().toFloatArray())
                        .containsExactly(Reference.floats(REF.get("init").get(k++)));
            }
            for (int s = 0; s < steps; s++) {
                session.trainEpoch((step, loss) -> losses.add(loss));
            }
            k = 0;
            for (Pair<String, Parameter> p : session.block().getParameters()) {
                NDArray w = p.getValue().getArray();
                float[] expected = Reference.floats(REF.get("final").get(k++));
                float[] actual = w.toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("%s[%s]", p.getKey(), i).isCloseTo(expected[i], within(1e-4f));
                }
            }
            TrainingSession.Evaluation eval = session.evaluate();
            assertThat(eval.loss()).isCloseTo(REF.get("final_loss").asDouble(), within(1e-5));
            assertThat(eval.accuracy()).isCloseTo(REF.get("final_accuracy").asDouble(), within(1e-6));
        }
        assertThat(losses).hasSize(steps);
        for (int s = 0; s < steps; s++) {
            assertThat(losses.get(s))
                    .as("loss at step %s", s)
                    .isCloseTo(REF.get("losses").get(s).asDouble(), within(1e-5));
        }
    }

    /**
     * The CNN path: convolution weights stored channels-last in the flat tensor, per-step split views,
     * max-pool before ReLU, intermediates freed early. {@code init: torch} with PyTorch's seed draws
     * PyTorch's initial weights bit for bit, and they read back in PyTorch's (O, I, kH, kW) order.
     */
    @Test
    void cnnTrainingMatchesPyTorchStepByStepFromPyTorchsInitialWeights() {
        int steps = CNN.get("steps").asInt();
        float[] x = Reference.floats(CNN.get("x"));
        int[] y = new int[CNN.get("y").size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = CNN.get("y").get(i).asInt();
        }
        Dataset data = Dataset.classification(x, 144, y, 3);
        Task task = Task.of("reference-cnn", data, data, List.of(), List.of(1L, 12L, 12L));
        Schedule lr =
                t -> t < 3 ? 0.3 * t / 3 : 0.01 + 0.5 * (0.3 - 0.01) * (1 + Math.cos(Math.PI * (t - 3) / (steps - 3)));
        Schedule momentum = t -> {
            double half = steps / 2.0;
            return 0.95 - 0.10 * (t < half ? t / half : (steps - t) / half);
        };
        List<Double> losses = new ArrayList<>();
        try (TrainingSession session = TrainingSession.open(
                task,
                ModelSpec.cnn(4, 8, 16).withInit(ModelSpec.Init.TORCH),
                OptimizerSpec.sgd(),
                ScheduleSet.of("lr", lr, "momentum", momentum),
                24,
                CNN.get("seed").asLong())) {
            int k = 0;
            for (Pair<String, Parameter> p : session.block().getParameters()) {
                assertThat(p.getValue().getArray().toFloatArray())
                        .as("initial %s", p.getKey())
                        .containsExactly(Reference.floats(CNN.get("init").get(k++)));
            }
            for (int s = 0; s < steps; s++) {
                session.trainEpoch((step, loss) -> losses.add(loss));
            }
            k = 0;
            for (Pair<String, Parameter> p : session.block().getParameters()) {
                float[] expected = Reference.floats(CNN.get("final").get(k++));
                float[] actual = p.getValue().getArray().toFloatArray();
                assertThat(actual).hasSameSizeAs(expected);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("%s[%s]", p.getKey(), i).isCloseTo(expected[i], within(1e-4f));
                }
            }
            TrainingSession.Evaluation eval = session.evaluate();
            assertThat(eval.loss()).isCloseTo(CNN.get("final_loss").asDouble(), within(1e-5));
            assertThat(eval.accuracy()).isCloseTo(CNN.get("final_accuracy").asDouble(), within(1e-6));
        }
        assertThat(losses).hasSize(steps);
        for (int s = 0; s < steps; s++) {
            assertThat(losses.get(s))
                    .as("loss at step %s", s)
                    .isCloseTo(CNN.get("losses").get(s).asDouble(), within(1e-5));
        }
    }
}
