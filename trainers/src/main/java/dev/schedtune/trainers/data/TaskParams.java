package dev.schedtune.trainers.data;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The parameters each task kind accepts: name, type, default and allowed range. Checks a parameter map
 * and returns it normalised (integers as Long, numbers as Double, defaults filled in, declaration order),
 * so two specs describing the same task are equal.
 */
final class TaskParams {
    enum Type {
        INTEGER,
        NUMBER,
        BOOLEAN,
        STRING,
        STRING_LIST,
        /** A column name (String) or a 1-based column number (Long). */
        COLUMN
    }

    static final class Param {
        final String name;
        final Type type;
        final @Nullable Object defaultValue;
        final boolean required;
        final Predicate<Object> valid;
        final String allowed;

        Param(
                String name,
                Type type,
                @Nullable Object defaultValue,
                boolean required,
                Predicate<Object> valid,
                String allowed) {
            this.name = name;
            this.type = type;
            this.defaultValue = defaultValue;
            this.required = required;
            this.valid = valid;
            this.allowed = allowed;
        }
    }

    private static Param integer(String name, long defaultValue, long min) {
        return new Param(name, Type.INTEGER, defaultValue, false, v -> (Long) v >= min, ">= " + min);
    }

    private static Param positive(String name, double defaultValue) {
        return new Param(name, Type.NUMBER, defaultValue, false, v -> (Double) v > 0, "> 0");
    }

    private static Param nonNegative(String name, double defaultValue) {
        return new Param(name, Type.NUMBER, defaultValue, false, v -> (Double) v >= 0, ">= 0");
    }

    private static Param seed(String name) {
        return new Param(name, Type.INTEGER, 0L, false, v -> true, "any integer");
    }

    private static final List<Param> SPLIT = List.of(
            new Param(
                    "validation_fraction", Type.NUMBER, 0.2, false, v -> (Double) v > 0 && (Double) v < 1, "in (0, 1)"),
            seed("split_seed"));

    /** The held-out test split, carved (stratified, with a fixed seed) before the validation split. */
    private static Param testFraction(double defaultValue) {
        return new Param(
                "test_fraction", Type.NUMBER, defaultValue, false, v -> (Double) v >= 0 && (Double) v < 1, "in [0, 1)");
    }

    private static final ImmutableMap<String, ImmutableList<Param>> KINDS = ImmutableMap.of(
            TaskSpec.DIGITS,
            ImmutableList.<Param>builder().add(testFraction(0.2)).addAll(SPLIT).build(),
            TaskSpec.FASHION_MNIST,
            ImmutableList.<Param>builder()
                    .add(
                            new Param("path", Type.STRING, null, false, v -> !((String) v).isBlank(), "a folder path"),
                            new Param(
                                    "train_subset",
                                    Type.INTEGER,
                                    60_000L,
                                    false,
                                    v -> (Long) v >= 100 && (Long) v <= 60_000,
                                    "in [100, 60000]"),
                            new Param(
                                    "test_subset",
                                    Type.INTEGER,
                                    10_000L,
                                    false,
                                    v -> (Long) v >= 10 && (Long) v <= 10_000,
                                    "in [10, 10000]"),
                            seed("subset_seed"))
                    .addAll(SPLIT)
                    .build(),
            TaskSpec.TWO_SPIRALS,
            ImmutableList.<Param>builder()
                    .add(integer("samples", 1000, 10), nonNegative("noise", 0.05), seed("seed"))
                    .add(testFraction(0))
                    .addAll(SPLIT)
                    .build(),
            TaskSpec.BLOBS,
            ImmutableList.<Param>builder()
                    .add(
                            integer("samples", 1000, 10),
                            integer("features", 2, 1),
                            integer("centers", 3, 2),
                            positive("spread", 1.0),
                            seed("seed"))
                    .add(testFraction(0))
                    .addAll(SPLIT)
                    .build(),
            TaskSpec.TEACHER_STUDENT,
            ImmutableList.<Param>builder()
                    .add(
                            integer("samples", 2000, 10),
                            integer("features", 16, 1),
                            integer("outputs", 1, 1),
                            integer("hidden", 32, 1),
                            nonNegative("noise", 0.1),
                            seed("seed"))
                    .add(testFraction(0))
                    .addAll(SPLIT)
                    .build(),
            TaskSpec.CSV,
            ImmutableList.<Param>builder()
                    .add(
                            new Param("path", Type.STRING, null, true, v -> !((String) v).isBlank(), "a file path"),
                            new Param(
                                    "validation_path",
                                    Type.STRING,
                                    null,
                                    false,
                                    v -> !((String) v).isBlank(),
                                    "a file path"),
                            new Param(
                                    "label",
                                    Type.COLUMN,
                                    null,
                                    false,
                                    v -> !(v instanceof Long) || (Long) v >= 1,
                                    "a column name or a column number >= 1 (default: the last column)"),
                            new Param(
                                    "type",
                                    Type.STRING,
                                    "classification",
                                    false,
                                    v -> v.equals("classification") || v.equals("regression"),
                                    "classification or regression"),
                            new Param(
                                    "classes", Type.STRING_LIST, List.of(), false, v -> true, "a list of class names"),
                            new Param("header", Type.BOOLEAN, true, false, v -> true, "true or false"),
                            new Param("standardize", Type.BOOLEAN, false, false, v -> true, "true or false"),
                            new Param(
                                    "test_path", Type.STRING, null, false, v -> !((String) v).isBlank(), "a file path"),
                            testFraction(0))
                    .addAll(SPLIT)
                    .build());

