package dev.schedtune.cli.study;

import dev.schedtune.cli.report.Printable;
import dev.schedtune.cli.report.StudyResults;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.storage.StudySummary;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code schedtune studies}: the studies in a storage. */
@Command(
        name = "studies",
        mixinStandardHelpOptions = true,
        description = {"List the studies in a storage: objectives, trials by state, best trials."},
        footer = {
            "",
            "Examples:",
            "  schedtune studies",
            "  schedtune studies --storage runs/study.db",
            "  schedtune studies --storage sqlite:///runs/study.db"
        })
public final class StudiesCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    /** --storage or --storage-file (default: $SCHEDTUNE_STORAGE, else {@value StoredStudy#DEFAULT_STORAGE}). */
    @Mixin
    StorageOption storage = new StorageOption();

    @Override
    public Integer call() {
        String url = StoredStudy.storageUrl(storage.given());
        PrintWriter out = spec.commandLine().getOut();
        try (Storage s = StudyStorage.open(url, false)) {
            List<StudyRecord> studies = s.studies();
            if (studies.isEmpty()) {
                out.println(StudyStorage.display(url) + " holds no study.");
                out.flush();
                return 0;
            }
            out.print(Columns.align(rows(s, studies)));
            out.flush();
        }
        return 0;
    }

    /**
     * A header and one row per study, from {@link Storage#summary}: counts and the best trials' values,
     * never the studies' trials themselves (a storage may hold many large studies).
     */
    static List<String> rows(Storage s, List<StudyRecord> studies) {
        List<String> lines = new ArrayList<>();
        lines.add(
                String.join("\t", "study", "objectives", "trials", "complete", "pruned", "failed", "running", "best"));
        for (StudyRecord r : studies) {
            StudySummary summary = s.summary(r.studyId());
            List<String> names = StoredStudy.objectiveNames(s.studySystemAttrs(r.studyId()));
            StudyResults best = StudyResults.of(r.name(), summary.complete(), r.directions(), names, null);
            String objectives = r.directions().stream()
                    .map(d -> d == StudyDirection.MINIMIZE ? "min" : "max")
                    .collect(Collectors.joining(","));
            lines.add(String.join(
                    "\t",
                    oneLine(r.name()),
                    oneLine(String.join(",", best.objectiveNames())) + " (" + objectives + ")",
                    Long.toString(summary.total()),
                    Long.toString(summary.count(TrialState.COMPLETE)),
                    Long.toString(summary.count(TrialState.PRUNED)),
                    Long.toString(summary.count(TrialState.FAIL)),
                    Long.toString(summary.count(TrialState.RUNNING)),
                    best(best)));
        }
        return lines;
    }

    private static String best(StudyResults r) {
        if (r.front().isEmpty()) {
            return "-";
        }
        if (r.isMultiObjective()) {
            return r.front().size() + " on the Pareto front";
        }
        return String.format(
                Locale.ROOT,
                "#%d: %s",
                r.front().get(0).number(),
                StudyResults.format(r.front().get(0).value()));
    }

    static String oneLine(String s) {
        return Printable.oneLine(s);
    }
}
