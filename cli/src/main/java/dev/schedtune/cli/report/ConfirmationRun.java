package dev.schedtune.cli.report;

import dev.schedtune.search.Study;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.tuning.ScheduleTuning;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Confirms a study's answer on the test split, as {@code tune} does after its search and {@code report
 * --confirm} does for a stored study: the Pareto trials and the baselines not yet confirmed with these
 * seeds are re-trained with fresh seeds and judged on held-out data, one line per schedule as it ends.
 */
public final class ConfirmationRun {
    private ConfirmationRun() {}

    /** Runs what is missing and returns the time it took (zero when nothing was to do). */
    public static Duration run(
            PrintWriter out, Study study, ScheduleTuning tuning, StudyResults results, int seeds, Task task) {
        if (seeds == 0) {
            return Duration.ZERO;
        }
        if (task.test().isEmpty()) {
            out.println();
            out.println("No test split: task " + tuning.task().kind() + " has none (give it test_fraction, or"
                    + " test_path for a CSV task), so the results are not confirmed on held-out data.");
            return Duration.ZERO;
        }
        List<Long> wanted = tuning.confirmationSeeds(seeds);
        List<FrozenTrial> trials = results.toConfirm().stream()
                .filter(t -> results.confirmation(t)
                        .map(c -> !c.seeds().equals(wanted))
                        .orElse(true))
                .toList();
        if (trials.isEmpty()) {
            return Duration.ZERO;
        }
        long start = System.nanoTime();
        out.println();
        out.println("Confirming on the test split (" + task.test().get().size() + " rows the search never saw): "
                + trials.size() + (trials.size() == 1 ? " schedule" : " schedules")
                + " (Pareto trials and baselines), each re-trained with " + seeds + " fresh seeds ...");
        out.flush();
        tuning.confirm(study, trials, seeds, c -> {
            FrozenTrial t = study.trial(c.trial());
            out.println(String.format(
                    Locale.ROOT,
                    "  #%-4d %-36s %s  test loss %s  %.1f s",
                    c.trial(),
                    (results.isBaseline(t) ? "baseline: " : "") + results.family(t),
                    c.testAccuracy().n() == 0 || Double.isNaN(c.testAccuracy().mean())
                            ? ""
                            : "test accuracy " + ParetoTable.meanSd(c.testAccuracy(), true),
                    ParetoTable.meanSd(c.testLoss(), false),
                    c.seconds().mean()));
            out.flush();
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
