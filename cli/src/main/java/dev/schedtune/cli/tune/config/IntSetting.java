package dev.schedtune.cli.tune.config;

import com.google.common.collect.ImmutableList;
import dev.schedtune.search.Trial;
import dev.schedtune.search.distribution.IntDistribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A whole-number training setting (epochs, batch size) that is either fixed or tuned: a {@code tune_int}
 * range or a {@code tune_choice} between numbers, written as in templates. Immutable.
 */
public final class IntSetting {
    private static final long TUNED = Long.MIN_VALUE;

    private final String name;
    private final long fixed;
    private final long low;
    private final long high;
    private final long step;
    private final boolean log;
    private final ImmutableList<Long> choices;

    private IntSetting(String name, long fixed, long low, long high, long step, boolean log, List<Long> choices) {
        this.name = name;
        this.fixed = fixed;
        this.low = low;
        this.high = high;
        this.step = step;
        this.log = log;
        this.choices = ImmutableList.copyOf(choices);
    }

    /** A fixed value. */
    public static IntSetting fixed(String name, long value) {
        return new IntSetting(name, value, value, value, 1, false, List.of());
    }

    /** A range tuned by the study. */
    public static IntSetting range(String name, long low, long high, long step, boolean log) {
        return new IntSetting(name, TUNED, low, high, step, log, List.of());
    }

    /** A choice tuned by the study. */
    public static IntSetting choice(String name, List<Long> choices) {
        return new IntSetting(
                name,
                TUNED,
                choices.stream().mapToLong(Long::longValue).min().orElseThrow(),
                choices.stream().mapToLong(Long::longValue).max().orElseThrow(),
                1,
                false,
                choices);
    }

    /** Reads {@code key} of {@code fields}: a whole number in [min, max], a tune_int or a tune_choice. */
    static IntSetting read(Fields fields, String key, long defaultValue, long min, long max) {
        Object v = fields.raw(key);
        String at = fields.path(key);
        if (v == null) {
            return fixed(key, defaultValue);
        }
        if (!(v instanceof Map<?, ?>)) {
            return fixed(key, fields.integerValue(at, key, v, min, max));
        }
        Fields t = Fields.of(fields.tree(), at, v, "a number or a tune_int / tune_choice");
        String type = t.choice("type", "", "tune_int", "tune_choice");
        String name = t.string("name", key);
        if (type.equals("tune_int")) {
            t.only("type", "name", "low", "high", "step", "log");
            long low = t.integer("low", min, min, max);
            long high = t.integer("high", max, min, max);
            if (!t.has("low") || !t.has("high")) {
                throw fields.tree().error(at, "a tune_int needs 'low' and 'high'");
            }
            if (low > high) {
                throw t.error("low", "low (" + low + ") must be <= high (" + high + ")");
            }
            long step = t.integer("step", 1, 1, Math.max(1, high - low));
            boolean log = t.bool("log", false);
            if (log && step != 1) {
                throw t.error("log", "a log range cannot have a step (" + step + ")");
            }
            return range(name, low, high, step, log);
        }
        t.only("type", "name", "options");
        List<Object> options = t.list("options");
        if (options.isEmpty()) {
            throw t.error("options", "options must not be empty");
        }
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            values.add(fields.integerValue(t.path("options") + "[" + i + "]", key, options.get(i), min, max));
        }
        if (values.stream().distinct().count() != values.size()) {
            throw t.error("options", "options " + values + " repeat a value");
        }
        return choice(name, values);
    }

    /** The study parameter's name (tuned) or the setting's name (fixed). */
    public String name() {
        return name;
    }

    public boolean isTuned() {
        return fixed == TUNED;
    }

    /** The smallest value the setting can take. */
    public long low() {
        return low;
    }

    /** The largest value the setting can take. */
    public long high() {
        return high;
    }

    /** The value for this trial: fixed, or suggested by the trial. */
    public long value(Trial trial) {
        if (!isTuned()) {
            return fixed;
        }
        if (!choices.isEmpty()) {
            return Objects.requireNonNull(trial.suggestCategorical(name, choices));
        }
        IntDistribution d = log
                ? IntDistribution.log(low, high)
                : step > 1 ? IntDistribution.stepped(low, high, step) : IntDistribution.of(low, high);
        return ((Number) Objects.requireNonNull(trial.suggest(name, d))).longValue();
    }

    /** As written in a config: a number, or a placeholder map. */
    Object toConfig() {
        if (!isTuned()) {
            return fixed;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (!choices.isEmpty()) {
            m.put("type", "tune_choice");
            m.put("name", name);
            m.put("options", choices);
            return m;
        }
        m.put("type", "tune_int");
        m.put("name", name);
        m.put("low", low);
        m.put("high", high);
        if (step != 1) {
            m.put("step", step);
        }
        if (log) {
            m.put("log", true);
        }
        return m;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof IntSetting)) {
            return false;
        }
        IntSetting s = (IntSetting) o;
        return name.equals(s.name)
                && fixed == s.fixed
                && low == s.low
                && high == s.high
                && step == s.step
                && log == s.log
                && choices.equals(s.choices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, fixed, low, high, step, log, choices);
    }

    @Override
    public String toString() {
        if (!isTuned()) {
            return Long.toString(fixed);
        }
        return choices.isEmpty()
                ? name + " in [" + low + ", " + high + "]" + (step > 1 ? " step " + step : "") + (log ? ", log" : "")
                : name + " one of " + choices;
    }
}
