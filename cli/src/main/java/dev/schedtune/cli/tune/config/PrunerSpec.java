package dev.schedtune.cli.tune.config;

import com.google.common.collect.ImmutableMap;
import dev.schedtune.search.pruner.HyperbandPruner;
import dev.schedtune.search.pruner.MedianPruner;
import dev.schedtune.search.pruner.NopPruner;
import dev.schedtune.search.pruner.ParetoPruner;
import dev.schedtune.search.pruner.PatientPruner;
import dev.schedtune.search.pruner.PercentilePruner;
import dev.schedtune.search.pruner.Pruner;
import dev.schedtune.search.pruner.SuccessiveHalvingPruner;
import dev.schedtune.search.pruner.ThresholdPruner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The pruner of a study config: its type and settings, checked when read. {@code pareto} (the default)
 * stops a trial when enough finished trials were better in every objective at the same point of training;
 * the single-objective pruners ({@code median}, {@code percentile}, {@code successive_halving}, {@code
 * hyperband}, {@code threshold}, {@code patient}) need a study with one objective; {@code none} never
 * prunes.
 */
public final class PrunerSpec {
    static final String[] TYPES = {
        "pareto", "median", "percentile", "successive_halving", "hyperband", "threshold", "patient", "none"
    };

    private final String type;
    private final ImmutableMap<String, Object> settings;

    private PrunerSpec(String type, Map<String, Object> settings) {
        this.type = type;
        this.settings = ImmutableMap.copyOf(settings);
    }

    /** A pruner of {@code type} with its default settings. */
    public static PrunerSpec of(String type) {
        return new PrunerSpec(type, Map.of());
    }

    static PrunerSpec read(Fields f, int objectives) {
        String type = f.choice("type", "pareto", TYPES);
        if (objectives > 1 && !type.equals("pareto") && !type.equals("none")) {
            throw f.error(
                    "type",
                    "pruner " + type + " works on one objective; this study has " + objectives
                            + " objectives: use pareto (prunes on every objective) or none");
        }
        Map<String, Object> s = new LinkedHashMap<>();
        switch (type) {
            case "pareto" -> {
                f.only(
                        "type",
                        "fraction",
                        "startup_trials",
                        "warmup_steps",
                        "interval_steps",
                        "min_trials",
                        "judge_by_outcomes");
                putNumber(f, s, "fraction", 0, 1);
                putCommon(f, s);
                if (f.has("judge_by_outcomes")) {
                    s.put("judge_by_outcomes", f.bool("judge_by_outcomes", false));
                }
            }
            case "median" -> {
                f.only("type", "startup_trials", "warmup_steps", "interval_steps", "min_trials");
                putCommon(f, s);
            }
            case "percentile" -> {
                f.only("type", "percentile", "startup_trials", "warmup_steps", "interval_steps", "min_trials");
                s.put("percentile", f.number("percentile", 25, 0, 100));
                putCommon(f, s);
            }
            case "successive_halving" -> {
                f.only("type", "min_resource", "reduction_factor", "min_early_stopping_rate");
                putInt(f, s, "min_resource", 0, Long.MAX_VALUE);
                putInt(f, s, "reduction_factor", 2, 1000);
                putInt(f, s, "min_early_stopping_rate", 0, 1000);
            }
            case "hyperband" -> {
                f.only("type", "min_resource", "max_resource", "reduction_factor");
                putInt(f, s, "min_resource", 1, Long.MAX_VALUE);
                putInt(f, s, "max_resource", 0, Long.MAX_VALUE);
                putInt(f, s, "reduction_factor", 2, 1000);
            }
            case "threshold" -> {
                f.only("type", "lower", "upper");
                if (!f.has("lower") && !f.has("upper")) {
                    throw f.error("type", "a threshold pruner needs 'lower', 'upper' or both");
                }
                putNumber(f, s, "lower", -Double.MAX_VALUE, Double.MAX_VALUE);
                putNumber(f, s, "upper", -Double.MAX_VALUE, Double.MAX_VALUE);
            }
            case "patient" -> {
                f.only("type", "patience", "min_delta");
                s.put("patience", f.integer("patience", 3, 0, 100_000));
                s.put("min_delta", f.number("min_delta", 0, 0, Double.MAX_VALUE));
            }
            default -> f.only("type");
        }
        return new PrunerSpec(type, s);
    }

    private static void putCommon(Fields f, Map<String, Object> s) {
        putInt(f, s, "startup_trials", 0, 100_000);
        putInt(f, s, "warmup_steps", 0, Long.MAX_VALUE);
        putInt(f, s, "interval_steps", 1, Long.MAX_VALUE);
        putInt(f, s, "min_trials", 1, 100_000);
    }

    private static void putInt(Fields f, Map<String, Object> s, String key, long min, long max) {
        if (f.has(key)) {
            s.put(key, f.integer(key, 0, min, max));
        }
    }

    private static void putNumber(Fields f, Map<String, Object> s, String key, double min, double max) {
        if (f.has(key)) {
            s.put(key, f.number(key, 0, min, max));
        }
    }

    public String type() {
        return type;
    }

    public Pruner create() {
        return switch (type) {
            case "median" ->
                MedianPruner.create(
                        (int) longOf("startup_trials", 5), longOf("warmup_steps", 0), longOf("interval_steps", 1), (int)
                                longOf("min_trials", 1));
            case "percentile" ->
                PercentilePruner.create(
                        doubleOf("percentile", 25),
                        (int) longOf("startup_trials", 5),
                        longOf("warmup_steps", 0),
                        longOf("interval_steps", 1),
                        (int) longOf("min_trials", 1));
            case "successive_halving" ->
                SuccessiveHalvingPruner.create(
                        longOf("min_resource", 0),
                        longOf("reduction_factor", 4),
                        longOf("min_early_stopping_rate", 0),
                        0);
            case "hyperband" ->
                HyperbandPruner.create(
                        longOf("min_resource", 1), longOf("max_resource", 0), longOf("reduction_factor", 3), 0);
            case "threshold" ->
                ThresholdPruner.between(
                        doubleOf("lower", Double.NEGATIVE_INFINITY), doubleOf("upper", Double.POSITIVE_INFINITY));
            case "patient" -> PatientPruner.create((int) longOf("patience", 3), doubleOf("min_delta", 0));
            case "none" -> NopPruner.create();
            default -> {
                ParetoPruner pareto = ParetoPruner.create(
                        doubleOf("fraction", 0.5),
                        (int) longOf("startup_trials", 5),
                        longOf("warmup_steps", 0),
                        longOf("interval_steps", 1),
                        (int) longOf("min_trials", 1));
                yield Boolean.TRUE.equals(settings.get("judge_by_outcomes")) ? pareto.judgedByOutcomes() : pareto;
            }
        };
    }

    private long longOf(String key, long defaultValue) {
        Object v = settings.get(key);
        return v == null ? defaultValue : ((Number) v).longValue();
    }

    private double doubleOf(String key, double defaultValue) {
        Object v = settings.get(key);
        return v == null ? defaultValue : ((Number) v).doubleValue();
    }

    Map<String, Object> toConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.putAll(settings);
        return m;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PrunerSpec
                && ((PrunerSpec) o).type.equals(type)
                && ((PrunerSpec) o).settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, settings);
    }

    @Override
    public String toString() {
        return settings.isEmpty() ? type : type + settings;
    }
}
