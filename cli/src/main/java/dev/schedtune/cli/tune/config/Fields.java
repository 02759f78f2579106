package dev.schedtune.cli.tune.config;

import dev.schedtune.dsl.config.ConfigException;
import dev.schedtune.dsl.config.ConfigTree;
import dev.schedtune.dsl.spec.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A map of a study config at a path ({@code $.budget}), read field by field with checks whose errors name
 * the file, line, full path, the bad value and what is allowed.
 */
final class Fields {
    private final ConfigTree tree;
    private final String path;
    private final Map<String, Object> map;

    private Fields(ConfigTree tree, String path, Map<String, Object> map) {
        this.tree = tree;
        this.path = path;
        this.map = map;
    }

    /** The map at {@code path}; {@code what} describes what belongs there, for the error. */
    static Fields of(ConfigTree tree, String path, @Nullable Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw tree.error(path, "got " + describe(value) + "; expected " + what);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> map.put(String.valueOf(k), v));
        return new Fields(tree, path, map);
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path + "." + key;
    }

    ConfigTree tree() {
        return tree;
    }

    boolean has(String key) {
        return map.containsKey(key);
    }

    @Nullable
    Object raw(String key) {
        return map.get(key);
    }

    Map<String, Object> asMap() {
        return map;
    }

    /** Fails on the first field not in {@code allowed}, suggesting the closest allowed name. */
    Fields only(String... allowed) {
        List<String> names = Arrays.asList(allowed);
        for (String key : map.keySet()) {
            if (!names.contains(key)) {
                throw error(
                        key,
                        "unknown field '" + key + "'" + Suggestions.didYouMean(key, names) + "; allowed here: "
                                + String.join(", ", names));
            }
        }
        return this;
    }

    ConfigException error(String key, String problem) {
        return tree.error(path(key), problem);
    }

    Fields map(String key, String what) {
        return of(tree, path(key), map.get(key), what);
    }

    String string(String key, String defaultValue) {
        Object v = map.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof String) || ((String) v).isBlank()) {
            throw error(key, "got " + describe(v) + "; expected a non-empty string");
        }
        return (String) v;
    }

    String requiredString(String key, String what) {
        if (!map.containsKey(key)) {
            throw tree.error(path, "missing field '" + key + "': " + what);
        }
        return string(key, "");
    }

    /** One of {@code allowed} (lower case), case-insensitively. */
    String choice(String key, String defaultValue, String... allowed) {
        String v = string(key, defaultValue).toLowerCase(Locale.ROOT);
        if (!Arrays.asList(allowed).contains(v)) {
            throw error(
                    key,
                    "got '" + map.get(key) + "'" + Suggestions.didYouMean(v, Arrays.asList(allowed)) + "; allowed: "
                            + String.join(", ", allowed));
        }
        return v;
    }

    long integer(String key, long defaultValue, long min, long max) {
        Object v = map.get(key);
        if (v == null) {
            return defaultValue;
        }
        return integerValue(path(key), key, v, min, max);
    }

    long integerValue(String at, String name, Object v, long min, long max) {
        long n;
        if (v instanceof Long) {
            n = (Long) v;
        } else if (v instanceof Double && (Double) v == Math.rint((Double) v) && Math.abs((Double) v) < 1e15) {
            n = (long) (double) (Double) v;
        } else {
            throw tree.error(at, "got " + describe(v) + "; " + name + " must be a whole number");
        }
        if (n < min || n > max) {
            throw tree.error(at, name + " (" + n + ") must be in [" + min + ", " + max + "]");
        }
        return n;
    }

    double number(String key, double defaultValue, double min, double max) {
        Object v = map.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Long || v instanceof Double)) {
            throw error(key, "got " + describe(v) + "; " + key + " must be a number");
        }
        double d = ((Number) v).doubleValue();
        if (!(d >= min && d <= max)) {
            throw error(key, key + " (" + d + ") must be in [" + min + ", " + max + "]");
        }
        return d;
    }

    boolean bool(String key, boolean defaultValue) {
        Object v = map.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Boolean)) {
            throw error(key, "got " + describe(v) + "; " + key + " must be true or false");
        }
        return (Boolean) v;
    }

    List<Object> list(String key) {
        Object v = map.get(key);
        if (!(v instanceof List<?>)) {
            throw error(key, "got " + describe(v) + "; " + key + " must be a list");
        }
        return new ArrayList<>((List<?>) v);
    }

    /** Every field but {@code except}, as plain values (for kinds whose parameters are checked elsewhere). */
    Map<String, Object> rest(String... except) {
        Map<String, Object> out = new LinkedHashMap<>(map);
        for (String e : except) {
            out.remove(e);
        }
        return out;
    }

    static String describe(@Nullable Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String) {
            return "'" + value + "' (a string)";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(value);
    }
}
