package dev.schedtune.cli.report;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.trainers.tuning.Confirmation;
import dev.schedtune.trainers.tuning.Confirmation.Stats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Does tuning pay? The study's Pareto trials against its baselines on the test split, each re-trained with
 * fresh seeds ({@link Confirmation}). The best baseline is chosen after the fact (highest mean test
 * accuracy; lowest test loss for regression), which favours the baselines. A tuned schedule is a
 * <em>better model</em> when its test accuracy beats the best baseline's by more than two standard errors
 * of the difference and its test loss is lower; it gives <em>the same model sooner</em> when its mean test
 * accuracy reaches the best baseline's in at most {@value #SOONER} of its training time.
 */
public final class TestComparison {
    /** "Sooner" means at most this fraction of the best baseline's training seconds. */
    public static final double SOONER = 0.7;

    /** Standard errors a difference must exceed to count. */
    public static final double SIGNIFICANCE = 2;

    /** One schedule's test figures. */
    public record Row(FrozenTrial trial, String label, boolean baseline, Confirmation confirmation) {
        public Stats accuracy() {
            return confirmation.testAccuracy();
        }

        public Stats loss() {
            return confirmation.testLoss();
        }

        public Stats seconds() {
            return confirmation.seconds();
        }
    }

    private final List<Row> tuned;
    private final List<Row> baselines;
    private final @Nullable Row best;
    private final boolean byAccuracy;

    private TestComparison(List<Row> tuned, List<Row> baselines, boolean byAccuracy) {
        this.tuned = List.copyOf(tuned);
        this.baselines = List.copyOf(baselines);
        this.byAccuracy = byAccuracy;
        Comparator<Row> order = byAccuracy
                ? Comparator.comparingDouble((Row r) -> r.accuracy().mean())
                : Comparator.comparingDouble((Row r) -> -r.loss().mean());
        this.best = baselines.stream()
                .filter(r -> Double.isFinite(
                        byAccuracy ? r.accuracy().mean() : r.loss().mean()))
                .max(order)
                .orElse(null);
    }

    /** The comparison of a study's results (its confirmed Pareto trials and baselines). */
    public static TestComparison of(StudyResults results) {
        List<Row> tuned = new ArrayList<>();
        for (FrozenTrial t : results.front()) {
            if (!results.isBaseline(t)) {
                results.confirmation(t).ifPresent(c -> tuned.add(new Row(t, label(results, t), false, c)));
            }
        }
        List<Row> baselines = new ArrayList<>();
        for (FrozenTrial t : results.baselines()) {
            results.confirmation(t).ifPresent(c -> baselines.add(new Row(t, results.family(t), true, c)));
        }
        // a classification task is judged by accuracy even when only baselines are on the front
        boolean byAccuracy = java.util.stream.Stream.concat(tuned.stream(), baselines.stream())
                .anyMatch(r -> Double.isFinite(r.accuracy().mean()));
        return new TestComparison(tuned, baselines, byAccuracy);
    }

    private static String label(StudyResults results, FrozenTrial t) {
        String family = results.family(t);
        return "#" + t.number() + (family.isEmpty() ? "" : " " + family);
    }

    /** Whether there is anything to compare (confirmed tuned trials). */
    public boolean isEmpty() {
        return tuned.isEmpty() && baselines.isEmpty();
    }

    public List<Row> tuned() {
        return tuned;
    }

    public List<Row> baselines() {
        return baselines;
    }

    /** The best baseline on the test split, chosen after the fact. */
    public Optional<Row> bestBaseline() {
        return Optional.ofNullable(best);
    }

    /** Whether rows are ranked by accuracy (classification) or by loss (regression). */
    public boolean byAccuracy() {
        return byAccuracy;
    }

    /** {@code row}'s test accuracy minus the best baseline's, with its standard error; empty without one. */
    public Optional<double[]> accuracyGain(Row row) {
        return best == null || !byAccuracy
                ? Optional.empty()
                : Optional.of(row.accuracy().minus(best.accuracy()));
    }

    /** {@code row}'s test loss minus the best baseline's (negative is better), with its standard error. */
    public Optional<double[]> lossGain(Row row) {
        return best == null ? Optional.empty() : Optional.of(row.loss().minus(best.loss()));
    }

