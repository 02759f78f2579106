package dev.schedtune.dsl.presets;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.schedtune.dsl.spec.Kind;
import java.util.List;
import java.util.Optional;

/**
 * Every parity preset as a {@link Kind} named {@code <library>.<AnchorName>} ({@code torch.OneCycleLR},
 * {@code optax.warmup_cosine_decay_schedule}, {@code transformers.get_cosine_schedule_with_warmup},
 * {@code timm.CosineLRScheduler}, {@code keras.CosineDecay}, {@code djl.CosineTracker}), with parameters
 * named and defaulted as the anchor's keyword arguments. Presets that drive momentum too ({@code
 * torch.OneCycleLR}, {@code torch.CyclicLR}) make a schedule set and also register one single-schedule
 * kind per hyperparameter ({@code torch.OneCycleLR.lr}, {@code torch.OneCycleLR.momentum}).
 * {@link dev.schedtune.dsl.spec.KindRegistry#builtIn()} includes them all.
 */
public final class PresetKinds {
    private static final ImmutableMap<String, PresetKind> DEFINITIONS = definitions();
    private static final ImmutableList<Kind> KINDS =
            DEFINITIONS.values().stream().map(PresetKind::kind).collect(ImmutableList.toImmutableList());

    private PresetKinds() {}

    /** Every preset kind, library by library, in the order of PRESETS.md. */
    public static List<Kind> kinds() {
        return KINDS;
    }

    /** The preset kind named {@code name}, if there is one. */
    public static Optional<Kind> find(String name) {
        return KINDS.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    static PresetKind definition(String name) {
        PresetKind kind = DEFINITIONS.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("no preset named " + name);
        }
        return kind;
    }

    private static ImmutableMap<String, PresetKind> definitions() {
        ImmutableMap.Builder<String, PresetKind> all = ImmutableMap.builder();
        for (List<PresetKind> library : List.of(
                TorchKinds.all(),
                OptaxKinds.all(),
                TransformersKinds.all(),
                TimmKinds.all(),
                KerasKinds.all(),
                DjlKinds.all())) {
            for (PresetKind kind : library) {
                all.put(kind.name(), kind);
                kind.members().values().forEach(member -> all.put(member.name(), member));
            }
        }
        return all.buildOrThrow();
    }
}
