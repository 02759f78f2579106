package dev.schedtune.dsl.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.spec.KindRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code noam} against PyTorch's LambdaLR running OpenNMT's rate (scripts/reference/noam_vectors.py). */
class NoamTest {
    @Test
    void matchesTheReferenceBuiltFromItsConfig() throws IOException {
        JsonNode cases;
        try (InputStream in = NoamTest.class.getResourceAsStream("/reference-core/noam.json")) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
        assertThat(cases.size()).isEqualTo(3);
        for (Map.Entry<String, JsonNode> c : cases.properties()) {
            StringBuilder yaml = new StringBuilder("type: noam\n");
            c.getValue()
                    .get("args")
                    .properties()
                    .forEach(a -> yaml.append(a.getKey())
                            .append(": ")
                            .append(a.getValue())
                            .append('\n'));
            Schedule s = KindRegistry.builtIn()
                    .buildSchedule(
                            Configs.parse(yaml.toString(), ConfigFormat.YAML)
                                    .single()
                                    .orElseThrow(),
                            "$");
            JsonNode values = c.getValue().get("values");
            for (int t = 0; t < values.size(); t++) {
                double expected = values.get(t).asDouble();
                assertThat(s.valueAt(t)).as("%s at %d", c.getKey(), t).isCloseTo(expected, within(expected * 1e-12));
            }
        }
    }

    @Test
    void peaksAtTheEndOfTheWarmupAndMarksIt() {
        Noam n = Noam.of(512, 4000, 1);
        assertThat(n.valueAt(3999)).isCloseTo(1 / Math.sqrt(512 * 4000.0), within(1e-15));
        assertThat(n.valueAt(3998)).isLessThan(n.valueAt(3999));
        assertThat(n.valueAt(4000)).isLessThan(n.valueAt(3999));
        assertThat(n.boundaries(0, 10_000)).containsExactly(3999);
        assertThat(n.spec().toString()).isEqualTo("noam(model_size=512, warmup_steps=4000)");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Noam.of(0, 10, 1)).hasMessage("modelSize (0.0) must be > 0");
        assertThatThrownBy(() -> Noam.of(512, -1, 1)).hasMessage("warmupSteps (-1.0) must be > 0");
    }
}
