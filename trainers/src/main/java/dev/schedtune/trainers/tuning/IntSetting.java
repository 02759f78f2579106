package dev.schedtune.trainers.tuning;

import com.google.common.collect.ImmutableList;
import dev.schedtune.search.Trial;
import dev.schedtune.search.distribution.IntDistribution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A whole-number training setting (epochs, batch size) that is either fixed or tuned: a {@code tune_int}
 * range or a {@code tune_choice} between numbers, written as in templates. A tuned setting is a study
 * parameter the trial suggests ({@link #value(Trial)}). Immutable.
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
    public Object toConfig() {
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
