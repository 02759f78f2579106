package dev.schedtune.dsl.presets;

import dev.schedtune.dsl.ScheduleSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The arguments of one preset call, collected by a typed builder under the anchor's parameter names,
 * then checked and built by the preset's definition (the same path configs take).
 */
abstract class PresetCall<B extends PresetCall<B>> {
    private final PresetKind kind;
    private final Map<String, Object> args = new LinkedHashMap<>();

    PresetCall(PresetKind kind) {
        this.kind = kind;
    }

    @SuppressWarnings("unchecked")
    final B set(String name, Object value) {
        args.put(name, value);
        return (B) this;
    }

    final Preset preset() {
        return kind.preset(args);
    }

    final ScheduleSet presetSet() {
        return kind.presetSet(args);
    }

    /** The single-schedule preset of one hyperparameter of a set preset. */
    final Preset member(String hyperparameter) {
        PresetKind member = kind.members().get(hyperparameter);
        if (member == null) {
            throw new IllegalStateException(kind.name() + " has no " + hyperparameter + " schedule");
        }
        return member.preset(args);
    }

    /** A call with no typed setters, for the static factories. */
    static Call call(PresetKind kind) {
        return new Call(kind);
    }

    static final class Call extends PresetCall<Call> {
        Call(PresetKind kind) {
            super(kind);
        }
    }
}
