package dev.schedtune.dsl;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.Specified;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Schedules for several named hyperparameters that move together (for example one-cycle's
 * learning rate and its inverse momentum cycle). Immutable; names keep their insertion order.
 *
 * <p>As data ({@link #spec()}) a set is {@code schedule_set(schedules={lr: ..., momentum: ...})}, or the
 * compact kind it was built from ({@code one_cycle_set(...)}); equality compares the schedules only.
 */
public final class ScheduleSet implements Specified {
    private static final Param SCHEDULES =
            Param.required("schedules", ParamType.SCHEDULE_MAP, "at least one", "a schedule per hyperparameter");

    /** The kind of the generic set, {@code schedule_set(schedules={lr: ..., momentum: ...})}. */
    public static final Kind KIND = Kind.scheduleSet(
            "schedule_set",
            "named hyperparameters driven together (lr, momentum, beta1, weight_decay, ...)",
            List.of(SCHEDULES),
            SCHEDULES::raw);

    /** Learning rate. */
    public static final String LR = "lr";
    /** SGD momentum (or Nesterov momentum). */
    public static final String MOMENTUM = "momentum";
    /** Adam's first-moment decay. */
    public static final String BETA1 = "beta1";
    /** Adam's second-moment decay. */
    public static final String BETA2 = "beta2";
    /** Weight decay (L2 or decoupled, as the optimizer defines it). */
    public static final String WEIGHT_DECAY = "weight_decay";

    private final ImmutableMap<String, Schedule> schedules;
    private final @Nullable ScheduleSpec origin;

    private ScheduleSet(ImmutableMap<String, Schedule> schedules, @Nullable ScheduleSpec origin) {
        this.schedules = schedules;
        this.origin = origin;
    }

    /** A set driving only the learning rate. */
    public static ScheduleSet of(Schedule lr) {
        return of(LR, lr);
    }

    /** A set driving one named hyperparameter. */
    public static ScheduleSet of(String name, Schedule schedule) {
        return builder().put(name, schedule).build();
    }

    /** A set driving two named hyperparameters. */
    public static ScheduleSet of(String name1, Schedule schedule1, String name2, Schedule schedule2) {
        return builder().put(name1, schedule1).put(name2, schedule2).build();
    }

    /** A set from a map; iteration order of the map is kept. */
    public static ScheduleSet copyOf(Map<String, ? extends Schedule> schedules) {
        Builder builder = builder();
        schedules.forEach(builder::put);
        return builder.build();
    }

    /** A builder for sets of more than two hyperparameters. */
    public static Builder builder() {
        return new Builder();
    }

    /** The hyperparameter names, in insertion order. */
    public Set<String> names() {
        return schedules.keySet();
    }

    /** Whether {@code name} is driven by this set. */
    public boolean contains(String name) {
        return schedules.containsKey(name);
    }

    /**
     * The schedule of {@code name}.
     *
     * @throws IllegalArgumentException if this set has no such hyperparameter
     */
    public Schedule get(String name) {
        Schedule schedule = schedules.get(name);
        checkArgument(schedule != null, "hyperparameter '%s' is not scheduled; scheduled: %s", name, names());
        return schedule;
    }

    /** The schedule of {@code name}, or null when this set does not drive it. */
    public @Nullable Schedule getOrNull(String name) {
        return schedules.get(name);
    }

    /** The value of hyperparameter {@code name} at {@code step}. */
    public double valueAt(String name, long step) {
        return get(name).valueAt(step);
    }

    /**
     * The values of every hyperparameter at {@code step}, in {@link #names()} order, written into {@code
     * out} (no allocation; for training loops).
     */
    public void valuesAt(long step, double[] out) {
        Checks.require(
                out.length >= schedules.size(),
                "out (length " + out.length + ") must hold " + schedules.size() + " values");
        int i = 0;
        for (Schedule s : schedules.values()) {
            out[i++] = s.valueAt(step);
        }
    }

    /** The values of every hyperparameter at {@code step}, by name. */
    public Map<String, Double> valuesAt(long step) {
        Map<String, Double> out = new LinkedHashMap<>();
        schedules.forEach((n, s) -> out.put(n, s.valueAt(step)));
        return Collections.unmodifiableMap(out);
    }

    /** This set with the schedule of {@code name} multiplied by {@code factor}. */
    public ScheduleSet times(String name, double factor) {
        return with(name, get(name).times(factor));
    }

    /**
     * This set as data: the spec it was described by ({@link Builder#describedBy}), else {@code
     * schedule_set(schedules={name: spec, ...})}.
     *
     * @throws NotSpecifiedException if a member is a user function
     */
    @Override
    public ScheduleSpec spec() {
        if (origin != null) {
            return origin;
        }
        Map<String, ScheduleSpec> specs = new LinkedHashMap<>();
        schedules.forEach((n, s) -> specs.put(n, Curve.of(s).spec()));
        return ScheduleSpec.builder(KIND).put(SCHEDULES, specs).build();
    }

    /** Every schedule by name, in insertion order. */
    public Map<String, Schedule> asMap() {
        return schedules;
    }

    /** A set with {@code name} added or replaced. */
    public ScheduleSet with(String name, Schedule schedule) {
        Builder builder = builder();
        schedules.forEach((n, s) -> {
            if (!n.equals(name)) {
                builder.put(n, s);
            }
        });
        return builder.put(name, schedule).build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ScheduleSet that && that.schedules.equals(schedules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schedules);
    }

    @Override
    public String toString() {
        return "ScheduleSet" + schedules;
    }

    /** Collects named schedules; names must be unique, non-blank identifiers. */
    public static final class Builder {
        private final ImmutableMap.Builder<String, Schedule> schedules = ImmutableMap.builder();
        private final HashSet<String> seen = new HashSet<>();
        private @Nullable ScheduleSpec origin;

        private Builder() {}

        /**
         * The compact spec this set stands for (for example {@code one_cycle_set(...)}), returned by {@link
         * ScheduleSet#spec()}; building it must give an equal set.
         */
        public Builder describedBy(ScheduleSpec spec) {
            this.origin = Objects.requireNonNull(spec, "spec");
            return this;
        }

        /** Adds {@code schedule} for hyperparameter {@code name}. */
        public Builder put(String name, Schedule schedule) {
            checkArgument(
                    name.matches("[A-Za-z_][A-Za-z0-9_]*"),
                    "hyperparameter name (%s) must be an identifier: a letter or '_' followed by letters, digits or '_'",
                    name);
            checkArgument(seen.add(name), "hyperparameter name (%s) is given twice", name);
            schedules.put(name, Objects.requireNonNull(schedule, "schedule"));
            return this;
        }

        /** The set; it must drive at least one hyperparameter. */
        public ScheduleSet build() {
            checkArgument(!seen.isEmpty(), "a ScheduleSet needs at least one hyperparameter");
            return new ScheduleSet(schedules.buildOrThrow(), origin);
        }
    }
}
