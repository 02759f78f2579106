package dev.schedtune.cli.study;

import dev.schedtune.cli.UserError;
import dev.schedtune.cli.files.SafeFiles;
import dev.schedtune.cli.report.ConfirmationRun;
import dev.schedtune.cli.report.HtmlReport;
import dev.schedtune.cli.report.ResultFiles;
import dev.schedtune.cli.report.StudyResults;
import dev.schedtune.cli.tune.config.StudyConfig;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.search.Study;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.tuning.ScheduleTuning;
import dev.schedtune.trainers.tuning.StopSignal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
            "re-trains the Pareto trials and baselines on the test split (fresh seeds)."
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
            StudyResults results = stored.results();
            Path folder = out != null ? out : Path.of("schedtune-runs", StudyConfigReader.safeFileName(study));
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
