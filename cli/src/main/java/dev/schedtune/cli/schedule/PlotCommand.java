package dev.schedtune.cli.schedule;

import dev.schedtune.cli.CliContext;
import dev.schedtune.cli.UserError;
import dev.schedtune.export.Plot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schedtune plot}: an SVG or PNG figure, or a text plot in the terminal. */
@Command(
        name = "plot",
        mixinStandardHelpOptions = true,
        description = {
            "Plot a schedule as SVG, PNG or text in the terminal.",
            "",
            "One panel per hyperparameter, dashed lines where pieces meet; give --config",
            "several times to compare schedules on one figure.",
        },
        footer = {
            "",
            "Examples:",
            "  schedtune plot --config onecycle.yaml --steps 1000 --out onecycle.svg",
            "  schedtune plot --config a.yaml --config b.yaml --steps 5000 --log --out ab.png",
            "  schedtune plot --config warmup-cosine.json --steps 1000 --ascii",
            "  schedtune plot --config family.yaml --steps 1000 --ascii --param peak=0.1"
        })
public final class PlotCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "Schedule config (JSON or YAML); repeat to overlay several.")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--steps", required = true, paramLabel = "N", description = "Last step to draw (1..10000000).")
    long steps;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the figure to FILE (.svg or .png).")
    @Nullable
    Path out;

    @Option(names = "--ascii", description = "Print a text plot to the terminal.")
    boolean ascii;

    @Option(names = "--log", description = "Log-scaled value axes.")
    boolean log;

    @Option(names = "--title", paramLabel = "TEXT", description = "Heading (default: the config's file and type).")
    @Nullable
    String title;

    @Option(
            names = "--width",
            paramLabel = "PIXELS",
            defaultValue = "900",
            description = "Figure width (default: ${DEFAULT-VALUE}).")
    int width = 900;

    @Option(
            names = "--columns",
            paramLabel = "N",
            defaultValue = "80",
            description = "Width of the --ascii plot (default: ${DEFAULT-VALUE}).")
    int columns = 80;

    @Option(
            names = "--rows",
            paramLabel = "N",
            defaultValue = "16",
            description = "Height of each --ascii panel (default: ${DEFAULT-VALUE}).")
    int rows = 16;

    @Mixin
    TemplateParams params = new TemplateParams();

    PlotCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        long n = Outputs.steps(steps);
        if (out == null && !ascii) {
            throw new UserError("give --out FILE.svg or FILE.png, or --ascii for a text plot");
        }
        String kind = out == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (out != null && !kind.endsWith(".svg") && !kind.endsWith(".png")) {
            throw new UserError("--out (" + out + ") must end in .svg or .png");
        }
        if (width < 320 || width > 8000) {
            throw new UserError("--width (" + width + ") must be in [320, 8000]");
        }
        if (columns < 30 || rows < 5) {
            throw new UserError("--columns (" + columns + ") must be >= 30 and --rows (" + rows + ") >= 5");
        }
        Plot.Builder plot = Plot.builder().steps(n).logScale(log).width(width);
        List<LoadedConfig> loaded = new ArrayList<>();
        for (Path c : configs) {
            LoadedConfig config = LoadedConfig.load(c, context, params.values);
            loaded.add(config);
            plot.add(configs.size() > 1 ? config.label() : "", config.set());
        }
        plot.title(title != null ? title : defaultTitle(loaded));
        Plot figure = plot.build();
        if (ascii) {
            spec.commandLine().getOut().print(figure.ascii(columns, rows));
            spec.commandLine().getOut().flush();
        }
        if (out != null) {
            Outputs.bytes(out, kind.endsWith(".svg") ? figure.svg().getBytes(StandardCharsets.UTF_8) : figure.png());
            if (!ascii) {
                spec.commandLine().getOut().println("wrote " + out);
                spec.commandLine().getOut().flush();
            }
        }
        return 0;
    }

    private static String defaultTitle(List<LoadedConfig> loaded) {
        if (loaded.size() == 1) {
            LoadedConfig c = loaded.get(0);
            return c.file().getFileName() + " — " + c.describe();
        }
        return "Comparison of " + loaded.size() + " schedules";
    }
}
