package dev.schedtune.cli.study;

import dev.schedtune.cli.UserError;
import dev.schedtune.cli.report.HtmlReport;
import dev.schedtune.cli.report.ResultFiles;
import dev.schedtune.cli.report.StudyResults;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.search.storage.Storage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code schedtune report STUDY}: the HTML report and result files of a stored study. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write a study's report.html (one self-contained file), pareto.json and the",
            "schedule config of each Pareto trial, from its storage: also while it runs, and",
            "for studies made elsewhere (Optuna's, or through the API)."
        },
        footer = {
            "",
            "Examples:",
            "  schedtune report digits-schedules",
            "  schedtune report my-study --storage runs/study.db --out runs/my-study"
        })
public final class ReportCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
    String study = "";

    @Option(
            names = "--storage",
            paramLabel = "URL",
            description = "A SQLite file or storage URL (default: " + StoredStudy.DEFAULT_STORAGE + ").")
    @Nullable
    String storage;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: schedtune-runs/STUDY).")
    @Nullable
    Path out;

    @Option(names = "--evidence", paramLabel = "FILE", description = "Benchmark results (evidence.json) to include.")
    @Nullable
    Path evidence;

    @Override
    public Integer call() {
        String url = StoredStudy.storageUrl(storage);
        PrintWriter stdout = spec.commandLine().getOut();
        if (evidence != null && !Files.isRegularFile(evidence)) {
            throw new UserError("--evidence (" + evidence + "): no such file");
        }
        try (Storage s = StudyStorage.open(url, false)) {
            StoredStudy stored = StoredStudy.load(s, url, study);
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
                Files.writeString(report, HtmlReport.render(results, stored.checkpoints(), ev), StandardCharsets.UTF_8);
                stdout.println("wrote " + report);
                stdout.println("wrote " + pareto);
                if (!configs.isEmpty()) {
                    stdout.println("wrote " + configs.size() + " schedule configs in " + folder.resolve("configs"));
                }
            } catch (IOException e) {
                throw new UserError("--out (" + folder + ") cannot be written: " + e.getMessage(), e);
            }
            stdout.flush();
        }
        return 0;
    }
}
