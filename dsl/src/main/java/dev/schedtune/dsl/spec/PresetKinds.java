package dev.schedtune.dsl.spec;

import java.util.List;

/** The anchor presets as buildable kinds, named {@code <library>.<AnchorName>}. */
final class PresetKinds {
    private PresetKinds() {}

    static List<Kind> kinds() {
        return List.of();
    }
}
