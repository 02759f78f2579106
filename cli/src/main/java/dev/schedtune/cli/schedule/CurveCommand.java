package dev.schedtune.cli.schedule;

import dev.schedtune.cli.CliContext;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.export.CurveExport;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schedtune curve}: the sampled values, one row per step. */
@Command(
        name = "curve",
        mixinStandardHelpOptions = true,
        description = {
            "Print a schedule's values at steps 0..N-1 as CSV or JSON.",
            "",
            "CSV has a header step,lr then one column per further hyperparameter",
            "(momentum, ...); JSON has one array per column.",
        },
        footer = {"", "Example:", "  schedtune curve --config onecycle.yaml --steps 1000 > curve.csv"})
public final class CurveCommand implements Callable<Integer> {
    /** Output formats of {@code curve}. */
    enum Format {
        csv,
        json
    }

    private final CliContext context;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Schedule config (JSON or YAML).")
    @SuppressWarnings("NullAway.Init")
    Path config;

    @Option(
            names = "--steps",
            required = true,
            paramLabel = "N",
            description = "Number of steps to sample (1..10000000).")
    long steps;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "csv",
            description = "csv or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.csv;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    @Nullable
    Path out;

    @Mixin
    TemplateParams params = new TemplateParams();

    CurveCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        long n = Outputs.steps(steps);
        ScheduleSet set = LoadedConfig.load(config, context, params.values).set();
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            write(set, n, w);
            w.flush();
        } else {
            Outputs.stream(out, stream -> {
                Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                write(set, n, w);
                w.flush();
            });
        }
        return 0;
    }

    private void write(ScheduleSet set, long n, Appendable w) {
        if (format == Format.json) {
            CurveExport.json(set, n, w);
        } else {
            CurveExport.csv(set, n, w);
        }
    }
}
