package dev.schedtune.trainers.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schedtune.dsl.NotSpecifiedException;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.train.EpochReport;
import dev.schedtune.trainers.train.TrainingPlan;
import dev.schedtune.trainers.train.TrainingResult;
import dev.schedtune.trainers.train.TrainingStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Training plans, epoch reports and results as JSON trees, for the pool's line protocol. */
final class PlanJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PlanJson() {}

    /**
     * The plan as JSON.
     *
     * @throws IllegalArgumentException if the plan cannot travel as data: an in-memory task or a schedule
     *     that is a user function
     */
    static ObjectNode write(TrainingPlan plan) {
        if (!plan.task().isPortable()) {
            throw new IllegalArgumentException("an in-memory task cannot be sent to a worker process;"
                    + " describe it as data (a CSV file or a built-in task) or train in this JVM");
        }
        ObjectNode node = NODES.objectNode();
        node.set("task", kindAndParams(plan.task().kind(), plan.task().params()));
        node.set("model", kindAndParams(plan.model().kindName(), plan.model().params()));
        node.set(
                "optimizer",
                kindAndParams(
                        plan.optimizer().kind().configName(), plan.optimizer().params()));
        try {
            node.set("schedules", SpecJson.write(plan.schedules().spec()));
        } catch (NotSpecifiedException e) {
            throw new IllegalArgumentException(
                    "the schedules cannot be sent to a worker process: " + e.getMessage()
                            + " (or train in this JVM with TrainingLoop)",
                    e);
        }
        node.put("epochs", plan.epochs());
        node.put("batch_size", plan.batchSize());
        node.put("seed", plan.seed());
        if (plan.evaluatesTest()) {
            node.put("evaluate_test", true);
        }
        plan.resumeFrom().ifPresent(p -> node.put("resume_from", p.toString()));
        plan.saveTo().ifPresent(p -> node.put("save_to", p.toString()));
        return node;
    }

    static TrainingPlan read(JsonNode node) {
        TaskSpec task = TaskSpec.of(
                node.get("task").get("kind").asText(), params(node.get("task").get("params")));
        ModelSpec model = ModelSpec.of(
                node.get("model").get("kind").asText(), params(node.get("model").get("params")));
        OptimizerSpec optimizer = OptimizerSpec.of(
                node.get("optimizer").get("kind").asText(),
                params(node.get("optimizer").get("params")));
        Object built = KindRegistry.builtIn().build(SpecJson.read(node.get("schedules")));
        ScheduleSet schedules = built instanceof ScheduleSet ? (ScheduleSet) built : ScheduleSet.of((Schedule) built);
        return TrainingPlan.builder(task, model, schedules)
                .optimizer(optimizer)
                .epochs(node.get("epochs").asInt())
                .batchSize(node.get("batch_size").asInt())
                .seed(node.get("seed").asLong())
                .evaluateTest(node.path("evaluate_test").asBoolean(false))
                .resumeFrom(
                        node.hasNonNull("resume_from")
                                ? Path.of(node.get("resume_from").asText())
                                : null)
                .saveTo(node.hasNonNull("save_to") ? Path.of(node.get("save_to").asText()) : null)
                .build();
    }

    private static ObjectNode kindAndParams(String kind, Map<String, Object> params) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", kind);
        ObjectNode p = node.putObject("params");
        params.forEach((k, v) -> p.set(k, plain(v)));
        return node;
    }

    private static JsonNode plain(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof Boolean) {
            return NODES.booleanNode((Boolean) value);
        }
        if (value instanceof List<?>) {
            ArrayNode array = NODES.arrayNode();
            ((List<?>) value).forEach(e -> array.add(plain(e)));
            return array;
        }
        return NODES.textNode(value.toString());
    }

    private static Map<String, Object> params(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), plainValue(e.getValue())));
        return out;
    }

    private static Object plainValue(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(e -> list.add(plainValue(e)));
            return list;
        }
        return node.asText();
    }

    static ObjectNode write(EpochReport r) {
        ObjectNode node = NODES.objectNode();
        node.put("epoch", r.epoch());
        node.put("steps", r.steps());
        number(node, "train_loss", r.trainLoss());
        number(node, "validation_loss", r.validationLoss());
        number(node, "validation_accuracy", r.validationAccuracy());
        number(node, "seconds", r.seconds());
        number(node, "lr", r.lr());
        return node;
    }

    static EpochReport readEpoch(JsonNode node) {
        return new EpochReport(
                node.get("epoch").asInt(),
                node.get("steps").asLong(),
                number(node.get("train_loss")),
                number(node.get("validation_loss")),
                number(node.get("validation_accuracy")),
                number(node.get("seconds")),
                number(node.get("lr")));
    }

    static ObjectNode write(TrainingResult r) {
        ObjectNode node = NODES.objectNode();
        node.put("status", r.status().name());
        ArrayNode epochs = node.putArray("epochs");
        r.epochs().forEach(e -> epochs.add(write(e)));
        node.put("steps", r.steps());
        number(node, "seconds", r.seconds());
        number(node, "setup_seconds", r.setupSeconds());
        number(node, "engine_start_seconds", r.engineStartSeconds());
        node.put("diverged_at_step", r.divergedAtStep());
        node.put("message", r.message());
        if (!Double.isNaN(r.testLoss())) {
            number(node, "test_loss", r.testLoss());
            number(node, "test_accuracy", r.testAccuracy());
        }
        r.checkpoint().ifPresent(c -> node.put("checkpoint", c));
        return node;
    }

    static TrainingResult readResult(JsonNode node) {
        List<EpochReport> epochs = new ArrayList<>();
        node.get("epochs").forEach(e -> epochs.add(readEpoch(e)));
        TrainingResult result = new TrainingResult(
                TrainingStatus.valueOf(node.get("status").asText()),
                epochs,
                node.get("steps").asLong(),
                number(node.get("seconds")),
                number(node.get("setup_seconds")),
                number(node.get("engine_start_seconds")),
                node.get("diverged_at_step").asLong(),
                node.get("message").asText());
        if (node.has("test_loss")) {
            result = result.withTest(number(node.get("test_loss")), number(node.get("test_accuracy")));
        }
        return node.hasNonNull("checkpoint")
                ? result.withCheckpoint(node.get("checkpoint").asText())
                : result;
    }

    /** Doubles that may be NaN or infinite travel as strings. */
    private static void number(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.put(name, Double.toString(value));
        }
    }

    private static double number(JsonNode node) {
        return node.isTextual() ? Double.parseDouble(node.asText()) : node.asDouble();
    }
}
