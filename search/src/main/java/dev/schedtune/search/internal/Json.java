package dev.schedtune.search.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON as Optuna writes it (Python's {@code json} module: bare {@code NaN}/{@code Infinity} allowed), and the
 * normal form of attribute values: every value a study stores is one of {@code null}, {@link Boolean},
 * {@link Long}, {@link Double}, {@link String}, an unmodifiable {@link List} or an unmodifiable {@link Map} with
 * string keys, so that a value reads back equal whatever storage it went through; and, for an integer beyond
 * {@code long} (Python writes {@code 2**64} as such), a {@link BigInteger}, kept exact.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            // integers read as Integer, Long or (beyond long) BigInteger; normalize makes the first two Long
            .build();

    private Json() {}

    /** Writes a normalised value as JSON. */
    public static String write(@Nullable Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads JSON into the normal form. */
    public static @Nullable Object read(String json) {
        try {
            return normalize(MAPPER.readValue(json, Object.class), "JSON value");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON " + abbreviate(json) + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Returns the normal form of {@code value}, a deep unmodifiable copy. Integral boxed numbers become
     * {@link Long} ({@link BigInteger} if they do not fit), floating ones {@link Double}, enums their name, arrays and iterables lists.
     *
     * @param what names the value in error messages, e.g. {@code "user attr 'note'"}
     * @throws IllegalArgumentException if the value (or a nested one) has no JSON form
     */
    public static @Nullable Object normalize(@Nullable Object value, String what) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            return big.bitLength() < Long.SIZE ? (Object) big.longValue() : big;
        }
        if (value instanceof Enum<?>) {
            return ((Enum<?>) value).name();
        }
        if (value instanceof Map<?, ?>) {
            Map<String, @Nullable Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException(
                            what + " has a map key " + e.getKey() + " that is not a String; JSON keys are strings");
                }
                String key = (String) e.getKey();
                copy.put(key, normalize(e.getValue(), what + "." + key));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Iterable<?>) {
            List<@Nullable Object> copy = new ArrayList<>();
            int i = 0;
            for (Object element : (Iterable<?>) value) {
                copy.add(normalize(element, what + "[" + i++ + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof double[]) {
            List<@Nullable Object> copy = new ArrayList<>();
            for (double d : (double[]) value) {
                copy.add(d);
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof long[] || value instanceof int[] || value instanceof Object[]) {
            List<@Nullable Object> copy = new ArrayList<>();
            int n = java.lang.reflect.Array.getLength(value);
            for (int i = 0; i < n; i++) {
                copy.add(normalize(java.lang.reflect.Array.get(value, i), what + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(what + " (" + abbreviate(String.valueOf(value)) + ", a "
                + value.getClass().getName()
                + ") has no JSON form; allowed: null, Boolean, an integer (Byte to BigInteger), Float, Double, String, enum,"
                + " List, array, Map<String, ?>");
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
