package dev.schedtune.cli.tune;

import dev.schedtune.cli.CliContext;
import dev.schedtune.cli.Durations;
import dev.schedtune.cli.UserError;
import dev.schedtune.cli.study.StudyAttrs;
import dev.schedtune.cli.study.StudyStorage;
import dev.schedtune.cli.tune.config.SamplerSpec;
import dev.schedtune.cli.tune.config.StudyConfig;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schedtune tune}: runs a tuning study and writes its Pareto front and report. */
@Command(
        name = "tune",
        mixinStandardHelpOptions = true,
        description = {
            "Search for the learning-rate schedule that trains a model best.",
            "",
            "Without --config it runs the built-in study: a small CNN on the handwritten",
            "digits, four schedule families (one-cycle, warmup-cosine with restarts, cyclic",
            "exponential decay, exponential decay) and the number of epochs searched by",
            "MOTPE for low validation loss and few seconds, 2 trials at a time. It shows",
            "progress, prints the Pareto table and writes pareto.json, one schedule config",
            "per Pareto trial and report.html to its output folder.",
            "",
            "Ctrl-C stops cleanly: trials cut short are recorded as failed (interrupted),",
            "the results so far are written, and --resume continues the study.",
        },
        footer = {
            "",
            "Examples:",
            "  schedtune tune",
            "  schedtune tune --config examples/configs/study.yaml --trials 40 --jobs 2",
            "  schedtune tune --resume --trials 100",
            "  schedtune tune --print-config > my-study.yaml",
            "",
            "Study config format: docs/study-config.md"
        })