    private TaskParams() {}

    static Set<String> kinds() {
        return KINDS.keySet();
    }

    /** {@code params} checked against {@code kind} and normalised; errors name kind, parameter and value. */
    static ImmutableMap<String, Object> check(String kind, Map<String, ?> params) {
        ImmutableList<Param> declared = KINDS.get(kind);
        if (declared == null) {
            throw new IllegalArgumentException("task kind '" + kind + "' is unknown; known kinds: " + kinds());
        }
        for (String name : params.keySet()) {
            if (declared.stream().noneMatch(p -> p.name.equals(name))) {
                throw new IllegalArgumentException("task " + kind + " has no parameter '" + name + "'; parameters: "
                        + declared.stream().map(p -> p.name).toList());
            }
        }
        ImmutableMap.Builder<String, Object> out = ImmutableMap.builder();
        for (Param p : declared) {
            Object raw = params.get(p.name);
            if (raw == null) {
                if (p.required) {
                    throw new IllegalArgumentException(
                            "task " + kind + " needs parameter '" + p.name + "' (" + p.allowed + ")");
                }
                if (p.defaultValue != null) {
                    out.put(p.name, p.defaultValue);
                }
                continue;
            }
            Object value = normalise(kind, p, raw);
            if (!p.valid.test(value)) {
                throw new IllegalArgumentException(
                        "task " + kind + " parameter '" + p.name + "' (" + value + ") must be " + p.allowed);
            }
            out.put(p.name, value);
        }
        return out.buildOrThrow();
    }

    private static Object normalise(String kind, Param p, Object raw) {
        switch (p.type) {
            case INTEGER:
                if (raw instanceof Long || raw instanceof Integer || raw instanceof Short) {
                    return ((Number) raw).longValue();
                }
                if (raw instanceof Double && (Double) raw == Math.rint((Double) raw)) {
                    return ((Double) raw).longValue();
                }
                throw typeError(kind, p, raw, "a whole number");
            case NUMBER:
                if (raw instanceof Number && Double.isFinite(((Number) raw).doubleValue())) {
                    return ((Number) raw).doubleValue();
                }
                throw typeError(kind, p, raw, "a finite number");
            case BOOLEAN:
                if (raw instanceof Boolean) {
                    return raw;
                }
                throw typeError(kind, p, raw, "true or false");
            case STRING:
                if (raw instanceof String) {
                    return raw;
                }
                throw typeError(kind, p, raw, "a string");
            case STRING_LIST:
                if (raw instanceof List<?> && ((List<?>) raw).stream().allMatch(e -> e instanceof String)) {
                    List<?> list = (List<?>) raw;
                    if (list.stream().distinct().count() != list.size()) {
                        throw new IllegalArgumentException(
                                "task " + kind + " parameter '" + p.name + "' " + list + " has duplicates");
                    }
                    return ImmutableList.copyOf(
                            list.stream().map(String.class::cast).toList());
                }
                throw typeError(kind, p, raw, "a list of strings");
            case COLUMN:
                if (raw instanceof String) {
                    return raw;
                }
                if (raw instanceof Long || raw instanceof Integer) {
                    return ((Number) raw).longValue();
                }
                throw typeError(kind, p, raw, "a column name or number");
            default:
                throw new AssertionError(p.type);
        }
    }

    private static IllegalArgumentException typeError(String kind, Param p, Object raw, String expected) {
        return new IllegalArgumentException(
                "task " + kind + " parameter '" + p.name + "' (" + raw + ") must be " + expected);
    }
}
