package dev.schedtune.dsl.spec;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import dev.schedtune.dsl.BuiltInKinds;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of every kind that can be built from data. {@link #builtIn()} holds the DSL's
 * primitives and combinators and the anchor presets, as {@link BuiltInKinds} lists them.
 */
public final class KindRegistry {
    private static final KindRegistry BUILT_IN = of(BuiltInKinds.all());

    private final ImmutableMap<String, Kind> kinds;

    private KindRegistry(ImmutableMap<String, Kind> kinds) {
        this.kinds = kinds;
    }

    /** Every kind shipped with schedtune. */
    public static KindRegistry builtIn() {
        return BUILT_IN;
    }

    /** A registry of the given groups of kinds; names must be unique. */
    @SafeVarargs
    public static KindRegistry of(List<Kind>... groups) {
        ImmutableMap.Builder<String, Kind> all = ImmutableMap.builder();
        Set<String> seen = new HashSet<>();
        for (List<Kind> group : groups) {
            for (Kind kind : group) {
                checkArgument(seen.add(kind.name()), "kind %s is registered twice", kind.name());
                all.put(kind.name(), kind);
            }
        }
        return new KindRegistry(all.buildOrThrow());
    }

    /** The kind named {@code name}, if registered. */
    public Optional<Kind> find(String name) {
        return Optional.ofNullable(kinds.get(name));
    }

    /** Every kind, in registration order. */
    public Collection<Kind> kinds() {
        return kinds.values();
    }

    /**
     * Builds the value {@code spec} describes (a {@code Schedule} or {@code ScheduleSet}).
     *
     * @throws SpecException naming the path of the first bad value (the root is {@code $})
     */
    public Object build(ScheduleSpec spec) {
        return build(spec, "$");
    }

    /** As {@link #build(ScheduleSpec)}, with {@code path} naming where {@code spec} sits in a document. */
    public Object build(ScheduleSpec spec, String path) {
        return new SpecBuilder(this).build(spec, path);
    }

    /** Builds a {@code Schedule}; a spec of a kind producing a set is rejected with its path. */
    public Schedule buildSchedule(ScheduleSpec spec, String path) {
        Object built = build(spec, path);
        if (!(built instanceof Schedule schedule)) {
            throw new SpecException(
                    path,
                    "kind '" + spec.kind() + "' makes a "
                            + (built instanceof ScheduleSet ? "schedule set" : "template")
                            + ", but a single schedule is expected here");
        }
        return schedule;
    }
}