    /** Seconds of {@code row} over the best baseline's (mean training time). */
    public double timeRatio(Row row) {
        return best == null ? Double.NaN : row.seconds().mean() / best.seconds().mean();
    }

    /** Better model: higher accuracy (by > 2 SE) and lower loss; for regression, lower loss by > 2 SE. */
    public boolean isBetter(Row row) {
        Optional<double[]> loss = lossGain(row);
        if (loss.isEmpty() || !(loss.get()[0] < 0)) {
            return false;
        }
        if (!byAccuracy) {
            return -loss.get()[0] > SIGNIFICANCE * loss.get()[1];
        }
        double[] acc = accuracyGain(row).orElseThrow();
        return acc[0] > SIGNIFICANCE * acc[1];
    }

    /** The same model sooner: at least the best baseline's mean accuracy (or loss) in <= 0.7x its time. */
    public boolean isSooner(Row row) {
        if (best == null) {
            return false;
        }
        boolean asGood = byAccuracy
                ? row.accuracy().mean() >= best.accuracy().mean()
                : row.loss().mean() <= best.loss().mean();
        return asGood && timeRatio(row) <= SOONER;
    }

    /** One line: does tuning pay on the test split, and by how much. */
    public String verdict() {
        if (tuned.isEmpty()) {
            return baselines.isEmpty()
                    ? "nothing confirmed on the test split yet"
                    : "not shown on this run: no searched schedule is on the Pareto front (the baselines dominate them)";
        }
        if (best == null) {
            return "no confirmed baseline to compare with";
        }
        List<String> claims = new ArrayList<>();
        Row better = tuned.stream()
                .filter(this::isBetter)
                .max(Comparator.comparingDouble(
                        r -> byAccuracy ? r.accuracy().mean() : -r.loss().mean()))
                .orElse(null);
        if (better != null) {
            double[] g = byAccuracy
                    ? accuracyGain(better).orElseThrow()
                    : lossGain(better).orElseThrow();
            claims.add(String.format(
                    Locale.ROOT,
                    byAccuracy
                            ? "a better model: %s, %+.2f ± %.2f points of test accuracy"
                            : "a better model: %s," + " test loss %+.4f ± %.4f",
                    better.label(),
                    byAccuracy ? 100 * g[0] : g[0],
                    byAccuracy ? 100 * g[1] : g[1]));
        }
        Row sooner = tuned.stream()
                .filter(this::isSooner)
                .min(Comparator.comparingDouble(this::timeRatio))
                .orElse(null);
        if (sooner != null) {
            claims.add(String.format(
                    Locale.ROOT, "the same model sooner: %s in %.2fx the time", sooner.label(), timeRatio(sooner)));
        }
        if (claims.isEmpty()) {
            Row top = tuned.stream()
                    .max(Comparator.comparingDouble(
                            r -> byAccuracy ? r.accuracy().mean() : -r.loss().mean()))
                    .orElseThrow();
            double[] g =
                    byAccuracy ? accuracyGain(top).orElseThrow() : lossGain(top).orElseThrow();
            // a gain is good when positive for accuracy, when negative for loss
            double z = (byAccuracy ? g[0] : -g[0]) / g[1];
            String where = z > SIGNIFICANCE
                    ? "ahead, but not on both accuracy and loss"
                    : z < -SIGNIFICANCE
                            ? String.format(Locale.ROOT, "behind by more than %.0f standard errors", SIGNIFICANCE)
                            : String.format(Locale.ROOT, "within %.0f standard errors", SIGNIFICANCE);
            return String.format(
                    Locale.ROOT,
                    "not shown on this run: the best tuned schedule (%s) is %+.2f ± %.2f %s the best baseline (%s),"
                            + " %s, and no front schedule reaches it in <= %.1fx its time",
                    top.label(),
                    byAccuracy ? 100 * g[0] : g[0],
                    byAccuracy ? 100 * g[1] : g[1],
                    byAccuracy ? "points of test accuracy against" : "test loss against",
                    best.label(),
                    where,
                    SOONER);
        }
        return "tuning pays: " + String.join("; ", claims) + " (against " + best.label() + ", the best baseline)";
    }
}
