package dev.schedtune.dsl.spec;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A schedule as data: the name of its kind (for example {@code "cosine"} or {@code "torch.OneCycleLR"})
 * and its arguments, enough for {@link KindRegistry} to rebuild an equal schedule.
 *
 * <p>Argument values are {@link Double}, {@link Long}, {@link Boolean}, {@link String}, nested {@code
 * ScheduleSpec}s, and immutable {@link List}s or {@link Map}s (string keys) of those. Integers are
 * normalised to {@code Long} and other numbers to {@code Double}, so two specs built from equal values
 * are equal. Arguments keep their insertion order, which is the order writers print them in.
 */
public final class ScheduleSpec {
    private final String kind;
    private final ImmutableMap<String, Object> args;

    private ScheduleSpec(String kind, ImmutableMap<String, Object> args) {
        this.kind = kind;
        this.args = args;
    }

    /** A spec of {@code kind} with {@code args} (in the map's iteration order). */
    public static ScheduleSpec of(String kind, Map<String, ?> args) {
        checkArgument(!kind.isBlank(), "kind must not be blank");
        ImmutableMap.Builder<String, Object> copy = ImmutableMap.builder();
        args.forEach((name, value) -> copy.put(name, normalise(name, value)));
        return new ScheduleSpec(kind, copy.buildOrThrow());
    }

    /** A spec of {@code kind} without arguments. */
    public static ScheduleSpec of(String kind) {
        return of(kind, ImmutableMap.of());
    }

    /** Starts a spec of {@code kind}; add arguments in the order they should be printed. */
    public static Builder builder(Kind kind) {
        return builder(kind.name());
    }

    /** A builder of a spec of kind {@code kind}, arguments in print order. */
    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    /** The kind's name as registered in {@link KindRegistry}. */
    public String kind() {
        return kind;
    }

    /** The arguments by name, in insertion order. */
    public Map<String, Object> args() {
        return args;
    }

    /** The argument {@code name}, or null when absent. */
    public @Nullable Object arg(String name) {
        return args.get(name);
    }

    private static Object normalise(String name, @Nullable Object value) {
        checkArgument(value != null, "argument '%s' must not be null", name);
        if (value instanceof Double || value instanceof Long || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof Enum<?>) {
            return ((Enum<?>) value).name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof ScheduleSpec) {
            return value;
        }
        if (value instanceof double[]) {
            return Arrays.stream((double[]) value).boxed().collect(ImmutableList.toImmutableList());
        }
        if (value instanceof long[]) {
            return Arrays.stream((long[]) value).boxed().collect(ImmutableList.toImmutableList());
        }
        if (value instanceof List<?>) {
            ImmutableList.Builder<Object> list = ImmutableList.builder();
            for (Object element : (List<?>) value) {
                list.add(normalise(name, element));
            }
            return list.build();
        }
        if (value instanceof Map<?, ?>) {
            ImmutableMap.Builder<String, Object> map = ImmutableMap.builder();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                checkArgument(e.getKey() instanceof String, "argument '%s' has a non-string key %s", name, e.getKey());
                map.put((String) e.getKey(), normalise(name, e.getValue()));
            }
            return map.buildOrThrow();
        }
        throw new IllegalArgumentException("argument '" + name + "' has unsupported type "
                + value.getClass().getName() + "; allowed: numbers, booleans, strings, enums, lists, maps, specs");
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ScheduleSpec
                && ((ScheduleSpec) o).kind.equals(kind)
                && ((ScheduleSpec) o).args.equals(args);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, args);
    }

    /** Reads like a call: {@code cosine(init_value=0.1, decay_steps=1000, alpha=0.0)}. */
    @Override
    public String toString() {
        return kind
                + args.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ", "(", ")"));
    }

    /** Collects arguments in print order. */
    public static final class Builder {
        private final String kind;
        private final LinkedHashMap<String, Object> args = new LinkedHashMap<>();

        private Builder(String kind) {
            this.kind = kind;
        }

        /** Adds argument {@code name}. */
        public Builder put(String name, Object value) {
            checkArgument(args.put(name, value) == null, "argument '%s' is given twice", name);
            return this;
        }

        /** Adds the argument of {@code param}. */
        public Builder put(Param param, Object value) {
            return put(param.name(), value);
        }

        /** Adds argument {@code name} unless {@code value} is null (an unset optional argument). */
        public Builder putIfPresent(String name, @Nullable Object value) {
            return value == null ? this : put(name, value);
        }

        /** The spec. */
        public ScheduleSpec build() {
            return of(kind, args);
        }
    }
}
