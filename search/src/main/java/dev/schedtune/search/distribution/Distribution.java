package dev.schedtune.search.distribution;

import dev.schedtune.search.internal.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The range a parameter is drawn from. As in Optuna, every value has an <em>external</em> form (what the
 * objective sees: a {@link Double}, a {@link Long} or a categorical choice) and an <em>internal</em> form, a
 * {@code double}: the value itself for floats and integers, the choice's index for categoricals. Samplers and
 * storages work on internal values only.
 *
 * <p>Every distribution also maps the unit interval onto itself ({@link #fromUnit}, {@link #toUnit}): linear
 * ranges linearly, log ranges in log space, stepped and integer ranges onto equally wide cells, one per
 * value. Random, quasi-random and evolutionary samplers use this normalisation.
 */
public abstract sealed class Distribution permits FloatDistribution, IntDistribution, CategoricalDistribution {
    Distribution() {}

    /**
     * The internal form of an external value.
     *
     * @throws IllegalArgumentException if the value is of the wrong type or outside the distribution
     */
    public abstract double toInternal(@Nullable Object external);

    /** The external form of an internal value: a {@link Double}, a {@link Long} or a choice. */
    public abstract @Nullable Object toExternal(double internal);

    /** Whether an internal value lies in this distribution (on its grid, for stepped ranges). */
    public abstract boolean contains(double internal);

    /** Whether the distribution holds exactly one value (then no sampler is consulted). */
    public abstract boolean isSingle();

    /**
     * The internal value at position {@code u} of the unit interval: {@code u = 0} is the low end, values
     * just below 1 the high end; discrete distributions give each of their {@code k} values a cell of width
     * {@code 1/k}.
     */
    public abstract double fromUnit(double u);

    /** The inverse of {@link #fromUnit}: a position in [0, 1] (the cell centre for discrete values). */
    public abstract double toUnit(double internal);

    /**
     * Whether a parameter may be suggested with this distribution in one trial and with {@code other} in
     * another: same type, same scale (log or linear) and, for categoricals, the same choices. Ranges may
     * differ between trials (dynamic search spaces), as in Optuna.
     */
    public abstract boolean isCompatibleWith(Distribution other);

    /** A short description for messages, e.g. {@code "float in [0.001, 1.0], log"}. */
    public abstract String describe();

    /** Optuna's {@code distribution_json}: {@code {"name": "FloatDistribution", "attributes": {...}}}. */
    public final String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", optunaName());
        json.put("attributes", attributes());
        return Json.write(json);
    }

    abstract String optunaName();

    abstract Map<String, @Nullable Object> attributes();

    /**
     * Parses Optuna's {@code distribution_json}, including the pre-3.0 names ({@code UniformDistribution},
     * {@code LogUniformDistribution}, {@code DiscreteUniformDistribution}, {@code IntUniformDistribution},
     * {@code IntLogUniformDistribution}) that old Optuna studies contain.
     */
    public static Distribution fromJson(String json) {
        Object parsed = Json.read(json);
        if (!(parsed instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("distribution JSON must be an object: " + json);
        }
        Map<?, ?> map = (Map<?, ?>) parsed;
        Object name = map.get("name");
        Object attrs = map.get("attributes");
        if (!(name instanceof String) || !(attrs instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("distribution JSON needs \"name\" and \"attributes\": " + json);
        }
        Map<?, ?> a = (Map<?, ?>) attrs;
        switch ((String) name) {
            case "FloatDistribution": {
                Object step = a.get("step");
                boolean log = Boolean.TRUE.equals(a.get("log"));
                double low = number(a, "low", json);
                double high = number(a, "high", json);
                if (step != null) {
                    return FloatDistribution.stepped(low, high, ((Number) step).doubleValue());
                }
                return log ? FloatDistribution.log(low, high) : FloatDistribution.of(low, high);
            }
            case "UniformDistribution":
                return FloatDistribution.of(number(a, "low", json), number(a, "high", json));
            case "LogUniformDistribution":
                return FloatDistribution.log(number(a, "low", json), number(a, "high", json));
            case "DiscreteUniformDistribution":
                return FloatDistribution.stepped(number(a, "low", json), number(a, "high", json), number(a, "q", json));
            case "IntDistribution": {
                boolean log = Boolean.TRUE.equals(a.get("log"));
                long low = (long) number(a, "low", json);
                long high = (long) number(a, "high", json);
                Object step = a.get("step");
                long s = step == null ? 1 : ((Number) step).longValue();
                return log ? IntDistribution.log(low, high) : IntDistribution.stepped(low, high, s);
            }
            case "IntUniformDistribution": {
                Object step = a.get("step");
                long s = step == null ? 1 : ((Number) step).longValue();
                return IntDistribution.stepped((long) number(a, "low", json), (long) number(a, "high", json), s);
            }
            case "IntLogUniformDistribution":
                return IntDistribution.log((long) number(a, "low", json), (long) number(a, "high", json));
            case "CategoricalDistribution": {
                Object choices = a.get("choices");
                if (!(choices instanceof List<?>)) {
                    throw new IllegalArgumentException("categorical distribution JSON needs a choices list: " + json);
                }
                return CategoricalDistribution.of((List<?>) choices);
            }
            default:
                throw new IllegalArgumentException("unknown distribution " + name + " in " + json);
        }
    }

    private static double number(Map<?, ?> attrs, String key, String json) {
        Object v = attrs.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("distribution JSON lacks numeric \"" + key + "\": " + json);
        }
        return ((Number) v).doubleValue();
    }

    /** Clamps a unit-interval position into [0, 1). */
    static double clampUnit(double u) {
        if (!(u >= 0)) {
            return 0;
        }
        return u >= 1 ? Math.nextDown(1.0) : u;
    }
}
