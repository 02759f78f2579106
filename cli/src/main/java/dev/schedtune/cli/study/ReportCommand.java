package dev.schedtune.cli.study;

import dev.schedtune.cli.UserError;
import dev.schedtune.cli.files.SafeFiles;
import dev.schedtune.cli.report.ConfirmationRun;
import dev.schedtune.cli.report.HtmlReport;
import dev.schedtune.cli.report.PbtReport;
import dev.schedtune.cli.report.ResultFiles;
import dev.schedtune.cli.report.StudyResults;
import dev.schedtune.cli.tune.config.StudyConfig;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.search.Study;
import dev.schedtune.search.pbt.MemberRecord;
import dev.schedtune.search.pbt.Population;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.tuning.Baseline;
import dev.schedtune.trainers.tuning.ScheduleTuning;
import dev.schedtune.trainers.tuning.StopSignal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code schedtune report STUDY}: the HTML report and result files of a stored study. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write a study's report.html, pareto.json and its Pareto trials' schedule configs.",
            "From its storage: also while it runs, and for studies made elsewhere (Optuna's, or",
            "through the API); report.html is one self-contained file. With --confirm, first",
            "re-trains the Pareto trials and baselines on the test split (fresh seeds). A study made",
            "by schedtune pbt gets its population-based training report (report.html) instead."
        },
        footer = {
            "",
            "Examples:",
            "  schedtune report fashion-schedules",
            "  schedtune report my-study --storage runs/study.db --out runs/my-study",
            "  schedtune report fashion-schedules --confirm --seeds 5"
        })
