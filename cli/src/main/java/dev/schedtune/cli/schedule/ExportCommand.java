package dev.schedtune.cli.schedule;

import dev.schedtune.cli.CliContext;
import dev.schedtune.cli.UserError;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.export.CurveExport;
import dev.schedtune.dsl.export.PytorchExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schedtune export}: the config in another form. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Convert a schedule config: to json or yaml (normalised, current format version), to csv (sampled",
            "values; needs --steps), or to pytorch (a standard-library Python file with lr_lambda(step) for",
            "torch.optim.lr_scheduler.LambdaLR, and momentum_at(step) when the config schedules momentum).",
        },
        footer = {
            "",
            "Examples:",
            "  schedtune export --config examples/configs/onecycle.yaml --to pytorch --out onecycle_schedule.py",
            "  schedtune export --config examples/configs/warmup-cosine.json --to yaml"
        })
public final class ExportCommand implements Callable<Integer> {
    /** Export targets. */
    enum Target {
        json,
        yaml,
        csv,
        pytorch
    }

    private final CliContext context;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Schedule config (JSON or YAML).")
    @SuppressWarnings("NullAway.Init")
    Path config;

    @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "json, yaml, csv or pytorch.")
    @SuppressWarnings("NullAway.Init")
    Target to;

    @Option(names = "--steps", paramLabel = "N", description = "Steps to sample for --to csv (1..10000000).")
    @Nullable
    Long steps;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    @Nullable
    Path out;

    ExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (steps != null && to != Target.csv) {
            throw new UserError("--steps is only used with --to csv (got --to " + to + ")");
        }
        if (to == Target.csv && steps == null) {
            throw new UserError("--to csv needs --steps N (the number of steps to sample)");
        }
        LoadedConfig loaded = LoadedConfig.load(config, context);
        String text;
        switch (to) {
            case json:
                text = loaded.document().write(ConfigFormat.JSON);
                break;
            case yaml:
                text = loaded.document().write(ConfigFormat.YAML);
                break;
            case csv:
                text = CurveExport.csv(loaded.set(), Outputs.steps(steps == null ? 0 : steps));
                break;
            default:
                text = PytorchExport.builder()
                        .registry(context.registry())
                        .source(loaded.file().getFileName().toString())
                        .build()
                        .python(loaded.set());
                break;
        }
        Outputs.text(out, text, spec.commandLine().getOut());
        return 0;
    }
}
