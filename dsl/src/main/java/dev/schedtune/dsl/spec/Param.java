package dev.schedtune.dsl.spec;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.schedtune.dsl.Schedule;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One argument of a {@link Kind}: its name as configs spell it (for presets, exactly as the anchor
 * library spells its keyword argument), its type, whether it is required, its default, and the range
 * it allows in words (used in error messages and in {@code schedtune presets}). A kind's factory reads
 * its checked arguments through the same objects ({@code STEPS.number(args)}), and a class writes its
 * spec with them ({@code spec.put(STEPS, steps)}).
 */
public final class Param {
    /** {@link #allowed()} of a number that may be anything finite. */
    public static final String FINITE = "a finite number";
    /** {@link #allowed()} of a number that must be positive. */
    public static final String POSITIVE = "> 0";
    /** {@link #allowed()} of a number that must not be negative. */
    public static final String NON_NEGATIVE = ">= 0";
    /** {@link #allowed()} of a boolean. */
    public static final String BOOLEAN = "true or false";

    /** The nested schedule of a combinator, {@code schedule}. */
    public static final Param INNER = required("schedule", ParamType.SCHEDULE, "a schedule", "the inner schedule");

    private final String name;
    private final ParamType type;
    private final boolean required;
    private final @Nullable Object defaultValue;
    private final ImmutableList<String> choices;
    private final String allowed;
    private final String description;

    private Param(
            String name,
            ParamType type,
            boolean required,
            @Nullable Object defaultValue,
            List<String> choices,
            String allowed,
            String description) {
        this.name = name;
        this.type = type;
        this.required = required;
        this.defaultValue = defaultValue;
        this.choices = ImmutableList.copyOf(choices);
        this.allowed = allowed;
        this.description = description;
    }

    /** A required argument. {@code allowed} says in words what values are valid, e.g. "> 0". */
    public static Param required(String name, ParamType type, String allowed, String description) {
        return new Param(name, type, true, null, List.of(), allowed, description);
    }

    /**
     * An optional argument with a default ({@code null} default = "absent", meaning the kind decides,
     * e.g. PyTorch's {@code total_steps=None}).
     */
    public static Param optional(
            String name, ParamType type, @Nullable Object defaultValue, String allowed, String description) {
        return new Param(name, type, false, defaultValue, List.of(), allowed, description);
    }

    /** A required or optional argument that must be one of {@code choices}. */
    public static Param choice(String name, @Nullable String defaultValue, List<String> choices, String description) {
        checkArgument(!choices.isEmpty(), "choices of %s must not be empty", name);
        checkArgument(
                defaultValue == null || choices.contains(defaultValue), "default %s not in %s", defaultValue, choices);
        return new Param(
                name,
                ParamType.CHOICE,
                defaultValue == null,
                defaultValue,
                choices,
                "one of " + String.join(", ", choices),
                description);
    }

    /** A choice among the lower-case names of an enum's {@code values}, defaulting to {@code defaultValue}. */
    public static Param choice(String name, Enum<?> defaultValue, Enum<?>[] values, String description) {
        return choice(
                name,
                defaultValue.name().toLowerCase(Locale.ROOT),
                Arrays.stream(values)
                        .map(v -> v.name().toLowerCase(Locale.ROOT))
                        .toList(),
                description);
    }

    /** {@code params} followed by {@code more}: the parameters of a variant of a kind. */
    public static List<Param> append(List<Param> params, Param... more) {
        return ImmutableList.<Param>builder().addAll(params).add(more).build();
    }

    public String name() {
        return name;
    }

    public ParamType type() {
        return type;
    }

    public boolean isRequired() {
        return required;
    }

    /** The default when the argument is omitted, or null when it has none (or "absent" is the default). */
    public @Nullable Object defaultValue() {
        return defaultValue;
    }

    /** For {@link ParamType#CHOICE}: the allowed strings; otherwise empty. */
    public List<String> choices() {
        return choices;
    }

    /** The allowed range in words, e.g. "> 0" or "in [0, 1)". */
    public String allowed() {
        return allowed;
    }

    public String description() {
        return description;
    }

    // reads of this argument from the checked arguments a Kind.Factory receives

    /** Whether the argument is given (not absent). */
    public boolean isGiven(Map<String, ?> args) {
        return args.get(name) != null;
    }

    public double number(Map<String, ?> args) {
        return ((Number) present(args)).doubleValue();
    }

    /** The number, or {@code absent} when it is not given. */
    public double number(Map<String, ?> args, double absent) {
        return isGiven(args) ? number(args) : absent;
    }

    public long integer(Map<String, ?> args) {
        return ((Number) present(args)).longValue();
    }

    public boolean bool(Map<String, ?> args) {
        return (Boolean) present(args);
    }

    public String string(Map<String, ?> args) {
        return (String) present(args);
    }

    /** The enum constant whose lower-case name was given. */
    public <E extends Enum<E>> E choice(Map<String, ?> args, Class<E> type) {
        return Enum.valueOf(type, string(args).toUpperCase(Locale.ROOT));
    }

    public Schedule schedule(Map<String, ?> args) {
        return (Schedule) present(args);
    }

    public @Nullable Schedule scheduleOrNull(Map<String, ?> args) {
        return (Schedule) args.get(name);
    }

    @SuppressWarnings("unchecked")
    public List<Schedule> schedules(Map<String, ?> args) {
        return (List<Schedule>) present(args);
    }

    public double[] numbers(Map<String, ?> args) {
        return ((List<?>) present(args))
                .stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    /** The argument as the factory received it. */
    public Object raw(Map<String, ?> args) {
        return present(args);
    }

    private Object present(Map<String, ?> args) {
        Object v = args.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Param p
                && name.equals(p.name)
                && type == p.type
                && required == p.required
                && Objects.equals(defaultValue, p.defaultValue)
                && choices.equals(p.choices)
                && allowed.equals(p.allowed)
                && description.equals(p.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, required, defaultValue, choices, allowed);
    }

    @Override
    public String toString() {
        return name + ":" + type + (required ? "" : "=" + defaultValue);
    }
}
