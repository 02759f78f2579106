package dev.schedtune.cli.report;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.trainers.tuning.Confirmation;
import dev.schedtune.trainers.tuning.TrialRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The best trials as a text table: trial, family, key parameters, epochs, then each objective and the
 * accuracy. For a study with several objectives these are the Pareto trials, fastest first.
 */
public final class ParetoTable {
    private ParetoTable() {}

    public static String render(StudyResults results, String indent) {
        List<FrozenTrial> front = results.front();
        if (front.isEmpty()) {
            return indent + "(no complete trial yet)\n";
        }
        List<String> headers = new ArrayList<>(List.of("trial"));
        boolean families = front.stream().anyMatch(t -> !results.family(t).isEmpty());
        if (families) {
            headers.add("family");
        }
        headers.add("key parameters");
        headers.add("epochs");
        List<String> objectives = results.objectiveNames();
        for (String o : objectives) {
            headers.add(o.replace('_', ' '));
        }
        boolean accuracy = !objectives.contains("accuracy")
                && front.stream().anyMatch(t -> !Double.isNaN(StudyResults.accuracy(t)));
        if (accuracy) {
            headers.add("accuracy");
        }
        boolean[] right = new boolean[headers.size()];
        for (int i = headers.indexOf("epochs"); i < right.length; i++) {
            right[i] = true;
        }
        right[0] = true;
        TextTable table = new TextTable(headers, right);
        for (FrozenTrial t : front) {
            List<String> row = new ArrayList<>();
            row.add("#" + t.number());
            if (families) {
                row.add(results.isBaseline(t) ? "baseline: " + results.family(t) : results.family(t));
            }
            row.add(params(results.keyParams(t)));
            row.add(epochs(t));
            for (int i = 0; i < objectives.size(); i++) {
                row.add(objectiveCell(
                        objectives.get(i),
                        t.values() == null ? Double.NaN : t.values().get(i)));
            }
            if (accuracy) {
                double a = StudyResults.accuracy(t);
                row.add(Double.isNaN(a) ? "" : String.format(Locale.ROOT, "%.2f %%", 100 * a));
            }
            table.row(row);
        }
        return table.render(indent);
    }

    /**
     * The test-split comparison: every confirmed Pareto trial and baseline with its test accuracy, test
     * loss and training seconds (mean ± sd over the fresh seeds), and each tuned schedule's difference to
     * the best baseline with the standard error of that difference.
     */
    public static String renderComparison(TestComparison c, String indent) {
        boolean acc = c.byAccuracy();
        List<String> headers = new ArrayList<>(List.of("schedule", "epochs"));
        if (acc) {
            headers.add("test accuracy");
        }
        headers.add("test loss");
        headers.add("seconds");
        if (acc) {
            headers.add("accuracy vs best baseline");
        }
        headers.add("loss vs best baseline");
        headers.add("");
        boolean[] right = new boolean[headers.size()];
        for (int i = 1; i < right.length - 1; i++) {
            right[i] = true;
        }
        TextTable table = new TextTable(headers, right);
        List<TestComparison.Row> rows = new ArrayList<>(c.tuned());
        rows.addAll(c.baselines());
        for (TestComparison.Row r : rows) {
            List<String> row = new ArrayList<>();
            row.add(r.baseline() ? "baseline: " + r.label() : r.label());
            row.add(Integer.toString(r.confirmation().epochs()));
            if (acc) {
                row.add(meanSd(r.accuracy(), true));
            }
            row.add(meanSd(r.loss(), false));
            row.add(String.format(Locale.ROOT, "%.1f s", r.seconds().mean()));
            boolean best = c.bestBaseline()
                    .map(b -> b.trial().number() == r.trial().number())
                    .orElse(false);
            if (r.baseline()) {
                if (acc) {
                    row.add("");
                }
                row.add("");
                row.add(best ? "best baseline" : "");
            } else {
                if (acc) {
                    row.add(c.accuracyGain(r)
                            .map(g -> String.format(Locale.ROOT, "%+.2f ± %.2f pts", 100 * g[0], 100 * g[1]))
                            .orElse(""));
                }
                row.add(c.lossGain(r)
                        .map(g -> String.format(Locale.ROOT, "%+.4f ± %.4f", g[0], g[1]))
                        .orElse(""));
                List<String> marks = new ArrayList<>();
                if (c.isBetter(r)) {
                    marks.add("better model");
                }
                if (c.isSooner(r)) {
                    marks.add(String.format(Locale.ROOT, "as good in %.2fx the time", c.timeRatio(r)));
                }
                row.add(String.join(", ", marks));
            }
            table.row(row);
        }
        return table.render(indent);
    }

    /** Mean ± sample sd: an accuracy in %, a loss to 4 decimals. */
    public static String meanSd(Confirmation.Stats s, boolean percent) {
        if (s.n() == 0) {
            return "n/a";
        }
        if (percent) {
            return Double.isNaN(s.sd())
                    ? String.format(Locale.ROOT, "%.2f %%", 100 * s.mean())
                    : String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * s.mean(), 100 * s.sd());
        }
        return Double.isNaN(s.sd())
                ? String.format(Locale.ROOT, "%.4f", s.mean())
                : String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.sd());
    }

    /** An objective value as the tables print it: seconds with "s", accuracy in %, losses to 4 decimals. */
    public static String objectiveCell(String name, double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return switch (name) {
            case "seconds" -> String.format(Locale.ROOT, "%.2f s", v);
            case "accuracy" -> String.format(Locale.ROOT, "%.2f %%", 100 * v);
            default -> String.format(Locale.ROOT, "%.4f", v);
        };
    }

    static String params(Map<String, @Nullable Object> params) {
        return params.entrySet().stream()
                .filter(e -> !e.getKey().equals("epochs"))
                .map(e -> e.getKey() + "=" + StudyResults.format(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    /**
     * The epochs a trial trained: as recorded by {@code schedtune tune}, else its {@code epochs} parameter (a
     * study made through the API or by Optuna); empty if neither says.
     */
    static String epochs(FrozenTrial t) {
        java.util.OptionalInt recorded = TrialRecord.from(t).epochs();
        if (recorded.isPresent()) {
            return Integer.toString(recorded.getAsInt());
        }
        Object param = t.params().get("epochs");
        if (param instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Long.toString(n.longValue());
        }
        return "";
    }
}
