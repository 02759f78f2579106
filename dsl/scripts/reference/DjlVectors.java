import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.CyclicalTracker;
import ai.djl.training.tracker.FactorTracker;
import ai.djl.training.tracker.LinearTracker;
import ai.djl.training.tracker.MultiFactorTracker;
import ai.djl.training.tracker.PolynomialDecayTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reference vectors for the djl.* presets, produced by EXECUTING DJL's own trackers (ai.djl:api 0.36.0).
 *
 * <p>DJL's optimizers call {@code tracker.getNewValue(numUpdate)} with numUpdate = 1 for the first
 * update ({@code Optimizer.updateCount} starts at beginNumUpdate + 1), so our step s is DJL's
 * numUpdate s + 1 and the value recorded for step s is {@code getNewValue(s + 1)}, asked in order
 * s = 0, 1, 2, ... as a training loop does (MultiFactorTracker keeps state). Values are Java floats.
 *
 * <p>Run from the repository root (the jars are in the local Maven repository; fetch them with
 * {@code mvn dependency:get -Dartifact=ai.djl:api:0.36.0} if absent):
 *
 * <pre>
 * java -cp ~/.m2/repository/ai/djl/api/0.36.0/api-0.36.0.jar:~/.m2/repository/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar \
 *     dsl/scripts/reference/DjlVectors.java dsl/src/test/resources/reference/djl
 * </pre>
 */
public final class DjlVectors {
    private static final String SOURCE = "ai.djl:api:0.36.0 (Maven Central), executed: getNewValue(step + 1)";

    private final Path out;

