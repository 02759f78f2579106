package dev.schedtune.dsl.presets;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of one preset call in canonical form: every parameter the caller gave or that has a
 * default, numbers as {@code Double}, whole numbers as {@code Long}, nested schedules as {@link Curve}s,
 * nested documents as immutable maps. Equal calls have equal canonical arguments, whichever path (typed
 * Java factory or config) they came from.
 */
final class Args {
    private final PresetKind kind;
    private final ImmutableMap<String, Object> values;

    private Args(PresetKind kind, ImmutableMap<String, Object> values) {
        this.kind = kind;
        this.values = values;
    }

    /** Fills defaults and normalises types; rejects unknown names and values of the wrong type. */
    static Args canonical(PresetKind kind, Map<String, ?> given) {
        for (String name : given.keySet()) {
            if (kind.params().stream().noneMatch(p -> p.name().equals(name))) {
                throw new IllegalArgumentException(name + " is not a parameter of " + kind.name() + "; parameters: "
                        + kind.params().stream().map(Param::name).toList());
            }
        }
        ImmutableMap.Builder<String, Object> out = ImmutableMap.builder();
        for (Param p : kind.params()) {
            Object v = given.get(p.name());
            if (v == null) {
                v = p.defaultValue();
            }
            if (v == null) {
                if (p.isRequired()) {
                    throw new IllegalArgumentException(
                            p.name() + " is required by " + kind.name() + " (" + p.allowed() + ")");
                }
                continue;
            }
            Object value = convert(kind, p, v);
            if (p.name().equals("base_lr") && p.allowed().equals(Params.BASE_LR_ALLOWED)) {
                // the optimizer's lr: PyTorch's optimizers reject a negative one ("Invalid learning rate")
                Checks.nonNegative("base_lr", (Double) value);
            }
            out.put(p.name(), value);
        }
        return new Args(kind, out.buildOrThrow());
    }

    /** One value in canonical form for parameter {@code p}. */
    static Object convert(PresetKind kind, Param p, Object v) {
        switch (p.type()) {
            case NUMBER:
                return number(p.name(), v);
            case INTEGER:
                return integer(p.name(), v);
            case BOOLEAN:
                return expect(p.name(), v, Boolean.class, "true or false");
            case STRING:
                return expect(p.name(), v, String.class, "a string");
            case CHOICE: {
                String s = v instanceof Enum<?>
                        ? ((Enum<?>) v).name().toLowerCase(Locale.ROOT)
                        : expect(p.name(), v, String.class, p.allowed());
                if (!p.choices().contains(s)) {
                    throw new IllegalArgumentException(p.name() + " ('" + s + "') must be " + p.allowed());
                }
                return s;
            }
            case NUMBER_LIST: {
                ImmutableList.Builder<Double> list = ImmutableList.builder();
                List<?> in = expect(p.name(), v, List.class, "a list of numbers");
                for (int i = 0; i < in.size(); i++) {
                    list.add(number(p.name() + "[" + i + "]", in.get(i)));
                }
                return list.build();
            }
            case INTEGER_LIST: {
                ImmutableList.Builder<Long> list = ImmutableList.builder();
                List<?> in = expect(p.name(), v, List.class, "a list of whole numbers");
                for (int i = 0; i < in.size(); i++) {
                    list.add(integer(p.name() + "[" + i + "]", in.get(i)));
                }
                return list.build();
            }
            case NUMBER_MAP: {
                ImmutableMap.Builder<String, Double> map = ImmutableMap.builder();
                Map<?, ?> in = expect(p.name(), v, Map.class, "a map of numbers");
                in.forEach((key, value) -> map.put(String.valueOf(key), number(p.name() + "." + key, value)));
                return map.buildOrThrow();
            }
            case SCHEDULE:
                return schedule(p.name(), v);
            case SCHEDULE_LIST: {
                ImmutableList.Builder<Curve> list = ImmutableList.builder();
                List<?> in = expect(p.name(), v, List.class, "a list of schedules");
                for (int i = 0; i < in.size(); i++) {
                    list.add(schedule(p.name() + "[" + i + "]", in.get(i)));
                }
                return list.build();
            }
            case DOCUMENT:
                return document(p.name(), v);
            case DOCUMENT_LIST: {
                ImmutableList.Builder<Map<String, Object>> list = ImmutableList.builder();
                List<?> in = expect(p.name(), v, List.class, "a list of documents");
                PresetKind of = kind.documentKind(p.name());
                for (int i = 0; i < in.size(); i++) {
                    ImmutableMap<String, Object> doc = document(p.name() + "[" + i + "]", in.get(i));
                    if (of != null) {
                        try {
                            doc = of.printable(canonical(of, doc).values());
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(
                                    p.name() + ": element " + i + " (" + of.name() + "): " + e.getMessage(), e);
                        }
                    }
                    list.add(doc);
                }
                return list.build();
            }
            default:
                throw new AssertionError(p.type() + " in " + kind.name());
        }
    }

