package dev.schedtune.dsl.spec;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A kind of schedule that can be built from data: its name ({@code "cosine"}, {@code "join"},
 * {@code "torch.OneCycleLR"}, ...), what it produces, its parameters, and the factory that builds it.
 *
 * <p>The factory receives arguments already checked for presence and type and normalised as in {@link
 * ScheduleSpec} (numbers as Double/Long, nested schedules already built into {@code Schedule} /
 * {@code ScheduleSet} objects for {@link ParamType#SCHEDULE}, {@link ParamType#SCHEDULE_LIST} and
 * {@link ParamType#SCHEDULE_MAP}; defaults filled in for omitted optional arguments that have one). It
 * validates ranges itself and throws {@link IllegalArgumentException} naming the parameter, the value
 * and what is allowed.
 */
public final class Kind {
    /** What a kind's factory returns. */
    public enum Produces {
        /** A single {@code Schedule}. */
        SCHEDULE,
        /** A {@code ScheduleSet} (for example one-cycle with its momentum cycle). */
        SCHEDULE_SET,
        /** A {@code dev.schedtune.dsl.template.Template}: a schedule family with tunable parameters. */
        TEMPLATE
    }

    /** Builds a value from checked arguments. */
    @FunctionalInterface
    public interface Factory {
        /** Returns a {@code Schedule} or {@code ScheduleSet}, as {@link Kind#produces()} says. */
        Object create(Map<String, Object> args);
    }

    private final String name;
    private final Produces produces;
    private final ImmutableList<Param> params;
    private final String description;
    private final Factory factory;

    private Kind(String name, Produces produces, List<Param> params, String description, Factory factory) {
        this.name = name;
        this.produces = produces;
        this.params = ImmutableList.copyOf(params);
        this.description = description;
        this.factory = factory;
        Set<String> seen = new HashSet<>();
        for (Param p : params) {
            checkArgument(seen.add(p.name()), "kind %s declares parameter %s twice", name, p.name());
        }
    }

    /** A kind producing a single schedule. */
    public static Kind schedule(String name, String description, List<Param> params, Factory factory) {
        return new Kind(name, Produces.SCHEDULE, params, description, factory);
    }

    /** A kind producing a schedule set. */
    public static Kind scheduleSet(String name, String description, List<Param> params, Factory factory) {
        return new Kind(name, Produces.SCHEDULE_SET, params, description, factory);
    }

    /** A kind producing a template (a schedule family with tunable parameters). */
    public static Kind template(String name, String description, List<Param> params, Factory factory) {
        return new Kind(name, Produces.TEMPLATE, params, description, factory);
    }

    public String name() {
        return name;
    }

    public Produces produces() {
        return produces;
    }

    public List<Param> params() {
        return params;
    }

    public Optional<Param> param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }

    public String description() {
        return description;
    }

    /** Calls the factory; see the class comment for what {@code args} must hold. */
    public Object create(Map<String, Object> args) {
        return factory.create(args);
    }

    @Override
    public String toString() {
        return name + params;
    }
}
