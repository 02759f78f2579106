package dev.schedtune.cli.lrfind;

import dev.schedtune.cli.CliContext;
import dev.schedtune.cli.UserError;
import dev.schedtune.cli.schedule.Outputs;
import dev.schedtune.cli.tune.config.StudyConfig;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.export.XyPlot;
import dev.schedtune.trainers.lrfind.LrFindResult;
import dev.schedtune.trainers.lrfind.LrFinder;
import dev.schedtune.trainers.lrfind.SuggestionRule;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schedtune lr-find}: a learning-rate range test and its plot. */
@Command(
        name = "lr-find",
        mixinStandardHelpOptions = true,
        description = {
            "Learning-rate range test (Leslie Smith; fastai's lr_find).",
            "",
            "A fresh model of the study's task, model and optimizer trains while the",
            "learning rate rises exponentially from --min-lr to --max-lr; the smoothed",
            "loss against the lr (log axis) shows where training is fastest and where it",
            "blows up. Prints the suggested max_lr for one-cycle and similar schedules.",
            "Without --config it uses the built-in study (digits, small CNN, SGD).",
        },
        footer = {
            "",
            "Examples:",
            "  schedtune lr-find --ascii",
            "  schedtune lr-find --config my-study.yaml --out lr-find.svg --csv lr-find.csv",
            "  schedtune lr-find --min-lr 1e-5 --max-lr 3 --steps 200 --rule steepest --ascii",
            "",
            "Rules: min10 = lr at the smoothed loss's minimum / 10 (fastai's lr_min);",
            "steepest = lr where the smoothed loss falls fastest per unit of log lr, before the minimum."
        })
public final class LrFindCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Study config whose task, model, optimizer, batch size and seed to use.")
    @Nullable
    Path config;

    @Option(
            names = "--min-lr",
            paramLabel = "LR",
            defaultValue = "1e-7",
            description = "First lr of the sweep (default: ${DEFAULT-VALUE}).")
    double minLr = 1e-7;

    @Option(
            names = "--max-lr",
            paramLabel = "LR",
            defaultValue = "10",
            description = "Last lr of the sweep (default: ${DEFAULT-VALUE}).")
    double maxLr = 10;

    @Option(
            names = "--steps",
            paramLabel = "N",
            defaultValue = "100",
            description = "Optimizer steps of the sweep, 5..100000 (default: ${DEFAULT-VALUE}).")
    int steps = 100;

    @Option(
            names = "--rule",
            paramLabel = "RULE",
            defaultValue = "min10",
            description = "How the suggestion is chosen: min10 or steepest (default: ${DEFAULT-VALUE}).")
    String rule = "min10";

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "Batch size (default: the config's, or its smallest when it is searched).")
    @Nullable
    Integer batchSize;

    @Option(names = "--seed", paramLabel = "N", description = "Initial weights and shuffling (default: the config's).")
    @Nullable
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the plot to FILE (.svg or .png).")
    @Nullable
    Path out;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write step,lr,loss,smoothed_loss to FILE.")
    @Nullable
    Path csv;

    @Option(names = "--ascii", description = "Print the plot in the terminal.")
    boolean ascii;

    public LrFindCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        SuggestionRule suggestionRule = parseRule(rule);
        if (!(minLr > 0) || !Double.isFinite(minLr)) {
            throw new UserError("--min-lr (" + minLr + ") must be > 0");
        }
        if (!(maxLr > minLr) || !Double.isFinite(maxLr)) {
            throw new UserError("--max-lr (" + maxLr + ") must be > --min-lr (" + minLr + ")");
        }
        if (steps < 5 || steps > 100_000) {
            throw new UserError("--steps (" + steps + ") must be in [5, 100000]");
        }
        if (batchSize != null && (batchSize < 1 || batchSize > 65_536)) {
            throw new UserError("--batch-size (" + batchSize + ") must be in [1, 65536]");
        }
        String kind = out == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (out != null && !kind.endsWith(".svg") && !kind.endsWith(".png")) {
            throw new UserError("--out (" + out + ") must end in .svg or .png");
        }
        StudyConfig study = config == null
                ? StudyConfigReader.defaultStudy(context.registry())
                : StudyConfigReader.read(config, context.registry());
        int batch = batchSize != null ? batchSize : (int) study.batchSize().low();
        LrFinder finder = LrFinder.builder(study.task(), study.model())
                .optimizer(study.optimizer())
                .range(minLr, maxLr)
                .steps(steps)
                .batchSize(batch)
                .seed(seed != null ? seed : study.trainingSeed())
                .rule(suggestionRule)
                .build();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("lr-find: " + study.task() + ", model " + study.model() + ", optimizer " + study.optimizer()
                + ", batch size " + batch + "; lr " + number(minLr) + " → " + number(maxLr) + " over " + steps
                + " steps");
        stdout.flush();
        LrFindResult r = finder.run();
        double suggestion = r.suggestion();
        XyPlot plot = plot(r, suggestion, study.name());
        if (ascii) {
            stdout.print(plot.ascii(80, 16));
        }
        if (out != null) {
            Outputs.bytes(out, kind.endsWith(".svg") ? plot.svg().getBytes(StandardCharsets.UTF_8) : plot.png());
        }
        if (csv != null) {
            Outputs.bytes(csv, csv(r).getBytes(StandardCharsets.UTF_8));
        }
        stdout.println(r.message());
        stdout.println("suggested max_lr: " + (Double.isNaN(suggestion) ? "none" : number(suggestion)) + " ("
                + (suggestionRule == SuggestionRule.STEEPEST ? "steepest descent" : "minimum / 10") + "; "
                + (suggestionRule == SuggestionRule.STEEPEST ? "minimum / 10" : "steepest descent") + " gives "
                + number(r.suggestion(other(suggestionRule))) + ")");
        if (out != null) {
            stdout.println("wrote " + out);
        }
        if (csv != null) {
            stdout.println("wrote " + csv);
        }
        stdout.flush();
        return 0;
    }

    private static XyPlot plot(LrFindResult r, double suggestion, String study) {
        XyPlot.Builder b = XyPlot.builder()
                .title("Learning-rate range test — " + study)
                .x("learning rate", true)
                .y("training loss", false)
                .add("loss", r.lrs(), r.losses())
                .add("smoothed loss", r.lrs(), r.smoothedLosses());
        if (Double.isFinite(suggestion)) {
            b.markX(suggestion, "suggested max_lr " + number(suggestion));
        }
        return b.build();
    }

    private static String csv(LrFindResult r) {
        double[] lrs = r.lrs();
        double[] losses = r.losses();
        double[] smoothed = r.smoothedLosses();
        StringBuilder s = new StringBuilder("step,lr,loss,smoothed_loss\n");
        for (int i = 0; i < lrs.length; i++) {
            s.append(i)
                    .append(',')
                    .append(lrs[i])
                    .append(',')
                    .append(losses[i])
                    .append(',')
                    .append(smoothed[i])
                    .append('\n');
        }
        return s.toString();
    }

    private static SuggestionRule parseRule(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "min10", "minimum_div_10" -> SuggestionRule.MINIMUM_DIV_10;
            case "steepest" -> SuggestionRule.STEEPEST;
            default -> throw new UserError("--rule (" + text + ") must be min10 or steepest");
        };
    }

    private static SuggestionRule other(SuggestionRule r) {
        return r == SuggestionRule.STEEPEST ? SuggestionRule.MINIMUM_DIV_10 : SuggestionRule.STEEPEST;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "none" : String.format(Locale.ROOT, "%.4g", v);
    }
}
