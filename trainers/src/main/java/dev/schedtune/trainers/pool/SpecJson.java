package dev.schedtune.trainers.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ScheduleSpec} to and from a JSON tree, losslessly (the wire format between the pool and its
 * workers, not a user-facing config format).
 *
 * <p>A spec is {@code {"kind": k, "args": {name: value, ...}}} with arguments in order. Values: JSON
 * integers are Longs, JSON reals are Doubles (Jackson always writes a Double with a fraction or exponent),
 * booleans, strings and arrays as themselves; a nested spec is {@code {"spec": {...}}}, a map argument
 * {@code {"map": {...}}}, and a non-finite double {@code {"double": "NaN"}}.
 */
final class SpecJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SpecJson() {}

    static ObjectNode write(ScheduleSpec spec) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", spec.kind());
        ObjectNode args = node.putObject("args");
        spec.args().forEach((name, value) -> args.set(name, value(value)));
        return node;
    }

    private static JsonNode value(Object value) {
        if (value instanceof Long) {
            return NODES.numberNode((Long) value);
        }
        if (value instanceof Double) {
            double d = (Double) value;
            if (!Double.isFinite(d)) {
                ObjectNode special = NODES.objectNode();
                special.put("double", Double.toString(d));
                return special;
            }
            return NODES.numberNode(d);
        }
        if (value instanceof Boolean) {
            return NODES.booleanNode((Boolean) value);
        }
        if (value instanceof String) {
            return NODES.textNode((String) value);
        }
        if (value instanceof ScheduleSpec) {
            ObjectNode wrapped = NODES.objectNode();
            wrapped.set("spec", write((ScheduleSpec) value));
            return wrapped;
        }
        if (value instanceof List<?>) {
            ArrayNode array = NODES.arrayNode();
            for (Object element : (List<?>) value) {
                array.add(value(element));
            }
            return array;
        }
        if (value instanceof Map<?, ?>) {
            ObjectNode map = NODES.objectNode();
            ObjectNode entries = map.putObject("map");
            ((Map<?, ?>) value).forEach((k, v) -> entries.set((String) k, value(v)));
            return map;
        }
        throw new IllegalArgumentException(
                "spec argument of type " + value.getClass().getName() + " has no JSON form");
    }

    static ScheduleSpec read(JsonNode node) {
        JsonNode kind = node.get("kind");
        JsonNode args = node.get("args");
        if (kind == null || !kind.isTextual() || args == null || !args.isObject()) {
            throw new IllegalArgumentException("a schedule spec needs \"kind\" (text) and \"args\" (object): " + node);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : args.properties()) {
            values.put(field.getKey(), readValue(field.getValue()));
        }
        return ScheduleSpec.of(kind.asText(), values);
    }

    private static Object readValue(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(e -> list.add(readValue(e)));
            return list;
        }
        if (node.isObject() && node.size() == 1) {
            if (node.has("spec")) {
                return read(node.get("spec"));
            }
            if (node.has("double")) {
                return Double.parseDouble(node.get("double").asText());
            }
            if (node.has("map")) {
                Map<String, Object> map = new LinkedHashMap<>();
                node.get("map").properties().forEach(e -> map.put(e.getKey(), readValue(e.getValue())));
                return map;
            }
        }
        throw new IllegalArgumentException("not a spec argument value: " + node);
    }
}
