package dev.schedtune.cli.study;

import dev.schedtune.cli.report.ParetoTable;
import dev.schedtune.cli.report.StudyResults;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code schedtune show STUDY}: one study's state and best trials. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {"Show a study: trials by state, hypervolume, the Pareto front (or best trial)."},
        footer = {
            "",
            "Examples:",
            "  schedtune show fashion-schedules",
            "  schedtune show my-study --storage runs/study.db --all"
        })
public final class ShowCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
    String study = "";

    /** --storage or --storage-file (default: $SCHEDTUNE_STORAGE, else {@value StoredStudy#DEFAULT_STORAGE}). */
    @Mixin
    StorageOption storage = new StorageOption();

    @Option(names = "--all", description = "Also list every trial.")
    boolean all;

    @Override
    public Integer call() {
        String url = StoredStudy.storageUrl(storage.given());
        PrintWriter out = spec.commandLine().getOut();
        try (Storage s = StudyStorage.open(url, false)) {
            StoredStudy stored = StoredStudy.load(s, url, study);
            StudyResults r = stored.results();
            out.println("study '" + StudiesCommand.oneLine(r.studyName()) + "' in " + StudyStorage.display(url));
            List<String> objectives = new ArrayList<>();
            for (int i = 0; i < r.objectiveNames().size(); i++) {
                objectives.add(StudiesCommand.oneLine(r.objectiveNames().get(i)) + " ("
                        + r.directions().get(i).name().toLowerCase(Locale.ROOT) + ")");
            }
            out.println("  objectives: " + String.join(", ", objectives));
            out.println("  trials: " + r.trials().size() + " (" + r.count(TrialState.COMPLETE) + " complete, "
                    + r.count(TrialState.PRUNED) + " pruned, " + r.failed() + " failed, " + r.interrupted()
                    + " interrupted, " + r.count(TrialState.RUNNING) + " running, " + r.count(TrialState.WAITING)
                    + " waiting)");
            if (r.isMultiObjective() && !Double.isNaN(r.hypervolume())) {
                out.println(String.format(
                        Locale.ROOT,
                        "  hypervolume: %.4f (objectives normalised over the feasible complete trials, reference %.1f)",
                        r.hypervolume(),
                        StudyResults.REFERENCE));
            }
            out.println();
            out.println(r.isMultiObjective() ? "Pareto front:" : "Best trial:");
            out.print(ParetoTable.render(r, "  "));
            if (all) {
                out.println();
                out.println("All trials:");
                List<String> lines = new ArrayList<>();
                lines.add("  #\tstate\tfamily\tparameters\tvalues\tnote");
                for (FrozenTrial t : r.trials()) {
                    StringBuilder values = new StringBuilder();
                    if (t.values() != null) {
                        for (int i = 0; i < t.values().length(); i++) {
                            values.append(i == 0 ? "" : " ")
                                    .append(StudyResults.format(t.values().get(i)));
                        }
                    }
                    String note = t.state() == TrialState.FAIL
                            ? StudiesCommand.oneLine(StudyResults.failReason(t))
                            : r.front().contains(t) ? "best" : "";
                    lines.add("  " + t.number() + "\t" + t.state().name().toLowerCase(Locale.ROOT) + "\t"
                            + StudiesCommand.oneLine(r.family(t)) + "\t"
                            + StudiesCommand.oneLine(paramsText(r, t)) + "\t" + values + "\t" + note);
                }
                out.print(Columns.align(lines));
            }
            out.flush();
        }
        return 0;
    }

    private static String paramsText(StudyResults r, FrozenTrial t) {
        StringBuilder b = new StringBuilder();
        r.keyParams(t)
                .forEach((k, v) -> b.append(b.length() == 0 ? "" : " ")
                        .append(k)
                        .append('=')
                        .append(StudyResults.format(v)));
        return b.toString();
    }
}
