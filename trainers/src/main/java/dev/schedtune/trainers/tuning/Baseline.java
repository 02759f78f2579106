package dev.schedtune.trainers.tuning;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.spec.KindRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A schedule people use without tuning, trained in a study next to the searched ones so that a tuned
 * schedule is judged against it on the same task, model, optimizer and data. A baseline is a schedule
 * config, usually a preset ({@code torch.OneCycleLR}, {@code transformers.get_cosine_schedule_with_warmup},
 * ...), written in optimizer steps. Whole-step values that depend on the run are written as expressions
 * of its length, filled in for each run: {@code total_steps}, {@code steps_per_epoch}, {@code epochs}, a
 * number times one of them ({@code 0.1 * total_steps}), rounded to whole steps. Immutable.
 *
 * <pre>{@code
 * Map<String, Object> config = new LinkedHashMap<>();
 * config.put("type", "torch.OneCycleLR");
 * config.put("max_lr", 0.1);
 * config.put("total_steps", "total_steps");
 * Baseline.of("torch.OneCycleLR (max_lr 0.1)", config);
 * }</pre>
 */
public final class Baseline {
    private static final Pattern EXPRESSION = Pattern.compile(
            "\\s*(?:([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*\\*\\s*)?(total_steps|steps_per_epoch|epochs)\\s*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The common defaults of the issue "tuning that pays": what a user would otherwise pick. */
    private static final ImmutableList<Baseline> COMMON = ImmutableList.of(
            of("constant lr 0.1", ordered("type", "transformers.get_constant_schedule", "base_lr", 0.1)),
            of("constant lr 0.05", ordered("type", "transformers.get_constant_schedule", "base_lr", 0.05)),
            of(
                    "torch OneCycleLR (max_lr 0.1)",
                    ordered("type", "torch.OneCycleLR", "max_lr", 0.1, "total_steps", "total_steps")),
            of(
                    "HF cosine, 10 % warmup (peak 0.1)",
                    ordered(
                            "type",
                            "transformers.get_cosine_schedule_with_warmup",
                            "base_lr",
                            0.1,
                            "num_warmup_steps",
                            "0.1 * total_steps",
                            "num_training_steps",
                            "total_steps")),
            of(
                    "torch MultiStepLR (0.1, x0.1 at 50 % and 75 %)",
                    ordered(
                            "type",
                            "torch.MultiStepLR",
                            "base_lr",
                            0.1,
                            "milestones",
                            List.of("0.5 * total_steps", "0.75 * total_steps"),
                            "gamma",
                            0.1)),
            of(
                    "exponential 0.8/epoch from 0.1",
                    ordered("type", "torch.StepLR", "base_lr", 0.1, "step_size", "steps_per_epoch", "gamma", 0.8)));

    /** A map keeping the order of its keys (configs are written in that order). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private final String name;
    private final ImmutableMap<String, Object> config;

    private Baseline(String name, Map<String, Object> config) {
        this.name = name;
        this.config = ImmutableMap.copyOf(config);
    }

    /**
     * A baseline named {@code name} training the schedule config {@code config} (plain data: maps, lists,
     * strings, numbers, booleans; one schedule, or a {@code schedules} map of hyperparameter to schedule).
     */
    public static Baseline of(String name, Map<String, ?> config) {
        checkArgument(!name.isBlank(), "baseline name must not be blank");
        checkArgument(
                name.codePoints().noneMatch(Character::isISOControl),
                "baseline name (%s) must not hold control characters",
                name);
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) plainCopy(config, name);
        return new Baseline(name, plain);
    }

    /**
     * The common defaults: constant lr 0.1 and 0.05, PyTorch's OneCycleLR (max_lr 0.1), Hugging Face's
     * cosine with 10 % linear warmup (peak 0.1), MultiStepLR (×0.1 at 50 % and 75 % of the run) and an
     * exponential decay of 0.8 per epoch from 0.1 (PyTorch's ExponentialLR stepped once per epoch).
     */
    public static List<Baseline> common() {
        return COMMON;
    }

    public String name() {
        return name;
    }

    /** The schedule config as given, expressions unfilled. */
    public Map<String, Object> config() {
        return config;
    }

    /**
     * The baseline's schedules for a run of {@code epochs} epochs of {@code stepsPerEpoch} steps.
     *
     * @throws IllegalArgumentException naming the baseline when its config is bad
     */
    public ScheduleSet schedules(int stepsPerEpoch, int epochs) {
        checkArgument(stepsPerEpoch >= 1, "stepsPerEpoch (%s) must be >= 1", stepsPerEpoch);
        checkArgument(epochs >= 1, "epochs (%s) must be >= 1", epochs);
        Object filled = fill(config, stepsPerEpoch, epochs);
        String text;
        try {
            text = JSON.writeValueAsString(filled);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write baseline '" + name + "'", e);
        }
        try {
            return Configs.parse(text, ConfigFormat.JSON, "baseline '" + name + "'")
                    .buildSet(KindRegistry.builtIn());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Object fill(Object value, int stepsPerEpoch, int epochs) {
        if (value instanceof Map<?, ?>) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> out.put(k.toString(), fill(v, stepsPerEpoch, epochs)));
            return out;
        }
        if (value instanceof List<?>) {
            List<Object> out = new ArrayList<>();
            ((List<?>) value).forEach(v -> out.add(fill(v, stepsPerEpoch, epochs)));
            return out;
        }
        if (value instanceof String) {
            Matcher m = EXPRESSION.matcher((String) value);
            if (m.matches()) {
                double factor = m.group(1) == null ? 1 : Double.parseDouble(m.group(1));
                long base = switch (m.group(2)) {
                    case "total_steps" -> (long) stepsPerEpoch * epochs;
                    case "steps_per_epoch" -> stepsPerEpoch;
                    default -> epochs;
                };
                return Math.round(factor * base);
            }
        }
        return value;
    }

    private static Object plainCopy(@Nullable Object value, String name) {
        if (value instanceof Map<?, ?>) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> out.put(String.valueOf(k), plainCopy(v, name)));
            return out;
        }
        if (value instanceof List<?>) {
            List<Object> out = new ArrayList<>();
            ((List<?>) value).forEach(v -> out.add(plainCopy(v, name)));
            return out;
        }
        checkArgument(
                value instanceof String || value instanceof Number || value instanceof Boolean,
                "baseline '%s': %s is not plain config data (a map, list, string, number or boolean)",
                name,
                value);
        return Objects.requireNonNull(value);
    }

    /** This baseline as config data: {@code {name: ..., schedule: {...}}}. */
    public Map<String, Object> toConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("schedule", config);
        return m;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Baseline && ((Baseline) o).name.equals(name) && ((Baseline) o).config.equals(config);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, config);
    }

    @Override
    public String toString() {
        return name;
    }
}
