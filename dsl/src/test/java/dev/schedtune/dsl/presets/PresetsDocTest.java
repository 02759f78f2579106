package dev.schedtune.dsl.presets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The preset list in {@code dsl/PRESETS.md} is generated from the registered kinds, so it cannot drift:
 * this test fails when the committed list differs from what the kinds say. Regenerate it with
 * {@code mvn -B -q test -pl dsl -Dtest=PresetsDocTest -Dpresets.doc.update=true}.
 */
class PresetsDocTest {
    private static final String BEGIN = "<!-- BEGIN GENERATED PRESET LIST (PresetsDocTest) -->";
    private static final String END = "<!-- END GENERATED PRESET LIST -->";

    @Test
    void presetsMdListsEveryPresetWithItsParametersAndDefaults() throws IOException {
        Path doc = Path.of("PRESETS.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("PRESETS.md has the generated section markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String generated = generate();
        String committed = text.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("presets.doc.update")) {
            Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + generated + text.substring(end));
            return;
        }
        assertThat(committed)
                .as("the preset list in PRESETS.md (regenerate with -Dpresets.doc.update=true)")
                .isEqualTo(generated);
    }

    static String generate() {
        StringBuilder out = new StringBuilder("\n");
        String library = "";
        for (Kind kind : PresetKinds.kinds()) {
            String lib = kind.name().substring(0, kind.name().indexOf('.'));
            if (!lib.equals(library)) {
                library = lib;
                out.append("\n#### ").append(lib).append("\n\n");
                out.append("| preset | parameters (default; allowed) | what it is |\n|---|---|---|\n");
            }
            out.append("| `").append(kind.name()).append('`');
            if (kind.produces() == Kind.Produces.SCHEDULE_SET) {
                out.append(" (schedule set)");
            }
            out.append(" | ");
            String base = kind.name().substring(0, kind.name().lastIndexOf('.'));
            if (base.contains(".") && PresetKinds.find(base).isPresent()) {
                out.append("the parameters of `").append(base).append("` | ").append(kind.description());
                out.append(" |\n");
                continue;
            }
            boolean first = true;
            for (Param p : kind.params()) {
                out.append(first ? "" : "<br>").append('`').append(p.name()).append('`');
                first = false;
                Object d = p.defaultValue();
                String type = p.type().name().toLowerCase(Locale.ROOT).replace('_', ' ');
                if (p.isRequired()) {
                    out.append(" (").append(type).append(", required; ");
                } else if (d != null) {
                    out.append(" = ")
                            .append(d instanceof String ? "'" + d + "'" : d)
                            .append(" (");
                } else {
                    out.append(" = absent (").append(type).append("; ");
                }
                out.append(p.allowed().replace("|", "\\|")).append(')');
            }
            out.append(" | ").append(kind.description().replace("|", "\\|")).append(" |\n");
        }
        return out.append('\n').toString();
    }
}
