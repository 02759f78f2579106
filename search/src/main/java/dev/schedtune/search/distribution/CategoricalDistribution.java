package dev.schedtune.search.distribution;

import dev.schedtune.search.internal.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One of a list of choices, each {@code null}, a {@link Boolean}, a number or a {@link String} (the types
 * Optuna stores). Choices are kept in normal form: integral numbers as {@link Long}, floating ones as
 * {@link Double}. Internal form: the index of the choice.
 */
public final class CategoricalDistribution extends Distribution {
    private final List<@Nullable Object> choices;

    private CategoricalDistribution(List<@Nullable Object> choices) {
        this.choices = choices;
    }

    /**
     * The given choices, at least one, no duplicates.
     *
     * @throws IllegalArgumentException on an empty list, a duplicate, a NaN or a choice of another type
     */
    public static CategoricalDistribution of(List<?> choices) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("choices must not be empty");
        }
        List<@Nullable Object> normal = new ArrayList<>(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            Object c = choices.get(i);
            Object n = Json.normalize(c, "choice " + i);
            if (n instanceof List<?> || n instanceof Map<?, ?>) {
                throw new IllegalArgumentException("choice " + i + " (" + c
                        + ") must be null, a Boolean, a number, a String or an enum, not a collection");
            }
            if (n instanceof Double && !Double.isFinite((Double) n)) {
                throw new IllegalArgumentException("choice " + i + " (" + c + ") must be finite");
            }
            if (normal.contains(n)) {
                throw new IllegalArgumentException("choice " + i + " (" + c + ") is a duplicate; choices " + choices);
            }
            normal.add(n);
        }
        return new CategoricalDistribution(Collections.unmodifiableList(normal));
    }

    /** The choices in normal form. */
    public List<@Nullable Object> choices() {
        return choices;
    }

    public int size() {
        return choices.size();
    }

    /** The index of a choice given in any (normalisable) form, or -1. */
    public int indexOf(@Nullable Object choice) {
        Object n;
        try {
            n = Json.normalize(choice, "choice");
        } catch (IllegalArgumentException e) {
            return -1;
        }
        return choices.indexOf(n);
    }

    @Override
    public double toInternal(@Nullable Object external) {
        int i = indexOf(external);
        if (i < 0) {
            throw new IllegalArgumentException("value " + external + " is not one of the choices " + choices);
        }
        return i;
    }

    @Override
    public @Nullable Object toExternal(double internal) {
        if (!contains(internal)) {
            throw new IllegalArgumentException(
                    "index " + internal + " is not a choice index in [0, " + (choices.size() - 1) + "]");
        }
        return choices.get((int) internal);
    }

    @Override
    public boolean contains(double internal) {
        return internal >= 0 && internal < choices.size() && internal == Math.rint(internal);
    }

    @Override
    public boolean isSingle() {
        return choices.size() == 1;
    }

    @Override
    public double fromUnit(double u) {
        return Math.min(choices.size() - 1, (int) Math.floor(clampUnit(u) * choices.size()));
    }

    @Override
    public double toUnit(double internal) {
        return (Math.rint(internal) + 0.5) / choices.size();
    }

    @Override
    public boolean isCompatibleWith(Distribution other) {
        return equals(other);
    }

    @Override
    public String describe() {
        return "one of " + choices;
    }

    @Override
    String optunaName() {
        return "CategoricalDistribution";
    }

    @Override
    Map<String, @Nullable Object> attributes() {
        Map<String, @Nullable Object> a = new LinkedHashMap<>();
        a.put("choices", choices);
        return a;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CategoricalDistribution && ((CategoricalDistribution) o).choices.equals(choices);
    }

    @Override
    public int hashCode() {
        return choices.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
