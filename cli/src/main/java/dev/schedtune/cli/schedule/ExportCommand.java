package dev.schedtune.cli.schedule;

import dev.schedtune.cli.CliContext;
import dev.schedtune.cli.UserError;
import dev.schedtune.dsl.config.ConfigDocument;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.export.CurveExport;
import dev.schedtune.export.PytorchExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schedtune export}: the config in another form. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Convert a config to json, yaml, csv (sampled) or pytorch (Python for LambdaLR).",
            "",
            "json and yaml rewrite the config normalised, in the current format version;",
            "csv samples it (needs --steps); pytorch writes a standard-library Python file",
            "with lr_lambda(step) for torch.optim.lr_scheduler.LambdaLR, and",
            "set_momentum(optimizer, step) when the config schedules momentum.",
        },
        footer = {
            "",
            "Examples:",
            "  schedtune export --config onecycle.yaml --to pytorch --out onecycle_lr.py",
            "  schedtune export --config warmup-cosine.json --to yaml"
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

    @Mixin
    TemplateParams params = new TemplateParams();

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
        String text;
        if (to == Target.json || to == Target.yaml) {
            // re-writing a config (a template too) needs no parameter values; it is still checked in full
            ConfigDocument document = Configs.read(config);
            document.build(context.registry());
            Outputs.text(
                    out,
                    document.write(to == Target.json ? ConfigFormat.JSON : ConfigFormat.YAML),
                    spec.commandLine().getOut());
            return 0;
        }
        LoadedConfig loaded = LoadedConfig.load(config, context, params.values);
        switch (to) {
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