public final class ReportCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
    String study = "";

    /** --storage or --storage-file (default: $SCHEDTUNE_STORAGE, else {@value StoredStudy#DEFAULT_STORAGE}). */
    @Mixin
    StorageOption storage = new StorageOption();

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: schedtune-runs/STUDY).")
    @Nullable
    Path out;

    @Option(names = "--evidence", paramLabel = "FILE", description = "Benchmark results (evidence.json) to include.")
    @Nullable
    Path evidence;

    @Option(
            names = "--confirm",
            description = "First confirm the study's answer on the test split: re-train its Pareto trials and"
                    + " baselines not yet confirmed with fresh seeds (a study made by schedtune tune).")
    boolean confirm;

    @Option(
            names = "--seeds",
            paramLabel = "N",
            description = "Fresh seeds per schedule for --confirm (default: the study's confirm_seeds, or 3).")
    @Nullable
    Integer seeds;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            description = "Worker processes training at once for --confirm (default: 2).")
    int jobs = 2;

    @Override
    public Integer call() {
        if (seeds != null && (seeds < 1 || seeds > 20)) {
            throw new UserError("--seeds (" + seeds + ") must be in [1, 20]");
        }
        if (jobs < 1 || jobs > 256) {
            throw new UserError("--jobs (" + jobs + ") must be in [1, 256]");
        }
        if (!confirm && seeds != null) {
            throw new UserError("--seeds goes with --confirm");
        }
        String url = StoredStudy.storageUrl(storage.given());
        PrintWriter stdout = spec.commandLine().getOut();
        if (evidence != null && !Files.isRegularFile(evidence)) {
            throw new UserError("--evidence (" + evidence + "): no such file");
        }
        try (Storage s = StudyStorage.open(url, false)) {
            StoredStudy stored = StoredStudy.load(s, url, study);
            if (confirm) {
                confirm(s, stored, stdout);
                stored = StoredStudy.load(s, url, study);
            }
            Path folder = out != null ? out : Path.of("schedtune-runs", StudyConfigReader.safeFileName(study));
            if (stored.systemAttrs.get(StudyAttrs.PBT) instanceof Map<?, ?> pbt) {
                if (confirm) {
                    throw new UserError("--confirm: study '" + study + "' is a population-based training study;"
                            + " its replay check runs with schedtune pbt (confirm_seeds)");
                }
                writePbtReport(stored, pbt, folder, stdout);
                return 0;
            }
            StudyResults results = stored.results();
            Path ev = evidence;
            if (ev == null && Files.isRegularFile(folder.resolve("evidence.json"))) {
                ev = folder.resolve("evidence.json");
            }
            try {
                Files.createDirectories(folder);
                Map<Integer, Path> configs = ResultFiles.writeConfigs(results, folder);
                Path pareto = ResultFiles.writeParetoJson(results, folder, StudyStorage.display(url), configs);
                Path report = folder.resolve("report.html");
                SafeFiles.write(report, HtmlReport.render(results, stored.checkpoints(), ev));
                stdout.println("wrote " + report);
                stdout.println("wrote " + pareto);
                if (!configs.isEmpty()) {
                    stdout.println("wrote " + configs.size() + " schedule configs in " + folder.resolve("configs"));
                } else {
                    stdout.println("no schedule configs: the best trials recorded no schedule (the study was not"
                            + " made by schedtune tune)");
                }
            } catch (IOException e) {
                throw new UserError("--out (" + folder + ") cannot be written: " + e.getMessage(), e);
            }
            stdout.flush();
        }
        return 0;
    }

    /** The report of a study made by {@code schedtune pbt}, from its stored steps. */
    private static void writePbtReport(StoredStudy stored, Map<?, ?> pbt, Path folder, PrintWriter stdout) {
        List<MemberRecord> records = Population.records(stored.systemAttrs);
        StudyDirection direction = stored.record.directions().get(0);
        int generations = ((Number) pbt.get("generations")).intValue();
        // the lineage and its schedule once the last generation is recorded; before, the population only
        List<MemberRecord> lineage =
                !records.isEmpty() && records.get(records.size() - 1).generation() == generations - 1
                        ? Population.lineage(records, direction)
                        : List.of();
        List<Baseline> baselines = new ArrayList<>();
        for (Object b : (List<?>) pbt.get("baselines")) {
            Map<?, ?> m = (Map<?, ?>) b;
            @SuppressWarnings("unchecked")
            Map<String, ?> schedule = (Map<String, ?>) m.get("schedule");
            baselines.add(Baseline.of(String.valueOf(m.get("name")), schedule));
        }
        List<String> objectives = StoredStudy.objectiveNames(stored.systemAttrs);
        String html = PbtReport.render(new PbtReport.Run(
                stored.record.name(),
                objectives.isEmpty() ? "objective" : objectives.get(0),
                direction,
                ((Number) pbt.get("steps_per_epoch")).intValue(),
                ((Number) pbt.get("epochs")).intValue(),
                records,
                lineage,
                baselines,
                null));
        Path report = folder.resolve("report.html");
        try {
            Files.createDirectories(folder);
            SafeFiles.write(report, html);
        } catch (IOException e) {
            throw new UserError("--out (" + folder + ") cannot be written: " + e.getMessage(), e);
        }
        stdout.println("wrote " + report + " (a population-based training study: " + records.size() + " steps"
                + (lineage.isEmpty() ? ", not finished" : "") + ")");
        stdout.flush();
    }

    private void confirm(Storage s, StoredStudy stored, PrintWriter stdout) {
        Object text = stored.systemAttrs.get(StudyAttrs.CONFIG);
        if (!(text instanceof String)) {
            throw new UserError("--confirm: study '" + study + "' was not made by schedtune tune (it has no stored"
                    + " study config), so there is no task and model to re-train its trials on");
        }
        StudyConfig config;
        try {
            config = StudyConfigReader.parse(
                    (String) text,
                    ConfigFormat.JSON,
                    "the stored config of study '" + study + "'",
                    Path.of(""),
                    KindRegistry.builtIn());
        } catch (IllegalArgumentException e) {
            throw new UserError(
                    "--confirm: the stored config of study '" + study + "' cannot be used here: " + e.getMessage(), e);
        }
        int n = seeds != null ? seeds : config.confirmSeeds() > 0 ? config.confirmSeeds() : 3;
        try (WorkerPool pool = WorkerPool.builder().workers(jobs).build()) {
            ScheduleTuning tuning = config.tuning(pool, StopSignal.NEVER);
            Study loaded = Study.load(study, s);
            ConfirmationRun.run(
                    stdout, loaded, tuning, stored.results(), n, config.task().load());
            stdout.println();
        }
    }
}
