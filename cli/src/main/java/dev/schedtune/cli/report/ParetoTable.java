package dev.schedtune.cli.report;

import dev.schedtune.search.FrozenTrial;
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
                row.add(results.family(t));
            }
            row.add(params(results.keyParams(t)));
            Object epochs = t.userAttrs().get("epochs");
            row.add(epochs == null ? "" : epochs.toString());
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
}
