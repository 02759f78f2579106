package dev.schedtune.cli.schedule;

import dev.schedtune.cli.CliContext;
import dev.schedtune.cli.UserError;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.Suggestions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code schedtune presets}: every preset (and with {@code --all} every kind) with its parameters. */
@Command(
        name = "presets",
        mixinStandardHelpOptions = true,
        description = {
            "List every preset with its parameters and defaults.",
            "",
            "Presets are torch.*, optax.*, transformers.*, timm.*, keras.* and djl.*,",
            "spelled as the anchor library spells them. Give a library (torch) or a type",
            "(torch.OneCycleLR) to narrow the list; --all adds the DSL's own primitives and",
            "combinators."
        })
public final class PresetsCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Parameters(
            arity = "0..1",
            paramLabel = "FILTER",
            description = "A library (torch) or a type name (torch.OneCycleLR).")
    @Nullable
    String filter;

    @Option(names = "--all", description = "Also list primitives and combinators (types without a library prefix).")
    boolean all;

    PresetsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Kind> kinds = context.registry().kinds().stream()
                .filter(k -> all || filter != null || k.name().contains("."))
                .filter(this::matches)
                .collect(Collectors.toList());
        // an exact type name shows that kind alone, in detail (not also torch.OneCycleLR.lr, ...)
        kinds.stream()
                .filter(k -> k.name().equalsIgnoreCase(String.valueOf(filter)))
                .findFirst()
                .ifPresent(exact -> kinds.retainAll(List.of(exact)));
        if (kinds.isEmpty()) {
            List<String> names =
                    context.registry().kinds().stream().map(Kind::name).toList();
            List<String> libraries = names.stream()
                    .filter(n -> n.contains("."))
                    .map(n -> n.substring(0, n.indexOf('.')))
                    .distinct()
                    .toList();
            if (filter != null) {
                List<String> candidates = new java.util.ArrayList<>(names);
                candidates.addAll(libraries);
                throw new UserError("no preset or type matches '" + filter + "'"
                        + Suggestions.didYouMean(filter, candidates) + "; libraries: " + String.join(", ", libraries));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean detailed = kinds.size() == 1;
        for (Kind kind : kinds) {
            print(out, kind, detailed);
        }
        if (kinds.isEmpty()) {
            out.println("(no presets registered)");
        }
        out.flush();
        return 0;
    }

    private boolean matches(Kind kind) {
        if (filter == null) {
            return true;
        }
        String f = filter.toLowerCase(Locale.ROOT);
        String name = kind.name().toLowerCase(Locale.ROOT);
        return name.equals(f) || name.startsWith(f + ".");
    }

    private static void print(PrintWriter out, Kind kind, boolean detailed) {
        out.println(kind.name() + (kind.produces() == Kind.Produces.SCHEDULE_SET ? "  (schedule set)" : ""));
        if (!kind.description().isEmpty()) {
            out.println("    " + kind.description());
        }
        int width =
                kind.params().stream().mapToInt(p -> p.name().length()).max().orElse(0);
        for (Param p : kind.params()) {
            StringBuilder line = new StringBuilder("    ");
            line.append(String.format(Locale.ROOT, "%-" + width + "s", p.name()))
                    .append("  ");
            line.append(p.type().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (p.isRequired()) {
                line.append(", required");
            } else if (p.defaultValue() != null) {
                line.append(", default ").append(p.defaultValue());
            } else {
                line.append(", optional");
            }
            if (!p.allowed().isEmpty()) {
                line.append("; ").append(p.allowed());
            }
            if (detailed && !p.description().isEmpty()) {
                line.append(" — ").append(p.description());
            }
            out.println(line);
        }
        out.println();
    }
}