    private DjlVectors(Path out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "dsl/src/test/resources/reference/djl");
        Files.createDirectories(out);
        try (var files = Files.list(out)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.toString().endsWith(".json")) {
                    Files.delete(p);
                }
            }
        }
        new DjlVectors(out).run();
    }

    private void run() throws IOException {
        write("FactorTracker", "half", 11, args("base_value", 1.0, "factor", 0.5),
                () -> Tracker.factor().setBaseValue(1f).setFactor(0.5f).build());
        write("FactorTracker", "min_value", 11, args("base_value", 1.0, "factor", 0.5, "min_value", 0.2),
                () -> Tracker.factor().setBaseValue(1f).setFactor(0.5f).optMinValue(0.2f).build());
        write("FactorTracker", "max_updates", 11, args("base_value", 0.1, "factor", 0.9, "max_updates", 3L),
                () -> Tracker.factor().setBaseValue(0.1f).setFactor(0.9f).optMaxUpdates(3).build());

        write("MultiFactorTracker", "steps_2_5", 11, args("base_value", 1.0, "steps", List.of(2L, 5L), "factor", 0.1),
                () -> Tracker.multiFactor().setBaseValue(1f).setSteps(new int[] {2, 5}).optFactor(0.1f).build());
        write("MultiFactorTracker", "default_factor", 8, args("base_value", 0.5, "steps", List.of(1L, 3L)),
                () -> Tracker.multiFactor().setBaseValue(0.5f).setSteps(new int[] {1, 3}).build());

        write("CosineTracker", "final_0_1", 9, args("base_value", 1.0, "final_value", 0.1, "max_updates", 4L),
                () -> Tracker.cosine().setBaseValue(1f).optFinalValue(0.1f).setMaxUpdates(4).build());
        write("CosineTracker", "default_final", 14, args("base_value", 0.5, "max_updates", 10L),
                () -> Tracker.cosine().setBaseValue(0.5f).setMaxUpdates(10).build());

        write("PolynomialDecayTracker", "power_2", 9,
                args("base_value", 1.0, "end_learning_rate", 0.1, "decay_steps", 4L, "power", 2.0),
                () -> PolynomialDecayTracker.builder().setBaseValue(1f).setEndLearningRate(0.1f).setDecaySteps(4)
                        .optPower(2f).build());
        write("PolynomialDecayTracker", "default_power", 12,
                args("base_value", 0.5, "end_learning_rate", 0.0, "decay_steps", 10L),
                () -> PolynomialDecayTracker.builder().setBaseValue(0.5f).setEndLearningRate(0f).setDecaySteps(10)
                        .build());

        write("LinearTracker", "max_value", 9, args("base_value", 0.1, "slope", 0.05, "max_value", 0.3),
                () -> LinearTracker.builder().setBaseValue(0.1f).optSlope(0.05f).optMaxValue(0.3f).build());
        write("LinearTracker", "min_value", 12, args("base_value", 1.0, "slope", -0.1, "min_value", 0.25),
                () -> LinearTracker.builder().setBaseValue(1f).optSlope(-0.1f).optMinValue(0.25f).build());
        write("LinearTracker", "max_updates", 9, args("base_value", 0.0, "slope", 0.2, "max_updates", 5L),
                () -> LinearTracker.builder().setBaseValue(0f).optSlope(0.2f).optMaxUpdates(5).build());
        write("LinearTracker", "unbounded", 6, args("base_value", 0.5, "slope", -0.05),
                () -> LinearTracker.builder().setBaseValue(0.5f).optSlope(-0.05f).build());

        write("FixedTracker", "half", 4, args("value", 0.5), () -> Tracker.fixed(0.5f));

        write("CyclicalTracker", "triangular", 25,
                args("base_value", 0.1, "max_value", 1.0, "step_size_up", 3L),
                () -> Tracker.cyclical().optBaseValue(0.1f).optMaxValue(1f).optStepSizeUp(3).build());
        write("CyclicalTracker", "triangular2", 21,
                args("base_value", 0.1, "max_value", 1.0, "step_size_up", 2L, "mode", "triangular2"),
                () -> Tracker.cyclical().optBaseValue(0.1f).optMaxValue(1f).optStepSizeUp(2)
                        .optMode(CyclicalTracker.CyclicalMode.TRIANGULAR2).build());
        write("CyclicalTracker", "exp_range", 21,
                args("base_value", 0.1, "max_value", 1.0, "step_size_up", 2L, "mode", "exp_range", "gamma", 0.9),
                () -> Tracker.cyclical().optBaseValue(0.1f).optMaxValue(1f).optStepSizeUp(2)
                        .optMode(CyclicalTracker.CyclicalMode.EXP_RANGE).optGamma(0.9f).build());
        write("CyclicalTracker", "up2_down4", 25,
                args("base_value", 0.1, "max_value", 1.0, "step_size_up", 2L, "step_size_down", 4L),
                () -> Tracker.cyclical().optBaseValue(0.1f).optMaxValue(1f).optStepSizeUp(2).optStepSizeDown(4)
                        .build());
        write("CyclicalTracker", "defaults", 4401, args(),
                () -> Tracker.cyclical().build());
        // A custom scale function: 1 / (1 + 0.1 x), x the cycle (scale_mode_cycle) or DJL's numUpdate.
        Map<String, Object> inverseTime = args("type", "keras.InverseTimeDecay", "initial_learning_rate", 1.0,
                "decay_steps", 1L, "decay_rate", 0.1);
        write("CyclicalTracker", "scale_function_cycle", 25,
                args("base_value", 0.1, "max_value", 1.0, "step_size_up", 3L, "scale_function", inverseTime),
                () -> Tracker.cyclical().optBaseValue(0.1f).optMaxValue(1f).optStepSizeUp(3)
                        .optScaleFunction(x -> (float) (1.0 / (1.0 + 0.1 * x))).build());
        write("CyclicalTracker", "scale_function_updates", 25,
                args("base_value", 0.1, "max_value", 1.0, "step_size_up", 3L, "scale_function", inverseTime,
                        "scale_mode_cycle", false),
                () -> Tracker.cyclical().optBaseValue(0.1f).optMaxValue(1f).optStepSizeUp(3)
                        .optScaleFunction(x -> (float) (1.0 / (1.0 + 0.1 * x))).optScaleModeCycle(false).build());

        Map<String, Object> cosine = args("type", "djl.CosineTracker", "base_value", 1.0, "final_value", 0.1,
                "max_updates", 7L);
        write("WarmUpTracker", "linear_cosine", 15,
                args("main_tracker", cosine, "warm_up_steps", 3L),
                () -> Tracker.warmUp().setMainTracker(Tracker.cosine().setBaseValue(1f).optFinalValue(0.1f)
                        .setMaxUpdates(7).build()).optWarmUpSteps(3).build());
        Map<String, Object> factor = args("type", "djl.FactorTracker", "base_value", 0.5, "factor", 0.8);
        write("WarmUpTracker", "constant_factor", 12,
                args("main_tracker", factor, "warm_up_steps", 4L, "warm_up_begin_value", 0.01,
                        "warm_up_mode", "constant"),
                () -> Tracker.warmUp().setMainTracker(Tracker.factor().setBaseValue(0.5f).setFactor(0.8f).build())
                        .optWarmUpSteps(4).optWarmUpBeginValue(0.01f).optWarmUpMode(WarmUpTracker.Mode.CONSTANT)
                        .build());
        Map<String, Object> poly = args("type", "djl.PolynomialDecayTracker", "base_value", 1.0,
                "end_learning_rate", 0.05, "decay_steps", 6L);
        write("WarmUpTracker", "linear_begin_poly", 14,
                args("main_tracker", poly, "warm_up_steps", 5L, "warm_up_begin_value", 0.1),
                () -> Tracker.warmUp().setMainTracker(PolynomialDecayTracker.builder().setBaseValue(1f)
                        .setEndLearningRate(0.05f).setDecaySteps(6).build())
                        .optWarmUpSteps(5).optWarmUpBeginValue(0.1f).build());
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }

    private void write(String tracker, String caseName, int steps, Map<String, Object> args, Supplier<Tracker> make)
            throws IOException {
        Tracker t = make.get();
        List<Float> values = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            values.add(t.getNewValue(s + 1));
        }
        StringBuilder json = new StringBuilder();
        json.append("{\n \"anchor\": ").append(quote("djl." + tracker)).append(",\n");
        json.append(" \"case\": ").append(quote(caseName)).append(",\n");
        json.append(" \"source\": ").append(quote(SOURCE)).append(",\n");
        json.append(" \"precision\": \"float32\",\n");
        json.append(" \"args\": ").append(value(args)).append(",\n");
        json.append(" \"values\": {\n  \"lr\": [");
        for (int i = 0; i < values.size(); i++) {
            json.append(i == 0 ? "\n   " : ",\n   ").append(number(values.get(i)));
        }
        json.append("\n  ]\n }\n}\n");
        Files.writeString(out.resolve(tracker + "__" + caseName + ".json"), json, StandardCharsets.UTF_8);
    }

    private static String value(Object v) {
        if (v instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(first ? "" : ", ").append(quote((String) e.getKey())).append(": ").append(value(e.getValue()));
                first = false;
            }
            return sb.append("}").toString();
        }
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(value(list.get(i)));
            }
            return sb.append("]").toString();
        }
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Double d) {
            return number(d);
        }
        return String.valueOf(v); // Long, Boolean
    }

    /** The float widened to double, in a form that parses back to the same double. */
    private static String number(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalStateException("not finite: " + d);
        }
        return Double.toString(d);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
