package dev.schedtune.dsl.spec;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Checks a spec against its kind's parameters, builds nested specs, and calls the kind's factory. */
final class SpecBuilder {
    private final KindRegistry registry;

    SpecBuilder(KindRegistry registry) {
        this.registry = registry;
    }

    Object build(ScheduleSpec spec, String path) {
        Kind kind = registry.find(spec.kind())
                .orElseThrow(() -> new SpecException(
                        path,
                        "unknown type '" + spec.kind() + "'"
                                + Suggestions.didYouMean(spec.kind(), names())
                                + "; run 'schedtune presets' to list every type"));
        for (String given : spec.args().keySet()) {
            if (kind.param(given).isEmpty()) {
                List<String> known = kind.params().stream().map(Param::name).toList();
                throw new SpecException(
                        path + "." + given,
                        "unknown field '" + given + "' for type '" + kind.name() + "'"
                                + Suggestions.didYouMean(given, known) + "; allowed fields: "
                                + String.join(", ", known));
            }
        }
        Map<String, Object> args = new LinkedHashMap<>();
        for (Param param : kind.params()) {
            String at = path + "." + param.name();
            Object value = spec.arg(param.name());
            if (value == null) {
                if (param.isRequired()) {
                    throw new SpecException(
                            at,
                            "missing required field '" + param.name() + "' ("
                                    + param.type().name().toLowerCase(Locale.ROOT) + ", " + param.allowed()
                                    + ")");
                }
                Object dflt = param.defaultValue();
                if (dflt != null) {
                    args.put(param.name(), convert(param, dflt, at));
                }
                continue;
            }
            args.put(param.name(), convert(param, value, at));
        }
        try {
            return kind.create(args);
        } catch (SpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            Param named = named(message, kind);
            if (named == null) {
                throw new SpecException(path, message, e);
            }
            // Java factories name parameters in camelCase; configs spell them in snake_case
            String problem = message.startsWith(named.name())
                    ? message
                    : named.name() + message.substring(camel(named.name()).length());
            // "boundaries[1] (100.0) must be >= ..." points at the element
            String element = "";
            int open = named.name().length();
            int close = problem.indexOf(']', open);
            if (problem.startsWith("[", open)
                    && close > open + 1
                    && problem.substring(open + 1, close).matches("[0-9]+")) {
                element = problem.substring(open, close + 1);
            }
            throw new SpecException(path + "." + named.name() + element, problem, e);
        }
    }

    /** The parameter the factory's message starts with (in snake_case or camelCase), if any. */
    private static @Nullable Param named(String message, Kind kind) {
        for (Param p : kind.params()) {
            for (String form : new String[] {p.name(), camel(p.name())}) {
                if (message.startsWith(form + " ")
                        || message.startsWith(form + "(")
                        || message.startsWith(form + "[")
                        || message.startsWith(form + ":")) {
                    return p;
                }
            }
        }
        return null;
    }

    /** {@code max_lr} as {@code maxLr}. */
    static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }

    private Collection<String> names() {
        return registry.kinds().stream().map(Kind::name).toList();
    }

    private Object convert(Param param, Object value, String at) {
        switch (param.type()) {
            case NUMBER:
                return number(value, at, param);
            case INTEGER:
                return integer(value, at, param);
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return value;
                }
                throw wrongType(at, value, "true or false");
            case STRING:
                if (value instanceof String) {
                    return value;
                }
                throw wrongType(at, value, "a string");
            case CHOICE:
                if (value instanceof String && param.choices().contains(value)) {
                    return value;
                }
                throw new SpecException(
                        at,
                        "got " + show(value) + "; allowed: " + param.allowed()
                                + (value instanceof String
                                        ? Suggestions.didYouMean((String) value, param.choices())
                                        : ""));
            case NUMBER_LIST:
            case INTEGER_LIST: {
                List<?> list = list(
                        value, at, param.type() == ParamType.NUMBER_LIST ? "a list of numbers" : "a list of integers");
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    String ai = at + "[" + i + "]";
                    // not a ternary: Double and Long operands would both be unboxed to double
                    if (param.type() == ParamType.NUMBER_LIST) {
                        out.add(number(list.get(i), ai, param));
                    } else {
                        out.add(integer(list.get(i), ai, param));
                    }
                }
                return List.copyOf(out);
            }
            case NUMBER_MAP: {
                if (!(value instanceof Map<?, ?>)) {
                    throw wrongType(at, value, "a map of numbers");
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    out.put(String.valueOf(e.getKey()), number(e.getValue(), at + "." + e.getKey(), param));
                }
                return Collections.unmodifiableMap(out);
            }
            case SCHEDULE:
                return schedule(value, at);
            case SCHEDULE_LIST: {
                List<?> list = list(value, at, "a list of schedules");
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    out.add(schedule(list.get(i), at + "[" + i + "]"));
                }
                return List.copyOf(out);
            }
            case SCHEDULE_MAP: {
                if (!(value instanceof Map<?, ?>)) {
                    throw wrongType(at, value, "a map from hyperparameter names to schedules");
                }
                ScheduleSet.Builder set = ScheduleSet.builder();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    set.put(String.valueOf(e.getKey()), schedule(e.getValue(), at + "." + e.getKey()));
                }
                return set.build();
            }
            case DOCUMENT:
                if (value instanceof Map<?, ?>) {
                    return value;
                }
                throw wrongType(at, value, "a document (map of fields)");
            case DOCUMENT_LIST: {
                List<?> list = list(value, at, "a list of documents");
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof Map<?, ?>)) {
                        throw wrongType(at + "[" + i + "]", list.get(i), "a document (map of fields)");
                    }
                }
                return list;
            }
            case SPEC:
                if (value instanceof ScheduleSpec) {
                    return value;
                }
                throw wrongType(at, value, "a schedule document with a 'type' field");
            default:
                throw new AssertionError(param.type());
        }
    }

    private Schedule schedule(Object value, String at) {
        if (value instanceof Schedule) {
            return (Schedule) value;
        }
        if (value instanceof ScheduleSpec) {
            return registry.buildSchedule((ScheduleSpec) value, at);
        }
        throw wrongType(at, value, "a schedule document with a 'type' field");
    }

    private static List<?> list(Object value, String at, String expected) {
        if (value instanceof List<?>) {
            return (List<?>) value;
        }
        throw wrongType(at, value, expected);
    }

    private static Double number(Object value, String at, Param param) {
        if (value instanceof Number && !(value instanceof Double) && !(value instanceof Float)) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Number) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new SpecException(at, "got " + d + "; must be a finite number, " + param.allowed());
            }
            return d;
        }
        throw wrongType(at, value, "a number, " + param.allowed());
    }

    private static Long integer(Object value, String at, Param param) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                return (long) d;
            }
            throw new SpecException(at, "got " + value + "; must be a whole number, " + param.allowed());
        }
        throw wrongType(at, value, "a whole number, " + param.allowed());
    }

    private static SpecException wrongType(String at, @Nullable Object value, String expected) {
        return new SpecException(at, "got " + show(value) + "; expected " + expected);
    }

    private static String show(@Nullable Object value) {
        if (value instanceof String) {
            return "'" + value + "' (a string)";
        }
        if (value instanceof ScheduleSpec) {
            return "a schedule of type '" + ((ScheduleSpec) value).kind() + "'";
        }
        if (value instanceof Map<?, ?>) {
            return "a document";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(value);
    }
}
