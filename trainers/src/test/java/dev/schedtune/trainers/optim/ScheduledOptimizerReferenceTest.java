package dev.schedtune.trainers.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.trainers.Reference;
import dev.schedtune.trainers.djl.DjlRuntime;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our scheduled optimizers against torch.optim on the same gradients and the same per-step
 * hyperparameters (src/test/python/make_reference.py): the weights after 12 steps must agree to float
 * precision, and the values the optimizer reports using must be the scheduled ones.
 */
class ScheduledOptimizerReferenceTest {
    private static final JsonNode REF = Reference.load("optimizer_trajectories.json");
    private static final int STEPS = REF.get("meta").get("steps").asInt();

    static Stream<String> scenarios() {
        List<String> names = new ArrayList<>();
        REF.get("scenarios").fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    // the closed forms of make_reference.py
    static final Map<String, Schedule> FORMULAS = Map.of(
            "warmup_cosine",
            t -> t < 3 ? 0.3 * t / 3 : 0.01 + 0.5 * (0.3 - 0.01) * (1 + Math.cos(Math.PI * (t - 3) / (STEPS - 3))),
            "inverse",
            t -> {
                double half = STEPS / 2.0;
                double frac = t < half ? t / half : (STEPS - t) / half;
                return 0.95 - 0.10 * frac;
            },
            "late",
            t -> t < 2 ? 0.0 : 0.9,
            "steps",
            t -> 0.05 * Math.pow(0.5, Math.floorDiv(t, 4)),
            "constant",
            t -> 0.9);

    @ParameterizedTest
    @MethodSource("scenarios")
    void weightsFollowPyTorch(String name) {
        JsonNode s = REF.get("scenarios").get(name);
        JsonNode spec = s.get("spec");
        String kind = spec.get("kind").asText();
        OptimizerSpec optimizer;
        ScheduleSet schedules;
        if (kind.equals("sgd")) {
            optimizer = OptimizerSpec.sgd()
                    .withDampening(spec.get("dampening").asDouble())
                    .withNesterov(spec.get("nesterov").asBoolean())
                    .withWeightDecay(spec.get("weight_decay").asDouble());
            schedules = ScheduleSet.of(
                    "lr",
                    FORMULAS.get(spec.get("lr").asText()),
                    "momentum",
                    FORMULAS.get(spec.get("momentum").asText()));
        } else {
            optimizer = (kind.equals("adam") ? OptimizerSpec.adam() : OptimizerSpec.adamW())
                    .withBetas(0.9, spec.get("beta2").asDouble())
                    .withEpsilon(spec.get("eps").asDouble())
                    .withWeightDecay(spec.get("weight_decay").asDouble());
            schedules = ScheduleSet.of(
                    "lr",
                    FORMULAS.get(spec.get("lr").asText()),
                    "beta1",
                    FORMULAS.get(spec.get("beta1").asText()));
        }
        optimizer.validate(schedules, STEPS);
        ScheduledOptimizer opt = ScheduledOptimizer.create(optimizer, schedules);
        List<Hyperparameters> used = new ArrayList<>();
        opt.setRecorder(used::add);
        DjlRuntime.start();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(FloatBuffer.wrap(Reference.floats(s.get("w0"))), new Shape(3, 4));
            NDArray b = m.create(FloatBuffer.wrap(Reference.floats(s.get("b0"))), new Shape(3));
            for (int t = 0; t < STEPS; t++) {
                JsonNode g = s.get("grads").get(t);
                NDArray gw = m.create(FloatBuffer.wrap(Reference.floats(g.get(0))), new Shape(3, 4));
                NDArray gb = m.create(FloatBuffer.wrap(Reference.floats(g.get(1))), new Shape(3));
                opt.update(t, List.of(w, b), List.of(gw, gb), 1f);
            }
            assertClose(w.toFloatArray(), Reference.floats(s.get("w")), name + " weight");
            assertClose(b.toFloatArray(), Reference.floats(s.get("b")), name + " bias");
        }
        assertThat(used).hasSize(STEPS);
        for (int t = 0; t < STEPS; t++) {
            JsonNode h = s.get("hyperparameters").get(t);
            assertThat(used.get(t).step()).isEqualTo(t);
            assertThat(used.get(t).lr()).isCloseTo(h.get(0).asDouble(), within(1e-12));
            double second =
                    kind.equals("sgd") ? used.get(t).momentum() : used.get(t).beta1();
            assertThat(second).isCloseTo(h.get(1).asDouble(), within(1e-12));
        }
    }

    static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            float tolerance = 2e-5f * Math.max(1f, Math.abs(expected[i]));
            assertThat(actual[i]).as("%s[%s]", what, i).isCloseTo(expected[i], within(tolerance));
        }
    }
}
