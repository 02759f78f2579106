package dev.schedtune.dsl.spec;

import java.util.ArrayList;
import java.util.List;

/** The DSL's primitives and combinators as buildable kinds (kind names in snake_case). */
final class CoreKinds {
    private CoreKinds() {}

    static List<Kind> kinds() {
        List<Kind> all = new ArrayList<>(CurveKinds.kinds());
        all.addAll(CombinatorKinds.kinds());
        all.addAll(TemplateKinds.kinds());
        return List.copyOf(all);
    }
}