public final class TuneCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Study config (YAML or JSON); default: the built-in study.")
    @Nullable
    Path config;

    @Option(
            names = "--resume",
            description = "Continue the study (it must exist); without --config, with its stored config.")
    boolean resume;

    @Mixin
    StudyOptions options = new StudyOptions();

    @Option(names = "--trials", paramLabel = "N", description = "Trials the study should have run in all (budget).")
    @Nullable
    Integer trials;

    @Option(names = "--timeout", paramLabel = "TIME", description = "Start no trial after TIME (e.g. 90s, 10m, 1h).")
    @Nullable
    String timeout;

    @Option(
            names = "--heartbeat",
            paramLabel = "TIME",
            description = "Heartbeat interval of running trials, stored with a new study (default: 10s).")
    @Nullable
    String heartbeat;

    @Option(
            names = "--grace",
            paramLabel = "TIME",
            description = "How long a trial may miss heartbeats before it is failed and re-run, stored with a new"
                    + " study (default: 60s).")
    @Nullable
    String grace;

    @Option(
            names = "--sampler",
            paramLabel = "TYPE",
            completionCandidates = SamplerSpec.Types.class,
            description = "Replace the config's sampler: ${COMPLETION-CANDIDATES}.")
    @Nullable
    String sampler;

    @Option(
            names = "--progress",
            paramLabel = "MODE",
            defaultValue = "auto",
            description = "auto (a bar on a terminal, else lines), bar, lines or quiet.")
    String progress = "auto";

    @Option(
            names = "--evidence",
            paramLabel = "FILE",
            description = "Benchmark results to show in the report (default: OUT/evidence.json if present).")
    @Nullable
    Path evidence;

    @Option(names = "--print-config", description = "Print the study config (the built-in one with comments) and exit.")
    boolean printConfig;

    TuneCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (printConfig && config == null && !resume) {
            stdout.print(StudyConfigReader.defaultStudyText());
            stdout.flush();
            return 0;
        }
        Progress.Mode mode = switch (progress.toLowerCase(Locale.ROOT)) {
            case "auto" -> Progress.auto();
            case "bar" -> Progress.Mode.BAR;
            case "lines" -> Progress.Mode.LINES;
            case "quiet" -> Progress.Mode.QUIET;
            default -> throw new UserError("--progress (" + progress + ") must be auto, bar, lines or quiet");
        };
        StudyConfig c = overrides(base());
        if (printConfig) {
            stdout.print(StudyConfigReader.write(c));
            stdout.flush();
            return 0;
        }
        if (!c.hasTemplate()) {
            throw new UserError("study '" + c.name() + "' has no template: it is a population-based training study;"
                    + " run it with schedtune pbt" + (config == null ? "" : " --config " + config));
        }
        try (Interruption interruption = new Interruption().install()) {
            return new TuneRun(c, resume, stdout, mode, context.registry(), evidence, interruption, resumeCommand())
                    .run();
        }
    }

    private StudyConfig base() {
        if (config != null) {
            return StudyConfigReader.read(config, context.registry());
        }
        StudyConfig defaults = StudyConfigReader.defaultStudy(context.registry());
        if (!resume) {
            return defaults;
        }
        // --resume without --config: the study's own stored config
        String given = options.storage.given();
        String url = given != null
                ? given
                : options.out != null ? options.out.resolve("study.db").toString() : defaults.storage();
        String name = options.study != null ? options.study : defaults.name();
        try (Storage s = StudyStorage.open(url, false)) {
            Optional<StudyRecord> record = s.findStudy(name);
            if (record.isEmpty() && options.study == null && s.studies().size() == 1) {
                record = Optional.of(s.studies().get(0));
            }
            if (record.isEmpty()) {
                return defaults; // TuneRun says that there is nothing to resume
            }
            Object stored = s.studySystemAttrs(record.get().studyId()).get(StudyAttrs.CONFIG);
            if (!(stored instanceof String)) {
                throw new UserError("--resume: study '" + record.get().name() + "' in " + StudyStorage.display(url)
                        + " was not created by 'schedtune tune' (no stored study config)");
            }
            return StudyConfigReader.parse(
                    (String) stored,
                    ConfigFormat.JSON,
                    "the stored config of study '" + record.get().name() + "'",
                    Path.of(""),
                    context.registry());
        }
    }

    private StudyConfig overrides(StudyConfig c) {
        StudyConfig.Builder b = c.toBuilder();
        options.apply(b);
        if (options.study != null && options.out == null && config == null && !resume) {
            b.output(Path.of("schedtune-runs", StudyConfigReader.safeFileName(options.study)));
        }
        if (trials != null) {
            if (trials < 1 || trials > 1_000_000) {
                throw new UserError("--trials (" + trials + ") must be in [1, 1000000]");
            }
            b.trials(trials);
        }
        if (timeout != null) {
            b.timeout(Durations.parse(timeout, "--timeout"));
        }
        if (heartbeat != null || grace != null) {
            Duration beat = heartbeat == null ? c.heartbeatInterval() : Durations.parse(heartbeat, "--heartbeat");
            Duration graceTime = grace == null ? c.heartbeatGrace() : Durations.parse(grace, "--grace");
            if (graceTime.compareTo(beat) <= 0) {
                throw new UserError("--grace (" + Durations.format(graceTime) + ") must be longer than --heartbeat ("
                        + Durations.format(beat) + ")");
            }
            b.heartbeat(beat, graceTime);
        }
        if (sampler != null) {
            String s = sampler.toLowerCase(Locale.ROOT);
            if (!SamplerSpec.types().contains(s)) {
                throw new UserError(
                        "--sampler (" + sampler + ") must be one of " + String.join(", ", SamplerSpec.types()));
            }
            b.sampler(SamplerSpec.of(s));
        }
        return b.build();
    }

    /** The command that continues this run. */
    private String resumeCommand() {
        List<String> args = new ArrayList<>(List.of("schedtune", "tune", "--resume"));
        if (config != null) {
            args.add("--config");
            args.add(config.toString());
        }
        if (options.study != null) {
            args.add("--study");
            args.add(options.study);
        }
        args.addAll(options.storage.again());
        if (options.out != null) {
            args.add("--out");
            args.add(options.out.toString());
        }
        if (trials != null) {
            args.add("--trials");
            args.add(trials.toString());
        }
        String command = String.join(" ", args);
        return options.storage.againHidesPassword()
                ? command + "\n  with the password where *** is, best kept off the command line: SCHEDTUNE_STORAGE=URL"
                        + " or --storage-file FILE instead of --storage"
                : command;
    }
}
