package dev.schedtune.cli.tune;

import dev.schedtune.cli.CliContext;
import dev.schedtune.cli.UserError;
import dev.schedtune.cli.tune.config.StudyConfig;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schedtune pbt}: population-based training, and the schedule it discovers as a config. */
@Command(
        name = "pbt",
        mixinStandardHelpOptions = true,
        description = {
            "Discover a schedule while training: population-based training (PBT).",
            "",
            "A population of runs trains side by side; after every interval the bottom",
            "quarter copies the weights of the top quarter and perturbs their",
            "hyperparameters (x0.8 or x1.2, or resamples them). The final best member's",
            "history is written as a schedule config in optimizer steps",
            "(OUT/discovered-schedule.yaml) that plot, curve and export --to pytorch read",
            "as they are. Running the command again on the same storage continues the",
            "population where it stopped; several processes may share one population.",
        },
        footer = {
            "",
            "Examples:",
            "  schedtune pbt --config examples/configs/pbt/fashion-pbt.yaml",
            "  schedtune export --config schedtune-runs/fashion-pbt/discovered-schedule.yaml --to pytorch",
            "",
            "Study config format: docs/study-config.md (the pbt section)"
        })
public final class PbtCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "Study config with a pbt section.")
    @SuppressWarnings("NullAway.Init")
    Path config;

    @Mixin
    StudyOptions options = new StudyOptions();

    @Option(names = "--print-config", description = "Print the study config as read and exit.")
    boolean printConfig;

    PbtCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        StudyConfig c = overrides(StudyConfigReader.read(config, context.registry()));
        if (printConfig) {
            stdout.print(StudyConfigReader.write(c));
            stdout.flush();
            return 0;
        }
        if (c.pbt().isEmpty()) {
            throw new UserError("study config " + config + " has no pbt section (population, interval,"
                    + " hyperparameters); see docs/study-config.md, or run it with schedtune tune");
        }
        try (Interruption interruption = new Interruption().install()) {
            return new PbtRun(c, stdout, interruption).run();
        }
    }

    private StudyConfig overrides(StudyConfig c) {
        StudyConfig.Builder b = c.toBuilder();
        options.apply(b);
        return b.build();
    }
}
