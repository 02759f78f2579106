package dev.schedtune.trainers.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.schedtune.trainers.data.Dataset;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.djl.DjlRuntime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    private static long parameters(Block block, Task task) {
        DjlRuntime.start();
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, new Shape(1, task.numFeatures()));
            return block.getParameters().values().stream()
                    .mapToLong(p -> p.getArray().size())
                    .sum();
        }
    }

    @Test
    void mlpHasTheConfiguredLayers() {
        Task digits = TaskSpec.digits().load();
        // 64*32+32 + 32*16+16 + 16*10+10
        assertThat(parameters(ModelSpec.mlp(32, 16).build(digits), digits)).isEqualTo(2080 + 528 + 170);
        assertThat(parameters(ModelSpec.mlp().build(digits), digits)).isEqualTo(650);
    }

    @Test
    void digitsCnnIsSmall() {
        Task digits = TaskSpec.digits().load();
        assertThat(parameters(ModelSpec.digitsCnn().build(digits), digits)).isEqualTo(1898);
    }

    @Test
    void configFormRoundTripsAndRejectsBadValues() {
        ModelSpec mlp = ModelSpec.mlp(List.of(64, 32), ModelSpec.ActivationKind.TANH);
        assertThat(ModelSpec.of("mlp", mlp.params())).isEqualTo(mlp);
        assertThat(ModelSpec.of("cnn", Map.of())).isEqualTo(ModelSpec.digitsCnn());
        assertThatThrownBy(() -> ModelSpec.of("mlp", Map.of("activation", "swish")))
                .hasMessage("model mlp parameter 'activation' (swish) must be one of relu, tanh, gelu, sigmoid");
        assertThatThrownBy(() -> ModelSpec.of("mlp", Map.of("hidden", List.of(8, 0))))
                .hasMessage("hidden width 1 (0) must be >= 1");
        assertThatThrownBy(() -> ModelSpec.of("mlp", Map.of("layers", 2)))
                .hasMessage("model mlp has no parameter 'layers'; it takes: hidden, activation, init");
        assertThatThrownBy(() -> ModelSpec.of("resnet", Map.of()))
                .hasMessage("model 'resnet' is unknown; known: mlp, cnn");
    }

    @Test
    void cnnTakesDenseLayersAndAnInitAndRoundTrips() {
        ModelSpec reference = ModelSpec.of("cnn", Map.of("channels", List.of(16, 32), "hidden", 64, "init", "torch"));
        assertThat(reference).isEqualTo(ModelSpec.referenceCnn());
        assertThat(reference.widths()).containsExactly(16, 32);
        assertThat(reference.dense()).containsExactly(64);
        assertThat(reference.init()).isEqualTo(ModelSpec.Init.TORCH);
        assertThat(reference.params())
                .isEqualTo(Map.of("channels", List.of(16, 32), "hidden", List.of(64), "init", "torch"));
        assertThat(ModelSpec.of("cnn", reference.params())).isEqualTo(reference);
        assertThat(ModelSpec.of("cnn", Map.of("channels", List.of(16, 32), "hidden", List.of(64))))
                .isEqualTo(ModelSpec.cnn(16, 32, 64))
                .isNotEqualTo(reference);
        ModelSpec deep = ModelSpec.cnn(4, 8, 32, 16);
        assertThat(ModelSpec.of("cnn", deep.params())).isEqualTo(deep);
        ModelSpec torchMlp =
                ModelSpec.mlp(List.of(8), ModelSpec.ActivationKind.GELU).withInit(ModelSpec.Init.TORCH);
        assertThat(ModelSpec.of("mlp", torchMlp.params())).isEqualTo(torchMlp);
        assertThat(ModelSpec.of("mlp", Map.of("hidden", 8))).isEqualTo(ModelSpec.mlp(8));
    }

    @Test
    void existingConfigsKeepTheirDescription() {
        // stored studies describe their model by params(): the defaults of the new settings stay out
        assertThat(ModelSpec.digitsCnn().params()).isEqualTo(Map.of("channels", List.of(8, 16)));
        assertThat(ModelSpec.of("cnn", Map.of("hidden", List.of()))).isEqualTo(ModelSpec.digitsCnn());
        assertThat(ModelSpec.of("cnn", Map.of("init", "he"))).isEqualTo(ModelSpec.digitsCnn());
        assertThat(ModelSpec.mlp(64).params()).isEqualTo(Map.of("hidden", List.of(64), "activation", "relu"));
        assertThat(ModelSpec.digitsCnn().init()).isEqualTo(ModelSpec.Init.HE);
    }

    @Test
    void cnnRejectsBadDenseWidthsAndInits() {
        assertThatThrownBy(() -> ModelSpec.of("cnn", Map.of("hidden", List.of(64, 0))))
                .hasMessage("model cnn parameter 'hidden' ([64, 0]) must hold widths >= 1");
        assertThatThrownBy(() -> ModelSpec.of("cnn", Map.of("hidden", "wide")))
                .hasMessage("model cnn parameter 'hidden' (wide) must be a list of integers");
        assertThatThrownBy(() -> ModelSpec.of("cnn", Map.of("hidden", List.of(1.5))))
                .hasMessage("model cnn parameter 'hidden' ([1.5]) must be a list of integers");
        assertThatThrownBy(() -> ModelSpec.of("cnn", Map.of("channels", List.of(16, 0))))
                .hasMessage("model cnn parameter 'channels' ([16, 0]) must hold filter counts >= 1");
        assertThatThrownBy(() -> ModelSpec.of("cnn", Map.of("init", "xavier")))
                .hasMessage("model cnn parameter 'init' (xavier) must be one of he, torch");
        assertThatThrownBy(() -> ModelSpec.of("cnn", Map.of("dense", List.of(64))))
                .hasMessage("model cnn has no parameter 'dense'; it takes: channels, hidden, init");
        assertThatThrownBy(() -> ModelSpec.cnn(16, 32, -1)).hasMessage("hidden width 0 (-1) must be >= 1");
    }

    @Test
    void referenceCnnIsPyTorchsNetwork() {
        Task fashion = images(4, 28, 28);
        Block block = ModelSpec.referenceCnn().build(fashion);
        // conv 1->16: 16*9+16 = 160; conv 16->32: 32*16*9+32 = 4,640; dense 1568->64: 100,416; 64->10: 650;
        // the same as sum(p.numel() for p in Net().parameters()) in PyTorch
        assertThat(parameters(block, fashion))
                .isEqualTo(160 + 4640 + 100_416 + 650)
                .isEqualTo(105_866);
        try (NDManager m = NDManager.newBaseManager()) {
            block = ModelSpec.referenceCnn().build(fashion);
            block.initialize(m, DataType.FLOAT32, new Shape(1, 784));
            NDArray out = block.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(5, 784))), false)
                    .singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(5, 10));
        }
        // no dense layer: the flattened 32x7x7 features feed the output layer
        assertThat(parameters(ModelSpec.cnn(16, 32).build(fashion), fashion)).isEqualTo(160 + 4640 + 15_690);
    }

    @Test
    void torchInitDrawsFromPyTorchsDefaultRanges() {
        Task fashion = images(4, 28, 28);
        DjlRuntime.seed(3);
        Block block = ModelSpec.referenceCnn().build(fashion);
        // fan_in per layer: 1*3*3, 16*3*3, 32*7*7, 64; PyTorch's bound 1/sqrt(fan_in) for weights and biases
        long[] fanIn = {9, 9, 144, 144, 1568, 1568, 64, 64};
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, new Shape(1, 784));
            int k = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                float[] v = p.getValue().getArray().toFloatArray();
                double bound = 1 / Math.sqrt(fanIn[k++]);
                double max = 0;
                double sumSquares = 0;
                for (float x : v) {
                    max = Math.max(max, Math.abs(x));
                    sumSquares += x * x;
                }
                assertThat(max).as(p.getKey()).isLessThanOrEqualTo(bound);
                if (v.length >= 1000) {
                    // U(-b, b): largest |x| near b, standard deviation b/sqrt(3)
                    assertThat(max).as(p.getKey()).isGreaterThan(0.99 * bound);
                    assertThat(Math.sqrt(sumSquares / v.length))
                            .as(p.getKey())
                            .isCloseTo(bound / Math.sqrt(3), within(0.05 * bound));
                }
            }
        }
        // the default stays DJL's He normal with zero biases
        try (NDManager m = NDManager.newBaseManager()) {
            Block he = ModelSpec.cnn(16, 32, 64).build(fashion);
            he.initialize(m, DataType.FLOAT32, new Shape(1, 784));
            for (Pair<String, Parameter> p : he.getParameters()) {
                if (p.getValue().getType() == Parameter.Type.BIAS) {
                    assertThat(p.getValue().getArray().toFloatArray())
                            .as(p.getKey())
                            .containsOnly(0f);
                }
            }
        }
    }

    /** A task of {@code rows} blank single-channel images of height x width, for building models. */
    static Task images(int rows, int height, int width) {
        int features = height * width;
        Dataset d = Dataset.classification(new float[rows * features], features, new int[rows], 10);
        return Task.of("images", d, d, List.of(), List.of(1L, (long) height, (long) width));
    }
}
