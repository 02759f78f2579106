package dev.schedtune.dsl.presets;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.NotSpecifiedException;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The definition of one preset: its name ({@code torch.OneCycleLR}), its parameters named and defaulted
 * exactly as the anchor's keyword arguments, and the composition of DSL primitives it stands for. The
 * same definition serves the typed Java factories and the {@link Kind} registered for configs, so both
 * paths fill the same defaults, run the same checks and build equal values.
 */
final class PresetKind {
    /** Builds the body of a single-schedule preset from canonical arguments. */
    @FunctionalInterface
    interface Single {
        Curve compose(Args args);
    }

    /** Builds the bodies of a preset that drives several hyperparameters ({@code lr}, {@code momentum}). */
    @FunctionalInterface
    interface Multi {
        Map<String, Curve> compose(Args args);
    }

    private final String name;
    private final String description;
    private final ImmutableList<Param> params;
    private final @Nullable Single single;
    private final @Nullable Multi multi;
    private final ImmutableMap<String, PresetKind> members;
    private ImmutableMap<String, PresetKind> documentKinds = ImmutableMap.of();

    private PresetKind(
            String name,
            String description,
            List<Param> params,
            @Nullable Single single,
            @Nullable Multi multi,
            List<String> hyperparameters) {
        this.name = name;
        this.description = description;
        this.params = ImmutableList.copyOf(params);
        this.single = single;
        this.multi = multi;
        ImmutableMap.Builder<String, PresetKind> m = ImmutableMap.builder();
        for (String hyperparameter : hyperparameters) {
            m.put(hyperparameter, member(hyperparameter));
        }
        this.members = m.buildOrThrow();
    }

    /** A preset producing one schedule. */
    static PresetKind schedule(String name, String description, List<Param> params, Single compose) {
        return new PresetKind(name, description, params, compose, null, List.of());
    }

    /**
     * A preset producing a schedule set of {@code hyperparameters}; each also gets a single-schedule kind
     * (see {@link #members()}).
     */
    static PresetKind set(
            String name, String description, List<Param> params, List<String> hyperparameters, Multi compose) {
        return new PresetKind(name, description, params, null, compose, hyperparameters);
    }

    String name() {
        return name;
    }

    /**
     * Declares that each document of the list parameter {@code param} holds the arguments of {@code kind}
     * (optax's {@code sgdr_schedule(cosine_kwargs)}): they are checked and normalised as that kind's.
     */
    PresetKind withDocumentsOf(String param, PresetKind kind) {
        this.documentKinds = ImmutableMap.<String, PresetKind>builder()
                .putAll(documentKinds)
                .put(param, kind)
                .buildOrThrow();
        return this;
    }

    /** The kind whose arguments the documents of {@code param} hold, or null. */
    @Nullable
    PresetKind documentKind(String param) {
        return documentKinds.get(param);
    }

    List<Param> params() {
        return params;
    }

    boolean isSet() {
        return multi != null;
    }

    /**
     * For a set preset, the single-schedule kinds of its hyperparameters, named {@code
     * <name>.<hyperparameter>} ({@code torch.OneCycleLR.momentum}) with the same parameters.
     */
    ImmutableMap<String, PresetKind> members() {
        return members;
    }

    private PresetKind member(String hyperparameter) {
        Multi compose = multi;
        if (compose == null) {
            throw new IllegalStateException(name + " drives a single schedule");
        }
        String memberDescription = "The " + hyperparameter + " schedule of " + name
                + " on its own (same parameters), for places that take a single schedule.";
        return schedule(name + "." + hyperparameter, memberDescription, params, args -> {
            Curve body = compose.compose(args).get(hyperparameter);
            if (body == null) {
                throw new IllegalArgumentException(
                        name + " does not drive '" + hyperparameter + "' with these arguments"
                                + (hyperparameter.equals("momentum") ? " (cycle_momentum is false)" : ""));
            }
            return body;
        });
    }

    /** Builds the preset from arguments by name (defaults filled in, types normalised, ranges checked). */
    Preset preset(Map<String, ?> given) {
        Single compose = single;
        if (compose == null) {
            throw new IllegalStateException(name + " drives several hyperparameters: use presetSet");
        }
        Args args = Args.canonical(this, given);
        return new Preset(this, args.values(), compose.compose(args));
    }

    /**
     * Builds a set preset from arguments by name: a schedule set whose members are the single-schedule
     * presets {@code <name>.<hyperparameter>} and whose spec is this call.
     */
    ScheduleSet presetSet(Map<String, ?> given) {
        Multi compose = multi;
        if (compose == null) {
            throw new IllegalStateException(name + " drives a single schedule: use preset");
        }
        Args args = Args.canonical(this, given);
        Map<String, Curve> bodies = compose.compose(args);
        ScheduleSet.Builder set = ScheduleSet.builder();
        bodies.forEach((hyperparameter, body) -> {
            PresetKind memberKind = members.get(hyperparameter);
            if (memberKind == null) {
                throw new IllegalStateException(name + " has no member kind for " + hyperparameter);
            }
            set.put(hyperparameter, new Preset(memberKind, args.values(), body));
        });
        try {
            set.describedBy(Preset.describe(this, args.values(), false));
        } catch (NotSpecifiedException e) {
            // a user function inside (a lambda scale_fn): the set has no data form, and its spec() says so
        }
        return set.build();
    }

    /** This definition as a kind for the registry. */
    Kind kind() {
        if (multi != null) {
            return Kind.scheduleSet(name, description, params, this::presetSet);
        }
        return Kind.schedule(name, description, params, this::preset);
    }

    /** The spec of a preset of this kind: its arguments in parameter order, defaults left out. */
    ImmutableMap<String, Object> printable(ImmutableMap<String, Object> canonical) {
        ImmutableMap.Builder<String, Object> out = ImmutableMap.builder();
        for (Param p : params) {
            Object v = canonical.get(p.name());
            if (v == null) {
                continue;
            }
            Object dflt = p.defaultValue();
            if (dflt != null && Args.convert(this, p, dflt).equals(v)) {
                continue;
            }
            out.put(p.name(), v);
        }
        return out.buildOrThrow();
    }

    @Override
    public String toString() {
        return name + params;
    }
}
