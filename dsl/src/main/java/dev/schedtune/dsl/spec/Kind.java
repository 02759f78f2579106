package dev.schedtune.dsl.spec;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>A built-in kind is declared next to its class ({@code Cosine.KIND}), with its parameters, its
 * factory and its {@link #python() Python runtime}; the class writes its spec with the same {@link Param}
 * objects, so each parameter name is spelled once.
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
    private final @Nullable String python;

    private Kind(
            String name,
            Produces produces,
            List<Param> params,
            String description,
            Factory factory,
            @Nullable String python) {
        this.name = name;
        this.python = python;
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
        return new Kind(name, Produces.SCHEDULE, params, description, factory, null);
    }

    /** A kind producing a schedule set. */
    public static Kind scheduleSet(String name, String description, List<Param> params, Factory factory) {
        return new Kind(name, Produces.SCHEDULE_SET, params, description, factory, null);
    }

    /** A kind producing a template (a schedule family with tunable parameters). */
    public static Kind template(String name, String description, List<Param> params, Factory factory) {
        return new Kind(name, Produces.TEMPLATE, params, description, factory, null);
    }

    /**
     * This kind with its Python runtime: the source of a function {@code _k_<name>} taking the kind's
     * parameters as keyword arguments (nested schedules arrive as callables of a real position) and
     * returning {@code f(x) -> float} with the same floating-point operations as the Java class. The
     * PyTorch export uses it; kinds without one are exported through their {@link Expandable expansion}
     * or the kind they write back as.
     */
    public Kind withPython(String source) {
        return new Kind(name, produces, params, description, factory, source);
    }

    /** The Python runtime, if this kind has one (see {@link #withPython(String)}). */
    public Optional<String> python() {
        return Optional.ofNullable(python);
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

    /** Kinds are equal only to themselves; the hash is the name's, so it is the same in every run. */
    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return this == o;
    }

    @Override
    public String toString() {
        return name + params;
    }
}
