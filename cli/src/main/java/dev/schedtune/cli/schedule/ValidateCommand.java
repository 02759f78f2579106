package dev.schedtune.cli.schedule;

import dev.schedtune.cli.CliContext;
import dev.schedtune.cli.ExitCodes;
import dev.schedtune.cli.UserError;
import dev.schedtune.dsl.config.ConfigDocument;
import dev.schedtune.dsl.config.ConfigException;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.template.Template;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code schedtune validate}: reads and builds every file, reporting each problem. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check configs: syntax, version, types, fields, values and ranges.",
            "",
            "Prints 'ok' per good file and one error line per bad one; exits 2 if any",
            "file is bad."
        })
public final class ValidateCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Config files (JSON or YAML).")
    List<Path> files = new ArrayList<>();

    ValidateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int bad = 0;
        for (Path file : files) {
            try {
                ConfigDocument document = Configs.read(file);
                Object built = document.build(context.registry());
                if (built instanceof Template) {
                    out.println(
                            "ok     " + file + " (template; tunable: " + LoadedConfig.space((Template) built) + ")");
                } else {
                    LoadedConfig c = LoadedConfig.load(file, context);
                    out.println("ok     " + file + " (" + c.describe() + "; schedules "
                            + String.join(", ", c.set().names()) + ")");
                }
            } catch (ConfigException | UserError e) {
                bad++;
                out.flush();
                err.println("error: " + e.getMessage());
                err.flush();
            }
        }
        out.flush();
        if (bad > 0 && files.size() > 1) {
            err.println(bad + " of " + files.size() + " configs are invalid");
            err.flush();
        }
        return bad == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
