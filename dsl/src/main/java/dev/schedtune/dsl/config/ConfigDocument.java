package dev.schedtune.dsl.config;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.SpecException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One config: a format version and either a single schedule spec (which may make a schedule set, as
 * {@code torch.OneCycleLR} does with its momentum) or a map of hyperparameter name to schedule spec.
 * Immutable. A document read from text remembers where each value was, so {@link #build} can name the
 * line of a bad value; that memory plays no part in equality.
 */
public final class ConfigDocument {
    private final int version;
    private final @Nullable ScheduleSpec single;
    private final ImmutableMap<String, ScheduleSpec> schedules;
    private final @Nullable String source;
    private final Map<String, TreeReader.Location> locations;

    private ConfigDocument(
            int version,
            @Nullable ScheduleSpec single,
            ImmutableMap<String, ScheduleSpec> schedules,
            @Nullable String source,
            Map<String, TreeReader.Location> locations) {
        this.version = version;
        this.single = single;
        this.schedules = schedules;
        this.source = source;
        this.locations = locations;
    }

    /** A document holding one schedule (or one kind that makes a schedule set). */
    public static ConfigDocument of(ScheduleSpec spec) {
        return ofSpec(Configs.FORMAT_VERSION, spec, null, Map.of());
    }

    /** A document holding one schedule per hyperparameter, in the map's order. */
    public static ConfigDocument of(Map<String, ScheduleSpec> schedules) {
        checkArgument(!schedules.isEmpty(), "schedules must not be empty");
        return ofSchedules(Configs.FORMAT_VERSION, ImmutableMap.copyOf(schedules), null, Map.of());
    }

    static ConfigDocument ofSpec(
            int version, ScheduleSpec spec, @Nullable String source, Map<String, TreeReader.Location> locations) {
        return new ConfigDocument(version, spec, ImmutableMap.of(), source, locations);
    }

    static ConfigDocument ofSchedules(
            int version,
            ImmutableMap<String, ScheduleSpec> schedules,
            @Nullable String source,
            Map<String, TreeReader.Location> locations) {
        return new ConfigDocument(version, null, schedules, source, locations);
    }

    /** The format version the document was written in. */
    public int version() {
        return version;
    }

    /** The single schedule spec, when the document is not a {@code schedules} map. */
    public Optional<ScheduleSpec> single() {
        return Optional.ofNullable(single);
    }

    /** The hyperparameter → spec map, empty when the document holds a single spec. */
    public Map<String, ScheduleSpec> schedules() {
        return schedules;
    }

    /** Where the document was read from (a file name), if it was read. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /**
     * Builds what the document describes: a {@code Schedule}, a {@code ScheduleSet}, or whatever the
     * single spec's kind makes (for example a template).
     *
     * @throws ConfigException naming the source, line and path of the first bad value
     */
    public Object build(KindRegistry registry) {
        if (single != null) {
            try {
                return registry.build(single, "$");
            } catch (SpecException e) {
                throw located(e);
            }
        }
        ScheduleSet.Builder set = ScheduleSet.builder();
        for (Map.Entry<String, ScheduleSpec> e : schedules.entrySet()) {
            String path = "$." + DocumentMapper.SCHEDULES + "." + e.getKey();
            try {
                set.put(e.getKey(), registry.buildSchedule(e.getValue(), path));
            } catch (SpecException ex) {
                throw located(ex);
            } catch (IllegalArgumentException ex) {
                throw located(new SpecException(path, String.valueOf(ex.getMessage()), ex));
            }
        }
        return set.build();
    }

    /**
     * Builds the document as a schedule set: a single schedule drives {@code lr}.
     *
     * @throws ConfigException when the document is bad or describes something else (a template)
     */
    public ScheduleSet buildSet(KindRegistry registry) {
        Object built = build(registry);
        if (built instanceof ScheduleSet) {
            return (ScheduleSet) built;
        }
        if (built instanceof Schedule) {
            return ScheduleSet.of((Schedule) built);
        }
        throw located(new SpecException(
                "$",
                "type '" + Objects.requireNonNull(single).kind() + "' describes a "
                        + built.getClass().getSimpleName() + ", not a schedule; bind its parameters first"));
    }

    /** The document as text in {@code format}, with a stable key order. */
    public String write(ConfigFormat format) {
        return DocumentWriter.write(this, format);
    }

    private ConfigException located(SpecException e) {
        TreeReader.Location at = locate(locations, e.path());
        return new ConfigException(source, at.line(), at.column(), e.path(), e.problem(), e);
    }

    /** The location of {@code path} or of its nearest ancestor that was in the text. */
    static TreeReader.Location locate(Map<String, TreeReader.Location> locations, String path) {
        String p = path;
        while (true) {
            TreeReader.Location at = locations.get(p);
            if (at != null) {
                return at;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return new TreeReader.Location(0, 0);
            }
            p = p.substring(0, cut);
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ConfigDocument d
                && version == d.version
                && Objects.equals(single, d.single)
                && schedules.equals(d.schedules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, single, schedules);
    }

    @Override
    public String toString() {
        return single != null ? single.toString() : "schedules" + schedules;
    }
}
