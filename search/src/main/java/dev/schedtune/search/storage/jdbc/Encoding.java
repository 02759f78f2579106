package dev.schedtune.search.storage.jdbc;

import dev.schedtune.search.distribution.Distribution;
import java.util.concurrent.ConcurrentHashMap;

/** Optuna's encodings of special float values, and a cache of parsed {@code distribution_json}. */
final class Encoding {
    private static final int MAX_CACHED_DISTRIBUTIONS = 10_000;
    private final ConcurrentHashMap<String, Distribution> distributions = new ConcurrentHashMap<>();

    /** {@code trial_values.value_type}: FINITE, INF_POS or INF_NEG (NaN values are never stored). */
    static String valueType(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "INF_POS";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "INF_NEG";
        }
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("NaN cannot be stored as an objective value");
        }
        return "FINITE";
    }

    /** {@code trial_intermediate_values.intermediate_value_type}: FINITE, INF_POS, INF_NEG or NAN. */
    static String intermediateType(double v) {
        return Double.isNaN(v) ? "NAN" : valueType(v);
    }

    /** The stored value column: the value if finite, else NULL. */
    static boolean isStoredAsNull(double v) {
        return !Double.isFinite(v);
    }

    static double decode(double stored, boolean wasNull, String type) {
        switch (type) {
            case "INF_POS":
                return Double.POSITIVE_INFINITY;
            case "INF_NEG":
                return Double.NEGATIVE_INFINITY;
            case "NAN":
                return Double.NaN;
            default:
                return wasNull ? Double.NaN : stored;
        }
    }

    Distribution distribution(String json) {
        Distribution d = distributions.get(json);
        if (d == null) {
            d = Distribution.fromJson(json);
            if (distributions.size() >= MAX_CACHED_DISTRIBUTIONS) {
                distributions.clear();
            }
            distributions.put(json, d);
        }
        return d;
    }
}