    private static <T> T expect(String name, @Nullable Object v, Class<T> type, String allowed) {
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(name + " (" + v + ") must be " + allowed);
        }
        return type.cast(v);
    }

    private static Double number(String name, @Nullable Object v) {
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(name + " (" + v + ") must be a number");
        }
        double d = ((Number) v).doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(name + " (" + d + ") must be a finite number");
        }
        return d;
    }

    private static Long integer(String name, @Nullable Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                return (long) d;
            }
        }
        throw new IllegalArgumentException(name + " (" + v + ") must be a whole number");
    }

    private static Curve schedule(String name, @Nullable Object v) {
        if (v instanceof Schedule) {
            return Curve.of((Schedule) v);
        }
        throw new IllegalArgumentException(name + " (" + v + ") must be a schedule");
    }

    /** A nested keyword-argument document with its numbers normalised as {@link ScheduleSpec} does. */
    private static ImmutableMap<String, Object> document(String name, @Nullable Object v) {
        Map<?, ?> in = expect(name, v, Map.class, "a document (map of fields)");
        Map<String, Object> copy = new LinkedHashMap<>();
        in.forEach((key, value) -> {
            if (value == null) {
                throw new IllegalArgumentException(name + "." + key + " must not be null");
            }
            copy.put(String.valueOf(key), value);
        });
        return ImmutableMap.copyOf(ScheduleSpec.of("document", copy).args());
    }

    ImmutableMap<String, Object> values() {
        return values;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + " is required by " + kind.name());
        }
        return v;
    }

    double number(String name) {
        return (Double) get(name);
    }

    @Nullable
    Double optionalNumber(String name) {
        return (Double) values.get(name);
    }

    long integer(String name) {
        return (Long) get(name);
    }

    @Nullable
    Long optionalInteger(String name) {
        return (Long) values.get(name);
    }

    boolean bool(String name) {
        return (Boolean) get(name);
    }

    String string(String name) {
        return (String) get(name);
    }

    double[] numbers(String name) {
        @SuppressWarnings("unchecked")
        List<Double> list = (List<Double>) get(name);
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    long[] integers(String name) {
        @SuppressWarnings("unchecked")
        List<Long> list = (List<Long>) get(name);
        return list.stream().mapToLong(Long::longValue).toArray();
    }

    /** The number map, or an empty map when absent. */
    Map<String, Double> numberMap(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Double> map = (Map<String, Double>) values.get(name);
        return map == null ? Map.of() : map;
    }

    Curve schedule(String name) {
        return (Curve) get(name);
    }

    @Nullable
    Curve optionalSchedule(String name) {
        return (Curve) values.get(name);
    }

    List<Curve> schedules(String name) {
        @SuppressWarnings("unchecked")
        List<Curve> list = (List<Curve>) get(name);
        return list;
    }

    /** The document, or an empty map when absent. */
    Map<String, Object> document(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) values.get(name);
        return map == null ? Map.of() : map;
    }

    List<Map<String, Object>> documents(String name) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) get(name);
        return list;
    }
}
