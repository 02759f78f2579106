package dev.schedtune.dsl.spec;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One argument of a {@link Kind}: its name as configs spell it (for presets, exactly as the anchor
 * library spells its keyword argument), its type, whether it is required, its default, and the range
 * it allows in words (used in error messages and in {@code schedtune presets}).
 */
public final class Param {
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

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof Param)) {
            return false;
        }
        Param p = (Param) o;
        return name.equals(p.name)
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
