package dev.schedtune.trainers.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
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
                .hasMessage("model mlp has no parameter 'layers'; it takes: hidden, activation");
        assertThatThrownBy(() -> ModelSpec.of("resnet", Map.of()))
                .hasMessage("model 'resnet' is unknown; known: mlp, cnn");
    }
}
